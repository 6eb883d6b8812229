"""The budget editor (`takster:budget`) and the transfer of its rates to the register
(`takster:budget_overfoer`), with real figures.

The figures are the hand-worked case tests/cases/haandregnet_gennemsnitstakst_midtjylland_2018.yaml
(Rammeaftale Midtjylland 2018, 24 døgn places, 2.295 kr. pr. døgn), typed into the form the
Danish way, and seed 004's add-on rate (400 kr. wage per hour → 422 kr. pr. time). The offer
is Bostedet Lærkehøj of Aarhus Kommune, added to the register test data (tests/registerdata.py)
so every role of the access matrix is at hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from registerdata import OFFENTLIGT_AAR, UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.takst import Takstgrundlag, beregn_takst
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog
from socialstyring.web.register.models import (
    Indberetningsstatus,
    Takstberegning,
    Takstenhed,
    Takstindberetning,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takstberegning.forms import praefiks

pytestmark = pytest.mark.django_db

AAR = UDKAST_AAR  # 2018, the year of the hand-worked case
CASE = Path(__file__).parent / "cases" / "haandregnet_gennemsnitstakst_midtjylland_2018.yaml"
BOTILBUD = "Længerevarende botilbud § 108"
LEDSAGELSE = "Socialpædagogisk ledsagelse"


class Verden:
    def __init__(self) -> None:
        self.data: Registerdata = opret_registerdata()
        self.laerkehoej = Tilbud.objects.create(
            navn="Bostedet Lærkehøj", driftsherre=self.data.aarhus, paragraf="SEL § 108"
        )
        self.botilbud = Ydelse.objects.create(
            tilbud=self.laerkehoej, navn=BOTILBUD, pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
        )
        self.ledsagelse = Ydelse.objects.create(
            tilbud=self.laerkehoej, navn=LEDSAGELSE, pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.TIME
        )

    def klient(self, rolle: str) -> Client:
        c = Client()
        c.force_login(self.data.bruger(rolle))
        return c


@pytest.fixture
def verden() -> Verden:
    return Verden()


def _gem_budget(klient: Client, tilbud: Tilbud, data: dict[str, Any], **kw: Any) -> Any:
    """Post the budget form as the user's browser does: with the version of the budget the
    page showed (0 when there was none)."""
    b = Takstberegning.objects.filter(tilbud=tilbud, aar=AAR).first()
    return klient.post(_budget_url(tilbud), {"version": b.version if b else 0, **data}, **kw)


def _budget_url(tilbud: Tilbud, aar: int = AAR) -> str:
    return reverse("takstberegning:budget", args=[tilbud.pk, aar])


def _overfoer_url(tilbud: Tilbud, aar: int = AAR) -> str:
    return reverse("takstberegning:budget_overfoer", args=[tilbud.pk, aar])


def _takst_url(tilbud: Tilbud, aar: int = AAR) -> str:
    return reverse("takstberegning:takst", args=[tilbud.pk, aar])


def haandregnet(ydelse: Ydelse, **aendret: str) -> dict[str, str]:
    """The hand-worked case as typed into the form: Danish thousands and decimals."""
    p = praefiks(ydelse)
    felter = {
        "pladser": "24",
        "budgetteret_pct": "",
        "faktisk1_aar": "2015",
        "faktisk1_pct": "96,1",
        "faktisk2_aar": "2016",
        "faktisk2_pct": "97,3",
        "beloeb_direkte_loen": "14.200.000",
        "note_direkte_loen": "Løn til pædagogisk personale og ledelse",
        "beloeb_oevrig_drift": "1.850.000",
        "beloeb_husleje": "1.320.000",
        "beloeb_afskrivning": "410.000",
        "beloeb_forrentning": "265.000",
        "beloeb_tjenestemandspension": "180.000",
        "beloeb_indtaegt": "120.000",
        "note_indtaegt": "Salg af måltider til personale",
        "reg1_aar": "2016",
        "reg1_resultat": "-1.150.000",
        "reg1_grundlag": "18.400.000",
        **aendret,
    }
    return {f"{p}-{k}": v for k, v in felter.items()}


def _beskeder(svar: Any) -> list[str]:
    return [str(m) for m in get_messages(svar.wsgi_request)]


# --- computing from the budget --------------------------------------------------------------


def test_haandregnet_budget_giver_2295_kr_paa_takstsiden(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    side = d.get(_budget_url(verden.laerkehoej))
    assert side.status_code == 200
    html = side.content.decode()
    assert BOTILBUD in html and LEDSAGELSE in html
    assert f'name="{praefiks(verden.botilbud)}-beloeb_direkte_loen"' in html
    assert f'name="{praefiks(verden.ledsagelse)}-loen_pr_time"' in html
    assert "Direkte lønudgifter" in html  # the cost categories' labels
    # the suggested years of actual occupancy for a 2018 budget: the last closed years
    assert f'name="{praefiks(verden.botilbud)}-faktisk1_aar" value="2015"' in html

    data = {**haandregnet(verden.botilbud), f"{praefiks(verden.ledsagelse)}-loen_pr_time": "400"}
    svar = _gem_budget(d, verden.laerkehoej, data, follow=True)
    assert svar.redirect_chain == [(_takst_url(verden.laerkehoej), 302)]
    html = svar.content.decode()
    assert "2.295,00 kr." in html  # 19.439.405 / 8.470,92 belagte dage = 2.294,84 → hele kroner
    assert "837.675,00 kr." in html  # årspris = 2.295 × 365
    assert "19.439.405,00 kr." in html  # takstberegningsgrundlag
    assert "422,00 kr." in html  # 400 + 5,4 % administration = 421,60 → 422 (seed 004)
    assert "Budgettet er gemt" in html
    assert "Overfør taksterne til takstindberetningen" in html

    # what is stored is the hand-worked case's input (names and notes aside)
    gemt = Takstberegning.objects.get(tilbud=verden.laerkehoej, aar=AAR).takstgrundlag()
    case = laes_case(CASE).input
    assert isinstance(case, Takstgrundlag)
    (y,) = gemt.ydelser
    (cy,) = case.ydelser
    assert y.navn == cy.navn and y.pladser == cy.pladser and y.pladstype == cy.pladstype
    assert [(b.art, b.beloeb) for b in y.budget] == [(b.art, b.beloeb) for b in cy.budget]
    assert y.belaegning == cy.belaegning
    assert y.regulering == cy.regulering
    assert [(t.navn, t.loen_pr_time) for t in gemt.tillaegsydelser] == [(LEDSAGELSE, Decimal(400))]


def test_beregn_opdaterer_den_gemte_beregning(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud))
    _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud, pladser="25"))
    (b,) = Takstberegning.objects.filter(tilbud=verden.laerkehoej, aar=AAR)
    assert b.takstgrundlag().ydelser[0].pladser == Decimal(25)
    # the page is prefilled from it, the Danish way
    html = d.get(_budget_url(verden.laerkehoej)).content.decode()
    p = praefiks(verden.botilbud)
    assert f'name="{p}-beloeb_direkte_loen" value="14.200.000"' in html
    assert f'name="{p}-faktisk2_pct" value="97,3"' in html
    assert f'name="{p}-reg1_resultat" value="-1.150.000"' in html


def test_forkert_beloeb_giver_dansk_fejl_og_gemmer_intet(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    svar = _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud, beloeb_direkte_loen="14,2x"))
    assert svar.status_code == 400
    html = svar.content.decode()
    fejl_id = f"id_{praefiks(verden.botilbud)}-beloeb_direkte_loen-fejl"
    assert f'<p class="feltfejl" id="{fejl_id}">Skriv et tal, fx 2.295,50.</p>' in html
    assert "Intet er gemt." in html
    assert 'value="14,2x"' in html  # what was typed is kept
    assert not Takstberegning.objects.filter(tilbud=verden.laerkehoej).exists()


def test_fejl_i_en_ydelse_gemmer_heller_ikke_de_andre(verden: Verden) -> None:
    """Solhaven has a 2018 calculation; a valid day service next to a døgn service with both
    kinds of occupancy filled in saves nothing at all."""
    d = verden.klient("driftsherre")
    solhaven = verden.data.solhaven
    foer = Takstberegning.objects.get(tilbud=solhaven, aar=AAR).grundlag
    doegn, dag = praefiks(verden.data.botilbud), praefiks(verden.data.dagtilbud)
    svar = _gem_budget(
        d,
        solhaven,
        {
            f"{doegn}-pladser": "20",
            f"{doegn}-budgetteret_pct": "95",
            f"{doegn}-faktisk1_aar": "2015",
            f"{doegn}-faktisk1_pct": "96,1",
            f"{doegn}-beloeb_direkte_loen": "9.800.000",
            f"{dag}-pladser": "9",
            f"{dag}-budgetteret_pct": "90",
            f"{dag}-beloeb_direkte_loen": "1.200.000",
        },
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Udfyld enten den budgetterede belægning eller den faktiske belægning – ikke begge." in html
    assert Takstberegning.objects.get(tilbud=solhaven, aar=AAR).grundlag == foer


def test_motorens_fejl_vises_ved_ydelsen(verden: Verden) -> None:
    """A 2014 deficit cannot be carried into 2018 (at the latest 2 years after): the engine's rule."""
    d = verden.klient("driftsherre")
    svar = _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud, reg1_aar="2014"))
    assert svar.status_code == 400
    html = svar.content.decode()
    assert (
        "Taksten kan ikke beregnes: resultatet for 2014 kan indregnes i taksterne 2015–2016, ikke i 2018"
        in html
    )
    assert not Takstberegning.objects.filter(tilbud=verden.laerkehoej).exists()


