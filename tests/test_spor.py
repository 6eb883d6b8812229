"""The trace: ordered steps, 'why' walks back through inputs, JSON and text."""

import json
from datetime import date
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from socialstyring.beregning.kerne.spor import Regelreference, Spor


def _spor() -> Spor:
    s = Spor()
    ref = Regelreference(
        "overhead.administration_pct", "5,4 %", "midtjylland", date(2011, 1, 1), "Notat 2012/2013"
    )
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
    assert (
        "overhead.administration_pct = 5,4 % (midtjylland, fra 2011-01-01; kilde: Notat 2012/2013)" in tekst
    )
    assert _spor().regler()[0].lag == "midtjylland"


def test_et_gemt_spor_er_lig_det_det_blev_gemt_fra() -> None:
    s = _spor()
    gemt = Spor.fra_json(json.loads(json.dumps(s.til_json())))
    assert gemt["e"].resultat == "8.1"  # decimals stay the strings they were stored as
    assert gemt == s
    gemt.tilfoej("f", "Mere", "x", Decimal(1), "kr.")
    assert gemt != s
    with pytest.raises(TypeError, match="unhashable"):
        hash(s)


def test_spor_og_regelreference_som_pydantic_felttyper() -> None:
    s = _spor()
    spor_type = TypeAdapter(Spor)
    assert spor_type.validate_python(s) is s
    assert spor_type.validate_python(s.til_json()) == s
    assert spor_type.dump_python(s, mode="json") == s.til_json()
    with pytest.raises(ValidationError, match="forventede et spor"):
        spor_type.validate_python("a")
    with pytest.raises(ValidationError, match="sporet kan ikke læses"):
        spor_type.validate_python([{"noegle": "a"}])
    ref = s["e"].regler[0]
    ref_type = TypeAdapter(Regelreference)
    assert ref_type.dump_python(ref, mode="json") == ref.til_json()
    assert ref_type.validate_python(ref.til_json()) == ref == Regelreference.fra_json(ref.til_json())
