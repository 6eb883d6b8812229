"""Management information A–E reproduces seed 004 ("Ledelsesinformation vedr. takster 2017").

The input is built directly from the seed's published tables (socialstyring/io/seed004.py):

- Tables A–C, operator level: one row per operator and year (tilbud = the operator) with
  table A's year-places and costs, B's result and C's add-on income. The seed prints 2016 in
  2017 prices; we feed 2016 as *accounts in 2016 prices*, i.e. the printed t.kr. deflated by
  the rulebook's P/L for 2017 (`pl.kl_skoen_pct`, a demo value of 2,0 %) and rounded to whole
  kroner, so the engine must re-inflate them to the printed t.kr.
- Table A's average price is computed from the printed (rounded) year-places and t.kr.; the
  seed computed it from unrounded figures. The test asserts the computed value for every row
  and that `konsistens` reports every printed price that differs, with the explanation.
- Table D: group-level inputs constructed from tables D and E (see `_d_raekker`).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import (
    I_ALT,
    TOTAL,
    Figurnoegle,
    Ledelsesinfo,
    Ledelsesinfogrundlag,
    Ydelsesaar,
    beregn_ledelsesinfo,
    beregn_ledelsesinfo_aarraekke,
    konsistens,
)
from socialstyring.io.kilder import seed004
from socialstyring.regler import regelbog

TUSIND = Decimal(1000)
D_TYPER = {"døgn": "doegn", "dag": "dag", "samlet": "samlet"}


def _rund(x: Decimal, kvantum: str = "1") -> Decimal:
    return x.quantize(Decimal(kvantum), rounding=ROUND_HALF_UP)


def _pl_2017() -> Decimal:
    pl, _ = Regler(regelbog(), "midtjylland", date(2017, 1, 1)).tal("pl.kl_skoen_pct")
    return 1 + pl / 100


def _operatorraekker() -> tuple[Ydelsesaar, ...]:
    faktor = _pl_2017()
    b = {r.driftsherre: r for r in seed004.over_underskud()}
    c = {r.driftsherre: r for r in seed004.tillaegsydelser()}
    raekker: list[Ydelsesaar] = []
    for a in seed004.takstudvikling():
        if a.er_hovedtotal:
            continue
        faelles = {"driftsherre": a.driftsherre, "tilbud": a.driftsherre, "maalgruppe": "Alle målgrupper"}

        def i_2016_priser(tkr: Decimal | None) -> Decimal:
            return _rund((tkr or Decimal(0)) * TUSIND / faktor)

        raekker.append(
            Ydelsesaar(
                aar=2016,
                pladstype=Pladstype.DOEGN,
                aarspladser=a.belaegning_2016_aarspladser,
                omkostninger=i_2016_priser(a.regnskab_2016_tkr),
                resultat=i_2016_priser(b[a.driftsherre].over_underskud_2016_tkr),
                tillaeg=i_2016_priser(c[a.driftsherre].tillaegsydelser_2016_tkr),
                **faelles,
            )
        )
        raekker.append(
            Ydelsesaar(
                aar=2017,
                pladstype=Pladstype.DOEGN,
                aarspladser=a.belaegning_2017,
                omkostninger=(a.regnskab_2017_tkr or 0) * TUSIND,
                resultat=(b[a.driftsherre].over_underskud_2017_tkr or 0) * TUSIND,
                tillaeg=(c[a.driftsherre].tillaegsydelser_2017_tkr or 0) * TUSIND,
                **faelles,
            )
        )
    return tuple(raekker)


def _publicerede_abc() -> dict[Figurnoegle, Decimal | None]:
    return {f: v for f, v in seed004.publicerede_figurer().items() if f.tabel in "ABC"}


def _publicerede_de() -> dict[Figurnoegle, Decimal | None]:
    return {f: v for f, v in seed004.publicerede_figurer().items() if f.tabel in "DE"}


@pytest.fixture(scope="module")
def li() -> Ledelsesinfo:
    g = Ledelsesinfogrundlag(region="midtjylland", forrige_aar=2016, aar=2017, raekker=_operatorraekker())
    return beregn_ledelsesinfo(g, regelbog())


@pytest.fixture(scope="module")
def fund(li: Ledelsesinfo) -> dict[tuple[str, Figurnoegle], str]:
    return {(u.art, u.figur): u.forklaring for u in konsistens(_publicerede_abc(), li.figurer)}


def test_a_aarspladser_og_omkostninger_som_trykt_for_hver_driftsherre(li: Ledelsesinfo) -> None:
    # 2016's costs were fed in 2016 prices: the engine re-inflates them with the rulebook's P/L.
    assert li.pl_faktor == _pl_2017()
    raekker = [a for a in seed004.takstudvikling() if not a.er_hovedtotal]
    assert len(raekker) == 19
    for a in raekker:
        n = a.driftsherre
        assert li.figur("A", n, "aarspladser_2016") == a.belaegning_2016_aarspladser, n
        assert li.figur("A", n, "aarspladser_2017") == a.belaegning_2017, n
        assert li.figur("A", n, "omkostninger_tkr_2016") == a.regnskab_2016_tkr, n
        assert li.figur("A", n, "omkostninger_tkr_2017") == a.regnskab_2017_tkr, n


def test_a_gennemsnitspris_og_udvikling_for_hver_driftsherre(
    li: Ledelsesinfo, fund: dict[tuple[str, Figurnoegle], str]
) -> None:
    """Every row: the computed price (printed t.kr. / printed year-places) to whole kroner and
    the development to 0.1 %. Where the seed prints another figure, the consistency check
    reports it; no printed figure differs without being reported."""
    saerlige: list[str] = []
    for a in seed004.takstudvikling():
        if a.er_hovedtotal:
            continue
        n = a.driftsherre
        for aar, ap, tkr, trykt in (
            (2016, a.belaegning_2016_aarspladser, a.regnskab_2016_tkr, a.gns_pris_2016),
            (2017, a.belaegning_2017, a.regnskab_2017_tkr, a.gns_pris_2017),
        ):
            assert ap is not None and tkr is not None
            forventet = _rund(tkr * TUSIND / ap) if ap else None
            assert li.figur("A", n, f"gns_pris_{aar}") == forventet, (n, aar)
            f = Figurnoegle("A", "", n, f"gns_pris_{aar}")
            if forventet != trykt:
                assert "uafrundet belægning" in fund[("beregnet", f)], (n, aar)
                saerlige.append(f"{n} {aar}")
            else:
                assert ("beregnet", f) not in fund
        udv = li.figur("A", n, "udvikling_pct")
        f = Figurnoegle("A", "", n, "udvikling_pct")
        if udv != a.takstudvikling_pct:
            saerlige.append(f"{n} udvikling")
            assert "uafrundede tal" in fund[("beregnet", f)]
        else:
            assert ("beregnet", f) not in fund
    # Only Herning and Holstebro (both years) and Lemvig 2017 have printed prices that the
    # printed rounded figures reproduce; the development % matches everywhere but Ikast-Brande.
    assert "Herning Kommune 2016" not in saerlige and "Holstebro kommune 2017" not in saerlige
    assert [s for s in saerlige if s.endswith("udvikling")] == ["Ikast-Brande kommune udvikling"]
    assert len(saerlige) == 2 * 19 - 5 - 1 + 1  # 38 prices − 5 exact − Hedensted 2017 (none) + 1 development


def test_favrskov_gennemsnitspris(li: Ledelsesinfo, fund: dict[tuple[str, Figurnoegle], str]) -> None:
    # seed004 README: 108.672 t.kr. / 287,9 = 377.464 kr.; printed 377.520 from ≈ 287,86 year-places.
    assert li.figur("A", "Favrskov kommune", "gns_pris_2016") == Decimal(377464)
    forklaring = fund[("beregnet", Figurnoegle("A", "", "Favrskov kommune", "gns_pris_2016"))]
    assert "287,86 årspladser" in forklaring and "377.464" in forklaring
    # Hedensted has no occupancy in 2017: no price, development −100 % as printed (kept for the
    # comparison; the tables show "ingen belægning").
    assert li.figur("A", "Hedensted kommune", "gns_pris_2017") is None
    assert li.figur("A", "Hedensted kommune", "udvikling_pct") == Decimal("-100.0")


def test_b_og_c_totaler(li: Ledelsesinfo, fund: dict[tuple[str, Figurnoegle], str]) -> None:
    b = {r.driftsherre: r for r in seed004.over_underskud()}
    c = {r.driftsherre: r for r in seed004.tillaegsydelser()}
    for n, r in b.items():
        if n != TOTAL:
            assert li.figur("B", n, "resultat_tkr_2016") == r.over_underskud_2016_tkr, n
            assert li.figur("B", n, "resultat_tkr_2017") == r.over_underskud_2017_tkr, n
            assert li.figur("C", n, "tillaeg_tkr_2016") == c[n].tillaegsydelser_2016_tkr, n
            assert li.figur("C", n, "tillaeg_tkr_2017") == c[n].tillaegsydelser_2017_tkr, n
    assert li.figur("B", TOTAL, "resultat_tkr_2016") == b[TOTAL].over_underskud_2016_tkr == Decimal(-3383)
    assert li.figur("C", TOTAL, "tillaeg_tkr_2016") == c[TOTAL].tillaegsydelser_2016_tkr == Decimal(232665)
    assert li.figur("C", TOTAL, "tillaeg_tkr_2017") == c[TOTAL].tillaegsydelser_2017_tkr == Decimal(262143)
    # B 2017: the rows sum to −31.583, the seed prints −31.584; both checks report it.
    assert li.figur("B", TOTAL, "resultat_tkr_2017") == Decimal(-31583)
    total = Figurnoegle("B", "", TOTAL, "resultat_tkr_2017")
    assert ("beregnet", total) in fund
    assert "Rækkerne summerer til -31.583; den trykte total er -31.584" in fund[("total", total)]


def test_konsistens_rapporterer_praecis_seedens_afvigelser(fund: dict[tuple[str, Figurnoegle], str]) -> None:
    totaler = sorted((art, f.tabel, f.kolonne) for art, f in fund if f.raekke == TOTAL)
    assert totaler == [
        ("beregnet", "A", "aarspladser_2016"),  # rows 11.852,5 → 11.853; printed 11.852
        ("beregnet", "A", "gns_pris_2016"),
        ("beregnet", "A", "gns_pris_2017"),
        ("beregnet", "A", "omkostninger_tkr_2016"),  # rows 4.645.132; printed 4.645.131
        ("beregnet", "B", "resultat_tkr_2017"),
        ("total", "A", "aarspladser_2016"),
        ("total", "A", "aarspladser_2017"),  # rows 10.620,3; printed 10.620 (whole): within rounding
        ("total", "A", "omkostninger_tkr_2016"),
        ("total", "B", "resultat_tkr_2017"),
    ]


def test_hvert_tal_har_et_spor(li: Ledelsesinfo) -> None:
    f = Figurnoegle("A", "", "Favrskov kommune", "gns_pris_2016")
    assert li.spor_noegle[f] == "A.favrskov_kommune.2016"
    trin = li.forklar(f)
    assert [t.noegle for t in trin] == ["pl_faktor", "A.favrskov_kommune.2016"]
    assert trin[0].regler[0].parameter == "pl.kl_skoen_pct"
    assert set(li.figurer) == set(li.spor_noegle)
    for noegle in li.spor_noegle.values():
        assert noegle in li.spor


def test_observationer(li: Ledelsesinfo) -> None:
    assert li.observationer[0].startswith(
        "Største ændringer i gennemsnitspris pr. plads 2016–2017 (faste priser): Holstebro kommune +17,9 %"
    )
    assert "Ingen belægning i 2017, så ingen takstudvikling: Hedensted kommune." in li.observationer
    assert any(
        o.startswith("Største underskud i 2017: Viborg kommune -10.478 t.kr") for o in li.observationer
    )


def test_forrige_aar_i_faste_priser_uden_pl() -> None:
    """The alternative: 2016 fed as already in 2017 prices (as printed); no P/L is applied."""
    faktor = _pl_2017()
    raekker = tuple(
        r.model_copy(update={"omkostninger": _rund(r.omkostninger * faktor)}) if r.aar == 2016 else r
        for r in _operatorraekker()
    )
    g = Ledelsesinfogrundlag(
        region="midtjylland", forrige_aar=2016, aar=2017, forrige_i_faste_priser=True, raekker=raekker
    )
    li = beregn_ledelsesinfo(g, regelbog())
    assert li.pl_faktor == 1
    assert li.figur("A", "Favrskov kommune", "omkostninger_tkr_2016") == Decimal(108672)


# --- D and E ----------------------------------------------------------------------------------


def _d_raekker() -> tuple[Ydelsesaar, ...]:
    """Group-level input for table D, constructed from tables D and E (the seed gives no used
    days): for each target group, place type and year with a printed percentage, one row with
    the places of table E's group total for that type (100 places where E has none, e.g.
    misbrug 2016) and year-places = places × printed % / 100. Groups printed only as 'samlet'
    (kvindekrisecentre, forsorgshjem) are fed as one 24-hour row with E's day + 24-hour places.
    The secure institutions' 'åbne'/'sikrede' split is not a day/24-hour split and is left out."""
    e = {p.maalgruppe: p for p in seed004.pladser() if p.er_hovedtotal}
    typer: dict[str, set[str]] = {}
    for d in seed004.belaegning():
        typer.setdefault(d.maalgruppe, set()).add(d.type)
    raekker: list[Ydelsesaar] = []
    for d in seed004.belaegning():
        kun_samlet = typer[d.maalgruppe] == {"samlet"}
        if d.type not in ("døgn", "dag") and not kun_samlet:
            continue
        for aar, pct in ((2016, d.belaegning_pct_2016), (2017, d.belaegning_pct_2017)):
            p = e[d.maalgruppe]
            dag, doegn = (p.dag_2016, p.doegn_2016) if aar == 2016 else (p.dag_2017, p.doegn_2017)
            if kun_samlet:
                pladser = (dag or 0) + (doegn or 0)
            else:
                pladser = (doegn if d.type == "døgn" else dag) or Decimal(100)
            assert pct is not None
            raekker.append(
                Ydelsesaar(
                    aar=aar,
                    driftsherre="Region Midtjylland (målgruppeniveau)",
                    tilbud=f"{d.maalgruppe} {d.type}",
                    maalgruppe=d.maalgruppe,
                    pladstype=Pladstype.DAG if d.type == "dag" else Pladstype.DOEGN,
                    pladser=pladser,
                    aarspladser=pladser * pct / 100,
                )
            )
    return tuple(raekker)


