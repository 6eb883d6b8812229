"""The management information's tables as they are shown: Danish column headings, units and
decimals per column, shared by the pages, the Excel workbook and the PDF report.

The engine (`beregning.ledelsesinfo`) names its columns by key and year
(`gns_pris_2016`, `doegn_2017`, `udvikling_pct`); this module turns a key into what a
reader sees, e.g. for the pair 2016–2017:

    aarspladser_2016      Belægning 2016 (årspladser)                  0,1
    omkostninger_tkr_2016 Regnskab 2016 (t.kr., 2017-priser)           hele t.kr.
    gns_pris_2016         Gns. pris pr. plads 2016 (kr., 2017-priser)  hele kr.
    udvikling_pct         Takstudvikling %                             0,1 ('ingen belægning' when a
                                                                       year has none)
    resultat_tkr_2017     Over-/underskud 2017 (t.kr.)                 hele t.kr.
    tillaeg_tkr_2017      Tillægsydelser 2017 (t.kr.)                  hele t.kr.
    doegn_2016 (D)        Døgn 2016 (%)                                0,1
    dag_2017 (E)          Dagpladser 2017                              hele pladser

The previous year's amounts are in the current year's prices (the engine's P/L factor), so
their headings say so. Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.beregning.ledelsesinfo import I_ALT, TOTAL, Ledelsesinfo, Raekke, Tabel
from socialstyring.io.kilder.kommuner import rammeaftalenavn
from socialstyring.regler import regelbog

if TYPE_CHECKING:  # the Excel framework (openpyxl) is not loaded for the pages
    from socialstyring.io.excel.rapport import Kolonneart

Enhed = Literal["aarspladser", "tkr", "kr", "pct", "pladser", "tal"]

EXCELART: dict[Enhed, Kolonneart] = {
    "aarspladser": "decimal",  # #,##0.0
    "tkr": "heltal",  # #,##0
    "kr": "heltal",
    "pct": "procent",  # 0.0
    "pladser": "heltal",
    "tal": "tal",  # General
}
"""The Excel column kind per unit (`io.excel.rapport`; with the column's decimals it gives
the number format, which Excel shows with the reader's own separators)."""

RAEKKEOVERSKRIFT = dict.fromkeys("ABCE", "Driftsherre") | {"D": "Målgruppe"}

TABELFORKLARING = {
    "A": "Regnskabets omkostninger og belægning pr. driftsherre; gennemsnitspris pr. årsplads og dens "
    "udvikling i faste priser.",
    "B": "Tilbuddenes over- (+) og underskud (−) pr. driftsherre.",
    "C": "Indtægter fra tillægsydelser og indskrivning over 100 % pr. driftsherre.",
    "D": "Belægning (årspladser / pladser) pr. målgruppe, for døgn, dag og samlet; kun ydelser med "
    "pladser og forbrug.",
    "E": "Pladser pr. målgruppe og driftsherre, dag og døgn; til sidst alle målgrupper i alt.",
}


@dataclass(frozen=True)
class Kolonne:
    """One column of a table as shown."""

    noegle: str  # the engine's column key, e.g. "gns_pris_2016"
    overskrift: str
    enhed: Enhed
    decimaler: int

    @property
    def excelart(self) -> Kolonneart:
        return EXCELART[self.enhed]

    def tekst(self, v: Decimal | None, *, med_enhed: bool = True) -> str:
        """The figure the Danish way: '377.520', '7,2 %', '1.604,9'; '–' when there is none."""
        if v is None:
            return "–"
        tekst = dansk_tal(v, self.decimaler)
        return f"{tekst} %" if med_enhed and self.enhed == "pct" else tekst


def _aar(noegle: str, praefiks: str) -> str | None:
    if noegle.startswith(praefiks):
        rest = noegle.removeprefix(praefiks)
        if rest.isdigit():
            return rest
    return None


def kolonne(li: Ledelsesinfo, tabel: str, noegle: str) -> Kolonne:
    """The heading, unit and decimals of one of the engine's columns."""
    aar = str(li.aar)

    def priser(y: str) -> str:
        return f", {aar}-priser" if y != aar else ""

    if noegle == "udvikling_pct":
        return Kolonne(noegle, "Takstudvikling %", "pct", 1)
    if (y := _aar(noegle, "aarspladser_")) is not None:
        return Kolonne(noegle, f"Belægning {y} (årspladser)", "aarspladser", 1)
    if (y := _aar(noegle, "omkostninger_tkr_")) is not None:
        return Kolonne(noegle, f"Regnskab {y} (t.kr.{priser(y)})", "tkr", 0)
    if (y := _aar(noegle, "gns_pris_")) is not None:
        return Kolonne(noegle, f"Gns. pris pr. plads {y} (kr.{priser(y)})", "kr", 0)
    if (y := _aar(noegle, "resultat_tkr_")) is not None:
        return Kolonne(noegle, f"Over-/underskud {y} (t.kr.{priser(y)})", "tkr", 0)
    if (y := _aar(noegle, "tillaeg_tkr_")) is not None:
        return Kolonne(noegle, f"Tillægsydelser {y} (t.kr.{priser(y)})", "tkr", 0)
    for praefiks, d_tekst, e_tekst in (
        ("doegn_", "Døgn", "Døgnpladser"),
        ("dag_", "Dag", "Dagpladser"),
        ("samlet_", "Samlet", "Pladser"),
    ):
        if (y := _aar(noegle, praefiks)) is not None:
            if tabel == "D":
                return Kolonne(noegle, f"{d_tekst} {y} (%)", "pct", 1)
            return Kolonne(noegle, f"{e_tekst} {y}", "pladser", 0)
    return Kolonne(noegle, noegle, "tal", 2)


INGEN_BELAEGNING = "ingen belægning"
"""Table A's development where one of the years has no occupancy: no average price, so no
development (the engine keeps the published report's −100 % for its check, `konsistens`)."""


def uden_belaegning(li: Ledelsesinfo, tabel: str, r: Raekke, noegle: str) -> bool:
    """Whether the figure is a development of table A where a year has no occupancy."""
    return (
        tabel == "A"
        and noegle == "udvikling_pct"
        and any(r.vaerdier.get(f"gns_pris_{y}") is None for y in (li.forrige_aar, li.aar))
    )


def vist_vaerdi(li: Ledelsesinfo, tabel: str, r: Raekke, noegle: str) -> Decimal | None:
    """The figure as a table shows it: none where `uden_belaegning`."""
    return None if uden_belaegning(li, tabel, r, noegle) else r.vaerdier.get(noegle)


def celletekst(li: Ledelsesinfo, tabel: str, r: Raekke, k: Kolonne) -> str:
    """A cell as the pages and the PDF show it: the figure, or 'ingen belægning'."""
    if uden_belaegning(li, tabel, r, k.noegle):
        return INGEN_BELAEGNING
    return k.tekst(r.vaerdier.get(k.noegle))


def kolonner(li: Ledelsesinfo, tabel: str) -> tuple[Kolonne, ...]:
    return tuple(kolonne(li, tabel, k) for k in li.tabeller[tabel].kolonner)


def er_total(r: Raekke) -> bool:
    """The table's total row (A–C 'Hovedtotal', D 'I alt', E each group's 'Hovedtotal')."""
    return r.navn in (TOTAL, I_ALT)


@dataclass(frozen=True)
class Gruppe:
    """A table's rows under one heading: E has one group per target group and 'I alt';
    A–D have one group with an empty title."""

    titel: str
    raekker: tuple[Raekke, ...]
    total: tuple[Raekke, ...]


def grupper(t: Tabel) -> Iterator[Gruppe]:
    """The table's rows grouped (in the engine's order), each group's total rows last."""
    orden: dict[str, list[Raekke]] = {}
    for r in t.raekker:
        orden.setdefault(r.gruppe, []).append(r)
    for titel, raekker in orden.items():
        yield Gruppe(
            titel,
            tuple(r for r in raekker if not er_total(r)),
            tuple(r for r in raekker if er_total(r)),
        )


def tabeltitel(li: Ledelsesinfo, tabel: str) -> str:
    """'A. Takstudvikling på regnskab'."""
    return f"{tabel}. {li.tabeller[tabel].titel}"


ARTTEKST = {
    "beregnet": "Trykt tal ≠ beregnet",
    "total": "Trykt total ≠ sum af trykte rækker",
    "interval": "Samlet belægning uden for dag og døgn",
    "maalgrupper": "Målgruppetabeller ≠ 'I alt'",
}
"""The kinds of inconsistency (`Uoverensstemmelse.art`) in words."""


def regelnavn(r: Regelreference) -> str:
    """A rule value's name as the report reads it: its description in the rulebook."""
    return regelbog().beskrivelse(r.parameter, r.lag) or r.parameter


def _kort_regelnavn(r: Regelreference) -> str:
    """The description's first part: 'KL's pris- og lønskøn for serviceudgifter'."""
    return regelnavn(r).split(",")[0].split(" (")[0]


def regeltekst(r: Regelreference) -> str:
    """'KL's pris- og lønskøn … = 2,0 % (National, fra 1. januar 2017). Antaget: …'."""
    lag = "National" if r.lag == "national" else rammeaftalenavn(r.lag)
    return (
        f"{regelnavn(r)} = {r.vaerdi} ({lag}, fra {dansk_dato(r.gyldig_fra)}). "
        + ("Antaget: " if r.antaget else "Kilde: ")
        + r.kilde
    )


def pl_tekst(li: Ledelsesinfo) -> str:
    """'P/L-faktor 1,02 (2016-beløb i 2017-priser; KL's pris- og lønskøn 2017 = 2,0 %, antaget)'."""
    trin = li.spor["pl_faktor"]
    regler = "; ".join(
        f"{_kort_regelnavn(r)} {r.gyldig_fra.year} = {r.vaerdi}" + (", antaget" if r.antaget else "")
        for r in trin.regler
    )
    tekst = f"P/L-faktor {dansk_tal(li.pl_faktor.normalize())} ({li.forrige_aar}-beløb i {li.aar}-priser"
    return tekst + (f"; {regler})" if regler else ")")
