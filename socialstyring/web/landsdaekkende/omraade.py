"""The menu item Landsdækkende: the first objectively financed national offer the user's
agreement follows (none: no item)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.landsdaekkende.adgang import synlige
from socialstyring.web.register import adgang


def _url(request: HttpRequest) -> str | None:
    tilbud = synlige(adgang.bruger(request))
    return reverse("landsdaekkende:tilbud", args=[tilbud[0].pk]) if tilbud else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "landsdaekkende",
            "Landsdækkende",
            39,
            _url,
            lambda r: "Objektivt finansierede landsdækkende tilbud (fx Kofoedsminde)",
            ("landsdaekkende:",),
        )
    )
