"""Management information A–E computed from the demo database reproduces seed 004.

Seed 004 ("Ledelsesinformation vedr. takster 2017", DASSOS 15 August 2018, Region
Midtjylland; transcribed in socialstyring/io/kilder/data/seed004/). The demo region
(`register.demo_region`) holds the seed's figures as a register would: per service
places, accounts' year-places and costs (2016 in 2016 prices), per offer the accounts
with result and add-on income, per service the quarterly used days. The tables are
computed by `web.ledelsesinfo.selectors` → `beregning.ledelsesinfo` and compared with the
printed figures (to the rounding the seed prints). Where the seed disagrees with itself,
the consistency check must report it — these tests list exactly what it reports.

What these tests prove, and what they do not: the demo data were BUILT from seed 004's
figures. The builder (`socialstyring.demo.region`) splits the printed operator totals of
tables A–C over synthetic offers and services, picks unrounded year-places that give the
printed average prices, derives the quarterly used days from table D's percentages, and
brings 2016 back to 2016 prices by dividing by the rulebook's P/L 2017 — the same
`pl.kl_skoen_pct` value (today a 2,0 % placeholder) that the engine multiplies by again.
Reproducing the printed tables therefore proves that the register → engine path (gathering,
aggregation, rounding and the price conversion) undoes the builder consistently, whatever
the P/L value is; it does NOT prove that the engine computes the agreement's figures
correctly from independent data, nor that the P/L used is KL's. The independent evidence is
elsewhere: the printed totals recomputed from the printed rows (the consistency check's
findings, `test_konsistens_rapporterer_seedens_egne_uoverensstemmelser`), and the
hand-worked case files `tests/cases/ledelsesinfo_midtjylland_2018_2019_haandregnet.yaml`
(P/L factor from the rulebook) and
`tests/cases/ledelsesinfo_syddanmark_2017_2018_haandregnet_pl.yaml` (the previous year
given in fixed prices with the case's own P/L of 1,4 %, so the factor must be 1) and
`tests/cases/ledelsesinfo_midtjylland_2012_2013_haandregnet_pl.yaml` (the sourced P/L
1,53 %), whose
expected figures were worked by hand, not produced by the engine.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from pytest_django import DjangoDbBlocker

from socialstyring.beregning.ledelsesinfo import I_ALT, TOTAL, Figurnoegle, Ledelsesinfo, konsistens
from socialstyring.demo.region import driftsherrenavn
from socialstyring.io.kilder import seed004
from socialstyring.web.ledelsesinfo import selectors as li_data
from socialstyring.web.register.models import Rammeaftale

KUN_SAMLET = ("Kvindekrisecentre", "Forsorgshjem", "Sikrede institutioner for børn og unge")


@pytest.fixture(scope="module")
def li(demo_modul: None, django_db_blocker: DjangoDbBlocker) -> tuple[Ledelsesinfo, tuple[str, ...]]:
    """The demo's tables, computed once for the module (the result is pure data)."""
    with django_db_blocker.unblock():
        resultat, data = li_data.beregn(Rammeaftale.objects.get(kode="midtjylland"), 2016, 2017)
    return resultat, data.advarsler


def _n(navn: str, kode: seed004.Driftsherrekode | None) -> str:
    return TOTAL if kode is None else driftsherrenavn(kode)


