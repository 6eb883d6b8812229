"""The API's request and response bodies (pydantic, through django-ninja's `Schema`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from socialstyring.io.felter import har_ugyldige_tegn
from socialstyring.web.faelles.felter import STYRETEGN_FEJL

T = TypeVar("T")

Beloeb = Annotated[Decimal, Field(max_digits=14, decimal_places=2, ge=0)]
Dage = Annotated[Decimal, Field(max_digits=10, decimal_places=2, ge=0)]
Pladser = Annotated[Decimal, Field(max_digits=8, decimal_places=2, ge=0)]
Procent = Annotated[Decimal, Field(max_digits=6, decimal_places=2, ge=0)]
Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
YdelseId = Annotated[int, Field(ge=1, le=2**63 - 1)]
ObjektId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _tekst(v: str) -> str:
    """A free text as the pages' `Tekstfelt` takes it: stripped, no control characters (a CPR
    number is refused by the model field's `ingen_cpr` when the service cleans the record)."""
    if har_ugyldige_tegn(v):
        raise PydanticCustomError("styretegn", STYRETEGN_FEJL)
    return v.strip()


Tekst200 = Annotated[str, Field(max_length=200), AfterValidator(_tekst)]


class Side(Schema, Generic[T]):
    """One page of a list: the total count and the rows of page `side`."""

    antal: int
    side: int
    pr_side: int
    resultater: list[T]


class Feltfejl(Schema):
    felt: str  # the body's or query's field ('' when the error is not one field's)
    fejl: str


class Problemdetalje(Schema):
    """RFC 9457: what went wrong, in Danish (`fejl`: field by field, on 422)."""

    type: str
    title: str
    status: int
    detail: str
    fejl: list[Feltfejl] | None = None


class Tilbudsraekke(Schema):
    id: int
    navn: str
    driftsherre_id: int
    driftsherre: str
    rammeaftale: str
    paragraf: str
    maalgruppe: str | None
    takststruktur: str
    lukket_fra: str | None


class Aarstal(Schema):
    aar: int
    pladser: Decimal | None
    budgetteret_belaegning_pct: Decimal | None
    takst: Decimal | None
    takst_kilde: str
    kilde_tekst: str


class Ydelsesdata(Schema):
    id: int
    navn: str
    afdeling: str | None
    pladstype: str
    takstenhed: str
    aar: list[Aarstal]
    skjulte_aar: list[int]  # years whose figures are drafts the user may not see


class Tilbudsdata(Tilbudsraekke):
    version: int
    ydelser: list[Ydelsesdata]


class Takst(Schema):
    """A rate calculation: its version, the engine's result with every figure's trace."""

    tilbud_id: int
    aar: int
    version: int
    resultat: dict[str, Any]


class Katalog(Schema):
    rammeaftale: str
    aar: int
    version: int
    indhold: dict[str, Any]


class Indberetningsraekke(Schema):
    ydelse_id: int
    tilbud: str
    ydelse: str
    version: int
    pladser: Decimal | None
    budgetteret_belaegning_pct: Decimal | None
    takst: Decimal | None
    takst_beregnet: bool  # from a rate calculation: not changed here
    kilde_tekst: str
    begrundelse: str


class Indberetning(Schema):
    driftsherre_id: int
    aar: int
    status: str
    version: int  # of the report itself (0: not started)
    raekker: list[Indberetningsraekke]
    kan_indsendes: bool
    fejl: list[str]


class IndberetningsaendringInd(Schema):
    ydelse_id: YdelseId
    version: Version  # of the row as read (GET); 0 for a row that does not exist yet
    pladser: Pladser | None = None
    budgetteret_belaegning_pct: Procent | None = None
    takst: Beloeb | None = None
    kilde_tekst: Annotated[str, Field(max_length=500)] | None = None
    begrundelse: Annotated[str, Field(max_length=5000)] | None = None


class IndberetningInd(Schema):
    raekker: Annotated[list[IndberetningsaendringInd], Field(max_length=500)]


class Gemt(Schema):
    aendrede_raekker: int


class Forbrugsraekke(Schema):
    ydelse_id: int
    tilbud: str
    ydelse: str
    version: int
    brugte_dage: Decimal | None
    periodens_dage: Decimal


class Belaegning(Schema):
    driftsherre_id: int
    aar: int
    kvartal: int
    raekker: list[Forbrugsraekke]
    resultat: dict[str, Any] | None  # the engine's occupancy for Q1..kvartal, with its trace
    fejl: str | None


class ForbrugInd(Schema):
    ydelse_id: YdelseId
    version: Version
    brugte_dage: Dage | None


class BelaegningInd(Schema):
    raekker: Annotated[list[ForbrugInd], Field(max_length=500)]


class Resultat(Schema):
    """An offer's accounts of a year: their version and the engine's result with its trace."""

    tilbud_id: int
    aar: int
    version: int
    resultat: dict[str, Any]


class Ledelsesinfo(Schema):
    rammeaftale: str
    forrige: int
    aar: int
    resultat: dict[str, Any]  # tables A–E, every figure with its trace
    advarsler: list[str]


