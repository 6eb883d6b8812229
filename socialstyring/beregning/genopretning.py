"""A multi-year reduction plan (økonomisk genopretning): yearly reduction targets, the
initiatives that are to meet them, a line of expected but not yet allocated effect, and what
is still outstanding.

Source: "Økonomisk genopretning af myndighedsområderne. Beskrivelse af initiativer – status
april 2021", Økonomioversigt. Signs as printed there: a target and a saving are negative.

Per year, in the plan's unit (the seed's table: 1.000 kr.):

    effekt i alt            = initiativernes effekt + ufordelt
    netto-udestående        = reduktionsmål − effekt i alt          (the plan's table, as printed)
    effektivt mål           = reduktionsmål + overført manko fra året før
    manko                   = min(0, effektivt mål − effekt i alt)   (still to be found)
    overskydende effekt     = min(0, effekt i alt − effektivt mål)   (beyond the target)
    øremærket effekt        = effekt i alt − overskydende effekt
    overført til næste år   = manko, when the plan carries its shortfall forward

The plan's own decisions, kept as the plan's settings (not rules of law): "i det omfang det
enkelte års udgiftsreduktion ikke bliver opnået, overføres det og lægges oveni
reduktionsmålet for det efterfølgende år" (`overfoer_manko`), and the effects are earmarked
to the plan until its target is met; only the excess goes to the general budget. The seed's
table itself shows the net outstanding without carry-forward (2021 is met exactly); the
result gives both.

Follow-up by quarter: a quarter's expected effect is the year's expected effect ÷ 4, unless
the initiative's expected effect is given by quarter. A year's effect on realised figures is
the realised quarters plus the expected effect of the quarters not yet realised; the plan is
recomputed on those (`realiseret`) when any quarter is realised. An initiative's status
does not change the figures (an abandoned initiative's effect is set to 0 by the user).

Pure: no Django, no I/O; amounts exact (Decimal), every figure a trace step.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import (
    Caseberegning,
    Inddata,
    Noegler,
    Resultat,
    ResultatMedRegler,
    Tal,
)
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.spor import Spor, med_enhed
from socialstyring.regler import Regelbog

KVARTALER = (1, 2, 3, 4)
KILDE = (
    "Økonomisk genopretning af myndighedsområderne. Beskrivelse af initiativer – status april 2021, "
    "Økonomioversigt"
)


class Initiativstatus(StrEnum):
    """Where an initiative stands (the web's choices)."""

    PLANLAGT = "planlagt"
    IGANGSAT = "igangsat"
    UNDER_ANALYSE = "under_analyse"
    UDMOENTET = "udmoentet"
    AFSLUTTET = "afsluttet"
    OPGIVET = "opgivet"

    @property
    def tekst(self) -> str:
        return {
            "planlagt": "Planlagt",
            "igangsat": "Igangsat",
            "under_analyse": "Under analyse",
            "udmoentet": "Udmøntet",
            "afsluttet": "Afsluttet",
            "opgivet": "Opgivet",
        }[self.value]


class Aarsbeloeb(Inddata):
    """An amount of a year (a target, an unallocated effect)."""

    aar: int = Field(ge=2000, le=2100)
    beloeb: Tal


class Effekt(Inddata):
    """An initiative's expected effect in a year (negative: a saving); optionally by quarter
    (four amounts that add up to the year's)."""

    aar: int = Field(ge=2000, le=2100)
    forventet: Tal
    forventet_pr_kvartal: tuple[Tal, Tal, Tal, Tal] | None = None

    @model_validator(mode="after")
    def _kvartaler_summer(self) -> Effekt:
        if self.forventet_pr_kvartal is not None and sum(self.forventet_pr_kvartal, NUL) != self.forventet:
            raise ValueError(
                f"{self.aar}: kvartalerne ({sum(self.forventet_pr_kvartal, NUL)}) summer ikke til årets "
                f"forventede effekt ({self.forventet})"
            )
        return self


class Realiseret(Inddata):
    """An initiative's realised effect in a quarter."""

    aar: int = Field(ge=2000, le=2100)
    kvartal: int = Field(ge=1, le=4)
    beloeb: Tal


class Initiativ(Inddata):
    navn: str = Field(min_length=1, max_length=200)
    ansvarlig: str = ""
    status: Initiativstatus = Initiativstatus.IGANGSAT
    effekter: tuple[Effekt, ...] = ()
    realiseret: tuple[Realiseret, ...] = ()


class Genopretningsgrundlag(Inddata):
    """A reduction plan: its years' targets, initiatives and unallocated effect."""

    navn: str = Field(min_length=1)
    enhed: str = "1.000 kr."
    maal: tuple[Aarsbeloeb, ...] = Field(min_length=1, description="reduktionsmål pr. år (negative)")
    initiativer: tuple[Initiativ, ...] = ()
    ufordelt: tuple[Aarsbeloeb, ...] = ()
    overfoer_manko: bool = Field(
        default=True,
        description="et års manko lægges oveni næste års reduktionsmål (planens beslutning)",
    )
    kilde_overfoersel: str = KILDE

    @model_validator(mode="after")
    def _tjek(self) -> Genopretningsgrundlag:
        aarene = [m.aar for m in self.maal]
        if len(set(aarene)) != len(aarene):
            raise ValueError("hvert år må kun have ét reduktionsmål")
        if sorted(aarene) != list(range(min(aarene), max(aarene) + 1)):
            raise ValueError(f"planens år skal følge efter hinanden uden huller (der er {aarene})")
        for m in self.maal:
            if m.beloeb > 0:
                raise ValueError(f"reduktionsmålet for {m.aar} skal være negativt eller 0 (en besparelse)")
        for u in self.ufordelt:
            if u.aar not in aarene:
                raise ValueError(f"ufordelt effekt for {u.aar}, som ikke er et af planens år")
        if len({u.aar for u in self.ufordelt}) != len(self.ufordelt):
            raise ValueError("hvert år må kun have én ufordelt effekt")
        navne = [i.navn for i in self.initiativer]
        if len(set(navne)) != len(navne):
            raise ValueError("hvert initiativ skal have sit eget navn")
        for i in self.initiativer:
            e_aar = [e.aar for e in i.effekter]
            if len(set(e_aar)) != len(e_aar):
                raise ValueError(f"{i.navn}: hvert år må kun have én forventet effekt")
            if fremmede := sorted(set(e_aar) - set(aarene)):
                raise ValueError(f"{i.navn}: effekt for {fremmede}, som ikke er planens år")
            kv = [(r.aar, r.kvartal) for r in i.realiseret]
            if len(set(kv)) != len(kv):
                raise ValueError(f"{i.navn}: hvert kvartal må kun have ét realiseret beløb")
            if fremmede := sorted({a for a, _ in kv} - set(aarene)):
                raise ValueError(f"{i.navn}: realiseret effekt for {fremmede}, som ikke er planens år")
        return self


class Aarslinje(Resultat):
    """One year of the plan (see the module for the formulas)."""

    aar: int
    maal: Decimal
    overfoert: Decimal
    effektivt_maal: Decimal
    initiativer: dict[str, Decimal]
    initiativer_i_alt: Decimal
    ufordelt: Decimal
    effekt_i_alt: Decimal
    netto_udestaaende: Decimal
    manko: Decimal
    oeremaerket: Decimal
    overskydende: Decimal
    overfoeres: Decimal


class Planberegning(Resultat):
    """The plan's years on one basis (expected, or realised where realised)."""

    grundlag: str  # "forventet" or "realiseret"
    aarene: list[Aarslinje]
    manko_ved_udloeb: Decimal


class Kvartal(Resultat):
    """An initiative's quarter: expected, realised (None: not entered) and the deviation."""

    initiativ: str
    aar: int
    kvartal: int
    forventet: Decimal
    realiseret: Decimal | None
    afvigelse: Decimal | None


class Genopretningsresultat(ResultatMedRegler):
    navn: str
    enhed: str
    overfoer_manko: bool
    forventet: Planberegning
    realiseret: Planberegning | None
    opfoelgning: list[Kvartal]
    noegler: dict[str, str]  # an initiative's name → its key in the trace's step keys
    spor: Spor


def _kvartaler(e: Effekt | None) -> tuple[Decimal, ...]:
    if e is None:
        return (NUL,) * 4
    if e.forventet_pr_kvartal is not None:
        return tuple(e.forventet_pr_kvartal)
    return (e.forventet / 4,) * 4


def beregn_genopretning(g: Genopretningsgrundlag, bog: Regelbog | None = None) -> Genopretningsresultat:
    """The plan on expected figures, the follow-up by quarter and, when any quarter is
    realised, the plan on realised figures (see the module). `bog` is not used: the plan's
    rules are its own settings."""
    spor = Spor()
    enhed = g.enhed
    noegle = Noegler()
    aarene = sorted(m.aar for m in g.maal)
    effekter = {(i.navn, e.aar): e for i in g.initiativer for e in i.effekter}
    realiseret = {(i.navn, r.aar, r.kvartal): r.beloeb for i in g.initiativer for r in i.realiseret}

    # Follow-up by quarter: expected (÷ 4 or as given), realised, deviation.
    opfoelgning: list[Kvartal] = []
    for i in g.initiativer:
        n = noegle(i.navn)
        for aar in aarene:
            e = effekter.get((i.navn, aar))
            for kv, forventet in zip(KVARTALER, _kvartaler(e), strict=True):
                q = f"genopretning.kvartal.{n}.{aar}.{kv}"
                if e is not None and e.forventet_pr_kvartal is not None:
                    spor.tilfoej(
                        f"{q}.forventet",
                        f"{i.navn}: forventet {kv}. kvartal {aar}",
                        "angivet pr. kvartal",
                        forventet,
                        enhed,
                    )
                else:
                    spor.tilfoej(
                        f"{q}.forventet",
                        f"{i.navn}: forventet {kv}. kvartal {aar}",
                        "årets forventede effekt ÷ 4",
                        forventet,
                        enhed,
                        {f"forventet {aar}": med_enhed(e.forventet if e else NUL, enhed)},
                    )
                r = realiseret.get((i.navn, aar, kv))
                afvigelse = None
                if r is not None:
                    spor.tilfoej(
                        f"{q}.realiseret", f"{i.navn}: realiseret {kv}. kvartal {aar}", "indtastet", r, enhed
                    )
                    afvigelse = spor.tilfoej(
                        f"{q}.afvigelse",
                        f"{i.navn}: realiseret − forventet {kv}. kvartal {aar}",
                        "realiseret − forventet",
                        r - forventet,
                        enhed,
                        {"realiseret": spor.fra(f"{q}.realiseret"), "forventet": spor.fra(f"{q}.forventet")},
                    )
                opfoelgning.append(
                    Kvartal(
                        initiativ=i.navn,
                        aar=aar,
                        kvartal=kv,
                        forventet=forventet,
                        realiseret=r,
                        afvigelse=afvigelse,
                    )
                )

    plan = _plan(g, "forventet", aarene, noegle, spor)
    real = _plan(g, "realiseret", aarene, noegle, spor) if realiseret else None
    return Genopretningsresultat(
        navn=g.navn,
        enhed=enhed,
        overfoer_manko=g.overfoer_manko,
        forventet=plan,
        realiseret=real,
        opfoelgning=opfoelgning,
        noegler={i.navn: noegle(i.navn) for i in g.initiativer},
        spor=spor,
    )


def _plan(
    g: Genopretningsgrundlag, grundlag: str, aarene: list[int], noegle: Noegler, spor: Spor
) -> Planberegning:
    """The plan's years on `grundlag` ("forventet" or "realiseret"), carrying each year's
    shortfall into the next when the plan says so."""
    enhed = g.enhed
    maal = {m.aar: m.beloeb for m in g.maal}
    ufordelt = {u.aar: u.beloeb for u in g.ufordelt}
    effekter = {(i.navn, e.aar): e for i in g.initiativer for e in i.effekter}
    real = {(i.navn, r.aar, r.kvartal) for i in g.initiativer for r in i.realiseret}
    p = f"genopretning.{grundlag}"
    linjer: list[Aarslinje] = []
    forrige: str | None = None
    for aar in aarene:
        q = f"{p}.{aar}"
        spor.tilfoej(f"{q}.maal", f"Reduktionsmål {aar}", "planens reduktionsmål", maal[aar], enhed)
        if forrige is not None and g.overfoer_manko:
            overfoert = spor.tilfoej(
                f"{q}.overfoert",
                f"Manko overført fra {aar - 1}",
                f"manko {aar - 1}",
                Decimal(spor[f"{forrige}.manko"].resultat),
                enhed,
                {f"manko {aar - 1}": spor.fra(f"{forrige}.manko")},
                bemaerkning=f"Årets manko lægges oveni næste års reduktionsmål ({g.kilde_overfoersel}).",
            )
        else:
            grund = "planens første år" if forrige is None else "planen overfører ikke manko"
            overfoert = spor.tilfoej(f"{q}.overfoert", f"Manko overført fra {aar - 1}", grund, NUL, enhed)
        effektivt = spor.tilfoej(
            f"{q}.effektivt_maal",
            f"Effektivt reduktionsmål {aar}",
            "reduktionsmål + overført manko",
            maal[aar] + overfoert,
            enhed,
            {"reduktionsmål": spor.fra(f"{q}.maal"), "overført manko": spor.fra(f"{q}.overfoert")},
        )
        pr_initiativ: dict[str, Decimal] = {}
        for i in g.initiativer:
            n = noegle(i.navn)
            e = effekter.get((i.navn, aar))
            kq = f"genopretning.kvartal.{n}.{aar}"
            if grundlag == "realiseret" and any((i.navn, aar, kv) in real for kv in KVARTALER):
                arter = {kv: "realiseret" if (i.navn, aar, kv) in real else "forventet" for kv in KVARTALER}
                navne = {f"{art} {kv}. kvt.": f"{kq}.{kv}.{art}" for kv, art in arter.items()}
                v = sum((spor[t].resultat for t in navne.values()), NUL)
                assert isinstance(v, Decimal)
                pr_initiativ[i.navn] = spor.tilfoej(
                    f"{q}.initiativ.{n}",
                    f"{i.navn} {aar} (realiseret, resten forventet)",
                    " + ".join(navne),
                    v,
                    enhed,
                    {navn: spor.fra(t) for navn, t in navne.items()},
                )
            else:
                pr_initiativ[i.navn] = spor.tilfoej(
                    f"{q}.initiativ.{n}",
                    f"{i.navn} {aar}",
                    "forventet effekt" if e else "ingen effekt angivet",
                    e.forventet if e else NUL,
                    enhed,
                )
        init_i_alt = spor.tilfoej(
            f"{q}.initiativer",
            f"Initiativernes effekt {aar}",
            " + ".join(pr_initiativ) if pr_initiativ else "ingen initiativer",
            sum(pr_initiativ.values(), NUL),
            enhed,
            {navn: spor.fra(f"{q}.initiativ.{noegle(navn)}") for navn in pr_initiativ},
        )
        ufo = spor.tilfoej(
            f"{q}.ufordelt",
            f"Forventet, men p.t. ufordelt {aar}",
            "planens ufordelte effekt",
            ufordelt.get(aar, NUL),
            enhed,
        )
        effekt = spor.tilfoej(
            f"{q}.effekt",
            f"Effekt i alt {aar}",
            "initiativer + ufordelt",
            init_i_alt + ufo,
            enhed,
            {"initiativer": spor.fra(f"{q}.initiativer"), "ufordelt": spor.fra(f"{q}.ufordelt")},
        )
        netto = spor.tilfoej(
            f"{q}.netto_udestaaende",
            f"Netto-udestående {aar} (planens tabel)",
            "reduktionsmål − effekt i alt",
            maal[aar] - effekt,
            enhed,
            {"reduktionsmål": spor.fra(f"{q}.maal"), "effekt": spor.fra(f"{q}.effekt")},
            bemaerkning="Som i planens økonomioversigt: uden overført manko.",
        )
        manko = spor.tilfoej(
            f"{q}.manko",
            f"Manko {aar} (med overførsel)",
            "min(0, effektivt mål − effekt i alt)",
            min(NUL, effektivt - effekt),
            enhed,
            {"effektivt mål": spor.fra(f"{q}.effektivt_maal"), "effekt": spor.fra(f"{q}.effekt")},
        )
        overskud = spor.tilfoej(
            f"{q}.overskydende",
            f"Overskydende effekt {aar} til den øvrige økonomi",
            "min(0, effekt i alt − effektivt mål)",
            min(NUL, effekt - effektivt),
            enhed,
            {"effekt": spor.fra(f"{q}.effekt"), "effektivt mål": spor.fra(f"{q}.effektivt_maal")},
            bemaerkning="Effekten er øremærket planen, til målet er nået; kun det overskydende går til "
            "den øvrige økonomistyring.",
        )
        oeremaerket = spor.tilfoej(
            f"{q}.oeremaerket",
            f"Øremærket effekt {aar}",
            "effekt i alt − overskydende effekt",
            effekt - overskud,
            enhed,
            {"effekt": spor.fra(f"{q}.effekt"), "overskydende": spor.fra(f"{q}.overskydende")},
        )
        linjer.append(
            Aarslinje(
                aar=aar,
                maal=maal[aar],
                overfoert=overfoert,
                effektivt_maal=effektivt,
                initiativer=pr_initiativ,
                initiativer_i_alt=init_i_alt,
                ufordelt=ufo,
                effekt_i_alt=effekt,
                netto_udestaaende=netto,
                manko=manko,
                oeremaerket=oeremaerket,
                overskydende=overskud,
                overfoeres=manko if g.overfoer_manko and aar != aarene[-1] else NUL,
            )
        )
        forrige = q
    sidste = linjer[-1]
    udloeb = spor.tilfoej(
        f"{p}.manko_ved_udloeb",
        f"Manko ved planens udløb ({sidste.aar})",
        f"manko {sidste.aar}",
        sidste.manko,
        enhed,
        {f"manko {sidste.aar}": spor.fra(f"{p}.{sidste.aar}.manko")},
    )
    return Planberegning(grundlag=grundlag, aarene=linjer, manko_ved_udloeb=udloeb)


def _beregn(g: Genopretningsgrundlag, bog: Regelbog) -> Genopretningsresultat:
    return beregn_genopretning(g, bog)


CASEBEREGNING = Caseberegning(
    "genopretning",
    Genopretningsgrundlag,
    _beregn,
    "Genopretningsplan: reduktionsmål, initiativer, ufordelt effekt og netto-udestående pr. år, "
    "med overført manko",
)


class Tabelraekke(Resultat):
    """A row of the plan's table (years across): its text, each year's trace key and value."""

    tekst: str
    noegler: list[str]
    vaerdier: list[Decimal]
    total: bool = False
    initiativ: str | None = None  # the initiative's name on an initiative's row


def tabel(r: Genopretningsresultat, plan: Planberegning) -> list[Tabelraekke]:
    """The plan's table as the plan prints it (targets, initiatives, unallocated, net
    outstanding), then what carrying the shortfall forward gives: the rows a page, a workbook
    and a PDF show."""
    p = f"genopretning.{plan.grundlag}"

    def raekke(tekst: str, trin: str, felt: str, total: bool = False) -> Tabelraekke:
        return Tabelraekke(
            tekst=tekst,
            noegler=[f"{p}.{a.aar}.{trin}" for a in plan.aarene],
            vaerdier=[getattr(a, felt) for a in plan.aarene],
            total=total,
        )

    initiativer = [
        Tabelraekke(
            tekst=navn,
            noegler=[f"{p}.{a.aar}.initiativ.{n}" for a in plan.aarene],
            vaerdier=[a.initiativer[navn] for a in plan.aarene],
            initiativ=navn,
        )
        for navn, n in r.noegler.items()
    ]
    return [
        raekke("Reduktionsmål", "maal", "maal", total=True),
        *initiativer,
        raekke("Forventet, men p.t. ufordelt", "ufordelt", "ufordelt"),
        raekke("Effekt i alt", "effekt", "effekt_i_alt"),
        raekke("Netto-udestående", "netto_udestaaende", "netto_udestaaende", total=True),
        raekke("Manko overført fra året før", "overfoert", "overfoert"),
        raekke("Effektivt reduktionsmål", "effektivt_maal", "effektivt_maal"),
        raekke("Manko med overførsel", "manko", "manko", total=True),
        raekke("Øremærket effekt", "oeremaerket", "oeremaerket"),
        raekke("Overskydende effekt til den øvrige økonomi", "overskydende", "overskydende"),
    ]
