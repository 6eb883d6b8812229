"""The in-year change pages: filing a change, the change with its consequences and
recipients, the notification as PDF, the list, and who may do what.

The data is a small Syddanmark: Odense Kommune runs Bakkehuset (a højt specialiseret
tilbud, one døgn service at 2.295 kr. in 2019), used in 2019 by Odense (2,0 årspladser),
Svendborg (1,5) and Aarhus (0,5; a Midtjylland municipality outside the agreement).
Faaborg-Midtfyn is in the agreement but buys nothing. 2019 is published (Odense's approved
report is in the catalogue), so every role of the agreement reads the changes of the year (a
change of an unpublished year is the operator's draft: tests/test_udkast_laekker_ikke.py).
Hand-worked figures for a rise to
2.400 kr. decided 14 June 2019 (201 days to 31 December, Δ 105 kr.):

    Odense    105 × 201 × 2,0 = 42.210,00 kr.
    Svendborg 105 × 201 × 1,5 = 31.657,50 kr.
    Aarhus    105 × 201 × 0,5 = 10.552,50 kr.
    i alt                       84.420,00 kr.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.aendringer import selectors
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.katalog import services as katalog
from socialstyring.web.register.models import (
    Brugerprofil,
    Driftsherre,
    Kategorisering,
    Kommune,
    Pladskoeb,
    Rammeaftale,
    Rolle,
    Takstenhed,
    Takstindberetning,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

pytestmark = pytest.mark.django_db


@dataclass
class Data:
    tilbud: Tilbud
    ydelse: Ydelse
    ydelsesaar: Ydelsesaar
    brugere: dict[str, User]


def _bruger(navn: str, rolle: str, aftale: Rammeaftale, driftsherre: Driftsherre | None = None) -> User:
    bruger = User.objects.create(username=navn)
    Brugerprofil.objects.create(bruger=bruger, rolle=rolle, rammeaftale=aftale, driftsherre=driftsherre)
    return bruger


@pytest.fixture
def data() -> Data:
    syd = Rammeaftale.objects.create(kode="syddanmark", navn="Rammeaftale Syddanmark")
    midt = Rammeaftale.objects.create(kode="midtjylland", navn="Rammeaftale Midtjylland")
    odense = Kommune.objects.create(kode=461, navn="Odense", rammeaftale=syd)
    svendborg = Kommune.objects.create(kode=479, navn="Svendborg", rammeaftale=syd)
    Kommune.objects.create(kode=430, navn="Faaborg-Midtfyn", rammeaftale=syd)
    aarhus = Kommune.objects.create(kode=751, navn="Aarhus", rammeaftale=midt)
    dh_odense = Driftsherre.objects.create(navn="Odense Kommune", rammeaftale=syd, kommune=odense)
    dh_svendborg = Driftsherre.objects.create(navn="Svendborg Kommune", rammeaftale=syd, kommune=svendborg)
    dh_aarhus = Driftsherre.objects.create(navn="Aarhus Kommune", rammeaftale=midt, kommune=aarhus)
    tilbud = Tilbud.objects.create(navn="Bakkehuset", driftsherre=dh_odense, paragraf="SEL § 108")
    ydelse = Ydelse.objects.create(
        tilbud=tilbud,
        navn="Længerevarende botilbud § 108",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    ya = Ydelsesaar.objects.create(ydelse=ydelse, aar=2019, pladser=Decimal(12), takst=Decimal("2295.00"))
    for kommune, aarspladser in ((odense, "2.0"), (svendborg, "1.5"), (aarhus, "0.5")):
        Pladskoeb.objects.create(tilbud=tilbud, aar=2019, kommune=kommune, aarspladser=Decimal(aarspladser))
    Kategorisering.objects.create(tilbud=tilbud, aar=2019, beregnet="hoejt_specialiseret")
    Takstindberetning.objects.create(
        driftsherre=dh_odense, aar=2019, status="godkendt", indsendt=datetime(2018, 10, 1, tzinfo=UTC)
    )
    katalog.offentliggoer(syd, 2019, None)
    brugere = {
        "driftsherre": _bruger("odense", Rolle.DRIFTSHERRE, syd, dh_odense),
        "driftsherre_anden": _bruger("svendborg", Rolle.DRIFTSHERRE, syd, dh_svendborg),
        "sekretariat": _bruger("sekretariat_syd", Rolle.SEKRETARIAT, syd),
        "laeser": _bruger("laeser_syd", Rolle.LAESER, syd),
        "sekretariat_anden": _bruger("sekretariat_midt", Rolle.SEKRETARIAT, midt),
        "driftsherre_andet_omraade": _bruger("aarhus", Rolle.DRIFTSHERRE, midt, dh_aarhus),
    }
    return Data(tilbud, ydelse, ya, brugere)


def _klient(data: Data, rolle: str) -> Client:
    klient = Client()
    klient.force_login(data.brugere[rolle])
    return klient


def _formdata(data: Data, **kw: Any) -> dict[str, Any]:
    felter: dict[str, Any] = {
        "type": "takstforhoejelse",
        "ydelse": data.ydelse.pk,
        "begrundelse": "Fast nattevagt efter tilsynets påbud.",
        "gammel_takst": "2.295",
        "ny_takst": "2.400,00",
        "gamle_pladser": "",
        "nye_pladser": "",
        "beslutningsdato": "2019-06-14",
        "oensket_ikrafttraedelse": "2019-03-01",
    }
    felter.update(kw)
    return felter


def _indberet(data: Data, rolle: str = "driftsherre", **kw: Any) -> Aendring:
    url = reverse("aendringer:aendring_ny", args=[data.tilbud.pk])
    klient = _klient(data, rolle)
    bekraeft = klient.post(url, _formdata(data, **kw))
    # a second look first: what filing will do; nothing is stored before the confirmation
    assert bekraeft.status_code == 200 and 'name="bekraeftet"' in bekraeft.content.decode(), (
        bekraeft.content.decode()[:3000]
    )
    assert not Aendring.objects.exists()
    svar = klient.post(url, {**_formdata(data, **kw), "bekraeftet": "1"})
    assert svar.status_code == 302, svar.content.decode()[:3000]
    aendring = Aendring.objects.get()
    assert svar["Location"] == reverse("aendringer:aendring", args=[aendring.pk])
    return aendring


def test_driftsherre_indberetter_takstforhoejelse(data: Data) -> None:
    side = _klient(data, "driftsherre").get(reverse("aendringer:aendring_ny", args=[data.tilbud.pk]))
    assert side.status_code == 200
    assert "Beregn og gem ændringen" in side.content.decode()

    a = _indberet(data)
    assert a.type == "takstforhoejelse"
    assert a.ydelse == data.ydelse
    assert a.gammel_takst == Decimal("2295.00")
    assert a.ny_takst == Decimal("2400.00")
    # Requested 1 March; a rise takes effect at the earliest from the decision (14 June).
    assert a.beslutningsdato == date(2019, 6, 14)
    assert a.ikrafttraedelse == date(2019, 6, 14)
    assert a.kraever_hoering
    assert a.oprettet_af == data.brugere["driftsherre"]
    r = a.konsekvens["resultat"]
    assert r["dage"] == 201
    merudgift = {k["navn"]: Decimal(k["merudgift"]) for k in r["kommuner"]}
    assert merudgift == {
        "Aarhus": Decimal("10552.50"),
        "Odense": Decimal("42210.00"),
        "Svendborg": Decimal("31657.50"),
    }
    assert Decimal(r["merudgift_i_alt"]) == Decimal("84420.00")
    assert a.konsekvens["input"]["kategori"] == "hoejt_specialiseret"
    assert {t["noegle"] for t in r["spor"]} >= {"virkning.dage", "kommune.461.merudgift", "hoering"}


def test_anmeldelsen_aendrer_ikke_registeret(data: Data) -> None:
    """Filing a rise that needs a hearing changes nothing: the approved report's rate stands
    and the change waits in hearing."""
    a = _indberet(data)
    assert a.status == "i_hoering"
    data.ydelsesaar.refresh_from_db()
    assert (data.ydelsesaar.takst, data.ydelsesaar.history.count()) == (Decimal("2295.00"), 1)
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 12, 31)) == (Decimal("2295.00"), None)
    assert "Registeret ændres ikke ved anmeldelsen" in a.konsekvens["register"]


def _beslut(data: Data, a: Aendring, rolle: str, dato: str, bekraeft: bool = True, **kw: str) -> Any:
    """Post the decision form (`handling` beslut or afvis) and, when asked (`bekraeft`), confirm it."""
    url = reverse("aendringer:aendring_beslut", args=[a.pk])
    felter = {
        "version": str(Aendring.objects.get(pk=a.pk).version),
        "afgoerelsesdato": dato,
        "besluttet_af": "Socialdirektørforum",
        "note": "",
        "handling": "beslut",
        **kw,
    }
    klient = _klient(data, rolle)
    foerste = klient.post(url, felter)
    if foerste.status_code != 200 or not bekraeft:
        return foerste, None
    return foerste, klient.post(url, {**felter, "bekraeftet": "1"}, follow=True)


def test_forummets_beslutning_saetter_taksten_fra_ikrafttraedelsen(data: Data) -> None:
    a = _indberet(data)
    # the operator cannot decide a change in hearing; the secretariat records the forum's decision
    assert _beslut(data, a, "driftsherre", "2019-06-14")[0].status_code == 403
    foerste, _ = _beslut(data, a, "sekretariat", "2019-06-14", bekraeft=False)
    side = foerste.content.decode()
    # the second look: nothing is written before the confirmation
    assert Aendring.objects.get(pk=a.pk).status == "i_hoering"
    assert "Ændringen registreres som besluttet af Socialdirektørforum den 14. juni 2019." in side
    assert "Taksten for Længerevarende botilbud § 108 bliver 2.400,00 kr. fra 14. juni 2019" in side
    _, bekraeftet = _beslut(data, a, "sekretariat", "2019-06-14")
    assert bekraeftet.status_code == 200

    a.refresh_from_db()
    assert (a.status, a.afgoerelsesdato, a.besluttet_af) == (
        "besluttet",
        date(2019, 6, 14),
        "Socialdirektørforum",
    )
    assert a.afgoerelse_registreret_af == data.brugere["sekretariat"]
    assert a.ikrafttraedelse == date(2019, 6, 14)
    # the approved report stands; the new rate applies from the effective date on top of it
    data.ydelsesaar.refresh_from_db()
    assert data.ydelsesaar.takst == Decimal("2295.00")
    assert Takstindberetning.objects.get(aar=2019).status == "godkendt"
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 6, 13)) == (Decimal("2295.00"), None)
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 6, 14)) == (Decimal("2400.00"), a)
    # the offer's page shows it
    html = _klient(data, "laeser").get(reverse("register:tilbud", args=[data.tilbud.pk])).content.decode()
    assert "Ændringer i året" in html and "2.400,00 kr." in html and "14. juni 2019" in html


def test_en_senere_beslutning_flytter_ikrafttraedelsen(data: Data) -> None:
    """Syddanmark: a rise takes effect at the earliest from its decision (Styringsaftalen
    for Syddanmark 2016, Ændring af takster og kapacitet): decided 1 August, in force 1 August."""
    a = _indberet(data)
    _, bekraeftet = _beslut(data, a, "sekretariat", "2019-08-01")
    assert bekraeftet.status_code == 200
    a.refresh_from_db()
    assert a.ikrafttraedelse == date(2019, 8, 1)
    assert a.afgoerelse["resultat"]["ikrafttraedelse"] == "2019-08-01"
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 7, 31))[0] == Decimal("2295.00")
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 8, 1))[0] == Decimal("2400.00")


def test_afslag_og_forældet_beslutning(data: Data) -> None:
    a = _indberet(data)
    url = reverse("aendringer:aendring_beslut", args=[a.pk])
    gammel_version = str(a.version)
    _, bekraeftet = _beslut(data, a, "sekretariat", "2019-06-20", handling="afvis")
    assert "Afslaget er registreret" in bekraeftet.content.decode()
    a.refresh_from_db()
    assert (a.status, a.besluttet_af) == ("afvist", "Socialdirektørforum")
    assert selectors.gaeldende_takst(data.ydelse, date(2019, 12, 31))[0] == Decimal("2295.00")
    # a page opened before the refusal cannot decide it afterwards
    svar = _klient(data, "sekretariat").post(
        url,
        {"version": gammel_version, "afgoerelsesdato": "2019-06-21", "besluttet_af": "KKR", "handling": "beslut",
         "bekraeftet": "1"},
        follow=True,
    )  # fmt: skip
    assert "Intet er gemt" in svar.content.decode()
    assert Aendring.objects.get(pk=a.pk).status == "afvist"


def test_gammel_takst_hentes_fra_registeret(data: Data) -> None:
    a = _indberet(data, gammel_takst="")
    assert a.gammel_takst == Decimal("2295.00")
    assert any("registerets takst" in n for n in a.konsekvens["noter"])


def test_siden_viser_konsekvenser_modtagere_og_spor(data: Data) -> None:
    a = _indberet(data)
    for rolle in ("driftsherre", "driftsherre_anden", "sekretariat", "laeser"):
        svar = _klient(data, rolle).get(reverse("aendringer:aendring", args=[a.pk]))
        assert svar.status_code == 200, rolle
    html = svar.content.decode()
    # consequences per municipality, in Danish numbers, each a button into the trace
    assert 'data-spor="kommune.461.merudgift"' in html
    assert "42.210,00 kr." in html
    assert "31.657,50 kr." in html
    assert "84.420,00 kr." in html
    assert "105,00 kr." in html and "4,58 %" in html
    assert "14. juni 2019" in html and "Flyttet" in html
    assert "Ja – før ændringen træder varigt i kraft" in html
    # recipients: all municipalities of the agreement, the other payer, and the forum
    assert "Modtagere (5)" in html
    for navn, grund in (
        ("Faaborg-Midtfyn", "Kommune i rammeaftalen"),
        ("Odense", "Kommune i rammeaftalen og betalingskommune"),
        ("Svendborg", "Kommune i rammeaftalen og betalingskommune"),
        ("Aarhus", "Betalingskommune uden for rammeaftalen"),
        ("Socialdirektørforum", "Høring før ikrafttrædelse"),
    ):
        assert f"{navn}" in html and grund in html
    # the notification and the trace with its rules
    assert "Odense Kommune forhøjer taksten for Længerevarende botilbud § 108 i Bakkehuset" in html
    assert 'id="trin-virkning.dage"' in html
    assert "aendring.procedure_hoejt_specialiseret" in html
    assert "Rammeaftale 2016 for Syddanmark" in html
    assert reverse("aendringer:aendring_brev_pdf", args=[a.pk]) in html


def test_underretningen_som_pdf(data: Data) -> None:
    a = _indberet(data)
    svar = _klient(data, "laeser").get(reverse("aendringer:aendring_brev_pdf", args=[a.pk]))
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert svar.content.startswith(b"%PDF")
    assert f"underretning-aendring-{a.pk}.pdf" in svar["Content-Disposition"]


def test_anden_driftsherre_kan_ikke_indberette(data: Data) -> None:
    url = reverse("aendringer:aendring_ny", args=[data.tilbud.pk])
    klient = _klient(data, "driftsherre_anden")
    assert klient.get(url).status_code == 403
    assert klient.post(url, _formdata(data)).status_code == 403
    assert _klient(data, "laeser").post(url, _formdata(data)).status_code == 403
    assert not Aendring.objects.exists()
    data.ydelsesaar.refresh_from_db()
    assert data.ydelsesaar.takst == Decimal("2295.00")


def test_sekretariatet_kan_indberette(data: Data) -> None:
    a = _indberet(data, rolle="sekretariat")
    assert a.oprettet_af == data.brugere["sekretariat"]


def test_anden_rammeaftale_ser_intet(data: Data) -> None:
    a = _indberet(data)
    for rolle in ("sekretariat_anden", "driftsherre_andet_omraade"):
        klient = _klient(data, rolle)
        assert klient.get(reverse("aendringer:aendring_ny", args=[data.tilbud.pk])).status_code == 404
        assert klient.get(reverse("aendringer:aendring", args=[a.pk])).status_code == 404
        assert klient.get(reverse("aendringer:aendring_brev_pdf", args=[a.pk])).status_code == 404
        liste = klient.get(reverse("aendringer:aendring_liste"))
        assert liste.status_code == 200
        assert "Bakkehuset" not in liste.content.decode()


def test_anonym_sendes_til_login(data: Data) -> None:
    for url in (
        reverse("aendringer:aendring_ny", args=[data.tilbud.pk]),
        reverse("aendringer:aendring", args=[1]),
        reverse("aendringer:aendring_brev_pdf", args=[1]),
        reverse("aendringer:aendring_liste"),
    ):
        svar = Client().get(url)
        assert svar.status_code == 302 and svar["Location"].startswith("/login/"), url


def test_ukendt_aendring_er_404(data: Data) -> None:
    assert _klient(data, "sekretariat").get(reverse("aendringer:aendring", args=[999])).status_code == 404


def test_listen_og_vaelgeren(data: Data) -> None:
    a = _indberet(data)
    html = _klient(data, "laeser").get(reverse("aendringer:aendring_liste")).content.decode()
    assert reverse("aendringer:aendring", args=[a.pk]) in html
    assert "84.420,00 kr." in html
    assert "Indberet en ændring" not in html  # a reader edits nothing
    klient = _klient(data, "driftsherre")
    html = klient.get(reverse("aendringer:aendring_liste")).content.decode()
    assert "Indberet en ændring" in html
    svar = klient.get(reverse("aendringer:aendring_liste"), {"tilbud": data.tilbud.pk})
    assert svar.status_code == 302
    assert svar["Location"] == reverse("aendringer:aendring_ny", args=[data.tilbud.pk])


def test_formularfejl_gemmer_intet(data: Data) -> None:
    url = reverse("aendringer:aendring_ny", args=[data.tilbud.pk])
    klient = _klient(data, "driftsherre")
    svar = klient.post(url, _formdata(data, ydelse=""))
    assert svar.status_code == 200
    assert "Vælg den ydelse" in svar.content.decode()
    svar = klient.post(url, _formdata(data, ny_takst="2.200"))
    assert svar.status_code == 200
    assert "en takstforhøjelse skal hæve taksten" in svar.content.decode()
    assert not Aendring.objects.exists()


def test_lukning_via_siden(data: Data) -> None:
    a = _indberet(
        data,
        type="lukning",
        ydelse="",
        gammel_takst="",
        ny_takst="",
        beslutningsdato="2019-05-14",
        oensket_ikrafttraedelse="2019-05-31",
    )
    # Løbende måned + 2 måneder from 14 May: to and including 31 July 2019.
    assert a.ikrafttraedelse == date(2019, 7, 31)
    r = a.konsekvens["resultat"]
    assert r["dage"] == 153
    assert Decimal(r["pladsdage"]) == Decimal("-1836")  # 12 places from the register × 153
    odense = next(k for k in r["kommuner"] if k["navn"] == "Odense")
    assert Decimal(odense["bortfaldende_betaling"]) == Decimal("702270.00")  # 2,0 × 153 × 2.295
    data.ydelsesaar.refresh_from_db()
    assert data.ydelsesaar.takst == Decimal("2295.00")  # a closure leaves the rate alone
    html = _klient(data, "laeser").get(reverse("aendringer:aendring", args=[a.pk])).content.decode()
    assert "Lukker med udgangen af" in html and "31. juli 2019" in html
    pdf = _klient(data, "laeser").get(reverse("aendringer:aendring_brev_pdf", args=[a.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_klyngetilbud_uden_hoering(data: Data) -> None:
    Kategorisering.objects.filter(tilbud=data.tilbud).update(beregnet="klyngetilbud")
    a = _indberet(data)
    assert not a.kraever_hoering
    html = _klient(data, "laeser").get(reverse("aendringer:aendring", args=[a.pk])).content.decode()
    assert "Socialdirektørforum –" not in html
    assert "Modtagere (4)" in html
