"""Every worked example under tests/cases/ is run and must give its expected figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialstyring.io.cases import CaseFejl, afvigelser, koer_case, laes_case
from socialstyring.regler import regelbog

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def test_der_er_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("fil", CASES, ids=[f.stem for f in CASES])
def test_case(fil: Path) -> None:
    case = laes_case(fil)
    assert case.forventet, f"{fil.name} har intet forventet resultat"
    assert case.kilde.get("dokument"), f"{fil.name} mangler sin kilde"
    assert afvigelser(case, koer_case(case, regelbog())) == []


def test_en_forkert_forventning_opdages(tmp_path: Path) -> None:
    original = (Path(__file__).parent / "cases" / "seed004_tillaegstakster_2018.yaml").read_text()
    fil = tmp_path / "forkert.yaml"
    fil.write_text(original.replace("{timepris: 463}", "{timepris: 462}"))
    case = laes_case(fil)
    assert afvigelser(case, koer_case(case, regelbog())) == [
        "tillaeg.Pædagogisk støtte i nattetimer.timepris: forventede 462, fik 463"
    ]


def test_ugyldig_case_navngiver_fil_og_felt(tmp_path: Path) -> None:
    fil = tmp_path / "ugyldig.yaml"
    fil.write_text(
        "beregning: takst\nnavn: x\nkilde: {dokument: y}\n"
        "input: {tilbud: T, region: midtjylland, aar: 2018, tillaegsydelser: [{navn: a, loen_pr_time: 400.5}]}\n"
        "forventet: {}\n"
    )
    # 400.5 is read as an exact Decimal, so that passes; a negative wage does not.
    assert laes_case(fil).input.tillaegsydelser[0].loen_pr_time == __import__("decimal").Decimal("400.5")
    fil.write_text(fil.read_text().replace("400.5", "-1"))
    with pytest.raises(CaseFejl, match=r"ugyldig.yaml: input.tillaegsydelser.0.loen_pr_time"):
        laes_case(fil)
