"""THE access matrix: every URL of the project × every role.

`MATRIX` has an entry for every URL pattern of the project, found by walking the URL
resolver (every included module: the register, the rate pages, the rate reporting, Excel,
in-year changes and whatever is added later). `test_hver_url_har_en_indgang` fails when a
pattern has no entry — a new URL cannot go untested — and when an entry names a URL that
no longer exists.

Roles (tests/registerdata.py): anonymous; the secretariat of the agreement (Midtjylland);
the secretariat of ANOTHER agreement (Syddanmark); staff of the offer's operator (Aarhus
Kommune); staff of another operator in the same agreement (Randers Kommune); a reader.
The objects are Solhaven (Aarhus, Midtjylland), its 2018 draft figures and 2017 published
ones.

For each entry and role the test GETs the URL and checks the status: anonymous users are
sent to the login page everywhere except /login/ (and /logout/, which is POST only). For
URLs that take a POST, the listed roles POST too: an unauthorised POST must answer 403 or
404 and change no data at all (every row of the register's and the rate pages' tables and
their history is compared) and send no mail; an authorised POST gets its listed status.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from registerdata import OFFENTLIGT_AAR, ROLLER, UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.beregning.lukning import Lukningsgrundlag, beregn_lukning
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.register.models import Katalog, Tilbud

pytestmark = pytest.mark.django_db

ANONYM = "anonym"
S, SA, D, DA, L = ROLLER  # sekretariat, sekretariat_anden, driftsherre, driftsherre_anden, laeser
LOGIN = 302  # anonymous: redirect to /login/?next=…

Kwargs = Callable[[Registerdata], dict[str, Any]]


def roller(s: int, sa: int, d: int, da: int, laeser: int) -> dict[str, int]:
    """Expected status per logged-in role, in the order of the module docstring."""
    return {S: s, SA: sa, D: d, DA: da, L: laeser}


def alle(status: int) -> dict[str, int]:
    return roller(status, status, status, status, status)


KUN_POST = alle(405)
"""A POST-only endpoint answers a logged-in GET with 405 Method Not Allowed."""


@dataclass(frozen=True)
class Indgang:
    """How to call one URL and what each role gets."""

    kwargs: Kwargs
    get: dict[str, int]  # status of a GET per logged-in role
    post: dict[str, int] = field(default_factory=dict)  # status of a POST per role (left out: not tried)
    postdata: Callable[[Registerdata], dict[str, Any]] = lambda d: {}
    query: str = ""
    anonym: int = LOGIN
    tilfaelde: str = ""  # tells several entries for one URL apart


def _ingen(d: Registerdata) -> dict[str, Any]:
    return {}


def _tilbud(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk}


def _udkast(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk, "aar": UDKAST_AAR}


def _offentlig(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk, "aar": OFFENTLIGT_AAR}


def _indberetning(d: Registerdata) -> dict[str, Any]:
    return {"driftsherre_id": d.aarhus.pk, "aar": UDKAST_AAR}


def _katalog(aar: int) -> Kwargs:
    return lambda d: {"rammeaftale_kode": "midtjylland", "aar": aar}


def _gendan(d: Registerdata) -> dict[str, Any]:
    foerste = Tilbud.history.filter(id=d.solhaven.pk).order_by("history_id").first()
    assert foerste is not None
    return {"model": "tilbud", "history_id": foerste.history_id}


def _aendring(d: Registerdata) -> dict[str, Any]:
    return {"aendring_id": Aendring.objects.get(tilbud=d.solhaven).pk}


def _lukning(d: Registerdata) -> dict[str, Any]:
    """A closure statement of Solhaven (its stored engine result is the worked Syddanmark case's)."""
    o = Lukningsopgoerelse.objects.filter(tilbud=d.solhaven).first()
    if o is None:
        case = laes_case(
            Path(__file__).parent / "cases" / "lukning_syddanmark_klyngetilbud_endelig_2019.yaml"
        )
        assert isinstance(case.input, Lukningsgrundlag)
        r = beregn_lukning(case.input, regelbog())
        o = Lukningsopgoerelse.objects.create(
            tilbud=d.solhaven,
            opgoerelse="endelig",
            beslutningsdato=date(2019, 3, 12),
            center="Center for Voksenhandicap",
            tilbuddets_resultat=Decimal("-1262450"),
            centrets_resultat=Decimal("-3815000"),
            resultat=r.til_json(),
        )
    return {"opgoerelse_id": o.pk}


def _ledelsesinfo_udkast(d: Registerdata) -> dict[str, Any]:
    """Midtjylland's management information 2017–2018: 2018 is not published."""
    return {"rammeaftale_kode": "midtjylland", "forrige": OFFENTLIGT_AAR, "aar": UDKAST_AAR}


def _ledelsesinfo_offentlig(d: Registerdata) -> dict[str, Any]:
    """Midtjylland's management information 2016–2017, with a catalogue for 2016 too (so
    both years are published)."""
    if not Katalog.objects.filter(rammeaftale=d.midt, aar=OFFENTLIGT_AAR - 1).exists():
        Katalog.objects.create(rammeaftale=d.midt, aar=OFFENTLIGT_AAR - 1, indhold={})
    return {"rammeaftale_kode": "midtjylland", "forrige": OFFENTLIGT_AAR - 1, "aar": OFFENTLIGT_AAR}


def _tilbudsdata(d: Registerdata) -> dict[str, Any]:
    return {"navn": "Solhaven II", "paragraf": "SEL § 108", "takststruktur": "gennemsnit"}


def _kategoridata(d: Registerdata) -> dict[str, Any]:
    return {
        "handling": "tilsidesaet",
        "k2018-tilsidesat": "omfattet",
        "k2018-begrundelse": "En god begrundelse",
    }


# Who may do what on the operator Aarhus' draft things (its offer's 2018 rate calculation,
# its rate report, editing its offer): its own staff and the secretariat; the other
# agreement's secretariat 404 (the offer does not exist for it) or 403; everyone else 403.
UDKAST = roller(200, 404, 200, 403, 403)
REDIGER_POST = roller(302, 404, 302, 403, 403)
KUN_SEKRETARIAT = roller(302, 403, 403, 403, 403)

MATRIX: dict[str, list[Indgang]] = {
    # --- login (Django's auth views)
    "login": [Indgang(_ingen, get=alle(302), anonym=200)],  # a logged-in user is sent on to /
    "logout": [Indgang(_ingen, get=KUN_POST, anonym=405)],  # logging out is a POST
    # --- the rate pages (takster/urls.py)
    "faelles:forside": [Indgang(_ingen, get=alle(200))],
    "takstberegning:takst": [
        Indgang(_udkast, get=UDKAST, tilfaelde="udkast"),
        Indgang(_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    "takstberegning:takst_json": [
        Indgang(_udkast, get=UDKAST, tilfaelde="udkast"),
        Indgang(_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    # --- the register (register/urls.py)
    "register:tilbud_liste": [Indgang(_ingen, get=alle(200))],
    "register:tilbud": [Indgang(_tilbud, get=roller(200, 404, 200, 200, 200))],
    "register:tilbud_rediger": [Indgang(_tilbud, get=UDKAST, post=REDIGER_POST, postdata=_tilbudsdata)],
    "register:kategori": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST, postdata=_kategoridata)],
    "historik:historik": [Indgang(_tilbud, get=roller(200, 404, 200, 200, 200))],
    "historik:gendan": [Indgang(_gendan, get=KUN_POST, post=REDIGER_POST)],
    # --- the yearly rate reporting and the catalogue (takster/urls_indberetning.py)
    "indberetning:indberetning_oversigt": [
        Indgang(lambda d: {"aar": UDKAST_AAR}, get=roller(200, 200, 403, 403, 403), tilfaelde="egen aftale"),
        Indgang(
            lambda d: {"aar": UDKAST_AAR},
            query="?rammeaftale=midtjylland",
            get=roller(200, 404, 403, 403, 403),
            tilfaelde="anden aftale",
        ),
    ],
    "indberetning:indberetning": [
        # POST saves the draft; an empty POST is refused as a stale page (302) without saving
        Indgang(_indberetning, get=roller(200, 403, 200, 403, 403), post=roller(302, 403, 302, 403, 403))
    ],
    "indberetning:indberetning_indsend": [
        Indgang(_indberetning, get=KUN_POST, post=roller(302, 403, 302, 403, 403))
    ],
    "indberetning:indberetning_genaabn": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "indberetning:indberetning_godkend": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "indberetning:indberetning_paamind": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "katalog:katalog_offentliggoer": [
        Indgang(
            lambda d: {"aar": UDKAST_AAR},
            get=KUN_POST,
            post=KUN_SEKRETARIAT,
            postdata=lambda d: {"rammeaftale": "midtjylland"},
        )
    ],
    "katalog:katalog": [
        Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 403, 200, 200, 200), tilfaelde="offentliggjort"),
        Indgang(_katalog(UDKAST_AAR), get=roller(404, 403, 404, 404, 404), tilfaelde="ikke offentliggjort"),
    ],
    "katalog:katalog_excel": [Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 403, 200, 200, 200))],
    "katalog:katalog_pdf": [Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 403, 200, 200, 200))],
    # --- Excel in and out (takster/urls_excel.py)
    "indberetning:excel_skabelon": [Indgang(_indberetning, get=roller(200, 404, 200, 403, 403))],
    "indberetning:excel_import": [
        # a POST without a file shows the form's error (400) and imports nothing
        Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))
    ],
    # --- in-year changes (takster/urls_aendring.py): filing needs the right to edit the
    # offer; a filed change is a notification, read by every role of the agreement
    "aendringer:aendring_ny": [
        # an empty POST shows the form's errors (200) and files nothing
        Indgang(_tilbud, get=UDKAST, post=roller(200, 404, 200, 403, 403))
    ],
    "aendringer:aendring": [Indgang(_aendring, get=roller(200, 404, 200, 200, 200))],
    "aendringer:aendring_brev_pdf": [Indgang(_aendring, get=roller(200, 404, 200, 200, 200))],
    "aendringer:aendring_liste": [Indgang(_ingen, get=alle(200))],
    # --- the budget editor (takster/urls_budget.py): the operator's staff and the secretariat.
    # An empty POST shows the form's error (400) and saves nothing; the transfer writes the
    # 2018 calculation's rates into Solhaven's draft report rows and returns to the rate page.
    "takstberegning:budget": [Indgang(_udkast, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "takstberegning:budget_overfoer": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST)],
    # --- the yearly result (takster/urls_resultat.py): a draft of the operator, seen and
    # entered by its staff and the secretariat. An empty POST shows the form's errors (400)
    # and saves nothing; a transfer without accounts is refused with a message (302).
    "regnskab:resultat": [Indgang(_udkast, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "regnskab:resultat_overfoer": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST)],
    # --- quarterly occupancy (takster/urls_belaegning.py): the operator's used days, seen and
    # entered by its staff and the secretariat; an empty POST changes nothing and returns (302).
    # The overview is the secretariat's, each of its own agreement.
    "belaegning:belaegning": [
        Indgang(
            lambda d: {"driftsherre_id": d.aarhus.pk, "aar": UDKAST_AAR, "kvartal": 1},
            get=roller(200, 403, 200, 403, 403),
            post=roller(302, 403, 302, 403, 403),
        )
    ],
    "belaegning:belaegning_oversigt": [
        Indgang(lambda d: {"aar": UDKAST_AAR, "kvartal": 3}, get=roller(200, 200, 403, 403, 403))
    ],
    # --- a year's used days and accounts in Excel, and the operator's accounts overview
    # (takster/urls_import.py): drafts of the operator, downloaded and seen by its staff and
    # the secretariat, who may also import; another agreement's operator is 404. A POST
    # without a file shows the form's error (400) and imports nothing.
    "belaegning:forbrug_excel": [Indgang(_indberetning, get=UDKAST)],
    "belaegning:forbrug_import": [Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "regnskab:regnskab_oversigt": [Indgang(_indberetning, get=UDKAST)],
    "regnskab:regnskab_excel": [Indgang(_indberetning, get=UDKAST)],
    "regnskab:regnskab_import": [Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    # --- closure statements (takster/urls_lukning.py): written by those who may edit the offer
    # (an empty POST shows the form's errors, 400, and stores nothing), read by those who may
    # see its drafts.
    "lukning:lukning_ny": [Indgang(_tilbud, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "lukning:lukning": [Indgang(_lukning, get=UDKAST)],
    # --- management information (takster/urls_ledelsesinfo.py): aggregated over the agreement,
    # seen by its secretariat, and by its readers and operators once both years are published;
    # another agreement's secretariat 404 (the agreement's information does not exist for it).
    "ledelsesinfo:ledelsesinfo": [
        Indgang(_ledelsesinfo_udkast, get=roller(200, 404, 403, 403, 403), tilfaelde="udkast"),
        Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    "ledelsesinfo:ledelsesinfo_tabel": [
        Indgang(
            lambda d: {**_ledelsesinfo_udkast(d), "tabel": "A"},
            get=roller(200, 404, 403, 403, 403),
            tilfaelde="udkast",
        ),
        Indgang(
            lambda d: {**_ledelsesinfo_offentlig(d), "tabel": "E"},
            get=roller(200, 404, 200, 200, 200),
            tilfaelde="offentliggjort",
        ),
    ],
    "ledelsesinfo:ledelsesinfo_json": [Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))],
    "ledelsesinfo:ledelsesinfo_excel": [
        Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))
    ],
    "ledelsesinfo:ledelsesinfo_pdf": [Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))],
    "ledelsesinfo:ledelsesinfo_diagram": [
        Indgang(
            lambda d: {**_ledelsesinfo_udkast(d), "navn": "udvikling"}, get=roller(200, 404, 403, 403, 403)
        )
    ],
}


