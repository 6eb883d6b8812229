"""A social supervision year's rate basis entered on the page (`socialtilsyn:takstgrundlag`):
base rates, the 50+ add-on, offers, municipalities, published and last year's figures.

Figures: Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 (DASSOS-møde
15. august 2018, bilag 2), as the worked cases tests/cases/socialtilsyn_midt_2018_seed004.yaml
and …_2019_seed004.yaml hold them (seed 004's tables socialtilsyn_midt_takster_2018_2019.csv and
socialtilsyn_midt_objektiv_finansiering_2018_2019.csv). The cases' `forklaring` works out the
unrounded base rates (not printed: 2019 tilsyn 33.794,67, ny godkendelse 22.460,00, væsentlig
ændring 6.166,20, 50+ add-on 48.826; 2018 32.845,20 / 22.107,60 / 6.090,60) from which every
printed group rate rounds:

- 2019, section 6: tilsyn 33.795 / 40.554 / 67.589 / 150.210 kr. (1–7 / 8–24 / 25–49 / 50+),
  ny godkendelse 22.460 / 26.952 / 44.920 / 67.380, væsentlig ændring 6.166 / 7.399 / 12.332 /
  18.499, skærpet tilsyn 3.379 / 4.055 / 6.759 / 15.021 a month; the printed overhead 2,7 mio. kr.
  is 5,7 % of 47,4; section 7: 50+ rises 49,5 % in fixed prices; section 8: −23,8 % against the
  five units' average 8.096 kr. for væsentlig ændring.
- 2018, bilag 1: tilsyn 32.845 / 39.414 / 65.690 / 98.536; the 19 municipalities' objective
  financing rows sum to 27.319.290 kr. against the printed total 27.319.289 kr.

A year typed in from empty (budget page, then this page) must show what the demo's year shows.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from socialstyring.beregning.socialtilsyn import Socialtilsynsgrundlag
from socialstyring.web.befolkning.models import Befolkning
from socialstyring.web.faelles.felter import CPR_FEJL, STYRETEGN_FEJL
from socialstyring.web.register.models import Brugerprofil, Driftsherre, Kommune, Rammeaftale, Rolle
from socialstyring.web.socialtilsyn import selectors
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed
from socialstyring.web.socialtilsyn.takstform import takstgrundlag, til_felter

CASES = Path(__file__).parent / "cases"

KILDE_2019 = (
    "Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 "
    "(DASSOS-møde 15. august 2018, bilag 2)"
)
KILDE_2018 = (
    "Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019, bilag 1 "
    "(DASSOS-møde 15. august 2018, bilag 2)"
)
GNS = "Gennemsnit af de 5 socialtilsyn (foreløbige takster 2019)"

BUDGET = {
    2018: {"aarsvaerk": "72,9", "gennemsnitsloen": "549.000", "objektiv_finansiering": "27.319.289"},
    2019: {
        "aarsvaerk": "73,3",
        "gennemsnitsloen": "546.000",
        "objektiv_finansiering": "27.260.156",
        "udgifter": "Øvrige personaleudgifter (forsikring, kurser, kørsel); 2.078.200\n"
        "Grundkurser plejefamilier; 1.300.000; plejefamilier\n"
        "Kontorhold, møder mv.; 900.000\nHusleje; 1.100.000\nRengøring mv.; 200.000\n"
        "El, vand og varme; 200.000\nTeknologileje og it-udgifter; 1.600.000",
        "andre_enheder": f"{GNS}; tilsyn.1_7; 33.366; gennemsnit\n{GNS}; vaesentlig_aendring.1_7; 8.096; gennemsnit",
    },
}
"""The budget page's fields as a user types them (the cases' inputs, section 5 of the note)."""

KOMMUNER_2018 = """Faaborg-Midtfyn; 1.086.298
Favrskov; 1.225.027
Hedensted; 1.102.369
Horsens; 1.987.519
Norddjurs; 715.627
Odder; 500.690
Randers; 2.073.058
Samsø; 57.026
Skanderborg; 1.582.218
Syddjurs; 876.026
Aarhus; 6.523.695
Herning; 1.998.095
Holstebro; 1.315.750
Ikast-Brande; 956.278
Lemvig; 401.776
Ringkøbing-Skjern; 1.293.355
Skive; 967.476
Struer; 445.012
Viborg; 2.211.995"""
"""Bilag 1's objective financing 2018 per municipality (seed 004's table), as typed."""

GRUNDTAKSTER_2019 = "tilsyn; 33.794,67\nny_godkendelse; 22.460,00\nvaesentlig_aendring; 6.166,20"

TAKSTGRUNDLAG = {
    2018: {
        "grundtakster": "tilsyn; 32.845,20\nny_godkendelse; 22.107,60\nvaesentlig_aendring; 6.090,60",
        "off_kilde": KILDE_2018,
        "off_kommuner": KOMMUNER_2018,
        "off_objektiv_total": "27.319.289",
    },
    2019: {
        "grundtakster": GRUNDTAKSTER_2019,
        "tillaeg_50_plus_pr_tilbud": "48.826",
        "off_kilde": KILDE_2019,
        "off_takster": "tilsyn; 33.795; 40.554; 67.589; 150.210\n"
        "ny_godkendelse; 22.460; 26.952; 44.920; 67.380\n"
        "vaesentlig_aendring; 6.166; 7.399; 12.332; 18.499\n"
        "skaerpet; 3.379; 4.055; 6.759; 15.021",
        "off_driftsbudget": "47.400.000",
        "off_overhead": "2.700.000",
        "off_udgifter_i_alt": "50.100.000",
        "off_objektiv_finansiering": "27.300.000",
        "off_takstfinansiering": "22.800.000",
        "off_praecision": "100.000",
        "forrige_takster": "tilsyn; 32.845; 39.414; 65.690; 98.536",
        "forrige_objektiv_finansiering": "27.319.289",
    },
}
"""This page's fields as a user types them (the cases' inputs)."""


class _Formular(HTMLParser):
    """The fields of the page's form with the values the page shows (inputs and text areas)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.i_form = form_id, False
        self.felter: dict[str, str] = {}
        self._tekst: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.i_form = a.get("id") == self.form_id
        elif self.i_form and tag == "input" and a.get("name") and a.get("type") != "submit":
            self.felter[str(a["name"])] = a.get("value") or ""
        elif self.i_form and tag == "textarea":
            self._tekst = str(a["name"])
            self.felter[self._tekst] = ""

    def handle_data(self, data: str) -> None:
        if self._tekst is not None:
            self.felter[self._tekst] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._tekst = None
        elif tag == "form":
            self.i_form = False


