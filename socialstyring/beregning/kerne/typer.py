"""The domain's shared types, each defined once: place types, categories of offers, the
offers' legal bases, kinds of in-year change and municipalities as the engine receives them.

The web layer derives its database choices from these enums (the stored value is the
enum's value, the label its `label`), so a value means the same everywhere.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal


class Pladstype(StrEnum):
    """A place by day (dagtilbud) or by day and night (døgntilbud)."""

    DOEGN = "doegn"
    DAG = "dag"

    @property
    def label(self) -> str:
        """'døgn' or 'dag' (also the unit a rate is paid per)."""
        return "døgn" if self is Pladstype.DOEGN else "dag"

    @property
    def enhed(self) -> str:
        """The unit of a rate: 'kr./døgn' or 'kr./dag'."""
        return f"kr./{self.label}"

    @property
    def visning(self) -> str:
        """The capitalised name for lists and forms: 'Døgn', 'Dag'."""
        return self.label.capitalize()


class Kategori(StrEnum):
    """An offer's category. The value is the stable key; `label` is the Danish name."""

    HOEJT_SPECIALISERET = "hoejt_specialiseret"
    KLYNGETILBUD = "klyngetilbud"
    LOKALT = "lokalt"
    OMFATTET = "omfattet"
    LANDSDAEKKENDE = "landsdaekkende"
    SIKRET = "sikret"

    @property
    def label(self) -> str:
        return _KATEGORI_LABELS[self]


_KATEGORI_LABELS = {
    Kategori.HOEJT_SPECIALISERET: "Højt specialiseret tilbud med regional betydning",
    Kategori.KLYNGETILBUD: "Klyngetilbud",
    Kategori.LOKALT: "Lokalt tilbud",
    Kategori.OMFATTET: "Omfattet af rammeaftalen",
    Kategori.LANDSDAEKKENDE: "Lands- eller landsdelsdækkende tilbud",
    Kategori.SIKRET: "Sikret afdeling",
}


class Paragraf(StrEnum):
    """The legal basis of an offer (the register's `lovgrundlag`). The value is the stable
    key, as the billing engine reads it ('SEL § 108'); `label` says what the paragraph is."""

    SEL_32 = "SEL § 32"
    SEL_36 = "SEL § 36"
    SEL_66 = "SEL § 66"
    SEL_67 = "SEL § 67"
    SEL_85 = "SEL § 85"
    SEL_101 = "SEL § 101"
    SEL_103 = "SEL § 103"
    SEL_104 = "SEL § 104"
    SEL_107 = "SEL § 107"
    SEL_108 = "SEL § 108"
    SEL_109 = "SEL § 109"
    SEL_110 = "SEL § 110"
    SPECIALUNDERVISNING = "Specialundervisning"

    @property
    def label(self) -> str:
        return _PARAGRAF_LABELS[self]


_PARAGRAF_LABELS = {
    Paragraf.SEL_32: "SEL § 32 (særlige dagtilbud, børn)",
    Paragraf.SEL_36: "SEL § 36 (særlige klubtilbud)",
    Paragraf.SEL_66: "SEL § 66 (anbringelsessteder)",
    Paragraf.SEL_67: "SEL § 67 (døgninstitutioner)",
    Paragraf.SEL_85: "SEL § 85 (socialpædagogisk støtte)",
    Paragraf.SEL_101: "SEL § 101 (stofmisbrugsbehandling)",
    Paragraf.SEL_103: "SEL § 103 (beskyttet beskæftigelse)",
    Paragraf.SEL_104: "SEL § 104 (aktivitets- og samværstilbud)",
    Paragraf.SEL_107: "SEL § 107 (midlertidigt botilbud)",
    Paragraf.SEL_108: "SEL § 108 (længerevarende botilbud)",
    Paragraf.SEL_109: "SEL § 109 (krisecentre)",
    Paragraf.SEL_110: "SEL § 110 (forsorgshjem)",
    Paragraf.SPECIALUNDERVISNING: (
        "Specialundervisning (folkeskoleloven / lov om specialundervisning for voksne)"
    ),
}


class Aendringstype(StrEnum):
    """The kinds of in-year change of rate or capacity."""

    TAKSTFORHOEJELSE = "takstforhoejelse"
    TAKSTNEDSAETTELSE = "takstnedsaettelse"
    TEKNISK_FEJL = "teknisk_fejl"
    FLERE_PLADSER = "flere_pladser"
    FAERRE_PLADSER = "faerre_pladser"
    LUKNING = "lukning"

    @property
    def label(self) -> str:
        return _AENDRINGSTYPE_LABELS[self]

    @property
    def er_takstaendring(self) -> bool:
        """A change of the rate itself (once decided, the rate in force from its effective date)."""
        return self in (
            Aendringstype.TAKSTFORHOEJELSE,
            Aendringstype.TAKSTNEDSAETTELSE,
            Aendringstype.TEKNISK_FEJL,
        )

    @property
    def er_pladsaendring(self) -> bool:
        return self in (Aendringstype.FLERE_PLADSER, Aendringstype.FAERRE_PLADSER)


_AENDRINGSTYPE_LABELS = {
    Aendringstype.TAKSTFORHOEJELSE: "Takstforhøjelse",
    Aendringstype.TAKSTNEDSAETTELSE: "Takstnedsættelse",
    Aendringstype.TEKNISK_FEJL: "Rettelse af teknisk fejl i takstberegningen",
    Aendringstype.FLERE_PLADSER: "Oprettelse af flere pladser",
    Aendringstype.FAERRE_PLADSER: "Nedlæggelse af pladser",
    Aendringstype.LUKNING: "Lukning af tilbud",
}


def kommunekode(v: Any) -> str:
    """A municipality code: 3 digits ('751'); an int or a 4-digit form ('0751') is accepted."""
    tekst = str(v).strip() if isinstance(v, (int, str)) and not isinstance(v, bool) else None
    if tekst is None or not tekst.isdigit() or len(tekst) not in (3, 4) or not 101 <= int(tekst) <= 999:
        raise ValueError(f"forventede en kommunekode (3 cifre, fx '751'), fik {v!r}")
    return f"{int(tekst):03d}"


Kommunekode = Annotated[str, BeforeValidator(kommunekode)]
"""A municipality's official code as three digits ('751')."""


class Kommuneref(Inddata):
    """A municipality by code and name."""

    kode: Kommunekode
    navn: str = Field(min_length=1)


class Betalingskommune(Kommuneref):
    """A municipality that pays for places in an offer, with its use of the offer: its
    year-places (årspladser) in a year, and/or its used days (belægningsdage) per
    accounting year. Each calculation says which of the two it needs."""

    aarspladser: Tal | None = Field(default=None, ge=0)
    belaegningsdage: dict[int, Tal] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ikke_negative(self) -> Betalingskommune:
        negative = sorted(aar for aar, dage in self.belaegningsdage.items() if dage < 0)
        if negative:
            raise ValueError(
                f"{self.navn} ({self.kode}): belægningsdage kan ikke være negative "
                f"({', '.join(map(str, negative))})"
            )
        return self
