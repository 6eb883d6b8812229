"""A municipality's reduction plans, on the page.

URL names (namespace `genopretning`):

    start        GET, POST  /genopretning/                          the municipality's plans; a new plan
    plan         GET        /genopretning/<plan_id>/                the plan's table (years across), with
                                                                    carry-forward, chart and trace
    diagram      GET        /genopretning/<plan_id>/diagram.svg     target and effect by year
    rediger      GET, POST  /genopretning/<plan_id>/rediger/        name, carry-forward, targets, unallocated
    initiativ_ny GET, POST  /genopretning/<plan_id>/initiativ/ny/   a new initiative and its effects
    initiativ    GET, POST  /genopretning/<plan_id>/initiativ/<id>/ change an initiative and its effects
    initiativ_slet POST     /genopretning/<plan_id>/initiativ/<id>/slet/  delete an initiative
    aar_ny       GET, POST  /genopretning/<plan_id>/aar/ny/         add the year after the plan's last
    opfoelgning  GET, POST  /genopretning/<plan_id>/opfoelgning/<aar>/  expected and realised by quarter
    historik     GET        /genopretning/<plan_id>/historik/       every saved change, by whom and when
    initiativ_gendan POST   /genopretning/<plan_id>/historik/<history_id>/gendan/  restore a deletion
    excel, pdf   GET        /genopretning/<plan_id>/excel/, pdf/

Who may do what: `adgang.py` (the plan's municipality's staff; everyone else 404).
"""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialstyring.beregning.genopretning import Genopretningsresultat, Planberegning, tabel
from socialstyring.io.diagram_genopretning import maal_og_effekt
from socialstyring.io.excel.genopretning import genopretningsfil
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.adgang import bruger, har, kraev
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.genopretning import selectors, services
from socialstyring.web.genopretning.adgang import OPRETTE, RETTE, SE, hent_plan
from socialstyring.web.genopretning.forms import (
    INITIATIVFELTER,
    PLANFELTER,
    Celle,
    Celleform,
    InitiativForm,
    NyPlanForm,
    NytAarForm,
    PlanForm,
)
from socialstyring.web.genopretning.models import Initiativ, Plan
from socialstyring.web.register.adgang import brugerens_kommune, tjek_aar


def _plan(request: HttpRequest, plan_id: int, tilladelse: str = SE) -> Plan:
    plan = hent_plan(bruger(request), plan_id)
    kraev(request, tilladelse, plan)
    return plan


def _beregn(request: HttpRequest, plan: Plan) -> Genopretningsresultat | HttpResponse:
    try:
        return selectors.beregn(plan)
    except MOTORFEJL as fejl:
        return render(
            request,
            "genopretning/kan_ikke.html",
            {"plan": plan, "fejl": motorfejl(fejl)},
            status=KAN_IKKE_BEREGNES,
        )


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The plans of the user's municipality, and a new plan."""
    kommune = brugerens_kommune(bruger(request))
    kan_oprette = kommune is not None and har(request, OPRETTE)
    if not kan_oprette and not selectors.synlige(bruger(request)).exists():
        raise Http404("Ingen genopretningsplaner.")
    form = NyPlanForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        kraev(kan_oprette)
        assert kommune is not None
        if form.is_valid():
            try:
                plan = services.opret_plan(kommune, form)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, f"Planen {plan.navn} er oprettet. Indtast reduktionsmålene.")
                return redirect("genopretning:rediger", plan.pk)
        status = 400
    return render(
        request,
        "genopretning/start.html",
        {
            "planer": selectors.synlige(bruger(request)),
            "form": form,
            "kan_oprette": kan_oprette,
            "kommune": kommune,
        },
        status=status,
    )


Raekke = tuple[str, bool, list[tuple[str, Decimal]], Initiativ | None, bool]


def _raekker(res: Genopretningsresultat, pb: Planberegning | None, plan: Plan) -> list[Raekke] | None:
    """The table's rows: text, total?, each year's (trace key, value), the initiative if one."""
    if pb is None:
        return None
    initiativer = {i.navn: i for i in selectors.initiativer(plan)}
    return [
        (
            t.tekst,
            t.total,
            list(zip(t.noegler, t.vaerdier, strict=True)),
            initiativer.get(t.initiativ) if t.initiativ else None,
            t.noegler[0].endswith(".netto_udestaaende"),  # the carry-forward's rows follow
        )
        for t in tabel(res, pb)
    ]


def _kontekst(plan: Plan, res: Genopretningsresultat) -> dict[str, Any]:
    return {
        "plan": plan,
        "r": res,
        "aarene": [a.aar for a in res.forventet.aarene],
        "raekker": _raekker(res, res.forventet, plan),
        "raekker_realiseret": _raekker(res, res.realiseret, plan),
    }


