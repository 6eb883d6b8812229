"""The Excel template of the yearly rate report (takstindberetning): build and parse.

Pure: no Django and no database. The web app (`web.indberetning`) turns
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
parser collects them all rather than stopping at the first. What every template shares
(numbers, `Fejl`, columns, styles, the guide and metadata sheets, reading a data sheet)
is in `faelles`; the names used from there are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, TypeAlias

from openpyxl import Workbook
from openpyxl.comments import Comment

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.excel import faelles as faelles
from socialstyring.io.excel.faelles import (
    ARK_METADATA,
    ARK_VEJLEDNING,
    DECIMALER,
    FOERSTE_DATARAEKKE,
    HOVEDRAEKKE,
    TITELRAEKKE,
    Fejl,
    Kolonne,
    Skabelonart,
    Talfejl,
    celle,
    gem,
    kolonnens_tal,
    tolk_tal,
)

__all__ = [
    "ARK_METADATA",
    "ARK_TAKSTER",
    "ARK_VEJLEDNING",
    "ART",
    "BEGRUNDELSE",
    "BELAEGNING",
    "DECIMALER",
    "FOERSTE_DATARAEKKE",
    "FORMAT",
    "FORMATVERSION",
    "HOVEDRAEKKE",
    "KILDE",
    "KOLONNER",
    "PLADSER",
    "SIDSTE_AARS_TAKST",
    "TAKST",
    "TILBUD_ID",
    "TITELRAEKKE",
    "YDELSE_ID",
    "Fejl",
    "Indlaesning",
    "Kolonne",
    "Skabelon",
    "Takstraekke",
    "Talfejl",
    "byg_projektmappe",
    "byg_skabelon",
    "kontroller_tal",
    "laes_indberetning",
    "sorter_fejl",
    "tolk_tal",
]

FORMAT: Final = "socialstyring-takstindberetning"
FORMATVERSION: Final = 2  # 2: the metadata say when the file was made (`hentet`)

ARK_TAKSTER: Final = "Takster"

MAKS_RAEKKER: Final = 5000
"""More service rows than this is not a template the app made."""
MAKS_KILDE: Final = 500
"""Length of "Kilde/bemærkning" (the register's field holds 500 characters)."""
MAKS_BEGRUNDELSE: Final = 5000
"""Length of "Begrundelse for takstudvikling"."""
MAKS_PLADSER: Final = Decimal("999999.99")
MAKS_TAKST: Final = Decimal("999999999999.99")
MAKS_BELAEGNING: Final = Decimal(150)

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


Indlaesning: TypeAlias = faelles.Indlaesning[Takstraekke]
"""The result of parsing: the rows or every error (see `faelles.Indlaesning`)."""


# --- the columns --------------------------------------------------------------

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
    Kolonne("Pladstype", "pladstype", "tekst", False, 10, "Døgn, dag eller tillæg pr. time (orientering)."),
    Kolonne("Takstenhed", "takstenhed", "tekst", False, 14, "Takstens enhed, fx kr. pr. døgn (orientering)."),
    Kolonne(
        PLADSER, "pladser", "tal", True, 10, "Antal pladser i året. Et tal på 0 eller derover.", "0.00",
        maks=MAKS_PLADSER,
    ),
    Kolonne(
        BELAEGNING, "belaegning_pct", "tal", True, 14,
        "Den budgetterede belægning i procent, fx 95 eller 97,5. Mellem 0 og 150.", "0.00",
        maks=MAKS_BELAEGNING, interval="0–150 %",
    ),
    Kolonne(
        SIDSTE_AARS_TAKST, "sidste_aars_takst", "tal", False, 16,
        "Sidste års takst til sammenligning (til orientering; indlæses ikke).", "#,##0.00",
    ),
    Kolonne(
        TAKST, "takst", "tal", True, 16,
        "Årets takst i kroner i takstenheden, højst 2 decimaler. En takst, der er beregnet af "
        "budgettet i Socialstyring, er grå og kan ikke ændres her: ret budgettet i stedet.",
        "#,##0.00", maks=MAKS_TAKST,
    ),
    Kolonne(
        KILDE, "kilde_tekst", "tekst", True, 30,
        f"Hvor taksten kommer fra, fx en byrådsbeslutning eller et notat. Højst {MAKS_KILDE} tegn.",
        maks_tegn=MAKS_KILDE,
    ),
    Kolonne(
        BEGRUNDELSE, "begrundelse", "tekst", True, 50,
        "Begrundelse, når taksten stiger mere end den aftalte udvikling. "
        f"Højst {dansk_tal(MAKS_BEGRUNDELSE)} tegn.",
        maks_tegn=MAKS_BEGRUNDELSE,
    ),
)  # fmt: skip


