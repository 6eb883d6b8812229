"""Who may see and edit rate calculations (`rules` permissions; predicates from
`register.adgang`)."""

from __future__ import annotations

from django.db.models import QuerySet

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Takstberegning, Tilbud

SE = "takstberegning.se"
"""See a rate calculation (obj: Takstberegning): a draft until the year is published."""
REDIGER = "takstberegning.rediger"
"""Edit an offer's budget and transfer its rates (obj: Tilbud)."""


def kan_se_takstberegning(bruger: Bruger, tilbud: Tilbud, aar: int) -> bool:
    """The rate calculation (a budget: a draft) of an offer for a year: the operator and
    the secretariat; everyone else in the agreement once the operator's year is published
    (`register.adgang.Aarsadgang`)."""
    return bool(adgang.kan_se_tilbud(bruger, tilbud)) and adgang.kan_se_aar(bruger, tilbud.driftsherre, aar)


def synlige_takstberegninger(bruger: Bruger) -> QuerySet[Takstberegning]:
    """The rate calculations the user may see (`kan_se_takstberegning` as a query: the
    register's year rule, `register.adgang.Aarsadgang`)."""
    qs = Takstberegning.objects.filter(tilbud__in=adgang.synlige_tilbud(bruger))
    return adgang.Aarsadgang(bruger).filtrer(qs, "tilbud__driftsherre", "aar")


@predikat
def kan_se_beregning(bruger: Bruger, beregning: Takstberegning) -> bool:
    return kan_se_takstberegning(bruger, beregning.tilbud, beregning.aar)


@predikat
def kan_redigere_budget(bruger: Bruger, tilbud: Tilbud) -> bool:
    return bool(adgang.kan_redigere(bruger, tilbud.driftsherre))


saet_regel(SE, kan_se_beregning)
saet_regel(REDIGER, kan_redigere_budget)
