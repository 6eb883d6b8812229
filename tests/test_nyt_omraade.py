"""Adding a new area as docs/arkitektur.md says ("How to add a new area"), tried with a
trivial one (tests/omraade_eksempel): an app with an access rule, a menu item, a front-page card
and a page. Installing the app is the only change outside it: its URLs are found, its menu item
and card appear — for the secretariat, whom its rule allows, and for no other role — and its
page answers 403 to the others and sends anonymous users to the login page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client, override_settings
from registerdata import ROLLER, Registerdata, opret_registerdata

pytestmark = pytest.mark.django_db


@pytest.fixture
def med_omraadet() -> Iterator[None]:
    from procrastinate.contrib.django import procrastinate_app

    # Reinstalling the apps runs every app's ready() again; the job queue's app is built once
    # per process, so it gets a fresh blueprint to build from, and its own back afterwards.
    koe = procrastinate_app.current_app
    procrastinate_app.current_app = procrastinate_app.FutureApp()  # type: ignore[assignment]
    try:
        with override_settings(
            INSTALLED_APPS=[*settings.INSTALLED_APPS, "omraade_eksempel"],
            ROOT_URLCONF="omraade_eksempel.rod_urls",
        ):
            yield
    finally:
        procrastinate_app.current_app = koe
    from omraade_eksempel import omraade

    omraade.afregistrer()


def _klient(data: Registerdata, rolle: str | None) -> Client:
    c = Client()
    if rolle is not None:
        c.force_login(data.bruger(rolle))
    return c


def test_omraadet_vises_kun_for_den_rette_rolle(med_omraadet: None) -> None:
    data = opret_registerdata()
    for rolle in ROLLER:
        klient = _klient(data, rolle)
        forside = klient.get("/").content.decode()
        side = klient.get("/eksempel/")
        ser = rolle in ("sekretariat", "sekretariat_anden")
        assert ('data-menu="eksempel"' in forside) is ser, rolle
        assert ('id="eksempelkort"' in forside) is ser, rolle
        assert side.status_code == (200 if ser else 403), rolle
        if ser:
            assert 'href="/eksempel/"' in forside
            assert 'id="eksempel"' in side.content.decode()
            assert 'aria-current="page" class="aktiv" data-menu="eksempel"' in side.content.decode()
    anonym = _klient(data, None).get("/eksempel/")
    assert anonym.status_code == 302 and anonym["Location"].startswith("/login/")


def test_uden_omraadet_findes_det_ikke() -> None:
    data = opret_registerdata()
    klient = _klient(data, "sekretariat")
    assert klient.get("/eksempel/").status_code == 404
    assert 'data-menu="eksempel"' not in klient.get("/").content.decode()
