"""Management-information tables from seed 004 (Region Midtjylland, takster 2016–2017).

The tables of "Ledelsesinformation vedr. takster 2017" (DASSOS, 15 August 2018), as
transcribed in `data/seed004/` (see its README.md for the source and the seed's own
inconsistencies). Each loader reads one CSV file, validates it and returns its rows in
file order, the seed's printed total rows included:

- `driftsherre` is the operator's name as printed ("Favrskov kommune", "Århus Kommune",
  "Region Midtjylland") and `driftsherre_kode` its municipality code from
  `kommuner.csv`, or `"region"` for Region Midtjylland, or None on the printed total row
  ("Hovedtotal"; `er_hovedtotal` is True there).
- Figures are `Decimal` (never float); a cell printed as '-' or left empty is None.
- Amounts named `_tkr` are in thousands of kroner; 2016 amounts in tables A–C are in
  2017 prices, as in the seed.

A malformed file raises `Seed004Fejl` naming the file, the row (header = row 1) and the field.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from socialstyring.beregning.ledelsesinfo import Figurnoegle
from socialstyring.io.kilder.kommuner import find_kommune

SEED004_DATA = Path(__file__).parent / "data" / "seed004"

REGION: Literal["region"] = "region"
HOVEDTOTAL = "Hovedtotal"
I_ALT = "I alt"  # the places table's "målgruppe" for its total table
REGION_MIDTJYLLAND = "Region Midtjylland"

Driftsherrekode = int | Literal["region"]

_TAL = re.compile(r"-?\d+(\.\d+)?")
_BELAEGNINGSTYPER = ("samlet", "døgn", "dag", "åbne", "sikrede")


class Seed004Fejl(Exception):
    """A seed 004 table is malformed; the message names file, row and field."""


def driftsherre_kode(navn: str) -> Driftsherrekode:
    """The operator's municipality code (`"region"` for Region Midtjylland).

    Names are matched as in `kommuner.find_kommune`: case and a trailing " kommune" are
    ignored, and the seed's "Århus Kommune" is Aarhus (751).
    """
    if navn.strip().casefold() == REGION_MIDTJYLLAND.casefold():
        return REGION
    kommune = find_kommune(navn)
    if kommune is None:
        raise Seed004Fejl(f"ukendt driftsherre: '{navn}'")
    return kommune.kode


@dataclass(frozen=True)
class TakstudviklingRaekke:
    """Table A "Takstudvikling på regnskab"."""

    driftsherre: str
    driftsherre_kode: Driftsherrekode | None
    belaegning_2016_aarspladser: Decimal | None
    regnskab_2016_tkr: Decimal | None  # 2016 costs in 2017 prices
    gns_pris_2016: Decimal | None  # kr. per year-place
    belaegning_2017: Decimal | None  # year-places
    regnskab_2017_tkr: Decimal | None
    gns_pris_2017: Decimal | None
    takstudvikling_pct: Decimal | None
    note: str | None

    @property
    def er_hovedtotal(self) -> bool:
        return self.driftsherre_kode is None


@dataclass(frozen=True)
class OverUnderskudRaekke:
    """Table B "Over-/underskud" (surplus +, deficit −)."""

    driftsherre: str
    driftsherre_kode: Driftsherrekode | None
    over_underskud_2016_tkr: Decimal | None  # in 2017 prices
    over_underskud_2017_tkr: Decimal | None
    note: str | None

    @property
    def er_hovedtotal(self) -> bool:
        return self.driftsherre_kode is None


@dataclass(frozen=True)
class TillaegsydelseRaekke:
    """Table C "Tillægsydelser/Indskrivning over 100 %"."""

    driftsherre: str
    driftsherre_kode: Driftsherrekode | None
    tillaegsydelser_2016_tkr: Decimal | None  # in 2017 prices
    tillaegsydelser_2017_tkr: Decimal | None
    note: str | None

    @property
    def er_hovedtotal(self) -> bool:
        return self.driftsherre_kode is None


@dataclass(frozen=True)
class BelaegningRaekke:
    """Table D "Belægningsoversigt": occupancy per target group, quarters 1–4."""

    maalgruppe: str
    type: str  # samlet, døgn, dag (and åbne, sikrede for secure institutions)
    belaegning_pct_2016: Decimal | None
    belaegning_pct_2017: Decimal | None


@dataclass(frozen=True)
class PladsRaekke:
    """Table E "Pladsoversigt": day (dag) and 24-hour (døgn) places.

    `maalgruppe` is "I alt" on the rows of the seed's total table.
    """

    maalgruppe: str
    driftsherre: str
    driftsherre_kode: Driftsherrekode | None
    dag_2016: Decimal | None
    doegn_2016: Decimal | None
    dag_2017: Decimal | None
    doegn_2017: Decimal | None

    @property
    def er_hovedtotal(self) -> bool:
        return self.driftsherre_kode is None


class _Raekke:
    """One data row of a seed file, with conversions that report file, row and field."""

    def __init__(self, fil: Path, nr: int, felter: dict[str, str]) -> None:
        self.fil = fil
        self.nr = nr
        self.felter = felter

    def fejl(self, felt: str, problem: str) -> Seed004Fejl:
        return Seed004Fejl(f"{self.fil}: række {self.nr}: {felt}: {problem}")

    def tekst(self, felt: str) -> str:
        tekst = self.felter[felt]
        if not tekst:
            raise self.fejl(felt, "mangler")
        return tekst

    def note(self, felt: str = "note") -> str | None:
        return self.felter[felt] or None

    def tal(self, felt: str) -> Decimal | None:
        tekst = self.felter[felt]
        if tekst in ("", "-"):
            return None
        if not _TAL.fullmatch(tekst):
            raise self.fejl(felt, f"'{tekst}' er ikke et tal (decimaltegn '.', ingen tusindtalsseparator)")
        return Decimal(tekst)

    def driftsherre(self) -> tuple[str, Driftsherrekode | None]:
        navn = self.tekst("driftsherre")
        if navn == HOVEDTOTAL:
            return navn, None
        try:
            return navn, driftsherre_kode(navn)
        except Seed004Fejl:
            raise self.fejl("driftsherre", f"ukendt driftsherre '{navn}' (ikke i kommuner.csv)") from None


def _laes(filnavn: str, kolonner: tuple[str, ...], mappe: Path) -> list[_Raekke]:
    fil = mappe / filnavn
    try:
        tekst = fil.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fejl:
        raise Seed004Fejl(f"{fil}: kan ikke læses: {fejl}") from fejl
    laeser = csv.reader(tekst.splitlines())
    hoved = next(laeser, None)
    if hoved is None or tuple(h.strip() for h in hoved) != kolonner:
        raise Seed004Fejl(f"{fil}: række 1: kolonnerne skal være {','.join(kolonner)}, ikke {hoved}")
    raekker: list[_Raekke] = []
    for felter in laeser:
        nr = laeser.line_num
        if not any(f.strip() for f in felter):
            continue
        if len(felter) != len(kolonner):
            raise Seed004Fejl(f"{fil}: række {nr}: {len(felter)} felter, ventede {len(kolonner)}")
        raekker.append(_Raekke(fil, nr, dict(zip(kolonner, (f.strip() for f in felter), strict=True))))
    if not raekker:
        raise Seed004Fejl(f"{fil}: ingen rækker")
    return raekker


def _tjek_hovedtotal(raekker: list[_Raekke], antal: int) -> None:
    """The operator tables end with exactly one 'Hovedtotal' row."""
    totaler = [r for r in raekker if r.felter["driftsherre"] == HOVEDTOTAL]
    if len(totaler) != antal:
        fil = raekker[0].fil
        raise Seed004Fejl(f"{fil}: {len(totaler)} rækker '{HOVEDTOTAL}', ventede {antal}")


@cache
def takstudvikling(mappe: Path = SEED004_DATA) -> tuple[TakstudviklingRaekke, ...]:
    """Table A, one row per operator plus the printed 'Hovedtotal'."""
    raekker = _laes(
        "takstudvikling_regnskab_2016_2017.csv",
        (
            "driftsherre",
            "belaegning_2016_aarspladser",
            "regnskab_2016_tkr_2017priser",
            "gns_pris_pr_plads_2016_kr",
            "belaegning_2017_aarspladser",
            "regnskab_2017_tkr",
            "gns_pris_pr_plads_2017_kr",
            "takstudvikling_pct",
            "note",
        ),
        mappe,
    )
    _tjek_hovedtotal(raekker, 1)
    return tuple(
        TakstudviklingRaekke(
            *r.driftsherre(),
            belaegning_2016_aarspladser=r.tal("belaegning_2016_aarspladser"),
            regnskab_2016_tkr=r.tal("regnskab_2016_tkr_2017priser"),
            gns_pris_2016=r.tal("gns_pris_pr_plads_2016_kr"),
            belaegning_2017=r.tal("belaegning_2017_aarspladser"),
            regnskab_2017_tkr=r.tal("regnskab_2017_tkr"),
            gns_pris_2017=r.tal("gns_pris_pr_plads_2017_kr"),
            takstudvikling_pct=r.tal("takstudvikling_pct"),
            note=r.note(),
        )
        for r in raekker
    )


@cache
def over_underskud(mappe: Path = SEED004_DATA) -> tuple[OverUnderskudRaekke, ...]:
    """Table B, one row per operator plus the printed 'Hovedtotal'."""
    raekker = _laes(
        "over_underskud_2016_2017.csv",
        ("driftsherre", "over_underskud_2016_tkr_2017priser", "over_underskud_2017_tkr", "note"),
        mappe,
    )
    _tjek_hovedtotal(raekker, 1)
    return tuple(
        OverUnderskudRaekke(
            *r.driftsherre(),
            over_underskud_2016_tkr=r.tal("over_underskud_2016_tkr_2017priser"),
            over_underskud_2017_tkr=r.tal("over_underskud_2017_tkr"),
            note=r.note(),
        )
        for r in raekker
    )


@cache
def tillaegsydelser(mappe: Path = SEED004_DATA) -> tuple[TillaegsydelseRaekke, ...]:
    """Table C, one row per operator plus the printed 'Hovedtotal'."""
    raekker = _laes(
        "tillaegsydelser_2016_2017.csv",
        ("driftsherre", "tillaegsydelser_2016_tkr_2017priser", "tillaegsydelser_2017_tkr", "note"),
        mappe,
    )
    _tjek_hovedtotal(raekker, 1)
    return tuple(
        TillaegsydelseRaekke(
            *r.driftsherre(),
            tillaegsydelser_2016_tkr=r.tal("tillaegsydelser_2016_tkr_2017priser"),
            tillaegsydelser_2017_tkr=r.tal("tillaegsydelser_2017_tkr"),
            note=r.note(),
        )
        for r in raekker
    )


@cache
def belaegning(mappe: Path = SEED004_DATA) -> tuple[BelaegningRaekke, ...]:
    """Table D, occupancy in per cent per target group and type."""
    raekker = _laes(
        "belaegning_maalgruppe_2016_2017.csv",
        ("maalgruppe", "type", "belaegning_pct_2017", "belaegning_pct_2016"),
        mappe,
    )
    resultat: list[BelaegningRaekke] = []
    for r in raekker:
        type_ = r.tekst("type")
        if type_ not in _BELAEGNINGSTYPER:
            raise r.fejl("type", f"ukendt type '{type_}'; kendte: {', '.join(_BELAEGNINGSTYPER)}")
        resultat.append(
            BelaegningRaekke(
                maalgruppe=r.tekst("maalgruppe"),
                type=type_,
                belaegning_pct_2016=r.tal("belaegning_pct_2016"),
                belaegning_pct_2017=r.tal("belaegning_pct_2017"),
            )
        )
    return tuple(resultat)


@cache
def pladser(mappe: Path = SEED004_DATA) -> tuple[PladsRaekke, ...]:
    """Table E, per target group (and the 'I alt' table) and operator, with each group's 'Hovedtotal'."""
    raekker = _laes(
        "pladser_2016_2017.csv",
        ("maalgruppe", "driftsherre", "dag_2016", "doegn_2016", "dag_2017", "doegn_2017"),
        mappe,
    )
    resultat = tuple(
        PladsRaekke(
            r.tekst("maalgruppe"),
            *r.driftsherre(),
            dag_2016=r.tal("dag_2016"),
            doegn_2016=r.tal("doegn_2016"),
            dag_2017=r.tal("dag_2017"),
            doegn_2017=r.tal("doegn_2017"),
        )
        for r in raekker
    )
    grupper = dict.fromkeys(p.maalgruppe for p in resultat)
    for gruppe in grupper:
        totaler = [p for p in resultat if p.maalgruppe == gruppe and p.er_hovedtotal]
        if len(totaler) != 1:
            fil = raekker[0].fil
            raise Seed004Fejl(
                f"{fil}: målgruppe '{gruppe}' har {len(totaler)} rækker '{HOVEDTOTAL}', ventede 1"
            )
    if I_ALT not in grupper:
        raise Seed004Fejl(f"{raekker[0].fil}: målgruppen '{I_ALT}' (den samlede tabel) mangler")
    return resultat


