"""The Børnehus sensitivity chart: the budget (or, without a wage per staff year, the staff
years) at each hours per case, one line per effective hours a week; the base point marked.
Drawn with `io.diagrammer`'s helpers (the same style, fonts as outlines, Danish numbers).
Pure: nothing is computed here that the sensitivity table does not show."""

from __future__ import annotations

from decimal import Decimal

import matplotlib

from socialstyring.beregning.boernehus import Boernehusresultat
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.diagrammer import FARVE, FARVE_LYS, FARVE_NEGATIV, RC, Format, _figur, _gem, _tal

LINJEFARVER = (FARVE_NEGATIV, FARVE, FARVE_LYS, "#4b5563")


def foelsomhed(r: Boernehusresultat, format: Format = "svg") -> bytes:
    """The sensitivity of `r` (empty chart with a note when the year has none)."""
    with matplotlib.rc_context(RC):
        fig, ax = _figur(3.2)
        ax.grid(axis="y", color="#d9dee5", linewidth=0.6)
        med_budget = any(p.budget is not None for p in r.foelsomhed)
        uger = sorted({p.effektive_timer_pr_uge for p in r.foelsomhed})
        for i, u in enumerate(uger):
            punkter = sorted(
                (p for p in r.foelsomhed if p.effektive_timer_pr_uge == u), key=lambda p: p.timer_pr_sag
            )
            xs = [float(p.timer_pr_sag) for p in punkter]
            ys = [_y(p.budget if med_budget else p.behandleraarsvaerk) for p in punkter]
            ax.plot(xs, ys, marker="o", color=LINJEFARVER[i % len(LINJEFARVER)],
                    label=f"{dansk_tal(u)} timer pr. uge")  # fmt: skip
        for p in r.foelsomhed:
            if p.er_grundlag:
                y = _y(p.budget if med_budget else p.behandleraarsvaerk)
                ax.plot(
                    [float(p.timer_pr_sag)], [y], marker="o", markersize=11, fillstyle="none", color="black"
                )
                ax.annotate("budgetforudsætning", (float(p.timer_pr_sag), y), textcoords="offset points",
                            xytext=(-8, 10), ha="right", fontsize=8)  # fmt: skip
        if not r.foelsomhed:
            ax.text(0.5, 0.5, "Ingen følsomhed for året", transform=ax.transAxes, ha="center", va="center")
        ax.set_xlabel("Timer pr. sag")
        ax.set_ylabel("Budget, kr." if med_budget else "Behandlerårsværk")
        ax.yaxis.set_major_formatter(_tal(0 if med_budget else 2))
        ax.xaxis.set_major_formatter(_tal(0))
        if r.foelsomhed:
            ax.set_xticks(sorted({float(p.timer_pr_sag) for p in r.foelsomhed}))
            ax.legend(frameon=False, fontsize=8)
        return _gem(fig, format)


def _y(v: Decimal | None) -> float:
    return float(v) if v is not None else 0.0
