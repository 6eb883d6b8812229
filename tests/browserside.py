"""A browser page logged in to the live server, as the browser tests begin: a fresh context
(desktop size, Danish), a 20-second default timeout, the demo login of `brugernavn`."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect


def log_ind(browser: Browser, url: str, brugernavn: str, adgangskode: str = "demo1234") -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill(adgangskode)
    page.get_by_role("button", name="Log ind").click()
    return page


def vis_spor(page: Page, figur: Locator) -> Locator:
    """Clicks a figure and returns the trace panel, once the page's trace script has started
    (it sits at the end of the page; a click before it runs would do nothing)."""
    page.locator("html[data-spor-klar]").wait_for(state="attached")
    figur.click()
    panel = page.locator("#spor-panel")
    expect(panel).to_be_visible()
    return panel
