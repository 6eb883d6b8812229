"""Objective financing by inhabitants (`beregning.kerne.objektiv`), worked by hand.

1.000 kr. among A 1, B 1, C 1 inhabitants: 333,33… each; two parts of 333 and one extra
krone to the earliest of the equal remainders: 334 + 333 + 333 = 1.000.
100 kr. among 2 and 1: 66,67 / 33,33 → 67 + 33 = 100 (the larger remainder gets the krone)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialstyring.beregning.kerne.objektiv import fordel_efter_indbyggere, tjek_offentliggjort
from socialstyring.beregning.kerne.spor import Spor


def test_tre_lige_store() -> None:
    spor = Spor()
    d = fordel_efter_indbyggere(spor, "of", Decimal(1000), {"A": 1, "B": 1, "C": 1})
    assert d == {"A": Decimal(334), "B": Decimal(333), "C": Decimal(333)}
    assert spor["of.a"].bemaerkning and not spor["of.b"].bemaerkning
    assert spor["of.indbyggere"].resultat == 3


def test_stoerste_rest() -> None:
    d = fordel_efter_indbyggere(Spor(), "of", Decimal(100), {"A": 2, "B": 1})
    assert d == {"A": Decimal(67), "B": Decimal(33)}


def test_hele_kroner_og_indbyggere_kraeves() -> None:
    with pytest.raises(ValueError, match="hele kroner"):
        fordel_efter_indbyggere(Spor(), "of", Decimal("100.50"), {"A": 1})
    with pytest.raises(ValueError, match="ingen 0–17-årige"):
        fordel_efter_indbyggere(Spor(), "of", Decimal(100), {"A": 0})


def test_offentliggjort_raekke_der_ikke_passer_til_sit_antal() -> None:
    # 1.000 kr. for 10 inhabitants: 100 kr. each; A (3) 300, B (5) 500, C (2) 200 fit.
    pub = {"A": Decimal(300), "B": Decimal(500), "C": Decimal(200)}
    assert tjek_offentliggjort(pub, {"A": 3, "B": 5, "C": 2}) == []
    # A printed 310 instead of 300 (total 1.010 for 10 → 101 each: A's share 303, B 505, C 202):
    # every row is 3 kr. or more from its share at the printed total's rate
    pub = {"A": Decimal(310), "B": Decimal(500), "C": Decimal(200)}
    fejl = tjek_offentliggjort(pub, {"A": 3, "B": 5, "C": 2})
    assert [(f.kommune, f.efter_antal) for f in fejl] == [
        ("A", Decimal(303)),
        ("B", Decimal(505)),
        ("C", Decimal(202)),
    ]
