"""A published catalogue carries its rates (issue 9, point 7).

- Publishing is refused while a service the catalogue would list has no rate, with a Danish
  message naming each offer and service (`katalog.services.UdenTakst`); what the catalogue
  leaves out anyway (0 places, no figures for the year, a closed offer, an operator without a
  submitted report) needs none.
- The demo's 2016 and 2017 catalogues carry the rates derived from the published accounts and
  the 2017 categories the engine computes, so the 2018 reports compare with real 2017 rates
  and the rise check flags where the figures say so.

**Hand-worked demo rates** (the rule in `socialstyring/demo/region.py`: a year's daily rate is
the service's accounts of the year before per used day × (1 + P/L), whole kroner; the demo
splits an operator's accounts over its services by places weighted 5 for a 24-hour place and
2 for a day place, its year-places by places). From the publication (Ledelsesinformation vedr.
takster 2017, table A: average price per year-place, 2016 in 2017 prices; table E: places)
and the rulebook (365 days, P/L 2,0 % into 2017 and into 2018):

Viborg Kommune, 24-hour service (Skovhegnet, længerevarende botilbud § 108):

    2016: 244.316 kr. (2017 prices) / 1,02 = 239.525,49 kr. per year-place (2016 prices);
          349 døgn + 374 dag = 723 places, weighted 5 × 349 + 2 × 374 = 2.493:
          a 24-hour place 239.525,49 × 5 × 723 / 2.493 = 347.326,29 kr. / 365 = 951,58 kr. a day
    rate 2016 = 952 kr. (the year's own accounts: none the year before)
    rate 2017 = 951,58 × 1,02 = 970,61 → 971 kr.
    2017: 270.768 kr.; 355 døgn + 538 dag = 893 places, weighted 5 × 355 + 2 × 538 = 2.851:
          270.768 × 5 × 893 / 2.851 = 424.054,38 kr. / 365 = 1.161,79 kr. a day
    rate 2018 = 1.161,79 × 1,02 = 1.185,03 → 1.185 kr.
    rise 2017–2018 = (1.185 / 971 − 1) × 100 = 22,04 %; allowed = P/L 2,0 − 3 / 4 = 1,25 %
    → flagged (Viborg's report is submitted: the rise carries the demo's justification)

Herning Kommune, 24-hour service (Rosehøjen, døgnophold § 67), the price fell 3,8 %:

    2016: 295.560 kr.; 451 døgn + 1.004 dag = 1.455 places, weighted 2.255 + 2.008 = 4.263:
          295.560 / 1,02 × 5 × 1.455 / 4.263 / 365 = 1.354,79 kr. a day
    rate 2017 = 1.354,79 × 1,02 = 1.381,88 → 1.382 kr.
    2017: 284.196 kr.; 310 døgn + 780 dag = 1.090 places, weighted 1.550 + 1.560 = 3.110:
          284.196 × 5 × 1.090 / 3.110 / 365 = 1.364,46 kr. a day
    rate 2018 = 1.364,46 × 1,02 = 1.391,75 → 1.392 kr.
    rise = (1.392 / 1.382 − 1) × 100 = 0,72 % ≤ 1,25 % → not flagged
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from registerdata import OFFENTLIGT_AAR, Registerdata, opret_registerdata

from socialstyring.web.indberetning.selectors import Indberetningsdata
from socialstyring.web.katalog import services as katalog
from socialstyring.web.katalog.indhold import Katalogindhold
from socialstyring.web.register.models import (
    Driftsherre,
    Katalog,
    Kategorisering,
    Pladskoeb,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

pytestmark = pytest.mark.django_db

KRONE = Decimal(1)
PL = Decimal("1.02")


def _kr(d: Decimal) -> Decimal:
    return d.quantize(KRONE, ROUND_HALF_UP)


# --- publishing refuses services without a rate -------------------------------------------------


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def test_offentliggoerelse_uden_takst_afvises(data: Registerdata) -> None:
    Ydelsesaar.objects.filter(ydelse=data.dagtilbud, aar=OFFENTLIGT_AAR).update(takst=None)
    Ydelsesaar.objects.filter(ydelse__tilbud=data.kildebakken, aar=OFFENTLIGT_AAR).update(takst=Decimal(0))
    with pytest.raises(katalog.UdenTakst) as fejl:
        katalog.offentliggoer(data.midt, OFFENTLIGT_AAR, None)
    assert fejl.value.mangler == [
        ("Aarhus Kommune", "Solhaven", "Dagtilbud"),
        ("Randers Kommune", "Kildebakken", "Aktivitetstilbud"),
    ]
    assert str(fejl.value) == (
        "Kataloget for 2017 er ikke offentliggjort: 2 ydelser i kataloget har ingen takst: "
        "Solhaven – Dagtilbud (Aarhus Kommune); Kildebakken – Aktivitetstilbud (Randers Kommune). "
        "Hver ydelse, der udbydes, skal have en takst over 0 kr. Ret taksterne (genåbn "
        "indberetningen, hvis den er indsendt), eller indberet 0 pladser for en ydelse, der ikke "
        "udbydes, og offentliggør igen."
    )
    assert list(Katalog.objects.filter(aar=OFFENTLIGT_AAR).values_list("version", flat=True)) == [1]


def test_siden_viser_hvorfor_og_gemmer_intet(data: Registerdata) -> None:
    Ydelsesaar.objects.filter(ydelse=data.dagtilbud, aar=OFFENTLIGT_AAR).update(takst=None)
    c = Client()
    c.force_login(data.bruger("sekretariat"))
    svar = c.post(
        reverse("katalog:katalog_offentliggoer", args=[OFFENTLIGT_AAR]), {"rammeaftale": "midtjylland"}
    )
    url = reverse("indberetning:indberetning_oversigt", args=[OFFENTLIGT_AAR]) + "?rammeaftale=midtjylland"
    assert (svar.status_code, svar["Location"]) == (302, url)
    html = c.get(url).content.decode()
    assert "Kataloget for 2017 er ikke offentliggjort: 1 ydelse i kataloget har ingen takst: " in html
    assert "Solhaven – Dagtilbud (Aarhus Kommune)" in html
    assert Katalog.objects.filter(aar=OFFENTLIGT_AAR).count() == 1  # only the registerdata's version 1


def test_hvad_kataloget_udelader_kraever_ingen_takst(data: Registerdata) -> None:
    """0 places (not offered), no figures for the year (not there yet), a closed offer and an
    operator without a submitted report need no rate: they are not in the catalogue."""
    Ydelsesaar.objects.filter(ydelse=data.dagtilbud, aar=OFFENTLIGT_AAR).update(pladser=0, takst=None)
    ny = Ydelse.objects.create(tilbud=data.solhaven, navn="Ny ydelse", pladstype="dag", takstenhed="dag")
    lukket = Tilbud.objects.create(
        navn="Lukket", driftsherre=data.aarhus, paragraf="SEL § 104", lukket_fra=date(2016, 12, 31)
    )
    y = Ydelse.objects.create(tilbud=lukket, navn="Dag", pladstype="dag", takstenhed="dag")
    Ydelsesaar.objects.create(ydelse=y, aar=OFFENTLIGT_AAR, pladser=Decimal(5))
    regionens = Tilbud.objects.create(navn="Regionens", driftsherre=data.region, paragraf="SEL § 108")
    y = Ydelse.objects.create(tilbud=regionens, navn="Døgn", pladstype="doegn", takstenhed="doegn")
    Ydelsesaar.objects.create(ydelse=y, aar=OFFENTLIGT_AAR, pladser=Decimal(5))  # no report: missing

    k = katalog.offentliggoer(data.midt, OFFENTLIGT_AAR, None)
    i = Katalogindhold.laes(k.indhold)
    assert {(t.navn, y.navn, y.takst) for t in i.tilbud for y in t.ydelser} == {
        ("Solhaven", "Længerevarende botilbud", Decimal("1734.56")),
        ("Kildebakken", "Aktivitetstilbud", Decimal("455.00")),
    }
    assert ny.navn not in {y.navn for t in i.tilbud for y in t.ydelser}
    assert [m.navn for m in i.mangler] == ["Region Midtjylland"]


# --- the demo's catalogues and the rise check ---------------------------------------------------


def _ydelsesaar(tilbud: str, ydelse: str) -> dict[int, Ydelsesaar]:
    return {a.aar: a for a in Ydelsesaar.objects.filter(ydelse__tilbud__navn=tilbud, ydelse__navn=ydelse)}


def _doegntakst(pris: Decimal, doegn: int, dag: int, pl: Decimal = Decimal(1)) -> Decimal:
    """A 24-hour service's rate from its operator's printed average price per year-place, as
    worked in the module's docstring."""
    return _kr(pris * 5 * (doegn + dag) / (5 * doegn + 2 * dag) / 365 * pl)


