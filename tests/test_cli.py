"""The CLI: rulebook listing and rate calculation from case files, text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from socialstyring.cli import app

runner = CliRunner()
CASES = Path(__file__).parent / "cases"


def test_regler_vis_viser_vaerdier_med_kilde_og_antagelser() -> None:
    r = runner.invoke(app, ["regler", "vis", "midtjylland", "2018-06-01", "--json"])
    assert r.exit_code == 0, r.output
    data = {d["parameter"]: d for d in json.loads(r.output)}
    assert data["overhead.administration_pct"]["vaerdi"] == "5,4 %"
    assert data["overhead.tilsyn_pct"]["vaerdi"] == "0 %"
    assert data["takst.dage_pr_aar"]["antaget"] is True
    tekst = runner.invoke(app, ["regler", "vis", "midtjylland", "2011-06-01"])
    assert tekst.exit_code == 0 and "ANTAGET" in tekst.output and "0,3 %" in tekst.output


def test_regler_vis_ukendt_region() -> None:
    r = runner.invoke(app, ["regler", "vis", "fyn"])
    assert r.exit_code == 2 and "ukendt rammeaftale 'fyn'" in r.output


def test_beregn_takst_tekst_og_json() -> None:
    fil = CASES / "haandregnet_gennemsnitstakst_midtjylland_2018.yaml"
    r = runner.invoke(app, ["beregn", "takst", str(fil)])
    assert r.exit_code == 0, r.output
    assert "2.295,00 kr." in r.output and "svarer til det forventede" in r.output
    j = runner.invoke(app, ["beregn", "takst", str(fil), "--json"])
    data = json.loads(j.output)
    assert data["ydelser"][0]["takst_pr_dag"] == "2295"
    assert data["case"]["afvigelser"] == []
    assert any(t["noegle"].endswith(".takst") for t in data["spor"])


def test_beregn_takst_afvigelse_giver_exit_1(tmp_path: Path) -> None:
    fil = tmp_path / "c.yaml"
    fil.write_text(
        (CASES / "seed004_tillaegstakster_2018.yaml")
        .read_text()
        .replace("{timepris: 232}", "{timepris: 231}")
    )
    r = runner.invoke(app, ["beregn", "takst", str(fil)])
    assert r.exit_code == 1 and "forventede 231, fik 232" in r.output


def test_beregn_takst_manglende_fil() -> None:
    r = runner.invoke(app, ["beregn", "takst", "findes-ikke.yaml"])
    assert r.exit_code == 2 and "findes-ikke.yaml" in r.output


def test_beregn_aendring_og_indberetning() -> None:
    aendring = CASES / "aendring_syddanmark_takstforhoejelse_2019.yaml"
    r = runner.invoke(app, ["beregn", "aendring", str(aendring)])
    assert r.exit_code == 0, r.output
    assert "svarer til det forventede" in r.output
    ind = runner.invoke(
        app,
        ["beregn", "indberetning", str(CASES / "indberetning_midtjylland_2019_takststigning.yaml"), "--json"],
    )
    assert ind.exit_code == 0, ind.output
    data = json.loads(ind.output)
    assert data["kan_indsendes"] is False and data["fejl"][0]["type"] == "takst_mangler"


def test_case_til_forkert_kommando() -> None:
    r = runner.invoke(app, ["beregn", "kategori", str(CASES / "seed004_tillaegstakster_2018.yaml")])
    assert r.exit_code == 2 and "brug 'socialstyring beregn takst'" in r.output
