"""What every Excel template of Socialstyring shares: numbers, errors, columns, styles,
the guide sheet, the hidden metadata sheet and the reading of one data sheet.

Pure: no Django and no database. Each template (`indberetning`, `forbrug`,
`regnskab`) declares its columns as `Kolonne`s and its format name; this module
builds and reads the workbook the same way for all of them:

- one workbook per operator (driftsherre) and year;
- a data sheet: a title (row 1), a hint (row 2), the column headers (row 3) and one row
  per keyed object from row 4. Columns are found by their header, so they may be moved
  but not renamed. Key and reference columns are locked and grey; rows are matched by
  their id, never by name;
- a guide sheet "Vejledning" with the rules in Danish;
- a very hidden sheet "Metadata" with the format name, format version, driftsherre id
  and name and the year, so a file for another operator, year or format is refused.

Numbers are read as exact `Decimal`: number cells (Excel's floats, read with Excel's own
15 significant digits) and text in either Danish ("1.234,50") or plain ("1234.50") form, the
text by the one parser of typed numbers, `io.tal.laes_tal`.
Every problem becomes a `Fejl` naming file, sheet, row, column and the problem (and the cell,
"K7", where the fault is in the file itself); the readers collect them all rather than
stopping at the first.

An uploaded file is never trusted: `laesning` opens it (size, zip bomb, read-only mode) and
streams each sheet once within limits of rows, columns and cells; a cell it cannot read (a
formula without a stored value, an error value, `NaN`, a damaged cell, control characters)
is an error naming the cell, never an empty cell. Ids are read by the one reader of ids,
`io.felter.laes_id` (ASCII digits within the database's range).

Every workbook we write is saved by `gem`, which writes every text as text (never a
formula) and replaces what XML cannot hold by a visible � (`ren_tekst`).

The report workbooks, which are only read (the management information, the catalogue), are
declared with `rapport`, which writes them with this module's styles, `saet_tekst` and `gem`.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from io import BytesIO
from typing import Any, Final, Generic, Literal, TypeVar

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.io.excel.laesning import MAKS_FILSTOERRELSE as MAKS_FILSTOERRELSE
from socialstyring.io.excel.laesning import (
    Afvist,
    Raekke,
    Ulaeselig,
    aabn_projektmappe,
    cellenavn,
    laes_ark,
)
from socialstyring.io.felter import ERSTATNING as ERSTATNING
from socialstyring.io.felter import MAKS_ID, Idfejl, erstat_ugyldige_tegn, laes_heltal
from socialstyring.io.tal import Talfejl as Talfejl
from socialstyring.io.tal import dansk_tal, laes_tal

ARK_VEJLEDNING: Final = "Vejledning"
ARK_METADATA: Final = "Metadata"

TITELRAEKKE: Final = 1
HOVEDRAEKKE: Final = 3
"""The row of the column headers on a data sheet; the data follow from the next row."""
FOERSTE_DATARAEKKE: Final = HOVEDRAEKKE + 1

DECIMALER: Final = 2
"""Amounts and days are read with at most this many decimals."""

# --- errors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fejl:
    """A problem in an uploaded file; `str()` gives the message shown to the user:
    `takster_2019.xlsx, ark "Takster", række 7, kolonne K ("Takst (kr.)"): "12x" er ikke et tal`.
    `bogstav` is the column's letter in the file (`med_bogstaver`); `celle` names the cell as
    Excel does ("K7") where the problem is in the file itself (a formula, a cell that cannot be
    read, a cell beyond the limits)."""

    fil: str
    besked: str
    ark: str | None = None
    raekke: int | None = None
    kolonne: str | None = None
    celle: str | None = None
    bogstav: str | None = None

    def __str__(self) -> str:
        dele = [self.fil]
        if self.ark:
            dele.append(f'ark "{self.ark}"')
        if self.raekke is not None:
            dele.append(f"række {self.raekke}")
        if self.kolonne and self.bogstav:
            dele.append(f'kolonne {self.bogstav} ("{self.kolonne}")')
        elif self.kolonne:
            dele.append(f'kolonne "{self.kolonne}"')
        if self.celle:
            dele.append(f"celle {self.celle}")
        return f"{', '.join(dele)}: {self.besked}"


class Stop(Exception):
    """A file-level error: reading the rows would only add noise."""

    def __init__(self, *fejl: Fejl) -> None:
        super().__init__(*fejl)
        self.fejl = fejl


R = TypeVar("R")


@dataclass(frozen=True)
class Indlaesning(Generic[R]):
    """The result of parsing. Nothing may be imported unless `ok`.

    `raekker` are the rows read without error, `med_fejl` the keys (ids) of rows that have
    a cell error, and `arket_laest` says the sheet was read through (no file-level error),
    so the caller can check the rows against the register too and report every error of
    the file at once."""

    fil: str
    raekker: tuple[R, ...]
    fejl: tuple[Fejl, ...]
    med_fejl: frozenset[int] = frozenset()
    arket_laest: bool = True
    hentet: datetime | None = None  # when the template was made (its metadata), for the stale check
    bogstaver: Mapping[str, str] = field(default_factory=dict)  # heading → column letter in the file

    @property
    def ok(self) -> bool:
        return not self.fejl


# --- columns ------------------------------------------------------------------------------

Art = Literal["id", "tekst", "tal"]


@dataclass(frozen=True)
class Kolonne:
    """A column of a data sheet, found by its header when a file is read.

    `redigerbar` columns are white and read with their rules: a number not negative, with
    at most `DECIMALER` decimals, at most `maks` (`interval` names the allowed range in the
    message, `positivt` requires more than 0); a text at most `maks_tegn` characters.
    Locked reference columns are read back but never give an error."""

    overskrift: str
    felt: str
    art: Art
    redigerbar: bool
    bredde: int
    forklaring: str
    talformat: str = "General"
    maks: Decimal | None = None
    interval: str | None = None
    positivt: bool = False
    maks_tegn: int | None = None


@dataclass(frozen=True)
class Skabelonart:
    """One kind of template: its format, its data sheet and columns, and its words.

    `noegle` is the key column's `felt` (rows are matched by it); `hvad` names one row's
    object in messages ("ydelse") and `hver` is "hver" or "hvert" by its gender; `nye` says
    where new ones are made ("nye ydelser oprettes i registret"), `skabelonnavn` names the
    template ("takstskabelon") and `her` what is imported ("indberetningen her").
    `frys_efter` is the last column kept in view when scrolling right."""

    formatnavn: str
    formatversion: int
    ark: str
    kolonner: tuple[Kolonne, ...]
    noegle: str
    hvad: str
    nye: str
    skabelonnavn: str
    her: str
    vejledning: str
    regler: tuple[str, ...]
    frys_efter: str
    maks_raekker: int = 5000
    hver: str = "hver"

    def kolonne(self, felt: str) -> Kolonne:
        return next(k for k in self.kolonner if k.felt == felt)

    def nr(self, felt: str) -> int:
        """The column's number in a new template (1-based)."""
        return next(i for i, k in enumerate(self.kolonner, start=1) if k.felt == felt)


