"""The settlement when a tilbud closes (`takster:lukning_ny`, `takster:lukning`), with real figures.

The figures are the hand-worked case tests/cases/lukning_syddanmark_klyngetilbud_endelig_2019.yaml
(Bofællesskabet Kastanjen, a klyngetilbud of Rammeaftale Syddanmark whose closure was decided in
2019: underskud 1.262.450 kr., the centre's 3.815.000 kr.; 1.071.700,00 kr. is settled among
Kolding, Vejle and Fredericia by their used days 2017 + 2018), typed into the form the Danish way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from registerdata import Registerdata, opret_registerdata

from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.register.models import (
    Brugerprofil,
    Driftsherre,
    Kategorisering,
    Kommune,
    Pladskoeb,
    Rolle,
    Tilbud,
)

pytestmark = pytest.mark.django_db


class Verden:
    def __init__(self) -> None:
        self.data: Registerdata = opret_registerdata()
        syd = self.data.syd
        self.vejle = Kommune.objects.get(kode=630)
        self.kolding = Kommune.objects.create(kode=621, navn="Kolding", rammeaftale=syd)
        self.fredericia = Kommune.objects.create(kode=607, navn="Fredericia", rammeaftale=syd)
        self.kastanjen = Tilbud.objects.create(
            navn="Bofællesskabet Kastanjen", driftsherre=self.data.odense, paragraf="SEL § 108"
        )
        self.kategori = Kategorisering.objects.create(
            tilbud=self.kastanjen,
            aar=2019,
            tilsidesat="klyngetilbud",
            begrundelse="Klyngetilbud i Syddanmark",
        )
        svendborg = Driftsherre.objects.create(navn="Svendborg Kommune", rammeaftale=syd)
        self.brugere = {
            "driftsherre": self._bruger("dh_odense", Rolle.DRIFTSHERRE, self.data.odense),
            "driftsherre_anden": self._bruger("dh_svendborg", Rolle.DRIFTSHERRE, svendborg),
            "laeser": self._bruger("laeser_syd", Rolle.LAESER, None),
            "sekretariat": self.data.bruger("sekretariat_anden"),  # Syddanmark's secretariat
            "sekretariat_midt": self.data.bruger("sekretariat"),
        }

    def _bruger(self, navn: str, rolle: str, driftsherre: Driftsherre | None) -> User:
        bruger = User.objects.create_user(navn, password="x")
        Brugerprofil.objects.create(
            bruger=bruger, rolle=rolle, rammeaftale=self.data.syd, driftsherre=driftsherre
        )
        return bruger

    def klient(self, rolle: str) -> Client:
        c = Client()
        c.force_login(self.brugere[rolle])
        return c

    def postdata(self, opgoerelse: str = "endelig") -> dict[str, Any]:
        raekker = [
            (self.kolding, "1.460", "1.095"),
            (self.vejle, "730", "912"),
            (self.fredericia, "365", "200"),
        ]
        data: dict[str, Any] = {
            "opgoerelse": opgoerelse,
            "beslutningsdato": "12-03-2019",
            "lukningsdato": "30-06-2019",
            "center": "Center for Voksenhandicap",
            "tilbuddets_resultat": "-1.262.450",
            "centrets_resultat": "-3.815.000",
            "driftsmaaneder": "6",
            "kommune-TOTAL_FORMS": "4",
            "kommune-INITIAL_FORMS": "0",
            "kommune-MIN_NUM_FORMS": "0",
            "kommune-MAX_NUM_FORMS": "1000",
        }
        for i, (k, foerste, andet) in enumerate(raekker):
            data |= {
                f"kommune-{i}-kommune": k.pk,
                f"kommune-{i}-dage_foerste": foerste,
                f"kommune-{i}-dage_andet": andet,
            }
        data |= {"kommune-3-kommune": "", "kommune-3-dage_foerste": "", "kommune-3-dage_andet": ""}
        return data


@pytest.fixture
def verden() -> Verden:
    return Verden()


def _ny_url(tilbud: Tilbud) -> str:
    return reverse("lukning:lukning_ny", args=[tilbud.pk])


def test_endelig_opgoerelse_giver_haandregnede_beloeb(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    side = d.get(_ny_url(verden.kastanjen) + "?aar=2019")
    assert side.status_code == 200
    assert 'name="kommune-0-kommune"' in side.content.decode()

    svar = d.post(_ny_url(verden.kastanjen), verden.postdata(), follow=True)
    o = Lukningsopgoerelse.objects.get(tilbud=verden.kastanjen)
    assert svar.redirect_chain == [(reverse("lukning:lukning", args=[o.pk]), 302)]
    html = svar.content.decode()
    assert "Endelig opgørelse" in html
    assert "575.009,14 kr." in html  # Kolding: gets the extra øre
    assert "369.536,20 kr." in html  # Vejle
    assert "127.154,66 kr." in html  # Fredericia
    assert "1.071.700,00 kr." in html  # the settled amount and the total
    assert "190.750,00 kr." in html  # the limit
    assert 'id="i-alt"><button type="button" class="tal" data-spor="i_alt"' in html
    assert 'data-spor="kommune.621.beloeb"' in html and 'data-spor="efterregulering"' in html
    assert 'id="trin-kommune.621.beloeb"' in html and "spor.js" in html  # the trace panel
    assert "Center for Voksenhandicap" in html

    assert o.opgoerelse == "endelig" and o.tilbuddets_resultat == Decimal("-1262450")
    assert Decimal(o.resultat["efterregulering"]) == Decimal("1071700")
    assert [k["navn"] for k in o.kommuner] == ["Kolding", "Vejle", "Fredericia"]
    assert o.oprettet_af == verden.brugere["driftsherre"]
    assert o.history.count() == 1


def test_foreloebig_overskrift(verden: Verden) -> None:
    svar = verden.klient("sekretariat").post(
        _ny_url(verden.kastanjen), verden.postdata("foreloebig"), follow=True
    )
    assert svar.status_code == 200
    assert "Foreløbig opgørelse" in svar.content.decode()


def test_forkert_kategori_er_en_formfejl(verden: Verden) -> None:
    verden.kategori.tilsidesat = "lokalt"
    verden.kategori.save()
    svar = verden.klient("driftsherre").post(_ny_url(verden.kastanjen), verden.postdata())
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Intet er gemt" in html and "gælder kun klyngetilbud" in html
    assert not Lukningsopgoerelse.objects.exists()


def test_manglende_kategori_er_en_formfejl(verden: Verden) -> None:
    verden.kategori.delete()
    svar = verden.klient("driftsherre").post(_ny_url(verden.kastanjen), verden.postdata())
    assert svar.status_code == 400
    assert "ingen kategori for 2019" in svar.content.decode()
    assert not Lukningsopgoerelse.objects.exists()


def test_pladskoeb_forudfylder_dagene(verden: Verden) -> None:
    Pladskoeb.objects.create(
        tilbud=verden.kastanjen, aar=2017, kommune=verden.kolding, aarspladser=Decimal(4)
    )
    Pladskoeb.objects.create(
        tilbud=verden.kastanjen, aar=2018, kommune=verden.kolding, aarspladser=Decimal(3)
    )
    html = verden.klient("driftsherre").get(_ny_url(verden.kastanjen) + "?aar=2019").content.decode()
    assert f'<option value="{verden.kolding.pk}" selected>' in html
    assert 'value="1.460"' in html and 'value="1.095"' in html


def test_laeser_og_anden_driftsherre_afvises(verden: Verden) -> None:
    verden.klient("driftsherre").post(_ny_url(verden.kastanjen), verden.postdata())
    o = Lukningsopgoerelse.objects.get()
    side = reverse("lukning:lukning", args=[o.pk])
    for rolle in ("laeser", "driftsherre_anden"):
        k = verden.klient(rolle)
        assert k.get(side).status_code == 403
        assert k.get(_ny_url(verden.kastanjen)).status_code == 403
        assert k.post(_ny_url(verden.kastanjen), verden.postdata()).status_code == 403
    assert verden.klient("sekretariat_midt").get(side).status_code == 404
    assert verden.klient("sekretariat").get(side).status_code == 200
    assert Lukningsopgoerelse.objects.count() == 1
