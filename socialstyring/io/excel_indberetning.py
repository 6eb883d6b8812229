"""The Excel template of the yearly rate report (takstindberetning): build and parse.

Pure: no Django and no database. The web app (`socialstyring.web.takster.excel`) turns
the register into `Skabelon` and applies what `laes_indberetning` returns; this module
only knows the workbook. The layout is documented in `docs/excel-skabelon.md`:

- one workbook per operator (driftsherre) and year;
- sheet "Takster": a title (row 1), a hint (row 2), the column headers (row 3) and one
  row per service (ydelse) from row 4. Columns are found by their header, so they may be
  moved but not renamed. The key columns (Tilbud-ID, Ydelse-ID) and the reference
  columns are locked and grey; rows are matched by Ydelse-ID, never by name;
- sheet "Vejledning": the rules in Danish;
- a very hidden sheet "Metadata" with the format name, format version, driftsherre id
  and name and the year, so a file for another operator or year is refused.

Numbers are read as exact `Decimal`: number cells (Excel's floats, read with Excel's own
15 significant digits) and text in either Danish ("1.234,50") or plain ("1234.50") form.
Every problem becomes a `Fejl` naming file, sheet, row, column and the problem; the
parser collects them all rather than stopping at the first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any, Final, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.beregning.penge import dansk_tal

FORMAT: Final = "socialstyring-takstindberetning"
FORMATVERSION: Final = 1

ARK_TAKSTER: Final = "Takster"
ARK_VEJLEDNING: Final = "Vejledning"
ARK_METADATA: Final = "Metadata"

TITELRAEKKE: Final = 1
HOVEDRAEKKE: Final = 3
"""The row of the column headers on sheet "Takster"; services follow from the next row."""
FOERSTE_DATARAEKKE: Final = HOVEDRAEKKE + 1

MAKS_RAEKKER: Final = 5000
"""More service rows than this is not a template the app made."""
MAKS_KILDE: Final = 500
"""Length of "Kilde/bemærkning" (the register's field holds 500 characters)."""
MAKS_BEGRUNDELSE: Final = 5000
"""Length of "Begrundelse for takstudvikling"."""
MAKS_PLADSER: Final = Decimal("999999.99")
MAKS_TAKST: Final = Decimal("999999999999.99")
MAKS_BELAEGNING: Final = Decimal(150)
DECIMALER: Final = 2

# --- the data -----------------------------------------------------------------


@dataclass(frozen=True)
class Takstraekke:
    """One service's row on sheet "Takster".

    The ids are the key; names, place type, unit and last year's rate are for reference
    only (read back, never imported). `takst_beregnet` marks a rate computed from the
    budget: the cell is locked and carries a note. `raekke` is the sheet row a parsed
    row came from (not part of equality).
    """

    tilbud_id: int
    ydelse_id: int
    tilbud: str = ""
    afdeling: str = ""
    ydelse: str = ""
    pladstype: str = ""
    takstenhed: str = ""
    pladser: Decimal | None = None
    belaegning_pct: Decimal | None = None
    sidste_aars_takst: Decimal | None = None
    takst: Decimal | None = None
    kilde_tekst: str = ""
    begrundelse: str = ""
    takst_beregnet: bool = field(default=False, compare=False)
    raekke: int | None = field(default=None, compare=False)

    @property
    def tom(self) -> bool:
        """Nothing to import: no figures and no text."""
        return (
            self.pladser is None
            and self.belaegning_pct is None
            and self.takst is None
            and not self.kilde_tekst
            and not self.begrundelse
        )


@dataclass(frozen=True)
class Skabelon:
    """Everything the workbook holds: whose it is, for which year, and the rows."""

    driftsherre_id: int
    driftsherre: str
    aar: int
    raekker: tuple[Takstraekke, ...] = ()


@dataclass(frozen=True)
class Fejl:
    """A problem in an uploaded file; `str()` gives the message shown to the user:
    `takster_2019.xlsx, ark "Takster", række 7, kolonne "Takst (kr.)": "12x" er ikke et tal`."""

    fil: str
    besked: str
    ark: str | None = None
    raekke: int | None = None
    kolonne: str | None = None

    def __str__(self) -> str:
        dele = [self.fil]
        if self.ark:
            dele.append(f'ark "{self.ark}"')
        if self.raekke is not None:
            dele.append(f"række {self.raekke}")
        if self.kolonne:
            dele.append(f'kolonne "{self.kolonne}"')
        return f"{', '.join(dele)}: {self.besked}"


@dataclass(frozen=True)
class Indlaesning:
    """The result of parsing. Nothing may be imported unless `ok`.

    `raekker` are the rows read without error, `med_fejl` the ydelse ids of rows that have
    a cell error, and `arket_laest` says the sheet was read through (no file-level error),
    so the caller can check the rows against the register too and report every error of
    the file at once."""

    fil: str
    raekker: tuple[Takstraekke, ...]
    fejl: tuple[Fejl, ...]
    med_fejl: frozenset[int] = frozenset()
    arket_laest: bool = True

    @property
    def ok(self) -> bool:
        return not self.fejl


# --- the columns --------------------------------------------------------------

Art = Literal["id", "tekst", "tal"]


@dataclass(frozen=True)
class Kolonne:
    overskrift: str
    felt: str
    art: Art
    redigerbar: bool
    bredde: int
    forklaring: str
    talformat: str = "General"


TILBUD_ID: Final = "Tilbud-ID"
YDELSE_ID: Final = "Ydelse-ID"
PLADSER: Final = "Pladser"
BELAEGNING: Final = "Budgetteret belægning %"
SIDSTE_AARS_TAKST: Final = "Takst sidste år (kr.)"
TAKST: Final = "Takst (kr.)"
KILDE: Final = "Kilde/bemærkning"
BEGRUNDELSE: Final = "Begrundelse for takstudvikling"

KOLONNER: Final[tuple[Kolonne, ...]] = (
    Kolonne(TILBUD_ID, "tilbud_id", "id", False, 10, "Tilbuddets nummer i registret. Må ikke ændres."),
    Kolonne(
        YDELSE_ID, "ydelse_id", "id", False, 10,
        "Ydelsens nummer i registret. Rækken hører til ydelsen med dette nummer, uanset navnet. "
        "Må ikke ændres.",
    ),
    Kolonne("Tilbud", "tilbud", "tekst", False, 30, "Tilbuddets navn (til orientering)."),
    Kolonne("Afdeling", "afdeling", "tekst", False, 20, "Ydelsens afdeling, hvis den har en (orientering)."),
    Kolonne("Ydelse", "ydelse", "tekst", False, 30, "Ydelsens navn (til orientering)."),
    Kolonne("Pladstype", "pladstype", "tekst", False, 10, "Døgn eller dag (til orientering)."),
    Kolonne("Takstenhed", "takstenhed", "tekst", False, 14, "Takstens enhed, fx kr. pr. døgn (orientering)."),
    Kolonne(PLADSER, "pladser", "tal", True, 10, "Antal pladser i året. Et tal på 0 eller derover.", "0.00"),
    Kolonne(
        BELAEGNING, "belaegning_pct", "tal", True, 14,
        "Den budgetterede belægning i procent, fx 95 eller 97,5. Mellem 0 og 150.", "0.00",
    ),
    Kolonne(
        SIDSTE_AARS_TAKST, "sidste_aars_takst", "tal", False, 16,
        "Sidste års takst til sammenligning (til orientering; indlæses ikke).", "#,##0.00",
    ),
    Kolonne(
        TAKST, "takst", "tal", True, 16,
        "Årets takst i kroner i takstenheden, højst 2 decimaler. En takst, der er beregnet af "
        "budgettet i Socialstyring, er grå og kan ikke ændres her: ret budgettet i stedet.",
        "#,##0.00",
    ),
    Kolonne(
        KILDE, "kilde_tekst", "tekst", True, 30,
        f"Hvor taksten kommer fra, fx en byrådsbeslutning eller et notat. Højst {MAKS_KILDE} tegn.",
    ),
    Kolonne(
        BEGRUNDELSE, "begrundelse", "tekst", True, 50,
        "Begrundelse, når taksten stiger mere end den aftalte udvikling. "
        f"Højst {dansk_tal(MAKS_BEGRUNDELSE)} tegn.",
    ),
)  # fmt: skip

_MAKS_TEKST: Final = {"kilde_tekst": MAKS_KILDE, "begrundelse": MAKS_BEGRUNDELSE}
_MAKS_TAL: Final = {"pladser": MAKS_PLADSER, "belaegning_pct": MAKS_BELAEGNING, "takst": MAKS_TAKST}

# --- numbers --------------------------------------------------------------------


class Talfejl(ValueError):
    """A cell that should hold a number does not; the message is in Danish."""


_MELLEMRUM = re.compile(r"[\s\u00a0\u202f]+")
_PUNKTUM = re.compile(r"\d*\.\d+")  # 1234.50 (and the ambiguous 1.234)
_KOMMA = re.compile(r"\d+|\d*,\d+")  # 1234 / 1234,50
_DANSK = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234,50 / 1.234.567
_ENGELSK = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")  # 1,234.50


def tolk_tal(vaerdi: object) -> Decimal | None:
    """A cell's value as an exact Decimal; None for an empty cell.

    Number cells are floats in the file: they are read with Excel's own precision
    (15 significant digits), so 1020.0000000000001 from a formula is 1020. Text may use
    a decimal comma with '.' between thousands ("1.234,50") or a decimal point
    ("1234.50", "1,234.50"); spaces are ignored. Raises `Talfejl` for anything else.
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
    return _tolk_tekst(tekst)


def _tolk_tekst(tekst: str) -> Decimal:
    s = _MELLEMRUM.sub("", tekst).replace("−", "-")  # a typographic minus counts as one
    fortegn = ""
    if s.startswith(("+", "-")):
        fortegn, s = ("-" if s[0] == "-" else ""), s[1:]
    if _PUNKTUM.fullmatch(s):
        tal = s
    elif _KOMMA.fullmatch(s):
        tal = s.replace(",", ".")
    elif _DANSK.fullmatch(s):
        tal = s.replace(".", "").replace(",", ".")
    elif _ENGELSK.fullmatch(s):
        tal = s.replace(",", "")
    else:
        raise Talfejl(f'"{tekst}" er ikke et tal')
    try:
        return Decimal(fortegn + tal)
    except InvalidOperation as fejl:  # pragma: no cover - the patterns admit only digits
        raise Talfejl(f'"{tekst}" er ikke et tal') from fejl


def kontroller_tal(felt: str, vaerdi: object) -> Decimal | None:
    """`tolk_tal` plus the column's rules: not negative, at most 2 decimals, its range."""
    d = tolk_tal(vaerdi)
    if d is None:
        return None
    vist = vaerdi.strip() if isinstance(vaerdi, str) else dansk_tal(d.normalize())
    if d < 0:
        raise Talfejl(f'"{vist}" er negativt; tallet skal være 0 eller større')
    eksponent = d.normalize().as_tuple().exponent
    if isinstance(eksponent, int) and -eksponent > DECIMALER:
        tip = ""
        if isinstance(vaerdi, str) and _DANSK.fullmatch(_MELLEMRUM.sub("", vaerdi)):
            tip = f" (er punktummet tusindtalsskilletegn, så skriv {_uden_punktum(vaerdi)} eller {vist},00)"
        raise Talfejl(f'"{vist}" har mere end {DECIMALER} decimaler{tip}')
    maks = _MAKS_TAL[felt]
    if felt == "belaegning_pct" and d > maks:
        raise Talfejl(f'"{vist}" ligger uden for 0–150 %')
    if d > maks:
        raise Talfejl(f'"{vist}" er for stort (højst {dansk_tal(maks)})')
    return d.quantize(Decimal(1).scaleb(-DECIMALER))


def _uden_punktum(tekst: str) -> str:
    return _MELLEMRUM.sub("", tekst).replace(".", "")


# --- building the workbook --------------------------------------------------------

_GRAA = PatternFill("solid", fgColor="EDEDED")
_HOVED = PatternFill("solid", fgColor="1F4E79")
_TYND = Side(style="thin", color="BFBFBF")
_RAMME = Border(left=_TYND, right=_TYND, top=_TYND, bottom=_TYND)
_LAAST = Protection(locked=True)
_AABEN = Protection(locked=False)
BEREGNET_NOTE: Final = "Taksten er beregnet af budgettet i Socialstyring; ret budgettet i stedet."


def _celle(ws: Worksheet, raekke: int, kolonne: int) -> Cell:
    c = ws.cell(raekke, kolonne)
    assert isinstance(c, Cell), f"{c.coordinate} er en del af en flettet celle"
    return c


def _saet_tekst(celle: Cell, tekst: str) -> None:
    """Text into a cell, always as text: "=..." is not a formula, illegal characters go."""
    ren = ILLEGAL_CHARACTERS_RE.sub("", tekst)
    celle.value = ren or None
    if ren:
        celle.data_type = "s"


def byg_projektmappe(skabelon: Skabelon) -> Workbook:
    """The workbook for one operator and year, filled with `skabelon.raekker`."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = ARK_TAKSTER
    _byg_takster(ws, skabelon)
    _byg_vejledning(wb.create_sheet(ARK_VEJLEDNING), skabelon)
    _byg_metadata(wb.create_sheet(ARK_METADATA), skabelon)
    wb.active = 0
    wb.properties.title = f"Takstindberetning {skabelon.aar} – {skabelon.driftsherre}"
    wb.properties.creator = "Socialstyring"
    return wb


def byg_skabelon(skabelon: Skabelon) -> bytes:
    """`byg_projektmappe` saved as .xlsx bytes."""
    ud = BytesIO()
    byg_projektmappe(skabelon).save(ud)
    return ud.getvalue()


def _byg_takster(ws: Worksheet, s: Skabelon) -> None:
    ws.cell(TITELRAEKKE, 1, f"Takstindberetning {s.aar} – {s.driftsherre}").font = Font(bold=True, size=14)
    ws.cell(
        TITELRAEKKE + 1, 1,
        "Udfyld de hvide felter. Grå felter er låste. Rækker må ikke tilføjes eller slettes. "
        f'Se arket "{ARK_VEJLEDNING}".',
    ).font = Font(italic=True, color="595959")  # fmt: skip
    for nr, k in enumerate(KOLONNER, start=1):
        c = ws.cell(HOVEDRAEKKE, nr, k.overskrift)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = _HOVED
        c.alignment = Alignment(wrap_text=True, vertical="top")
        c.border = _RAMME
        c.comment = Comment(k.forklaring, "Socialstyring", width=300, height=120)
        ws.column_dimensions[get_column_letter(nr)].width = k.bredde
    ws.row_dimensions[HOVEDRAEKKE].height = 32

    for i, r in enumerate(s.raekker):
        rnr = FOERSTE_DATARAEKKE + i
        for nr, k in enumerate(KOLONNER, start=1):
            c = _celle(ws, rnr, nr)
            v = getattr(r, k.felt)
            if k.art == "tekst":
                _saet_tekst(c, v)
            elif k.art == "tal":
                c.value = None if v is None else v.quantize(Decimal(1).scaleb(-DECIMALER))
                c.number_format = k.talformat
            else:
                c.value = v
            c.border = _RAMME
            c.alignment = Alignment(wrap_text=k.art == "tekst", vertical="top")
            laast = not k.redigerbar or (k.felt == "takst" and r.takst_beregnet)
            c.protection = _LAAST if laast else _AABEN
            if laast:
                c.fill = _GRAA
                c.font = Font(color="595959")
            if k.felt == "takst" and r.takst_beregnet:
                c.comment = Comment(BEREGNET_NOTE, "Socialstyring", width=260, height=80)

    sidste = HOVEDRAEKKE + max(len(s.raekker), 1)
    ws.freeze_panes = ws.cell(FOERSTE_DATARAEKKE, _nr("ydelse") + 1).coordinate
    ws.auto_filter.ref = f"A{HOVEDRAEKKE}:{get_column_letter(len(KOLONNER))}{sidste}"
    if s.raekker:
        _valideringer(ws, sidste)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _nr(felt: str) -> int:
    return next(i for i, k in enumerate(KOLONNER, start=1) if k.felt == felt)


def _omraade(felt: str, sidste: int) -> str:
    b = get_column_letter(_nr(felt))
    return f"{b}{FOERSTE_DATARAEKKE}:{b}{sidste}"


def _valideringer(ws: Worksheet, sidste: int) -> None:
    """Excel's own checks while typing; the import checks everything again."""
    regler = (
        ("pladser", DataValidation("decimal", operator="greaterThanOrEqual", formula1="0"),
         "Pladser skal være et tal på 0 eller derover."),
        ("belaegning_pct", DataValidation("decimal", operator="between", formula1="0", formula2="150"),
         "Budgetteret belægning skal være et tal mellem 0 og 150 (procent)."),
        ("takst", DataValidation("decimal", operator="greaterThanOrEqual", formula1="0"),
         "Taksten skal være et tal på 0 eller derover."),
        ("kilde_tekst", DataValidation("textLength", operator="lessThanOrEqual", formula1=str(MAKS_KILDE)),
         f"Højst {MAKS_KILDE} tegn."),
        ("begrundelse",
         DataValidation("textLength", operator="lessThanOrEqual", formula1=str(MAKS_BEGRUNDELSE)),
         f"Højst {MAKS_BEGRUNDELSE} tegn."),
    )  # fmt: skip
    for felt, dv, besked in regler:
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.errorTitle = "Ugyldig værdi"
        dv.error = besked
        dv.add(_omraade(felt, sidste))
        ws.add_data_validation(dv)


VEJLEDNING_REGLER: Final[tuple[str, ...]] = (
    f'Arket "{ARK_TAKSTER}" har én række pr. ydelse i driftsherrens tilbud. Udfyld de hvide felter; '
    "de grå er låste og til orientering.",
    "Rækkerne kendes på Ydelse-ID, ikke på navnet. Ændr ikke Tilbud-ID og Ydelse-ID.",
    "Rækker må ikke tilføjes eller slettes, og rækker må ikke kopieres. Nye ydelser oprettes i "
    "registret i Socialstyring; hent derefter en ny skabelon.",
    "Kolonnerne må flyttes, men ikke omdøbes eller slettes.",
    "Tal skal være tal. Både decimalkomma (1.234,50) og decimalpunktum (1234.50) accepteres; "
    "højst 2 decimaler. Tekst som «12x» eller en dato afvises.",
    "Tal må ikke være negative. Budgetteret belægning skal ligge mellem 0 og 150 %.",
    f"Kilde/bemærkning må højst være {MAKS_KILDE} tegn, begrundelsen højst "
    f"{dansk_tal(MAKS_BEGRUNDELSE)} tegn.",
    "En takst, der er beregnet af budgettet i Socialstyring, er grå og kan ikke ændres her: "
    "ret budgettet i stedet.",
    "En tom celle betyder, at værdien ikke er udfyldt endnu.",
    "Filen hører til én driftsherre og ét år og kan kun indlæses der. Indlæsningen er alt eller "
    "intet: er der én fejl, indlæses intet, og alle fejl vises med ark, række og kolonne.",
    "Indlæses den samme fil to gange, ændres intet anden gang.",
    "Filen kan kun indlæses, mens indberetningen er et udkast (ikke indsendt).",
)


def _byg_vejledning(ws: Worksheet, s: Skabelon) -> None:
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 90
    ws["A1"] = "Vejledning til takstindberetningen"
    ws["A1"].font = Font(bold=True, size=14)
    r = 3
    for navn, vaerdi in (("Driftsherre", s.driftsherre), ("År", s.aar), ("Formatversion", FORMATVERSION)):
        ws.cell(r, 1, navn).font = Font(bold=True)
        _saet_tekst(_celle(ws, r, 2), str(vaerdi))
        r += 1
    r += 1
    ws.cell(r, 1, "Regler").font = Font(bold=True, size=12)
    r += 1
    for regel in VEJLEDNING_REGLER:
        c = ws.cell(r, 1, f"• {regel}")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * (len(regel) // 110 + 1)  # merged cells do not grow by themselves
        r += 1
    r += 1
    ws.cell(r, 1, "Kolonner").font = Font(bold=True, size=12)
    r += 1
    for nr, tekst in enumerate(("Kolonne", "Må udfyldes", "Indhold og regler"), start=1):
        c = ws.cell(r, nr, tekst)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = _HOVED
    r += 1
    for k in KOLONNER:
        ws.cell(r, 1, k.overskrift)
        ws.cell(r, 2, "Ja" if k.redigerbar else "Nej (låst)")
        ws.cell(r, 3, k.forklaring).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    ws.protection.sheet = True


def _byg_metadata(ws: Worksheet, s: Skabelon) -> None:
    ws.append(["Nøgle", "Værdi"])
    ws.append(["format", FORMAT])
    ws.append(["formatversion", FORMATVERSION])
    ws.append(["driftsherre_id", s.driftsherre_id])
    ws.append(["driftsherre", None])
    _saet_tekst(_celle(ws, 5, 2), s.driftsherre)
    ws.append(["aar", s.aar])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


# --- parsing an uploaded workbook -----------------------------------------------


class _Stop(Exception):
    """A file-level error: parsing the rows would only add noise."""

    def __init__(self, *fejl: Fejl) -> None:
        super().__init__(*fejl)
        self.fejl = fejl


def laes_indberetning(
    data: bytes, filnavn: str, *, driftsherre_id: int, aar: int, driftsherre: str | None = None
) -> Indlaesning:
    """Parse an uploaded template for the given operator and year.

    Returns the rows or every error found. File-level errors (not a workbook, a missing
    sheet, another operator's or year's file, a missing column) stop before the rows;
    otherwise every cell is checked. Checks against the register (unknown or foreign
    ids, missing rows, computed rates) are the caller's.
    """
    try:
        wb = _aabn(data, filnavn)
        _kontroller_metadata(wb, filnavn, driftsherre_id, aar, driftsherre)
        if ARK_TAKSTER not in wb.sheetnames:
            raise _Stop(Fejl(filnavn, f'arket "{ARK_TAKSTER}" mangler (er det omdøbt eller slettet?)'))
        raekker, fejl, med_fejl = _laes_takster(wb[ARK_TAKSTER], filnavn)
    except _Stop as stop:
        return Indlaesning(filnavn, (), stop.fejl, arket_laest=False)
    return Indlaesning(filnavn, tuple(raekker), tuple(fejl), frozenset(med_fejl))


def _aabn(data: bytes, filnavn: str) -> Workbook:
    if not data:
        raise _Stop(Fejl(filnavn, "filen er tom"))
    try:
        return load_workbook(BytesIO(data), data_only=True)
    except Exception as fejl:  # openpyxl raises many kinds on a file that is not .xlsx
        raise _Stop(
            Fejl(
                filnavn,
                "filen er ikke en Excel-projektmappe (.xlsx); hent skabelonen i Socialstyring, udfyld den "
                "og gem den som Excel-projektmappe",
            )
        ) from fejl


def _kontroller_metadata(
    wb: Workbook, filnavn: str, driftsherre_id: int, aar: int, driftsherre: str | None
) -> None:
    ikke_skabelon = Fejl(
        filnavn,
        "filen er ikke en takstskabelon fra Socialstyring (det skjulte ark "
        f'"{ARK_METADATA}" mangler eller er ændret); hent skabelonen i Socialstyring',
    )
    if ARK_METADATA not in wb.sheetnames:
        raise _Stop(ikke_skabelon)
    meta: dict[str, object] = {}
    for raekke in wb[ARK_METADATA].iter_rows(min_row=2, max_col=2, values_only=True):
        if raekke and isinstance(raekke[0], str):
            meta[raekke[0]] = raekke[1]
    if meta.get("format") != FORMAT:
        raise _Stop(ikke_skabelon)
    version, fil_id, fil_aar = (_heltal(meta.get(n)) for n in ("formatversion", "driftsherre_id", "aar"))
    if version is None or fil_id is None or fil_aar is None:
        raise _Stop(ikke_skabelon)
    if version != FORMATVERSION:
        raise _Stop(
            Fejl(
                filnavn,
                f"filen har formatversion {version}, men Socialstyring læser version {FORMATVERSION}; "
                "hent en ny skabelon",
            )
        )
    fejl = []
    if fil_id != driftsherre_id:
        fil_navn = meta.get("driftsherre")
        hvem = f'"{fil_navn}" (id {fil_id})' if fil_navn else f"id {fil_id}"
        her = f'"{driftsherre}" (id {driftsherre_id})' if driftsherre else f"id {driftsherre_id}"
        fejl.append(
            Fejl(
                filnavn,
                f"filen er skabelonen for driftsherre {hvem}, men her indlæses for {her}",
            )
        )
    if fil_aar != aar:
        fejl.append(
            Fejl(
                filnavn,
                f"filen er skabelonen for {fil_aar}, men indberetningen her gælder {aar}",
            )
        )
    if fejl:
        raise _Stop(*fejl)


def _heltal(v: object) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def _norm(overskrift: object) -> str:
    return " ".join(str(overskrift).split()).casefold() if overskrift is not None else ""


def _find_kolonner(ws: Worksheet, filnavn: str) -> tuple[int, dict[str, int]]:
    """The header row and each column's index (0-based), or a `_Stop` naming what is missing."""
    oenskede = {_norm(k.overskrift): k for k in KOLONNER}
    hovedraekke: int = HOVEDRAEKKE
    fundet: dict[str, list[int]] = {}
    for nr, raekke in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        her: dict[str, list[int]] = {}
        for i, v in enumerate(raekke):
            if (k := oenskede.get(_norm(v))) is not None:
                her.setdefault(k.felt, []).append(i)
        if len(her) > len(fundet):
            hovedraekke, fundet = nr, her
    fejl = [
        Fejl(
            filnavn,
            "kolonnen mangler (er den omdøbt eller slettet? Overskrifterne må ikke ændres)",
            ARK_TAKSTER,
            hovedraekke,
            k.overskrift,
        )
        for k in KOLONNER
        if k.felt not in fundet
    ]
    fejl += [
        Fejl(filnavn, f"kolonnen står {len(fundet[k.felt])} gange; den må kun stå én gang", ARK_TAKSTER,
             hovedraekke, k.overskrift)
        for k in KOLONNER
        if len(fundet.get(k.felt, ())) > 1
    ]  # fmt: skip
    if fejl:
        raise _Stop(*fejl)
    return hovedraekke, {felt: i[0] for felt, i in fundet.items()}


def _laes_takster(ws: Worksheet, filnavn: str) -> tuple[list[Takstraekke], list[Fejl], set[int]]:
    hovedraekke, kolonner = _find_kolonner(ws, filnavn)
    raekker: list[Takstraekke] = []
    fejl: list[Fejl] = []
    med_fejl: set[int] = set()
    set_i: dict[int, int] = {}  # ydelse id → the row it was first seen in
    antal = 0
    foerste = hovedraekke + 1
    for rnr, celler in enumerate(ws.iter_rows(min_row=foerste, values_only=True), start=foerste):
        vaerdier = {felt: (celler[i] if i < len(celler) else None) for felt, i in kolonner.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in vaerdier.values()):
            continue
        antal += 1
        if antal > MAKS_RAEKKER:
            fejl.append(Fejl(filnavn, f"arket har mere end {MAKS_RAEKKER} rækker", ARK_TAKSTER, rnr))
            break
        raekke, raekkefejl = _laes_raekke(vaerdier, rnr, filnavn)
        if raekke is None or raekkefejl:
            fejl.extend(raekkefejl)
            if isinstance(ydelse_id := _heltal(vaerdier["ydelse_id"]), int):
                med_fejl.add(ydelse_id)
            continue
        if raekke.ydelse_id in set_i:
            fejl.append(
                Fejl(
                    filnavn,
                    f"ydelse {raekke.ydelse_id} står også i række {set_i[raekke.ydelse_id]}; "
                    "hver ydelse må kun stå én gang (rækker må ikke kopieres)",
                    ARK_TAKSTER,
                    rnr,
                    YDELSE_ID,
                )
            )
            continue
        set_i[raekke.ydelse_id] = rnr
        raekker.append(raekke)
    return raekker, fejl, med_fejl


def _laes_raekke(
    vaerdier: Mapping[str, object], rnr: int, filnavn: str
) -> tuple[Takstraekke | None, list[Fejl]]:
    fejl: list[Fejl] = []
    felter: dict[str, Any] = {}

    def fejl_i(k: Kolonne, besked: str) -> None:
        fejl.append(Fejl(filnavn, besked, ARK_TAKSTER, rnr, k.overskrift))

    for k in KOLONNER:
        v = vaerdier[k.felt]
        if k.art == "id":
            if v is None or (isinstance(v, str) and not v.strip()):
                fejl_i(
                    k,
                    "mangler; rækker må ikke tilføjes (nye ydelser oprettes i registret), og "
                    "nøglekolonnerne må ikke ændres",
                )
            elif (nr := _heltal(v)) is None or nr <= 0:
                fejl_i(k, f'"{v}" er ikke et gyldigt id; nøglekolonnerne må ikke ændres')
            else:
                felter[k.felt] = nr
        elif k.art == "tekst":
            tekst = _som_tekst(v)
            maks = _MAKS_TEKST.get(k.felt)
            if k.redigerbar and maks is not None and len(tekst) > maks:
                fejl_i(k, f"teksten er {dansk_tal(len(tekst))} tegn; højst {dansk_tal(maks)} er tilladt")
            felter[k.felt] = tekst
        elif not k.redigerbar:  # reference number: read back, never an error
            try:
                felter[k.felt] = tolk_tal(v)
            except Talfejl:
                felter[k.felt] = None
        else:
            try:
                felter[k.felt] = kontroller_tal(k.felt, v)
            except Talfejl as tf:
                fejl_i(k, str(tf))
    if fejl:
        return None, fejl
    return Takstraekke(raekke=rnr, **felter), []


def _som_tekst(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return format(v, ".15g")
    if isinstance(v, datetime):
        return v.strftime("%d-%m-%Y %H:%M") if v.time() != time() else v.strftime("%d-%m-%Y")
    if isinstance(v, date):
        return v.strftime("%d-%m-%Y")
    return str(v).strip()


def sorter_fejl(fejl: Iterable[Fejl]) -> list[Fejl]:
    """File-level errors first, then by sheet row and by the column's place in the template."""
    orden = {k.overskrift: i for i, k in enumerate(KOLONNER)}
    return sorted(
        fejl,
        key=lambda f: (f.raekke is not None, f.raekke or 0, orden.get(f.kolonne or "", -1)),
    )
