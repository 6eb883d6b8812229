"""Benchmarks, on the page.

URL names (namespace `benchmark`):

    start     GET  /benchmark/                                   `side` of the user's municipality (or the
                                                                 agreement's first with accounts), the
                                                                 adults' area, the latest year
    side      GET  /benchmark/<omraade>/<aar>/<kommune_id>/      the comparison (?sammenlign=<id>&…)
    diagram   GET  …/diagram.svg
    excel     GET  …/excel/
    enhedspriser GET /benchmark/enhedspriser/<kode>/<aar>/       unit costs from the published rates
                                                                 (?kommune=<id>: whose offers are internal)

Who may see it: `adgang.py` (every user with a role; a municipality of another agreement is 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from pydantic import ValidationError

from socialstyring.beregning.benchmark import OMRAADER, Benchmarkresultat, beregn_benchmark, tekst
from socialstyring.beregning.enhedspriser import beregn_enhedspriser
from socialstyring.beregning.kerne.model import slug
from socialstyring.io.diagram_benchmark import udgift_pr_indbygger
from socialstyring.io.excel.benchmark import benchmarkfil
from socialstyring.io.felter import Idfejl, laes_id
from socialstyring.web.benchmark import selectors
from socialstyring.web.benchmark.adgang import SE
from socialstyring.web.faelles.aarsvalg import Valg, Valgraekke, aarsvaelger, aarsvalg
from socialstyring.web.faelles.adgang import kraev
from socialstyring.web.faelles.filsvar import XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import motorfejl
from socialstyring.web.faelles.parametre import UgyldigParameter, hent_id
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kommune

MAKS_SAMMENLIGNING = 20
NOEGLER = (
    "landsgennemsnit",
    "forskel_pr_indbygger",
    "reduktion",
    "reduktion_pct",
    "sammenligning",
    "forskel_sammenligning",
    "reduktion_sammenligning",
)
"""The trace steps of the figures the page shows (besides the municipality's own)."""


def _aftalens_kommuner(request: HttpRequest) -> list[Kommune]:
    return list(
        Kommune.objects.filter(rammeaftale__in=adgang.synlige_rammeaftaler(adgang.bruger(request))).order_by(
            "navn"
        )
    )


def _enhedspriser_url(request: HttpRequest) -> str | None:
    """The unit costs of the user's (first) agreement in its latest published year, if any."""
    aftale = adgang.synlige_rammeaftaler(adgang.bruger(request)).order_by("navn").first()
    aarene = selectors.katalogaar(aftale) if aftale else []
    return reverse("benchmark:enhedspriser", args=[aftale.kode, aarene[-1]]) if aftale and aarene else None


def _kommune(request: HttpRequest, kommune_id: int) -> Kommune:
    k = next((k for k in _aftalens_kommuner(request) if k.pk == kommune_id), None)
    if k is None:
        raise Http404("Kommunen findes ikke i dine rammeaftaler.")
    return k


def _sammenlign(request: HttpRequest) -> list[Kommune]:
    """The peers in the query string (`sammenlign`, municipality ids); a bad id is a 400."""
    ider: list[int] = []
    for v in request.GET.getlist("sammenlign")[: MAKS_SAMMENLIGNING + 1]:
        try:
            ider.append(laes_id(v))
        except Idfejl as fejl:
            raise UgyldigParameter("sammenlign", fejl) from None
    if len(ider) > MAKS_SAMMENLIGNING:
        raise UgyldigParameter("sammenlign", ValueError(f"højst {MAKS_SAMMENLIGNING} kommuner"))
    return list(Kommune.objects.filter(pk__in=ider).order_by("navn"))


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    kraev(request, SE)
    aarene = selectors.aarene()
    kommuner = _aftalens_kommuner(request)
    egen = adgang.brugerens_kommune(adgang.bruger(request))
    if not aarene or not kommuner:
        return render(
            request, "benchmark/ingen_tal.html", {"kommune": egen, "enhedspriser": _enhedspriser_url(request)}
        )
    med_tal = selectors.kommuner_med_regnskab(aarene[-1])
    kommune = egen if egen in kommuner else next((k for k in kommuner if k.pk in med_tal), kommuner[0])
    return side(request, "voksne", aarene[-1], kommune.pk)


def _beregn(
    request: HttpRequest, omraade: str, aar: int, kommune_id: int
) -> tuple[Kommune, list[Kommune], selectors.Grundlag, Benchmarkresultat | None, str]:
    kraev(request, SE)
    if omraade not in OMRAADER:
        raise Http404("Ukendt område.")
    adgang.tjek_aar(aar)
    kommune = _kommune(request, kommune_id)
    sammenlign = _sammenlign(request)
    g = selectors.grundlag(omraade, aar, kommune, sammenlign)
    if g.grundlag is None:
        return kommune, sammenlign, g, None, g.mangler
    try:
        return kommune, sammenlign, g, beregn_benchmark(g.grundlag, gaeldende_regelbog()), ""
    except (ValidationError, ValueError, KeyError) as fejl:
        return kommune, sammenlign, g, None, motorfejl(fejl)


def _forespoergsel(sammenlign: list[Kommune]) -> str:
    return "".join(f"{'&' if i else '?'}sammenlign={k.pk}" for i, k in enumerate(sammenlign))


@login_required
@require_GET
def side(request: HttpRequest, omraade: str, aar: int, kommune_id: int) -> HttpResponse:
    kommune, sammenlign, g, r, fejl = _beregn(request, omraade, aar, kommune_id)
    q = _forespoergsel(sammenlign)

    def url(o: str, a: int, k: int) -> str:
        return reverse("benchmark:side", args=[o, a, k]) + q

    vaelger = aarsvaelger(
        Valgraekke(
            "Område",
            tuple(
                Valg(navn, url(o, aar, kommune.pk), o == omraade)
                for o, navn in selectors.OMRAADENAVNE.items()
            ),
            "omraade",
        ),
        aarsvalg(selectors.aarene(), aar, lambda a: url(omraade, a, kommune.pk)),
        Valgraekke(
            "Kommune",
            tuple(Valg(k.navn, url(omraade, aar, k.pk), k == kommune) for k in _aftalens_kommuner(request)),
            "kommune",
        ),
    )
    kontekst: dict[str, Any] = {
        "omraade": omraade,
        "omraadenavn": selectors.OMRAADENAVNE[omraade],
        "aar": aar,
        "kommune": kommune,
        "sammenlign": sammenlign,
        "alle_kommuner": Kommune.objects.order_by("navn"),
        "vaelger": vaelger,
        "definition": g.definition,
        "antal_med_tal": g.antal_med_tal,
        "fejl": fejl,
        "q": q,
        "enhedspriser": _enhedspriser_url(request),
    }
    if r is not None and g.grundlag is not None:
        noegler = [f"benchmark.{n}" for n in NOEGLER if f"benchmark.{n}" in r.spor]
        raekker = sorted(r.pr_indbygger.items(), key=lambda kv: -kv[1])
        kontekst |= {
            "r": r,
            "fund": tekst(r, kommune.navn),
            "egen_noegle": f"benchmark.{slug(kommune.navn)}.pr_indbygger",
            "egen_vaerdi": r.pr_indbygger[kommune.navn],
            "raekker": [
                (navn, v, navn == kommune.navn, navn in g.grundlag.sammenligningskommuner)
                for navn, v in raekker
            ],
            **panel(r.spor, [*noegler, f"benchmark.{slug(kommune.navn)}.pr_indbygger"]),
        }
    # missing accounts or population is a page that says so; a calculation that fails is a conflict
    status = 409 if fejl and g.grundlag is not None else 200
    return render(request, "benchmark/side.html", kontekst, status=status)


@login_required
@require_GET
def diagram(request: HttpRequest, omraade: str, aar: int, kommune_id: int) -> HttpResponse:
    kommune, _, g, r, fejl = _beregn(request, omraade, aar, kommune_id)
    if r is None or g.grundlag is None:
        return HttpResponse(fejl, status=409, content_type="text/plain; charset=utf-8")
    valgte = {kommune.navn, *g.grundlag.sammenligningskommuner}
    tal = [(n, v) for n, v in r.pr_indbygger.items() if n in valgte or len(valgte) == 1]
    return HttpResponse(
        udgift_pr_indbygger(tal, kommune.navn, r.landsgennemsnit, r.aldersgruppe),
        content_type="image/svg+xml",
    )


@login_required
@require_GET
def excel(request: HttpRequest, omraade: str, aar: int, kommune_id: int) -> HttpResponse:
    kommune, _, g, r, fejl = _beregn(request, omraade, aar, kommune_id)
    if r is None or g.grundlag is None:
        return HttpResponse(fejl, status=409, content_type="text/plain; charset=utf-8")
    titel = f"{selectors.OMRAADENAVNE[omraade]}: {kommune.navn} {aar} mod landsgennemsnittet"
    return filsvar(
        benchmarkfil(g.grundlag, r, titel), XLSX, excelfilnavn("benchmark", aar, kommune.navn, kommune.pk)
    )


@login_required
@require_GET
def enhedspriser(request: HttpRequest, kode: str, aar: int) -> HttpResponse:
    """Unit costs of the agreement's published rates; a municipality's own offers against the others'."""
    kraev(request, SE)
    adgang.tjek_aar(aar)
    aftale = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    kommuner = list(aftale.kommuner.order_by("navn"))
    valgt_id = hent_id(request, "kommune")
    egen = adgang.brugerens_kommune(adgang.bruger(request))
    if valgt_id is not None:
        egen = next((k for k in kommuner if k.pk == valgt_id), None)
        if egen is None:
            raise Http404("Kommunen findes ikke i rammeaftalen.")
    g = selectors.prisgrundlag(aftale, aar, egen if egen in kommuner else None)
    r = beregn_enhedspriser(g, gaeldende_regelbog()) if g is not None else None
    q = f"?kommune={egen.pk}" if egen in kommuner and egen is not None else ""
    vaelger = aarsvaelger(
        aarsvalg(
            selectors.katalogaar(aftale), aar, lambda a: reverse("benchmark:enhedspriser", args=[kode, a]) + q
        )
    )
    delene = ("gennemsnit", "vaegtet", "aarspris", "intern", "ekstern")
    noegler = [f"{gr.noegle}.{d}" for gr in (r.grupper if r else []) for d in delene]
    return render(
        request,
        "benchmark/enhedspriser.html",
        {
            "aftale": aftale,
            "aar": aar,
            "r": r,
            "egen": egen if egen in kommuner else None,
            "kommuner": kommuner,
            "vaelger": vaelger,
            **(panel(r.spor, [*noegler, "enhedspriser.paragraf_85_time.gennemsnit"]) if r else {}),
        },
    )