class Afregningsraekke(Schema):
    id: int
    driftsherre: str
    betalingskommune: str
    aar: int
    maaned: int
    nummer: int  # the version
    i_alt: Decimal
    sendt: str


class Afregning(Afregningsraekke):
    indhold: dict[str, Any]  # the frozen statement: input, result with its trace, citizens (pseudonyms)


class Refusionskravraekke(Schema):
    id: int
    kommune: str
    aar: int
    kvartal: int
    nummer: int
    krav: Decimal
    aar_til_dato: Decimal
    indsendt: str


class Refusionskrav(Refusionskravraekke):
    indhold: dict[str, Any]  # the frozen claim statement with its trace


class RegnskabInd(Schema):
    version: Version  # of the accounts as read (GET …/resultat/); 0 when there are none yet
    omkostninger: Beloeb | None = None
    takstindtaegter: Beloeb | None = None
    tillaegsindtaegter: Beloeb | None = None
    andre_indtaegter: Beloeb | None = None
    grundlag: Beloeb | None = None
    note: Annotated[str, Field(max_length=5000)] | None = None


class RegnskabGemt(Schema):
    tilbud_id: int
    aar: int
    version: int


# --- stays ---------------------------------------------------------------------------------------
# The citizen is shown as the pages show it ('Borger KFHA-MPBC') with the birth date (the list:
# the year); the CPR number is taken when a stay is created and never returned.

Indskrivning = Annotated[Decimal, Field(ge=Decimal("0.01"), le=1000, max_digits=6, decimal_places=2)]
Opsiger = Annotated[
    str, Field(max_length=20, description="handlekommune, betalingskommune, tilbud (tom: ikke opsagt).")
]


class Opholdsraekke(Schema):
    id: int
    version: int
    borger: str  # 'Borger KFHA-MPBC': the pseudonym's short form, never the CPR number
    foedt: int  # the birth year (as the list page)
    tilbud_id: int
    tilbud: str
    driftsherre: str
    ydelse_id: int
    ydelse: str
    handlekommune_id: int
    handlekommune: str
    betalingskommune_id: int
    betalingskommune: str
    start: date
    opsagt: date | None
    opsagt_af: str
    slut: date | None
    ny_borger_fra: date | None
    status: str  # kommende, aktuel, opsagt, afsluttet (today)


class Pakkeskift(Schema):
    id: int
    varslet: date
    ydelse_id: int
    ydelse: str


class Tillaeg(Schema):
    id: int
    ydelse_id: int | None  # an hourly add-on service of the offer (with `timer`), or none (`pr_dag`)
    navn: str
    fra: date
    til: date | None
    timer: Decimal | None
    pr_dag: Decimal | None


class Ophold(Opholdsraekke):
    foedselsdato: date
    aarsag: str
    indskrivning_pct: Decimal
    henvist_ydelse_id: int | None
    henvist_ydelse: str | None
    kan_rette: bool  # whether the caller may change it (the paying municipality, the operator)
    pakkeskift: list[Pakkeskift]
    tillaeg: list[Tillaeg]
    frit_valg: dict[str, Any] | None  # the free-choice check's result with its trace
    frit_valg_fejl: str | None  # why the free choice could not be checked


class OpholdInd(Schema):
    """A new stay: the CPR number (checked as on the page, python-stdnum; pseudonymised at once,
    never stored or returned), the service and the municipalities by id, the dates."""

    cpr: Annotated[str, Field(min_length=1, max_length=20, description="CPR-nummer, ddmmåå-xxxx.")]
    ydelse_id: ObjektId
    handlekommune_id: ObjektId
    betalingskommune_id: ObjektId
    start: date
    opsagt: date | None = None
    opsagt_af: Opsiger = ""
    slut: date | None = None
    ny_borger_fra: date | None = None
    aarsag: Tekst200 = ""
    indskrivning_pct: Indskrivning = Decimal(100)
    henvist_ydelse_id: ObjektId | None = None


class OpholdRet(Schema):
    """A change: the stay's `version` as read (GET) and only the fields it sets (null clears an
    optional one)."""

    version: Version
    ydelse_id: ObjektId | None = None
    handlekommune_id: ObjektId | None = None
    betalingskommune_id: ObjektId | None = None
    start: date | None = None
    opsagt: date | None = None
    opsagt_af: Opsiger | None = None
    slut: date | None = None
    ny_borger_fra: date | None = None
    aarsag: Tekst200 | None = None
    indskrivning_pct: Indskrivning | None = None
    henvist_ydelse_id: ObjektId | None = None


class PakkeskiftInd(Schema):
    varslet: date
    ydelse_id: ObjektId  # another package of the stay's service


class TillaegInd(Schema):
    """Hours of one of the offer's hourly add-on services (`ydelse_id`, `timer`, delivered on
    `fra`) or an amount per day (`navn`, `pr_dag`, from `fra` to `til`)."""

    ydelse_id: ObjektId | None = None
    timer: Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)] | None = None
    navn: Tekst200 = ""
    pr_dag: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    fra: date
    til: date | None = None
