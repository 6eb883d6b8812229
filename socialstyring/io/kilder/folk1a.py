"""Population per municipality and age band from a Danmarks Statistik FOLK1A export.

FOLK1A is "Folketal den 1. i kvartalet efter område, køn, alder, civilstand og tid".
Statistikbanken's CSV (the API's `/data/FOLK1A/CSV` and its download) is one row per
cell, semicolon-separated (a tab is accepted too), with the variables as columns and the
figure in `INDHOLD`:

    OMRÅDE;ALDER;TID;INDHOLD
    Favrskov;0 år;2018K1;532
    Favrskov;1 år;2018K1;561

- Columns: `OMRÅDE`, `ALDER`, `TID` and `INDHOLD` must be there; `KØN` and `CIVILSTAND`
  may be (they are present when the export did not eliminate them). Any other column is
  an error. Values must be the texts (valuePresentation "Default"), not the codes.
- `OMRÅDE`: municipality names as Danmarks Statistik writes them ("Aarhus", "Nordfyns";
  see `kommuner.py` for the accepted spellings). "Hele landet", the five regions, any
  "Landsdel …" and Christiansø (not a municipality) are skipped; any other unknown name
  is an error.
- `ALDER`: one age per row ("0 år" … "125 år"), or age groups ("0-4 år", "65-69 år",
  "100 år og derover"); a group that crosses a band limit (e.g. "15-19 år") is an error,
  since it cannot be split. "Alder i alt" / "I alt" rows are not added up; when present
  they are checked against the sum of the ages. Without such a row the ages must reach
  125 år (or end with an open group), so a truncated export cannot pass unnoticed.
- `KØN` / `CIVILSTAND`: the "I alt" row is used when present (and checked against its
  parts when all parts are present); otherwise all parts must be present and are added.
- `TID`: quarters as "2018K1". **The quarter used for a year is K1** (the population on
  1 January, Danmarks Statistik's usual "folketal 1. januar"). When a municipality has no
  K1 row for a year, the year's only quarter is used; several quarters without K1 is an
  error. `Folketal.kvartal` says which quarter each figure comes from.
- Encoding: UTF-8 with or without BOM, or Windows-1252 (statbank's older exports).

Limits, so that a careless or hostile file gives a clear error and never a traceback or a
figure the database cannot hold: the file at most `MAKS_FILSTOERRELSE` bytes; every field at
most `MAKS_FELTLAENGDE` characters (a value quoted in a message is cut short); counts (each
cell and each age band's sum) 0 … `MAKS_ANTAL` (a database integer column); ages 0 …
`MAKS_ALDER`; numbers written with the digits 0–9 only; and, when the caller gives the years
it holds (`aar`), every TID's year within them.

Every row is validated before anything is returned: a bad file raises `Folk1aFejl`, whose
message names the file, the row (the header is row 1) and the field.
"""

from __future__ import annotations

import _csv
import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from socialstyring.io.kilder.kommuner import find_kommune, kommune, regioner
from socialstyring.io.kilder.statbank import afkod, langt_felt
from socialstyring.io.kilder.statbank import csv_fejl as _csv_fejl
from socialstyring.io.kilder.statbank import tal as _tal
from socialstyring.io.kilder.statbank import vis as _vis

OBLIGATORISKE_KOLONNER = ("OMRÅDE", "ALDER", "TID", "INDHOLD")
VALGFRIE_KOLONNER = ("KØN", "CIVILSTAND")
MAKS_ALDER = 125  # FOLK1A's highest single age
MAKS_ANTAL = 2**31 - 1  # the largest count an integer column holds (PostgreSQL integer)
MAKS_FELTLAENGDE = 100  # characters; the longest municipality name is under 30
MAKS_FILSTOERRELSE = 64 * 1024 * 1024  # bytes; a FOLK1A export of every municipality, age and
# quarter for twenty years, without sex and marital status, is about 40 MB

# Age bands: (label, first age, last age or None for open-ended).
ALDERSBAAND: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 17),
    ("18-64", 18, 64),
    ("65+", 65, None),
)

# For each optional dimension: its total's text and its parts (casefolded → as written).
_I_ALT = "I alt"
_DELE: dict[str, tuple[str, ...]] = {
    "KØN": ("Mænd", "Kvinder"),
    "CIVILSTAND": ("Ugift", "Gift/separeret", "Enke/enkemand", "Fraskilt"),
}
_ALDER_I_ALT = {"alder i alt", "i alt"}
_OVERSPRUNGNE_OMRAADER = {"hele landet", "christiansø"} | {r.navn.casefold() for r in regioner()}

