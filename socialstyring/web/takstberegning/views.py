"""The rate calculation's pages: a tilbud's rate for a year with its trace (`takst`, and the
whole result as JSON), and the budget editor that computes it (`budget`) and transfers its
rates to the year's rate report (`budget_overfoer`).

URL names (namespace `takstberegning`):

    takst            GET        /tilbud/<tilbud_id>/takst/<aar>/
    takst_json       GET        /tilbud/<tilbud_id>/takst/<aar>/spor.json
    budget           GET, POST  /tilbud/<tilbud_id>/budget/<aar>/          (POST "Beregn")
    budget_overfoer  POST       /tilbud/<tilbud_id>/budget/<aar>/overfoer/

Who may do what (`adgang.py`): a rate calculation (a budget: a draft) is seen by its
operator and the secretariat, and by everyone in the agreement once the year's catalogue is
published; the budget is edited by the operator's staff and the secretariat. Another
agreement's offer is 404, everyone else 403. While the year's rate report is submitted or
approved, neither the budget nor the register rows change (`services`, `laas_aaret`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Takstberegning, Tilbud
from socialstyring.web.register.services import Laast, laast_status
from socialstyring.web.takstberegning import selectors, services
from socialstyring.web.takstberegning.adgang import REDIGER, SE
from socialstyring.web.takstberegning.forms import Budget
from socialstyring.web.takstberegning.visning import tillaegsvisning, ydelsesvisning


def _beregning(request: HttpRequest, tilbud_id: int, aar: int) -> Takstberegning:
    """The rate calculation if the user may see it: 404 outside the user's agreement,
    403 for a draft the user may not see."""
    tilbud = adgang.hent_tilbud(adgang.bruger(request), tilbud_id)
    b = get_object_or_404(Takstberegning.objects.select_related("tilbud"), tilbud=tilbud, aar=aar)
    adgang.kraev(request, SE, b)
    return b


@login_required
def takst(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    b = _beregning(request, tilbud_id, aar)
    bruger = adgang.bruger(request)
    try:
        grundlag, resultat = selectors.beregn_gemt(b)
    except selectors.Beregningsfejl as fejl:
        return render(
            request,
            "takstberegning/takst_fejl.html",
            {"beregning": b, "fejl": str(fejl)},
            status=KAN_IKKE_BEREGNES,
        )
    kontekst = {
        "beregning": b,
        "tilbud": b.tilbud,
        "vaelger": aarsvaelger(
            aarsvalg(
                selectors.synlige_beregningsaar(bruger, b.tilbud),
                b.aar,
                lambda a: reverse("takstberegning:takst", args=[b.tilbud_id, a]),
            )
        ),
        "resultat": resultat,
        "ydelser": [
            ydelsesvisning(y, t, resultat.spor)
            for y, t in zip(grundlag.ydelser, resultat.ydelser, strict=True)
        ],
        "tillaeg": [tillaegsvisning(t, resultat.spor) for t in resultat.tillaeg],
        "regler": resultat.regler_anvendt(),
        **panel(resultat.spor),
        "budget": selectors.budgethandlinger(bruger, b, resultat),  # None unless the user may edit
        "se_resultat": adgang.kan_se_udkast(bruger, b.tilbud.driftsherre),  # regnskab:resultat
    }
    return render(request, "takstberegning/takst.html", kontekst)


@login_required
def takst_json(request: HttpRequest, tilbud_id: int, aar: int) -> JsonResponse:
    b = _beregning(request, tilbud_id, aar)
    try:
        _, resultat = selectors.beregn_gemt(b)
    except selectors.Beregningsfejl as fejl:
        return JsonResponse(
            {"fejl": str(fejl)}, status=KAN_IKKE_BEREGNES, json_dumps_params={"ensure_ascii": False}
        )
    return JsonResponse(resultat.til_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})


# --- the budget editor -----------------------------------------------------------------------


def _tilbud(request: HttpRequest, tilbud_id: int, aar: int) -> Tilbud:
    """The offer if the user may edit its budget: 404 outside the agreement, else 403."""
    adgang.tjek_aar(aar)
    tilbud = adgang.hent_tilbud(adgang.bruger(request), tilbud_id)
    adgang.kraev(request, REDIGER, tilbud)
    return tilbud


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """The budget form; POST computes the rates, saves the calculation and shows it."""
    tilbud = _tilbud(request, tilbud_id, aar)
    b = selectors.beregning(tilbud, aar)
    laast = laast_status(tilbud.driftsherre, aar)
    data = request.POST if request.method == "POST" else None
    side = Budget.byg(tilbud, aar, services.register_ydelser(tilbud), b.grundlag if b else None, data)
    if request.method == "GET":
        return _side(request, side, b, laast)
    if laast:
        messages.error(request, Laast(laast, aar).tekst("budgettet kan ikke ændres"))
        return redirect("takstberegning:budget", tilbud.pk, aar)
    if side.er_gyldig() and (inddata := side.inddata()) is not None:
        try:
            grundlag = Takstgrundlag.model_validate(inddata)
            services.beregn(grundlag)
        except MOTORFEJL as fejl:
            side.placer_motorfejl(inddata, fejl, services.beregn)
        else:
            try:
                services.gem_budget(tilbud, aar, grundlag, hent_version(request.POST.get("version")))
            except Laast as laas:  # submitted meanwhile (another tab, a colleague)
                messages.error(request, laas.tekst("intet er gemt"))
                return redirect("takstberegning:budget", tilbud.pk, aar)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("takstberegning:budget", tilbud.pk, aar)
            messages.success(
                request,
                f"Budgettet er gemt og taksterne for {aar} beregnet. Overfør dem til "
                "takstindberetningen, når de er på plads.",
            )
            return redirect("takstberegning:takst", tilbud.pk, aar)
    return _side(request, side, b, laast, status=400)


def _side(
    request: HttpRequest, side: Budget, b: Takstberegning | None, laast: str, status: int = 200
) -> HttpResponse:
    tilbud = side.tilbud
    return render(
        request,
        "takstberegning/budget_side.html",
        {
            "tilbud": tilbud,
            "aar": side.aar,
            "budget": side,
            "beregning": b,
            "laast": laast,
            "offentliggjort": adgang.er_offentliggjort(tilbud.driftsherre.rammeaftale, side.aar),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.budgetaar(tilbud),
                    side.aar,
                    lambda a: reverse("takstberegning:budget", args=[tilbud.pk, a]),
                )
            ),
            "har_ydelser": bool(side.dele or side.bevaret),
            "sendt": request.method == "POST",
            # the version of the budget the user saw: kept from the first showing of the page
            "version": hent_version(request.POST.get("version"))
            if request.method == "POST"
            else (b.version if b else 0),
        },
        status=status,
    )


@login_required
@require_POST
def budget_overfoer(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Write the calculation's rates into the year's `Ydelsesaar` rows (the rate report)."""
    tilbud = _tilbud(request, tilbud_id, aar)
    b = get_object_or_404(Takstberegning, tilbud=tilbud, aar=aar)
    try:
        resultat = services.beregn(b.takstgrundlag())
    except (PydanticValidationError, *MOTORFEJL) as fejl:
        messages.error(request, f"Taksterne kan ikke beregnes og er ikke overført: {motorfejl(fejl)}")
        return redirect("takstberegning:budget", tilbud.pk, aar)
    try:
        o = services.overfoer_takster(tilbud, aar, b, resultat)
    except Laast as laas:
        messages.error(request, laas.tekst("taksterne kan ikke overføres"))
        return redirect("takstberegning:takst", tilbud.pk, aar)
    if o.aendret:
        liste = ", ".join(f"{x.ydelse.navn} ({kr(x.takst)})" for x in o.aendret)
        messages.success(request, f"Taksterne er overført til takstindberetningen for {aar}: {liste}.")
    elif o.overfoer:
        messages.info(
            request, "Takstindberetningens takster svarer allerede til beregningen; intet er ændret."
        )
    for navn in o.frakoblet:
        messages.warning(
            request,
            f"{navn} indgår ikke længere i beregningen; dens takst står nu som indtastet i indberetningen.",
        )
    for tekst in o.sprunget:
        messages.warning(request, tekst)
    return redirect("takstberegning:takst", tilbud.pk, aar)
