"""Occupancy in the house: the menu item Belægning (the operator's own quarter page, the
secretariat's overview of its agreement, each at the latest reported quarter) and the front
page's flags of the latest reported quarter, for the secretariat (its whole agreement) and
for an operator (its own, with the next quarter to report)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.belaegning import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.belaegning.selectors import aktuel_periode, belaegningsstatus, naeste_periode
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Rolle


def _egen_driftsherre(request: HttpRequest) -> Driftsherre | None:
    p = adgang.profil(adgang.bruger(request))
    if p is None or p.rolle != Rolle.DRIFTSHERRE or p.driftsherre is None:
        return None
    return p.driftsherre


@omraader.en_gang_pr_forespoergsel
def _menu(request: HttpRequest) -> tuple[str, str] | None:
    """The menu item's (URL, title) for the user, once per request: the operator's own page or
    the secretariat's overview at the latest reported quarter; None for other roles."""
    d = _egen_driftsherre(request)
    aftaler = [d.rammeaftale] if d is not None else adgang.sekretariatets_aftaler(adgang.bruger(request))
    p = aktuel_periode(aftaler, d) if aftaler else None
    fundet: tuple[str, str] | None = None
    if p is not None:
        url = (
            reverse("belaegning:belaegning", args=[d.pk, *p])
            if d
            else reverse("belaegning:belaegning_oversigt", args=p)
        )
        fundet = url, f"Belægning Q{p[1]} {p[0]}"
    return fundet


def _sekretariat(request: HttpRequest) -> list[Any]:
    b = adgang.bruger(request)
    return [s for a in adgang.sekretariatets_aftaler(b) if (s := belaegningsstatus(a)) is not None]


def _egen(request: HttpRequest) -> Any:
    d = _egen_driftsherre(request)
    if d is None or (status := belaegningsstatus(d.rammeaftale, d)) is None:
        return None
    return replace(status, naeste=naeste_periode(d))


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "belaegning",
            "Belægning",
            35,
            lambda r: m[0] if (m := _menu(r)) else None,
            lambda r: m[1] if (m := _menu(r)) else "",
            ("belaegning:",),
        )
    )
    omraader.forsidekort(Forsidekort("belaegning", 20, "belaegning/_belaegningskort.html", _sekretariat))
    omraader.forsidekort(Forsidekort("egen_belaegning", 40, "belaegning/_belaegningskort.html", _egen))
