"""Unit costs from the published rates: price per place and per day by target group and legal
basis, the municipality's own (internal) offers against the others' (external), and the price of
an hour of § 85 support.

    gruppe            = (målgruppe, lovgrundlag, takstenhed)
    gennemsnit        = Σ takst ÷ antal ydelser                      (simple: each service counts once)
    vægtet gennemsnit = Σ takst × pladser ÷ Σ pladser                (services with places only)
    årspris pr. plads = vægtet (ellers simpelt) gennemsnit × dage i året   (kr. pr. døgn og kr. pr. dag)
                      = gennemsnit × 12                                    (kr. pr. måned)
    intern / ekstern  = gennemsnittet af kommunens egne tilbud / af de andres

Services without a rate are left out and counted. Days in the year follow the rulebook's
convention (`takst.dage_pr_aar`, as the rates are calculated). Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Resultat, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.penge import afrund
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor
from socialstyring.regler import Regelbog

P = "enhedspriser"
Enhed = Literal["doegn", "dag", "time", "maaned", "aar"]
ENHEDSTEKST: dict[str, str] = {
    "doegn": "kr. pr. døgn",
    "dag": "kr. pr. dag",
    "time": "kr. pr. time",
    "maaned": "kr. pr. måned",
    "aar": "kr. pr. år",
}


class Prisydelse(Inddata):
    """One published service with its rate."""

    tilbud: str = Field(min_length=1, max_length=200)
    ydelse: str = Field(default="", max_length=200)
    driftsherre: str = Field(min_length=1, max_length=200)
    maalgruppe: str = Field(default="", max_length=200)
    paragraf: str = Field(min_length=1, max_length=100)
    takstenhed: Enhed
    takst: Tal | None = Field(default=None, ge=0, le=10**8)
    pladser: Tal | None = Field(default=None, ge=0, le=100_000)
    intern: bool = False


class Enhedsprisgrundlag(Inddata):
    region: str
    aar: int = Field(ge=2000, le=2100)
    ydelser: tuple[Prisydelse, ...] = Field(max_length=100_000)
    egen: str = Field(default="", max_length=100, description="kommunen, hvis egne tilbud er interne")


class Prisgruppe(Resultat):
    noegle: str  # the trace's prefix of the group
    maalgruppe: str
    paragraf: str
    takstenhed: str
    antal: int
    gennemsnit: Decimal
    vaegtet: Decimal | None
    laveste: Decimal
    hoejeste: Decimal
    aarspris_pr_plads: Decimal | None
    intern: Decimal | None
    ekstern: Decimal | None
    antal_intern: int


class Enhedsprisresultat(ResultatMedRegler):
    aar: int
    grupper: list[Prisgruppe]
    uden_takst: int
    paragraf_85_time: Prisgruppe | None  # all § 85 hourly services together, whatever their group
    spor: Spor


def _gennemsnit(spor: Spor, n: str, label: str, takster: list[Decimal], enhed: str) -> Decimal:
    return spor.tilfoej(
        n,
        label,
        "Σ takst ÷ antal ydelser",
        sum(takster, Decimal(0)) / len(takster),
        enhed,
        {"Σ takst": sum(takster, Decimal(0)), "antal ydelser": Decimal(len(takster))},
    )


def _tal(v: Decimal | None) -> Decimal:
    return Decimal(v or 0)


def _snit(spor: Spor, n: str, label: str, takster: list[Decimal], enhed: str) -> Decimal | None:
    """The rounded average of `takster`, or None when there are none."""
    return afrund(_gennemsnit(spor, n, label, takster, enhed)) if takster else None


def _gruppe(
    n: str,
    gruppe: tuple[str, str, str],
    ydelser: list[Prisydelse],
    dage: tuple[int, Regelreference],
    spor: Spor,
) -> Prisgruppe:
    maalgruppe, paragraf, enhed = gruppe
    tekst = ENHEDSTEKST[enhed]
    navn = f"{maalgruppe or 'Uden målgruppe'}, {paragraf}"
    takster = [Decimal(y.takst) for y in ydelser if y.takst is not None]
    snit = _gennemsnit(spor, f"{n}.gennemsnit", f"{navn}: gennemsnitlig takst", takster, tekst)
    med_pladser = [y for y in ydelser if y.pladser and y.takst is not None]
    vaegtet = None
    if med_pladser:
        pladser = sum((Decimal(y.pladser) for y in med_pladser if y.pladser), Decimal(0))
        vaegtet = spor.tilfoej(
            f"{n}.vaegtet",
            f"{navn}: gennemsnitlig takst vægtet med pladserne",
            "Σ takst × pladser ÷ Σ pladser",
            sum(
                (Decimal(y.takst) * Decimal(y.pladser) for y in med_pladser if y.takst and y.pladser),
                Decimal(0),
            )
            / pladser,
            tekst,
            {"pladser": pladser, "ydelser med pladser": Decimal(len(med_pladser))},
        )
    aarspris = None
    grundlag: Indgang = spor.fra(f"{n}.vaegtet" if vaegtet is not None else f"{n}.gennemsnit")
    if enhed in ("doegn", "dag"):
        aarspris = spor.tilfoej(
            f"{n}.aarspris",
            f"{navn}: årspris pr. plads",
            "gennemsnitlig takst × dage i året",
            (vaegtet if vaegtet is not None else snit) * dage[0],
            "kr. pr. år",
            {"takst": grundlag, "dage i året": Decimal(dage[0])},
            regler=[dage[1]],
        )
    elif enhed == "maaned":
        aarspris = spor.tilfoej(
            f"{n}.aarspris",
            f"{navn}: årspris pr. plads",
            "gennemsnitlig takst × 12 måneder",
            (vaegtet if vaegtet is not None else snit) * 12,
            "kr. pr. år",
            {"takst": grundlag},
        )
    interne = [Decimal(y.takst) for y in ydelser if y.intern and y.takst is not None]
    eksterne = [Decimal(y.takst) for y in ydelser if not y.intern and y.takst is not None]
    return Prisgruppe(
        noegle=n,
        maalgruppe=maalgruppe,
        paragraf=paragraf,
        takstenhed=tekst,
        antal=len(takster),
        gennemsnit=afrund(snit),
        vaegtet=None if vaegtet is None else afrund(vaegtet),
        laveste=min(takster),
        hoejeste=max(takster),
        aarspris_pr_plads=None if aarspris is None else afrund(aarspris),
        intern=afrund(_gennemsnit(spor, f"{n}.intern", f"{navn}: egne tilbud", interne, tekst))
        if interne
        else None,
        ekstern=afrund(_gennemsnit(spor, f"{n}.ekstern", f"{navn}: andres tilbud", eksterne, tekst))
        if eksterne and interne
        else None,
        antal_intern=len(interne),
    )


def beregn_enhedspriser(g: Enhedsprisgrundlag, bog: Regelbog) -> Enhedsprisresultat:
    spor = Spor()
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    dage, _, ref = dage_i_aaret(g.aar, regler)
    grupper: dict[tuple[str, str, str], list[Prisydelse]] = defaultdict(list)
    for y in g.ydelser:
        if y.takst is not None:
            grupper[y.maalgruppe, y.paragraf, y.takstenhed].append(y)
    ud = [
        _gruppe(f"{P}.{slug(m or 'uden')}.{slug(p)}.{e}", (m, p, e), ydelser, (dage, ref), spor)
        for (m, p, e), ydelser in sorted(grupper.items())
    ]
    timer_85 = [
        y for y in g.ydelser if y.paragraf == "SEL § 85" and y.takstenhed == "time" and y.takst is not None
    ]
    p85 = (
        _gruppe(f"{P}.paragraf_85_time", ("Alle målgrupper", "SEL § 85", "time"), timer_85, (dage, ref), spor)
        if timer_85
        else None
    )
    return Enhedsprisresultat(
        aar=g.aar,
        grupper=ud,
        uden_takst=sum(1 for y in g.ydelser if y.takst is None),
        paragraf_85_time=p85,
        spor=spor,
    )


CASEBEREGNING = Caseberegning(
    "enhedspriser",
    Enhedsprisgrundlag,
    beregn_enhedspriser,
    "Enhedspriser: takst pr. dag og årspris pr. plads efter målgruppe og lovgrundlag, egne mod andres tilbud",
)
