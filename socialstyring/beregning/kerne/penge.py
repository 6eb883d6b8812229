"""Exact money and the one place where rounding is defined.

Amounts are `Decimal` kroner. Floats are refused: binary floating point cannot hold
øre exactly. Rounding is Danish commercial rounding (half up, away from zero).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

OERE = Decimal("0.01")
KRONE = Decimal("1")
NUL = Decimal("0")
HUNDREDE = Decimal("100")
EN_DECIMAL = Decimal("0.1")


class Afrunding(StrEnum):
    """To what an amount is rounded; the rulebook says which applies where."""

    OERE = "oere"
    KRONE = "krone"

    @property
    def kvantum(self) -> Decimal:
        return OERE if self is Afrunding.OERE else KRONE

    @property
    def tekst(self) -> str:
        return "øre" if self is Afrunding.OERE else "hele kroner"


def som_decimal(vaerdi: Decimal | int | str) -> Decimal:
    """Convert an exact input to Decimal; floats are a programming error."""
    if isinstance(vaerdi, (bool, float)):
        raise TypeError(f"beløb skal være eksakte (Decimal, int eller str), ikke {vaerdi!r}")
    if isinstance(vaerdi, Decimal):
        return vaerdi
    try:
        return Decimal(str(vaerdi).strip().replace(" ", ""))
    except InvalidOperation as fejl:
        raise ValueError(f"'{vaerdi}' er ikke et tal") from fejl


def afrund(beloeb: Decimal, til: Afrunding = Afrunding.OERE) -> Decimal:
    """Round half up (handelsafrunding) to øre or whole kroner."""
    return beloeb.quantize(til.kvantum, rounding=ROUND_HALF_UP)


def afrund_til(tal: Decimal, kvantum: Decimal) -> Decimal:
    """The same rule (half up) to any quantum, e.g. 0,1 % or whole t.kr."""
    return tal.quantize(kvantum, rounding=ROUND_HALF_UP)


def procent_af(beloeb: Decimal, procent: Decimal) -> Decimal:
    """`procent` % of `beloeb`, unrounded."""
    return beloeb * procent / HUNDREDE


def dansk_tal(tal: Decimal | int, decimaler: int | None = None) -> str:
    """Format a number the Danish way: 1.234.567,89 (thousands '.', decimal ',')."""
    d = som_decimal(tal)
    if decimaler is not None:
        d = d.quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)
    tegn = "-" if d < 0 else ""
    tekst = f"{abs(d):f}"
    heltal, _, brok = tekst.partition(".")
    grupper: list[str] = []
    while len(heltal) > 3:
        grupper.insert(0, heltal[-3:])
        heltal = heltal[:-3]
    grupper.insert(0, heltal)
    resultat = tegn + ".".join(grupper)
    return f"{resultat},{brok}" if brok else resultat


def kr(beloeb: Decimal | int, decimaler: int = 2) -> str:
    """'1.234,56 kr.'"""
    return f"{dansk_tal(beloeb, decimaler)} kr."
