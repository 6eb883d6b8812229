"""Every field has a name and every table a box of its own (issue 9, point 22), read from the
pages' HTML with Django's test client — so the faults are caught without a browser.
tests/test_browser_tilgaengelighed.py measures the same pages in Chromium (names as the
browser computes them, widths at 1280 and 390 px).

- **Names.** Every `input` (but hidden ones and buttons), `select` and `textarea` has an
  accessible name: a `<label for>` or a `<label>` around it with text, `aria-label`, or
  `aria-labelledby` pointing at text. A `title` does not count (it is a tooltip, not a label).
- **Tables.** Every table stands in a box that scrolls sideways (`.rul`), so a table wider
  than a phone widens its box, never the page. The trace's input tables (`indgange`: a name
  and a figure, names broken anywhere) are the exception.

The pages are every page of the project (every URL pattern that is a page, not an action, a
download or an image: `tests/test_naaelighed.py`'s `BRUG`), each for every demo role that may
use it, on the demo with what `test_naaelighed` plants for the pages the demo lacks (an
in-year change, a closure statement, a value in the rulebook); the login page anonymously.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import tinyhtml5
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker
from test_naaelighed import BILLEDER, BRUG, FILER, HANDLINGER, _suppler_demoen

from socialstyring.web.afregning.models import Afregning
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.refusion.models import Refusionsborger, Refusionskrav
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Driftsherre, Kommune

H = "{http://www.w3.org/1999/xhtml}"
IKKE_FELTER = frozenset({"hidden", "submit", "button", "reset", "image"})
AAR = 2018


# --- reading a page ------------------------------------------------------------------------


def _tekst(e: ET.Element, uden: ET.Element | None = None) -> str:
    """The element's text, whitespace collapsed; without the subtree of `uden`."""
    dele: list[str] = []

    def saml(x: ET.Element) -> None:
        if x is uden:
            return
        dele.append(x.text or "")
        for barn in x:
            saml(barn)
            dele.append(barn.tail or "")

    saml(e)
    return " ".join("".join(dele).split())


@dataclass(frozen=True)
class Felt:
    beskrivelse: str  # tag, name and id: how a failure names the field
    navn: str  # its accessible name ("" when it has none)


@dataclass(frozen=True)
class Side:
    felter: list[Felt]
    tabeller_uden_rul: list[str]  # the tables not inside a .rul box: id or class


def laes(html: str) -> Side:
    """The page's fields with their accessible names, and its tables outside a .rul box."""
    rod = tinyhtml5.parse(html)
    foraelder = {barn: e for e in rod.iter() for barn in e}
    efter_id = {e.get("id"): e for e in rod.iter() if e.get("id")}
    etiketter: dict[str, list[ET.Element]] = {}
    for label in rod.iter(f"{H}label"):
        if label.get("for"):
            etiketter.setdefault(label.get("for", ""), []).append(label)

    def forfaedre(e: ET.Element) -> Iterator[ET.Element]:
        while e in foraelder:
            e = foraelder[e]
            yield e

    def navn(e: ET.Element) -> str:
        if e.get("aria-labelledby"):
            tekst = " ".join(
                _tekst(efter_id[i]) for i in e.get("aria-labelledby", "").split() if i in efter_id
            )
            if tekst.strip():
                return tekst.strip()
        if (e.get("aria-label") or "").strip():
            return e.get("aria-label", "").strip()
        tekster = [_tekst(label, uden=e) for label in etiketter.get(e.get("id") or "", [])]
        tekster += [_tekst(a, uden=e) for a in forfaedre(e) if a.tag == f"{H}label"]
        return " ".join(t for t in tekster if t)

    felter = [
        Felt(f"<{e.tag.removeprefix(H)} name={e.get('name')!r} id={e.get('id')!r}>", navn(e))
        for e in rod.iter()
        if e.tag in (f"{H}select", f"{H}textarea")
        or (e.tag == f"{H}input" and (e.get("type") or "text").lower() not in IKKE_FELTER)
    ]
    tabeller = [
        e.get("id") or e.get("class") or "table"
        for e in rod.iter(f"{H}table")
        if "indgange" not in (e.get("class") or "").split()
        and not any("rul" in (a.get("class") or "").split() for a in forfaedre(e))
    ]
    return Side(felter, tabeller)


