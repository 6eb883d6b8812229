"""The form for a year's manual category, with its mandatory reason."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.beregning.kategori import MIN_BEGRUNDELSE_TEGN, Kategoriregel
from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.web.faelles.felter import Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

KATEGORIER = [(str(k), k.label) for k in Kategori]


class KategoriForm(forms.Form):
    """A manual category for one year, with its mandatory reason.

    When the stored trace says which rule computed the category, only the categories of
    that rule can be chosen (as in the engine's `Tilsidesaettelse`)."""

    version = versionsfelt()
    tilsidesat = forms.ChoiceField(
        label="Manuel kategori",
        choices=KATEGORIER,
        error_messages={"invalid_choice": "Kategorien %(value)s findes ikke under rammeaftalens regel."},
    )
    begrundelse = Tekstfelt(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Skal udfyldes (mindst {MIN_BEGRUNDELSE_TEGN} tegn).",
        validators=[ingen_cpr],
    )

    def __init__(self, *args: Any, regel: Kategoriregel | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)
        if regel is not None:
            tilladte = {str(k) for k in regel.kategorier}
            felt = self.fields["tilsidesat"]
            assert isinstance(felt, forms.ChoiceField)
            felt.choices = [(v, t) for v, t in KATEGORIER if v in tilladte]

    def clean_begrundelse(self) -> str:
        tekst = str(self.cleaned_data["begrundelse"]).strip()
        if len(tekst) < MIN_BEGRUNDELSE_TEGN:
            raise forms.ValidationError(
                f"Begrundelsen skal være på mindst {MIN_BEGRUNDELSE_TEGN} tegn (den er på {len(tekst)})."
            )
        return tekst
