"""Social supervision's calculation (beregning.socialtilsyn): figures from seed 004 (Socialtilsyn
Midt's note on rates and objective financing for 2019, DASSOS meeting 15 August 2018, appendix 2,
with its appendix 1 for 2018) or worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from socialstyring.beregning.socialtilsyn import (
    Socialtilsynsgrundlag,
    Taksttype,
    beregn_socialtilsyn,
    paabegyndte_maaneder,
)
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _grundlag(navn: str, **aendret: Any) -> Socialtilsynsgrundlag:
    g = laes_case(CASES / navn).input
    assert isinstance(g, Socialtilsynsgrundlag)
    return g.model_copy(update=aendret) if aendret else g


def test_paabegyndte_maaneder() -> None:
    assert paabegyndte_maaneder(date(2019, 1, 15), date(2019, 1, 15)) == 1
    assert paabegyndte_maaneder(date(2019, 1, 15), date(2019, 2, 14)) == 1
    assert paabegyndte_maaneder(date(2019, 1, 15), date(2019, 2, 15)) == 2
    assert paabegyndte_maaneder(date(2019, 1, 1), date(2019, 12, 31)) == 12
    assert paabegyndte_maaneder(date(2018, 12, 20), date(2019, 1, 5)) == 1


def test_grundtaksten_afrundes_ikke_foerst() -> None:
    # Appendix 1 (2018): 50+ is printed 98.536; from the base rounded first, 32.845 × 3 = 98.535.
    g = _grundlag("socialtilsyn_midt_2018_seed004.yaml")
    assert beregn_socialtilsyn(g, regelbog()).takster[Taksttype.TILSYN]["50_plus"] == 98536
    afrundet = g.model_copy(
        update={"grundtakster": (g.grundtakster[0].model_copy(update={"grundtakst": Decimal(32845)}),)}
    )
    assert beregn_socialtilsyn(afrundet, regelbog()).takster[Taksttype.TILSYN]["50_plus"] == 98535


def test_2019_mod_det_trykte() -> None:
    r = beregn_socialtilsyn(_grundlag("socialtilsyn_midt_2019_seed004.yaml"), regelbog())
    rk = {s.hvad: s for s in r.sammenholdt}
    # Every printed rate (section 6) matches to the krone.
    assert all(s.i_orden for s in r.sammenholdt if "pladser" in s.hvad)
    assert len([s for s in r.sammenholdt if "pladser" in s.hvad]) == 16
    # Section 5: overhead 2,7 mio. kr. against footnote 1's 5,4 % of 47,4 mio. = 2.559.600 kr.
    assert not rk["Overhead"].i_orden and rk["Overhead"].forskel == 140400
    assert "5,7 %" in rk["Overhead"].forklaring
    assert rk["Driftsbudget"].i_orden and rk["Objektiv finansiering"].i_orden
    # Section 7: the 50+ rate rises 49,5 % in fixed prices (with the rulebook's assumed P/L 2,0 %).
    udv = {u.hvad: u for u in r.udvikling}
    assert udv["Tilsyn med døgntilbud (pr. år), 50+ pladser"].faste_priser_pct == Decimal("49.5")
    assert udv["Objektiv finansiering"].faste_priser_pct == Decimal(
        "-2.2"
    )  # hand: 27.260.156 / (27.319.289 × 1,02)
    # Section 8: 1,3 % above the average 33.366; væsentlig ændring 6.166 / 8.096 − 1 = −23,8 % (printed 23,9).
    andre = {a.hvad: a.forskel_pct for a in r.andre_tilsyn}
    assert andre["Tilsyn med døgntilbud (pr. år), 1–7 pladser"] == Decimal("1.3")
    assert andre["Væsentlig ændring (engangstakst), 1–7 pladser"] == Decimal("-23.8")


def test_objektiv_2018_raekker_mod_total_og_manglende_befolkning() -> None:
    r = beregn_socialtilsyn(_grundlag("socialtilsyn_midt_2018_seed004.yaml"), regelbog())
    total = next(s for s in r.sammenholdt if s.hvad.startswith("Objektiv finansiering: kommunernes"))
    # Appendix 1: the 19 rows sum to 27.319.290 kr., the printed total is 27.319.289 kr.
    assert (total.beregnet, total.offentliggjort, total.forskel) == (
        Decimal(27319290),
        Decimal(27319289),
        Decimal(-1),
    )
    assert len(r.mangler_indbyggere) == 19 and r.objektiv_pr_kommune == {}
    assert r.uoverensstemmelser == []


def test_konsistenstjek_finder_en_raekke_der_ikke_passer_med_sit_antal() -> None:
    # Hand: rows 100.000 / 200.000 / 310.000 kr. (total 610.000) at 1.000 / 2.000 / 3.000 children: the
    # published rate is 610.000 / 6.000 = 101,67 kr., so each row is off its count's share (101.667 /
    # 203.333 / 305.000) – the check flags all three; without C's count, A and B agree (100 kr. each).
    g = _grundlag("socialtilsyn_midt_2018_seed004.yaml")
    off = g.offentliggjort
    assert off is not None
    g = g.model_copy(
        update={
            "indbyggere_0_17": {"A": 1000, "B": 2000, "C": 3000},
            "offentliggjort": off.model_copy(
                update={
                    "objektiv_pr_kommune": {"A": Decimal(100000), "B": Decimal(200000), "C": Decimal(310000)},
                    "objektiv_total": Decimal(610000),
                }
            ),
        }
    )
    r = beregn_socialtilsyn(g, regelbog())
    assert {u.kommune: u.forskel for u in r.uoverensstemmelser} == {"A": -1667, "B": -3333, "C": 5000}
    # Only the rows with a count are checked; a row without one is listed as missing.
    g2 = g.model_copy(update={"indbyggere_0_17": {"A": 1000, "B": 2000}})
    r2 = beregn_socialtilsyn(g2, regelbog())
    assert r2.mangler_indbyggere == ["C"] and r2.uoverensstemmelser == []


def test_regulering_haever_og_saenker() -> None:
    g = _grundlag("socialtilsyn_haandregnet_graenser_2019.yaml")
    r = beregn_socialtilsyn(
        g.model_copy(update={"regulering_objektiv": Decimal(0), "regulering_takster": Decimal(0)}), regelbog()
    )
    assert (r.objektiv_finansiering, r.takstfinansiering) == (Decimal(614833), Decimal(1124267))


def test_ugyldigt_grundlag() -> None:
    with pytest.raises(ValidationError, match="enten grundtakst eller"):
        Socialtilsynsgrundlag.model_validate(
            {
                "region": "midtjylland",
                "aar": 2019,
                "aarsvaerk": 1,
                "gennemsnitsloen": 1,
                "objektiv_finansiering": 0,
                "grundtakster": [{"taksttype": "tilsyn"}],
            }
        )
    with pytest.raises(ValidationError, match="opgaver"):
        Socialtilsynsgrundlag.model_validate({"region": "midtjylland", "aar": 2019, "gennemsnitsloen": 1})
    with pytest.raises(ValidationError, match="pladser eller borgere"):
        Socialtilsynsgrundlag.model_validate(
            {
                "region": "midtjylland",
                "aar": 2019,
                "aarsvaerk": 1,
                "gennemsnitsloen": 1,
                "objektiv_finansiering": 0,
                "tilbud": [{"navn": "x", "pladser": 3, "borgere_pr_aar": 30}],
            }
        )


def test_sporet_naevner_regelbogens_kilder() -> None:
    r = beregn_socialtilsyn(_grundlag("socialtilsyn_midt_2019_seed004.yaml"), regelbog())
    navne = {ref.parameter for ref in r.regler_anvendt()}
    assert {
        "socialtilsyn.overhead_pct",
        "socialtilsyn.vaegt_50_plus_pct",
        "socialtilsyn.skaerpet_tilsyn_pct_pr_maaned",
    } <= navne
