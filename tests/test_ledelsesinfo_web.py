"""Management information A–E on the web, in Excel and in PDF, and who may see it.

The demo database (`indlaes_demo`: Region Midtjylland 2016–2017 as seed 004 printed it,
both years' catalogues published, 2018 being reported) through Django's test client:

- the overview: observations, flagged offers linked to the register, the P/L factor with
  its rule, key figures with their traces, charts, and the comparison with seed 004 (every
  inconsistency with its explanation);
- the tables: Danish headings and number format (Favrskov Kommune's printed 377.520 and
  7,2 %), totals, the printed figure next to a computed one that differs, sortable
  columns (data-sorter / data-vaerdi) and a trace behind every figure;
- the Excel workbook (opened with openpyxl: the seed's figures as numbers), the PDF report
  (page count and its bookmarks read from the file), the charts and the JSON;
- access: the agreement's secretariat always, its readers and operators once both years
  are published, another agreement's users 404, anonymous users the login page.

The pure builders (tables' headings, charts, workbook) are also tested on the hand-worked
case file, without a database.
"""

from __future__ import annotations

import json
import re
import time
import zlib
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.beregning.ledelsesinfo import Ledelsesinfo, Ledelsesinfogrundlag, beregn_ledelsesinfo
from socialstyring.demo.indlaes import PUBLIKATION
from socialstyring.io import diagrammer
from socialstyring.io.cases import laes_case
from socialstyring.io.excel.ledelsesinfo import byg_excel
from socialstyring.io.ledelsesinfo_tabeller import kolonne, kolonner
from socialstyring.regler import regelbog
from socialstyring.web.ledelsesinfo.selectors import aarpar as ledelsesinfo_aarpar
from socialstyring.web.register.models import Brugerprofil, Rammeaftale, Rolle, Tilbud

CASE = Path(__file__).parent / "cases" / "ledelsesinfo_midtjylland_2018_2019_haandregnet.yaml"
ARGS = ["midtjylland", 2016, 2017]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(navn: str, *ekstra: str, args: list[str | int] | None = None) -> str:
    return reverse(f"ledelsesinfo:{navn}", args=[*(args or ARGS), *ekstra])


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _html(klient: Client, url: str, status: int = 200) -> str:
    svar = klient.get(url)
    assert svar.status_code == status, (url, svar.status_code, svar.content.decode()[:1500])
    return svar.content.decode()


def _tekst(html: str) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


# --- the pages ------------------------------------------------------------------------------


def test_oversigten(demo: None) -> None:
    klient = _klient("sekretariat")
    start = time.perf_counter()
    html = _html(klient, _url("ledelsesinfo"))
    print(f"\noversigt: {time.perf_counter() - start:.2f} s")
    tekst = _tekst(html)
    assert "Ledelsesinformation 2016–2017" in tekst and "Rammeaftale Midtjylland" in tekst
    # the observations, as the engine writes them
    assert (
        "Største ændringer i gennemsnitspris pr. plads 2016–2017 (faste priser): Holstebro Kommune +17,9 %"
        in tekst
    )
    assert "Ingen belægning i 2017, så ingen takstudvikling: Hedensted Kommune." in tekst
    assert "Samlet takstudvikling 2016–2017: +1,2 %." in tekst
    # flagged offers link to the register
    baekly = Tilbud.objects.get(navn="Den sikrede institution Bækly")
    assert f'href="{reverse("register:tilbud", args=[baekly.pk])}"' in html
    assert "Tilbud med afvigende belægning 2017 (23, største afvigelse først)" in tekst
    # the P/L factor with its rule (an assumption in the demo rulebook)
    assert (
        "P/L-faktor 1,02 (2016-beløb i 2017-priser; KL's pris- og lønskøn for serviceudgifter 2017 = 2,0 %,"
        " antaget)" in tekst
    )
    assert 'data-spor="pl_faktor"' in html and 'id="trin-pl_faktor"' in html
    # key figures, each opening its trace
    assert 'data-spor="A.i_alt.udvikling"' in html and 'id="trin-A.i_alt.udvikling"' in html
    # links to every table, the downloads and the charts
    for t in "ABCDE":
        assert f'href="{_url("ledelsesinfo_tabel", t)}"' in html
    for navn in ("ledelsesinfo_excel", "ledelsesinfo_pdf", "ledelsesinfo_json"):
        assert f'href="{_url(navn)}"' in html
    for d in diagrammer.DIAGRAMMER:
        assert f'src="{_url("ledelsesinfo_diagram", d)}"' in html
    # the comparison with the published figures is the secretariat's check, a page of its own
    assert "uoverensstemmelse" not in tekst and "trykt" not in tekst
    assert f'href="{_url("ledelsesinfo_kontrol")}"' in html
    assert f"Sekretariatets kontrol af tabellerne mod {PUBLIKATION}" in tekst
    # the menu and the front page lead here
    assert f'href="{_url("ledelsesinfo")}"' in html and 'data-menu="ledelsesinfo"' in html
    forside = _html(klient, reverse("faelles:forside"))
    assert (
        f'<p id="ledelsesinfo-link"><a href="{_url("ledelsesinfo")}">Ledelsesinformation 2016–2017</a>'
        in forside
    )


