"""The form of the register's pages: editing an offer (its category by hand: `kategori.forms`)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from socialstyring.web.faelles.felter import Tekstfelt
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.register.models import Tilbud


class TilbudForm(forms.ModelForm):  # type: ignore[type-arg]
    """The offer's own data; its operator, services and yearly figures are edited elsewhere."""

    version = versionsfelt()

    class Meta:
        model = Tilbud
        fields = ("navn", "maalgruppe", "paragraf", "takststruktur")
        labels: ClassVar[dict[str, str]] = {"maalgruppe": "Målgruppe", "paragraf": "Lovgrundlag"}
        field_classes: ClassVar[dict[str, type[forms.Field]]] = {"navn": Tekstfelt}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        med_versioner(self)

    def clean_navn(self) -> str:
        """The name is unique per operator (the operator is not on the form, so Django's
        own check of the constraint would skip it)."""
        navn = str(self.cleaned_data["navn"]).strip()
        andre = Tilbud.objects.filter(driftsherre_id=self.instance.driftsherre_id, navn=navn)
        if andre.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Driftsherren har allerede et tilbud med det navn.")
        return navn