# --- numbers ------------------------------------------------------------------------------


# For `tjek_tal`'s tip when a dot may have been meant between thousands ("1.234").
_MELLEMRUM = re.compile(r"[\s\u00a0\u202f]+")
_DANSK = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234,50 / 1.234.567


def tolk_tal(vaerdi: object) -> Decimal | None:
    """A cell's value as an exact Decimal; None for an empty cell.

    Number cells are floats in the file: they are read with Excel's own precision
    (15 significant digits), so 1020.0000000000001 from a formula is 1020. Text is read by
    `io.tal.laes_tal`: a decimal comma with '.' or spaces between thousands ("1.234,50") or
    a decimal point ("1234.50", "1,234.50"). A single dot group ("1.234") is read as a
    decimal point here, so the two-decimal rule of `tjek_tal` asks the user which was meant.
    Raises `Talfejl` for anything else.
    """
    if vaerdi is None:
        return None
    if isinstance(vaerdi, bool):
        raise Talfejl(f'"{"SAND" if vaerdi else "FALSK"}" er ikke et tal')
    if isinstance(vaerdi, (datetime, date, time)):
        vist = vaerdi.strftime("%d-%m-%Y") if isinstance(vaerdi, date) else vaerdi.isoformat()
        raise Talfejl(
            f'"{vist}" er en dato, ikke et tal (Excel læser fx 1.5 som en dato: skriv 1,5 '
            "eller formatér cellen som tal)"
        )
    if isinstance(vaerdi, int):
        return Decimal(vaerdi)
    if isinstance(vaerdi, float):
        if not math.isfinite(vaerdi):
            raise Talfejl(f'"{vaerdi}" er ikke et tal')
        return Decimal(format(vaerdi, ".15g"))
    if isinstance(vaerdi, Decimal):
        if not vaerdi.is_finite():
            raise Talfejl(f'"{vaerdi}" er ikke et tal')
        return vaerdi
    tekst = str(vaerdi).strip()
    if not tekst:
        return None
    return laes_tal(tekst, tusindtalspunktum=False)


