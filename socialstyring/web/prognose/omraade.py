"""The menu item Udgiftsprognose: a municipality's staff go to their municipality's forecasts;
no one else sees it (a superuser reaches a forecast from its municipality's page)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.register.adgang import brugerens_kommune_id


def _url(request: HttpRequest) -> str | None:
    k = brugerens_kommune_id(bruger(request))
    return reverse("prognose:oversigt", args=[k]) if k is not None else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "prognose",
            "Udgiftsprognose",
            46,
            _url,
            lambda r: "Forventede udgifter de næste fire år med usikkerhed, mod budgetrammen",
            ("prognose:",),
        )
    )
