"""The register pages: the list of offers, one offer with its figures and category (with
the rule and figures behind it), editing, the manual category — and what each role sees.

The data (tests/registerdata.py): Solhaven (Aarhus Kommune, Midtjylland) has a døgn and
a day service with figures for 2017 (published catalogue) and 2018 (a draft), rate
calculations for both years and computed categories (2017: omfattet; 2018: lokalt).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from registerdata import OFFENTLIGT_AAR, UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.web.katalog import services as katalog
from socialstyring.web.register.models import Kategorisering, Takstberegning, Takstindberetning, Tilbud
from socialstyring.web.takstberegning import adgang as takstberegning_adgang

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _html(klient: Client, url: str) -> str:
    svar = klient.get(url)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return svar.content.decode()


def _tekst(html: str) -> str:
    """The page's text without tags, whitespace collapsed (for "is this shown" checks)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _raekke(html: str, navn: str) -> str:
    """The text of the list row of the offer `navn`."""
    for raekke in re.findall(r"<tr>.*?</tr>", html, re.S):
        if f">{navn}</a>" in raekke:
            return _tekst(raekke)
    raise AssertionError(f"{navn} står ikke i listen")


# --- the list ---------------------------------------------------------------------------


def test_listen_viser_aftalens_tilbud_med_seneste_aar(data: Registerdata) -> None:
    html = _html(_klient(data, "sekretariat"), reverse("register:tilbud_liste"))
    assert "Fjordhuset" not in html  # another agreement
    solhaven = _raekke(html, "Solhaven")
    for tekst in ("Aarhus Kommune", "SEL § 108", "Udviklingshæmning", "2018", " 22 ", " 9 "):
        assert tekst in solhaven, (tekst, solhaven)
    assert "Lokalt tilbud (ikke omfattet af rammeaftalen)" in solhaven
    kildebakken = _raekke(html, "Kildebakken")
    assert "Randers Kommune" in kildebakken and "Sindslidelse" in kildebakken and " 30 " in kildebakken


def test_laeseren_ser_kun_offentliggjorte_aar_i_listen(data: Registerdata) -> None:
    solhaven = _raekke(_html(_klient(data, "laeser"), reverse("register:tilbud_liste")), "Solhaven")
    assert "2017" in solhaven and "2018" not in solhaven
    assert "Omfattet af rammeaftalen" in solhaven and " 20 " in solhaven and " 8 " in solhaven


def test_en_anden_driftsherre_ser_ikke_udkastet(data: Registerdata) -> None:
    solhaven = _raekke(
        _html(_klient(data, "driftsherre_anden"), reverse("register:tilbud_liste")), "Solhaven"
    )
    assert "2018" not in solhaven and "Omfattet af rammeaftalen" in solhaven
    egen = _raekke(_html(_klient(data, "driftsherre"), reverse("register:tilbud_liste")), "Solhaven")
    assert "2018" in egen


def test_listen_filtreres_paa_driftsherre_og_maalgruppe(data: Registerdata) -> None:
    c = _klient(data, "sekretariat")
    url = reverse("register:tilbud_liste")
    html = _html(c, f"{url}?driftsherre={data.randers.pk}")
    assert ">Kildebakken</a>" in html and ">Solhaven</a>" not in html
    assert f'<option value="{data.randers.pk}" selected>' in html
    html = _html(c, f"{url}?maalgruppe={data.udviklingshaemning.pk}")
    assert ">Solhaven</a>" in html and ">Kildebakken</a>" not in html
    html = _html(c, f"{url}?maalgruppe={data.udviklingshaemning.pk}&driftsherre={data.randers.pk}")
    assert "Ingen tilbud passer til filteret" in html
    assert ">Solhaven</a>" in _html(c, f"{url}?driftsherre=&maalgruppe=")  # empty: no filter
    assert c.get(f"{url}?driftsherre=x").status_code == 400  # nonsense: a Danish 400 page


def test_filteret_tilbyder_kun_egen_aftales_driftsherrer(data: Registerdata) -> None:
    html = _html(_klient(data, "sekretariat_anden"), reverse("register:tilbud_liste"))
    assert ">Fjordhuset</a>" in html and "Solhaven" not in html
    assert "Odense Kommune" in html and "Aarhus Kommune" not in html