def tjek_tal(
    vaerdi: object,
    *,
    maks: Decimal,
    interval: str | None = None,
    positivt: bool = False,
    decimaler: int = DECIMALER,
) -> Decimal | None:
    """`tolk_tal` plus a column's rules: not negative (more than 0 if `positivt`), at most
    `decimaler` decimals, at most `maks` (the message names `interval` if given). Returns
    the number with exactly `decimaler` decimals."""
    d = tolk_tal(vaerdi)
    if d is None:
        return None
    vist = vaerdi.strip() if isinstance(vaerdi, str) else dansk_tal(d.normalize())
    if d < 0:
        raise Talfejl(f'"{vist}" er negativt; tallet skal være 0 eller større')
    if positivt and d == 0:
        raise Talfejl(f'"{vist}" er 0; tallet skal være større end 0')
    eksponent = d.normalize().as_tuple().exponent
    if isinstance(eksponent, int) and -eksponent > decimaler:
        tip = ""
        if isinstance(vaerdi, str) and _DANSK.fullmatch(_MELLEMRUM.sub("", vaerdi)):
            tip = f" (er punktummet tusindtalsskilletegn, så skriv {_uden_punktum(vaerdi)} eller {vist},00)"
        raise Talfejl(f'"{vist}" har mere end {decimaler} decimaler{tip}')
    if d > maks:
        if interval:
            raise Talfejl(f'"{vist}" ligger uden for {interval}')
        raise Talfejl(f'"{vist}" er for stort (højst {dansk_tal(maks)})')
    return d.quantize(Decimal(1).scaleb(-decimaler))


def _uden_punktum(tekst: str) -> str:
    return _MELLEMRUM.sub("", tekst).replace(".", "")


def kolonnens_tal(k: Kolonne, vaerdi: object) -> Decimal | None:
    """`tjek_tal` with the rules of column `k`."""
    assert k.maks is not None, f"kolonnen {k.overskrift} har intet maksimum"
    return tjek_tal(vaerdi, maks=k.maks, interval=k.interval, positivt=k.positivt)


def celle_heltal(v: object, *, mindst: int = 1, maks: int = MAKS_ID, hvad: str = "id") -> int:
    """A cell's id (or, with other bounds and `hvad`, another whole number such as a year) by
    the one reader of ids, `io.felter.laes_heltal`: ASCII digits 0–9 in a text cell, or a whole
    number cell, from `mindst` to `maks`. Raises `Idfejl` with a Danish message otherwise."""
    if isinstance(v, bool):
        tekst = "SAND" if v else "FALSK"
    elif isinstance(v, float) and v.is_integer():
        tekst = str(int(v))
    elif isinstance(v, int):
        tekst = str(v)
    else:
        tekst = som_tekst(v)
    return laes_heltal(tekst, mindst=mindst, maks=maks, hvad=hvad)


def heltal(v: object, *, mindst: int = 1, maks: int = MAKS_ID) -> int | None:
    """`celle_heltal`, or None when the cell holds no valid id."""
    try:
        return celle_heltal(v, mindst=mindst, maks=maks)
    except Idfejl:
        return None


def som_tekst(v: object) -> str:
    """A cell's value as the text a user sees."""
    if v is None:
        return ""
    if isinstance(v, float):
        return format(v, ".15g")
    if isinstance(v, datetime):
        return v.strftime("%d-%m-%Y %H:%M") if v.time() != time() else v.strftime("%d-%m-%Y")
    if isinstance(v, date):
        return v.strftime("%d-%m-%Y")
    return str(v).strip()


def tom(v: object) -> bool:
    """An empty cell (nothing, or only spaces)."""
    return v is None or (isinstance(v, str) and not v.strip())


# --- building a workbook ------------------------------------------------------------------------

GRAA: Final = PatternFill("solid", fgColor="EDEDED")
HOVED: Final = PatternFill("solid", fgColor="1F4E79")
_TYND = Side(style="thin", color="BFBFBF")
RAMME: Final = Border(left=_TYND, right=_TYND, top=_TYND, bottom=_TYND)
LAAST: Final = Protection(locked=True)
AABEN: Final = Protection(locked=False)
TITELSKRIFT: Final = Font(bold=True, size=14)
HJAELPESKRIFT: Final = Font(italic=True, color="595959")
HOVEDSKRIFT: Final = Font(bold=True, color="FFFFFF")
OMBRYD: Final = Alignment(wrap_text=True, vertical="top")


def celle(ws: Worksheet, raekke: int, kolonne: int) -> Cell:
    c = ws.cell(raekke, kolonne)
    assert isinstance(c, Cell), f"{c.coordinate} er en del af en flettet celle"
    return c


def ren_tekst(tekst: str) -> str:
    """`tekst` with every character XML cannot hold (`io.felter.UGYLDIGE_TEGN`: the control
    characters but tab and line breaks, U+FFFE/U+FFFF, lone surrogates) replaced by the
    visible `ERSTATNING` (�)."""
    return erstat_ugyldige_tegn(tekst)


def saet_tekst(c: Cell, tekst: str) -> None:
    """Text into a cell, always as text: "=..." is not a formula, and a control character
    (stored before the forms refused them) is shown as `ERSTATNING` instead of breaking the file."""
    ren = ren_tekst(tekst)
    c.value = ren or None
    if ren:
        c.data_type = "s"


def skriv_overskrift(c: Cell, tekst: str) -> None:
    """A column header in the framework's style: white bold text on dark blue, wrapped, framed."""
    saet_tekst(c, tekst)
    c.font = HOVEDSKRIFT
    c.fill = HOVED
    c.alignment = OMBRYD
    c.border = RAMME


