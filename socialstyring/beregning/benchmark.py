"""Spending per inhabitant of the area's age group, against the national average and peers.

    udgift pr. indbygger   = nettodriftsudgift på områdets funktioner ÷ indbyggere i aldersgruppen
    landsgennemsnit        = Σ udgift ÷ Σ indbyggere for alle landets kommuner (vægtet), eller
                             det trykte gennemsnit, når kun enkelte kommuner er givet
    sammenligningsgruppe   = Σ udgift ÷ Σ indbyggere for de valgte kommuner
    forskel pr. indbygger  = kommunens udgift pr. indbygger − gennemsnittet
    reduktion til snittet  = forskel pr. indbygger × kommunens indbyggere        (kr.)
                           = forskel pr. indbygger ÷ kommunens udgift pr. indbygger (%)

The area (which functions of the municipal chart of accounts, which age group) comes from the
rulebook (`benchmark.<omraade>_funktioner`, `benchmark.<omraade>_aldersgruppe`). Per-inhabitant
figures are computed unrounded and shown rounded as the rulebook says; the reduction is computed
from the unrounded figures. Pure: no Django, no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Caseberegning, Inddata, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.penge import afrund_til, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor
from socialstyring.regler import Regelbog

P = "benchmark"
OMRAADER = ("voksne", "boern")


class Kommunetal(Inddata):
    """A municipality's net operating expenditure on the area's functions and its inhabitants of
    the age group; or, where only the printed figure is known, its expenditure per inhabitant."""

    kommune: str = Field(min_length=1, max_length=100)
    indbyggere: int = Field(gt=0, le=10_000_000)
    udgift: Tal | None = Field(default=None, ge=-(10**12), le=10**12)
    udgift_pr_indbygger: Tal | None = Field(default=None, ge=-(10**7), le=10**7)

    @model_validator(mode="after")
    def _en_af(self) -> Kommunetal:
        if (self.udgift is None) == (self.udgift_pr_indbygger is None):
            raise ValueError(f"{self.kommune}: angiv enten udgiften eller udgiften pr. indbygger")
        return self


class Benchmarkgrundlag(Inddata):
    """One year's comparison for one municipality (see the module)."""

    region: str = "national"
    aar: int = Field(ge=2007, le=2100)
    omraade: str = Field(description="voksne eller boern (regelbogens områder)")
    kommune: str = Field(min_length=1, max_length=100, description="den kommune, der sammenlignes")
    kommuner: tuple[Kommunetal, ...] = Field(min_length=1, max_length=200)
    sammenligningskommuner: tuple[str, ...] = ()
    trykt_landsgennemsnit: Tal | None = Field(
        default=None, description="landsgennemsnittet pr. indbygger, som et dokument trykker det"
    )

    @model_validator(mode="after")
    def _gyldig(self) -> Benchmarkgrundlag:
        if self.omraade not in OMRAADER:
            raise ValueError(f"ukendt område {self.omraade!r}; kendte: {', '.join(OMRAADER)}")
        navne = [k.kommune for k in self.kommuner]
        if len(set(navne)) != len(navne):
            raise ValueError("en kommune står flere gange")
        if self.kommune not in navne:
            raise ValueError(f"{self.kommune} har ingen tal")
        if ukendte := [k for k in self.sammenligningskommuner if k not in navne]:
            raise ValueError(f"sammenligningskommuner uden tal: {', '.join(ukendte)}")
        return self


class Benchmarkresultat(ResultatMedRegler):
    aldersgruppe: str
    funktioner: str
    pr_indbygger: dict[str, Decimal]  # rounded as shown
    landsgennemsnit: Decimal
    sammenligningsgennemsnit: Decimal | None
    forskel_pr_indbygger: Decimal
    reduktion_kr: Decimal
    reduktion_pct: Decimal
    reduktion_til_sammenligning_kr: Decimal | None
    spor: Spor


