"""A browser page logged in to the live server, as the browser tests begin: a fresh context
(desktop size, Danish), a 20-second default timeout, the demo login of `brugernavn`."""

from __future__ import annotations

from playwright.sync_api import Browser, Page


def log_ind(browser: Browser, url: str, brugernavn: str, adgangskode: str = "demo1234") -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/")
    page.get_by_label("Brugernavn").fill(brugernavn)
    page.get_by_label("Adgangskode").fill(adgangskode)
    page.get_by_role("button", name="Log ind").click()
    return page
