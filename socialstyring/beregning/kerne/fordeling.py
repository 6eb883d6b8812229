"""Splitting an amount in proportion to weights so the parts add up exactly: the largest-
remainder method (Hamilton's method), used wherever a total is shared out in whole øre,
kroner or other units (a closure's settlement among paying municipalities, objective
financing among municipalities, synthetic data).

Each part is first rounded down (in absolute value) to whole units; the units left over
go one each to the parts with the largest remainders. Ties go to the larger weight, then
to the earlier part. Every part is less than one unit from its exact share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from socialstyring.beregning.kerne.penge import KRONE, NUL, OERE, dansk_tal


@dataclass(frozen=True)
class Andel:
    """One part of a split: the rounded amount, the exact share and whether the part got
    an extra unit for its remainder."""

    beloeb: Decimal
    praecis: Fraction
    ekstra: bool


def fordel_efter_stoerste_rest(
    beloeb: Decimal, vaegte: Sequence[Decimal | int], enhed: Decimal = OERE
) -> list[Andel]:
    """Split `beloeb` (a whole number of `enhed`) in proportion to `vaegte` (≥ 0) by the
    largest remainder; the parts sum exactly to `beloeb`."""
    antal = beloeb / enhed
    if antal != antal.to_integral_value():
        raise ValueError(f"beløbet {beloeb} skal være i hele {_enhedstekst(enhed)}")
    if any(v < 0 for v in vaegte):
        raise ValueError("vægtene kan ikke være negative")
    total = sum((Fraction(v) for v in vaegte), Fraction(0))
    enheder = abs(int(antal))
    if total == 0:
        if enheder:
            raise ValueError(f"{dansk_tal(beloeb)} kan ikke fordeles: der er intet at fordele efter")
        return [Andel(NUL, Fraction(0), False) for _ in vaegte]
    praecise = [Fraction(enheder) * Fraction(v) / total for v in vaegte]
    gulve = [p.numerator // p.denominator for p in praecise]
    tilbage = enheder - sum(gulve)
    orden = sorted(range(len(vaegte)), key=lambda i: (-(praecise[i] - gulve[i]), -Fraction(vaegte[i]), i))
    ekstra = set(orden[:tilbage])
    fortegn = -1 if beloeb < 0 else 1
    return [
        Andel(
            fortegn * (gulve[i] + (1 if i in ekstra else 0)) * enhed,
            fortegn * praecise[i] * Fraction(enhed),
            i in ekstra,
        )
        for i in range(len(vaegte))
    ]


def _enhedstekst(enhed: Decimal) -> str:
    if enhed == OERE:
        return "øre"
    if enhed == KRONE:
        return "kroner"
    return f"enheder af {dansk_tal(enhed)}"