# --- the URL patterns of the project ------------------------------------------------------


def url_moenstre(
    moenstre: list[Any] | None = None, prefiks: str = "", navnerum: str = ""
) -> Iterator[tuple[str, str]]:
    """(key, route) of every URL pattern: the key is the namespaced name
    (`register:tilbud`), or the route for a pattern without a name."""
    if moenstre is None:
        moenstre = list(get_resolver().url_patterns)
    for m in moenstre:
        rute = prefiks + str(m.pattern)
        if isinstance(m, URLResolver):
            ns = ":".join(n for n in (navnerum, m.namespace or "") if n)
            yield from url_moenstre(list(m.url_patterns), rute, ns)
        elif isinstance(m, URLPattern):
            yield (f"{navnerum}:{m.name}" if navnerum else m.name) if m.name else rute, rute


def test_hver_url_har_en_indgang() -> None:
    moenstre = dict(url_moenstre())
    mangler = sorted(f"{n}  ({r})" for n, r in moenstre.items() if n not in MATRIX)
    forsvundne = sorted(n for n in MATRIX if n not in moenstre)
    besked = []
    if mangler:
        besked.append(
            "URL'er uden indgang i adgangsmatricen (tilføj dem til MATRIX):\n  " + "\n  ".join(mangler)
        )
    if forsvundne:
        besked.append("Indgange i MATRIX for URL'er, der ikke findes længere:\n  " + "\n  ".join(forsvundne))
    if besked:
        print("\n\n".join(besked))
    assert not besked, "\n\n".join(besked)


