"""The menu, the reporting year, the front page per role, and the Danish 403/404 pages.

Most tests use the small register data (tests/registerdata.py: Midtjylland's catalogue for
2017 is published, 2018 is a draft; Syddanmark has nothing published); the front page's
figures are checked against the demo (2016–2017 published, 2018 being reported).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from registerdata import OFFENTLIGT_AAR, UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.web.katalog import services as katalog
from socialstyring.web.register.models import Driftsherre, Katalog, Rammeaftale, Ydelsesaar
from socialstyring.web.register.selectors import indberetningsaar, seneste_katalog

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="hovedmenu" aria-label="Hovedmenu">(.*?)</nav>', re.S)
PUNKT = re.compile(r'<a href="([^"]*)"[^>]*data-menu="([a-z]+)">([^<]*)</a>')


@pytest.fixture
def data() -> Registerdata:
    d = opret_registerdata()
    # Midtjylland's 2017 catalogue as the reporting publishes it (a real snapshot)
    Katalog.objects.filter(rammeaftale=d.midt, aar=OFFENTLIGT_AAR).delete()
    katalog.offentliggoer(d.midt, OFFENTLIGT_AAR, d.bruger("sekretariat"))
    return d


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _menu(html: str) -> dict[str, tuple[str, str]]:
    """The menu's entries: key → (text, URL); {} when the page has no menu."""
    m = MENU.search(html)
    return {noegle: (tekst, url) for url, noegle, tekst in PUNKT.findall(m.group(1))} if m else {}


def _html(klient: Client, url: str, status: int = 200) -> str:
    svar = klient.get(url)
    assert svar.status_code == status, svar.content.decode()[:2000]
    return svar.content.decode()


# --- the reporting year -----------------------------------------------------------------


def test_indberetningsaaret_er_seneste_aar_med_tal_uden_katalog(data: Registerdata) -> None:
    # Midtjylland: figures for 2017 (published) and 2018 (not).
    assert indberetningsaar(data.midt) == UDKAST_AAR
    # Syddanmark: figures for 2018, nothing published.
    assert indberetningsaar(data.syd) == UDKAST_AAR
    # Every year with figures published: still the latest year with figures.
    katalog.offentliggoer(data.midt, UDKAST_AAR, data.bruger("sekretariat"))
    assert indberetningsaar(data.midt) == UDKAST_AAR
    # An older year without a catalogue does not win over a later one.
    Katalog.objects.filter(rammeaftale=data.midt).delete()
    assert indberetningsaar(data.midt) == UDKAST_AAR
    # No figures at all: next calendar year.
    ny = Rammeaftale.objects.create(kode="nordjylland", navn="Rammeaftale Nordjylland")
    assert indberetningsaar(ny) == date.today().year + 1
    # Several agreements at once (a superuser's menu): the latest of them.
    assert indberetningsaar(Rammeaftale.objects.all()) == UDKAST_AAR


def test_seneste_katalog(data: Registerdata) -> None:
    k = seneste_katalog(data.midt)
    assert k is not None and k.aar == OFFENTLIGT_AAR
    assert seneste_katalog(data.syd) is None
    ny = katalog.offentliggoer(data.midt, UDKAST_AAR, None)
    assert seneste_katalog(data.midt) == ny


# --- the menu ------------------------------------------------------------------------------


