"""The two journeys of issue 3 in a real browser, as a new user would take them.

Headless Debian Chromium through Playwright's sync API against pytest-django's
live_server, with the demo loaded (`indlaes_demo`): 2016–2017 approved and published,
2018 being reported (Herning, Viborg and the region submitted; Aarhus, Lemvig and Skive
drafts with missing rates; the rest not started).

- **The secretariat**: from the menu to every operator's 2018 status; an offer from the
  register with its computed category and the rule and figures behind it; a computed
  rate with its trace; approving Herning's report; publishing the 2018 catalogue and
  downloading it as Excel (opened with openpyxl) and PDF.
- **An operator (Aarhus)**: its own 2018 report; the Excel template downloaded, a bad
  file rejected with file/sheet/row/column and nothing imported, the fixed file imported;
  the change in the offer's history; the report submitted; an in-year rate rise filed,
  with its consequences, notification, recipients and PDF.

Screenshots (1280×800) go to the test's tmp dir, or to the folder named by
SOCIALSTYRING_SKAERMBILLEDER (the README's are made with
`SOCIALSTYRING_SKAERMBILLEDER=docs/skaermbilleder`). Each journey prints its duration.
"""

from __future__ import annotations

import os
import re
import time
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from browserside import vis_spor
from conftest import Skaermbillede
from openpyxl import load_workbook
from playwright.sync_api import Browser, FilePayload, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo
from socialstyring.demo.indlaes import INDSENDT_2018, UDKAST_2018
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.register.models import (
    Driftsherre,
    Indberetningsstatus,
    Katalog,
    Takstindberetning,
    Tilbud,
    Ydelsesaar,
)
from socialstyring.web.takstskabelon import selectors as excel

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test (loading the demo, checking the database) would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
AAR = 2018
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def _log_ind(browser: Browser, url: str, brugernavn: str) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    return page


def _menu(page: Page, punkt: str) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name=punkt, exact=True).click()


def _rul_til(page: Page, selector: str, over: int = 24) -> None:
    """Scroll so that `selector` is `over` pixels below the top of the viewport (for a screenshot)."""
    page.locator(selector).evaluate(
        f"e => {{ e.scrollIntoView({{block: 'start'}}); window.scrollBy(0, -{over}); }}"
    )


def _hent(page: Page, linktekst: str) -> tuple[str, bytes]:
    """Click a download link; the file's suggested name and its bytes."""
    with page.expect_download() as info:
        page.get_by_role("link", name=linktekst).click()
    download = info.value
    sti = download.path()
    return download.suggested_filename, Path(sti).read_bytes()


def _fil(navn: str, indhold: BytesIO) -> FilePayload:
    return {"name": navn, "mimeType": XLSX, "buffer": indhold.getvalue()}


def _aarhus_2018() -> list[tuple[int, Any, Any, Any]]:
    """Aarhus' 2018 rows as (id, places, occupancy, rate): what an import may change."""
    return list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__navn="Aarhus Kommune", aar=AAR)
        .order_by("pk")
        .values_list("pk", "pladser", "budgetteret_belaegning_pct", "takst")
    )


# --- the secretariat ------------------------------------------------------------------