def test_tabellerne(demo: None) -> None:
    klient = _klient("sekretariat")
    start = time.perf_counter()
    html = _html(klient, _url("ledelsesinfo_tabel", "A"))
    print(f"\ntabel A: {time.perf_counter() - start:.2f} s")
    tekst = _tekst(html)
    for overskrift in (
        "Belægning 2016 (årspladser)",
        "Regnskab 2016 (t.kr., 2017-priser)",
        "Gns. pris pr. plads 2016 (kr., 2017-priser)",
        "Belægning 2017 (årspladser)",
        "Regnskab 2017 (t.kr.)",
        "Gns. pris pr. plads 2017 (kr.)",
        "Takstudvikling %",
    ):
        assert overskrift in tekst
    favrskov = tekst.split("Favrskov Kommune", 1)[1].split("Hedensted Kommune", 1)[0].split()
    assert favrskov[:8] == ["287,9", "108.672", "377.520", "292,4", "118.332", "404.693", "7,2", "%"]
    # the committee's table: the computed figures, no printed ones beside them (that is the check)
    assert "Hovedtotal 11.852,3 " in tekst and "⚑" not in tekst
    assert "4.645.132" in tekst and "trykt" not in tekst and "4.645.131" not in tekst
    # sortable: every heading a button, every figure its unrounded value
    assert html.count('data-sorter="tal"') == 7 and 'data-sorter="tekst"' in html
    assert "data-sorterbar" in html and 'data-vaerdi="377520"' in html and 'data-vaerdi="-5.5"' in html
    assert 'data-vaerdi="-100.0"' not in html  # Hedensted: no occupancy in 2017, no development
    assert "<tfoot>" in html.split("Hovedtotal")[0]  # the total stays under the sorted rows
    # every figure opens its trace; the price of 2016 goes back to the P/L rule
    assert 'data-spor="A.favrskov_kommune.2016"' in html and 'id="trin-A.favrskov_kommune.2016"' in html
    assert 'id="trin-pl_faktor"' in html and "pris- og lønskøn for serviceudgifter, stigning" in html
    forklaringer = json.loads(
        html.split('id="spor-forklaringer" type="application/json">')[1].split("</script>")[0]
    )
    assert forklaringer["A.favrskov_kommune.2016"] == ["pl_faktor", "A.favrskov_kommune.2016"]
    # operators link to their offers in the register
    assert f'href="{reverse("register:tilbud_liste")}?driftsherre=' in html

    b = _tekst(_html(klient, _url("ledelsesinfo_tabel", "B")))
    assert "Over-/underskud 2016 (t.kr., 2017-priser)" in b and "-31.583" in b and "trykt" not in b
    d = _tekst(_html(klient, _url("ledelsesinfo_tabel", "D")))
    assert "Døgn 2016 (%)" in d and "Samlet 2017 (%)" in d
    assert "85,0 %" in d and "83,7 %" not in d  # børn og unge, samlet 2016 (printed: 83,7 %)
    e_html = _html(klient, _url("ledelsesinfo_tabel", "e"))  # the table's letter in either case
    e = _tekst(e_html)
    assert "Døgnpladser 2016" in e and "Dagpladser 2017" in e
    assert e_html.count("data-sorterbar") == 9  # 8 target groups and 'I alt', each its own table
    assert "<caption>I alt</caption>" in e_html and "<caption>Forsorgshjem</caption>" in e_html
    assert "Pladser pr. målgruppe" in e  # the table's chart
    assert klient.get(_url("ledelsesinfo_tabel", "F")).status_code == 404