def test_tom_formular_beregner_intet(verden: Verden) -> None:
    svar = _gem_budget(verden.klient("driftsherre"), verden.laerkehoej, {})
    assert svar.status_code == 400
    assert "Udfyld budgettet for mindst én ydelse." in svar.content.decode()
    assert not Takstberegning.objects.filter(tilbud=verden.laerkehoej).exists()


def test_flere_linjer_bevares_hver_for_sig_og_pakker_bevares(verden: Verden) -> None:
    """A calculation from a case file: two wage lines (each kept with its own amount and
    text, and an empty third line to add one) and a package service (shown read-only, saved
    unchanged when the rest of the budget is computed)."""
    boern = Ydelse.objects.create(
        tilbud=verden.laerkehoej, navn="Børnehus", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    for pakke in ("Pakke 1", "Pakke 2"):
        Ydelse.objects.create(
            tilbud=verden.laerkehoej,
            navn=f"Børnehus – {pakke}",
            pladstype=Pladstype.DOEGN,
            takstenhed=Takstenhed.DOEGN,
        )
    pakkeydelse = {
        "navn": "Børnehus",
        "pladstype": "doegn",
        "pladser": "6",
        "budget": [{"art": "direkte_loen", "beloeb": "3000000"}],
        "belaegning": {"budgetteret_pct": "95"},
        "pakker": [
            {"navn": "Pakke 1", "pladser": "4", "budget": [{"art": "direkte_loen", "beloeb": "400000"}]},
            {"navn": "Pakke 2", "pladser": "2", "budget": [{"art": "direkte_loen", "beloeb": "500000"}]},
        ],
    }
    b = Takstberegning(tilbud=verden.laerkehoej, aar=AAR)
    b.saet_grundlag(
        {
            "tilbud": "Bostedet Lærkehøj",
            "region": "midtjylland",
            "aar": AAR,
            "ydelser": [
                {
                    "navn": BOTILBUD,
                    "pladstype": "doegn",
                    "pladser": "24",
                    "budget": [
                        {"art": "direkte_loen", "beloeb": "10000000", "tekst": "Pædagoger"},
                        {"art": "direkte_loen", "beloeb": "4200000", "tekst": "Ledelse"},
                    ],
                    "belaegning": {"budgetteret_pct": "96"},
                },
                pakkeydelse,
            ],
        }
    )
    b.save()
    d = verden.klient("driftsherre")
    html = d.get(_budget_url(verden.laerkehoej)).content.decode()
    p = praefiks(verden.botilbud)
    assert f'name="{p}-beloeb_direkte_loen" value="10.000.000"' in html
    assert f'name="{p}-note_direkte_loen" value="Pædagoger"' in html
    assert f'name="{p}-beloeb_direkte_loen_2" value="4.200.000"' in html
    assert f'name="{p}-note_direkte_loen_2" value="Ledelse"' in html
    assert f'name="{p}-beloeb_direkte_loen_3"' in html and f'name="{p}-beloeb_direkte_loen_4"' not in html
    assert 'value="14.200.000"' not in html and "lagt sammen" not in html
    assert "Pakkestrukturer redigeres i sagsfilformatet" in html
    assert "Registerets ydelser: Børnehus, Børnehus – Pakke 1, Børnehus – Pakke 2." in html
    assert f'name="{praefiks(boern)}-pladser"' not in html  # no form for the package service

    svar = _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud))
    assert svar.status_code == 302
    gemt = Takstberegning.objects.get(pk=b.pk).takstgrundlag()
    assert [y.navn for y in gemt.ydelser] == [BOTILBUD, "Børnehus"]
    assert gemt.ydelser[1].model_dump(mode="json") == Takstgrundlag.model_validate(
        {"tilbud": "x", "region": "midtjylland", "aar": AAR, "ydelser": [pakkeydelse]}
    ).ydelser[0].model_dump(mode="json")

    # each package's total price goes to its register service "Børnehus – Pakke N"
    resultat = beregn_takst(gemt, regelbog())
    d.post(_overfoer_url(verden.laerkehoej))
    for pt in resultat.ydelser[1].pakker:
        ya = Ydelsesaar.objects.get(ydelse__navn=f"Børnehus – {pt.navn}", aar=AAR)
        assert (ya.takst, ya.pladser, ya.takstberegning_id) == (pt.takst_pr_dag, pt.pladser, b.pk)


