"""The form for a year's figures of an objectively financed national offer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

DRIFT = ("budget", "finansierede_pladser", "belagte_pladser", "udgift")
BELOEB = ("landsplan_i_alt", "kr_pr_indbygger", *DRIFT, "trykt_kr_pr_indbygger", "trykt_region_i_alt",
          "trykt_landsplan_i_alt")  # fmt: skip
FELTER = (*BELOEB, "indbyggere_landet", "indbyggere_regionen", "kilde")
"""The fields a user may change (the form's, besides the version)."""

STOR = Decimal("999999999999")


def _beloeb(label: str, hjaelp: str = "") -> DanskDecimalField:
    return DanskDecimalField(
        label=label, required=False, min_value=Decimal(0), max_value=STOR, decimal_places=2, help_text=hjaelp
    )


class AarForm(forms.Form):
    """A year's figures: exactly one starting point, the inhabitants and the printed figures."""

    version = versionsfelt()
    landsplan_i_alt = _beloeb("Objektiv finansiering i alt på landsplan (kr.)", "Som dokumentet opgør det.")
    kr_pr_indbygger = _beloeb("Annonceret opkrævning pr. indbygger (kr.)", "Når beløbet i alt ikke kendes.")
    budget = _beloeb("Objektivt finansieret budget (kr.)", "Driftsherrens regnskab: alle fire felter.")
    finansierede_pladser = _beloeb("Finansierede pladser")
    belagte_pladser = _beloeb("Belagte pladser (gennemsnit)")
    udgift = _beloeb("Årets faktiske udgift (kr.)")
    indbyggere_landet = forms.IntegerField(
        label="Hele landets indbyggere 1. januar", min_value=1, max_value=10**8
    )
    indbyggere_regionen = forms.IntegerField(
        label="Regionens indbyggere 1. januar", min_value=1, max_value=10**8, required=False
    )
    trykt_kr_pr_indbygger = _beloeb("Trykt: kr. pr. indbygger")
    trykt_region_i_alt = _beloeb("Trykt: regionens kommuner i alt (kr.)")
    trykt_landsplan_i_alt = _beloeb("Trykt: i alt på landsplan (kr.)")
    kilde = Tekstfelt(
        label="Kilde",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
        help_text="Hvor tallene kommer fra (dokument, afsnit; folketal).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        drift = [d.get(f) is not None for f in DRIFT]
        if any(drift) and not all(drift):
            self.add_error(None, "Udfyld alle fire felter fra driftsherrens regnskab, eller ingen af dem.")
        givet = [all(drift), d.get("landsplan_i_alt") is not None, d.get("kr_pr_indbygger") is not None]
        if sum(givet) != 1:
            self.add_error(
                None,
                "Angiv præcis ét udgangspunkt: driftsherrens regnskab, beløbet i alt på landsplan eller "
                "den annoncerede opkrævning pr. indbygger.",
            )
        for f in ("landsplan_i_alt", "budget", "finansierede_pladser"):
            if d.get(f) == 0:
                self.add_error(f, "Skal være større end 0.")
        land, region = d.get("indbyggere_landet"), d.get("indbyggere_regionen")
        if land is not None and region is not None and region > land:
            self.add_error("indbyggere_regionen", "Regionen kan ikke have flere indbyggere end landet.")
        return d
