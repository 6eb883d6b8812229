"""Management information in the house: the menu item Ledelsesinformation and a front-page
link, both to the latest pair of years with accounts the user may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt
from socialstyring.web.ledelsesinfo.adgang import kan_se_ledelsesinfo
from socialstyring.web.ledelsesinfo.selectors import aarpar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rammeaftale


@omraader.en_gang_pr_forespoergsel
def seneste(request: HttpRequest) -> tuple[Rammeaftale, int, int] | None:
    """The agreement and the latest pair of years the user may see (once per request)."""
    b = adgang.bruger(request)
    fundet: tuple[Rammeaftale, int, int] | None = None
    if adgang.har_rolle(b):
        for aftale in adgang.synlige_rammeaftaler(b).order_by("kode"):
            par = next((p for p in aarpar(aftale) if kan_se_ledelsesinfo(b, aftale, *p)), None)
            if par is not None:
                fundet = (aftale, *par)
                break
    return fundet


def _url(request: HttpRequest) -> str | None:
    s = seneste(request)
    return reverse("ledelsesinfo:ledelsesinfo", args=[s[0].kode, s[1], s[2]]) if s else None


def _titel(request: HttpRequest) -> str:
    s = seneste(request)
    return f"Ledelsesinformation {s[1]}–{s[2]}" if s else ""


def _kort(request: HttpRequest) -> dict[str, Any] | None:
    s = seneste(request)
    return {"aftale": s[0], "forrige": s[1], "aar": s[2]} if s else None


def registrer() -> None:
    omraader.menupunkt(Menupunkt("ledelsesinfo", "Ledelsesinformation", 60, _url, _titel, ("ledelsesinfo:",)))
    omraader.forsidekort(Forsidekort("ledelsesinfo", 65, "ledelsesinfo/_forsidekort.html", _kort))