# [0-9], not \d: \d matches every script's digits ('٢٠١٨' would be read as 2018)
_TID = re.compile(r"([0-9]{4})K([1-4])")
_ET_AAR = re.compile(r"([0-9]+) år")
_GRUPPE = re.compile(r"([0-9]+) ?[-–] ?([0-9]+) år")
_AABEN_GRUPPE = re.compile(r"([0-9]+) år og (?:der)?over")


class Folk1aFejl(Exception):
    """A FOLK1A file is invalid; the message names file, row and field."""


@dataclass(frozen=True)
class Folketal:
    """The population of one municipality in one year, in three age bands."""

    kommunekode: int
    aar: int
    kvartal: str  # the TID the figures come from, e.g. "2018K1"
    alder_0_17: int
    alder_18_64: int
    alder_65_plus: int

    @property
    def i_alt(self) -> int:
        return self.alder_0_17 + self.alder_18_64 + self.alder_65_plus


@dataclass(frozen=True)
class _Alder:
    tekst: str
    fra: int | None  # None: the total row ("Alder i alt")
    til: int | None  # None with fra set: open-ended group ("100 år og derover")


@dataclass(frozen=True)
class _Celle:
    nr: int  # row number in the file (header = 1)
    vaerdi: int


# A cell's key: (municipality code, TID, age key, values of the optional dimensions).
# The age key is (fra, til) with (None, None) for the total.
_AlderNoegle = tuple[int | None, int | None]
_Noegle = tuple[int, str, _AlderNoegle, tuple[str, ...]]


def laes_folk1a(fil: Path, *, aar: tuple[int, int] | None = None) -> dict[tuple[int, int], Folketal]:
    """Population per (municipality code, year), in age bands 0–17, 18–64 and 65+; with
    `aar` (first, last), a quarter of any other year is an error."""
    return _Laeser(fil, aar).laes()


def _afkod(fil: Path) -> str:
    return afkod(fil, MAKS_FILSTOERRELSE, Folk1aFejl, "udelad KØN og CIVILSTAND i udtrækket")


