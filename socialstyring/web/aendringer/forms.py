"""The form of an in-year change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.aendringer.models import AENDRINGSTYPE_VALG
from socialstyring.web.faelles.felter import DanskDecimalField, Datofelt, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import versionsfelt
from socialstyring.web.register.models import Tilbud, Ydelse


class Ydelsesvalg(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.navn)


class AendringForm(forms.Form):
    type = forms.ChoiceField(label="Type af ændring", choices=AENDRINGSTYPE_VALG)
    ydelse = Ydelsesvalg(
        label="Ydelse",
        queryset=Ydelse.objects.none(),
        required=False,
        empty_label="Hele tilbuddet (kun ved lukning)",
    )
    begrundelse = Tekstfelt(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Hvorfor ændringen er nødvendig, og hvordan den påvirker serviceniveauet.",
        validators=[ingen_cpr],
    )
    gammel_takst = DanskDecimalField(
        label="Takst før (kr.)", required=False, min_value=Decimal("0.01"), max_digits=14, decimal_places=2,
        help_text="Tom: registerets takst for året.",
    )  # fmt: skip
    ny_takst = DanskDecimalField(
        label="Takst efter (kr.)", required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    gamle_pladser = DanskDecimalField(
        label="Pladser før", required=False, min_value=Decimal(0), max_digits=8, decimal_places=2,
        help_text="Tom: registerets pladser for året.",
    )  # fmt: skip
    nye_pladser = DanskDecimalField(
        label="Pladser efter", required=False, min_value=Decimal(0), max_digits=8, decimal_places=2
    )
    beslutningsdato = forms.DateField(label="Beslutningsdato", widget=Datofelt())
    oensket_ikrafttraedelse = forms.DateField(
        label="Ønsket ikrafttrædelse",
        widget=Datofelt(),
        help_text="Ligger datoen før det tidligst tilladte, flyttes ændringen dertil. "
        "Ved lukning: den sidste dag, tilbuddet er åbent.",
    )

    def __init__(self, tilbud: Tilbud, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        felt = self.fields["ydelse"]
        assert isinstance(felt, forms.ModelChoiceField)
        felt.queryset = tilbud.ydelser.order_by("navn")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("type") and data.get("type") != Aendringstype.LUKNING and data.get("ydelse") is None:
            self.add_error(
                "ydelse", "Vælg den ydelse, ændringen gælder (kun en lukning gælder hele tilbuddet)."
            )
        return data


class AfgoerelseForm(forms.Form):
    """The decision on a filed change: its date, who decided, and a note; the change's
    version (the page the user saw)."""

    version = versionsfelt()
    afgoerelsesdato = forms.DateField(label="Beslutningens dato", widget=Datofelt())
    besluttet_af = Tekstfelt(
        label="Besluttet af",
        max_length=200,
        validators=[ingen_cpr],
        help_text="Fx Socialdirektørforum, KKR eller kommunens udvalg.",
    )
    note = Tekstfelt(
        label="Bemærkning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[ingen_cpr],
    )
