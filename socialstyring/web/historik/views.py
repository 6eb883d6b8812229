"""An offer's change history and the restore of an earlier version.

URL names (namespace `historik`, mounted under /register/ like the register's pages):

    historik  GET   /register/tilbud/<tilbud_id>/historik/
    gendan    POST  /register/historik/<model>/<history_id>/gendan/

Who may do what: every role of the agreement reads an offer's history (changes to a year's
figures the user may not see yet are left out); those who may edit the offer restore."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from socialstyring.web.historik import services
from socialstyring.web.historik.lister import HISTORIKLISTE
from socialstyring.web.historik.selectors import historikposter
from socialstyring.web.historik.selectors import tilbud_id as historik_tilbud_id
from socialstyring.web.historik.services import AARSMODELLER, HISTORIKMODELLER
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud


@login_required
def historik(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    b = adgang.bruger(request)
    t = adgang.hent_tilbud(b, tilbud_id)
    kan_redigere = bool(adgang.kan_redigere(b, t.driftsherre))
    poster = historikposter(t, adgang.Aarsadgang(b), kan_redigere)
    return svar(  # searched, filtered, sorted, paged, or as Excel
        request,
        HISTORIKLISTE,
        poster,
        "historik/historik.html",
        {"tilbud": t, "poster": poster, "kan_redigere": kan_redigere},
        f"historik-{t.navn}",
        undertitler=[t.navn],
    )


@login_required
@require_POST
def gendan(request: HttpRequest, model: str, history_id: int) -> HttpResponse:
    """Restore an object of an offer to an earlier version (`services.gendan`)."""
    if model not in HISTORIKMODELLER:
        raise Http404("Ukendt slags data.")
    klasse, modelnavn = HISTORIKMODELLER[model]
    post = get_object_or_404(klasse.history.all(), history_id=history_id)  # type: ignore[attr-defined]
    b = adgang.bruger(request)
    t = adgang.hent_tilbud(b, historik_tilbud_id(model, post))
    adgang.kraev(request, "register.rediger", t.driftsherre)
    if model in AARSMODELLER:
        adgang.kraev(adgang.kan_se_aar(b, t.driftsherre, post.aar))
    obj = post.instance
    if isinstance(obj, Tilbud) and obj.driftsherre_id != t.driftsherre_id:
        # the version belongs to another operator: restoring moves the offer back there
        adgang.kraev(request, "register.rediger", obj.driftsherre)
    try:
        gendannet = services.gendan(model, post, t)
    except services.KanIkkeGendannes as fejl:
        messages.error(request, str(fejl))
    else:
        messages.success(request, f"{modelnavn} «{gendannet}» er gendannet fra version {history_id}.")
    return redirect("historik:historik", t.pk)
