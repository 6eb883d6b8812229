"""State reimbursement in particularly expensive cases, on the page: the municipality's
citizens and their costs (the claims made of them are the app `refusionskrav`'s).

URL names (namespace `refusion`):

    kommune        GET        /refusion/kommune/<kommune_id>/<aar>/            the cases of the year
    borger_ny      GET, POST  /refusion/kommune/<kommune_id>/<aar>/borger/ny/
    borger         GET        /refusion/borger/<borger_id>/<aar>/
    borger_rediger GET, POST  /refusion/borger/<borger_id>/<aar>/rediger/
    maaned         GET, POST  /refusion/borger/<borger_id>/<aar>/maaned/<maaned>/
    engangsudgift  GET, POST  /refusion/borger/<borger_id>/<aar>/engangsudgift/
    engang_slet    POST       /refusion/engangsudgift/<engangsudgift_id>/slet/

Who may do what: `adgang.py` (a municipality's own staff).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.io.cpr import kort_pseudonym
from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.lister.liste import svar
from socialstyring.web.refusion import selectors, services
from socialstyring.web.refusion.adgang import RETTE, SE
from socialstyring.web.refusion.forms import (
    BORGERFELTER,
    MAANEDSFELTER,
    BorgerForm,
    EngangsudgiftForm,
    MaanedForm,
)
from socialstyring.web.refusion.lister import BORGERLISTE
from socialstyring.web.refusion.models import Engangsudgift, Refusionsborger
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kommune

# --- fetching ------------------------------------------------------------------------------------


def _kommune(request: HttpRequest, kommune_id: int, aar: int, tilladelse: str = SE) -> Kommune:
    """The municipality: 404 outside the user's agreement (or a year out of range), 403 for
    anyone but its own staff."""
    adgang.tjek_aar(aar)
    k = selectors.hent_kommune(adgang.bruger(request), kommune_id)
    adgang.kraev(request, tilladelse, k)
    return k


def _borger(request: HttpRequest, borger_id: int, aar: int, tilladelse: str = SE) -> Refusionsborger:
    adgang.tjek_aar(aar)
    b = Refusionsborger.objects.select_related("kommune__rammeaftale").filter(pk=borger_id).first()
    if b is None:
        raise Http404("Borgeren findes ikke.")
    selectors.hent_kommune(adgang.bruger(request), b.kommune_id)
    adgang.kraev(request, tilladelse, b.kommune)
    return b


def _aarsvaelger(kommune: Kommune, aar: int, navn: str, *efter: int) -> Any:
    return aarsvaelger(
        aarsvalg(selectors.kommunens_aar(kommune), aar, lambda a: reverse(navn, args=[kommune.pk, a, *efter]))
    )


# --- the municipality's cases -------------------------------------------------------------------


@login_required
@require_GET
def kommune(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    """The municipality's citizens with the year's costs, and the way to each quarter's claim."""
    k = _kommune(request, kommune_id, aar)
    linjer, advarsler = selectors.borgerlinjer(k, aar)
    seneste = selectors.seneste_krav(k, aar)
    return svar(
        request,
        BORGERLISTE,
        linjer,
        "refusion/kommune.html",
        {
            "kommune": k,
            "aar": aar,
            "kan_rette": adgang.har(request, RETTE, k),
            "kvartaler": [(q, seneste.get(q)) for q in (1, 2, 3, 4)],
            "advarsler": advarsler,
            "vaelger": _aarsvaelger(k, aar, "refusion:kommune"),
        },
        f"refusion_{aar}_{k.navn}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def borger_ny(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    return _borgerform(request, _kommune(request, kommune_id, aar, RETTE), aar, None)


def _borgerform(request: HttpRequest, k: Kommune, aar: int, b: Refusionsborger | None) -> HttpResponse:
    """A new citizen (no `b`) or a citizen's details changed."""
    valg = afregning.opholdsborgervalg(k)
    if request.method == "POST":
        form = BorgerForm(request.POST, opholdsborgere=valg)
        if form.is_valid():
            try:
                b = services.gem_borger(k, form, b)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect(request.path)
            except ValidationError as fejl:
                for f, tekster in fejl.message_dict.items():
                    for t in tekster:
                        form.add_error(f if f in form.fields else None, t)
            else:
                messages.success(request, f"Borger {b.noegle} er gemt.")
                return redirect("refusion:borger", b.pk, aar)
    elif b is not None:
        form = BorgerForm(
            initial={
                **{f: getattr(b, f) for f in BORGERFELTER},
                "ophold_borger": kort_pseudonym(b.pseudonym) if b.pseudonym else "",
                "version": b.version,
            },
            opholdsborgere=valg,
        )
    else:
        form = BorgerForm(opholdsborgere=valg)
    kontekst = {"kommune": k, "borger": b, "aar": aar, "form": form, "ny": b is None}
    return render(
        request, "refusion/borger_form.html", kontekst, status=400 if request.method == "POST" else 200
    )


# --- a citizen ----------------------------------------------------------------------------------


@login_required
@require_GET
def borger(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar)
    maaneder = selectors.borgerens_maaneder(b, aar)
    return render(
        request,
        "refusion/borger.html",
        {
            "borger": b,
            "kommune": b.kommune,
            "aar": aar,
            "maaneder": maaneder,
            "engangsudgifter": Engangsudgift.objects.filter(borger=b, aar=aar).order_by("pk"),
            "kan_rette": adgang.har(request, RETTE, b.kommune),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.borgerens_aar(b), aar, lambda a: reverse("refusion:borger", args=[b.pk, a])
                )
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def borger_rediger(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar, RETTE)
    return _borgerform(request, b.kommune, aar, b)


@login_required
@require_http_methods(["GET", "POST"])
def maaned(request: HttpRequest, borger_id: int, aar: int, maaned: int) -> HttpResponse:
    """One month's costs of a citizen."""
    b = _borger(request, borger_id, aar, RETTE)
    if not 1 <= maaned <= 12:
        raise Http404("Ukendt måned.")
    gemt = b.maaneder.filter(aar=aar, maaned=maaned).first()
    if request.method == "POST":
        form = MaanedForm(request.POST)
        if form.is_valid():
            try:
                m = services.gem_maaned(b, aar, maaned, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("refusion:maaned", b.pk, aar, maaned)
            navn = f"{MAANEDER[maaned - 1].capitalize()} {aar}"
            messages.success(request, f"{navn} er gemt." if m is not None else f"{navn} er fjernet.")
            return redirect("refusion:borger", b.pk, aar)
        status = 400
    else:
        initial: dict[str, Any] = {}
        if gemt is not None:
            initial = {**{f: getattr(gemt, f) for f in MAANEDSFELTER}, "version": gemt.version}
        form = MaanedForm(initial=initial)
        status = 200
    return render(
        request,
        "refusion/maaned.html",
        {
            "borger": b,
            "kommune": b.kommune,
            "aar": aar,
            "maaned": maaned,
            "maanedsnavn": MAANEDER[maaned - 1],
            "form": form,
            "gemt": gemt,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def engangsudgift(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar, RETTE)
    form = EngangsudgiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tilfoej_engangsudgift(b, aar, form)
        messages.success(request, "Engangsudgiften er tilføjet og fordeles over årets 12 måneder.")
        return redirect("refusion:borger", b.pk, aar)
    return render(
        request,
        "refusion/engangsudgift.html",
        {"borger": b, "kommune": b.kommune, "aar": aar, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def engang_slet(request: HttpRequest, engangsudgift_id: int) -> HttpResponse:
    e = Engangsudgift.objects.select_related("borger").filter(pk=engangsudgift_id).first()
    if e is None:
        raise Http404("Engangsudgiften findes ikke.")
    b = _borger(request, e.borger_id, e.aar, RETTE)
    services.slet_engangsudgift(e)
    messages.success(request, "Engangsudgiften er fjernet.")
    return redirect("refusion:borger", b.pk, e.aar)
