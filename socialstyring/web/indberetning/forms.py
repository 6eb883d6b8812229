"""The rate report's forms: one row per service of the operator's open offers."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt


class YdelsesaarForm(forms.Form):
    """One service's row; it carries the row's version and the values the user saw, so a
    save writes only what the user changed and refuses a stale row (`faelles.samtidighed`)."""

    ydelse = forms.IntegerField(widget=forms.HiddenInput)
    version = versionsfelt()
    pladser = DanskDecimalField(label="Pladser", required=False, max_digits=8, decimal_places=2)
    budgetteret_belaegning_pct = DanskDecimalField(
        label="Budgetteret belægning %", required=False, max_digits=6, decimal_places=2
    )
    takst = DanskDecimalField(label="Takst", required=False, max_digits=14, decimal_places=2)
    kilde_tekst = Tekstfelt(label="Kilde", required=False, max_length=500, validators=[ingen_cpr])
    begrundelse = Tekstfelt(
        label="Begrundelse",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 28}),
        validators=[ingen_cpr],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)


REDIGERBARE = ("pladser", "budgetteret_belaegning_pct", "takst", "kilde_tekst", "begrundelse")
"""The row's fields the user edits (the rate only when it is not computed)."""


YdelsesaarFormSet = forms.formset_factory(YdelsesaarForm, extra=0)
FORMSET_PREFIX = "y"
