"""The rulebook's place in the house: the menu item Regelbog for those who keep a layer (an
agreement's secretariat, a national administrator); every role reads the rulebook's
pages at /regelbog/."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger, har
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.regelbog.adgang import RETTE, synlige_lag


def _url(request: HttpRequest) -> str | None:
    egne = [lag for lag in synlige_lag(bruger(request)) if har(request, RETTE, lag)]
    if not egne:
        return None
    return reverse("regelbog:lag", args=[egne[0]]) if len(egne) == 1 else reverse("regelbog:oversigt")


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "regelbog", "Regelbog", 80, _url, lambda r: "Rammeaftalens regler og kilder", ("regelbog:",)
        )
    )
