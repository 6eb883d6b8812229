"""Companion purchase during holidays, on the page.

URL names (namespace `ledsagelse`):

    beregner   GET   /ledsagelse/<kode>/          the calculator (the trip in the query string)
    excel      GET   /ledsagelse/<kode>/excel/    the same calculation as a workbook
    pdf        GET   /ledsagelse/<kode>/pdf/      … and as a PDF

Without a query string the calculator shows the document's worked example (bilag 2). Everyone
in the agreement may use it (`adgang.py`); it stores nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from socialstyring.beregning.ledsagelse import Ledsagelsesresultat
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.filsvar import PDF, XLSX, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.ledsagelse import selectors
from socialstyring.web.ledsagelse.adgang import BEREGNE
from socialstyring.web.ledsagelse.forms import DATOTID, TurForm
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rammeaftale

FELTER = ("start", "slut", "medarbejdere", "beboere", "besparelse_pr_time")


def _aftale(request: HttpRequest, kode: str) -> Rammeaftale:
    aftale = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    adgang.kraev(request, BEREGNE, aftale)
    return aftale


def _form(request: HttpRequest) -> TurForm:
    """The trip of the query string, or (none given) the worked example's."""
    if any(f in request.GET for f in FELTER):
        return TurForm(request.GET)
    e = selectors.EKSEMPEL
    return TurForm(
        {
            "start": e["start"].strftime(DATOTID),
            "slut": e["slut"].strftime(DATOTID),
            "medarbejdere": e["medarbejdere"],
            "beboere": e["beboere"],
            "besparelse_pr_time": str(e["besparelse_pr_time"]).replace(".", ","),
        }
    )


def _beregn(aftale: Rammeaftale, form: TurForm) -> Ledsagelsesresultat | str:
    """The result, or why it cannot be calculated (the agreement has no such principles)."""
    try:
        return selectors.beregn(selectors.grundlag(aftale, form.cleaned_data))
    except MOTORFEJL as fejl:
        return motorfejl(fejl)


def _forespoergsel(form: TurForm) -> str:
    return urlencode({f: form.data.get(f, "") for f in FELTER})


@login_required
@require_GET
def beregner(request: HttpRequest, kode: str) -> HttpResponse:
    """The calculator: the trip's price and own payment with its trace, and the worked example."""
    aftale = _aftale(request, kode)
    form = _form(request)
    kontekst: dict[str, Any] = {"aftale": aftale, "form": form}
    if not form.is_valid():
        return render(request, "ledsagelse/beregner.html", kontekst, status=400)
    r = _beregn(aftale, form)
    if isinstance(r, str):
        kontekst["fejl"] = r
        return render(request, "ledsagelse/beregner.html", kontekst, status=KAN_IKKE_BEREGNES)
    _, sammenligning = selectors.eksempel(aftale)
    kontekst.update(
        {
            "r": r,
            "regler": r.regler_anvendt(),
            "forespoergsel": _forespoergsel(form),
            "sammenligning": sammenligning,
            "eksempelkilde": selectors.EKSEMPELKILDE,
            **panel(r.spor),
        }
    )
    return render(request, "ledsagelse/beregner.html", kontekst)


def _til_fil(
    request: HttpRequest, kode: str
) -> tuple[Rammeaftale, TurForm, Ledsagelsesresultat] | HttpResponse:
    aftale = _aftale(request, kode)
    form = _form(request)
    if not form.is_valid():
        return render(request, "ledsagelse/beregner.html", {"aftale": aftale, "form": form}, status=400)
    r = _beregn(aftale, form)
    if isinstance(r, str):
        return render(
            request,
            "ledsagelse/beregner.html",
            {"aftale": aftale, "form": form, "fejl": r},
            status=KAN_IKKE_BEREGNES,
        )
    return aftale, form, r


@login_required
@require_GET
def excel(request: HttpRequest, kode: str) -> HttpResponse:
    from socialstyring.web.ledsagelse.rapport import ledsagelsesfil

    svar = _til_fil(request, kode)
    if isinstance(svar, HttpResponse):
        return svar
    aftale, form, r = svar
    _, sammenligning = selectors.eksempel(aftale)
    fil = ledsagelsesfil(r, _turtekst(form), sammenligning, selectors.EKSEMPELKILDE)
    return filsvar(fil, XLSX, f"ledsagelse_{form.cleaned_data['start']:%Y%m%d}.xlsx")


@login_required
@require_GET
def pdf(request: HttpRequest, kode: str) -> HttpResponse:
    svar = _til_fil(request, kode)
    if isinstance(svar, HttpResponse):
        return svar
    aftale, form, r = svar
    html = render_to_string(
        "ledsagelse/pdf.html",
        {"aftale": aftale, "r": r, "tur": _turtekst(form), "udskrevet": timezone.localdate()},
        request=request,
    )
    return filsvar(
        html_til_pdf(html), PDF, f"ledsagelse_{form.cleaned_data['start']:%Y%m%d}.pdf", vedhaeft=False
    )


def _turtekst(form: TurForm) -> str:
    d = form.cleaned_data
    start, slut = selectors.lokal(d["start"]), selectors.lokal(d["slut"])
    return (
        f"{start:%d-%m-%Y kl. %H.%M} – {slut:%d-%m-%Y kl. %H.%M}, {d['medarbejdere']} medarbejder(e), "
        f"{d['beboere']} beboer(e)"
    )