def test_menuen_efter_rolle(data: Registerdata) -> None:
    forside, register = reverse("faelles:forside"), reverse("register:tilbud_liste")
    aendringer = reverse("aendringer:aendring_liste")
    katalog_2017 = reverse("katalog:katalog", args=["midtjylland", OFFENTLIGT_AAR])
    lukning, regelbog_midt = reverse("lukning:lukninger"), reverse("regelbog:lag", args=["midtjylland"])
    ophold, ophold_i_tal = (
        reverse("ophold:liste"),
        reverse("ophold:optaelling"),
    )  # staff: stays; secretariat: counts
    refusionsaar = date.today().year  # the secretariat's claims' totals: no claims, this year
    afregning_aarhus = reverse("afregning:maaned", args=[data.aarhus.pk, UDKAST_AAR, 1])  # its rates' January
    forventet = {
        "sekretariat": {
            "forside": ("Forside", forside),
            "tilbud": ("Tilbud", register),
            "indberetning": (
                "Takstindberetning",
                reverse("indberetning:indberetning_oversigt", args=[UDKAST_AAR]),
            ),
            "regnskab": ("Regnskab", reverse("regnskab:regnskab_aftale", args=[UDKAST_AAR])),
            "belaegning": ("Belægning", reverse("belaegning:belaegning_oversigt", args=[UDKAST_AAR, 1])),
            "lukning": ("Lukning", lukning),
            "ophold": ("Ophold", ophold_i_tal),
            "refusion": ("Refusion", reverse("refusionskrav:aftale", args=["midtjylland", refusionsaar])),
            "afregning": ("Afregning", reverse("afregning:aftale", args=["midtjylland", refusionsaar])),
            "ledsagelse": ("Ledsagelse", reverse("ledsagelse:beregner", args=["midtjylland"])),
            "katalog": ("Katalog", katalog_2017),
            "aendringer": ("Ændringer", aendringer),
            "regelbog": ("Regelbog", regelbog_midt),
            "benchmark": ("Benchmark", reverse("benchmark:start")),
            "scenarie": ("Besparelsesscenarier", reverse("scenarie:liste")),
        },
        "driftsherre": {
            "forside": ("Forside", forside),
            "tilbud": ("Tilbud", register),
            "indberetning": (
                "Takstindberetning",
                reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR]),
            ),
            "regnskab": (
                "Regnskab",
                reverse("regnskab:regnskab_oversigt", args=[data.aarhus.pk, UDKAST_AAR]),
            ),
            "belaegning": (
                "Belægning",
                reverse("belaegning:belaegning", args=[data.aarhus.pk, UDKAST_AAR, 1]),
            ),
            "lukning": ("Lukning", lukning),
            "ophold": ("Ophold", ophold),
            "afregning": ("Afregning", afregning_aarhus),
            "ledsagelse": ("Ledsagelse", reverse("ledsagelse:beregner", args=["midtjylland"])),
            "katalog": ("Katalog", katalog_2017),
            "aendringer": ("Ændringer", aendringer),
            "regelbog": ("Regelbog", regelbog_midt),
            "benchmark": ("Benchmark", reverse("benchmark:start")),
            "scenarie": ("Besparelsesscenarier", reverse("scenarie:liste")),
        },
        # the reader reads the agreement's rules too
        "laeser": {
            "forside": ("Forside", forside),
            "tilbud": ("Tilbud", register),
            "ledsagelse": ("Ledsagelse", reverse("ledsagelse:beregner", args=["midtjylland"])),
            "katalog": ("Katalog", katalog_2017),
            "aendringer": ("Ændringer", aendringer),
            "regelbog": ("Regelbog", regelbog_midt),
            "benchmark": ("Benchmark", reverse("benchmark:start")),
            "scenarie": ("Besparelsesscenarier", reverse("scenarie:liste")),
        },
        # Syddanmark has no published catalogue: no Katalog entry.
        "sekretariat_anden": {
            "forside": ("Forside", forside),
            "tilbud": ("Tilbud", register),
            "indberetning": (
                "Takstindberetning",
                reverse("indberetning:indberetning_oversigt", args=[UDKAST_AAR]),
            ),
            "regnskab": ("Regnskab", reverse("regnskab:regnskab_aftale", args=[UDKAST_AAR])),
            "belaegning": ("Belægning", reverse("belaegning:belaegning_oversigt", args=[UDKAST_AAR, 1])),
            "lukning": ("Lukning", lukning),
            "ophold": ("Ophold", ophold_i_tal),
            "refusion": ("Refusion", reverse("refusionskrav:aftale", args=["syddanmark", refusionsaar])),
            "afregning": ("Afregning", reverse("afregning:aftale", args=["syddanmark", refusionsaar])),
            "aendringer": ("Ændringer", aendringer),
            "regelbog": ("Regelbog", reverse("regelbog:lag", args=["syddanmark"])),
            "benchmark": ("Benchmark", reverse("benchmark:start")),
            "scenarie": ("Besparelsesscenarier", reverse("scenarie:liste")),
        },
    }
    for rolle, punkter in forventet.items():
        html = _html(_klient(data, rolle), forside)
        assert _menu(html) == punkter, rolle
        # every entry opens for the role
        for _, url in punkter.values():
            assert _klient(data, rolle).get(url).status_code == 200, (rolle, url)


