"""Expenditure forecast for an area (udgiftsprognose): the central case, year by year.

For each year t of the forecast (the base year + 1 … + the rulebook's `prognose.aar`), in the
base year's prices unless said otherwise:

    kendte borgere   = Σ kendt borgers årlige udgift
    afgang           = −Σ årlig udgift × (1 − andel af år t, borgeren er der)
                       andel: kendt ophørsdato → dage til og med ophør i t ÷ dage i t (0 efter);
                       ellers (1 − afgangssandsynlighed)^(t − basisår) (forventet afgang)
    nye borgere      = Σ forventet antal × gennemsnitlig årlig udgift, for hver tilgang til og med t
                       (en ny borger bliver prognosen ud)
    grundlag         = kendte borgere + afgang + nye borgere
    indeks           = Π (1 + P/L %) for basisår + 1 … t (P/L oplyst eller regelbogens `pl.kl_skoen_pct`)
    prisudvikling    = grundlag × (indeks − 1)
    initiativer      = −initiativernes effekt i t (løbende priser)
    refusion         = −refusionsindtægt i t (løbende priser)
    udgift           = grundlag + prisudvikling + initiativer + refusion
    afvigelse        = udgift − ramme          (positiv: merforbrug)

Every figure is a trace step, unrounded; the result's figures are rounded to whole kroner.
The uncertainty (arrivals, departures, costs) is simulated in `prognose.simulering`.
Pure: no Django, no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.kalender import dansk_dato, kalenderdage
from socialstyring.beregning.kerne.model import (
    Caseberegning,
    Inddata,
    Noegler,
    Resultat,
    ResultatMedRegler,
    Tal,
)
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed
from socialstyring.regler import Regelbog

P = "prognose"
EN = Decimal(1)
MAKS_BELOEB = Decimal(10_000_000_000)


class KendtBorger(Inddata):
    """A citizen the area pays for now: a pseudonym (never a CPR number), the yearly cost in the
    base year's prices and, if known, the day the help ends."""

    noegle: str = Field(min_length=1, max_length=60)
    aarlig_udgift: Tal = Field(ge=0, le=MAKS_BELOEB)
    ophoerer: date | None = None
    afgang_pct: Tal | None = Field(default=None, ge=0, le=100, description="egen afgangssandsynlighed pr. år")


class Tilgang(Inddata):
    """Expected new citizens arriving in a year: the count and the average yearly cost (base
    year's prices), each with its stated uncertainty (a standard deviation). Without a stated
    standard deviation for the count, arrivals are simulated as Poisson around the count."""

    aar: int = Field(ge=2000, le=2100)
    antal: Tal = Field(ge=0, le=100_000)
    antal_sd: Tal | None = Field(default=None, ge=0, le=100_000)
    gennemsnit: Tal = Field(ge=0, le=MAKS_BELOEB)
    gennemsnit_sd: Tal = Field(default=NUL, ge=0, le=MAKS_BELOEB)


class Aarstal(Inddata):
    """A forecast year's frame, initiatives' effect (a reduction; negative: an extra cost, e.g. an
    investment) and reimbursement income,
    in that year's prices; its price and wage development if not the rulebook's."""

    aar: int = Field(ge=2000, le=2100)
    ramme: Tal = Field(ge=0, le=MAKS_BELOEB)
    initiativer: Tal = Field(
        default=NUL, ge=-MAKS_BELOEB, le=MAKS_BELOEB, description="reduktion (negativ: merudgift)"
    )
    refusion: Tal = Field(default=NUL, ge=0, le=MAKS_BELOEB)
    pl_pct: Tal | None = Field(default=None, ge=-100, le=100)
    initiativer_kilde: str = Field(default="", max_length=300, description="hvor effekten kommer fra")
    refusion_kilde: str = Field(default="", max_length=300, description="hvor refusionen kommer fra")