def _side(c: Client, url: str, form_id: str) -> dict[str, str]:
    svar = c.get(url)
    assert svar.status_code == 200, svar.status_code
    p = _Formular(form_id)
    p.feed(svar.content.decode())
    felter = p.felter
    felter.pop("csrfmiddlewaretoken", None)
    return {k: v.removeprefix("\n") for k, v in felter.items()}  # a text area's first line break is markup


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _midt() -> Tilsynsenhed:
    return Tilsynsenhed.objects.get(navn="Socialtilsyn Midt")


def _url(navn: str, e: Tilsynsenhed, aar: int) -> str:
    return reverse(f"socialtilsyn:{navn}", args=[e.pk, aar])


def _tabeller(html: str) -> dict[str, str]:
    return dict(re.findall(r'<table class="tabel" id="([\w-]+)">(.*?)</table>', html, re.S))


def _silkeborg() -> Client:
    """A member of the host's staff (Silkeborg Kommune; the demo has no such user)."""
    e = _midt()
    u = User.objects.create(username="silkeborg")
    Brugerprofil.objects.create(
        bruger=u, rolle=Rolle.DRIFTSHERRE, rammeaftale=e.driftsherre.rammeaftale, driftsherre=e.driftsherre
    )
    return _klient("silkeborg")


