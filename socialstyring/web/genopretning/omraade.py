"""The menu item Genopretning: a municipality's staff go to their municipality's reduction
plans; no one else sees it (a superuser only when there are plans)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger, har
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.genopretning import selectors
from socialstyring.web.genopretning.adgang import OPRETTE


def _url(request: HttpRequest) -> str | None:
    b = bruger(request)
    if har(request, OPRETTE) or selectors.synlige(b).exists():
        return reverse("genopretning:start")
    return None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "genopretning",
            "Genopretning",
            42,
            _url,
            lambda r: "Kommunens genopretningsplaner: reduktionsmål, initiativer og udestående",
            ("genopretning:",),
        )
    )
