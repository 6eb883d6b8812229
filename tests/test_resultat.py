"""A tilbud's yearly result and its settlement, against the packaged rulebook, and the link
to the rate calculation of the year the rest is carried into."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from socialstyring.beregning.efterregulering import TidligereResultat
from socialstyring.beregning.resultat import Resultatgrundlag, Resultatopgoerelse, beregn_resultat
from socialstyring.beregning.takst import Takstgrundlag, Takstresultat, beregn_takst
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _grundlag(**ekstra: Any) -> Resultatgrundlag:
    data: dict[str, Any] = {
        "region": "midtjylland",
        "tilbud": "Bostedet Lærkehøj",
        "aar": 2018,
        "omkostninger": "19900000",
        "takstindtaegter": "18300000",
        "tillaegsindtaegter": "250000",
        "grundlag": "19439405",
    }
    data.update(ekstra)
    return Resultatgrundlag.model_validate({k: v for k, v in data.items() if v is not None})


def _beregn(**ekstra: Any) -> Resultatopgoerelse:
    return beregn_resultat(_grundlag(**ekstra), regelbog())


def _takst(aar: int, regulering: TidligereResultat) -> Takstresultat:
    """The haandregnet Lærkehøj rate for `aar` with one carried result."""
    grundlag = Takstgrundlag.model_validate(
        {
            "tilbud": "Bostedet Lærkehøj",
            "region": "midtjylland",
            "aar": aar,
            "ydelser": [
                {
                    "navn": "Længerevarende botilbud § 108",
                    "pladstype": "doegn",
                    "pladser": 24,
                    "budget": [{"art": "direkte_loen", "beloeb": "18105000"}],
                    "belaegning": {"budgetteret_pct": "96.7"},
                    "regulering": [regulering.model_dump()],
                }
            ],
        }
    )
    return beregn_takst(grundlag, regelbog())


# --- the hand-worked deficit ----------------------------------------------------------------------


def test_underskud_ud_over_5_pct_haandregnet() -> None:
    r = _beregn()
    assert r.indtaegter == Decimal("18550000")
    assert r.resultat == Decimal("-1350000") and r.art == "underskud"
    assert r.graense == Decimal("971970.25")  # 5 % of 19.439.405, exact to øre
    assert r.egen_andel == Decimal("-971970.25")
    assert r.til_regulering == Decimal("-378029.75")
    assert r.efterregulering == Decimal("378029.75")
    assert r.indregningsaar == (2019, 2020)
    assert r.indregnes_i == 2020  # the latest allowed year by default
    assert r.tidligere_resultat == TidligereResultat(aar=2018, resultat="-1350000", grundlag="19439405")
    assert r.grundlag_art == "omkostningsbaseret_budget" and r.egen_andel_pct == 5
    assert r.advarsler == ()


def test_sporet_foerer_efterreguleringen_tilbage_til_regnskabet() -> None:
    r = _beregn()
    noegler = [t.noegle for t in r.spor.forklar("efterregulering")]
    for n in ("takstindtaegter", "tillaegsindtaegter", "omkostninger", "resultat", "grundlag"):
        assert n in noegler
    assert "egen_andel.graense" in noegler and "egen_andel.egen" in noegler
    assert {ref.parameter for ref in r.regler_anvendt()} == {
        "efterregulering.grundlag",
        "efterregulering.egen_andel_pct",
        "efterregulering.senest_aar_efter",
    }
    # the grænse step links to the given base, not just its value
    assert r.spor["egen_andel.graense"].input["grundlag 2018"].fra_trin == "grundlag"
    assert r.spor["egen_andel.egen"].input["resultat 2018"].fra_trin == "resultat"


def test_takstberegningen_viser_samme_efterregulering() -> None:
    """The link rate ↔ result: the ready TidligereResultat gives the same figure in the rate."""
    r = _beregn()
    assert r.tidligere_resultat is not None and r.indregnes_i is not None
    t = _takst(r.indregnes_i, r.tidligere_resultat)
    y = t.ydelser[0]
    assert y.regulering == r.efterregulering
    assert t.spor[f"{y.noegle}.regulering_2018"].resultat == r.efterregulering
    assert t.spor[f"{y.noegle}.regulering_2018.egen"].resultat == r.egen_andel
    assert "Underskud 2018 indregnet i taksten 2020" in t.spor[f"{y.noegle}.regulering_2018"].label


def test_delvis_indregnet_resultat_giver_resten_til_taksten() -> None:
    r = _beregn(
        aar=2016,
        takstindtaegter="20000000",
        omkostninger="18000000",
        tillaegsindtaegter=None,
        grundlag="20000000",
        allerede_indregnet=[{"aar": 2017, "beloeb": "400000"}],
    )
    # 2.000.000 surplus; the operator keeps 1.000.000; 400.000 went into 2017; 600.000 is left
    assert (r.egen_andel, r.allerede_indregnet, r.til_regulering) == (
        Decimal("1000000.00"),
        Decimal("400000"),
        Decimal("600000.00"),
    )
    assert r.indregnes_i == 2018
    assert r.tidligere_resultat is not None and r.tidligere_resultat.allerede_indregnet == Decimal("400000")
    t = _takst(2018, r.tidligere_resultat)
    assert t.ydelser[0].regulering == r.efterregulering == Decimal("-600000.00")
    trin = t.spor[f"{t.ydelser[0].noegle}.regulering_2016"]
    assert trin.formel == "−(resultat − egen andel − allerede indregnet)"


def test_uden_tidligere_regulering_gemmes_tidligere_resultat_som_foer() -> None:
    """The new optional field does not show in stored inputs that do not use it."""
    assert TidligereResultat(aar=2016, resultat="-1", grundlag="2").model_dump(mode="json") == {
        "aar": 2016,
        "resultat": "-1",
        "grundlag": "2",
    }


# --- the 5 % rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("omkostninger", "resultat", "egen", "til_regulering"),
    [
        ("18000000", "300000", "300000", "0"),  # surplus within 5 % of 19.439.405: kept
        ("16800000", "1500000", "971970.25", "528029.75"),  # surplus beyond
        ("19271970.25", "-971970.25", "-971970.25", "0"),  # deficit of exactly 5 %: borne
        ("18300000", "0", "0", "0"),  # balance
    ],
)
def test_5_pct_reglen(omkostninger: str, resultat: str, egen: str, til_regulering: str) -> None:
    r = _beregn(omkostninger=omkostninger, tillaegsindtaegter=None)
    assert (r.resultat, r.egen_andel, r.til_regulering) == tuple(
        Decimal(x) for x in (resultat, egen, til_regulering)
    )
    assert r.efterregulering == -Decimal(til_regulering)
    assert str(r.efterregulering) != "-0" and not str(r.efterregulering).startswith("-0")
    if Decimal(til_regulering) == 0:
        assert r.tidligere_resultat is None and r.indregnes_i is None
        assert r.spor["indregnes_i"].resultat == "intet"


def test_takstindtaegter_fra_belagte_dage() -> None:
    r = _beregn(
        takstindtaegter=None,
        belagte_dage=[
            {"navn": "Døgn", "dage": "8470.92", "takst": 2295},
            {"dage": "10.5", "takst": "1000.333"},  # 10.503,4965 → 10.503,50
        ],
    )
    assert r.spor["takstindtaegt.doegn"].resultat == Decimal("19440761.40")
    assert r.spor["takstindtaegt.linje_2"].resultat == Decimal("10503.50")
    assert r.takstindtaegter == Decimal("19451264.90")


@pytest.mark.parametrize(
    "ekstra",
    [
        {"belagte_dage": [{"dage": 1, "takst": 1}]},  # both
        {"takstindtaegter": None},  # neither
    ],
)
def test_takstindtaegter_angives_paa_en_maade(ekstra: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="enten som et beløb"):
        _grundlag(**ekstra)


def test_kommatal_som_float_afvises() -> None:
    with pytest.raises(ValidationError, match="eksakt tal"):
        _grundlag(omkostninger=19900000.0)


def test_ukendt_region_afvises() -> None:
    with pytest.raises(ValidationError, match="ukendt rammeaftale 'fyn'"):
        _grundlag(region="fyn")


# --- the year it is carried into -----------------------------------------------------------------


def test_resten_kan_indregnes_aaret_efter() -> None:
    r = _beregn(indregnes_i=2019)
    assert r.indregnes_i == 2019 and r.spor["indregnes_i"].formel == "det valgte år"


@pytest.mark.parametrize("aar", [2018, 2021])
def test_resten_kan_ikke_indregnes_uden_for_vinduet(aar: int) -> None:
    with pytest.raises(ValueError, match=f"kan indregnes i taksterne 2019–2020, ikke i {aar}"):
        _beregn(indregnes_i=aar)


@pytest.mark.parametrize(
    ("allerede", "fejl"),
    [
        ([{"aar": 2019, "beloeb": "100000"}], "samme fortegn som resultatet"),  # deficit, positive part
        ([{"aar": 2019, "beloeb": "-400000"}], r"højst være den del, der skal reguleres \(-378029.75\)"),
        ([{"aar": 2021, "beloeb": "-1000"}], "allerede indregnet i 2021"),
        ([{"aar": 2020, "beloeb": "-1000"}], "allerede indregnet i taksten 2020"),
    ],
)
def test_allerede_indregnet_kontrolleres(allerede: list[dict[str, Any]], fejl: str) -> None:
    with pytest.raises(ValueError, match=fejl):
        _beregn(allerede_indregnet=allerede)


def test_helt_indregnet_giver_intet_tidligere_resultat() -> None:
    r = _beregn(allerede_indregnet=[{"aar": 2019, "beloeb": "-378029.75"}])
    assert r.til_regulering == 0 and r.tidligere_resultat is None
    assert r.spor["indregnes_i"].bemaerkning == "Resten er allerede indregnet i tidligere takster."


# --- properties --------------------------------------------------------------------------------------

_beloeb = st.integers(min_value=0, max_value=10**10).map(lambda n: Decimal(n) / 100)


@settings(max_examples=80, deadline=None)
@given(omk=_beloeb, indt=_beloeb, grundlag=_beloeb.filter(lambda g: g > 0))
def test_resultatet_deles_i_egen_andel_og_regulering(omk: Decimal, indt: Decimal, grundlag: Decimal) -> None:
    r = _beregn(omkostninger=omk, takstindtaegter=indt, tillaegsindtaegter=0, grundlag=grundlag)
    assert r.resultat == indt - omk
    assert r.egen_andel + r.til_regulering == r.resultat
    assert abs(r.egen_andel) <= r.graense
    assert r.til_regulering == 0 or abs(r.egen_andel) == r.graense
    assert r.egen_andel * r.resultat >= 0 and r.til_regulering * r.resultat >= 0
    assert r.efterregulering == -r.til_regulering
    assert (r.tidligere_resultat is None) is (r.til_regulering == 0)


# --- case files and CLI ----------------------------------------------------------------------------


def test_cli_beregn_resultat() -> None:
    fil = CASES / "resultat_midtjylland_underskud_over_5_pct_2018.yaml"
    runner = CliRunner()
    r = runner.invoke(app, ["beregn", "resultat", str(fil)])
    assert r.exit_code == 0, r.output
    assert "Resultatet svarer til det forventede" in r.output and "378.029,75" in r.output
    j = runner.invoke(app, ["beregn", "resultat", str(fil), "--json"])
    data = json.loads(j.output)
    assert data["efterregulering"] == "378029.75" and data["indregnes_i"] == 2020
    assert data["tidligere_resultat"]["aar"] == 2018 and data["case"]["afvigelser"] == []


def test_cli_ugyldigt_input_giver_kode_2(tmp_path: Path) -> None:
    fil = tmp_path / "forkert.yaml"
    fil.write_text(
        (CASES / "resultat_midtjylland_underskud_over_5_pct_2018.yaml")
        .read_text(encoding="utf-8")
        .replace("  grundlag: 19439405\nforventet:", "  grundlag: 19439405\n  indregnes_i: 2022\nforventet:")
    )
    r = CliRunner().invoke(app, ["beregn", "resultat", str(fil)])
    assert r.exit_code == 2 and "ikke i 2022" in r.output
