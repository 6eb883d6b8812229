"""An operator's staff make and send a month's statement, and the paying municipality's staff
see it, in a real browser (headless Chromium through Playwright against the live server, the
demo loaded; see tests/test_browser_journeys.py).

Herning's February 2018 to Randers: its day services cost 557,00 kr. a day and its residential
services 1.392,00 kr. (the register's 2018 rates), so a stay there all February is
28 × 557,00 = 15.596,00 or 28 × 1.392,00 = 38.976,00 kr."""

from __future__ import annotations

import os
import re

import pytest
from browserside import vis_spor
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

CPR = re.compile(r"\b\d{6}-?\d{4}\b")


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def _log_ind(browser: Browser, demo: str, navn: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK").new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{demo}/")
    page.get_by_label("Brugernavn").fill(navn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    return page


def test_driftsherren_sender_og_kommunen_ser_opgoerelsen(browser: Browser, demo: str) -> None:
    page = _log_ind(browser, demo, "herning")
    page.locator('a[data-menu="afregning"]').click()
    expect(page.get_by_role("heading", name=re.compile("Mellemkommunal afregning"))).to_be_visible()
    page.get_by_role("link", name="februar 2018").click()
    page.locator("#kommuner").get_by_role("link", name="Randers").click()
    expect(page.get_by_role("heading", name=re.compile("Opgørelse til Randers Kommune"))).to_be_visible()
    linjer = page.locator("#linjer")
    expect(linjer).to_contain_text("15.596,00")
    expect(linjer).to_contain_text("38.976,00")
    vis_spor(page, linjer.get_by_role("button", name="15.596,00").first)
    expect(page.locator("#spor-panel")).to_contain_text("dage × takst pr. dag")
    page.locator("[data-luk-spor]").click()
    i_alt = page.locator("#i-alt").inner_text()

    page.locator("#send").click()
    expect(page.get_by_role("heading", name=re.compile("Send opgørelsen for februar 2018"))).to_be_visible()
    page.get_by_role("button", name="Send opgørelsen").click()
    expect(page.get_by_role("heading", name=re.compile("Afregning februar 2018"))).to_be_visible()
    expect(page.locator("#i-alt")).to_have_text(i_alt)

    kommune = _log_ind(browser, demo, "randers_kommune")
    kommune.locator('a[data-menu="afregning"]').click()
    expect(kommune.get_by_role("heading", name=re.compile("Modtagne afregninger"))).to_be_visible()
    raekke = kommune.locator("#afregninger tr", has_text="2018-02")
    expect(raekke).to_contain_text("Herning Kommune")
    raekke.get_by_role("link", name="Version 1").click()
    expect(kommune.locator("#i-alt")).to_have_text(i_alt)
    expect(kommune.locator("#linjer")).to_contain_text("15.596,00")
    assert not CPR.search(kommune.content())
    expect(kommune.get_by_role("link", name="Hent bogføringsfil (CSV)")).to_be_visible()

    # the secretariat sees the sent statement among the agreement's totals, and starts the whole
    # year's billing in the background: the page goes on to the job, which keeps its workbook
    sek = _log_ind(browser, demo, "sekretariat")
    sek.goto(f"{demo}/afregning/aftale/midtjylland/2018/")
    expect(sek.locator("#totaler")).to_contain_text("Herning Kommune")
    sek.locator("#aarsafregning").get_by_role(
        "button", name="Beregn hele årets afregning i baggrunden"
    ).click()
    expect(sek.get_by_role("heading", name="Årets afregning 2018: Rammeaftale Midtjylland")).to_be_visible()
    expect(sek.locator("#status-titel")).to_contain_text("Færdig")
    expect(sek.locator("#resume")).to_contain_text("Driftsherrer med ophold")
    with sek.expect_download() as hentet:
        sek.locator("#hent-resultat").click()
    assert hentet.value.suggested_filename == "afregning-2018-midtjylland.xlsx"
    sek.get_by_role("link", name="Baggrundsjob").first.click()
    expect(sek.locator("#jobliste")).to_contain_text("Årets afregning 2018: Rammeaftale Midtjylland")
