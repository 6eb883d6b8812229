"""The budget editor: a tilbud's budget for a year is entered here, the engine computes
its rates (a `Takstberegning`, shown with its trace on `takster:takst`), and the rates
can be transferred to the year's register rows (`Ydelsesaar`, the rate report).

URL names (namespace `takster`, see `urls_budget.py`):

    budget            GET, POST  /tilbud/<tilbud_id>/budget/<aar>/          (POST "Beregn")
    budget_overfoer   POST       /tilbud/<tilbud_id>/budget/<aar>/overfoer/

Who may do what (every decision through `register.adgang`): the operator's own staff and
the agreement's secretariat (`kan_redigere`); another agreement's offer is 404, everyone
else 403. While the operator's rate report for the year is submitted or approved (not a
draft, as in `views_indberetning`), neither the budget nor the register rows can be
changed: the submitted rates and the calculation they point to must stay as submitted.

The forms and their conversion are in `budget.py`; the rates are the engine's
(`beregn_takst`). An error of the engine (a rule missing, a year outside the rule) is
shown next to the service it belongs to, and nothing is saved while any error remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.takst import Takstgrundlag, Takstresultat, beregn_takst
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, TakstKilde, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.takster.budget import Budget, Overfoersel, motorfejl, overfoersler
from socialstyring.web.takster.models import Indberetningsstatus, Takstberegning, Takstindberetning

MIN_AAR, MAKS_AAR = 2007, 2100
KILDE_BEREGNET = "Beregnet af budgettet (takstberegningen for {aar})"
KILDE_IKKE_LAENGERE = "Tidligere beregnet; ydelsen indgår ikke længere i takstberegningen for {aar}"


def _tilbud(request: HttpRequest, tilbud_id: int, aar: int) -> Tilbud:
    """The offer if the user may edit its budget: 404 outside the agreement, else 403."""
    if not MIN_AAR <= aar <= MAKS_AAR:
        raise Http404("ukendt år")
    bruger = adgang.bruger(request)
    tilbud = adgang.hent_tilbud(bruger, tilbud_id)
    adgang.kraev(adgang.kan_redigere(bruger, tilbud.driftsherre))
    return tilbud


def laast_status(driftsherre: Driftsherre, aar: int) -> str:
    """'' while the operator's report for the year is a draft (or not started), else its
    status in words ('indsendt', 'godkendt')."""
    ib = Takstindberetning.objects.filter(driftsherre=driftsherre, aar=aar).first()
    if ib is None or ib.status == Indberetningsstatus.UDKAST:
        return ""
    return ib.get_status_display().lower()


def _laast_tekst(status: str, aar: int, hvad: str) -> str:
    return (
        f"Takstindberetningen for {aar} er {status}, så {hvad}. "
        "Sekretariatet kan genåbne indberetningen, hvis den skal rettes."
    )


def _ydelser(tilbud: Tilbud) -> list[Ydelse]:
    return list(Ydelse.objects.filter(tilbud=tilbud).order_by("navn"))


def _beregn(grundlag: Takstgrundlag) -> Takstresultat:
    """The engine; stale rule values are warnings in its trace (and on the rate page)."""
    return beregn_takst(grundlag, regelbog())


def _placer_fejl(budget: Budget, inddata: dict[str, Any], fejl: Exception) -> None:
    """Show an engine error next to the service it comes from: each service is computed
    on its own to find it; an error no single service gives belongs to the whole budget."""
    fundet = False
    for noegle in ("ydelser", "tillaegsydelser"):
        for del_inddata in inddata[noegle]:
            alene = {**inddata, "ydelser": [], "tillaegsydelser": [], noegle: [del_inddata]}
            try:
                _beregn(Takstgrundlag.model_validate(alene))
            except (PydanticValidationError, ValueError, KeyError) as f:
                d = budget.del_for(del_inddata["navn"])
                tekst = f"Taksten kan ikke beregnes: {motorfejl(f)}"
                if d is not None:
                    d.form.add_error(None, tekst)
                else:
                    budget.fejl.append(f"{del_inddata['navn']}: {tekst}")
                fundet = True
    if not fundet:
        budget.fejl.append(f"Taksten kan ikke beregnes: {motorfejl(fejl)}")


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """The budget form; POST computes the rates, saves the calculation and shows it."""
    tilbud = _tilbud(request, tilbud_id, aar)
    beregning = Takstberegning.objects.filter(tilbud=tilbud, aar=aar).first()
    laast = laast_status(tilbud.driftsherre, aar)
    data = request.POST if request.method == "POST" else None
    side = Budget.byg(tilbud, aar, _ydelser(tilbud), beregning.grundlag if beregning else None, data)
    if request.method == "POST":
        if laast:
            messages.error(request, _laast_tekst(laast, aar, "budgettet kan ikke ændres"))
            return redirect("takster:budget", tilbud.pk, aar)
        if side.er_gyldig() and (inddata := side.inddata()) is not None:
            try:
                grundlag = Takstgrundlag.model_validate(inddata)
                _beregn(grundlag)
            except (PydanticValidationError, ValueError, KeyError) as fejl:
                _placer_fejl(side, inddata, fejl)
            else:
                if _gem(tilbud, aar, grundlag):
                    messages.success(
                        request,
                        f"Budgettet er gemt og taksterne for {aar} beregnet. Overfør dem til "
                        "takstindberetningen, når de er på plads.",
                    )
                    return redirect("takster:takst", tilbud.pk, aar)
                messages.error(
                    request, _laast_tekst(laast_status(tilbud.driftsherre, aar), aar, "intet er gemt")
                )
                return redirect("takster:budget", tilbud.pk, aar)
        return _side(request, side, beregning, laast, status=400)
    return _side(request, side, beregning, laast)


def _gem(tilbud: Tilbud, aar: int, grundlag: Takstgrundlag) -> bool:
    """Create or update the calculation; False (nothing saved) if the report was locked meanwhile."""
    with transaction.atomic():
        ib = (
            Takstindberetning.objects.select_for_update()
            .filter(driftsherre=tilbud.driftsherre, aar=aar)
            .first()
        )
        if ib is not None and ib.status != Indberetningsstatus.UDKAST:
            return False
        beregning = Takstberegning.objects.select_for_update().filter(tilbud=tilbud, aar=aar).first()
        if beregning is None:
            beregning = Takstberegning(tilbud=tilbud, aar=aar)
        beregning.saet_grundlag(grundlag)
        beregning.full_clean()
        beregning.save()
    return True


def _side(
    request: HttpRequest, side: Budget, beregning: Takstberegning | None, laast: str, status: int = 200
) -> HttpResponse:
    tilbud = side.tilbud
    return render(
        request,
        "takster/budget_side.html",
        {
            "tilbud": tilbud,
            "aar": side.aar,
            "budget": side,
            "beregning": beregning,
            "laast": laast,
            "offentliggjort": adgang.er_offentliggjort(tilbud.driftsherre.rammeaftale, side.aar),
            "har_ydelser": bool(side.dele or side.bevaret),
            "sendt": request.method == "POST",
        },
        status=status,
    )


# --- transfer to the register -------------------------------------------------------------


@login_required
@require_POST
def budget_overfoer(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Write the calculation's rates into the year's `Ydelsesaar` rows (the rate report)."""
    tilbud = _tilbud(request, tilbud_id, aar)
    beregning = get_object_or_404(Takstberegning, tilbud=tilbud, aar=aar)
    try:
        resultat = _beregn(beregning.takstgrundlag())
    except (PydanticValidationError, ValueError, KeyError) as fejl:
        messages.error(request, f"Taksterne kan ikke beregnes og er ikke overført: {motorfejl(fejl)}")
        return redirect("takster:budget", tilbud.pk, aar)
    ydelser = _ydelser(tilbud)
    overfoer, sprunget = overfoersler(ydelser, resultat)
    with transaction.atomic():
        ib, _ = Takstindberetning.objects.select_for_update().get_or_create(
            driftsherre=tilbud.driftsherre, aar=aar
        )
        if ib.status != Indberetningsstatus.UDKAST:
            messages.error(
                request,
                _laast_tekst(ib.get_status_display().lower(), aar, "taksterne kan ikke overføres"),
            )
            return redirect("takster:takst", tilbud.pk, aar)
        aendret = [o for o in overfoer if _skriv(o, beregning, aar)]
        frakoblet = _frakobl(beregning, {o.ydelse.pk for o in overfoer}, aar)
    if aendret:
        liste = ", ".join(f"{o.ydelse.navn} ({kr(o.takst)})" for o in aendret)
        messages.success(request, f"Taksterne er overført til takstindberetningen for {aar}: {liste}.")
    elif overfoer:
        messages.info(
            request, "Takstindberetningens takster svarer allerede til beregningen; intet er ændret."
        )
    for navn in frakoblet:
        messages.warning(
            request,
            f"{navn} indgår ikke længere i beregningen; dens takst står nu som indtastet i indberetningen.",
        )
    for tekst in sprunget:
        messages.warning(request, tekst)
    return redirect("takster:takst", tilbud.pk, aar)


