"""The billing engine's inputs: stays, dated rate periods and the period billed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal, slug
from socialstyring.beregning.kerne.typer import Kommunekode


class Tilbudsart(StrEnum):
    """The kinds of offer the agreements' notice rules name."""

    BOTILBUD = "botilbud"  # SEL §§ 107, 108, ABL § 105 (and § 67, stk. 1-3)
    DAGTILBUD = "dagtilbud"  # SEL §§ 103, 104 (and §§ 32, 36), special education by day
    KRISECENTER_FORSORGSHJEM = "krisecenter_forsorgshjem"  # SEL §§ 109, 110
    MISBRUGSBEHANDLING = "misbrugsbehandling"  # SEL § 101

    @property
    def label(self) -> str:
        return _TILBUDSART_LABELS[self]

    @property
    def er_dagtilbud(self) -> bool:
        return self is Tilbudsart.DAGTILBUD

    @classmethod
    def af_paragraf(cls, paragraf: str) -> Tilbudsart:
        """The kind of an offer by the register's paragraph ('SEL § 104' → dagtilbud); an
        offer under any other paragraph (§§ 107, 108, 66, 67, …) is a botilbud."""
        return _TILBUDSART_AF_PARAGRAF.get(paragraf, cls.BOTILBUD)


_TILBUDSART_LABELS = {
    Tilbudsart.BOTILBUD: "Botilbud",
    Tilbudsart.DAGTILBUD: "Dagtilbud",
    Tilbudsart.KRISECENTER_FORSORGSHJEM: "Krisecenter eller forsorgshjem",
    Tilbudsart.MISBRUGSBEHANDLING: "Stofmisbrugsbehandling",
}

_TILBUDSART_AF_PARAGRAF = {
    "SEL § 103": Tilbudsart.DAGTILBUD,
    "SEL § 104": Tilbudsart.DAGTILBUD,
    "SEL § 32": Tilbudsart.DAGTILBUD,
    "SEL § 36": Tilbudsart.DAGTILBUD,
    "Specialundervisning": Tilbudsart.DAGTILBUD,
    "SEL § 109": Tilbudsart.KRISECENTER_FORSORGSHJEM,
    "SEL § 110": Tilbudsart.KRISECENTER_FORSORGSHJEM,
    "SEL § 101": Tilbudsart.MISBRUGSBEHANDLING,
}


class Opsiger(StrEnum):
    """Who ended the stay: the acting municipality (also at death) or the operator closing the offer."""

    HANDLEKOMMUNE = "handlekommune"
    LUKNING = "lukning"


class Opsigelsesform(StrEnum):
    """Syddanmark's botilbud notice has two forms: to the end of the following month
    (punkt 1 a) or two months from any day of the month (punkt 1 b)."""

    VILKAARLIG_DAG = "vilkaarlig_dag"
    LOEBENDE_MAANED = "loebende_maaned"


LOVE = ("SEL", "ABL", "Barnets lov")
_LOVGRUNDLAG = re.compile(r"^(SEL|ABL|Barnets lov) § (\d+(?: ?[a-z])?)$")


def _to_decimaler(v: Decimal, navn: str) -> Decimal:
    if v != v.quantize(Decimal("0.01")):
        raise ValueError(f"{navn} må højst have 2 decimaler (øre), fik {v}")
    return v


class Takstperiode(Inddata):
    """A daily rate of a service (or a package's supplement per day) in force from `fra`
    until the next period of the same service and package: the register's yearly rate and
    its in-year changes from their effective date."""

    ydelse: str = Field(min_length=1)
    pakke: str | None = None
    fra: date
    takst: Tal = Field(ge=0, description="kr. pr. dag/døgn")

    @field_validator("takst")
    @classmethod
    def _oere(cls, v: Decimal) -> Decimal:
        return _to_decimaler(v, "takst")


class Pakkeskift(Inddata):
    """A change of package notified on `varslet`; the new package is billed from the day
    after the notice for a package change ends."""

    varslet: date
    pakke: str = Field(min_length=1)


class Tillaeg(Inddata):
    """An add-on service: an amount per day from `fra` to `til` (inclusive), or hours at an
    hourly rate delivered on `fra`."""

    navn: str = Field(min_length=1)
    fra: date
    til: date | None = None
    pr_dag: Tal | None = Field(default=None, ge=0)
    timer: Tal | None = Field(default=None, gt=0)
    timepris: Tal | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _enten_dag_eller_timer(self) -> Tillaeg:
        pr_dag = self.pr_dag is not None
        timer = self.timer is not None and self.timepris is not None
        if pr_dag == timer or (self.timer is None) != (self.timepris is None):
            raise ValueError(f"tillægget '{self.navn}' skal have enten pr_dag eller både timer og timepris")
        for navn in ("pr_dag", "timepris", "timer"):
            v = getattr(self, navn)
            if v is not None:
                _to_decimaler(v, navn)
        if self.til is not None and self.til < self.fra:
            raise ValueError(f"tillægget '{self.navn}': til ({self.til}) ligger før fra ({self.fra})")
        return self


