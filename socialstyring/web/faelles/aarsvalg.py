"""The year picker every page whose data has years shows (`faelles/_aarsvaelger.html`): rows
of links — years, quarters, pairs of years, versions — each one a plain GET link to the same
page for another choice, the chosen one marked `aria-current`. No JavaScript, no form.

The area decides which years have data (its selector gives them, e.g. with `aar_med_data`
over its querysets) and how a choice becomes a URL; this module only orders the choices,
adds the chosen one when the data lacks it, and gives the template one shape:

    vaelger = aarsvaelger(
        aarsvalg(aar_med_data(qs), aar, lambda a: reverse("belaegning:belaegning", args=[d.pk, a, kvartal])),
        kvartalsvalg(kvartal, lambda k: reverse("belaegning:belaegning", args=[d.pk, aar, k])),
    )
    {% include "faelles/_aarsvaelger.html" %}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

KVARTALER = (1, 2, 3, 4)


@dataclass(frozen=True)
class Valg:
    """One choice: its text ("2017", "Q2", "2016–2017"), its page and whether it is this page."""

    tekst: str
    url: str
    valgt: bool
    etiket: str = ""  # the link's accessible name when the text alone says too little


@dataclass(frozen=True)
class Valgraekke:
    """A row of choices of one kind ("År", "Kvartal", "Version")."""

    overskrift: str
    valg: tuple[Valg, ...]
    noegle: str = "aar"  # stable key (data-valg in the page)

    @property
    def valgt(self) -> Valg | None:
        return next((v for v in self.valg if v.valgt), None)


@dataclass(frozen=True)
class Aarsvaelger:
    """The rows a page shows; `navn` is the navigation's accessible name."""

    raekker: tuple[Valgraekke, ...]
    navn: str

    def __bool__(self) -> bool:
        return bool(self.raekker)


def aar_med_data(*kilder: QuerySet[Any] | Iterable[int], felt: str = "aar") -> list[int]:
    """The distinct years of the querysets' `felt` (or of plain iterables of years), ascending."""
    aar: set[int] = set()
    for k in kilder:
        if isinstance(k, QuerySet):
            aar |= set(k.order_by().values_list(felt, flat=True).distinct())
        else:
            aar |= set(k)
    return sorted(a for a in aar if a is not None)


def aarsvalg(
    aarene: Iterable[int],
    valgt: int,
    url: Callable[[int], str],
    *,
    overskrift: str = "År",
    etiket: Callable[[int], str] | None = None,
) -> Valgraekke:
    """The years with data (and the chosen year, even without), ascending."""
    return Valgraekke(
        overskrift,
        tuple(
            Valg(str(a), url(a), a == valgt, etiket(a) if etiket else "")
            for a in sorted(set(aarene) | {valgt})
        ),
        "aar",
    )


def kvartalsvalg(
    valgt: int, url: Callable[[int], str], *, etiket: Callable[[int], str] | None = None
) -> Valgraekke:
    """The four quarters of a year (Q1..Q4)."""
    return Valgraekke(
        "Kvartal",
        tuple(Valg(f"Q{k}", url(k), k == valgt, etiket(k) if etiket else "") for k in KVARTALER),
        "kvartal",
    )


def aarsparvalg(
    parrene: Iterable[tuple[int, int]], valgt: tuple[int, int], url: Callable[[int, int], str]
) -> Valgraekke:
    """Pairs of years (previous, current) as "2016–2017", ascending."""
    return Valgraekke(
        "År",
        tuple(
            Valg(f"{f}–{a}", url(f, a), (f, a) == valgt, f"{f} til {a}")
            for f, a in sorted(set(parrene) | {valgt})
        ),
        "aarspar",
    )


def versionsvalg(
    versioner: Iterable[int],
    valgt: int,
    url: Callable[[int], str],
    *,
    etiket: Callable[[int], str] | None = None,
) -> Valgraekke:
    """Versions (of a catalogue), ascending."""
    return Valgraekke(
        "Version",
        tuple(
            Valg(str(v), url(v), v == valgt, etiket(v) if etiket else f"Version {v}")
            for v in sorted(set(versioner) | {valgt})
        ),
        "version",
    )


def aarsvaelger(*raekker: Valgraekke | None, navn: str = "") -> Aarsvaelger:
    """The picker of the given rows (None rows left out); its accessible name says what is
    chosen ("Vælg år og kvartal") unless given."""
    med = tuple(r for r in raekker if r is not None)
    if not navn:
        dele = [r.overskrift.lower() for r in med]
        navn = "Vælg " + (" og ".join([", ".join(dele[:-1]), dele[-1]]) if len(dele) > 1 else "".join(dele))
    return Aarsvaelger(med, navn)
