"""The front page: the cards every area registered (`omraader.forsidekort`), in their order,
each with what it has to show this user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
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
