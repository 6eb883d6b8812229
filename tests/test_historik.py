"""History and restore: every change to an offer and its parts is kept with who, when and
what, shown per offer, and an earlier version can be restored (itself a new version).

The offer is edited on the register's edit page and a rate in the operator's rate report
(`takster:indberetning`, which writes the `Ydelsesaar` rows), as a user would.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.web.register.models import Afdeling, Tilbud, Ydelsesaar

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _historik(klient: Client, data: Registerdata) -> str:
    svar = klient.get(reverse("historik:historik", args=[data.solhaven.pk]))
    assert svar.status_code == 200
    return svar.content.decode()


def _raekker(html: str) -> list[str]:
    """The history table's rows as text, newest first."""
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [_tekst(r) for r in re.findall(r"<tr id=.*?</tr>", tbody, re.S)]


def _rediger_tilbud(klient: Client, data: Registerdata, **aendring: Any) -> None:
    felter = {"navn": "Solhaven", "maalgruppe": data.udviklingshaemning.pk, "paragraf": "SEL § 108"}
    felter |= {"takststruktur": "gennemsnit", **aendring}
    felter["version"] = Tilbud.objects.get(pk=data.solhaven.pk).version  # as the page carries it
    svar = klient.post(reverse("register:tilbud_rediger", args=[data.solhaven.pk]), felter)
    assert svar.status_code == 302, svar.content.decode()[:3000]


def _indberet_dagtakst(klient: Client, data: Registerdata, takst: str) -> None:
    """Change the day service's 2018 rate in Aarhus' rate report (a draft): the report's
    rows are Solhaven's services by name, "Dagtilbud" first; the døgn rate is computed."""
    raekker = [
        (
            data.dagtilbud.pk,
            {
                "pladser": "9",
                "budgetteret_belaegning_pct": "90",
                "takst": takst,
                "kilde_tekst": "Indberettet af Aarhus Kommune",
            },
        ),
        (
            data.botilbud.pk,
            {"pladser": "22", "budgetteret_belaegning_pct": "96", "takst": "", "kilde_tekst": ""},
        ),
    ]
    post: dict[str, Any] = {"y-TOTAL_FORMS": len(raekker), "y-INITIAL_FORMS": len(raekker)}
    for i, (ydelse, felter) in enumerate(raekker):
        post[f"y-{i}-ydelse"] = ydelse
        post[f"y-{i}-begrundelse"] = ""
        # the version of the row the page showed (the page carries it; 0: no row yet)
        nu = Ydelsesaar.objects.filter(ydelse_id=ydelse, aar=UDKAST_AAR).first()
        post[f"y-{i}-version"] = nu.version if nu else 0
        post |= {f"y-{i}-{k}": v for k, v in felter.items()}
    svar = klient.post(reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR]), post)
    assert svar.status_code == 302, svar.content.decode()[:3000]


def _gendan_knap(html: str, model: str, tekst_i_raekke: str) -> str:
    """The restore URL on the first (newest) history row of `model` containing the text."""
    tbody = html.split("<tbody>", 1)[1]
    for raekke in re.findall(r"<tr id=.*?</tr>", tbody, re.S):
        if f'id="version-{model}-' in raekke and tekst_i_raekke in _tekst(raekke):
            m = re.search(r'action="([^"]+/gendan/)"', raekke)
            assert m, raekke
            return m.group(1)
    raise AssertionError(f"ingen {model}-række med {tekst_i_raekke!r}")


def test_aendringer_vises_med_hvem_hvornaar_og_hvad(data: Registerdata) -> None:
    sek = _klient(data, "sekretariat")
    _rediger_tilbud(sek, data, navn="Solhaven Bo", maalgruppe=data.sindslidelse.pk)
    _indberet_dagtakst(_klient(data, "driftsherre"), data, "655,00")

    html = _historik(_klient(data, "sekretariat"), data)
    raekker = _raekker(html)
    # newest first: the rate change by the operator, then the offer's edit by the secretariat
    assert "dh_aarhus" in raekker[0] and "Ændret Ydelsesår Dagtilbud 2018" in raekker[0]
    assert "Takst: 640,50 kr. → 655,00 kr." in raekker[0]
    assert "sek_midt" in raekker[1] and "Ændret Tilbud Solhaven Bo" in raekker[1]
    assert "Navn: Solhaven → Solhaven Bo" in raekker[1]
    assert "Målgruppe: Udviklingshæmning → Sindslidelse" in raekker[1]
    assert re.search(r"\d{1,2}\. \w+ \d{4} \d{2}:\d{2}", raekker[0])  # when
    # the creations are there too, with their values
    tekst = _tekst(html)
    assert "Oprettet Afdeling Hus A" in tekst
    assert "Oprettet Ydelse Længerevarende botilbud" in tekst and "Pladstype: Døgn" in tekst
    assert "Oprettet Kategori 2018" in tekst
    assert "/gendan/" in html
    # a reader sees the history of the published years, and cannot restore
    html = _historik(_klient(data, "laeser"), data)
    assert "Navn: Solhaven → Solhaven Bo" in _raekker(html)[0]
    assert "/gendan/" not in html


