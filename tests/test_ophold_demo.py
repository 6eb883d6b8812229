"""The demo's stays: a year (2018) of citizens in Midtjylland's demo offers, deterministic,
within every service's places on every day, pseudonymised; the demo user randers_kommune sees
the stays Randers pays or acts for; and loading the demo twice writes nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.demo import indlaes_demo
from socialstyring.demo.indlaes import demo_logins
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.register.models import Ydelsesaar

pytestmark = pytest.mark.usefixtures("demo")


def test_et_aar_ophold_inden_for_pladserne() -> None:
    ophold = list(Ophold.objects.values_list("ydelse_id", "start", "slut", "borger"))
    assert 10000 <= len(ophold) <= 20000, len(ophold)  # about 11.000 places in use, some turnover
    assert all(len(b) == 64 and b.isalpha() for *_, b in ophold)  # pseudonyms, no digit
    pladser = dict(Ydelsesaar.objects.filter(aar=2018).values_list("ydelse_id", "pladser"))
    # occupancy on the 1st and 15th of every month of 2018, per service
    for m in range(1, 13):
        for d in (1, 15):
            dag = date(2018, m, d)
            pr_ydelse: dict[int, int] = defaultdict(int)
            for y, start, slut, _ in ophold:
                if start <= dag and (slut is None or slut >= dag):
                    pr_ydelse[y] += 1
            for y, n in pr_ydelse.items():
                assert n <= (pladser[y] or 0) + 1, (y, dag, n, pladser[y])
    assert min(s for _, s, _, _ in ophold) < date(2018, 1, 1) - timedelta(days=30)


def test_randers_kommune_ser_sine_ophold() -> None:
    assert ("randers_kommune", "demo1234") in [(n, k) for n, k, _ in demo_logins()]
    c = Client()
    assert c.login(username="randers_kommune", password="demo1234")
    randers = Ophold.objects.filter(betalingskommune__kode=730).values_list("betalingskommune_id", flat=True)[
        0
    ]
    svar = c.get(reverse("ophold:liste") + f"?kommune={randers}")
    assert svar.status_code == 200 and "Borger " in svar.content.decode()


def test_anden_indlaesning_skriver_intet() -> None:
    foer = Ophold.objects.count()
    r = indlaes_demo()
    assert Ophold.objects.count() == foer and r.nye.get("ophold", 0) == 0
