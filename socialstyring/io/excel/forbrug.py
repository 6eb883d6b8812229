"""The Excel template of a year's used days (brugte dage) per quarter: build and parse.

Pure: no Django and no database. The web app (`web.belaegning`, `web.regnskab`)
turns the register into `Forbrugsskabelon` and applies what `laes_forbrug` returns; this
module only knows the workbook. The layout is documented in `docs/excel-skabelon.md`, and
is the one every template shares (`faelles`):

- one workbook per operator (driftsherre) and year;
- sheet "Brugte dage": a title, a hint, the column headers (row 3) and one row per
  service (ydelse) with places in the year, from row 4: Tilbud-ID, Ydelse-ID (the key),
  the names, place type and places for reference, and the used days of Q1..Q4 (white);
- sheet "Vejledning" and the very hidden sheet "Metadata" (format
  "socialstyring-brugte-dage", version, driftsherre, year).

An empty quarter cell leaves the stored figure as it is (nothing is deleted through
Excel); a number replaces it. A row left out changes nothing either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, TypeAlias

from openpyxl import Workbook

from socialstyring.io.excel import faelles as faelles
from socialstyring.io.excel.faelles import ARK_VEJLEDNING, Fejl, Kolonne, Skabelonart, gem

FORMAT: Final = "socialstyring-brugte-dage"
FORMATVERSION: Final = 2  # 2: the metadata say when the file was made (`hentet`)

ARK_FORBRUG: Final = "Brugte dage"

MAKS_DAGE: Final = Decimal("99999999.99")
"""The register's field holds 10 digits with 2 decimals."""
KVARTALER: Final = (1, 2, 3, 4)

TILBUD_ID: Final = "Tilbud-ID"
YDELSE_ID: Final = "Ydelse-ID"
PLADSER: Final = "Pladser"


def kvartalskolonne(kvartal: int) -> str:
    """The header of a quarter's column: "Brugte dage Q1"."""
    return f"Brugte dage Q{kvartal}"


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Forbrugsraekke:
    """One service's row: the ids are the key; names, place type and places are for
    reference only (read back, never imported). `q1`..`q4` are the used days of each
    quarter, None for an empty cell. `raekke` is the sheet row a parsed row came from."""

    tilbud_id: int
    ydelse_id: int
    tilbud: str = ""
    ydelse: str = ""
    pladstype: str = ""
    pladser: Decimal | None = None
    q1: Decimal | None = None
    q2: Decimal | None = None
    q3: Decimal | None = None
    q4: Decimal | None = None
    raekke: int | None = field(default=None, compare=False)

    def dage(self, kvartal: int) -> Decimal | None:
        """The used days of `kvartal` (1..4), None when the cell is empty."""
        v: Decimal | None = getattr(self, f"q{kvartal}")
        return v

    @property
    def udfyldte(self) -> dict[int, Decimal]:
        """{quarter: used days} of the filled quarter cells."""
        return {k: d for k in KVARTALER if (d := self.dage(k)) is not None}


@dataclass(frozen=True)
class Forbrugsskabelon:
    """Everything the workbook holds: whose it is, for which year, and the rows."""

    driftsherre_id: int
    driftsherre: str
    aar: int
    raekker: tuple[Forbrugsraekke, ...] = ()


Forbrugsindlaesning: TypeAlias = faelles.Indlaesning[Forbrugsraekke]
"""The result of parsing: the rows or every error (see `faelles.Indlaesning`)."""


# --- the columns ------------------------------------------------------------------------------

KOLONNER: Final[tuple[Kolonne, ...]] = (
    Kolonne(TILBUD_ID, "tilbud_id", "id", False, 10, "Tilbuddets nummer i registret. Må ikke ændres."),
    Kolonne(
        YDELSE_ID, "ydelse_id", "id", False, 10,
        "Ydelsens nummer i registret. Rækken hører til ydelsen med dette nummer, uanset navnet. "
        "Må ikke ændres.",
    ),
    Kolonne("Tilbud", "tilbud", "tekst", False, 30, "Tilbuddets navn (til orientering)."),
    Kolonne("Ydelse", "ydelse", "tekst", False, 30, "Ydelsens navn (til orientering)."),
    Kolonne("Pladstype", "pladstype", "tekst", False, 10, "Døgn eller dag (til orientering)."),
    Kolonne(PLADSER, "pladser", "tal", False, 10, "Årets pladser (til orientering; indlæses ikke).", "0.00"),
    *(
        Kolonne(
            kvartalskolonne(k), f"q{k}", "tal", True, 14,
            f"Brugte dage i {k}. kvartal: et tal på 0 eller derover, højst 2 decimaler. En tom celle "
            "ændrer ikke det gemte tal.",
            "#,##0.00", maks=MAKS_DAGE,
        )
        for k in KVARTALER
    ),
)  # fmt: skip

