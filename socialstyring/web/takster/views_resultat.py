"""A tilbud's yearly result (over-/underskud) and its settlement (efterregulering).

URL names (namespace `takster`, see `urls_resultat.py`):

    resultat           GET, POST  /tilbud/<tilbud_id>/resultat/<aar>/           (POST saves the accounts)
    resultat_overfoer  POST       /tilbud/<tilbud_id>/resultat/<aar>/overfoer/

Who may do what (every decision through `register.adgang`): the accounts and the result
are a draft of the operator, seen by its own staff and the agreement's secretariat
(`kan_se_udkast`), who may also enter them and transfer the result (`kan_redigere`);
another agreement's offer is 404, everyone else 403.

The result is the engine's (`beregn_resultat`, with its trace). The transfer puts the
result's `TidligereResultat` into the rate calculation of the year it is carried into
(`indregnes_i`), as a `regulering` of one service, replacing an earlier entry for the same
result year; it creates no rate calculation, and it is refused while that year's rate
report is submitted or approved (as the budget is, `views_budget.laast_status`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.resultat import Resultatgrundlag, Resultatopgoerelse, beregn_resultat
from socialstyring.beregning.takst import Takstgrundlag, beregn_takst
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud
from socialstyring.web.takster.budget import motorfejl, pydantic_tekst
from socialstyring.web.takster.models import Indberetningsstatus, Regnskab, Takstberegning, Takstindberetning
from socialstyring.web.takster.views import forklaringer, trinvisning
from socialstyring.web.takster.views_budget import MAKS_AAR, MIN_AAR, laast_status
from socialstyring.web.takster.views_indberetning import DanskDecimalField

FELTER = ("omkostninger", "takstindtaegter", "tillaegsindtaegter", "andre_indtaegter", "grundlag")


class RegnskabForm(forms.Form):
    omkostninger = DanskDecimalField(
        label="Omkostninger (omkostningsbaseret regnskab), kr.", min_value=0, max_digits=14, decimal_places=2
    )
    takstindtaegter = DanskDecimalField(
        label="Takstindtægter, kr.", min_value=0, max_digits=14, decimal_places=2
    )
    tillaegsindtaegter = DanskDecimalField(
        label="Tillægsindtægter (tillægsydelser og indskrivninger over 100 %), kr.",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    andre_indtaegter = DanskDecimalField(
        label="Andre indtægter, kr.", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    grundlag = DanskDecimalField(
        label="Grundlag for driftsherrens egen andel (5 %-reglen), kr.",
        max_digits=14,
        decimal_places=2,
        help_text="Regelbogen (efterregulering.grundlag) siger hvilket, fx det omkostningsbaserede budget.",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_grundlag(self) -> Decimal | None:
        v: Decimal | None = self.cleaned_data.get("grundlag")
        if v is not None and v <= 0:
            raise forms.ValidationError("Grundlaget skal være større end 0.")
        return v


def _tilbud(request: HttpRequest, tilbud_id: int, aar: int) -> Tilbud:
    """The offer if the user may see its accounts: 404 outside the agreement, else 403."""
    if not MIN_AAR <= aar <= MAKS_AAR:
        raise Http404("ukendt år")
    bruger = adgang.bruger(request)
    tilbud = adgang.hent_tilbud(bruger, tilbud_id)
    adgang.kraev(adgang.kan_se_udkast(bruger, tilbud.driftsherre))
    return tilbud


def beregn(regnskab: Regnskab) -> Resultatopgoerelse:
    """The engine's result of the stored accounts (ValueError, KeyError or a pydantic
    ValidationError if it cannot be computed)."""
    g = Resultatgrundlag(
        region=regnskab.tilbud.region,
        tilbud=regnskab.tilbud.navn,
        aar=regnskab.aar,
        omkostninger=regnskab.omkostninger,
        takstindtaegter=regnskab.takstindtaegter,
        tillaegsindtaegter=regnskab.tillaegsindtaegter,
        andre_indtaegter=regnskab.andre_indtaegter,
        grundlag=regnskab.grundlag,
    )
    return beregn_resultat(g, regelbog())


def _ydelsesnavne(beregning: Takstberegning | None) -> tuple[list[str], str | None]:
    """The services of the rate calculation and the default one: the first with places."""
    if beregning is None:
        return [], None
    try:
        ydelser = beregning.takstgrundlag().ydelser
    except PydanticValidationError:
        return [], None
    navne = [y.navn for y in ydelser]
    standard = next((y.navn for y in ydelser if y.pladser > 0), navne[0] if navne else None)
    return navne, standard


@login_required
@require_http_methods(["GET", "POST"])
def resultat(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """The accounts form and the computed result with its trace; POST saves the accounts."""
    tilbud = _tilbud(request, tilbud_id, aar)
    bruger = adgang.bruger(request)
    kan_redigere = adgang.kan_redigere(bruger, tilbud.driftsherre)
    regnskab = Regnskab.objects.filter(tilbud=tilbud, aar=aar).select_related("tilbud").first()
    if request.method == "POST":
        adgang.kraev(kan_redigere)
        form = RegnskabForm(request.POST)
        if form.is_valid():
            ny = regnskab or Regnskab(tilbud=tilbud, aar=aar)
            for navn in FELTER:
                setattr(ny, navn, form.cleaned_data[navn] or Decimal(0))
            ny.note = form.cleaned_data["note"]
            ny.full_clean()
            ny.save()
            messages.success(request, f"Regnskabet for {aar} er gemt, og resultatet er beregnet.")
            return redirect("takster:resultat", tilbud.pk, aar)
        return _side(request, tilbud, aar, regnskab, form, kan_redigere, status=400)
    initial: dict[str, Any] = {}
    if regnskab is not None:
        initial = {navn: getattr(regnskab, navn) for navn in (*FELTER, "note")}
    return _side(request, tilbud, aar, regnskab, RegnskabForm(initial=initial), kan_redigere)


def _side(
    request: HttpRequest,
    tilbud: Tilbud,
    aar: int,
    regnskab: Regnskab | None,
    form: RegnskabForm,
    kan_redigere: bool,
    status: int = 200,
) -> HttpResponse:
    kontekst: dict[str, Any] = {
        "tilbud": tilbud,
        "aar": aar,
        "regnskab": regnskab,
        "form": form,
        "kan_redigere": kan_redigere,
        "sendt": request.method == "POST",
    }
    if regnskab is not None:
        try:
            r = beregn(regnskab)
        except (PydanticValidationError, ValueError, KeyError) as fejl:
            kontekst["fejl"] = f"Resultatet kan ikke beregnes: {motorfejl(fejl)}"
        else:
            kontekst.update(
                resultat=r,
                spor=r.spor,
                trin=[trinvisning(t, r.spor) for t in r.spor],
                forklaringer=forklaringer(r.spor),
                regler=r.regler_anvendt(),
            )
            if r.indregnes_i is not None:
                beregning = Takstberegning.objects.filter(tilbud=tilbud, aar=r.indregnes_i).first()
                navn = "takster:takst" if beregning is not None else "takster:budget"
                navne, standard = _ydelsesnavne(beregning)
                kontekst.update(
                    indregnes_url=reverse(navn, args=[tilbud.pk, r.indregnes_i]),
                    takstberegning=beregning,
                    ydelsesnavne=navne,
                    standard_ydelse=standard,
                    laast=laast_status(tilbud.driftsherre, r.indregnes_i),
                    overfoert=_overfoert(beregning, aar),
                )
    return render(request, "takster/resultat_side.html", kontekst, status=status)


def _overfoert(beregning: Takstberegning | None, aar: int) -> list[tuple[str, str]]:
    """(service, amount) of the rate calculation's regulering entries for result year `aar`."""
    if beregning is None:
        return []
    try:
        g = beregning.takstgrundlag()
    except PydanticValidationError:
        return []
    return [(y.navn, kr(r.resultat)) for y in g.ydelser for r in y.regulering if r.aar == aar]