class Prognosegrundlag(Inddata):
    """A forecast (see the module)."""

    region: str = "national"
    basisaar: int = Field(ge=2000, le=2100)
    kendte: tuple[KendtBorger, ...] = Field(default=(), max_length=5000)
    tilgang: tuple[Tilgang, ...] = Field(default=(), max_length=200)
    aarene: tuple[Aarstal, ...] = Field(min_length=1, max_length=20)
    afgang_pct: Tal = Field(default=NUL, ge=0, le=100, description="afgangssandsynlighed pr. år")
    seed: int = Field(default=2022, ge=0, le=2**32 - 1)

    @model_validator(mode="after")
    def _gyldig(self) -> Prognosegrundlag:
        aar = [a.aar for a in self.aarene]
        if aar != list(range(self.basisaar + 1, self.basisaar + 1 + len(aar))):
            raise ValueError(
                f"årene skal følge efter hinanden fra {self.basisaar + 1} (basisåret + 1); der står {aar}"
            )
        if uden := sorted({t.aar for t in self.tilgang if t.aar not in aar}):
            raise ValueError(f"tilgang i år uden for prognosen: {', '.join(map(str, uden))}")
        noegler = [k.noegle for k in self.kendte]
        if dobbelt := sorted({n for n in noegler if noegler.count(n) > 1}):
            raise ValueError(f"en kendt borger står flere gange: {', '.join(dobbelt)}")
        return self


class Prognoseaar(Resultat):
    """One forecast year's figures, rounded to whole kroner (the index unrounded)."""

    aar: int
    kendte: Decimal
    afgang: Decimal
    nye: Decimal
    indeks: Decimal
    prisudvikling: Decimal
    initiativer: Decimal
    refusion: Decimal
    udgift: Decimal
    ramme: Decimal
    afvigelse: Decimal


class Prognoseresultat(ResultatMedRegler):
    basisaar: int
    aarene: tuple[Prognoseaar, ...]
    spor: Spor


RAEKKER = (
    ("kendte", "Kendte borgere"),
    ("afgang", "Afgang"),
    ("nye", "Nye borgere"),
    ("prisudvikling", "Pris- og lønudvikling"),
    ("initiativer", "Initiativer"),
    ("refusion", "Refusion"),
    ("udgift", "Udgift"),
    ("ramme", "Ramme"),
    ("afvigelse", "Merforbrug (+) / mindreforbrug (−)"),
)
"""The rows of a forecast year as pages and workbooks show them: field (= trace key's last
part) and text."""


def noegle(aar: int, felt: str) -> str:
    """The trace key of a year's figure: `prognose.2023.udgift`."""
    return f"{P}.{aar}.{felt}"


def antal_aar(bog: Regelbog, region: str, basisaar: int) -> tuple[int, Regelreference]:
    """How many years after the base year a forecast covers (`prognose.aar`)."""
    return Regler(bog, region, date(basisaar, 1, 1)).heltal(f"{P}.aar")


