"""The rulebook's place in the house: the menu item Regelbog for every role — those who keep a
layer (an agreement's secretariat, a national administrator) go to theirs, everyone else
to the rules of their own agreement, which every role reads."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger, har
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.regelbog.adgang import RETTE, synlige_lag


def _url(request: HttpRequest) -> str | None:
    synlige = synlige_lag(bruger(request))
    egne = [lag for lag in synlige if har(request, RETTE, lag)]
    if len(egne) > 1:
        return reverse("regelbog:oversigt")
    if egne or synlige:
        return reverse("regelbog:lag", args=[(egne or synlige)[0]])
    return None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "regelbog", "Regelbog", 80, _url, lambda r: "Rammeaftalens regler og kilder", ("regelbog:",)
        )
    )