def test_laes_finder_navne_som_en_browser() -> None:
    """The reader itself, on hand-written HTML: each way of naming a field, and the faults."""
    side = laes(
        """<form>
        <label for="a">Takst 2018</label><input id="a" name="a">
        <label>Søg <select name="b"><option>Alle tilbud</option></select></label>
        <input name="c" aria-label="Pladser 2018">
        <span id="k">Kilde</span><span id="r">Solbakken</span><textarea name="d" aria-labelledby="k r"></textarea>
        <input name="e" title="kun et tip"><label for="f"> </label><input id="f" name="f">
        <input type="hidden" name="g"><input type="submit" value="Gem"><input type="checkbox" name="h">
        </form>
        <div class="rul"><table id="inde"><tr><td>1</td></tr></table></div>
        <table id="ude"><tr><td><table class="indgange"></table></td></tr></table>"""
    )
    assert [(f.beskrivelse.split()[1], f.navn) for f in side.felter] == [
        ("name='a'", "Takst 2018"),
        ("name='b'", "Søg"),
        ("name='c'", "Pladser 2018"),
        ("name='d'", "Kilde Solbakken"),
        ("name='e'", ""),
        ("name='f'", ""),
        ("name='h'", ""),
    ]
    assert side.tabeller_uden_rul == ["ude"]


# --- the pages ----------------------------------------------------------------------------

SIDER = sorted(set(BRUG) - HANDLINGER - FILER - BILLEDER - {"login", "logout"})
"""Every page of the project (URL names)."""


def _socialtilsyn_midt() -> int:
    from socialstyring.web.socialtilsyn.models import Tilsynsenhed

    return Tilsynsenhed.objects.get(navn="Socialtilsyn Midt").pk


def _boernehus_midt() -> int:
    from socialstyring.web.boernehus.models import Boernehus

    return Boernehus.objects.get(navn="Børnehus Midt").pk


def _genopretning() -> dict[str, dict[str, object]]:
    """The pages of Randers' reduction plan (demo/genopretning.py)."""
    from socialstyring.web.genopretning.models import Plan

    p = Plan.objects.filter(kommune__kode=730).order_by("pk").first()
    assert p is not None
    i = p.initiativer.order_by("pk").first()
    assert i is not None
    plan: dict[str, object] = {"plan_id": p.pk}
    return {
        "genopretning:start": {},
        **{f"genopretning:{n}": plan for n in ("plan", "rediger", "initiativ_ny", "historik", "aar_ny")},
        "genopretning:initiativ": {**plan, "initiativ_id": i.pk},
        "genopretning:opfoelgning": {**plan, "aar": 2021},
    }


def _scenarier() -> dict[str, dict[str, object]]:
    """The pages of the demo's savings scenarios (demo/scenarie.py)."""
    from socialstyring.web.scenarie.models import Scenariesaet

    s = Scenariesaet.objects.order_by("pk").first()
    assert s is not None
    return {
        "scenarie:liste": {},
        "scenarie:ny": {},
        **{f"scenarie:{n}": {"saet_id": s.pk} for n in ("saet", "rediger", "aendring", "finansiering")},
    }


def _prognose() -> dict[str, dict[str, object]]:
    """The pages of Randers' expenditure forecast (demo/prognose.py)."""
    from socialstyring.web.prognose.models import Prognose

    p = Prognose.objects.filter(kommune__kode=730).order_by("pk").first()
    assert p is not None
    return {
        "prognose:oversigt": {"kommune_id": p.kommune_id},
        "prognose:ny": {"kommune_id": p.kommune_id},
        **{f"prognose:{n}": {"prognose_id": p.pk} for n in ("side", "rediger", "hent_borgere")},
    }


