"""Odd digits and huge numbers in URLs and query strings never give a server error (issue 9,
point 9).

Python's `str.isdigit()` is true for '²' and '①' (which `int()` refuses) and `int()` reads
Arabic-Indic digits ('١٢' is 12); 10^20 is beyond every integer column. Ids in query strings
are read by one helper (`faelles.parametre.hent_id`, on the project's one id reader
`io.felter.laes_id`: ASCII digits within the database's range): a bad value is a 400 with a
Danish page, an id or year that does not exist a 404. The routes' converter `heltal` only
matches ASCII digits within that range; anything else is a 404.

`test_ingen_serverfejl` walks every URL pattern of the project (the resolver, as the access
matrix does) and, for every int path parameter and every GET parameter a view reads,
substitutes the values below, for every role (the role that gets furthest into the views
tries every value, the others every URL): the status must be below 500. A source test
finds every GET/POST parameter a view reads, so a new one cannot go untried.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve
from registerdata import ROLLER, Registerdata
from test_adgang_matrix import ANONYM, MATRIX, url_moenstre
from test_adgang_matrix import data as data  # the access matrix's objects (fixture)

from socialstyring.web.faelles.parametre import MAKS_ID, UgyldigParameter, hent_id
from socialstyring.web.lister.liste import LISTER

pytestmark = pytest.mark.django_db

WEB = Path(__file__).resolve().parent.parent / "socialstyring" / "web"

SKAEVE = ["²", "①", "١٢", str(10**20), str(MAKS_ID), "-1", "0", "1e3", "", "x" * 400, "12 ", "0x1f", "1_000"]
"""Values the review tried, and neighbours: superscript two, circled one, Arabic-Indic twelve,
10^20, the largest id, negative, zero, exponent, empty, very long, trailing space, hex,
underscore (Python's int() reads '1_000')."""

KUN_CIFRE = [v for v in SKAEVE if re.fullmatch(r"[0-9]+", v)]
"""The values of ASCII digits only: the largest id reaches the view, 0 and 10^20 are refused by
the converter (the others never match: test_url_konvertere_matcher_kun_ascii_cifre)."""

LISTEPARAMETRE = ("soeg", "sorter", "side", "vis", "hent")
"""What every list of `lister.liste` reads: search, order, page, all rows, the Excel download."""

GET_PARAMETRE: dict[str, tuple[str, ...]] = {
    "register:tilbud_liste": (*LISTEPARAMETRE, "driftsherre", "maalgruppe", "kategori", "status"),
    "historik:historik": (*LISTEPARAMETRE, "hvad", "bruger", "handling"),
    "aendringer:aendring_liste": (*LISTEPARAMETRE, "tilbud", "driftsherre", "type", "status", "aar"),
    "katalog:katalog": (*LISTEPARAMETRE, "version", "driftsherre", "maalgruppe", "kategori", "indberetning"),
    "katalog:katalog_excel": ("version",),
    "katalog:katalog_pdf": ("version",),
    "lukning:lukning_ny": ("aar",),
    "ophold:liste": (*LISTEPARAMETRE, "tilbud", "kommune", "status"),
    "refusion:kommune": (*LISTEPARAMETRE, "ordning"),
    "indberetning:indberetning_oversigt": (*LISTEPARAMETRE, "rammeaftale", "status", "frist", "aftale"),
    "belaegning:belaegning_oversigt": (*LISTEPARAMETRE, "status", "aftale"),
    "regnskab:regnskab_oversigt": (*LISTEPARAMETRE, "regnskab"),
    "ledsagelse:beregner": ("start", "slut", "medarbejdere", "beboere", "besparelse_pr_time"),
    "ledsagelse:excel": ("start", "slut", "medarbejdere", "beboere", "besparelse_pr_time"),
    "ledsagelse:pdf": ("start", "slut", "medarbejdere", "beboere", "besparelse_pr_time"),
    "benchmark:side": ("sammenlign",),
    "benchmark:diagram": ("sammenlign",),
    "benchmark:excel": ("sammenlign",),
    "benchmark:enhedspriser": ("kommune",),
    "login": ("next",),
}
"""The GET parameters each page reads (test_get_parametrene_er_kendte keeps this complete)."""

_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _url(rute: str, kwargs: dict[str, Any], navn: str | None = None, vaerdi: str = "") -> str:
    """The route with its parameters filled from `kwargs`, `navn` replaced by `vaerdi`."""

    def udfyld(m: re.Match[str]) -> str:
        return quote(vaerdi if m.group(2) == navn else str(kwargs[m.group(2)]), safe="")

    return "/" + _PARAMETER.sub(udfyld, rute)


def _int_parametre(rute: str) -> list[str]:
    return [m.group(2) for m in _PARAMETER.finditer(rute) if m.group(1) in ("int", "heltal")]


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client(raise_request_exception=False)  # a server error is a 500 to count, not an exception
    if rolle != ANONYM:
        c.force_login(data.bruger(rolle))
    return c


# --- the helper --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        ("12", 12),
        ("007", 7),
        (str(MAKS_ID), 2**63 - 1),  # the largest BigAutoField (and SQLite INTEGER)
        ("", None),  # empty: no filter
        ("0", UgyldigParameter),  # ids start at 1
        (str(2**63), UgyldigParameter),  # one beyond
        (str(10**20), UgyldigParameter),
        ("9" * 400, UgyldigParameter),
        ("²", UgyldigParameter),
        ("①", UgyldigParameter),
        ("١٢", UgyldigParameter),  # int() would read 12
        ("１２", UgyldigParameter),  # full-width
        ("-1", UgyldigParameter),
        ("+1", UgyldigParameter),
        ("1e3", UgyldigParameter),
        ("1_000", UgyldigParameter),  # int() would read 1000
        ("0x1f", UgyldigParameter),
    ],
)
def test_hent_id(rf: RequestFactory, tekst: str, forventet: int | type[Exception] | None) -> None:
    anmodning = rf.get("/", {"driftsherre": tekst})
    if isinstance(forventet, type):
        with pytest.raises(forventet) as fejl:
            hent_id(anmodning, "driftsherre")
        assert isinstance(fejl.value, BadRequest)  # Django answers 400
        assert str(fejl.value).startswith("Adressens parameter »driftsherre« kan ikke læses: ")
    else:
        assert hent_id(anmodning, "driftsherre") == forventet


