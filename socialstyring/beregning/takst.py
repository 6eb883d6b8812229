"""Rate calculation (takstberegning) for one tilbud and year — and, as a bulk path, for many
(`beregn_takster`: the same calculation without trace).

The rate covers all budgeted direct and indirect long-run costs (SEL § 174, stk. 1;
takstbekendtgørelsen § 2):

    takstberegningsgrundlag = direkte omkostninger + overhead (% af direkte omkostninger)
                              + efterregulering af tidligere års over-/underskud
    takst pr. dag           = takstberegningsgrundlag / (pladser × dage × belægning %)
    årspris pr. plads       = takst pr. dag × dage

A tilbud may have several services (ydelser), each with its own average rate, or a
package structure: a common base rate (grundtakst) plus a supplement per package, each
package reported as its total price. Add-on services (tillægsydelser) are hourly prices:
wage cost per hour plus the administration percentage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from pydantic import Field, model_validator

from socialstyring.beregning.budgetbelaegning import Belaegning, budgetteret_belaegning
from socialstyring.beregning.efterregulering import TidligereResultat, indregnet_regulering
from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Resultat, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, T, med_enhed
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.regler import Regelbog


class Omkostningsart(StrEnum):
    """Cost categories of the cost base (takstbekendtgørelsen § 2)."""

    DIREKTE_LOEN = "direkte_loen"
    OEVRIG_DRIFT = "oevrig_drift"
    HUSLEJE = "husleje"
    AFSKRIVNING = "afskrivning"
    FORRENTNING = "forrentning"
    TJENESTEMANDSPENSION = "tjenestemandspension"
    INDTAEGT = "indtaegt"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Omkostningsart.DIREKTE_LOEN: "Direkte lønudgifter",
    Omkostningsart.OEVRIG_DRIFT: "Øvrige direkte driftsudgifter",
    Omkostningsart.HUSLEJE: "Husleje",
    Omkostningsart.AFSKRIVNING: "Afskrivning på bygninger og inventar",
    Omkostningsart.FORRENTNING: "Forrentning af bygninger og inventar",
    Omkostningsart.TJENESTEMANDSPENSION: "Tjenestemandspensioner",
    Omkostningsart.INDTAEGT: "Andre indtægter (fradrages)",
}

OVERHEAD_DELE = {
    "administration": "Central ledelse og administration",
    "udvikling": "Udviklingsomkostninger",
    "dokumentation": "Dokumentation af kvalitet",
    "tilsyn": "Tilsyn",
}
"""Overhead components; each is a rulebook percentage `overhead.<del>_pct`."""
_OVERHEAD = tuple((d, label, f"overhead.{d}_pct") for d, label in OVERHEAD_DELE.items())
_ARTER = tuple(Omkostningsart)


class Budgetlinje(Inddata):
    art: Omkostningsart
    beloeb: Tal = Field(ge=0)  # positive; income is subtracted by its category
    tekst: str = ""


class Pakke(Inddata):
    """A service package: its own costs and the places budgeted in it."""

    navn: str
    pladser: Tal = Field(gt=0)
    budget: tuple[Budgetlinje, ...]


class Ydelse(Inddata):
    """One service of a tilbud with its own rate (or base rate and packages)."""

    navn: str
    pladstype: Pladstype
    pladser: Tal = Field(gt=0)
    budget: tuple[Budgetlinje, ...]
    belaegning: Belaegning
    regulering: tuple[TidligereResultat, ...] = ()
    pakker: tuple[Pakke, ...] = ()

    @model_validator(mode="after")
    def _pakkepladser(self) -> Ydelse:
        if self.pakker and sum(p.pladser for p in self.pakker) != self.pladser:
            raise ValueError(
                f"ydelsen '{self.navn}': pakkernes pladser "
                f"({sum(p.pladser for p in self.pakker)}) skal summe til ydelsens {self.pladser}"
            )
        return self


class Tillaegsydelse(Inddata):
    navn: str
    loen_pr_time: Tal = Field(gt=0)


class Takstgrundlag(Inddata):
    tilbud: str
    region: str
    aar: int = Field(ge=2007, le=2100)
    ydelser: tuple[Ydelse, ...] = ()
    tillaegsydelser: tuple[Tillaegsydelse, ...] = ()

    @model_validator(mode="after")
    def _noget_at_beregne(self) -> Takstgrundlag:
        if not self.ydelser and not self.tillaegsydelser:
            raise ValueError("angiv mindst én ydelse eller tillægsydelse")
        navne = [slug(y.navn) for y in self.ydelser] + [slug(t.navn) for t in self.tillaegsydelser]
        if len(navne) != len(set(navne)):
            raise ValueError("ydelser og tillægsydelser skal have forskellige navne")
        return self


class Pakketakst(Resultat):
    navn: str
    pladser: Decimal
    tillaeg_pr_dag: Decimal
    takst_pr_dag: Decimal  # grundtakst + tillæg: the package's total price per day
    aarspris: Decimal
    noegle: str


class Ydelsestakst(Resultat):
    """The rate of one service. Trace keys: `<noegle>.direkte`, `.overhead`, `.regulering`,
    `.grundlag`, `.belaegning`, `.dage`, `.belagte_dage`, `.takst`, `.aarspris`."""

    navn: str
    pladstype: Pladstype
    pladser: Decimal
    belaegning_pct: Decimal
    dage: int
    direkte: Decimal
    overhead: Decimal
    regulering: Decimal
    grundlag: Decimal
    takst_pr_dag: Decimal  # average rate, or the base rate when there are packages
    aarspris: Decimal
    pakker: tuple[Pakketakst, ...]
    noegle: str


class Tillaegstakst(Resultat):
    navn: str
    loen_pr_time: Decimal
    timepris: Decimal
    noegle: str


class Takstresultat(ResultatMedRegler):
    tilbud: str
    region: str
    aar: int
    ydelser: tuple[Ydelsestakst, ...]
    tillaeg: tuple[Tillaegstakst, ...]
    advarsler: tuple[str, ...] = ()
    spor: Spor


def beregn_takst(grundlag: Takstgrundlag, bog: Regelbog) -> Takstresultat:
    """Compute every rate of a tilbud for a year from its budget, under its region's rules."""
    regler = Regler(bog, grundlag.region, date(grundlag.aar, 1, 1))
    spor = Spor()
    advarsler: list[str] = []
    ydelser = tuple(_ydelse(y, grundlag.aar, regler, spor, advarsler) for y in grundlag.ydelser)
    tillaeg = tuple(_tillaeg(t, regler, spor) for t in grundlag.tillaegsydelser)
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Takstresultat(
        tilbud=grundlag.tilbud,
        region=grundlag.region,
        aar=grundlag.aar,
        ydelser=ydelser,
        tillaeg=tillaeg,
        advarsler=tuple(advarsler),
        spor=spor,
    )


