"""The rate engine's bulk path (`beregn_takster`): many offers at once without trace, each rule
value looked up once per agreement and year — the same rates, packages, add-ons and warnings as
`beregn_takst` of each offer alone, and the hand-worked figures of the case files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from socialstyring.beregning.takst import Takstgrundlag, beregn_takst, beregn_takster
from socialstyring.demo.indlaes import DEMO_TILBUD, demo_grundlag
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def test_de_samme_takster_som_tilbud_for_tilbud() -> None:
    bog = regelbog()
    # the demo's four budget offers: an average rate with a deficit carried in, a day offer
    # with a surplus, packages, hourly add-ons — twice each (the rule values come from the cache)
    grundlag = [demo_grundlag(d) for d in DEMO_TILBUD] * 2
    grundlag.append(
        Takstgrundlag.model_validate(laes_case(CASES / "seed004_tillaegstakster_2018.yaml").input)
    )
    bulk = beregn_takster(grundlag, bog)
    assert len(bulk) == len(grundlag)
    for b, g in zip(bulk, grundlag, strict=True):
        hver = beregn_takst(g, bog)
        assert (b.tilbud, b.region, b.aar) == (hver.tilbud, hver.region, hver.aar)
        assert b.ydelser == hver.ydelser
        assert b.tillaeg == hver.tillaeg
        assert b.advarsler == hver.advarsler


def test_haandregnede_pakker_og_timepriser() -> None:
    bog = regelbog()
    pakker = Takstgrundlag.model_validate(
        laes_case(CASES / "haandregnet_ydelsespakker_midtjylland_2018.yaml").input
    )
    tillaeg = Takstgrundlag.model_validate(laes_case(CASES / "seed004_tillaegstakster_2018.yaml").input)
    p, t = beregn_takster([pakker, tillaeg], bog)
    # the case's forklaring: grundtakst 4.456.200 / 7.081 belagte dage = 629,32 → 629 kr./døgn;
    # packages 629 + 1.086 = 1.715, 629 + 1.755 = 2.384, 629 + 2.637 = 3.266 kr./døgn
    (y,) = p.ydelser
    assert y.takst_pr_dag == Decimal(629)
    assert [pk.takst_pr_dag for pk in y.pakker] == [Decimal(1715), Decimal(2384), Decimal(3266)]
    assert [pk.aarspris for pk in y.pakker] == [Decimal(625975), Decimal(870160), Decimal(1192090)]
    # seed 004: 400 × 1,054 → 422, 439 × 1,054 → 463, 220 × 1,054 → 232 kr./time
    assert [x.timepris for x in t.tillaeg] == [Decimal(422), Decimal(463), Decimal(232)]