def test_d_belaegning_pr_maalgruppe() -> None:
    li = beregn_ledelsesinfo(
        Ledelsesinfogrundlag(region="midtjylland", forrige_aar=2016, aar=2017, raekker=_d_raekker()),
        regelbog(),
    )
    sammenlignet = 0
    for d in seed004.belaegning():
        if d.type in ("døgn", "dag"):
            for aar, pct in ((2016, d.belaegning_pct_2016), (2017, d.belaegning_pct_2017)):
                assert li.figur("D", d.maalgruppe, f"{D_TYPER[d.type]}_{aar}") == pct, (d.maalgruppe, aar)
                sammenlignet += 1
    assert sammenlignet == 20  # 5 groups × day and 24-hour × 2 years
    for gruppe in ("Kvindekrisecentre", "Forsorgshjem"):
        trykt = next(d for d in seed004.belaegning() if d.maalgruppe == gruppe)
        assert li.figur("D", gruppe, "samlet_2017") == trykt.belaegning_pct_2017
    # 'samlet' for groups with day and 24-hour is weighted by the places we constructed from
    # E, which are not the seed's own (D counts only active offers): those differences are
    # reported, not asserted away. The seed's own 'samlet' for misbrug lies outside its day
    # and 24-hour figures in 2017 (110,2 against 86,9/96,9, as the data README says) and also
    # in 2016 (99,2 against 16,0/97,0, not in the README): no weighted average can do that.
    d_figurer = {f: v for f, v in li.figurer.items() if f.tabel == "D"}
    fund = konsistens(_publicerede_de(), d_figurer)
    interval = [(u.figur.raekke, u.figur.kolonne) for u in fund if u.art == "interval"]
    assert interval == [
        ("Personer med misbrugsproblemer", "samlet_2016"),
        ("Personer med misbrugsproblemer", "samlet_2017"),
    ]
    beregnet = {(u.figur.raekke, u.figur.kolonne) for u in fund if u.art == "beregnet"}
    assert all(k.endswith("samlet_2016") or k.endswith("samlet_2017") for _, k in beregnet)


