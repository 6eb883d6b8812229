"""Every workflow is reachable by clicks (issue 9, point 18): for every URL pattern of the
project and every demo role that may use it, the page is reached by following links from the
front page — a user never types an address.

The crawl (`kravl`) is Django's test client on the demo: from `/` it follows every `<a href>`
and submits every GET form with the values it shows (a search, a filter), breadth first. It is
bounded: a page is fetched at most `PR_SIGNATUR` times per *signature* and kind of page it
is linked from — its URL name with the path's years, quarters, tables and agreements and the
query's year and version, without the objects' ids and names — so every year, quarter, pair
of years and version is tried, but not every one of 220 offers or 111 rules; the pages of the
objects the test plants are always fetched. Three kinds of URL are not fetched but must be on a reachable page all the same:

- **actions** (`HANDLINGER`, POST only): a `<form method="post">` with a submit button whose
  action (or `formaction`) is the URL;
- **downloads** (`FILER`: Excel, PDF, JSON, rule files): a link;
- **images** (`BILLEDER`: the management information's charts): an `<img src>`.

`BRUG` says, for every URL pattern, which demo roles may use it on the demo's data (the
access rules, `tests/test_adgang_matrix.py`, decide who may; a role that may in principle but
has nothing of the kind in the demo is left out with the reason). A new URL fails
`test_hver_url_er_med` until it is listed. Every link a role is shown must open for it (200,
or a redirect to a page that does): a link to a page the role may not use is a fault too.

Roles: the secretariat of Midtjylland (`sekretariat`), an operator with a 2018 draft
(`aarhus`), a reader (`laeser`) and a municipality's staff (`randers_kommune`: the stays Randers
pays or acts for, its reimbursement claims). The demo (2016–2017 published, 2018 being reported) gets
what it lacks for some pages: an in-year change and a closure statement of an Aarhus offer,
and a value entered in Midtjylland's rulebook.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from pytest_django import DjangoDbBlocker
from test_adgang_matrix import url_moenstre

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.beregning.lukning import Lukningsgrundlag, beregn_lukning
from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Driftsherre, Takstberegning, Ydelse
from socialstyring.web.takstberegning.services import gem_budget

TESTDATA = Path(__file__).parent

S, D, L, K = "sekretariat", "aarhus", "laeser", "randers_kommune"
ALLE = frozenset({S, D, L, K})
SD = frozenset({S, D})
KUN_S = frozenset({S})
INGEN: frozenset[str] = frozenset()

BRUG: dict[str, frozenset[str]] = {
    "login": INGEN,  # the anonymous user's page; the crawl starts logged in
    "logout": ALLE,
    "faelles:forside": ALLE,
    # --- the register, its history and categories
    "register:tilbud_liste": ALLE,
    "register:tilbud": ALLE,
    "register:tilbud_rediger": SD,
    "historik:historik": ALLE,
    "historik:gendan": SD,
    "kategori:kategori": SD,
    # --- the rate calculation: the reader sees none (2018's are drafts; 2016–2017 were not
    # calculated in the app)
    "takstberegning:takst": SD,
    "takstberegning:takst_json": SD,
    "takstberegning:budget": SD,
    "takstberegning:budget_overfoer": SD,
    # --- the rate report; Aarhus' 2018 draft has errors (no Indsend button): the submission is
    # tried in tests/test_browser_journeys.py after the errors are fixed
    "indberetning:indberetning_oversigt": KUN_S,
    "indberetning:indberetning": SD,
    "indberetning:indberetning_indsend": INGEN,
    "indberetning:indberetning_genaabn": KUN_S,
    "indberetning:indberetning_godkend": KUN_S,
    "indberetning:indberetning_paamind": KUN_S,
    "takstskabelon:excel_skabelon": SD,
    "takstskabelon:excel_import": SD,
    # --- the catalogue
    "katalog:katalog_offentliggoer": KUN_S,
    "katalog:katalog": ALLE,
    "katalog:katalog_excel": ALLE,
    "katalog:katalog_pdf": ALLE,
    "katalog:katalog_pdf_job": ALLE,
    # --- background jobs: the planted ones are the secretariat's (the year's billing) and
    # Aarhus' (a catalogue's PDF); the others have none, so no card leads them to the list
    "jobber:liste": SD,
    "jobber:job": SD,
    "jobber:resultat": SD,
    "aarsafregning:start": KUN_S,
    # --- in-year changes: a change awaiting its decision is the operator's and the
    # secretariat's until it is decided
    "aendringer:aendring_ny": SD,
    "aendringer:aendring": SD,
    "aendringer:aendring_beslut": SD,  # the operator's own decision, unless in hearing
    "aendringer:aendring_brev_pdf": SD,
    "aendringer:aendring_liste": ALLE,
    # --- occupancy
    "belaegning:belaegning": SD,
    "belaegning:belaegning_oversigt": KUN_S,
    "belaegning:forbrug_excel": SD,
    "belaegning:forbrug_import": SD,
    # --- accounts and results; the demo's results carry into 2018 and 2019, whose reports
    # are submitted (2018 for Herning) or have no rate calculation: nothing to transfer
    "regnskab:resultat": SD,
    "regnskab:resultat_overfoer": INGEN,
    "regnskab:regnskab_aftale": KUN_S,
    "regnskab:regnskab_oversigt": SD,
    "regnskab:regnskab_excel": SD,
    "regnskab:regnskab_import": SD,
    # --- closing offers
    "lukning:lukninger": SD,
    "lukning:lukning_ny": SD,
    "lukning:lukning": SD,
    # --- stays: the operator's and the municipality's own (both have stays in the demo); the
    # secretariat counts
    "ophold:liste": frozenset({D, K}),
    "ophold:ny": frozenset({D, K}),
    "ophold:importer": frozenset({D, K}),
    "ophold:ophold": frozenset({D, K}),
    "ophold:rediger": frozenset({D, K}),
    "ophold:optaelling": KUN_S,
    # --- state reimbursement: the municipality's own staff; the secretariat sees the totals
    "refusion:kommune": frozenset({K}),
    "refusion:borger_ny": frozenset({K}),
    "refusionskrav:prognose": frozenset({K}),
    "refusionskrav:krav": frozenset({K}),
    "refusionskrav:krav_excel": frozenset({K}),
    "refusionskrav:krav_pdf": frozenset({K}),
    "refusion:borger": frozenset({K}),
    "refusion:borger_rediger": frozenset({K}),
    "refusion:maaned": frozenset({K}),
    "refusion:engangsudgift": frozenset({K}),
    "refusion:engang_slet": frozenset({K}),
    "refusionskrav:version": frozenset({K}),
    "refusionskrav:aftale": KUN_S,
    # --- billing: the operator's own months (Aarhus has stays; nothing sent by it in the demo);
    # Randers' staff the statement Herning sent it (demo/afregning.py); the secretariat totals
    "afregning:maaned": frozenset({D}),
    "afregning:opgoerelse": frozenset({D}),
    "afregning:sendt": frozenset({K}),
    "afregning:sendt_excel": frozenset({K}),
    "afregning:sendt_pdf": frozenset({K}),
    "afregning:sendt_bogfoering": frozenset({K}),
    "afregning:kommune": frozenset({K}),
    "afregning:aftale": KUN_S,
    # --- Børnehus Midt (demo/boernehus.py): every role of the agreement reads it; the
    # secretariat and the host operator's staff (Aarhus) enter figures
    "boernehus:oversigt": ALLE,
    "boernehus:aar": ALLE,
    "boernehus:rediger": frozenset({S, D}),
    "boernehus:diagram": ALLE,
    "boernehus:excel": ALLE,
    "boernehus:pdf": ALLE,
    # --- Socialtilsyn Midt (demo/socialtilsyn.py): every role of the agreement reads it; the
    # secretariat and the host's staff (Silkeborg, no demo user) change the budget inputs
    "socialtilsyn:liste": ALLE,
    "socialtilsyn:aar": ALLE,
    "socialtilsyn:rediger": frozenset({S}),
    "socialtilsyn:takstgrundlag": frozenset({S}),
    "socialtilsyn:excel": ALLE,
    "socialtilsyn:pdf": ALLE,
    # --- expenditure forecasts (demo/prognose.py): Randers' own staff only
    "prognose:oversigt": frozenset({K}),
    "prognose:ny": frozenset({K}),
    "prognose:side": frozenset({K}),
    "prognose:rediger": frozenset({K}),
    "prognose:hent_borgere": frozenset({K}),
    "prognose:vifte": frozenset({K}),
    "prognose:excel": frozenset({K}),
    "prognose:pdf": frozenset({K}),
    # --- savings scenarios (demo/scenarie.py): every role of the agreement reads the sets; the
    # secretariat builds them
    "scenarie:liste": ALLE,
    "scenarie:ny": KUN_S,
    "scenarie:saet": ALLE,
    "scenarie:rediger": KUN_S,
    "scenarie:aendring": KUN_S,
    "scenarie:fjern": KUN_S,
    "scenarie:finansiering": KUN_S,
    "scenarie:diagram": ALLE,
    "scenarie:excel": ALLE,
    "scenarie:pdf": ALLE,
    # --- reduction plans (demo/genopretning.py): Randers' own staff only
    "genopretning:start": frozenset({K}),
    "genopretning:plan": frozenset({K}),
    "genopretning:diagram": frozenset({K}),
    "genopretning:excel": frozenset({K}),
    "genopretning:pdf": frozenset({K}),
    "genopretning:historik": frozenset({K}),
    "genopretning:rediger": frozenset({K}),
    "genopretning:initiativ_ny": frozenset({K}),
    "genopretning:initiativ": frozenset({K}),
    "genopretning:opfoelgning": frozenset({K}),
    "genopretning:initiativ_slet": frozenset({K}),
    "genopretning:aar_ny": frozenset({K}),
    # no initiative is deleted on the demo, so no restore button: tests/test_genopretning_slet_aar_web.py
    "genopretning:initiativ_gendan": INGEN,
    # --- objectively financed national offers (the demo's Kofoedsminde): every role sees, the
    # secretariat enters; the companion-purchase calculator: every role
    "landsdaekkende:tilbud": ALLE,
    "landsdaekkende:aar": ALLE,
    "landsdaekkende:excel": ALLE,
    "landsdaekkende:pdf": ALLE,
    "landsdaekkende:rediger": KUN_S,
    "ledsagelse:beregner": ALLE,
    "ledsagelse:excel": ALLE,
    "ledsagelse:pdf": ALLE,
    # benchmarks: the crawl plants accounts for Hedensted, Horsens (2020, with 18–64-year-olds) and
    # Randers (2019, without); Randers' staff open their own municipality, which has no result
    "benchmark:start": ALLE,
    "benchmark:side": ALLE,
    "benchmark:diagram": frozenset({S, D, L}),
    "benchmark:excel": frozenset({S, D, L}),
    "benchmark:enhedspriser": ALLE,
    # --- management information (2016–2017 is published: every role)
    "ledelsesinfo:ledelsesinfo": ALLE,
    "ledelsesinfo:ledelsesinfo_tabel": ALLE,
    "ledelsesinfo:ledelsesinfo_json": ALLE,
    "ledelsesinfo:ledelsesinfo_excel": ALLE,
    "ledelsesinfo:ledelsesinfo_pdf": ALLE,
    "ledelsesinfo:ledelsesinfo_diagram": ALLE,
    "ledelsesinfo:ledelsesinfo_kontrol": KUN_S,
    "ledelsesinfo:ledelsesinfo_kontrol_excel": KUN_S,
    # --- the rulebook: read by every role, kept by the secretariat
    "regelbog:oversigt": ALLE,
    "regelbog:lag": ALLE,
    "regelbog:parameter": ALLE,
    "regelbog:vaerdi": KUN_S,
    "regelbog:slet": KUN_S,
    "regelbog:historik": ALLE,
    "regelbog:gendan": KUN_S,
    "regelbog:eksport": ALLE,
}
"""Which demo roles may use each URL pattern on the demo's data (see the module's docstring)."""

HANDLINGER = frozenset(
    {
        "logout",
        "historik:gendan",
        "kategori:kategori",
        "takstberegning:budget_overfoer",
        "indberetning:indberetning_indsend",
        "indberetning:indberetning_genaabn",
        "indberetning:indberetning_godkend",
        "indberetning:indberetning_paamind",
        "katalog:katalog_offentliggoer",
        "katalog:katalog_pdf_job",
        "aarsafregning:start",
        "aendringer:aendring_beslut",
        "regnskab:resultat_overfoer",
        "regelbog:slet",
        "regelbog:gendan",
        "refusion:engang_slet",
        "scenarie:fjern",
        "genopretning:initiativ_slet",
        "genopretning:initiativ_gendan",
    }
)
"""POST-only actions: reached through a button on a reachable page."""

FILER = frozenset(
    {
        "takstberegning:takst_json",
        "takstskabelon:excel_skabelon",
        "katalog:katalog_excel",
        "katalog:katalog_pdf",
        "jobber:resultat",
        "aendringer:aendring_brev_pdf",
        "belaegning:forbrug_excel",
        "regnskab:regnskab_excel",
        "ledelsesinfo:ledelsesinfo_json",
        "ledelsesinfo:ledelsesinfo_excel",
        "ledelsesinfo:ledelsesinfo_pdf",
        "ledelsesinfo:ledelsesinfo_kontrol_excel",
        "regelbog:eksport",
        "refusionskrav:krav_excel",
        "refusionskrav:krav_pdf",
        "afregning:sendt_excel",
        "afregning:sendt_pdf",
        "afregning:sendt_bogfoering",
        "boernehus:excel",
        "boernehus:pdf",
        "socialtilsyn:excel",
        "socialtilsyn:pdf",
        "prognose:excel",
        "prognose:pdf",
        "scenarie:excel",
        "scenarie:pdf",
        "genopretning:excel",
        "genopretning:pdf",
        "landsdaekkende:excel",
        "landsdaekkende:pdf",
        "ledsagelse:excel",
        "ledsagelse:pdf",
        "benchmark:excel",
    }
)
"""Downloads: a link on a reachable page (not fetched: PDFs take a while)."""

BILLEDER = frozenset(
    {
        "ledelsesinfo:ledelsesinfo_diagram",
        "boernehus:diagram",
        "prognose:vifte",
        "scenarie:diagram",
        "genopretning:diagram",
        "benchmark:diagram",
    }
)
"""Images: an `<img>` on a reachable page."""

PR_SIGNATUR = 3
"""Pages fetched per signature (URL name, years and names; not ids)."""
MAKS_SIDER = 900
"""The crawl's bound per role (pages fetched)."""

