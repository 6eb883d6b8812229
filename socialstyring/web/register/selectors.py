"""The register as other areas read it: the reporting year, the latest catalogue, the open
offers of a year.

**The reporting year** (`indberetningsaar`) is a rule, not a setting: the latest year that
has figures (`Ydelsesaar` rows) in the agreement and no published catalogue. When every
year with figures is published, it is the latest year with figures (the secretariat can
still publish a new version of it); with no figures at all, next calendar year (reports are
about next year's rates). In the demo it is 2018: 2016 and 2017 are published, 2018 is
being reported.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.register.models import Katalog, Rammeaftale, Tilbud, Ydelsesaar


def _aftaler(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None) -> QuerySet[Rammeaftale]:
    if rammeaftale is None:
        return Rammeaftale.objects.all()
    if isinstance(rammeaftale, Rammeaftale):
        return Rammeaftale.objects.filter(pk=rammeaftale.pk)
    return rammeaftale


def indberetningsaar(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None = None) -> int:
    """The year being reported in the agreement (or agreements; None: all) — see the
    module's docstring for the rule."""
    aftaler = _aftaler(rammeaftale)
    ydelsesaar = Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler)
    med_tal = set(aar_med_data(ydelsesaar))
    if not med_tal:
        return timezone.localdate().year + 1
    offentliggjort = set(
        Katalog.objects.filter(rammeaftale__in=aftaler, aar__in=med_tal).values_list("aar", flat=True)
    )
    uden_katalog = med_tal - offentliggjort
    return max(uden_katalog) if uden_katalog else max(med_tal)


def seneste_katalog(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None = None) -> Katalog | None:
    """The latest version of the latest year's published catalogue, if any (its year, version
    and date; the content, large, is read only if asked for)."""
    return (
        Katalog.objects.filter(rammeaftale__in=_aftaler(rammeaftale))
        .select_related("rammeaftale")
        .defer("indhold")
        .order_by("-aar", "-version")
        .first()
    )


def aabne_tilbud(rammeaftale: Rammeaftale, aar: int) -> QuerySet[Tilbud]:
    """The agreement's offers that are open in `aar` (not closed by 1 January)."""
    return (
        Tilbud.objects.filter(driftsherre__rammeaftale=rammeaftale)
        .filter(Q(lukket_fra__isnull=True) | Q(lukket_fra__gt=date(aar, 1, 1)))
        .select_related("driftsherre", "maalgruppe")
        .order_by("driftsherre__navn", "navn")
    )
