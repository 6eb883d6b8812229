"""Charts of the management information (matplotlib, no display: the Agg/SVG canvases).

Each function takes a `Ledelsesinfo` and returns the chart as SVG (or PNG) bytes; nothing
is computed here that the tables do not show:

- `udvikling`: table A's development in average price per place, per operator, as
  horizontal bars (largest rise on top), the agreement's total as a line. An operator
  with no occupancy in the current year (the engine's −100 %) would flatten every other
  bar, so it is named under the chart instead of drawn.
- `belaegning`: table D's total occupancy per target group, the previous year against the
  current one (grouped horizontal bars), with 'I alt'.
- `pladser`: table E's places per target group in the current year, day and 24-hour
  stacked.

Pure: figures are made with `matplotlib.figure.Figure` (no pyplot, no global state), so
charts can be drawn in several threads at once. Text is drawn as outlines (DejaVu Sans),
so a chart looks the same in every browser and in the PDF whatever fonts are installed;
numbers on the axes and labels are Danish (1.234,5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.typing import RcKeyType

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import I_ALT, SAMLET, TOTAL, Ledelsesinfo

Format = Literal["svg", "png"]

FARVE = "#1f5f99"  # the pages' accent
FARVE_LYS = "#9bbbd9"
FARVE_NEGATIV = "#b45309"
GITTER = "#d9dee5"
TEKST = "#1d2733"

ETIKETBAGGRUND = {"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"}
"""Behind a value label, so a reference line does not run through its text."""

RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "path",  # text as outlines: looks the same wherever it is shown (browser, PDF)
    "svg.hashsalt": "socialstyring",  # the same chart gives the same bytes
    "axes.edgecolor": GITTER,
    "axes.labelcolor": TEKST,
    "xtick.color": TEKST,
    "ytick.color": TEKST,
    "text.color": TEKST,
}


def _tal(decimaler: int) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: dansk_tal(Decimal(str(float(x))), decimaler))


def _figur(hoejde_tommer: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(8.0, max(2.2, hoejde_tommer)), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color=GITTER, linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _gem(fig: Figure, format: Format) -> bytes:
    ud = BytesIO()
    metadata = {"Date": None} if format == "svg" else {"Software": None}
    fig.savefig(ud, format=format, dpi=150, metadata=metadata)
    return ud.getvalue()


def _f(v: Decimal | None) -> float:
    return float(v) if v is not None else 0.0


def udvikling(li: Ledelsesinfo, format: Format = "svg") -> bytes:
    """Table A: takstudvikling % per operator (horizontal bars, largest rise on top)."""
    with matplotlib.rc_context(RC):
        tabel = li.tabeller["A"]
        med: list[tuple[str, Decimal]] = []
        uden: list[str] = []
        total: Decimal | None = None
        for r in tabel.raekker:
            u = r.vaerdier.get("udvikling_pct")
            if r.navn == TOTAL:
                total = u
            elif any(r.vaerdier.get(f"gns_pris_{y}") is None for y in (li.forrige_aar, li.aar)):
                uden.append(r.navn)
            elif u is not None:
                med.append((r.navn, u))
        med.sort(key=lambda x: (x[1], x[0]))
        fig, ax = _figur(0.28 * len(med) + 1.3)
        y = list(range(len(med)))
        vaerdier = [float(u) for _, u in med]
        ax.barh(y, vaerdier, color=[FARVE if v >= 0 else FARVE_NEGATIV for v in vaerdier], height=0.65)
        ax.set_yticks(y, [n for n, _ in med])
        for i, (_, u) in enumerate(med):
            ax.annotate(
                f"{dansk_tal(u, 1)} %",
                (float(u), i),
                xytext=(4 if u >= 0 else -4, 0),
                textcoords="offset points",
                ha="left" if u >= 0 else "right",
                va="center",
                fontsize=8,
                bbox=ETIKETBAGGRUND,
            )
        ax.axvline(0, color=TEKST, linewidth=0.8)
        if total is not None:
            ax.axvline(float(total), color=TEKST, linewidth=1, linestyle="--")
            ax.annotate(
                f"I alt {dansk_tal(total, 1)} %",
                (float(total), 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -2),
                textcoords="offset points",
                va="top",
                fontsize=8,
            )
        if vaerdier:
            lav, hoej = min(0.0, *vaerdier), max(0.0, *vaerdier)
            luft = (hoej - lav) * 0.15 or 1.0
            ax.set_xlim(lav - (luft if lav < 0 else 0), hoej + luft)
        ax.xaxis.set_major_formatter(_tal(0))
        ax.set_xlabel(f"Takstudvikling {li.forrige_aar}–{li.aar} i % (gns. pris pr. plads, {li.aar}-priser)")
        if uden:
            fig.supxlabel(
                f"Ikke vist (ingen belægning i {li.forrige_aar} eller {li.aar}): " + ", ".join(uden),
                fontsize=8,
                color="#55606e",
            )
        return _gem(fig, format)


def belaegning(li: Ledelsesinfo, format: Format = "svg") -> bytes:
    """Table D: samlet belægning % per target group, previous year against current."""
    with matplotlib.rc_context(RC):
        raekker = [
            (r.navn, r.vaerdier.get(f"{SAMLET}_{li.forrige_aar}"), r.vaerdier.get(f"{SAMLET}_{li.aar}"))
            for r in li.tabeller["D"].raekker
        ]
        raekker.reverse()  # first group on top; 'I alt' (last) at the bottom
        fig, ax = _figur(0.48 * len(raekker) + 1.3)
        y = list(range(len(raekker)))
        h = 0.38
        for forskyd, farve, aar in ((h / 2, FARVE_LYS, li.forrige_aar), (-h / 2, FARVE, li.aar)):
            vaerdier = [(r[1] if aar == li.forrige_aar else r[2]) for r in raekker]
            ax.barh(
                [i + forskyd for i in y], [_f(v) for v in vaerdier], height=h, color=farve, label=str(aar)
            )
            for i, v in enumerate(vaerdier):
                if v is not None:
                    ax.annotate(
                        f"{dansk_tal(v, 1)} %",
                        (float(v), i + forskyd),
                        xytext=(3, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=7.5,
                        bbox=ETIKETBAGGRUND,
                    )
        ax.set_yticks(y, [_ombryd(n) for n, _, _ in raekker])
        for etiket in ax.get_yticklabels():
            if etiket.get_text() == I_ALT:
                etiket.set_fontweight("bold")
        ax.axvline(100, color=TEKST, linewidth=0.8, linestyle=":", zorder=0.5)
        ax.set_xlim(0, 118)
        ax.xaxis.set_major_formatter(_tal(0))
        ax.set_xlabel("Samlet belægning i % (årspladser / pladser)")
        fig.legend(loc="outside upper right", ncols=2, frameon=False)
        return _gem(fig, format)


def pladser(li: Ledelsesinfo, format: Format = "svg") -> bytes:
    """Table E: places per target group in the current year, døgn and dag stacked."""
    with matplotlib.rc_context(RC):
        raekker = [
            (
                r.gruppe,
                r.vaerdier.get(f"{Pladstype.DOEGN}_{li.aar}") or Decimal(0),
                r.vaerdier.get(f"{Pladstype.DAG}_{li.aar}") or Decimal(0),
            )
            for r in li.tabeller["E"].raekker
            if r.navn == TOTAL and r.gruppe != I_ALT
        ]
        raekker.sort(key=lambda x: (x[1] + x[2], x[0]))
        fig, ax = _figur(0.36 * len(raekker) + 1.3)
        y = list(range(len(raekker)))
        doegn = [float(d) for _, d, _ in raekker]
        dag = [float(d) for _, _, d in raekker]
        ax.barh(y, doegn, height=0.6, color=FARVE, label="Døgnpladser")
        ax.barh(y, dag, left=doegn, height=0.6, color=FARVE_LYS, label="Dagpladser")
        for i, (_, d, g) in enumerate(raekker):
            ax.annotate(
                dansk_tal(d + g),
                (float(d + g), i),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(y, [_ombryd(n) for n, _, _ in raekker])
        if raekker:
            ax.set_xlim(0, max(float(d + g) for _, d, g in raekker) * 1.12 or 1)
        ax.xaxis.set_major_formatter(_tal(0))
        ax.set_xlabel(f"Pladser {li.aar}")
        fig.legend(loc="outside upper right", ncols=2, frameon=False)
        return _gem(fig, format)


def _ombryd(tekst: str, bredde: int = 34) -> str:
    """A long target-group name on two lines."""
    if len(tekst) <= bredde:
        return tekst
    ord_ = tekst.split()
    linje, linjer = "", []
    for o in ord_:
        if linje and len(linje) + 1 + len(o) > bredde:
            linjer.append(linje)
            linje = o
        else:
            linje = f"{linje} {o}".strip()
    linjer.append(linje)
    return "\n".join(linjer)


@dataclass(frozen=True)
class Diagram:
    navn: str
    titel: str
    tabel: str
    tegn: Callable[[Ledelsesinfo, Format], bytes]


DIAGRAMMER: dict[str, Diagram] = {
    d.navn: d
    for d in (
        Diagram("udvikling", "Takstudvikling pr. driftsherre", "A", udvikling),
        Diagram("belaegning", "Samlet belægning pr. målgruppe", "D", belaegning),
        Diagram("pladser", "Pladser pr. målgruppe", "E", pladser),
    )
}
"""The charts by the name used in URLs."""
