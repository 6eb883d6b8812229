"""Randers' staff open their reduction plan, read seed 001's table and the carry-forward's trace,
then raise an initiative's 2022 effect — in a real browser (headless Chromium through Playwright
against the live server, the demo loaded; see tests/test_browser_journeys.py).

Seed 001 ("Økonomisk genopretning af myndighedsområderne … status april 2021", Økonomioversigt,
1.000 kr.): net outstanding 0 / −720 / −2.720 / −4.720. Worked by hand: carried forward, 2024's
effective target −7.000 − 3.440 = −10.440. With Foranstaltninger vedr. unge at −1.977 in 2022:
2022's effect −1.977 − 1.023 = −3.000, net outstanding 0."""

from __future__ import annotations

import os

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


def test_kommunen_laeser_planen_og_retter_en_effekt(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "randers_kommune")

    page.locator('a[data-menu="genopretning"]').click()
    page.get_by_role("link", name="Økonomisk genopretning af myndighedsområderne 2021–2024").click()
    netto = page.locator("#plantabel tr", has_text="Netto-udestående")
    for tal in ("0", "-720", "-2.720", "-4.720"):
        expect(netto).to_contain_text(tal)
    vis_spor(page, page.locator('button[data-spor="genopretning.forventet.2024.effektivt_maal"]'))
    expect(page.locator("#spor-panel")).to_contain_text("-10.440")
    expect(page.locator("#plandiagram")).to_be_visible()

    page.locator("[data-luk-spor]").click()
    page.get_by_role("link", name="Foranstaltninger vedr. unge").click()
    page.get_by_label("Foranstaltninger vedr. unge: forventet effekt 2022").fill("-1.977")
    page.get_by_role("button", name="Gem initiativet").click()
    expect(page.get_by_text("Initiativet er gemt.")).to_be_visible()
    celle = page.locator('#plantabel button[data-spor="genopretning.forventet.2022.netto_udestaaende"]')
    expect(celle).to_have_text("0")
