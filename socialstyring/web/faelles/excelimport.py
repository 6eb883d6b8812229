"""What every Excel import page shares: the upload form, its size limit and the result
shown (what changed, or every error naming file, sheet, row and column, or why the data
are locked). Each area's service does the import itself, all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from pydantic import ValidationError as PydanticValidationError
from simple_history.utils import update_change_reason

from socialstyring.io.excel import laesning
from socialstyring.io.excel.faelles import Fejl
from socialstyring.io.felter import erstat_ugyldige_tegn
from socialstyring.web.faelles.filsvar import XLSX
from socialstyring.web.faelles.samtidighed import sidst_gemt_af
from socialstyring.web.faelles.templatetags.dansk import kroner, procent, tal

GRUND = "Excel-import: {fil}"
"""The history's reason for a row saved by an import."""

MAKS_FILSTOERRELSE = laesning.MAKS_FILSTOERRELSE
"""An upload larger than this is not a template the app made (a full region is ~100 kB); the
Excel framework refuses it too, this refuses it before it is read into memory."""


class Importformular(forms.Form):
    """The upload. An empty file passes the form, so the Excel framework's error names it
    ("tom.xlsx: filen er tom"); the file's name loses any control character (it is shown in
    the errors and kept as the history's reason)."""

    fil = forms.FileField(
        label="Excel-fil (.xlsx)",
        allow_empty_file=True,
        error_messages={"required": "Vælg den udfyldte Excel-fil."},
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_fil(self) -> UploadedFile:
        fil: UploadedFile = self.cleaned_data["fil"]
        fil.name = erstat_ugyldige_tegn(fil.name or "", "").strip() or "filen"
        return fil


@dataclass(frozen=True)
class Feltaendring:
    """One field an import changed, as users read it: 'Takst: 1.811,00 kr. → 1.900,00 kr.'."""

    felt: str
    foer: str
    efter: str


@dataclass(frozen=True)
class Aendring:
    """A row an import changed ("Tilbud – Ydelse") and each of its changed fields."""

    hvad: str
    felter: tuple[Feltaendring, ...] = ()


BELOEB = (14, 2)  # a DecimalField of this size holds kroner (`register.models._beloeb`, the accounts)


def feltvaerdi(objekt: models.Model, felt: str, v: Any) -> str:
    """A field's value as users read it: kroner with øre, a percentage with '%', other
    numbers the Danish way, a choice by its label, nothing as '–'."""
    f = objekt._meta.get_field(felt)
    if v is None or (isinstance(v, str) and not v.strip()):
        return "–"
    if getattr(f, "choices", None):
        return str(dict(f.flatchoices).get(v, v))  # type: ignore[union-attr]
    if isinstance(f, models.DecimalField):
        if (f.max_digits, f.decimal_places) == BELOEB:
            return kroner(v)
        return procent(v) if felt.endswith("_pct") else tal(v)
    tekst = " ".join(str(v).split())
    return f'"{tekst}"' if len(tekst) <= 120 else f'"{tekst[:119]}…"'


def feltaendring(objekt: models.Model, felt: str, foer: Any, label: str | None = None) -> Feltaendring:
    """`felt` of `objekt` changed from `foer` to its value now, named by `label` or the field."""
    navn = label or capfirst(str(getattr(objekt._meta.get_field(felt), "verbose_name", felt)))
    return Feltaendring(navn, feltvaerdi(objekt, felt, foer), feltvaerdi(objekt, felt, getattr(objekt, felt)))


def aendring(objekt: models.Model, hvad: str, foer: Mapping[str, Any]) -> Aendring:
    """The row `hvad` an import changed: each field of `foer` from its value before (nothing,
    for a record not yet saved) to its value on `objekt` now."""
    ny = objekt.pk is None
    return Aendring(hvad, tuple(feltaendring(objekt, felt, None if ny else v) for felt, v in foer.items()))


@dataclass(frozen=True)
class Importresultat:
    """What an import did: nothing when `fejl` or `laast`, else the changed rows (services,
    or what `ental`/`flertal` name), each with its fields' old and new values."""

    fil: str
    fejl: tuple[Fejl, ...] = ()
    laast: str | None = None
    aendrede: tuple[Aendring, ...] = ()
    uaendrede: int = 0
    ental: str = "ydelse"
    flertal: str = "ydelser"

    @property
    def ok(self) -> bool:
        return not self.fejl and self.laast is None

    @property
    def opsummering(self) -> str:
        """'3 ydelser ændret, 9 uændrede'."""
        n = len(self.aendrede)
        return (
            f"{n} {self.ental if n == 1 else self.flertal} ændret, "
            f"{self.uaendrede} {'uændret' if self.uaendrede == 1 else 'uændrede'}"
        )


def for_stor(fil: UploadedFile) -> Importresultat | None:
    """The refusal of a file over the size limit (nothing of it is read), else None."""
    navn = fil.name or "filen"
    if fil.size is not None and fil.size > MAKS_FILSTOERRELSE:
        graense = MAKS_FILSTOERRELSE // (1024 * 1024)
        return Importresultat(navn, fejl=(Fejl(navn, f"filen er for stor (højst {graense} MB)"),))
    return None


def gem_importeret(objekt: models.Model, fil: str) -> None:
    """Save a row from an import, with the file as the history's reason."""
    objekt.save()
    update_change_reason(objekt, GRUND.format(fil=fil)[:100])


def valideringsfejl(
    fejl: ValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """A model's `full_clean` errors as `Fejl`, each in the column of its field."""
    return [
        Fejl(fil, besked, ark, raekke, kolonner.get(felt))
        for felt, beskeder in fejl.message_dict.items()
        for besked in beskeder
    ]


def motorfejl(
    fejl: PydanticValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """The engine's validation errors as `Fejl`, each in the column of its input if it has one."""
    ud = []
    for e in fejl.errors():
        felt = str(e["loc"][0]) if e["loc"] else ""
        besked = str(e["msg"]).removeprefix("Value error, ")
        ud.append(Fejl(fil, f"beregningen afviser tallene: {besked}", ark, raekke, kolonner.get(felt)))
    return ud


@dataclass(frozen=True)
class Importart:
    """What differs between the Excel import pages of a year's data (used days, accounts)."""

    titel: str  # "Brugte dage 2018"
    hent_url: str
    tilbage_url: str
    tilbage_tekst: str
    hjaelp: str
    filnavn: str
    importer: Callable[[bytes, str], Importresultat]  # (file's bytes, file name)


def importside(request: HttpRequest, kontekst: dict[str, Any], art: Importart) -> HttpResponse:
    """GET: the upload form. POST: import the file, all or nothing, and show what changed or
    every error (400). Access is checked by the caller."""
    kontekst = {**kontekst, "art": art}
    if request.method == "GET":
        kontekst["formular"] = Importformular()
        return render(request, "faelles/aarsdata_import.html", kontekst)
    formular = Importformular(request.POST, request.FILES)
    kontekst["formular"] = formular
    if not formular.is_valid():
        return render(request, "faelles/aarsdata_import.html", kontekst, status=400)
    fil = formular.cleaned_data["fil"]
    resultat = for_stor(fil) or art.importer(fil.read(), fil.name or "filen")
    kontekst["resultat"] = resultat
    return render(request, "faelles/aarsdata_import.html", kontekst, status=200 if resultat.ok else 400)


def aendret_efter_hentning(
    obj: models.Model, hentet: datetime | None, fil: str, ark: str, raekke: int | None, hvad: str
) -> list[Fejl]:
    """A stale file, like a stale form: an error when the stored record `obj` the file would
    change was saved after the template was made (`hentet`, from its metadata) — the import
    would overwrite that save. A new record, or one unchanged since, is no error."""
    if obj.pk is None or hentet is None:
        return []
    hvem, tidspunkt = sidst_gemt_af(obj)
    if tidspunkt is None or tidspunkt <= hentet:
        return []
    af = f" af {hvem}" if hvem else ""
    aendret = f"{timezone.localtime(tidspunkt):%d-%m-%Y kl. %H.%M}"
    hentes = f"{timezone.localtime(hentet):%d-%m-%Y kl. %H.%M}"
    return [
        Fejl(
            fil,
            f"{hvad} er ændret{af} {aendret}, efter filen blev hentet {hentes}; filen ville overskrive "
            "den ændring. Hent en ny skabelon, og skriv dine tal ind i den",
            ark,
            raekke,
        )
    ]
