"""The forecast's fan chart: per year the simulated median with the narrow and wide bands, the
central case and the budget frame. Drawn with `io.diagrammer`'s helpers (the same style, fonts as
outlines, Danish numbers). Pure: nothing is computed here that the result table does not show."""

from __future__ import annotations

from decimal import Decimal

import matplotlib

from socialstyring.beregning.prognose import Prognoseresultat
from socialstyring.beregning.prognose.simulering import Simuleringsresultat
from socialstyring.io.diagrammer import FARVE, FARVE_LYS, FARVE_NEGATIV, RC, Format, _figur, _gem, _tal

MIO = 1_000_000


def vifte(central: Prognoseresultat, baand: Simuleringsresultat, format: Format = "svg") -> bytes:
    """The fan chart of a forecast (amounts in mio. kr.)."""
    aar = [b.aar for b in baand.aarene]
    b5, b25, _, b75, b95 = baand.kvantil_pct()

    def serie(pct: int) -> list[float]:
        return [_mio(b.kvantiler[pct]) for b in baand.aarene]

    with matplotlib.rc_context(RC):
        fig, ax = _figur(3.4)
        ax.grid(axis="y", color="#d9dee5", linewidth=0.6)
        ax.fill_between(aar, serie(b5), serie(b95), color=FARVE_LYS, alpha=0.45,
                        label=f"{baand.bredt_pct:.0f} %-bånd ({b5}–{b95} %)", linewidth=0)  # fmt: skip
        ax.fill_between(aar, serie(b25), serie(b75), color=FARVE_LYS, alpha=0.9,
                        label=f"{baand.smalt_pct:.0f} %-bånd ({b25}–{b75} %)", linewidth=0)  # fmt: skip
        ax.plot(aar, serie(50), color=FARVE, linewidth=2, label="Median (simuleret)")
        ax.plot(aar, [_mio(a.udgift) for a in central.aarene], color="black", linestyle="--", marker="o",
                markersize=4, label="Centralberegning")  # fmt: skip
        ax.step(aar, [_mio(a.ramme) for a in central.aarene], where="mid", color=FARVE_NEGATIV, linewidth=1.6,
                label="Budgetramme")  # fmt: skip
        ax.set_xticks(aar)
        ax.xaxis.set_major_formatter(_tal(0))
        ax.set_xticklabels([str(a) for a in aar])
        ax.yaxis.set_major_formatter(_tal(1))
        ax.set_ylabel("Mio. kr.")
        ax.legend(frameon=False, fontsize=8, loc="upper left")
        return _gem(fig, format)


def _mio(v: Decimal) -> float:
    return float(v) / MIO