AAR_I_STIEN = ("aar", "kvartal", "forrige", "tabel", "lag", "rammeaftale_kode")
"""The path's parameters that are part of a page's signature (the rest are object ids)."""
AAR_I_FORESPOERGSLEN = ("aar", "version")
"""The query's parameters that are part of a page's signature."""


# --- the crawl -----------------------------------------------------------------------------


@dataclass
class _Form:
    metode: str
    handling: str
    felter: list[tuple[str, str]] = field(default_factory=list)
    knapper: list[str] = field(default_factory=list)  # formaction of each submit button ("" = the form's)


class _Side(HTMLParser):
    """The links, images and forms of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.billeder: list[str] = []
        self.forms: list[_Form] = []
        self._form: _Form | None = None
        self._select: str | None = None
        self._valgt: str | None = None
        self._foerste: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.billeder.append(a["src"])
        elif tag == "form":
            self._form = _Form((a.get("method") or "get").lower(), a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            typ = a.get("type", "text").lower()
            if typ in ("submit", "image"):
                self._form.knapper.append(a.get("formaction", ""))
            elif a.get("name") and (typ not in ("checkbox", "radio") or "checked" in a):
                self._form.felter.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._form.knapper.append(a.get("formaction", ""))
        elif tag == "select" and a.get("name"):
            self._select, self._valgt, self._foerste = a["name"], None, None
        elif tag == "option" and self._select is not None:
            v = a.get("value", "")
            self._foerste = v if self._foerste is None else self._foerste
            if "selected" in a:
                self._valgt = v

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            self._form.felter.append((self._select, self._valgt or self._foerste or ""))
            self._select = None


@dataclass
class Kravl:
    """What a role reached: URL name → the URLs fetched (pages), linked (downloads), shown as
    images, or posted to by a button (actions); and the links that did not open."""

    sider: dict[str, set[str]] = field(default_factory=dict)
    filer: dict[str, set[str]] = field(default_factory=dict)
    billeder: dict[str, set[str]] = field(default_factory=dict)
    knapper: dict[str, set[str]] = field(default_factory=dict)
    doede: list[tuple[str, str, int]] = field(default_factory=list)  # (from, link, status)
    hentet: int = 0
    tider: dict[str, float] = field(default_factory=dict)
    forespoergsler: dict[str, tuple[int, str]] = field(default_factory=dict)  # most queries of a fetch

    def taelt(self, url: str, antal: int) -> None:
        navn = _navn(url)[0]
        if antal > self.forespoergsler.get(navn, (-1, ""))[0]:
            self.forespoergsler[navn] = (antal, url)

    def naaet(self) -> set[str]:
        return set(self.sider) | set(self.filer) | set(self.billeder) | set(self.knapper)


def _intern(fra: str, href: str) -> str | None:
    """The link as a path with query (no fragment), or None when it leaves the site."""
    u = urlsplit(urljoin("http://testserver" + fra, href))
    if u.scheme not in ("http", "https") or u.netloc != "testserver" or u.path.startswith("/static/"):
        return None
    return u.path + (f"?{u.query}" if u.query else "")


def _navn(url: str) -> tuple[str, dict[str, object]]:
    m = resolve(urlsplit(url).path)
    return m.view_name, m.kwargs


def _signatur(url: str) -> tuple[object, ...]:
    navn, kwargs = _navn(url)
    sti = tuple(sorted((k, v) for k, v in kwargs.items() if k in AAR_I_STIEN))
    query = tuple(sorted((k, v) for k, v in parse_qsl(urlsplit(url).query) if k in AAR_I_FORESPOERGSLEN))
    return navn, sti, query


def kravl(klient: Client, altid: frozenset[tuple[str, object]] = frozenset()) -> Kravl:
    """Follow links and GET forms from the front page (see the module's docstring); a page of
    an object in `altid` (path parameter, value: the objects the test planted) is always
    fetched."""
    k = Kravl()
    koe: deque[tuple[str, str]] = deque([("", "/")])
    set_: set[str] = {"/"}
    pr_signatur: dict[tuple[object, ...], int] = {}

    def fundet(fra: str, url: str | None, slags: dict[str, set[str]] | None = None) -> None:
        if url is None:
            return
        try:
            navn, _ = _navn(url)
        except Resolver404:
            k.doede.append((fra, url, 404))
            return
        if slags is not None:
            slags.setdefault(navn, set()).add(url)
        elif navn in FILER:
            k.filer.setdefault(navn, set()).add(url)
        elif url not in set_:
            set_.add(url)
            koe.append((fra, url))

    while koe and k.hentet < MAKS_SIDER:
        fra, url = koe.popleft()
        sig = (_signatur(url), _navn(fra)[0] if fra else "")
        if pr_signatur.get(sig, 0) >= PR_SIGNATUR and not altid & set(_navn(url)[1].items()):
            continue
        pr_signatur[sig] = pr_signatur.get(sig, 0) + 1
        t0 = time.perf_counter()
        reset_queries()  # the log keeps 9.000 queries; a full log would count 0
        with CaptureQueriesContext(connection) as forespoergsler:
            svar = klient.get(url)
        k.taelt(url, len(forespoergsler))
        k.tider[_navn(url)[0]] = k.tider.get(_navn(url)[0], 0) + time.perf_counter() - t0
        k.hentet += 1
        if svar.status_code in (301, 302):
            fundet(url, _intern(url, svar["Location"]))
            continue
        if svar.status_code != 200:
            k.doede.append((fra, url, svar.status_code))
            continue
        k.sider.setdefault(_navn(url)[0], set()).add(url)
        if not svar.get("Content-Type", "").startswith("text/html"):
            continue
        side = _Side()
        side.feed(svar.content.decode())
        for href in side.links:
            fundet(url, _intern(url, href))
        for src in side.billeder:
            fundet(url, _intern(url, src), k.billeder)
        for f in side.forms:
            handling = _intern(url, f.handling) if f.handling else url
            if f.metode == "post":
                for formaction in f.knapper:
                    fundet(url, _intern(url, formaction) if formaction else handling, k.knapper)
            elif handling is not None:
                fundet(url, urlsplit(handling).path + "?" + urlencode(f.felter))
    return k


# --- the demo's missing pieces ------------------------------------------------------------------


def _suppler_demoen() -> frozenset[tuple[str, object]]:
    """Aarhus' first offer gets a 2018 budget (the demo's Solbakken budget for its first
    service) and closes on 1 July 2019 (a change in its history), with an in-year change and a
    closure statement (stored as a worked case stores them); a value in
    Midtjylland's rulebook, changed once. Returns the planted objects (`kravl`'s `altid`)."""
    ydelse = (
        Ydelse.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune")
        .select_related("tilbud")
        .order_by("tilbud__navn", "pk")
        .first()
    )
    assert ydelse is not None
    tilbud = ydelse.tilbud
    # its 2018 budget: the demo's Solbakken budget for its first service, as the budget page saves it
    solbakken = Takstberegning.objects.get(tilbud__navn="Solbakken", aar=2018).takstgrundlag()
    budget = solbakken.model_copy(
        update={
            "tilbud": tilbud.navn,
            "ydelser": (solbakken.ydelser[0].model_copy(update={"navn": ydelse.navn}),),
            "tillaegsydelser": (),
        }
    )
    gem_budget(tilbud, 2018, Takstgrundlag.model_validate(budget.model_dump()))
    tilbud.lukket_fra = date(2019, 7, 1)
    tilbud.save()
    User = get_user_model()
    aarhus, sekretariat = User.objects.get(username=D), User.objects.get(username=S)
    konsekvens = json.loads((TESTDATA / "data" / "lagret" / "konsekvens_v2.json").read_text())
    aendring = Aendring.objects.create(
        tilbud=tilbud,
        ydelse=ydelse,
        type=Aendringstype.TAKSTFORHOEJELSE,
        begrundelse="Skærpet tilsyn kræver mere personale",
        ny_takst=Decimal("1900"),
        beslutningsdato=date(2018, 3, 1),
        ikrafttraedelse=date(2018, 4, 1),
        oprettet_af=aarhus,
        konsekvens=konsekvens,
    )
    case = laes_case(TESTDATA / "cases" / "lukning_syddanmark_klyngetilbud_endelig_2019.yaml")
    assert isinstance(case.input, Lukningsgrundlag)
    lukning = Lukningsopgoerelse.objects.create(
        tilbud=tilbud,
        opgoerelse="endelig",
        beslutningsdato=date(2019, 3, 12),
        center="Center for Voksenhandicap",
        tilbuddets_resultat=Decimal("-1262450"),
        centrets_resultat=Decimal("-3815000"),
        resultat=beregn_lukning(case.input, regelbog()).til_json(),
        oprettet_af=aarhus,
    )
    vaerdi = Regelaendring.objects.create(
        lag="midtjylland",
        parameter="pl.kl_skoen_pct",
        fra=date(2019, 1, 1),
        vaerdi="1.2",
        kilde_dokument="KL, Pris- og lønskøn for de kommunale serviceudgifter",
        oprettet_af=sekretariat,
        aendret_af=sekretariat,
    )
    vaerdi.vaerdi = "1.3"
    vaerdi.save()
    # municipal accounts (made up, tests/data/regk31) and 18–64-year-olds for the benchmark
    from socialstyring.web.befolkning.models import Befolkning
    from socialstyring.web.benchmark.services import indlaes_regnskab
    from socialstyring.web.register.models import Kommune

    indlaes_regnskab(TESTDATA / "data" / "regk31" / "tre_kommuner_2020.csv")
    for navn, antal in (("Hedensted", 27_000), ("Horsens", 55_000)):
        Befolkning.objects.update_or_create(
            kommune=Kommune.objects.get(navn=navn), aar=2020, aldersgruppe="18-64", defaults={"antal": antal}
        )
    # a finished background job of each: the secretariat's year's billing, Aarhus' catalogue PDF
    from socialstyring.web.jobber.models import Baggrundsjob

    midt = tilbud.driftsherre.rammeaftale
    jobs = [
        Baggrundsjob.objects.create(
            art=art,
            titel=titel,
            bruger=bruger,
            rammeaftale=midt,
            status="faerdig",
            fil=b"%PDF-proeve",
            filnavn=filnavn,
            filtype="application/pdf",
        )
        for art, titel, bruger, filnavn in (
            ("aarsafregning", "Årets afregning 2018: Rammeaftale Midtjylland", sekretariat, "afregning.xlsx"),
            ("katalog_pdf", "Katalog 2017, version 1, som PDF", aarhus, "katalog.pdf"),
        )
    ]
    return frozenset(
        {
            *(("job_id", j.pk) for j in jobs),
            ("tilbud_id", tilbud.pk),
            ("aendring_id", aendring.pk),
            ("opgoerelse_id", lukning.pk),
            ("navn", vaerdi.parameter),
        }
    )


@pytest.fixture(scope="module")
def kravlet(demo_modul: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, Kravl]]:
    """Each role's crawl of the demo (with `_suppler_demoen`), once for the module."""
    from django.db import transaction

    ud: dict[str, Kravl] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        altid = _suppler_demoen()
        for brugernavn in (S, D, L, K):
            klient = Client()
            klient.force_login(get_user_model().objects.get(username=brugernavn))
            start = time.perf_counter()
            ud[brugernavn] = kravl(klient, altid)
            print(f"{brugernavn}: {ud[brugernavn].hentet} sider på {time.perf_counter() - start:.1f} s")
        transaction.set_rollback(True)
    yield ud