def test_andre_aar_uden_offentliggjorte_tal(demo: None) -> None:
    """2017–2018 (no accounts for 2018): the page says so and has nothing to compare with."""
    aftale = Rammeaftale.objects.get(kode="midtjylland")
    assert ledelsesinfo_aarpar(aftale) == [(2016, 2017)]
    klient = _klient("sekretariat")
    args: list[str | int] = ["midtjylland", 2017, 2018]
    tekst = _tekst(_html(klient, _url("ledelsesinfo", args=args)))
    assert "Der er ingen regnskabstal for 2018 i Rammeaftale Midtjylland" in tekst
    assert "Kontrol mod offentliggjorte tal" not in tekst
    kontrol = _tekst(_html(klient, _url("ledelsesinfo_kontrol", args=args)))
    assert "Der er ingen offentliggjorte tal for Rammeaftale Midtjylland for 2017–2018" in kontrol
    assert klient.get(_url("ledelsesinfo_kontrol_excel", args=args)).status_code == 404


# --- files ----------------------------------------------------------------------------------


def test_excel(demo: None) -> None:
    klient = _klient("sekretariat")
    start = time.perf_counter()
    svar = klient.get(_url("ledelsesinfo_excel"))
    print(f"\nexcel: {time.perf_counter() - start:.2f} s")
    assert svar.status_code == 200 and svar["Content-Type"] == XLSX
    assert 'filename="ledelsesinformation-midtjylland-2016-2017.xlsx"' in svar["Content-Disposition"]
    bog = load_workbook(BytesIO(svar.content))
    assert bog.sheetnames == [
        "Observationer",
        "A Takstudvikling",
        "B Over- og underskud",
        "C Tillægsydelser",
        "D Belægning",
        "E Pladser",
    ]
    a = bog["A Takstudvikling"]
    hoved = [c.value for c in a[4]]
    assert hoved[0] == "Driftsherre" and hoved[3] == "Gns. pris pr. plads 2016 (kr., 2017-priser)"
    raekker = {r[0].value: r for r in a.iter_rows(min_row=5)}
    favrskov = raekker["Favrskov Kommune"]
    assert favrskov[3].value == 377520 and favrskov[3].number_format == "#,##0"
    assert favrskov[1].value == Decimal("287.9").__float__() and favrskov[1].number_format == "#,##0.0"
    assert favrskov[7].value == 7.2
    assert raekker["Hedensted Kommune"][6].value is None  # no price without occupancy: an empty cell
    assert raekker["Hovedtotal"][2].value == 4645132 and raekker["Hovedtotal"][0].font.bold
    b = {r[0].value: r for r in bog["B Over- og underskud"].iter_rows(min_row=5)}
    assert b["Hovedtotal"][2].value == -31583
    e = bog["E Pladser"]
    i_alt = [r for r in e.iter_rows(min_row=5, values_only=True) if r[0] == "I alt" and r[1] == "Hovedtotal"]
    assert i_alt and i_alt[0][4] == 5136  # døgnpladser 2017, the target groups' sum
    obs = [c.value for c in bog["Observationer"]["A"] if c.value]
    assert any(str(v).startswith("Samlet takstudvikling 2016–2017: +1,2 %") for v in obs)
    assert any(
        str(v).startswith(
            "KL's pris- og lønskøn for serviceudgifter, stigning fra året før (procent) = 2,0 % (National, fra"
            " 1. januar 2017). Antaget: Demoværdi, ikke KL's tal"
        )
        for v in obs
    )
    assert not any("pl.kl_skoen_pct" in str(v) for v in obs)


