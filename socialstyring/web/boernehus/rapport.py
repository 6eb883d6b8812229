"""A Børnehus year as an Excel workbook (`io.excel.rapport`): the calculation, the printed
figures beside it, the sensitivity, the key figures, the objective financing per municipality
and the rules used (with their sources or assumptions)."""

from __future__ import annotations

from typing import Final

from socialstyring.beregning.boernehus import NOEGLETAL, Boernehusresultat
from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)

KR: Final = "kr"
BEREGNING = (
    ("boernehus.sager", "Forventede sager"),
    ("boernehus.timer_pr_sag", "Timer pr. sag"),
    ("boernehus.timer_i_alt", "Effektive timer i alt"),
    ("boernehus.effektive_timer_pr_uge", "Effektive sagsarbejdstimer pr. uge"),
    ("boernehus.effektive_timer_pr_aarsvaerk", "Effektive sagsarbejdstimer pr. årsværk"),
    ("boernehus.behandleraarsvaerk", "Behandlerårsværk"),
    ("boernehus.loen_behandlere", "Løn til behandlere, kr."),
    ("boernehus.budget_kapacitet", "Budget efter kapacitet, kr."),
    ("boernehus.budget", "Budget, kr."),
    ("boernehus.objektiv_finansiering", "Objektiv finansiering, kr."),
    ("boernehus.til_fordeling", "Til fordeling pr. sag, kr."),
    ("boernehus.takst_pr_sag", "Takst pr. sag, kr."),
)


def aarsfil(r: Boernehusresultat, titel: str) -> bytes:
    """The workbook of the year's result `r`."""
    beregning = Rapportark(
        "Beregning",
        titel,
        (Rapportkolonne("Post", 44), Rapportkolonne("Værdi", 18, "tal"), Rapportkolonne("Formel", 60)),
        tuple(
            Rapportraekke((navn, r.spor[n].resultat, r.spor[n].formel))
            for n, navn in BEREGNING
            if n in r.spor and not (n == "boernehus.budget" and r.budget is None)
        ),
        autofilter=False,
    )
    sammenligning = Rapportark(
        "Trykte tal",
        "Beregnet og trykt",
        (
            Rapportkolonne("Tal", 30),
            Rapportkolonne("Beregnet", 16, "tal"),
            Rapportkolonne("Trykt", 16, "tal"),
            Rapportkolonne("Forskel (trykt − beregnet)", 18, "tal"),
            Rapportkolonne("Forklaring", 80),
        ),
        tuple(
            Rapportraekke((s.tekst, s.beregnet, s.offentliggjort, s.forskel, s.forklaring))
            for s in r.sammenligning
        ),
    )
    foelsomhed = Rapportark(
        "Følsomhed",
        "Følsomhed: timer pr. sag og effektive timer pr. uge",
        (
            Rapportkolonne("Timer pr. sag", 14, "tal"),
            Rapportkolonne("Timer pr. uge", 14, "tal"),
            Rapportkolonne("Behandlerårsværk", 16, "tal"),
            Rapportkolonne("Budget", 18, KR),
            Rapportkolonne("Takst pr. sag", 16, KR),
            Rapportkolonne("Budgetforudsætning", 18),
        ),
        tuple(
            Rapportraekke(
                (
                    p.timer_pr_sag,
                    p.effektive_timer_pr_uge,
                    p.behandleraarsvaerk,
                    p.budget,
                    p.takst_pr_sag,
                    "ja" if p.er_grundlag else "",
                )
            )
            for p in r.foelsomhed
        ),
    )
    noegletal = Rapportark(
        "Nøgletal",
        "Nøgletal",
        (Rapportkolonne("Nøgletal", 44), Rapportkolonne("Værdi", 18, "tal")),
        tuple(Rapportraekke((NOEGLETAL[n], v)) for n, v in r.noegletal.items())
        + tuple(Rapportraekke((f"Objektiv finansiering, {k}", v)) for k, v in r.objektiv_pr_kommune.items()),
    )
    regler = regelark(r.regler_anvendt())
    return byg_rapport(titel, [beregning, sammenligning, foelsomhed, noegletal, regler])