def beregn_benchmark(g: Benchmarkgrundlag, bog: Regelbog) -> Benchmarkresultat:
    spor = Spor()
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    funktioner, ref_f = regler.tekst(f"{P}.{g.omraade}_funktioner")
    gruppe, ref_g = regler.tekst(f"{P}.{g.omraade}_aldersgruppe")
    decimaler, ref_d = regler.heltal(f"{P}.kr_pr_indbygger_decimaler")
    kvantum = Decimal(1).scaleb(-decimaler)
    for k in g.kommuner:
        _pr_indbygger(k, gruppe, funktioner, [ref_f, ref_g], spor)
    egen = next(k for k in g.kommuner if k.kommune == g.kommune)
    landet = _gennemsnit(g, spor, [ref_g])
    sammenligning = _sammenligning(g, spor) if g.sammenligningskommuner else None
    n = f"{P}.{slug(egen.kommune)}"
    egen_pr = _v(spor, f"{n}.pr_indbygger")
    forskel = spor.tilfoej(
        f"{P}.forskel_pr_indbygger",
        f"{egen.kommune}: forskel til landsgennemsnittet pr. {gruppe}-årig",
        "udgift pr. indbygger − landsgennemsnit",
        egen_pr - landet,
        "kr. pr. indbygger",
        {
            "udgift pr. indbygger": spor.fra(f"{n}.pr_indbygger"),
            "landsgennemsnit": spor.fra(f"{P}.landsgennemsnit"),
        },
        regler=[ref_d],
        bemaerkning=f"Regnet uafrundet; vises med {decimaler} decimaler.",
    )
    reduktion = _reduktion(egen, "landsgennemsnit", f"{P}.forskel_pr_indbygger", f"{P}.reduktion", spor)
    pct = spor.tilfoej(
        f"{P}.reduktion_pct",
        "Reduktion i procent af udgiftsniveauet",
        "forskel pr. indbygger ÷ udgift pr. indbygger × 100",
        forskel / egen_pr * 100 if egen_pr else Decimal(0),
        "%",
        {
            "forskel pr. indbygger": spor.fra(f"{P}.forskel_pr_indbygger"),
            "udgift pr. indbygger": spor.fra(f"{n}.pr_indbygger"),
        },
    )
    til_sammenligning = None
    if sammenligning is not None:
        spor.tilfoej(
            f"{P}.forskel_sammenligning",
            f"{egen.kommune}: forskel til sammenligningskommunerne pr. {gruppe}-årig",
            "udgift pr. indbygger − sammenligningskommunernes gennemsnit",
            egen_pr - sammenligning,
            "kr. pr. indbygger",
            {
                "udgift pr. indbygger": spor.fra(f"{n}.pr_indbygger"),
                "gennemsnit": spor.fra(f"{P}.sammenligning"),
            },
        )
        til_sammenligning = _reduktion(
            egen,
            "sammenligningskommunerne",
            f"{P}.forskel_sammenligning",
            f"{P}.reduktion_sammenligning",
            spor,
        )
    return Benchmarkresultat(
        aldersgruppe=gruppe,
        funktioner=funktioner,
        pr_indbygger={
            k.kommune: afrund_til(_v(spor, f"{P}.{slug(k.kommune)}.pr_indbygger"), kvantum)
            for k in g.kommuner
        },
        landsgennemsnit=afrund_til(landet, kvantum),
        sammenligningsgennemsnit=None if sammenligning is None else afrund_til(sammenligning, kvantum),
        forskel_pr_indbygger=afrund_til(forskel, kvantum),
        reduktion_kr=afrund_til(reduktion, Decimal(1)),
        reduktion_pct=afrund_til(pct, Decimal("0.1")),
        reduktion_til_sammenligning_kr=None
        if til_sammenligning is None
        else afrund_til(til_sammenligning, Decimal(1)),
        spor=spor,
    )