def test_kontrol_mod_offentliggjorte_tal(demo: None) -> None:
    """The secretariat's check: every inconsistency with the published figures, with its
    explanation, on a page and in a workbook of its own (not in the committee's report)."""
    klient = _klient("sekretariat")
    html = _html(klient, _url("ledelsesinfo_kontrol"))
    tekst = _tekst(html)
    assert f"Sammenlignet med {PUBLIKATION}" in tekst
    assert "44 uoverensstemmelser; alle andre trykte tal genskabes af beregningen." in tekst
    fund = html.split('id="sammenligning"')[1].split("</section>")[0]
    assert fund.count("<tr>") == 1 + 44  # the header and one row per inconsistency
    assert "4.645.131" in fund and "4.645.132" in fund  # A's printed total costs 2016 against the rows
    assert "tabel E har 30,4 % dagpladser" in _tekst(fund)
    assert "Målgruppetabellerne giver 348 pladser, tabellen 'I alt' har 368." in _tekst(fund)
    assert f'href="{_url("ledelsesinfo")}"' in html  # back to the management information

    svar = klient.get(_url("ledelsesinfo_kontrol_excel"))
    assert svar.status_code == 200 and svar["Content-Type"] == XLSX
    assert 'filename="kontrol-midtjylland-2016-2017.xlsx"' in svar["Content-Disposition"]
    bog = load_workbook(BytesIO(svar.content))
    assert bog.sheetnames == ["Kontrol"]
    kontrol = list(bog["Kontrol"].iter_rows(min_row=5, values_only=True))
    assert len(kontrol) == 44
    assert kontrol[0][:4] == ("A", None, "Hovedtotal", "Regnskab 2016 (t.kr., 2017-priser)")
    assert kontrol[0][5:8] == (4645131, 4645132, -1)

    # the check is the secretariat's: a reader sees the management information, no link, 403
    laeser = _klient("laeser")
    assert f'href="{_url("ledelsesinfo_kontrol")}"' not in _html(laeser, _url("ledelsesinfo"))
    assert laeser.get(_url("ledelsesinfo_kontrol")).status_code == 403
    assert laeser.get(_url("ledelsesinfo_kontrol_excel")).status_code == 403


def _pdf_indhold(pdf: bytes) -> tuple[int, list[str]]:
    """The page count and the bookmarks (the headings) of a PDF: its compressed object
    streams inflated, then /Count of the page tree and the /Title strings read."""
    alt = pdf
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            alt += zlib.decompressobj().decompress(pdf[m.end() :])
        except zlib.error:
            continue
    sider = re.search(rb"/Type /Pages/Kids \[[^\]]*\]/Count (\d+)", alt)
    assert sider is not None
    titler = []
    for t in re.findall(rb"/Title\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]+>)", alt):
        if t.startswith(b"<"):
            titler.append(bytes.fromhex(t[1:-1].decode()).decode("utf-16"))
        else:
            titler.append(re.sub(rb"\\(.)", rb"\1", t[1:-1]).decode("latin-1"))
    return int(sider.group(1)), titler


def test_pdf(demo: None) -> None:
    klient = _klient("sekretariat")
    start = time.perf_counter()
    svar = klient.get(_url("ledelsesinfo_pdf"))
    varighed = time.perf_counter() - start
    print(f"\npdf: {varighed:.2f} s, {len(svar.content) // 1024} KB")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert svar.content.startswith(b"%PDF")
    sider, titler = _pdf_indhold(svar.content)
    # observations, 3 charts, tables A–E (E over several pages); the comparison with the published
    # figures (3 pages before) is the secretariat's check, not in the committee's report
    assert sider == 12
    assert titler[0] == "Ledelsesinformation 2016–2017 – Rammeaftale Midtjylland"
    for t in (
        "Observationer",
        "Takstudvikling pr. driftsherre (tabel A)",
        "A. Takstudvikling på regnskab",
        "E. Pladsoversigt",
    ):
        assert t in titler, titler
    assert not any("Sammenligning" in t or "Kontrol" in t for t in titler)
    assert varighed < 30


def test_diagram_og_json(demo: None) -> None:
    klient = _klient("sekretariat")
    for navn in diagrammer.DIAGRAMMER:
        svar = klient.get(_url("ledelsesinfo_diagram", navn))
        assert svar.status_code == 200 and svar["Content-Type"] == "image/svg+xml"
        assert b"<svg" in svar.content[:2000]
    assert klient.get(_url("ledelsesinfo_diagram", "findes_ikke")).status_code == 404
    data = klient.get(_url("ledelsesinfo_json")).json()
    assert data["tabeller"]["A"]["raekker"]["Favrskov Kommune"]["gns_pris_2016"] == "377520"
    assert data["pl_faktor"] == "1.02" and data["spor"][0]["noegle"] == "pl_faktor"
    assert len(data["sammenligning"]["uoverensstemmelser"]) == 44


# --- access ---------------------------------------------------------------------------------


