"""Savings scenarios on the page.

URL names (namespace `scenarie`):

    liste     GET        /scenarier/                                   the sets of the user's agreement
    ny        GET, POST  /scenarier/ny/                                a new set (the secretariat)
    saet      GET        /scenarier/<saet_id>/                         the scenarios side by side
    rediger   GET, POST  /scenarier/<saet_id>/rediger/                 the set's name, year and order
    aendring  GET, POST  /scenarier/<saet_id>/aendring/                add a change (to a new scenario)
    fjern     POST       /scenarier/<saet_id>/aendring/<aendring_id>/fjern/   remove a change
    finansiering GET, POST /scenarier/<saet_id>/finansiering/          services' objectively financed share
    diagram   GET        /scenarier/<saet_id>/effekter.svg             per operator and municipality
    excel     GET        /scenarier/<saet_id>/excel/
    pdf       GET        /scenarier/<saet_id>/pdf/                     the decision paper

Who may do what: `adgang.py` (every user of the agreement reads; its secretariat builds;
another agreement's users 404).
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
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.scenarie import Scenarieresultat
from socialstyring.io.diagram_scenarie import effekter
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.adgang import bruger, har, kraev
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import trinvisning
from socialstyring.web.register.adgang import profil, sekretariatets_aftaler
from socialstyring.web.scenarie import selectors, services
from socialstyring.web.scenarie.adgang import OPRETTE, RETTE, SE, hent_saet
from socialstyring.web.scenarie.forms import SAETFELTER, AendringForm, ObjektivForm, SaetForm
from socialstyring.web.scenarie.models import Scenariesaet


def _saet(request: HttpRequest, saet_id: int, tilladelse: str = SE) -> Scenariesaet:
    s = hent_saet(bruger(request), saet_id)
    kraev(request, tilladelse, s)
    return s


def _beregn(
    request: HttpRequest, s: Scenariesaet
) -> tuple[Scenarieresultat | None, selectors.Grundlagsnote] | HttpResponse:
    try:
        return selectors.beregn(s, bruger(request))
    except MOTORFEJL as fejl:
        return render(
            request,
            "scenarie/kan_ikke.html",
            {
                "saet": s,
                "fejl": motorfejl(fejl),
                "kan_rette": har(request, RETTE, s),
                "aendringer": selectors.aendringer(s),
            },
            status=KAN_IKKE_BEREGNES,
        )


def _resultat(request: HttpRequest, s: Scenariesaet) -> Scenarieresultat | HttpResponse:
    """The computed set for a file or chart; a set without scenarios cannot be one."""
    svar = _beregn(request, s)
    if isinstance(svar, HttpResponse):
        return svar
    if svar[0] is None:
        return render(
            request,
            "scenarie/kan_ikke.html",
            {"saet": s, "fejl": "Sættet har endnu ingen scenarier", "kan_rette": har(request, RETTE, s)},
            status=KAN_IKKE_BEREGNES,
        )
    return svar[0]


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    b = bruger(request)
    aftaler = sekretariatets_aftaler(b)
    return render(
        request,
        "scenarie/liste.html",
        {"saettene": selectors.synlige(b), "kan_oprette": bool(aftaler)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ny(request: HttpRequest) -> HttpResponse:
    """A new set in the secretariat's agreement."""
    p = profil(bruger(request))
    aftaler = sekretariatets_aftaler(bruger(request))
    aftale = next((a for a in aftaler if p is not None and a.pk == p.rammeaftale_id), None)
    aftale = aftale or (aftaler[0] if aftaler else None)
    kraev(aftale is not None and har(request, OPRETTE, aftale))
    assert aftale is not None
    if request.method == "POST":
        form = SaetForm(request.POST)
        if form.is_valid():
            s = services.opret_saet(aftale, form)
            messages.success(request, f"Scenariesættet {s.navn} er oprettet; tilføj nu scenarier.")
            return redirect("scenarie:aendring", s.pk)
        status = 400
    else:
        form, status = SaetForm(initial={"aar": timezone.localdate().year, "version": 0}), 200
    return render(request, "scenarie/rediger.html", {"form": form, "saet": None}, status=status)