def test_manuel_kategori_er_markeret_i_listen(data: Registerdata) -> None:
    Kategorisering.objects.filter(pk=data.kategori_2018.pk).update(
        tilsidesat="omfattet", begrundelse="Landsdækkende faglig ekspertise"
    )
    solhaven = _raekke(_html(_klient(data, "sekretariat"), reverse("register:tilbud_liste")), "Solhaven")
    assert "Omfattet af rammeaftalen Manuel" in solhaven


def test_bruger_uden_profil_ser_intet(data: Registerdata) -> None:
    c = Client()
    c.force_login(User.objects.create(username="uden_profil"))
    assert "Der er ingen tilbud i registret" in _html(c, reverse("register:tilbud_liste"))
    assert c.get(reverse("register:tilbud", args=[data.solhaven.pk])).status_code == 404
    assert "Solhaven" not in _html(c, reverse("faelles:forside"))


# --- one offer --------------------------------------------------------------------------


def test_tilbudssiden_viser_data_afdelinger_og_ydelser(data: Registerdata) -> None:
    html = _html(_klient(data, "sekretariat"), reverse("register:tilbud", args=[data.solhaven.pk]))
    tekst = _tekst(html)
    for t in (
        "Solhaven",
        "Aarhus Kommune",
        "Rammeaftale Midtjylland",
        "SEL § 108 (længerevarende botilbud)",
        "Udviklingshæmning",
        "Gennemsnitstakst",
        "Hus A, Hus B",
        "Længerevarende botilbud",
        "Afdeling: Hus A",
        "Dagtilbud",
        "1.811,00 kr. pr. døgn",
        "1.734,56 kr. pr. døgn",
        "640,50 kr. pr. dag",
        "96 %",
        "Indberettet af Aarhus Kommune",
    ):
        assert t in tekst, t
    # a computed rate links to its calculation on the rate page
    for aar in (OFFENTLIGT_AAR, UDKAST_AAR):
        assert f'href="{reverse("takstberegning:takst", args=[data.solhaven.pk, aar])}"' in html
    assert reverse("register:tilbud_rediger", args=[data.solhaven.pk]) in html
    assert reverse("historik:historik", args=[data.solhaven.pk]) in html


def test_kategorien_vises_med_regel_og_tal(data: Registerdata) -> None:
    html = _html(_klient(data, "sekretariat"), reverse("register:tilbud", args=[data.solhaven.pk]))
    tekst = _tekst(html)
    assert 'id="kategori-2017"' in html and 'id="kategori-2018"' in html
    assert "Regel: omfattet af rammeaftalen eller ej" in tekst
    # the steps of the stored trace: label, formula, inputs and result
    assert "Årspladser brugt af andre kommuner end driftsherren" in tekst
    assert "årspladser i alt − driftsherrens egne" in tekst
    assert "Randers" in tekst and "kommune 730" not in tekst  # municipalities by name
    assert "Lokalt tilbud (ikke omfattet af rammeaftalen)" in tekst
    # the rule behind it, with its source
    assert "rammeaftale.min_andel_andre_kommuner_pct" in html
    assert "Rammeaftale Midtjylland" in tekst and "Kilde:" in tekst


def test_antaget_regel_markeres_i_sporet(data: Registerdata) -> None:
    k = data.kategori_2018
    spor = k.spor
    spor["spor"][-1]["regler"] = [
        {
            "parameter": "x.y",
            "vaerdi": "5",
            "lag": "midtjylland",
            "gyldig_fra": "2017-01-01",
            "kilde": "Ingen kilde fundet",
            "antaget": True,
            "url": None,
            "advarsel": None,
        }
    ]
    Kategorisering.objects.filter(pk=k.pk).update(spor=spor)
    html = _html(_klient(data, "sekretariat"), reverse("register:tilbud", args=[data.solhaven.pk]))
    assert '<span class="maerke antaget">Antaget</span> Ingen kilde fundet' in html


