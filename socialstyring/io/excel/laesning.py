"""Reading an uploaded workbook without trusting it: the file's limits, the zip, and every
cell of a sheet streamed once.

An uploaded .xlsx is a zip of XML parts written by whoever sent it. Nothing it says about
itself is believed: not its sheet's stated dimension (a template with one cell at
`XFD1048576` says it is 16,384 × 1,048,576 cells), not its parts' sizes (a zip bomb), not
its cells (a formula without a value, `NaN` where a number belongs, a shared-string index
that points nowhere, a date that is no date). So:

- `aabn_projektmappe` refuses an empty file, a file over `MAKS_FILSTOERRELSE`, a zip that
  unpacks to more than `MAKS_UDPAKKET` or any part packed more than `MAKS_PAKNING` times
  (all from the zip's directory, before one byte is unpacked; Python's zipfile never
  unpacks a part beyond its stated size), and opens the rest with openpyxl in read-only
  mode: the sheets are not parsed until they are read. The XML is parsed by defusedxml
  (openpyxl uses it when installed), so entity tricks are refused too.
- `laes_ark` streams one sheet's XML once (openpyxl's own sheet parser), keeps only the
  cells that hold something, and stops with `Afvist` at the first cell with a value beyond
  row `MAKS_RAEKKE` or column `MAKS_KOLONNE`, or past `MAKS_CELLER` cells or `MAKS_RAEKKE`
  rows in all; the time and memory of reading a sheet are bounded by these limits, not by
  what the file claims.
- A cell that cannot be read is not skipped and not read as empty: it becomes `Ulaeselig`
  with the reason in Danish, so the caller reports it with its sheet, row and column and
  never clears a stored value because a cell could not be read. A formula is read by its
  stored (cached) value; one without a stored value, or one whose value is an Excel error
  (`#DIV/0!`), is `Ulaeselig`, as are numbers that are no numbers (`NaN`, `INF`), a text
  that points to a shared string that does not exist, a bad date, a cell given twice and
  text with control characters. A fault in the sheet's XML itself stops with the last row
  read.

Pure: no Django, no database. `faelles` turns `Afvist` into the framework's `Fejl`.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import IO, Any, Final

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from socialstyring.io.felter import har_ugyldige_tegn
from socialstyring.io.tal import dansk_tal

MAKS_FILSTOERRELSE: Final = 5 * 1024 * 1024
"""A file larger than this is not a template the app made (a full region's is ~100 kB)."""
MAKS_UDPAKKET: Final = 50 * 1024 * 1024
"""The most the parts of a file may unpack to in all (a full region's template: ~1 MB)."""
MAKS_PAKNING: Final = 100
"""How many times larger than packed a part over `_PAKNING_FRA` may be (spreadsheet XML
packs 5–20 times; a zip bomb thousands)."""
_PAKNING_FRA: Final = 1024 * 1024
MAKS_DELE: Final = 1000
"""Parts in the zip (a template has about 15)."""
MAKS_RAEKKE: Final = 20_000
"""The last sheet row that may hold anything (a template's data rows are at most 5,000)."""
MAKS_KOLONNE: Final = 100
"""The last column (CV) that may hold anything (a template has 13 columns)."""
MAKS_CELLER: Final = 200_000
"""Cells (also empty ones with only a format) a sheet may have in all."""

IKKE_EXCEL: Final = (
    "filen er ikke en Excel-projektmappe (.xlsx); hent skabelonen i Socialstyring, udfyld den "
    "og gem den som Excel-projektmappe"
)
BESKADIGET: Final = (
    "filen er en Excel-projektmappe, men den er beskadiget og kan ikke læses; åbn den i Excel, gem den "
    "igen og indlæs den på ny"
)
_GEM_IGEN: Final = "skriv værdien igen i Excel og gem filen"
_MAKS_VIST: Final = 60


class Afvist(Exception):
    """The file (or a sheet of it) is refused; `besked` says why in Danish, `ark`, `raekke` and
    `celle` where, when known."""

    def __init__(
        self, besked: str, *, ark: str | None = None, raekke: int | None = None, celle: str | None = None
    ) -> None:
        super().__init__(besked)
        self.besked = besked
        self.ark = ark
        self.raekke = raekke
        self.celle = celle


@dataclass(frozen=True)
class Ulaeselig:
    """A cell that holds something that cannot be read; `grund` says what, in Danish."""

    grund: str

    def __str__(self) -> str:
        return self.grund


Raekke = dict[int, object]
"""A row's cells that hold something: column number (1 = A) → value."""


def cellenavn(raekke: int, kolonne: int) -> str:
    """Excel's name of a cell, "K7" (row and column from 1)."""
    return f"{get_column_letter(kolonne)}{raekke}" if 1 <= kolonne <= 18278 else f"række {raekke}"


def _vist(tekst: str) -> str:
    return tekst if len(tekst) <= _MAKS_VIST else tekst[: _MAKS_VIST - 1] + "…"


def _mb(antal: int) -> str:
    """A size in MB the Danish way: "5", "12,3"."""
    mb = Decimal(antal) / (1024 * 1024)
    return dansk_tal(mb, 0 if mb == mb.to_integral_value() else 1)


# --- the file ---------------------------------------------------------------------------------


def for_stor(stoerrelse: int) -> str:
    """The refusal of a file of `stoerrelse` bytes, over `MAKS_FILSTOERRELSE`."""
    return f"filen er for stor ({_mb(stoerrelse)} MB; højst {_mb(MAKS_FILSTOERRELSE)} MB kan indlæses)"


def kontroller_zip(data: bytes) -> None:
    """Refuse (`Afvist`) an empty file, one over `MAKS_FILSTOERRELSE`, one that is not a zip, and a
    zip whose directory says it unpacks to too much (see the module's docstring)."""
    if not data:
        raise Afvist("filen er tom")
    if len(data) > MAKS_FILSTOERRELSE:
        raise Afvist(for_stor(len(data)))
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            dele = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError):
        raise Afvist(IKKE_EXCEL) from None
    if len(dele) > MAKS_DELE:
        raise Afvist(f"filen er ikke en skabelon fra Socialstyring: den har {dansk_tal(len(dele))} dele")
    udpakket = sum(d.file_size for d in dele)
    if udpakket > MAKS_UDPAKKET:
        raise Afvist(
            f"filen fylder {_mb(udpakket)} MB, når den pakkes ud (højst {_mb(MAKS_UDPAKKET)} MB); "
            "en skabelon fra Socialstyring fylder langt mindre"
        )
    for d in dele:
        gange = d.file_size // max(d.compress_size, 1)
        if d.file_size > _PAKNING_FRA and gange >= MAKS_PAKNING:
            raise Afvist(
                f"filen er pakket usædvanligt tæt (en del af den fylder {dansk_tal(gange)} gange mere "
                "udpakket) og indlæses ikke; gem skabelonen igen i Excel"
            )