def _rader(r: Scenarieresultat, hvad: str) -> list[tuple[str, str, list[Any]]]:
    """Rows across the scenarios: name, group and one effect (or None) per scenario."""
    pr_navn: dict[str, dict[str, Any]] = {}
    gruppe: dict[str, str] = {}
    for s in r.scenarier:
        for e in getattr(s, hvad):
            pr_navn.setdefault(e.navn, {})[s.navn] = e
            gruppe[e.navn] = e.gruppe
    return [(n, gruppe[n], [v.get(s.navn) for s in r.scenarier]) for n, v in sorted(pr_navn.items())]


SAMMENLIGNING = (
    ("nettobudget_foer", "Nettodriftsbudget før", "kr"),
    ("nettobudget_aendring", "Ændring i nettodriftsbudget", "kr"),
    ("nettobudget_aendring_pct", "Ændring i % af nettodriftsbudgettet", "pct"),
    ("nettobudget_efter", "Nettodriftsbudget efter", "kr"),
    ("objektiv_aendring", "Ændring i objektiv finansiering", "kr"),
    ("aftalens_kommuner", "Aftalens kommuner", "kr"),
    ("andre_kommuner", "Andre kommuner", "kr"),
    ("kommuner_i_alt", "Kommunerne i alt", "kr"),
)
"""The scenarios' figures side by side: field (and trace key), text, format."""


def _sammenligning(r: Scenarieresultat) -> list[tuple[str, str, list[tuple[str, Any]]]]:
    return [
        (tekst, form, [(f"{sc.noegle}.{felt}", getattr(sc, felt)) for sc in r.scenarier])
        for felt, tekst, form in SAMMENLIGNING
    ]


def _tilbud(r: Scenarieresultat) -> list[tuple[str, str, Any, list[Any]]]:
    """The offers whose rate or budget a scenario changes: name, operator, the baseline's rate
    and each scenario's offer."""
    ud = []
    for i, t in enumerate(r.scenarier[0].tilbud):
        efter = [sc.tilbud[i] for sc in r.scenarier]
        if any(e.takst != e.takst_foer or e.nettobudget != e.nettobudget_foer for e in efter):
            ud.append((t.navn, t.driftsherre, t.takst_foer, efter))
    return ud


def _kontekst(s: Scenariesaet, r: Scenarieresultat | None, note: selectors.Grundlagsnote) -> dict[str, Any]:
    return {
        "saet": s,
        "r": r,
        "note": note,
        "sammenligning": _sammenligning(r) if r else [],
        "tilbud": _tilbud(r) if r else [],
        "kommuner": _rader(r, "kommuner") if r else [],
        "driftsherrer": _rader(r, "driftsherrer") if r else [],
        "enheder": _rader(r, "enheder") if r else [],
    }


def _panel(spor: Spor, noegler: list[str]) -> dict[str, Any]:
    """The trace panel for the figures shown: each figure's step and the steps of its inputs,
    one level down (a register's offers would make the whole trace tens of megabytes; the Excel
    workbook and the CLI give every figure, and the figure's inputs name what it sums)."""
    forklaringer = {
        n: [*dict.fromkeys(i.fra_trin for i in spor[n].input.values() if i.fra_trin), n]
        for n in noegler
        if n in spor
    }
    brugte = {n for liste in forklaringer.values() for n in liste}
    return {
        "spor": spor,
        "trin": [trinvisning(t, spor) for t in spor if t.noegle in brugte],
        "forklaringer": forklaringer,
    }


