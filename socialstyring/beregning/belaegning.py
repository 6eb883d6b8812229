"""Actual occupancy (faktisk belægning) for a period, its aggregation and the deviation flag.

Operators report used days per tilbud and service (ydelse) for a period: a whole year, or
quarters 1..n of a year (Syddanmark asks for Q1 by 1 May and Q1–Q3 by 1 November).

    dage i perioden  = kvartaler 1..n: kalenderdage fra 1. januar til kvartalets slutning
                       (Q1 2016 = 91 dage, skudår); et helt år: regelbogens
                       `takst.dage_pr_aar` ("365" eller årets kalenderdage), samme konvention
                       som taksten er beregnet med
    belægning %      = brugte dage / (pladser × dage i perioden) × 100   (over 100 % vises som den er)

Aggregation by tilbud, operator (driftsherre), target group (målgruppe), place type
(døgn/dag) and target group × place type is done as seed 004 does it: from each group's
total used days and total places, counting only *active* services — both places and use
greater than 0. A service with places but no use (or use but no places) is listed as
inactive and left out of every group total.

Deviation flag (seed 002, rulebook `belaegning.afvigelse_graense_pct_point`): an active
tilbud whose actual occupancy deviates from its budgeted occupancy by the threshold or
more (|faktisk − budgetteret| ≥ grænse, in percentage points) is flagged. The decision
uses the unrounded percentages; figures are shown to one decimal as in seed 004. A
tilbud's budgeted occupancy is the place-weighted average of its services' budgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from pydantic import Field, computed_field, field_serializer, model_validator

from socialstyring.beregning.kerne.kalender import Frist, dage_i_periode, frist
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Noegler, Resultat, Tal
from socialstyring.beregning.kerne.penge import EN_DECIMAL, HUNDREDE, NUL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.regler import REGIONER, Regelbog

K = TypeVar("K")
AFVIGELSE_PARAMETER = "belaegning.afvigelse_graense_pct_point"


def afvigelsesgraense(regler: Regler) -> tuple[Decimal, Regelreference]:
    """The threshold in percentage points beyond which an occupancy deviates (seed 002)."""
    return regler.tal(AFVIGELSE_PARAMETER)


def afviger(faktisk_pct: Decimal, budgetteret_pct: Decimal, graense: Decimal) -> bool:
    """The deviation flag: |faktisk − budgetteret| ≥ grænse, on unrounded percentages."""
    return abs(faktisk_pct - budgetteret_pct) >= graense


class Belaegningsraekke(Inddata):
    """One service's places and use in the period."""

    tilbud: str
    ydelse: str = ""
    driftsherre: str
    maalgruppe: str
    pladstype: Pladstype
    pladser: Tal = Field(ge=0)
    brugte_dage: Tal = Field(ge=0)
    budgetteret_belaegning_pct: Tal | None = Field(default=None, ge=0)

    @property
    def aktiv(self) -> bool:
        return self.pladser > 0 and self.brugte_dage > 0


class Belaegningsgrundlag(Inddata):
    """The reported use for one agreement and period (a year, or quarters 1..n)."""

    region: str
    aar: int = Field(ge=2007, le=2100)
    kvartaler: int | None = Field(default=None, ge=1, le=4, description="Q1..Qn; udeladt = hele året")
    raekker: tuple[Belaegningsraekke, ...]

    @model_validator(mode="after")
    def _tjek(self) -> Belaegningsgrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        set_: set[tuple[str, str]] = set()
        for r in self.raekker:
            if (r.tilbud, r.ydelse) in set_:
                raise ValueError(f"tilbud '{r.tilbud}', ydelse '{r.ydelse}' står mere end én gang")
            set_.add((r.tilbud, r.ydelse))
        return self

    @property
    def periode_tekst(self) -> str:
        if self.kvartaler is None:
            return str(self.aar)
        return f"Q1 {self.aar}" if self.kvartaler == 1 else f"Q1–Q{self.kvartaler} {self.aar}"


