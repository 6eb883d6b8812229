"""Population as the calculations read it (Danmarks Statistik FOLK1A, imported with
`socialstyring befolkning indlaes`)."""

from __future__ import annotations

from collections.abc import Iterable

from socialstyring.web.befolkning.models import Aldersgruppe, Befolkning
from socialstyring.web.register.models import Kommune


def indbyggere(kommuner: Iterable[Kommune], aar: int, gruppe: str = Aldersgruppe.BOERN) -> dict[str, int]:
    """The municipalities' inhabitants of the age band in `aar` (FOLK1A's count for the year),
    by municipality name in the order given; a municipality without a count is left out."""
    liste = list(kommuner)
    tal = dict(
        Befolkning.objects.filter(kommune__in=liste, aar=aar, aldersgruppe=gruppe).values_list(
            "kommune_id", "antal"
        )
    )
    return {k.navn: int(tal[k.pk]) for k in liste if k.pk in tal}


def mangler(kommuner: Iterable[Kommune], aar: int, gruppe: str = Aldersgruppe.BOERN) -> list[str]:
    """The municipalities with no count of the age band in `aar` (what must be imported)."""
    liste = list(kommuner)
    har = set(
        Befolkning.objects.filter(kommune__in=liste, aar=aar, aldersgruppe=gruppe).values_list(
            "kommune_id", flat=True
        )
    )
    return [k.navn for k in liste if k.pk not in har]