def test_adgang(demo: None) -> None:
    urls = [
        _url("ledelsesinfo"),
        _url("ledelsesinfo_tabel", "A"),
        _url("ledelsesinfo_json"),
        _url("ledelsesinfo_excel"),
        _url("ledelsesinfo_diagram", "udvikling"),
    ]
    # anonymous: the login page
    for url in urls:
        svar = Client().get(url)
        assert svar.status_code == 302 and svar["Location"].startswith("/login/?next="), url
    # another agreement's secretariat: the agreement's information does not exist for it
    syd, _ = Rammeaftale.objects.get_or_create(kode="syddanmark", defaults={"navn": "Rammeaftale Syddanmark"})
    anden = User.objects.create(username="syd_sekretariat")
    Brugerprofil.objects.create(bruger=anden, rolle=Rolle.SEKRETARIAT, rammeaftale=syd)
    for url in urls:
        assert _klient("syd_sekretariat").get(url).status_code == 404, url
    assert (
        _klient("sekretariat").get(_url("ledelsesinfo", args=["findes_ikke", 2016, 2017])).status_code == 404
    )
    # the agreement's readers and operators: both years are published
    for brugernavn in ("laeser", "aarhus"):
        klient = _klient(brugernavn)
        for url in urls:
            assert klient.get(url).status_code == 200, (brugernavn, url)
        # 2018 is a draft: only the secretariat sees it
        assert klient.get(_url("ledelsesinfo", args=["midtjylland", 2017, 2018])).status_code == 403
    assert (
        _klient("sekretariat").get(_url("ledelsesinfo", args=["midtjylland", 2017, 2018])).status_code == 200
    )
    # years that make no pair
    for forrige, aar in ((2017, 2016), (2017, 2017), (1990, 2017)):
        args: list[str | int] = ["midtjylland", forrige, aar]
        assert _klient("sekretariat").get(_url("ledelsesinfo", args=args)).status_code == 404


# --- the pure builders, on the hand-worked case ----------------------------------------------


@pytest.fixture(scope="module")
def haandregnet() -> Ledelsesinfo:
    case = laes_case(CASE)
    assert isinstance(case.input, Ledelsesinfogrundlag)
    return beregn_ledelsesinfo(case.input, regelbog())


def test_kolonneoverskrifter(haandregnet: Ledelsesinfo) -> None:
    assert [k.overskrift for k in kolonner(haandregnet, "A")] == [
        "Belægning 2018 (årspladser)",
        "Regnskab 2018 (t.kr., 2019-priser)",
        "Gns. pris pr. plads 2018 (kr., 2019-priser)",
        "Belægning 2019 (årspladser)",
        "Regnskab 2019 (t.kr.)",
        "Gns. pris pr. plads 2019 (kr.)",
        "Takstudvikling %",
    ]
    assert kolonne(haandregnet, "D", "dag_2019").tekst(Decimal("102.5")) == "102,5 %"
    assert kolonne(haandregnet, "E", "dag_2019").overskrift == "Dagpladser 2019"
    assert kolonne(haandregnet, "A", "gns_pris_2019").tekst(Decimal("299763")) == "299.763"
    assert kolonne(haandregnet, "A", "gns_pris_2019").tekst(None) == "–"


def test_diagrammer_og_excel_uden_database(haandregnet: Ledelsesinfo) -> None:
    for d in diagrammer.DIAGRAMMER.values():
        svg = d.tegn(haandregnet, "svg")
        assert svg.startswith(b"<?xml") and b"<svg" in svg
        assert d.tegn(haandregnet, "svg") == svg  # the same chart gives the same bytes
        assert d.tegn(haandregnet, "png").startswith(b"\x89PNG")
    bog = load_workbook(BytesIO(byg_excel(haandregnet, titel="Håndregnet")))
    assert "Konsistens" not in bog.sheetnames
    a = {r[0]: r for r in bog["A Takstudvikling"].iter_rows(min_row=5, values_only=True)}
    assert a["Viborg Kommune"][3] == 510000 and a["Hovedtotal"][6] == 299763 and a["Skive Kommune"][7] == -2


def test_cli_skriver_excel_og_pdf(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from socialstyring.cli import app

    xlsx, pdf = tmp_path / "li.xlsx", tmp_path / "li.pdf"
    r = CliRunner().invoke(
        app, ["rapport", "ledelsesinfo", str(CASE), "--excel", str(xlsx), "--pdf", str(pdf)]
    )
    assert r.exit_code == 0, r.output
    bog = load_workbook(xlsx)
    assert bog["Observationer"]["A1"].value == "Ledelsesinformation 2018–2019 – Rammeaftale Midtjylland"
    sider, titler = _pdf_indhold(pdf.read_bytes())
    assert sider >= 5 and "A. Takstudvikling på regnskab" in titler
    uden = CliRunner().invoke(app, ["rapport", "ledelsesinfo", str(CASE)])
    assert uden.exit_code == 2 and "--excel" in uden.output
