"""Kofoedsminde and companion purchase in a real browser (headless Chromium through Playwright
against the live server, the demo loaded; see tests/test_browser_journeys.py).

- The secretariat opens Landsdækkende, sees Silkeborg Kommune's table (DASSOS-møde 15. august
  2018: 2017 27,79 kr. per inhabitant, 36.248.047 kr. for Midtjylland), opens 2017's trace,
  and enters 2018 as the announced 30,00 kr. per inhabitant (a hand-worked figure: with
  5.781.190 inhabitants 173.435.700,00 kr.).
- A municipality's staff open Ledsagelse, see bilag 2's trip (14.666,29 kr. own payment beside
  the printed 14.660,28) and calculate a trip of their own: Monday 10.00 – Tuesday 10.30 with
  one member of staff, 3.509,23 kr. (worked by hand in
  tests/cases/ledsagelse_et_doegn_og_en_halv_time_2018.yaml)."""

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


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def _log_ind(browser: Browser, demo: str, brugernavn: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{demo}/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    return page


def test_sekretariatet_ser_kofoedsminde_og_indtaster_et_aar(browser: Browser, demo: str) -> None:
    page = _log_ind(browser, demo, "sekretariat")
    page.locator('a[data-menu="landsdaekkende"]').click()
    expect(page.get_by_role("heading", name="Kofoedsminde", exact=True)).to_be_visible()
    expect(page.locator("#aar-2017")).to_contain_text("36.248.047")
    page.get_by_role("link", name="2017", exact=True).click()
    vis_spor(page, page.locator("#pr-indbygger").get_by_role("button"))
    expect(page.locator("#spor-panel")).to_contain_text("5.748.769")

    page.get_by_role("link", name="Kofoedsminde").first.click()
    page.get_by_role("link", name="Indtast 2020").click()
    page.get_by_label("Annonceret opkrævning pr. indbygger (kr.)").fill("30,00")
    page.get_by_label("Hele landets indbyggere 1. januar").fill("5781190")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#landsplan")).to_contain_text("173.435.700,00")
    expect(page.get_by_text("Kofoedsminde 2020 er gemt.")).to_be_visible()


def test_kommunen_beregner_ledsagelse(browser: Browser, demo: str) -> None:
    page = _log_ind(browser, demo, "randers_kommune")
    page.locator('a[data-menu="ledsagelse"]').click()
    expect(page.get_by_role("heading", name="Tilkøb af ledsagelse under ferie")).to_be_visible()
    expect(page.locator("#egenbetaling")).to_contain_text("14.666,29")
    expect(page.locator("#sammenligning")).to_contain_text("14.660,28")

    page.get_by_label("Turens start").fill("2018-09-03T10:00")
    page.get_by_label("Turens slut").fill("2018-09-04T10:30")
    page.get_by_label("Ledsagende medarbejdere").fill("1")
    page.get_by_label(re.compile("Sparet løn pr. time")).fill("0")
    page.get_by_role("button", name="Beregn").click()
    expect(page.locator("#pris")).to_contain_text("3.509,23")
    vis_spor(page, page.locator("#pris").get_by_role("button"))
    expect(page.locator("#spor-panel")).to_contain_text("568,88")
    expect(page.locator("#hent-excel")).to_have_attribute("href", re.compile("medarbejdere=1"))
