"""A municipality's user in a real browser (headless Chromium through Playwright, as
tests/test_browser_journeys.py): `randers_kommune` logs in, opens Ophold from the menu, narrows
the list to Randers' current stays and opens one — the citizen shown by pseudonym and birth
date, never a CPR number."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Browser, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def server(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def test_kommunen_aabner_sine_ophold(browser: Browser, server: str) -> None:
    page = browser.new_context(viewport=VIEWPORT, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/")
    page.get_by_label("Brugernavn").fill("randers_kommune")
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    page.locator("nav").get_by_role("link", name="Ophold", exact=True).first.click()
    expect(page.get_by_role("heading", name="Ophold", exact=True).first).to_be_visible()
    tabel = page.locator("#opholdsliste")
    expect(tabel).to_contain_text("Randers")
    foerste = tabel.locator("tbody tr th a").first
    borger = foerste.inner_text()
    assert re.fullmatch(r"Borger [A-P]{4}-[A-P]{4}", borger)
    foerste.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(borger)
    expect(page.locator("#opholdet")).to_contain_text("Betalingskommune")
    assert not re.search(r"\d{6}-?\d{4}", page.content())  # no CPR-like number anywhere