def test_laeseren_ser_ikke_udkastets_aar(data: Registerdata) -> None:
    html = _html(_klient(data, "laeser"), reverse("register:tilbud", args=[data.solhaven.pk]))
    tekst = _tekst(html)
    assert "1.734,56 kr." in tekst and "1.811,00" not in tekst
    assert "Tal for 2018 er ikke offentliggjort endnu" in tekst
    assert 'id="kategori-2017"' in html and 'id="kategori-2018"' not in html
    assert "Kategorien for 2018 er ikke offentliggjort endnu" in tekst
    assert reverse("takstberegning:takst", args=[data.solhaven.pk, UDKAST_AAR]) not in html
    # no edit links or forms for a reader
    assert reverse("register:tilbud_rediger", args=[data.solhaven.pk]) not in html
    assert "Fastsæt kategorien manuelt" not in html


def test_udkastet_vises_naar_kataloget_er_offentliggjort(data: Registerdata) -> None:
    Takstindberetning.objects.create(
        driftsherre=data.aarhus, aar=UDKAST_AAR, status="indsendt", indsendt=timezone.now()
    )
    katalog.offentliggoer(data.midt, UDKAST_AAR, None)  # with Aarhus' submitted report
    html = _html(_klient(data, "laeser"), reverse("register:tilbud", args=[data.solhaven.pk]))
    assert "1.811,00 kr." in html and 'id="kategori-2018"' in html


def test_indtastet_takst_viser_kilden(data: Registerdata) -> None:
    html = _html(_klient(data, "driftsherre_anden"), reverse("register:tilbud", args=[data.kildebakken.pk]))
    assert "455,00 kr." in html and "Indtastet" in html


def test_ukendt_tilbud_giver_404(data: Registerdata) -> None:
    c = _klient(data, "sekretariat")
    assert c.get(reverse("register:tilbud", args=[999999])).status_code == 404
    assert c.get(reverse("register:tilbud", args=[data.fjordhuset.pk])).status_code == 404


# --- manual category ----------------------------------------------------------------


def _version(obj: Any) -> str:
    """The stored version of `obj`, as the page's form carries it."""
    return str(type(obj).objects.get(pk=obj.pk).version)


def _kategori_url(data: Registerdata, aar: int = UDKAST_AAR) -> str:
    return reverse("kategori:kategori", args=[data.solhaven.pk, aar])


def test_kategorien_kan_tilsidesaettes_med_begrundelse(data: Registerdata) -> None:
    c = _klient(data, "sekretariat")
    svar = c.post(
        _kategori_url(data),
        {
            "handling": "tilsidesaet",
            "k2018-version": _version(data.kategori_2018),
            "k2018-tilsidesat": "omfattet",
            "k2018-begrundelse": "  Landsdækkende ekspertise  ",
        },
    )
    assert svar.status_code == 302
    assert svar["Location"] == reverse("register:tilbud", args=[data.solhaven.pk]) + "#kategori-2018"
    k = Kategorisering.objects.get(pk=data.kategori_2018.pk)
    assert (k.tilsidesat, k.begrundelse, k.beregnet) == ("omfattet", "Landsdækkende ekspertise", "lokalt")
    tekst = _tekst(_html(c, reverse("register:tilbud", args=[data.solhaven.pk])))
    assert "Kategorien for 2018 er sat manuelt." in tekst
    assert "Omfattet af rammeaftalen Manuel" in tekst
    assert "Beregnet efter reglen: Lokalt tilbud (ikke omfattet af rammeaftalen)" in tekst
    assert "Begrundelse Landsdækkende ekspertise" in tekst
    assert k.history.first().history_change_reason == "Manuel kategori"

    svar = c.post(_kategori_url(data), {"handling": "fjern", "version": _version(k)})
    assert svar.status_code == 302
    k.refresh_from_db()
    assert (k.tilsidesat, k.begrundelse) == ("", "")
    assert "Manuel</span>" not in _html(c, reverse("register:tilbud", args=[data.solhaven.pk]))


@pytest.mark.parametrize(
    ("kategori", "begrundelse", "fejl"),
    [
        ("omfattet", "for kort", "Begrundelsen skal være på mindst 10 tegn (den er på 8)."),
        ("omfattet", "", "Dette felt er påkrævet."),
        (
            "klyngetilbud",
            "En grundig begrundelse",
            "Kategorien klyngetilbud findes ikke under rammeaftalens regel.",
        ),
    ],
)
def test_tilsidesaettelse_valideres(data: Registerdata, kategori: str, begrundelse: str, fejl: str) -> None:
    svar = _klient(data, "driftsherre").post(
        _kategori_url(data),
        {"handling": "tilsidesaet", "k2018-tilsidesat": kategori, "k2018-begrundelse": begrundelse},
    )
    assert svar.status_code == 400  # the form shown again with its errors, on a page of its own
    html = svar.content.decode()
    assert fejl in html, html
    assert '<details class="tilsidesaet" open>' in html
    k = Kategorisering.objects.get(pk=data.kategori_2018.pk)
    assert (k.tilsidesat, k.begrundelse) == ("", "")


