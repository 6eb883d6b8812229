"""The demo's billing (socialstyring/demo/afregning.py): Herning's statement for January 2018
sent to Randers, seen by `randers_kommune`, every line days × the register's 2018 rate
(Herning's day services 557,00 kr., its residential services 1.392,00 kr. a day: a whole
January is 31 × 557,00 = 17.267,00 and 31 × 1.392,00 = 43.152,00 kr.), and no CPR number on any
page or download."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from socialstyring.web.afregning import selectors
from socialstyring.web.afregning.models import Afregning

CPR = re.compile(r"\b\d{6}-?\d{4}\b")


def _klient(navn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=navn))
    return c


@pytest.fixture
def sendt(demo: None) -> Afregning:
    return Afregning.objects.get(
        driftsherre__navn="Herning Kommune", betalingskommune__kode=730, aar=2018, maaned=1
    )


def test_demoens_opgoerelse_er_dage_gange_takst(sendt: Afregning) -> None:
    o = selectors.opgoerelsen(sendt)
    assert o is not None and sendt.nummer == 1
    hele = [linje for linje in o.linjer if linje.antal == 31]
    assert {(linje.sats, linje.beloeb) for linje in hele} >= {
        (Decimal("557.00"), Decimal("17267.00")),
        (Decimal("1392.00"), Decimal("43152.00")),
    }
    for linje in o.linjer:
        assert linje.beloeb == (linje.antal * linje.sats * linje.indskrivning_pct / 100).quantize(
            Decimal("0.01")
        )
        assert not linje.krav_for_sent  # claimed 5 February 2018
    assert sendt.i_alt == sum(linje.beloeb for linje in o.linjer)


def test_randers_ser_den_sendte_opgoerelse_uden_cpr(sendt: Afregning) -> None:
    c = _klient("randers_kommune")
    modtagne = c.get(reverse("afregning:kommune", args=[sendt.betalingskommune_id, 2018]))
    assert modtagne.status_code == 200 and "Herning Kommune" in modtagne.content.decode()
    for url in ("afregning:sendt", "afregning:sendt_bogfoering"):
        svar = c.get(reverse(url, args=[sendt.pk]))
        assert svar.status_code == 200
        assert not CPR.search(svar.content.decode())
    assert "Borger " in c.get(reverse("afregning:sendt", args=[sendt.pk])).content.decode()


def test_herning_ser_maaneden_og_andre_ser_ikke_udkast(sendt: Afregning) -> None:
    url = reverse("afregning:maaned", args=[sendt.driftsherre_id, 2018, 1])
    side = _klient("herning").get(url).content.decode()
    assert "Randers" in side and "Sendt som version 1" in side
    assert _klient("aarhus").get(url).status_code == 403
    assert _klient("randers_kommune").get(url).status_code == 403
    assert _klient("laeser").get(reverse("afregning:sendt", args=[sendt.pk])).status_code == 403
