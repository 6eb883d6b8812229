"""What a savings scenario starts from and what it changes.

The baseline (`Grundlag`) is a year's offers of an agreement: for each its operator, its unit,
target group, places, budgeted occupancy, direct costs, the share financed objectively and the
days each paying municipality is expected to buy. A scenario (`Scenarie`) is a name and a list of
changes (`Aendring`, a union told apart by `type`), applied in order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal, slug
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL

OVERHEAD_DELE = {
    "administration": "Central ledelse og administration",
    "udvikling": "Udviklingsomkostninger",
    "dokumentation": "Dokumentation af kvalitet",
    "tilsyn": "Tilsyn",
}
"""The overhead parts; each is the rulebook percentage `overhead.<del>_pct` (as in the rate)."""

Overheaddel = Literal["administration", "udvikling", "dokumentation", "tilsyn"]

OBJEKTIV_FAELLES = "Aftalens kommuner (objektiv finansiering)"
"""The line that carries the objective financing when no key splits it among the municipalities."""


class Tilbud(Inddata):
    """One offer of the baseline. `dage` is the days each paying municipality is expected to buy.
    The direct costs are given, or — for an offer known by its rate (the register) — derived from
    the rate: takst × belagte dage × 100 / (100 + overhead %) × 100 / (100 − objektiv andel %)."""

    id: str = Field(min_length=1)
    navn: str = Field(min_length=1)
    driftsherre: str = Field(min_length=1)
    enhed: str = ""
    maalgruppe: str = Field(min_length=1)
    lovgrundlag: str = ""
    pladser: Tal = Field(ge=0)
    belaegning_pct: Tal = Field(gt=0, le=200)
    direkte: Tal | None = Field(default=None, ge=0)
    takst: Tal | None = Field(default=None, ge=0)
    objektiv_andel_pct: Tal = Field(default=NUL, ge=0, le=100)
    dage: dict[str, Tal] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dage(self) -> Tilbud:
        if any(d < 0 for d in self.dage.values()):
            raise ValueError(f"tilbuddet '{self.navn}': købte dage kan ikke være negative")
        if (self.direkte is None) == (self.takst is None):
            raise ValueError(f"tilbuddet '{self.navn}': angiv enten de direkte omkostninger eller taksten")
        if self.takst is not None and self.objektiv_andel_pct >= HUNDREDE:
            raise ValueError(f"tilbuddet '{self.navn}': er helt objektivt finansieret; angiv omkostningerne")
        return self


class Grundlag(Inddata):
    """The baseline: a year's offers, the agreement's municipalities, overhead parts given in place
    of the rulebook's (in %), the split of the administrative overhead among units, and an optional
    key (e.g. inhabitants) that splits the objective financing among the agreement's municipalities."""

    region: str
    aar: int = Field(ge=2007, le=2100)
    aftalens_kommuner: tuple[str, ...] = ()
    tilbud: tuple[Tilbud, ...] = Field(min_length=1)
    overhead: dict[Overheaddel, Tal] = Field(default_factory=dict)
    administration_fordeling: dict[str, Tal] = Field(default_factory=dict)
    objektiv_noegle: dict[str, Tal] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _tjek(self) -> Grundlag:
        ids = [t.id for t in self.tilbud]
        if len(ids) != len(set(ids)):
            raise ValueError("to tilbud har samme id")
        if any(v < 0 for v in self.overhead.values()):
            raise ValueError("en overheadprocent kan ikke være negativ")
        if any(v < 0 for v in self.administration_fordeling.values()) or (
            self.administration_fordeling and sum(self.administration_fordeling.values()) <= 0
        ):
            raise ValueError("fordelingen af det administrative overhead skal have positive vægte")
        if self.objektiv_noegle:
            if set(self.objektiv_noegle) != set(self.aftalens_kommuner):
                raise ValueError("nøglen for den objektive finansiering skal dække netop aftalens kommuner")
            if any(v < 0 for v in self.objektiv_noegle.values()) or sum(self.objektiv_noegle.values()) <= 0:
                raise ValueError("nøglen for den objektive finansiering skal have positive vægte")
        return self


