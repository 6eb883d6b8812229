"""A Børnehus' capacity, budget and rate, on the page.

URL names (namespace `boernehus`):

    oversigt  GET        /boernehus/<boernehus_id>/                    the years side by side
    aar       GET        /boernehus/<boernehus_id>/<aar>/              the year's calculation with its
                                                                       trace, the printed figures beside
                                                                       it, sensitivity, key figures
    rediger   GET, POST  /boernehus/<boernehus_id>/<aar>/rediger/      enter or change the year's figures
    diagram   GET        /boernehus/<boernehus_id>/<aar>/foelsomhed.svg  the sensitivity chart
    excel     GET        /boernehus/<boernehus_id>/<aar>/excel/
    pdf       GET        /boernehus/<boernehus_id>/<aar>/pdf/

Who may do what: `adgang.py` (every user of the agreement sees; the secretariat and the host
operator's staff enter figures; another agreement's users 404).
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.boernehus import NOEGLETAL, Boernehusresultat, foelsomhedsnoegle
from socialstyring.io.diagram_boernehus import foelsomhed
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.boernehus import selectors, services
from socialstyring.web.boernehus.adgang import RETTE, SE, hent_boernehus
from socialstyring.web.boernehus.forms import FELTER, AarForm
from socialstyring.web.boernehus.models import Boernehus, Boernehusaar
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.adgang import bruger, har, kraev
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.register.adgang import tjek_aar


def _boernehus(request: HttpRequest, boernehus_id: int, tilladelse: str = SE) -> Boernehus:
    b = hent_boernehus(bruger(request), boernehus_id)
    kraev(request, tilladelse, b)
    return b


def _aar(request: HttpRequest, boernehus_id: int, aar: int) -> tuple[Boernehus, Boernehusaar]:
    tjek_aar(aar)
    b = _boernehus(request, boernehus_id)
    r = selectors.hent_aar(b, aar)
    if r is None:
        raise Http404("Børnehuset har ingen tal for året.")
    return b, r


def _beregn(
    request: HttpRequest, b: Boernehus, r: Boernehusaar
) -> tuple[Boernehusresultat, selectors.Befolkningstal] | HttpResponse:
    try:
        return selectors.beregn(r)
    except MOTORFEJL as fejl:
        return render(
            request,
            "boernehus/kan_ikke.html",
            {"boernehus": b, "aar": r.aar, "fejl": motorfejl(fejl), "kan_rette": har(request, RETTE, b)},
            status=KAN_IKKE_BEREGNES,
        )


@login_required
@require_GET
def oversigt(request: HttpRequest, boernehus_id: int) -> HttpResponse:
    """The unit's years side by side: budget, split, rate (calculated and printed), staff."""
    b = _boernehus(request, boernehus_id)
    raekker = selectors.sammenlign_aarene(b)
    naeste = (raekker[-1].aar + 1) if raekker else timezone.localdate().year
    return render(
        request,
        "boernehus/oversigt.html",
        {"boernehus": b, "raekker": raekker, "kan_rette": har(request, RETTE, b), "naeste": naeste},
    )


BEREGNING = (
    ("boernehus.sager", "Forventede sager", "tal"),
    ("boernehus.timer_pr_sag", "Timer pr. sag", "tal"),
    ("boernehus.sagstimer", "Timer til sager", "tal"),
    ("boernehus.timer_i_alt", "Effektive timer i alt", "tal"),
    ("boernehus.effektive_timer_pr_uge", "Effektive sagsarbejdstimer pr. uge", "tal"),
    ("boernehus.effektive_timer_pr_aarsvaerk", "Effektive sagsarbejdstimer pr. årsværk", "tal"),
    ("boernehus.behandleraarsvaerk", "Behandlerårsværk", "tal"),
    ("boernehus.loen_behandlere", "Løn til behandlere", "kr"),
    ("boernehus.budget_kapacitet", "Budget efter kapacitet", "kr"),
    ("boernehus.budget", "Budget", "kr"),
    ("boernehus.forskel_kapacitet", "Budget efter kapacitet − vedtaget budget", "kr"),
    ("boernehus.objektiv_finansiering", "Objektiv finansiering", "kr"),
    ("boernehus.til_fordeling", "Til fordeling pr. sag", "kr"),
    ("boernehus.takst_pr_sag", "Takst pr. sag", "kr"),
)
"""The calculation's rows on the page: trace key, text, format."""