def test_hent_id_giver_400_med_dansk_side(data: Registerdata) -> None:
    svar = _klient(data, "sekretariat").get("/register/?driftsherre=²")
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Fejl 400" in html and "Adressen kan ikke læses" in html
    assert "Adressens parameter »driftsherre« kan ikke læses: &quot;²&quot; er ikke et gyldigt id." in html
    assert 'lang="da"' in html


def test_tom_parameter_er_ingen(rf: RequestFactory) -> None:
    """An empty filter ('Alle') is no filter, not an error."""
    assert hent_id(rf.get("/?driftsherre="), "driftsherre") is None
    assert hent_id(rf.get("/"), "driftsherre") is None
    assert hent_id(rf.get("/?driftsherre=42"), "driftsherre") == 42
    assert hent_id(rf.post("/", {"x": "7"}), "x", post=True) == 7


# --- the review's findings, one by one ----------------------------------------------------


@pytest.mark.parametrize(
    ("sti", "status"),
    [
        ("/register/?driftsherre=²", 400),
        ("/register/?maalgruppe=①", 400),
        ("/register/?driftsherre=١٢", 400),
        (f"/register/?driftsherre={10**20}", 400),
        ("/aendringer/?tilbud=²", 400),
        (f"/aendringer/?tilbud={10**20}", 400),
        ("/katalog/midtjylland/2017/?version=²", 400),
        ("/katalog/midtjylland/2017/katalog.xlsx?version=²", 400),
        (f"/katalog/midtjylland/2017/?version={10**20}", 400),
        ("/katalog/midtjylland/2017/?version=99", 404),  # no such version
        ("/register/tilbud/99999999999999999999/", 404),
        (f"/register/tilbud/{2**63}/", 404),
        (f"/register/tilbud/{2**63 - 1}/", 404),  # in range, does not exist
        ("/katalog/midtjylland/99999999999999999999/", 404),
        ("/belaegning/1/2018/99999999999999999999/", 404),
    ],
)
def test_fundne_fejl(data: Registerdata, sti: str, status: int) -> None:
    assert _klient(data, "sekretariat").get(sti).status_code == status


