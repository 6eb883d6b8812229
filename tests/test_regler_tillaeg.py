"""Values entered in the app layered over the shipped rulebook (`Regelbog.med_tillaeg`,
`regler/tillaeg.py`), their validation by the rule files' own model, and a layer written back
as rule files (`Regelbog.eksporter`) that load to the same values."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.regler import Regelbog, RegelbogFejl, Tillaeg, Tillaegsfejl, regelbog
from socialstyring.regler.bog import DATA

NATIONAL = """
beskrivelse: Testregler
parametre:
  andel_pct:
    beskrivelse: En procentsats
    enhed: pct
    vaerdier:
      - fra: 2015-01-01
        vaerdi: 5
        kilde: {dokument: Lov om noget, afsnit: "§ 1"}
      - fra: 2020-01-01
        vaerdi: 4.5
        antaget: Ingen kilde fundet endnu; brugerne oplyser 4,5 %.
  frist:
    beskrivelse: En frist
    enhed: frist
    vaerdier:
      - fra: 2015-01-01
        vaerdi: "10-01"
        kilde: {dokument: Lov om noget}
"""

MIDT = """
beskrivelse: Midtjyllands egne regler
parametre:
  reduktion_pct:
    beskrivelse: En reduktion over en periode
    enhed: pct
    vaerdier:
      - fra: 2015-01-01
        til: 2019-01-01
        vaerdi: 3
        kilde: {dokument: Rammeaftale Midtjylland 2015}
