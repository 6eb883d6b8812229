"""One name for the agreement (issue 9, point 23): pages, rule tables, letters and files call
the framework agreement "Rammeaftale Midtjylland" — never "Region Midtjylland" (the region,
and in the demo an operator of its own) nor "Rammeaftale Region Midtjylland" nor its code.

The pages of an Aarhus offer name the agreement (the header, the rule tables of its rate, its
result and closure pages); "Region Midtjylland" may appear on them only as the operator it
is, and the Aarhus offer's pages name no other operator.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from socialstyring.io.kilder.kommuner import rammeaftalenavn
from socialstyring.web.register.models import Rammeaftale, Tilbud

pytestmark = pytest.mark.django_db

NAVN = "Rammeaftale Midtjylland"


def _tekst(c: Client, url: str) -> str:
    svar = c.get(url)
    assert svar.status_code == 200, url
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", svar.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_hjaelperen_og_databasen_har_samme_navn(demo: None) -> None:
    for a in Rammeaftale.objects.all():
        assert rammeaftalenavn(a.kode) == a.navn
    assert rammeaftalenavn("sjaelland") == "Rammeaftale Sjælland"


def test_siderne_kalder_aftalen_det_samme(demo: None) -> None:
    c = Client()
    c.force_login(get_user_model().objects.get(username="sekretariat"))
    tilbud = Tilbud.objects.filter(driftsherre__navn="Aarhus Kommune").order_by("navn").first()
    assert tilbud is not None
    tilbudssider = [
        f"/register/tilbud/{tilbud.pk}/",
        f"/tilbud/{tilbud.pk}/resultat/2017/",
        f"/tilbud/{tilbud.pk}/lukning/ny/",
    ]
    andre = ["/regelbog/midtjylland/", "/katalog/midtjylland/2017/", "/ledelsesinfo/midtjylland/2016/2017/"]
    for url in tilbudssider + andre:
        tekst = _tekst(c, url)
        assert NAVN in tekst, url
        assert "Rammeaftale Region" not in tekst, url
    for url in tilbudssider:
        assert "Region Midtjylland" not in _tekst(c, url), url