class Ophold(Inddata):
    """One citizen's stay in an offer, as the paying municipality is billed for it."""

    id: str = Field(min_length=1, description="opholdets nøgle")
    borger: str = Field(min_length=1, description="pseudonym nøgle for borgeren (aldrig et cpr-nummer)")
    handlekommune: Kommunekode
    betalingskommune: Kommunekode
    driftsherre: str = Field(min_length=1)
    tilbud: str = Field(min_length=1)
    ydelse: str = Field(min_length=1)
    pakke: str | None = None
    lovgrundlag: str = Field(description="fx 'SEL § 108'")
    tilbudsart: Tilbudsart
    start: date
    opsagt: date | None = Field(default=None, description="dagen, opsigelsen blev givet")
    opsagt_af: Opsiger = Opsiger.HANDLEKOMMUNE
    opsigelsesform: Opsigelsesform = Opsigelsesform.VILKAARLIG_DAG
    slut: date | None = Field(default=None, description="ophørs- eller udskrivningsdagen")
    ny_borger_fra: date | None = Field(default=None, description="dagen, en ny borger overtager pladsen")
    indskrivning_pct: Tal = Field(default=Decimal(100), gt=0, le=1000)
    pakkeskift: tuple[Pakkeskift, ...] = ()
    tillaeg: tuple[Tillaeg, ...] = ()

    @field_validator("borger")
    @classmethod
    def _ikke_cpr(cls, v: str) -> str:
        if re.search(r"\d{6}-?\d{4}", v):
            raise ValueError("borgerens nøgle må ikke være et cpr-nummer")
        return v

    @field_validator("lovgrundlag")
    @classmethod
    def _lovgrundlag(cls, v: str) -> str:
        if not _LOVGRUNDLAG.match(v.strip()):
            raise ValueError(
                f"lovgrundlaget skal skrives som fx 'SEL § 108' (love: {', '.join(LOVE)}), fik {v!r}"
            )
        return v.strip()

    @field_validator("indskrivning_pct")
    @classmethod
    def _pct(cls, v: Decimal) -> Decimal:
        return _to_decimaler(v, "indskrivning_pct")

    @model_validator(mode="after")
    def _datoer(self) -> Ophold:
        for navn in ("opsagt", "slut", "ny_borger_fra"):
            d = getattr(self, navn)
            if d is not None and d < self.start:
                raise ValueError(f"ophold {self.id}: {navn} ({d}) ligger før start ({self.start})")
        if self.ny_borger_fra is not None and self.slut is not None and self.ny_borger_fra <= self.slut:
            raise ValueError(
                f"ophold {self.id}: en ny borger kan først overtage pladsen dagen efter ophøret ({self.slut})"
            )
        if self.ny_borger_fra is not None and self.slut is None:
            raise ValueError(f"ophold {self.id}: en ny borger på pladsen kræver en ophørsdag (slut)")
        if self.opsagt is not None and self.slut is not None and self.opsagt > self.slut:
            raise ValueError(f"ophold {self.id}: opsagt ({self.opsagt}) ligger efter ophøret ({self.slut})")
        if any(s.varslet < self.start for s in self.pakkeskift):
            raise ValueError(f"ophold {self.id}: et pakkeskift er varslet før opholdets start")
        return self

    @property
    def lov(self) -> str:
        m = _LOVGRUNDLAG.match(self.lovgrundlag)
        assert m is not None
        return m.group(1)


class Afregningsgrundlag(Inddata):
    """What is billed: the stays of one framework agreement in the period `fra`–`til`
    (inclusive), the services' dated rates and their packages' order (lowest first)."""

    region: str
    fra: date
    til: date
    kravdato: date | None = Field(default=None, description="dagen, kravet sendes (tjekker fristen)")
    takster: tuple[Takstperiode, ...]
    pakker: dict[str, list[str]] = Field(default_factory=dict)
    ophold: tuple[Ophold, ...]

    @model_validator(mode="after")
    def _sammenhaeng(self) -> Afregningsgrundlag:
        if self.til < self.fra:
            raise ValueError(f"perioden slutter ({self.til}) før den begynder ({self.fra})")
        ider = [slug(o.id) for o in self.ophold]
        if len(set(ider)) != len(ider):
            raise ValueError("to ophold har samme id (store og små bogstaver og tegn regnes ens)")
        noegler = [(t.ydelse, t.pakke, t.fra) for t in self.takster]
        if len(set(noegler)) != len(noegler):
            raise ValueError("to takstperioder har samme ydelse, pakke og fra-dato")
        return self