# --- transfer to the register -----------------------------------------------------------------


def test_overfoer_saetter_takst_kilde_og_beregning(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    data = {**haandregnet(verden.botilbud), f"{praefiks(verden.ledsagelse)}-loen_pr_time": "400"}
    _gem_budget(d, verden.laerkehoej, data)
    beregning = Takstberegning.objects.get(tilbud=verden.laerkehoej, aar=AAR)

    svar = d.post(_overfoer_url(verden.laerkehoej), follow=True)
    assert svar.redirect_chain == [(_takst_url(verden.laerkehoej), 302)]
    html = svar.content.decode()
    assert "Taksterne er overført til takstindberetningen for 2018" in html
    assert "Takstindberetningen for 2018 har taksterne fra denne beregning." in html

    ya = Ydelsesaar.objects.get(ydelse=verden.botilbud, aar=AAR)
    assert ya.takst == Decimal("2295")
    assert ya.takst_kilde == TakstKilde.BEREGNET
    assert ya.takstberegning == beregning
    assert ya.pladser == Decimal(24)
    assert ya.budgetteret_belaegning_pct == Decimal("96.7")  # (96,1 + 97,3) / 2
    assert ya.kilde_tekst == "Beregnet af budgettet (takstberegningen for 2018)"
    tillaeg = Ydelsesaar.objects.get(ydelse=verden.ledsagelse, aar=AAR)
    assert (tillaeg.takst, tillaeg.takst_kilde, tillaeg.takstberegning) == (
        Decimal(422),
        TakstKilde.BEREGNET,
        beregning,
    )
    # the history records who did it
    historik = ya.history.order_by("-history_id").first()
    assert historik is not None and historik.history_user == verden.data.bruger("driftsherre")
    # the report is now a draft of the operator's (it was not started)
    assert Takstindberetning.objects.get(driftsherre=verden.data.aarhus, aar=AAR).status == "udkast"

    # a second transfer changes nothing and writes no history
    antal = ya.history.count()
    svar = d.post(_overfoer_url(verden.laerkehoej))
    assert "svarer allerede til beregningen" in " ".join(_beskeder(svar))
    assert ya.history.count() == antal


def test_overfoer_erstatter_indtastet_takst(verden: Verden) -> None:
    """Solhaven's day service had an entered rate; once budgeted its rate is the engine's."""
    data = verden.data
    d = verden.klient("sekretariat")
    p = praefiks(data.dagtilbud)
    svar = _gem_budget(
        d,
        data.solhaven,
        {f"{p}-pladser": "9", f"{p}-budgetteret_pct": "90", f"{p}-beloeb_direkte_loen": "1.200.000"},
    )
    assert svar.status_code == 302
    d.post(_overfoer_url(data.solhaven))
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=AAR)
    assert ya.takst_kilde == TakstKilde.BEREGNET and ya.takstberegning == data.beregning_2018
    # 1.200.000 + 6,1 % overhead = 1.273.200; / (9 × 365 × 90 %) = 430,64 → 431 kr. pr. dag
    assert ya.takst == Decimal(431)
    # the døgn service is no longer in the budget: its rate stays, now as entered
    botilbud = Ydelsesaar.objects.get(pk=data.botilbud_2018.pk)
    assert botilbud.takst == Decimal("1811.00")
    assert botilbud.takst_kilde == TakstKilde.INDTASTET and botilbud.takstberegning is None


