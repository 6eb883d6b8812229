"""Closing offers in the house: the menu item Lukning (the closed offers and the closure
statements the user reads) and the offer page's section with its statements and the way to
a new one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Menupunkt, Tilbudsafsnit
from socialstyring.web.lukning.adgang import OPGOERE, SE
from socialstyring.web.lukning.selectors import kan_se_lukninger, tidligere
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud


def _url(request: HttpRequest) -> str | None:
    return reverse("lukning:lukninger") if kan_se_lukninger(adgang.bruger(request)) else None


def _tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any] | None:
    """The offer's closure statements and, for those who may, the way to a new one."""
    if not har(request, SE, tilbud.driftsherre):
        return None
    return {
        "tilbud": tilbud,
        "opgoerelser": tidligere(tilbud),
        "kan_opgoere": har(request, OPGOERE, tilbud.driftsherre),
    }


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "lukning", "Lukning", 36, _url, lambda r: "Efterregulering ved lukning af tilbud", ("lukning:",)
        )
    )
    omraader.tilbudsafsnit(Tilbudsafsnit("lukning", 40, "lukning/_tilbudsafsnit.html", _tilbudsafsnit))
