"""The companion-purchase calculator on the page (web/ledsagelse): Principper for tilkøb af
ledsagelse under ferie (DASSOS-møde 15. august 2018, bilag 9) and its worked example (bilag 2)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

TUR = "start=2018-09-03T10%3A00&slut=2018-09-04T10%3A30&medarbejdere=1&beboere=1&besparelse_pr_time=0"


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=brugernavn))
    return c


def test_eksemplet_trykt_og_beregnet(demo: None) -> None:
    """Without a trip the page shows bilag 2's: overhead 6,1 % of 12.443,10 = 759,03 kr. (printed
    753,02), own payment 14.666,29 kr. (printed 14.660,28)."""
    html = _klient("randers_kommune").get("/ledsagelse/midtjylland/").content.decode()
    assert 'data-spor="ledsagelse.egenbetaling"' in html
    egen = html.split('id="egenbetaling"')[1].split("</td>")[0]
    assert "14.666,29 kr." in egen
    sammenligning = html.split('id="sammenligning"')[1].split("</table>")[0]
    assert "753,02" in sammenligning and "759,03" in sammenligning and "-6,01" in sammenligning
    assert "14.660,28" in sammenligning and "kommer fra overhead" in sammenligning
    assert 'data-menu="ledsagelse"' in html


def test_en_tur_med_excel_og_pdf(demo: None) -> None:
    """Monday 10.00 – Tuesday 10.30, 1 staff (worked by hand in
    tests/cases/ledsagelse_et_doegn_og_en_halv_time_2018.yaml): 3.509,23 kr."""
    c = _klient("aarhus")
    html = c.get(f"/ledsagelse/midtjylland/?{TUR}").content.decode()
    assert "3.509,23 kr." in html.split('id="pris"')[1].split("</td>")[0]
    ark = load_workbook(BytesIO(c.get(f"/ledsagelse/midtjylland/excel/?{TUR}").content))
    vaerdier = {r[0]: r[1] for r in ark["Beregning"].iter_rows(values_only=True) if r and r[0]}
    assert vaerdier["I alt (prisen for ledsagelsen)"] == pytest.approx(3509.23)
    assert "Bilag 2" in ark.sheetnames
    assert c.get(f"/ledsagelse/midtjylland/pdf/?{TUR}")["Content-Type"] == "application/pdf"


def test_ugyldig_tur(demo: None) -> None:
    svar = _klient("laeser").get(
        "/ledsagelse/midtjylland/?start=2018-09-04T10%3A00&slut=2018-09-03T10%3A00&medarbejdere=1&beboere=1"
        "&besparelse_pr_time=0"
    )
    assert svar.status_code == 400
    assert "Turens slut skal ligge efter dens start." in svar.content.decode()
