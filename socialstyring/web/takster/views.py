"""Pages: the list of tilbud and a tilbud's rate calculation with its trace.

Access goes through `register.adgang`: the list shows the offers of the user's agreement
and only the rate calculations the user may see; a rate calculation (a budget: a draft)
is seen by its operator and the secretariat, and by everyone in the agreement once the
year's catalogue is published. Another agreement's offer is 404; a draft the user may not
see is 403.

The views compute nothing themselves: they load the stored `Takstgrundlag`, call the
engine (`beregn_takst`) and hand its result to the templates, which format it. The
structures below only pair the engine's input (budget lines) with its output and its
trace keys, so the templates can show both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from pydantic import ValidationError

from socialstyring.beregning.kerne.spor import Regelreference, Spor, Tal, Trin
from socialstyring.beregning.takst import (
    Budgetlinje,
    Omkostningsart,
    Pakke,
    Pakketakst,
    Takstgrundlag,
    Takstresultat,
    Tillaegstakst,
    Ydelse,
    Ydelsestakst,
    beregn_takst,
)
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.takster.forside import forside_kontekst
from socialstyring.web.takster.models import Takstberegning
from socialstyring.web.takster.views_budget import budgethandlinger


class Beregningsfejl(Exception):
    """The stored input could not be computed (invalid input or a rule missing)."""


@login_required
def forside(request: HttpRequest) -> HttpResponse:
    """A short overview for the user's role (see `forside_kontekst`), then the rate
    calculations the user may see."""
    beregninger = adgang.synlige_takstberegninger(request.user).only("id", "tilbud_id", "aar").order_by("aar")
    tilbud = (
        adgang.synlige_tilbud(request.user)
        .filter(takstberegninger__in=beregninger)
        .distinct()
        .select_related("driftsherre__rammeaftale")
        .prefetch_related(Prefetch("takstberegninger", queryset=beregninger))
        .order_by("navn")
    )
    return render(request, "takster/forside.html", {"tilbud_liste": tilbud, **forside_kontekst(request)})


@login_required
def takst(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    beregning = _beregning(request, tilbud_id, aar)
    try:
        grundlag, resultat = _beregn(beregning)
    except Beregningsfejl as fejl:
        return render(
            request, "takster/takst_fejl.html", {"beregning": beregning, "fejl": str(fejl)}, status=500
        )
    aar_liste = list(
        adgang.synlige_takstberegninger(request.user)
        .filter(tilbud=beregning.tilbud)
        .order_by("aar")
        .values_list("aar", flat=True)
    )
    kontekst = {
        "beregning": beregning,
        "tilbud": beregning.tilbud,
        "aar_liste": aar_liste,
        "resultat": resultat,
        "spor": resultat.spor,
        "ydelser": [
            _ydelsesvisning(y, t, resultat.spor)
            for y, t in zip(grundlag.ydelser, resultat.ydelser, strict=True)
        ],
        "tillaeg": [_tillaegsvisning(t, resultat.spor) for t in resultat.tillaeg],
        "regler": resultat.regler_anvendt(),
        "trin": [trinvisning(t, resultat.spor) for t in resultat.spor],
        "forklaringer": forklaringer(resultat.spor),
        "budget": budgethandlinger(request.user, beregning, resultat),  # None unless kan_redigere
        "se_resultat": adgang.kan_se_udkast(request.user, beregning.tilbud.driftsherre),  # takster:resultat
    }
    return render(request, "takster/takst.html", kontekst)


@login_required
def takst_json(request: HttpRequest, tilbud_id: int, aar: int) -> JsonResponse:
    beregning = _beregning(request, tilbud_id, aar)
    try:
        _, resultat = _beregn(beregning)
    except Beregningsfejl as fejl:
        return JsonResponse({"fejl": str(fejl)}, status=500, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(resultat.til_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})


def _beregning(request: HttpRequest, tilbud_id: int, aar: int) -> Takstberegning:
    """The rate calculation if the user may see it: 404 outside the user's agreement,
    403 for a draft the user may not see."""
    tilbud = adgang.hent_tilbud(request.user, tilbud_id)
    beregning = get_object_or_404(Takstberegning.objects.select_related("tilbud"), tilbud=tilbud, aar=aar)
    adgang.kraev(adgang.kan_se_takstberegning(request.user, tilbud, aar))
    return beregning


def _beregn(beregning: Takstberegning) -> tuple[Takstgrundlag, Takstresultat]:
    """Run the engine on the stored input (stale rule values come back as warnings)."""
    try:
        grundlag = beregning.takstgrundlag()
        return grundlag, beregn_takst(grundlag, regelbog())
    except ValidationError as fejl:
        raise Beregningsfejl(f"takstgrundlaget er ugyldigt: {fejl}") from fejl
    except (ValueError, KeyError) as fejl:
        raise Beregningsfejl(str(fejl.args[0]) if fejl.args else repr(fejl)) from fejl


# --- what the templates get -------------------------------------------------------


@dataclass(frozen=True)
class Figur:
    """A figure on the page: its trace key and value (taken from the trace step)."""

    noegle: str
    vaerdi: Tal


@dataclass(frozen=True)
class Budgetpost:
    """One cost category of a budget: the input lines and the category's total."""

    label: str
    sum: Figur
    linjer: tuple[Budgetlinje, ...]