def test_e_pladser_seedens_egne_uoverensstemmelser() -> None:
    fund = konsistens(_publicerede_de(), {})
    total = {(u.figur.gruppe, u.figur.kolonne): u for u in fund if u.art == "total"}
    assert total[(I_ALT, "doegn_2016")].beregnet == Decimal(5856)  # printed 5.986
    assert total[(I_ALT, "doegn_2017")].beregnet == Decimal(5164)  # printed 5.279
    assert total[(I_ALT, "dag_2016")].beregnet == Decimal(5911)  # printed 5.910
    assert (I_ALT, "dag_2017") not in total
    grupper = {(u.figur.raekke, u.figur.kolonne): u for u in fund if u.art == "maalgrupper"}
    assert grupper[("Randers kommune", "doegn_2017")].beregnet == Decimal(348)  # 'I alt' 368
    assert grupper[("Silkeborg kommune", "doegn_2017")].beregnet == Decimal(267)  # 'I alt' 275


def test_e_beregnet_fra_ydelser() -> None:
    raekker = (
        Ydelsesaar(aar=2019, driftsherre="A", tilbud="t1", maalgruppe="M1", pladstype="dag", pladser=10),
        Ydelsesaar(
            aar=2019, driftsherre="A", tilbud="t1", ydelse="y2", maalgruppe="M1", pladstype="doegn", pladser=5
        ),
        Ydelsesaar(aar=2019, driftsherre="B", tilbud="t2", maalgruppe="M2", pladstype="doegn", pladser=7),
        Ydelsesaar(aar=2020, driftsherre="B", tilbud="t2", maalgruppe="M2", pladstype="doegn", pladser=8),
    )
    (li,) = beregn_ledelsesinfo_aarraekke(raekker, "syddanmark", [2019, 2020], regelbog())
    assert li.figur("E", "A", "dag_2019", gruppe="M1") == 10
    assert li.figur("E", TOTAL, "doegn_2019", gruppe=I_ALT) == 12
    assert li.figur("E", "B", "doegn_2020", gruppe=I_ALT) == 8
    assert li.figur("E", TOTAL, "doegn_2020", gruppe="M1") == 0
    # No use at all: no occupancy, no price.
    assert li.figur("D", "M1", "samlet_2019") is None
    assert li.figur("A", "A", "gns_pris_2019") is None