# --- the tests ---------------------------------------------------------------------------------


def test_hver_url_er_med() -> None:
    """Every URL pattern says who may use it (a new page cannot be left out), and every kind of
    URL that is not fetched is an action, a download or an image of the project."""
    moenstre = {n for n, _ in url_moenstre()}
    assert sorted(moenstre - set(BRUG)) == [], "tilføj URL'en til BRUG"
    assert sorted(set(BRUG) - moenstre) == []
    assert moenstre >= (HANDLINGER | FILER | BILLEDER)


@pytest.mark.parametrize("rolle", [S, D, L, K])
def test_hver_side_naas_med_klik(kravlet: dict[str, Kravl], rolle: str) -> None:
    """Every URL the role may use is reached by links and buttons from the front page: pages
    fetched, actions as buttons, downloads as links, charts as images."""
    k = kravlet[rolle]
    assert k.hentet < MAKS_SIDER, "kravlet ramte sin grænse"
    skal = {n for n, roller in BRUG.items() if rolle in roller}
    mangler = sorted(skal - k.naaet())
    assert not mangler, mangler
    for navn in skal & HANDLINGER:
        assert navn in k.knapper, f"{navn}: ingen knap"
    for navn in skal & FILER:
        assert navn in k.filer, f"{navn}: intet link"
    for navn in skal & BILLEDER:
        assert navn in k.billeder, f"{navn}: intet billede"
    for navn in skal - HANDLINGER - FILER - BILLEDER:
        assert navn in k.sider, f"{navn}: ikke hentet"


