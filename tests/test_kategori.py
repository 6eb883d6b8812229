"""A tilbud's category: Syddanmark's three categories and Midtjylland's inclusion rule,
each tested against the packaged rulebook."""

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

from socialstyring.beregning.kategori import (
    KategoriFejl,
    Kategorigrundlag,
    Kategoriregel,
    Kategoriresultat,
    beregn_kategori,
)
from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _grundlag(
    region: str = "syddanmark",
    aar: int = 2016,
    driftsherre: str = "461",
    takst: Any = 2450,
    pladser: Any = 20,
    forbrug: list[Any] | None = None,
    **ekstra: Any,
) -> Kategorigrundlag:
    return Kategorigrundlag.model_validate(
        {
            "region": region,
            "aar": aar,
            "tilbud": "T",
            "driftsherre": driftsherre,
            "takst": takst,
            "pladser": pladser,
            "forbrug": forbrug if forbrug is not None else [],
            **ekstra,
        }
    )


def _beregn(**kw: Any) -> Kategoriresultat:
    return beregn_kategori(_grundlag(**kw), regelbog())


def _andre(antal: int, pladser: Any = 1) -> list[dict[str, Any]]:
    """`antal` other Syddanmark municipalities buying `pladser` each."""
    koder = ["410", "420", "430", "440", "450", "479", "480", "482", "492", "510", "530"]
    return [{"kommune": k, "aarspladser": pladser} for k in koder[:antal]]


# --- Syddanmark: three categories -------------------------------------------------


def test_saelger_til_5_andre_kommuner_med_takst_2450_er_hoejt_specialiseret() -> None:
    r = _beregn(forbrug=[{"kommune": "461", "aarspladser": 15}, *_andre(5)])
    assert r.regel is Kategoriregel.TRE_KATEGORIER
    assert r.kategori is r.beregnet_kategori is Kategori.HOEJT_SPECIALISERET
    assert r.antal_andre_koeberkommuner == 5 and r.andel_solgt_pct == Decimal(25)
    assert not r.tilsidesat and r.begrundelse is None
    assert "regelens forslag" in r.forbehold and "tilsidesættes manuelt" in r.forbehold


def test_45_pct_til_2_andre_kommuner_er_hoejt_specialiseret() -> None:
    r = _beregn(forbrug=[["461", 11], ["621", 5], ["607", 4]])
    assert (r.kategori, r.antal_andre_koeberkommuner, r.andel_solgt_pct) == (
        Kategori.HOEJT_SPECIALISERET,
        2,
        Decimal(45),
    )


def test_takst_1850_til_6_kommuner_er_klyngetilbud() -> None:
    r = _beregn(takst=1850, forbrug=[["461", 10], *_andre(6)])
    assert r.kategori is Kategori.KLYNGETILBUD
    assert r.advarsler == ()


def test_kun_egne_borgere_er_lokalt() -> None:
    r = _beregn(forbrug=[["461", 20]])
    assert r.kategori is Kategori.LOKALT
    assert r.spor["saelger_til_andre"].resultat == "nej"


@pytest.mark.parametrize(
    ("takst", "andre", "forventet"),
    [
        ("2000", 4, Kategori.HOEJT_SPECIALISERET),  # both limits included (≥)
        ("1999.99", 4, Kategori.KLYNGETILBUD),
        ("2000", 3, Kategori.KLYNGETILBUD),
    ],
)
def test_graenserne_2000_kr_og_4_kommuner_er_med(takst: str, andre: int, forventet: Kategori) -> None:
    # 3–4 others of 20 used places is 15–20 %: only the count can make it highly specialised.
    r = _beregn(takst=takst, forbrug=[["461", 16], *_andre(andre)])
    assert r.kategori is forventet