def test_flag_og_brugte_dage() -> None:
    raekker = (
        Ydelsesaar(
            aar=2019,
            driftsherre="A",
            tilbud="t1",
            maalgruppe="M",
            pladstype="doegn",
            pladser=10,
            brugte_dage=3285,
            budgetteret_belaegning_pct=95,
            omkostninger=3_000_000,
            resultat=-100_000,
        ),
        Ydelsesaar(
            aar=2020,
            driftsherre="A",
            tilbud="t1",
            maalgruppe="M",
            pladstype="doegn",
            pladser=10,
            brugte_dage=3285,
            budgetteret_belaegning_pct=95,
            omkostninger=3_000_000,
            resultat=-200_000,
        ),
    )
    (li,) = beregn_ledelsesinfo_aarraekke(raekker, "syddanmark", [2019, 2020], regelbog())
    # 3.285 days / 365 = 9 year-places = 90 %: 5 percentage points below 95 → flagged.
    assert li.figur("A", "A", "aarspladser_2020") == Decimal("9.0")
    assert li.figur("D", "M", "doegn_2020") == Decimal("90.0")
    assert li.flagede_tilbud == ("t1",)
    assert any("1 tilbud afviger 5 procentpoint" in o for o in li.observationer)
    # 2019 in 2020 prices: × (1 + P/L 2020 / 100).
    assert li.figur("A", "A", "omkostninger_tkr_2019") == _rund(3000 * li.pl_faktor)


