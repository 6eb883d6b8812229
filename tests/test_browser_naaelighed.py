"""The workflows that had no way in, taken by clicks only in a real browser (issue 9, point 18).

`tests/test_naaelighed.py` crawls every URL with Django's test client; here a user does it in
Chromium, starting from the front page and never typing an address: the menu, the year and
quarter pickers (`faelles.aarsvalg`) and the links between pages.

- **An operator (Aarhus)**: occupancy from the menu, then another year and quarter with the
  picker; accounts from the menu, another year, an offer's result; the closure list from the
  menu and a closure statement of an offer; the offer page's links to its result and a new
  closure statement.
- **The secretariat**: the occupancy overview for another quarter; the accounts overview of
  the agreement for another year and an operator's accounts from it; the management
  information from the menu with its pair of years and a table.

The demo gets what it lacks (an Aarhus offer closing with a closure statement) from
`tests/test_naaelighed.py`'s `_suppler_demoen`.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import Skaermbillede
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer
from test_naaelighed import _suppler_demoen

from socialstyring.demo import indlaes_demo
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.register.models import Driftsherre

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (loading the demo) would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    _suppler_demoen()
    return str(live_server.url)


def _log_ind(browser: Browser, url: str, brugernavn: str) -> Page:
    page = browser.new_context(viewport=VIEWPORT, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    return page


def _menu(page: Page, punkt: str) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name=punkt, exact=True).click()


def _vaelg(page: Page, raekke: str, valg: str) -> None:
    """Click `valg` in the picker's row `raekke` ("aar", "kvartal", "aarspar")."""
    page.locator(f'.aarsvaelger [data-valg="{raekke}"]').get_by_role("link", name=valg, exact=True).click()


def _valgt(page: Page, raekke: str) -> str:
    return page.locator(f'.aarsvaelger [data-valg="{raekke}"] a[aria-current="page"]').inner_text()


def test_driftsherren_naar_belaegning_regnskab_og_lukning_med_klik(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune").pk
    page = _log_ind(browser, demo, "aarhus")

    # Occupancy: the menu opens the latest quarter with used days; the picker goes to 2017, Q3.
    _menu(page, "Belægning")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Belægning")
    _vaelg(page, "aar", "2017")
    expect(page).to_have_url(re.compile(rf"/belaegning/{aarhus}/2017/\d/$"))
    _vaelg(page, "kvartal", "Q3")
    expect(page).to_have_url(re.compile(rf"/belaegning/{aarhus}/2017/3/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Belægning Q1–Q3 2017")
    assert _valgt(page, "aar") == "2017" and _valgt(page, "kvartal") == "Q3"
    skaermbillede(page, "belaegning-aarsvaelger")

    # Accounts: the menu, another year, then an offer's result.
    _menu(page, "Regnskab")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regnskaber")
    _vaelg(page, "aar", "2016")
    expect(page).to_have_url(re.compile(rf"/regnskab/{aarhus}/2016/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Regnskaber 2016")
    page.locator("#regnskaber tbody tr th a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultat 2016")
    _vaelg(page, "aar", "2017")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultat 2017")

    # Closure: the menu lists the closing offer with its statement; the statement opens.
    opgoerelse = Lukningsopgoerelse.objects.select_related("tilbud").get()
    _menu(page, "Lukning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lukning af tilbud")
    raekke = page.locator("#lukninger tbody tr", has_text=opgoerelse.tilbud.navn)
    expect(raekke).to_contain_text("1. juli 2019")
    raekke.get_by_role("link", name=re.compile("besluttet 12. marts 2019")).click()
    expect(page).to_have_url(re.compile(rf"/lukning/{opgoerelse.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(opgoerelse.tilbud.navn)

    # The offer page links its results and a new closure statement, with the decision year.
    _menu(page, "Lukning")
    page.locator("#lukninger tbody tr", has_text=opgoerelse.tilbud.navn).get_by_role(
        "link", name=opgoerelse.tilbud.navn, exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(opgoerelse.tilbud.navn)
    expect(page.locator("#regnskabsaar")).to_contain_text("Resultat 2017")
    page.get_by_role("link", name="Beregn efterregulering ved lukning").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Efterregulering ved lukning")
    assert _valgt(page, "aar") == "2019"  # the year it closes
    skaermbillede(page, "lukning-ny")


def test_sekretariatet_naar_oversigterne_og_ledelsesinformationen_med_klik(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    page = _log_ind(browser, demo, "sekretariat")

    # Occupancy of every operator, another quarter.
    _menu(page, "Belægning")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Belægning")
    _vaelg(page, "aar", "2016")
    _vaelg(page, "kvartal", "Q2")
    expect(page).to_have_url(re.compile(r"/belaegning/2016/2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Belægning Q1–Q2 2016")

    # Accounts of the agreement for another year, then one operator's.
    _menu(page, "Regnskab")
    _vaelg(page, "aar", "2017")
    expect(page).to_have_url(re.compile(r"/regnskab/2017/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Regnskaber 2017")
    page.get_by_role("link", name="Aarhus Kommune", exact=True).click()
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune").pk
    expect(page).to_have_url(re.compile(rf"/regnskab/{aarhus}/2017/$"))
    expect(page.locator(".meta")).to_contain_text("Aarhus Kommune")

    # The management information: its pair of years chosen, a table.
    _menu(page, "Ledelsesinformation")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesinformation 2016–2017")
    assert _valgt(page, "aarspar") == "2016–2017"
    page.get_by_role("navigation", name="Tabeller").get_by_role("link", name="D. Belægning").click()
    expect(page).to_have_url(re.compile(r"/ledelsesinfo/midtjylland/2016/2017/D/$"))
    assert _valgt(page, "aarspar") == "2016–2017"
    skaermbillede(page, "ledelsesinfo-aarsvaelger")
