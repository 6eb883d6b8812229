"""Accessibility and layout in a real browser (issue 9, point 22): every field has a name,
the rate report fits a 1280 px screen with its justifications, and the pages fit a phone.

The review found the rate report's 155 fields without a label, the report's table running
past a 1280 px screen (the justification box cut off), and the pages 831 px wide on a
390 px phone. Measured here in headless Debian Chromium through Playwright against a server
with the demo (`levende_server`: its own database, the demo loaded once for the module by
`socialstyring demo opsaet`, as `make run` does): 2018 is being reported, Aarhus has a draft,
Herning has submitted.

- **Names**: every visible `input` (but hidden ones and buttons), `select` and `textarea` has
  an accessible name as the browser computes it from `<label>`, `aria-label` or
  `aria-labelledby` — on the report (as Aarhus and as the secretariat) and on every form page
  of the demo.
- **1280 × 800**: the report's page is no wider than the screen, its table does not scroll in
  its box, and every justification box and the last column end inside the screen.
- **390 × 844**: the main pages are no wider than the phone (a wide table scrolls in its own
  box), and the top bar leaves the page's heading in the upper half of the screen.

tests/test_tilgaengelighed.py checks names and tables on every page without a browser.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Skaermbillede
from levende_server import levende_server
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AAR = 2018
BRED, SMAL = 1280, 390

NAVNE_JS = """
() => {
  const tekst = (e) => (e ? e.textContent : '').replace(/\\s+/g, ' ').trim();
  const ud = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (!el.getClientRects().length) continue;  // not shown
    let navn = '';
    const ider = el.getAttribute('aria-labelledby');
    if (ider) navn = ider.split(/\\s+/).map((i) => tekst(document.getElementById(i))).join(' ').trim();
    if (!navn) navn = (el.getAttribute('aria-label') || '').trim();
    if (!navn && el.labels) navn = Array.from(el.labels).map(tekst).join(' ').trim();
    ud.push([el.name || el.id, navn]);
  }
  return ud;
}
"""
"""Each shown field's name and its accessible name (labelledby, label, then <label>s)."""

