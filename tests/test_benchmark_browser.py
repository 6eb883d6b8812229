"""A municipality's finance staff compare its spending with the average and peers, and read the
unit costs of the published rates — in a real browser (headless Chromium through Playwright
against the live server, the demo loaded and a small made-up REGK31 export imported).

Worked by hand (tests/cases/benchmark_haandregnet_tre_kommuner_2020.yaml): Hedensted 300.000.000 kr.
÷ 27.000 18–64-year-olds = 11.111 kr., against 1.550.000.000 ÷ 152.000 = 10.197 kr.: a reduction of
24.671.053 kr.; against Horsens and Vejle (10.000 kr.) 30.000.000 kr. The demo's catalogue 2017,
§ 66 per 24 hours (tests/test_benchmark.py): weighted by places 255.982 ÷ 151 = 1.695,25 kr."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browserside import log_ind, vis_spor
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from socialstyring.demo import indlaes_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

FIL = Path(__file__).parent / "data" / "regk31" / "tre_kommuner_2020.csv"


@pytest.fixture
def demo(live_server: LiveServer, transactional_db: None) -> str:
    from socialstyring.web.befolkning.models import Befolkning
    from socialstyring.web.benchmark.services import indlaes_regnskab
    from socialstyring.web.register.models import Kommune

    indlaes_demo()
    indlaes_regnskab(FIL)
    for navn, antal in (("Hedensted", 27_000), ("Horsens", 55_000), ("Vejle", 70_000)):
        Befolkning.objects.update_or_create(
            kommune=Kommune.objects.get(navn=navn), aar=2020, aldersgruppe="18-64", defaults={"antal": antal}
        )
    return str(live_server.url)


def test_sekretariatet_sammenligner_og_aabner_enhedspriserne(browser: Browser, demo: str) -> None:
    page = log_ind(browser, demo, "sekretariat")

    page.locator('a[data-menu="benchmark"]').click()
    expect(page.locator("#fund")).to_contain_text("Hedensted bruger 11.111 kr. pr. 18-64-årig")
    vis_spor(page, page.locator('button[data-spor="benchmark.reduktion"]'))
    expect(page.locator("#spor-panel")).to_contain_text("27.000")
    page.locator("[data-luk-spor]").click()

    page.get_by_label("Vælg op til 20 kommuner at sammenligne med").select_option(label=["Horsens", "Vejle"])
    page.get_by_role("button", name="Sammenlign").click()
    expect(page.locator("#noegletal")).to_contain_text("30.000.000")
    expect(page.locator("#diagram")).to_be_visible()

    page.get_by_role("link", name="Enhedspriser fra de offentliggjorte takster").click()
    expect(page.get_by_role("heading", name="Enhedspriser 2017")).to_be_visible()  # the latest catalogue
    expect(page.locator("#grupper")).to_contain_text("1.695,25")