def test_sekretariatet_fra_status_til_offentliggjort_katalog(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    start = time.perf_counter()
    page = _log_ind(browser, demo, "sekretariat")
    status = page.locator("#indberetningsstatus")
    expect(status).to_contain_text(f"Takstindberetning {AAR}")
    expect(status).to_contain_text("3 af 20 driftsherrer har indsendt")
    skaermbillede(page, "forside-sekretariat")

    # Every operator's status for 2018, from the menu.
    _menu(page, "Takstindberetning")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Takstindberetninger {AAR}")
    expect(page.locator("table.indberetninger tbody tr")).to_have_count(20)
    for d in Driftsherre.objects.filter(rammeaftale__kode="midtjylland"):
        forventet = (
            "Indsendt" if d.navn in INDSENDT_2018 else "Udkast" if d.navn in UDKAST_2018 else "Ikke påbegyndt"
        )
        expect(page.locator(f"#driftsherre-{d.pk} .status")).to_have_text(forventet)
    expect(page.get_by_role("navigation", name="Hovedmenu").locator("a.aktiv")).to_have_text(
        "Takstindberetning"
    )
    skaermbillede(page, "indberetninger-2018")

    # An offer from the register: its computed category and the rule and figures behind it.
    _menu(page, "Tilbud")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilbudsregister")
    page.get_by_role("search").get_by_label("Søg").fill("Solbakken")  # 220 offers, 50 a page
    page.get_by_role("search").get_by_role("button", name="Vis").click()
    page.get_by_role("link", name="Solbakken", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Solbakken")
    kategori = page.locator(f"#kategori-{AAR}")
    expect(kategori.locator("h3")).to_contain_text("Omfattet af rammeaftalen")
    expect(kategori).to_contain_text("Regel: ")
    spor = kategori.locator("details.kategorispor")
    expect(spor).to_have_attribute("open", "")
    expect(spor.locator("li.trin").first).to_be_visible()
    expect(spor).to_contain_text("rammeaftale.min_andel_andre_kommuner_pct")
    _rul_til(page, "#kategori-titel")
    skaermbillede(page, "tilbud-kategori")

    # The rate with its trace: the computed rate, then click the figure.
    page.get_by_role("link", name=f"Beregnet: se takstberegningen for {AAR}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Takst {AAR}")
    figur = page.locator('button[data-spor$=".takst"]').first
    expect(figur).to_have_text("2.219,00 kr.")
    vis_spor(page, figur)
    expect(page.locator("#spor-titel")).to_have_text("Gennemsnitstakst pr. døgn")
    expect(page.locator("li.trin.valgt .formel")).to_contain_text("takstberegningsgrundlag / belagte dage")
    skaermbillede(page, "takst-spor")
    page.keyboard.press("Escape")

    # Approve Herning's submitted report from the overview.
    herning = Driftsherre.objects.get(navn="Herning Kommune")
    _menu(page, "Takstindberetning")
    page.locator(f"#driftsherre-{herning.pk}").get_by_role("button", name="Godkend").click()
    # a second look before the approval: what it will do
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Godkend takstindberetningen for {AAR}")
    expect(page.get_by_text(f"De godkendte takster kommer med i tilbudskataloget for {AAR}")).to_be_visible()
    assert Takstindberetning.objects.get(driftsherre=herning, aar=AAR).status == Indberetningsstatus.INDSENDT
    page.get_by_role("button", name="Godkend", exact=True).click()
    expect(page.get_by_text(f"Indberetningen fra Herning Kommune for {AAR} er godkendt.")).to_be_visible()
    expect(page.locator(f"#driftsherre-{herning.pk} .status")).to_have_text("Godkendt")
    assert Takstindberetning.objects.get(driftsherre=herning, aar=AAR).status == Indberetningsstatus.GODKENDT

    # Publish the 2018 catalogue.
    page.get_by_role("button", name=f"Offentliggør katalog for {AAR}").click()
    # a second look: what will be published, and who is missing
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Offentliggør kataloget for {AAR}")
    expect(page.get_by_text("har ikke indsendt; de står i kataloget som manglende")).to_be_visible()
    assert not Katalog.objects.filter(rammeaftale__kode="midtjylland", aar=AAR).exists()
    page.get_by_role("button", name="Offentliggør version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Tilbud og takster {AAR} – Rammeaftale Midtjylland"
    )
    expect(page.get_by_text(f"Version 1 af kataloget for {AAR} er offentliggjort")).to_be_visible()
    k = Katalog.objects.get(rammeaftale__kode="midtjylland", aar=AAR)
    assert {d["navn"] for d in k.indhold["driftsherrer"]} == set(INDSENDT_2018)
    expect(page.get_by_role("cell", name="Region Midtjylland", exact=True).first).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Katalog")
    ).to_have_attribute("href", f"/katalog/midtjylland/{AAR}/")
    skaermbillede(page, "katalog-2018")

    # ... and download it as Excel and as PDF.
    navn, data = _hent(page, "Hent som Excel")
    assert navn == f"tilbud-og-takster-midtjylland-{AAR}-v1.xlsx"
    ark = load_workbook(BytesIO(data))["Tilbud og takster"]
    raekker = list(ark.iter_rows(min_row=6, values_only=True))
    solbakken = [r for r in raekker if r[1] == "Solbakken"]
    assert len(solbakken) == 1 and Decimal(str(solbakken[0][9])) == Decimal("2219")
    assert solbakken[0][0] == "Region Midtjylland" and solbakken[0][11] == "Indsendt, ikke godkendt"
    assert {r[11] for r in raekker if r[0] == "Herning Kommune"} == {"Godkendt"}
    navn, data = _hent(page, "Hent som PDF")
    assert navn.endswith(".pdf") and data.startswith(b"%PDF")
    page.context.close()
    print(f"\nSekretariatets rejse: {time.perf_counter() - start:.1f} s")


# --- the operator ---------------------------------------------------------------------


def test_driftsherren_fra_excel_til_indsendt_og_aendring_i_aaret(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    start = time.perf_counter()
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune")
    page = _log_ind(browser, demo, "aarhus")
    egen = page.locator("#egen-indberetning")
    expect(egen).to_contain_text("Udkast")
    expect(egen).to_contain_text("15 af 29 ydelser er prissat")

    # The own 2018 report, from the menu.
    _menu(page, "Takstindberetning")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Takstindberetning {AAR}")
    expect(page.locator("#status")).to_have_text("Udkast")
    expect(page.locator("#fejl")).to_contain_text("14 fejl skal rettes")

    # Download the Excel template.
    page.get_by_role("link", name="Indlæs fra Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Takstindberetning {AAR} i Excel")
    filnavn = excel.filnavn(aarhus, AAR)
    navn, skabelon = _hent(page, f"Hent {filnavn}")
    assert navn == filnavn

    bog = load_workbook(BytesIO(skabelon))
    ark = bog["Takster"]
    kolonne = {str(c.value): int(c.column or 0) for c in ark[3]}
    takst, pladser, ydelse_id = kolonne["Takst (kr.)"], kolonne["Pladser"], kolonne["Ydelse-ID"]
    begrundelse = kolonne["Begrundelse for takstudvikling"]
    mangler = [
        r
        for r in range(4, ark.max_row + 1)
        if ark.cell(r, takst).value is None and Decimal(str(ark.cell(r, pladser).value or 0)) > 0
    ]
    assert len(mangler) == 14

    # A bad file: a rate "12x". Every error names file, sheet, row and column; nothing is imported.
    foer, historik_foer = _aarhus_2018(), Ydelsesaar.history.count()
    ark.cell(mangler[0], takst).value = "12x"
    for r in mangler[1:]:
        ark.cell(r, takst).value = 2150
    ud = BytesIO()
    bog.save(ud)
    fil = page.get_by_label("Excel-fil (.xlsx)")
    fil.set_input_files(files=[_fil(filnavn, ud)])
    page.get_by_role("button", name="Indlæs").click()
    fejl = page.locator("#fejl")
    expect(fejl).to_contain_text("Filen blev ikke indlæst, og intet er ændret.")
    expect(fejl.locator("li")).to_have_count(1)
    expect(fejl.locator("li")).to_have_text(
        f'{filnavn}, ark "Takster", række {mangler[0]}, kolonne K ("Takst (kr.)"): "12x" er ikke et tal'
    )
    assert _aarhus_2018() == foer and Ydelsesaar.history.count() == historik_foer
    skaermbillede(page, "excel-fejl")

    # Fixed: every missing rate filled in, and justified (2.150 kr. rises more than the allowed
    # development over the 2017 catalogue's rates); imported.
    ark.cell(mangler[0], takst).value = "2.150,00"
    for r in mangler:
        ark.cell(r, begrundelse).value = "Ny normering efter tilsynets påbud"
    ud = BytesIO()
    bog.save(ud)
    fil.set_input_files(files=[_fil(filnavn, ud)])
    page.get_by_role("button", name="Indlæs").click()
    expect(page.locator("#resultat")).to_contain_text(f"14 ydelser ændret, {ark.max_row - 3 - 14} uændrede")
    efter = _aarhus_2018()
    aendret = [e for f, e in zip(foer, efter, strict=True) if f != e]
    assert len(aendret) == 14 and all(takst_ == Decimal("2150") for *_, takst_ in aendret)
    assert all(r[3] is not None for r in efter if r[1])

    # The offer's history says who changed what, when, from which file.
    foerste = int(str(ark.cell(mangler[0], ydelse_id).value))
    tilbud = Tilbud.objects.get(ydelser__pk=foerste)
    page.goto(f"{demo}/register/tilbud/{tilbud.pk}/historik/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(tilbud.navn)
    post = page.locator("tr", has_text=f"Excel-import: {filnavn}").first
    expect(post).to_contain_text("aarhus")
    expect(post).to_contain_text("2.150,00 kr.")
    skaermbillede(page, "historik")

    # Submit.
    _menu(page, "Takstindberetning")
    expect(page.get_by_text("Ingen fejl: indberetningen kan indsendes.")).to_be_visible()
    page.get_by_role("button", name="Indsend").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Indsend takstindberetningen for {AAR}")
    expect(page.get_by_text("Derefter kan tallene ikke ændres, før sekretariatet genåbner")).to_be_visible()
    page.get_by_role("button", name="Indsend", exact=True).click()
    expect(page.get_by_text(f"Indberetningen for {AAR} er indsendt.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("Indsendt")
    assert Takstindberetning.objects.get(driftsherre=aarhus, aar=AAR).status == Indberetningsstatus.INDSENDT

    # An in-year rate rise for one of Aarhus' offers.
    _menu(page, "Ændringer")
    page.get_by_label("Tilbud", exact=True).select_option(label=f"{tilbud.navn} ({aarhus.navn})")
    page.get_by_role("button", name="Ny ændring").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tilbud.navn)
    ydelse = tilbud.ydelser.get(pk=foerste)
    page.get_by_label("Type af ændring").select_option(label="Takstforhøjelse")
    page.get_by_label("Ydelse", exact=True).select_option(label=ydelse.navn)
    page.get_by_label("Begrundelse", exact=True).fill(
        "Skærpede krav fra Socialtilsynet kræver en ekstra nattevagt."
    )
    page.get_by_label("Takst efter (kr.)").fill("2.290,00")
    page.get_by_label("Beslutningsdato").fill(f"{AAR}-03-01")
    page.get_by_label("Ønsket ikrafttrædelse").fill(f"{AAR}-02-01")
    page.get_by_role("button", name="Beregn og gem ændringen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeld takstforhøjelse")
    expect(page.get_by_text("Anmeldelsen kan ikke trækkes tilbage")).to_be_visible()
    page.get_by_role("button", name="Anmeld ændringen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Takstforhøjelse")
    a = Aendring.objects.get(tilbud=tilbud)
    resultat = a.konsekvens["resultat"]
    assert a.ikrafttraedelse.isoformat() == f"{AAR}-03-01"  # a rise: not before the decision
    kommuner = page.locator("section[aria-labelledby=kommuner-titel] tbody tr")
    expect(kommuner).to_have_count(len(resultat["kommuner"]))
    assert len(resultat["kommuner"]) >= 2
    expect(page.locator("#underretning-titel")).to_be_visible()
    expect(page.locator("section[aria-labelledby=underretning-titel]")).to_contain_text(
        resultat["underretning"]["emne"]
    )
    modtagere = page.locator(".modtagerliste li")
    expect(modtagere).to_have_count(len(resultat["modtagere"]))
    assert len(resultat["modtagere"]) >= 19  # every municipality of the agreement
    expect(page.get_by_role("heading", name=f"Modtagere ({len(resultat['modtagere'])})")).to_be_visible()
    _rul_til(page, "#tid-titel", over=36)  # the effective date, the hearing, the rate, the consequences
    skaermbillede(page, "aendring")
    # Filed, not decided: the submitted report's rate stands until the decision.
    foer = Ydelsesaar.objects.get(ydelse=ydelse, aar=AAR).takst
    assert foer != Decimal("2290")
    procedure = page.locator("section[aria-labelledby=procedure-titel]")
    expect(procedure).to_contain_text("afventer beslutning")

    navn, pdf = _hent(page, "Underretningen som PDF")
    assert navn == f"underretning-aendring-{a.pk}.pdf" and pdf.startswith(b"%PDF")
    page.context.close()

    # The decision is recorded (the secretariat for a change in hearing, else the operator),
    # after a second look; the new rate then applies from the effective date.
    beslutter = "sekretariat" if a.status == "i_hoering" else "aarhus"
    page = _log_ind(browser, demo, beslutter)
    page.goto(f"{demo}/aendring/{a.pk}/")
    page.get_by_label("Beslutningens dato").fill(f"{AAR}-03-01")
    page.get_by_role("button", name="Registrér beslutningen …").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beslutning om takstforhøjelse")
    expect(page.get_by_text(f"bliver 2.290,00 kr. fra 1. marts {AAR}")).to_be_visible()
    page.get_by_role("button", name="Registrér beslutningen", exact=True).click()
    expect(
        page.get_by_text(f"Beslutningen er registreret; ændringen gælder fra 1. marts {AAR}.")
    ).to_be_visible()
    a.refresh_from_db()
    assert a.status == "besluttet" and a.ikrafttraedelse.isoformat() == f"{AAR}-03-01"
    assert Ydelsesaar.objects.get(ydelse=ydelse, aar=AAR).takst == foer  # the report stands
    page.context.close()
    print(f"\nDriftsherrens rejse: {time.perf_counter() - start:.1f} s")