UDE_JS = """
(bredde) => Array.from(document.querySelectorAll('body *'))
  .filter((e) => e.getBoundingClientRect().right > bredde + 0.5
    && e.parentElement.getBoundingClientRect().right <= bredde + 0.5)
  .slice(0, 5)
  .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
"""
"""What sticks out past the screen's right edge (the outermost elements): a failure's clue."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with levende_server(Path(tmp_path_factory.mktemp("tilgaengelighed"))) as adresse:
        yield adresse


def _log_ind(browser: Browser, adresse: str, brugernavn: str, bredde: int, hoejde: int = 800) -> Page:
    page = browser.new_context(viewport={"width": bredde, "height": hoejde}, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{adresse}/login/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    return page


def _link(page: Page, adresse: str, sti: str, moenster: str) -> str:
    """The first link on page `sti` whose address matches `moenster` (the demo's ids are the
    server's own)."""
    page.goto(adresse + sti)
    for href in page.locator("a[href]").evaluate_all("as => as.map((a) => a.getAttribute('href'))"):
        if re.fullmatch(moenster, href):
            return str(href)
    raise AssertionError(f"intet link som {moenster} på {sti}")


def _aabn(page: Page, adresse: str, sti: str) -> None:
    svar = page.goto(adresse + sti)
    assert svar is not None and svar.status == 200, f"{sti}: {svar and svar.status}"


def _navne(page: Page) -> list[tuple[str, str]]:
    return [(str(n), str(v)) for n, v in page.evaluate(NAVNE_JS)]


def _bredde(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


# --- the pages -------------------------------------------------------------------------


def _id(href: str, moenster: str) -> int:
    m = re.search(moenster, href)
    assert m, (href, moenster)
    return int(m.group(1))


def _aarhus(page: Page, adresse: str, brugernavn: str) -> int:
    """Aarhus' id: from its own front page, or the secretariat's list of reports."""
    if brugernavn == "aarhus":
        return _id(_link(page, adresse, "/", rf"/indberetning/\d+/{AAR}/"), r"/indberetning/(\d+)/")
    page.goto(f"{adresse}/indberetning/{AAR}/?soeg=Aarhus")
    href = page.get_by_role("link", name="Aarhus Kommune", exact=True).get_attribute("href")
    return _id(href or "", r"/indberetning/(\d+)/")


def _bakkevangen(page: Page, adresse: str) -> int:
    """Aarhus' offer Bakkevangen (first in its report): from the register's search."""
    return _id(_link(page, adresse, "/register/?soeg=Bakkevangen", r"/register/tilbud/\d+/"), r"(\d+)")


def _formularsider(page: Page, adresse: str, brugernavn: str) -> list[str]:
    """The demo's pages with a form, for the role: the report, budget, occupancy, accounts,
    in-year change, closure, the offer (its category override and edit form), the Excel
    imports, the lists' filters; the secretariat's overviews and the rulebook's value form."""
    aarhus, tilbud = _aarhus(page, adresse, brugernavn), _bakkevangen(page, adresse)
    sider = [
        f"/indberetning/{aarhus}/{AAR}/",
        f"/indberetning/{aarhus}/{AAR}/excel/import/",
        f"/tilbud/{tilbud}/budget/{AAR}/",
        f"/belaegning/{aarhus}/{AAR}/1/",
        f"/belaegning/{aarhus}/{AAR}/excel/import/",
        f"/regnskab/{aarhus}/2017/",
        f"/regnskab/{aarhus}/2017/excel/import/",
        f"/tilbud/{tilbud}/resultat/2017/",
        f"/tilbud/{tilbud}/aendring/ny/",
        f"/tilbud/{tilbud}/lukning/ny/",
        f"/register/tilbud/{tilbud}/",
        f"/register/tilbud/{tilbud}/rediger/",
        "/register/",
        "/aendringer/",
    ]
    if brugernavn == "sekretariat":
        sider += [
            f"/indberetning/{AAR}/",
            f"/belaegning/{AAR}/1/",
            "/regelbog/midtjylland/parameter/pl.kl_skoen_pct/",
        ]
    return sider


def _hovedsider(page: Page, adresse: str, brugernavn: str) -> list[str]:
    """The main pages: front page, register, an offer, the report, the catalogue, occupancy,
    the management information and the rulebook (a reader sees no report or occupancy); the
    secretariat's overviews and a rate calculation (Solbakken's, the demo's one in 2018)."""
    tilbud = _bakkevangen(page, adresse)
    sider = [
        "/",
        "/register/",
        f"/register/tilbud/{tilbud}/",
        "/katalog/midtjylland/2017/",
        "/ledelsesinfo/midtjylland/2016/2017/",
        "/ledelsesinfo/midtjylland/2016/2017/C/",
        "/regelbog/midtjylland/",
    ]
    if brugernavn != "laeser":
        aarhus = _aarhus(page, adresse, brugernavn)
        sider += [f"/indberetning/{aarhus}/{AAR}/", f"/belaegning/{aarhus}/{AAR}/1/", "/lukning/"]
    if brugernavn == "sekretariat":
        solbakken = _id(_link(page, adresse, "/register/?soeg=Solbakken", r"/register/tilbud/\d+/"), r"(\d+)")
        sider += [
            f"/indberetning/{AAR}/",
            f"/belaegning/{AAR}/1/",
            "/regnskab/2017/",
            f"/tilbud/{solbakken}/takst/{AAR}/",
        ]
    return sider


# --- names -----------------------------------------------------------------------------

RAEKKE = "Bo- og aktivitetstilbuddet Bakkevangen – Beskyttet beskæftigelse § 103"
"""The report's first row (Aarhus' first offer and service in the demo)."""


@pytest.mark.parametrize("brugernavn", ["aarhus", "sekretariat"])
def test_indberetningens_felter_har_navne(server: str, browser: Browser, brugernavn: str) -> None:
    """Aarhus' draft, as Aarhus and as the secretariat: more than 100 fields, all named with
    column, year and row — the name a screen reader reads and a test finds the field by."""
    page = _log_ind(browser, server, brugernavn, BRED)
    _aabn(page, server, f"/indberetning/{_aarhus(page, server, brugernavn)}/{AAR}/")
    navne = _navne(page)
    assert len(navne) > 100
    assert [n for n, v in navne if not v] == []
    for kolonne in ("Pladser", "Belægning %", "Takst", "Kilde til taksten", "Begrundelse"):
        expect(page.get_by_label(f"{kolonne} {AAR}, {RAEKKE}", exact=True)).to_have_count(1)
    page.context.close()


@pytest.mark.parametrize("brugernavn", ["aarhus", "sekretariat"])
def test_formularsidernes_felter_har_navne(server: str, browser: Browser, brugernavn: str) -> None:
    """Every field on every form page the role reaches in the demo has a name."""
    page = _log_ind(browser, server, brugernavn, BRED)
    uden_navn: list[tuple[str, str]] = []
    felter = 0
    for sti in _formularsider(page, server, brugernavn):
        _aabn(page, server, sti)
        navne = _navne(page)
        assert navne, f"{sti}: ingen felter"
        felter += len(navne)
        uden_navn += [(sti, n) for n, v in navne if not v]
    assert uden_navn == []
    assert felter > 250
    page.context.close()


# --- 1280 px -----------------------------------------------------------------------------


@pytest.mark.parametrize(("brugernavn", "driftsherre"), [("aarhus", "Aarhus"), ("sekretariat", "Herning")])
def test_indberetningen_passer_paa_1280(
    server: str, browser: Browser, skaermbillede: Skaermbillede, brugernavn: str, driftsherre: str
) -> None:
    """Aarhus' draft (fields) and Herning's submitted report (text), at 1280 × 800: the page is
    no wider than the screen, the table does not scroll in its box, and every justification
    and the last column end inside the screen."""
    page = _log_ind(browser, server, brugernavn, BRED)
    if driftsherre == "Aarhus":
        sti = f"/indberetning/{_aarhus(page, server, brugernavn)}/{AAR}/"
    else:
        page.goto(f"{server}/indberetning/{AAR}/?soeg={driftsherre}")
        sti = page.get_by_role("link", name=f"{driftsherre} Kommune", exact=True).get_attribute("href") or ""
    _aabn(page, server, sti)
    maal: dict[str, Any] = page.evaluate(
        """() => {
          const t = document.querySelector('table.indberetning'), boks = t.closest('.rul');
          const hoejre = (s) => Array.from(t.querySelectorAll(s)).map((e) => e.getBoundingClientRect().right);
          return {side: document.documentElement.scrollWidth, rul: boks.scrollWidth - boks.clientWidth,
                  raekker: t.querySelectorAll('tbody tr').length, begrundelser: hoejre('td.begrundelse'),
                  felter: hoejre('td.begrundelse textarea'), sidste: hoejre('tr > :last-child'),
                  venstre: t.getBoundingClientRect().left};
        }"""
    )
    assert maal["side"] <= BRED, page.evaluate(UDE_JS, BRED)
    assert maal["rul"] <= 0, "tabellen ruller i sin kasse"
    assert maal["venstre"] >= 0
    assert maal["raekker"] > 20 and len(maal["begrundelser"]) == maal["raekker"]
    if driftsherre == "Aarhus":
        assert len(maal["felter"]) == maal["raekker"]
    assert max(maal["begrundelser"] + maal["felter"] + maal["sidste"]) <= BRED
    # and one justification box by its name, as Playwright sees it
    if driftsherre == "Aarhus":
        felt = page.get_by_label(f"Begrundelse {AAR}, {RAEKKE}", exact=True)
        felt.scroll_into_view_if_needed()
        boks = felt.bounding_box()
        assert boks is not None and boks["x"] >= 0 and boks["x"] + boks["width"] <= BRED
        skaermbillede(page, "indberetning-1280")
    page.context.close()


# --- 390 px ------------------------------------------------------------------------------


@pytest.mark.parametrize("brugernavn", ["aarhus", "sekretariat", "laeser"])
def test_siderne_passer_paa_en_telefon(
    server: str, browser: Browser, skaermbillede: Skaermbillede, brugernavn: str
) -> None:
    """At 390 × 844 every main page and form page is no wider than the phone (a wide table
    scrolls in its own box), and on the front page the top bar and menu leave the heading in
    the upper half of the screen."""
    page = _log_ind(browser, server, brugernavn, SMAL, 844)
    sider = _hovedsider(page, server, brugernavn)
    if brugernavn != "laeser":
        sider += [s for s in _formularsider(page, server, brugernavn) if s not in sider]
    for_brede: list[tuple[str, int, list[str]]] = []
    for sti in sider:
        _aabn(page, server, sti)
        if (b := _bredde(page)) > SMAL:
            for_brede.append((sti, b, page.evaluate(UDE_JS, SMAL)))
    assert for_brede == []
    _aabn(page, server, "/")
    overskrift = page.get_by_role("heading", level=1).bounding_box()
    assert overskrift is not None and overskrift["y"] + overskrift["height"] <= 844 / 2
    # every menu item is on the screen
    for boks in page.get_by_role("navigation", name="Hovedmenu").get_by_role("link").all():
        kasse = boks.bounding_box()
        assert kasse is not None and kasse["x"] >= 0 and kasse["x"] + kasse["width"] <= SMAL
    skaermbillede(page, f"forside-390-{brugernavn}")
    page.context.close()
