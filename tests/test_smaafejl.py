"""Small slips found when the app was tried as a new user would, each with its test.

Figures are registerdata's (tests/registerdata.py): Solhaven's døgn service has 22 places at
96 % in 2018, its day service 9 places at 640,50 kr.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.web.register.models import Ydelsesaar


@pytest.fixture
def data(db: None) -> Registerdata:
    return opret_registerdata()


def _klient(data: Registerdata, rolle: str = "driftsherre") -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def test_pladser_og_procenter_vises_uden_nuldecimaler_i_felterne(data: Registerdata) -> None:
    """Places and percentages are typed as whole numbers: the fields show 22 and 96, not
    22,00 and 96,00; a rate with øre keeps them (640,50)."""
    url = reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR])
    felter = formulardata(_klient(data).get(url).content.decode(), url)
    vaerdier = {k: v for k, v in felter.items() if not k.startswith("initial-")}
    raekker = {v: k.removesuffix("-ydelse") for k, v in vaerdier.items() if k.endswith("-ydelse")}
    bo, dag = raekker[str(data.botilbud.pk)], raekker[str(data.dagtilbud.pk)]
    assert (vaerdier[f"{bo}-pladser"], vaerdier[f"{bo}-budgetteret_belaegning_pct"]) == ("22", "96")
    assert (vaerdier[f"{dag}-pladser"], vaerdier[f"{dag}-takst"]) == ("9", "640,50")


def test_historikken_viser_aarspladser_som_tal_ikke_kroner(data: Registerdata) -> None:
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    ya.faktiske_aarspladser = Decimal("52.66")
    ya.save()
    html = (
        _klient(data, "sekretariat")
        .get(reverse("historik:historik", args=[data.solhaven.pk]))
        .content.decode()
    )
    tekst = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Faktisk belægning (årspladser): – → 52,66" in tekst
    assert "52,66 kr." not in tekst


def test_aendringsformen_foreslaar_ingen_dato_og_siger_hvilken_takst_der_mangler(data: Registerdata) -> None:
    url = reverse("aendringer:aendring_ny", args=[data.solhaven.pk])
    klient = _klient(data)
    assert formulardata(klient.get(url).content.decode(), url).get("beslutningsdato", "") == ""
    svar = klient.post(
        url,
        {
            "type": "takstforhoejelse",
            "ydelse": data.dagtilbud.pk,
            "begrundelse": "Flere timer til personalet.",
            "ny_takst": "700",
            "beslutningsdato": "2026-03-01",  # the register has no 2026 figures
            "oensket_ikrafttraedelse": "2026-04-01",
        },
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Registeret har ingen takst for Dagtilbud i 2026, beslutningsdatoens år." in html
    assert "kræver både gammel og ny takst" not in html