@pytest.mark.parametrize("rolle", [S, D, L, K])
def test_ingen_doede_links(kravlet: dict[str, Kravl], rolle: str) -> None:
    """Every link and GET form a role is shown opens for it: no 403, 404 or 500 behind a link."""
    assert kravlet[rolle].doede == []


@pytest.mark.parametrize("rolle", [S, D, L, K])
def test_ingen_side_uden_for_rollens_brug_naas(kravlet: dict[str, Kravl], rolle: str) -> None:
    """What the crawl reached is what `BRUG` gives the role: a page reached that `BRUG` does
    not list for it means the table (or an access rule) is wrong."""
    naaet = kravlet[rolle].naaet() - {"indberetning:indberetning_indsend", "regnskab:resultat_overfoer"}
    for_meget = sorted(n for n in naaet if rolle not in BRUG[n])
    assert not for_meget, for_meget


def _stier(k: Kravl, navn: str) -> set[tuple[object, ...]]:
    return {tuple(_navn(u)[1].values()) for u in k.sider.get(navn, set())}


def test_belaegning_for_hvert_aar_og_kvartal(kravlet: dict[str, Kravl]) -> None:
    """The operator reaches its occupancy for every year with places (2016–2018) and every
    quarter; the secretariat its overview for every year and quarter."""
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune").pk
    alle = {(a, q) for a in (2016, 2017, 2018) for q in (1, 2, 3, 4)}
    assert {(a, q) for d, a, q in _stier(kravlet[D], "belaegning:belaegning") if d == aarhus} == alle
    assert _stier(kravlet[S], "belaegning:belaegning_oversigt") == alle


