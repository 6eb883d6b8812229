"""The rate report's Excel template.

URL names (namespace `takstskabelon`):

    excel_skabelon   GET        /indberetning/<driftsherre_id>/<aar>/excel/
    excel_import     GET, POST  /indberetning/<driftsherre_id>/<aar>/excel/import/

Who may (`adgang.py`): the operator's own staff and its agreement's secretariat fetch the
template (also of a submitted report: the figures as they stand) and import it into a draft;
another agreement's operator does not exist for the user (404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.web.excelimport.side import Importformular, for_stor
from socialstyring.web.faelles.filsvar import XLSX, filsvar
from socialstyring.web.register import adgang
from socialstyring.web.register.services import laast_status
from socialstyring.web.takstskabelon import services
from socialstyring.web.takstskabelon.adgang import HENTE, INDLAESE
from socialstyring.web.takstskabelon.selectors import filnavn, skabelonfil


@login_required
@require_GET
def excel_skabelon(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The template filled with the current figures: download and export in one."""
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, HENTE, d)
    return filsvar(skabelonfil(d, aar), XLSX, filnavn(d, aar), privat=True)


@login_required
@require_http_methods(["GET", "POST"])
def excel_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """GET: the upload form. POST: import the file, all or nothing, and show the result or
    every error (400), or why the report can no longer be changed (409)."""
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, INDLAESE, d)
    status = laast_status(d, aar)
    kontekst: dict[str, object] = {
        "driftsherre": d,
        "aar": aar,
        "laast": services.laast_besked(status, aar) if status else None,
        "filnavn": filnavn(d, aar),
    }
    if request.method == "GET" or kontekst["laast"]:
        kontekst["formular"] = Importformular()
        return render(
            request,
            "takstskabelon/excel_import.html",
            kontekst,
            status=409 if request.method == "POST" else 200,
        )
    formular = Importformular(request.POST, request.FILES)
    kontekst["formular"] = formular
    if not formular.is_valid():
        return render(request, "takstskabelon/excel_import.html", kontekst, status=400)
    fil = formular.cleaned_data["fil"]
    resultat = for_stor(fil) or services.importer(d, aar, fil.read(), fil.name or "filen")
    kontekst["resultat"] = resultat
    kontekst["laast"] = resultat.laast
    status_kode = 200 if resultat.ok else 409 if resultat.laast else 400
    return render(request, "takstskabelon/excel_import.html", kontekst, status=status_kode)