def _beregning(res: Boernehusresultat) -> list[tuple[str, str, Any, str]]:
    """The calculation's rows: BEREGNING's that the year has, each other activity's hours
    right after the hours for the cases."""
    aktiviteter = [
        (t.noegle, t.label, "tal") for t in res.spor if t.noegle.startswith("boernehus.aktivitet.")
    ]
    raekker: list[tuple[str, str, Any, str]] = []
    for n, tekst, form in BEREGNING:
        if n in res.spor and not (n == "boernehus.budget" and res.budget is None):
            raekker.append((n, tekst, res.spor[n].resultat, form))
        if n == "boernehus.sagstimer":
            raekker += [(a, tekst, res.spor[a].resultat, form) for a, tekst, form in aktiviteter]
    return raekker


def _kontekst(
    b: Boernehus, r: Boernehusaar, res: Boernehusresultat, bt: selectors.Befolkningstal
) -> dict[str, Any]:
    return {
        "boernehus": b,
        "aar": r.aar,
        "raekke": r,
        "r": res,
        "beregning": _beregning(res),
        "foelsomhed": [
            (p, foelsomhedsnoegle(p.timer_pr_sag, p.effektive_timer_pr_uge)) for p in res.foelsomhed
        ],
        "noegletal": [(f"boernehus.noegletal.{n}", NOEGLETAL[n], v) for n, v in res.noegletal.items()],
        "mangler_boern": bt.mangler,
        "antal_kommuner": len(bt.antal) + len(bt.mangler),
    }


@login_required
@require_GET
def aar(request: HttpRequest, boernehus_id: int, aar: int) -> HttpResponse:
    b, r = _aar(request, boernehus_id, aar)
    svar = _beregn(request, b, r)
    if isinstance(svar, HttpResponse):
        return svar
    res, bt = svar
    vaelger = aarsvaelger(
        aarsvalg(
            [a.aar for a in selectors.aarene(b)], aar, lambda a: reverse("boernehus:aar", args=[b.pk, a])
        )
    )
    return render(
        request,
        "boernehus/aar.html",
        {
            **_kontekst(b, r, res, bt),
            **panel(res.spor),
            "vaelger": vaelger,
            "kan_rette": har(request, RETTE, b),
        },
    )


@login_required
@require_GET
def diagram(request: HttpRequest, boernehus_id: int, aar: int) -> HttpResponse:
    b, r = _aar(request, boernehus_id, aar)
    svar = _beregn(request, b, r)
    if isinstance(svar, HttpResponse):
        return svar
    return HttpResponse(foelsomhed(svar[0]), content_type="image/svg+xml")


def _titel(b: Boernehus, aar: int) -> str:
    return f"{b.navn} {aar} – kapacitet, budget og takst"


@login_required
@require_GET
def excel(request: HttpRequest, boernehus_id: int, aar: int) -> HttpResponse:
    from socialstyring.web.boernehus.rapport import aarsfil

    b, r = _aar(request, boernehus_id, aar)
    svar = _beregn(request, b, r)
    if isinstance(svar, HttpResponse):
        return svar
    return filsvar(aarsfil(svar[0], _titel(b, aar)), XLSX, excelfilnavn("boernehus", aar, b.navn, b.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, boernehus_id: int, aar: int) -> HttpResponse:
    b, r = _aar(request, boernehus_id, aar)
    svar = _beregn(request, b, r)
    if isinstance(svar, HttpResponse):
        return svar
    res, bt = svar
    png = foelsomhed(res, "png")
    html = render_to_string(
        "boernehus/aar_pdf.html",
        {
            **_kontekst(b, r, res, bt),
            "titel": _titel(b, aar),
            "diagram": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            "udskrevet": timezone.localdate(),
        },
        request=request,
    )
    return filsvar(html_til_pdf(html), PDF, f"boernehus_{aar}_{b.pk}.pdf", vedhaeft=False)


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, boernehus_id: int, aar: int) -> HttpResponse:
    """Enter (a new year) or change a year's figures."""
    tjek_aar(aar)
    b = _boernehus(request, boernehus_id, RETTE)
    gemt = selectors.hent_aar(b, aar)
    if request.method == "POST":
        form = AarForm(request.POST)
        if form.is_valid():
            try:
                services.gem_aar(b, aar, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("boernehus:rediger", b.pk, aar)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, f"Tallene for {aar} er gemt.")
                return redirect("boernehus:aar", b.pk, aar)
        status = 400
    else:
        initial: dict[str, Any] = {}
        if gemt is not None:
            initial = {**{f: getattr(gemt, f) for f in FELTER}, "version": gemt.version}
        form = AarForm(initial=initial)
        status = 200
    return render(
        request,
        "boernehus/rediger.html",
        {"boernehus": b, "aar": aar, "form": form, "ny": gemt is None},
        status=status,
    )
