"""Money: exact, rounded half up in one place, formatted the Danish way."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialstyring.beregning.kerne.penge import Afrunding, afrund, dansk_tal, kr, procent_af, som_decimal


def test_afrunding_er_handelsafrunding_halv_op() -> None:
    assert afrund(Decimal("2.345")) == Decimal("2.35")
    assert afrund(Decimal("421.5"), Afrunding.KRONE) == Decimal("422")
    assert afrund(Decimal("-421.5"), Afrunding.KRONE) == Decimal("-422")  # away from zero
    assert afrund(Decimal("421.49"), Afrunding.KRONE) == Decimal("421")


def test_float_afvises() -> None:
    with pytest.raises(TypeError):
        som_decimal(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ikke et tal"):
        som_decimal("12,5x")
    assert som_decimal("1 234.50") == Decimal("1234.50")


def test_dansk_talformat() -> None:
    assert kr(Decimal("1234.5")) == "1.234,50 kr."
    assert dansk_tal(Decimal("-1234567.891"), 2) == "-1.234.567,89"
    assert dansk_tal(837675) == "837.675"
    assert dansk_tal(Decimal("96.7")) == "96,7"


def test_procent_af_er_eksakt() -> None:
    assert procent_af(Decimal("18105000"), Decimal("5.4")) == Decimal("977670")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_afrunding_flytter_hoejst_en_halv_enhed(x: Decimal) -> None:
    for til in Afrunding:
        assert abs(afrund(x, til) - x) <= til.kvantum / 2