def test_menuen_markerer_siden_og_viser_rollen(data: Registerdata) -> None:
    klient = _klient(data, "driftsherre")
    for url, aktiv in (
        (reverse("faelles:forside"), "forside"),
        (reverse("register:tilbud", args=[data.solhaven.pk]), "tilbud"),
        (reverse("takstberegning:takst", args=[data.solhaven.pk, UDKAST_AAR]), "tilbud"),
        (reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR]), "indberetning"),
        (reverse("takstskabelon:excel_import", args=[data.aarhus.pk, UDKAST_AAR]), "indberetning"),
        (reverse("katalog:katalog", args=["midtjylland", OFFENTLIGT_AAR]), "katalog"),
        (reverse("aendringer:aendring_liste"), "aendringer"),
    ):
        html = _html(klient, url)
        markeret = re.findall(r'aria-current="page" class="aktiv" data-menu="([a-z]+)"', html)
        assert markeret == [aktiv], url
        assert "Driftsherre: Aarhus Kommune" in html


def test_ingen_menu_uden_login_eller_rolle(data: Registerdata) -> None:
    assert _menu(_html(Client(), reverse("login"))) == {}
    uden = Client()
    uden.force_login(User.objects.create(username="uden_profil"))
    assert _menu(_html(uden, reverse("faelles:forside"))) == {}
    superbruger = Client()
    superbruger.force_login(User.objects.create(username="admin", is_superuser=True))
    menu = _menu(_html(superbruger, reverse("faelles:forside")))
    assert menu["indberetning"][1] == reverse("indberetning:indberetning_oversigt", args=[UDKAST_AAR])


def test_registersiderne_henter_deres_stylesheet_i_hovedet(data: Registerdata) -> None:
    html = _html(_klient(data, "laeser"), reverse("register:tilbud_liste"))
    hoved = html.split("</head>")[0]
    assert "register/register.css" in hoved and "faelles/faelles.css" in hoved
    assert "register/register.css" not in _html(_klient(data, "laeser"), reverse("faelles:forside"))


# --- 403 and 404 ----------------------------------------------------------------------------


def test_403_og_404_er_danske_sider_med_menu(data: Registerdata) -> None:
    laeser = _klient(data, "laeser")
    html = _html(laeser, reverse("register:tilbud_rediger", args=[data.solhaven.pk]), status=403)
    assert "Du har ikke adgang til denne side" in html and '<html lang="da">' in html
    assert "Læser, Rammeaftale Midtjylland" in html and _menu(html)
    html = _html(laeser, "/findes/ikke/", status=404)
    assert "Siden findes ikke" in html and "/findes/ikke/" in html and _menu(html)
    # an offer of another agreement does not exist for the user
    html = _html(laeser, reverse("register:tilbud", args=[data.fjordhuset.pk]), status=404)
    assert "Siden findes ikke" in html
    html = _html(Client(), "/findes/ikke/", status=404)
    assert "Siden findes ikke" in html and not _menu(html)


# --- the front page ---------------------------------------------------------------------------


def _demoklient(brugernavn: str) -> Client:
    c = Client()
    assert c.login(username=brugernavn, password="demo1234")
    return c


