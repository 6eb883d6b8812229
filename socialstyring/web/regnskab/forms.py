"""A tilbud's accounts for a year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

FELTER = ("omkostninger", "takstindtaegter", "tillaegsindtaegter", "andre_indtaegter", "grundlag")


class RegnskabForm(forms.Form):
    """The accounts; the form carries their version and the values the user saw, so a save
    writes only what the user changed and refuses a stale page (`faelles.samtidighed`)."""

    version = versionsfelt()
    omkostninger = DanskDecimalField(
        label="Omkostninger (omkostningsbaseret regnskab), kr.", min_value=0, max_digits=14, decimal_places=2
    )
    takstindtaegter = DanskDecimalField(
        label="Takstindtægter, kr.", min_value=0, max_digits=14, decimal_places=2
    )
    tillaegsindtaegter = DanskDecimalField(
        label="Tillægsindtægter (tillægsydelser og indskrivninger over 100 %), kr.",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    andre_indtaegter = DanskDecimalField(
        label="Andre indtægter, kr.", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    grundlag = DanskDecimalField(
        label="Grundlag for driftsherrens egen andel (5 %-reglen), kr.",
        max_digits=14,
        decimal_places=2,
        help_text="Regelbogen (efterregulering.grundlag) siger hvilket, fx det omkostningsbaserede budget.",
    )
    note = Tekstfelt(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), validators=[ingen_cpr]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)

    def clean_grundlag(self) -> Decimal | None:
        v: Decimal | None = self.cleaned_data.get("grundlag")
        if v is not None and v <= 0:
            raise forms.ValidationError("Grundlaget skal være større end 0.")
        return v