# --- the bulk path: every rate of many offers, no trace ---------------------------------------


@dataclass(frozen=True)
class Tilbudstakster:
    """One offer's rates from the bulk path: the same services, packages and add-ons as
    `beregn_takst`'s result, without the trace (`beregn_takst` of the offer alone gives it)."""

    tilbud: str
    region: str
    aar: int
    ydelser: tuple[Ydelsestakst, ...]
    tillaeg: tuple[Tillaegstakst, ...]
    advarsler: tuple[str, ...]


class _Resultattrin:
    __slots__ = ("resultat",)

    def __init__(self, resultat: Decimal | int | str) -> None:
        self.resultat = resultat


_INGEN_INDGANG = Indgang(0)
_MANGLER = object()


class _Usporet(Spor):
    """A trace that keeps only each step's result: the calculation reads the earlier steps'
    results as always, nothing else is recorded."""

    def tilfoej(
        self,
        noegle: str,
        label: str,
        formel: str,
        resultat: T,
        enhed: str,
        input: Mapping[str, Indgang | Decimal | int | str] | None = None,
        regler: tuple[Regelreference, ...] | list[Regelreference] = (),
        bemaerkning: str | None = None,
    ) -> T:
        self._indeks[noegle] = _Resultattrin(resultat)  # type: ignore[assignment]
        return resultat

    def fra(self, noegle: str) -> Indgang:
        return _INGEN_INDGANG


