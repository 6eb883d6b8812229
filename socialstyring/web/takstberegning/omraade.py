"""The rate calculation's place in the house: the front page's list of the calculations the
user may see (below the cards)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle
from socialstyring.web.takstberegning import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.takstberegning.selectors import tilbud_med_synlige_beregninger


def _beregninger(request: HttpRequest) -> dict[str, Any] | None:
    b = adgang.bruger(request)
    if not adgang.har_rolle(b):
        return None
    return {"tilbud_liste": tilbud_med_synlige_beregninger(b), "laeser": adgang.rolle(b) == Rolle.LAESER}


def registrer() -> None:
    omraader.forsidekort(
        Forsidekort("takstberegninger", 100, "takstberegning/_forsidekort.html", _beregninger, bred=True)
    )