def test_regnskab_katalog_og_ledelsesinfo_for_hvert_aar(kravlet: dict[str, Kravl]) -> None:
    """Accounts for every year with accounts or figures (2016–2018), every published catalogue
    (2016, 2017) and the management information's pair of years (2016–2017), by clicks."""
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune").pk
    for rolle in (S, D):
        assert {a for d, a in _stier(kravlet[rolle], "regnskab:regnskab_oversigt") if d == aarhus} == {
            2016,
            2017,
            2018,
        }
    assert _stier(kravlet[S], "regnskab:regnskab_aftale") == {(2016,), (2017,), (2018,)}
    for rolle in (S, D, L):
        assert _stier(kravlet[rolle], "katalog:katalog") == {("midtjylland", 2016), ("midtjylland", 2017)}
        assert _stier(kravlet[rolle], "ledelsesinfo:ledelsesinfo") == {("midtjylland", 2016, 2017)}


def test_ikke_tilfaeldigt_naaet() -> None:
    """The signature keeps years apart and ids together."""
    assert _signatur("/belaegning/1/2017/4/") == _signatur("/belaegning/7/2017/4/")
    assert _signatur("/belaegning/1/2017/4/") != _signatur("/belaegning/1/2016/4/")
    assert _signatur("/katalog/midtjylland/2017/?version=1") != _signatur("/katalog/midtjylland/2017/")


