"""Report workbooks: the framework's declarative writer for sheets that are read, not filled in.

The templates (`faelles`) are workbooks a user fills in and uploads; the reports — the
management information (`ledelsesinfo`), the published catalogue (`katalog`) — are only
read. Both are written with the same styles, the same text writer (`saet_tekst`: a text
starting with "=" is text, never a formula) and the same `gem`. A report is declared, not
drawn cell by cell:

- a `Rapportark` is a table: a title (row 1, large and bold), optional subtitle lines (from
  row 2, grey and italic), then — after one blank row when there are subtitles — the header
  row (`hovedraekke`) in the framework's header style, and the data rows below it. Each
  `Rapportkolonne` has a heading, a width and a kind (`Kolonneart`) that gives the number
  format of its figures; a `Tal` in a row gives one figure its own decimals. Total rows
  (`Rapportraekke.total`) are bold. The header (and `frys_kolonner` label columns) stay in
  view when scrolling, and the table has an auto filter unless `autofilter` is False;
- a `Tekstark` is text: a title and paragraphs (`Afsnit`), each with an optional bold
  heading and its lines, one blank row between paragraphs;
- `byg_rapport` makes the workbook of several sheets, with a document title, and returns
  the .xlsx bytes.

Figures are written exactly as given (a Decimal is not rounded: the number format decides
how many decimals Excel shows); a date is a date cell (a time of day with it: in local time,
without a zone, which Excel cannot hold); None is an empty cell. Pure: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Final, Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.io.excel.faelles import (
    HJAELPESKRIFT,
    OMBRYD,
    TITELSKRIFT,
    celle,
    gem,
    saet_tekst,
    skriv_overskrift,
)

Kolonneart = Literal["tekst", "heltal", "decimal", "kr", "procent", "tal", "dato"]
"""What a column holds, and so its number format (Excel's format codes use ',' between
thousands and '.' before decimals; a Danish Excel shows 1.234,50):

- "tekst": text;
- "heltal": a whole number with thousands, `#,##0`;
- "decimal": a number with the column's `decimaler`, `#,##0.0` for 1;
- "kr": kroner with øre, `#,##0.00 "kr."` (`KR_FORMAT`);
- "procent": a percentage as a number (97,5 for 97,5 %, not 0,975) with the column's
  `decimaler` and no thousands, `0.0` for 1;
