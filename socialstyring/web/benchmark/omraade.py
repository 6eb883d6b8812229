"""The menu item Benchmark: spending per inhabitant of the user's municipality (a municipal user)
or the agreement's first with accounts, and from there the unit costs of the published rates."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.benchmark.adgang import SE
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Menupunkt


def _url(request: HttpRequest) -> str | None:
    return reverse("benchmark:start") if har(request, SE) else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "benchmark",
            "Benchmark",
            45,
            _url,
            lambda r: "Udgift pr. indbygger mod landsgennemsnit og sammenligningskommuner",
            ("benchmark:",),
        )
    )