def beregn_prognose(g: Prognosegrundlag, bog: Regelbog) -> Prognoseresultat:
    spor = Spor()
    n, ref_n = antal_aar(bog, g.region, g.basisaar)
    if len(g.aarene) != n:
        raise ValueError(
            f"prognosen skal have tal for {n} år ({g.basisaar + 1}–{g.basisaar + n}), ikke {len(g.aarene)}"
        )
    navne = Noegler()
    kendte = sum((Decimal(k.aarlig_udgift) for k in g.kendte), NUL)
    aarene = []
    for a in g.aarene:
        t = a.aar
        spor.tilfoej(
            noegle(t, "kendte"),
            f"Kendte borgere {t} ({len(g.kendte)} borgere, basisårets priser)",
            "Σ kendt borgers årlige udgift" if g.kendte else "ingen kendte borgere",
            kendte,
            "kr.",
            {"antal borgere": med_enhed(len(g.kendte), "borgere")},
            regler=[ref_n] if t == g.basisaar + 1 else [],
        )
        _afgang(g, t, spor, navne)
        _nye(g, t, spor)
        spor.tilfoej(
            noegle(t, "grundlag"),
            f"Udgift {t} i basisårets priser",
            "kendte borgere + afgang + nye borgere",
            _v(spor, t, "kendte") + _v(spor, t, "afgang") + _v(spor, t, "nye"),
            "kr.",
            {f: spor.fra(noegle(t, f)) for f in ("kendte", "afgang", "nye")},
        )
        _indeks(g, a, spor, bog)
        spor.tilfoej(
            noegle(t, "prisudvikling"),
            f"Pris- og lønudvikling {g.basisaar}–{t}",
            "grundlag × (indeks − 1)",
            _v(spor, t, "grundlag") * (_v(spor, t, "indeks") - EN),
            "kr.",
            {"grundlag": spor.fra(noegle(t, "grundlag")), "indeks": spor.fra(noegle(t, "indeks"))},
        )
        spor.tilfoej(
            noegle(t, "initiativer"),
            f"Initiativernes effekt {t}",
            "−effekt",
            -Decimal(a.initiativer),
            "kr.",
            {"effekt": med_enhed(Decimal(a.initiativer), "kr.")},
            bemaerkning="; ".join(
                x for x in ("en reduktion af udgiften i årets priser", a.initiativer_kilde) if x
            ),
        )
        spor.tilfoej(
            noegle(t, "refusion"),
            f"Refusionsindtægt {t}",
            "−refusion",
            -Decimal(a.refusion),
            "kr.",
            {"refusion": med_enhed(Decimal(a.refusion), "kr.")},
            bemaerkning="; ".join(
                x for x in ("statsrefusion i særligt dyre enkeltsager, i årets priser", a.refusion_kilde) if x
            ),
        )
        dele = ("grundlag", "prisudvikling", "initiativer", "refusion")
        spor.tilfoej(
            noegle(t, "udgift"),
            f"Forventet udgift {t}",
            " + ".join(dele),
            sum((_v(spor, t, f) for f in dele), NUL),
            "kr.",
            {f: spor.fra(noegle(t, f)) for f in dele},
        )
        spor.tilfoej(noegle(t, "ramme"), f"Budgetramme {t}", "oplyst", Decimal(a.ramme), "kr.")
        spor.tilfoej(
            noegle(t, "afvigelse"),
            f"Merforbrug (+) / mindreforbrug (−) {t}",
            "udgift − ramme",
            _v(spor, t, "udgift") - _v(spor, t, "ramme"),
            "kr.",
            {"udgift": spor.fra(noegle(t, "udgift")), "ramme": spor.fra(noegle(t, "ramme"))},
        )
        aarene.append(
            Prognoseaar(
                aar=t,
                indeks=_v(spor, t, "indeks"),
                **{f: afrund(_v(spor, t, f), Afrunding.KRONE) for f, _ in RAEKKER},
            )
        )
    return Prognoseresultat(basisaar=g.basisaar, aarene=tuple(aarene), spor=spor)


def _v(spor: Spor, aar: int, felt: str) -> Decimal:
    return Decimal(spor[noegle(aar, felt)].resultat)


def tilstede(k: KendtBorger, afgang_pct: Decimal, basisaar: int, aar: int) -> tuple[Decimal, str]:
    """The share of `aar` the citizen is expected to be there, and how it is found."""
    if k.ophoerer is not None:
        start = date(aar, 1, 1)
        dage = max(0, min((k.ophoerer - start).days + 1, kalenderdage(aar)))
        i_aaret = kalenderdage(aar)
        return Decimal(dage) / i_aaret, f"ophører {dansk_dato(k.ophoerer)}: {dage} af {i_aaret} dage"
    p = Decimal(k.afgang_pct) if k.afgang_pct is not None else afgang_pct
    return (EN - p / HUNDREDE) ** (aar - basisaar), f"(1 − {dansk_tal(p)} %)^{aar - basisaar}"