class _Valg(Inddata):
    """The offers a change applies to: every offer, a target group, or one named offer (by id)."""

    maalgruppe: str | None = None
    tilbud: str | None = None

    @model_validator(mode="after")
    def _et_valg(self) -> _Valg:
        if self.maalgruppe is not None and self.tilbud is not None:
            raise ValueError("angiv enten en målgruppe eller et tilbud, ikke begge")
        return self

    def omfatter(self, t: Tilbud) -> bool:
        if self.tilbud is not None:
            return t.id == self.tilbud
        return self.maalgruppe is None or t.maalgruppe == self.maalgruppe

    def hvem(self) -> str:
        if self.tilbud is not None:
            return f"tilbud {self.tilbud}"
        return f"målgruppen {self.maalgruppe}" if self.maalgruppe else "alle tilbud"


def _pct(v: Tal) -> str:
    return f"{v.normalize():f}".replace(".", ",")


class Takstaendring(_Valg):
    """Lower (negative) or raise the rates by a percentage or an amount per day. The operator's
    costs follow: the rate's formula gives the new rate from the lowered budget."""

    type: Literal["takst"] = "takst"
    pct: Tal | None = None
    kr_pr_dag: Tal | None = None

    @model_validator(mode="after")
    def _en(self) -> Takstaendring:
        if (self.pct is None) == (self.kr_pr_dag is None):
            raise ValueError("en takstændring angiver enten pct eller kr_pr_dag")
        if self.pct is not None and self.pct <= -HUNDREDE:
            raise ValueError("taksten kan ikke sænkes med 100 % eller mere")
        return self

    def beskrivelse(self) -> str:
        if self.pct is not None:
            return f"takster {_pct(self.pct)} % ({self.hvem()})"
        assert self.kr_pr_dag is not None
        return f"takster {_pct(self.kr_pr_dag)} kr. pr. dag ({self.hvem()})"


class Budgetaendring(Inddata):
    """Change the net operating budget of every offer by a percentage (a cut is negative),
    except the target groups named."""

    type: Literal["budget"] = "budget"
    pct: Tal = Field(gt=-100)
    undtagen: tuple[str, ...] = ()

    def omfatter(self, t: Tilbud) -> bool:
        return t.maalgruppe not in self.undtagen

    def beskrivelse(self) -> str:
        undtagen = f", undtagen {', '.join(self.undtagen)}" if self.undtagen else ""
        return f"nettodriftsbudget {_pct(self.pct)} %{undtagen}"


class Overheadaendring(Inddata):
    """Set an overhead part to a new percentage of the direct costs (over the rulebook's value)."""

    type: Literal["overhead"] = "overhead"
    overheaddel: Overheaddel
    pct: Tal = Field(ge=0)

    def omfatter(self, t: Tilbud) -> bool:
        return True

    def beskrivelse(self) -> str:
        return f"overhead, {OVERHEAD_DELE[self.overheaddel].lower()}, sat til {_pct(self.pct)} %"


class Belaegningsaendring(_Valg):
    """Raise (or lower) the budgeted occupancy by percentage points. The rates fall; the
    municipalities pay the lower rate for the same days; the operator must cut what it loses."""

    type: Literal["belaegning"] = "belaegning"
    procentpoint: Tal

    def beskrivelse(self) -> str:
        tegn = "+" if self.procentpoint >= 0 else ""
        return f"budgetteret belægning {tegn}{_pct(self.procentpoint)} procentpoint ({self.hvem()})"