_KOLONNE: Final = {k.felt: k for k in KOLONNER}


def kontroller_tal(felt: str, vaerdi: object) -> Decimal | None:
    """`tolk_tal` plus the column's rules: not negative, at most 2 decimals, its range."""
    return kolonnens_tal(_KOLONNE[felt], vaerdi)


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

ART: Final = Skabelonart(
    formatnavn=FORMAT,
    formatversion=FORMATVERSION,
    ark=ARK_TAKSTER,
    kolonner=KOLONNER,
    noegle="ydelse_id",
    hvad="ydelse",
    nye="nye ydelser oprettes i registret",
    skabelonnavn="takstskabelon",
    her="indberetningen her",
    vejledning="Vejledning til takstindberetningen",
    regler=VEJLEDNING_REGLER,
    frys_efter="ydelse",
    maks_raekker=MAKS_RAEKKER,
)

# --- building the workbook --------------------------------------------------------

BEREGNET_NOTE: Final = "Taksten er beregnet af budgettet i Socialstyring; ret budgettet i stedet."


def _beregnet(r: object, k: Kolonne) -> bool:
    return k.felt == "takst" and isinstance(r, Takstraekke) and r.takst_beregnet


def byg_projektmappe(skabelon: Skabelon) -> Workbook:
    """The workbook for one operator and year, filled with `skabelon.raekker`. A rate
    computed from the budget is locked and carries a note."""
    s = skabelon
    wb = faelles.byg_projektmappe(
        ART,
        titel=f"Takstindberetning {s.aar} – {s.driftsherre}",
        hjaelp=(
            "Udfyld de hvide felter. Grå felter er låste. Rækker må ikke tilføjes eller slettes. "
            f'Se arket "{ARK_VEJLEDNING}".'
        ),
        driftsherre_id=s.driftsherre_id,
        driftsherre=s.driftsherre,
        aar=s.aar,
        raekker=s.raekker,
        laast=_beregnet,
    )
    ws = wb[ARK_TAKSTER]
    for i, r in enumerate(s.raekker):
        if r.takst_beregnet:
            c = celle(ws, FOERSTE_DATARAEKKE + i, ART.nr("takst"))
            c.comment = Comment(BEREGNET_NOTE, "Socialstyring", width=260, height=80)
    return wb


def byg_skabelon(skabelon: Skabelon) -> bytes:
    """`byg_projektmappe` saved as .xlsx bytes."""
    return gem(byg_projektmappe(skabelon))


# --- parsing an uploaded workbook -----------------------------------------------


def laes_indberetning(
    data: bytes, filnavn: str, *, driftsherre_id: int, aar: int, driftsherre: str | None = None
) -> Indlaesning:
    """Parse an uploaded template for the given operator and year.

    Returns the rows or every error found. File-level errors (not a workbook, a missing
    sheet, another operator's or year's file, a missing column) stop before the rows;
    otherwise every cell is checked. Checks against the register (unknown or foreign
    ids, missing rows, computed rates) are the caller's.
    """
    return faelles.laes_skabelon(
        ART,
        data,
        filnavn,
        driftsherre_id=driftsherre_id,
        aar=aar,
        driftsherre=driftsherre,
        lav=lambda felter, rnr: Takstraekke(raekke=rnr, **felter),
    )


def sorter_fejl(fejl: Iterable[Fejl], bogstaver: Mapping[str, str] | None = None) -> list[Fejl]:
    """File-level errors first, then by sheet row and by the column's place in the template;
    each column named by its letter in the file (`Indlaesning.bogstaver`)."""
    return faelles.sorter_fejl(fejl, KOLONNER, ARK_TAKSTER, bogstaver)