def _afgang(g: Prognosegrundlag, t: int, spor: Spor, navne: Noegler) -> None:
    indgange: dict[str, Indgang | Decimal] = {}
    for k in g.kendte:
        andel, hvordan = tilstede(k, Decimal(g.afgang_pct), g.basisaar, t)
        if andel == EN:
            continue
        n = noegle(t, f"afgang.{navne(k.noegle)}")
        spor.tilfoej(
            n,
            f"Afgang {t}: {k.noegle}",
            "−årlig udgift × (1 − andel af året)",
            -Decimal(k.aarlig_udgift) * (EN - andel),
            "kr.",
            {"årlig udgift": med_enhed(Decimal(k.aarlig_udgift), "kr."), "andel af året": andel},
            bemaerkning=hvordan,
        )
        indgange[k.noegle] = spor.fra(n)
    spor.tilfoej(
        noegle(t, "afgang"),
        f"Afgang {t} (kendte borgere, der ophører eller forventes at ophøre)",
        "Σ afgang pr. borger" if indgange else "ingen afgang",
        sum((Decimal(i.vaerdi) for i in indgange.values() if isinstance(i, Indgang)), NUL),
        "kr.",
        indgange,
    )


def _nye(g: Prognosegrundlag, t: int, spor: Spor) -> None:
    indgange: dict[str, Indgang | Decimal] = {}
    for nr, ny in enumerate(x for x in g.tilgang if x.aar <= t):
        n = noegle(t, f"nye.{ny.aar}_{nr + 1}")
        spor.tilfoej(
            n,
            f"Nye borgere fra {ny.aar} i {t}",
            "forventet antal × gennemsnitlig årlig udgift",
            Decimal(ny.antal) * Decimal(ny.gennemsnit),
            "kr.",
            {
                "antal": med_enhed(Decimal(ny.antal), "borgere"),
                "gennemsnit": med_enhed(Decimal(ny.gennemsnit), "kr."),
            },
            bemaerkning="en ny borger regnes med hele året og bliver prognosen ud",
        )
        indgange[f"tilgang {ny.aar} nr. {nr + 1}"] = spor.fra(n)
    spor.tilfoej(
        noegle(t, "nye"),
        f"Nye borgere til og med {t}",
        "Σ tilgang" if indgange else "ingen forventet tilgang",
        sum((Decimal(i.vaerdi) for i in indgange.values() if isinstance(i, Indgang)), NUL),
        "kr.",
        indgange,
    )


def _indeks(g: Prognosegrundlag, a: Aarstal, spor: Spor, bog: Regelbog) -> None:
    t = a.aar
    if a.pl_pct is not None:
        spor.tilfoej(noegle(t, "pl"), f"Pris- og lønudvikling {t - 1}–{t}", "oplyst", Decimal(a.pl_pct), "%")
    else:
        pl, ref = Regler(bog, g.region, date(t, 1, 1)).tal("pl.kl_skoen_pct")
        spor.tilfoej(
            noegle(t, "pl"), f"Pris- og lønudvikling {t - 1}–{t}", "regelbogen", pl, "%", regler=[ref]
        )
    faktor = EN + _v(spor, t, "pl") / HUNDREDE
    if t == g.basisaar + 1:
        spor.tilfoej(
            noegle(t, "indeks"),
            f"Prisindeks {t} ({g.basisaar} = 1)",
            "1 + P/L % ÷ 100",
            faktor,
            "",
            {"P/L": spor.fra(noegle(t, "pl"))},
        )
    else:
        spor.tilfoej(
            noegle(t, "indeks"),
            f"Prisindeks {t} ({g.basisaar} = 1)",
            f"indeks {t - 1} × (1 + P/L % ÷ 100)",
            _v(spor, t - 1, "indeks") * faktor,
            "",
            {f"indeks {t - 1}": spor.fra(noegle(t - 1, "indeks")), "P/L": spor.fra(noegle(t, "pl"))},
        )


CASEBEREGNING = Caseberegning(
    "prognose",
    Prognosegrundlag,
    beregn_prognose,
    "Udgiftsprognose for et område: kendte og nye borgere, afgang, P/L, initiativer og refusion mod rammen",
)
