"""Pytest plumbing shared by the whole suite (nothing domain-specific belongs here, except
loading the demo database once per module).

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
SOCIALSTYRING_DATABASE_URL is set (see scripts/pg-throwaway). The tests run in the development
configuration (SOCIALSTYRING_DEBUG=1 and a secret key of their own, set by pytest-env from
pyproject.toml before Django reads its settings; pytest-django still runs each test with DEBUG
off); the production configuration is tested by tests/test_indstillinger.py. The login throttle
(django-axes) is on as in production, so `Client.login` passes a request as a browser's login
does (`_login_med_request`).

The demo database (`indlaes_demo`, about a second to load) is loaded once per test module:
`demo_modul` (module scope) loads it inside an outer transaction that is rolled back after
the module's last test, and `demo` gives it to one test, whose own atomic block (pytest-django's
`db`) is a savepoint inside the outer one: every test sees the demo as loaded and its changes
are rolled back. Within each module the tests on the demo run after the others (see
pytest_collection_modifyitems), so a test that does not ask for the demo never sees it; a test
that runs while a module's demo transaction is open without asking for it fails. The
transaction is never committed, so live_server tests (the browser tests) cannot use it: the
server's thread would not see the data; they load the demo themselves.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pytest_django import DjangoDbBlocker
from revisionsvagt import revisionsvagt, tag_fund

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROD = Path(__file__).resolve().parent.parent

Skaermbillede = Callable[[Page, str], None]


@pytest.fixture(autouse=True, scope="session")
def _login_med_request() -> Iterator[None]:
    """`Client.login` with a request (from 127.0.0.1), which django-axes needs to count and
    lock out failed logins per username and address, as the login page passes one."""
    from django.test import Client, RequestFactory

    login = Client.login

    def login_med_request(self: Client, **credentials: object) -> bool:
        credentials.setdefault("request", RequestFactory().post("/login/"))
        return login(self, **credentials)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Client, "login", login_med_request)
        yield


@pytest.fixture(autouse=True, scope="session")
def _revisionsvagt() -> Iterator[None]:
    with revisionsvagt():
        yield


@pytest.fixture(autouse=True)
def _alt_med_historik() -> Iterator[None]:
    """Fails the test whose writes left no history row with their user (tests/revisionsvagt.py)."""
    tag_fund()
    yield
    fund = tag_fund()
    if fund:
        pytest.fail("Ændringer uden historik med bruger:\n" + "\n".join(sorted(set(fund))), pytrace=False)


@pytest.fixture
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    # With the live server's database, the browser comes up after it and goes first: the
    # database is flushed only when no page is still being served (a request still running
    # at the flush finds its tables locked).
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            _vent_paa_sider(b)
            b.close()
    finally:
        pw.stop()


def _vent_paa_sider(b: Browser) -> None:
    """Let every page finish what it is loading before the browser closes under it."""
    for kontekst in b.contexts:
        for side in kontekst.pages:
            with contextlib.suppress(PlaywrightError):
                side.wait_for_load_state("networkidle", timeout=10_000)
    time.sleep(0.3)  # the server's end-of-request work (closing its connection) after the last byte


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
    _kontroller_demoen(item)
    if item.get_closest_marker("browser") is None or CHROMIUM.exists():
        return
    reason = f"browser test needs Chromium at {CHROMIUM} (apt-get install chromium)"
    if _kraev_alt():
        pytest.fail(f"{reason}; SOCIALSTYRING_KRAEV_ALT=1 forbids skipping it", pytrace=False)
    pytest.skip(reason)


# The node id of the module whose demo transaction is open (None when none is).
_demo_aaben: str | None = None


@pytest.fixture(scope="module")
def demo_modul(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[None]:
    """The demo database, loaded once for the module inside a transaction that is rolled back
    after the module's last test (see the module's docstring). Tests take it through `demo`,
    module-scoped fixtures may build on it (reading the database inside
    `django_db_blocker.unblock()`)."""
    from django.db import transaction

    from socialstyring.demo import indlaes_demo

    global _demo_aaben
    ydre = transaction.atomic()
    with django_db_blocker.unblock():
        ydre.__enter__()
        try:
            indlaes_demo()
        except BaseException:
            transaction.set_rollback(True)
            ydre.__exit__(None, None, None)
            raise
    _demo_aaben = request.node.nodeid
    try:
        yield
    finally:
        _demo_aaben = None
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            ydre.__exit__(None, None, None)


@pytest.fixture
def demo(demo_modul: None, db: None) -> None:
    """The demo database for one test: the module's (`demo_modul`), the test's changes rolled back."""


def _paa_demoen(item: pytest.Item) -> bool:
    return "demo_modul" in getattr(item, "fixturenames", ())


def _kontroller_demoen(item: pytest.Item) -> None:
    """Fail a test that would see a module's demo without asking for it, and a test on the
    demo that needs committed data (the demo's transaction is never committed)."""
    if _demo_aaben is not None and not _paa_demoen(item):
        pytest.fail(
            f"{item.nodeid} runs inside the demo transaction of {_demo_aaben} without asking for the"
            " demo; the tests on the demo must run last in their module (pytest_collection_modifyitems)",
            pytrace=False,
        )
    fixturer = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    if _paa_demoen(item) and (
        fixturer & {"transactional_db", "live_server", "django_db_reset_sequences"}
        or (marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    ):
        pytest.fail(
            f"{item.nodeid} needs committed data, but the shared demo (`demo`, `demo_modul`) is never"
            " committed; load the demo in the test instead (as the browser tests do)",
            pytrace=False,
        )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each module's run of tests (pytest-django has already put the database tests
    first), the tests on the demo last, in their order: the demo's transaction is open from
    the first of them to the end of the module."""
    for item in items:
        # A test on the demo through a module-scoped fixture only (no `db`) is a database test
        # too: pytest-django sets up the test databases only when some test asks for them.
        if _paa_demoen(item) and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)
    ordnet: list[pytest.Item] = []
    for _, gruppe in groupby(items, key=lambda item: item.getparent(pytest.Module)):
        tests = list(gruppe)
        ordnet += [t for t in tests if not _paa_demoen(t)] + [t for t in tests if _paa_demoen(t)]
    items[:] = ordnet


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
