"""The web pages: login, the list of tilbud, the rate page with its trace, the JSON endpoint.

The rate page must show exactly what the engine computes, so most figures are compared
with `beregn_takst` on the same input, formatted with `penge.kr`; a few are checked by
hand as well (see the comments).
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.takst import Takstresultat, beregn_takst
from socialstyring.demo import indlaes_demo
from socialstyring.demo.indlaes import DEMO_TILBUD, demo_grundlag, demo_logins
from socialstyring.regler import Regelbog, regelbog
from socialstyring.regler.bog import DATA
from socialstyring.web.faelles.templatetags.dansk import kroner, procent, tal, vis
from socialstyring.web.katalog import services as katalog
from socialstyring.web.register.models import (
    Driftsherre,
    Rammeaftale,
    Takstberegning,
    Takstindberetning,
    Tilbud,
)
from socialstyring.web.takstberegning import services as takstberegning_services

pytestmark = pytest.mark.django_db

SOLBAKKEN = "Solbakken"
KILDEN = "Værkstedet Kilden"
HEDEGAARDEN = "Bo- og aktivitetstilbuddet Hedegården"
SKOVBRYNET = "Skovbrynet"


@pytest.fixture
def sekretariat(demo: None, client: Client) -> Client:
    assert client.login(username="sekretariat", password="demo1234")
    return client


def _beregning(navn: str, aar: int = 2018) -> Takstberegning:
    return Takstberegning.objects.select_related("tilbud").get(tilbud__navn=navn, aar=aar)


def _url(navn: str, aar: int = 2018) -> str:
    return reverse("takstberegning:takst", args=[Tilbud.objects.get(navn=navn).pk, aar])


def _resultat(navn: str) -> Takstresultat:
    return beregn_takst(_beregning(navn).takstgrundlag(), regelbog())


def _html(klient: Client, url: str) -> str:
    svar = klient.get(url)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return svar.content.decode()


def _knap(noegle: str, tekst: str) -> str:
    """The start of the figure button for `noegle` and the formatted figure it shows."""
    return (
        rf'<button type="button" class="tal" data-spor="{re.escape(noegle)}"[^>]*>{re.escape(tekst)}</button>'
    )


# --- login ---------------------------------------------------------------------


@pytest.mark.parametrize("sti", ["/", "/tilbud/1/takst/2018/", "/tilbud/1/takst/2018/spor.json"])
def test_sider_kraever_login(demo: None, client: Client, sti: str) -> None:
    svar = client.get(sti)
    assert svar.status_code == 302
    assert svar["Location"] == f"/login/?next={sti}"


def test_loginside_er_dansk(client: Client) -> None:
    html = _html(client, "/login/")
    assert '<html lang="da">' in html
    assert "Brugernavn" in html and "Adgangskode" in html and "Log ind" in html


def test_forkert_adgangskode_giver_fejl(demo: None, client: Client) -> None:
    svar = client.post("/login/", {"username": "sekretariat", "password": "forkert"})
    assert svar.status_code == 200
    assert 'role="alert"' in svar.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_og_log_ud(demo: None, client: Client) -> None:
    svar = client.post("/login/", {"username": "laeser", "password": "demo1234", "next": "/"})
    assert svar.status_code == 302 and svar["Location"] == "/"
    assert "laeser" in _html(client, "/")
    assert client.get("/logout/").status_code == 405  # logging out needs a POST
    svar = client.post("/logout/")
    assert svar.status_code == 302 and svar["Location"] == "/login/"
    assert client.get("/").status_code == 302


# --- demo data -------------------------------------------------------------------


def test_indlaes_demo_er_idempotent() -> None:
    indlaes_demo()
    indlaes_demo()
    # The four budget tilbud (the demo region's synthetic offers have no Takstberegning).
    assert Tilbud.objects.filter(navn__in=[d["navn"] for d in DEMO_TILBUD]).count() == len(DEMO_TILBUD) == 4
    assert Takstberegning.objects.count() == 4
    assert {t.region for t in Tilbud.objects.all()} == {"midtjylland"}
    brugere = get_user_model().objects
    assert brugere.get(username="sekretariat").is_staff
    assert not brugere.get(username="laeser").is_staff
    assert [(b, k) for b, k, _ in demo_logins()] == [
        (b, "demo1234") for b in ("sekretariat", "aarhus", "herning", "region", "laeser", "randers_kommune")
    ]
    for bruger, kode, rolle in demo_logins():
        assert Client().login(username=bruger, password=kode), bruger
        assert rolle


def test_demo_indeholder_de_fire_slags_tilbud() -> None:
    grundlag = {d["navn"]: demo_grundlag(d) for d in DEMO_TILBUD}
    solbakken = grundlag[SOLBAKKEN].ydelser[0]
    assert solbakken.pladstype == "doegn" and solbakken.belaegning.faktisk_pct and solbakken.regulering
    assert solbakken.regulering[0].resultat < 0  # a deficit carried into the rate
    assert grundlag[KILDEN].ydelser[0].pladstype == "dag"
    pakker = grundlag[HEDEGAARDEN].ydelser[0].pakker
    assert len(pakker) == 3 and sum(p.pladser for p in pakker) == grundlag[HEDEGAARDEN].ydelser[0].pladser
    assert [t.loen_pr_time for t in grundlag[SKOVBRYNET].tillaegsydelser] == [400, 439, 220]


def test_grundlag_gemmes_som_json_med_tal_som_tekst(demo: None) -> None:
    b = _beregning(SOLBAKKEN)
    ydelse = b.grundlag["ydelser"][0]
    assert ydelse["pladser"] == "24"
    assert ydelse["belaegning"]["faktisk_pct"] == {"2015": "96.1", "2016": "97.3"}
    assert b.takstgrundlag() == demo_grundlag(DEMO_TILBUD[0])


# --- the list page ---------------------------------------------------------------


def test_forsiden_viser_demotilbuddene(sekretariat: Client) -> None:
    html = _html(sekretariat, "/")
    for d in DEMO_TILBUD:
        assert d["navn"] in html
        assert d["driftsherre"] in html
        assert _url(d["navn"]) in html
    assert "Region Midtjylland" in html
    assert ">2018</a>" in html


# --- the rate page ---------------------------------------------------------------


@pytest.mark.parametrize("navn", [d["navn"] for d in DEMO_TILBUD])
def test_takstsiden_viser_motorens_tal(sekretariat: Client, navn: str) -> None:
    resultat = _resultat(navn)
    html = _html(sekretariat, _url(navn))
    assert '<html lang="da">' in html
    for y in resultat.ydelser:
        p = y.noegle
        assert y.navn in html
        for noegle, tekst in [
            (f"{p}.direkte", kr(y.direkte)),
            (f"{p}.overhead", kr(y.overhead)),
            (f"{p}.regulering", kr(y.regulering)),
            (f"{p}.grundlag", kr(y.grundlag)),
            (f"{p}.belaegning", procent(y.belaegning_pct)),
            (f"{p}.dage", str(y.dage)),
            (f"{p}.takst", kr(y.takst_pr_dag)),
            (f"{p}.aarspris", kr(y.aarspris)),
        ]:
            assert re.search(_knap(noegle, tekst), html), f"{noegle} = {tekst} mangler"
        for pk in y.pakker:
            assert pk.navn in html
            assert re.search(_knap(f"{pk.noegle}.tillaeg", kr(pk.tillaeg_pr_dag)), html)
            assert re.search(_knap(f"{pk.noegle}.takst", kr(pk.takst_pr_dag)), html)
            assert re.search(_knap(f"{pk.noegle}.aarspris", kr(pk.aarspris)), html)
    for t in resultat.tillaeg:
        assert re.search(_knap(f"{t.noegle}.timepris", kr(t.timepris)), html)
    for advarsel in resultat.advarsler:
        assert advarsel in html


def test_solbakken_haandregnet(sekretariat: Client) -> None:
    html = _html(sekretariat, _url(SOLBAKKEN))
    p = _resultat(SOLBAKKEN).ydelser[0].noegle
    # Budget lines: 12.600.000 + 650.000 + 750.000 + 820.000 + 460.000 + 720.000 + 1.200.000
    # + 300.000 + 150.000 + 100.000 − 250.000 (income) = 17.500.000.
    assert re.search(_knap(f"{p}.direkte", "17.500.000,00 kr."), html)
    # Overhead 2018 in Midtjylland: 5,4 + 0,5 + 0,2 + 0 (tilsyn) = 6,1 % of 17.500.000.
    assert re.search(_knap(f"{p}.overhead", "1.067.500,00 kr."), html)
    # Occupancy: the average of 96,1 % (2015) and 97,3 % (2016).
    assert re.search(_knap(f"{p}.belaegning", "96,7 %"), html)
    # Deficit 2016 of 1.150.000: the operator bears 5 % of 18.400.000 = 920.000, the other
    # 230.000 raise the cost base to 18.797.500; ÷ (24 × 365 × 96,7 % = 8.470,92 days)
    # = 2.219,04 → 2.219 kr. per døgn, 809.935 kr. a year.
    assert re.search(_knap(f"{p}.regulering", "230.000,00 kr."), html)
    assert re.search(_knap(f"{p}.takst", "2.219,00 kr."), html)
    assert re.search(_knap(f"{p}.aarspris", "809.935,00 kr."), html)


def test_skovbrynet_timepriser_haandregnet(sekretariat: Client) -> None:
    html = _html(sekretariat, _url(SKOVBRYNET))
    # wage per hour + 5,4 % administration, in whole kroner: 421,60 → 422; 462,706 → 463; 231,88 → 232.
    for navn, pris in [
        ("socialpaedagogisk_ledsagelse", "422,00 kr."),
        ("sygeplejefaglig_ledsagelse", "463,00 kr."),
        ("praktisk_ledsagelse", "232,00 kr."),
    ]:
        assert re.search(_knap(f"tillaeg.{navn}.timepris", pris), html), navn
    assert "≈ 23,71 kr./time" in html  # 439 × 5,4 % = 23,706: shown rounded, and marked so


def test_hedegaarden_pakker_og_advarsel(sekretariat: Client) -> None:
    resultat = _resultat(HEDEGAARDEN)
    html = _html(sekretariat, _url(HEDEGAARDEN))
    y = resultat.ydelser[0]
    assert len(y.pakker) == 3
    for pk in y.pakker:
        assert pk.takst_pr_dag == y.takst_pr_dag + pk.tillaeg_pr_dag
    assert "Grundtakst pr. døgn" in html
    assert resultat.advarsler  # 98,75 % budgeted occupancy is above the recommended maximum
    assert "Advarsler" in html


def test_alle_tal_kan_forklares(sekretariat: Client) -> None:
    """Every figure is a button whose key is in the trace, and its trace is pre-rendered."""
    for d in DEMO_TILBUD:
        resultat = _resultat(d["navn"])
        html = _html(sekretariat, _url(d["navn"]))
        assert '<span class="tal">' not in html  # no figure fell back to plain text
        noegler = set(re.findall(r'data-spor="([^"]+)"', html))
        assert noegler and all(n in resultat.spor for n in noegler)
        forklaringer = _forklaringer(html)
        for n in noegler:
            assert forklaringer[n] == [t.noegle for t in resultat.spor.forklar(n)]
            for trin in forklaringer[n]:
                assert f'id="trin-{trin}"' in html


def test_sporet_viser_formel_indgange_og_regler(sekretariat: Client) -> None:
    resultat = _resultat(SOLBAKKEN)
    html = _html(sekretariat, _url(SOLBAKKEN))
    p = resultat.ydelser[0].noegle
    trin = _trin_html(html, f"{p}.takst")
    assert "takstberegningsgrundlag / belagte dage, afrundet til hele kroner" in trin
    assert f'href="#trin-{p}.grundlag"' in trin and f'href="#trin-{p}.belagte_dage"' in trin
    assert "Afrunding af døgn-, dag- og timetakster: <strong>hele kroner</strong>" in trin
    assert "Antaget" in trin
    trin = _trin_html(html, f"{p}.overhead.administration")
    (ref,) = resultat.spor[f"{p}.overhead.administration"].regler
    assert ref.parameter == "overhead.administration_pct" and ref.vaerdi == "5,4 %"
    # the rule by its name in the rulebook; its key only behind "Teknisk"
    assert (
        '<span class="etiket">Regel</span> Central ledelse og administration: <strong>5,4 %</strong>' in trin
    )
    foer, teknisk = trin.split('<details class="teknisk">')
    assert "overhead.administration_pct" not in foer and "<code>overhead.administration_pct</code>" in teknisk
    assert f"<code>{p}.overhead.administration</code>" in teknisk
    assert escape(ref.kilde) in trin


def test_anvendte_regler(sekretariat: Client) -> None:
    resultat = _resultat(SOLBAKKEN)
    html = _html(sekretariat, _url(SOLBAKKEN))
    regler = html[html.index('id="regler-titel"') : html.index('id="spor-panel"')]
    for r in resultat.regler_anvendt():
        # the key behind "Teknisk", the rule by its name in the rulebook before it
        teknisk = '<details class="teknisk"><summary>Teknisk</summary><code>' + r.parameter.replace(
            ".", ".<wbr>"
        )
        assert teknisk in regler
        assert r.vaerdi in regler
    assert '<th scope="row">Central ledelse og administration\n' in regler
    assert "Rammeaftale Midtjylland" in regler and "National" in regler
    assert '<span class="maerke antaget">Antaget</span> Taksterne afrundes til hele kroner' in regler


def test_foraeldet_regelvaerdi_vises(
    sekretariat: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule value past its expected update is flagged in the warnings and the rule list."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    takst_yaml = data / "national" / "takst.yaml"
    tekst = takst_yaml.read_text(encoding="utf-8")
    assert "\n  afrunding:\n" in tekst
    takst_yaml.write_text(
        tekst.replace("\n  afrunding:\n", "\n  afrunding:\n    naeste_opdatering: 2010-01-01\n"),
        encoding="utf-8",
    )
    monkeypatch.setattr(takstberegning_services, "gaeldende_regelbog", lambda: Regelbog.indlaes(data))
    html = _html(sekretariat, _url(SOLBAKKEN))
    assert (
        "<li>Afrunding af døgn-, dag- og timetakster: værdien er fra 2007-01-01; en ny værdi var ventet fra"
        " 2010-01-01</li>" in html
    )
    assert '<span class="maerke advarsel">Forældet?</span> Afrunding af døgn-, dag- og timetakster' in html


def test_laeser_kan_se_taksten(demo: None, client: Client) -> None:
    """A reader sees a rate calculation once the year's catalogue is published with the
    operator in it (before, it is the operator's draft)."""
    assert client.login(username="laeser", password="demo1234")
    assert client.get(_url(KILDEN)).status_code == 403
    midt = Rammeaftale.objects.get(kode="midtjylland")
    katalog.offentliggoer(midt, 2018, None)  # Herning, Viborg and the region: Randers is missing
    assert client.get(_url(KILDEN)).status_code == 403
    randers = Driftsherre.objects.get(navn="Randers Kommune")  # Kilden's operator
    Takstindberetning.objects.create(
        driftsherre=randers, aar=2018, status="indsendt", indsendt=timezone.now()
    )
    katalog.offentliggoer(midt, 2018, None)
    assert kr(_resultat(KILDEN).ydelser[0].takst_pr_dag) in _html(client, _url(KILDEN))


# --- JSON, errors and 404 --------------------------------------------------------


def test_json_er_motorens_resultat(sekretariat: Client) -> None:
    svar = sekretariat.get(_url(HEDEGAARDEN) + "spor.json")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/json"
    forventet: dict[str, Any] = json.loads(json.dumps(_resultat(HEDEGAARDEN).til_json()))
    assert svar.json() == forventet
    assert "Pakke 1 – let støtte" in svar.content.decode()  # not \u-escaped


@pytest.mark.parametrize("endelse", ["", "spor.json"])
def test_ukendt_tilbud_eller_aar_giver_404(sekretariat: Client, endelse: str) -> None:
    pk = Tilbud.objects.get(navn=SOLBAKKEN).pk
    assert sekretariat.get(f"/tilbud/{pk}/takst/2017/{endelse}").status_code == 404
    assert sekretariat.get(f"/tilbud/999999/takst/2018/{endelse}").status_code == 404


def test_beregningsfejl_vises_paa_dansk(sekretariat: Client) -> None:
    b = _beregning(SOLBAKKEN)
    grundlag = b.grundlag
    grundlag["ydelser"][0]["regulering"][0]["aar"] = 2012  # too old to carry into 2018
    Takstberegning.objects.filter(pk=b.pk).update(grundlag=grundlag)
    svar = sekretariat.get(_url(SOLBAKKEN))
    assert svar.status_code == 409  # the data do not allow it; not a server fault
    assert "Taksten kunne ikke beregnes" in svar.content.decode()
    assert "kan indregnes i taksterne 2013" in svar.content.decode()
    assert sekretariat.get(_url(SOLBAKKEN) + "spor.json").json()["fejl"]


# --- formatting ------------------------------------------------------------------


def test_dansk_formatering() -> None:
    assert kroner(Decimal("2219")) == "2.219,00 kr."
    assert procent(Decimal("96.70")) == "96,7 %"
    assert procent(Decimal("96.5666666")) == "≈ 96,57 %"
    assert tal(Decimal("8470.920")) == "8.470,92"
    assert tal(365) == "365"
    assert vis(Decimal("-920000.00"), "kr.") == "-920.000,00 kr."
    assert vis(Decimal("23.706"), "kr./time") == "≈ 23,71 kr./time"
    assert vis(Decimal("14000000"), "") == "14.000.000"


def _forklaringer(html: str) -> dict[str, list[str]]:
    m = re.search(r'<script id="spor-forklaringer" type="application/json">(.*?)</script>', html, re.S)
    assert m, "forklaringerne mangler"
    data: dict[str, list[str]] = json.loads(m.group(1))
    return data


def _trin_html(html: str, noegle: str) -> str:
    start = html.index(f'<li class="trin" id="trin-{noegle}"')
    return html[start : html.index("</li>", start)]