@login_required
@require_GET
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    p = _plan(request, plan_id)
    res = _beregn(request, p)
    if isinstance(res, HttpResponse):
        return res
    return render(
        request,
        "genopretning/plan.html",
        {**_kontekst(p, res), **panel(res.spor), "kan_rette": har(request, RETTE, p)},
    )


@login_required
@require_GET
def diagram(request: HttpRequest, plan_id: int) -> HttpResponse:
    p = _plan(request, plan_id)
    res = _beregn(request, p)
    if isinstance(res, HttpResponse):
        return res
    return HttpResponse(maal_og_effekt(res.forventet, res.enhed), content_type="image/svg+xml")


@login_required
@require_GET
def excel(request: HttpRequest, plan_id: int) -> HttpResponse:
    p = _plan(request, plan_id)
    res = _beregn(request, p)
    if isinstance(res, HttpResponse):
        return res
    fil = genopretningsfil(res, f"{p.navn} ({p.kommune.navn})")
    aar = res.forventet.aarene[0].aar
    return filsvar(fil, XLSX, excelfilnavn("genopretning", aar, p.navn, p.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    p = _plan(request, plan_id)
    res = _beregn(request, p)
    if isinstance(res, HttpResponse):
        return res
    png = maal_og_effekt(res.forventet, res.enhed, "png")
    html = render_to_string(
        "genopretning/plan_pdf.html",
        {
            **_kontekst(p, res),
            "diagram": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            "udskrevet": timezone.localdate(),
        },
        request=request,
    )
    return filsvar(html_til_pdf(html), PDF, f"genopretning_{p.pk}.pdf", vedhaeft=False)


def _gem(
    request: HttpRequest, form: forms.Form, gem: Any, efter: str, besked: str, igen: str
) -> HttpResponse | None:
    """Validate and save (`gem()`); the next page, or None to show the form again (400)."""
    if not form.is_valid():
        return None
    try:
        gem()
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return redirect(igen)
    except ValidationError as fejl:
        form.add_error(None, fejl)
        return None
    messages.success(request, besked)
    return redirect(efter)


def _tabelceller(form: forms.Form, celler: list[Celle]) -> dict[str, list[tuple[Celle, forms.BoundField]]]:
    """The cells by row, each with its bound field, for a table of inputs."""
    raekker: dict[str, list[tuple[Celle, forms.BoundField]]] = {}
    for c in celler:
        raekker.setdefault(c.raekke, []).append((c, form[c.felt]))
    return raekker


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's name, carry-forward, and each year's target and unallocated effect."""
    p = _plan(request, plan_id, RETTE)
    celler = selectors.plan_celler(p)
    initial = {**{f: getattr(p, f) for f in PLANFELTER}, "version": p.version}
    if request.method == "POST":
        form = PlanForm(celler, request.POST, initial=initial)
        svar = _gem(
            request, form, lambda: services.gem_plan(p, form, celler),
            reverse("genopretning:plan", args=[p.pk]), "Planen er gemt.",
            reverse("genopretning:rediger", args=[p.pk]),
        )  # fmt: skip
        if svar is not None:
            return svar
    else:
        form = PlanForm(celler, initial=initial)
    return render(
        request,
        "genopretning/rediger.html",
        {"plan": p, "form": form, "raekker": _tabelceller(form, celler), "aarene": selectors.aarene(p)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiativ_ny(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _initiativ(request, plan_id, None)


@login_required
@require_http_methods(["GET", "POST"])
def initiativ(request: HttpRequest, plan_id: int, initiativ_id: int) -> HttpResponse:
    return _initiativ(request, plan_id, initiativ_id)


def _initiativ(request: HttpRequest, plan_id: int, initiativ_id: int | None) -> HttpResponse:
    """Create or change an initiative: its name, owner, status, note and yearly effects."""
    p = _plan(request, plan_id, RETTE)
    i = None
    if initiativ_id is not None:
        i = p.initiativer.filter(pk=initiativ_id).first()
        if i is None:
            raise Http404("Initiativet findes ikke.")
    celler = selectors.initiativ_celler(p, i)
    initial = {**{f: getattr(i, f) for f in INITIATIVFELTER}, "version": i.version} if i else {}
    her = (
        reverse("genopretning:initiativ", args=[p.pk, i.pk])
        if i
        else reverse("genopretning:initiativ_ny", args=[p.pk])
    )
    if request.method == "POST":
        form = InitiativForm(celler, request.POST, initial=initial)
        svar = _gem(
            request, form, lambda: services.gem_initiativ(p, i, form, celler),
            reverse("genopretning:plan", args=[p.pk]), "Initiativet er gemt.", her,
        )  # fmt: skip
        if svar is not None:
            return svar
    else:
        form = InitiativForm(celler, initial=initial)
    return render(
        request,
        "genopretning/initiativ.html",
        {
            "plan": p,
            "initiativ": i,
            "form": form,
            "raekker": _tabelceller(form, celler),
            "aarene": selectors.aarene(p),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def initiativ_slet(request: HttpRequest, plan_id: int, initiativ_id: int) -> HttpResponse:
    """Delete an initiative with its effects (kept in the history); back to the plan."""
    p = _plan(request, plan_id, RETTE)
    if not p.initiativer.filter(pk=initiativ_id).exists():
        raise Http404("Initiativet findes ikke.")
    try:
        navn = services.slet_initiativ(p, initiativ_id, hent_version(request.POST.get("version")))
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return redirect("genopretning:initiativ", p.pk, initiativ_id)
    except ValidationError as fejl:
        messages.error(request, "; ".join(fejl.messages))
        return redirect("genopretning:plan", p.pk)
    messages.success(
        request, f"Initiativet {navn} er slettet med sine effekter; planen er regnet igen (se historikken)."
    )
    return redirect("genopretning:plan", p.pk)


@login_required
@require_http_methods(["GET", "POST"])
def aar_ny(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add the year after the plan's last, with its reduction target."""
    p = _plan(request, plan_id, RETTE)
    aar = selectors.naeste_aar(p)
    her = reverse("genopretning:aar_ny", args=[p.pk])
    if request.method == "POST":
        form = NytAarForm(request.POST)
        svar = _gem(
            request, form, lambda: services.tilfoej_aar(p, form), reverse("genopretning:plan", args=[p.pk]),
            f"Året {aar} er tilføjet planen.", her,
        )  # fmt: skip
        if svar is not None:
            return svar
    else:
        form = NytAarForm(initial={"version": p.version})
    return render(
        request,
        "genopretning/aar_ny.html",
        {"plan": p, "form": form, "aar": aar},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def opfoelgning(request: HttpRequest, plan_id: int, aar: int) -> HttpResponse:
    """The year's quarters: each initiative's expected effect beside the realised, entered here."""
    tjek_aar(aar)
    p = _plan(request, plan_id)
    aarene = selectors.aarene(p)
    if aar not in aarene:
        raise Http404("Året er ikke et af planens år.")
    kan_rette = har(request, RETTE, p)
    celler = selectors.realiseret_celler(p, aar)
    her = reverse("genopretning:opfoelgning", args=[p.pk, aar])
    if request.method == "POST":
        kraev(kan_rette)
        form = Celleform(celler, request.POST)
        svar = _gem(
            request,
            form,
            lambda: services.gem_realiseret(p, form, celler),
            her,
            "De realiserede tal er gemt.",
            her,
        )
        if svar is not None:
            return svar
    else:
        form = Celleform(celler)
    res = _beregn(request, p)
    if isinstance(res, HttpResponse):
        return res
    kvartaler = {(k.initiativ, k.kvartal): k for k in res.opfoelgning if k.aar == aar}
    raekker = [
        (
            navn,
            [
                (
                    kvartaler[(navn, kv)],
                    c,
                    felt,
                    f"genopretning.kvartal.{res.noegler[navn]}.{aar}.{kv}.forventet",
                )
                for kv, (c, felt) in enumerate(cf, start=1)
            ],
        )
        for navn, cf in _tabelceller(form, celler).items()
    ]
    linje = next(a for a in (res.realiseret or res.forventet).aarene if a.aar == aar)
    vaelger = aarsvaelger(
        aarsvalg(aarene, aar, lambda a: reverse("genopretning:opfoelgning", args=[p.pk, a]))
    )
    return render(
        request,
        "genopretning/opfoelgning.html",
        {"plan": p, "aar": aar, "aar_tekst": str(aar), "form": form, "raekker": raekker,
         "kan_rette": kan_rette, "linje": linje, "enhed": res.enhed, "vaelger": vaelger,
         "q": f"genopretning.{'realiseret' if res.realiseret is not None else 'forventet'}.{aar}",
         "grundlag": "realiseret" if res.realiseret is not None else "forventet", **panel(res.spor)},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@login_required
@require_GET
def historik(request: HttpRequest, plan_id: int) -> HttpResponse:
    p = _plan(request, plan_id)
    return render(
        request,
        "genopretning/historik.html",
        {"plan": p, "raekker": selectors.historik(p), "kan_rette": har(request, RETTE, p)},
    )


@login_required
@require_POST
def initiativ_gendan(request: HttpRequest, plan_id: int, history_id: int) -> HttpResponse:
    """Restore a deleted initiative with the effects deleted with it; back to the plan."""
    p = _plan(request, plan_id, RETTE)
    try:
        navn = services.gendan_initiativ(p, history_id)
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    except ValidationError as fejl:
        messages.error(request, "; ".join(fejl.messages))
    else:
        messages.success(
            request, f"Initiativet {navn} er gendannet med sine effekter; planen er regnet igen."
        )
        return redirect("genopretning:plan", p.pk)
    return redirect("genopretning:historik", p.pk)
