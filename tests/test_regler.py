"""The rulebook loader: validation with clear errors, dates, precedence, staleness."""

from __future__ import annotations

import logging
import textwrap
import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from socialstyring.regler import Regelbog, RegelbogFejl

NATIONAL = """
beskrivelse: Testregler
parametre:
  andel_pct:
    beskrivelse: En procentsats
    enhed: pct
    sidst_kontrolleret: 2020-06-01
    naeste_opdatering: 2021-01-01
    vaerdier:
      - fra: 2015-01-01
        vaerdi: 5
        kilde: {dokument: Lov om noget, afsnit: "§ 1", url: "https://example.org/lov"}
      - fra: 2020-01-01
        vaerdi: 4.5
        antaget: Ingen kilde fundet endnu; brugerne oplyser 4,5 %.
"""


def _bog(tmp_path: Path, filer: dict[str, str]) -> Regelbog:
    for sti, tekst in filer.items():
        fil = tmp_path / sti
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_text(textwrap.dedent(tekst), encoding="utf-8")
    return Regelbog.indlaes(tmp_path)


def test_vaerdi_i_kraft_paa_en_dato(tmp_path: Path) -> None:
    bog = _bog(tmp_path, {"national/test.yaml": NATIONAL})
    assert bog.vaerdi("test.andel_pct", "national", date(2019, 12, 31)).vaerdi == Decimal(5)
    nyere = bog.vaerdi("test.andel_pct", "syddanmark", date(2020, 1, 1))
    assert nyere.vaerdi == Decimal("4.5") and isinstance(nyere.vaerdi, Decimal)
    assert nyere.er_antaget and nyere.lag == "national"
    with pytest.raises(KeyError, match="ingen værdi"):
        bog.vaerdi("test.andel_pct", "national", date(2014, 12, 31))
    with pytest.raises(KeyError, match="ingen parameter"):
        bog.vaerdi("test.findes_ikke", "national", date(2020, 1, 1))


def test_regional_vaerdi_tilsidesaetter_national_eksplicit(tmp_path: Path) -> None:
    regional = """
    beskrivelse: Midtjyllands egen sats
    parametre:
      andel_pct:
        beskrivelse: Egen procentsats
        enhed: pct
        tilsidesaetter_national: true
        vaerdier:
          - fra: 2018-01-01
            vaerdi: 3
            kilde: {dokument: Rammeaftale Midtjylland 2018}
    """
    bog = _bog(tmp_path, {"national/test.yaml": NATIONAL, "midtjylland/test.yaml": regional})
    midt = bog.vaerdi("test.andel_pct", "midtjylland", date(2018, 6, 1))
    assert (midt.vaerdi, midt.lag, midt.tilsidesaetter_national) == (Decimal(3), "midtjylland", True)
    # Before the regional value starts, the national one holds; other regions keep the national.
    assert bog.vaerdi("test.andel_pct", "midtjylland", date(2017, 6, 1)).lag == "national"
    assert bog.vaerdi("test.andel_pct", "nordjylland", date(2018, 6, 1)).vaerdi == Decimal(5)


def test_regional_navnesammenfald_uden_tilsidesaettelse_er_en_fejl(tmp_path: Path) -> None:
    regional = """
    beskrivelse: Glemt flag
    parametre:
      andel_pct:
        beskrivelse: Samme navn
        enhed: pct
        vaerdier: [{fra: 2018-01-01, vaerdi: 3, kilde: {dokument: Aftalen}}]
    """
    with pytest.raises(
        RegelbogFejl, match=r"midtjylland/test.yaml:4: parametre.andel_pct: findes også i national"
    ):
        _bog(tmp_path, {"national/test.yaml": NATIONAL, "midtjylland/test.yaml": regional})


