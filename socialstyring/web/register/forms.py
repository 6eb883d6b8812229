"""Forms of the register pages: editing an offer and setting its category by hand."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from socialstyring.beregning.kategori import MIN_BEGRUNDELSE_TEGN, Kategoriregel
from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import Tilbud

KATEGORIER = [(str(k), k.label) for k in Kategori]


class TilbudForm(forms.ModelForm):  # type: ignore[type-arg]
    """The offer's own data; its operator, services and yearly figures are edited elsewhere."""

    class Meta:
        model = Tilbud
        fields = ("navn", "maalgruppe", "paragraf", "takststruktur")
        labels: ClassVar[dict[str, str]] = {"maalgruppe": "Målgruppe", "paragraf": "Lovgrundlag"}

    def clean_navn(self) -> str:
        """The name is unique per operator (the operator is not on the form, so Django's
        own check of the constraint would skip it)."""
        navn = str(self.cleaned_data["navn"]).strip()
        andre = Tilbud.objects.filter(driftsherre_id=self.instance.driftsherre_id, navn=navn)
        if andre.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Driftsherren har allerede et tilbud med det navn.")
        return navn


class KategoriForm(forms.Form):
    """A manual category for one year, with its mandatory reason.

    When the stored trace says which rule computed the category, only the categories of
    that rule can be chosen (as in the engine's `Tilsidesaettelse`)."""

    tilsidesat = forms.ChoiceField(
        label="Manuel kategori",
        choices=KATEGORIER,
        error_messages={"invalid_choice": "Kategorien %(value)s findes ikke under rammeaftalens regel."},
    )
    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Skal udfyldes (mindst {MIN_BEGRUNDELSE_TEGN} tegn).",
        validators=[ingen_cpr],
    )

    def __init__(self, *args: Any, regel: Kategoriregel | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
