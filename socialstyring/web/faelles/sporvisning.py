"""The trace panel's data: every figure on a page is a button that opens the steps that
explain it (`faelles/_sporpanel.html`, `_trin.html`, `spor.js`). `panel(spor)` gives what
the templates need; pages with many figures pass the keys they show, so only the steps
behind those are sent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from socialstyring.beregning.kerne.spor import Regelreference, Spor, Tal, Trin


@dataclass(frozen=True)
class Indgangsvisning:
    navn: str
    vaerdi: Tal
    enhed: str  # the input's own unit, else the unit of the step it came from, else ""
    fra_trin: str | None
    fra_label: str | None


@dataclass(frozen=True)
class Trinvisning:
    trin: Trin
    indgange: list[Indgangsvisning]
    regler: tuple[Regelreference, ...]


def forklaringer(spor: Spor, noegler: Iterable[str] | None = None) -> dict[str, list[str]]:
    """For every figure (or those of `noegler`): the keys of the steps that explain it."""
    valgte = [t.noegle for t in spor] if noegler is None else sorted(n for n in set(noegler) if n in spor)
    return {n: [f.noegle for f in spor.forklar(n)] for n in valgte}


def trinvisning(t: Trin, spor: Spor) -> Trinvisning:
    indgange = []
    for navn, i in t.input.items():
        kilde = spor[i.fra_trin] if i.fra_trin is not None and i.fra_trin in spor else None
        indgange.append(
            Indgangsvisning(
                navn,
                i.vaerdi,
                i.enhed if i.enhed is not None else kilde.enhed if kilde else "",
                kilde.noegle if kilde else None,
                kilde.label if kilde else None,
            )
        )
    return Trinvisning(t, indgange, t.regler)


def panel(spor: Spor, noegler: Iterable[str] | None = None) -> dict[str, Any]:
    """The context of the trace panel: `spor`, its steps (`trin`) and, per figure, the steps
    that explain it (`forklaringer`); with `noegler`, only the steps behind those figures."""
    f = forklaringer(spor, noegler)
    if noegler is None:
        trin = [trinvisning(t, spor) for t in spor]
    else:
        brugte = {n for liste in f.values() for n in liste}
        trin = [trinvisning(t, spor) for t in spor if t.noegle in brugte]
    return {"spor": spor, "trin": trin, "forklaringer": f}