@pytest.mark.parametrize(
    ("egne", "forventet"), [("6", Kategori.HOEJT_SPECIALISERET), ("6.01", Kategori.KLYNGETILBUD)]
)
def test_graensen_40_pct_er_med(egne: str, forventet: Kategori) -> None:
    r = _beregn(takst=2000, forbrug=[["461", egne], *_andre(2, 2)])
    assert r.kategori is forventet
    assert (r.andel_solgt_pct == 40) is (forventet is Kategori.HOEJT_SPECIALISERET)


def test_andelen_regnes_af_brugte_pladser_ikke_normerede() -> None:
    # 20 places, but only 10 used: 4 of 10 used by others is 40 %, not 4/20 = 20 %.
    r = _beregn(takst=2000, pladser=20, forbrug=[["461", 6], *_andre(2, 2)])
    assert r.andel_solgt_pct == 40 and r.kategori is Kategori.HOEJT_SPECIALISERET
    assert "brugte årspladser i alt" in (r.spor["andel_solgt_pct"].bemaerkning or "")


def test_intet_forbrug_giver_andel_0_og_siger_det() -> None:
    r = _beregn(forbrug=[])
    assert r.andel_solgt_pct == 0 and r.kategori is Kategori.LOKALT
    assert "ingen brugte årspladser" in (r.spor["andel_solgt_pct"].bemaerkning or "").lower()


def test_kommuner_med_0_aarspladser_taeller_ikke_som_koebere() -> None:
    r = _beregn(forbrug=[["461", 10], *_andre(3), ["492", 0]])
    assert r.antal_andre_koeberkommuner == 3


def test_regionalt_tilbud_saelger_altid_til_andre() -> None:
    r = _beregn(driftsherre="region", takst=1500, forbrug=[["461", 4]])
    assert r.andel_solgt_pct == 100 and r.kategori is Kategori.KLYNGETILBUD
    tom = _beregn(driftsherre="region", takst=2500, forbrug=[])
    assert tom.kategori is Kategori.HOEJT_SPECIALISERET  # 100 % sold by the region's status
    assert tom.spor["forbrug_driftsherre"].resultat == 0


def test_hoej_takst_uden_nok_salg_giver_klyngetilbud_med_advarsel() -> None:
    r = _beregn(takst=2450, forbrug=[["461", 19], ["621", 1]])
    assert r.kategori is Kategori.KLYNGETILBUD
    assert any("vurdér kategorien" in a for a in r.advarsler)


def test_reglerne_kommer_fra_regelbogen_med_kilde() -> None:
    regler = {r.parameter: r for r in _beregn(forbrug=[["461", 1]]).regler_anvendt()}
    assert set(regler) == {
        "kategori.hoejt_specialiseret_min_takst_kr",
        "kategori.min_koeberkommuner_antal",
        "kategori.min_andel_solgt_pct",
    }
    assert all(
        r.lag == "syddanmark" and "Rammeaftale 2016 for Syddanmark" in r.kilde for r in regler.values()
    )


def test_foraeldet_regelvaerdi_giver_advarsel() -> None:
    # The Syddanmark values were expected to be renewed from 2017.
    r = _beregn(aar=2018, forbrug=[["461", 1]])
    assert any("ny værdi var ventet" in a for a in r.advarsler)


# --- Midtjylland: inclusion ---------------------------------------------------------


@pytest.mark.parametrize(
    ("egne", "andre", "forventet"),
    [("19", "1", Kategori.LOKALT), ("94.9", "5.1", Kategori.OMFATTET), ("95.1", "4.9", Kategori.LOKALT)],
)
def test_midtjylland_omfattet_ved_mere_end_5_pct(egne: str, andre: str, forventet: Kategori) -> None:
    r = _beregn(region="midtjylland", aar=2017, driftsherre="751", forbrug=[["751", egne], ["730", andre]])
    assert r.regel is Kategoriregel.OMFATTET and r.kategori is forventet
    regler = [x.parameter for x in r.regler_anvendt()]
    assert regler == ["rammeaftale.min_andel_andre_kommuner_pct"]
    if forventet is Kategori.LOKALT:
        assert r.kategori_tekst == "Lokalt tilbud (ikke omfattet af rammeaftalen)"


