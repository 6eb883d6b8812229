"""The Excel template of a year's accounts (regnskab) of an operator's tilbud: build and parse.

Pure: no Django and no database. The web app (`web.belaegning`, `web.regnskab`)
turns the register into `Regnskabsskabelon` and applies what `laes_regnskab` returns; this
module only knows the workbook. The layout is documented in `docs/excel-skabelon.md`, and
is the one every template shares (`faelles`):

- one workbook per operator (driftsherre) and year;
- sheet "Regnskab": a title, a hint, the column headers (row 3) and one row per tilbud
  from row 4: Tilbud-ID (the key), the name for reference, and the accounts (white) as
  the result page takes them (`beregning.resultat.Resultatgrundlag`): omkostninger,
  takstindtægter, tillægsindtægter, andre indtægter, the base of the 5 % rule and a note;
- sheet "Vejledning" and the very hidden sheet "Metadata" (format
  "socialstyring-regnskab", version, driftsherre, year).

A row with anything in it is a tilbud's accounts: omkostninger, takstindtægter and the
base are then required (the base more than 0), the other incomes default to 0. A row left
entirely empty means no accounts and leaves stored accounts as they are (nothing is
deleted through Excel).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Final, TypeAlias

from openpyxl import Workbook

from socialstyring.io.excel import faelles as faelles
from socialstyring.io.excel.faelles import ARK_VEJLEDNING, Fejl, Kolonne, Skabelonart, gem

FORMAT: Final = "socialstyring-regnskab"
FORMATVERSION: Final = 2  # 2: the metadata say when the file was made (`hentet`)

ARK_REGNSKAB: Final = "Regnskab"

MAKS_BELOEB: Final = Decimal("999999999999.99")
"""The register's fields hold 14 digits with 2 decimals."""
MAKS_NOTE: Final = 5000

TILBUD_ID: Final = "Tilbud-ID"
OMKOSTNINGER: Final = "Omkostninger (kr.)"
TAKSTINDTAEGTER: Final = "Takstindtægter (kr.)"
TILLAEGSINDTAEGTER: Final = "Tillægsindtægter (kr.)"
ANDRE_INDTAEGTER: Final = "Andre indtægter (kr.)"
GRUNDLAG: Final = "Grundlag for 5 %-reglen (kr.)"
NOTE: Final = "Note"

BELOEBSFELTER: Final = (
    "omkostninger",
    "takstindtaegter",
    "tillaegsindtaegter",
    "andre_indtaegter",
    "grundlag",
)
PAAKRAEVEDE: Final = ("omkostninger", "takstindtaegter", "grundlag")
"""Required in a row that has anything in it (as on the result page)."""


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Regnskabsraekke:
    """One tilbud's accounts: the id is the key, the name for reference only. An empty
    cell is None (the note ""). `raekke` is the sheet row a parsed row came from."""

    tilbud_id: int
    tilbud: str = ""
    omkostninger: Decimal | None = None
    takstindtaegter: Decimal | None = None
    tillaegsindtaegter: Decimal | None = None
    andre_indtaegter: Decimal | None = None
    grundlag: Decimal | None = None
    note: str = ""
    raekke: int | None = field(default=None, compare=False)

    @property
    def tom(self) -> bool:
        """No accounts: no figure and no note."""
        return all(getattr(self, f) is None for f in BELOEBSFELTER) and not self.note


@dataclass(frozen=True)
class Regnskabsskabelon:
    """Everything the workbook holds: whose it is, for which year, and the rows."""

    driftsherre_id: int
    driftsherre: str
    aar: int
    raekker: tuple[Regnskabsraekke, ...] = ()


Regnskabsindlaesning: TypeAlias = faelles.Indlaesning[Regnskabsraekke]
"""The result of parsing: the rows or every error (see `faelles.Indlaesning`)."""


# --- the columns ------------------------------------------------------------------------------

KOLONNER: Final[tuple[Kolonne, ...]] = (
    Kolonne(
        TILBUD_ID, "tilbud_id", "id", False, 10,
        "Tilbuddets nummer i registret. Rækken hører til tilbuddet med dette nummer, uanset navnet. "
        "Må ikke ændres.",
    ),
    Kolonne("Tilbud", "tilbud", "tekst", False, 30, "Tilbuddets navn (til orientering)."),
    Kolonne(
        OMKOSTNINGER, "omkostninger", "tal", True, 16,
        "Årets omkostninger efter det omkostningsbaserede regnskab, kr. Skal udfyldes.", "#,##0.00",
        maks=MAKS_BELOEB,
    ),
    Kolonne(
        TAKSTINDTAEGTER, "takstindtaegter", "tal", True, 16,
        "Årets takstindtægter, kr. Skal udfyldes; 0 eller derover.", "#,##0.00", maks=MAKS_BELOEB,
    ),
    Kolonne(
        TILLAEGSINDTAEGTER, "tillaegsindtaegter", "tal", True, 16,
        "Tillægsindtægter (tillægsydelser og indskrivninger over 100 %), kr. Tom = 0.", "#,##0.00",
        maks=MAKS_BELOEB,
    ),
    Kolonne(
        ANDRE_INDTAEGTER, "andre_indtaegter", "tal", True, 16, "Andre indtægter, kr. Tom = 0.", "#,##0.00",
        maks=MAKS_BELOEB,
    ),
    Kolonne(
        GRUNDLAG, "grundlag", "tal", True, 18,
        "Grundlaget for driftsherrens egen andel (5 %-reglen), fx det omkostningsbaserede budget, kr. "
        "Skal udfyldes og være større end 0.",
        "#,##0.00", maks=MAKS_BELOEB, positivt=True,
    ),
    Kolonne(
        NOTE, "note", "tekst", True, 40, f"En bemærkning til regnskabet. Højst {MAKS_NOTE} tegn.",
        maks_tegn=MAKS_NOTE,
    ),
)  # fmt: skip

