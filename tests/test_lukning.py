"""Settlement when a tilbud closes (Syddanmark, seed 002), against the packaged rulebook."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.beregning.lukning import (
    LukningFejl,
    Lukningsgrundlag,
    Lukningsopgoerelse,
    Opgoerelsesart,
    beregn_lukning,
)
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"

KOMMUNER = [
    {"kode": "621", "navn": "Kolding", "belaegningsdage": {2017: 1460, 2018: 1095}},
    {"kode": "630", "navn": "Vejle", "belaegningsdage": {2017: 730, 2018: 912}},
    {"kode": "607", "navn": "Fredericia", "belaegningsdage": {2017: 365, 2018: 200}},
]


def _grundlag(**ekstra: Any) -> Lukningsgrundlag:
    data: dict[str, Any] = {
        "region": "syddanmark",
        "tilbud": "Bofællesskabet Kastanjen",
        "center": "Center for Voksenhandicap",
        "kategori": "klyngetilbud",
        "beslutningsdato": "2019-03-12",
        "lukningsdato": "2019-06-30",
        "opgoerelse": "foreloebig",
        "tilbuddets_resultat": "-1240000",
        "centrets_resultat": "-3800000",
        "betalingskommuner": KOMMUNER,
    }
    data.update(ekstra)
    return Lukningsgrundlag.model_validate(data)


def _beregn(**ekstra: Any) -> Lukningsopgoerelse:
    return beregn_lukning(_grundlag(**ekstra), regelbog())


def _beloeb(r: Lukningsopgoerelse) -> dict[str, Decimal]:
    return {k.navn: k.beloeb for k in r.kommuner}


# --- the worked example -------------------------------------------------------------------------


def test_foreloebig_opgoerelse_haandregnet() -> None:
    r = _beregn()
    assert r.graense == Decimal("190000.00")
    assert r.til_regulering == Decimal("-1050000.00") and r.efterregulering == Decimal("1050000.00")
    assert r.historik_aar == (2017, 2018) and r.dage_i_alt == 4762
    assert _beloeb(r) == {
        "Kolding": Decimal("563366.23"),
        "Vejle": Decimal("362053.76"),
        "Fredericia": Decimal("124580.01"),
    }
    assert sum(_beloeb(r).values()) == r.efterregulering
    assert [k.kode for k in r.kommuner] == ["621", "630", "607"]
    assert r.spor["kommune.630.beloeb"].bemaerkning is not None  # got the extra øre
    assert r.spor["kommune.621.beloeb"].bemaerkning is None


def test_endelig_opgoerelse_stoerste_rest_retter_afrundingen() -> None:
    r = _beregn(opgoerelse="endelig", tilbuddets_resultat="-1262450", centrets_resultat="-3815000")
    assert r.efterregulering == Decimal("1071700.00")
    # Rounding each exact share half up would give 575.009,13 and a total 1 øre short.
    assert _beloeb(r) == {
        "Kolding": Decimal("575009.14"),
        "Vejle": Decimal("369536.20"),
        "Fredericia": Decimal("127154.66"),
    }
    assert r.opgoerelse_tekst.startswith("Endelig opgørelse\n")
    assert "Opgørelsen er endelig og bygger på regnskabet for 2019." in r.opgoerelse_tekst


def test_opgoerelsesteksten() -> None:
    r = _beregn(driftsmaaneder=6, noter=["Salg af afskrevet inventar er modregnet."])
    tekst = r.opgoerelse_tekst
    assert tekst.startswith("Foreløbig opgørelse\nEfterregulering ved lukning af Bofællesskabet Kastanjen")
    for del_ in (
        "Center/ledelsesområde: Center for Voksenhandicap",
        "Beslutning om lukning: 12. marts 2019",
        "Tilbuddets underskud: 1.240.000,00 kr.",
        "Grænse (5 % af centrets samlede underskud), som driftsherren bærer: 190.000,00 kr.",
        "Efterreguleres (underskud, som betalingskommunerne betaler): 1.050.000,00 kr.",
        "Fordeling efter anvendte belægningsdage i 2017 og 2018:",
        "Kolding (621)     1.460  1.095  2.555   53,65 %    563.366,23 kr.",
        "I alt             2.555  2.207  4.762  100,00 %  1.050.000,00 kr.",
        "ikke er afskrevet, indgår ikke i opgørelsen",
        "Forrentning og afskrivning er indregnet for de 6 måneder, tilbuddet var i drift i 2019.",
        "- Salg af afskrevet inventar er modregnet.",
        "senest umiddelbart efter regnskabsafslutningen for 2019",
    ):
        assert del_ in tekst, del_
    assert r.opgoerelse is Opgoerelsesart.FORELOEBIG


def test_fortolkningen_af_5_pct_staar_i_sporet() -> None:
    r = _beregn()
    note = r.spor["graense"].bemaerkning or ""
    assert "Fortolkning" in note and "bilag 10" in note and "uden fortegn" in note
    assert [ref.parameter for ref in r.regler_anvendt()] == ["lukning.graense_pct", "lukning.historik_aar"]
    assert all(ref.lag == "syddanmark" for ref in r.regler_anvendt())
    noegler = [t.noegle for t in r.spor.forklar("kommune.607.beloeb")]
    assert {"graense", "efterregulering", "dage_i_alt", "kommune.607.dage"} <= set(noegler)


def test_forældede_regler_giver_advarsel() -> None:
    r = _beregn()
    # named by the parameter's description, as users read it, not by its key
    assert r.advarsler == (
        "Der efterreguleres for tilbuddets andel af et over-/underskud, der ligger over denne procent af "
        "centrets (ledelsesområdets) samlede over-/underskud: værdien er fra 2016-01-01; en ny værdi var "
        "ventet fra 2017-01-01, sidst kontrolleret 2026-11-24",
        "Antal regnskabsår før det år, hvor lukningen besluttes, hvis anvendte belægningsdage bestemmer "
        "fordelingen mellem betalingskommunerne: værdien er fra 2016-01-01; en ny værdi var ventet fra "
        "2017-01-01, sidst kontrolleret 2026-11-24",
    )


# --- surplus, within the limit, opposite signs --------------------------------------------------------


def test_overskud_betales_tilbage() -> None:
    r = _beregn(tilbuddets_resultat="500000", centrets_resultat="2000000")
    assert r.graense == Decimal("100000.00") and r.til_regulering == Decimal("400000.00")
    assert r.efterregulering == Decimal("-400000.00")
    assert all(b < 0 for b in _beloeb(r).values()) and sum(_beloeb(r).values()) == Decimal("-400000")
    assert "som betales tilbage til betalingskommunerne): 400.000,00 kr." in r.opgoerelse_tekst
    assert "som driftsherren beholder" in r.opgoerelse_tekst


def test_inden_for_graensen_intet_at_fordele() -> None:
    r = _beregn(tilbuddets_resultat="-150000")
    assert r.efterregulering == 0 and not str(r.til_regulering).startswith("-")
    assert all(b == 0 for b in _beloeb(r).values())
    assert any("inden for grænsen" in a for a in r.advarsler)


def test_modsat_fortegn_advarer() -> None:
    r = _beregn(centrets_resultat="1000000")
    assert r.graense == Decimal("50000.00") and r.efterregulering == Decimal("1190000.00")
    assert any("modsat fortegn" in a for a in r.advarsler)


# --- conditions and validation --------------------------------------------------------------------


@pytest.mark.parametrize("kategori", ["lokalt", "omfattet", "landsdaekkende", "sikret"])
def test_kun_klyngetilbud_og_hoejt_specialiserede(kategori: str) -> None:
    with pytest.raises(LukningFejl, match="gælder kun klyngetilbud og højt specialiserede tilbud"):
        _beregn(kategori=kategori)


def test_hoejt_specialiseret_er_omfattet() -> None:
    assert _beregn(kategori=Kategori.HOEJT_SPECIALISERET).efterregulering == Decimal("1050000.00")


def test_kun_ved_lukning_af_et_samlet_tilbud() -> None:
    with pytest.raises(LukningFejl, match="kun anvendes ved lukning af et samlet tilbud/enhed"):
        _beregn(samlet_lukning=False)


def test_region_uden_regel() -> None:
    with pytest.raises(LukningFejl, match=r"regelbogen for midtjylland .* mangler: lukning\.graense_pct"):
        _beregn(region="midtjylland")


def test_manglende_og_ekstra_aar_navngives() -> None:
    kommuner = [
        {"kode": "621", "navn": "Kolding", "belaegningsdage": {2017: 1460}},
        {"kode": "630", "navn": "Vejle", "belaegningsdage": {2016: 10, 2017: 730, 2018: 912}},
        KOMMUNER[2],
    ]
    with pytest.raises(LukningFejl) as fejl:
        _beregn(betalingskommuner=kommuner)
    besked = str(fejl.value)
    assert "Kolding (621): mangler belægningsdage for 2018" in besked
    assert "Vejle (630): 2016 hører ikke med" in besked
    assert "Fredericia" not in besked
    assert "2017 og 2018, regnskabsårene før beslutningsåret 2019" in besked


def test_aarene_foelger_beslutningsdatoen() -> None:
    with pytest.raises(LukningFejl, match="mangler belægningsdage for 2019"):
        _beregn(beslutningsdato="2020-01-15", lukningsdato=None)


def test_ingen_dage_kan_ikke_fordeles() -> None:
    nul = [{**k, "belaegningsdage": {2017: 0, 2018: 0}} for k in KOMMUNER]
    with pytest.raises(LukningFejl, match="ingen anvendte belægningsdage"):
        _beregn(betalingskommuner=nul)


def test_ingen_betalingskommuner() -> None:
    with pytest.raises(LukningFejl, match="ingen betalingskommuner"):
        _beregn(betalingskommuner=[])


@pytest.mark.parametrize(
    ("ekstra", "fejl"),
    [
        ({"betalingskommuner": [KOMMUNER[0], KOMMUNER[0]]}, "kommune 621 står mere end én gang"),
        ({"lukningsdato": "2019-01-01"}, "ligger før beslutningen"),
        ({"tilbuddets_resultat": -1240000.0}, "eksakt tal"),
        (
            {"betalingskommuner": [{**KOMMUNER[0], "belaegningsdage": {2017: -1, 2018: 5}}]},
            "kan ikke være negative",
        ),
        ({"opgoerelse": "midlertidig"}, "foreloebig"),
    ],
)
def test_ugyldigt_input(ekstra: dict[str, Any], fejl: str) -> None:
    with pytest.raises(ValidationError, match=fejl):
        _grundlag(**ekstra)


# --- largest remainder -----------------------------------------------------------------------------


def test_stoerste_rest_simpelt() -> None:
    assert [a.beloeb for a in fordel_efter_stoerste_rest(Decimal("100.00"), [Decimal(1)] * 3)] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert [a.beloeb for a in fordel_efter_stoerste_rest(Decimal("-0.02"), [Decimal(1), Decimal(2)])] == [
        Decimal("-0.01"),
        Decimal("-0.01"),
    ]
    with pytest.raises(ValueError, match="hele øre"):
        fordel_efter_stoerste_rest(Decimal("1.005"), [Decimal(1)])


_dage = st.integers(min_value=0, max_value=20_000).map(Decimal) | st.decimals(
    min_value=0, max_value=20_000, places=2, allow_nan=False, allow_infinity=False
)
_kroner = st.integers(min_value=-(10**11), max_value=10**11).map(lambda n: Decimal(n) / 100)


@settings(max_examples=300, deadline=None)
@given(beloeb=_kroner, vaegte=st.lists(_dage, min_size=1, max_size=12))
def test_stoerste_rest_summer_praecist_og_er_proportional(beloeb: Decimal, vaegte: list[Decimal]) -> None:
    total = sum(vaegte, Decimal(0))
    if total == 0:
        return
    andele = fordel_efter_stoerste_rest(beloeb, vaegte)
    assert sum((a.beloeb for a in andele), Decimal(0)) == beloeb
    for a, v in zip(andele, vaegte, strict=True):
        praecis = Fraction(beloeb) * Fraction(v) / Fraction(total)
        assert a.praecis == praecis
        assert abs(Fraction(a.beloeb) - praecis) < Fraction(1, 100)
        assert a.beloeb == a.beloeb.quantize(Decimal("0.01"))


_kommune_dage = st.tuples(
    st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000)
).filter(lambda t: sum(t) > 0)


@settings(max_examples=60, deadline=None)
@given(
    tilbud=_kroner,
    center=_kroner,
    dage=st.lists(_kommune_dage, min_size=1, max_size=8),
)
def test_kommunernes_beloeb_summer_til_efterreguleringen(
    tilbud: Decimal, center: Decimal, dage: list[tuple[int, int]]
) -> None:
    koder = ["410", "420", "430", "440", "450", "461", "479", "480"]
    kommuner = [
        {"kode": k, "navn": f"Kommune {k}", "belaegningsdage": {2017: a, 2018: b}}
        for k, (a, b) in zip(koder, dage, strict=False)
    ]
    r = _beregn(tilbuddets_resultat=tilbud, centrets_resultat=center, betalingskommuner=kommuner)
    assert sum((k.beloeb for k in r.kommuner), Decimal(0)) == r.efterregulering
    assert abs(r.til_regulering) == max(Decimal(0), abs(tilbud) - r.graense)
    total = sum(a + b for a, b in dage)
    for k, (a, b) in zip(r.kommuner, dage, strict=False):
        praecis = Fraction(r.efterregulering) * (a + b) / total
        assert abs(Fraction(k.beloeb) - praecis) < Fraction(1, 100)


# --- case files and CLI ----------------------------------------------------------------------------


def test_cli_beregn_lukning() -> None:
    runner = CliRunner()
    for art, overskrift in (("foreloebig", "Foreløbig opgørelse"), ("endelig", "Endelig opgørelse")):
        fil = CASES / f"lukning_syddanmark_klyngetilbud_{art}_2019.yaml"
        r = runner.invoke(app, ["beregn", "lukning", str(fil)])
        assert r.exit_code == 0, r.output
        assert "Resultatet svarer til det forventede" in r.output
        j = json.loads(runner.invoke(app, ["beregn", "lukning", str(fil), "--json"]).output)
        assert j["overskrift"] == overskrift and j["opgoerelse_tekst"].startswith(overskrift)
        assert j["case"]["afvigelser"] == []
