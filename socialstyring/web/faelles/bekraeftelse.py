"""A second look before an irreversible action (publishing, submitting, approving, reopening,
deciding): the first POST shows what will happen and asks for confirmation; the same POST
again with `bekraeftet=1` does it. Nothing is written before the confirmation, and the
action's service still checks everything again when it runs (the page may be stale).

    if not er_bekraeftet(request):
        return bekraeft(request, titel=..., punkter=[...], knap="Offentliggør", tilbage=url)
    services.offentliggoer(...)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

BEKRAEFTET = "bekraeftet"


def er_bekraeftet(request: HttpRequest) -> bool:
    return request.POST.get(BEKRAEFTET) == "1"


def bekraeft(
    request: HttpRequest,
    *,
    titel: str,
    punkter: Sequence[str],
    knap: str,
    tilbage: str,
    advarsler: Sequence[str] = (),
    ingress: str = "",
    felter: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The confirmation page: what will happen (`punkter`), what to watch (`advarsler`), and
    a button that posts the same form again, confirmed, to the same address — or only
    `felter` when given (e.g. the version of the record the page describes, so the action
    refuses if it changed after this look)."""
    skjulte = (
        list(felter.items())
        if felter is not None
        else [
            (navn, vaerdi)
            for navn, vaerdier in request.POST.lists()
            if navn not in ("csrfmiddlewaretoken", BEKRAEFTET)
            for vaerdi in vaerdier
        ]
    )
    return render(
        request,
        "faelles/bekraeft.html",
        {
            "titel": titel,
            "ingress": ingress,
            "punkter": punkter,
            "advarsler": advarsler,
            "knap": knap,
            "tilbage": tilbage,
            "felter": skjulte,
            "handling": request.path,
        },
    )