def test_sider_virker_stadig(data: Registerdata) -> None:
    """Good parameters still work: a filter, the latest and a named catalogue version."""
    c = _klient(data, "sekretariat")
    html = c.get(f"/register/?driftsherre={data.aarhus.pk}").content.decode()
    assert "Solhaven" in html and "Kildebakken" not in html
    assert c.get("/katalog/midtjylland/2017/?version=1").status_code == 200
    assert c.get("/katalog/midtjylland/2017/?version=").status_code == 200
    svar = c.get(f"/aendringer/?tilbud={data.solhaven.pk}")
    assert svar.status_code == 302 and svar["Location"] == f"/tilbud/{data.solhaven.pk}/aendring/ny/"


# --- the class: every URL, every int parameter and GET parameter, every role --------------


def test_ruterne_bruger_heltal() -> None:
    """Numbers in a route use the converter `heltal` (ASCII digits within the database's range),
    not Django's `int` (any length)."""
    ruter = dict(url_moenstre())
    med_int = sorted(n for n, r in ruter.items() if "<int:" in r)
    assert not med_int, f"brug <heltal:…> i stedet for <int:…>: {med_int}"
    assert sum(len(_int_parametre(r)) for r in ruter.values()) >= 50


@pytest.mark.parametrize(
    ("sti", "matcher"),
    [
        (f"/register/tilbud/{2**63 - 1}/", True),
        ("/register/tilbud/0/", False),  # ids start at 1
        (f"/register/tilbud/{2**63}/", False),
        (f"/register/tilbud/{10**20}/", False),
        ("/register/tilbud/00000000000000000007/", False),  # 20 digits
        ("/register/tilbud/0000000000000000007/", True),  # 19 digits: 7
    ],
)
def test_heltal_i_stien(sti: str, matcher: bool) -> None:
    if matcher:
        assert resolve(sti).kwargs["tilbud_id"] <= MAKS_ID
    else:
        with pytest.raises(Resolver404):
            resolve(sti)


def test_url_konvertere_matcher_kun_ascii_cifre() -> None:
    """No int path parameter matches a value with anything but ASCII digits (so the view
    never sees one): the resolver answers 404."""
    for navn, rute in url_moenstre():
        for p in _int_parametre(rute):
            kwargs = {m.group(2): "1" for m in _PARAMETER.finditer(rute)}
            for v in SKAEVE:
                if v in KUN_CIFRE:
                    continue
                with pytest.raises(Resolver404):
                    resolve(_url(rute, kwargs, p, v))
                    pytest.fail(f"{navn}: {p}={v!r} blev genkendt")


def test_get_parametrene_er_kendte() -> None:
    """Every GET or POST parameter a view reads by name (`hent_id(request, "…")`,
    `request.GET.get("…")`, `request.POST.get("…")`) is tried by the walk, or is a POST field
    listed here with the reason it is safe."""
    kun_post = {
        "handling": "compared with a fixed word ('fjern')",
        "tilbage": "compared with a fixed word ('oversigt')",
        "ydelse": "a service's name, looked up among the calculation's names",
        "rammeaftale": "an agreement's code, compared with the secretariat's own",
        "next": "the login page's return address (Django checks it)",
        "fingeraftryk": "compared with the catalogue's fingerprint (a mismatch refuses, never an error)",
        "version": "a record's version, read by samtidighed.hent_version (anything odd refuses as stale)",
        "nummer": "a claim's version number, read by samtidighed.hent_version (anything odd refuses as stale)",
    }
    laest: dict[str, set[str]] = {}
    moenster = re.compile(r"""(?:hent_id\(\s*request,\s*|request\.(GET|POST)\.get\(\s*)["'](\w+)["']""")
    for fil in WEB.rglob("*.py"):
        for m in moenster.finditer(fil.read_text(encoding="utf-8")):
            laest.setdefault(m.group(2), set()).add(fil.relative_to(WEB).as_posix())
    kendte = {p for ps in GET_PARAMETRE.values() for p in ps}
    ukendte = {n: sorted(f) for n, f in laest.items() if n not in kendte and n not in kun_post}
    assert not ukendte, f"parametre, som testen ikke prøver (tilføj til GET_PARAMETRE): {ukendte}"
    assert {"tilbud", "version", "aar"} <= set(laest)


def test_listernes_parametre_er_kendte() -> None:
    """A list (`lister.liste.Liste`) reads its parameters by the names it declares (its filters'
    keys and the lists' own): each is tried on its page by the walk."""
    dict(url_moenstre())  # the URLconf imports every view, and so every list
    assert len(LISTER) == 9
    for navn, liste in LISTER.items():
        assert set(liste.parametre) <= set(GET_PARAMETRE.get(navn, ())), f"{navn}: tilføj til GET_PARAMETRE"
    assert {"driftsherre", "maalgruppe"} <= set(LISTER["register:tilbud_liste"].parametre)