"""

KL = {"dokument": "KL, Historisk PL-oversigt", "url": "https://www.kl.dk"}
MIDT_OPRINDELSE = "Rammeaftalens egen værdi, indtastet af sek_midt 4. december 2026"


def _bog(tmp_path: Path) -> Regelbog:
    for sti, tekst in {"national/test.yaml": NATIONAL, "midtjylland/egen.yaml": MIDT}.items():
        fil = tmp_path / sti
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_text(textwrap.dedent(tekst), encoding="utf-8")
    return Regelbog.indlaes(tmp_path)


def _t(lag: str, navn: str, oprindelse: str = MIDT_OPRINDELSE, **vaerdi: Any) -> Tillaeg:
    return Tillaeg(lag, navn, vaerdi, oprindelse)


def _fejl(bog: Regelbog, *tillaeg: Tillaeg) -> list[Tillaegsfejl]:
    with pytest.raises(RegelbogFejl) as fejl:
        bog.med_tillaeg(tillaeg)
    ud = [f for f in fejl.value.fejl if isinstance(f, Tillaegsfejl)]
    assert len(ud) == len(fejl.value.fejl)
    return ud


# --- precedence --------------------------------------------------------------------------------


def test_rammeaftalens_vaerdi_for_en_national_parameter_gaelder_kun_sin_periode(tmp_path: Path) -> None:
    """Midtjylland's own 3,5 % from 2016 takes over the national 5 % (2015–2019) for Midtjylland
    alone, until the national value it took over ended (the national 4,5 % from 2020)."""
    bog = _bog(tmp_path).med_tillaeg(
        [_t("midtjylland", "test.andel_pct", fra=date(2016, 1, 1), vaerdi=Decimal("3.5"), kilde=KL)]
    )
    midt = bog.vaerdi("test.andel_pct", "midtjylland", date(2016, 1, 1))
    assert (midt.vaerdi, midt.lag, midt.oprindelse) == (Decimal("3.5"), "midtjylland", MIDT_OPRINDELSE)
    assert (midt.til, midt.slut) == (date(2020, 1, 1), date(2020, 1, 1))
    assert midt.tilsidesaetter_national
    assert bog.vaerdi("test.andel_pct", "midtjylland", date(2019, 12, 31)).vaerdi == Decimal("3.5")
    foer = bog.vaerdi("test.andel_pct", "midtjylland", date(2015, 12, 31))
    assert (foer.vaerdi, foer.lag, foer.oprindelse) == (Decimal(5), "national", None)
    efter = bog.vaerdi("test.andel_pct", "midtjylland", date(2020, 1, 1))
    assert (efter.vaerdi, efter.lag) == (Decimal("4.5"), "national")
    # another agreement and the national layer keep the shipped value
    assert bog.vaerdi("test.andel_pct", "syddanmark", date(2016, 6, 1)).vaerdi == Decimal(5)
    assert bog.vaerdi("test.andel_pct", "national", date(2016, 6, 1)).vaerdi == Decimal(5)


def test_den_leverede_regelbog_er_uroert(tmp_path: Path) -> None:
    leveret = _bog(tmp_path)
    leveret.med_tillaeg([_t("national", "test.andel_pct", fra=date(2015, 1, 1), vaerdi=Decimal(7), kilde=KL)])
    assert leveret.vaerdi("test.andel_pct", "national", date(2016, 1, 1)).vaerdi == Decimal(5)


def test_samme_fra_erstatter_den_leverede_vaerdi(tmp_path: Path) -> None:
    bog = _bog(tmp_path).med_tillaeg(
        [
            _t(
                "national",
                "test.andel_pct",
                "indtastet af admin",
                fra=date(2015, 1, 1),
                vaerdi=Decimal(6),
                antaget="Et bedre skøn end lovens tal",
            )
        ]
    )
    v = bog.vaerdi("test.andel_pct", "syddanmark", date(2017, 1, 1))
    assert (v.vaerdi, v.lag, v.er_antaget, v.oprindelse) == (
        Decimal(6),
        "national",
        True,
        "indtastet af admin",
    )
    assert v.slut == date(2020, 1, 1)
    assert [(o.fra, o.vaerdi, o.oprindelse) for o in bog.vaerdier("test.andel_pct", "national")] == [
        (date(2015, 1, 1), Decimal(6), "indtastet af admin"),
        (date(2020, 1, 1), Decimal("4.5"), None),
    ]


def test_en_vaerdi_midt_i_en_periode_afslutter_den_leverede(tmp_path: Path) -> None:
    """Midtjylland's reduction 3 % ran 2015 – 1 January 2019; 2 % entered from 2017 ends the 3 %
    on 1 January 2017 and itself ends where the 3 % would have (1 January 2019)."""
    bog = _bog(tmp_path).med_tillaeg(
        [_t("midtjylland", "egen.reduktion_pct", fra=date(2017, 1, 1), vaerdi=Decimal(2), kilde=KL)]
    )
    assert bog.vaerdi("egen.reduktion_pct", "midtjylland", date(2016, 12, 31)).vaerdi == Decimal(3)
    ny = bog.vaerdi("egen.reduktion_pct", "midtjylland", date(2017, 1, 1))
    assert (ny.vaerdi, ny.til) == (Decimal(2), date(2019, 1, 1))
    assert bog.vaerdi("egen.reduktion_pct", "midtjylland", date(2018, 12, 31)).vaerdi == Decimal(2)
    with pytest.raises(KeyError, match="ingen værdi"):
        bog.vaerdi("egen.reduktion_pct", "midtjylland", date(2019, 1, 1))


def test_to_indtastede_vaerdier_afloeser_hinanden(tmp_path: Path) -> None:
    bog = _bog(tmp_path).med_tillaeg(
        [
            _t("national", "test.andel_pct", fra=date(2016, 1, 1), vaerdi=Decimal(6), kilde=KL),
            _t("national", "test.andel_pct", fra=date(2017, 7, 1), vaerdi=Decimal(7), kilde=KL),
        ]
    )
    assert [(o.fra, o.slut, o.vaerdi) for o in bog.vaerdier("test.andel_pct", "national")] == [
        (date(2015, 1, 1), date(2016, 1, 1), Decimal(5)),
        (date(2016, 1, 1), date(2017, 7, 1), Decimal(6)),
        (date(2017, 7, 1), date(2020, 1, 1), Decimal(7)),
        (date(2020, 1, 1), None, Decimal("4.5")),
    ]


def test_pl_2019_for_midtjylland_i_den_pakkede_regelbog() -> None:
    """The shipped P/L is national (2,0 % for 2019, an assumption); Midtjylland's 1,3 % for 2019
    holds for Midtjylland from 1 January 2019 until the national 2020 value, and the engine's
    reference says where it came from."""
    bog = regelbog().med_tillaeg(
        [_t("midtjylland", "pl.kl_skoen_pct", fra=date(2019, 1, 1), vaerdi=Decimal("1.3"), kilde=KL)]
    )
    pl, ref = Regler(bog, "midtjylland", date(2019, 1, 1)).tal("pl.kl_skoen_pct")
    assert pl == Decimal("1.3")
    assert (ref.vaerdi, ref.lag, ref.kilde, ref.url, ref.antaget) == (
        "1,3 %",
        "midtjylland",
        "KL, Historisk PL-oversigt",
        "https://www.kl.dk",
        False,
    )
    assert ref.oprindelse == MIDT_OPRINDELSE and ref.oprindelse_tekst == MIDT_OPRINDELSE
    _, national = Regler(bog, "syddanmark", date(2019, 1, 1)).tal("pl.kl_skoen_pct")
    assert (national.vaerdi, national.lag, national.antaget, national.oprindelse) == (
        "2,0 %",
        "national",
        True,
        None,
    )
    assert national.oprindelse_tekst == "Regelbogen, som den følger med Socialstyring"
    assert Regler(bog, "midtjylland", date(2020, 1, 1)).tal("pl.kl_skoen_pct")[1].lag == "national"


# --- validation: the rule files' own model and messages ----------------------------------------


@pytest.mark.parametrize(
    ("vaerdi", "felt", "besked"),
    [
        ({"vaerdi": "meget"}, "vaerdi", "'meget' er ikke et tal"),
        ({"vaerdi": Decimal(101)}, "vaerdi", "101 ligger over 100 (enhed pct)"),
        ({"vaerdi": Decimal(-1)}, "vaerdi", "-1 ligger under 0 (enhed pct)"),
        ({"vaerdi": True}, "vaerdi", "'True' er ikke et tal"),
        (
            {"vaerdi": Decimal(2), "kilde": None},
            "kilde",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        (
            {"vaerdi": Decimal(2), "antaget": "Et skøn, indtil tallet kommer"},
            "kilde",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        (
            {"vaerdi": Decimal(2), "kilde": {"dokument": "KL"}},
            "kilde.dokument",
            "teksten er for kort (mindst 3 tegn)",
        ),
        (
            {"vaerdi": Decimal(2), "kilde": None, "antaget": "kort"},
            "antaget",
            "teksten er for kort (mindst 10 tegn)",
        ),
        (
            {"vaerdi": Decimal(2), "til": date(2017, 1, 1)},
            "til",
            "'til' (2017-01-01) skal ligge efter 'fra' (2018-01-01)",
        ),
        ({"vaerdi": Decimal(2), "fra": "2018-13-01"}, "fra", "'2018-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)"),
        ({"vaerdi": Decimal(2), "fra": None}, "fra", "'None' er ikke en dato (ÅÅÅÅ-MM-DD)"),
        (
            {"vaerdi": Decimal(2), "kilde": {"dokument": "KL, PL-oversigt", "side": 3}},
            "kilde.side",
            "ukendt nøgle",
        ),
    ],
)
def test_ugyldig_vaerdi_afvises_med_modellens_besked(
    tmp_path: Path, vaerdi: dict[str, Any], felt: str, besked: str
) -> None:
    bog = _bog(tmp_path)
    fejl = _fejl(bog, _t("midtjylland", "test.andel_pct", **{"fra": date(2018, 1, 1), "kilde": KL, **vaerdi}))
    assert [(f.nr, f.felt, f.besked) for f in fejl] == [(0, felt, besked)]
    assert fejl[0].fil == Path("midtjylland/test.yaml")


def test_frist_og_tekst_efter_enheden(tmp_path: Path) -> None:
    bog = _bog(tmp_path)
    fejl = _fejl(bog, _t("national", "test.frist", fra=date(2018, 1, 1), vaerdi="1. oktober", kilde=KL))
    assert [(f.felt, f.besked) for f in fejl] == [("vaerdi", "'1. oktober' er ikke en frist på formen MM-DD")]
    ok = bog.med_tillaeg([_t("national", "test.frist", fra=date(2018, 1, 1), vaerdi="11-01", kilde=KL)])
    assert ok.vaerdi("test.frist", "nordjylland", date(2018, 1, 1)).vaerdi == "11-01"


def test_ukendt_parameter_og_lag(tmp_path: Path) -> None:
    bog = _bog(tmp_path)
    fejl = _fejl(
        bog,
        _t("midtjylland", "test.findes_ikke", fra=date(2018, 1, 1), vaerdi=Decimal(1), kilde=KL),
        _t("syddanmark", "egen.reduktion_pct", fra=date(2018, 1, 1), vaerdi=Decimal(1), kilde=KL),
        _t("national", "egen.reduktion_pct", fra=date(2018, 1, 1), vaerdi=Decimal(1), kilde=KL),
        _t("bornholm", "test.andel_pct", fra=date(2018, 1, 1), vaerdi=Decimal(1), kilde=KL),
    )
    assert sorted((f.nr, f.felt, f.besked) for f in fejl) == [
        (
            0,
            "navn",
            "regelbogen har ingen parameter 'test.findes_ikke' for rammeaftalen midtjylland eller nationalt",
        ),
        (
            1,
            "navn",
            "regelbogen har ingen parameter 'egen.reduktion_pct' for rammeaftalen syddanmark eller nationalt",
        ),
        (2, "navn", "regelbogen har ingen parameter 'egen.reduktion_pct' for det nationale lag"),
        (
            3,
            "lag",
            "ukendt lag 'bornholm'; kendte lag er national, midtjylland, syddanmark, nordjylland, hovedstaden, sjaelland",
        ),
    ]


def test_overlappende_datoer_afvises_med_indlaesningens_besked(tmp_path: Path) -> None:
    bog = _bog(tmp_path)
    # the same fra as an entered value before it
    fejl = _fejl(
        bog,
        _t("national", "test.andel_pct", fra=date(2017, 1, 1), vaerdi=Decimal(6), kilde=KL),
        _t("national", "test.andel_pct", fra=date(2017, 1, 1), vaerdi=Decimal(7), kilde=KL),
    )
    assert [(f.nr, f.felt, f.besked) for f in fejl] == [
        (
            1,
            "fra",
            "datoerne overlapper: værdien fra 2017-01-01 kommer efter værdien fra 2017-01-01; "
            "værdier skal stå i stigende 'fra'-orden uden dubletter",
        )
    ]
    # its own til runs past the next shipped value
    fejl = _fejl(
        bog,
        _t(
            "national",
            "test.andel_pct",
            fra=date(2019, 1, 1),
            til=date(2021, 1, 1),
            vaerdi=Decimal(6),
            kilde=KL,
        ),
    )
    assert [(f.felt, f.besked) for f in fejl] == [
        (
            "til",
            "datoerne overlapper: værdien fra 2019-01-01 gælder til 2021-01-01, men næste værdi gælder fra 2020-01-01",
        )
    ]
    # an entered value's til runs past a later entered value's fra
    fejl = _fejl(
        bog,
        _t(
            "national",
            "test.andel_pct",
            fra=date(2016, 1, 1),
            til=date(2018, 1, 1),
            vaerdi=Decimal(6),
            kilde=KL,
        ),
        _t("national", "test.andel_pct", fra=date(2017, 1, 1), vaerdi=Decimal(7), kilde=KL),
    )
    assert [(f.nr, f.felt, f.besked) for f in fejl] == [
        (
            1,
            "fra",
            "datoerne overlapper: værdien fra 2016-01-01 gælder til 2018-01-01, men næste værdi gælder fra 2017-01-01",
        )
    ]


def test_gyldige_tillaeg_springer_de_ugyldige_over(tmp_path: Path) -> None:
    bog, fejl = _bog(tmp_path).med_gyldige_tillaeg(
        [
            _t("national", "test.andel_pct", fra=date(2016, 1, 1), vaerdi="seks", kilde=KL),
            _t("national", "test.andel_pct", fra=date(2017, 1, 1), vaerdi=Decimal(7), kilde=KL),
        ]
    )
    assert [(f.nr, f.felt) for f in fejl] == [(0, "vaerdi")]
    assert bog.vaerdi("test.andel_pct", "national", date(2016, 6, 1)).vaerdi == Decimal(5)
    assert bog.vaerdi("test.andel_pct", "national", date(2017, 6, 1)).vaerdi == Decimal(7)


# --- the trace: where a value came from --------------------------------------------------------


def test_regelreferencen_baerer_oprindelsen_og_gamle_spor_laeses_uden() -> None:
    ref = Regelreference(
        "pl.kl_skoen_pct", "1,3 %", "midtjylland", date(2019, 1, 1), "KL", oprindelse=MIDT_OPRINDELSE
    )
    assert Regelreference.fra_json(ref.til_json()) == ref
    assert ref.til_json()["oprindelse"] == MIDT_OPRINDELSE
    assert f"[{MIDT_OPRINDELSE}]" in ref.som_tekst()
    gammel = {
        "parameter": "p",
        "vaerdi": "2 %",
        "lag": "national",
        "gyldig_fra": "2019-01-01",
        "kilde": "K",
        "antaget": True,
        "url": None,
        "advarsel": None,
    }
    laest = Regelreference.fra_json(gammel)
    assert laest.oprindelse is None and laest.til_json() == gammel
    spor = Spor.fra_json(
        [
            {
                "noegle": "a",
                "label": "A",
                "formel": "p",
                "input": {},
                "resultat": "2",
                "enhed": "%",
                "regler": [gammel],
            }
        ]
    )
    assert spor.til_json()[0]["regler"] == [gammel]


# --- the export --------------------------------------------------------------------------------


def _som_filer(tmp_path: Path, lag: str, filer: dict[str, str]) -> Regelbog:
    """The shipped rulebook with layer `lag`'s folder replaced by `filer`."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / lag)
    (data / lag).mkdir()
    for navn, tekst in filer.items():
        (data / lag / navn).write_text(tekst, encoding="utf-8")
    return Regelbog.indlaes(data)


