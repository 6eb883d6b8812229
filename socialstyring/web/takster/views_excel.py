"""Pages: download the rate report's Excel template (also the export) and import it.

Access goes through `register.adgang`: a driftsherre outside the user's agreement is 404,
otherwise `kan_se_udkast` (download) or `kan_redigere` (import) decides, else 403.
The work is in `takster.excel`; the views only check access, read the upload and render.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.io.excel.indberetning import Fejl
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre
from socialstyring.web.takster import excel
from socialstyring.web.takster.excel import Importresultat
from socialstyring.web.takster.filsvar import XLSX, filsvar

MAKS_FILSTOERRELSE = 5 * 1024 * 1024
"""An upload larger than this is not a template the app made (a full region is ~100 kB)."""


class Importformular(forms.Form):
    fil = forms.FileField(
        label="Excel-fil (.xlsx)",
        error_messages={"required": "Vælg den udfyldte Excel-fil.", "empty": "Filen er tom."},
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )


def synlig_driftsherre(request: HttpRequest, driftsherre_id: int, aar: int) -> Driftsherre:
    """The operator, if it is in one of the user's agreements (else 404); a year outside
    the register's range is 404 too. Shared with the other Excel pages (`views_import`)."""
    if not 2007 <= aar <= 2100:
        raise Http404("Ukendt år.")
    return get_object_or_404(
        Driftsherre.objects.select_related("rammeaftale"),
        pk=driftsherre_id,
        rammeaftale__in=adgang.synlige_rammeaftaler(adgang.bruger(request)),
    )


@login_required
@require_GET
def excel_skabelon(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The template filled with the current figures: download and export in one."""
    driftsherre = synlig_driftsherre(request, driftsherre_id, aar)
    adgang.kraev(adgang.kan_se_udkast(adgang.bruger(request), driftsherre))
    return filsvar(excel.skabelonfil(driftsherre, aar), XLSX, excel.filnavn(driftsherre, aar), privat=True)


@login_required
@require_http_methods(["GET", "POST"])
def excel_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """GET: the upload form. POST: import the file, all or nothing, and show the result or
    every error (400), or why the report can no longer be changed (409)."""
    driftsherre = synlig_driftsherre(request, driftsherre_id, aar)
    adgang.kraev(adgang.kan_redigere(adgang.bruger(request), driftsherre))
    kontekst: dict[str, object] = {
        "driftsherre": driftsherre,
        "aar": aar,
        "laast": excel.laast_besked(driftsherre, aar),
        "filnavn": excel.filnavn(driftsherre, aar),
    }
    if request.method == "GET" or kontekst["laast"]:
        kontekst["formular"] = Importformular()
        status = 409 if request.method == "POST" else 200
        return render(request, "takster/excel_import.html", kontekst, status=status)

    formular = Importformular(request.POST, request.FILES)
    kontekst["formular"] = formular
    if not formular.is_valid():
        return render(request, "takster/excel_import.html", kontekst, status=400)
    fil = formular.cleaned_data["fil"]
    navn = fil.name or "filen"
    if fil.size is not None and fil.size > MAKS_FILSTOERRELSE:
        resultat = Importresultat(
            navn, fejl=(Fejl(navn, f"filen er for stor (højst {MAKS_FILSTOERRELSE // (1024 * 1024)} MB)"),)
        )
    else:
        resultat = excel.importer(driftsherre, aar, fil.read(), navn)
    kontekst["resultat"] = resultat
    kontekst["laast"] = resultat.laast
    status = 200 if resultat.ok else 409 if resultat.laast else 400
    return render(request, "takster/excel_import.html", kontekst, status=status)