def fristparameter(kvartaler: int) -> str:
    """The rulebook's name for the deadline of quarters 1..n: `frister.belaegning_q1`,
    `frister.belaegning_q1_q3` (MM-DD in the year itself)."""
    return "frister.belaegning_q1" if kvartaler == 1 else f"frister.belaegning_q1_q{kvartaler}"


def frister_for_belaegning(region: str, aar: int, bog: Regelbog) -> dict[int, Frist]:
    """The agreement's deadlines for reporting occupancy in `aar`, by the last quarter of the
    period they cover (Syddanmark: Q1 by 1 May, Q1–Q3 by 1 November, seed 002); empty when
    the rulebook has none (the agreement asks for every quarter without a set date)."""
    if region not in REGIONER:
        raise ValueError(f"ukendt rammeaftale '{region}'")
    frister = {k: frist(bog, fristparameter(k), region, aar, aar) for k in range(1, 5)}
    return {k: f for k, f in frister.items() if f is not None}


@dataclass
class Sum:
    """A group's totals over its active services."""

    pladser: Decimal = NUL
    brugte_dage: Decimal = NUL
    antal: int = 0

    def laeg_til(self, pladser: Decimal, brugte_dage: Decimal) -> None:
        self.pladser += pladser
        self.brugte_dage += brugte_dage
        self.antal += 1


def grupper(raekker: Iterable[Belaegningsraekke], noegle: Callable[[Belaegningsraekke], K]) -> dict[K, Sum]:
    """Group totals in one pass, counting only active services (places and use > 0)."""
    resultat: dict[K, Sum] = {}
    for r in raekker:
        if r.pladser > 0 and r.brugte_dage > 0:
            k = noegle(r)
            s = resultat.get(k)
            if s is None:
                s = resultat[k] = Sum()
            s.laeg_til(r.pladser, r.brugte_dage)
    return resultat


def _en_decimal(pct: Decimal | None) -> str | None:
    """A percentage in JSON: rounded to 0.1 as seed 004 shows it (the objects keep it unrounded)."""
    return None if pct is None else str(afrund_til(pct, EN_DECIMAL))


class Gruppebelaegning(Resultat):
    """A group's occupancy; the trace key `noegle` is `spor` in the JSON."""

    navn: str
    pladser: Decimal
    brugte_dage: Decimal
    antal_ydelser: int
    belaegning_pct: Decimal  # unrounded
    noegle: str = Field(serialization_alias="spor")  # trace key

    @field_serializer("belaegning_pct", when_used="json")
    def _afrundet(self, pct: Decimal) -> str | None:
        return _en_decimal(pct)


class Tilbudsbelaegning(Resultat):
    """A tilbud's occupancy; the trace key `noegle` is `spor` in the JSON."""

    navn: str
    driftsherre: str
    maalgrupper: tuple[str, ...]
    pladser: Decimal
    brugte_dage: Decimal
    aktiv: bool
    belaegning_pct: Decimal | None  # unrounded; None when inactive
    budgetteret_pct: Decimal | None
    afvigelse_pct_point: Decimal | None
    flag: bool
    noegle: str = Field(serialization_alias="spor")

    @field_serializer("belaegning_pct", "budgetteret_pct", "afvigelse_pct_point", when_used="json")
    def _afrundet(self, pct: Decimal | None) -> str | None:
        return _en_decimal(pct)


