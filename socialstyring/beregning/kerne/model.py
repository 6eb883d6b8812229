"""Shared input types for the engine: exact amounts that refuse floats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from socialstyring.beregning.kerne.penge import som_decimal

if TYPE_CHECKING:
    from socialstyring.regler import Regelbog


def _eksakt(v: Any) -> Decimal:
    if isinstance(v, (Decimal, int, str)) and not isinstance(v, bool):
        return som_decimal(v)
    raise ValueError(f"forventede et eksakt tal, fik {v!r}")


Tal = Annotated[Decimal, BeforeValidator(_eksakt)]
"""A Decimal input; int and str are converted, float and bool are refused."""


class Inddata(BaseModel):
    """Base for engine inputs: immutable, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def slug(tekst: str) -> str:
    """An ASCII key for a name, used in trace keys: 'Døgnophold § 108' → 'doegnophold_108'."""
    tekst = tekst.lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", tekst).strip("_") or "x"


class Noegler:
    """Unique ASCII trace keys for names: 'Favrskov kommune' → 'favrskov_kommune' (a
    suffix is added if two names give the same key)."""

    def __init__(self) -> None:
        self._noegler: dict[str, str] = {}
        self._brugte: set[str] = set()

    def __call__(self, navn: str) -> str:
        n = self._noegler.get(navn)
        if n is None:
            n = base = slug(navn)
            i = 2
            while n in self._brugte:
                n, i = f"{base}_{i}", i + 1
            self._noegler[navn] = n
            self._brugte.add(n)
        return n


@dataclass(frozen=True)
class Caseberegning:
    """A calculation that case files and `socialstyring beregn <navn>` can run.

    A module in `socialstyring.beregning` declares `CASEBEREGNING = Caseberegning(...)`;
    `socialstyring.io.cases` finds every such module, so adding a calculation needs no
    registration elsewhere.
    """

    navn: str
    input: type[Inddata]
    funktion: Callable[[Any, Regelbog], Any]
    beskrivelse: str
