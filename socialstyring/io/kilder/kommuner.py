"""Denmark's 98 municipalities (kommuner) and 5 regions, from `data/kommuner.csv`.

The file holds one row per municipality: `kode` (Danmarks Statistik's 3-digit
municipality code), `navn` (the short name Danmarks Statistik uses in Statistikbanken,
e.g. "København", "Aarhus", "Nordfyns"), `region_kode` (1081–1085) and `rammeaftale`
(the rulebook layer of the region's framework agreement, see `socialstyring.regler.LAG`).
Christiansø is not a municipality and is not in the file. See `data/README.md`.

The file is validated when it is first read: exactly 98 rows, unique codes and names,
a known region with its known number of municipalities, and the framework agreement
that belongs to the region. Any problem raises `KommuneFejl` naming file, row and field.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from socialstyring.regler.model import REGIONER

KOMMUNER_CSV = Path(__file__).parent / "data" / "kommuner.csv"
KOLONNER = ("kode", "navn", "region_kode", "rammeaftale")
ANTAL_KOMMUNER = 98


@dataclass(frozen=True)
class Region:
    kode: int
    navn: str
    rammeaftale: str
    antal_kommuner: int


# The five regions (regionskoder as in Danmarks Statistik's and CPR's classification).
_REGIONER: tuple[Region, ...] = (
    Region(1081, "Region Nordjylland", "nordjylland", 11),
    Region(1082, "Region Midtjylland", "midtjylland", 19),
    Region(1083, "Region Syddanmark", "syddanmark", 22),
    Region(1084, "Region Hovedstaden", "hovedstaden", 29),
    Region(1085, "Region Sjælland", "sjaelland", 17),
)
_REGION_EFTER_KODE = {r.kode: r for r in _REGIONER}
assert {r.rammeaftale for r in _REGIONER} == set(REGIONER)
assert sum(r.antal_kommuner for r in _REGIONER) == ANTAL_KOMMUNER

# Other spellings met in documents and exports, mapped to the code. Keys are compared
# case-insensitively after dropping a trailing " kommune".
_ALIASSER: dict[str, int] = {
    "århus": 751,  # the spelling until 2011, still used in e.g. seed 004
    "københavns": 101,  # "Københavns Kommune"
    "bornholms regionskommune": 400,
    "bornholms": 400,
    "høje taastrup": 169,
    "nordfyn": 480,  # official name "Nordfyns Kommune"
    "vesthimmerland": 820,  # official name "Vesthimmerlands Kommune"
}


class KommuneFejl(Exception):
    """The municipality file is invalid, or a code or name is unknown."""


@dataclass(frozen=True)
class Kommune:
    kode: int
    navn: str
    region_kode: int
    region_navn: str
    rammeaftale: str


def _normaliser(navn: str) -> str:
    return " ".join(navn.split()).casefold().removesuffix(" kommune")


def laes_kommuner(fil: Path = KOMMUNER_CSV) -> tuple[Kommune, ...]:
    """Read and validate a municipality file; the default is the packaged one."""
    try:
        tekst = fil.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fejl:
        raise KommuneFejl(f"{fil}: kan ikke læses: {fejl}") from fejl
    laeser = csv.reader(tekst.splitlines())
    hoved = next(laeser, None)
    if hoved is None or tuple(h.strip() for h in hoved) != KOLONNER:
        raise KommuneFejl(f"{fil}: række 1: kolonnerne skal være {','.join(KOLONNER)}, ikke {hoved}")
    kommuner: list[Kommune] = []
    koder: dict[int, int] = {}
    navne: dict[str, int] = {}
    for raekke in laeser:
        nr = laeser.line_num
        sted = f"{fil}: række {nr}"
        if not any(felt.strip() for felt in raekke):
            continue
        if len(raekke) != len(KOLONNER):
            raise KommuneFejl(f"{sted}: {len(raekke)} felter, ventede {len(KOLONNER)}")
        felter = dict(zip(KOLONNER, (f.strip() for f in raekke), strict=True))
        kode = _heltal(felter["kode"], f"{sted}: kode")
        if not 100 <= kode <= 999:
            raise KommuneFejl(f"{sted}: kode: {kode} er ikke en 3-cifret kommunekode")
        if kode in koder:
            raise KommuneFejl(f"{sted}: kode: {kode} står også i række {koder[kode]}")
        koder[kode] = nr
        navn = felter["navn"]
        if not navn:
            raise KommuneFejl(f"{sted}: navn: mangler")
        if _normaliser(navn) in navne:
            raise KommuneFejl(f"{sted}: navn: '{navn}' står også i række {navne[_normaliser(navn)]}")
        navne[_normaliser(navn)] = nr
        region_kode = _heltal(felter["region_kode"], f"{sted}: region_kode")
        region = _REGION_EFTER_KODE.get(region_kode)
        if region is None:
            kendte = ", ".join(str(r.kode) for r in _REGIONER)
            raise KommuneFejl(f"{sted}: region_kode: ukendt region {region_kode}; kendte: {kendte}")
        if felter["rammeaftale"] != region.rammeaftale:
            raise KommuneFejl(
                f"{sted}: rammeaftale: '{felter['rammeaftale']}' passer ikke til {region.navn}"
                f" (ventede '{region.rammeaftale}')"
            )
        kommuner.append(Kommune(kode, navn, region.kode, region.navn, region.rammeaftale))
    if len(kommuner) != ANTAL_KOMMUNER:
        raise KommuneFejl(f"{fil}: {len(kommuner)} kommuner, ventede {ANTAL_KOMMUNER}")
    antal = Counter(k.region_kode for k in kommuner)
    for region in _REGIONER:
        if antal[region.kode] != region.antal_kommuner:
            raise KommuneFejl(
                f"{fil}: {region.navn} har {antal[region.kode]} kommuner, ventede {region.antal_kommuner}"
            )
    return tuple(sorted(kommuner, key=lambda k: k.kode))


def _heltal(tekst: str, sted: str) -> int:
    if not tekst.isdigit():
        raise KommuneFejl(f"{sted}: '{tekst}' er ikke et helt tal")
    return int(tekst)


@cache
def alle_kommuner() -> tuple[Kommune, ...]:
    """All 98 municipalities, sorted by code."""
    return laes_kommuner()


@cache
def _efter_kode() -> dict[int, Kommune]:
    return {k.kode: k for k in alle_kommuner()}


@cache
def _efter_navn() -> dict[str, Kommune]:
    opslag = {_normaliser(k.navn): k for k in alle_kommuner()}
    for alias, kode in _ALIASSER.items():
        opslag.setdefault(alias, _efter_kode()[kode])
    return opslag


def kommune(kode: int) -> Kommune:
    """The municipality with this code; `KommuneFejl` when there is none."""
    try:
        return _efter_kode()[kode]
    except KeyError:
        raise KommuneFejl(f"ukendt kommunekode: {kode}") from None


def find_kommune(navn: str) -> Kommune | None:
    """The municipality with this name, or None.

    Case and a trailing " kommune" are ignored ("Favrskov kommune" → Favrskov), and a few
    other spellings are known ("Århus", "Københavns", "Bornholms Regionskommune").
    """
    return _efter_navn().get(_normaliser(navn))


def kommune_efter_navn(navn: str) -> Kommune:
    """Like `find_kommune`, but `KommuneFejl` when the name is unknown."""
    fundet = find_kommune(navn)
    if fundet is None:
        raise KommuneFejl(f"ukendt kommunenavn: '{navn}'")
    return fundet


def regioner() -> tuple[Region, ...]:
    """The five regions, sorted by code (1081 Nordjylland … 1085 Sjælland)."""
    return _REGIONER


def region(kode: int) -> Region:
    try:
        return _REGION_EFTER_KODE[kode]
    except KeyError:
        raise KommuneFejl(f"ukendt regionskode: {kode}") from None


def kommuner_i_region(region_kode: int) -> tuple[Kommune, ...]:
    """The municipalities of one region, sorted by code."""
    region(region_kode)
    return tuple(k for k in alle_kommuner() if k.region_kode == region_kode)


def rammeaftalenavn(rammeaftale: str) -> str:
    """The framework agreement as every page, letter and file names it: 'midtjylland' →
    'Rammeaftale Midtjylland' (one name for the agreement; "Region Midtjylland" is the region,
    which is also an operator)."""
    return "Rammeaftale " + regionsnavn(rammeaftale).removeprefix("Region ")


def regionsnavn(rammeaftale: str) -> str:
    """The region behind a framework agreement (a rulebook layer): 'midtjylland' → 'Region
    Midtjylland'; an unknown code is shown as it is, capitalised."""
    for r in _REGIONER:
        if r.rammeaftale == rammeaftale:
            return r.navn
    return rammeaftale.capitalize()
