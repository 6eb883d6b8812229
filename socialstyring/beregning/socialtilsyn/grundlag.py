"""What a social supervision unit (socialtilsyn) enters for a year: its tasks and staff, its
other costs, how its rates are based, the offers to rate, its municipalities' 0–17-year-olds,
and — to compare with — the figures it published and other units' published rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.spor import Spor


def tal(spor: Spor, noegle: str) -> Decimal:
    """A step's result as the Decimal every step of this calculation records."""
    v = spor[noegle].resultat
    return v if isinstance(v, Decimal) else Decimal(v)


class Omraade(StrEnum):
    """Who pays for a task or a cost: the offers (rates), the municipalities (objective
    financing of the supervision of foster families) or both (shared)."""

    TILBUD = "tilbud"
    PLEJEFAMILIER = "plejefamilier"
    FAELLES = "faelles"

    @property
    def tekst(self) -> str:
        return {
            "tilbud": "Tilbud (takster)",
            "plejefamilier": "Plejefamilier (objektiv finansiering)",
            "faelles": "Fælles",
        }[self.value]


class Taksttype(StrEnum):
    """The unit's rates for offers: the yearly supervision and the two one-off rates."""

    TILSYN = "tilsyn"
    NY_GODKENDELSE = "ny_godkendelse"
    VAESENTLIG_AENDRING = "vaesentlig_aendring"

    @property
    def tekst(self) -> str:
        return {
            "tilsyn": "Tilsyn med døgntilbud (pr. år)",
            "ny_godkendelse": "Ny godkendelse (engangstakst)",
            "vaesentlig_aendring": "Væsentlig ændring (engangstakst)",
        }[self.value]


GRUPPER = ("1_7", "8_24", "25_49", "50_plus")
"""The four size groups, by the key the rulebook's parameters use."""

GRUPPENAVNE = {
    "1_7": "1–7 pladser",
    "8_24": "8–24 pladser",
    "25_49": "25–49 pladser",
    "50_plus": "50+ pladser",
}


class Opgave(Inddata):
    """A task: how many the unit expects in the year and the hours each takes."""

    navn: str = Field(min_length=1)
    omraade: Omraade
    antal: Tal = Field(ge=0)
    timer_pr_stk: Tal = Field(ge=0)

    @model_validator(mode="after")
    def _ikke_faelles(self) -> Opgave:
        if self.omraade is Omraade.FAELLES:
            raise ValueError("en opgave hører til tilbud eller plejefamilier, ikke 'faelles'")
        return self


class Udgift(Inddata):
    """A cost line of the operating budget other than wages (kr.); `omraade` says whether it
    belongs to one side only (e.g. basic courses for foster families)."""

    navn: str = Field(min_length=1)
    beloeb: Tal = Field(ge=0)
    omraade: Omraade = Omraade.FAELLES


class Grundtakst(Inddata):
    """How one rate type is based: either the unrounded rate for 1–7 places (weight 100 %), or
    the budget the rate type must bring in and the number of offers (or expected approvals)
    per size group — then grundtakst = budget ÷ Σ antal × vægt."""

    taksttype: Taksttype
    grundtakst: Tal | None = Field(default=None, gt=0)
    budget: Tal | None = Field(default=None, ge=0)
    antal_pr_gruppe: tuple[Tal, Tal, Tal, Tal] | None = None

    @model_validator(mode="after")
    def _et_grundlag(self) -> Grundtakst:
        fra_budget = self.budget is not None and self.antal_pr_gruppe is not None
        if (self.grundtakst is None) == (not fra_budget):
            raise ValueError(f"{self.taksttype}: angiv enten grundtakst eller både budget og antal_pr_gruppe")
        if self.antal_pr_gruppe is not None and any(a < 0 for a in self.antal_pr_gruppe):
            raise ValueError("antal pr. gruppe kan ikke være negativt")
        return self


class Tilbud(Inddata):
    """An offer to rate: its places, or for a treatment offer (§§ 101, 101 a) its expected
    citizens per year; a period of intensified supervision; extra hours for more addresses or
    resource-heavy supervision."""

    navn: str = Field(min_length=1)
    pladser: Tal | None = Field(default=None, ge=0)
    borgere_pr_aar: Tal | None = Field(default=None, ge=0)
    skaerpet_fra: date | None = None
    skaerpet_til: date | None = None
    ekstra_timer: Tal = Field(default=NUL, ge=0)

    @model_validator(mode="after")
    def _tjek(self) -> Tilbud:
        if (self.pladser is None) == (self.borgere_pr_aar is None):
            raise ValueError(f"{self.navn}: angiv enten pladser eller borgere_pr_aar (§§ 101, 101 a)")
        if (self.skaerpet_fra is None) != (self.skaerpet_til is None):
            raise ValueError(f"{self.navn}: skærpet tilsyn skal have både fra og til")
        if self.skaerpet_fra and self.skaerpet_til and self.skaerpet_til < self.skaerpet_fra:
            raise ValueError(f"{self.navn}: skærpet tilsyn slutter før det begynder")
        return self