class Kapacitetsaendring(Inddata):
    """Open (positive) or close (negative) places in one offer. The cost per place is kept, so
    the budget changes by places × cost per place and the rate stays; the days bought follow
    the places, each municipality in proportion to its days."""

    type: Literal["kapacitet"] = "kapacitet"
    tilbud: str
    pladser: Tal

    def omfatter(self, t: Tilbud) -> bool:
        return t.id == self.tilbud

    def beskrivelse(self) -> str:
        n = _pct(abs(self.pladser))
        return f"{'luk' if self.pladser < 0 else 'åbn'} {n} pladser i tilbud {self.tilbud}"


class Hjemmestoette(Inddata):
    """Citizens of one municipality moved from a residential offer to support in their own home."""

    kommune: str
    borgere: Tal = Field(gt=0)
    aarlig_pris: Tal = Field(ge=0)


class Aktivitetsaendring(_Valg):
    """Less activity: fewer days (%), a shorter average stay (from → to days; the days fall in the
    same proportion), or citizens moved to support in their own home. Places and costs follow the
    days, so the rate stays."""

    type: Literal["aktivitet"] = "aktivitet"
    faerre_dage_pct: Tal | None = Field(default=None, gt=0, lt=100)
    opholdstid_fra: Tal | None = Field(default=None, gt=0)
    opholdstid_til: Tal | None = Field(default=None, ge=0)
    hjemmestoette: Hjemmestoette | None = None

    @model_validator(mode="after")
    def _en(self) -> Aktivitetsaendring:
        valgt = [
            self.faerre_dage_pct is not None,
            self.opholdstid_fra is not None or self.opholdstid_til is not None,
            self.hjemmestoette is not None,
        ]
        if sum(valgt) != 1:
            raise ValueError(
                "en aktivitetsændring angiver færre dage, opholdstid eller hjemmestøtte (én af dem)"
            )
        if valgt[1] and (self.opholdstid_fra is None or self.opholdstid_til is None):
            raise ValueError("angiv både opholdstid_fra og opholdstid_til")
        if self.hjemmestoette is not None and self.tilbud is None:
            raise ValueError("flytning til hjemmestøtte angiver tilbuddet, borgerne flytter fra")
        return self

    def beskrivelse(self) -> str:
        if self.faerre_dage_pct is not None:
            return f"{_pct(self.faerre_dage_pct)} % færre dage ({self.hvem()})"
        if self.hjemmestoette is not None:
            h = self.hjemmestoette
            return (
                f"{_pct(h.borgere)} borgere fra {h.kommune} flyttes fra tilbud {self.tilbud} til hjemmestøtte"
            )
        assert self.opholdstid_fra is not None and self.opholdstid_til is not None
        return f"opholdstid {_pct(self.opholdstid_fra)} → {_pct(self.opholdstid_til)} dage ({self.hvem()})"


Aendring = Annotated[
    Takstaendring
    | Budgetaendring
    | Overheadaendring
    | Belaegningsaendring
    | Kapacitetsaendring
    | Aktivitetsaendring,
    Field(discriminator="type"),
]


class Scenarie(Inddata):
    navn: str = Field(min_length=1)
    aendringer: tuple[Aendring, ...] = Field(min_length=1)


class Scenariegrundlag(Inddata):
    """A baseline and its scenarios. Each scenario is applied to the baseline, or — `stablet` —
    each to the result of the one before it."""

    grundlag: Grundlag
    scenarier: tuple[Scenarie, ...] = Field(min_length=1)
    stablet: bool = False

    @model_validator(mode="after")
    def _tjek(self) -> Scenariegrundlag:
        navne = [slug(s.navn) for s in self.scenarier]
        if len(navne) != len(set(navne)):
            raise ValueError("to scenarier har samme navn")
        ids = {t.id for t in self.grundlag.tilbud}
        for s in self.scenarier:
            for a in s.aendringer:
                valgt = getattr(a, "tilbud", None)
                if valgt is not None and valgt not in ids:
                    raise ValueError(f"scenariet '{s.navn}': tilbuddet '{valgt}' findes ikke i grundlaget")
        return self