def test_a_hver_driftsherres_raekke_som_trykt(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    """Every per-operator row of "Takstudvikling på regnskab": year-places, costs (2016 in
    2017 prices), average price per place and the development, all as printed."""
    r, _ = li
    raekker = [a for a in seed004.takstudvikling() if not a.er_hovedtotal]
    assert len(raekker) == 19
    for a in raekker:
        n = _n(a.driftsherre, a.driftsherre_kode)
        assert r.figur("A", n, "aarspladser_2016") == a.belaegning_2016_aarspladser, n
        assert r.figur("A", n, "omkostninger_tkr_2016") == a.regnskab_2016_tkr, n
        assert r.figur("A", n, "gns_pris_2016") == a.gns_pris_2016, n
        assert r.figur("A", n, "omkostninger_tkr_2017") == a.regnskab_2017_tkr, n
        assert r.figur("A", n, "gns_pris_2017") == a.gns_pris_2017, n
        assert r.figur("A", n, "udvikling_pct") == a.takstudvikling_pct, n
        # Hedensted's only offer left the agreement in 2017: no occupancy, printed "0,0".
        assert (r.figur("A", n, "aarspladser_2017") or Decimal(0)) == a.belaegning_2017, n
    # Spot checks typed in from the seed.
    assert r.figur("A", "Favrskov Kommune", "gns_pris_2016") == Decimal(377520)
    assert r.figur("A", "Holstebro Kommune", "udvikling_pct") == Decimal("17.9")
    assert r.figur("A", "Hedensted Kommune", "udvikling_pct") == Decimal("-100.0")


def test_b_og_c_totaler_og_raekker(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    r, _ = li
    for b in seed004.over_underskud():
        if not b.er_hovedtotal:
            n = _n(b.driftsherre, b.driftsherre_kode)
            assert r.figur("B", n, "resultat_tkr_2016") == b.over_underskud_2016_tkr, n
            assert r.figur("B", n, "resultat_tkr_2017") == b.over_underskud_2017_tkr, n
    for c in seed004.tillaegsydelser():
        if not c.er_hovedtotal:
            n = _n(c.driftsherre, c.driftsherre_kode)
            assert r.figur("C", n, "tillaeg_tkr_2016") == c.tillaegsydelser_2016_tkr, n
            assert r.figur("C", n, "tillaeg_tkr_2017") == c.tillaegsydelser_2017_tkr, n
    # Totals as printed: B 2016 −3.383, C 232.665 and 262.143 t.kr.
    assert r.figur("B", TOTAL, "resultat_tkr_2016") == Decimal(-3383)
    assert r.figur("C", TOTAL, "tillaeg_tkr_2016") == Decimal(232665)
    assert r.figur("C", TOTAL, "tillaeg_tkr_2017") == Decimal(262143)
    # B 2017: the seed prints −31.584, its rows sum to −31.583 (data README).
    assert r.figur("B", TOTAL, "resultat_tkr_2017") == Decimal(-31583)


def test_d_belaegning_pr_maalgruppe(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    """Day and 24-hour occupancy per target group from the quarterly used days, as printed;
    the groups printed only in total (kvindekrisecentre, forsorgshjem) and the secure
    institutions' total too."""
    r, advarsler = li
    assert not [a for a in advarsler if "fire kvartaler" in a]  # every quarter reported
    sammenlignet = 0
    for d in seed004.belaegning():
        for aar, pct in ((2016, d.belaegning_pct_2016), (2017, d.belaegning_pct_2017)):
            kolonne = f"{seed004.D_KOLONNE.get(d.type, d.type)}_{aar}"
            if d.type in ("døgn", "dag") and d.maalgruppe != "Personer med misbrugsproblemer":
                assert r.figur("D", d.maalgruppe, kolonne) == pct, (d.maalgruppe, kolonne)
                sammenlignet += 1
            if d.type == "samlet" and d.maalgruppe in KUN_SAMLET:
                assert r.figur("D", d.maalgruppe, kolonne) == pct, (d.maalgruppe, kolonne)
                sammenlignet += 1
    assert sammenlignet == 16 + 6
    # Misbrug: table E has day places only in 2017 (168), so only that figure exists.
    misbrug = "Personer med misbrugsproblemer"
    assert r.figur("D", misbrug, "dag_2017") == Decimal("86.9")
    assert r.figur("D", misbrug, "doegn_2017") is None and r.figur("D", misbrug, "dag_2016") is None


def test_e_pladser_pr_maalgruppe_og_driftsherre(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    r, _ = li
    sammenlignet = 0
    for p in seed004.pladser():
        if p.er_hovedtotal or p.maalgruppe == I_ALT:
            continue
        n = _n(p.driftsherre, p.driftsherre_kode)
        for kolonne in ("dag_2016", "doegn_2016", "dag_2017", "doegn_2017"):
            # A row the seed prints with no places at all is not a row of the computed table.
            beregnet = r.figurer.get(Figurnoegle("E", p.maalgruppe, n, kolonne))
            assert (beregnet or 0) == (getattr(p, kolonne) or 0), (p.maalgruppe, n, kolonne)
            sammenlignet += 1
    assert sammenlignet > 100
    assert r.figur("E", TOTAL, "doegn_2017", gruppe=I_ALT) == Decimal(5136)  # the group rows' sum


def test_konsistens_rapporterer_seedens_egne_uoverensstemmelser(
    li: tuple[Ledelsesinfo, tuple[str, ...]],
) -> None:
    """What the check reports, and nothing else (data README): totals printed from other
    figures than their rows, D's total occupancy weighted by other places than table E's,
    the misbrug figures without places, and table E's contradictions."""
    r, _ = li
    fund = konsistens(seed004.publicerede_figurer(driftsherrenavn), r.figurer)
    antal = Counter((u.art, u.figur.tabel) for u in fund)
    assert antal == {
        ("beregnet", "A"): 1,  # total costs 2016: rows 4.645.132, printed 4.645.131
        ("beregnet", "B"): 1,  # total 2017: rows −31.583, printed −31.584
        ("beregnet", "D"): 11,  # 6 'samlet' + 5 misbrug
        ("beregnet", "E"): 11,  # Randers, Silkeborg, 3 grand totals, 6 group totals
        ("total", "A"): 3,
        ("total", "B"): 1,
        ("total", "E"): 9,
        ("interval", "D"): 2,
        ("maalgrupper", "E"): 5,
    }
    tekst = {(u.art, u.figur): u.forklaring for u in fund}
    # No operator row of A, B or C is reported: they are all reproduced.
    assert all(u.figur.raekke == TOTAL for u in fund if u.figur.tabel in "ABC")
    misbrug = "Personer med misbrugsproblemer"
    assert (
        "kan ikke være et vægtet gennemsnit"
        in tekst[("beregnet", Figurnoegle("D", "", misbrug, "samlet_2017"))]
    )
    assert "ingen aktive pladser" in tekst[("beregnet", Figurnoegle("D", "", misbrug, "doegn_2017"))]
    boern = Figurnoegle("D", "", "Børn og unge med nedsat fysisk eller psykisk funktionsevne", "samlet_2016")
    assert r.figurer[boern] == Decimal("85.0")  # printed 83,7
    assert "tabel E har 30,4 % dagpladser" in tekst[("beregnet", boern)]  # 302 / (302 + 692)
    interval = sorted(u.figur.kolonne for u in fund if u.art == "interval")
    assert interval == ["samlet_2016", "samlet_2017"]
    e = {(u.art, u.figur.gruppe, u.figur.raekke, u.figur.kolonne) for u in fund if u.figur.tabel == "E"}
    assert ("maalgrupper", I_ALT, "Randers Kommune", "doegn_2017") in e
    assert ("maalgrupper", I_ALT, "Silkeborg Kommune", "doegn_2017") in e
    assert ("total", I_ALT, TOTAL, "doegn_2016") in e


def test_hvert_tal_har_et_spor_og_p_l(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    r, _ = li
    f = Figurnoegle("A", "", "Favrskov Kommune", "gns_pris_2016")
    trin = r.forklar(f)
    assert trin[0].noegle == "pl_faktor" and trin[0].regler[0].parameter == "pl.kl_skoen_pct"
    assert r.pl_faktor == Decimal("1.02")
    assert set(r.figurer) == set(r.spor_noegle)


def test_flagede_tilbud_2017(li: tuple[Ledelsesinfo, tuple[str, ...]]) -> None:
    """The demo budgets 2017 at table D's 2016 figure kept within 95–100 %; the quarterly used
    days give table D's 2017 figure, so a tilbud is flagged exactly when its group deviates
    5 percentage points or more: e.g. the secure institutions (85,6 % against 95 %) and
    psykisk handicap's day offers (103,5 % against 98,5 %), not sindslidelse's day offers
    (93,1 % against 95 %)."""
    r, _ = li
    assert r.flagede_tilbud
    assert any(
        o.startswith(f"{len(r.flagede_tilbud)} tilbud afviger 5 procentpoint") for o in r.observationer
    )
    flag = next(t for t in r.observationer if "afviger" in t)
    assert "(85,6 % mod budgetteret 95,0 %)" in flag