VEJLEDNING_REGLER: Final[tuple[str, ...]] = (
    f'Arket "{ARK_FORBRUG}" har én række pr. ydelse med pladser i året i driftsherrens tilbud. '
    "Udfyld de brugte dage for hvert kvartal i de hvide felter; de grå er låste og til orientering.",
    "Rækkerne kendes på Ydelse-ID, ikke på navnet. Ændr ikke Tilbud-ID og Ydelse-ID.",
    "Rækker må ikke tilføjes eller kopieres. En række, der slettes, ændrer intet.",
    "Kolonnerne må flyttes, men ikke omdøbes eller slettes.",
    "Tal skal være tal. Både decimalkomma (1.234,50) og decimalpunktum (1234.50) accepteres; "
    "højst 2 decimaler. Tekst som «12x» eller en dato afvises. Tal må ikke være negative.",
    "En tom celle ændrer intet: et gemt tal bliver stående. Et tal erstatter det gemte.",
    "Filen hører til én driftsherre og ét år og kan kun indlæses der. Indlæsningen er alt eller "
    "intet: er der én fejl, indlæses intet, og alle fejl vises med ark, række og kolonne.",
    "Indlæses den samme fil to gange, ændres intet anden gang.",
)

ART: Final = Skabelonart(
    formatnavn=FORMAT,
    formatversion=FORMATVERSION,
    ark=ARK_FORBRUG,
    kolonner=KOLONNER,
    noegle="ydelse_id",
    hvad="ydelse",
    nye="nye ydelser oprettes i registret",
    skabelonnavn="skabelon til brugte dage",
    her="forbruget her",
    vejledning="Vejledning til brugte dage",
    regler=VEJLEDNING_REGLER,
    frys_efter="ydelse",
)


# --- build and parse ----------------------------------------------------------------------------


def byg_projektmappe(skabelon: Forbrugsskabelon) -> Workbook:
    """The workbook for one operator and year, filled with `skabelon.raekker`."""
    s = skabelon
    return faelles.byg_projektmappe(
        ART,
        titel=f"Brugte dage {s.aar} – {s.driftsherre}",
        hjaelp=(
            "Udfyld de brugte dage i de hvide felter. Grå felter er låste. En tom celle ændrer intet. "
            f'Se arket "{ARK_VEJLEDNING}".'
        ),
        driftsherre_id=s.driftsherre_id,
        driftsherre=s.driftsherre,
        aar=s.aar,
        raekker=s.raekker,
    )


def byg_skabelon(skabelon: Forbrugsskabelon) -> bytes:
    """`byg_projektmappe` saved as .xlsx bytes."""
    return gem(byg_projektmappe(skabelon))


def _raekke(felter: dict[str, Any], rnr: int) -> Forbrugsraekke:
    return Forbrugsraekke(raekke=rnr, **felter)


def laes_forbrug(
    data: bytes, filnavn: str, *, driftsherre_id: int, aar: int, driftsherre: str | None = None
) -> Forbrugsindlaesning:
    """Parse an uploaded template for the given operator and year: the rows or every
    error. Checks against the register (unknown or foreign ids, services without places)
    are the caller's."""
    return faelles.laes_skabelon(
        ART, data, filnavn, driftsherre_id=driftsherre_id, aar=aar, driftsherre=driftsherre, lav=_raekke
    )


def sorter_fejl(fejl: Iterable[Fejl], bogstaver: Mapping[str, str] | None = None) -> list[Fejl]:
    """File-level errors first, then by sheet row and by the column's place in the template;
    each column named by its letter in the file (`Indlaesning.bogstaver`)."""
    return faelles.sorter_fejl(fejl, KOLONNER, ARK_FORBRUG, bogstaver)