def _skriv(o: Overfoersel, beregning: Takstberegning, aar: int) -> bool:
    """Set one row to the calculation's figures; True if it changed (only then is it saved,
    so the history shows real changes only)."""
    ya = Ydelsesaar.objects.select_for_update().filter(ydelse=o.ydelse, aar=aar).first()
    nye: dict[str, Any] = {
        "takst": o.takst,
        "takst_kilde": TakstKilde.BEREGNET,
        "takstberegning_id": beregning.pk,
    }
    if o.pladser is not None:
        nye["pladser"] = o.pladser
        nye["budgetteret_belaegning_pct"] = o.belaegning_pct
    if ya is None:
        ya = Ydelsesaar(ydelse=o.ydelse, aar=aar)
    elif all(getattr(ya, k) == v for k, v in nye.items()):
        return False
    if ya.takst_kilde != TakstKilde.BEREGNET or ya.takstberegning_id != beregning.pk:
        nye["kilde_tekst"] = KILDE_BEREGNET.format(aar=aar)  # an entered source no longer applies
    for k, v in nye.items():
        setattr(ya, k, v)
    ya.full_clean()
    ya.save()
    return True


def _frakobl(beregning: Takstberegning, overfoert: set[int], aar: int) -> list[str]:
    """Rows that point to this calculation but are no longer in it keep their rate, now as
    entered (their trace is gone); the names of those rows."""
    navne = []
    for ya in (
        Ydelsesaar.objects.select_for_update()
        .filter(takstberegning=beregning, aar=aar)
        .exclude(ydelse_id__in=overfoert)
        .select_related("ydelse")
    ):
        ya.takstberegning = None
        ya.takst_kilde = TakstKilde.INDTASTET
        ya.kilde_tekst = KILDE_IKKE_LAENGERE.format(aar=aar)
        ya.full_clean()
        ya.save()
        navne.append(ya.ydelse.navn)
    return navne


