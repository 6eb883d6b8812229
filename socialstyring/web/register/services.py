"""The register's use cases, each in one transaction: editing an offer, setting or removing
a year's manual category, loading the agreements and municipalities — and the lock every area's writes
to a year's figures go through (`laas_aaret`).

**The lock.** An operator's figures for a year (its `Ydelsesaar` rows, the rate
calculations they point to, the results carried into them) may change only while its rate
report for the year (`Takstindberetning`) is a draft. `laas_aaret(driftsherre, aar)` takes
the report's row (SELECT … FOR UPDATE) inside the caller's transaction and raises `Laast`
when it is submitted or approved, so a colleague's submission cannot slip in between the
check and the write. Every write path calls it: forms, Excel imports, restores, transfers
from the budget and the accounts, in-year changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from socialstyring.io.kilder.kommuner import alle_kommuner, rammeaftalenavn, regioner
from socialstyring.web.faelles.samtidighed import Foraeldet, konflikt, nye_vaerdier
from socialstyring.web.register.models import (
    Driftsherre,
    Kommune,
    Rammeaftale,
    Takstindberetning,
    Tilbud,
)


class Laast(Exception):
    """The year's figures are locked; the message says why, in Danish."""

    def __init__(self, status: str, aar: int) -> None:
        self.status = status  # "indsendt", "godkendt"
        self.aar = aar
        super().__init__(self.tekst())

    def tekst(self, hvad: str = "") -> str:
        """'Takstindberetningen for 2018 er indsendt, så <hvad>. Sekretariatet kan …'"""
        saa = f", så {hvad}" if hvad else ""
        return (
            f"Takstindberetningen for {self.aar} er {self.status}{saa}. "
            "Sekretariatet kan genåbne indberetningen, hvis den skal rettes."
        )


def laast_status(driftsherre: Driftsherre, aar: int) -> str:
    """'' while the operator's report for the year is a draft (or not started), else its
    status in words ('indsendt', 'godkendt') — for pages; writes use `laas_aaret`."""
    ib = Takstindberetning.objects.filter(driftsherre=driftsherre, aar=aar).first()
    return "" if ib is None or ib.er_udkast else ib.status_tekst.lower()


def laas_aaret(driftsherre: Driftsherre, aar: int, *, opret: bool = False) -> Takstindberetning | None:
    """Hold the operator's report for `aar` for the rest of the transaction and refuse
    (`Laast`) unless it is a draft; `opret` creates a draft report when there is none."""
    assert transaction.get_connection().in_atomic_block, "laas_aaret kræver en transaktion"
    qs = Takstindberetning.objects.select_for_update().filter(driftsherre=driftsherre, aar=aar)
    ib = qs.first()
    if ib is None and opret:
        ib, _ = Takstindberetning.objects.get_or_create(driftsherre=driftsherre, aar=aar)
        ib = qs.get()
    if ib is not None and not ib.er_udkast:
        raise Laast(ib.status_tekst.lower(), aar)
    return ib


# --- the offer -------------------------------------------------------------------------


@transaction.atomic
def gem_tilbud(tilbud: Tilbud, felter: Mapping[str, tuple[str, Any, Any]], set_v: int) -> bool:
    """Save what the user changed of the offer's own data (`felter`: field → (label, what the
    user saw, what the user wrote), as `faelles.samtidighed.aendringer` gives them from a valid
    `TilbudForm`); False when nothing changed. `Foraeldet` when the offer was saved by someone
    else after the page was opened (`set_v`, the version the page showed)."""
    nu = Tilbud.objects.select_for_update().get(pk=tilbud.pk)
    k = konflikt(f"Tilbuddet {nu.navn}", nu, set_v, felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(nu, felter)
    if not nye:
        return False
    for felt, vaerdi in nye.items():
        setattr(nu, felt, vaerdi)
    nu.full_clean()
    nu.save()
    return True


# --- the agreements and municipalities ---------------------------------------------------


@dataclass(frozen=True)
class Kommuneindlaesning:
    rammeaftaler_nye: int
    kommuner_nye: int
    aendrede: int


KOMMUNEGRUND = "Kommuner og regioner (Danmarks Statistik)"
"""The history's reason for the municipalities and agreements the loader writes."""


def indlaes_kommuner() -> Kommuneindlaesning:
    """Create or update the 5 agreements and the 98 municipalities (one transaction)."""
    nye_aftaler = nye_kommuner = aendrede = 0
    with transaction.atomic():
        aftaler: dict[str, Rammeaftale] = {a.kode: a for a in Rammeaftale.objects.all()}
        for region in regioner():
            navn = rammeaftalenavn(region.rammeaftale)
            aftale = aftaler.get(region.rammeaftale)
            if aftale is None:
                ny = Rammeaftale(kode=region.rammeaftale, navn=navn)
                ny._change_reason = KOMMUNEGRUND  # type: ignore[attr-defined]
                ny.save()
                aftaler[region.rammeaftale] = ny
                nye_aftaler += 1
            elif aftale.navn != navn:
                aftale.navn = navn
                aftale._change_reason = KOMMUNEGRUND  # type: ignore[attr-defined]
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
        bulk_create_with_history(nye, Kommune, default_change_reason=KOMMUNEGRUND)
        bulk_update_with_history(
            opdaterede, Kommune, ["navn", "rammeaftale"], default_change_reason=KOMMUNEGRUND
        )
        nye_kommuner = len(nye)
        aendrede += len(opdaterede)
    return Kommuneindlaesning(nye_aftaler, nye_kommuner, aendrede)
