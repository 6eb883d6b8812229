"""A generated file (Excel, PDF) as the response to a download."""

from __future__ import annotations

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
