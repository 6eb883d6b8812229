"""Who may see and edit rate calculations (`rules` permissions; predicates from
`register.adgang`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Takstberegning, Tilbud

SE = "takstberegning.se"
"""See a rate calculation (obj: Takstberegning): a draft until the year is published."""
REDIGER = "takstberegning.rediger"
"""Edit an offer's budget and transfer its rates (obj: Tilbud)."""


@predikat
def kan_se_beregning(bruger: Bruger, beregning: Takstberegning) -> bool:
    return adgang.kan_se_takstberegning(bruger, beregning.tilbud, beregning.aar)


@predikat
def kan_redigere_budget(bruger: Bruger, tilbud: Tilbud) -> bool:
    return bool(adgang.kan_redigere(bruger, tilbud.driftsherre))


saet_regel(SE, kan_se_beregning)
saet_regel(REDIGER, kan_redigere_budget)