def _tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_forsiden_for_sekretariatet(demo: None) -> None:
    html = _html(_demoklient("sekretariat"), reverse("faelles:forside"))
    tekst = _tekst(html)
    assert "Takstindberetning 2018" in tekst and "3 af 20 driftsherrer har indsendt" in tekst
    for antal, status in (
        (0, "Godkendt"),
        (3, "Indsendt, ikke godkendt"),
        (3, "Udkast"),
        (14, "Ikke påbegyndt"),
    ):
        assert f"{antal} {status}" in tekst
    assert (
        f'href="{reverse("indberetning:indberetning_oversigt", args=[2018])}?rammeaftale=midtjylland"' in html
    )
    assert "Seneste katalog: 2017 , version 1" in tekst
    assert "Ingen ændringer i året er meldt endnu" in tekst
    assert ">2018</a>" in html  # the rate calculations


def test_forsiden_for_driftsherren_og_laeseren(demo: None) -> None:
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune")
    html = _html(_demoklient("aarhus"), reverse("faelles:forside"))
    tekst = _tekst(html)
    assert "Jeres takstindberetning 2018" in tekst and "Status: Udkast" in tekst
    assert "15 af 29 ydelser er prissat" in tekst and "14 fejl skal rettes" in tekst
    assert reverse("indberetning:indberetning", args=[aarhus.pk, 2018]) in html
    assert f"Alle {aarhus.tilbud.count()} tilbud" in tekst
    assert "Takstindberetning 2018" not in tekst.replace("Jeres takstindberetning 2018", "")

    html = _html(_demoklient("region"), reverse("faelles:forside"))
    assert "Status: Indsendt" in _tekst(html) and "Se indberetningen" in html

    html = _html(_demoklient("laeser"), reverse("faelles:forside"))
    tekst = _tekst(html)
    assert "Seneste katalog: 2017" in tekst and "Tilbudsregistret" in tekst
    assert "Jeres takstindberetning" not in tekst and "driftsherrer har indsendt" not in tekst
    assert "Der er ingen takstberegninger, du kan se endnu" in tekst  # 2018 is a draft
    assert Ydelsesaar.objects.filter(aar=2017).exists()


def test_forsidens_takstberegninger_er_de_senest_aendrede(
    demo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card lists the calculations changed last, newest first, and says how many there are
    in all: the demo has 4 calculations on 4 offers (Midtjylland's budget offers, 2018)."""
    from socialstyring.web.register.models import Takstberegning
    from socialstyring.web.takstberegning import selectors

    alle = sorted(
        Takstberegning.objects.select_related("tilbud"), key=lambda b: (b.aendret, b.pk), reverse=True
    )
    assert len(alle) == 4
    html = _html(_demoklient("sekretariat"), reverse("faelles:forside"))
    assert "Viser de" not in _tekst(html)  # all 4 fit on the card
    assert html.count('class="aarslink"') == 4

    monkeypatch.setattr(selectors, "SENESTE_PAA_FORSIDEN", 2)
    html = _html(_demoklient("sekretariat"), reverse("faelles:forside"))
    links = re.findall(r'aria-label="Takst (\d{4}) for ([^"]+)"', html)
    assert links == [(str(b.aar), b.tilbud.navn) for b in alle[:2]]
    assert "Viser de 2 senest ændrede af 4 takstberegninger på 4 tilbud." in _tekst(html)
    assert f'href="{reverse("register:tilbud_liste")}"' in html


def test_menuens_opslag_regnes_en_gang_pr_forespoergsel() -> None:
    """A menu item's lookup (`omraader.en_gang_pr_forespoergsel`) runs once per request, however
    often the URL, the title and the cards ask, and afresh for the next request."""
    from django.test import RequestFactory

    from socialstyring.web.faelles import omraader

    kald: list[object] = []

    @omraader.en_gang_pr_forespoergsel
    def opslag(request: object) -> int:
        kald.append(request)
        return len(kald)

    foerste, anden = RequestFactory().get("/"), RequestFactory().get("/")
    assert [opslag(foerste), opslag(foerste), opslag(anden), opslag(anden)] == [1, 1, 2, 2]
    assert kald == [foerste, anden]
