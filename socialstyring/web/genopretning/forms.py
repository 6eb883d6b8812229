"""The plan's forms. Figures in the plan's unit (1.000 kr.; a target and a saving negative).
A table of figures is a list of cells (`Celle`), each its own record with its own version, so
a stale page is refused only for the cells the user changed (`faelles.samtidighed`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.genopretning.models import GRAENSE, STATUS_VALG
from socialstyring.web.register.models import MAKS_AAR, MIN_AAR


@dataclass(frozen=True)
class Celle:
    """One figure of a table: the record it is (`model` found by `noegle`, value in `attr`),
    its field on the form, the label a screen reader reads, and what is stored now."""

    felt: str
    label: str
    model: type[models.Model]
    noegle: dict[str, int]
    attr: str
    vaerdi: Decimal | None
    version: int
    paakraevet: bool = False
    maks: int = GRAENSE
    raekke: str = field(default="", compare=False)  # the table's row and column, for the template
    kolonne: str = field(default="", compare=False)

    @property
    def versionsfelt(self) -> str:
        return f"{self.felt}_version"


def _beloeb(label: str, paakraevet: bool = False, maks: int = GRAENSE) -> DanskDecimalField:
    return DanskDecimalField(
        label=label, required=paakraevet, min_value=-GRAENSE, max_value=maks, max_digits=14, decimal_places=3
    )


def tilfoej_celler(form: forms.BaseForm, celler: list[Celle]) -> None:
    """Add each cell's figure and version to `form` (before `med_versioner`)."""
    for c in celler:
        form.fields[c.felt] = _beloeb(c.label, c.paakraevet, c.maks)
        form.fields[c.felt].initial = c.vaerdi
        form.fields[c.versionsfelt] = versionsfelt()
        form.fields[c.versionsfelt].initial = c.version


class Celleform(forms.Form):
    """A form of cells only (the quarter follow-up)."""

    def __init__(self, celler: list[Celle], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tilfoej_celler(self, celler)
        med_versioner(self)


class NyPlanForm(forms.Form):
    navn = Tekstfelt(label="Planens navn", max_length=200, validators=[ingen_cpr])
    foerste_aar = forms.IntegerField(label="Første år", min_value=MIN_AAR, max_value=MAKS_AAR - 10)
    antal_aar = forms.IntegerField(label="Antal år", min_value=1, max_value=10, initial=4)
    beskrivelse = Tekstfelt(
        label="Beskrivelse", required=False, max_length=4000, validators=[ingen_cpr],
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


PLANFELTER = ("navn", "beskrivelse", "overfoer_manko")


class PlanForm(forms.Form):
    """The plan's name, description and carry-forward, and its years' targets and unallocated."""

    version = versionsfelt()
    navn = Tekstfelt(label="Planens navn", max_length=200, validators=[ingen_cpr])
    beskrivelse = Tekstfelt(
        label="Beskrivelse", required=False, max_length=4000, validators=[ingen_cpr],
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    overfoer_manko = forms.BooleanField(
        label="Et års manko overføres og lægges oveni næste års reduktionsmål",
        required=False,
        help_text="Planens egen beslutning (fx genopretningsplanen status april 2021, Økonomioversigt).",
    )

    def __init__(self, celler: list[Celle], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tilfoej_celler(self, celler)
        med_versioner(self)


INITIATIVFELTER = ("navn", "ansvarlig", "status", "note")


class InitiativForm(forms.Form):
    """An initiative and its expected effect per year of the plan."""

    version = versionsfelt()
    navn = Tekstfelt(label="Initiativ", max_length=200, validators=[ingen_cpr])
    ansvarlig = Tekstfelt(label="Ansvarlig", max_length=200, required=False, validators=[ingen_cpr])
    status = forms.ChoiceField(label="Status", choices=STATUS_VALG)
    note = Tekstfelt(
        label="Note", required=False, max_length=4000, validators=[ingen_cpr],
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, celler: list[Celle], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tilfoej_celler(self, celler)
        med_versioner(self)


class NytAarForm(forms.Form):
    """A year added after the plan's last: its reduction target and unallocated effect. Carries
    the plan's version (a page opened before another change of the plan is refused)."""

    version = versionsfelt()
    maal = _beloeb("Reduktionsmål", paakraevet=True, maks=0)
    ufordelt = _beloeb("Forventet, men p.t. ufordelt")
