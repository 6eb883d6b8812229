"""A forecast as an Excel workbook (`io.excel.rapport`): the central case year by year with
each row's formula, the simulated bands, the known citizens and the rules used (with their
sources or assumptions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialstyring.beregning.prognose import RAEKKER, Prognosegrundlag, Prognoseresultat, noegle
from socialstyring.beregning.prognose.simulering import Simuleringsresultat
from socialstyring.io.excel.rapport import Rapportark, Rapportkolonne, Rapportraekke, byg_rapport, regelark


def prognosefil(
    g: Prognosegrundlag, central: Prognoseresultat, baand: Simuleringsresultat, titel: str
) -> bytes:
    """The workbook of a forecast."""
    aar = [a.aar for a in central.aarene]
    beregning = Rapportark(
        "Prognose",
        titel,
        (
            Rapportkolonne("Post", 36),
            *(Rapportkolonne(str(a), 16, "kr") for a in aar),
            Rapportkolonne("Formel", 50),
        ),
        tuple(
            Rapportraekke(
                (
                    tekst,
                    *(getattr(x, felt) for x in central.aarene),
                    central.spor[noegle(aar[0], felt)].formel,
                )
            )
            for felt, tekst in RAEKKER
        ),
        autofilter=False,
    )
    kv = baand.kvantil_pct()
    simulering = Rapportark(
        "Bånd",
        f"Simuleret med {baand.koersler} kørsler, seed {baand.seed}",
        (
            Rapportkolonne("År", 8, "heltal"),
            Rapportkolonne("Centralberegning", 18, "kr"),
            *(Rapportkolonne(f"{k} %-fraktil", 16, "kr") for k in kv),
        ),
        tuple(Rapportraekke((b.aar, b.central, *(b.kvantiler[k] for k in kv))) for b in baand.aarene),
    )
    kendte = Rapportark(
        "Kendte borgere",
        "Kendte borgere (basisårets priser)",
        (
            Rapportkolonne("Pseudonym", 24),
            Rapportkolonne("Årlig udgift", 18, "kr"),
            Rapportkolonne("Ophører", 14, "dato"),
        ),
        tuple(Rapportraekke((k.noegle, Decimal(k.aarlig_udgift), _dato(k.ophoerer))) for k in g.kendte),
    )
    regler = regelark(central.regler_anvendt() + baand.regler_anvendt())
    return byg_rapport(titel, [beregning, simulering, kendte, regler])


def _dato(d: date | None) -> date | None:
    return d