FORESPOERGSLER_PR_SIDE = 70
"""The database queries one page may make (issue 13: no page with N+1 queries). The menu takes
about 27 of them, the front page's cards and the management information's access checks up to
40 more; a page that asks once per row of what it lists — a stay, a service (an operator's
statement bills 29 to 67), an offer — goes over. (Asking twice per operator, of the demo
agreement's 20, would go over too; once per operator may not.)"""

FLERE_FORESPOERGSLER: dict[str, tuple[int, str]] = {
    "landsdaekkende:tilbud": (60, "the population of each year of the table: 3 age bands a year"),
}
"""Pages allowed more queries than `FORESPOERGSLER_PR_SIDE`: URL name → (budget, why)."""


@pytest.mark.parametrize("rolle", [S, D, L, K])
def test_ingen_side_spoerger_pr_raekke(kravlet: dict[str, Kravl], rolle: str) -> None:
    """Every page the role reached kept within its query budget (the most of any fetch)."""
    over = {
        navn: (antal, url)
        for navn, (antal, url) in kravlet[rolle].forespoergsler.items()
        if antal > FLERE_FORESPOERGSLER.get(navn, (FORESPOERGSLER_PR_SIDE, ""))[0]
    }
    assert over == {}, "sider over deres forespørgselsbudget: " + "; ".join(
        f"{navn}: {antal} ({url})" for navn, (antal, url) in sorted(over.items())
    )
