"""The one parser of Danish numbers typed by users (`io.tal.laes_tal`) and its round trip with
the formatting (`dansk_tal`, defined in the engine and re-exported by `io.tal`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialstyring.beregning.kerne import penge
from socialstyring.io import tal
from socialstyring.io.excel.faelles import tolk_tal
from socialstyring.io.tal import Talfejl, dansk_tal, kr, laes_tal

D = Decimal


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        # Danish: decimal comma, '.' between thousands
        ("2.295,50", "2295.50"),
        ("2295,5", "2295.5"),
        ("97", "97"),
        ("0", "0"),
        (",5", "0.5"),
        ("1.234.567,891", "1234567.891"),
        # thousands only, in the exact Danish grouping
        ("1.234", "1234"),
        ("12.345", "12345"),
        ("1.234.567", "1234567"),
        # spaces and non-breaking spaces between thousands; spaces around
        ("2 295,50", "2295.50"),
        ("1\u00a0000\u00a0000", "1000000"),
        ("1\u202f234,5", "1234.5"),
        ("  97 ", "97"),
        ("\u00a097\t", "97"),
        # a decimal point (the machine way)
        ("2295.5", "2295.5"),
        (".5", "0.5"),
        ("1 234.5", "1234.5"),
        ("0.001", "0.001"),  # not thousands: a first group never starts with 0
        ("1.2345", "1.2345"),
        # English grouping, only with a decimal point
        ("1,234.50", "1234.50"),
        ("1,234,567.5", "1234567.5"),
        # a leading sign
        ("-2.295,50", "-2295.50"),
        ("-1.234", "-1234"),
        ("-0,5", "-0.5"),
        ("+5", "5"),
        ("−5", "-5"),  # the typographic minus
        ("- 5", "-5"),
    ],
)
def test_accepterede_former(tekst: str, forventet: str) -> None:
    tal_ = laes_tal(tekst)
    assert tal_ == D(forventet)
    assert str(tal_) == forventet  # exactly as typed: "97" has no decimals, "2295,50" two


def test_et_komma_alene_er_dansk_decimalkomma() -> None:
    assert laes_tal("1,234") == D("1.234")
    assert laes_tal("12,5") == D("12.5")


@pytest.mark.parametrize(
    "tekst",
    [
        "12x",
        "x",
        "kr. 100",
        "100 kr.",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "sNaN",
        "1e3",
        "1E+3",
        "0x10",
        "1_000",
        "5,",
        "5.",
        ",",
        ".",
        "-",
        "--5",
        "+-5",
        "5-",
        "1,2,3",
        "1.234,5.6",
        "1.23.456",
        "0.001.000",
        "12 34",
        "1 2345",
        "1.234 567",
        "1 234.567,5",
        "1,23.5",
        "١٢",  # Arabic-Indic digits: only ASCII digits are numbers here
        "½",
    ],
)
def test_afviste_former(tekst: str) -> None:
    with pytest.raises(Talfejl) as fejl:
        laes_tal(tekst)
    assert str(fejl.value) == f'"{tekst.strip()}" er ikke et tal'


def test_tomt_og_talfejl_er_en_valueerror() -> None:
    for tomt in ("", "   ", "\u00a0"):
        with pytest.raises(Talfejl, match="der står intet tal"):
            laes_tal(tomt)
    assert issubclass(Talfejl, ValueError)


def test_punktum_som_decimal_efter_valg() -> None:
    """The Excel templates read a single dot group as a decimal point (their two-decimal
    rule then asks the user); every other form is read as by default."""
    assert laes_tal("1.234", tusindtalspunktum=False) == D("1.234")
    assert laes_tal("-12.345", tusindtalspunktum=False) == D("-12.345")
    assert laes_tal("1.234.567", tusindtalspunktum=False) == D("1234567")
    assert laes_tal("1.234,5", tusindtalspunktum=False) == D("1234.5")
    assert tolk_tal("1.234") == D("1.234") and tolk_tal("2.295,50") == D("2295.50")


def test_formateringen_er_motorens() -> None:
    assert dansk_tal is penge.dansk_tal and kr is penge.kr
    assert set(tal.__all__) == {"Talfejl", "dansk_tal", "kr", "laes_tal"}
    assert kr(D("2295.5")) == "2.295,50 kr."


# `dansk_tal` keeps 28 significant digits (Decimal's default precision): up to 10^20 with at
# most 6 decimals stays below that.
decimaltal = st.integers(min_value=0, max_value=6).flatmap(
    lambda p: st.decimals(min_value=D("-1e20"), max_value=D("1e20"), places=p)
)


@given(decimaltal, st.integers(min_value=0, max_value=4))
def test_dansk_tal_tilbage_til_tal(d: Decimal, decimaler: int) -> None:
    vist = dansk_tal(d, decimaler)
    assert laes_tal(vist) == d.quantize(D(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)


@given(decimaltal)
def test_dansk_tal_uden_afrunding_tilbage_til_tal(d: Decimal) -> None:
    assert laes_tal(dansk_tal(d)) == d


@given(st.integers(min_value=-(10**27), max_value=10**27))
def test_store_heltal_tilbage_til_tal(n: int) -> None:
    assert laes_tal(dansk_tal(n)) == n
    assert laes_tal(dansk_tal(n).replace(".", "\u00a0")) == n  # non-breaking spaces between thousands