class Belaegningsresultat(Resultat):
    """Occupancy for the period. Percentages are unrounded in the objects and rounded to
    0.1 in JSON, where `graense_pct_point` is `afvigelse_graense_pct_point`. Trace keys:
    `dage`, `graense`, `tilbud.<t>.belaegning_pct`,
    `tilbud.<t>.afvigelse` (active tilbud with a budget), `driftsherre.<d>.belaegning_pct`,
    `maalgruppe.<m>.belaegning_pct`, `pladstype.<doegn|dag>.belaegning_pct`,
    `maalgruppe_pladstype.<m>.<type>.belaegning_pct` and `i_alt.belaegning_pct`."""

    region: str
    aar: int
    kvartaler: int | None
    periode: str
    dage: int
    graense_pct_point: Decimal = Field(serialization_alias="afvigelse_graense_pct_point")
    tilbud: tuple[Tilbudsbelaegning, ...]
    driftsherrer: tuple[Gruppebelaegning, ...]
    maalgrupper: tuple[Gruppebelaegning, ...]
    pladstyper: tuple[Gruppebelaegning, ...]
    maalgrupper_pladstype: tuple[Gruppebelaegning, ...]
    i_alt: Gruppebelaegning | None
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def flagede_tilbud(self) -> tuple[str, ...]:
        return tuple(t.navn for t in self.tilbud if t.flag)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def inaktive_tilbud(self) -> tuple[str, ...]:
        return tuple(t.navn for t in self.tilbud if not t.aktiv)


def _pct(brugte_dage: Decimal, pladser: Decimal, dage: int) -> Decimal:
    return brugte_dage / (pladser * dage) * HUNDREDE


