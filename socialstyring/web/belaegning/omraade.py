"""Occupancy in the house: the front page's flags of the latest reported quarter, for the
secretariat (its whole agreement) and for an operator (its own)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from socialstyring.web.belaegning import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.belaegning.selectors import belaegningsstatus
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle


def _sekretariat(request: HttpRequest) -> list[Any]:
    b = adgang.bruger(request)
    return [s for a in adgang.sekretariatets_aftaler(b) if (s := belaegningsstatus(a)) is not None]


def _egen(request: HttpRequest) -> Any:
    p = adgang.profil(adgang.bruger(request))
    if p is None or p.rolle != Rolle.DRIFTSHERRE or p.driftsherre is None:
        return None
    return belaegningsstatus(p.rammeaftale, p.driftsherre)


def registrer() -> None:
    omraader.forsidekort(Forsidekort("belaegning", 20, "belaegning/_belaegningskort.html", _sekretariat))
    omraader.forsidekort(Forsidekort("egen_belaegning", 40, "belaegning/_belaegningskort.html", _egen))