- "tal": a number in Excel's General format (as many decimals as it has);
- "dato": a date, `dd-mm-yyyy` (`DATO_FORMAT`; with a time of day `dd-mm-yyyy hh:mm`)."""

KR_FORMAT: Final = '#,##0.00 "kr."'
"""The number format of kroner with øre: a Danish Excel shows 2.295,00 kr."""

DATO_FORMAT: Final = "dd-mm-yyyy"
TIDSPUNKT_FORMAT: Final = "dd-mm-yyyy hh:mm"

FED: Final = Font(bold=True)


def talformat(art: Kolonneart, decimaler: int = 0) -> str:
    """The number format of a figure of kind `art` with `decimaler` decimals ("decimal" and
    "procent"; "heltal" has none, "kr" always two)."""
    brok = "." + "0" * decimaler if decimaler > 0 else ""
    if art == "heltal":
        return "#,##0"
    if art == "decimal":
        return f"#,##0{brok}"
    if art == "kr":
        return KR_FORMAT
    if art == "procent":
        return f"0{brok}"
    if art == "dato":
        return DATO_FORMAT
    return "General"


@dataclass(frozen=True)
class Rapportkolonne:
    """A column of a report table: its heading, its width (in characters) and its kind.
    `decimaler` are the decimals of a "decimal" or "procent" column; `ombryd` wraps the
    text of the data cells (long explanations)."""

    overskrift: str
    bredde: float
    art: Kolonneart = "tekst"
    decimaler: int = 0
    ombryd: bool = False

    @property
    def talformat(self) -> str:
        return talformat(self.art, self.decimaler)


@dataclass(frozen=True)
class Tal:
    """A figure with its own decimals in a "decimal" or "procent" column, e.g. places shown
    whole when they are whole and with two decimals otherwise."""

    vaerdi: Decimal | int | None
    decimaler: int


Vaerdi = str | Decimal | int | Tal | date | None
"""A cell of a data row: text, a figure, a figure with its own decimals, a date (or a
`datetime`, its time of day shown), or empty."""


@dataclass(frozen=True)
class Rapportraekke:
    """A data row, one value per column; a `total` row is bold."""

    vaerdier: tuple[Vaerdi, ...]
    total: bool = False


@dataclass(frozen=True)
class Rapportark:
    """A report table on its own sheet (see the module's docstring). `frys_kolonner` label
    columns stay in view when scrolling right; `hoved_hoejde` is the header row's height
    (points) when its headings need more than the wrapped default."""

    navn: str
    titel: str
    kolonner: tuple[Rapportkolonne, ...]
    raekker: tuple[Rapportraekke, ...]
    undertitler: tuple[str, ...] = ()
    frys_kolonner: int = 0
    autofilter: bool = True
    hoved_hoejde: float | None = None

    def __post_init__(self) -> None:
        for nr, r in enumerate(self.raekker, start=1):
            if len(r.vaerdier) != len(self.kolonner):
                raise ValueError(
                    f"arket {self.navn!r}: række {nr} har {len(r.vaerdier)} værdier, "
                    f"men arket har {len(self.kolonner)} kolonner"
                )

    @property
    def hovedraekke(self) -> int:
        """The header row: after the title, the subtitle lines and a blank row."""
        return 2 + len(self.undertitler) + (1 if self.undertitler else 0)


@dataclass(frozen=True)
class Afsnit:
    """A paragraph of a text sheet: an optional bold heading and its lines."""

    overskrift: str | None
    linjer: tuple[str, ...]


@dataclass(frozen=True)
class Tekstark:
    """A sheet of text in one column of width `bredde`: the title, then the paragraphs."""

    navn: str
    titel: str
    afsnit: tuple[Afsnit, ...]
    bredde: float = 120


def regelark(regler: Sequence[Regelreference], advarsler: Sequence[str] = ()) -> Tekstark:
    """The sheet "Regler": every rule a calculation used, its value, date, layer and source
    (or the assumption), then the calculation's warnings."""
    return Tekstark(
        "Regler",
        "Anvendte regler",
        tuple(
            Afsnit(
                ref.parameter,
                (
                    f"Værdi: {ref.vaerdi} (gældende fra {ref.gyldig_fra:%d-%m-%Y}, {ref.lag})",
                    ("Antaget: " if ref.antaget else "Kilde: ") + ref.kilde,
                ),
            )
            for ref in regler
        )
        + tuple(Afsnit("Advarsel", (a,)) for a in advarsler),
    )


Ark = Rapportark | Tekstark

MAKS_ARKNAVN: Final = 31
"""Excel's longest sheet name."""


def _skriv_vaerdi(c: Cell, k: Rapportkolonne, v: Vaerdi) -> None:
    if isinstance(v, str):
        saet_tekst(c, v)
        if k.ombryd:
            c.alignment = OMBRYD
        return
    decimaler = k.decimaler
    if isinstance(v, Tal):
        decimaler = v.decimaler
        v = v.vaerdi
    if v is None:
        return
    if isinstance(v, date):
        if isinstance(v, datetime) and v.tzinfo is not None:
            raise TypeError(f"{c.coordinate}: {v!r} har en tidszone, som Excel ikke kan gemme")
        c.value = v
        c.number_format = TIDSPUNKT_FORMAT if isinstance(v, datetime) else DATO_FORMAT
        return
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        raise TypeError(f"{c.coordinate}: {v!r} er hverken tekst eller et eksakt tal")
    c.value = v
    if k.art != "tekst":
        c.number_format = talformat(k.art, decimaler)


def _skriv_linje(ws: Worksheet, raekke: int, tekst: str, skrift: Font | None = None) -> Cell:
    """A line of text in column A of `raekke`."""
    c = celle(ws, raekke, 1)
    saet_tekst(c, tekst)
    if skrift is not None:
        c.font = skrift
    return c


def skriv_rapportark(ws: Worksheet, ark: Rapportark) -> None:
    """The table `ark` on the (empty) sheet `ws` (see the module's docstring)."""
    _skriv_linje(ws, 1, ark.titel, TITELSKRIFT)
    for i, linje in enumerate(ark.undertitler, start=2):
        _skriv_linje(ws, i, linje, HJAELPESKRIFT)
    hoved = ark.hovedraekke
    for nr, k in enumerate(ark.kolonner, start=1):
        skriv_overskrift(celle(ws, hoved, nr), k.overskrift)
        ws.column_dimensions[get_column_letter(nr)].width = k.bredde
    if ark.hoved_hoejde is not None:
        ws.row_dimensions[hoved].height = ark.hoved_hoejde
    for rnr, r in enumerate(ark.raekker, start=hoved + 1):
        for nr, (k, v) in enumerate(zip(ark.kolonner, r.vaerdier, strict=True), start=1):
            c = celle(ws, rnr, nr)
            _skriv_vaerdi(c, k, v)
            if r.total:
                c.font = FED
    ws.freeze_panes = ws.cell(hoved + 1, ark.frys_kolonner + 1).coordinate
    if ark.autofilter:
        sidste = get_column_letter(len(ark.kolonner))
        ws.auto_filter.ref = f"A{hoved}:{sidste}{hoved + max(1, len(ark.raekker))}"


def skriv_tekstark(ws: Worksheet, ark: Tekstark) -> None:
    """The text `ark` on the (empty) sheet `ws`: the title in row 1, the first paragraph
    from row 2, one blank row before each further paragraph; every line wrapped."""
    ws.column_dimensions["A"].width = ark.bredde
    _skriv_linje(ws, 1, ark.titel, TITELSKRIFT)
    raekke = 2
    for i, afsnit in enumerate(a for a in ark.afsnit if a.overskrift or a.linjer):
        raekke += 1 if i else 0
        if afsnit.overskrift:
            _skriv_linje(ws, raekke, afsnit.overskrift, FED)
            raekke += 1
        for linje in afsnit.linjer:
            _skriv_linje(ws, raekke, linje).alignment = OMBRYD
            raekke += 1


def byg_rapport(titel: str, ark: Sequence[Ark]) -> bytes:
    """The workbook of the sheets `ark` in their order, with `titel` as its document title."""
    if not ark:
        raise ValueError("en projektmappe skal have mindst ét ark")
    bog = Workbook()
    standard = bog.active
    if standard is not None:
        bog.remove(standard)
    for a in ark:
        if len(a.navn) > MAKS_ARKNAVN:
            raise ValueError(f"arknavnet {a.navn!r} er længere end {MAKS_ARKNAVN} tegn")
        ws = bog.create_sheet(a.navn)
        if isinstance(a, Rapportark):
            skriv_rapportark(ws, a)
        else:
            skriv_tekstark(ws, a)
    bog.active = 0
    bog.properties.title = titel
    bog.properties.creator = "Socialstyring"
    return gem(bog)
