"""The rate reporting's place in the house: the menu item Takstindberetning (the secretariat's
overview, or the operator's own report, for the reporting year) and the front page's cards
(the secretariat's status per agreement, the operator's own report)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt
from socialstyring.web.indberetning import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.indberetning.selectors import egen_indberetning, sekretariatsoverblik
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle
from socialstyring.web.register.selectors import indberetningsaar


@omraader.en_gang_pr_forespoergsel
def _aar(request: HttpRequest) -> int:
    """The reporting year of the user's agreements (once per request: the menu asks twice)."""
    return indberetningsaar(adgang.synlige_rammeaftaler(adgang.bruger(request)))


def _url(request: HttpRequest) -> str | None:
    b = adgang.bruger(request)
    p = adgang.profil(b)
    if adgang.er_superbruger(b) or (p is not None and p.rolle == Rolle.SEKRETARIAT):
        return reverse("indberetning:indberetning_oversigt", args=[_aar(request)])
    if p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
        return reverse("indberetning:indberetning", args=[p.driftsherre_id, _aar(request)])
    return None


def _titel(request: HttpRequest) -> str:
    return f"Takstindberetningen for {_aar(request)}"


def _status(request: HttpRequest) -> list[dict[str, Any]]:
    b = adgang.bruger(request)
    return [{"o": sekretariatsoverblik(a)} for a in adgang.sekretariatets_aftaler(b)]


def _egen(request: HttpRequest) -> dict[str, Any] | None:
    p = adgang.profil(adgang.bruger(request))
    if p is None or p.rolle != Rolle.DRIFTSHERRE or p.driftsherre is None:
        return None
    return {"egen": egen_indberetning(p.driftsherre, indberetningsaar(p.rammeaftale))}


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt("indberetning", "Takstindberetning", 30, _url, _titel, ("indberetning:", "takstskabelon:"))
    )
    omraader.forsidekort(
        Forsidekort("indberetningsstatus", 10, "indberetning/_forsidekort_status.html", _status)
    )
    omraader.forsidekort(Forsidekort("egen_indberetning", 30, "indberetning/_forsidekort_egen.html", _egen))
