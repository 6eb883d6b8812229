"""Stored results: the three results kept in the database for years are read back through
their model, whatever version of the JSON they were stored in (`LagretResultat.laes`).

- `Aendringsresultat` (an in-year change, `Aendring.konsekvens["resultat"]`),
- `Lukningsopgoerelse` (a closure statement, `Lukningsopgoerelse.resultat`),
- `Kategoriresultat` (an offer's category, `Kategorisering.spor`).

tests/data/lagret/<art>_v1.json is each one's `til_json()` from before the schema version
(version 1), made from the case file named in `CASES`; <art>_v2.json is the same record as
the current code stores it. Neither is regenerated: they are what the database holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from socialstyring.beregning.aendring import Aendringsresultat, Procedure
from socialstyring.beregning.kategori import Kategoriregel, Kategoriresultat
from socialstyring.beregning.kerne.model import LagretResultat, Opgradering
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.kerne.typer import Aendringstype, Kategori
from socialstyring.beregning.lukning import Lukningsopgoerelse, Opgoerelsesart
from socialstyring.io.cases import afvigelser, koer_case, laes_case
from socialstyring.regler import regelbog

DATA = Path(__file__).parent / "data" / "lagret"
CASES_MAPPE = Path(__file__).parent / "cases"

Lagret = Aendringsresultat | Lukningsopgoerelse | Kategoriresultat
CASES: dict[str, tuple[type[Lagret], str]] = {
    "aendring": (Aendringsresultat, "aendring_syddanmark_takstforhoejelse_2019"),
    "lukning": (Lukningsopgoerelse, "lukning_syddanmark_klyngetilbud_endelig_2019"),
    "kategori": (Kategoriresultat, "kategori_syddanmark_tilsidesaettelse"),
}
ARTER = list(CASES)


def _lagret(art: str, version: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{art}_v{version}.json").read_text(encoding="utf-8"))
    return data


def _beregnet(art: str) -> Lagret:
    klasse, case = CASES[art]
    r = koer_case(laes_case(CASES_MAPPE / f"{case}.yaml"), regelbog())
    assert isinstance(r, klasse)
    return r


# --- every kind ---------------------------------------------------------------------------


@pytest.mark.parametrize("art", ARTER)
def test_version_1_og_2_giver_samme_objekt(art: str) -> None:
    klasse, _ = CASES[art]
    v1, v2 = _lagret(art, 1), _lagret(art, 2)
    assert "schema_version" not in v1
    assert v2["schema_version"] == 2
    assert klasse.laes(v1) == klasse.laes(v2)


@pytest.mark.parametrize("art", ARTER)
def test_version_2_er_version_1_med_versionsnummer(art: str) -> None:
    # Readers of the stored JSON (the web pages) find every key they found before.
    v1, v2 = _lagret(art, 1), _lagret(art, 2)
    assert {k: v for k, v in v2.items() if k != "schema_version"} == v1


@pytest.mark.parametrize("art", ARTER)
def test_en_laest_version_1_gemmes_som_version_2(art: str) -> None:
    klasse, _ = CASES[art]
    assert klasse.laes(_lagret(art, 1)).til_json() == _lagret(art, 2)


@pytest.mark.parametrize("art", ARTER)
@pytest.mark.parametrize("version", [1, 2])
def test_laest_resultat_giver_casens_forventede_tal(art: str, version: int) -> None:
    klasse, case = CASES[art]
    r = klasse.laes(_lagret(art, version))
    c = laes_case(CASES_MAPPE / f"{case}.yaml")
    assert c.forventet.get("spor"), "casen skal tjekke sportrin"
    assert afvigelser(c, r) == []


@pytest.mark.parametrize("art", ARTER)
def test_rundtur_gennem_json(art: str) -> None:
    klasse, _ = CASES[art]
    r = _beregnet(art)
    assert klasse.laes(r.til_json()) == r
    # As the database stores it: through json.dumps / json.loads.
    gemt = json.loads(json.dumps(r.til_json()))
    laest = klasse.laes(gemt)
    assert laest == r
    assert laest.til_json() == gemt


@pytest.mark.parametrize("art", ARTER)
@pytest.mark.parametrize("version", [0, 3, 99, "2", None, True, 2.0])
def test_ukendt_version_afvises_med_klar_besked(art: str, version: object) -> None:
    klasse, _ = CASES[art]
    data = {**_lagret(art, 2), "schema_version": version}
    with pytest.raises(ValueError, match=r"schema_version .* ikke kender \(kendte versioner: 1, 2\)") as fejl:
        klasse.laes(data)
    assert klasse.__name__ in str(fejl.value)
    assert not isinstance(fejl.value, ValidationError)


@pytest.mark.parametrize("art", ARTER)
def test_afledte_noegler_foelger_af_resten(art: str) -> None:
    # A derived key in a stored record is ignored, not trusted: it is computed again.
    klasse, _ = CASES[art]
    v2 = _lagret(art, 2)
    forkert = {**v2, "regler_anvendt": [], "kategori_tekst": "forkert"}
    if art == "aendring":
        forkert |= {"type_tekst": "forkert", "procedure_tekst": "forkert"}
    if art == "lukning":
        forkert["overskrift"] = "forkert"
    if art == "kategori":
        forkert["beregnet_kategori_tekst"] = "forkert"
    assert klasse.laes(forkert).til_json() == v2


@pytest.mark.parametrize("art", ARTER)
def test_ukendt_eller_manglende_felt_afvises(art: str) -> None:
    klasse, _ = CASES[art]
    with pytest.raises(ValidationError, match="ukendt_felt"):
        klasse.laes({**_lagret(art, 1), "ukendt_felt": 1})
    uden = {k: v for k, v in _lagret(art, 2).items() if k != "tilbud"}
    with pytest.raises(ValidationError, match="tilbud"):
        klasse.laes(uden)


@pytest.mark.parametrize("data", [[], "{}", None])
def test_et_gemt_resultat_skal_vaere_en_tabel(data: Any) -> None:
    with pytest.raises(ValueError, match="Aendringsresultat: et gemt resultat skal være en tabel"):
        Aendringsresultat.laes(data)


def test_motoren_kan_ikke_saette_afledte_noegler() -> None:
    # Only a stored record (laes) may carry derived keys; the engine's own values may not.
    with pytest.raises(ValidationError, match="schema_version"):
        Kategoriresultat.model_validate({**_lagret("kategori", 1), "schema_version": 2})


def test_en_ny_version_kraever_en_opgradering() -> None:
    with pytest.raises(TypeError, match="ingen opgradering fra schema_version 1, 2"):

        class Uden(LagretResultat):
            SCHEMA_VERSION: ClassVar[int] = 3

    class Med(LagretResultat):
        SCHEMA_VERSION: ClassVar[int] = 2
        OPGRADERINGER: ClassVar[Mapping[int, Opgradering]] = {1: lambda d: {"navn": d["gammelt_navn"]}}

        navn: str

    assert Med.laes({"gammelt_navn": "x"}) == Med.laes({"schema_version": 2, "navn": "x"}) == Med(navn="x")
    assert Med(navn="x").til_json() == {"navn": "x", "schema_version": 2}


# --- the real figures, read back from both versions -----------------------------------------


@pytest.mark.parametrize("version", [1, 2])
def test_aendring_laest(version: int) -> None:
    r = Aendringsresultat.laes(_lagret("aendring", version))
    assert r.type is Aendringstype.TAKSTFORHOEJELSE and r.type_tekst == "Takstforhøjelse"
    assert r.kategori is Kategori.HOEJT_SPECIALISERET
    assert (r.beslutningsdato, r.oensket_ikrafttraedelse) == (date(2019, 6, 14), date(2019, 3, 1))
    assert r.ikrafttraedelse == r.tidligste_ikrafttraedelse == date(2019, 6, 14)
    assert r.flyttet is True and r.varsel_udloeb is None
    assert (r.aar, r.dage) == (2019, 201)
    assert r.procedure is Procedure.HOERING and r.kraever_hoering is True
    assert r.procedure_tekst == "Høring i Socialdirektørforum før ikrafttrædelse; meddeles alle kommuner"
    assert (r.takst_foer, r.takst_efter, r.takst_forskel) == (Decimal(2295), Decimal(2400), Decimal(105))
    assert r.takst_forskel_pct == Decimal("4.58")
    assert r.helaarsvirkning_pr_plads == Decimal(38325)
    assert r.merudgift_i_alt == Decimal("73867.50")
    assert {k.navn: (k.aarspladser, k.merudgift, k.i_aftalen) for k in r.kommuner} == {
        "Aarhus": (Decimal(0), Decimal("0.00"), False),
        "Odense": (Decimal("2.0"), Decimal("42210.00"), True),
        "Svendborg": (Decimal("1.5"), Decimal("31657.50"), True),
    }
    assert [(m.navn, m.kode) for m in r.modtagere][-1] == ("Socialdirektørforum", None)
    assert r.underretning.afsnit[0][0] == "Ændringen"
    assert r.underretning.som_tekst().startswith(
        "Takstforhøjelse: Bakkehuset, Længerevarende botilbud § 108\n"
    )
    # The trace: decimals stay the strings they were stored as (Spor.fra_json).
    assert r.spor["virkning.regel"].resultat == "2019-06-14"
    assert r.spor["virkning.dage"].resultat == 201
    assert r.spor["takst.forskel"].resultat == "105"
    assert r.spor["kommune.461.merudgift"].resultat == "42210.00"
    assert r.spor["i_alt.merudgift"].resultat == "73867.50"
    assert r.spor["hoering"].resultat == "ja"
    assert [t.noegle for t in r.spor.forklar("kommune.461.merudgift")] == [
        "virkning.regel",
        "virkning.tidligste",
        "virkning.ikrafttraedelse",
        "virkning.foerste_dag",
        "virkning.dage",
        "takst.forskel",
        "kommune.461.merudgift",
    ]
    assert {ref.parameter for ref in r.regler_anvendt()} >= {"aendring.procedure_hoejt_specialiseret"}


@pytest.mark.parametrize("version", [1, 2])
def test_lukning_laest(version: int) -> None:
    r = Lukningsopgoerelse.laes(_lagret("lukning", version))
    assert r.opgoerelse is Opgoerelsesart.ENDELIG and r.overskrift == "Endelig opgørelse"
    assert r.kategori is Kategori.KLYNGETILBUD and r.kategori_tekst == "Klyngetilbud"
    assert (r.beslutningsdato, r.lukningsdato) == (date(2019, 3, 12), date(2019, 6, 30))
    assert (r.tilbuddets_resultat, r.centrets_resultat) == (Decimal(-1262450), Decimal(-3815000))
    assert r.graense == Decimal("190750.00")
    assert r.til_regulering == Decimal("-1071700.00")
    assert r.efterregulering == Decimal("1071700.00")
    assert r.historik_aar == (2017, 2018)
    assert r.dage_i_alt == Decimal(4762)
    assert {k.navn: (k.belaegningsdage, k.dage, k.beloeb) for k in r.kommuner} == {
        "Kolding": ({2017: Decimal(1460), 2018: Decimal(1095)}, Decimal(2555), Decimal("575009.14")),
        "Vejle": ({2017: Decimal(730), 2018: Decimal(912)}, Decimal(1642), Decimal("369536.20")),
        "Fredericia": ({2017: Decimal(365), 2018: Decimal(200)}, Decimal(565), Decimal("127154.66")),
    }
    assert r.kommuner[0].praecis == Decimal("575009.1348173036539269214616")
    assert sum((k.beloeb for k in r.kommuner), Decimal(0)) == r.efterregulering
    assert r.opgoerelse_tekst.startswith("Endelig opgørelse\n")
    assert r.spor["graense"].resultat == "190750.00"
    assert r.spor["historik_aar"].resultat == "2017, 2018"
    assert r.spor["kommune.621.beloeb"].resultat == "575009.14"
    assert r.spor["i_alt"].resultat == "1071700.00"
    assert [ref.parameter for ref in r.regler_anvendt()] == ["lukning.graense_pct", "lukning.historik_aar"]


@pytest.mark.parametrize("version", [1, 2])
def test_kategori_laest(version: int) -> None:
    r = Kategoriresultat.laes(_lagret("kategori", version))
    assert r.regel is Kategoriregel.TRE_KATEGORIER
    assert (r.kategori, r.beregnet_kategori, r.tilsidesat) == (Kategori.LOKALT, Kategori.KLYNGETILBUD, True)
    assert (r.kategori_tekst, r.beregnet_kategori_tekst) == ("Lokalt tilbud", "Klyngetilbud")
    assert r.begrundelse is not None and r.begrundelse.startswith("Tilbuddet er oprettet og drevet")
    assert r.antal_andre_koeberkommuner == 1
    assert r.andel_solgt_pct == Decimal("6.666666666666666666666666667")
    assert (r.takst, r.pladser, r.forbrug_i_alt, r.forbrug_andre) == (
        Decimal(1200),
        Decimal(15),
        Decimal(15),
        Decimal(1),
    )
    assert r.spor["forbrug_driftsherre"].resultat == "14"
    assert r.spor["antal_andre_koeberkommuner"].resultat == 1
    assert r.spor["krav_takst"].resultat == "nej"
    assert r.spor["saelger_til_andre"].resultat == "ja"
    assert r.spor["beregnet_kategori"].resultat == "klyngetilbud"
    assert r.spor["tilsidesaettelse"].resultat == "lokalt"
    assert r.spor["kategori"].resultat == "lokalt"
    assert {ref.parameter for ref in r.regler_anvendt()} == {
        "kategori.hoejt_specialiseret_min_takst_kr",
        "kategori.min_koeberkommuner_antal",
        "kategori.min_andel_solgt_pct",
    }


def test_sporet_i_et_laest_resultat_er_et_spor() -> None:
    r = Kategoriresultat.laes(_lagret("kategori", 2))
    assert isinstance(r.spor, Spor)
    # Equal to a fresh trace except for the wording of the sources: a stored record keeps
    # the words it was written with (the rulebook's source texts have been reworded since).
    uden_kildetekst = [
        {**t, "regler": [{**g, "kilde": None} for g in t["regler"]]} for t in r.spor.til_json()
    ]
    frisk = _beregnet("kategori").spor
    assert uden_kildetekst == [
        {**t, "regler": [{**g, "kilde": None} for g in t["regler"]]} for t in frisk.til_json()
    ]
    assert [g.kilde for g in r.spor.regler()] != [g.kilde for g in frisk.regler()]
    assert Spor.fra_json(r.spor.til_json()) == r.spor  # and it reads back as itself
    with pytest.raises(ValidationError, match="sporet kan ikke læses"):
        Kategoriresultat.laes({**_lagret("kategori", 2), "spor": [{"noegle": "x"}]})
    with pytest.raises(ValidationError, match="forventede et spor"):
        Kategoriresultat.laes({**_lagret("kategori", 2), "spor": {}})
