"""Pages for in-year changes of rate and capacity (ændringer i året).

URL names (namespace `aendringer`):

    aendring_ny        GET, POST  /tilbud/<id>/aendring/ny/
    aendring           GET        /aendring/<id>/
    aendring_brev_pdf  GET        /aendring/<id>/underretning.pdf
    aendring_liste     GET        /aendringer/

Who may do what (`adgang.py`): the operator's staff or the secretariat file a change of
the operator's offer; a filed change is a notification to every municipality of the
agreement, so every role of the agreement reads it. Offers outside the user's agreement are
404. The input comes from `selectors.grundlag`, the assessment and storing from `services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pydantic import ValidationError

from socialstyring.beregning.aendring import AendringFejl
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.aendringer import selectors, services
from socialstyring.web.aendringer.adgang import MELDE
from socialstyring.web.aendringer.forms import AendringForm
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.faelles.filsvar import PDF, filsvar
from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.parametre import hent_id
from socialstyring.web.register import adgang


@login_required
def aendring_ny(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    b = adgang.bruger(request)
    tilbud = adgang.hent_tilbud(b, tilbud_id)
    adgang.kraev(request, MELDE, tilbud.driftsherre)
    if request.method == "POST":
        form = AendringForm(tilbud, request.POST)
        if form.is_valid():
            try:
                grundlag, noter = selectors.grundlag(tilbud, form.cleaned_data)
                resultat = services.beregn(grundlag)
            except ValidationError as fejl:
                for tekst in pydantic_tekst(fejl).split("; "):
                    form.add_error(None, tekst)
            except AendringFejl as fejl:
                form.add_error(None, f"Ændringen kan ikke vurderes: {fejl}")
            else:
                aendring = services.meld_aendring(
                    tilbud,
                    form.cleaned_data.get("ydelse"),
                    grundlag,
                    resultat,
                    noter,
                    adgang.bruger_objekt(request),
                )
                return redirect("aendringer:aendring", aendring.pk)
    else:
        initial: dict[str, Any] = {"beslutningsdato": timezone.localdate()}
        ydelser = list(tilbud.ydelser.all()[:2])
        if len(ydelser) == 1:
            initial["ydelse"] = ydelser[0]
        form = AendringForm(tilbud, initial=initial)
    return render(request, "aendringer/aendring_ny.html", {"tilbud": tilbud, "form": form})


def _hent(request: HttpRequest, aendring_id: int) -> Aendring:
    try:
        return selectors.synlige_aendringer(adgang.bruger(request)).get(pk=aendring_id)
    except Aendring.DoesNotExist:
        raise Http404("Ændringen findes ikke.") from None


@login_required
def aendring(request: HttpRequest, aendring_id: int) -> HttpResponse:
    return render(request, "aendringer/aendring_vis.html", selectors.visning(_hent(request, aendring_id)))


@login_required
def aendring_brev_pdf(request: HttpRequest, aendring_id: int) -> HttpResponse:
    a = _hent(request, aendring_id)
    kontekst = {
        **selectors.visning(a),
        "udskrevet": timezone.localdate(),
        "side_url": request.build_absolute_uri(reverse("aendringer:aendring", args=[a.pk])),
    }
    html = render_to_string("aendringer/aendring_brev.html", kontekst, request=request)
    return filsvar(html_til_pdf(html), PDF, f"underretning-aendring-{a.pk}.pdf", vedhaeft=False)


@login_required
def aendring_liste(request: HttpRequest) -> HttpResponse:
    valgt = hent_id(request, "tilbud")
    if valgt is not None:  # the "new change" picker: on to the form (which checks access)
        return redirect("aendringer:aendring_ny", valgt)
    b = adgang.bruger(request)
    aendringer = selectors.synlige_aendringer(b).order_by("-beslutningsdato", "-oprettet")
    tilbud = list(adgang.synlige_tilbud(b).select_related("driftsherre").order_by("navn"))
    rettigheder: dict[int, bool] = {}
    for t in tilbud:
        if t.driftsherre_id not in rettigheder:
            rettigheder[t.driftsherre_id] = adgang.har(request, MELDE, t.driftsherre)
    egne = [t for t in tilbud if rettigheder[t.driftsherre_id]]
    return render(
        request,
        "aendringer/aendring_liste.html",
        {"aendringer": [(a, selectors.kort(a)) for a in aendringer], "egne_tilbud": egne},
    )