def beregn_belaegning(g: Belaegningsgrundlag, bog: Regelbog) -> Belaegningsresultat:
    """Occupancy per tilbud and group for the period, with the deviation flags."""
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    spor = Spor()
    dage, hvordan, ref_dage = dage_i_periode(g.aar, g.kvartaler, regler)
    spor.tilfoej("dage", f"Dage i perioden {g.periode_tekst}", hvordan, dage, "dage", regler=ref_dage)
    graense, ref_graense = afvigelsesgraense(regler)
    spor.tilfoej(
        "graense",
        "Grænse for afvigelse mellem faktisk og budgetteret belægning",
        "fra regelbogen",
        graense,
        "procentpoint",
        regler=[ref_graense],
    )
    noegle = Noegler()

    def gruppe(k: str, navn: str, s: Sum, label: str) -> Gruppebelaegning:
        pct = _pct(s.brugte_dage, s.pladser, dage)
        spor.tilfoej(
            k,
            f"Belægning {label}",
            "Σ brugte dage / (Σ pladser × dage) × 100, kun aktive ydelser (pladser og forbrug > 0)",
            pct,
            "%",
            {"Σ brugte dage": s.brugte_dage, "Σ pladser": s.pladser, "dage": spor.fra("dage")},
            bemaerkning=f"{s.antal} aktive ydelser",
        )
        return Gruppebelaegning(
            navn=navn,
            pladser=s.pladser,
            brugte_dage=s.brugte_dage,
            antal_ydelser=s.antal,
            belaegning_pct=pct,
            noegle=k,
        )

    # Tilbud: all services, active or not, so an inactive tilbud is shown as such.
    pr_tilbud: dict[str, list[Belaegningsraekke]] = {}
    for r in g.raekker:
        pr_tilbud.setdefault(r.tilbud, []).append(r)
    tilbud: list[Tilbudsbelaegning] = []
    advarsler: list[str] = []
    for navn, raekker in pr_tilbud.items():
        aktive = [r for r in raekker if r.aktiv]
        pladser = sum((r.pladser for r in aktive), NUL)
        brugt = sum((r.brugte_dage for r in aktive), NUL)
        tk = f"tilbud.{noegle(navn)}"
        budget_raekker = [r for r in aktive if r.budgetteret_belaegning_pct is not None]
        budget: Decimal | None = None
        if budget_raekker:
            budget = sum(
                (r.pladser * (r.budgetteret_belaegning_pct or NUL) for r in budget_raekker), NUL
            ) / sum((r.pladser for r in budget_raekker), NUL)
        pct: Decimal | None = None
        afvigelse: Decimal | None = None
        flag = False
        if aktive:
            pct = spor.tilfoej(
                f"{tk}.belaegning_pct",
                f"Belægning {navn}",
                "Σ brugte dage / (Σ pladser × dage) × 100 over tilbuddets aktive ydelser",
                _pct(brugt, pladser, dage),
                "%",
                {"Σ brugte dage": brugt, "Σ pladser": pladser, "dage": spor.fra("dage")},
            )
            if budget is not None:
                afvigelse = pct - budget
                flag = afviger(pct, budget, graense)
                spor.tilfoej(
                    f"{tk}.afvigelse",
                    f"Afvigelse fra budgetteret belægning, {navn}",
                    "|faktisk % − budgetteret %| ≥ grænse → flag (uafrundede procenter)",
                    "flag" if flag else "intet flag",
                    "",
                    {
                        "faktisk %": spor.fra(f"{tk}.belaegning_pct"),
                        "budgetteret %": budget,
                        "afvigelse (procentpoint)": afvigelse,
                        "grænse (procentpoint)": spor.fra("graense"),
                    },
                    bemaerkning=f"{dansk_tal(afvigelse, 1)} procentpoint",
                )
        else:
            advarsler.append(
                f"{navn}: ingen aktive ydelser (pladser og forbrug skal begge være over 0); "
                "tilbuddet indgår ikke i gruppernes belægning."
            )
        tilbud.append(
            Tilbudsbelaegning(
                navn=navn,
                driftsherre=raekker[0].driftsherre,
                maalgrupper=tuple(dict.fromkeys(r.maalgruppe for r in raekker)),
                pladser=sum((r.pladser for r in raekker), NUL),
                brugte_dage=sum((r.brugte_dage for r in raekker), NUL),
                aktiv=bool(aktive),
                belaegning_pct=pct,
                budgetteret_pct=budget,
                afvigelse_pct_point=afvigelse,
                flag=flag,
                noegle=tk,
            )
        )

    driftsherrer = [
        gruppe(f"driftsherre.{noegle(n)}.belaegning_pct", n, s, f"driftsherre {n}")
        for n, s in grupper(g.raekker, lambda r: r.driftsherre).items()
    ]
    maalgrupper = [
        gruppe(f"maalgruppe.{noegle(n)}.belaegning_pct", n, s, f"målgruppe {n}")
        for n, s in grupper(g.raekker, lambda r: r.maalgruppe).items()
    ]
    pladstyper = [
        gruppe(f"pladstype.{p}.belaegning_pct", str(p), s, f"{p.label}spladser")
        for p, s in grupper(g.raekker, lambda r: r.pladstype).items()
    ]
    mp = [
        gruppe(
            f"maalgruppe_pladstype.{noegle(mg)}.{p}.belaegning_pct",
            f"{mg} ({p.label})",
            s,
            f"{mg}, {p.label}",
        )
        for (mg, p), s in grupper(g.raekker, lambda r: (r.maalgruppe, r.pladstype)).items()
    ]
    samlet = grupper(g.raekker, lambda r: 0).get(0)
    i_alt = None if samlet is None else gruppe("i_alt.belaegning_pct", "I alt", samlet, "i alt")
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Belaegningsresultat(
        region=g.region,
        aar=g.aar,
        kvartaler=g.kvartaler,
        periode=g.periode_tekst,
        dage=dage,
        graense_pct_point=graense,
        tilbud=tuple(tilbud),
        driftsherrer=tuple(driftsherrer),
        maalgrupper=tuple(maalgrupper),
        pladstyper=tuple(pladstyper),
        maalgrupper_pladstype=tuple(mp),
        i_alt=i_alt,
        spor=spor,
        advarsler=tuple(advarsler),
    )


CASEBEREGNING = Caseberegning(
    "belaegning",
    Belaegningsgrundlag,
    beregn_belaegning,
    "Faktisk belægning for en periode pr. tilbud, driftsherre, målgruppe og pladstype, med afvigelsesflag",
)
