"""Pytest plumbing shared by the whole suite (nothing domain-specific belongs here).

- Tests marked `browser` need Debian's Chromium at /usr/bin/chromium. Without it they
  are skipped, except when SOCIALSTYRING_KRAEV_ALT=1 (as in CI), where they fail.
- A run in which no test passed (everything skipped or deselected) ends with exit code 5,
  like pytest's own "no tests collected", so `make test` and CI cannot go green on a run
  that tested nothing.

- `browser` (headless Debian Chromium through Playwright) and `skaermbillede` (a screenshot
  saver: into SOCIALSTYRING_SKAERMBILLEDER when set — the README's are made with
  `SOCIALSTYRING_SKAERMBILLEDER=docs/skaermbilleder` — otherwise the test's tmp_path) for
  the browser tests.

The database comes from socialstyring.web.settings: SQLite by default, PostgreSQL when
SOCIALSTYRING_DATABASE_URL is set (see scripts/pg-throwaway).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROD = Path(__file__).resolve().parent.parent

Skaermbillede = Callable[[Page, str], None]


@pytest.fixture
def browser() -> Iterator[Browser]:
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@pytest.fixture
def skaermbillede(tmp_path: Path) -> Skaermbillede:
    """Save a screenshot of the viewport as <name>.png (see the module's docstring)."""
    mappe_env = os.environ.get("SOCIALSTYRING_SKAERMBILLEDER")
    mappe = (
        (ROD / mappe_env if not Path(mappe_env).is_absolute() else Path(mappe_env)) if mappe_env else tmp_path
    )
    mappe.mkdir(parents=True, exist_ok=True)

    def tag(page: Page, navn: str) -> None:
        page.screenshot(path=str(mappe / f"{navn}.png"))

    return tag


def _kraev_alt() -> bool:
    return os.environ.get("SOCIALSTYRING_KRAEV_ALT") == "1"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None or CHROMIUM.exists():
        return
    reason = f"browser test needs Chromium at {CHROMIUM} (apt-get install chromium)"
    if _kraev_alt():
        pytest.fail(f"{reason}; SOCIALSTYRING_KRAEV_ALT=1 forbids skipping it", pytrace=False)
    pytest.skip(reason)


class _PassCounter:
    """Counts passed tests, so a run in which nothing passed can be told apart."""

    def __init__(self) -> None:
        self.passed = 0
        self.nothing_passed = False

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed and not hasattr(report, "wasxfail"):
            self.passed += 1

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if session.config.option.collectonly:
            return
        if session.exitstatus == pytest.ExitCode.OK and self.passed == 0:
            self.nothing_passed = True
            session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.nothing_passed:
            terminalreporter.write_line(
                "No test passed (all skipped, deselected or xfailed): exit code 5.",
                red=True,
                bold=True,
            )


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_PassCounter(), "socialstyring-pass-counter")
