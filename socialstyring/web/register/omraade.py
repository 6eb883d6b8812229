"""The register's place in the house: the menu items Forside and Tilbud, the operator's
card of its own offers, and how the header names the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle

EGNE_TILBUD_VIST = 8


def _hvis_rolle(url: str) -> Any:
    def f(request: HttpRequest) -> str | None:
        return reverse(url) if adgang.har_rolle(adgang.bruger(request)) else None

    return f


def _egne_tilbud(request: HttpRequest) -> dict[str, Any] | None:
    b = adgang.bruger(request)
    p = adgang.profil(b)
    if p is None or p.rolle != Rolle.DRIFTSHERRE or p.driftsherre is None:
        return None
    egne = adgang.synlige_tilbud(b).filter(driftsherre=p.driftsherre).order_by("navn")
    return {
        "driftsherre": p.driftsherre,
        "egne_tilbud": list(egne[:EGNE_TILBUD_VIST]),
        "antal_egne_tilbud": egne.count(),
    }


def brugertekst(request: HttpRequest) -> str:
    """How the header names the user: 'Sekretariat, Rammeaftale Midtjylland',
    'Driftsherre: Aarhus Kommune', 'Superbruger'."""
    b = adgang.bruger(request)
    p = adgang.profil(b)
    if p is None:
        return "Superbruger" if adgang.er_superbruger(b) else ""
    if p.rolle == Rolle.DRIFTSHERRE and p.driftsherre is not None:
        return f"Driftsherre: {p.driftsherre.navn}"
    return f"{p.get_rolle_display()}, {p.rammeaftale.navn}"


def registrer() -> None:
    omraader.brugertekst(brugertekst)
    omraader.menupunkt(
        Menupunkt(
            "forside",
            "Forside",
            10,
            _hvis_rolle("faelles:forside"),
            lambda r: "Overblik",
            ("faelles:forside",),
        )
    )
    omraader.menupunkt(
        Menupunkt(
            "tilbud",
            "Tilbud",
            20,
            _hvis_rolle("register:tilbud_liste"),
            lambda r: "Tilbudsregistret",
            ("register:", "takstberegning:"),
        )
    )
    omraader.forsidekort(
        Forsidekort("egne_tilbud", 50, "register/_forsidekort_egne_tilbud.html", _egne_tilbud)
    )
