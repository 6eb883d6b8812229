"""The form of a Børnehus' year: what the engine needs and the figures printed for the year.
It carries the version of the year's record and the values the user saw (`faelles.samtidighed`)."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

FELTER = (
    "sager",
    "timer_pr_sag",
    "effektive_timer_pr_uge",
    "loen_pr_aarsvaerk",
    "oevrige_udgifter",
    "budget",
    "trykt_kilde",
    "trykt_budget",
    "trykt_objektiv_finansiering",
    "trykt_til_fordeling",
    "trykt_takst_pr_sag",
    "trykt_behandleraarsvaerk",
    "bemaerkning",
)
"""The fields a save may write (the year is the URL's)."""


def _tal(label: str, maks: int, help_text: str = "", decimaler: int = 2) -> DanskDecimalField:
    return DanskDecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=maks,
        max_digits=14,
        decimal_places=decimaler,
        help_text=help_text,
    )


class AarForm(forms.Form):
    """One year's figures of a Børnehus."""

    version = versionsfelt()
    sager = forms.IntegerField(
        label="Forventede sager",
        min_value=1,
        max_value=100_000,
        help_text="Det sagstal, budgettet og taksten bygger på.",
    )
    timer_pr_sag = _tal("Timer pr. sag", 10_000, "Tomt: regelbogens budgetforudsætning (43 timer fra 2017).")
    effektive_timer_pr_uge = _tal(
        "Effektive sagsarbejdstimer pr. uge",
        80,
        "Tomt: regelbogens budgetforudsætning (23,11 timer fra 2017).",
    )
    loen_pr_aarsvaerk = _tal("Løn pr. behandlerårsværk, kr.", 10_000_000)
    oevrige_udgifter = _tal(
        "Øvrige udgifter, kr.", 10_000_000_000, "Ledelse, administration, bygninger, befordring, it mv."
    )
    budget = _tal(
        "Vedtaget budget, kr.",
        10_000_000_000,
        "Tomt: budgettet regnes af kapaciteten (løn og øvrige udgifter).",
    )
    trykt_kilde = Tekstfelt(
        label="Kilde til de trykte tal", max_length=300, required=False, validators=[ingen_cpr]
    )
    trykt_budget = _tal("Trykt budget, kr.", 10_000_000_000)
    trykt_objektiv_finansiering = _tal("Trykt objektiv finansiering, kr.", 10_000_000_000)
    trykt_til_fordeling = _tal("Trykt til fordeling pr. sag, kr.", 10_000_000_000)
    trykt_takst_pr_sag = _tal("Trykt takst pr. sag, kr.", 10_000_000_000)
    trykt_behandleraarsvaerk = _tal("Trykte behandlerårsværk", 10_000)
    bemaerkning = Tekstfelt(
        label="Bemærkning", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)