def test_syddanmarks_kategorier_kan_vaelges_i_syddanmark(data: Registerdata) -> None:
    c = _klient(data, "sekretariat_anden")
    html = _html(c, reverse("register:tilbud", args=[data.fjordhuset.pk]))
    assert "Højt specialiseret tilbud med regional betydning" in html
    assert '<option value="klyngetilbud">Klyngetilbud</option>' in html
    assert '<option value="omfattet"' not in html
    svar = c.post(
        reverse("kategori:kategori", args=[data.fjordhuset.pk, UDKAST_AAR]),
        {
            "handling": "tilsidesaet",
            "k2018-version": _version(Kategorisering.objects.get(tilbud=data.fjordhuset, aar=UDKAST_AAR)),
            "k2018-tilsidesat": "klyngetilbud",
            "k2018-begrundelse": "Besluttet i KKR 2018",
        },
    )
    assert svar.status_code == 302
    assert Kategorisering.objects.get(tilbud=data.fjordhuset).kategori == "klyngetilbud"


@pytest.mark.parametrize(
    ("rolle", "status"), [("laeser", 403), ("driftsherre_anden", 403), ("sekretariat_anden", 404)]
)
def test_tilsidesaettelse_kraever_ret_til_at_redigere(data: Registerdata, rolle: str, status: int) -> None:
    svar = _klient(data, rolle).post(
        _kategori_url(data),
        {
            "handling": "tilsidesaet",
            "k2018-tilsidesat": "omfattet",
            "k2018-begrundelse": "En grundig begrundelse",
        },
    )
    assert svar.status_code == status
    assert Kategorisering.objects.get(pk=data.kategori_2018.pk).tilsidesat == ""


def test_tilsidesaettelse_af_ukendt_aar_giver_404(data: Registerdata) -> None:
    svar = _klient(data, "sekretariat").post(_kategori_url(data, 2016), {"handling": "fjern"})
    assert svar.status_code == 404


# --- editing ----------------------------------------------------------------------------


def test_tilbuddet_kan_redigeres(data: Registerdata) -> None:
    c = _klient(data, "driftsherre")
    url = reverse("register:tilbud_rediger", args=[data.solhaven.pk])
    html = _html(c, url)
    assert 'name="navn"' in html and 'name="maalgruppe"' in html and 'name="paragraf"' in html
    assert 'name="takststruktur"' in html and 'name="driftsherre"' not in html
    svar = c.post(
        url,
        {
            "version": _version(data.solhaven),
            "navn": "Solhaven Bo og Aktivitet",
            "maalgruppe": data.sindslidelse.pk,
            "paragraf": "SEL § 107",
            "takststruktur": "pakker",
        },
    )
    assert svar.status_code == 302 and svar["Location"] == reverse("register:tilbud", args=[data.solhaven.pk])
    t = Tilbud.objects.get(pk=data.solhaven.pk)
    assert (t.navn, t.maalgruppe, t.paragraf, t.takststruktur) == (
        "Solhaven Bo og Aktivitet",
        data.sindslidelse,
        "SEL § 107",
        "pakker",
    )
    assert t.driftsherre == data.aarhus
    assert "Tilbuddet er gemt." in _html(c, svar["Location"])


def test_ugyldig_redigering_viser_fejl(data: Registerdata) -> None:
    c = _klient(data, "sekretariat")
    url = reverse("register:tilbud_rediger", args=[data.solhaven.pk])
    svar = c.post(url, {"navn": "", "paragraf": "SEL § 999", "takststruktur": "gennemsnit"})
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Dette felt er påkrævet." in html and "Marker en gyldig valgmulighed." in html
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven"
    # an offer's name is unique per operator
    Tilbud.objects.create(navn="Bakkehuset", driftsherre=data.aarhus, paragraf="SEL § 85")
    svar = c.post(url, {"navn": "Bakkehuset", "paragraf": "SEL § 108", "takststruktur": "gennemsnit"})
    assert (
        svar.status_code == 200
        and "Driftsherren har allerede et tilbud med det navn." in svar.content.decode()
    )
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven"


