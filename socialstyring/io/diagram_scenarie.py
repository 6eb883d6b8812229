"""The savings-scenario chart: each scenario's effect per operator (its income) and per paying
municipality (its expenses), as grouped horizontal bars, one colour per scenario. With many
operators or municipalities only the largest effects are drawn (the tables show them all).
Drawn with `io.diagrammer`'s helpers (the same style, fonts as outlines, Danish numbers).
Pure: nothing is computed here that the tables do not show."""

from __future__ import annotations

from decimal import Decimal

import matplotlib

from socialstyring.beregning.scenarie import Effekt, Scenarieresultat
from socialstyring.io.diagrammer import FARVE, FARVE_LYS, FARVE_NEGATIV, GITTER, RC, Format, _gem, _tal

FARVER = (FARVE, FARVE_NEGATIV, FARVE_LYS, "#4b5563", "#15803d", "#7c3aed")
HOEJST = 12
"""The most operators or municipalities drawn in a panel."""


def _navne(r: Scenarieresultat, hvad: str) -> list[str]:
    """The names with the largest effect in any scenario, largest first."""
    stoerst: dict[str, Decimal] = {}
    for s in r.scenarier:
        effekter: list[Effekt] = getattr(s, hvad)
        for e in effekter:
            stoerst[e.navn] = max(stoerst.get(e.navn, Decimal(0)), abs(e.beloeb))
    return sorted(stoerst, key=lambda n: (-stoerst[n], n))[:HOEJST]


def effekter(r: Scenarieresultat, format: Format = "svg") -> bytes:
    """Two panels: operators' income and municipalities' expenses, per scenario (kr.)."""
    from matplotlib.figure import Figure

    paneler = (("driftsherrer", "Driftsherrernes indtægt, kr."), ("kommuner", "Kommunernes udgifter, kr."))
    navne = {hvad: _navne(r, hvad) for hvad, _ in paneler}
    antal = len(r.scenarier)
    hoejde = 1.2 + 0.22 * antal * sum(max(1, len(n)) for n in navne.values())
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(8.0, max(3.0, hoejde)), layout="constrained")
        akser = fig.subplots(2, 1, height_ratios=[max(1, len(navne[h])) for h, _ in paneler])
        for ax, (hvad, titel) in zip(akser, paneler, strict=True):
            ax.spines[["top", "right"]].set_visible(False)
            ax.grid(axis="x", color=GITTER, linewidth=0.6)
            ax.set_axisbelow(True)
            n = navne[hvad]
            bredde = 0.8 / max(1, antal)
            for i, s in enumerate(r.scenarier):
                beloeb = {e.navn: float(e.beloeb) for e in getattr(s, hvad)}
                ys = [j + i * bredde for j in range(len(n))]
                ax.barh(ys, [beloeb.get(x, 0.0) for x in n], height=bredde, color=FARVER[i % len(FARVER)],
                        label=s.navn)  # fmt: skip
            ax.set_yticks([j + bredde * (antal - 1) / 2 for j in range(len(n))], n)
            ax.invert_yaxis()
            ax.axvline(0, color="#1d2733", linewidth=0.8)
            ax.xaxis.set_major_formatter(_tal(0))
            ax.set_title(titel, loc="left", fontsize=9)
            if not n:
                ax.text(0.5, 0.5, "Ingen ændringer", transform=ax.transAxes, ha="center", va="center")
        akser[0].legend(frameon=False, fontsize=8, loc="lower left")
        return _gem(fig, format)