def test_matricen_daekker_alle_roller() -> None:
    for navn, indgange in MATRIX.items():
        for i in indgange:
            assert set(i.get) == set(ROLLER), navn
            assert set(i.post) <= set(ROLLER), navn


# --- the matrix itself -----------------------------------------------------------------------


def _data_og_post() -> list[Any]:
    """All rows of the register's and the rate pages' tables, history included."""
    tabeller = [
        m for a in apps.get_app_configs() if a.name.startswith("socialstyring.") for m in a.get_models()
    ]
    return [(m._meta.label, list(m._default_manager.order_by("pk").values())) for m in tabeller]


@pytest.fixture
def data() -> Registerdata:
    d = opret_registerdata()
    # the published catalogue as the rate reporting publishes it (a real snapshot)
    from socialstyring.web.katalog import services as katalog

    Katalog.objects.filter(rammeaftale=d.midt, aar=OFFENTLIGT_AAR).delete()
    katalog.offentliggoer(d.midt, OFFENTLIGT_AAR, d.bruger(S))
    # an in-year change Aarhus has filed (its stored consequences are a worked case's, as stored)
    konsekvens = json.loads((Path(__file__).parent / "data" / "lagret" / "konsekvens_v2.json").read_text())
    Aendring.objects.create(
        tilbud=d.solhaven,
        ydelse=d.botilbud,
        type=Aendringstype.TAKSTFORHOEJELSE,
        begrundelse="Skærpet tilsyn kræver mere personale",
        ny_takst=Decimal("1900"),
        beslutningsdato=date(UDKAST_AAR, 3, 1),
        ikrafttraedelse=date(UDKAST_AAR, 4, 1),
        oprettet_af=d.bruger(D),
        konsekvens=konsekvens,
    )
    return d


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    if rolle != ANONYM:
        c.force_login(data.bruger(rolle))
    return c


