"""Actual occupancy for a period: days, aggregation over active services, deviation flags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from socialstyring.beregning.belaegning import Belaegningsgrundlag, Belaegningsresultat, beregn_belaegning
from socialstyring.beregning.kerne.kalender import dage_i_periode
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.regler import regelbog


def _raekke(tilbud: str, pladser: int, brugte: int, **kw: Any) -> dict[str, Any]:
    return {
        "tilbud": tilbud,
        "driftsherre": kw.pop("driftsherre", "Viborg Kommune"),
        "maalgruppe": kw.pop("maalgruppe", "Voksne med sindslidelse"),
        "pladstype": kw.pop("pladstype", "doegn"),
        "pladser": pladser,
        "brugte_dage": brugte,
        **kw,
    }


def _beregn(*raekker: dict[str, Any], aar: int = 2016, kvartaler: int | None = 1) -> Belaegningsresultat:
    g = Belaegningsgrundlag.model_validate(
        {"region": "syddanmark", "aar": aar, "kvartaler": kvartaler, "raekker": raekker}
    )
    return beregn_belaegning(g, regelbog())


@pytest.mark.parametrize(
    ("aar", "kvartaler", "dage"),
    [(2016, 1, 91), (2017, 1, 90), (2016, 3, 274), (2017, 3, 273), (2016, 4, 366), (2016, None, 365)],
)
def test_dage_i_perioden(aar: int, kvartaler: int | None, dage: int) -> None:
    regler = Regler(regelbog(), "syddanmark", date(aar, 1, 1))
    assert dage_i_periode(aar, kvartaler, regler)[0] == dage


def test_helt_aar_bruger_regelbogens_konvention() -> None:
    r = _beregn(_raekke("A", 10, 3650), kvartaler=None)
    assert r.dage == 365
    assert r.spor["dage"].regler[0].parameter == "takst.dage_pr_aar"
    assert r.tilbud[0].belaegning_pct == Decimal(100)


def test_over_100_pct_vises_som_den_er() -> None:
    r = _beregn(_raekke("A", 10, 1001))
    assert r.til_json()["tilbud"][0]["belaegning_pct"] == "110.0"


def test_grupper_regnes_af_samlet_forbrug_og_kun_aktive() -> None:
    r = _beregn(
        _raekke("A", 10, 910),
        _raekke("B", 30, 1365),
        _raekke("C", 5, 0),  # places, no use: inactive
        _raekke("D", 0, 50),  # use, no places: inactive
    )
    mg = r.maalgrupper[0]
    # (910 + 1365) / ((10 + 30) × 91) = 62,5 % — not the average of 100 % and 50 %.
    assert (mg.pladser, mg.brugte_dage, mg.antal_ydelser) == (Decimal(40), Decimal(2275), 2)
    assert mg.belaegning_pct == Decimal("62.5")
    assert r.inaktive_tilbud == ("C", "D")
    assert len(r.advarsler) == 2


def test_flag_ved_praecis_graensen_og_tilbud_med_flere_ydelser() -> None:
    r = _beregn(
        # exactly 5 points below: flagged (≥)
        _raekke("A", 10, 819, budgetteret_belaegning_pct=95),
        # 4,9 points: not flagged
        _raekke("B", 10, 820, budgetteret_belaegning_pct="94.9"),
        # two services: budget weighted by places (10×100 + 30×90)/40 = 92,5; actual 100 % → +7,5
        _raekke("C", 10, 910, ydelse="døgn", budgetteret_belaegning_pct=100),
        _raekke("C", 30, 2730, ydelse="dag", pladstype="dag", budgetteret_belaegning_pct=90),
    )
    assert r.flagede_tilbud == ("A", "C")
    c = next(t for t in r.tilbud if t.navn == "C")
    assert c.budgetteret_pct == Decimal("92.5")
    assert r.spor["tilbud.c.afvigelse"].resultat == "flag"
    assert [t.noegle for t in r.spor.forklar("tilbud.a.afvigelse")] == [
        "dage",
        "graense",
        "tilbud.a.belaegning_pct",
        "tilbud.a.afvigelse",
    ]


def test_samme_ydelse_to_gange_afvises() -> None:
    with pytest.raises(ValueError, match="mere end én gang"):
        _beregn(_raekke("A", 10, 1), _raekke("A", 10, 2))


def test_float_afvises() -> None:
    with pytest.raises(ValueError, match="eksakt"):
        _beregn(_raekke("A", 10.0, 1))  # type: ignore[arg-type]


def test_frister_for_belaegning_syddanmark_og_midtjylland() -> None:
    """Seed 002, Syddanmark: Q1 by 1 May, Q1–Q3 by 1 November of the year; Midtjylland none."""
    from datetime import date

    from socialstyring.beregning.belaegning import frister_for_belaegning

    syd = frister_for_belaegning("syddanmark", 2016, regelbog())
    assert {k: f.dato for k, f in syd.items()} == {1: date(2016, 5, 1), 3: date(2016, 11, 1)}
    assert syd[3].regel.parameter == "frister.belaegning_q1_q3"
    assert frister_for_belaegning("midtjylland", 2016, regelbog()) == {}