def test_overfoer_afvises_efter_indsendelse(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud))
    d.post(_overfoer_url(verden.laerkehoej))
    Takstindberetning.objects.filter(driftsherre=verden.data.aarhus, aar=AAR).update(
        status=Indberetningsstatus.INDSENDT
    )
    # a new budget is refused too (the submitted rates point to this calculation)
    foer = Takstberegning.objects.get(tilbud=verden.laerkehoej, aar=AAR).grundlag
    svar = _gem_budget(d, verden.laerkehoej, haandregnet(verden.botilbud, pladser="30"))
    assert svar.status_code == 302
    assert "Takstindberetningen for 2018 er indsendt" in " ".join(_beskeder(svar))
    assert Takstberegning.objects.get(tilbud=verden.laerkehoej, aar=AAR).grundlag == foer

    Ydelsesaar.objects.filter(ydelse=verden.botilbud, aar=AAR).update(takst=Decimal(2000))
    historik = Ydelsesaar.history.count()
    svar = d.post(_overfoer_url(verden.laerkehoej), follow=True)
    assert svar.redirect_chain == [(_takst_url(verden.laerkehoej), 302)]
    html = svar.content.decode()
    assert "Takstindberetningen for 2018 er indsendt, så taksterne kan ikke overføres." in html
    assert 'action="' + _overfoer_url(verden.laerkehoej) + '"' not in html  # no button while locked
    assert Ydelsesaar.objects.get(ydelse=verden.botilbud, aar=AAR).takst == Decimal(2000)
    assert Ydelsesaar.history.count() == historik