def _stier(plantet: dict[str, object]) -> dict[str, str]:
    """One URL of each page: Aarhus' 2018 figures and the offer `test_naaelighed` plants; a stay
    in an Aarhus offer that Randers pays for (Aarhus' and Randers' staff both see it); Randers'
    reimbursement cases of 2024."""
    from socialstyring.web.jobber.models import Baggrundsjob

    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune").pk
    randers = Kommune.objects.get(kode=730)
    ophold = _ophold_for(randers)
    borger = Refusionsborger.objects.filter(kommune=randers).order_by("pk").first()
    krav = Refusionskrav.objects.filter(kommune=randers).order_by("pk").first()
    assert borger is not None and krav is not None
    refusion: dict[str, object] = {"kommune_id": randers.pk, "aar": krav.aar}
    from socialstyring.web.landsdaekkende.models import LandsdaekkendeTilbud

    kofoedsminde = LandsdaekkendeTilbud.objects.get(navn="Kofoedsminde").pk
    sendt = Afregning.objects.filter(betalingskommune=randers).order_by("pk").first()  # demo/afregning.py
    assert sendt is not None
    tilbud = plantet["tilbud_id"]
    vaerdi = Regelaendring.objects.get(lag="midtjylland", parameter=plantet["navn"]).pk
    li = {"rammeaftale_kode": "midtjylland", "forrige": 2016, "aar": 2017}
    argumenter: dict[str, dict[str, object]] = {
        "faelles:forside": {},
        "register:tilbud_liste": {},
        "register:tilbud": {"tilbud_id": tilbud},
        "register:tilbud_rediger": {"tilbud_id": tilbud},
        "historik:historik": {"tilbud_id": tilbud},
        "takstberegning:takst": {"tilbud_id": tilbud, "aar": AAR},
        "takstberegning:budget": {"tilbud_id": tilbud, "aar": AAR},
        "indberetning:indberetning_oversigt": {"aar": AAR},
        "indberetning:indberetning": {"driftsherre_id": aarhus, "aar": AAR},
        "takstskabelon:excel_import": {"driftsherre_id": aarhus, "aar": AAR},
        "katalog:katalog": {"rammeaftale_kode": "midtjylland", "aar": 2017},
        # Aarhus' planted catalogue-PDF job: Aarhus' and the agreement's secretariat's
        "jobber:liste": {},
        "jobber:job": {"job_id": Baggrundsjob.objects.get(art="katalog_pdf", bruger__username="aarhus").pk},
        "aendringer:aendring_ny": {"tilbud_id": tilbud},
        "aendringer:aendring": {"aendring_id": plantet["aendring_id"]},
        "aendringer:aendring_liste": {},
        "belaegning:belaegning": {"driftsherre_id": aarhus, "aar": AAR, "kvartal": 1},
        "belaegning:belaegning_oversigt": {"aar": AAR, "kvartal": 1},
        "belaegning:forbrug_import": {"driftsherre_id": aarhus, "aar": AAR},
        "regnskab:resultat": {"tilbud_id": tilbud, "aar": 2017},
        "regnskab:regnskab_aftale": {"aar": 2017},
        "regnskab:regnskab_oversigt": {"driftsherre_id": aarhus, "aar": 2017},
        "regnskab:regnskab_import": {"driftsherre_id": aarhus, "aar": 2017},
        "lukning:lukninger": {},
        "lukning:lukning_ny": {"tilbud_id": tilbud},
        "lukning:lukning": {"opgoerelse_id": plantet["opgoerelse_id"]},
        "ledelsesinfo:ledelsesinfo": li,
        "ledelsesinfo:ledelsesinfo_tabel": {**li, "tabel": "C"},
        "ledelsesinfo:ledelsesinfo_kontrol": li,
        "regelbog:oversigt": {},
        "regelbog:lag": {"lag": "midtjylland"},
        "regelbog:parameter": {"lag": "midtjylland", "navn": plantet["navn"]},
        "regelbog:vaerdi": {"lag": "midtjylland", "aendring_id": vaerdi},
        "regelbog:historik": {"lag": "midtjylland"},
        "ophold:liste": {},
        "ophold:ny": {},
        "ophold:importer": {},
        "ophold:optaelling": {},
        "ophold:ophold": {"ophold_id": ophold.pk},
        "ophold:rediger": {"ophold_id": ophold.pk},
        "refusion:kommune": refusion,
        "refusion:borger_ny": refusion,
        "refusionskrav:prognose": refusion,
        "refusionskrav:krav": {**refusion, "kvartal": krav.kvartal},
        "refusion:borger": {"borger_id": borger.pk, "aar": krav.aar},
        "refusion:borger_rediger": {"borger_id": borger.pk, "aar": krav.aar},
        "refusion:maaned": {"borger_id": borger.pk, "aar": krav.aar, "maaned": 1},
        "refusion:engangsudgift": {"borger_id": borger.pk, "aar": krav.aar},
        "refusionskrav:version": {"krav_id": krav.pk},
        "refusionskrav:aftale": {"kode": "midtjylland", "aar": krav.aar},
        "afregning:maaned": {"driftsherre_id": aarhus, "aar": 2018, "maaned": 1},
        "afregning:opgoerelse": {
            "driftsherre_id": aarhus,
            "aar": 2018,
            "maaned": 1,
            "kommune_id": randers.pk,
        },
        "afregning:sendt": {"afregning_id": sendt.pk},
        "afregning:kommune": {"kommune_id": randers.pk, "aar": 2018},
        "afregning:aftale": {"kode": "midtjylland", "aar": 2018},
        "boernehus:oversigt": {"boernehus_id": _boernehus_midt()},
        "boernehus:aar": {"boernehus_id": _boernehus_midt(), "aar": 2017},
        "boernehus:rediger": {"boernehus_id": _boernehus_midt(), "aar": 2017},
        "socialtilsyn:liste": {},
        "socialtilsyn:aar": {"enhed_id": _socialtilsyn_midt(), "aar": 2019},
        "socialtilsyn:rediger": {"enhed_id": _socialtilsyn_midt(), "aar": 2019},
        "socialtilsyn:takstgrundlag": {"enhed_id": _socialtilsyn_midt(), "aar": 2019},
        "landsdaekkende:tilbud": {"tilbud_id": kofoedsminde},
        "landsdaekkende:aar": {"tilbud_id": kofoedsminde, "aar": 2017},
        "landsdaekkende:rediger": {"tilbud_id": kofoedsminde, "aar": 2017},
        "ledsagelse:beregner": {"kode": "midtjylland"},
        "benchmark:side": {"omraade": "voksne", "aar": 2020, "kommune_id": randers.pk},
        "benchmark:start": {},
        "benchmark:enhedspriser": {"kode": "midtjylland", "aar": 2017},
        **_prognose(),
        **_genopretning(),
        **_scenarier(),
    }
    return {navn: reverse(navn, kwargs=kw) for navn, kw in argumenter.items()}


