"""State reimbursement in particularly expensive cases: the rules the case files do not show
(month by month rather than the year's total, the age-67 test month in the year before,
missing and assumed thresholds, the forecast's fallback, refused inputs) and the command line.

Thresholds per month (1/12, to øre): 2021 850.000 → 70.833,33; 2022 860.000 → 71.666,67,
1.680.000 → 140.000, 2.120.000 → 176.666,67 (serviceloven § 176, stk. 1)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from socialstyring.beregning.refusion import Refusionsgrundlag, Refusionsopgoerelse, beregn_refusion
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _beregn(**data: Any) -> Refusionsopgoerelse:
    return beregn_refusion(Refusionsgrundlag.model_validate(data), regelbog())


def _borger(noegle: str = "A", foedt: str = "1980-01-01", **felter: Any) -> dict[str, Any]:
    return {"noegle": noegle, "foedselsdato": foedt, "ordning": "voksen", **felter}


def test_maaned_for_maaned_ikke_aarets_sum() -> None:
    # 40.000 and 120.000 kr. in turn: the year's 960.000 kr. is 100.000 over the yearly 25 %
    # threshold (25.000 kr. if computed yearly), but only the six months of 120.000 are over
    # 71.666,67: 6 × (48.333,33 × 25 % = 12.083,3325 → 12.083,33) = 72.499,98 kr.
    maaneder = [{"maaned": m, "brutto": 40000 if m % 2 else 120000} for m in range(1, 13)]
    r = _beregn(aar=2022, borgere=[_borger(maaneder=maaneder)])
    assert r.kvartal == 4
    assert r.aar_til_dato == Decimal("72499.98")
    # February is the first quarter's only month of 120.000; April and June the second's.
    assert [k.refusion for k in r.kvartaler] == [Decimal("12083.33"), Decimal("24166.66")] * 2
    assert r.krav.krav == Decimal("72499.98")


def test_fylder_67_i_januar_testmaaneden_er_aaret_foer() -> None:
    # Turns 67 on 20 January 2022: the last month before is December 2021, outside the year.
    borger = _borger("J", "1955-01-20", maaneder=[{"maaned": 1, "brutto": 100000}])
    with pytest.raises(ValueError, match="udgiften i december 2021"):
        _beregn(aar=2022, borgere=[borger])
    # 80.000 > 70.833,33 (2021): still covered; January (100.000 − 71.666,67) × 25 % = 7.083,33.
    r = _beregn(aar=2022, borgere=[{**borger, "udgift_sidste_maaned_foer_67": 80000}])
    assert r.sager[0].maaneder[0].omfattet and r.aar_til_dato == Decimal("7083.33")
    assert r.spor["sag.j.fortsat_efter_67"].resultat == "ja"
    # 70.000 ≤ 70.833,33: not covered before, so not after.
    r = _beregn(aar=2022, borgere=[{**borger, "udgift_sidste_maaned_foer_67": 70000}])
    assert not r.sager[0].maaneder[0].omfattet and r.aar_til_dato == 0


def test_aar_uden_graense_afvises_med_forklaring() -> None:
    # No threshold for 2014 in the rulebook, not even an assumption: no silent reuse of another year.
    with pytest.raises(ValueError, match="ingen grænse for 25 % refusion \\(voksen\\) i 2014"):
        _beregn(aar=2014, borgere=[_borger(maaneder=[{"maaned": 1, "brutto": 100000}])])


def test_graenserne_2016_til_2019_er_en_antagelse_der_siges() -> None:
    # 2017: the published amounts are not found; the 2020 amount (1.090.000 kr., adults) is the
    # stated assumption. (100.000 − 1.090.000/12 = 90.833,33) × 25 % = 2.291,67 kr.
    r = _beregn(aar=2017, borgere=[_borger(maaneder=[{"maaned": 1, "brutto": 100000}])])
    (ref,) = r.spor["sag.a.m01.graense_25"].regler[:1]
    assert ref.antaget and "2016–2019" in ref.kilde and "ikke fundet" in ref.kilde
    assert r.aar_til_dato == Decimal("2291.67")


def test_antaget_graense_staar_i_sporet() -> None:
    r = _beregn(aar=2024, borgere=[_borger(maaneder=[{"maaned": 1, "brutto": 100000}])])
    (ref,) = r.spor["sag.a.m01.graense_25"].regler[:1]
    assert ref.antaget and "2024 er ikke fundet" in ref.kilde
    assert r.aar_til_dato == Decimal("7083.33")  # the law's 2022 level, 71.666,67 a month


def test_prognose_taeller_kun_maaneder_til_hjaelpen_ophoerer() -> None:
    # As the test below, but the stay ends 15 June 2027: January–June are begun by then, so
    # 6 months × 7.083,33 = 42.499,98 kr.; ending 31 December 2027 counts all 12 months.
    def prognose(ophoerer: str) -> Decimal:
        b = _borger(maaneder=[{"maaned": 3, "brutto": 100000}], ophoerer=ophoerer)
        return _beregn(aar=2026, borgere=[b]).prognose.refusion

    assert prognose("2027-06-15") == Decimal("42499.98")
    assert prognose("2027-12-31") == Decimal("84999.96")
    assert prognose("2026-12-31") == Decimal(0)


def test_prognose_uden_naeste_aars_graenser_bruger_aarets_med_advarsel() -> None:
    # 2027 is not in the rulebook: 2026's thresholds (71.666,67 a month) are used. March, the
    # claim's last month, continues: (100.000 − 71.666,67) × 25 % = 7.083,33, × 12 = 84.999,96 kr.
    r = _beregn(aar=2026, borgere=[_borger(maaneder=[{"maaned": 3, "brutto": 100000}])])
    assert r.prognose.aar == 2027 and r.prognose.graenser_fra_aar == 2026
    assert r.prognose.refusion == Decimal("84999.96")
    assert any("regelbogen har ikke grænserne for 2027" in a for a in r.advarsler)


def test_voksen_med_husstand_er_sin_egen_sag() -> None:
    r = _beregn(
        aar=2022,
        borgere=[
            _borger("M", husstand="Z", maaneder=[{"maaned": 1, "brutto": 50000}]),
            {
                **_borger("N", "2014-01-01", husstand="Z"),
                "ordning": "barn",
                "maaneder": [{"maaned": 1, "brutto": 50000}],
            },
        ],
    )
    assert [s.navn for s in r.sager] == ["M", "husstand Z"]
    assert r.aar_til_dato == 0  # 50.000 each; summed they would be over 71.666,67
    assert r.advarsler[0] == "M: husstanden bruges ikke; kun børn og unge i samme husstand lægges sammen."


@pytest.mark.parametrize(
    ("aendring", "fejl"),
    [
        ({"borgere": [_borger("010203-1234")]}, "ligner et CPR-nummer"),
        (
            {"borgere": [_borger(engangsudgifter=[{"beloeb": 1000, "aar": 2021}])]},
            "hører til 2021 og fordeles over det års 12 måneder; beregningen er for 2022",
        ),
        (
            {"kvartal": 1, "borgere": [_borger(maaneder=[{"maaned": 4, "brutto": 1}])]},
            "måned 4 ligger efter 1.",
        ),
        ({"kvartal": 2, "tidligere_anmeldt": {2: 100}}, "kvartal 2 ligger ikke før 2. kvartal"),
        ({"borgere": [_borger(maaneder=[{"maaned": 1, "brutto": 1.5}])]}, "eksakt tal"),
    ],
)
def test_ugyldigt_input_afvises(aendring: dict[str, Any], fejl: str) -> None:
    data = {"aar": 2022, "borgere": [_borger()], **aendring}
    with pytest.raises(ValidationError, match=fejl):
        Refusionsgrundlag.model_validate(data)


def test_kommandoen_beregn_refusion_med_json() -> None:
    fil = CASES / "refusion_ujaevne_maaneder_kvartalskrav_2022.yaml"
    r = CliRunner().invoke(app, ["beregn", "refusion", str(fil), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["krav"]["krav"] == "79166.66" and data["case"]["afvigelser"] == []
    tekst = CliRunner().invoke(app, ["beregn", "refusion", str(fil)])
    assert tekst.exit_code == 0 and "Krav for 2. kvartal 2022: 79.166,66 kr." in tekst.output
