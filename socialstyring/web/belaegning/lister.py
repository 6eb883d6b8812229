"""The secretariat's occupancy overview as a list (`belaegning:belaegning_oversigt`): every
operator of its agreements with its reporting and occupancy for Q1..kvartal, searchable,
filtered (missing use, flagged, not computable), sorted, paged and in Excel (`lister.liste`)."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.web.belaegning.selectors import Fristvisning, Oversigtsraekke
from socialstyring.web.lister.liste import Filter, Kolonne, Liste

STATUSSER = {
    "mangler": "Mangler forbrug",
    "afvigelse": "Med afvigelse",
    "fejl": "Kan ikke beregnes",
    "ok": "Uden bemærkninger",
}


@dataclass(frozen=True)
class Belaegningsraekke:
    raekke: Oversigtsraekke
    frister: Fristvisning  # its agreement's deadlines

    @property
    def afvigelse(self) -> str | None:
        """What the last column shows: why it cannot be computed, or the flagged offers."""
        r = self.raekke
        if r.fejl:
            return f"Kan ikke beregnes: {r.fejl}"
        return ", ".join(r.flagede_tilbud) or None

    @property
    def statusser(self) -> list[str]:
        r = self.raekke
        ud = [
            n for n, ja in (("mangler", r.mangler), ("afvigelse", r.flagede_tilbud), ("fejl", r.fejl)) if ja
        ]
        return ud or ["ok"]


BELAEGNINGSLISTE: Liste[Belaegningsraekke] = Liste(
    url_navn="belaegning:belaegning_oversigt",
    titel="Belægning",
    flertal="driftsherrer",
    standard="driftsherre",
    kolonner=(
        Kolonne("driftsherre", "Driftsherre", lambda r: r.raekke.driftsherre.navn, bredde=28),
        Kolonne("rammeaftale", "Rammeaftale", lambda r: r.raekke.driftsherre.rammeaftale.navn, bredde=26),
        Kolonne("ydelser", "Ydelser med pladser", lambda r: r.raekke.antal_ydelser, art="heltal", bredde=12),
        Kolonne(
            "indberettet",
            "Med indberettet forbrug",
            lambda r: r.raekke.antal_indberettet,
            art="heltal",
            bredde=14,
        ),
        Kolonne(
            "belaegning",
            "Belægning %",
            lambda r: r.raekke.belaegning_pct,
            art="procent",
            decimaler=1,
            bredde=12,
        ),
        Kolonne("afvigelse", "Tilbud med afvigelse", lambda r: r.afvigelse, bredde=48),
    ),
    soeg=lambda r: (
        r.raekke.driftsherre.navn,
        r.raekke.driftsherre.rammeaftale.navn,
        *r.raekke.flagede_tilbud,
    ),
    filtre=(
        Filter(
            "status",
            "Status",
            "Alle driftsherrer",
            lambda r: [(s, STATUSSER[s]) for s in r.statusser],
            orden=tuple(STATUSSER),
        ),
        Filter(
            "aftale",
            "Rammeaftale",
            "Alle rammeaftaler",
            lambda r: [(r.raekke.driftsherre.rammeaftale.kode, r.raekke.driftsherre.rammeaftale.navn)],
        ),
    ),
)
