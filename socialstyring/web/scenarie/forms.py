"""The forms of the scenario area: a set's name, year and order, and a change added to a
scenario. Both carry the set's version (a stale page is refused, `faelles.samtidighed`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.register.models import Maalgruppe, Ydelse
from socialstyring.web.scenarie.models import OVERHEADDEL_VALG, Art, Scenarie

SAETFELTER = ("navn", "aar", "stablet", "beskrivelse")
MED_MAALGRUPPE = (Art.TAKST_PCT, Art.TAKST_KR, Art.BELAEGNING, Art.AKTIVITET)


class SaetForm(forms.Form):
    navn = Tekstfelt(label="Navn", max_length=200, validators=[ingen_cpr])
    aar = forms.IntegerField(label="År (tilbuddenes tal i registret)", min_value=2007, max_value=2100)
    stablet = forms.BooleanField(
        label="Stablede scenarier (hvert scenarie lægges oven på det forrige)", required=False
    )
    beskrivelse = Tekstfelt(
        label="Beskrivelse", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
    )  # fmt: skip
    version = versionsfelt()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)


class AendringForm(forms.Form):
    """A change to an existing scenario of the set, or to a new one (its name)."""

    scenarie = forms.ModelChoiceField(
        label="Scenarie", queryset=Scenarie.objects.none(), required=False, empty_label="Nyt scenarie"
    )
    nyt_navn = Tekstfelt(label="Navn på nyt scenarie", max_length=120, required=False, validators=[ingen_cpr])
    art = forms.ChoiceField(label="Ændring", choices=Art.choices)
    vaerdi = DanskDecimalField(
        label="Værdi (procent, kr. pr. dag, procentpoint eller pladser; en nedsættelse er negativ)",
        min_value=-100_000, max_value=100_000, max_digits=12, decimal_places=2,
    )  # fmt: skip
    maalgruppe = forms.ModelChoiceField(
        label="Målgruppe (tom: alle)", queryset=Maalgruppe.objects.all(), required=False, empty_label="Alle"
    )
    ydelse = forms.ModelChoiceField(
        label="Ydelse (ved pladser)", queryset=Ydelse.objects.none(), required=False, empty_label="–"
    )
    overheaddel = forms.ChoiceField(
        label="Overheaddel (ved overhead)", choices=[("", "–"), *OVERHEADDEL_VALG], required=False
    )
    version = versionsfelt()

    def __init__(
        self, *args: Any, scenarier: QuerySet[Scenarie], ydelser: QuerySet[Ydelse], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenarie"].queryset = scenarier  # type: ignore[attr-defined]
        self.fields["ydelse"].queryset = ydelser  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        art = d.get("art")
        if d.get("scenarie") is None and not d.get("nyt_navn"):
            self.add_error("nyt_navn", "Vælg et scenarie, eller giv det nye scenarie et navn.")
        if d.get("maalgruppe") is not None and art not in MED_MAALGRUPPE:
            self.add_error("maalgruppe", "Denne ændring gælder alle tilbud; lad målgruppen være tom.")
        if (art == Art.KAPACITET) != (d.get("ydelse") is not None):
            self.add_error("ydelse", "Vælg ydelsen ved en ændring af pladser (og kun da).")
        if (art == Art.OVERHEAD) != bool(d.get("overheaddel")):
            self.add_error("overheaddel", "Vælg overheaddelen ved en ændring af overhead (og kun da).")
        v = d.get("vaerdi")
        if v is not None and art in (Art.TAKST_PCT, Art.BUDGET) and v <= -100:
            self.add_error("vaerdi", "En nedsættelse skal være mindre end 100 %.")
        if v is not None and art in (Art.OVERHEAD, Art.AKTIVITET) and not 0 <= v < 100:
            self.add_error("vaerdi", "Skriv en procent fra 0 til under 100.")
        return d