@dataclass(frozen=True)
class _HuskedeRegler(Regler):
    """The rulebook's values for one agreement and date, each looked up once for all offers;
    `brugte` collects the references an offer used (for its warnings)."""

    _husk: dict[tuple[str, str], object] = field(default_factory=dict, compare=False, repr=False)
    brugte: list[Regelreference] = field(default_factory=list, compare=False, repr=False)

    def _hent(self, art: str, navn: str) -> object:
        noegle = (art, navn)
        v = self._husk.get(noegle, _MANGLER)
        if v is _MANGLER:
            match art:
                case "tal":
                    v = super().tal(navn)
                case "heltal":
                    v = super().heltal(navn)
                case "tekst":
                    v = super().tekst(navn)
                case _:
                    v = super().tal_hvis_fastsat(navn)
            self._husk[noegle] = v
        if v is not None:
            self.brugte.append(v[1])  # type: ignore[index]
        return v

    def tal(self, navn: str) -> tuple[Decimal, Regelreference]:
        return self._hent("tal", navn)  # type: ignore[return-value]

    def heltal(self, navn: str) -> tuple[int, Regelreference]:
        return self._hent("heltal", navn)  # type: ignore[return-value]

    def tekst(self, navn: str) -> tuple[str, Regelreference]:
        return self._hent("tekst", navn)  # type: ignore[return-value]

    def tal_hvis_fastsat(self, navn: str) -> tuple[Decimal, Regelreference] | None:
        return self._hent("fastsat", navn)  # type: ignore[return-value]


def beregn_takster(grundlagene: Iterable[Takstgrundlag], bog: Regelbog) -> list[Tilbudstakster]:
    """Every rate of many offers (e.g. a whole year of an agreement) without trace: the same
    calculation as `beregn_takst` (the same functions), with each rule value looked up once per
    agreement and year and no steps recorded. An offer's trace is `beregn_takst` of it alone;
    its rates are these to the øre. The cyclic garbage collector pauses while it runs (the
    results hold no cycles)."""
    regler: dict[tuple[str, int], _HuskedeRegler] = {}
    ud: list[Tilbudstakster] = []
    paa = gc.isenabled()
    gc.disable()
    try:
        for g in grundlagene:
            r = regler.get((g.region, g.aar))
            if r is None:
                r = regler[(g.region, g.aar)] = _HuskedeRegler(bog, g.region, date(g.aar, 1, 1))
            r.brugte.clear()
            spor = _Usporet()
            advarsler: list[str] = []
            ydelser = tuple(_ydelse(y, g.aar, r, spor, advarsler) for y in g.ydelser)
            tillaeg = tuple(_tillaeg(t, r, spor) for t in g.tillaegsydelser)
            set_: dict[tuple[str, str], Regelreference] = {}
            for ref in r.brugte:
                set_.setdefault((ref.parameter, ref.lag), ref)
            advarsler.extend(ref.advarsel for ref in set_.values() if ref.advarsel)
            ud.append(Tilbudstakster(g.tilbud, g.region, g.aar, ydelser, tillaeg, tuple(advarsler)))
    finally:
        if paa:
            gc.enable()
    return ud


@lru_cache(maxsize=4096)
def _slug(navn: str) -> str:
    """`slug`, remembered: services of many offers share their names."""
    return slug(navn)


def _ydelse(y: Ydelse, aar: int, regler: Regler, spor: Spor, advarsler: list[str]) -> Ydelsestakst:
    p = f"ydelse.{_slug(y.navn)}"
    afrunding, ref_afrunding = _afrunding(regler)
    dage = _dage(aar, regler, spor, p)
    belaegning, nye = budgetteret_belaegning(y.belaegning, aar, regler, spor, p)
    advarsler.extend(f"{y.navn}: {a}" for a in nye)
    direkte = _direkte(y.budget, spor, p, f"{y.navn}")
    overhead = _overhead(direkte, regler, spor, p)
    regulering = indregnet_regulering(y.regulering, aar, regler, spor, p)
    beregningsgrundlag = spor.tilfoej(
        f"{p}.grundlag",
        "Takstberegningsgrundlag" + (" for grundtaksten" if y.pakker else ""),
        "direkte omkostninger + overhead + efterregulering",
        direkte + overhead + regulering,
        "kr.",
        {
            "direkte omkostninger": spor.fra(f"{p}.direkte"),
            "overhead": spor.fra(f"{p}.overhead"),
            "efterregulering": spor.fra(f"{p}.regulering"),
        },
    )
    belagte = _belagte_dage(y.pladser, p, spor, p)
    takst = spor.tilfoej(
        f"{p}.takst",
        ("Grundtakst" if y.pakker else "Gennemsnitstakst") + f" pr. {y.pladstype.label}",
        f"takstberegningsgrundlag / belagte dage, afrundet til {afrunding.tekst}",
        afrund(beregningsgrundlag / belagte, afrunding),
        y.pladstype.enhed,
        {
            "takstberegningsgrundlag": spor.fra(f"{p}.grundlag"),
            "belagte dage": spor.fra(f"{p}.belagte_dage"),
        },
        [ref_afrunding],
    )
    aarspris = _aarspris(takst, dage, spor, p)
    pakker = tuple(_pakke(pk, takst, dage, afrunding, ref_afrunding, regler, spor, p) for pk in y.pakker)
    return Ydelsestakst(
        navn=y.navn,
        pladstype=y.pladstype,
        pladser=y.pladser,
        belaegning_pct=belaegning,
        dage=dage,
        direkte=direkte,
        overhead=overhead,
        regulering=regulering,
        grundlag=beregningsgrundlag,
        takst_pr_dag=takst,
        aarspris=aarspris,
        pakker=pakker,
        noegle=p,
    )