def aabn_projektmappe(data: bytes) -> Workbook:
    """The uploaded workbook in read-only mode (close it after use), or `Afvist` (see
    `kontroller_zip`; a zip that openpyxl cannot open as a workbook is not an .xlsx file)."""
    kontroller_zip(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of parts it drops (extensions, …)
            return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not .xlsx
        with zipfile.ZipFile(BytesIO(data)) as zf:
            navne = set(zf.namelist())
        if {"[Content_Types].xml", "xl/workbook.xml"} <= navne:
            raise Afvist(BESKADIGET) from None
        raise Afvist(IKKE_EXCEL) from None


# --- one sheet --------------------------------------------------------------------------------


class _Arklaeser(WorkSheetParser):
    """openpyxl's sheet parser, cell by cell: a cell that cannot be read becomes `Ulaeselig`
    (with its place) instead of stopping the sheet; a formula is read by its stored value."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        r = element.get("r")
        raekke, kolonne = self.row_counter, self.col_counter + 1
        if r:
            try:
                raekke, kolonne = coordinate_to_tuple(r)
            except Exception:
                self.col_counter = kolonne
                return _celle(raekke, kolonne, Ulaeselig(f'cellen har en ugyldig placering "{_vist(r)}"'))
        formel = element.find(FORMULA_TAG)
        try:
            c = super().parse_cell(element)
        except Exception:
            self.col_counter = kolonne
            return _celle(raekke, kolonne, Ulaeselig(_grund(element)))
        v = c["value"]
        formeltekst = f"={_vist(formel.text)}" if formel is not None and formel.text else "en formel"
        if c["data_type"] == "e":
            fra = f" fra {formeltekst}" if formel is not None else ""
            c["value"] = Ulaeselig(f'cellen viser Excels fejlværdi "{v}"{fra}; skriv værdien i stedet')
        elif formel is not None and v is None:
            c["value"] = Ulaeselig(
                f"cellen har {formeltekst}, men ingen beregnet værdi (filen er gemt af et program, der "
                "ikke regner formler ud); skriv værdien i stedet for formlen"
            )
        elif isinstance(v, float) and not math.isfinite(v):
            c["value"] = Ulaeselig(f'"{_vist(element.findtext(VALUE_TAG) or "")}" er ikke et tal')
        elif isinstance(v, str) and (har_ugyldige_tegn(v) or _ESCAPET_STYRETEGN.search(v)):
            c["value"] = Ulaeselig(
                "teksten indeholder usynlige styretegn (fx fra en kopi fra et andet program), som ikke kan "
                "gemmes; skriv teksten igen uden dem"
            )
        elif v is not None and not isinstance(v, _LAESBARE):
            c["value"] = Ulaeselig(f"cellen kan ikke læses; {_GEM_IGEN}")  # e.g. rich text
        return c


_ESCAPET_STYRETEGN: Final = re.compile(
    r"_x(?:000[0-8bBcCeEfF]|001[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])_"
)
"""A control character as Excel writes it into a text (`_x0001_`; openpyxl leaves it escaped)."""
_LAESBARE: Final = (str, int, float, date, time, timedelta)  # bool is an int; datetime a date


def _celle(raekke: int, kolonne: int, vaerdi: object) -> dict[str, Any]:
    return {"row": raekke, "column": kolonne, "value": vaerdi, "data_type": "e", "style_id": 0}


def _grund(element: Any) -> str:
    """Why openpyxl could not read the cell `element`."""
    art = element.get("t", "n")
    raa = _vist((element.findtext(VALUE_TAG) or "").strip())
    if art == "s":
        return f"cellen henviser til en tekst, der ikke findes i filen (filen er beskadiget); {_GEM_IGEN}"
    if art == "n":
        return f'"{raa}" er ikke et tal (filen er beskadiget); {_GEM_IGEN}'
    if art == "d":
        return f'"{raa}" er ikke en gyldig dato; {_GEM_IGEN}'
    if art == "b":
        return f'"{raa}" er hverken SAND eller FALSK; {_GEM_IGEN}'
    return f"cellen kan ikke læses (filen er beskadiget); {_GEM_IGEN}"


def _kilde(ws: object) -> tuple[IO[bytes], Sequence[str]]:
    """The read-only sheet's XML part and the workbook's shared strings (openpyxl keeps both on
    the sheet; `ReadOnlyWorksheet` does not name them in its public interface)."""
    return ws._get_source(), ws._shared_strings  # type: ignore[attr-defined]


def laes_ark(wb: Workbook, ark: str) -> list[tuple[int, Raekke]]:
    """Every row of sheet `ark` that holds something, in order: (row number, {column: value}),
    read once from the sheet's XML within the limits (see the module's docstring); `Afvist`
    (naming the sheet, and the row and cell where it can) otherwise. A value that cannot be
    read is an `Ulaeselig`."""
    try:
        kilde, delte = _kilde(wb[ark])
    except Exception:  # e.g. a chart sheet by the name
        raise Afvist("arket er ikke et almindeligt regneark med celler", ark=ark) from None
    laeser = _Arklaeser(
        kilde,
        delte,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,  # type: ignore[attr-defined]  # set by openpyxl's reader
        timedelta_formats=wb._timedelta_formats,  # type: ignore[attr-defined]
    )
    ud: list[tuple[int, Raekke]] = []
    forrige = 0
    celler = 0
    antal = 0
    try:
        with kilde, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a date out of range is a warning and an error value
            for rnr, raa in laeser.parse():
                antal += 1
                celler += len(raa)
                if antal > MAKS_RAEKKE:
                    raise Afvist(
                        f"arket har mere end {dansk_tal(MAKS_RAEKKE)} rækker; en skabelon fra "
                        "Socialstyring har langt færre",
                        ark=ark,
                    )
                if celler > MAKS_CELLER:
                    raise Afvist(
                        f"arket har mere end {dansk_tal(MAKS_CELLER)} celler; en skabelon fra "
                        "Socialstyring har langt færre (er der kopieret noget stort ind i arket?)",
                        ark=ark,
                        raekke=rnr,
                    )
                if not isinstance(rnr, int) or rnr <= forrige:
                    raise Afvist(
                        f"arket er beskadiget efter række {forrige} (rækkerne står ikke i orden) og kan ikke "
                        "læses; gem filen igen i Excel",
                        ark=ark,
                    )
                forrige = rnr
                raekke: Raekke = {}
                for c in raa:
                    v, kol = c["value"], c["column"]
                    if v is None:
                        continue
                    if rnr > MAKS_RAEKKE or kol > MAKS_KOLONNE or kol < 1:
                        hvor = "langt under" if rnr > MAKS_RAEKKE else "langt til højre for"
                        raise Afvist(
                            f"arket har indhold i celle {cellenavn(rnr, kol)}, {hvor} tabellen; en "
                            "skabelon fra Socialstyring bruger højst række "
                            f"{dansk_tal(MAKS_RAEKKE)} og kolonne {get_column_letter(MAKS_KOLONNE)}. "
                            "Slet det, der står der, og gem filen igen",
                            ark=ark,
                            raekke=rnr,
                            celle=cellenavn(rnr, kol),
                        )
                    if kol in raekke:
                        v = Ulaeselig("cellen står to gange i filen (filen er beskadiget); " + _GEM_IGEN)
                    raekke[kol] = v
                if raekke:
                    ud.append((rnr, raekke))
    except Afvist:
        raise
    except Exception:  # the sheet's XML itself (not a cell) is faulty
        raise Afvist(
            f"arket er beskadiget efter række {forrige} og kan ikke læses; gem filen igen i Excel",
            ark=ark,
            raekke=forrige + 1,
        ) from None
    return ud
