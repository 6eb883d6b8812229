"""The register pages: the list of offers, one offer with its services, yearly figures and
category (with the rule and figures behind it), editing, the manual category, and the
full change history with restore.

Every view asks `adgang` what the user may see and do: an offer outside the user's
agreement is 404, an edit without the right is 403, and a year's figures are shown only
to those who may see them (drafts until the year's catalogue is published).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.samtidighed import Foraeldet, aendringer, meld_konflikt, set_version
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang, services
from socialstyring.web.register.forms import TilbudForm
from socialstyring.web.register.lister import TILBUDSLISTE, listeraekker
from socialstyring.web.register.models import (
    Takstenhed,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

# --- the list -----------------------------------------------------------------------


@login_required
def tilbud_liste(request: HttpRequest) -> HttpResponse:
    """Every offer of the user's agreement, searchable, filtered, sorted, paged and in Excel
    (`lister.TILBUDSLISTE`)."""
    b = adgang.bruger(request)
    raekker = listeraekker(b)
    aftaler = ", ".join(a.navn for a in adgang.synlige_rammeaftaler(b))
    return svar(
        request,
        TILBUDSLISTE,
        raekker,
        "register/tilbud_liste.html",
        {},
        "tilbudsregister",
        undertitler=[aftaler, "Kategori og pladser er for det seneste år med tal, du har adgang til."],
    )


# --- one offer ------------------------------------------------------------------------


@dataclass(frozen=True)
class Aarsraekke:
    """One year of a service: places, budgeted occupancy, the rate and its source."""

    aar: Ydelsesaar
    enhed: str  # "pr. døgn"
    kilde: str
    beregning_url: str | None


@dataclass(frozen=True)
class Ydelsesvisning:
    ydelse: Ydelse
    aar: list[Aarsraekke]
    skjulte_aar: list[int]  # years whose figures are drafts the user may not see


def _takstkilde(a: Ydelsesaar) -> tuple[str, str | None]:
    if a.takstberegning_id is not None and a.takstberegning is not None:
        b = a.takstberegning
        return "Beregnet", reverse("takstberegning:takst", args=[b.tilbud_id, b.aar])
    tekst = a.kilde_tekst or (a.get_takst_kilde_display() if a.takst is not None else "")
    return tekst, None


def _vis_tilbud(request: HttpRequest, tilbud: Tilbud) -> HttpResponse:
    ser = adgang.Aarsadgang(adgang.bruger(request))
    dh = tilbud.driftsherre
    kan_redigere = bool(adgang.kan_redigere(adgang.bruger(request), dh))
    ydelser = []
    for y in tilbud.ydelser.select_related("afdeling").prefetch_related(
        Prefetch("aar", queryset=Ydelsesaar.objects.select_related("takstberegning").order_by("-aar"))
    ):
        enhed = str(Takstenhed(y.takstenhed).label).removeprefix("kr. ")
        raekker, skjulte = [], []
        for a in y.aar.all():
            if not ser(dh, a.aar):
                skjulte.append(a.aar)
                continue
            kilde, url = _takstkilde(a)
            raekker.append(Aarsraekke(a, enhed, kilde, url))
        ydelser.append(Ydelsesvisning(y, raekker, skjulte))
    kontekst = {
        "tilbud": tilbud,
        "afdelinger": tilbud.afdelinger.all(),
        "ydelser": ydelser,
        "kan_redigere": kan_redigere,
        "afsnit": omraader.tilbudsafsnittene(request, tilbud),  # the areas' own sections
    }
    return render(request, "register/tilbud.html", kontekst)


@login_required
def tilbud(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    return _vis_tilbud(request, adgang.hent_tilbud(adgang.bruger(request), tilbud_id))


@login_required
def tilbud_rediger(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    b = adgang.bruger(request)
    t = adgang.hent_tilbud(b, tilbud_id)
    adgang.kraev(request, "register.rediger", t.driftsherre)
    if request.method == "POST":
        form = TilbudForm(request.POST, instance=Tilbud.objects.get(pk=t.pk))
        if form.is_valid():
            try:
                gemt = services.gem_tilbud(t, aendringer(form, TilbudForm.Meta.fields), set_version(form))
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("register:tilbud_rediger", t.pk)
            if gemt:
                messages.success(request, "Tilbuddet er gemt.")
            else:
                messages.info(request, "Der var ingen ændringer at gemme.")
            return redirect("register:tilbud", t.pk)
    else:
        form = TilbudForm(instance=t)
    return render(request, "register/tilbud_rediger.html", {"tilbud": t, "form": form})