VEJLEDNING_REGLER: Final[tuple[str, ...]] = (
    f'Arket "{ARK_REGNSKAB}" har én række pr. tilbud hos driftsherren. Udfyld regnskabet i de hvide '
    "felter; de grå er låste og til orientering.",
    "Rækkerne kendes på Tilbud-ID, ikke på navnet. Ændr ikke Tilbud-ID.",
    "Rækker må ikke tilføjes eller kopieres. En række, der slettes, ændrer intet.",
    "Kolonnerne må flyttes, men ikke omdøbes eller slettes.",
    "Tal skal være tal. Både decimalkomma (1.234,50) og decimalpunktum (1234.50) accepteres; "
    "højst 2 decimaler. Tekst som «12x» eller en dato afvises. Tal må ikke være negative.",
    "Er der noget i en række, skal omkostninger, takstindtægter og grundlaget for 5 %-reglen "
    "udfyldes, og grundlaget skal være større end 0. Tomme tillægs- og andre indtægter er 0.",
    "En helt tom række betyder intet regnskab: et gemt regnskab bliver stående.",
    "Filen hører til én driftsherre og ét år og kan kun indlæses der. Indlæsningen er alt eller "
    "intet: er der én fejl, indlæses intet, og alle fejl vises med ark, række og kolonne.",
    "Indlæses den samme fil to gange, ændres intet anden gang.",
)

ART: Final = Skabelonart(
    formatnavn=FORMAT,
    formatversion=FORMATVERSION,
    ark=ARK_REGNSKAB,
    kolonner=KOLONNER,
    noegle="tilbud_id",
    hvad="tilbud",
    nye="nye tilbud oprettes i registret",
    skabelonnavn="regnskabsskabelon",
    her="regnskabet her",
    vejledning="Vejledning til regnskabet",
    regler=VEJLEDNING_REGLER,
    frys_efter="tilbud",
    hver="hvert",
)


# --- build and parse ----------------------------------------------------------------------------


def byg_projektmappe(skabelon: Regnskabsskabelon) -> Workbook:
    """The workbook for one operator and year, filled with `skabelon.raekker`."""
    s = skabelon
    return faelles.byg_projektmappe(
        ART,
        titel=f"Regnskab {s.aar} – {s.driftsherre}",
        hjaelp=(
            "Udfyld regnskabet i de hvide felter. Grå felter er låste. En helt tom række ændrer intet. "
            f'Se arket "{ARK_VEJLEDNING}".'
        ),
        driftsherre_id=s.driftsherre_id,
        driftsherre=s.driftsherre,
        aar=s.aar,
        raekker=s.raekker,
    )


def byg_skabelon(skabelon: Regnskabsskabelon) -> bytes:
    """`byg_projektmappe` saved as .xlsx bytes."""
    return gem(byg_projektmappe(skabelon))


def _raekke(felter: dict[str, Any], rnr: int) -> Regnskabsraekke:
    return Regnskabsraekke(raekke=rnr, **felter)


def laes_regnskab(
    data: bytes, filnavn: str, *, driftsherre_id: int, aar: int, driftsherre: str | None = None
) -> Regnskabsindlaesning:
    """Parse an uploaded template for the given operator and year: the rows or every
    error. A row with anything in it must have every required figure. Checks against the
    register (unknown or foreign ids) and the engine's are the caller's."""
    ind = faelles.laes_skabelon(
        ART, data, filnavn, driftsherre_id=driftsherre_id, aar=aar, driftsherre=driftsherre, lav=_raekke
    )
    raekker: list[Regnskabsraekke] = []
    fejl = list(ind.fejl)
    med_fejl = set(ind.med_fejl)
    for r in ind.raekker:
        mangler = [] if r.tom else [f for f in PAAKRAEVEDE if getattr(r, f) is None]
        if not mangler:
            raekker.append(r)
            continue
        med_fejl.add(r.tilbud_id)
        fejl += [
            Fejl(
                filnavn,
                "mangler; en række med et regnskab skal have omkostninger, takstindtægter og grundlag "
                "(lad hele rækken stå tom, hvis tilbuddet ikke har et regnskab)",
                ARK_REGNSKAB,
                r.raekke,
                ART.kolonne(f).overskrift,
            )
            for f in mangler
        ]
    return replace(
        ind,
        raekker=tuple(raekker),
        fejl=tuple(sorter_fejl(fejl, ind.bogstaver)),
        med_fejl=frozenset(med_fejl),
    )


def sorter_fejl(fejl: Iterable[Fejl], bogstaver: Mapping[str, str] | None = None) -> list[Fejl]:
    """File-level errors first, then by sheet row and by the column's place in the template;
    each column named by its letter in the file (`Indlaesning.bogstaver`)."""
    return faelles.sorter_fejl(fejl, KOLONNER, ARK_REGNSKAB, bogstaver)
