"""The year's billing, started from the agreement's billing page.

URL names (namespace `aarsafregning`):

    start   POST  /afregning/aftale/<kode>/<år>/aarsafregning/   queue the job; on to its page
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from socialstyring.web.aarsafregning import services
from socialstyring.web.aarsafregning.adgang import STARTE
from socialstyring.web.register import adgang


@login_required
@require_POST
def start(request: HttpRequest, kode: str, aar: int) -> HttpResponse:
    adgang.tjek_aar(aar)
    a = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    adgang.kraev(request, STARTE, a)
    return redirect("jobber:job", services.start(adgang.bruger_objekt(request), [a], aar))
