"""The host's staff open Børnehus Midt, read 2017 against BDO's table 9 and try BDO's
sensitivity, then enter a changed case count — in a real browser (headless Chromium through
Playwright against the live server, the demo loaded; see tests/test_browser_journeys.py).

BDO, Analyse af Børnehus Midt (juni 2017), tabel 9: 2017's official rate 12.089 kr. per case.
Worked by hand (tests/cases/boernehus_bdo_tabel9_2017.yaml): 2.848.384 ÷ 250 = 11.394 kr.; 40 hours
per case: 9,53 staff years, 6.733.560 kr. With 236 cases: 2.848.384 ÷ 236 = 12.069,4 → 12.069 kr."""

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


def test_driftsherren_laeser_2017_og_retter_sagstallet(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "aarhus")

    page.locator('a[data-menu="boernehus"]').click()
    expect(page.get_by_role("heading", name="Børnehus Midt", exact=True)).to_be_visible()
    page.get_by_role("link", name="2017", exact=True).first.click()
    takst = page.locator('#sammenligning tr[data-felt="takst_pr_sag"]')
    expect(takst).to_contain_text("12.089")
    expect(takst).to_contain_text("235,6 sager")
    vis_spor(page, page.locator('button[data-spor="boernehus.foelsomhed.40_23_11.budget"]'))
    expect(page.locator("#spor-panel")).to_contain_text("6.733.560")
    expect(page.locator("#foelsomhedsdiagram")).to_be_visible()

    page.locator("[data-luk-spor]").click()
    page.get_by_role("link", name="Ret tallene for 2017").click()
    page.get_by_label("Forventede sager").fill("236")
    page.get_by_role("button", name="Gem 2017").click()
    expect(page.locator('#beregning tr[data-noegle="boernehus.takst_pr_sag"]')).to_contain_text("12.069,00")
    expect(page.get_by_text(re.compile("Tallene for 2017 er gemt"))).to_be_visible()
