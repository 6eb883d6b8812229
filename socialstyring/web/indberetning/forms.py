"""The rate report's forms: one row per service of the operator's open offers."""

from __future__ import annotations

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, ingen_cpr


class YdelsesaarForm(forms.Form):
    ydelse = forms.IntegerField(widget=forms.HiddenInput)
    pladser = DanskDecimalField(label="Pladser", required=False, max_digits=8, decimal_places=2)
    budgetteret_belaegning_pct = DanskDecimalField(
        label="Budgetteret belægning %", required=False, max_digits=6, decimal_places=2
    )
    takst = DanskDecimalField(label="Takst", required=False, max_digits=14, decimal_places=2)
    kilde_tekst = forms.CharField(label="Kilde", required=False, max_length=500, validators=[ingen_cpr])
    begrundelse = forms.CharField(
        label="Begrundelse",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 28}),
        validators=[ingen_cpr],
    )


YdelsesaarFormSet = forms.formset_factory(YdelsesaarForm, extra=0)
FORMSET_PREFIX = "y"
