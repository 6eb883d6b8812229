"""The menu item Ledsagelse: the calculator of the user's agreement, shown when the agreement's
rulebook has the principles for companion purchase (Midtjylland's)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.ledsagelse import selectors
from socialstyring.web.register import adgang


def _url(request: HttpRequest) -> str | None:
    for aftale in adgang.synlige_rammeaftaler(adgang.bruger(request)):
        if selectors.har_principper(aftale):
            return reverse("ledsagelse:beregner", args=[aftale.kode])
    return None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "ledsagelse",
            "Ledsagelse",
            40,
            _url,
            lambda r: "Tilkøb af ledsagelse under ferie: pris og egenbetaling",
            ("ledsagelse:",),
        )
    )