_EGENSKABER: Final = ("title", "subject", "creator", "keywords", "description", "category", "lastModifiedBy")


def gem(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes: the one way every workbook of Socialstyring is written.

    Whatever a writer did, every cell that holds a text is written as text (never a formula:
    an offer named `=HYPERLINK(…)` stays a name), and the document's properties and notes get
    `ren_tekst`, so no text of ours can make the file a formula or unreadable."""
    for ws in wb.worksheets:
        assert isinstance(ws, Worksheet)
        for c in ws._cells.values():
            if isinstance(c, Cell) and isinstance(c.value, str):
                saet_tekst(c, c.value)
            if c.comment is not None:
                c.comment.text = ren_tekst(c.comment.text)
    for navn in _EGENSKABER:
        egenskab = getattr(wb.properties, navn)
        if isinstance(egenskab, str):
            setattr(wb.properties, navn, ren_tekst(egenskab))
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue()


def skriv_dataark(
    ws: Worksheet,
    *,
    titel: str,
    hjaelp: str,
    kolonner: Sequence[Kolonne],
    raekker: Sequence[object],
    frys_efter: str,
    laast: Callable[[object, Kolonne], bool] | None = None,
) -> None:
    """Title, hint, headers (each with its explanation as a note) and one row per object in
    `raekker` (each column's value is the object's attribute `felt`). Columns that are not
    `redigerbar`, and cells `laast(row, column)` says, are grey and locked; the sheet is
    protected (no password) with Excel's own checks on the white cells. The panes are
    frozen after the column `frys_efter` (a `felt`)."""
    saet_tekst(celle(ws, TITELRAEKKE, 1), titel)
    ws.cell(TITELRAEKKE, 1).font = TITELSKRIFT
    saet_tekst(celle(ws, TITELRAEKKE + 1, 1), hjaelp)
    ws.cell(TITELRAEKKE + 1, 1).font = HJAELPESKRIFT
    for nr, k in enumerate(kolonner, start=1):
        c = celle(ws, HOVEDRAEKKE, nr)
        skriv_overskrift(c, k.overskrift)
        c.comment = Comment(k.forklaring, "Socialstyring", width=300, height=120)
        ws.column_dimensions[get_column_letter(nr)].width = k.bredde
    ws.row_dimensions[HOVEDRAEKKE].height = 32

    for i, r in enumerate(raekker):
        rnr = FOERSTE_DATARAEKKE + i
        for nr, k in enumerate(kolonner, start=1):
            c = celle(ws, rnr, nr)
            v = getattr(r, k.felt)
            if k.art == "tekst":
                saet_tekst(c, v)
            elif k.art == "tal":
                c.value = None if v is None else v.quantize(Decimal(1).scaleb(-DECIMALER))
                c.number_format = k.talformat
            else:
                c.value = v
            c.border = RAMME
            c.alignment = Alignment(wrap_text=k.art == "tekst", vertical="top")
            er_laast = not k.redigerbar or (laast is not None and laast(r, k))
            c.protection = LAAST if er_laast else AABEN
            if er_laast:
                c.fill = GRAA
                c.font = Font(color="595959")

    sidste = HOVEDRAEKKE + max(len(raekker), 1)
    frys = next(i for i, k in enumerate(kolonner, start=1) if k.felt == frys_efter)
    ws.freeze_panes = ws.cell(FOERSTE_DATARAEKKE, frys + 1).coordinate
    ws.auto_filter.ref = f"A{HOVEDRAEKKE}:{get_column_letter(len(kolonner))}{sidste}"
    if raekker:
        _valideringer(ws, kolonner, sidste)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _valideringer(ws: Worksheet, kolonner: Sequence[Kolonne], sidste: int) -> None:
    """Excel's own checks while typing; the import checks everything again."""
    for nr, k in enumerate(kolonner, start=1):
        if not k.redigerbar:
            continue
        if k.art == "tal" and k.maks is not None:
            if k.interval:
                dv = DataValidation("decimal", operator="between", formula1="0", formula2=str(k.maks))
                besked = f"{k.overskrift}: et tal, der ligger i {k.interval}."
            elif k.positivt:
                dv = DataValidation("decimal", operator="greaterThan", formula1="0")
                besked = f"{k.overskrift}: et tal større end 0."
            else:
                dv = DataValidation("decimal", operator="greaterThanOrEqual", formula1="0")
                besked = f"{k.overskrift}: et tal på 0 eller derover."
        elif k.art == "tekst" and k.maks_tegn is not None:
            dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(k.maks_tegn))
            besked = f"{k.overskrift}: højst {dansk_tal(k.maks_tegn)} tegn."
        else:
            continue
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.errorTitle = "Ugyldig værdi"
        dv.error = besked
        b = get_column_letter(nr)
        dv.add(f"{b}{FOERSTE_DATARAEKKE}:{b}{sidste}")
        ws.add_data_validation(dv)