def _pakke(
    pk: Pakke,
    grundtakst: Decimal,
    dage: int,
    afrunding: Afrunding,
    ref_afrunding: Regelreference,
    regler: Regler,
    spor: Spor,
    ydelse: str,
) -> Pakketakst:
    p = f"{ydelse}.pakke.{_slug(pk.navn)}"
    direkte = _direkte(pk.budget, spor, p, f"pakke {pk.navn}")
    overhead = _overhead(direkte, regler, spor, p)
    grundlag = spor.tilfoej(
        f"{p}.grundlag",
        f"Takstberegningsgrundlag for pakke {pk.navn}",
        "direkte omkostninger + overhead",
        direkte + overhead,
        "kr.",
        {"direkte omkostninger": spor.fra(f"{p}.direkte"), "overhead": spor.fra(f"{p}.overhead")},
    )
    belagte = _belagte_dage(pk.pladser, ydelse, spor, p)
    tillaeg = spor.tilfoej(
        f"{p}.tillaeg",
        f"Pakketillæg {pk.navn} pr. dag",
        f"pakkens grundlag / pakkens belagte dage, afrundet til {afrunding.tekst}",
        afrund(grundlag / belagte, afrunding),
        "kr./dag",
        {
            "pakkens grundlag": spor.fra(f"{p}.grundlag"),
            "belagte dage": spor.fra(f"{p}.belagte_dage"),
        },
        [ref_afrunding],
    )
    samlet = spor.tilfoej(
        f"{p}.takst",
        f"Samlet takst for pakke {pk.navn} pr. dag",
        "grundtakst + pakketillæg",
        grundtakst + tillaeg,
        "kr./dag",
        {"grundtakst": spor.fra(f"{ydelse}.takst"), "pakketillæg": spor.fra(f"{p}.tillaeg")},
    )
    aarspris = _aarspris(samlet, dage, spor, p)
    return Pakketakst(
        navn=pk.navn,
        pladser=pk.pladser,
        tillaeg_pr_dag=tillaeg,
        takst_pr_dag=samlet,
        aarspris=aarspris,
        noegle=p,
    )


def _tillaeg(t: Tillaegsydelse, regler: Regler, spor: Spor) -> Tillaegstakst:
    """Hourly add-on price = wage cost per hour + the administration percentage."""
    p = f"tillaeg.{_slug(t.navn)}"
    pct, ref_pct = regler.tal("overhead.administration_pct")
    afrunding, ref_afrunding = _afrunding(regler)
    administration = spor.tilfoej(
        f"{p}.administration",
        f"Administration på {t.navn}",
        "løn pr. time × administrationsprocent",
        procent_af(t.loen_pr_time, pct),
        "kr./time",
        {"løn pr. time": med_enhed(t.loen_pr_time, "kr./time"), "administration %": med_enhed(pct, "%")},
        [ref_pct],
    )
    timepris = spor.tilfoej(
        f"{p}.timepris",
        f"Timepris for {t.navn}",
        f"løn pr. time + administration, afrundet til {afrunding.tekst}",
        afrund(t.loen_pr_time + administration, afrunding),
        "kr./time",
        {
            "løn pr. time": med_enhed(t.loen_pr_time, "kr./time"),
            "administration": spor.fra(f"{p}.administration"),
        },
        [ref_afrunding],
    )
    return Tillaegstakst(navn=t.navn, loen_pr_time=t.loen_pr_time, timepris=timepris, noegle=p)