def _ny_enhed() -> Tilsynsenhed:
    return Tilsynsenhed.objects.create(
        navn="Socialtilsyn Midt (indtastet)", driftsherre=Driftsherre.objects.get(navn="Silkeborg Kommune")
    )


def _indtast(c: Client, e: Tilsynsenhed, aar: int, takstgrundlag: dict[str, str]) -> None:
    """Type a year in from empty: the budget page, then the rate basis page."""
    data = _side(c, _url("rediger", e, aar), "aarsform")
    svar = c.post(_url("rediger", e, aar), {**data, **BUDGET[aar]})
    assert svar.status_code == 302, svar.content.decode()[:3000]
    data = _side(c, _url("takstgrundlag", e, aar), "takstgrundlagform")
    assert data["grundtakster"] == "" and data["version"] == "1"
    svar = c.post(_url("takstgrundlag", e, aar), {**data, **takstgrundlag})
    assert svar.status_code == 302, svar.content.decode()[:3000]


@pytest.mark.parametrize("aar", [2018, 2019])
def test_aar_indtastet_paa_siden_viser_det_samme_som_demoen(demo: None, aar: int) -> None:
    """The year typed in from empty is the case's input, field by field, and its page shows the
    demo year's tables (budget, rates, municipalities, published, development, other units)."""
    c = _silkeborg()
    e = _ny_enhed()
    _indtast(c, e, aar, TAKSTGRUNDLAG[aar])
    case = yaml.safe_load((CASES / f"socialtilsyn_midt_{aar}_seed004.yaml").read_text(encoding="utf-8"))
    forventet = Socialtilsynsgrundlag.model_validate({**case["input"], "enhed": e.navn})
    assert selectors.grundlag(e.aarene.get(aar=aar)) == forventet
    html = c.get(_url("aar", e, aar)).content.decode()
    demo_html = c.get(_url("aar", _midt(), aar)).content.decode()
    tabeller = _tabeller(html)
    assert tabeller == _tabeller(demo_html)
    assert {"budget", "takster", "sammenholdt"} <= set(tabeller)
    assert 'id="mangler-befolkning"' in html and "Viborg" in html  # no 0–17 counts: said, not guessed
    if aar == 2019:
        for tal in ("33.795,00", "40.554,00", "67.589,00", "150.210,00"):  # tilsyn
            assert tal in tabeller["takster"], tal
        for tal in ("22.460,00", "26.952,00", "44.920,00", "67.380,00"):  # ny godkendelse
            assert tal in tabeller["takster"], tal
        for tal in ("6.166,00", "7.399,00", "12.332,00", "18.499,00"):  # væsentlig ændring
            assert tal in tabeller["takster"], tal
        for tal in ("3.379,00", "4.055,00", "6.759,00", "15.021,00"):  # skærpet tilsyn
            assert tal in tabeller["takster"], tal
        assert "Det trykte beløb er 5,7 % af driftsbudgettet" in tabeller["sammenholdt"]
        assert "49,5 %" in tabeller["udvikling"] and "-23,8 %" in tabeller["andre"]
    else:
        for tal in ("32.845,00", "39.414,00", "65.690,00", "98.536,00"):
            assert tal in tabeller["takster"], tal
        assert "Rækkerne summerer til 27.319.290 kr." in tabeller["sammenholdt"]


