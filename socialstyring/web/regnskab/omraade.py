"""Accounts and results in the house: the menu item Regnskab (the operator's own accounts, the
secretariat's overview of its agreement, each for the latest year with accounts), the
operator's front-page card of its accounts, and the offer page's section with the offer's
accounts and result per year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt, Tilbudsafsnit
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Rolle, Tilbud
from socialstyring.web.regnskab.adgang import INDBERETTE, SE
from socialstyring.web.regnskab.selectors import aar_med_regnskaber, aktuelt_regnskabsaar, regnskabsaar


def _egen_driftsherre(request: HttpRequest) -> Driftsherre | None:
    p = adgang.profil(adgang.bruger(request))
    if p is None or p.rolle != Rolle.DRIFTSHERRE or p.driftsherre is None:
        return None
    return p.driftsherre


@omraader.en_gang_pr_forespoergsel
def _menu(request: HttpRequest) -> tuple[str, int] | None:
    """The menu item's URL and year for the user, once per request; None for other roles."""
    d = _egen_driftsherre(request)
    aftaler = [d.rammeaftale] if d is not None else adgang.sekretariatets_aftaler(adgang.bruger(request))
    aar = aktuelt_regnskabsaar(aftaler, d) if aftaler else None
    fundet: tuple[str, int] | None = None
    if aar is not None:
        url = (
            reverse("regnskab:regnskab_oversigt", args=[d.pk, aar])
            if d
            else reverse("regnskab:regnskab_aftale", args=[aar])
        )
        fundet = url, aar
    return fundet


def _egen(request: HttpRequest) -> dict[str, Any] | None:
    """The operator's card: its accounts of the latest year with accounts."""
    d = _egen_driftsherre(request)
    m = _menu(request)
    if d is None or m is None:
        return None
    return {"driftsherre": d, "aar": m[1], "kan_redigere": har(request, INDBERETTE, d)}


def _tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any] | None:
    """The offer's accounts and result per year, for those who may see them."""
    if not har(request, SE, tilbud.driftsherre):
        return None
    aarene = regnskabsaar([tilbud.driftsherre.rammeaftale], tilbud=tilbud)
    if not aarene:
        return None
    med = aar_med_regnskaber(tilbud)
    return {"tilbud": tilbud, "aarene": [(a, a in med) for a in reversed(aarene)]}


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "regnskab",
            "Regnskab",
            34,
            lambda r: m[0] if (m := _menu(r)) else None,
            lambda r: f"Regnskaber og resultater {m[1]}" if (m := _menu(r)) else "",
            ("regnskab:",),
        )
    )
    omraader.forsidekort(Forsidekort("egen_regnskab", 45, "regnskab/_forsidekort.html", _egen))
    omraader.tilbudsafsnit(Tilbudsafsnit("regnskab", 30, "regnskab/_tilbudsafsnit.html", _tilbudsafsnit))
