"""Rate calculation rules, each tested on real figures against the packaged rulebook."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from socialstyring.beregning.takst import Takstgrundlag, Takstresultat, beregn_takst
from socialstyring.regler import regelbog


def _grundlag(aar: int = 2018, region: str = "midtjylland", **ydelse: Any) -> Takstgrundlag:
    y: dict[str, Any] = {
        "navn": "Botilbud",
        "pladstype": "doegn",
        "pladser": 10,
        "budget": [{"art": "direkte_loen", "beloeb": "4000000"}],
        "belaegning": {"budgetteret_pct": "96"},
    }
    y.update(ydelse)
    return Takstgrundlag.model_validate({"tilbud": "T", "region": region, "aar": aar, "ydelser": [y]})


def _beregn(**kw: Any) -> Takstresultat:
    return beregn_takst(_grundlag(**kw), regelbog())


def test_overhead_2018_er_6_1_pct_og_2011_6_4_pct_i_midtjylland() -> None:
    # seed 004: 6,1 % = 5,4 + 0,5 + 0,2 in 2018; seed 000: + 0,3 % tilsyn in 2011.
    assert _beregn(aar=2018).ydelser[0].overhead == Decimal("244000.00")
    assert _beregn(aar=2011).ydelser[0].overhead == Decimal("256000.00")


def test_belaegning_fra_historik_holdes_inden_for_95_til_100() -> None:
    lav = _beregn(belaegning={"faktisk_pct": {2015: "92.0", 2016: "93.0"}}).ydelser[0]
    assert lav.belaegning_pct == Decimal("95")
    hoej = _beregn(belaegning={"faktisk_pct": {2015: "101.0", 2016: "104.0"}})
    assert hoej.ydelser[0].belaegning_pct == Decimal("100")
    assert any("anbefalede maksimum 98" in a for a in hoej.advarsler)


def test_korte_forloeb_har_minimum_90() -> None:
    y = _beregn(belaegning={"faktisk_pct": {2015: "88", 2016: "93"}, "kort_forloeb": True}).ydelser[0]
    assert y.belaegning_pct == Decimal("90.5")


def test_angivet_belaegning_uden_for_intervallet_kraever_godkendelse() -> None:
    r = _beregn(belaegning={"budgetteret_pct": "90"})
    assert r.ydelser[0].belaegning_pct == Decimal("90")
    assert any("styregruppe" in a for a in r.advarsler)


def test_historik_skal_have_to_tidligere_aar() -> None:
    with pytest.raises(ValueError, match="kræver faktisk belægning for 2 tidligere år"):
        _beregn(belaegning={"faktisk_pct": {2017: "96"}})


@pytest.mark.parametrize(
    ("resultat", "indregnet"),
    [
        ("500000", "0"),  # surplus within 5 % of 18,4 mio. (920.000): the operator keeps it all
        ("1000000", "-80000"),  # surplus beyond: 80.000 lowers the cost base
        ("-920000", "0"),  # deficit of exactly 5 %: borne by the operator
        ("-1150000", "230000"),  # deficit beyond: 230.000 raises the cost base
    ],
)
def test_efterregulering_5_pct_reglen(resultat: str, indregnet: str) -> None:
    r = _beregn(regulering=[{"aar": 2016, "resultat": resultat, "grundlag": "18400000"}])
    assert r.ydelser[0].regulering == Decimal(indregnet)


def test_resultat_indregnes_senest_to_aar_efter() -> None:
    with pytest.raises(ValueError, match="kan indregnes i taksterne 2016–2017, ikke i 2018"):
        _beregn(regulering=[{"aar": 2015, "resultat": "-2000000", "grundlag": "18400000"}])
    # One year after is allowed too.
    assert _beregn(regulering=[{"aar": 2017, "resultat": "-1000000", "grundlag": "10000000"}]).ydelser[
        0
    ].regulering == Decimal("500000")


def test_pakkernes_pladser_skal_summe_til_ydelsens() -> None:
    with pytest.raises(ValidationError, match=r"pakkernes pladser \(9\) skal summe til ydelsens 10"):
        _grundlag(
            pakker=[
                {"navn": "A", "pladser": 4, "budget": []},
                {"navn": "B", "pladser": 5, "budget": []},
            ]
        )


def test_float_i_input_afvises() -> None:
    with pytest.raises(ValidationError, match="forventede et eksakt tal"):
        _grundlag(pladser=10.5)


def test_region_uden_overheadregel_giver_klar_fejl() -> None:
    with pytest.raises(KeyError, match="ingen overheadprocenter"):
        _beregn(region="sjaelland")


def test_resultatet_naevner_de_anvendte_regler_og_antagelser() -> None:
    regler = {r.parameter: r for r in _beregn().regler_anvendt()}
    assert regler["overhead.administration_pct"].lag == "midtjylland"
    assert regler["takst.dage_pr_aar"].antaget is True
    assert "belaegning.budget_min_pct" in regler


@settings(max_examples=60, deadline=None)
@given(
    loen=st.integers(min_value=100_000, max_value=60_000_000),
    pladser=st.integers(min_value=1, max_value=120),
    belaegning=st.decimals(min_value=90, max_value=100, places=1),
)
def test_taksten_daekker_grundlaget_op_til_afrundingen(loen: int, pladser: int, belaegning: Decimal) -> None:
    y = _beregn(
        pladser=pladser,
        budget=[{"art": "direkte_loen", "beloeb": loen}],
        belaegning={"budgetteret_pct": belaegning, "kort_forloeb": True},
    ).ydelser[0]
    belagte = Decimal(pladser) * y.dage * belaegning / 100
    # Rounding the daily rate to whole kroner moves income by at most half a krone per occupied day.
    assert abs(y.takst_pr_dag * belagte - y.grundlag) <= belagte / 2
    assert y.aarspris == y.takst_pr_dag * y.dage


def test_hovedstaden_bruger_egen_overheadprocent_fra_2022() -> None:
    # Hovedstaden: average overhead 6 % in takstberegning 2022 (rulebook hovedstaden/overhead.yaml).
    assert _beregn(region="hovedstaden", aar=2022).ydelser[0].overhead == Decimal("240000.00")
    with pytest.raises(KeyError, match="ingen overheadprocenter"):
        _beregn(region="hovedstaden", aar=2021)


def test_flere_ydelser_i_et_tilbud_faar_hver_sin_gennemsnitstakst() -> None:
    g = Takstgrundlag.model_validate(
        {
            "tilbud": "Center Fjordbakken",
            "region": "midtjylland",
            "aar": 2018,
            "ydelser": [
                {
                    "navn": "Botilbud § 108",
                    "pladstype": "doegn",
                    "pladser": 12,
                    "budget": [{"art": "direkte_loen", "beloeb": "7300000"}],
                    "belaegning": {"budgetteret_pct": "97"},
                },
                {
                    "navn": "Aktivitetstilbud § 104",
                    "pladstype": "dag",
                    "pladser": 15,
                    "budget": [{"art": "direkte_loen", "beloeb": "2190000"}],
                    "belaegning": {"budgetteret_pct": "95"},
                },
            ],
        }
    )
    doegn, dag = beregn_takst(g, regelbog()).ydelser
    # 7.300.000 × 1,061 / (12 × 365 × 0,97) = 7.745.300 / 4.248,6 = 1.823,03 → 1.823
    assert (doegn.grundlag, doegn.takst_pr_dag) == (Decimal("7745300.00"), Decimal("1823"))
    # 2.190.000 × 1,061 / (15 × 365 × 0,95) = 2.323.590 / 5.201,25 = 446,74 → 447
    assert (dag.grundlag, dag.takst_pr_dag) == (Decimal("2323590.00"), Decimal("447"))
