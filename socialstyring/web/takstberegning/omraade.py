"""The rate calculation's place in the house: the front page's list of the calculations the
user may see (below the cards), and the offer page's section with the offer's calculations
per year and, for those who edit it, its budget."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.omraader import Forsidekort, Tilbudsafsnit
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle, Tilbud
from socialstyring.web.register.selectors import indberetningsaar
from socialstyring.web.takstberegning.adgang import REDIGER
from socialstyring.web.takstberegning.selectors import seneste_beregninger, synlige_beregningsaar


def _beregninger(request: HttpRequest) -> dict[str, Any] | None:
    b = adgang.bruger(request)
    if not adgang.har_rolle(b):
        return None
    return {"seneste": seneste_beregninger(b), "laeser": adgang.rolle(b) == Rolle.LAESER}


def _tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any] | None:
    """The offer's rate calculations the user may see and, for those who may edit the
    budget, the budget of the reporting year."""
    beregninger = synlige_beregningsaar(adgang.bruger(request), tilbud)
    budgetaar = indberetningsaar(tilbud.driftsherre.rammeaftale) if har(request, REDIGER, tilbud) else None
    if not beregninger and budgetaar is None:
        return None
    return {"tilbud": tilbud, "beregninger": list(reversed(beregninger)), "budgetaar": budgetaar}


def registrer() -> None:
    omraader.forsidekort(
        Forsidekort("takstberegninger", 100, "takstberegning/_forsidekort.html", _beregninger, bred=True)
    )
    omraader.tilbudsafsnit(
        Tilbudsafsnit("takstberegning", 20, "takstberegning/_tilbudsafsnit.html", _tilbudsafsnit)
    )
