"""The secretariat opens Socialtilsyn Midt, reads 2019's rates against the published note and a
rate's trace, then raises the average wage — in a real browser (headless Chromium through
Playwright against the live server, the demo loaded; see tests/test_browser_journeys.py).

Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 (DASSOS-møde 15. august
2018, bilag 2), section 6: tilsyn for 50+ places 150.210 kr. = 3 × 33.794,67 + 48.826 (the cases'
hand-worked base rate and supplement, tests/cases/socialtilsyn_midt_2019_seed004.yaml).
Worked by hand: wage 556.000 kr. × 73,3 staff years = 40.754.800 kr. Then the rate basis: the
base rate for tilsyn 33.794,67 → 34.000 kr. gives 8–24 places 34.000 × 1,2 = 40.800 kr. and 50+
places 3 × 34.000 + the add-on 48.826 = 150.826 kr."""

from __future__ import annotations

import os
import re

import pytest
from browserside import log_ind, vis_spor
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def test_sekretariatet_laeser_2019_og_retter_lonnen(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "sekretariat")

    page.locator('a[data-menu="socialtilsyn"]').click()
    expect(page.get_by_role("heading", name="Socialtilsyn Midt", exact=True)).to_be_visible()
    page.get_by_role("link", name="2019", exact=True).first.click()
    expect(page.locator('#takster tr[data-takst="tilsyn"]')).to_contain_text("150.210,00")
    expect(page.locator("#sammenholdt")).to_contain_text("5,7 % af driftsbudgettet")
    vis_spor(page, page.locator('button[data-spor="socialtilsyn.tilsyn.50_plus"]'))
    expect(page.locator("#spor-panel")).to_contain_text("48.826")

    page.locator("[data-luk-spor]").click()
    page.get_by_role("link", name="Ret tallene for 2019").click()
    page.get_by_label("Gennemsnitsløn pr. årsværk, kr.").fill("556.000")
    page.get_by_role("button", name="Gem 2019").click()
    expect(page.get_by_text(re.compile("Tallene for 2019 er gemt"))).to_be_visible()
    expect(page.locator('#budget tr[data-noegle="socialtilsyn.loen"]')).to_contain_text("40.754.800,00")

    page.get_by_role("link", name="Ret takstgrundlaget for 2019").click()
    grundtakster = page.get_by_label("Grundtakster", exact=True)
    expect(grundtakster).to_have_value(re.compile(r"^tilsyn; 33\.794,67\n"))
    grundtakster.fill("tilsyn; 34.000\nny_godkendelse; 22.460,00\nvaesentlig_aendring; 6.166,20")
    page.get_by_role("button", name="Gem takstgrundlaget for 2019").click()
    expect(page.get_by_text(re.compile("Takstgrundlaget for 2019 er gemt"))).to_be_visible()
    tilsyn = page.locator('#takster tr[data-takst="tilsyn"]')
    expect(tilsyn).to_contain_text("40.800,00")
    expect(tilsyn).to_contain_text("150.826,00")