def test_de_haandregnede_takster(demo: None) -> None:
    viborg = _ydelsesaar("Det socialpsykiatriske center Skovhegnet", "Længerevarende botilbud § 108")
    assert (viborg[2016].takst, viborg[2017].takst, viborg[2018].takst) == (952, 971, 1185)
    herning = _ydelsesaar("Døgninstitutionen Rosehøjen", "Døgnophold § 67")
    assert (herning[2017].takst, herning[2018].takst) == (1382, 1392)
    # the same from the printed figures, by the formula of the docstring
    assert _doegntakst(Decimal(244316) / PL, 349, 374) == 952
    assert _doegntakst(Decimal(244316) / PL, 349, 374, PL) == 971
    assert _doegntakst(Decimal(270768), 355, 538, PL) == 1185
    assert _doegntakst(Decimal(295560) / PL, 451, 1004, PL) == 1382
    assert _doegntakst(Decimal(284196), 310, 780, PL) == 1392
    assert viborg[2017].kilde_tekst.endswith("; takst: regnskab 2016 pr. brugt dag + P/L 2017")
    assert viborg[2016].kilde_tekst.endswith(
        "; takst: årets regnskab pr. brugt dag (ingen regnskab året før)"
    )


def test_stigningen_markeres_hvor_den_skal(demo: None) -> None:
    viborg = Driftsherre.objects.get(navn="Viborg Kommune")
    r = Indberetningsdata.hent(viborg, 2018).valider()
    assert r.tilladt_udvikling_pct == Decimal("1.25")
    assert r.kan_indsendes  # submitted: its rises are justified
    linje = next(
        linje
        for linje in r.linjer
        if linje.tilbud == "Det socialpsykiatriske center Skovhegnet"
        and linje.ydelse == "Længerevarende botilbud § 108"
    )
    assert (linje.takst, linje.takst_sidste_aar) == (Decimal("1185.00"), Decimal("971.00"))
    assert linje.udvikling_pct is not None
    assert linje.udvikling_pct.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("22.04")
    assert linje.markeret and linje.begrundet
    fund = r.fund_for(linje.ref)
    assert [f.tekst for f in fund] == [
        "Det socialpsykiatriske center Skovhegnet – Længerevarende botilbud § 108: taksten stiger "
        "22,04 % fra 971,00 kr. til 1.185,00 kr.; det er mere end den tilladte udvikling på 1,25 % "
        "(begrundet)."
    ]
    herning = Driftsherre.objects.get(navn="Herning Kommune")
    r = Indberetningsdata.hent(herning, 2018).valider()
    linje = next(
        linje
        for linje in r.linjer
        if linje.tilbud == "Døgninstitutionen Rosehøjen" and linje.ydelse == "Døgnophold § 67"
    )
    assert (linje.takst, linje.takst_sidste_aar) == (Decimal("1392.00"), Decimal("1382.00"))
    assert linje.udvikling_pct is not None
    assert linje.udvikling_pct.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("0.72")
    assert not linje.markeret
    assert r.kan_indsendes and not r.markeringer  # Herning's prices fell: nothing flagged

    c = Client()
    c.force_login(User.objects.get(username="sekretariat"))
    html = c.get(reverse("indberetning:indberetning", args=[viborg.pk, 2018])).content.decode()
    assert "Takststigninger ud over den tilladte udvikling" in html
    assert "taksten stiger 22,04 % fra 971,00 kr. til 1.185,00 kr." in html


