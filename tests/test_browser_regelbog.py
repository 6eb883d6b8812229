"""The secretariat keeps a rule value in a real browser: from the menu to Midtjylland's
rulebook, KL's P/L 2019 = 1,3 % entered with its source and confirmed on the second page, and
the 2019 rate report's trace then showing 1,3 % from the agreement's own value, who entered it,
and the rise it flags (Herning's 2.000 → 2.030 kr. is 1,50 %, 0,20 percentage points over the
allowed 1,30 %; see tests/test_regelbog_web.py for the figures worked by hand).

Headless Debian Chromium through Playwright against pytest-django's live_server with the demo
loaded (as tests/test_browser_journeys.py)."""

from __future__ import annotations

import os
import re
import time
from decimal import Decimal

import pytest
from conftest import Skaermbillede
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Driftsherre, Ydelsesaar

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls would
# otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
KILDE = "KL, Pris- og lønskøn for de kommunale serviceudgifter, juni 2018"


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    indlaes_demo()
    return str(live_server.url)


def _log_ind(browser: Browser, url: str, brugernavn: str) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/login/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill("demo1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", exact=True)).to_be_visible()
    return page


def test_sekretariatet_indtaster_pl_og_ser_den_i_sporet(
    demo: str, browser: Browser, skaermbillede: Skaermbillede
) -> None:
    start = time.perf_counter()
    herning = Driftsherre.objects.get(navn="Herning Kommune")
    y2018 = (
        Ydelsesaar.objects.filter(
            ydelse__tilbud__driftsherre=herning, aar=2018, takst__isnull=False, pladser__gt=0
        )
        .select_related("ydelse__tilbud")
        .order_by("pk")
        .first()
    )
    assert y2018 is not None
    Ydelsesaar.objects.filter(pk=y2018.pk).update(takst=Decimal(2000))
    Ydelsesaar.objects.create(
        ydelse=y2018.ydelse,
        aar=2019,
        pladser=y2018.pladser,
        budgetteret_belaegning_pct=95,
        takst=Decimal(2030),
    )
    navn = f"{y2018.ydelse.tilbud.navn} – {y2018.ydelse.navn}"

    page = _log_ind(browser, demo, "sekretariat")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Regelbog").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rammeaftale Midtjylland")
    pl = page.locator("tr#p-pl\\.kl_skoen_pct")
    expect(pl).to_contain_text("National")
    pl.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("KL's pris- og lønskøn")

    form = page.locator("#vaerdi-form")
    form.get_by_label("Værdi (procent, kan være negativ)").fill("1,3")
    form.get_by_label("Gælder fra").fill("2019-01-01")
    form.get_by_label("Kilde: dokumentets titel").fill(KILDE)
    form.get_by_label("Kilde: afsnit eller side").fill("Tabel 1, serviceudgifter 2019")
    form.get_by_role("button", name="Videre").click()

    # the second look: what changes and from when; nothing is saved yet
    expect(page.get_by_role("heading", level=1)).to_have_text("Gem en ny værdi i regelbogen")
    expect(page.get_by_text("1,3 % fra 1. januar 2019 til 1. januar 2020")).to_be_visible()
    assert not Regelaendring.objects.exists()
    skaermbillede(page, "regelbog-bekraeft")
    page.get_by_role("button", name="Gem værdien").click()
    expect(page.get_by_text("Værdien er gemt; beregningerne bruger den fra nu af.")).to_be_visible()
    assert Regelaendring.objects.get().vaerdi == "1.3"
    egne = page.locator("section", has=page.get_by_role("heading", name="Rammeaftalens egne værdier"))
    expect(egne).to_contain_text("1,3 %")
    expect(egne).to_contain_text("Rammeaftalens egen værdi, indtastet af sekretariat")
    skaermbillede(page, "regelbog-parameter")

    # the 2019 rate report computes with it; the flag's trace shows the value and its origin
    page.goto(f"{demo}/indberetning/{herning.pk}/2019/")
    markering = page.locator("#markeringer > ul > li", has_text=f"{navn}: taksten stiger")
    expect(markering).to_contain_text("det er mere end den tilladte udvikling på 1,30 %")
    markering.get_by_text("Vis beregningen").click()
    regel = markering.locator("p.regel", has_text="KL's pris- og lønskøn for serviceudgifter")
    expect(regel).to_contain_text("1,3 %")
    expect(regel).to_contain_text(KILDE)
    expect(regel).to_contain_text(
        re.compile(r"Indtastet\s+Rammeaftalens egen værdi, indtastet af sekretariat")
    )
    expect(markering).to_contain_text("0,2 procentpoint")
    skaermbillede(page, "regelbog-spor")
    print(f"regelbogsrejsen: {time.perf_counter() - start:.1f} s")
