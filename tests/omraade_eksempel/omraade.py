"""The area's place in the house: a menu item and a front-page card, for those its rule allows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from omraade_eksempel.adgang import SE
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt


def _url(request: HttpRequest) -> str | None:
    return reverse("omraade_eksempel:side") if har(request, SE) else None


def _kort(request: HttpRequest) -> dict[str, Any] | None:
    return {"hilsen": "Et nyt område"} if har(request, SE) else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt("eksempel", "Eksempel", 90, _url, lambda r: "Et nyt område", ("omraade_eksempel:",))
    )
    omraader.forsidekort(Forsidekort("eksempel", 90, "omraade_eksempel/_kort.html", _kort))


def afregistrer() -> None:
    omraader.fjern("eksempel")
