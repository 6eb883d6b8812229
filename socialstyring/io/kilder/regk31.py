"""Municipal accounts by function from a Danmarks Statistik REGK31 export.

REGK31 is "Kommunernes regnskaber på funktioner efter område, funktion, dranst, art og
prisenhed". Statistikbanken's CSV (see `statbank`) is one row per cell:

    OMRÅDE;FUNKTION;DRANST;ART;PRISENHED;TID;INDHOLD
    Hedensted;5.38.50 Botilbud til længerevarende ophold (§ 108);1 Drift;I alt (netto);
        Regnskab (1.000 kr.);2020;41234            (one line in the file)

- Columns: `OMRÅDE`, `FUNKTION`, `TID` and `INDHOLD` must be there; `DRANST`, `ART` and
  `PRISENHED` may be (present when the export did not eliminate them). A present one must have a
  single value in the whole file — the export chooses the accounts it compares (e.g. "1 Drift",
  the net), so two kinds of amount are never added. Any other column is an error.
- `PRISENHED`, when present, must be in 1.000 kr. (the amounts are multiplied by 1.000); per
  inhabitant figures are refused, since the benchmark divides by its own population count.
- `FUNKTION`: the function's number and text ("5.38.50 Botilbud …"). Only functions (three
  levels, d.dd.dd) are kept; main accounts and main functions ("5", "5.38 …") and "i alt" rows
  are sums of functions and are skipped, so nothing is counted twice.
- `OMRÅDE`: municipality names as in FOLK1A (see `kommuner.py`); "Hele landet", the regions,
  "Landsdel …" and Christiansø are skipped; any other name is an error.
- `TID`: a year ("2020"), within `aar` when the caller gives it.
- `INDHOLD`: a whole number of 1.000 kr., possibly negative (an income); ".." (not published)
  is no figure and is counted, never read as 0.

A bad file raises `Regk31Fejl`, whose message names the file, the row (the header is row 1)
and the column; nothing is returned from a file with any error.
"""

from __future__ import annotations

import _csv
import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from socialstyring.io.kilder.kommuner import find_kommune, regioner
from socialstyring.io.kilder.statbank import MAKS_FELTLAENGDE, afkod, csv_fejl, langt_felt, tal, vis

OBLIGATORISKE_KOLONNER = ("OMRÅDE", "FUNKTION", "TID", "INDHOLD")
VALGFRIE_KOLONNER = ("DRANST", "ART", "PRISENHED")
MAKS_FILSTOERRELSE = 64 * 1024 * 1024  # bytes
MAKS_BELOEB = 10**9  # 1.000 kr.: a trillion kroner; no municipality's function comes near
IKKE_OFFENTLIGGJORT = {"..", "-", ""}

_FUNKTION = re.compile(r"([0-9])\.([0-9]{2})\.([0-9]{2})(?:\s+(.*))?")
_SAMLING = re.compile(r"[0-9](?:\.[0-9]{2})?(?:\s.*)?|.*\bi alt\b.*", re.IGNORECASE)
_AAR = re.compile(r"[0-9]{4}")
_BELOEB = re.compile(r"-?[0-9]{1,10}")
_OVERSPRUNGNE = {"hele landet", "christiansø"} | {r.navn.casefold() for r in regioner()}


class Regk31Fejl(Exception):
    """A REGK31 file is invalid; the message names file, row and column."""


@dataclass(frozen=True)
class Regnskabsbeloeb:
    """One municipality's accounts on one function in one year, in kroner."""

    kommunekode: int
    aar: int
    funktion: str  # "5.38.50"
    funktionsnavn: str
    beloeb: Decimal


@dataclass(frozen=True)
class Regk31:
    """What a file holds: the amounts, the accounts they are (DRANST, ART, PRISENHED as the
    export names them; empty when eliminated) and how many cells were not published."""

    beloeb: tuple[Regnskabsbeloeb, ...]
    dranst: str
    art: str
    prisenhed: str
    ikke_offentliggjort: int


