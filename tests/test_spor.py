"""The trace: ordered steps, 'why' walks back through inputs, JSON and text."""

import json
from datetime import date
from decimal import Decimal

import pytest

from socialstyring.beregning.kerne.spor import Regelreference, Spor


def _spor() -> Spor:
    s = Spor()
    ref = Regelreference("overhead.administration_pct", "5,4 %", "midtjylland", date(2011, 1, 1), "seed 000")
    s.tilfoej("a", "Løn", "sum", Decimal("100"), "kr.")
    s.tilfoej("b", "Husleje", "sum", Decimal("50"), "kr.")
    s.tilfoej("c", "Ikke brugt", "sum", Decimal("7"), "kr.")
    s.tilfoej("d", "Direkte", "a + b", Decimal("150"), "kr.", {"a": s.fra("a"), "b": s.fra("b")})
    s.tilfoej(
        "e", "Overhead", "d × 5,4 %", Decimal("8.1"), "kr.", {"d": s.fra("d"), "pct": Decimal("5.4")}, [ref]
    )
    return s


def test_forklar_giver_trinnet_og_dets_forudsaetninger_i_orden() -> None:
    assert [t.noegle for t in _spor().forklar("e")] == ["a", "b", "d", "e"]


def test_dubletter_og_ukendte_henvisninger_afvises() -> None:
    s = _spor()
    with pytest.raises(ValueError, match="findes allerede"):
        s.tilfoej("a", "x", "x", Decimal(1), "kr.")
    with pytest.raises(ValueError, match="ukendt trin"):
        s.tilfoej("z", "x", "x", Decimal(1), "kr.", {"q": s.fra("a").__class__(1, "findes-ikke")})


def test_json_holder_decimaler_som_tekst_og_regler_med_kilde() -> None:
    data = json.loads(json.dumps(_spor().til_json()))
    e = data[-1]
    assert e["resultat"] == "8.1"
    assert e["input"]["d"] == {"vaerdi": "150", "fra_trin": "d"}
    assert e["regler"][0]["parameter"] == "overhead.administration_pct"
    assert e["regler"][0]["antaget"] is False


def test_tekst_viser_danske_tal_og_kilden() -> None:
    tekst = _spor().som_tekst()
    assert "5. Overhead: 8,1 kr." in tekst
    assert "overhead.administration_pct = 5,4 % (midtjylland, fra 2011-01-01; kilde: seed 000)" in tekst
    assert _spor().regler()[0].lag == "midtjylland"