def test_demoens_kataloger_har_takster_og_kategorier(demo: None) -> None:
    kataloger = {k.aar: Katalogindhold.laes(k.indhold) for k in Katalog.objects.all()}
    assert set(kataloger) == {2016, 2017}
    for aar, i in kataloger.items():
        ydelser = [(t, y) for t in i.tilbud for y in t.ydelser]
        assert len(ydelser) > 250, aar
        assert all(y.takst is not None and y.takst > 0 for _, y in ydelser), aar
        assert not i.mangler
    # 2017: the engine's categories on the 2016 use; 2016: the rulebook has no rule for it
    assert {t.kategori for t in kataloger[2017].tilbud} == {
        "Omfattet af rammeaftalen",
        "Lokalt tilbud",
    }
    assert {t.kategori for t in kataloger[2016].tilbud} == {""}
    skovhegnet = next(
        t for t in kataloger[2017].tilbud if t.navn == "Det socialpsykiatriske center Skovhegnet"
    )
    assert skovhegnet.kategori == "Omfattet af rammeaftalen"
    assert {y.navn: y.takst for y in skovhegnet.ydelser} == {
        "Længerevarende botilbud § 108": Decimal("971.00"),
        "Aktivitets- og samværstilbud § 104": Decimal("388.00"),
    }
    # a budget offer has no 2016–2017 figures: not in those catalogues
    for i in kataloger.values():
        assert "Solbakken" not in {t.navn for t in i.tilbud}

    laeser = Client()
    laeser.force_login(User.objects.get(username="laeser"))
    side = reverse("katalog:katalog", args=["midtjylland", 2017]) + "?soeg=Skovhegnet"  # 50 rows a page
    html = laeser.get(side).content.decode()
    tekst = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "971,00 kr. pr. døgn" in tekst and "Omfattet af rammeaftalen" in html


def test_kategorien_2017_er_motorens_paa_forbruget_2016(demo: None) -> None:
    t = Tilbud.objects.get(navn="Det socialpsykiatriske center Skovhegnet")
    k = Kategorisering.objects.get(tilbud=t, aar=2017)
    assert k.kategori == "omfattet" and k.spor["aar"] == 2017
    brugt = sum((p.aarspladser for p in Pladskoeb.objects.filter(tilbud=t, aar=2016)), Decimal(0))
    assert brugt > 0 and Decimal(k.spor["forbrug_i_alt"]) == brugt
    assert Decimal(k.spor["takst"]) == Decimal("971")  # the offer's highest 2017 rate
    assert not Kategorisering.objects.filter(aar=2016).exists()
