"""The published catalogue ("tilbud og takster"): publishing freezes a snapshot of the
submitted and approved reports; the page, the Excel file and the PDF show it.

The world is the one of test_indberetning_web: Region Midtjylland's Solbakken reports
2.400,00 kr. (§ 108) and 1.830,00 kr. (Aflastning) for 2019 and is approved; Randers'
Værkstedet Kilden reports 950,50 kr. and is submitted but not approved; Viborg has only a
draft and is listed as missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from openpyxl import load_workbook
from test_indberetning_web import AAR, Verden, byg_verden

from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.io.excel.katalog import KR_FORMAT
from socialstyring.web.katalog import selectors as katalog
from socialstyring.web.register.models import Katalog, Kategorisering, Takstindberetning, Ydelse, Ydelsesaar

pytestmark = pytest.mark.django_db

TITEL = "Tilbud og takster 2019 – Rammeaftale Midtjylland"


def _aarstal(y: Ydelse, pladser: str, belaegning: str, takst: str) -> None:
    Ydelsesaar.objects.update_or_create(
        ydelse=y,
        aar=AAR,
        defaults={
            "pladser": Decimal(pladser),
            "budgetteret_belaegning_pct": Decimal(belaegning),
            "takst": Decimal(takst),
        },
    )


@pytest.fixture
def verden() -> Verden:
    v = byg_verden()
    _aarstal(v.botilbud, "24", "97", "2400")
    _aarstal(v.aflastning, "2", "85", "1830")
    _aarstal(v.kilden, "30", "96.5", "950.50")
    Takstindberetning.objects.create(driftsherre=v.region, aar=AAR, status="godkendt")
    Takstindberetning.objects.create(driftsherre=v.randers, aar=AAR, status="indsendt")
    Takstindberetning.objects.create(driftsherre=v.viborg, aar=AAR, status="udkast")
    Kategorisering.objects.create(tilbud=v.botilbud.tilbud, aar=AAR, beregnet=Kategori.OMFATTET)
    return v


def _klient(navn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=navn))
    return c


def _offentliggoer(klient: Client | None = None) -> str:
    """Publish as the secretariat does: the button, a second look, the confirmation."""
    klient = klient or _klient("sekretariat")
    url = reverse("katalog:katalog_offentliggoer", args=[AAR])
    forhaand = klient.post(url, {"rammeaftale": "midtjylland"})
    assert forhaand.status_code == 200, forhaand.content.decode()[:2000]
    svar = klient.post(url, formulardata(forhaand.content.decode(), url))
    assert svar.status_code == 302, svar.content.decode()[:2000]
    return str(svar["Location"])


def test_offentliggoerelsen_vises_foerst_og_afvises_hvis_grundlaget_aendres(verden: Verden) -> None:
    """The second look says what will be published and who is missing; if a report changes
    between the look and the confirmation, nothing is published."""
    klient = _klient("sekretariat")
    url = reverse("katalog:katalog_offentliggoer", args=[AAR])
    forhaand = klient.post(url, {"rammeaftale": "midtjylland"}).content.decode()
    assert not Katalog.objects.exists()  # nothing before the confirmation
    assert f"Offentliggør kataloget for {AAR}" in forhaand
    assert "Kataloget kan ikke trækkes tilbage; det kan kun afløses af en ny version." in forhaand
    assert "har ikke indsendt; de står i kataloget som manglende" in forhaand
    bekraeftelse = formulardata(forhaand, url)
    _aarstal(verden.botilbud, "24", "97", "2500")  # a figure changes after the look
    svar = klient.post(url, bekraeftelse, follow=True)
    assert "indberetningerne er ændret, efter du så forhåndsvisningen" in svar.content.decode()
    assert not Katalog.objects.exists()


def _side(query: str = "") -> str:
    return reverse("katalog:katalog", args=["midtjylland", AAR]) + query


def _html(klient: Client, url: str) -> str:
    svar = klient.get(url)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return svar.content.decode()


def _tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_offentliggoer_fryser_et_oejebliksbillede(verden: Verden) -> None:
    assert _offentliggoer() == _side()
    k = Katalog.objects.get()
    assert k.version == 1 and k.aar == AAR and k.offentliggjort_af == User.objects.get(username="sekretariat")
    i = k.indhold
    assert i["titel"] == TITEL
    assert [d["navn"] for d in i["driftsherrer"]] == ["Randers Kommune", "Region Midtjylland"]
    assert i["mangler"] == [{"navn": "Viborg Kommune", "status": "udkast"}]
    # by operator, then offer; the closed offer is left out
    assert [t["navn"] for t in i["tilbud"]] == ["Værkstedet Kilden", "Solbakken"]
    solbakken = i["tilbud"][1]
    assert solbakken["kategori"] == "Omfattet af rammeaftalen"
    assert solbakken["indberetning"] == "godkendt"
    assert [(y["navn"], y["takst"], y["pladser"]) for y in solbakken["ydelser"]] == [
        ("Aflastning", "1830.00", "2.00"),
        ("Længerevarende botilbud § 108", "2400.00", "24.00"),
    ]


def test_katalogsiden_for_alle_roller_i_aftalen(verden: Verden) -> None:
    _offentliggoer()
    for navn in ("laeser", "randers", "region", "sekretariat"):
        html = _html(_klient(navn), _side())
        assert f"<h1>{TITEL}</h1>" in html
        tekst = _tekst(html)  # a rate and its unit, once: '2.400,00 | kr. pr. døgn'
        assert "2.400,00 kr. pr. døgn" in tekst and "1.830,00 kr. pr. døgn" in tekst
        assert "950,50 kr. pr. dag" in tekst and "kr. kr." not in tekst
        assert "96,5 %" in html and "Omfattet af rammeaftalen" in html
        assert "Version 1" in html and "Offentliggjort" in html
        assert "Indsendt, ikke godkendt" in html  # Randers' report
        assert re.search(r"<li>Viborg Kommune <span[^>]*>\(udkast\)</span></li>", html)
        assert ("Offentliggør en ny version" in html) == (navn == "sekretariat")
    assert _klient("syd_sekretariat").get(_side()).status_code == 404  # another agreement's: not there
    assert Client().get(_side()).status_code == 302


def test_intet_katalog_giver_404_og_kun_sekretariatet_offentliggoer(verden: Verden) -> None:
    assert _klient("laeser").get(_side()).status_code == 404
    url = reverse("katalog:katalog_offentliggoer", args=[AAR])
    for navn in ("laeser", "region"):
        assert _klient(navn).post(url, {"rammeaftale": "midtjylland"}).status_code == 403
    assert _klient("syd_sekretariat").post(url, {"rammeaftale": "midtjylland"}).status_code == 404
    assert _klient("sekretariat").get(url).status_code == 405
    assert not Katalog.objects.exists()
    assert (
        _klient("laeser").get(reverse("katalog:katalog_excel", args=["midtjylland", AAR])).status_code == 404
    )
    assert _klient("laeser").get(reverse("katalog:katalog", args=["fyn", AAR])).status_code == 404


def test_ny_version_og_aeldre_versioner_er_uaendrede(verden: Verden) -> None:
    _offentliggoer()
    _aarstal(verden.botilbud, "24", "97", "2500")
    laeser = _klient("laeser")
    assert "2.400,00 kr." in _tekst(_html(laeser, _side()))  # the published snapshot does not move
    # The secretariat approves Randers and publishes again: version 2 has the new figures.
    Takstindberetning.objects.filter(driftsherre=verden.randers).update(status="godkendt")
    _offentliggoer()
    assert list(Katalog.objects.order_by("version").values_list("version", flat=True)) == [1, 2]
    html = _html(laeser, _side())
    assert "Version 2" in html and "2.500,00 kr." in _tekst(html) and "2.400,00 kr." not in _tekst(html)
    assert "Indsendt, ikke godkendt" not in html
    html = _html(laeser, _side("?version=1"))
    assert "Version 1 (ikke den seneste)" in html and "2.400,00 kr." in _tekst(html)
    assert laeser.get(_side("?version=7")).status_code == 404
    assert laeser.get(_side("?version=x")).status_code == 400  # unreadable: a Danish 400 page


def test_excel_har_tallene(verden: Verden) -> None:
    _offentliggoer()
    svar = _klient("laeser").get(reverse("katalog:katalog_excel", args=["midtjylland", AAR]))
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="tilbud-og-takster-midtjylland-2019-v1.xlsx"' in svar["Content-Disposition"]
    bog = load_workbook(BytesIO(svar.content))
    ark = bog["Tilbud og takster"]
    assert ark["A1"].value == TITEL
    assert str(ark["A2"].value).startswith("Offentliggjort ") and str(ark["A2"].value).endswith(", version 1")
    raekker = {r[5]: r for r in ark.iter_rows(min_row=6, values_only=True)}
    botilbud = raekker["Længerevarende botilbud § 108"]
    assert botilbud[:5] == ("Region Midtjylland", "Solbakken", "SEL § 108", None, "Omfattet af rammeaftalen")
    assert botilbud[7] == 24 and botilbud[8] == 97 and botilbud[9] == 2400
    assert botilbud[10] == "kr. pr. døgn" and botilbud[11] == "Godkendt"
    assert raekker["Aktivitets- og samværstilbud § 104"][9] == pytest.approx(950.5)
    # the rate cell is a number shown the Danish way in a Danish Excel: 2.400,00 kr.
    celle = next(c for c in ark["J"] if c.value == 2400)
    assert celle.number_format == KR_FORMAT
    assert [r for r in bog["Mangler"].iter_rows(min_row=3, values_only=True)] == [
        ("Viborg Kommune", "Udkast")
    ]


def _pdf_titler(pdf: bytes) -> list[str]:
    """The /Title strings of a PDF (document info and bookmarks), from its compressed streams."""
    titler = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for t in re.finditer(rb"/Title\s*<([0-9A-Fa-f]+)>", data):
            titler.append(bytes.fromhex(t.group(1).decode()).decode("utf-16"))
    return titler


def test_pdf_har_titel_og_tal(verden: Verden, tmp_path: Path) -> None:
    _offentliggoer()
    svar = _klient("randers").get(reverse("katalog:katalog_pdf", args=["midtjylland", AAR]))
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert 'filename="tilbud-og-takster-midtjylland-2019-v1.pdf"' in svar["Content-Disposition"]
    assert svar.content.startswith(b"%PDF")
    assert TITEL in _pdf_titler(svar.content)
    if shutil.which("pdftotext") is None:
        return  # the text itself needs pdftotext (poppler-utils)
    fil = tmp_path / "katalog.pdf"
    fil.write_bytes(svar.content)
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(fil), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TITEL in tekst
    assert re.search(r"2\.400,00\s+kr\. pr\. døgn", tekst) and re.search(r"950,50\s+kr\. pr\. dag", tekst)
    assert "version 1" in tekst


def test_pdf_html_har_tallene(verden: Verden) -> None:
    """The HTML that WeasyPrint gets: the same figures as the page, Danish format."""
    _offentliggoer()
    from django.template.loader import render_to_string

    html = render_to_string("katalog/katalog_pdf.html", {"katalog": katalog.visning(Katalog.objects.get())})
    assert f"<title>{TITEL}</title>" in html
    assert "2.400,00 kr. pr. døgn" in _tekst(html) and "96,5 %" in html and "Viborg Kommune (udkast)" in html


def test_katalog_uden_indsendte_indberetninger(verden: Verden) -> None:
    Takstindberetning.objects.all().delete()
    _offentliggoer()
    i = Katalog.objects.get().indhold
    assert i["tilbud"] == [] and [m["status"] for m in i["mangler"]] == ["ikke_paabegyndt"] * 3
    html = _html(_klient("laeser"), _side())
    assert "Kataloget indeholder ingen tilbud" in html and "(ikke påbegyndt)" in html


def test_ydelse_med_0_pladser_udbydes_ikke_og_er_ikke_i_kataloget(verden: Verden) -> None:
    _aarstal(verden.aflastning, "0", "85", "1830")
    _offentliggoer()
    solbakken = next(t for t in Katalog.objects.get().indhold["tilbud"] if t["navn"] == "Solbakken")
    assert [y["navn"] for y in solbakken["ydelser"]] == ["Længerevarende botilbud § 108"]
    html = _html(_klient("sekretariat"), reverse("indberetning:indberetning", args=[verden.region.pk, AAR]))
    assert "Udbydes ikke" in html and "1 af 1 ydelser er prissat." in html
