"""A municipality's staff enter a month and see the claim, in a real browser (headless
Chromium through Playwright against the live server, the demo loaded; see
tests/test_browser_journeys.py).

Randers' demo (socialstyring/demo/refusion.py): January–June 2024 a month 30.999,99 kr., the
first quarter claimed (92.999,97 kr.), the second not. The user enters July for R-101:
95.000 kr. + 24.000 / 12 one-off = 97.000; (97.000 − 71.666,67) × 25 % = 6.333,3325 → 6.333,33.
The third quarter's claim is the year to date 185.999,94 + 6.333,33 = 192.333,27 less the
claimed 92.999,97 = 99.333,30 kr."""

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


def test_kommunen_indtaster_en_maaned_og_ser_kravet(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "randers_kommune")

    page.locator('a[data-menu="refusion"]').click()
    expect(page.get_by_role("heading", name=re.compile("Særligt dyre enkeltsager"))).to_be_visible()
    page.get_by_role("link", name="R-101", exact=True).click()
    page.get_by_role("link", name="Juli", exact=True).click()
    page.get_by_label("Udgift til hjælp og støtte, kr.").fill("95.000")
    page.get_by_role("button", name="Gem juli").click()
    expect(page.locator("#maaned-7")).to_contain_text("95.000,00")

    page.get_by_role("link", name=re.compile("Refusion 2024")).click()
    page.get_by_role("link", name="3. kvartal").click()
    krav = page.locator("#krav-beloeb")
    expect(krav).to_contain_text("99.333,30")
    expect(page.locator("#antagne-graenser")).to_contain_text("Beløbsgrænserne for 2024")
    vis_spor(page, krav.get_by_role("button"))
    expect(page.locator("#spor-panel")).to_contain_text("6.333,33")
