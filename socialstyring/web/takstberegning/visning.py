"""The rate page's structures: the engine's input (budget lines) paired with its output and
the trace key of every figure, so the template can show both and open each figure's trace."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.beregning.kerne.spor import Spor, Tal
from socialstyring.beregning.takst import (
    Budgetlinje,
    Omkostningsart,
    Pakke,
    Pakketakst,
    Tillaegstakst,
    Ydelse,
    Ydelsestakst,
)


@dataclass(frozen=True)
class Figur:
    """A figure on the page: its trace key and value (taken from the trace step)."""

    noegle: str
    vaerdi: Tal


@dataclass(frozen=True)
class Budgetpost:
    """One cost category of a budget: the input lines and the category's total."""

    label: str
    sum: Figur
    linjer: tuple[Budgetlinje, ...]


@dataclass(frozen=True)
class Budgetvisning:
    titel: str
    poster: list[Budgetpost]
    direkte: Figur


@dataclass(frozen=True)
class Pakkevisning:
    pakke: Pakke
    takst: Pakketakst
    figurer: dict[str, Figur]  # grundlag, belagte_dage (direct costs and overhead are in its trace)


@dataclass(frozen=True)
class Ydelsesvisning:
    ydelse: Ydelse
    takst: Ydelsestakst
    belagte_dage: Figur | None
    budgetter: list[Budgetvisning]  # the service's own budget, then one per package
    pakker: list[Pakkevisning]


@dataclass(frozen=True)
class Tillaegsvisning:
    takst: Tillaegstakst
    administration: Figur | None


def _figur(spor: Spor, noegle: str) -> Figur | None:
    return Figur(noegle, spor[noegle].resultat) if noegle in spor else None


def _budget(titel: str, budget: tuple[Budgetlinje, ...], noegle: str, spor: Spor) -> Budgetvisning:
    poster = []
    for art in Omkostningsart:
        linjer = tuple(b for b in budget if b.art is art)
        sum_ = _figur(spor, f"{noegle}.omk.{art.value}")
        if linjer and sum_ is not None:
            poster.append(Budgetpost(art.label, sum_, linjer))
    direkte = _figur(spor, f"{noegle}.direkte")
    assert direkte is not None, f"sporet mangler {noegle}.direkte"
    return Budgetvisning(titel, poster, direkte)


def ydelsesvisning(y: Ydelse, t: Ydelsestakst, spor: Spor) -> Ydelsesvisning:
    budgetter = [_budget(y.navn if not y.pakker else f"{y.navn}: grundbudget", y.budget, t.noegle, spor)]
    pakker = []
    for pakke, pt in zip(y.pakker, t.pakker, strict=True):
        budgetter.append(_budget(f"{y.navn}: {pakke.navn}", pakke.budget, pt.noegle, spor))
        figurer = {
            navn: f
            for navn in ("grundlag", "belagte_dage")
            if (f := _figur(spor, f"{pt.noegle}.{navn}")) is not None
        }
        pakker.append(Pakkevisning(pakke, pt, figurer))
    return Ydelsesvisning(y, t, _figur(spor, f"{t.noegle}.belagte_dage"), budgetter, pakker)


def tillaegsvisning(t: Tillaegstakst, spor: Spor) -> Tillaegsvisning:
    return Tillaegsvisning(t, _figur(spor, f"{t.noegle}.administration"))