def _id(navn: str, i: Indgang) -> str:
    return f"{navn}[{i.tilfaelde}]" if i.tilfaelde else navn


FELTER = [
    pytest.param(navn, i, rolle, id=f"{_id(navn, i)}-{rolle}")
    for navn, indgange in MATRIX.items()
    for i in indgange
    for rolle in (ANONYM, *ROLLER)
]


@pytest.mark.parametrize(("navn", "indgang", "rolle"), FELTER)
def test_adgang(data: Registerdata, navn: str, indgang: Indgang, rolle: str) -> None:
    url = reverse(navn, kwargs=indgang.kwargs(data)) + indgang.query
    klient = _klient(data, rolle)
    foer = _data_og_post()

    svar = klient.get(url)
    forventet = indgang.anonym if rolle == ANONYM else indgang.get[rolle]
    assert svar.status_code == forventet, f"GET {url} som {rolle}: {svar.status_code}, ventede {forventet}"
    if rolle == ANONYM and forventet == LOGIN:
        assert svar["Location"].startswith("/login/?next="), svar["Location"]
    if svar.status_code in (403, 404, 405) or rolle == ANONYM:
        assert _data_og_post() == foer, f"GET {url} som {rolle} ændrede data"

    if rolle == ANONYM and indgang.post:
        svar = klient.post(url, indgang.postdata(data))
        assert svar.status_code == LOGIN and svar["Location"].startswith("/login/?next=")
        assert _data_og_post() == foer, f"POST {url} som anonym ændrede data"
    elif rolle in indgang.post:
        svar = klient.post(url, indgang.postdata(data))
        forventet = indgang.post[rolle]
        assert svar.status_code == forventet, (
            f"POST {url} som {rolle}: {svar.status_code}, ventede {forventet}"
        )
        if forventet in (403, 404):
            assert _data_og_post() == foer, f"POST {url} som {rolle} blev afvist, men ændrede data"
            assert not mail.outbox, f"POST {url} som {rolle} blev afvist, men sendte post"
