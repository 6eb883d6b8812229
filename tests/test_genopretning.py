"""The reduction plan's engine (beregning.genopretning) beyond its case files: the plan's
setting without carry-forward, quarters given by the plan, and the input it refuses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from socialstyring.beregning.genopretning import Genopretningsgrundlag, beregn_genopretning
from socialstyring.io.cases import laes_case

SEED = Path(__file__).parent / "cases" / "genopretning_seed001_2021_2024.yaml"


def _seed() -> Genopretningsgrundlag:
    g = laes_case(SEED).input
    assert isinstance(g, Genopretningsgrundlag)
    return g


def test_seedens_tabel_og_overfoersel() -> None:
    r = beregn_genopretning(_seed())
    # Seed 001, Økonomioversigt: Netto-udestående 0, −720, −2.720, −4.720 (1.000 kr.)
    assert [a.netto_udestaaende for a in r.forventet.aarene] == [0, -720, -2720, -4720]
    # carried forward by hand: −720 → 2023 −5.720 + 2.280 = −3.440 → 2024 −10.440 + 2.280 = −8.160
    assert [a.effektivt_maal for a in r.forventet.aarene] == [-2000, -3000, -5720, -10440]
    assert r.forventet.manko_ved_udloeb == -8160
    assert r.spor["genopretning.forventet.2023.overfoert"].input["manko 2022"].fra_trin == (
        "genopretning.forventet.2022.manko"
    )


def test_uden_overfoersel_er_mankoen_aarets_eget_netto_udestaaende() -> None:
    r = beregn_genopretning(_seed().model_copy(update={"overfoer_manko": False}))
    # without carry-forward every year stands alone: manko = net outstanding of the printed table
    assert [a.manko for a in r.forventet.aarene] == [0, -720, -2720, -4720]
    assert [a.overfoert for a in r.forventet.aarene] == [0, 0, 0, 0]
    assert r.spor["genopretning.forventet.2022.overfoert"].formel == "planen overfører ikke manko"


def test_kvartaler_angivet_af_planen() -> None:
    g = Genopretningsgrundlag.model_validate(
        {
            "navn": "P",
            "maal": [{"aar": 2022, "beloeb": -1000}],
            "initiativer": [
                {
                    "navn": "C",
                    "effekter": [
                        {"aar": 2022, "forventet": -1000, "forventet_pr_kvartal": [0, 0, -400, -600]}
                    ],
                    "realiseret": [{"aar": 2022, "kvartal": 3, "beloeb": -300}],
                }
            ],
        }
    )
    r = beregn_genopretning(g)
    assert [k.forventet for k in r.opfoelgning] == [0, 0, -400, -600]
    assert r.opfoelgning[2].afvigelse == Decimal(100)  # −300 − (−400)
    assert r.realiseret is not None
    # 0 + 0 − 300 (realised) − 600 = −900; manko −1.000 + 900 = −100
    assert r.realiseret.aarene[0].effekt_i_alt == -900
    assert r.realiseret.aarene[0].manko == -100


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        ({"maal": [{"aar": 2021, "beloeb": 100}]}, "skal være negativt"),
        ({"maal": [{"aar": 2021, "beloeb": -1}, {"aar": 2023, "beloeb": -1}]}, "uden huller"),
        ({"ufordelt": [{"aar": 2030, "beloeb": -1}]}, "ikke er et af planens år"),
        ({"initiativer": [{"navn": "X"}, {"navn": "X"}]}, "sit eget navn"),
        (
            {"initiativer": [{"navn": "X", "effekter": [{"aar": 2030, "forventet": -1}]}]},
            "ikke er planens år",
        ),
        (
            {
                "initiativer": [
                    {
                        "navn": "X",
                        "effekter": [{"aar": 2021, "forventet": -4, "forventet_pr_kvartal": [-1, -1, -1, 0]}],
                    }
                ]
            },
            "summer ikke",
        ),
        ({"maal": [{"aar": 2021, "beloeb": 1.5}]}, "eksakt"),
    ],
)
def test_afviser(data: dict[str, object], tekst: str) -> None:
    with pytest.raises(ValidationError, match=tekst):
        Genopretningsgrundlag.model_validate({"navn": "P", "maal": [{"aar": 2021, "beloeb": -1}], **data})
