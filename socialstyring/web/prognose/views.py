"""A municipality's expenditure forecasts, on the page.

URL names (namespace `prognose`):

    oversigt      GET        /prognose/kommune/<kommune_id>/        the municipality's forecasts
    ny            GET, POST  /prognose/kommune/<kommune_id>/ny/     a new forecast (area, base year)
    side          GET        /prognose/<prognose_id>/               the forecast: years across, bands,
                                                                    fan chart, trace
    rediger       GET, POST  /prognose/<prognose_id>/rediger/       the forecast's inputs
    hent_borgere  GET, POST  /prognose/<prognose_id>/hent-borgere/  known citizens from the stays:
                                                                    what will be fetched, then do it
    vifte         GET        /prognose/<prognose_id>/vifte.svg      the fan chart
    excel, pdf    GET        /prognose/<prognose_id>/excel/, pdf/

Who may do what: `adgang.py` (the municipality's staff; everyone else 404).
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.prognose import RAEKKER, noegle
from socialstyring.io.diagram_prognose import vifte as tegn_vifte
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.adgang import bruger, kraev
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.prognose import selectors, services
from socialstyring.web.prognose.adgang import RETTE, SE, hent_kommune, hent_prognose
from socialstyring.web.prognose.forms import NyForm, PrognoseForm
from socialstyring.web.prognose.models import Prognose


def _prognose(request: HttpRequest, prognose_id: int, tilladelse: str = SE) -> Prognose:
    p = hent_prognose(bruger(request), prognose_id)
    kraev(request, tilladelse, p.kommune)
    return p


def _beregn(request: HttpRequest, p: Prognose) -> selectors.Beregnet | HttpResponse:
    try:
        return selectors.beregn(p)
    except MOTORFEJL as fejl:
        return render(
            request,
            "prognose/kan_ikke.html",
            {"prognose": p, "fejl": motorfejl(fejl)},
            status=KAN_IKKE_BEREGNES,
        )


@login_required
@require_GET
def oversigt(request: HttpRequest, kommune_id: int) -> HttpResponse:
    k = hent_kommune(bruger(request), kommune_id)
    kraev(request, SE, k)
    return render(
        request,
        "prognose/oversigt.html",
        {
            "kommune": k,
            "prognoser": selectors.kommunens(k),
            "form": NyForm(),
            "naeste": timezone.localdate().year,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ny(request: HttpRequest, kommune_id: int) -> HttpResponse:
    k = hent_kommune(bruger(request), kommune_id)
    kraev(request, RETTE, k)
    form = NyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.opret(k, form.cleaned_data["navn"], form.cleaned_data["basisaar"])
        except ValidationError as fejl:
            form.add_error(None, fejl)
        else:
            messages.success(
                request, "Prognosen er oprettet. Indtast rammen, de kendte borgere og tilgangen."
            )
            return redirect("prognose:rediger", p.pk)
    return render(
        request, "prognose/ny.html", {"kommune": k, "form": form}, status=400 if form.is_bound else 200
    )


def _noegler(aarene: list[int]) -> list[str]:
    return [noegle(a, f) for a in aarene for f, _ in RAEKKER] + [
        f"simulering.{a}.p{k}" for a in aarene for k in (5, 25, 50, 75, 95)
    ]


def _kontekst(p: Prognose, b: selectors.Beregnet) -> dict[str, Any]:
    aarene = [a.aar for a in b.central.aarene]
    return {
        "prognose": p,
        "aarene": aarene,
        "raekker": [
            (tekst, [(noegle(a.aar, felt), getattr(a, felt)) for a in b.central.aarene])
            for felt, tekst in RAEKKER
        ],
        "baand": b.baand,
        "kvantiler": b.baand.kvantil_pct(),
        "baandraekker": [
            (
                b_.aar,
                b_.central,
                [(f"simulering.{b_.aar}.p{k}", b_.kvantiler[k]) for k in b.baand.kvantil_pct()],
            )
            for b_ in b.baand.aarene
        ],
        "kendte": b.grundlag.kendte,
        "central": b.central,
    }


@login_required
@require_GET
def side(request: HttpRequest, prognose_id: int) -> HttpResponse:
    p = _prognose(request, prognose_id)
    b = _beregn(request, p)
    if isinstance(b, HttpResponse):
        return b
    spor = Spor([*b.central.spor, *b.baand.spor])
    return render(
        request,
        "prognose/side.html",
        {**_kontekst(p, b), **panel(spor, _noegler([a.aar for a in b.central.aarene]))},
    )


@login_required
@require_GET
def vifte(request: HttpRequest, prognose_id: int) -> HttpResponse:
    p = _prognose(request, prognose_id)
    b = _beregn(request, p)
    if isinstance(b, HttpResponse):
        return b
    return HttpResponse(tegn_vifte(b.central, b.baand), content_type="image/svg+xml")


def _titel(p: Prognose) -> str:
    return f"Udgiftsprognose {p.kommune.navn}: {p.navn}, {p.basisaar + 1}–{p.basisaar + len(p.aarene.all())}"


@login_required
@require_GET
def excel(request: HttpRequest, prognose_id: int) -> HttpResponse:
    from socialstyring.io.excel.prognose import prognosefil

    p = _prognose(request, prognose_id)
    b = _beregn(request, p)
    if isinstance(b, HttpResponse):
        return b
    fil = prognosefil(b.grundlag, b.central, b.baand, _titel(p))
    return filsvar(fil, XLSX, excelfilnavn("prognose", p.basisaar, p.kommune.navn, p.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, prognose_id: int) -> HttpResponse:
    p = _prognose(request, prognose_id)
    b = _beregn(request, p)
    if isinstance(b, HttpResponse):
        return b
    png = tegn_vifte(b.central, b.baand, "png")
    html = render_to_string(
        "prognose/side_pdf.html",
        {
            **_kontekst(p, b),
            "titel": _titel(p),
            "diagram": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            "udskrevet": timezone.localdate(),
        },
        request=request,
    )
    return filsvar(html_til_pdf(html), PDF, f"prognose_{p.basisaar}_{p.pk}.pdf", vedhaeft=False)


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, prognose_id: int) -> HttpResponse:
    p = _prognose(request, prognose_id, RETTE)
    aarene = list(p.aarene.order_by("aar").values_list("aar", flat=True))
    if request.method == "POST":
        form = PrognoseForm(request.POST, aarene=aarene)
        if form.is_valid():
            try:
                services.gem(p.pk, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("prognose:rediger", p.pk)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, "Prognosen er gemt.")
                return redirect("prognose:side", p.pk)
        status = 400
    else:
        form = PrognoseForm(initial=services.initial(p), aarene=aarene)
        status = 200
    return render(request, "prognose/rediger.html", {"prognose": p, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hent_borgere(request: HttpRequest, prognose_id: int) -> HttpResponse:
    """What the stays give (GET), and fetching it (POST, with the version the page showed)."""
    p = _prognose(request, prognose_id, RETTE)
    if request.method == "POST":
        try:
            antal = services.hent_borgere_fra_opholdene(p.pk, hent_version(request.POST.get("version")))
        except Foraeldet as fejl:
            meld_konflikt(request, fejl)
            return redirect("prognose:hent_borgere", p.pk)
        messages.success(request, f"{antal} borgere er hentet fra opholdene.")
        return redirect("prognose:side", p.pk)
    borgere, advarsler = selectors.borgere_fra_opholdene(p)
    return render(
        request,
        "prognose/hent_borgere.html",
        {
            "prognose": p,
            "borgere": borgere,
            "advarsler": advarsler,
            "kendte": set(p.kendte.values_list("pseudonym", flat=True)),
            "tilbage": reverse("prognose:side", args=[p.pk]),
        },
    )
