"""A set of savings scenarios as an Excel workbook (`io.excel.rapport`): the scenarios side by
side (net budget before, change, after, the agreement's and other municipalities), the effect
per paying municipality, per operator and per unit across the scenarios, every offer before and
after in each scenario, and the rules used (with their sources or assumptions)."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.scenarie import Scenarieresultat
from socialstyring.io.excel.rapport import Rapportark, Rapportkolonne, Rapportraekke, byg_rapport, regelark

SAMMENLIGNING = (
    ("nettobudget_foer", "Nettodriftsbudget før, kr."),
    ("nettobudget_aendring", "Ændring i nettodriftsbudget, kr."),
    ("nettobudget_aendring_pct", "Ændring i % af nettodriftsbudgettet"),
    ("nettobudget_efter", "Nettodriftsbudget efter, kr."),
    ("objektiv_aendring", "Ændring i objektiv finansiering, kr."),
    ("aftalens_kommuner", "Aftalens kommuner, kr."),
    ("andre_kommuner", "Andre kommuner, kr."),
    ("kommuner_i_alt", "Kommunerne i alt, kr."),
)


def _tvaers(r: Scenarieresultat, hvad: str, titel: str, navn: str) -> Rapportark:
    """One row per municipality, operator or unit; one column per scenario."""
    pr_navn: dict[str, dict[str, Decimal]] = {}
    for s in r.scenarier:
        for e in getattr(s, hvad):
            pr_navn.setdefault(e.navn, {})[s.navn] = e.beloeb
    return Rapportark(
        navn,
        titel,
        (Rapportkolonne("Navn", 40), *(Rapportkolonne(s.navn, 18, "kr", 2) for s in r.scenarier)),
        tuple(Rapportraekke((n, *(v.get(s.navn) for s in r.scenarier))) for n, v in sorted(pr_navn.items())),
        frys_kolonner=1,
    )


def scenariefil(r: Scenarieresultat, titel: str) -> bytes:
    sammenligning = Rapportark(
        "Scenarier",
        titel,
        (Rapportkolonne("Tal", 40), *(Rapportkolonne(s.navn, 20, "tal", 2) for s in r.scenarier)),
        tuple(
            Rapportraekke((tekst, *(getattr(s, felt) for s in r.scenarier))) for felt, tekst in SAMMENLIGNING
        ),
        (f"{r.aar}, {r.dage} dage, overhead {r.overhead_pct} %; negativ: falder.",),
        frys_kolonner=1,
        autofilter=False,
    )
    aendringer = Rapportark(
        "Ændringer",
        "Ændringerne og deres effekt",
        (
            Rapportkolonne("Scenarie", 30),
            Rapportkolonne("Ændring", 50),
            Rapportkolonne("Nettodriftsbudget, kr.", 18, "kr", 2),
            Rapportkolonne("Objektiv finansiering, kr.", 18, "kr", 2),
            Rapportkolonne("Kommunerne i alt, kr.", 18, "kr", 2),
        ),
        tuple(
            Rapportraekke((s.navn, a.navn, a.nettobudget, a.objektiv, a.kommuner))
            for s in r.scenarier
            for a in s.aendringer
        ),
    )
    tilbud = Rapportark(
        "Tilbud",
        "Tilbuddene før og efter",
        (
            Rapportkolonne("Scenarie", 26),
            Rapportkolonne("Tilbud", 44),
            Rapportkolonne("Driftsherre", 26),
            Rapportkolonne("Målgruppe", 18),
            Rapportkolonne("Takst før", 14, "kr"),
            Rapportkolonne("Takst efter", 14, "kr"),
            Rapportkolonne("Nettodriftsbudget før", 18, "kr", 2),
            Rapportkolonne("Nettodriftsbudget efter", 18, "kr", 2),
            Rapportkolonne("Pladser efter", 12, "tal", 2),
        ),
        tuple(
            Rapportraekke(
                (
                    s.navn,
                    t.navn,
                    t.driftsherre,
                    t.maalgruppe,
                    t.takst_foer,
                    t.takst,
                    t.nettobudget_foer,
                    t.nettobudget,
                    t.pladser,
                )
            )
            for s in r.scenarier
            for t in s.tilbud
        ),
    )
    return byg_rapport(
        titel,
        [
            sammenligning,
            aendringer,
            _tvaers(r, "kommuner", "Kommunernes udgifter pr. scenarie, kr.", "Kommuner"),
            _tvaers(r, "driftsherrer", "Driftsherrernes indtægt pr. scenarie, kr.", "Driftsherrer"),
            _tvaers(r, "enheder", "Enhedernes nettodriftsbudget pr. scenarie, kr.", "Enheder"),
            tilbud,
            regelark(r.regler_anvendt(), r.advarsler),
        ],
    )
