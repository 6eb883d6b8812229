"""The expenditure forecast's engine (`beregning.prognose`): the central case is checked by the
case files (tests/cases/prognose_*.yaml: Hedensted's note of 2022 and a case worked by hand);
here the refusals and the simulation's properties — never its printed numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from socialstyring.beregning.prognose import Prognosegrundlag, beregn_prognose
from socialstyring.beregning.prognose.simulering import simuler
from socialstyring.io.cases import laes_case
from socialstyring.regler import Regelbog, regelbog

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def bog() -> Regelbog:
    return regelbog()


def _haandregnet() -> Prognosegrundlag:
    g = laes_case(CASES / "prognose_haandregnet_to_borgere_2025.yaml").input
    assert isinstance(g, Prognosegrundlag)
    return g


def _med(g: Prognosegrundlag, **aendret: object) -> Prognosegrundlag:
    return Prognosegrundlag.model_validate({**g.model_dump(), **aendret})


def _usikker(g: Prognosegrundlag, sd: int, afgang: int = 10) -> Prognosegrundlag:
    tilgang = [{**t.model_dump(), "gennemsnit_sd": sd} for t in g.tilgang]
    return _med(g, tilgang=tilgang, afgang_pct=afgang)


def test_samme_seed_giver_samme_baand(bog: Regelbog) -> None:
    g = _usikker(_haandregnet(), 200_000)
    a, b = simuler(g, bog, koersler=2000), simuler(g, bog, koersler=2000)
    assert a.til_json() == b.til_json()
    c = simuler(_med(g, seed=g.seed + 1), bog, koersler=2000)
    assert [x.kvantiler for x in c.aarene] != [x.kvantiler for x in a.aarene]


def test_uden_usikkerhed_falder_baandene_sammen_med_centralberegningen(bog: Regelbog) -> None:
    # no stated uncertainty: count fixed (sd 0), cost exactly the average, no departure probability
    g = _haandregnet()
    tilgang = [{**t.model_dump(), "antal_sd": 0} for t in g.tilgang]
    s = simuler(_med(g, tilgang=tilgang), bog, koersler=500)
    central = beregn_prognose(g, bog)
    for baand, aar in zip(s.aarene, central.aarene, strict=True):
        assert all(abs(v - aar.udgift) <= 1 for v in baand.kvantiler.values()), (baand, aar.udgift)
        assert baand.central == aar.udgift


def test_medianen_ligger_i_det_smalle_baand(bog: Regelbog) -> None:
    s = simuler(_usikker(_haandregnet(), 300_000), bog, koersler=3000)
    assert s.kvantil_pct() == (5, 25, 50, 75, 95)  # the rulebook's 50 % and 90 % bands
    for b in s.aarene:
        k = b.kvantiler
        assert k[5] <= k[25] <= b.median <= k[75] <= k[95]
    # arrivals Poisson around 1: the last year's bands are not a single point
    assert s.aarene[-1].kvantiler[95] > s.aarene[-1].kvantiler[5]


def test_stoerre_usikkerhed_giver_bredere_baand(bog: Regelbog) -> None:
    g = _haandregnet()
    smal = simuler(_usikker(g, 50_000, afgang=0), bog, koersler=3000)
    bred = simuler(_usikker(g, 400_000, afgang=0), bog, koersler=3000)
    for a, b in zip(smal.aarene[1:], bred.aarene[1:], strict=True):  # newcomers from 2026
        assert b.kvantiler[95] - b.kvantiler[5] > a.kvantiler[95] - a.kvantiler[5]


def test_sporet_siger_antal_koersler_og_seed(bog: Regelbog) -> None:
    s = simuler(_haandregnet(), bog, koersler=100)
    trin = s.spor["simulering.metode"]
    assert trin.resultat == 100 and "seed 2024" not in (trin.bemaerkning or "")
    assert f"seed {_haandregnet().seed}" in (trin.bemaerkning or "")
    assert {r.parameter for r in s.regler_anvendt()} >= {"prognose.simuleringer", "prognose.bredt_baand_pct"}


def test_aarene_skal_foelge_basisaaret() -> None:
    g = _haandregnet().model_dump()
    g["aarene"] = g["aarene"][1:]
    with pytest.raises(ValidationError, match="basisåret"):
        Prognosegrundlag.model_validate(g)


def test_prognosen_skal_have_regelbogens_antal_aar(bog: Regelbog) -> None:
    g = _haandregnet().model_dump()
    g["aarene"] = g["aarene"][:3]
    with pytest.raises(ValueError, match="4 år"):
        beregn_prognose(Prognosegrundlag.model_validate(g), bog)


def test_pl_fra_regelbogen_naar_den_ikke_er_oplyst(bog: Regelbog) -> None:
    g = _haandregnet().model_dump()
    for a in g["aarene"]:
        a["pl_pct"] = None
    r = beregn_prognose(Prognosegrundlag.model_validate(g), bog)
    trin = r.spor["prognose.2025.pl"]
    assert trin.regler[0].parameter == "pl.kl_skoen_pct"
    assert r.aarene[0].indeks == 1 + Decimal(trin.resultat) / 100
