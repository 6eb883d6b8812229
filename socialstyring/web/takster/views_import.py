"""Pages: a year's used days (brugte dage) and accounts (regnskab) of an operator in Excel,
and the operator's accounts of the year at a glance.

URL names (namespace `takster`, see `urls_import.py`):

    forbrug_excel       GET        /belaegning/<driftsherre_id>/<aar>/excel/          (download = export)
    forbrug_import      GET, POST  /belaegning/<driftsherre_id>/<aar>/excel/import/   (POST imports)
    regnskab_oversigt   GET        /regnskab/<driftsherre_id>/<aar>/
    regnskab_excel      GET        /regnskab/<driftsherre_id>/<aar>/excel/
    regnskab_import     GET, POST  /regnskab/<driftsherre_id>/<aar>/excel/import/

Who may do what (every decision through `register.adgang`): an operator outside the
user's agreement is 404; its drafts (used days, accounts) are seen by its own staff and the
agreement's secretariat (`kan_se_udkast`: the downloads and the overview), who may also
import (`kan_redigere`); everyone else 403. The work is in `takster.excel_aarsdata`; the
views only check access, read the upload and render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.resultat import Resultatopgoerelse
from socialstyring.io.excel.faelles import Fejl
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Tilbud
from socialstyring.web.takster import excel_aarsdata as ea
from socialstyring.web.takster.excel import Importresultat
from socialstyring.web.takster.filsvar import XLSX, filsvar
from socialstyring.web.takster.models import Regnskab
from socialstyring.web.takster.views_excel import MAKS_FILSTOERRELSE, Importformular, synlig_driftsherre
from socialstyring.web.takster.views_resultat import beregn as beregn_resultat


@dataclass(frozen=True)
class Importart:
    """What differs between the used days' and the accounts' Excel pages."""

    titel: str  # "Brugte dage 2018"
    hent_url: str
    tilbage_url: str
    tilbage_tekst: str
    hjaelp: str
    filnavn: str
    importer: Callable[[Driftsherre, int, bytes, str], Importresultat]


def _forbrug(d: Driftsherre, aar: int) -> Importart:
    return Importart(
        titel=f"Brugte dage {aar}",
        hent_url=reverse("takster:forbrug_excel", args=[d.pk, aar]),
        tilbage_url=reverse("takster:belaegning", args=[d.pk, aar, 4]),
        tilbage_tekst=f"Belægning {aar}",
        hjaelp=(
            "Skabelonen er udfyldt med de gemte brugte dage: én række pr. ydelse med pladser i året og én "
            "kolonne pr. kvartal. Udfyld de hvide felter; en tom celle ændrer ikke det gemte tal."
        ),
        filnavn=ea.forbrugsfilnavn(d, aar),
        importer=ea.importer_forbrug,
    )


def _regnskab(d: Driftsherre, aar: int) -> Importart:
    return Importart(
        titel=f"Regnskab {aar}",
        hent_url=reverse("takster:regnskab_excel", args=[d.pk, aar]),
        tilbage_url=reverse("takster:regnskab_oversigt", args=[d.pk, aar]),
        tilbage_tekst=f"Regnskaber {aar}",
        hjaelp=(
            "Skabelonen er udfyldt med de gemte regnskaber: én række pr. tilbud. Omkostninger, "
            "takstindtægter og grundlaget for 5 %-reglen skal udfyldes i en række med et regnskab; "
            "en helt tom række ændrer intet."
        ),
        filnavn=ea.regnskabsfilnavn(d, aar),
        importer=ea.importer_regnskab,
    )


def _download(request: HttpRequest, driftsherre_id: int, aar: int, art: str) -> HttpResponse:
    d = synlig_driftsherre(request, driftsherre_id, aar)
    adgang.kraev(adgang.kan_se_udkast(adgang.bruger(request), d))
    if art == "forbrug":
        indhold, navn = ea.forbrugsfil(d, aar), ea.forbrugsfilnavn(d, aar)
    else:
        indhold, navn = ea.regnskabsfil(d, aar), ea.regnskabsfilnavn(d, aar)
    return filsvar(indhold, XLSX, navn, privat=True)


def _import(
    request: HttpRequest, driftsherre_id: int, aar: int, lav: Callable[[Driftsherre, int], Importart]
) -> HttpResponse:
    """GET: the upload form. POST: import the file, all or nothing, and show what changed
    or every error (400)."""
    d = synlig_driftsherre(request, driftsherre_id, aar)
    adgang.kraev(adgang.kan_redigere(adgang.bruger(request), d))
    art = lav(d, aar)
    kontekst: dict[str, object] = {"driftsherre": d, "aar": aar, "art": art}
    if request.method == "GET":
        kontekst["formular"] = Importformular()
        return render(request, "takster/aarsdata_import.html", kontekst)
    formular = Importformular(request.POST, request.FILES)
    kontekst["formular"] = formular
    if not formular.is_valid():
        return render(request, "takster/aarsdata_import.html", kontekst, status=400)
    fil = formular.cleaned_data["fil"]
    navn = fil.name or "filen"
    if fil.size is not None and fil.size > MAKS_FILSTOERRELSE:
        graense = MAKS_FILSTOERRELSE // (1024 * 1024)
        resultat = Importresultat(navn, fejl=(Fejl(navn, f"filen er for stor (højst {graense} MB)"),))
    else:
        resultat = art.importer(d, aar, fil.read(), navn)
    kontekst["resultat"] = resultat
    return render(request, "takster/aarsdata_import.html", kontekst, status=200 if resultat.ok else 400)


@login_required
@require_GET
def forbrug_excel(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The year's used days per service and quarter as the template (download and export)."""
    return _download(request, driftsherre_id, aar, "forbrug")


