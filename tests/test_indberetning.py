"""Validation of the yearly rate report (takstindberetning) against the packaged rulebook.

The figures are worked by hand: 2.295 → 2.400 kr. is (2.400 / 2.295 − 1) × 100 = 4,575… %
(shown 4,58 %); 2.295 → 2.330 kr. is 1,525… % (1,53 %). P/L (pl.kl_skoen_pct) is 2,0 % for
2016–2027 (a marked assumption in the rulebook), so the allowed development is 2,0 %, and in
Midtjylland 2015–2018 2,0 − 3 / 4 = 1,25 %.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from socialstyring.beregning.indberetning import (
    Fundtype,
    Indberetning,
    Indberetningsresultat,
    frist_for_indberetning,
    valider_indberetning,
)
from socialstyring.regler import regelbog


def _linje(ydelse: str = "Døgnophold § 108", **felter: Any) -> dict[str, Any]:
    return {
        "tilbud": "Solbakken",
        "ydelse": ydelse,
        "pladser": "24",
        "budgetteret_belaegning_pct": "97",
        "takst": "2400",
        "takst_sidste_aar": "2295",
        **felter,
    }


def _valider(
    *linjer: dict[str, Any], region: str = "midtjylland", aar: int = 2019, **ekstra: Any
) -> Indberetningsresultat:
    inddata = Indberetning.model_validate(
        {"region": region, "aar": aar, "driftsherre": "Region Midtjylland", "linjer": list(linjer), **ekstra}
    )
    return valider_indberetning(inddata, regelbog())


def test_stigning_2295_til_2400_er_4_58_pct_og_markeres() -> None:
    r = _valider(_linje())
    linje = r.linjer[0]
    assert linje.udvikling_pct is not None
    assert linje.udvikling_pct.quantize(Decimal("0.01")) == Decimal("4.58")
    assert r.tilladt_udvikling_pct == Decimal("2.0")
    assert linje.markeret and not linje.begrundet
    assert [f.type for f in r.markeringer] == [Fundtype.STIGNING]
    assert r.markeringer[0].tekst == (
        "Solbakken – Døgnophold § 108: taksten stiger 4,58 % fra 2.295,00 kr. til 2.400,00 kr.; "
        "det er mere end den tilladte udvikling på 2,00 % og skal begrundes."
    )
    # Without a justification the flag is also a blocking error.
    assert [f.type for f in r.fejl] == [Fundtype.STIGNING_UBEGRUNDET]
    assert "4,58 %" in r.fejl[0].tekst and "mangler en begrundelse" in r.fejl[0].tekst
    assert not r.kan_indsendes


def test_stigning_2295_til_2330_er_1_53_pct_og_i_orden() -> None:
    r = _valider(_linje(takst="2330"))
    linje = r.linjer[0]
    assert linje.udvikling_pct is not None
    assert linje.udvikling_pct.quantize(Decimal("0.01")) == Decimal("1.53")
    assert not linje.markeret
    assert r.fejl == () and r.markeringer == ()
    assert r.kan_indsendes
    assert r.antal_prissat == 1


def test_markeret_stigning_med_begrundelse_blokerer_ikke() -> None:
    r = _valider(_linje(begrundelse="Ny nattevagt efter tilsynets påbud"))
    assert r.kan_indsendes and r.fejl == ()
    assert len(r.markeringer) == 1
    f = r.markeringer[0]
    assert not f.blokerende and f.tekst.endswith("(begrundet).")
    assert f.begrundelse == "Ny nattevagt efter tilsynets påbud"
    assert r.linjer[0].begrundet


def test_blank_begrundelse_taeller_ikke() -> None:
    r = _valider(_linje(begrundelse="   "))
    assert not r.kan_indsendes


def test_manglende_takst_er_fejl() -> None:
    r = _valider(_linje(takst=None), _linje("Aflastning", takst="0"))
    assert [f.type for f in r.fejl] == [Fundtype.TAKST_MANGLER, Fundtype.TAKST_IKKE_POSITIV]
    assert r.fejl[0].tekst == "Solbakken – Døgnophold § 108: taksten for 2019 mangler."
    assert (
        r.fejl[1].tekst
        == "Solbakken – Aflastning: taksten for 2019 skal være større end 0 kr. (er 0,00 kr.)."
    )
    assert r.fejl[1].noegle == "linje.solbakken.aflastning.takst"
    assert r.antal_prissat == 0
    assert r.markeringer == ()  # no development without a rate


def test_pladser_og_belaegning_skal_vaere_der() -> None:
    r = _valider(
        _linje(pladser=None, budgetteret_belaegning_pct=None, takst="2330"),
        _linje("Aflastning", pladser="-1", budgetteret_belaegning_pct="101.5", takst="2330"),
    )
    assert [f.type for f in r.fejl] == [
        Fundtype.PLADSER_MANGLER,
        Fundtype.BELAEGNING_MANGLER,
        Fundtype.PLADSER_NEGATIVE,
        Fundtype.BELAEGNING_UGYLDIG,
    ]
    assert "skriv 0, hvis ydelsen ikke udbydes" in r.fejl[2].tekst
    assert r.fejl[3].tekst == (
        "Solbakken – Aflastning: den budgetterede belægning skal være over 0 og højst 100 % (er 101,5 %)."
    )


def test_0_pladser_betyder_at_ydelsen_ikke_udbydes() -> None:
    r = _valider(_linje(), _linje("Aflastning", pladser="0", takst=None, budgetteret_belaegning_pct=None))
    assert [f.ydelse for f in r.fejl] == ["Døgnophold § 108"]  # only the unjustified rise
    aflastning = r.linjer[1]
    assert not aflastning.udbydes and not aflastning.markeret
    assert r.antal_udbudt == 1 and r.antal_prissat == 1
    assert "udbydes ikke i 2019" in str(r.spor["linje.solbakken.aflastning.pladser"].bemaerkning)


def test_timepris_kraever_ikke_pladser() -> None:
    r = _valider(
        _linje(
            "Tillægsydelse: ekstra støtte",
            pladsbaseret=False,
            pladser=None,
            budgetteret_belaegning_pct=None,
            takst="445",
            takst_sidste_aar="439",
            takstenhed="kr. pr. time",
        )
    )
    assert r.kan_indsendes and r.markeringer == ()
    assert r.spor["linje.solbakken.tillaegsydelse_ekstra_stoette.takst"].enhed == "kr. pr. time"


def test_ny_ydelse_uden_sidste_aars_takst_markeres_ikke() -> None:
    r = _valider(_linje(takst_sidste_aar=None, takst="9999"))
    assert r.kan_indsendes and r.linjer[0].udvikling_pct is None


def test_takstnedsaettelse_er_i_orden() -> None:
    r = _valider(_linje(takst="2200"))
    assert r.kan_indsendes and r.linjer[0].udvikling_pct is not None and r.linjer[0].udvikling_pct < 0


def test_tom_indberetning_og_tilbud_uden_ydelser_er_fejl() -> None:
    r = _valider(tilbud_uden_ydelser=["Skovbrynet"])
    assert [f.type for f in r.fejl] == [Fundtype.INGEN_YDELSER, Fundtype.TILBUD_UDEN_YDELSER]
    assert "Skovbrynet" in r.fejl[1].tekst


def test_midtjylland_2018_traekker_den_aftalte_reduktion_fra() -> None:
    # 2,0 % P/L − 3 % / 4 years = 1,25 %: 1,53 % is flagged in 2018 but not in 2019.
    r = _valider(_linje(takst="2330"), aar=2018)
    assert r.tilladt_udvikling_pct == Decimal("1.25")
    assert [f.type for f in r.markeringer] == [Fundtype.STIGNING]
    assert "den tilladte udvikling på 1,25 %" in r.markeringer[0].tekst
    assert r.spor["reduktion_pr_aar"].resultat == Decimal("0.75")
    regler = {ref.parameter: ref for ref in r.regler_anvendt()}
    assert not regler["takstudvikling.reduktion_2015_2018_pct"].antaget  # from the seed
    assert regler["indberetning.reduktion_fordelt_aar"].antaget  # our interpretation
    assert regler["pl.kl_skoen_pct"].antaget
    # The reduction ended with 2018.
    assert "reduktion_pr_aar" not in _valider(_linje(takst="2330"), aar=2019).spor


def test_andre_regioner_har_kun_pl() -> None:
    r = _valider(_linje(takst="2330"), region="syddanmark", aar=2016)
    assert r.tilladt_udvikling_pct == Decimal("2.0")
    assert "reduktion_samlet" not in r.spor
    assert r.kan_indsendes


def test_sporet_forklarer_markeringen() -> None:
    r = _valider(_linje())
    noegle = r.markeringer[0].noegle
    assert noegle == "linje.solbakken.doegnophold_108.over_tilladt"
    trin = [t.noegle for t in r.spor.forklar(noegle)]
    assert trin == [
        "pl",
        "realudvikling",
        "tilladt_udvikling",
        "linje.solbakken.doegnophold_108.takst",
        "linje.solbakken.doegnophold_108.takst_sidste_aar",
        "linje.solbakken.doegnophold_108.udvikling",
        noegle,
    ]
    assert r.spor[noegle].bemaerkning == "Markeret: skal begrundes"
    assert r.spor["linje.solbakken.doegnophold_108.udvikling"].formel == "(takst / takst sidste år − 1) × 100"


def test_samme_navn_to_gange_faar_hver_sin_noegle() -> None:
    r = _valider(_linje(ref="1"), _linje(ref="2"))
    assert [linje.noegle for linje in r.linjer] == [
        "linje.solbakken.doegnophold_108",
        "linje.solbakken.doegnophold_108_2",
    ]
    assert [f.ref for f in r.fejl] == ["1", "2"]
    assert r.linje("2") is r.linjer[1]
    assert [f.type for f in r.fund_for("1")] == [Fundtype.STIGNING_UBEGRUNDET, Fundtype.STIGNING]


def test_frist_fra_regelbogen_falder_i_aaret_foer() -> None:
    bog = regelbog()
    syd = frist_for_indberetning("syddanmark", 2016, bog)
    assert syd is not None and syd.dato == date(2015, 11, 1)
    assert syd.regel.parameter == "frister.takstindberetning" and syd.regel.lag == "syddanmark"
    hov = frist_for_indberetning("hovedstaden", 2019, bog)
    assert hov is not None and hov.dato == date(2018, 12, 10)
    assert frist_for_indberetning("midtjylland", 2019, bog) is None
    assert frist_for_indberetning("syddanmark", 2015, bog) is None  # before the rule
    r = _valider(_linje(takst="2330"), region="syddanmark", aar=2016)
    assert r.frist == syd and r.spor["frist"].resultat == "2015-11-01"


def test_aar_uden_pl_giver_advarsel_og_ingen_markering() -> None:
    r = _valider(_linje(takst="9000"), aar=2012)
    assert r.tilladt_udvikling_pct is None and r.markeringer == ()
    assert any("pris- og lønskøn" in a for a in r.advarsler)


def test_float_og_ukendt_region_afvises() -> None:
    with pytest.raises(ValidationError, match="eksakt"):
        _valider(_linje(takst=2400.0))
    with pytest.raises(ValidationError, match="ukendt rammeaftale"):
        _valider(_linje(), region="fyn")
    with pytest.raises(ValidationError):
        _valider(_linje(ukendt_felt="x"))


def test_til_json_har_tal_som_tekst() -> None:
    data = json.loads(json.dumps(_valider(_linje()).til_json()))
    assert data["kan_indsendes"] is False
    assert data["linjer"][0]["takst"] == "2400"
    assert data["tilladt_udvikling_pct"] == "2.0"
    assert data["markeringer"][0]["type"] == "stigning"
    assert {s["noegle"] for s in data["spor"]} >= {"pl", "tilladt_udvikling"}
