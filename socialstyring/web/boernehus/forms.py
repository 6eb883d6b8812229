"""The form of a Børnehus' year: what the engine needs and the figures printed for the year.
It carries the version of the year's record and the values the user saw (`faelles.samtidighed`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.tal import Talfejl, laes_tal
from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr, ingen_styretegn
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

FELTER = (
    "sager",
    "timer_pr_sag",
    "effektive_timer_pr_uge",
    "effektive_timer_pr_aarsvaerk",
    "oevrige_aktiviteter",
    "loen_pr_aarsvaerk",
    "oevrige_udgifter",
    "budget",
    "trykt_kilde",
    "trykt_budget",
    "trykt_objektiv_finansiering",
    "trykt_til_fordeling",
    "trykt_takst_pr_sag",
    "trykt_behandleraarsvaerk",
    "trykt_timer_i_alt",
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


MAKS_AKTIVITETER = 50


class Aktivitetsfelt(Tekstfelt):
    """Hours spent besides the cases, one activity a line: "navn; antal; timer pr. stk."
    (e.g. "Kørsel; 40; 40" or "Afhøringer uden børnehussag; 130; 2,5"). The value is the list
    the year's record stores: [{"navn", "antal", "timer_pr_stk"}], the hours as a text so the
    stored JSON keeps them exact. A bad line is refused with its number."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                f"{a['navn']}; {a['antal']}; {dansk_tal(Decimal(a['timer_pr_stk']))}" for a in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        tekst = super().to_python(value) or ""
        ingen_styretegn(tekst)  # before the lines are split (splitlines breaks at some of them too)
        linjer = [(nr, x.strip()) for nr, x in enumerate(tekst.splitlines(), 1) if x.strip()]
        if len(linjer) > MAKS_AKTIVITETER:
            raise ValidationError(f"Højst {MAKS_AKTIVITETER} aktiviteter (der er {len(linjer)}).")
        ud = [_aktivitet(nr, linje) for nr, linje in linjer]
        navne = [slug(a["navn"]) for a in ud]
        if dobbelt := sorted({ud[i]["navn"] for i, n in enumerate(navne) if navne.count(n) > 1}):
            raise ValidationError(
                f"Hver aktivitet skal have sit eget navn: {', '.join(dobbelt)} står flere gange."
            )
        return ud

    def validate(self, value: Any) -> None:
        pass  # every line was checked by to_python; an empty list is no activities

    def run_validators(self, value: Any) -> None:
        for a in value:
            super().run_validators(a["navn"])


def _aktivitet(nr: int, linje: str) -> dict[str, Any]:
    dele = [d.strip() for d in linje.split(";")]
    if len(dele) != 3 or not dele[0]:
        raise ValidationError(
            f"Linje {nr}: skriv navn; antal; timer pr. stk. adskilt af semikolon (der står: {linje[:80]})."
        )
    navn, antal_tekst, timer_tekst = dele
    if len(navn) > 200:
        raise ValidationError(f"Linje {nr}: navnet må højst have 200 tegn.")
    ingen_cpr(navn)
    try:
        antal, timer = laes_tal(antal_tekst), laes_tal(timer_tekst)
    except (Talfejl, InvalidOperation) as fejl:
        raise ValidationError(f"Linje {nr}: {fejl}.") from None
    if antal != antal.to_integral_value() or not 0 <= antal <= 1_000_000:
        raise ValidationError(f"Linje {nr}: antallet skal være et helt tal mellem 0 og 1.000.000.")
    if not 0 <= timer <= 10_000 or timer.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(
            f"Linje {nr}: timer pr. stk. skal være mellem 0 og 10.000 med højst to decimaler."
        )
    return {"navn": navn, "antal": int(antal), "timer_pr_stk": format(timer.normalize(), "f")}


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
    effektive_timer_pr_aarsvaerk = _tal(
        "Effektive sagsarbejdstimer pr. årsværk",
        5_000,
        "Tomt: regnes af timerne pr. uge. Udfyldt: bruges i stedet for dem (fx 1.213 timer).",
    )
    oevrige_aktiviteter = Aktivitetsfelt(
        label="Øvrige aktiviteter",
        required=False,
        help_text="Timer ud over sagerne, én aktivitet pr. linje: navn; antal; timer pr. stk. "
        "(fx Kørsel; 40; 40).",
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
    trykt_timer_i_alt = _tal("Trykte timer i alt", 500_000)
    bemaerkning = Tekstfelt(
        label="Bemærkning", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)
