"""Companion purchase during holidays, model 2 (the colony agreement's method): the engine's
rules beyond the case files (tests/cases/ledsagelse_*.yaml). Figures from Principper for
tilkøb af ledsagelse under ferie (DASSOS-møde 15. august 2018, bilag 9 and its bilag 2) or
worked by hand."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from socialstyring.beregning.ledsagelse import Ledsagelsesgrundlag, beregn_ledsagelse, varighed
from socialstyring.io.cases import afvigelser, koer_case, laes_case
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _tur(**kw: object) -> Ledsagelsesgrundlag:
    data: dict[str, object] = {
        "region": "midtjylland",
        "start": datetime(2018, 6, 13, 7, 0),
        "slut": datetime(2018, 6, 15, 15, 30),
        "medarbejdere": 2,
        "besparelse_pr_time": "45.39",
    }
    return Ledsagelsesgrundlag.model_validate(data | kw)


def test_varighed_hele_doegn_og_resttimer() -> None:
    # Bilag 2: Wednesday 7.00 – Friday 15.30 is 2 whole days and 7.00–15.30 = 8,5 hours.
    assert varighed(datetime(2018, 6, 13, 7), datetime(2018, 6, 15, 15, 30)) == (2, Decimal("8.5"))
    assert varighed(datetime(2018, 6, 13, 7), datetime(2018, 6, 14, 7)) == (1, Decimal(0))
    assert varighed(datetime(2018, 6, 13, 7), datetime(2018, 6, 13, 7, 15)) == (0, Decimal("0.25"))


def test_bilag_2_trykt_og_beregnet() -> None:
    """Bilag 2 prints overhead 753,02 kr.; 6,1 % of its own 12.443,10 kr. is 759,03 kr., and
    its total (17.247,51) and own payment (14.660,28) follow from the printed 753,02."""
    trykt = {"overhead": "753.02", "pris": "17247.51", "egenbetaling": "14660.28", "loen": "12443.10"}
    r = beregn_ledsagelse(_tur(trykt=trykt), regelbog())
    assert (r.loen, r.overhead, r.pris, r.egenbetaling) == (
        Decimal("12443.10"),
        Decimal("759.03"),
        Decimal("17253.52"),
        Decimal("14666.29"),
    )
    assert [a.post for a in r.afvigelser] == ["overhead", "pris", "egenbetaling"]
    overhead, pris, egen = r.afvigelser
    assert overhead.forskel == pris.forskel == egen.forskel == Decimal("-6.01")
    assert "løn × overhead %" in overhead.forklaring and "753,02" in overhead.forklaring
    assert "kommer fra overhead" in pris.forklaring
    assert "kommer fra i alt" in egen.forklaring


def test_ingen_afvigelse_naar_dokumentet_regner_rigtigt() -> None:
    r = beregn_ledsagelse(_tur(trykt={"loen": "12443.10", "kolonitillaeg": "1706.64"}), regelbog())
    assert r.afvigelser == []


def test_sporets_regler_har_kilder() -> None:
    r = beregn_ledsagelse(_tur(), regelbog())
    navne = {ref.parameter for ref in r.regler_anvendt()}
    assert {
        "ledsagelse.aarsloen_kr",
        "ledsagelse.aarstimer",
        "ledsagelse.kolonitimer_pr_doegn",
        "ledsagelse.overhead_pct",
    } <= navne
    assert all("bilag 9" in ref.kilde for ref in r.regler_anvendt())
    assert "8,5" in r.spor.som_tekst()


@pytest.mark.parametrize(
    ("felter", "fejl"),
    [
        ({"slut": datetime(2018, 6, 13, 7, 0)}, "efter dens start"),
        ({"medarbejdere": 0}, "medarbejdere"),
        ({"besparelse_pr_time": "-1"}, "besparelse_pr_time"),
        ({"trykt": {"moms": "1"}}, "ukendte trykte poster"),
        ({"slut": datetime(2018, 9, 1)}, "60 døgn"),
    ],
)
def test_ugyldig_tur(felter: dict[str, object], fejl: str) -> None:
    with pytest.raises(ValidationError, match=fejl):
        _tur(**felter)


def test_en_forkert_trykt_forventning_opdages(tmp_path: Path) -> None:
    """The case runner checks the printed/calculated pairs, not only the totals."""
    tekst = (CASES / "ledsagelse_aarhus_london_2018.yaml").read_text()
    fil = tmp_path / "forkert.yaml"
    fil.write_text(
        tekst.replace(
            'Overhead: {trykt: "753.02", beregnet: "759.03"', 'Overhead: {trykt: "753.02", beregnet: "753.02"'
        )
    )
    assert afvigelser(laes_case(fil), koer_case(laes_case(fil), regelbog())) != []


def test_model_1_er_takstberegningens_tillaeg() -> None:
    """Model 1 (tillægstakster + 5,4 % administration) is the rate calculation's case, not a twin."""
    case = laes_case(CASES / "seed004_tillaegstakster_2018.yaml")
    assert case.beregning == "takst"
    assert afvigelser(case, koer_case(case, regelbog())) == []
    assert not any("tillaeg" in f.name for f in CASES.glob("ledsagelse_*.yaml"))