# --- the block on the rate page ---------------------------------------------------------------


@dataclass(frozen=True)
class Budgethandlinger:
    """What the rate page (`takster:takst`) offers a user who may edit the budget."""

    laast: str  # '' while the report is a draft, else its status in words
    afviger: list[str]  # services whose register row differs from the calculation
    sprunget: list[str]  # rates that cannot be transferred, and why


def budgethandlinger(
    bruger: User | AnonymousUser, beregning: Takstberegning, resultat: Takstresultat
) -> Budgethandlinger | None:
    """None unless the user may edit the offer's budget (`adgang.kan_redigere`)."""
    tilbud = beregning.tilbud
    if not adgang.kan_redigere(bruger, tilbud.driftsherre):
        return None
    overfoer, sprunget = overfoersler(_ydelser(tilbud), resultat)
    raekker = {
        ya.ydelse_id: ya
        for ya in Ydelsesaar.objects.filter(ydelse__in=[o.ydelse for o in overfoer], aar=beregning.aar)
    }
    afviger = []
    for o in overfoer:
        ya = raekker.get(o.ydelse.pk)
        if ya is None or ya.takst != o.takst or ya.takstberegning_id != beregning.pk:
            afviger.append(o.ydelse.navn)
    return Budgethandlinger(laast_status(tilbud.driftsherre, beregning.aar), afviger, sprunget)