@pytest.mark.parametrize(
    ("parameter", "forventet"),
    [
        (
            "beskrivelse: xyz\n    enhed: pct\n    vaerdier: [{fra: 2018-01-01, vaerdi: 105, kilde: {dokument: Aftalen}}]",
            r"fejl.yaml:6: parametre.p: vaerdier\[0\].vaerdi: 105 ligger over 100",
        ),
        (
            "beskrivelse: xyz\n    enhed: pct\n    vaerdier: [{fra: 2018-01-01, vaerdi: 5}]",
            r"fejl.yaml:6: parametre.p.vaerdier\[0\]: en værdi skal have præcis én af 'kilde' og 'antaget'",
        ),
        (
            "beskrivelse: xyz\n    enhed: pct\n    farve: blå\n    vaerdier: [{fra: 2018-01-01, vaerdi: 5, antaget: begrundelse her}]",
            r"fejl.yaml:6: parametre.p.farve: ukendt nøgle",
        ),
        (
            "enhed: pct\n    vaerdier: [{fra: 2018-01-01, vaerdi: 5, antaget: begrundelse her}]",
            r"fejl.yaml:3: parametre.p.beskrivelse: påkrævet felt mangler",
        ),
        (
            "beskrivelse: xyz\n    enhed: kr\n    vaerdier:\n"
            "      - {fra: 2018-01-01, vaerdi: 5, antaget: begrundelse her}\n"
            "      - {fra: 2018-01-01, vaerdi: 6, antaget: begrundelse her}",
            r"fejl.yaml:6: parametre.p: datoerne overlapper",
        ),
        (
            "beskrivelse: xyz\n    enhed: kr\n    vaerdier:\n"
            "      - {fra: 2018-01-01, til: 2020-01-01, vaerdi: 5, antaget: begrundelse her}\n"
            "      - {fra: 2019-01-01, vaerdi: 6, antaget: begrundelse her}",
            r"fejl.yaml:6: parametre.p: datoerne overlapper: værdien fra 2018-01-01 gælder til 2020-01-01",
        ),
        (
            "beskrivelse: xyz\n    enhed: frist\n    vaerdier: [{fra: 2018-01-01, vaerdi: 1. november, antaget: begrundelse her}]",
            r"er ikke en frist på formen MM-DD",
        ),
    ],
)
def test_ugyldig_fil_giver_fejl_med_fil_sti_og_problem(
    tmp_path: Path, parameter: str, forventet: str
) -> None:
    # Lines: 1 beskrivelse, 2 parametre, 3 p, 4 the parameter's first key (5, 6: the next ones).
    tekst = f"beskrivelse: Fejlfil\nparametre:\n  p:\n    {parameter}\n"
    with pytest.raises(RegelbogFejl, match=forventet):
        _bog(tmp_path, {"national/fejl.yaml": tekst})


def test_ugyldig_yaml_og_ukendt_lag(tmp_path: Path) -> None:
    # The unclosed list runs to the end of the text: YAML reports line 2, column 1.
    with pytest.raises(RegelbogFejl, match=r"national/fejl.yaml:2:1: ugyldig YAML"):
        _bog(tmp_path, {"national/fejl.yaml": "beskrivelse: [ikke lukket\n"})
    with pytest.raises(RegelbogFejl, match=r"ukendt lag 'jylland'"):
        _bog(tmp_path / "b", {"jylland/x.yaml": NATIONAL})


def test_advarsel_naar_en_vaerdi_er_aeldre_end_ventet_opdatering(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bog = _bog(tmp_path, {"national/test.yaml": NATIONAL})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frisk = bog.vaerdi("test.andel_pct", "national", date(2020, 12, 31))
    assert frisk.advarsel is None
    with caplog.at_level(logging.WARNING, logger="socialstyring.regler"):
        gammel = bog.vaerdi("test.andel_pct", "national", date(2021, 3, 1))
        bog.vaerdi("test.andel_pct", "national", date(2021, 6, 1))
    assert gammel.advarsel is not None and "sidst kontrolleret 2020-06-01" in gammel.advarsel
    assert "en ny værdi var ventet fra 2021-01-01" in gammel.advarsel
    # The loader warns in the log, once per value and process; the trace carries it every time.
    assert [r.getMessage() for r in caplog.records] == [gammel.advarsel]


def test_den_pakkede_regelbog_indlaeses() -> None:
    bog = Regelbog.indlaes()
    assert bog.vaerdi("overhead.administration_pct", "midtjylland", date(2018, 1, 1)).vaerdi == Decimal("5.4")