@login_required
@require_http_methods(["GET", "POST"])
def forbrug_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    return _import(request, driftsherre_id, aar, _forbrug)


@login_required
@require_GET
def regnskab_excel(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The year's accounts per tilbud as the template (download and export)."""
    return _download(request, driftsherre_id, aar, "regnskab")


@login_required
@require_http_methods(["GET", "POST"])
def regnskab_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    return _import(request, driftsherre_id, aar, _regnskab)


# --- the operator's accounts of the year ------------------------------------------------------


@dataclass(frozen=True)
class Regnskabslinje:
    """One tilbud on the overview: its accounts (if any) and the engine's result."""

    tilbud: Tilbud
    regnskab: Regnskab | None
    resultat: Resultatopgoerelse | None = None
    fejl: str = ""

    @property
    def indtaegter(self) -> Decimal | None:
        r = self.regnskab
        if r is None:
            return None
        return r.takstindtaegter + r.tillaegsindtaegter + r.andre_indtaegter


def _linje(t: Tilbud, regnskab: Regnskab | None) -> Regnskabslinje:
    if regnskab is None:
        return Regnskabslinje(t, None)
    regnskab.tilbud = t  # the engine's input names the tilbud and its agreement
    try:
        return Regnskabslinje(t, regnskab, beregn_resultat(regnskab))
    except (PydanticValidationError, ValueError, KeyError) as fejl:
        return Regnskabslinje(t, regnskab, fejl=str(fejl.args[0]) if fejl.args else repr(fejl))


@login_required
@require_GET
def regnskab_oversigt(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Every tilbud of the operator for the year with its accounts and result, a link to each
    tilbud's result page, and the accounts in Excel."""
    d = synlig_driftsherre(request, driftsherre_id, aar)
    bruger = adgang.bruger(request)
    adgang.kraev(adgang.kan_se_udkast(bruger, d))
    liste = ea.regnskabstilbud(d, aar)
    gemt = {r.tilbud_id: r for r in Regnskab.objects.filter(tilbud__in=liste, aar=aar)}
    linjer = [_linje(t, gemt.get(t.pk)) for t in liste]
    return render(
        request,
        "takster/regnskab_oversigt.html",
        {
            "driftsherre": d,
            "aar": aar,
            "linjer": linjer,
            "antal_regnskaber": len(gemt),
            "kan_redigere": adgang.kan_redigere(bruger, d),
        },
    )