def _direkte(budget: tuple[Budgetlinje, ...], spor: Spor, p: str, hvad: str) -> Decimal:
    pr_art: dict[Omkostningsart, list[Budgetlinje]] = {}
    for b in budget:
        pr_art.setdefault(b.art, []).append(b)
    sporer = not isinstance(spor, _Usporet)
    dele: dict[str, Decimal] = {}  # the categories' keys (in the categories' order) → amount
    for art in _ARTER:
        linjer = pr_art.get(art)
        if not linjer:
            continue
        fortegn = -1 if art is Omkostningsart.INDTAEGT else 1
        noegle = f"{p}.omk.{art.value}"
        beloeb = fortegn * sum((b.beloeb for b in linjer), NUL)
        if sporer:
            spor.tilfoej(
                noegle,
                f"{art.label} ({hvad})",
                ("−" if fortegn < 0 else "") + "sum af budgetlinjer",
                beloeb,
                "kr.",
                {b.tekst or f"linje {i}": med_enhed(b.beloeb, "kr.") for i, b in enumerate(linjer, start=1)},
            )
        dele[noegle] = beloeb
    total = sum(dele.values(), NUL)
    return spor.tilfoej(
        f"{p}.direkte",
        f"Direkte omkostninger ({hvad})",
        "sum af omkostningsarter (indtægter fradraget)",
        total,
        "kr.",
        {n.rsplit(".", 1)[1]: spor.fra(n) for n in dele} if sporer else None,
    )


def _overhead(direkte: Decimal, regler: Regler, spor: Spor, p: str) -> Decimal:
    """Indirect costs as rulebook percentages of the direct costs, each rounded to øre."""
    sporer = not isinstance(spor, _Usporet)
    dele: dict[str, Decimal] = {}  # the parts' keys → amount
    for del_, label, parameter in _OVERHEAD:
        fastsat = regler.tal_hvis_fastsat(parameter)
        if fastsat is None:
            continue
        pct, ref = fastsat
        noegle = f"{p}.overhead.{del_}"
        beloeb = afrund(procent_af(direkte, pct), Afrunding.OERE)
        if sporer:
            spor.tilfoej(
                noegle,
                label,
                "direkte omkostninger × procentsats",
                beloeb,
                "kr.",
                {"direkte omkostninger": spor.fra(f"{p}.direkte"), "procentsats": med_enhed(pct, "%")},
                [ref],
            )
        dele[noegle] = beloeb
    if not dele:
        raise KeyError(f"regelbogen har ingen overheadprocenter (overhead.*_pct) for {regler.region}")
    total = sum(dele.values(), NUL)
    if not sporer:
        return spor.tilfoej(f"{p}.overhead", "", "", total, "kr.")
    return spor.tilfoej(
        f"{p}.overhead",
        "Overhead (indirekte omkostninger) i alt",
        " + ".join(n.rsplit(".", 1)[1] for n in dele),
        total,
        "kr.",
        {n.rsplit(".", 1)[1]: spor.fra(n) for n in dele},
    )


def _dage(aar: int, regler: Regler, spor: Spor, p: str) -> int:
    dage, metode, ref = dage_i_aaret(aar, regler)
    return spor.tilfoej(
        f"{p}.dage",
        "Dage i året",
        "365" if metode == "365" else f"kalenderdage i {aar}",
        dage,
        "dage",
        regler=[ref],
    )


def _belagte_dage(pladser: Decimal, ydelse: str, spor: Spor, p: str) -> Decimal:
    """Places × days × occupancy; days and occupancy come from the service's steps."""
    dage, belaegning = spor[f"{ydelse}.dage"].resultat, spor[f"{ydelse}.belaegning"].resultat
    assert isinstance(dage, int) and isinstance(belaegning, Decimal)
    return spor.tilfoej(
        f"{p}.belagte_dage",
        "Forventede belagte dage",
        "pladser × dage × belægningsprocent / 100",
        procent_af(pladser * dage, belaegning),
        "dage",
        {
            "pladser": med_enhed(pladser, "pladser"),
            "dage": spor.fra(f"{ydelse}.dage"),
            "belægningsprocent": spor.fra(f"{ydelse}.belaegning"),
        },
    )


def _aarspris(takst: Decimal, dage: int, spor: Spor, p: str) -> Decimal:
    return spor.tilfoej(
        f"{p}.aarspris",
        "Årspris pr. plads",
        "takst pr. dag × dage",
        takst * dage,
        "kr.",
        {"takst": spor.fra(f"{p}.takst"), "dage": med_enhed(dage, "dage")},
    )


def _afrunding(regler: Regler) -> tuple[Afrunding, Regelreference]:
    tekst, ref = regler.tekst("takst.afrunding")
    return Afrunding(tekst), ref


CASEBEREGNING = Caseberegning("takst", Takstgrundlag, beregn_takst, "Takstberegning for et tilbud og år")