@login_required
@require_GET
def saet(request: HttpRequest, saet_id: int) -> HttpResponse:
    s = _saet(request, saet_id)
    svar = _beregn(request, s)
    if isinstance(svar, HttpResponse):
        return svar
    r, note = svar
    kontekst = _kontekst(s, r, note)
    if r is not None:
        noegler = [n for _, _, celler in kontekst["sammenligning"] for n, _ in celler]
        noegler += [e.noegle for _, _, raekke in kontekst["kommuner"] for e in raekke if e is not None]
        noegler += [e.noegle for _, _, raekke in kontekst["driftsherrer"] for e in raekke if e is not None]
        kontekst.update(_panel(r.spor, noegler))
    return render(
        request,
        "scenarie/saet.html",
        {
            **kontekst,
            "aendringer": selectors.aendringer(s),
            "andele": selectors.objektivandele(s),
            "kan_rette": har(request, RETTE, s),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, saet_id: int) -> HttpResponse:
    s = _saet(request, saet_id, RETTE)
    if request.method == "POST":
        form = SaetForm(request.POST)
        if form.is_valid():
            try:
                services.ret_saet(s, form, bruger(request))
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("scenarie:rediger", s.pk)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, "Scenariesættet er gemt.")
                return redirect("scenarie:saet", s.pk)
        status = 400
    else:
        form = SaetForm(initial={**{f: getattr(s, f) for f in SAETFELTER}, "version": s.version})
        status = 200
    return render(request, "scenarie/rediger.html", {"form": form, "saet": s}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def aendring(request: HttpRequest, saet_id: int) -> HttpResponse:
    s = _saet(request, saet_id, RETTE)
    scenarier, ydelser = s.scenarier.all(), selectors.ydelser(s)
    if request.method == "POST":
        form = AendringForm(request.POST, scenarier=scenarier, ydelser=ydelser)
        if form.is_valid():
            try:
                services.tilfoej_aendring(s, form, bruger(request))
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("scenarie:aendring", s.pk)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, "Ændringen er tilføjet.")
                return redirect("scenarie:saet", s.pk)
        status = 400
    else:
        form, status = AendringForm(initial={"version": s.version}, scenarier=scenarier, ydelser=ydelser), 200
    return render(request, "scenarie/aendring.html", {"form": form, "saet": s}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def finansiering(request: HttpRequest, saet_id: int) -> HttpResponse:
    """The services' objectively financed share in the set's baseline: the list and a form."""
    s = _saet(request, saet_id, RETTE)
    ydelser = selectors.ydelser(s)
    if request.method == "POST":
        form = ObjektivForm(request.POST, ydelser=ydelser)
        if form.is_valid():
            try:
                tekst = services.saet_objektivandel(s, form, bruger(request))
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("scenarie:finansiering", s.pk)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, tekst)
                return redirect("scenarie:finansiering", s.pk)
        status = 400
    else:
        form, status = ObjektivForm(initial={"version": s.version}, ydelser=ydelser), 200
    return render(
        request,
        "scenarie/finansiering.html",
        {"form": form, "saet": s, "andele": selectors.objektivandele(s)},
        status=status,
    )


@login_required
@require_POST
def fjern(request: HttpRequest, saet_id: int, aendring_id: int) -> HttpResponse:
    s = _saet(request, saet_id, RETTE)
    try:
        tekst = services.fjern_aendring(s, aendring_id, hent_version(request.POST.get("version")))
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    except ValidationError as fejl:
        messages.error(request, "; ".join(fejl.messages))
    else:
        messages.success(request, f"Ændringen er fjernet ({tekst}).")
    return redirect("scenarie:saet", s.pk)


@login_required
@require_GET
def diagram(request: HttpRequest, saet_id: int) -> HttpResponse:
    svar = _resultat(request, _saet(request, saet_id))
    if isinstance(svar, HttpResponse):
        return svar
    return HttpResponse(effekter(svar), content_type="image/svg+xml")


def _titel(s: Scenariesaet) -> str:
    return f"{s.navn} – besparelsesscenarier {s.aar}"


@login_required
@require_GET
def excel(request: HttpRequest, saet_id: int) -> HttpResponse:
    from socialstyring.io.excel.scenarie import scenariefil

    s = _saet(request, saet_id)
    svar = _resultat(request, s)
    if isinstance(svar, HttpResponse):
        return svar
    return filsvar(scenariefil(svar, _titel(s)), XLSX, excelfilnavn("scenarier", s.aar, s.navn, s.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, saet_id: int) -> HttpResponse:
    s = _saet(request, saet_id)
    svar = _beregn(request, s)
    if isinstance(svar, HttpResponse):
        return svar
    r, note = svar
    if r is None:
        return _resultat(request, s)  # type: ignore[return-value]
    html = render_to_string(
        "scenarie/saet_pdf.html",
        {
            **_kontekst(s, r, note),
            "titel": _titel(s),
            "diagram": "data:image/png;base64," + base64.b64encode(effekter(r, "png")).decode("ascii"),
            "udskrevet": timezone.localdate(),
        },
        request=request,
    )
    return filsvar(html_til_pdf(html), PDF, f"scenarier_{s.aar}_{s.pk}.pdf", vedhaeft=False)