def laes_regk31(fil: Path, *, aar: tuple[int, int] | None = None) -> Regk31:
    """The file's amounts per municipality, year and function (see the module)."""
    tekst = afkod(fil, MAKS_FILSTOERRELSE, Regk31Fejl, "vælg færre funktioner")
    foerste = tekst.split("\n", 1)[0]
    skille = ";" if ";" in foerste else "\t" if "\t" in foerste else None
    if skille is None:
        raise Regk31Fejl(
            f"{fil}: række 1: ingen semikolon-adskilte kolonner (ventede fx OMRÅDE;FUNKTION;TID;INDHOLD)"
        )
    laeser = csv.reader(io.StringIO(tekst, newline=""), delimiter=skille)
    laes = _Laeser(fil, aar)
    laes.tekst, laes.skille = tekst, skille  # to name the field of a csv error
    return laes.laes(laeser)


class _Laeser:
    def __init__(self, fil: Path, aar: tuple[int, int] | None) -> None:
        self.fil = fil
        self.aar = aar
        self.enkelt: dict[str, tuple[str, int]] = {}  # DRANST/ART/PRISENHED → (value, first row)
        self.tekst, self.skille = "", ";"

    def fejl(self, nr: int, kolonne: str | None, problem: str) -> Regk31Fejl:
        return Regk31Fejl(f"{self.fil}: række {nr}" + (f": {kolonne}" if kolonne else "") + f": {problem}")

    def laes(self, laeser: _csv.Reader) -> Regk31:
        raekker = iter(self.raekker(laeser))
        hoved = next(raekker, None)
        if hoved is None:
            raise Regk31Fejl(f"{self.fil}: filen er tom")
        kolonner = self.kolonner(hoved[1])
        ud: dict[tuple[int, int, str], tuple[int, Regnskabsbeloeb]] = {}
        ikke_offentliggjort = 0
        for nr, raekke in raekker:
            if not any(f.strip() for f in raekke):
                continue
            if len(raekke) != len(kolonner):
                raise self.fejl(
                    nr, None, f"{tal(len(raekke))} felter, ventede {len(kolonner)} ({';'.join(kolonner)})"
                )
            felter = dict(zip(kolonner, (f.strip() for f in raekke), strict=True))
            for kolonne, felt in felter.items():
                if len(felt) > MAKS_FELTLAENGDE:
                    raise self.fejl(
                        nr, kolonne, f"feltet er {tal(len(felt))} tegn langt; højst {MAKS_FELTLAENGDE}"
                    )
            for kolonne in VALGFRIE_KOLONNER:
                if kolonne in felter:
                    self.en_vaerdi(nr, kolonne, felter[kolonne])
            b = self.beloeb(nr, felter)
            if b is None:
                continue
            if isinstance(b, str):  # ".." and the like: not published
                ikke_offentliggjort += 1
                continue
            noegle = (b.kommunekode, b.aar, b.funktion)
            if noegle in ud:
                raise self.fejl(
                    nr, "OMRÅDE, TID, FUNKTION", f"samme kommune, år og funktion som række {ud[noegle][0]}"
                )
            ud[noegle] = (nr, b)
        if not ud:
            raise Regk31Fejl(f"{self.fil}: ingen beløb for en kommune på en funktion (d.dd.dd)")
        return Regk31(
            beloeb=tuple(b for _, b in ud.values()),
            dranst=self.enkelt.get("DRANST", ("", 0))[0],
            art=self.enkelt.get("ART", ("", 0))[0],
            prisenhed=self.enkelt.get("PRISENHED", ("", 0))[0],
            ikke_offentliggjort=ikke_offentliggjort,
        )

    def raekker(self, laeser: _csv.Reader) -> list[tuple[int, list[str]]]:
        """The rows with their line numbers; a row Python's csv cannot read names its line."""
        ud: list[tuple[int, list[str]]] = []
        while True:
            try:
                raekke = next(laeser)
                ud.append((laeser.line_num, raekke))
            except StopIteration:
                return ud
            except csv.Error as fejl:
                nr = max(laeser.line_num, 1)
                felt = langt_felt(self.tekst, nr, self.skille) if "field larger" in str(fejl) else None
                raise self.fejl(nr, felt.upper() if felt else None, csv_fejl(fejl)) from fejl

    def kolonner(self, hoved: list[str]) -> tuple[str, ...]:
        kolonner = tuple(k.strip().upper() for k in hoved)
        kendte = OBLIGATORISKE_KOLONNER + VALGFRIE_KOLONNER
        for k in kolonner:
            if kolonner.count(k) > 1:
                raise self.fejl(1, vis(k), "kolonnen står flere gange")
            if k not in kendte:
                raise self.fejl(1, vis(k) or "(tom)", f"ukendt kolonne; kendte: {', '.join(kendte)}")
        for k in OBLIGATORISKE_KOLONNER:
            if k not in kolonner:
                raise self.fejl(1, k, "kolonnen mangler")
        return kolonner

    def en_vaerdi(self, nr: int, kolonne: str, vaerdi: str) -> None:
        """DRANST, ART and PRISENHED have one value in the whole file."""
        if kolonne == "PRISENHED" and "1.000 kr" not in vaerdi.casefold():
            raise self.fejl(
                nr, kolonne, f"'{vis(vaerdi)}': vælg prisenheden i 1.000 kr. (beløbene, ikke pr. indbygger)"
            )
        foerste = self.enkelt.setdefault(kolonne, (vaerdi, nr))
        if foerste[0] != vaerdi:
            raise self.fejl(
                nr,
                kolonne,
                f"'{vis(vaerdi)}', men række {foerste[1]} har '{vis(foerste[0])}'; vælg én værdi i udtrækket,"
                " så forskellige slags beløb ikke lægges sammen",
            )

    def beloeb(self, nr: int, felter: dict[str, str]) -> Regnskabsbeloeb | str | None:
        omraade = felter["OMRÅDE"]
        if omraade.casefold() in _OVERSPRUNGNE or omraade.casefold().startswith("landsdel"):
            return None
        k = find_kommune(omraade)
        if k is None:
            raise self.fejl(nr, "OMRÅDE", f"ukendt kommune '{vis(omraade)}'")
        funktion = felter["FUNKTION"]
        m = _FUNKTION.fullmatch(funktion)
        if m is None:
            if _SAMLING.fullmatch(funktion):
                return None
            raise self.fejl(
                nr,
                "FUNKTION",
                f"'{vis(funktion)}' er ikke en funktion som '5.38.50 Botilbud til længerevarende ophold'",
            )
        tid = felter["TID"]
        if not _AAR.fullmatch(tid):
            raise self.fejl(nr, "TID", f"'{vis(tid)}' er ikke et år som 2020")
        aar = int(tid)
        if self.aar is not None and not self.aar[0] <= aar <= self.aar[1]:
            raise self.fejl(nr, "TID", f"{aar} ligger uden for årene {self.aar[0]}–{self.aar[1]}")
        indhold = felter["INDHOLD"]
        if indhold in IKKE_OFFENTLIGGJORT:
            return "ikke offentliggjort"
        if not _BELOEB.fullmatch(indhold) or abs(int(indhold)) > MAKS_BELOEB:
            raise self.fejl(
                nr, "INDHOLD", f"'{vis(indhold)}' er ikke et helt antal 1.000 kr. (højst {tal(MAKS_BELOEB)})"
            )
        return Regnskabsbeloeb(
            kommunekode=k.kode,
            aar=aar,
            funktion=f"{m[1]}.{m[2]}.{m[3]}",
            funktionsnavn=(m[4] or "").strip(),
            beloeb=Decimal(int(indhold)) * 1000,
        )
