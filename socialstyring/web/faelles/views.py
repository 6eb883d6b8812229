"""The front page: the cards every area registered (`omraader.forsidekort`), in their order,
each with what it has to show this user; and the login page of a locked-out login."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialstyring.web.faelles import omraader


@login_required
def forside(request: HttpRequest) -> HttpResponse:
    """An overview for the user's role: the areas' cards. `kortdata` holds what each kind of
    card got (by its key), `kort` and `brede` the cards to show, in order."""
    kortdata: dict[str, Any] = {}
    kort: list[tuple[str, Any]] = []
    brede: list[tuple[str, Any]] = []
    for k in omraader.kort():
        kontekst = k.kontekst(request)
        kortdata[k.noegle] = kontekst
        enkelte = [] if kontekst is None else kontekst if isinstance(kontekst, list) else [kontekst]
        (brede if k.bred else kort).extend((k.skabelon, e) for e in enkelte)
    return render(request, "faelles/forside.html", {"kort": kort, "brede": brede, "kortdata": kortdata})


def login_spaerret(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The login page after too many wrong passwords (django-axes' `AXES_LOCKOUT_CALLABLE`):
    the form again, with why and for how long the login is locked; 429 Too Many Requests."""
    minutter = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    brugernavn = credentials.get("username", "") if isinstance(credentials, dict) else ""
    kontekst = {
        "form": AuthenticationForm(request, initial={"username": brugernavn}),
        "spaerret": (
            f"Login er spærret i {minutter} minutter efter {settings.AXES_FAILURE_LIMIT} forkerte forsøg "
            "med dette brugernavn. Vent, og prøv så igen."
        ),
        "next": request.POST.get("next", ""),
    }
    return render(request, "faelles/login.html", kontekst, status=429)
