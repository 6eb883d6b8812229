"""The published catalogue of offers and rates as an Excel workbook, declared with the report
framework (`io.excel.rapport`).

Sheet "Tilbud og takster": the title, "Offentliggjort …, version N" and "Grundlag: …", then
from row 5 the header and one row per service of every offer — the offer's operator, name,
legal basis, target group, category and report status repeated on each of its rows; an
offer without services has one row "(ingen ydelser)" without figures. Places and budgeted
occupancy are shown whole when they are whole and with two decimals otherwise; the rate
as kroner with øre (`KR_FORMAT`). Sheet "Mangler" (only when there are any): the operators
without a submitted report, with their report's status.

Pure: the input (`Katalogfil`) is the published snapshot as plain values — the web layer
reads the snapshot and formats the publication time; this module returns the file's bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from socialstyring.io.excel.rapport import (
    KR_FORMAT,
    Ark,
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    Tal,
    Vaerdi,
    byg_rapport,
)

__all__ = [
    "ARK_KATALOG",
    "ARK_MANGLER",
    "INGEN_YDELSER",
    "KOLONNER",
    "KR_FORMAT",
    "Filtilbud",
    "Filydelse",
    "Katalogfil",
    "ManglendeDriftsherre",
    "byg_katalog",
]

ARK_KATALOG: Final = "Tilbud og takster"
ARK_MANGLER: Final = "Mangler"
INGEN_YDELSER: Final = "(ingen ydelser)"

KOLONNER: Final = (
    Rapportkolonne("Driftsherre", 24),
    Rapportkolonne("Tilbud", 32),
    Rapportkolonne("Lovgrundlag", 14),
    Rapportkolonne("Målgruppe", 22),
    Rapportkolonne("Kategori", 28),
    Rapportkolonne("Ydelse", 32),
    Rapportkolonne("Pladstype", 10),
    Rapportkolonne("Pladser", 10, "decimal", 2),
    Rapportkolonne("Budgetteret belægning %", 12, "decimal", 2),
    Rapportkolonne("Takst", 14, "kr"),
    Rapportkolonne("Takstenhed", 14),
    Rapportkolonne("Indberetning", 22),
)


@dataclass(frozen=True)
class Filydelse:
    """One service of an offer as published: its name, place type and rate unit (as shown,
    e.g. "Døgn", "kr. pr. døgn"), places, budgeted occupancy (%) and rate (kr.)."""

    navn: str
    pladstype: str
    pladser: Decimal | None
    belaegning_pct: Decimal | None
    takst: Decimal | None
    takstenhed: str


@dataclass(frozen=True)
class Filtilbud:
    """One offer as published: its operator, name, legal basis (`paragraf`, e.g. "SEL § 108"),
    target group, category and the status of the operator's report (as shown, e.g.
    "Godkendt"), and its services (none: one row "(ingen ydelser)")."""

    driftsherre: str
    navn: str
    paragraf: str
    maalgruppe: str
    kategori: str
    indberetning: str
    ydelser: tuple[Filydelse, ...]


@dataclass(frozen=True)
class ManglendeDriftsherre:
    """An operator without a submitted report, and its report's status as shown."""

    navn: str
    status: str


@dataclass(frozen=True)
class Katalogfil:
    """What the catalogue's workbook shows. `offentliggjort` is the publication time as
    shown ("12. marts 2019 kl. 10.15"); `aar` names the year in the sheet "Mangler"."""

    titel: str
    aar: int
    version: int
    offentliggjort: str
    grundlag: str
    tilbud: tuple[Filtilbud, ...]
    mangler: tuple[ManglendeDriftsherre, ...] = ()


def _tal(d: Decimal | None) -> Tal:
    """Whole when whole, else with øre/hundredths."""
    return Tal(d, 0 if d is None or d == d.to_integral_value() else 2)


def _raekker(t: Filtilbud) -> tuple[Rapportraekke, ...]:
    def raekke(ydelse: tuple[Vaerdi, ...]) -> Rapportraekke:
        return Rapportraekke(
            (t.driftsherre, t.navn, t.paragraf, t.maalgruppe, t.kategori, *ydelse, t.indberetning)
        )

    if not t.ydelser:
        return (raekke((INGEN_YDELSER, None, None, None, None, None)),)
    return tuple(
        raekke((y.navn, y.pladstype, _tal(y.pladser), _tal(y.belaegning_pct), y.takst, y.takstenhed))
        for y in t.ydelser
    )


def byg_katalog(k: Katalogfil) -> bytes:
    """The catalogue as an .xlsx file (see the module's docstring)."""
    ark: list[Ark] = [
        Rapportark(
            navn=ARK_KATALOG,
            titel=k.titel,
            undertitler=(
                f"Offentliggjort {k.offentliggjort}, version {k.version}",
                f"Grundlag: {k.grundlag}",
            ),
            kolonner=KOLONNER,
            raekker=tuple(r for t in k.tilbud for r in _raekker(t)),
        )
    ]
    if k.mangler:
        ark.append(
            Rapportark(
                navn=ARK_MANGLER,
                titel=f"Driftsherrer uden indsendt takstindberetning for {k.aar}",
                kolonner=(Rapportkolonne("Driftsherre", 32), Rapportkolonne("Status", 20)),
                raekker=tuple(Rapportraekke((m.navn, m.status)) for m in k.mangler),
                autofilter=False,
            )
        )
    return byg_rapport(k.titel, ark)