def test_ingen_parametre_laeses_uden_om_hjaelperen() -> None:
    """No view reads an id with int() or isdigit() itself: ids go through `hent_id`."""
    fund = []
    for fil in WEB.rglob("views.py"):
        for nr, linje in enumerate(fil.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.isdigit\(\)|\bint\(\s*(request|valgt|version|v)\b", linje):
                fund.append(f"{fil.relative_to(WEB)}:{nr}: {linje.strip()}")
    assert not fund, "\n".join(fund)


@pytest.mark.parametrize("vaerdi", ["²", "١٢", str(10**20), str(MAKS_ID), "-1", "x" * 400])
def test_formernes_id_felter(data: Registerdata, vaerdi: str) -> None:
    """Ids posted in forms (the rate report's rows, a service to change, a closure's
    municipalities, a formset's count) are refused as form errors or a stale page, never a 500."""
    c = _klient(data, "driftsherre")
    forsoeg = [
        (
            f"/indberetning/{data.aarhus.pk}/2018/",
            {"y-TOTAL_FORMS": "1", "y-INITIAL_FORMS": "0", "y-0-ydelse": vaerdi, "y-0-version": vaerdi},
        ),
        (f"/indberetning/{data.aarhus.pk}/2018/", {"y-TOTAL_FORMS": vaerdi, "y-INITIAL_FORMS": vaerdi}),
        (f"/tilbud/{data.solhaven.pk}/aendring/ny/", {"type": "takstforhoejelse", "ydelse": vaerdi}),
        (
            f"/tilbud/{data.solhaven.pk}/lukning/ny/",
            {"kommune-TOTAL_FORMS": "1", "kommune-INITIAL_FORMS": "0", "kommune-0-kommune": vaerdi},
        ),
        (f"/tilbud/{data.solhaven.pk}/resultat/2018/overfoer/", {"ydelse": vaerdi}),
    ]
    for url, postdata in forsoeg:
        svar = c.post(url, postdata)
        assert svar.status_code < 500, f"POST {url} {postdata}: {svar.status_code}"


DYBEST = "sekretariat"
"""The role that gets furthest into every view with the access matrix's objects (its own
agreement's secretariat: everything the operator's staff may, and the secretariat's own pages),
so it tries every value; the other roles are refused earlier and try every URL once."""


def _forsoeg(data: Registerdata, alle: bool) -> list[tuple[str, str, bool]]:
    """(name, url, also POST) for the int path values and GET values to try: every one, or
    (not `alle`) one per URL (10^20 in its first int parameter, else '²' in its first GET
    parameter). An empty GET value is no filter (test_tom_parameter_er_ingen)."""
    forsoeg = []
    for navn, rute in url_moenstre():
        indgang = MATRIX[navn][0]
        kwargs = indgang.kwargs(data)
        post = bool(indgang.post)
        denne = [(navn, _url(rute, kwargs, p, v), post) for p in _int_parametre(rute) for v in KUN_CIFRE]
        denne += [
            (navn, _url(rute, kwargs) + "?" + urlencode({p: v}), False)
            for p in GET_PARAMETRE.get(navn, ())
            for v in SKAEVE
            if v
        ]
        forsoeg += denne if alle else denne[:1]
    return forsoeg


@pytest.mark.parametrize("rolle", [ANONYM, *ROLLER])
def test_ingen_serverfejl(data: Registerdata, rolle: str) -> None:
    klient = _klient(data, rolle)
    start = time.monotonic()
    fejl = []
    forsoeg = _forsoeg(data, alle=rolle == DYBEST)
    for navn, url, post in forsoeg:
        for metode in ("get", "post") if post else ("get",):
            svar = getattr(klient, metode)(url)
            if svar.status_code >= 500:
                fejl.append(f"{metode.upper()} {url} ({navn}) som {rolle}: {svar.status_code}")
    assert not fejl, "\n".join(fejl)
    med_parametre = sum(1 for n, r in url_moenstre() if _int_parametre(r) or n in GET_PARAMETRE)
    assert len(forsoeg) >= (200 if rolle == DYBEST else med_parametre)  # every URL with something to try
    print(f"{len(forsoeg)} forsøg som {rolle} på {time.monotonic() - start:.1f} s")
