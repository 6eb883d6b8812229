"""A tilbud's accounts for a year."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, ingen_cpr

FELTER = ("omkostninger", "takstindtaegter", "tillaegsindtaegter", "andre_indtaegter", "grundlag")


class RegnskabForm(forms.Form):
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
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), validators=[ingen_cpr]
    )

    def clean_grundlag(self) -> Decimal | None:
        v: Decimal | None = self.cleaned_data.get("grundlag")
        if v is not None and v <= 0:
            raise forms.ValidationError("Grundlaget skal være større end 0.")
        return v