def test_kommunernes_fordeling_og_tilbuddenes_takster(demo: None) -> None:
    """Worked by hand on 2019 typed in from empty (base rates as the demo's):

    Municipalities Randers, Favrskov and Syddjurs, counted in 2018 (the rulebook counts the year
    before): first without counts (the page names the three), then with 20.000, 10.000 and
    10.000 0–17-year-olds (test figures): 27.260.156 kr. × 2/4 = 13.630.078, × 1/4 = 6.815.039.

    Offers: Bostedet Lærken, 12 places → 8–24 places: 40.554 kr.; intensified supervision
    15-01-2019–14-03-2019 = 2 started months × 4.055 = 8.110 kr.; in all 48.664 kr.
    Behandlingsstedet Åen, 40 citizens a year ÷ 10 per place = 4 places → 1–7: 33.795 kr.; 12
    extra hours at the unit's cost per hour 49.959.600 ÷ (73,3 × 1.924) = 354,25 kr. → 4.251 kr.;
    in all 38.046 kr."""
    c = _klient("sekretariat")
    e = _ny_enhed()
    tilbud = "Bostedet Lærken; pladser; 12; ; 15-01-2019; 14-03-2019\nBehandlingsstedet Åen; borgere; 40; 12"
    _indtast(c, e, 2019, {**TAKSTGRUNDLAG[2019], "kommuner": "Randers\nfavrskov\nSyddjurs", "tilbud": tilbud})
    r = e.aarene.get(aar=2019)
    assert selectors.takstgrundlag(r).kommuner == ("Randers", "Favrskov", "Syddjurs")  # the register's name
    html = c.get(_url("aar", e, 2019)).content.decode()
    assert re.search(
        r'id="mangler-befolkning">[^<]*i 2018[^<]*mangler for 3: Randers, Favrskov, Syddjurs', html
    )
    for navn, antal in (("Randers", 20_000), ("Favrskov", 10_000), ("Syddjurs", 10_000)):
        Befolkning.objects.create(
            kommune=Kommune.objects.get(navn=navn), aar=2018, aldersgruppe="0-17", antal=antal
        )
    html = c.get(_url("aar", e, 2019)).content.decode()
    kommuner = _tabeller(html)["kommuner"]
    assert re.search(r"Randers</th><td[^>]*>.*?13\.630\.078,00", kommuner, re.S)
    assert re.search(r"Favrskov</th><td[^>]*>.*?6\.815\.039,00", kommuner, re.S)
    assert re.search(r"Syddjurs</th><td[^>]*>.*?6\.815\.039,00", kommuner, re.S)
    tilbudstabel = _tabeller(html)["tilbud"]
    laerken = re.search(r"Bostedet Lærken</th>(.*?)</tr>", tilbudstabel, re.S)
    aaen = re.search(r"Behandlingsstedet Åen</th>(.*?)</tr>", tilbudstabel, re.S)
    assert laerken and aaen
    for tal in ("8–24 pladser", "40.554,00", ">2<", "8.110,00", "48.664,00"):
        assert tal in laerken[1], tal
    for tal in ("1–7 pladser", "33.795,00", "4.251,00", "38.046,00"):
        assert tal in aaen[1], tal


@pytest.mark.parametrize("aar", [2018, 2019])
def test_uaendret_side_gemmer_intet(demo: None, aar: int) -> None:
    """The page shows the stored basis exactly: read back, it is the stored one, and posting it
    unchanged writes nothing."""
    r = _midt().aarene.get(aar=aar)
    t = selectors.takstgrundlag(r)
    assert takstgrundlag(til_felter(t), aar) == t
    c = _klient("sekretariat")
    url = _url("takstgrundlag", _midt(), aar)
    data = _side(c, url, "takstgrundlagform")
    assert c.post(url, data).status_code == 302
    assert Tilsynsaar.objects.get(pk=r.pk).version == r.version


def test_en_rettelse_gemmes_med_historik(demo: None) -> None:
    """Base rate for tilsyn 33.794,67 → 34.000: 1–7 = 34.000; 8–24 = 34.000 × 1,2 = 40.800;
    50+ = 3 × 34.000 + 48.826 = 150.826 kr. The published 33.795 is now 205 kr. off."""
    e = _midt()
    r = e.aarene.get(aar=2019)
    c = _silkeborg()
    url = _url("takstgrundlag", e, 2019)
    data = _side(c, url, "takstgrundlagform")
    assert data["grundtakster"] == GRUNDTAKSTER_2019
    svar = c.post(url, {**data, "grundtakster": data["grundtakster"].replace("33.794,67", "34.000")})
    assert svar.status_code == 302
    r2 = Tilsynsaar.objects.get(pk=r.pk)
    assert r2.version == r.version + 1
    h = r2.history.order_by("-history_date").first()
    assert h is not None and h.history_user is not None and h.history_user.username == "silkeborg"
    assert h.history_change_reason == "Takstgrundlag: Grundtakster"
    html = c.get(_url("aar", e, 2019)).content.decode()
    takster = _tabeller(html)["takster"]
    assert "34.000,00" in takster and "40.800,00" in takster and "150.826,00" in takster
    assert "Afviger med -205 kr." in _tabeller(html)["sammenholdt"]