def _ophold_for(kommune: Kommune) -> Ophold:
    """A stay in an Aarhus offer paid by `kommune` (the demo's, else one made here)."""
    o = Ophold.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", betalingskommune=kommune).first()
    if o is not None:
        return o
    enhver = Ophold.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune").order_by("pk").first()
    assert enhver is not None
    return Ophold.objects.create(
        borger="p" * 64,
        foedselsdato=enhver.foedselsdato,
        handlekommune=kommune,
        betalingskommune=kommune,
        tilbud=enhver.tilbud,
        ydelse=enhver.ydelse,
        start=enhver.start,
    )


@dataclass(frozen=True)
class Hentet:
    url: str
    status: int
    side: Side


@pytest.fixture(scope="module")
def hentet(demo_modul: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[tuple[str, str], Hentet]]:
    """Every page for every role that may use it (URL name, role → the page read), and the
    login page for the anonymous user, on the demo with test_naaelighed's planted objects."""
    from django.db import transaction

    ud: dict[tuple[str, str], Hentet] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        stier = _stier(dict(_suppler_demoen()))
        klienter = {}
        for brugernavn in ("sekretariat", "aarhus", "laeser", "randers_kommune"):
            klienter[brugernavn] = Client()
            klienter[brugernavn].force_login(get_user_model().objects.get(username=brugernavn))
        for navn, url in stier.items():
            for rolle in sorted(BRUG[navn]):
                svar = klienter[rolle].get(url)
                ud[navn, rolle] = Hentet(url, svar.status_code, laes(svar.content.decode()))
        svar = Client().get(reverse("login"))
        ud["login", "anonym"] = Hentet(reverse("login"), svar.status_code, laes(svar.content.decode()))
        transaction.set_rollback(True)
    yield ud