class Offentliggjort(Inddata):
    """The unit's published figures for the year, to compare with. Budget lines are printed
    rounded (`praecision`, e.g. 100.000 kr. for 0,1 mio. kr.)."""

    kilde: str = Field(min_length=3)
    takster: dict[Taksttype, dict[str, Tal]] = Field(default_factory=dict)
    skaerpet: dict[str, Tal] = Field(default_factory=dict)
    driftsbudget: Tal | None = None
    overhead: Tal | None = None
    udgifter_i_alt: Tal | None = None
    objektiv_finansiering: Tal | None = None
    takstfinansiering: Tal | None = None
    praecision: Tal = Field(default=NUL, ge=0)
    objektiv_pr_kommune: dict[str, Tal] = Field(default_factory=dict)
    objektiv_total: Tal | None = None


class AndenEnhed(Inddata):
    """Another unit's published rates (`<taksttype>.<gruppe>` → kr.), or — `gennemsnit` — the
    published average of all units."""

    navn: str = Field(min_length=1)
    takster: dict[str, Tal]
    gennemsnit: bool = False


class Forrige(Inddata):
    """Last year's figures (in last year's prices), for the development in fixed prices."""

    aar: int
    takster: dict[Taksttype, dict[str, Tal]] = Field(default_factory=dict)
    objektiv_finansiering: Tal | None = None
    udgifter_i_alt: Tal | None = None


class Socialtilsynsgrundlag(Inddata):
    """A supervision unit's year (see the package's docstring)."""

    region: str
    enhed: str = Field(default="Socialtilsyn Midt", min_length=1)
    aar: int = Field(ge=2014, le=2100)
    opgaver: tuple[Opgave, ...] = ()
    aarsvaerk: Tal | None = Field(
        default=None, ge=0, description="indtastet, når timerne pr. opgave ikke kendes"
    )
    gennemsnitsloen: Tal = Field(ge=0, description="kr. pr. årsværk")
    udgifter: tuple[Udgift, ...] = ()
    objektiv_finansiering: Tal | None = Field(
        default=None, ge=0, description="indtastet, når opgaverne ikke deler budgettet"
    )
    regulering_objektiv: Tal = Field(default=NUL, description="tidligere års underskud (+) / overskud (−)")
    regulering_takster: Tal = Field(default=NUL, description="tidligere års underskud (+) / overskud (−)")
    grundtakster: tuple[Grundtakst, ...] = ()
    tillaeg_50_plus_pr_tilbud: Tal | None = Field(default=None, ge=0)
    tillaeg_50_plus_budget: Tal | None = Field(default=None, ge=0)
    tilbud: tuple[Tilbud, ...] = ()
    kommuner: tuple[str, ...] = ()
    indbyggere_0_17: dict[str, int] = Field(default_factory=dict)
    offentliggjort: Offentliggjort | None = None
    andre_enheder: tuple[AndenEnhed, ...] = ()
    forrige: Forrige | None = None

    @model_validator(mode="after")
    def _tjek(self) -> Socialtilsynsgrundlag:
        if self.aarsvaerk is None and not self.opgaver:
            raise ValueError("angiv opgaver (antal × timer) eller årsværk")
        if self.objektiv_finansiering is None and not self.opgaver:
            raise ValueError("angiv opgaver, så budgettet kan deles, eller den objektive finansiering")
        typer = [g.taksttype for g in self.grundtakster]
        if len(typer) != len(set(typer)):
            raise ValueError("hver taksttype må kun have ét grundlag")
        if self.tillaeg_50_plus_pr_tilbud is not None and self.tillaeg_50_plus_budget is not None:
            raise ValueError("angiv tillægget for 50+ enten pr. tilbud eller som budget, ikke begge")
        if any(n < 0 for n in self.indbyggere_0_17.values()):
            raise ValueError("antal 0–17-årige kan ikke være negativt")
        return self

    def grundlag_for(self, t: Taksttype) -> Grundtakst | None:
        return next((g for g in self.grundtakster if g.taksttype is t), None)