def _pr_indbygger(
    k: Kommunetal, gruppe: str, funktioner: str, refs: list[Regelreference], spor: Spor
) -> Decimal:
    n = f"{P}.{slug(k.kommune)}"
    spor.tilfoej(
        f"{n}.indbyggere",
        f"{k.kommune}: indbyggere {gruppe} år",
        "FOLK1A",
        Decimal(k.indbyggere),
        "indbyggere",
        regler=refs[1:],
    )
    if k.udgift_pr_indbygger is not None:
        return spor.tilfoej(
            f"{n}.pr_indbygger",
            f"{k.kommune}: udgift pr. {gruppe}-årig",
            "oplyst pr. indbygger",
            Decimal(k.udgift_pr_indbygger),
            "kr. pr. indbygger",
        )
    spor.tilfoej(
        f"{n}.udgift",
        f"{k.kommune}: nettodriftsudgift, funktion {funktioner}",
        "kommunens regnskab (Danmarks Statistik, REGK31)",
        Decimal(k.udgift),  # type: ignore[arg-type]
        "kr.",
        regler=refs[:1],
    )
    return spor.tilfoej(
        f"{n}.pr_indbygger",
        f"{k.kommune}: udgift pr. {gruppe}-årig",
        "nettodriftsudgift ÷ indbyggere",
        Decimal(k.udgift) / k.indbyggere,  # type: ignore[arg-type]
        "kr. pr. indbygger",
        {"nettodriftsudgift": spor.fra(f"{n}.udgift"), "indbyggere": spor.fra(f"{n}.indbyggere")},
    )


def _v(spor: Spor, noegle: str) -> Decimal:
    return Decimal(spor[noegle].resultat)


def _samlet(kommuner: list[Kommunetal], spor: Spor) -> tuple[Decimal, dict[str, Indgang | Decimal]]:
    """Σ udgift ÷ Σ indbyggere; a municipality given per inhabitant counts as that × its inhabitants."""
    udgift = sum(
        (_v(spor, f"{P}.{slug(k.kommune)}.pr_indbygger") * k.indbyggere for k in kommuner), Decimal(0)
    )
    indbyggere = sum(k.indbyggere for k in kommuner)
    return udgift / indbyggere, {"udgift i alt": udgift, "indbyggere i alt": Decimal(indbyggere)}


def _gennemsnit(g: Benchmarkgrundlag, spor: Spor, refs: list[Regelreference]) -> Decimal:
    if g.trykt_landsgennemsnit is not None:
        return spor.tilfoej(
            f"{P}.landsgennemsnit",
            "Landsgennemsnit pr. indbygger",
            "som trykt",
            Decimal(g.trykt_landsgennemsnit),
            "kr. pr. indbygger",
        )
    v, indgange = _samlet(list(g.kommuner), spor)
    return spor.tilfoej(
        f"{P}.landsgennemsnit",
        f"Gennemsnit for de {len(g.kommuner)} kommuner med tal",
        "Σ udgift ÷ Σ indbyggere",
        v,
        "kr. pr. indbygger",
        indgange,
        regler=refs,
    )


def _sammenligning(g: Benchmarkgrundlag, spor: Spor) -> Decimal:
    valgte = [k for k in g.kommuner if k.kommune in g.sammenligningskommuner]
    v, indgange = _samlet(valgte, spor)
    return spor.tilfoej(
        f"{P}.sammenligning",
        "Sammenligningskommunernes gennemsnit: " + ", ".join(k.kommune for k in valgte),
        "Σ udgift ÷ Σ indbyggere",
        v,
        "kr. pr. indbygger",
        indgange,
    )


def _reduktion(egen: Kommunetal, mod: str, forskel: str, noegle: str, spor: Spor) -> Decimal:
    n = f"{P}.{slug(egen.kommune)}"
    return spor.tilfoej(
        noegle,
        f"{egen.kommune}: reduktion for at nå {mod}",
        "forskel pr. indbygger × indbyggere",
        _v(spor, forskel) * egen.indbyggere,
        "kr.",
        {"forskel pr. indbygger": spor.fra(forskel), "indbyggere": spor.fra(f"{n}.indbyggere")},
    )


def tekst(r: Benchmarkresultat, kommune: str) -> str:
    """The finding in a sentence, as a committee paper says it."""
    return (
        f"{kommune} bruger {dansk_tal(r.pr_indbygger[kommune])} kr. pr. {r.aldersgruppe}-årig mod "
        f"landsgennemsnittets {dansk_tal(r.landsgennemsnit)} kr.; samme niveau som landsgennemsnittet "
        f"svarer til en reduktion på {dansk_tal(r.reduktion_kr)} kr. eller {dansk_tal(r.reduktion_pct)} %."
    )


CASEBEREGNING = Caseberegning(
    "benchmark",
    Benchmarkgrundlag,
    beregn_benchmark,
    "Udgift pr. indbygger i aldersgruppen mod landsgennemsnit og sammenligningskommuner",
)