def test_tilbud_og_takst_kan_gendannes(data: Registerdata) -> None:
    sek = _klient(data, "sekretariat")
    dh = _klient(data, "driftsherre")
    _rediger_tilbud(dh, data, navn="Solhaven Bo")
    _indberet_dagtakst(dh, data, "655,00")
    dagtakst = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    assert dagtakst.takst == Decimal("655.00")

    # restore the rate to the version before the change (its creation)
    html = _historik(sek, data)
    url = _gendan_knap(html, "ydelsesaar", "Oprettet Ydelsesår Dagtilbud 2018")
    svar = sek.post(url)
    assert svar.status_code == 302 and svar["Location"] == reverse(
        "historik:historik", args=[data.solhaven.pk]
    )
    dagtakst.refresh_from_db()
    assert dagtakst.takst == Decimal("640.50")
    nyeste = dagtakst.history.first()
    oprettet = dagtakst.history.last()
    assert nyeste.history_change_reason == f"Gendannet fra version {oprettet.history_id}"
    assert nyeste.history_user == data.bruger("sekretariat")

    # and the offer's name
    url = _gendan_knap(_historik(sek, data), "tilbud", "Oprettet Tilbud Solhaven")
    assert sek.post(url).status_code == 302
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven"

    html = _historik(sek, data)
    raekker = _raekker(html)
    assert "sek_midt" in raekker[0] and "Gendannet fra version" in raekker[0]
    assert "Navn: Solhaven Bo → Solhaven" in raekker[0]
    assert "Gendannet fra version" in raekker[1] and "Takst: 655,00 kr. → 640,50 kr." in raekker[1]
    assert "Tilbud «Solhaven» er gendannet fra version" in html  # the message after the redirect


def test_slettet_afdeling_kan_genskabes(data: Registerdata) -> None:
    hus_b = Afdeling.objects.get(tilbud=data.solhaven, navn="Hus B")
    pk = hus_b.pk
    hus_b.delete()
    sek = _klient(data, "sekretariat")
    html = _historik(sek, data)
    assert "Slettet Afdeling Hus B" in _tekst(html)
    assert sek.post(_gendan_knap(html, "afdeling", "Slettet Afdeling Hus B")).status_code == 302
    assert Afdeling.objects.get(pk=pk).navn == "Hus B"


def test_gendannelse_der_strider_mod_data_afvises(data: Registerdata) -> None:
    sek = _klient(data, "sekretariat")
    _rediger_tilbud(sek, data, navn="Solhaven Bo")
    Tilbud.objects.create(navn="Solhaven", driftsherre=data.aarhus, paragraf="SEL § 85")  # name taken
    url = _gendan_knap(_historik(sek, data), "tilbud", "Oprettet Tilbud Solhaven")
    svar = sek.post(url, follow=True)
    assert "kunne ikke gendannes" in svar.content.decode()
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven Bo"


@pytest.mark.parametrize(
    ("rolle", "status"), [("laeser", 403), ("driftsherre_anden", 403), ("sekretariat_anden", 404)]
)
def test_gendannelse_kraever_ret_til_at_redigere(data: Registerdata, rolle: str, status: int) -> None:
    _rediger_tilbud(_klient(data, "sekretariat"), data, navn="Solhaven Bo")
    foerste = Tilbud.history.filter(id=data.solhaven.pk).order_by("history_id").first()
    assert foerste is not None
    antal = Tilbud.history.count()
    c = _klient(data, rolle)
    url = reverse("historik:gendan", args=["tilbud", foerste.history_id])
    assert c.post(url).status_code == status
    assert c.get(url).status_code == 405
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven Bo"
    assert Tilbud.history.count() == antal


def test_ukendt_model_eller_version_giver_404(data: Registerdata) -> None:
    sek = _klient(data, "sekretariat")
    assert sek.post(reverse("historik:gendan", args=["brugerprofil", 1])).status_code == 404
    assert sek.post(reverse("historik:gendan", args=["tilbud", 999999])).status_code == 404


def test_udkastets_aendringer_skjules_for_andre(data: Registerdata) -> None:
    """Changes to a year's figures that are still drafts are not in others' history."""
    _indberet_dagtakst(_klient(data, "driftsherre"), data, "655,00")
    for rolle in ("laeser", "driftsherre_anden"):
        tekst = _tekst(_historik(_klient(data, rolle), data))
        assert "Dagtilbud 2017" in tekst and "Dagtilbud 2018" not in tekst and "655" not in tekst
    assert "Dagtilbud 2018" in _tekst(_historik(_klient(data, "sekretariat"), data))
    # nor can they restore a draft year's version
    post = (
        Ydelsesaar.history.filter(ydelse_id=data.dagtilbud.pk, aar=UDKAST_AAR).order_by("history_id").first()
    )
    assert post is not None
    url = reverse("historik:gendan", args=["ydelsesaar", post.history_id])
    assert _klient(data, "driftsherre_anden").post(url).status_code == 403