def test_midtjylland_foer_2017_har_ingen_regel() -> None:
    with pytest.raises(KategoriFejl, match=r"midtjylland .*rammeaftale.min_andel_andre_kommuner_pct"):
        _beregn(region="midtjylland", aar=2016, driftsherre="751")


def test_region_uden_regel_giver_klar_fejl() -> None:
    with pytest.raises(KategoriFejl) as fejl:
        _beregn(region="nordjylland", aar=2018, driftsherre="851")
    tekst = str(fejl.value)
    assert "nordjylland" in tekst and "ingen kategoriregel" in tekst
    assert "kategori.min_andel_solgt_pct" in tekst and "rammeaftale.min_andel_andre_kommuner_pct" in tekst


# --- Manual category ----------------------------------------------------------------


def test_tilsidesaettelse_giver_den_manuelle_kategori_og_beholder_den_beregnede() -> None:
    r = _beregn(
        takst=1850,
        forbrug=[["461", 10], *_andre(6)],
        tilsidesaettelse={"kategori": "hoejt_specialiseret", "begrundelse": "  Særlig kompleks målgruppe.  "},
    )
    assert (r.kategori, r.beregnet_kategori, r.tilsidesat) == (
        Kategori.HOEJT_SPECIALISERET,
        Kategori.KLYNGETILBUD,
        True,
    )
    assert r.begrundelse == "Særlig kompleks målgruppe."
    assert r.spor["beregnet_kategori"].resultat == "klyngetilbud"
    assert r.spor["tilsidesaettelse"].resultat == "hoejt_specialiseret"
    assert "Særlig kompleks målgruppe." in (r.spor["tilsidesaettelse"].bemaerkning or "")
    assert [t.noegle for t in r.spor.forklar("kategori")][-3:] == [
        "beregnet_kategori",
        "tilsidesaettelse",
        "kategori",
    ]


def test_tilsidesaettelse_til_samme_kategori_er_ikke_tilsidesat() -> None:
    r = _beregn(
        forbrug=[["461", 20]],
        tilsidesaettelse={"kategori": "lokalt", "begrundelse": "Bekræftet af styregruppen 2016."},
    )
    assert r.kategori is Kategori.LOKALT and not r.tilsidesat
    assert r.begrundelse == "Bekræftet af styregruppen 2016."


@pytest.mark.parametrize("kategori", ["landsdaekkende", "sikret"])
def test_landsdaekkende_og_sikret_kun_ved_tilsidesaettelse(kategori: str) -> None:
    for region, aar, drift in (("syddanmark", 2016, "461"), ("midtjylland", 2017, "751")):
        r = _beregn(
            region=region,
            aar=aar,
            driftsherre=drift,
            tilsidesaettelse={"kategori": kategori, "begrundelse": "Sikret afdeling efter aftale."},
        )
        assert r.kategori is Kategori(kategori) and r.beregnet_kategori is Kategori.LOKALT


@pytest.mark.parametrize("begrundelse", [None, "", "for kort   "])
def test_tilsidesaettelse_uden_begrundelse_afvises(begrundelse: str | None) -> None:
    t: dict[str, Any] = {"kategori": "klyngetilbud"}
    if begrundelse is not None:
        t["begrundelse"] = begrundelse
    with pytest.raises(ValidationError, match="kræver en begrundelse på mindst 10 tegn"):
        _grundlag(tilsidesaettelse=t)


