"""The catalogue's place in the house: the menu item Katalog (the latest published catalogue
of the user's agreement) and the front page's card with it and the register."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt
from socialstyring.web.katalog import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Katalog, Rolle
from socialstyring.web.register.selectors import seneste_katalog


@omraader.en_gang_pr_forespoergsel
def _seneste(request: HttpRequest) -> Katalog | None:
    """The latest catalogue the user may see (once per request: the menu asks twice)."""
    b = adgang.bruger(request)
    return seneste_katalog(adgang.synlige_rammeaftaler(b)) if adgang.har_rolle(b) else None


def _url(request: HttpRequest) -> str | None:
    k = _seneste(request)
    return reverse("katalog:katalog", args=[k.rammeaftale.kode, k.aar]) if k else None


def _titel(request: HttpRequest) -> str:
    k = _seneste(request)
    return f"Tilbud og takster {k.aar}" if k else ""


def _kort(request: HttpRequest) -> dict[str, Any] | None:
    b = adgang.bruger(request)
    if not adgang.har_rolle(b):
        return None
    aftaler = adgang.synlige_rammeaftaler(b)
    return {
        "katalog": seneste_katalog(aftaler) if aftaler.exists() else None,
        "antal_tilbud": adgang.synlige_tilbud(b).count(),
        "laeser": adgang.rolle(b) == Rolle.LAESER,
    }


def registrer() -> None:
    omraader.menupunkt(Menupunkt("katalog", "Katalog", 40, _url, _titel, ("katalog:",)))
    omraader.forsidekort(Forsidekort("katalog", 60, "katalog/_forsidekort.html", _kort))