def driftsherrer(mappe: Path = SEED004_DATA) -> dict[str, Driftsherrekode]:
    """Every operator name in the operator tables (A, B, C, E) mapped to its code."""
    raekker: list[TakstudviklingRaekke | OverUnderskudRaekke | TillaegsydelseRaekke | PladsRaekke] = [
        *takstudvikling(mappe),
        *over_underskud(mappe),
        *tillaegsydelser(mappe),
        *pladser(mappe),
    ]
    return {r.driftsherre: r.driftsherre_kode for r in raekker if r.driftsherre_kode is not None}


D_KOLONNE = {"døgn": "doegn", "dag": "dag", "samlet": "samlet"}
"""Table D's types as the engine's column prefixes (åbne/sikrede are kept as printed)."""


def publicerede_figurer(
    navn: Callable[[Driftsherrekode], str] | None = None, mappe: Path = SEED004_DATA
) -> dict[Figurnoegle, Decimal | None]:
    """Every printed figure of tables A–E under the engine's figure keys
    (`beregning.ledelsesinfo.Figurnoegle`), for `konsistens`. `navn` maps an operator code
    to the name the computed figures use (default: the name as printed); the printed totals
    keep their name ('Hovedtotal')."""

    def n(driftsherre: str, kode: Driftsherrekode | None) -> str:
        return driftsherre if kode is None or navn is None else navn(kode)

    pub: dict[Figurnoegle, Decimal | None] = {}
    for a in takstudvikling(mappe):
        for kolonne, v in (
            ("aarspladser_2016", a.belaegning_2016_aarspladser),
            ("omkostninger_tkr_2016", a.regnskab_2016_tkr),
            ("gns_pris_2016", a.gns_pris_2016),
            ("aarspladser_2017", a.belaegning_2017),
            ("omkostninger_tkr_2017", a.regnskab_2017_tkr),
            ("gns_pris_2017", a.gns_pris_2017),
            ("udvikling_pct", a.takstudvikling_pct),
        ):
            pub[Figurnoegle("A", "", n(a.driftsherre, a.driftsherre_kode), kolonne)] = v
    for b in over_underskud(mappe):
        r = n(b.driftsherre, b.driftsherre_kode)
        pub[Figurnoegle("B", "", r, "resultat_tkr_2016")] = b.over_underskud_2016_tkr
        pub[Figurnoegle("B", "", r, "resultat_tkr_2017")] = b.over_underskud_2017_tkr
    for c in tillaegsydelser(mappe):
        r = n(c.driftsherre, c.driftsherre_kode)
        pub[Figurnoegle("C", "", r, "tillaeg_tkr_2016")] = c.tillaegsydelser_2016_tkr
        pub[Figurnoegle("C", "", r, "tillaeg_tkr_2017")] = c.tillaegsydelser_2017_tkr
    for d in belaegning(mappe):
        type_ = D_KOLONNE.get(d.type, d.type)
        pub[Figurnoegle("D", "", d.maalgruppe, f"{type_}_2016")] = d.belaegning_pct_2016
        pub[Figurnoegle("D", "", d.maalgruppe, f"{type_}_2017")] = d.belaegning_pct_2017
    for e in pladser(mappe):
        r = n(e.driftsherre, e.driftsherre_kode)
        for kolonne, v in (
            ("dag_2016", e.dag_2016),
            ("doegn_2016", e.doegn_2016),
            ("dag_2017", e.dag_2017),
            ("doegn_2017", e.doegn_2017),
        ):
            pub[Figurnoegle("E", e.maalgruppe, r, kolonne)] = v
    return pub