def test_tilsidesaettelse_skal_passe_til_regionens_regel() -> None:
    with pytest.raises(KategoriFejl, match=r"'omfattet'.*findes ikke under reglen"):
        _beregn(tilsidesaettelse={"kategori": "omfattet", "begrundelse": "Forkert regel for regionen."})
    with pytest.raises(KategoriFejl, match="'klyngetilbud'"):
        _beregn(
            region="midtjylland",
            aar=2017,
            driftsherre="751",
            tilsidesaettelse={"kategori": "klyngetilbud", "begrundelse": "Forkert regel for regionen."},
        )


# --- Input validation and JSON --------------------------------------------------------


def test_float_afvises() -> None:
    with pytest.raises(ValidationError, match="forventede et eksakt tal"):
        _grundlag(takst=2450.0)
    with pytest.raises(ValidationError, match="forventede et eksakt tal"):
        _grundlag(forbrug=[["461", 1.5]])


@pytest.mark.parametrize(
    ("felt", "fejl"),
    [
        ({"driftsherre": "Odense"}, "kommunekode"),
        ({"forbrug": [["461", 1], ["0461", 2]]}, "kommune 461 står mere end én gang"),
        ({"forbrug": [["461", -1]]}, "greater than or equal"),
        ({"region": "fyn"}, "ukendt rammeaftale 'fyn'"),
        ({"pladser": 0}, "greater than 0"),
    ],
)
def test_ugyldigt_input(felt: dict[str, Any], fejl: str) -> None:
    with pytest.raises(ValidationError, match=fejl):
        _grundlag(**felt)


def test_kommunekoder_normaliseres() -> None:
    g = _grundlag(driftsherre="0461", forbrug=[[461, 3], {"kommune": "0751", "aarspladser": 1}])
    assert g.driftsherre == "461" and [f.kommune for f in g.forbrug] == ["461", "751"]
    assert _grundlag(driftsherre="Region").driftsherre == "region"


def test_til_json_har_tal_som_tekst_og_sporet() -> None:
    j = _beregn(forbrug=[["461", 11], ["621", 5], ["607", 4]]).til_json()
    json.dumps(j)  # serialisable
    assert j["kategori"] == "hoejt_specialiseret"
    assert j["kategori_tekst"] == "Højt specialiseret tilbud med regional betydning"
    assert j["andel_solgt_pct"] == "45" and j["takst"] == "2450"
    assert j["spor"][-1]["noegle"] == "kategori"
    assert {r["parameter"] for r in j["regler_anvendt"]} >= {"kategori.min_andel_solgt_pct"}


# --- CLI --------------------------------------------------------------------------------


def test_cli_beregn_kategori_tekst_og_json() -> None:
    runner = CliRunner()
    fil = CASES / "kategori_syddanmark_tilsidesaettelse.yaml"
    r = runner.invoke(app, ["beregn", "kategori", str(fil)])
    assert r.exit_code == 0, r.output
    assert "Klyngetilbud" in r.output and "tilsidesat manuelt" in r.output
    assert "svarer til det forventede" in r.output
    j = runner.invoke(app, ["beregn", "kategori", str(fil), "--json"])
    data = json.loads(j.output)
    assert (data["kategori"], data["beregnet_kategori"], data["tilsidesat"]) == (
        "lokalt",
        "klyngetilbud",
        True,
    )
    assert data["case"]["afvigelser"] == []


def test_cli_afvisning_af_forkert_beregningstype_og_afvigelse(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["beregn", "kategori", str(CASES / "seed004_tillaegstakster_2018.yaml")])
    assert r.exit_code == 2 and "'takst'-beregning" in r.output
    r = runner.invoke(app, ["beregn", "takst", str(CASES / "kategori_syddanmark_lokalt.yaml")])
    assert r.exit_code == 2 and "'kategori'-beregning" in r.output
    fil = tmp_path / "c.yaml"
    fil.write_text(
        (CASES / "kategori_syddanmark_klyngetilbud.yaml")
        .read_text(encoding="utf-8")
        .replace("kategori: klyngetilbud", "kategori: lokalt", 1)
    )
    r = runner.invoke(app, ["beregn", "kategori", str(fil)])
    assert r.exit_code == 1 and "kategori: forventede 'lokalt', fik 'klyngetilbud'" in r.output


