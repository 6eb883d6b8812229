"""A generated file (Excel, PDF) as the response to a download."""

from __future__ import annotations

import re
import unicodedata

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def filsvar(
    indhold: bytes, type_: str, navn: str, *, vedhaeft: bool = True, privat: bool = False
) -> HttpResponse:
    """`indhold` as a download named `navn` (`vedhaeft`) or shown in the browser; `privat`
    for drafts that no shared cache may keep."""
    svar = HttpResponse(indhold, content_type=type_)
    svar["Content-Disposition"] = f'{"attachment" if vedhaeft else "inline"}; filename="{navn}"'
    if privat:
        svar["Cache-Control"] = "private, no-store"
    return svar


def excelfilnavn(prefiks: str, aar: int, navn: str, reserve: object) -> str:
    """`takster_2019_aarhus-kommune.xlsx` (`prefiks` names the template): ASCII, so every
    browser and mail client keeps it; `reserve` (an id) when the name has no letters."""
    tekst = navn.lower()
    for dansk, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        tekst = tekst.replace(dansk, ascii_)
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    tekst = re.sub(r"[^a-z0-9]+", "-", tekst).strip("-")
    return f"{prefiks}_{aar}_{tekst or reserve}.xlsx"
