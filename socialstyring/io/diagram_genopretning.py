"""The reduction plan's chart: by year, the reduction target, the effective target (with the
shortfall carried in) and the expected effect, as reductions (the plan's negative amounts shown
as positive bars). Drawn with `io.diagrammer`'s helpers; nothing is computed here that the
plan's table does not show."""

from __future__ import annotations

import matplotlib

from socialstyring.beregning.genopretning import Planberegning
from socialstyring.io.diagrammer import FARVE, FARVE_LYS, FARVE_NEGATIV, RC, Format, _figur, _gem, _tal


def maal_og_effekt(plan: Planberegning, enhed: str, format: Format = "svg") -> bytes:
    """Grouped bars per year: target, effective target and effect (reductions, positive)."""
    with matplotlib.rc_context(RC):
        fig, ax = _figur(3.2)
        xs = list(range(len(plan.aarene)))
        bredde = 0.27
        serier = (
            ("Reduktionsmål", [-a.maal for a in plan.aarene], FARVE_LYS),
            ("Effektivt mål (med overført manko)", [-a.effektivt_maal for a in plan.aarene], FARVE_NEGATIV),
            ("Effekt i alt", [-a.effekt_i_alt for a in plan.aarene], FARVE),
        )
        for nr, (navn, vaerdier, farve) in enumerate(serier):
            ax.bar(
                [x + (nr - 1) * bredde for x in xs],
                [float(v) for v in vaerdier],
                bredde,
                label=navn,
                color=farve,
            )
        ax.set_xticks(xs, [str(a.aar) for a in plan.aarene])
        ax.yaxis.set_major_formatter(_tal(0))
        ax.set_ylabel(f"reduktion, {enhed}")
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        return _gem(fig, format)
