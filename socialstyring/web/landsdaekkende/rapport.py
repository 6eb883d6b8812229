"""A year of an objectively financed national offer as an Excel workbook (`io.excel.rapport`):
the figures with their formulas (the trace), printed beside calculated, and the rules used."""

from __future__ import annotations

from socialstyring.beregning.landsdaekkende import Finansieringsresultat
from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)


def aarsfil(navn: str, r: Finansieringsresultat) -> bytes:
    titel = f"{navn} {r.aar} – objektiv finansiering"
    beregning = Rapportark(
        "Beregning",
        titel,
        (
            Rapportkolonne("Tal", 50),
            Rapportkolonne("Værdi", 20, "decimal", 2),
            Rapportkolonne("Enhed", 18),
            Rapportkolonne("Formel", 60, ombryd=True),
        ),
        tuple(Rapportraekke((t.label, t.resultat, t.enhed, t.formel)) for t in r.spor),
        (f"Landsplan i alt {'beregnet' if r.landsplan_er_beregnet else 'oplyst'}",),
        autofilter=False,
    )
    sammenligning = Rapportark(
        "Trykt og beregnet",
        "Dokumentets tal og de beregnede",
        (
            Rapportkolonne("Tal", 30),
            Rapportkolonne("Trykt", 18, "decimal", 2),
            Rapportkolonne("Beregnet", 18, "decimal", 2),
            Rapportkolonne("Forskel", 14, "decimal", 2),
            Rapportkolonne("Forklaring", 80, ombryd=True),
        ),
        tuple(Rapportraekke((a.navn, a.trykt, a.beregnet, a.forskel, a.forklaring)) for a in r.afvigelser)
        or (Rapportraekke(("Ingen afvigelser", None, None, None, "De trykte tal er de beregnede.")),),
        autofilter=False,
    )
    regler = regelark(r.regler_anvendt())
    return byg_rapport(titel, [beregning, sammenligning, regler])
