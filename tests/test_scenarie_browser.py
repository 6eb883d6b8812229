"""The secretariat opens the 2011 note's savings scenarios on the demo region, asks why the
agreement's municipalities save what they do, and adds a scenario of its own — in a real browser
(headless Chromium through Playwright against the live server, the demo loaded; see
tests/test_browser_journeys.py).

Worked by hand: cutting every rate by 2 % lowers every offer's direct costs, and so its net
budget, by 2 %: the net budget falls 2 % (−2 % in the comparison), as the note's 1 % falls 1 %."""

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


def test_sekretariatet_laeser_og_tilfoejer_et_scenarie(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "sekretariat")

    page.locator('a[data-menu="scenarie"]').click()
    page.get_by_role("link", name=re.compile("Besparelser på det sociale område")).click()
    sammenligning = page.locator("#sammenligning")
    expect(sammenligning).to_contain_text("-1 %")
    expect(sammenligning).to_contain_text("-0,94 %")
    vis_spor(page, page.locator("#sammenligning button[data-spor$='.aftalens_kommuner']").first)
    expect(page.locator("#spor-panel")).to_contain_text("aftalens kommuner i alt")
    expect(page.locator("#effektdiagram")).to_be_visible()

    page.locator("[data-luk-spor]").click()
    page.get_by_role("link", name="Tilføj en ændring").first.click()
    page.get_by_label("Navn på nyt scenarie").fill("Takster −2 %")
    page.get_by_label("Ændring", exact=True).select_option(label="Takster ændres med procent")
    page.get_by_label(re.compile("^Værdi")).fill("-2")
    page.get_by_role("button", name="Tilføj").click()
    expect(page.get_by_text("Ændringen er tilføjet.")).to_be_visible()
    expect(page.locator("#sammenligning thead")).to_contain_text("Takster −2 %")
    expect(page.locator("#sammenligning")).to_contain_text("-2 %")
