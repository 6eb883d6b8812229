"""The settlement when a tilbud closes (efterregulering ved lukning af tilbud).

URL names (namespace `lukning`):

    lukning_ny  GET, POST  /tilbud/<tilbud_id>/lukning/ny/   (POST computes and stores a statement)
    lukning     GET        /lukning/<id>/
    lukninger   GET        /lukning/                        (the statements the user reads)

Who may do what (`adgang.py`): a statement is the operator's, written by those who may edit
the tilbud and read by those who may see its drafts; another agreement's tilbud is 404,
everyone else 403. The list holds the operator's own offers (staff) or the agreement's
(secretariat) that are closed or have a statement; others get 403.

The settlement is the engine's (`beregning.lukning.beregn_lukning`, region = the tilbud's
agreement, category = the tilbud's Kategorisering of the decision year). The stored
statement keeps the engine's result with its trace as computed; the page shows it as stored.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.lukning import Opgoerelsesart
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.faelles.parametre import hent_id
from socialstyring.web.lukning import selectors, services
from socialstyring.web.lukning.adgang import OPGOERE, SE
from socialstyring.web.lukning.forms import KommuneFormset, LukningForm
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud


def _beslutningsaar(request: HttpRequest) -> int:
    aar = hent_id(request, "aar")
    return aar if aar is not None and 2000 <= aar <= 2100 else date.today().year


@login_required
@require_http_methods(["GET", "POST"])
def lukning_ny(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    """The form of a closure statement; POST computes it and stores it."""
    tilbud = adgang.hent_tilbud(adgang.bruger(request), tilbud_id)
    adgang.kraev(request, OPGOERE, tilbud.driftsherre)
    aar = _beslutningsaar(request)
    if request.method != "POST":
        form = LukningForm(initial={"opgoerelse": Opgoerelsesart.FORELOEBIG.value})
        formset = KommuneFormset(prefix="kommune", initial=selectors.forudfyldte(tilbud, aar))
        return _formside(request, tilbud, aar, form, formset)
    form = LukningForm(request.POST)
    formset = KommuneFormset(request.POST, prefix="kommune")
    if form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        aar = d["beslutningsdato"].year
        kommuner = selectors.betalingskommuner(formset.cleaned_data, aar)
        kategori = selectors.kategori(tilbud, aar)
        if kategori is None:
            form.add_error(None, f"{tilbud.navn} har ingen kategori for {aar}; kategorisér tilbuddet først.")
        else:
            try:
                r = services.beregn(selectors.grundlag(tilbud, d, kategori, kommuner))
            except MOTORFEJL as fejl:
                form.add_error(None, f"Opgørelsen kan ikke beregnes: {motorfejl(fejl)}")
            else:
                o = services.gem_opgoerelse(tilbud, d, kommuner, r, adgang.bruger_objekt(request))
                messages.success(request, f"{o.get_opgoerelse_display()} er beregnet og gemt.")
                return redirect("lukning:lukning", o.pk)
    return _formside(request, tilbud, aar, form, formset, status=400)


def _formside(
    request: HttpRequest, tilbud: Tilbud, aar: int, form: LukningForm, formset: object, status: int = 200
) -> HttpResponse:
    kontekst = {
        "tilbud": tilbud,
        "aar": aar,
        "foerste_aar": aar - 2,
        "andet_aar": aar - 1,
        "form": form,
        "formset": formset,
        "sendt": request.method == "POST",
        "tidligere": selectors.tidligere(tilbud),
        "vaelger": aarsvaelger(
            aarsvalg(
                selectors.beslutningsaar(tilbud),
                aar,
                lambda a: reverse("lukning:lukning_ny", args=[tilbud.pk]) + f"?aar={a}",
                overskrift="Beslutningsår",
            )
        ),
        "kan_se_listen": selectors.kan_se_lukninger(adgang.bruger(request)),
    }
    return render(request, "lukning/lukning_ny.html", kontekst, status=status)


@login_required
@require_GET
def lukning(request: HttpRequest, opgoerelse_id: int) -> HttpResponse:
    """A stored statement: the amount per municipality, each figure opening its trace."""
    try:
        opgoerelse = Lukningsopgoerelse.objects.select_related("tilbud").get(pk=opgoerelse_id)
    except Lukningsopgoerelse.DoesNotExist:
        raise Http404("Opgørelsen findes ikke.") from None
    tilbud = adgang.hent_tilbud(adgang.bruger(request), opgoerelse.tilbud_id)
    adgang.kraev(request, SE, tilbud.driftsherre)
    return render(request, "lukning/lukning_side.html", {**selectors.visning(opgoerelse), "tilbud": tilbud})


@login_required
@require_GET
def lukninger(request: HttpRequest) -> HttpResponse:
    """The offers that are closed or have a closure statement, with their statements."""
    bruger = adgang.bruger(request)
    adgang.kraev(selectors.kan_se_lukninger(bruger))
    return render(
        request, "lukning/lukninger.html", {"tilbud_liste": selectors.synlige_tilbud_med_lukning(bruger)}
    )
