"""The Excel import page every area shares: the upload form, its size limit, and the page of
a year's data (used days, accounts) that shows what an import did (`resultat`). Each area's
service does the import itself, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialstyring.io.excel import laesning
from socialstyring.io.excel.faelles import Fejl
from socialstyring.io.felter import erstat_ugyldige_tegn
from socialstyring.web.excelimport.resultat import Importresultat
from socialstyring.web.faelles.filsvar import XLSX

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


def for_stor(fil: UploadedFile) -> Importresultat | None:
    """The refusal of a file over the size limit (nothing of it is read), else None."""
    navn = fil.name or "filen"
    if fil.size is not None and fil.size > MAKS_FILSTOERRELSE:
        graense = MAKS_FILSTOERRELSE // (1024 * 1024)
        return Importresultat(navn, fejl=(Fejl(navn, f"filen er for stor (højst {graense} MB)"),))
    return None


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
        return render(request, "excelimport/aarsdata_import.html", kontekst)
    formular = Importformular(request.POST, request.FILES)
    kontekst["formular"] = formular
    if not formular.is_valid():
        return render(request, "excelimport/aarsdata_import.html", kontekst, status=400)
    fil = formular.cleaned_data["fil"]
    resultat = for_stor(fil) or art.importer(fil.read(), fil.name or "filen")
    kontekst["resultat"] = resultat
    return render(request, "excelimport/aarsdata_import.html", kontekst, status=200 if resultat.ok else 400)
