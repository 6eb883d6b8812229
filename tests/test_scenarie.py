"""Savings scenarios (`beregning.scenarie`): the changes the case files do not cover, the trace,
the refusals and the CLI. Every expected figure is worked by hand in the test's comment."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from socialstyring.beregning.scenarie import (
    OBJEKTIV_FAELLES,
    Scenariegrundlag,
    Scenarieresultat,
    Scenarieudfald,
    beregn_scenarie,
)
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"

BO_A = {
    "id": "A",
    "navn": "Bo A",
    "driftsherre": "Region Midtjylland",
    "enhed": "Psykiatri og Social",
    "maalgruppe": "voksne",
    "pladser": 10,
    "belaegning_pct": 95,
    "direkte": 3650000,
    "dage": {"Aarhus": "2080.5", "Vejle": 1387},
}
BO_B = {
    "id": "B",
    "navn": "Bo B",
    "driftsherre": "Aarhus Kommune",
    "enhed": "Børn og unge",
    "maalgruppe": "børn",
    "pladser": 5,
    "belaegning_pct": 80,
    "direkte": 1000000,
    "dage": {"Aarhus": 730, "Vejle": 730},
}
SIKRET = {
    "id": "S",
    "navn": "Sikret S",
    "driftsherre": "Region Midtjylland",
    "maalgruppe": "sikrede",
    "pladser": 8,
    "belaegning_pct": 100,
    "direkte": 5840000,
    "objektiv_andel_pct": 50,
    "dage": {"Aarhus": 730, "Vejle": 2190},
}


def _koer(
    tilbud: list[dict[str, Any]], aendringer: list[dict[str, Any]], **grundlag: Any
) -> tuple[Scenarieresultat, Scenarieudfald]:
    g = Scenariegrundlag.model_validate(
        {
            "grundlag": {
                "region": "midtjylland",
                "aar": 2012,
                "aftalens_kommuner": ["Aarhus"],
                "tilbud": tilbud,
                **grundlag,
            },
            "scenarier": [{"navn": "S", "aendringer": aendringer}],
        }
    )
    r = beregn_scenarie(g, regelbog())
    return r, r.scenarier[0]


def _kommune(s: Scenarieudfald, navn: str) -> Decimal:
    return next(e.beloeb for e in s.kommuner if e.navn == navn)


def test_hjemmestoette_flytter_en_borger_fra_vejle() -> None:
    # Bo A: 3.467,5 belagte dage (10 × 365 × 0,95), takst 3.883.600 ÷ 3.467,5 = 1.120 kr.
    # One citizen from Vejle moves home: 365 days fewer, factor (3.467,5 − 365) ÷ 3.467,5 = 17/19;
    # direct costs 3.650.000 × 17/19 = 3.265.789,47, net budget × 1,064 = 3.474.800,00 (−408.800),
    # the rate stays 1.120. Vejle pays 1.120 × −365 = −408.800 and 300.000 for home support:
    # −108.800. Aarhus buys the same days at the same rate: no change.
    r, s = _koer(
        [BO_A],
        [
            {
                "type": "aktivitet",
                "tilbud": "A",
                "hjemmestoette": {"kommune": "Vejle", "borgere": 1, "aarlig_pris": 300000},
            }
        ],
    )
    assert s.nettobudget_aendring == Decimal("-408800.00")
    assert s.tilbud[0].takst == 1120
    assert _kommune(s, "Vejle") == Decimal("-108800.00")
    assert "Aarhus" not in {e.navn for e in s.kommuner}
    assert r.spor["scenarie.s.a1.a.hjemmestoette"].resultat == 300000


def test_kortere_ophold_holder_taksten() -> None:
    # Bo B: stays from 100 to 80 days → factor 0,8; direct costs 800.000, net budget 851.200
    # (−212.800); rate 851.200 ÷ (4 × 365 × 0,8 = 1.168) = 728,77 → 729 as before.
    # Aarhus and Vejle buy 584 days instead of 730: 729 × −146 = −106.434 kr. each.
    _, s = _koer(
        [BO_A, BO_B],
        [{"type": "aktivitet", "maalgruppe": "børn", "opholdstid_fra": 100, "opholdstid_til": 80}],
    )
    assert s.nettobudget_aendring == Decimal("-212800.00")
    assert _kommune(s, "Aarhus") == _kommune(s, "Vejle") == Decimal("-106434.00")
    assert [t.takst for t in s.tilbud] == [1120, 729]


def test_objektiv_finansiering_fordeles_efter_noeglen() -> None:
    # Closing 2 of Sikret S's 8 places lowers its objective financing by 776.720 kr. (see the case
    # file); split 2 : 1 between Aarhus and Favrskov by the largest remainder in øre:
    # 517.813,333… → 517.813,33 and 258.906,666… → 258.906,67 (the larger remainder gets the øre).
    # Aarhus also buys 182,5 days fewer at 1.064 kr. = −194.180.
    _, s = _koer(
        [SIKRET],
        [{"type": "kapacitet", "tilbud": "S", "pladser": -2}],
        aftalens_kommuner=["Aarhus", "Favrskov"],
        objektiv_noegle={"Aarhus": 2, "Favrskov": 1},
    )
    assert _kommune(s, "Favrskov") == Decimal("-258906.67")
    assert _kommune(s, "Aarhus") == Decimal("-517813.33") - 194180
    assert OBJEKTIV_FAELLES not in {e.navn for e in s.kommuner}
    assert s.aftalens_kommuner == Decimal("-970900.00")


def test_overhead_i_grundlaget_erstatter_regelbogen() -> None:
    # Administration 4,4 % given in the baseline: overhead 4,4 + 0,5 + 0,2 + 0,3 = 5,4 %;
    # Bo A's net budget 3.650.000 × 1,054 = 3.847.100, rate ÷ 3.467,5 = 1.109,47 → 1.109.
    r, s = _koer([BO_A], [{"type": "belaegning", "procentpoint": 0}], overhead={"administration": "4.4"})
    assert r.overhead_pct == Decimal("5.4")
    assert s.tilbud[0].nettobudget_foer == Decimal("3847100.00")
    assert s.tilbud[0].takst_foer == 1109
    assert r.spor["grundlag.overhead.administration"].regler == ()
    assert r.spor["grundlag.overhead.udvikling"].regler[0].vaerdi == "0,5 %"


def test_sporet_navngiver_aendringen_og_summerer() -> None:
    r, s = _koer([BO_A, BO_B], [{"type": "takst", "maalgruppe": "voksne", "pct": -2}])
    trin = r.spor["scenarie.s.a1.a.direkte"]
    assert "ændring 1: takster -2 % (målgruppen voksne)" in trin.input
    # Aarhus' effect is the sum of its inputs, and asking why leads back to the rate and the days.
    aarhus = r.spor["scenarie.s.kommune.aarhus"]
    assert (
        aarhus.resultat == sum(Decimal(str(i.vaerdi)) for i in aarhus.input.values()) == Decimal("-45771.00")
    )
    noegler = {t.noegle for t in r.spor.forklar("scenarie.s.kommune.aarhus")}
    assert {
        "grundlag.a.takst",
        "scenarie.s.a1.a.takst",
        "grundlag.dage",
        "grundlag.overhead.administration",
    } <= noegler
    assert s.aendringer[0].navn == "1. takster -2 % (målgruppen voksne)"


def test_stablet_og_uafhaengige_scenarier_adskiller_sig() -> None:
    # Independent: both scenarios start from Bo A's 1.120 kr.; stacked, the second starts from
    # 1.098 (after −2 %): 3.805.928 ÷ 3.540,5 = 1.074,97 → 1.075 instead of 1.097.
    def koer(stablet: bool) -> Scenarieresultat:
        return beregn_scenarie(
            Scenariegrundlag.model_validate(
                {
                    "grundlag": {"region": "midtjylland", "aar": 2012, "tilbud": [BO_A]},
                    "stablet": stablet,
                    "scenarier": [
                        {"navn": "Takst", "aendringer": [{"type": "takst", "pct": -2}]},
                        {"navn": "Belægning", "aendringer": [{"type": "belaegning", "procentpoint": 2}]},
                    ],
                }
            ),
            regelbog(),
        )

    assert koer(False).scenarier[1].tilbud[0].takst == 1097
    assert koer(True).scenarier[1].tilbud[0].takst == 1075
    # Nobody is in the agreement: every municipality is "andre".
    assert koer(False).scenarier[0].aftalens_kommuner == 0


@pytest.mark.parametrize(
    ("aendring", "fejl"),
    [
        ({"type": "takst", "pct": -2, "kr_pr_dag": -10}, "enten pct eller kr_pr_dag"),
        ({"type": "kapacitet", "tilbud": "X", "pladser": -1}, "tilbuddet 'X' findes ikke"),
        ({"type": "aktivitet", "faerre_dage_pct": 5, "opholdstid_fra": 10, "opholdstid_til": 5}, "én af dem"),
        ({"type": "budget", "pct": -100}, "greater than -100"),
        ({"type": "ukendt"}, "does not match any of the expected tags"),
    ],
)
def test_ugyldige_aendringer_afvises(aendring: dict[str, Any], fejl: str) -> None:
    with pytest.raises(ValidationError, match=fejl):
        _koer([BO_A], [aendring])


def test_flere_pladser_lukket_end_der_er() -> None:
    with pytest.raises(ValueError, match="kan ikke lukke 9 af 8 pladser"):
        _koer([SIKRET], [{"type": "kapacitet", "tilbud": "S", "pladser": -9}])


def test_cli_beregner_en_case_som_json() -> None:
    fil = CASES / "scenarie_midtjylland_2012_nettodrift_1_2_3_pct.yaml"
    r = CliRunner().invoke(app, ["beregn", "scenarie", str(fil), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["case"]["afvigelser"] == []
    # 1 % of 1.090.600.000 = 10.906.000 ("knap 11 mio. kr.")
    assert data["scenarier"][0]["nettobudget_aendring"] == "-10906000.00"
    tekst = CliRunner().invoke(app, ["beregn", "scenarie", str(fil)])
    assert tekst.exit_code == 0 and "Resultatet svarer til det forventede" in tekst.output


def _d(v: object) -> Decimal:
    return Decimal(str(v))


@pytest.mark.parametrize("fil", sorted(CASES.glob("scenarie_*.yaml")), ids=lambda f: f.stem)
def test_hvert_tal_kan_regnes_efter(fil: Path) -> None:
    # Every sum, net budget, rate and payment step recomputed from its own inputs, as a reader
    # of the trace would: the trace alone is enough to check the figures.
    from socialstyring.beregning.kerne.penge import Afrunding, afrund
    from socialstyring.io.cases import koer_case, laes_case

    r = koer_case(laes_case(fil), regelbog())
    kontrolleret = 0
    for t in r.spor:
        i = {n: _d(v.vaerdi) for n, v in t.input.items()}
        res = _d(t.resultat)
        if t.formel in ("sum", "Σ tilbuddenes ændring", "Σ ændringerne"):
            assert res == sum(i.values(), Decimal(0)), t.noegle
        elif t.noegle.endswith(".nettobudget") and "overhead %" in i:
            assert res == afrund(i["direkte omkostninger"] * (100 + i["overhead %"]) / 100), t.noegle
        elif t.noegle.endswith(".takst"):
            belagte = i["pladser"] * i["dage"] * i["belægning %"] / 100
            forventet = (
                (i["nettodriftsbudget"] - i["objektiv finansiering"]) / belagte if belagte else Decimal(0)
            )
            assert res == afrund(forventet, Afrunding.KRONE), t.noegle
        elif ".betaling." in t.noegle:
            b = i["takst efter"] * i["dage efter"] - i["takst før"] * i["dage før"]
            assert res == afrund(b), t.noegle
        else:
            continue
        kontrolleret += 1
    assert kontrolleret > 20


def test_kr_pr_dag_paa_et_helt_objektivt_finansieret_tilbud_advarer() -> None:
    helt = {**SIKRET, "objektiv_andel_pct": 100}
    r, s = _koer([helt], [{"type": "takst", "kr_pr_dag": -10}])
    assert s.nettobudget_aendring == 0
    assert r.advarsler == [
        "Sikret S: finansieres helt objektivt og har ingen takst; "
        "ændring 1: takster -10 kr. pr. dag (alle tilbud) ændrer det ikke"
    ]


def test_aabne_pladser_koster_prisen_pr_plads() -> None:
    # Opening 2 places in Sikret S (8 places, net budget 6.213.760): factor 10/8 = 1,25, net budget
    # 7.767.200 (+1.553.440 = 2 × 776.720), objective +776.720; the days grow with the places:
    # Aarhus 730 → 912,5 at 1.064 kr. = +194.180.
    _, s = _koer([SIKRET], [{"type": "kapacitet", "tilbud": "S", "pladser": 2}])
    assert s.nettobudget_aendring == Decimal("1553440.00")
    assert s.objektiv_aendring == Decimal("776720.00")
    assert _kommune(s, "Aarhus") == Decimal("194180.00")
    assert s.aendringer[0].navn == "1. åbn 2 pladser i tilbud S"


def test_omkostninger_udledt_af_taksten() -> None:
    # Bo A known only by its rate (the register): 1.120 kr. × 3.467,5 days = 3.883.600 kr.;
    # ÷ 1,064 = 3.650.000 kr. direct costs, the same offer as given by its costs.
    ved_takst = {k: v for k, v in BO_A.items() if k != "direkte"} | {"takst": 1120}
    r, s = _koer([ved_takst], [{"type": "takst", "pct": -2}])
    assert r.spor["grundlag.a.direkte"].resultat == Decimal("3650000.00")
    assert s.tilbud[0].takst_foer == 1120 and s.tilbud[0].takst == 1098
    with pytest.raises(ValidationError, match="enten de direkte omkostninger eller taksten"):
        _koer([{**BO_A, "takst": 1120}], [{"type": "takst", "pct": -2}])