# --- who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rolle", "status"),
    [("driftsherre_anden", 403), ("laeser", 403), ("sekretariat_anden", 404), ("sekretariat", 200)],
)
def test_adgang_til_budgettet(verden: Verden, rolle: str, status: int) -> None:
    c = verden.klient(rolle)
    assert c.get(_budget_url(verden.laerkehoej)).status_code == status
    svar = _gem_budget(c, verden.laerkehoej, haandregnet(verden.botilbud))
    assert svar.status_code == (302 if status == 200 else status)
    if status != 200:
        assert not Takstberegning.objects.filter(tilbud=verden.laerkehoej).exists()
        svar = c.post(_overfoer_url(verden.data.solhaven))
        assert svar.status_code == status
        assert Ydelsesaar.objects.get(pk=verden.data.botilbud_2018.pk).takst == Decimal("1811.00")


def test_ukendt_aar_og_tilbud(verden: Verden) -> None:
    c = verden.klient("driftsherre")
    assert c.get(_budget_url(verden.laerkehoej, 1999)).status_code == 404
    assert c.get(reverse("takstberegning:budget", args=[999_999, AAR])).status_code == 404
    # no calculation yet: nothing to transfer
    assert c.post(_overfoer_url(verden.laerkehoej)).status_code == 404


def test_knappen_paa_takstsiden_kun_for_dem_der_maa_redigere(verden: Verden) -> None:
    url = _takst_url(verden.data.solhaven, OFFENTLIGT_AAR)  # published: every role sees the rate
    for rolle, ser in (
        ("driftsherre", True),
        ("sekretariat", True),
        ("driftsherre_anden", False),
        ("laeser", False),
    ):
        html = verden.klient(rolle).get(url).content.decode()
        assert ("Budget og takstindberetning" in html) is ser, rolle
        assert ("Rediger budget" in html) is ser, rolle
        # published: built from Aarhus' approved report, which locks the year's rates
        assert "Overfør taksterne til takstindberetningen" not in html, rolle
