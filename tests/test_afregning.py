"""Inter-municipal billing (beregning/afregning): figures worked by hand from Syddanmark's
2016 agreement and the law, and the bulk path's lines against their on-demand traces."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from socialstyring.beregning.afregning import (
    Afregningsgrundlag,
    afregn_bulk,
    beregn_afregning,
    forklar_linje,
)
from socialstyring.beregning.afregning.stykker import hverdage
from socialstyring.cli import app
from socialstyring.regler import regelbog

CASES = Path(__file__).parent / "cases"


def _ophold(**over: Any) -> dict[str, Any]:
    o: dict[str, Any] = {
        "id": "A", "borger": "borger-a", "handlekommune": "621", "betalingskommune": "621",
        "driftsherre": "Vejle Kommune", "tilbud": "Bostedet Lærken", "ydelse": "laerken",
        "lovgrundlag": "SEL § 108", "tilbudsart": "botilbud", "start": "2015-01-01",
    }  # fmt: skip
    return o | over


def _grundlag(region: str, fra: str, til: str, *ophold: dict[str, Any], **over: Any) -> Afregningsgrundlag:
    data = {
        "region": region,
        "fra": fra,
        "til": til,
        "takster": [{"ydelse": "laerken", "fra": "2016-01-01", "takst": 1000}],
        "ophold": list(ophold),
    }
    return Afregningsgrundlag.model_validate(data | over)


def test_hverdage_talt_i_haanden() -> None:
    # February 2016 starts on a Monday: 4 whole weeks (20) + Monday 29 February = 21
    assert hverdage(date(2016, 2, 1).toordinal(), date(2016, 2, 29).toordinal()) == 21
    # 1 January 2016 is a Friday: Fri 1, Mon 4 – Thu 7 = 5; the weekend 2–3 January has none
    assert hverdage(date(2016, 1, 1).toordinal(), date(2016, 1, 7).toordinal()) == 5
    assert hverdage(date(2016, 1, 2).toordinal(), date(2016, 1, 3).toordinal()) == 0


def test_lukning_betales_loebende_maaned_plus_to_maaneder() -> None:
    # Syddanmark 2016, punkt 6: closure notice given 14 May → paid through 31 July, though the
    # citizen left 31 May: May 31 + June 30 + July 31 days × 1.000 = 92.000 kr.
    g = _grundlag(
        "syddanmark", "2016-05-01", "2016-08-31",
        _ophold(opsagt="2016-05-14", slut="2016-05-31", opsagt_af="lukning"),
    )  # fmt: skip
    r = beregn_afregning(g, regelbog())
    assert r.spor["a.betalt_til"].resultat == "2016-07-31"
    assert r.i_alt == Decimal("92000")
    linjer = [linje for o in r.opgoerelser for linje in o.linjer]
    assert [linje.maaned for linje in linjer] == ["2016-05", "2016-06", "2016-07"]
    assert {linje.varsel_udloeb for linje in linjer} == {date(2016, 7, 31)}
    assert {linje.funktion for linje in linjer} == {"5.38.50 Botilbud til længerevarende ophold"}


def test_krisecenter_betales_til_udskrivningsdagen() -> None:
    # Syddanmark 2016, punkt 3: §§ 109–110 to and including the day of discharge (10 March): 10 × 1.000
    g = _grundlag(
        "syddanmark", "2016-03-01", "2016-03-31",
        _ophold(lovgrundlag="SEL § 110", tilbudsart="krisecenter_forsorgshjem", opsagt="2016-03-10",
                slut="2016-03-10"),
    )  # fmt: skip
    r = beregn_afregning(g, regelbog())
    assert r.i_alt == Decimal("10000")
    assert (
        r.opgoerelser[0].linjer[0].funktion == "5.38.42 Botilbud for personer med særlige sociale problemer"
    )


def test_aftale_uden_egne_opsigelsesvarsler_bruger_den_antagne_med_kilden_sagt() -> None:
    # Midtjylland's own notice rules are not found: the rulebook's national assumption
    # (Syddanmark 2016, punkt 1 b: 2 months from any day) → paid through 14 March 2016, though
    # the citizen left 31 January: 31 + 29 + 14 days × 1.000 = 74.000 kr.
    g = _grundlag(
        "midtjylland", "2016-01-01", "2016-03-31",
        _ophold(opsagt="2016-01-14", slut="2016-01-31", opsigelsesform="vilkaarlig_dag"),
    )  # fmt: skip
    r = beregn_afregning(g, regelbog())
    assert r.i_alt == Decimal("74000")
    assert r.spor["a.betalt_til"].resultat == "2016-03-14"
    varsel = [ref for ref in r.regler_anvendt() if ref.parameter.startswith("varsel.")]
    assert varsel and all(ref.antaget for ref in varsel)
    assert all("Syddanmark" in ref.kilde and "ikke fundet" in ref.kilde for ref in varsel)


def test_barnets_lov_bruger_sin_egen_kravfrist() -> None:
    # Barnets lov § 195, stk. 2: 12 months; help in January 2024 claimed 15 February 2025 is too late
    g = _grundlag(
        "syddanmark", "2024-01-01", "2024-01-31",
        _ophold(lovgrundlag="Barnets lov § 46", tilbudsart="botilbud"),
        kravdato="2025-02-15",
        takster=[{"ydelse": "laerken", "fra": "2024-01-01", "takst": 1000}],
    )  # fmt: skip
    r = beregn_afregning(g, regelbog())
    linje = r.opgoerelser[0].linjer[0]
    assert linje.krav_for_sent and linje.kravfrist == date(2025, 1, 1)
    assert linje.funktion is None  # the rulebook maps no function for it
    regler = {ref.parameter for ref in r.spor[linje.navn].regler}
    assert "betaling.krav_frist_maaneder_barnets_lov" in regler
    assert r.krav_for_sent == [linje.navn]


@pytest.mark.parametrize(
    ("felt", "vaerdi", "besked"),
    [
        ("borger", "010203-1234", "cpr-nummer"),
        ("lovgrundlag", "paragraf 108", "SEL § 108"),
        ("ny_borger_fra", "2016-01-20", "dagen efter ophøret"),
    ],
)
def test_ugyldigt_ophold_afvises(felt: str, vaerdi: str, besked: str) -> None:
    with pytest.raises(ValidationError, match=besked):
        _grundlag("syddanmark", "2016-01-01", "2016-01-31", _ophold(slut="2016-01-31", **{felt: vaerdi}))


def test_takst_med_mere_end_oere_afvises() -> None:
    with pytest.raises(ValidationError, match="2 decimaler"):
        _grundlag("syddanmark", "2016-01-01", "2016-01-31", _ophold(),
                  takster=[{"ydelse": "laerken", "fra": "2016-01-01", "takst": "1000.005"}])  # fmt: skip


def _blandet_aar(antal: int) -> Afregningsgrundlag:
    rnd = random.Random(7)
    takster: list[dict[str, Any]] = []
    for y in range(12):
        takster.append({"ydelse": f"y{y}", "fra": "2016-01-01", "takst": rnd.randint(300, 3000)})
        takster.append({"ydelse": f"y{y}", "fra": f"2016-{rnd.randint(2, 11):02d}-{rnd.randint(1, 28):02d}",
                        "takst": f"{rnd.randint(300, 3000)}.{rnd.randint(0, 99):02d}"})  # fmt: skip
        for p, t in (("P1", 100), ("P2", 250), ("P3", 600)):
            takster.append({"ydelse": f"y{y}", "pakke": p, "fra": "2016-01-01", "takst": t})
    arter = [("botilbud", "SEL § 108"), ("dagtilbud", "SEL § 103"), ("misbrugsbehandling", "SEL § 101")]
    ophold = []
    for i in range(antal):
        art, lov = arter[i % 3]
        start = date(2015, 6, 1) + timedelta(days=rnd.randint(0, 500))
        o = _ophold(id=f"o{i}", ydelse=f"y{i % 12}", tilbudsart=art, lovgrundlag=lov, start=start.isoformat(),
                    betalingskommune=rnd.choice(["621", "607", "510"]),
                    indskrivning_pct=rnd.choice([100, 40, 150, "112.5", "33.33"]))  # fmt: skip
        if i % 4 == 0:
            o["pakke"] = "P2"
            o["pakkeskift"] = [{"varslet": (start + timedelta(days=rnd.randint(1, 200))).isoformat(),
                                "pakke": rnd.choice(["P1", "P3"])}]  # fmt: skip
        if i % 5 == 0:
            opsagt = start + timedelta(days=rnd.randint(0, 300))
            o |= {"opsagt": opsagt.isoformat(), "slut": (opsagt + timedelta(days=5)).isoformat()}
        if i % 7 == 0:
            o["tillaeg"] = [
                {"navn": "Nattevagt", "fra": "2016-03-03", "til": "2016-04-20", "pr_dag": "187.5"},
                {"navn": "Ledsagelse", "fra": "2016-06-13", "timer": "2.75", "timepris": 463},
            ]
        ophold.append(o)
    pakker = {f"y{y}": ["P1", "P2", "P3"] for y in range(12)}
    return _grundlag(
        "syddanmark",
        "2016-01-01",
        "2016-12-31",
        *ophold,
        takster=takster,
        pakker=pakker,
        kravdato="2017-02-10",
    )


def test_bulkvejens_linjer_genskabes_til_oeren_af_deres_spor() -> None:
    g = _blandet_aar(120)
    bog = regelbog()
    bulk = afregn_bulk(g, bog)
    assert len(bulk) > 1000
    rnd = random.Random(11)
    for i in rnd.sample(range(len(bulk)), 40):
        trin = forklar_linje(g, bog, bulk.ophold_id[bulk.ophold[i]], bulk.noegle(i))
        assert trin[-1].noegle == bulk.noegle(i)
        assert trin[-1].resultat == bulk.beloeb(i), bulk.noegle(i)
        assert any(t.noegle.endswith(".betalt_til") for t in trin)  # the line's trace says until when


def test_bulkvejen_og_den_sporede_opgoerelse_giver_samme_linjer_og_totaler() -> None:
    g = _blandet_aar(60)
    bog = regelbog()
    bulk = afregn_bulk(g, bog)
    r = beregn_afregning(g, bog)
    linjer = {linje.navn: linje for o in r.opgoerelser for linje in o.linjer}
    assert sorted(linjer) == sorted(bulk.noegle(i) for i in range(len(bulk)))
    for i in range(len(bulk)):
        linje = linjer[bulk.noegle(i)]
        assert (linje.beloeb, linje.krav_for_sent) == (bulk.beloeb(i), bulk.krav_for_sent[i])
    assert {k: v * 100 for k, v in r.i_alt_pr_betalingskommune.items()} == bulk.i_alt_pr_betalingskommune_oere


def test_cli_beregn_afregning_json() -> None:
    svar = CliRunner().invoke(
        app,
        ["beregn", "afregning", str(CASES / "afregning_syddanmark_botilbud_opsigelse_2016.yaml"), "--json"],
    )
    assert svar.exit_code == 0, svar.output
    data = json.loads(svar.output)
    assert data["i_alt"] == "201000.00"
    assert data["case"]["afvigelser"] == []
    linje = data["opgoerelser"][2]["linjer"][0]
    assert (linje["maaned"], linje["antal"], linje["beloeb"]) == ("2016-03", "14", "21000.00")
    assert linje["betalt_til"] == "2016-03-14"
