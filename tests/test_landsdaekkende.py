"""Objectively financed national offers (Kofoedsminde): the engine's rules beyond the case
files (tests/cases/landsdaekkende_*.yaml). Figures from the DASSOS meeting of 15 August 2018,
Silkeborg Kommune's agenda item on Kofoedsminde (its table), or worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from socialstyring.beregning.landsdaekkende import Finansieringsaar, beregn_landsdaekkende
from socialstyring.regler import regelbog

# The table's 2017 row, and the population on 1 January 2017 (Danmarks Statistik, FOLK1A).
AAR_2017 = {
    "tilbud": "Kofoedsminde",
    "region": "midtjylland",
    "aar": 2017,
    "landsplan_i_alt": "159770878",
    "indbyggere_landet": 5748769,
    "indbyggere_regionen": 1304253,
}


def test_trykt_regionstal_der_ikke_passer_forklares() -> None:
    """Had the document multiplied the rounded 27,79 kr. by Midtjylland's inhabitants it would
    print 36.245.190,87 kr.; the engine shows both and what the printed figure implies."""
    g = Finansieringsaar.model_validate(
        AAR_2017 | {"trykt": {"region_i_alt": "36245191", "kr_pr_indbygger": "27.79"}}
    )
    r = beregn_landsdaekkende(g, regelbog())
    assert r.region_i_alt == Decimal("36248047")  # the table's own figure
    [a] = r.afvigelser
    assert (a.trykt, a.beregnet, a.forskel) == (Decimal("36245191"), Decimal("36248047"), Decimal("-2856"))
    # 36.245.191 × 5.748.769 ÷ 159.770.878 = 1.304.150,2… inhabitants
    assert "1.304.150 indbyggere" in a.forklaring and "1.304.253" in a.forklaring


def test_trykt_beloeb_pr_indbygger_der_ikke_passer() -> None:
    g = Finansieringsaar.model_validate(AAR_2017 | {"trykt": {"kr_pr_indbygger": "27.80"}})
    [a] = beregn_landsdaekkende(g, regelbog()).afvigelser
    assert a.navn == "Kr. pr. indbygger" and a.forskel == Decimal("0.01")
    assert "27,79" in a.forklaring and "27,80" in a.forklaring


@pytest.mark.parametrize(
    "felter",
    [
        {"kr_pr_indbygger": "27.79"},  # two starting points
        {"landsplan_i_alt": None},  # none
        {"indbyggere_regionen": 6000000},  # more than the country
        {"kommuner": {"Silkeborg": -1}},
    ],
)
def test_ugyldigt_aar(felter: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Finansieringsaar.model_validate(AAR_2017 | felter)


def test_regler_med_kilder() -> None:
    g = Finansieringsaar.model_validate(
        AAR_2017
        | {
            "aar": 2019,
            "landsplan_i_alt": None,
            "drift": {"budget": "100", "finansierede_pladser": "1", "belagte_pladser": "1", "udgift": "90"},
        }
    )
    r = beregn_landsdaekkende(g, regelbog())
    refs = {ref.parameter: ref for ref in r.regler_anvendt()}
    assert refs["efterregulering.objektiv_finansiering_egen_andel_pct"].vaerdi == "5 %"
    assert "Kofoedsminde" in refs["landsdaekkende.indbyggertal"].kilde
    assert refs["landsdaekkende.egen_andel_grundlag"].antaget  # the document does not say of what
    # surplus 10 kr. on a budget of 100 kr.: keeps 5 kr., repays 5 kr.; 95 kr. to finance
    assert (r.egen_andel, r.efterregulering, r.landsplan_i_alt) == (
        Decimal("5.00"),
        Decimal("-5.00"),
        Decimal(95),
    )
