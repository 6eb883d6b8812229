"""Setting or removing a year's manual category of an offer.

URL names (namespace `kategori`, mounted under /register/ like the register's pages):

    kategori  POST  /register/tilbud/<tilbud_id>/kategori/<aar>/   (handling=tilsidesaet|fjern)

The form is on the offer's page (the section this app adds); a form with errors is shown
again on a page of its own (400). Who may do it: `adgang.TILSIDESAETTE`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt, set_version
from socialstyring.web.kategori import services
from socialstyring.web.kategori.adgang import TILSIDESAETTE
from socialstyring.web.kategori.selectors import formular, kategorivisning
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kategorisering


@login_required
@require_POST
def kategori(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Set (`handling=tilsidesaet`) or remove (`handling=fjern`) a year's manual category."""
    t = adgang.hent_tilbud(adgang.bruger(request), tilbud_id)
    adgang.kraev(request, TILSIDESAETTE, t.driftsherre)
    k = get_object_or_404(Kategorisering, tilbud=t, aar=aar)
    tilbage = redirect(reverse("register:tilbud", args=[t.pk]) + f"#kategori-{aar}")
    try:
        if request.POST.get("handling") == "fjern":
            if services.fjern_kategori(k, hent_version(request.POST.get("version"))):
                messages.success(request, f"Den manuelle kategori for {aar} er fjernet.")
            return tilbage
        v = kategorivisning(k)
        form = formular(k, v, request.POST)
        if not form.is_valid():
            v.form = form
            return render(request, "kategori/kategori_side.html", {"tilbud": t, "kv": v}, status=400)
        services.saet_kategori(
            k, form.cleaned_data["tilsidesat"], form.cleaned_data["begrundelse"], set_version(form)
        )
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return tilbage
    messages.success(request, f"Kategorien for {aar} er sat manuelt.")
    return tilbage
