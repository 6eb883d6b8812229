"""A social supervision year as an Excel workbook (`io.excel.rapport`): the budget and its split,
the rates per size group with intensified supervision, the objective financing per
municipality, the published figures beside the calculated, the development in fixed prices,
other units' rates, and the rules used (with their sources or assumptions)."""

from __future__ import annotations

from typing import Final

from socialstyring.beregning.socialtilsyn import GRUPPENAVNE, GRUPPER, Socialtilsynsresultat
from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)

KR: Final = "kr"
P: Final = "socialtilsyn."
IKKE_BUDGET = (
    "vaegt.",
    "grundtakst.",
    "tillaeg_50_plus",
    "tilsyn.",
    "ny_godkendelse.",
    "vaesentlig_aendring.",
    "skaerpet.",
    "kommune",
    "tilbud.",
    "pl",
    "udvikling",
    "andre_tilsyn",
    "objektiv_i_hele_kroner",
)


def aarsfil(r: Socialtilsynsresultat, titel: str) -> bytes:
    """The workbook of the year's result `r`."""
    budget = Rapportark(
        "Budget",
        titel,
        (Rapportkolonne("Post", 52), Rapportkolonne("Værdi", 18, "tal"), Rapportkolonne("Formel", 60)),
        tuple(
            Rapportraekke((t.label, t.resultat, t.formel))
            for t in r.spor
            if not t.noegle.removeprefix(P).startswith(IKKE_BUDGET)
        ),
        autofilter=False,
    )
    takster = Rapportark(
        "Takster",
        "Takster pr. størrelsesgruppe",
        (Rapportkolonne("Takst", 40), *(Rapportkolonne(GRUPPENAVNE[g], 16, KR) for g in GRUPPER)),
        tuple(Rapportraekke((t.tekst, *(rk.get(g) for g in GRUPPER))) for t, rk in r.takster.items())
        + (
            (Rapportraekke(("Skærpet tilsyn pr. påbegyndt måned", *(r.skaerpet.get(g) for g in GRUPPER))),)
            if r.skaerpet
            else ()
        ),
        autofilter=False,
    )
    kommuner = Rapportark(
        "Kommuner",
        "Objektiv finansiering pr. kommune",
        (Rapportkolonne("Kommune", 30), Rapportkolonne("Objektiv finansiering", 20, KR)),
        tuple(Rapportraekke((k, v)) for k, v in r.objektiv_pr_kommune.items()),
        (f"Mangler 0–17-årige for: {', '.join(r.mangler_indbyggere)}",) if r.mangler_indbyggere else (),
    )
    offentliggjort = Rapportark(
        "Offentliggjort",
        "Beregnet og offentliggjort",
        (
            Rapportkolonne("Tal", 50),
            Rapportkolonne("Beregnet", 16, "tal"),
            Rapportkolonne("Offentliggjort", 16, "tal"),
            Rapportkolonne("Forskel (offentliggjort − beregnet)", 18, "tal"),
            Rapportkolonne("Forklaring", 80),
        ),
        tuple(
            Rapportraekke((s.hvad, s.beregnet, s.offentliggjort, s.forskel, s.forklaring))
            for s in r.sammenholdt
        )
        + tuple(
            Rapportraekke(
                (
                    f"Objektiv finansiering, {u.kommune} ({u.antal} 0–17-årige)",
                    u.efter_antal,
                    u.offentliggjort,
                    u.forskel,
                    "Rækken passer ikke med kommunens antal 0–17-årige.",
                )
            )
            for u in r.uoverensstemmelser
        ),
    )
    udvikling = Rapportark(
        "Udvikling",
        "Udvikling fra sidste år i faste priser",
        (
            Rapportkolonne("Tal", 50),
            Rapportkolonne("Sidste år", 16, KR),
            Rapportkolonne("I år", 16, KR),
            Rapportkolonne("Nominelt %", 12, "tal"),
            Rapportkolonne("P/L %", 10, "tal"),
            Rapportkolonne("Faste priser %", 14, "tal"),
        ),
        tuple(
            Rapportraekke((u.hvad, u.forrige, u.i_aar, u.nominel_pct, u.pl_pct, u.faste_priser_pct))
            for u in r.udvikling
        ),
    )
    andre = Rapportark(
        "Andre tilsyn",
        "Sammenlignet med andre socialtilsyn",
        (
            Rapportkolonne("Takst", 50),
            Rapportkolonne("Tilsyn", 40),
            Rapportkolonne("Egen", 16, KR),
            Rapportkolonne("Andet tilsyn", 16, KR),
            Rapportkolonne("Forskel %", 12, "tal"),
        ),
        tuple(Rapportraekke((a.hvad, a.enhed, a.egen, a.anden, a.forskel_pct)) for a in r.andre_tilsyn),
    )
    return byg_rapport(
        titel, [budget, takster, kommuner, offentliggjort, udvikling, andre, regelark(r.regler_anvendt())]
    )