class _Laeser:
    def __init__(self, fil: Path, aar: tuple[int, int] | None = None) -> None:
        self.fil = fil
        self.aar = aar
        self.alder_tekst: dict[_AlderNoegle, str] = {}
        self.tekst, self.skille = "", ";"

    def fejl(self, nr: int, felt: str | None, problem: str) -> Folk1aFejl:
        sted = f"{self.fil}: række {nr}" + (f": {felt}" if felt else "")
        return Folk1aFejl(f"{sted}: {problem}")

    def laes(self) -> dict[tuple[int, int], Folketal]:
        tekst = _afkod(self.fil)
        foerste_linje = tekst.split("\n", 1)[0]
        skilletegn = ";" if ";" in foerste_linje else "\t" if "\t" in foerste_linje else None
        if skilletegn is None:
            raise self.fejl(
                1, None, "ingen semikolon-adskilte kolonner (ventede fx OMRÅDE;ALDER;TID;INDHOLD)"
            )
        self.tekst, self.skille = tekst, skilletegn  # to name the field of a csv error
        laeser = csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn)
        raekker = self.raekker(laeser)
        hoved = next(raekker, None)
        if hoved is None:
            raise Folk1aFejl(f"{self.fil}: filen er tom")
        kolonner = self.kolonner(hoved)
        ekstra = tuple(k for k in kolonner if k in VALGFRIE_KOLONNER)

        celler: dict[_Noegle, _Celle] = {}
        for raekke in raekker:
            nr = laeser.line_num
            if not any(felt.strip() for felt in raekke):
                continue
            if len(raekke) != len(kolonner):
                raise self.fejl(
                    nr, None, f"{_tal(len(raekke))} felter, ventede {len(kolonner)} ({';'.join(kolonner)})"
                )
            felter = dict(zip(kolonner, (f.strip() for f in raekke), strict=True))
            for kolonne, felt in felter.items():
                if len(felt) > MAKS_FELTLAENGDE:
                    raise self.fejl(
                        nr, kolonne, f"feltet er {_tal(len(felt))} tegn langt; højst {MAKS_FELTLAENGDE}"
                    )
            noegle = self.raekke(nr, felter, ekstra)
            if noegle is None:
                continue
            if noegle in celler:
                noegle_kolonner = ", ".join(("OMRÅDE", "ALDER", "TID", *ekstra))
                raise self.fejl(nr, noegle_kolonner, f"samme celle som række {celler[noegle].nr}")
            celler[noegle] = _Celle(nr, int(felter["INDHOLD"]))
        if not celler:
            raise Folk1aFejl(f"{self.fil}: ingen rækker for en kommune")

        for dimension in range(len(ekstra)):
            celler = self.reducer_dimension(celler, ekstra, dimension)
        baand = self.reducer_alder(celler)
        return self.vaelg_kvartal(baand)

    def raekker(self, laeser: _csv.Reader) -> Iterator[list[str]]:
        """The CSV rows; a row Python's csv cannot read is a `Folk1aFejl` naming it."""
        while True:
            try:
                raekke = next(laeser)
            except StopIteration:
                return
            except csv.Error as fejl:
                nr = max(laeser.line_num, 1)
                felt = langt_felt(self.tekst, nr, self.skille) if "field larger" in str(fejl) else None
                raise self.fejl(nr, felt.upper() if felt else None, _csv_fejl(fejl)) from fejl
            yield raekke

    def kolonner(self, hoved: list[str]) -> tuple[str, ...]:
        kolonner = tuple(k.strip().upper() for k in hoved)
        for kolonne in kolonner:
            if kolonner.count(kolonne) > 1:
                raise self.fejl(1, _vis(kolonne), "kolonnen står flere gange")
            if kolonne not in OBLIGATORISKE_KOLONNER + VALGFRIE_KOLONNER:
                kendte = ", ".join(OBLIGATORISKE_KOLONNER + VALGFRIE_KOLONNER)
                raise self.fejl(1, _vis(kolonne) or "(tom)", f"ukendt kolonne; kendte: {kendte}")
        for kolonne in OBLIGATORISKE_KOLONNER:
            if kolonne not in kolonner:
                raise self.fejl(1, kolonne, f"kolonnen mangler (kolonnerne er {';'.join(kolonner)})")
        return kolonner

    def raekke(self, nr: int, felter: dict[str, str], ekstra: tuple[str, ...]) -> _Noegle | None:
        """Validate one row; its cell key, or None for a row that is skipped (not a municipality)."""
        tid = felter["TID"]
        if not (m := _TID.fullmatch(tid)):
            raise self.fejl(nr, "TID", f"'{_vis(tid)}' er ikke et kvartal som 2018K1")
        if self.aar is not None and not self.aar[0] <= int(m[1]) <= self.aar[1]:
            raise self.fejl(
                nr,
                "TID",
                f"året {m[1]} ligger uden for de år, der kan indlæses ({self.aar[0]}–{self.aar[1]})",
            )
        alder = self.alder(nr, felter["ALDER"])
        vaerdier: list[str] = []
        for dimension in ekstra:
            tekst = felter[dimension]
            kendte = (_I_ALT, *_DELE[dimension])
            vaerdi = next((k for k in kendte if k.casefold() == tekst.casefold()), None)
            if vaerdi is None:
                raise self.fejl(nr, dimension, f"ukendt værdi '{_vis(tekst)}'; kendte: {', '.join(kendte)}")
            vaerdier.append(vaerdi)
        self.indhold(nr, felter["INDHOLD"])
        omraade = felter["OMRÅDE"]
        if omraade.casefold() in _OVERSPRUNGNE_OMRAADER or omraade.casefold().startswith("landsdel "):
            return None
        fundet = find_kommune(omraade)
        if fundet is None:
            raise self.fejl(nr, "OMRÅDE", f"ukendt kommune '{_vis(omraade)}'")
        self.alder_tekst.setdefault((alder.fra, alder.til), alder.tekst)
        return (fundet.kode, tid, (alder.fra, alder.til), tuple(vaerdier))

    def indhold(self, nr: int, tekst: str) -> int:
        if not tekst.isascii() or not tekst.isdigit():
            raise self.fejl(nr, "INDHOLD", f"'{_vis(tekst)}' er ikke et antal (et helt tal ≥ 0)")
        if len(tekst) > len(str(MAKS_ANTAL)) or int(tekst) > MAKS_ANTAL:
            raise self.fejl(
                nr,
                "INDHOLD",
                f"'{_vis(tekst)}' er større end det største antal, der kan gemmes ({_tal(MAKS_ANTAL)})",
            )
        return int(tekst)

    def alder(self, nr: int, tekst: str) -> _Alder:
        if tekst.casefold() in _ALDER_I_ALT:
            return _Alder(tekst, None, None)
        if m := _ET_AAR.fullmatch(tekst):
            alder = _Alder(tekst, int(m[1]), int(m[1]))
        elif m := _AABEN_GRUPPE.fullmatch(tekst):
            alder = _Alder(tekst, int(m[1]), None)
        elif m := _GRUPPE.fullmatch(tekst):
            alder = _Alder(tekst, int(m[1]), int(m[2]))
            if int(m[1]) > int(m[2]):
                raise self.fejl(nr, "ALDER", f"'{_vis(tekst)}': gruppen slutter før den begynder")
        else:
            raise self.fejl(
                nr,
                "ALDER",
                f"'{_vis(tekst)}' er hverken en alder ('7 år'), en aldersgruppe ('5-9 år')"
                " eller 'Alder i alt'",
            )
        if max(a for a in (alder.fra, alder.til) if a is not None) > MAKS_ALDER:
            raise self.fejl(nr, "ALDER", f"'{_vis(tekst)}' er over {MAKS_ALDER} år, FOLK1A's højeste alder")
        return alder

    def beskriv(self, kode: int, tid: str, alder: _AlderNoegle | None = None) -> str:
        tekst = f"{kommune(kode).navn} {tid}"
        return tekst if alder is None else f"{tekst}, {self.alder_tekst[alder]}"

    def reducer_dimension(
        self, celler: dict[_Noegle, _Celle], ekstra: tuple[str, ...], indeks: int
    ) -> dict[_Noegle, _Celle]:
        """Remove one optional dimension: use its 'I alt' row, or add up all its parts."""
        dimension = ekstra[indeks]
        grupper: dict[_Noegle, dict[str, _Celle]] = defaultdict(dict)
        for (kode, tid, alder, vaerdier), celle in celler.items():
            rest = (*vaerdier[:indeks], "", *vaerdier[indeks + 1 :])
            grupper[(kode, tid, alder, rest)][vaerdier[indeks]] = celle
        dele = _DELE[dimension]
        resultat: dict[_Noegle, _Celle] = {}
        for noegle, gruppe in grupper.items():
            kode, tid, alder, _ = noegle
            til_stede = [gruppe[d] for d in dele if d in gruppe]
            if _I_ALT in gruppe:
                total = gruppe[_I_ALT]
                if len(til_stede) == len(dele) and sum(c.vaerdi for c in til_stede) != total.vaerdi:
                    raise self.fejl(
                        total.nr,
                        "INDHOLD",
                        f"'{_I_ALT}' ({total.vaerdi}) er ikke summen af {', '.join(dele)}"
                        f" ({sum(c.vaerdi for c in til_stede)}) for {self.beskriv(kode, tid, alder)}",
                    )
                resultat[noegle] = total
                continue
            mangler = [d for d in dele if d not in gruppe]
            if mangler:
                foerste = min(gruppe.values(), key=lambda c: c.nr)
                raise self.fejl(
                    foerste.nr,
                    dimension,
                    f"hverken '{_I_ALT}' eller {', '.join(mangler)} for {self.beskriv(kode, tid, alder)};"
                    " uden en 'I alt'-række skal alle dele være med",
                )
            resultat[noegle] = _Celle(min(c.nr for c in til_stede), sum(c.vaerdi for c in til_stede))
        return resultat

    def reducer_alder(
        self, celler: dict[_Noegle, _Celle]
    ) -> dict[tuple[int, str], tuple[int, int, int, int]]:
        """Add the ages of each (municipality, quarter) up into the three age bands."""
        grupper: dict[tuple[int, str], dict[_AlderNoegle, _Celle]] = defaultdict(dict)
        for (kode, tid, alder, _), celle in celler.items():
            grupper[(kode, tid)][alder] = celle
        resultat: dict[tuple[int, str], tuple[int, int, int, int]] = {}
        for (kode, tid), gruppe in grupper.items():
            total = gruppe.get((None, None))
            dele = sorted(
                ((a, c) for a, c in gruppe.items() if a[0] is not None), key=lambda ac: ac[0][0] or 0
            )
            if not dele:
                assert total is not None
                raise self.fejl(
                    total.nr,
                    "ALDER",
                    f"kun '{self.alder_tekst[(None, None)]}' for {self.beskriv(kode, tid)};"
                    " udtrækket skal have én række pr. alder eller aldersgruppe",
                )
            summer = [0, 0, 0]
            naeste = 0
            for indeks, ((fra, til), celle) in enumerate(dele):
                assert fra is not None
                tekst = self.alder_tekst[(fra, til)]
                if fra > naeste:
                    mangler = f"{naeste} år" if fra == naeste + 1 else f"{naeste}-{fra - 1} år"
                    raise self.fejl(
                        celle.nr, "ALDER", f"{mangler} mangler før '{tekst}' for {self.beskriv(kode, tid)}"
                    )
                if fra < naeste:
                    raise self.fejl(
                        celle.nr,
                        "ALDER",
                        f"'{tekst}' overlapper en anden aldersgruppe for {self.beskriv(kode, tid)}",
                    )
                if til is None and indeks < len(dele) - 1:
                    efter, efter_celle = dele[indeks + 1]
                    raise self.fejl(
                        efter_celle.nr,
                        "ALDER",
                        f"'{self.alder_tekst[efter]}' overlapper '{tekst}' for {self.beskriv(kode, tid)}",
                    )
                summer[self.baand(celle.nr, fra, til, tekst)] += celle.vaerdi
                naeste = MAKS_ALDER + 1 if til is None else til + 1
            if total is not None:
                if sum(summer) != total.vaerdi:
                    raise self.fejl(
                        total.nr,
                        "INDHOLD",
                        f"'{self.alder_tekst[(None, None)]}' ({total.vaerdi}) er ikke summen af aldrene"
                        f" ({sum(summer)}) for {self.beskriv(kode, tid)}",
                    )
            elif naeste <= MAKS_ALDER:
                sidste = dele[-1][1]
                raise self.fejl(
                    sidste.nr,
                    "ALDER",
                    f"aldrene for {self.beskriv(kode, tid)} slutter ved {naeste - 1} år; et fuldt udtræk"
                    f" går til {MAKS_ALDER} år (eller har en 'Alder i alt'-række at kontrollere mod)",
                )
            foerste_nr = min(c.nr for c in gruppe.values())
            for (navn, _, _), sum_ in zip(ALDERSBAAND, summer, strict=True):
                if sum_ > MAKS_ANTAL:
                    raise self.fejl(
                        foerste_nr,
                        "INDHOLD",
                        f"summen for {navn} år for {self.beskriv(kode, tid)} er {_tal(sum_)}, større end det"
                        f" største antal, der kan gemmes ({_tal(MAKS_ANTAL)})",
                    )
            resultat[(kode, tid)] = (foerste_nr, summer[0], summer[1], summer[2])
        return resultat

    def baand(self, nr: int, fra: int, til: int | None, tekst: str) -> int:
        for indeks, (_, baand_fra, baand_til) in enumerate(ALDERSBAAND):
            if fra >= baand_fra and (baand_til is None or fra <= baand_til):
                if baand_til is not None and (til is None or til > baand_til):
                    graenser = "/".join(b[0] for b in ALDERSBAAND)
                    raise self.fejl(
                        nr, "ALDER", f"'{tekst}' går på tværs af aldersbåndene {graenser} og kan ikke deles"
                    )
                return indeks
        raise AssertionError(f"no age band for {fra}")  # the bands cover 0 and up

    def vaelg_kvartal(
        self, baand: dict[tuple[int, str], tuple[int, int, int, int]]
    ) -> dict[tuple[int, int], Folketal]:
        kvartaler: dict[tuple[int, int], list[str]] = defaultdict(list)
        for kode, tid in baand:
            kvartaler[(kode, int(tid[:4]))].append(tid)
        resultat: dict[tuple[int, int], Folketal] = {}
        # In file order, so that an error names the first municipality it concerns.
        for (kode, aar), tider in sorted(
            kvartaler.items(), key=lambda kt: min(baand[(kt[0][0], t)][0] for t in kt[1])
        ):
            k1 = f"{aar}K1"
            if k1 in tider:
                valgt = k1
            elif len(tider) == 1:
                valgt = tider[0]
            else:
                nr = min(baand[(kode, t)][0] for t in tider)
                raise self.fejl(
                    nr,
                    "TID",
                    f"{kommune(kode).navn} har {', '.join(sorted(tider))} men ikke {k1};"
                    " brug K1 eller kun ét kvartal pr. år",
                )
            _, b0, b1, b2 = baand[(kode, valgt)]
            resultat[(kode, aar)] = Folketal(kode, aar, valgt, b0, b1, b2)
        return dict(sorted(resultat.items()))