@dataclass(frozen=True)
class Budgetvisning:
    titel: str
    poster: list[Budgetpost]
    direkte: Figur


@dataclass(frozen=True)
class Pakkevisning:
    pakke: Pakke
    takst: Pakketakst
    figurer: dict[str, Figur]  # grundlag, belagte_dage (direct costs and overhead are in its trace)


@dataclass(frozen=True)
class Ydelsesvisning:
    ydelse: Ydelse
    takst: Ydelsestakst
    belagte_dage: Figur | None
    budgetter: list[Budgetvisning]  # the service's own budget, then one per package
    pakker: list[Pakkevisning]


@dataclass(frozen=True)
class Tillaegsvisning:
    takst: Tillaegstakst
    administration: Figur | None


@dataclass(frozen=True)
class Indgangsvisning:
    navn: str
    vaerdi: Tal
    enhed: str  # the unit of the step it came from; "" for a given value
    fra_trin: str | None
    fra_label: str | None


@dataclass(frozen=True)
class Trinvisning:
    trin: Trin
    indgange: list[Indgangsvisning]
    regler: tuple[Regelreference, ...]


def _figur(spor: Spor, noegle: str) -> Figur | None:
    return Figur(noegle, spor[noegle].resultat) if noegle in spor else None


def _budget(titel: str, budget: tuple[Budgetlinje, ...], noegle: str, spor: Spor) -> Budgetvisning:
    poster = []
    for art in Omkostningsart:
        linjer = tuple(b for b in budget if b.art is art)
        sum_ = _figur(spor, f"{noegle}.omk.{art.value}")
        if linjer and sum_ is not None:
            poster.append(Budgetpost(art.label, sum_, linjer))
    direkte = _figur(spor, f"{noegle}.direkte")
    assert direkte is not None, f"sporet mangler {noegle}.direkte"
    return Budgetvisning(titel, poster, direkte)


def _ydelsesvisning(y: Ydelse, t: Ydelsestakst, spor: Spor) -> Ydelsesvisning:
    budgetter = [_budget(y.navn if not y.pakker else f"{y.navn}: grundbudget", y.budget, t.noegle, spor)]
    pakker = []
    for pakke, pt in zip(y.pakker, t.pakker, strict=True):
        budgetter.append(_budget(f"{y.navn}: {pakke.navn}", pakke.budget, pt.noegle, spor))
        figurer = {
            navn: f
            for navn in ("grundlag", "belagte_dage")
            if (f := _figur(spor, f"{pt.noegle}.{navn}")) is not None
        }
        pakker.append(Pakkevisning(pakke, pt, figurer))
    return Ydelsesvisning(y, t, _figur(spor, f"{t.noegle}.belagte_dage"), budgetter, pakker)


def _tillaegsvisning(t: Tillaegstakst, spor: Spor) -> Tillaegsvisning:
    return Tillaegsvisning(t, _figur(spor, f"{t.noegle}.administration"))


def forklaringer(spor: Spor) -> dict[str, list[str]]:
    """For every figure: the keys of the steps that explain it (`Spor.forklar`)."""
    return {t.noegle: [f.noegle for f in spor.forklar(t.noegle)] for t in spor}


def trinvisning(t: Trin, spor: Spor) -> Trinvisning:
    indgange = []
    for navn, i in t.input.items():
        kilde = spor[i.fra_trin] if i.fra_trin is not None and i.fra_trin in spor else None
        indgange.append(
            Indgangsvisning(
                navn,
                i.vaerdi,
                kilde.enhed if kilde else "",
                kilde.noegle if kilde else None,
                kilde.label if kilde else None,
            )
        )
    return Trinvisning(t, indgange, t.regler)
