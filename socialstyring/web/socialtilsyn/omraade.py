"""The menu item Socialtilsyn: every user of an agreement with a supervision unit goes to the
list of its units and years; no one else sees it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.socialtilsyn import selectors


def _url(request: HttpRequest) -> str | None:
    return reverse("socialtilsyn:liste") if selectors.synlige(bruger(request)).exists() else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "socialtilsyn",
            "Socialtilsyn",
            39,
            _url,
            lambda r: "Socialtilsynets budget, takster pr. størrelsesgruppe og objektive finansiering",
            ("socialtilsyn:",),
        )
    )