@pytest.mark.parametrize(
    ("felt", "tekst", "fejl"),
    [
        ("grundtakster", GRUNDTAKSTER_2019.replace("22.460,00", "mange"), "Linje 2: grundtaksten:"),
        ("grundtakster", "tilsyn; 33.794,67\nomsorg; 1.000", "Linje 2: skriv taksttype; grundtakst"),
        ("grundtakster", "tilsyn; 0", "Linje 1: grundtaksten skal være over 0."),
        ("grundtakster", "tilsyn; 33.794,67\n\ntilsyn; 34.000", "Linje 3: tilsyn står også i linje 1."),
        ("tilbud", "Lærken; pladser; 12\nÅen; senge; 4", "Linje 2: skriv navn; pladser eller borgere"),
        (
            "tilbud",
            "Lærken; pladser; 12; ; 15-01-2019; 31-02-2019",
            "Linje 1: skærpet tilsyn til: skriv en dato",
        ),
        (
            "tilbud",
            "Lærken; pladser; 12; ; 15-03-2019; 14-01-2019",
            "Linje 1: Lærken: skærpet tilsyn slutter før det begynder.",
        ),
        ("tilbud", "Lærken; pladser; 12\nBo 010190-1234; pladser; 4", f"Linje 2: {CPR_FEJL}"),
        ("tilbud", "Lærken; pladser; 12\x0b4", STYRETEGN_FEJL),
        ("kommuner", "Randers\nRandrs", "Linje 2: kommunen »Randrs« findes ikke i registret."),
        ("off_kommuner", "Randers; 2.073.058\nFavrskov; en million", "Linje 2: beløbet:"),
        ("off_takster", "tilsyn; 33.795; 40.554; 67.589", "Linje 1: skriv tilsyn eller ny_godkendelse"),
        ("off_takster", "skaerpet; -; -; -; -", "Linje 1: skriv mindst ét beløb."),
        ("forrige_takster", "skaerpet; 3.285; 3.941; 6.569; 9.854", "Linje 1: skriv tilsyn eller"),
        ("off_kilde", "", "Skriv, hvor de offentliggjorte tal stammer fra"),
        ("off_kilde", "Notat om 010190-1234", CPR_FEJL),
        ("tillaeg_50_plus_budget", "1.800.000", "Angiv tillægget for 50+ enten pr. tilbud eller som budget"),
    ],
)
def test_forkerte_linjer_afvises_og_intet_gemmes(demo: None, felt: str, tekst: str, fejl: str) -> None:
    e = _midt()
    r = e.aarene.get(aar=2019)
    c = _klient("sekretariat")
    url = _url("takstgrundlag", e, 2019)
    svar = c.post(url, {**_side(c, url, "takstgrundlagform"), felt: tekst})
    assert svar.status_code == 400
    assert fejl in svar.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    gemt = Tilsynsaar.objects.get(pk=r.pk)
    assert gemt.version == r.version and gemt.takstgrundlag == r.takstgrundlag