def test_cli_region_uden_regel_giver_exit_2(tmp_path: Path) -> None:
    fil = tmp_path / "c.yaml"
    fil.write_text(
        "beregning: kategori\nnavn: x\nkilde: {dokument: y}\n"
        "input: {region: sjaelland, aar: 2018, tilbud: T, driftsherre: '329', takst: 1, pladser: 1}\n"
    )
    r = CliRunner().invoke(app, ["beregn", "kategori", str(fil)])
    assert r.exit_code == 2 and "sjaelland" in r.output and "ingen kategoriregel" in r.output


# --- Properties ---------------------------------------------------------------------------

_RANG = {Kategori.LOKALT: 0, Kategori.KLYNGETILBUD: 1, Kategori.HOEJT_SPECIALISERET: 2}
_pladser = st.decimals(min_value=0, max_value=50, places=1)
_forbrug = st.lists(_pladser, max_size=10)  # other municipalities' use, in order of _andre


def _syd(takst: Decimal, egne: Decimal, andre: list[Decimal]) -> Kategori:
    forbrug = [["461", egne]] + [[k["kommune"], p] for k, p in zip(_andre(len(andre)), andre, strict=True)]
    return _beregn(takst=takst, forbrug=forbrug).kategori


@settings(max_examples=60, deadline=None)
@given(
    takst=st.decimals(min_value=0, max_value=5000, places=2),
    hoejere=st.decimals(min_value=0, max_value=3000, places=2),
    egne=_pladser,
    andre=_forbrug,
)
def test_hoejere_takst_flytter_aldrig_kategorien_ned(
    takst: Decimal, hoejere: Decimal, egne: Decimal, andre: list[Decimal]
) -> None:
    foer = _syd(takst, egne, andre)
    efter = _syd(takst + hoejere, egne, andre)
    assert _RANG[efter] >= _RANG[foer]
    if foer is Kategori.HOEJT_SPECIALISERET:
        assert efter is Kategori.HOEJT_SPECIALISERET


@settings(max_examples=60, deadline=None)
@given(
    takst=st.decimals(min_value=0, max_value=5000, places=2),
    egne=_pladser,
    andre=_forbrug,
    nye=st.lists(st.decimals(min_value="0.1", max_value=20, places=1), min_size=1, max_size=3),
)
def test_flere_koeberkommuner_flytter_aldrig_kategorien_ned(
    takst: Decimal, egne: Decimal, andre: list[Decimal], nye: list[Decimal]
) -> None:
    andre = andre[:8]
    foer = _syd(takst, egne, andre)
    efter = _syd(takst, egne, andre + nye)
    assert _RANG[efter] >= _RANG[foer]
    if foer is Kategori.KLYNGETILBUD:
        assert efter is not Kategori.LOKALT


@settings(max_examples=60, deadline=None)
@given(egne=_pladser, andre=st.lists(_pladser, max_size=5))
def test_midtjylland_omfattet_praecis_naar_andelen_er_over_5_pct(egne: Decimal, andre: list[Decimal]) -> None:
    koder = ["730", "740", "791", "615", "657"]
    forbrug = [["751", egne]] + [[k, p] for k, p in zip(koder, andre, strict=False)]
    r = _beregn(region="midtjylland", aar=2017, driftsherre="751", forbrug=forbrug)
    i_alt = Fraction(egne) + sum((Fraction(p) for p in andre), Fraction(0))
    andel = sum((Fraction(p) for p in andre), Fraction(0)) / i_alt * 100 if i_alt else Fraction(0)
    assert (r.kategori is Kategori.OMFATTET) is (andel > 5)
    assert r.antal_andre_koeberkommuner == sum(1 for p in andre if p > 0)
