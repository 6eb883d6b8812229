"""The menu item Benchmark, once municipal accounts are imported: the user's municipality (a
municipal user) or the agreement's first with accounts."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.benchmark.adgang import SE
from socialstyring.web.benchmark.models import Regnskabstal
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Menupunkt


def _url(request: HttpRequest) -> str | None:
    return reverse("benchmark:start") if har(request, SE) and Regnskabstal.objects.exists() else None


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
