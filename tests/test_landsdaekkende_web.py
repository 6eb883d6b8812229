"""Objectively financed national offers on the page (web/landsdaekkende), on the demo's
Kofoedsminde: Silkeborg Kommune's agenda item (DASSOS-møde 15. august 2018) prints 2014–2017
and the announced 2019 charge; the pages show them calculated beside the printed figures."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud

pytestmark = pytest.mark.django_db


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=brugernavn))
    return c


def _kofoedsminde() -> LandsdaekkendeTilbud:
    return LandsdaekkendeTilbud.objects.get(navn="Kofoedsminde")


def test_tabellen_viser_dokumentets_tal(demo: None) -> None:
    t = _kofoedsminde()
    html = _klient("laeser").get(f"/landsdaekkende/{t.pk}/").content.decode()
    # the agenda item's table: Silkeborg per inhabitant, Midtjylland, national total
    for aar, pr, midt, land in (
        (2014, "14,19", "18.125.096", "79.836.510"),
        (2015, "20,92", "26.831.386", "118.384.719"),
        (2016, "23,09", "29.858.603", "131.763.206"),
        (2017, "27,79", "36.248.047", "159.770.878"),
    ):
        raekke = html.split(f'id="aar-{aar}"')[1].split("</tr>")[0]
        assert raekke.count(pr) == 2 and raekke.count(midt) == 2 and raekke.count(land) == 2, aar
        assert "Ingen" in raekke
    # 2019: 34,22 kr. announced; 34,22 × 5.806.081 = 198.684.091,82 kr. calculated, not printed
    raekke = html.split('id="aar-2019"')[1].split("</tr>")[0]
    assert "198.684.091,82 (beregnet)" in raekke and "45.193.601" in raekke
    assert 'data-menu="landsdaekkende"' in html


def test_et_aar_med_spor_excel_og_pdf(demo: None) -> None:
    t = _kofoedsminde()
    c = _klient("randers_kommune")
    html = c.get(f"/landsdaekkende/{t.pk}/2017/").content.decode()
    assert 'data-spor="landsdaekkende.kr_pr_indbygger"' in html and "27,79 kr." in html
    assert "De trykte tal er de beregnede." in html
    assert "Ret årets tal" not in html  # only the secretariat enters
    svar = c.get(f"/landsdaekkende/{t.pk}/2017/excel/")
    ark = load_workbook(BytesIO(svar.content))["Beregning"]
    vaerdier = {r[0]: r[1] for r in ark.iter_rows(values_only=True) if r and r[0]}
    assert vaerdier["Objektiv finansiering pr. indbygger"] == pytest.approx(27.79)
    assert vaerdier["Kommunerne i Region Midtjylland i alt"] == 36248047
    assert c.get(f"/landsdaekkende/{t.pk}/2017/pdf/")["Content-Type"] == "application/pdf"
    assert c.get(f"/landsdaekkende/{t.pk}/2018/").status_code == 404  # no 2018 in the document


def test_sekretariatet_indtaster_et_aar_med_trykt_tal_der_afviger(demo: None) -> None:
    """A hand-worked year: 100.000.000 kr. budget for 40 places, 42 used, 112.000.000 kr. spent
    in 2019: 5.000.000 for the 2 extra places, a deficit of 7.000.000 of which the operator bears
    5 % of the budget (5.000.000): 107.000.000 kr. to finance; with 5.000.000 inhabitants
    21,40 kr. each. A printed 21,50 kr. is shown beside it."""
    t = _kofoedsminde()
    LandsdaekkendeAar.objects.filter(tilbud=t, aar=2019).delete()
    c = _klient("sekretariat")
    assert _klient("aarhus").get(f"/landsdaekkende/{t.pk}/2019/rediger/").status_code == 403
    data = {
        "version": "0", "budget": "100.000.000", "finansierede_pladser": "40", "belagte_pladser": "42",
        "udgift": "112.000.000", "indbyggere_landet": "5000000", "trykt_kr_pr_indbygger": "21,50",
        "kilde": "Håndregnet eksempel",
    }  # fmt: skip
    svar = c.post(f"/landsdaekkende/{t.pk}/2019/rediger/", data)
    assert svar.status_code == 302, svar.content.decode()[:2000]
    html = c.get(f"/landsdaekkende/{t.pk}/2019/").content.decode()
    for tal in ("5.000.000,00 kr.", "-7.000.000,00 kr.", "-5.000.000,00 kr.", "2.000.000,00 kr.",
                "107.000.000,00 kr.", "21,40 kr."):  # fmt: skip
        assert tal in html, tal
    afvigelser = html.split('id="afvigelser"')[1]
    assert "21,5" in afvigelser and "21,4" in afvigelser
    post = LandsdaekkendeAar.objects.get(tilbud=t, aar=2019)
    assert post.history.count() == 1

    # a page opened before another save is refused, nothing written
    foraeldet = {**data, "version": "0", "udgift": "90.000.000"}
    svar = c.post(f"/landsdaekkende/{t.pk}/2019/rediger/", foraeldet)
    post.refresh_from_db()
    assert svar.status_code == 302 and post.udgift == 112_000_000 and post.version == 1


def test_kun_et_udgangspunkt(demo: None) -> None:
    t = _kofoedsminde()
    svar = _klient("sekretariat").post(
        f"/landsdaekkende/{t.pk}/2020/rediger/",
        {"version": "0", "landsplan_i_alt": "100", "kr_pr_indbygger": "1", "indbyggere_landet": "100"},
    )
    assert svar.status_code == 400
    assert "præcis ét udgangspunkt" in svar.content.decode()
    assert not LandsdaekkendeAar.objects.filter(tilbud=t, aar=2020).exists()