def _alle_vaerdier(bog: Regelbog, lag: str) -> dict[str, list[tuple[Any, ...]]]:
    return {
        navn: [(o.vaerdi, o.fra, o.til, o.slut, o.kilde, o.antaget, o.note) for o in bog.vaerdier(navn, lag)]
        for navn in bog.egne_navne(lag)
    }


@pytest.mark.parametrize("lag", ["midtjylland", "national"])
def test_eksporten_laeses_tilbage_til_de_samme_vaerdier(tmp_path: Path, lag: str) -> None:
    bog = regelbog().med_tillaeg(
        [
            _t(lag, "pl.kl_skoen_pct", fra=date(2019, 1, 1), vaerdi=Decimal("1.3"), kilde=KL),
            _t(
                lag,
                "belaegning.budget_min_pct",
                fra=date(2024, 7, 1),
                vaerdi=Decimal("96.5"),
                antaget="Et skøn fra sekretariatet, indtil tallet kommer",
            )
            if lag == "national"
            else _t(
                lag,
                "overhead.administration_pct",
                fra=date(2020, 1, 1),
                vaerdi=Decimal("5.0"),
                kilde={
                    "dokument": "Rammeaftale Midtjylland 2020",
                    "afsnit": "Bilag 3",
                    "note": "Hævet fra 5,4",
                },
            ),
        ]
    )
    filer = bog.eksporter(lag)
    laest = _som_filer(tmp_path, lag, filer)
    assert _alle_vaerdier(laest, lag) == _alle_vaerdier(bog, lag)
    assert laest.vaerdi("pl.kl_skoen_pct", "midtjylland", date(2019, 6, 1)).vaerdi == Decimal("1.3")
    assert "1.3" in filer["pl.yaml"] and "# Værdier indtastet i Socialstyring:" in filer["pl.yaml"]
    assert f"kl_skoen_pct fra 2019-01-01: {MIDT_OPRINDELSE}" in filer["pl.yaml"]


def test_eksporten_af_den_leverede_regelbog_er_den_samme_regelbog(tmp_path: Path) -> None:
    for lag in ("national", "midtjylland", "syddanmark"):
        laest = _som_filer(tmp_path / lag, lag, regelbog().eksporter(lag))
        assert _alle_vaerdier(laest, lag) == _alle_vaerdier(regelbog(), lag)
        assert sorted(regelbog().eksporter(lag)) == sorted(p.name for p in (DATA / lag).glob("*.yaml"))
