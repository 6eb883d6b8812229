"""The benchmark as an Excel workbook (`io.excel.rapport`): the finding, every municipality's
expenditure per inhabitant, and the rules used."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.benchmark import Benchmarkgrundlag, Benchmarkresultat
from socialstyring.io.excel.rapport import Rapportark, Rapportkolonne, Rapportraekke, byg_rapport, regelark


def benchmarkfil(g: Benchmarkgrundlag, r: Benchmarkresultat, titel: str) -> bytes:
    undertitler = (
        f"Funktion {r.funktioner} i kommunernes regnskab {g.aar} (Danmarks Statistik, REGK31) pr. "
        f"{r.aldersgruppe}-årig (FOLK1A); {len(g.kommuner)} kommuner med tal.",
    )
    noegletal: list[tuple[str, Decimal | None, str]] = [
        (f"{g.kommune}: udgift pr. {r.aldersgruppe}-årig", r.pr_indbygger[g.kommune], "kr"),
        ("Landsgennemsnit (vægtet)", r.landsgennemsnit, "kr"),
        ("Forskel pr. indbygger", r.forskel_pr_indbygger, "kr"),
        ("Reduktion for at nå landsgennemsnittet", r.reduktion_kr, "kr"),
        ("Reduktion i procent af udgiftsniveauet", r.reduktion_pct, "%"),
    ]
    if r.sammenligningsgennemsnit is not None:
        noegletal += [
            ("Sammenligningskommunernes gennemsnit", r.sammenligningsgennemsnit, "kr"),
            ("Reduktion for at nå sammenligningskommunerne", r.reduktion_til_sammenligning_kr, "kr"),
        ]
    resultat = Rapportark(
        "Resultat",
        titel,
        (Rapportkolonne("Nøgletal", 52), Rapportkolonne("Værdi", 18, "decimal", decimaler=1)),
        tuple(Rapportraekke((tekst, v)) for tekst, v, _ in noegletal),
        undertitler,
        autofilter=False,
    )
    indbyggere = {k.kommune: k.indbyggere for k in g.kommuner}
    udgift = {k.kommune: k.udgift for k in g.kommuner}
    kommuner = Rapportark(
        "Kommuner",
        f"Udgift pr. {r.aldersgruppe}-årig {g.aar}",
        (
            Rapportkolonne("Kommune", 24),
            Rapportkolonne("Nettodriftsudgift", 20, "kr"),
            Rapportkolonne(f"Indbyggere {r.aldersgruppe} år", 16, "heltal"),
            Rapportkolonne("Udgift pr. indbygger", 18, "heltal"),
            Rapportkolonne("Sammenligning", 16),
        ),
        tuple(
            Rapportraekke(
                (
                    navn,
                    udgift[navn],
                    indbyggere[navn],
                    v,
                    "valgt"
                    if navn == g.kommune
                    else "sammenlign"
                    if navn in g.sammenligningskommuner
                    else "",
                )
            )
            for navn, v in sorted(r.pr_indbygger.items(), key=lambda kv: -kv[1])
        ),
        undertitler,
    )
    return byg_rapport(titel, [resultat, kommuner, regelark(r.regler_anvendt())])
