"""The menu item Børnehus: every user of an agreement that has a Børnehus goes to its years
(the first unit of the user's agreements); no one else sees it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.boernehus import selectors
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger
from socialstyring.web.faelles.omraader import Menupunkt


def _url(request: HttpRequest) -> str | None:
    b = selectors.synlige(bruger(request)).order_by("navn").first()
    return reverse("boernehus:oversigt", args=[b.pk]) if b is not None else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "boernehus",
            "Børnehus",
            39,
            _url,
            lambda r: "Børnehusets kapacitet, budget og takst pr. sag",
            ("boernehus:",),
        )
    )