@pytest.mark.parametrize(
    ("rolle", "status"), [("laeser", 403), ("driftsherre_anden", 403), ("sekretariat_anden", 404)]
)
def test_redigering_kraever_ret(data: Registerdata, rolle: str, status: int) -> None:
    c = _klient(data, rolle)
    url = reverse("register:tilbud_rediger", args=[data.solhaven.pk])
    assert c.get(url).status_code == status
    svar = c.post(url, {"navn": "Ændret", "paragraf": "SEL § 108", "takststruktur": "gennemsnit"})
    assert svar.status_code == status
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven"


# --- the rate pages' access ---------------------------------------------------------


def test_takstforsiden_viser_kun_synlige_tilbud_og_beregninger(data: Registerdata) -> None:
    udkast = f'href="{reverse("takstberegning:takst", args=[data.solhaven.pk, UDKAST_AAR])}"'
    offentlig = f'href="{reverse("takstberegning:takst", args=[data.solhaven.pk, OFFENTLIGT_AAR])}"'
    for rolle, ser_udkast in (
        ("sekretariat", True),
        ("driftsherre", True),
        ("driftsherre_anden", False),
        ("laeser", False),
    ):
        html = _html(_klient(data, rolle), reverse("faelles:forside"))
        assert "Solhaven" in html and "Fjordhuset" not in html
        assert offentlig in html, rolle
        assert (udkast in html) is ser_udkast, rolle
    # The front page lists the offers with a rate calculation (Fjordhuset has none); the
    # register lists every offer of the agreement.
    anden = _klient(data, "sekretariat_anden")
    assert "Solhaven" not in _html(anden, reverse("faelles:forside"))
    html = _html(anden, reverse("register:tilbud_liste"))
    assert "Fjordhuset" in html and "Solhaven" not in html


def test_takstsidens_aarsliste_viser_kun_synlige_aar(data: Registerdata) -> None:
    url = reverse("takstberegning:takst", args=[data.solhaven.pk, OFFENTLIGT_AAR])
    udkast = reverse("takstberegning:takst", args=[data.solhaven.pk, UDKAST_AAR])
    assert udkast in _html(_klient(data, "driftsherre"), url)
    assert udkast not in _html(_klient(data, "laeser"), url)


def test_kan_se_takstberegning_svarer_til_forespoergslen(data: Registerdata) -> None:
    """`kan_se_takstberegning` (one object) and `synlige_takstberegninger` (a query) agree."""
    fjord = Takstberegning(tilbud=data.fjordhuset, aar=UDKAST_AAR)
    fjord.saet_grundlag(
        {
            "tilbud": "Fjordhuset",
            "region": "syddanmark",
            "aar": UDKAST_AAR,
            "ydelser": [
                {
                    "navn": "Botilbud",
                    "pladstype": "doegn",
                    "pladser": "12",
                    "budget": [{"art": "direkte_loen", "beloeb": "6000000"}],
                    "belaegning": {"budgetteret_pct": "95"},
                }
            ],
        }
    )
    fjord.save()
    brugere = [
        *data.brugere.values(),
        User.objects.create(username="uden"),
        User.objects.create(username="su", is_superuser=True),
    ]
    for b in brugere:
        synlige = set(takstberegning_adgang.synlige_takstberegninger(b).values_list("pk", flat=True))
        for beregning in Takstberegning.objects.select_related("tilbud__driftsherre"):
            forventet = takstberegning_adgang.kan_se_takstberegning(b, beregning.tilbud, beregning.aar)
            assert (beregning.pk in synlige) is forventet, (b.username, str(beregning))
    assert takstberegning_adgang.kan_se_takstberegning(data.bruger("laeser"), data.solhaven, OFFENTLIGT_AAR)
    assert not takstberegning_adgang.kan_se_takstberegning(data.bruger("laeser"), data.solhaven, UDKAST_AAR)
    assert not takstberegning_adgang.kan_se_takstberegning(
        data.bruger("sekretariat_anden"), data.solhaven, OFFENTLIGT_AAR
    )
