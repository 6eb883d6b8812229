"""The calculator's workbook (`io.excel.rapport`): the trip's figures with their formulas, the
document's worked example beside its printed figures, and the rules used with their sources."""

from __future__ import annotations

from collections.abc import Sequence

from socialstyring.beregning.ledsagelse import POSTER, Ledsagelsesresultat
from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)
from socialstyring.web.ledsagelse.selectors import Sammenligning

TITEL = "Tilkøb af ledsagelse under ferie, model 2"


def ledsagelsesfil(r: Ledsagelsesresultat, tur: str, eksempel: Sequence[Sammenligning], kilde: str) -> bytes:
    undertitler = (tur,)
    raekker = []
    for post, navn in POSTER.items():
        trin = r.spor[f"ledsagelse.{post}"]
        raekker.append(
            Rapportraekke((navn, getattr(r, post), trin.enhed, trin.formel), total=post == "egenbetaling")
        )
    for nr, andel in enumerate(r.egenbetaling_pr_beboer, start=1):
        if len(r.egenbetaling_pr_beboer) > 1:
            raekker.append(
                Rapportraekke((f"Egenbetaling, beboer {nr}", andel, "kr.", "egenbetaling ÷ beboere"))
            )
    beregning = Rapportark(
        "Beregning",
        TITEL,
        (
            Rapportkolonne("Post", 40),
            Rapportkolonne("Tal", 18, "decimal", 2),
            Rapportkolonne("Enhed", 14),
            Rapportkolonne("Formel", 60, ombryd=True),
        ),
        tuple(raekker),
        undertitler,
        autofilter=False,
    )
    sammenligning = Rapportark(
        "Bilag 2",
        "Dokumentets regneeksempel: trykt og beregnet",
        (
            Rapportkolonne("Post", 40),
            Rapportkolonne("Trykt", 16, "decimal", 2),
            Rapportkolonne("Beregnet", 16, "decimal", 2),
            Rapportkolonne("Forskel", 14, "decimal", 2),
            Rapportkolonne("Forklaring", 80, ombryd=True),
        ),
        tuple(Rapportraekke((s.navn, s.trykt, s.beregnet, s.forskel, s.forklaring)) for s in eksempel),
        (kilde,),
        autofilter=False,
    )
    regler = regelark(r.regler_anvendt())
    return byg_rapport(TITEL, [beregning, sammenligning, regler])
