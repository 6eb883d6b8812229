"""In-year changes (beregning.aendring): effective date, hearing, consequences, notification.

The figures are worked by hand in the comments; the rules are Syddanmark's (seed 002,
"Ændring af takster og kapacitet i Styringsaftaleperioden" and "Opsigelsesvarsler" item 6)
and Midtjylland's assumptions (the same procedure until its own agreement is entered).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from socialstyring.beregning.aendring import (
    AendringFejl,
    Aendringsgrundlag,
    Aendringsresultat,
    Aendringstype,
    Procedure,
    beregn_aendring,
)
from socialstyring.beregning.kerne.kalender import dansk_dato, varslets_udloeb
from socialstyring.regler import Regelbog, Varsel, regelbog

ODENSE = {"kode": "461", "navn": "Odense"}
SVENDBORG = {"kode": "479", "navn": "Svendborg"}
FAABORG = {"kode": "430", "navn": "Faaborg-Midtfyn"}
AARHUS = {"kode": "751", "navn": "Aarhus"}


@pytest.fixture(autouse=True)
def _ingen_foraeldet_stoej() -> Iterator[None]:
    # Syddanmark's values are from the 2016 agreement; using them in 2019 warns (tested below).
    yield


@pytest.fixture(scope="module")
def bog() -> Regelbog:
    return regelbog()


def _grundlag(**kw: Any) -> Aendringsgrundlag:
    data: dict[str, Any] = {
        "region": "syddanmark",
        "tilbud": "Bakkehuset",
        "driftsherre": "Odense Kommune",
        "ydelse": "Længerevarende botilbud § 108",
        "type": "takstforhoejelse",
        "kategori": "hoejt_specialiseret",
        "begrundelse": "Fast nattevagt efter tilsynets påbud.",
        "beslutningsdato": "2019-06-14",
        "oensket_ikrafttraedelse": "2019-03-01",
        "gammel_takst": "2295",
        "ny_takst": "2400",
        "betalingskommuner": [{**ODENSE, "aarspladser": "2.0"}],
        "aftalens_kommuner": [ODENSE, SVENDBORG, FAABORG],
    }
    data.update(kw)
    return Aendringsgrundlag.model_validate(data)


def _beregn(bog: Regelbog, **kw: Any) -> Aendringsresultat:
    return beregn_aendring(_grundlag(**kw), bog)


# --- the rate rise of the brief ---------------------------------------------------


def test_takstforhoejelse_hoejt_specialiseret_fra_beslutningen(bog: Regelbog) -> None:
    r = _beregn(bog)
    # Requested 1 March, decided 14 June: a rise takes effect at the earliest from the decision.
    assert r.tidligste_ikrafttraedelse == date(2019, 6, 14)
    assert r.ikrafttraedelse == date(2019, 6, 14)
    assert r.flyttet
    assert any("1. marts 2019" in a and "14. juni 2019" in a for a in r.advarsler)
    # 14 June – 31 December 2019, both included: 17 + 31 + 31 + 30 + 31 + 30 + 31 = 201.
    assert (date(2019, 12, 31) - date(2019, 6, 14)).days + 1 == 201
    assert r.dage == 201
    assert r.takst_forskel == Decimal("105")
    assert r.takst_forskel_pct == Decimal("4.58")  # 105 / 2.295 = 4,575 %
    assert r.helaarsvirkning_pr_plads == Decimal("38325")  # 105 × 365
    # 105 kr. × 201 dage × 2,0 årspladser = 42.210 kr.
    (odense,) = r.kommuner
    assert odense.merudgift == Decimal("42210.00")
    assert r.merudgift_i_alt == Decimal("42210.00")
    assert r.procedure is Procedure.HOERING
    assert r.kraever_hoering
    assert r.hoeringsinstans == "Socialdirektørforum"


def test_takstforhoejelse_spor_og_regler(bog: Regelbog) -> None:
    r = _beregn(bog)
    trin = [t.noegle for t in r.spor.forklar("kommune.461.merudgift")]
    assert trin == [
        "virkning.regel",
        "virkning.tidligste",
        "virkning.ikrafttraedelse",
        "virkning.foerste_dag",
        "virkning.dage",
        "takst.forskel",
        "kommune.461.merudgift",
    ]
    regler = {ref.parameter: ref for ref in r.regler_anvendt()}
    assert regler["aendring.tidligste_virkning"].vaerdi == "beslutningsdato"
    assert "Rammeaftale 2016 for Syddanmark" in regler["aendring.procedure_hoejt_specialiseret"].kilde
    assert not regler["aendring.procedure_hoejt_specialiseret"].antaget
    assert regler["takst.dage_pr_aar"].lag == "national"
    # The 2016 agreement's values are used in 2019: the staleness is reported, not hidden.
    assert any(
        a.startswith("Procedure for takstforhøjelser, normeringsændringer (flere/færre pladser) og lukning")
        and "2017-01-01" in a
        for a in r.advarsler
    )


def test_oensket_dato_efter_beslutningen_bruges(bog: Regelbog) -> None:
    r = _beregn(bog, oensket_ikrafttraedelse="2019-09-01")
    assert r.ikrafttraedelse == date(2019, 9, 1)
    assert not r.flyttet
    # 1 September – 31 December: 30 + 31 + 30 + 31 = 122 days; 105 × 122 × 2 = 25.620.
    assert r.dage == 122
    assert r.merudgift_i_alt == Decimal("25620.00")


# --- cuts and technical errors may take effect from 1 January ----------------------


def test_takstnedsaettelse_fra_aarets_start_tilladt(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="takstnedsaettelse",
        beslutningsdato="2019-09-10",
        oensket_ikrafttraedelse="2019-01-01",
        gammel_takst="2400",
        ny_takst="2295",
    )
    assert r.tidligste_ikrafttraedelse == date(2019, 1, 1)
    assert r.ikrafttraedelse == date(2019, 1, 1)
    assert not r.flyttet
    assert r.dage == 365
    # −105 × 365 × 2 = −76.650 kr.: a saving.
    assert r.merudgift_i_alt == Decimal("-76650.00")
    assert r.takst_forskel_pct == Decimal("-4.38")  # −105 / 2.400 = −4,375 % → −4,38
    # "kan umiddelbart iværksættes ... Betalingskommuner og Socialdirektørforum orienteres"
    assert r.procedure is Procedure.ORIENTERING
    assert not r.kraever_hoering
    assert ("Socialdirektørforum", None, "Orientering") in [(m.navn, m.kode, m.grund) for m in r.modtagere]


def test_takstnedsaettelse_aaret_foer_flyttes_til_1_januar(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="takstnedsaettelse",
        beslutningsdato="2019-09-10",
        oensket_ikrafttraedelse="2018-07-01",
        gammel_takst="2400",
        ny_takst="2295",
    )
    assert r.ikrafttraedelse == date(2019, 1, 1)
    assert r.flyttet


def test_teknisk_fejl_fra_aarets_start_ogsaa_naar_taksten_stiger(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="teknisk_fejl",
        beslutningsdato="2019-04-02",
        oensket_ikrafttraedelse="2019-01-01",
        gammel_takst="2295",
        ny_takst="2310",
    )
    assert r.ikrafttraedelse == date(2019, 1, 1)
    assert not r.flyttet
    # 15 × 365 × 2 = 10.950 kr.
    assert r.merudgift_i_alt == Decimal("10950.00")
    assert r.procedure is Procedure.ORIENTERING
    regel = r.spor["virkning.regel"].regler[0]
    assert regel.parameter == "aendring.tidligste_virkning_teknisk_fejl"


def test_takstforhoejelse_fra_aarets_start_afvises(bog: Regelbog) -> None:
    r = _beregn(bog, oensket_ikrafttraedelse="2019-01-01")
    assert r.ikrafttraedelse == date(2019, 6, 14)


# --- closure ------------------------------------------------------------------------


def test_lukning_tidligst_ved_varslets_udloeb(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="lukning",
        ydelse=None,
        beslutningsdato="2019-05-14",
        oensket_ikrafttraedelse="2019-05-14",
        ny_takst=None,
        gamle_pladser="12",
    )
    # Løbende måned (May) + 2 months (June, July): the notice runs to and including 31 July;
    # the offer closes at the end of that day and is gone from 1 August.
    assert r.varsel_udloeb == date(2019, 7, 31)
    assert r.ikrafttraedelse == date(2019, 7, 31)
    assert r.foerste_dag == date(2019, 8, 1)
    assert r.flyttet
    assert r.dage == 153  # 31 + 30 + 31 + 30 + 31
    assert r.pladsdage == Decimal("-1836")  # 12 places × 153 days lost
    (odense,) = r.kommuner
    assert odense.pladsdage == Decimal("306.0")  # 2,0 × 153
    assert odense.bortfaldende_betaling == Decimal("702270.00")  # 306 × 2.295
    assert odense.merudgift is None
    assert r.kraever_hoering  # højt specialiseret: closure needs a hearing
    assert r.spor["virkning.varsel"].regler[0].parameter == "varsel.lukning"
    tekst = r.underretning.som_tekst()
    assert "lukker med udgangen af den 31. juli 2019" in tekst
    assert "702.270,00 kr." in tekst


def test_lukning_senere_end_varslet_bruges(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="lukning",
        beslutningsdato="2019-05-14",
        oensket_ikrafttraedelse="2019-09-30",
        ny_takst=None,
    )
    assert r.ikrafttraedelse == date(2019, 9, 30)
    assert r.dage == 92  # 1 October – 31 December


def test_lukning_over_aarsskiftet(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="lukning",
        beslutningsdato="2019-11-14",
        oensket_ikrafttraedelse="2019-11-30",
        ny_takst=None,
    )
    # November + December + January → 31 January 2020; the consequences are for 2020.
    assert r.ikrafttraedelse == date(2020, 1, 31)
    assert r.aar == 2020
    assert r.dage == 335  # 1 February – 31 December 2020 (leap year: 366 − 31)
    assert any("først 2020" in a for a in r.advarsler)
    r = _beregn(
        bog,
        type="lukning",
        beslutningsdato="2019-11-14",
        oensket_ikrafttraedelse="2019-11-30",
        ny_takst=None,
        aarspladser_aar=2019,
    )
    assert any("Årspladserne er fra 2019" in a for a in r.advarsler)


def test_lukning_i_midtjylland_bruger_det_antagne_varsel(bog: Regelbog) -> None:
    # Midtjylland's own closure notice is not found: the rulebook's stated assumption is
    # Syddanmark's (current month + 2 months): decided 14 May 2019 → notice ends 31 July 2019.
    r = _beregn(
        bog,
        region="midtjylland",
        kategori="omfattet",
        type="lukning",
        beslutningsdato="2019-05-14",
        oensket_ikrafttraedelse="2019-05-01",
        ny_takst=None,
    )
    assert r.varsel_udloeb == date(2019, 7, 31)
    assert not any("intet varsel ved lukning" in a for a in r.advarsler)


@pytest.mark.parametrize(
    ("regel", "maaneder", "dage", "dato", "udloeb"),
    [
        ("loebende_maaned_plus", 2, None, date(2019, 5, 14), date(2019, 7, 31)),
        ("loebende_maaned_plus", 2, None, date(2019, 5, 31), date(2019, 7, 31)),
        ("loebende_maaned_plus", 2, None, date(2019, 11, 1), date(2020, 1, 31)),
        ("loebende_maaned_plus", 1, None, date(2019, 12, 5), date(2020, 1, 31)),
        ("loebende_maaned_plus", 0, None, date(2020, 2, 3), date(2020, 2, 29)),
        # the agreement's own example: given on 14 January, paid to and including 14 March
        ("maaneder_fra_dag", 2, None, date(2016, 1, 14), date(2016, 3, 14)),
        ("maaneder_fra_dag", 2, None, date(2018, 12, 31), date(2019, 2, 28)),
        ("dage", None, 30, date(2019, 5, 14), date(2019, 6, 13)),
        ("til_udskrivning", None, None, date(2019, 5, 14), date(2019, 5, 14)),
    ],
)
def test_varslets_udloeb(
    regel: str, maaneder: int | None, dage: int | None, dato: date, udloeb: date
) -> None:
    varsel = Varsel.model_validate({"regel": regel, "maaneder": maaneder, "dage": dage, "tekst": "x"})
    assert varslets_udloeb(varsel, dato) == udloeb


# --- hearing by category -------------------------------------------------------------


def test_klyngetilbud_ingen_hoering(bog: Regelbog) -> None:
    r = _beregn(bog, kategori="klyngetilbud", gammel_takst="1850", ny_takst="1900")
    assert r.procedure is Procedure.MEDDELELSE
    assert not r.kraever_hoering
    assert r.ikrafttraedelse == date(2019, 6, 14)  # a rise still only from the decision
    assert all(m.kode is not None for m in r.modtagere)  # the forum is not a recipient
    assert "kræver ikke høring" in r.underretning.som_tekst()


def test_lokalt_tilbud_orientering_af_beroerte(bog: Regelbog) -> None:
    r = _beregn(bog, kategori="lokalt")
    assert r.procedure is Procedure.ORIENTERING_BEROERTE
    assert not r.kraever_hoering


def test_ukendt_kategori_bruger_den_strengeste_procedure(bog: Regelbog) -> None:
    r = _beregn(bog, kategori=None)
    assert r.procedure is Procedure.HOERING
    assert any("kategori er ikke registreret" in a for a in r.advarsler)
    r = _beregn(bog, kategori=None, type="takstnedsaettelse", gammel_takst="2400", ny_takst="2295")
    assert r.procedure is Procedure.ORIENTERING  # the strictest for a cut: no hearing anywhere


def test_kategori_uden_procedure_giver_fejl(bog: Regelbog) -> None:
    with pytest.raises(AendringFejl, match="Lands- eller landsdelsdækkende"):
        _beregn(bog, kategori="landsdaekkende")


def test_region_uden_regler_giver_fejl(bog: Regelbog) -> None:
    with pytest.raises(AendringFejl, match="nordjylland"):
        _beregn(bog, region="nordjylland")


def test_midtjylland_bruger_antagelser(bog: Regelbog) -> None:
    r = _beregn(bog, region="midtjylland", kategori="omfattet")
    assert r.procedure is Procedure.HOERING
    assert r.ikrafttraedelse == date(2019, 6, 14)
    refs = r.spor["procedure"].regler
    assert refs and all(ref.antaget and ref.lag == "midtjylland" for ref in refs)
    # the assumption as the letter states it: short and plain, no note about our own work
    assert refs[0].kilde == (
        "Som i Styringsaftalen for Syddanmark 2016, dens strengeste procedure: ændringen skal i høring, "
        "før den træder i kraft."
    )
    assert f"Grundlag (antagelse): {refs[0].kilde}" in r.underretning.som_tekst()
    assert "indtastet" not in r.underretning.som_tekst()


# --- places ---------------------------------------------------------------------------


def test_flere_pladser_med_ny_takst(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="flere_pladser",
        beslutningsdato="2019-10-01",
        oensket_ikrafttraedelse="2019-10-01",
        gamle_pladser="10",
        nye_pladser="12",
        gammel_takst="2400",
        ny_takst="2350",
    )
    # 1 October – 31 December: 92 days. 2 more places × 92 = 184 place-days.
    assert r.dage == 92
    assert r.pladser_forskel == Decimal("2")
    assert r.pladsdage == Decimal("184")
    # Lower rate with more places: −50 × 92 × 2,0 = −9.200 kr.
    assert r.merudgift_i_alt == Decimal("-9200.00")
    assert r.kraever_hoering
    assert "opretter 2 faste pladser" in r.underretning.som_tekst()


def test_faerre_pladser_uden_ny_takst_advarer(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="faerre_pladser",
        gamle_pladser="10",
        nye_pladser="8",
        ny_takst=None,
    )
    assert r.pladsdage == Decimal("-402")  # −2 × 201
    assert r.merudgift_i_alt is None
    assert any("takstvirkningen" in a for a in r.advarsler)


# --- recipients and the notification -------------------------------------------------


def test_modtagere_alle_aftalens_kommuner_og_andre_betalere(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        betalingskommuner=[
            {**ODENSE, "aarspladser": "2.0"},
            {**AARHUS, "aarspladser": "1"},
            {"kode": "101", "navn": "København", "aarspladser": "0"},
        ],
    )
    assert [(m.navn, m.grund) for m in r.modtagere] == [
        ("Faaborg-Midtfyn", "Kommune i rammeaftalen"),
        ("Odense", "Kommune i rammeaftalen og betalingskommune"),
        ("Svendborg", "Kommune i rammeaftalen"),
        ("Aarhus", "Betalingskommune uden for rammeaftalen"),
        ("Socialdirektørforum", "Høring før ikrafttrædelse"),
    ]
    aarhus = next(k for k in r.kommuner if k.navn == "Aarhus")
    assert not aarhus.i_aftalen
    assert aarhus.merudgift == Decimal("21105.00")  # 105 × 201 × 1


def test_underretningens_indhold(bog: Regelbog) -> None:
    r = _beregn(bog)
    assert r.underretning.emne == "Takstforhøjelse: Bakkehuset, Længerevarende botilbud § 108"
    afsnit = dict(r.underretning.afsnit)
    assert list(afsnit) == [
        "Ændringen",
        "Begrundelse",
        "Ikrafttrædelse",
        "Økonomiske konsekvenser",
        "Høring og orientering",
    ]
    assert "fra 2.295,00 kr. til 2.400,00 kr. pr. døgn" in afsnit["Ændringen"]
    assert "105,00 kr. pr. døgn (4,58 %)" in afsnit["Ændringen"]
    assert afsnit["Begrundelse"] == "Fast nattevagt efter tilsynets påbud."
    assert "træder i kraft den 14. juni 2019" in afsnit["Ikrafttrædelse"]
    assert "1. marts 2019" in afsnit["Ikrafttrædelse"]
    assert "Odense: 105,00 kr. × 201 dage × 2 årspladser = 42.210,00 kr." in afsnit["Økonomiske konsekvenser"]
    assert "høring i Socialdirektørforum" in afsnit["Høring og orientering"]
    assert "Grundlag: Rammeaftale 2016 for Syddanmark" in afsnit["Høring og orientering"]


def test_json_har_decimaler_som_tekst(bog: Regelbog) -> None:
    data = json.loads(json.dumps(_beregn(bog).til_json()))
    assert data["ikrafttraedelse"] == "2019-06-14"
    assert data["takst_forskel"] == "105"
    assert data["kommuner"][0]["merudgift"] == "42210.00"
    assert data["kraever_hoering"] is True
    assert data["underretning"]["afsnit"][0]["overskrift"] == "Ændringen"
    assert {t["noegle"] for t in data["spor"]} >= {"virkning.dage", "procedure", "hoering"}


def test_skudaar_resten_af_aaret_er_kalenderdage(bog: Regelbog) -> None:
    r = _beregn(
        bog,
        type="takstnedsaettelse",
        beslutningsdato="2020-03-01",
        oensket_ikrafttraedelse="2020-01-01",
        gammel_takst="2400",
        ny_takst="2300",
    )
    assert r.dage == 366  # municipalities pay per calendar day used
    assert r.helaarsvirkning_pr_plads == Decimal("-36500")  # the rate convention: 365 days


def test_dansk_dato() -> None:
    assert dansk_dato(date(2019, 6, 14)) == "14. juni 2019"


# --- input validation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("aendring", "fejl"),
    [
        ({"ny_takst": "2200"}, "skal hæve taksten"),
        ({"type": "takstnedsaettelse"}, "skal sænke taksten"),
        ({"type": "teknisk_fejl", "ny_takst": "2295"}, "skal ændre taksten"),
        ({"ny_takst": None}, "kræver både gammel og ny takst"),
        ({"begrundelse": "  "}, "skal begrundes"),
        ({"type": "lukning"}, "ingen ny takst"),
        ({"type": "flere_pladser", "gamle_pladser": "10", "nye_pladser": "9"}, "skal være flere"),
        ({"type": "faerre_pladser", "gamle_pladser": "10", "nye_pladser": "11"}, "skal være færre"),
        ({"region": "jylland"}, "ukendt rammeaftale"),
        (
            {"betalingskommuner": [{**ODENSE, "aarspladser": "1"}, {**ODENSE, "aarspladser": "2"}]},
            "mere end én gang",
        ),
    ],
)
def test_ugyldigt_input(aendring: dict[str, Any], fejl: str) -> None:
    with pytest.raises(ValidationError, match=fejl):
        _grundlag(**aendring)


def test_float_afvises() -> None:
    with pytest.raises(ValidationError, match="eksakt"):
        _grundlag(ny_takst=2400.5)


def test_typer_svarer_til_modellens() -> None:
    from socialstyring.beregning.kerne.typer import Aendringstype as Modeltype

    assert {t.value for t in Aendringstype} == {t.value for t in Modeltype}
