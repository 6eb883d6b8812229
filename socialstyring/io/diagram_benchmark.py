"""The benchmark chart: expenditure per inhabitant of the chosen municipality and its peers (or,
without peers, every municipality shown on the page), as horizontal bars, the national average
as a line. Drawn with `io.diagrammer`'s helpers. Pure: nothing is computed here that the page's
table does not show."""

from __future__ import annotations

from decimal import Decimal

import matplotlib

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.diagrammer import FARVE, FARVE_LYS, RC, TEKST, Format, _figur, _gem, _tal


def udgift_pr_indbygger(
    tal: list[tuple[str, Decimal]], valgt: str, landsgennemsnit: Decimal, gruppe: str, format: Format = "svg"
) -> bytes:
    """Bars of `tal` (name, kr. per inhabitant), highest on top; `valgt` in the accent colour."""
    raekker = sorted(tal, key=lambda t: t[1])
    with matplotlib.rc_context(RC):
        fig, ax = _figur(0.6 + 0.28 * len(raekker))
        ys = range(len(raekker))
        ax.barh(
            list(ys),
            [float(v) for _, v in raekker],
            color=[FARVE if navn == valgt else FARVE_LYS for navn, _ in raekker],
        )
        ax.set_yticks(list(ys), [navn for navn, _ in raekker])
        ax.axvline(float(landsgennemsnit), color=TEKST, linewidth=1.2, linestyle="--")
        ax.annotate(
            f"landsgennemsnit {dansk_tal(landsgennemsnit)} kr.",
            (float(landsgennemsnit), len(raekker) - 0.5),
            textcoords="offset points",
            xytext=(4, 0),
            fontsize=8,
        )
        ax.xaxis.set_major_formatter(_tal(0))
        ax.set_xlabel(f"kr. pr. {gruppe}-årig")
        return _gem(fig, format)