def test_hver_side_er_med(hentet: dict[tuple[str, str], Hentet]) -> None:
    """Every page of the project is read, for every role that may use it, and opens (200)."""
    assert {n for n, _ in hentet} == set(SIDER) | {"login"}
    for navn in SIDER:
        assert {r for n, r in hentet if n == navn} == BRUG[navn], navn
    aabner_ikke = [(n, r, h.url, h.status) for (n, r), h in hentet.items() if h.status != 200]
    assert aabner_ikke == []


def test_hvert_felt_har_et_navn(hentet: dict[tuple[str, str], Hentet]) -> None:
    """No field on any page is nameless; the walk reads many fields (it cannot pass empty)."""
    uden_navn = [(n, r, f.beskrivelse) for (n, r), h in hentet.items() for f in h.side.felter if not f.navn]
    assert uden_navn == []
    assert sum(len(h.side.felter) for h in hentet.values()) > 400
    # the forms the review named: each has fields, all named
    for navn in (
        "indberetning:indberetning",
        "takstberegning:budget",
        "belaegning:belaegning",
        "regnskab:resultat",
        "aendringer:aendring_ny",
        "regelbog:parameter",
        "register:tilbud",  # the category's override
        "lukning:lukning_ny",
    ):
        assert len(hentet[navn, "sekretariat"].side.felter) > 1, navn


def test_hver_tabel_har_sin_egen_rullekasse(hentet: dict[tuple[str, str], Hentet]) -> None:
    """A table wider than the screen scrolls in its own box on every page, never the page."""
    uden = [(n, r, t) for (n, r), h in hentet.items() for t in h.side.tabeller_uden_rul]
    assert uden == []


@pytest.mark.parametrize("rolle", ["aarhus", "sekretariat"])
def test_indberetningens_felter_navngiver_raekke_og_kolonne(
    hentet: dict[tuple[str, str], Hentet], rolle: str
) -> None:
    """The rate report's 155 fields (Aarhus' 31 services in 2018: places, occupancy, rate,
    source, justification — a computed rate has no field) were all nameless; each now says
    its column, year and row, as the first row shows (Bakkevangen's § 103 service)."""
    felter = hentet["indberetning:indberetning", rolle].side.felter
    assert len(felter) > 100
    assert [f.navn for f in felter if not f.navn] == []
    raekke = "Bo- og aktivitetstilbuddet Bakkevangen – Beskyttet beskæftigelse § 103"
    assert [f.navn for f in felter[:5]] == [
        f"Pladser 2018, {raekke}",
        f"Belægning % 2018, {raekke}",
        f"Takst 2018, {raekke}",
        f"Kilde til taksten 2018, {raekke}",
        f"Begrundelse 2018, {raekke}",
    ]
