"""Management information in a real browser, as the secretariat uses it.

Headless Debian Chromium through Playwright against pytest-django's live_server, with the
demo loaded (`indlaes_demo`: Midtjylland 2016–2017 as seed 004 printed it). The
secretariat opens Ledelsesinformation from the menu and reads the observations; in table A
it sorts by the development (the vanilla sorting script: lowest first, then highest
first), clicks Favrskov Kommune's average price 2016 and sees its trace in the side panel,
down to the P/L rule `pl.kl_skoen_pct` that brings 2016 to 2017 prices.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from conftest import Skaermbillede
from playwright.sync_api import Browser, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test (loading the demo) would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def test_sekretariatet_sorterer_og_ser_sporet(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    start = time.perf_counter()
    page = browser.new_context(viewport=VIEWPORT, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{demo}/")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()

    # The overview from the menu: the observations and the charts.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ledelsesinformation").click()
    expect(page).to_have_url(re.compile(r"/ledelsesinfo/midtjylland/2016/2017/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesinformation 2016–2017")
    observationer = page.locator("#observationer")
    expect(observationer).to_contain_text("Samlet takstudvikling 2016–2017: +1,2 %.")
    expect(observationer).to_contain_text(
        "Ingen belægning i 2017, så ingen takstudvikling: Hedensted Kommune."
    )
    # the check against the published figures is the secretariat's, on a page of its own
    expect(page.locator("#sammenligning")).to_have_count(0)
    page.locator("#kontrol").get_by_role("link", name="se kontrollen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kontrol mod offentliggjorte tal")
    expect(page.locator("#kontrol-kilde + p")).to_contain_text("44 uoverensstemmelser")
    page.go_back()
    udvikling = page.get_by_role("img", name="Takstudvikling pr. driftsherre (tabel A)")
    expect(udvikling).to_be_visible()
    assert udvikling.evaluate("img => img.complete && img.naturalWidth > 0")
    skaermbillede(page, "ledelsesinfo-oversigt")

    # Table A, sorted by the development: lowest first, then highest first.
    page.get_by_role("navigation", name="Tabeller").get_by_role(
        "link", name="A. Takstudvikling på regnskab"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("A. Takstudvikling på regnskab")
    foerste = page.locator("#tabel-A tbody tr").first.locator("th")
    expect(foerste).to_have_text("Aarhus Kommune")  # alphabetical, as computed
    sorter = page.get_by_role("button", name="Takstudvikling %")
    sorter.click()
    expect(foerste).to_have_text("Odder Kommune")  # −5,5 %; Hedensted (no occupancy in 2017) last
    expect(page.locator("#tabel-A thead th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    sorter.click()
    expect(foerste).to_have_text("Holstebro Kommune")  # +17,9 %
    expect(page.locator("#tabel-A tbody tr").first.locator("td").last).to_have_text("17,9 %")
    expect(page.locator("#tabel-A tfoot th")).to_have_text("Hovedtotal")  # the total stays last

    # A figure's trace: Favrskov's average price 2016 in 2017 prices, back to the P/L rule.
    figur = page.get_by_role("button", name="377.520")
    figur.click()
    panel = page.locator("#spor-panel")
    expect(panel).to_be_visible()
    expect(page.locator("#spor-titel")).to_have_text(
        "Favrskov Kommune: Gns. pris pr. plads 2016 (kr., 2017-priser)"
    )
    expect(page.locator("li.trin.valgt .formel")).to_contain_text("omkostninger × P/L-faktor / årspladser")
    pl = page.locator("#trin-pl_faktor")
    expect(pl).to_be_visible()
    expect(pl.locator(".regel")).to_contain_text("KL's pris- og lønskøn for serviceudgifter")
    skaermbillede(page, "ledelsesinfo-spor")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    print(f"\nledelsesinformation i browseren: {time.perf_counter() - start:.1f} s")
