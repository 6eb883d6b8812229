"""Social supervision (socialtilsyn): a unit's budget, rates and objective financing for a year.

    timer            = Σ antal × timer pr. opgave                  (per side: tilbud, plejefamilier)
    årsværk          = timer ÷ timer pr. årsværk (regelbogen), eller indtastet
    driftsbudget     = årsværk × gennemsnitsløn + øvrige udgifter
    overhead         = driftsbudget × overhead % (regelbogen)
    objektiv fin.    = direkte plejefamilieudgifter + fælles × plejefamiliernes andel af timerne
                       (eller indtastet) + regulering for tidligere år
    takstfinansiering = udgifter i alt − objektiv fin. + regulering for tidligere år
    takst (gruppe)   = afrund(grundtakst × vægt ÷ 100 [+ tillæg for 50+])   — from the unrounded base
    skærpet tilsyn   = afrund(uafrundet årlig takst × skærpet % ÷ 100) pr. påbegyndt måned
    kommunens del    = objektiv fin. × kommunens 0–17-årige ÷ alle, i hele kroner efter største rest

Pure: no Django, no I/O. Every figure is a trace step; every rule value comes from the rulebook.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.model import Caseberegning, ResultatMedRegler
from socialstyring.beregning.kerne.objektiv import fordel_efter_indbyggere
from socialstyring.beregning.kerne.penge import KRONE, afrund_til
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.socialtilsyn.budget import budget, fordeling, timer
from socialstyring.beregning.socialtilsyn.grundlag import (
    GRUPPENAVNE,
    GRUPPER,
    AndenEnhed,
    Forrige,
    Grundtakst,
    Offentliggjort,
    Omraade,
    Opgave,
    Socialtilsynsgrundlag,
    Taksttype,
    Tilbud,
    Udgift,
    tal,
)
from socialstyring.beregning.socialtilsyn.sammenligning import (
    Enhedssammenligning,
    Sammenholdt,
    Udvikling,
    Uoverensstemmelse,
    mod_andre,
    mod_offentliggjort,
    udvikling,
    uoverensstemmelser,
)
from socialstyring.beregning.socialtilsyn.takster import (
    Tilbudstakst,
    paabegyndte_maaneder,
    takster,
    tilbudstakst,
)
from socialstyring.regler import Regelbog

__all__ = [
    "GRUPPENAVNE",
    "GRUPPER",
    "AndenEnhed",
    "Enhedssammenligning",
    "Forrige",
    "Grundtakst",
    "Offentliggjort",
    "Omraade",
    "Opgave",
    "Sammenholdt",
    "Socialtilsynsgrundlag",
    "Socialtilsynsresultat",
    "Taksttype",
    "Tilbud",
    "Tilbudstakst",
    "Udgift",
    "Udvikling",
    "Uoverensstemmelse",
    "beregn_socialtilsyn",
    "paabegyndte_maaneder",
]


class Socialtilsynsresultat(ResultatMedRegler):
    """The unit's year: budget, split, rates, offers' rates, the municipalities' shares and
    the comparisons."""

    enhed: str
    aar: int
    aarsvaerk: Decimal
    driftsbudget: Decimal
    overhead: Decimal
    udgifter_i_alt: Decimal
    objektiv_finansiering: Decimal
    takstfinansiering: Decimal
    takster: dict[Taksttype, dict[str, Decimal]]
    skaerpet: dict[str, Decimal]
    tilbud: list[Tilbudstakst]
    objektiv_pr_kommune: dict[str, Decimal]
    mangler_indbyggere: list[str]
    sammenholdt: list[Sammenholdt]
    uoverensstemmelser: list[Uoverensstemmelse]
    udvikling: list[Udvikling]
    andre_tilsyn: list[Enhedssammenligning]
    spor: Spor


def _noegle(regler: Regler) -> list[Regelreference]:
    """The rulebook's key for objective financing, when it has one in force."""
    try:
        return [regler.tekst("socialtilsyn.objektiv_finansiering_noegle")[1]]
    except KeyError:
        return []


def beregn_socialtilsyn(g: Socialtilsynsgrundlag, bog: Regelbog) -> Socialtilsynsresultat:
    """The unit's year (see the package's docstring)."""
    spor = Spor()
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    if g.opgaver:
        timer(g, spor)
    drift, overhead, i_alt = budget(g, regler, spor)
    objektiv, takstfin = fordeling(g, regler, spor)
    rater, skaerpet = takster(g, regler, spor)
    tilsyn = rater.get(Taksttype.TILSYN, {})
    tilbud = [tilbudstakst(o, nr, regler, spor, tilsyn, skaerpet) for nr, o in enumerate(g.tilbud, 1)]
    kommuner = list(g.kommuner) or list(g.offentliggjort.objektiv_pr_kommune if g.offentliggjort else [])
    mangler = [k for k in kommuner if k not in g.indbyggere_0_17]
    fordelt: dict[str, Decimal] = {}
    if kommuner and not mangler:
        aar_foer, ref_aar = regler.heltal("socialtilsyn.objektiv_finansiering_befolkning_aar_foer")
        total = spor.tilfoej(
            "socialtilsyn.objektiv_i_hele_kroner",
            "Objektiv finansiering at fordele",
            "objektiv finansiering i alt, i hele kroner",
            afrund_til(objektiv, KRONE),
            "kr.",
            {"objektiv finansiering": spor.fra("socialtilsyn.objektiv")},
            [ref_aar],
            bemaerkning=f"Fordeles efter de 0–17-årige i {g.aar - aar_foer} (FOLK1A).",
        )
        fordelt = fordel_efter_indbyggere(
            spor,
            "socialtilsyn.kommune",
            spor.fra("socialtilsyn.objektiv_i_hele_kroner"),
            {k: g.indbyggere_0_17[k] for k in kommuner},
            regler=[ref_aar, *_noegle(regler)],
        )
        assert sum(fordelt.values()) == total
    uover, _ = uoverensstemmelser(g)
    return Socialtilsynsresultat(
        enhed=g.enhed,
        aar=g.aar,
        aarsvaerk=tal(spor, "socialtilsyn.aarsvaerk"),
        driftsbudget=drift,
        overhead=overhead,
        udgifter_i_alt=i_alt,
        objektiv_finansiering=objektiv,
        takstfinansiering=takstfin,
        takster=rater,
        skaerpet=skaerpet,
        tilbud=tilbud,
        objektiv_pr_kommune=fordelt,
        mangler_indbyggere=mangler,
        sammenholdt=mod_offentliggjort(g, rater, skaerpet, spor),
        uoverensstemmelser=uover,
        udvikling=udvikling(g, rater, objektiv, i_alt, regler, spor),
        andre_tilsyn=mod_andre(g, rater, spor),
        spor=spor,
    )


CASEBEREGNING = Caseberegning(
    "socialtilsyn",
    Socialtilsynsgrundlag,
    beregn_socialtilsyn,
    "Socialtilsyn: budget, takster pr. størrelsesgruppe, skærpet tilsyn og objektiv finansiering pr. kommune",
)