def test_uden_afvigelsesgraense_flages_intet() -> None:
    """2012–2013: the rulebook's deviation threshold applies from 2016, so 2013 has none. The
    tables are computed (with the sourced P/L 2013 = 1,53 %), no offer is flagged, the step
    `graense` says why and one warning tells the reader."""

    def raekke(aar: int, aarspladser: str) -> Ydelsesaar:
        return Ydelsesaar(
            aar=aar,
            driftsherre="A",
            tilbud="t1",
            maalgruppe="M",
            pladstype="doegn",
            pladser=10,
            aarspladser=Decimal(aarspladser),
            budgetteret_belaegning_pct=100,
            omkostninger=2_000_000,
            resultat=-50_000,
        )

    raekker = (raekke(2012, "10"), raekke(2013, "8"))
    (li,) = beregn_ledelsesinfo_aarraekke(raekker, "midtjylland", [2012, 2013], regelbog())
    # 8 / 10 = 80 % against 100 % budgeted: 20 percentage points, but no threshold → no flag.
    assert li.figur("D", "M", "doegn_2013") == Decimal("80.0")
    assert li.flagede_tilbud == ()
    assert not any("afviger" in o for o in li.observationer)
    assert li.spor["graense"].resultat == "-"
    assert li.spor["graense"].regler == ()
    assert li.advarsler == (
        "Regelbogen har ingen grænse for afvigelse fra den budgetterede belægning "
        "for 2013; ingen tilbud flages for afvigende belægning.",
    )
    # The tables are computed as always: 2012 × 1,0153 (P/L 2013).
    assert li.pl_faktor == Decimal("1.0153")
    assert li.figur("A", "A", "omkostninger_tkr_2012") == Decimal(2031)  # 2.030.600 kr.
    assert li.figur("A", "A", "gns_pris_2012") == Decimal(203060)  # 2.030.600 / 10
    assert li.figur("A", "A", "gns_pris_2013") == Decimal(250000)  # 2.000.000 / 8
    assert li.figur("A", TOTAL, "udvikling_pct") == Decimal("23.1")  # 250.000 / 203.060 = 1,2312
    assert li.figur("B", "A", "resultat_tkr_2012") == Decimal(-51)  # −50.765 kr.
    # The same data two years with a threshold (2019–2020, 5 procentpoint) is flagged, no warning.
    senere = tuple(r.model_copy(update={"aar": r.aar + 7}) for r in raekker)
    (li2,) = beregn_ledelsesinfo_aarraekke(senere, "midtjylland", [2019, 2020], regelbog())
    assert li2.flagede_tilbud == ("t1",)
    assert li2.spor["graense"].resultat == Decimal(5)
    assert not any("afvigelse" in a for a in li2.advarsler)


def test_ugyldigt_grundlag() -> None:
    with pytest.raises(ValueError, match="forrige_aar"):
        Ledelsesinfogrundlag(region="midtjylland", forrige_aar=2017, aar=2017, raekker=())
    with pytest.raises(ValueError, match="ikke begge"):
        Ydelsesaar(
            aar=2017,
            driftsherre="A",
            tilbud="t",
            maalgruppe="M",
            pladstype="dag",
            aarspladser=1,
            brugte_dage=365,
        )
    with pytest.raises(ValueError, match="eksakt"):
        Ydelsesaar(aar=2017, driftsherre="A", tilbud="t", maalgruppe="M", pladstype="dag", omkostninger=1.5)
