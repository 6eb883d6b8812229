"""The rate page in a real browser: clicking a figure opens its trace without a reload.

Headless Debian Chromium through Playwright's sync API against pytest-django's
live_server (which needs a transactional database, so the demo data is loaded inside
the test). Screenshots go to the test's tmp dir.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserside import vis_spor
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.takst import Takstresultat, beregn_takst
from socialstyring.demo import indlaes_demo
from socialstyring.regler import regelbog
from socialstyring.web.register.models import Takstberegning

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test (loading the demo data) would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def side(live_server: LiveServer, transactional_db: None, browser: Browser, tmp_path: Path) -> Iterator[Page]:
    indlaes_demo()
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")  # not logged in: sent to the login page
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    page.screenshot(path=str(tmp_path / "login.png"))
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    yield page
    context.close()


def _resultat(navn: str) -> tuple[Takstberegning, Takstresultat]:
    b = Takstberegning.objects.select_related("tilbud").get(tilbud__navn=navn, aar=2018)
    return b, beregn_takst(b.takstgrundlag(), regelbog())


def test_klik_paa_taksten_viser_beregningssporet(side: Page, tmp_path: Path) -> None:
    page = side
    beregning, resultat = _resultat("Solbakken")
    p = resultat.ydelser[0].noegle

    page.screenshot(path=str(tmp_path / "forside.png"))
    page.get_by_role("link", name="Takst 2018 for Solbakken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Solbakken")
    expect(page.locator("#spor-panel")).to_be_hidden()
    url_foer = page.url

    knap = page.locator(f'button[data-spor="{p}.takst"]')
    expect(knap).to_have_text(kr(resultat.ydelser[0].takst_pr_dag))
    panel = vis_spor(page, knap)
    expect(knap).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#spor-titel")).to_have_text("Gennemsnitstakst pr. døgn")

    takst = page.locator(f'li.trin[data-trin="{p}.takst"]')
    expect(takst).to_be_visible()
    expect(takst).to_have_class(re.compile(r"\bvalgt\b"))
    expect(takst.locator(".formel")).to_contain_text("takstberegningsgrundlag / belagte dage")
    expect(takst.locator(".regel")).to_contain_text("Afrunding af døgn-, dag- og timetakster: hele kroner")
    expect(takst.locator(".maerke.antaget")).to_have_text("Antaget")

    # Exactly the steps of spor.forklar are shown, the figure's own step first.
    forventet = [t.noegle for t in resultat.spor.forklar(f"{p}.takst")]
    synlige = page.locator("li.trin:visible")
    expect(synlige).to_have_count(len(forventet))
    expect(synlige.first).to_have_attribute("data-trin", f"{p}.takst")
    administration = page.locator(f'li.trin[data-trin="{p}.overhead.administration"]')
    expect(administration).to_be_visible()
    # the rule by its name in the rulebook; its key only behind the closed Teknisk toggle
    expect(administration.locator(".regel")).to_contain_text("Central ledelse og administration")
    expect(administration.locator("details.teknisk")).not_to_have_attribute("open", "")
    expect(administration.locator("details.teknisk")).to_contain_text("overhead.administration_pct")
    expect(administration).to_contain_text(resultat.spor[f"{p}.overhead.administration"].regler[0].kilde)
    page.screenshot(path=str(tmp_path / "takst-spor.png"), full_page=False)

    # Follow the link from an input to the earlier step it came from.
    takst.locator(f'a[data-til-trin="{p}.grundlag"]').click()
    grundlag = page.locator(f'li.trin[data-trin="{p}.grundlag"]')
    expect(grundlag).to_have_class(re.compile(r"\bvalgt\b"))
    expect(takst).not_to_have_class(re.compile(r"\bvalgt\b"))
    expect(grundlag).to_be_in_viewport()
    expect(grundlag.locator(".formel")).to_contain_text("direkte omkostninger + overhead + efterregulering")
    page.screenshot(path=str(tmp_path / "takst-spor-grundlag.png"), full_page=False)
    assert page.url.split("#")[0] == url_foer  # no reload, no navigation

    # Another figure replaces the trace; Escape closes the panel.
    page.locator(f'button[data-spor="{p}.belaegning"]').click()
    expect(page.locator("li.trin:visible").first).to_have_attribute("data-trin", f"{p}.belaegning")
    expect(page.locator(f'li.trin[data-trin="{p}.takst"]')).to_be_hidden()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator(f'button[data-spor="{p}.belaegning"]')).to_be_focused()
    page.screenshot(path=str(tmp_path / "takst-hel.png"), full_page=True)
    assert beregning.tilbud.navn in page.title()


def test_pakker_og_tillaegsydelser_kan_forklares(side: Page, tmp_path: Path) -> None:
    page = side
    _, hedegaarden = _resultat("Bo- og aktivitetstilbuddet Hedegården")
    pakke = hedegaarden.ydelser[0].pakker[2]
    page.get_by_role("link", name="Takst 2018 for Bo- og aktivitetstilbuddet Hedegården").click()
    vis_spor(page, page.locator(f'button[data-spor="{pakke.noegle}.takst"]'))
    valgt = page.locator(f'li.trin[data-trin="{pakke.noegle}.takst"]')
    expect(valgt).to_be_visible()
    expect(valgt.locator(".formel")).to_contain_text("grundtakst + pakketillæg")
    page.screenshot(path=str(tmp_path / "pakker.png"), full_page=True)

    page.goto(page.url.split("/tilbud/")[0] + "/")
    page.get_by_role("link", name="Takst 2018 for Skovbrynet").click()
    vis_spor(page, page.locator('button[data-spor="tillaeg.sygeplejefaglig_ledsagelse.timepris"]'))
    expect(page.locator("#spor-panel")).to_contain_text("løn pr. time + administration")
    expect(page.locator("#spor-panel")).to_contain_text("overhead.administration_pct")
    page.screenshot(path=str(tmp_path / "tillaeg.png"), full_page=True)