def byg_vejledning(
    ws: Worksheet,
    *,
    titel: str,
    oplysninger: Sequence[tuple[str, object]],
    regler: Sequence[str],
    kolonner: Sequence[Kolonne],
) -> None:
    """The guide sheet: the file's owner and year, the rules and every column explained."""
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 90
    saet_tekst(celle(ws, 1, 1), titel)
    celle(ws, 1, 1).font = Font(bold=True, size=14)
    r = 3
    for navn, vaerdi in oplysninger:
        saet_tekst(celle(ws, r, 1), navn)
        celle(ws, r, 1).font = Font(bold=True)
        saet_tekst(celle(ws, r, 2), str(vaerdi))
        r += 1
    r += 1
    saet_tekst(celle(ws, r, 1), "Regler")
    celle(ws, r, 1).font = Font(bold=True, size=12)
    r += 1
    for regel in regler:
        c = celle(ws, r, 1)
        saet_tekst(c, f"• {regel}")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * (len(regel) // 110 + 1)  # merged cells do not grow by themselves
        r += 1
    r += 1
    saet_tekst(celle(ws, r, 1), "Kolonner")
    celle(ws, r, 1).font = Font(bold=True, size=12)
    r += 1
    for nr, tekst in enumerate(("Kolonne", "Må udfyldes", "Indhold og regler"), start=1):
        c = celle(ws, r, nr)
        saet_tekst(c, tekst)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = HOVED
    r += 1
    for k in kolonner:
        saet_tekst(celle(ws, r, 1), k.overskrift)
        saet_tekst(celle(ws, r, 2), "Ja" if k.redigerbar else "Nej (låst)")
        saet_tekst(celle(ws, r, 3), k.forklaring)
        celle(ws, r, 3).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    ws.protection.sheet = True


def byg_metadata(
    ws: Worksheet,
    *,
    formatnavn: str,
    formatversion: int,
    driftsherre_id: int,
    driftsherre: str,
    aar: int,
    hentet: datetime | None = None,
) -> None:
    """The very hidden sheet that binds the file to its format, operator and year, and says
    when it was made (`hentet`, ISO 8601 with time zone; default now): an import refuses to
    overwrite a row that was changed in Socialstyring after that (a stale file, like a stale
    form)."""
    hentet = hentet or datetime.now(UTC)
    linjer: tuple[tuple[str, str | int], ...] = (
        ("Nøgle", "Værdi"),
        ("format", formatnavn),
        ("formatversion", formatversion),
        ("driftsherre_id", driftsherre_id),
        ("driftsherre", driftsherre),
        ("aar", aar),
        ("hentet", hentet.isoformat()),
    )
    for r, (noegle, vaerdi) in enumerate(linjer, start=1):
        saet_tekst(celle(ws, r, 1), noegle)
        if isinstance(vaerdi, str):
            saet_tekst(celle(ws, r, 2), vaerdi)
        else:
            celle(ws, r, 2).value = vaerdi
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


# --- reading a workbook --------------------------------------------------------------------------


def _stop(filnavn: str, afvist: Afvist) -> Stop:
    return Stop(Fejl(filnavn, afvist.besked, afvist.ark, afvist.raekke, celle=afvist.celle))


def aabn(data: bytes, filnavn: str) -> Workbook:
    """The uploaded workbook in read-only mode (close it after use), or a `Stop` saying it is
    empty, too large, a zip bomb or not an .xlsx file (`laesning.aabn_projektmappe`)."""
    try:
        return aabn_projektmappe(data)
    except Afvist as afvist:
        raise _stop(filnavn, afvist) from None


def arkets_raekker(wb: Workbook, filnavn: str, ark: str) -> list[tuple[int, Raekke]]:
    """The rows of sheet `ark` that hold something (`laesning.laes_ark`: streamed, within the
    limits), or a `Stop` saying the sheet is missing, too large or damaged."""
    if ark not in wb.sheetnames:
        raise Stop(Fejl(filnavn, f'arket "{ark}" mangler (er det omdøbt eller slettet?)'))
    try:
        return laes_ark(wb, ark)
    except Afvist as afvist:
        raise _stop(filnavn, afvist) from None


def kontroller_metadata(
    wb: Workbook,
    filnavn: str,
    *,
    formatnavn: str,
    formatversion: int,
    driftsherre_id: int,
    aar: int,
    driftsherre: str | None,
    skabelonnavn: str,
    her: str,
) -> datetime:
    """A `Stop` unless the hidden metadata say: this format and version, this operator and
    year; else when the file was made (`hentet`). `skabelonnavn` names the template in the
    message ("takstskabelon"), `her` what is imported ("indberetningen her"). The numbers are
    read by the one reader of ids (`celle_heltal`); one that is not a valid number is named
    with its row."""
    ikke_skabelon = Fejl(
        filnavn,
        f"filen er ikke en {skabelonnavn} fra Socialstyring (det skjulte ark "
        f'"{ARK_METADATA}" mangler eller er ændret); hent skabelonen i Socialstyring',
    )
    if ARK_METADATA not in wb.sheetnames:
        raise Stop(ikke_skabelon)
    meta: dict[str, tuple[int, object]] = {}
    for rnr, raekke in arkets_raekker(wb, filnavn, ARK_METADATA):
        if rnr >= 2 and isinstance(noegle := raekke.get(1), str):
            meta[noegle] = (rnr, raekke.get(2))
    if meta.get("format", (0, None))[1] != formatnavn:
        raise Stop(ikke_skabelon)
    tal: dict[str, int] = {}
    for navn, maks, hvad in (("formatversion", 1000, "versionsnummer"), ("driftsherre_id", MAKS_ID, "id"),
                             ("aar", 9999, "årstal")):  # fmt: skip
        if navn not in meta:
            raise Stop(ikke_skabelon)
        rnr, v = meta[navn]
        try:
            tal[navn] = celle_heltal(v, maks=maks, hvad=hvad)
        except Idfejl as idfejl:
            raise Stop(
                Fejl(
                    filnavn,
                    f"{idfejl}; det skjulte ark er ændret, så filen kan ikke indlæses. Hent skabelonen i "
                    "Socialstyring",
                    ARK_METADATA,
                    rnr,
                    "Værdi",
                )
            ) from None
    version, fil_id, fil_aar = tal["formatversion"], tal["driftsherre_id"], tal["aar"]
    if version != formatversion:
        raise Stop(
            Fejl(
                filnavn,
                f"filen har formatversion {version}, men Socialstyring læser version {formatversion}; "
                "hent en ny skabelon",
            )
        )
    fejl: list[Fejl] = []
    if fil_id != driftsherre_id:
        fil_navn = meta.get("driftsherre", (0, None))[1]
        fil_navn = fil_navn if isinstance(fil_navn, str) else None
        hvem = f'"{fil_navn}" (id {fil_id})' if fil_navn else f"id {fil_id}"
        hvor = f'"{driftsherre}" (id {driftsherre_id})' if driftsherre else f"id {driftsherre_id}"
        fejl.append(Fejl(filnavn, f"filen er skabelonen for driftsherre {hvem}, men her indlæses for {hvor}"))
    if fil_aar != aar:
        fejl.append(Fejl(filnavn, f"filen er skabelonen for {fil_aar}, men {her} gælder {aar}"))
    rnr, tekst = meta.get("hentet", (0, None))
    hentet: datetime | None = None
    with contextlib.suppress(ValueError):
        hentet = datetime.fromisoformat(tekst) if isinstance(tekst, str) and len(tekst) <= 40 else None
    if hentet is None or hentet.tzinfo is None:
        fejl.append(
            Fejl(
                filnavn,
                "det skjulte ark siger ikke, hvornår filen blev hentet (det er ændret); hent skabelonen i "
                "Socialstyring",
                ARK_METADATA,
                rnr or None,
                "Værdi" if rnr else None,
            )
        )
    if fejl:
        raise Stop(*fejl)
    assert hentet is not None
    return hentet


def _norm(overskrift: object) -> str:
    return " ".join(str(overskrift).split()).casefold() if isinstance(overskrift, str) else ""


def find_kolonner(
    raekker: Sequence[tuple[int, Raekke]], filnavn: str, ark: str, kolonner: Sequence[Kolonne]
) -> tuple[int, dict[str, int]]:
    """The header row and each column's number (1 = A), or a `Stop` naming what is missing or
    repeated. The header row is the one of the sheet's first ten that names most columns."""
    oenskede = {_norm(k.overskrift): k for k in kolonner}
    hovedraekke: int = HOVEDRAEKKE
    fundet: dict[str, list[int]] = {}
    for nr, raekke in raekker:
        if nr > 10:
            break
        her: dict[str, list[int]] = {}
        for kol, v in sorted(raekke.items()):
            if (k := oenskede.get(_norm(v))) is not None:
                her.setdefault(k.felt, []).append(kol)
        if len(her) > len(fundet):
            hovedraekke, fundet = nr, her
    fejl = [
        Fejl(
            filnavn,
            "kolonnen mangler (er den omdøbt eller slettet? Overskrifterne må ikke ændres)",
            ark,
            hovedraekke,
            k.overskrift,
        )
        for k in kolonner
        if k.felt not in fundet
    ]
    fejl += [
        Fejl(filnavn, f"kolonnen står {len(fundet[k.felt])} gange; den må kun stå én gang", ark,
             hovedraekke, k.overskrift)
        for k in kolonner
        if len(fundet.get(k.felt, ())) > 1
    ]  # fmt: skip
    if fejl:
        raise Stop(*fejl)
    return hovedraekke, {felt: i[0] for felt, i in fundet.items()}


def udfyldte_raekker(
    raekker: Sequence[tuple[int, Raekke]],
    filnavn: str,
    ark: str,
    kolonner: Sequence[Kolonne],
    maks_raekker: int,
) -> tuple[list[tuple[int, dict[str, object]]], list[Fejl], dict[str, int]]:
    """Every row below the headers with anything in the template's columns: (sheet row,
    {felt: cell value}), the errors (more than `maks_raekker` such rows; the rest unread) and
    each column's number (1 = A)."""
    hovedraekke, nr = find_kolonner(raekker, filnavn, ark, kolonner)
    ud: list[tuple[int, dict[str, object]]] = []
    for rnr, celler in raekker:
        if rnr <= hovedraekke:
            continue
        vaerdier: dict[str, object] = {f: celler.get(i) for f, i in nr.items()}
        if all(tom(v) for v in vaerdier.values()):
            continue
        if len(ud) == maks_raekker:
            return ud, [Fejl(filnavn, f"arket har mere end {maks_raekker} rækker", ark, rnr)], nr
        ud.append((rnr, vaerdier))
    return ud, [], nr


def laes_raekke(
    kolonner: Sequence[Kolonne],
    vaerdier: Mapping[str, object],
    rnr: int,
    filnavn: str,
    ark: str,
    *,
    nye: str,
    kolonnenumre: Mapping[str, int] | None = None,
) -> tuple[dict[str, Any], list[Fejl]]:
    """A row's cells by their columns' rules: {felt: value} of the cells without error, and
    an error for every other. A cell that could not be read (`Ulaeselig`: a formula without a
    value, an error value, a damaged cell, control characters) is an error in every column,
    named with its cell (`kolonnenumre`: each column's number); it is never read as empty.
    An id is a whole number from 1 by `celle_heltal` (missing: a row was added; `nye` says
    where new ones are made, e.g. "nye ydelser oprettes i registret"); a text is stripped and
    at most `maks_tegn` long; a number follows `kolonnens_tal`. Reference (locked) numbers
    are read back and never an error."""
    fejl: list[Fejl] = []
    felter: dict[str, Any] = {}

    def fejl_i(k: Kolonne, besked: str, *, med_celle: bool = False) -> None:
        nr = (kolonnenumre or {}).get(k.felt)
        navn = cellenavn(rnr, nr) if med_celle and nr is not None else None
        fejl.append(Fejl(filnavn, besked, ark, rnr, k.overskrift, celle=navn))

    for k in kolonner:
        v = vaerdier[k.felt]
        if isinstance(v, Ulaeselig):
            fejl_i(k, v.grund, med_celle=True)
        elif k.art == "id":
            if tom(v):
                fejl_i(k, f"mangler; rækker må ikke tilføjes ({nye}), og nøglekolonnerne må ikke ændres")
            else:
                try:
                    felter[k.felt] = celle_heltal(v)
                except Idfejl as idfejl:
                    fejl_i(k, f"{idfejl}; nøglekolonnerne må ikke ændres")
        elif k.art == "tekst":
            tekst = som_tekst(v)
            if k.redigerbar and k.maks_tegn is not None and len(tekst) > k.maks_tegn:
                fejl_i(
                    k, f"teksten er {dansk_tal(len(tekst))} tegn; højst {dansk_tal(k.maks_tegn)} er tilladt"
                )
            felter[k.felt] = tekst
        elif not k.redigerbar:  # reference number: read back, never an error
            try:
                felter[k.felt] = tolk_tal(v)
            except Talfejl:
                felter[k.felt] = None
        else:
            try:
                felter[k.felt] = kolonnens_tal(k, v)
            except Talfejl as tf:
                fejl_i(k, str(tf))
    return felter, fejl


def dublet(
    filnavn: str, ark: str, rnr: int, kolonne: str, hvad: str, noegle: int, foerst: int, hver: str = "hver"
) -> Fejl:
    """The error for a key seen before in row `foerst` (a copied row)."""
    return Fejl(
        filnavn,
        f"{hvad} {noegle} står også i række {foerst}; {hver} {hvad} må kun stå én gang "
        "(rækker må ikke kopieres)",
        ark,
        rnr,
        kolonne,
    )


def med_bogstaver(fejl: Iterable[Fejl], ark: str, bogstaver: Mapping[str, str]) -> list[Fejl]:
    """Each error in a column of sheet `ark` with the column's letter (`bogstaver`: heading →
    letter, where the file has the column), so it reads 'kolonne C ("Takst (kr.)")'."""
    return [
        replace(f, bogstav=bogstaver[f.kolonne])
        if f.ark == ark and f.bogstav is None and f.kolonne is not None and f.kolonne in bogstaver
        else f
        for f in fejl
    ]


def raekkens_navn(hvad: str, navn: str, tilbud: str = "") -> str:
    """A row named by what the file says it is: 'ydelsen "Dagtilbud" i "Solhaven"' ('tilbuddet
    "Solhaven"'), never by the register's id; 'ydelsen i rækken' when the names are blank."""
    navn, tilbud = " ".join(str(navn).split()), " ".join(str(tilbud).split())
    if not navn:
        return f"{hvad} i rækken"
    return f'{hvad} "{navn}"' + (f' i "{tilbud}"' if tilbud else "")


def sorter_fejl(
    fejl: Iterable[Fejl],
    kolonner: Sequence[Kolonne],
    ark: str | None = None,
    bogstaver: Mapping[str, str] | None = None,
) -> list[Fejl]:
    """File-level errors first, then by sheet row and by the column's place in the template;
    with `ark` and `bogstaver` (the file's `Indlaesning.bogstaver`) each column named by its
    letter too."""
    orden = {k.overskrift: i for i, k in enumerate(kolonner)}
    if ark is not None and bogstaver:
        fejl = med_bogstaver(fejl, ark, bogstaver)
    return sorted(
        fejl,
        key=lambda f: (f.raekke is not None, f.raekke or 0, orden.get(f.kolonne or "", -1)),
    )


# --- a whole template --------------------------------------------------------------------------


def byg_projektmappe(
    art: Skabelonart,
    *,
    titel: str,
    hjaelp: str,
    driftsherre_id: int,
    driftsherre: str,
    aar: int,
    raekker: Sequence[object],
    laast: Callable[[object, Kolonne], bool] | None = None,
    hentet: datetime | None = None,
) -> Workbook:
    """The workbook of one kind of template for one operator and year: the data sheet
    (`skriv_dataark`), the guide and the hidden metadata."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = art.ark
    skriv_dataark(
        ws,
        titel=titel,
        hjaelp=hjaelp,
        kolonner=art.kolonner,
        raekker=raekker,
        frys_efter=art.frys_efter,
        laast=laast,
    )
    byg_vejledning(
        wb.create_sheet(ARK_VEJLEDNING),
        titel=art.vejledning,
        oplysninger=(("Driftsherre", driftsherre), ("År", aar), ("Formatversion", art.formatversion)),
        regler=art.regler,
        kolonner=art.kolonner,
    )
    byg_metadata(
        wb.create_sheet(ARK_METADATA),
        formatnavn=art.formatnavn,
        formatversion=art.formatversion,
        driftsherre_id=driftsherre_id,
        driftsherre=driftsherre,
        aar=aar,
        hentet=hentet,
    )
    wb.active = 0
    wb.properties.title = titel
    wb.properties.creator = "Socialstyring"
    return wb


def laes_skabelon(
    art: Skabelonart,
    data: bytes,
    filnavn: str,
    *,
    driftsherre_id: int,
    aar: int,
    driftsherre: str | None,
    lav: Callable[[dict[str, Any], int], R],
) -> Indlaesning[R]:
    """Parse an uploaded template of kind `art` for the given operator and year.

    File-level errors (not a workbook, a missing sheet, another format's, operator's or
    year's file, a missing column) stop before the rows; otherwise every cell of every
    row is checked (`laes_raekke`), and a key seen twice is an error. `lav(felter, row)`
    makes a row's object from its cells. Checks against the register (unknown or foreign
    ids) are the caller's.
    """
    try:
        wb = aabn(data, filnavn)
        try:
            hentet = kontroller_metadata(
                wb,
                filnavn,
                formatnavn=art.formatnavn,
                formatversion=art.formatversion,
                driftsherre_id=driftsherre_id,
                aar=aar,
                driftsherre=driftsherre,
                skabelonnavn=art.skabelonnavn,
                her=art.her,
            )
            arket = arkets_raekker(wb, filnavn, art.ark)
        finally:
            wb.close()
        celler, fejl, nr = udfyldte_raekker(arket, filnavn, art.ark, art.kolonner, art.maks_raekker)
    except Stop as stop:
        return Indlaesning(filnavn, (), stop.fejl, arket_laest=False)
    noegle = art.kolonne(art.noegle)
    raekker: list[R] = []
    med_fejl: set[int] = set()
    set_i: dict[int, int] = {}  # key → the row it was first seen in
    for rnr, vaerdier in celler:
        felter, raekkefejl = laes_raekke(
            art.kolonner, vaerdier, rnr, filnavn, art.ark, nye=art.nye, kolonnenumre=nr
        )
        if raekkefejl:
            fejl.extend(raekkefejl)
            if isinstance(id_ := heltal(vaerdier[art.noegle]), int):
                med_fejl.add(id_)
            continue
        id_ = felter[art.noegle]
        if id_ in set_i:
            fejl.append(dublet(filnavn, art.ark, rnr, noegle.overskrift, art.hvad, id_, set_i[id_], art.hver))
            continue
        set_i[id_] = rnr
        raekker.append(lav(felter, rnr))
    bogstaver = {k.overskrift: get_column_letter(nr[k.felt]) for k in art.kolonner if k.felt in nr}
    return Indlaesning(
        filnavn,
        tuple(raekker),
        tuple(med_bogstaver(fejl, art.ark, bogstaver)),
        frozenset(med_fejl),
        hentet=hentet,
        bogstaver=bogstaver,
    )
