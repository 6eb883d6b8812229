"""The API's request and response bodies (pydantic, through django-ninja's `Schema`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")

Beloeb = Annotated[Decimal, Field(max_digits=14, decimal_places=2, ge=0)]
Dage = Annotated[Decimal, Field(max_digits=10, decimal_places=2, ge=0)]
Pladser = Annotated[Decimal, Field(max_digits=8, decimal_places=2, ge=0)]
Procent = Annotated[Decimal, Field(max_digits=6, decimal_places=2, ge=0)]
Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
YdelseId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class Side(Schema, Generic[T]):
    """One page of a list: the total count and the rows of page `side`."""

    antal: int
    side: int
    pr_side: int
    resultater: list[T]


class Problemdetalje(Schema):
    """RFC 9457: what went wrong, in Danish."""

    type: str
    title: str
    status: int
    detail: str


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