def test_motoren_afviser_og_intet_gemmes(demo: None) -> None:
    """A budget for the 50+ add-on needs the number of 50+ offers in the base (the base rate is
    entered, not a budget and counts): the engine refuses, in its words."""
    e = _midt()
    r = e.aarene.get(aar=2019)
    c = _klient("sekretariat")
    url = _url("takstgrundlag", e, 2019)
    data = {
        **_side(c, url, "takstgrundlagform"),
        "tillaeg_50_plus_pr_tilbud": "",
        "tillaeg_50_plus_budget": "1.800.000",
    }
    svar = c.post(url, data)
    assert svar.status_code == 400
    assert (
        "Tallene kan ikke beregnes: tillægsbudgettet for 50+ kræver antal tilbud med 50+ pladser"
        in svar.content.decode()
    )
    assert Tilsynsaar.objects.get(pk=r.pk).takstgrundlag == r.takstgrundlag


def test_foraeldet_side_afvises(demo: None) -> None:
    """Two pages opened at the same version: the first save wins, the second is refused with
    what changed, and nothing of it is written."""
    e = _midt()
    c = _klient("sekretariat")
    url = _url("takstgrundlag", e, 2019)
    data = _side(c, url, "takstgrundlagform")
    foerste = {**data, "grundtakster": GRUNDTAKSTER_2019.replace("33.794,67", "34.000")}
    anden = {**data, "tillaeg_50_plus_pr_tilbud": "50.000"}
    assert c.post(url, foerste).status_code == 302
    svar = c.post(url, anden, follow=True)
    html = svar.content.decode()
    assert "Intet er gemt" in html and "du så 48.826 og skrev 50.000" in html
    t = selectors.takstgrundlag(e.aarene.get(aar=2019))
    assert t.tillaeg_50_plus_pr_tilbud == 48826 and t.grundtakster[0].grundtakst == 34000


def test_budgetsiden_foraelder_ogsaa_takstsiden(demo: None) -> None:
    """A budget save after the rate basis page was opened makes that page stale too (one
    record, one version)."""
    e = _midt()
    c = _klient("sekretariat")
    url = _url("takstgrundlag", e, 2019)
    data = _side(c, url, "takstgrundlagform")
    budget = _side(c, _url("rediger", e, 2019), "aarsform")
    assert c.post(_url("rediger", e, 2019), {**budget, "gennemsnitsloen": "556.000"}).status_code == 302
    assert c.post(url, {**data, "tillaeg_50_plus_pr_tilbud": "50.000"}).status_code == 302  # back to the page
    assert selectors.takstgrundlag(e.aarene.get(aar=2019)).tillaeg_50_plus_pr_tilbud == 48826


def test_anden_aftale_faar_404(demo: None) -> None:
    e = _midt()
    u = User.objects.create(username="syd_sekretariat")
    Brugerprofil.objects.create(
        bruger=u, rolle=Rolle.SEKRETARIAT, rammeaftale=Rammeaftale.objects.get(kode="syddanmark")
    )
    c = _klient("syd_sekretariat")
    assert c.get(_url("takstgrundlag", e, 2019)).status_code == 404
    assert c.post(_url("takstgrundlag", e, 2019), {"grundtakster": "tilsyn; 1"}).status_code == 404


def test_aar_uden_tal_faar_404(demo: None) -> None:
    assert _klient("sekretariat").get(_url("takstgrundlag", _midt(), 2030)).status_code == 404


@pytest.mark.parametrize("bruger", ["laeser", "randers_kommune", "aarhus"])
def test_laesere_og_andre_driftsherrer_kan_ikke_rette(demo: None, bruger: str) -> None:
    e = _midt()
    r = e.aarene.get(aar=2019)
    data = _side(_klient("sekretariat"), _url("takstgrundlag", e, 2019), "takstgrundlagform")
    c = _klient(bruger)
    assert c.get(_url("takstgrundlag", e, 2019)).status_code == 403
    svar = c.post(_url("takstgrundlag", e, 2019), {**data, "tillaeg_50_plus_pr_tilbud": "1"})
    assert svar.status_code == 403
    assert Tilsynsaar.objects.get(pk=r.pk).version == r.version
    assert 'id="ret-takstgrundlag"' not in c.get(_url("aar", e, 2019)).content.decode()
