"""`indlaes_kommuner`: the 5 framework agreements and the 98 municipalities.

Reads `socialstyring/io/kommuner.py` (the packaged `kommuner.csv`) and creates or updates
one `Rammeaftale` per region (`kode` = the rulebook layer, `navn` e.g. "Rammeaftale
Midtjylland") and one `Kommune` per municipality. Idempotent: a second run changes nothing.
Municipalities are never deleted (offers and population figures point to them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from socialstyring.io.kilder.kommuner import alle_kommuner, regioner
from socialstyring.web.register.models import Kommune, Rammeaftale


@dataclass(frozen=True)
class Kommuneindlaesning:
    rammeaftaler_nye: int
    kommuner_nye: int
    aendrede: int


def rammeaftalenavn(regionsnavn: str) -> str:
    """ "Region Midtjylland" → "Rammeaftale Midtjylland"."""
    return "Rammeaftale " + regionsnavn.removeprefix("Region ")


def indlaes_kommuner() -> Kommuneindlaesning:
    """Create or update the 5 agreements and the 98 municipalities (one transaction)."""
    nye_aftaler = nye_kommuner = aendrede = 0
    with transaction.atomic():
        aftaler: dict[str, Rammeaftale] = {a.kode: a for a in Rammeaftale.objects.all()}
        for region in regioner():
            navn = rammeaftalenavn(region.navn)
            aftale = aftaler.get(region.rammeaftale)
            if aftale is None:
                aftaler[region.rammeaftale] = Rammeaftale.objects.create(kode=region.rammeaftale, navn=navn)
                nye_aftaler += 1
            elif aftale.navn != navn:
                aftale.navn = navn
                aftale.save(update_fields=["navn"])
                aendrede += 1

        eksisterende = {k.kode: k for k in Kommune.objects.all()}
        nye: list[Kommune] = []
        opdaterede: list[Kommune] = []
        for k in alle_kommuner():
            aftale_id = aftaler[k.rammeaftale].pk
            kommune = eksisterende.get(k.kode)
            if kommune is None:
                nye.append(Kommune(kode=k.kode, navn=k.navn, rammeaftale_id=aftale_id))
            elif (kommune.navn, kommune.rammeaftale_id) != (k.navn, aftale_id):
                kommune.navn, kommune.rammeaftale_id = k.navn, aftale_id
                opdaterede.append(kommune)
        Kommune.objects.bulk_create(nye)
        Kommune.objects.bulk_update(opdaterede, ["navn", "rammeaftale"])
        nye_kommuner = len(nye)
        aendrede += len(opdaterede)
    return Kommuneindlaesning(nye_aftaler, nye_kommuner, aendrede)


class Command(BaseCommand):
    help = "Indlæser de 5 rammeaftaler og de 98 kommuner (kan køres igen uden at lave dubletter)."

    def handle(self, *args: Any, **options: Any) -> None:
        r = indlaes_kommuner()
        self.stdout.write(
            f"Rammeaftaler: {Rammeaftale.objects.count()} ({r.rammeaftaler_nye} nye); "
            f"kommuner: {Kommune.objects.count()} ({r.kommuner_nye} nye); ændrede: {r.aendrede}."
        )