# --- transfer into the rate calculation ---------------------------------------------------------


@login_required
@require_POST
def resultat_overfoer(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Put the result into the rate calculation of the year it is carried into."""
    tilbud = _tilbud(request, tilbud_id, aar)
    adgang.kraev(adgang.kan_redigere(adgang.bruger(request), tilbud.driftsherre))
    tilbage = redirect("takster:resultat", tilbud.pk, aar)
    regnskab = Regnskab.objects.filter(tilbud=tilbud, aar=aar).select_related("tilbud").first()
    if regnskab is None:
        messages.error(request, f"Der er intet regnskab for {aar}; skriv regnskabet først.")
        return tilbage
    try:
        r = beregn(regnskab)
    except (PydanticValidationError, ValueError, KeyError) as fejl:
        messages.error(request, f"Resultatet kan ikke beregnes og er ikke overført: {motorfejl(fejl)}")
        return tilbage
    if r.tidligere_resultat is None or r.indregnes_i is None:
        messages.info(request, f"Der er intet at indregne fra resultatet {aar}; intet er overført.")
        return tilbage
    m = r.indregnes_i
    with transaction.atomic():
        ib = (
            Takstindberetning.objects.select_for_update()
            .filter(driftsherre=tilbud.driftsherre, aar=m)
            .first()
        )
        if ib is not None and ib.status != Indberetningsstatus.UDKAST:
            messages.error(
                request,
                f"Takstindberetningen for {m} er {ib.get_status_display().lower()}, så resultatet kan "
                "ikke overføres til takstberegningen. Sekretariatet kan genåbne indberetningen, "
                "hvis den skal rettes.",
            )
            return tilbage
        beregning = Takstberegning.objects.select_for_update().filter(tilbud=tilbud, aar=m).first()
        if beregning is None:
            messages.error(
                request,
                f"Der er ingen takstberegning for {m}, så resultatet kan ikke overføres. "
                f"Skriv budgettet for {m} først ({reverse('takster:budget', args=[tilbud.pk, m])}); "
                "overfør derefter resultatet.",
            )
            return tilbage
        try:
            data = beregning.takstgrundlag().model_dump(mode="json")
        except PydanticValidationError as fejl:
            messages.error(request, f"Takstberegningen for {m} er ugyldig: {pydantic_tekst(fejl)}")
            return tilbage
        navne, standard = _ydelsesnavne(beregning)
        valgt = request.POST.get("ydelse") or standard
        if valgt not in navne:
            messages.error(request, f"Takstberegningen for {m} har ingen ydelse ved navn '{valgt}'.")
            return tilbage
        ny = r.tidligere_resultat.model_dump(mode="json")
        for y in data["ydelser"]:
            y["regulering"] = [t for t in y.get("regulering", []) if t["aar"] != aar]
            if y["navn"] == valgt:
                y["regulering"].append(ny)
        try:
            grundlag = Takstgrundlag.model_validate(data)
            beregn_takst(grundlag, regelbog())
        except (PydanticValidationError, ValueError, KeyError) as fejl:
            messages.error(request, f"Taksten {m} kan ikke beregnes med resultatet: {motorfejl(fejl)}")
            return tilbage
        beregning.saet_grundlag(grundlag)
        beregning.full_clean()
        beregning.save()
    messages.success(
        request,
        f"Resultatet {aar} er overført til takstberegningen {m} ({valgt}): efterregulering "
        f"{kr(r.efterregulering)}.",
    )
    return redirect("takster:takst", tilbud.pk, m)
