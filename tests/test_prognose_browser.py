"""Randers' staff open their expenditure forecast, read 2019 and 2020 worked by hand, open a
figure's trace and the fan chart, then raise 2019's frame — in a real browser (headless Chromium
through Playwright against the live server, the demo loaded; see tests/test_browser_journeys.py).

Worked by hand (tests/test_prognose_web.py, socialstyring/demo/prognose.py): expenditure 2019
4.135.350 kr. against the frame 3.876.000 = 259.350 kr. over; 2020 4.630.319 kr. With the frame
2019 raised to 4.000.000 kr.: 4.135.350 − 4.000.000 = 135.350 kr."""

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


def test_kommunen_laeser_prognosen_og_haever_rammen(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "randers_kommune")

    page.locator('a[data-menu="prognose"]').click()
    expect(page.get_by_role("heading", name=re.compile("^Udgiftsprognoser for Randers"))).to_be_visible()
    page.get_by_role("link", name="Voksne med handicap, SEL §§ 85, 107, 108").click()
    expect(page.locator('td[data-noegle="prognose.2019.udgift"]')).to_contain_text("4.135.350")
    expect(page.locator('td[data-noegle="prognose.2019.afvigelse"]')).to_contain_text("259.350")
    vis_spor(page, page.locator('button[data-spor="prognose.2020.udgift"]'))
    expect(page.locator("#spor-panel")).to_contain_text("4.630.319")
    expect(page.locator("#vifte")).to_be_visible()
    expect(page.locator("#simuleringstekst")).to_contain_text("5.000 kørsler")

    page.locator("[data-luk-spor]").click()
    page.get_by_role("link", name="Ret prognosen").first.click()
    page.get_by_label("Budgetramme, kr. 2019").fill("4.000.000")
    page.get_by_role("button", name="Gem prognosen").click()
    expect(page.get_by_text(re.compile("Prognosen er gemt"))).to_be_visible()
    expect(page.locator('td[data-noegle="prognose.2019.afvigelse"]')).to_contain_text("135.350")
