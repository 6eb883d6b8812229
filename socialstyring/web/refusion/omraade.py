"""The menu item Refusion: a municipality's staff go to their municipality's cases, the
secretariat to the claims' totals of its agreement; no one else sees it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.refusion import selectors
from socialstyring.web.register import adgang


def _url(request: HttpRequest) -> str | None:
    b = adgang.bruger(request)
    kommune = adgang.brugerens_kommune(b)
    if kommune is not None and adgang.er_kommunemedarbejder(b):
        return reverse("refusion:kommune", args=[kommune.pk, selectors.standardaar(kommune)])
    aftaler = adgang.sekretariatets_aftaler(b) if adgang.er_et_sekretariat(b) else []
    if aftaler:
        return reverse(
            "refusionskrav:aftale", args=[aftaler[0].kode, selectors.standardaar_aftale(aftaler[0])]
        )
    return None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "refusion",
            "Refusion",
            38,
            _url,
            lambda r: "Statsrefusion i særligt dyre enkeltsager",
            ("refusion:", "refusionskrav:"),
        )
    )
