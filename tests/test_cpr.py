"""CPR numbers (personnumre) in free text are refused (issue 9, point 13).

Socialstyring holds figures about offers, never about persons, so a justification, a note, a
source or a name must not carry a citizen's identifier. `faelles.felter.ingen_cpr` recognises
one with python-stdnum's `dk.cpr`: ten digits, with or without a hyphen or a space after the
sixth, whose first six digits are a valid date DDMMYY (the century from the seventh digit);
the modulus-11 check is not required (numbers issued since 2007 need not pass it).

It sits on every free-text model field (so a service's `full_clean` refuses it too), on the
plain forms' text fields, in the services that save without a form's model (an in-year
change, a manual category) and on the rate calculation's budget-line notes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata, takstgrundlag
from test_excel_web import Data as ExcelData
from test_excel_web import _fejlliste, _hent, _ret, _send, _tilstand
from test_excel_web import _klient as _excelklient
from test_excel_web import d as d  # the rate report's Excel objects (fixture)

from socialstyring.beregning.aendring import Aendringsgrundlag
from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.aendringer import services as aendringer
from socialstyring.web.aendringer.forms import AendringForm
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.faelles.felter import CPR_FEJL, indeholder_cpr, ingen_cpr
from socialstyring.web.indberetning.forms import YdelsesaarForm
from socialstyring.web.kategori import services as kategori
from socialstyring.web.kategori.forms import KategoriForm
from socialstyring.web.lukning.forms import LukningForm
from socialstyring.web.register.models import Kategorisering, Takstberegning, Tilbud
from socialstyring.web.regnskab.forms import RegnskabForm
from socialstyring.web.takstberegning.forms import PladsydelseForm

BORGER = "Borger 010190-1234 er flyttet"
KUN_CIFRE = "0101901234"
ALMINDELIG = "Takst 2019: 1.234.567 kr."
TELEFON = "Ring på 86 12 34 56"
AFVIST = (BORGER, KUN_CIFRE)
GODKENDT = (ALMINDELIG, TELEFON)


# --- recognising a CPR number -----------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "er_cpr"),
    [
        (BORGER, True),  # 1 January 1990 (7th digit 1: 19xx), hyphen
        (KUN_CIFRE, True),  # the same without a hyphen
        ("Borger 010190 1234", True),  # with a space
        ("010190–1234", True),  # with an en dash, as a word processor writes it
        ("Nr. 2110625629.", True),  # stdnum's own example (21 October 1962), inside a sentence
        (
            "0101901235",
            True,
        ),  # modulus 11 fails (4·0+3·1+2·0+7·1+6·9+5·0+4·1+3·2+2·3+1·5 = 85 ≡ 8): still a CPR
        ("290204-4000", True),  # 29 February 2004 (7th digit 4, year 04 < 37: 20xx, a leap year)
        ("０１０１９０-１２３４", True),  # full-width digits
        ("٠١٠١٩٠١٢٣٤", True),  # Arabic-Indic digits
        (ALMINDELIG, False),
        (TELEFON, False),  # eight digits
        ("320190-1234", False),  # no 32nd day
        ("011390-1234", False),  # no 13th month
        ("290200-1234", False),  # 29 February 1900 (7th digit 1: 19xx) did not exist
        ("12345678901", False),  # eleven digits: no CPR
        ("Konto 12340101901234", False),  # ten digits inside a longer run of digits
        ("EAN 5790000123456", False),
        ("", False),
    ],
)
def test_genkender_cpr(tekst: str, er_cpr: bool) -> None:
    assert indeholder_cpr(tekst) is er_cpr


def test_fejlbeskeden_siger_hvorfor() -> None:
    with pytest.raises(ValidationError) as fejl:
        ingen_cpr(BORGER)
    assert fejl.value.messages == [
        "Feltet ser ud til at indeholde et CPR-nummer (personnummer). Personnumre må ikke skrives i"
        " Socialstyring, som handler om tilbud og ikke om enkelte borgere. Fjern nummeret."
    ]
    ingen_cpr(ALMINDELIG)  # no error


# --- every free-text model field --------------------------------------------------------

UNDTAGET = {
    # the e-mail addresses a reminder was sent to, written by the system from the users' accounts
    "indberetning.Paamindelse.modtagere",
    # a function number of the chart of accounts, d.dd.dd: its pattern refuses any other text
    "benchmark.Regnskabstal.funktion",
}


def _fritekstfelter() -> list[tuple[str, models.Field[Any, Any]]]:
    """Every text field of our models that users or imports fill in freely (no choices)."""
    felter: list[tuple[str, models.Field[Any, Any]]] = []
    for app in apps.get_app_configs():
        if not app.name.startswith("socialstyring."):
            continue
        for model in app.get_models():
            if model.__name__.startswith("Historical"):
                continue
            for f in model._meta.get_fields():
                if isinstance(f, models.CharField | models.TextField) and not f.choices:
                    felter.append((f"{app.label}.{model.__name__}.{f.name}", f))
    return felter


FRITEKST = [(n, f) for n, f in _fritekstfelter() if n not in UNDTAGET]


def test_fritekstfelterne_er_fundet() -> None:
    """The walk finds the fields the review named (it cannot pass by finding none)."""
    navne = {n for n, _ in FRITEKST}
    assert {
        "aendringer.Aendring.begrundelse",
        "register.Kategorisering.begrundelse",
        "register.Ydelsesaar.begrundelse",
        "register.Ydelsesaar.kilde_tekst",
        "regnskab.Regnskab.note",
        "lukning.Lukningsopgoerelse.center",
        "register.Tilbud.navn",
        "ledelsesinfo.PubliceredeTal.kilde",
    } <= navne


@pytest.mark.parametrize(("navn", "felt"), FRITEKST, ids=[n for n, _ in FRITEKST])
def test_hvert_fritekstfelt_afviser_cpr(navn: str, felt: models.Field[Any, Any]) -> None:
    assert ingen_cpr in felt.validators, f"{navn} mangler ingen_cpr"
    for tekst in AFVIST:
        with pytest.raises(ValidationError) as fejl:
            felt.run_validators(tekst)
        assert fejl.value.messages == [CPR_FEJL], navn
    for tekst in GODKENDT:
        felt.run_validators(tekst)


def test_historikken_har_samme_validator() -> None:
    """The history models copy the fields: a restore (`full_clean`) refuses a CPR number too."""
    felt = Tilbud.history.model._meta.get_field("navn")
    assert ingen_cpr in felt.validators


# --- the forms ----------------------------------------------------------------------------


def _formfelt(form: forms.BaseForm, navn: str) -> forms.Field:
    return form.fields[navn]


FORMFELTER: list[tuple[str, Callable[[], forms.BaseForm], tuple[str, ...]]] = [
    ("indberetning", YdelsesaarForm, ("kilde_tekst", "begrundelse")),
    ("lukning", LukningForm, ("center",)),
    ("kategori", KategoriForm, ("begrundelse",)),
    ("regnskab", RegnskabForm, ("note",)),
    (
        "budget",
        lambda: PladsydelseForm(historik=1, reguleringsraekker=1),
        ("note_direkte_loen", "note_oevrig_drift", "note_husleje"),
    ),
]
# (the offer's form is a ModelForm: its name is checked by the model, see
# test_tilbuddets_navn_med_cpr_afvises)


@pytest.mark.parametrize(("hvad", "lav", "navne"), FORMFELTER, ids=[f[0] for f in FORMFELTER])
def test_formernes_fritekstfelter_afviser_cpr(
    hvad: str, lav: Callable[[], forms.BaseForm], navne: tuple[str, ...]
) -> None:
    form = lav()
    for navn in navne:
        felt = _formfelt(form, navn)
        for tekst in AFVIST:
            with pytest.raises(ValidationError) as fejl:
                felt.clean(tekst)
            assert CPR_FEJL in fejl.value.messages, (hvad, navn)
        for tekst in GODKENDT:
            assert felt.clean(tekst) == tekst


def test_budgetformen_har_ingen_note_uden_validator() -> None:
    """Every note field of the budget form (one per cost type) carries the validator."""
    form = PladsydelseForm(historik=1, reguleringsraekker=1)
    noter = [n for n in form.fields if n.startswith("note_")]
    assert len(noter) >= 5
    assert all(ingen_cpr in form.fields[n].validators for n in noter)


# --- the pages and services: refused, and nothing stored or kept in history ------------


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def _klient(data: Registerdata, rolle: str = "driftsherre") -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


@pytest.mark.django_db
def test_aendringsformen_afviser_cpr_og_gemmer_intet(data: Registerdata) -> None:
    form = AendringForm(data.solhaven, {"type": "takstforhoejelse", "begrundelse": BORGER})
    assert not form.is_valid()
    assert form.errors["begrundelse"] == [CPR_FEJL]

    svar = _klient(data).post(
        reverse("aendringer:aendring_ny", args=[data.solhaven.pk]),
        {
            "type": "takstforhoejelse",
            "ydelse": data.botilbud.pk,
            "begrundelse": BORGER,
            "ny_takst": "1.900,00",
            "beslutningsdato": f"{UDKAST_AAR}-03-01",
            "oensket_ikrafttraedelse": f"{UDKAST_AAR}-04-01",
        },
    )
    assert svar.status_code == 200
    assert CPR_FEJL in svar.content.decode()
    assert not Aendring.objects.exists()
    assert not Aendring.history.exists()


@pytest.mark.django_db
def test_aendringstjenesten_afviser_cpr(data: Registerdata) -> None:
    """Without the form (a script, a future import): the service refuses before storing."""
    grundlag = Aendringsgrundlag(
        type=Aendringstype.TAKSTFORHOEJELSE,
        region="midtjylland",
        tilbud="Solhaven",
        ydelse="Længerevarende botilbud",
        begrundelse=KUN_CIFRE,
        gammel_takst=Decimal("1811.00"),
        ny_takst=Decimal("1900.00"),
        beslutningsdato=date(UDKAST_AAR, 3, 1),
        oensket_ikrafttraedelse=date(UDKAST_AAR, 4, 1),
    )
    resultat = aendringer.beregn(grundlag)
    with pytest.raises(ValidationError) as fejl:
        aendringer.meld_aendring(
            data.solhaven, data.botilbud, grundlag, resultat, [], data.bruger("driftsherre")
        )
    assert fejl.value.message_dict == {"begrundelse": [CPR_FEJL]}
    assert not Aendring.objects.exists()


@pytest.mark.django_db
def test_manuel_kategori_med_cpr_afvises(data: Registerdata) -> None:
    svar = _klient(data).post(
        reverse("kategori:kategori", args=[data.solhaven.pk, UDKAST_AAR]),
        {"handling": "tilsidesaet", "k2018-tilsidesat": "omfattet", "k2018-begrundelse": BORGER},
    )
    assert svar.status_code == 400  # the form shown again with its errors
    assert CPR_FEJL in svar.content.decode()
    k = Kategorisering.objects.get(pk=data.kategori_2018.pk)
    assert (k.tilsidesat, k.begrundelse) == ("", "")
    assert not any(BORGER in h.begrundelse for h in k.history.all())

    with pytest.raises(ValidationError):
        kategori.saet_kategori(k, "omfattet", KUN_CIFRE)
    k.refresh_from_db()
    assert k.begrundelse == ""


@pytest.mark.django_db
def test_tilbuddets_navn_med_cpr_afvises(data: Registerdata) -> None:
    svar = _klient(data).post(
        reverse("register:tilbud_rediger", args=[data.solhaven.pk]),
        {"navn": f"Solhaven, {KUN_CIFRE}", "paragraf": "SEL § 108", "takststruktur": "gennemsnit"},
    )
    assert svar.status_code == 200
    assert CPR_FEJL in svar.content.decode()
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven"


@pytest.mark.django_db
def test_budgetlinjens_note_med_cpr_afvises_af_modellen(data: Registerdata) -> None:
    g = takstgrundlag("Solhaven", "midtjylland", UDKAST_AAR + 1)
    g["ydelser"][0]["budget"][0]["tekst"] = BORGER
    b = Takstberegning(tilbud=data.solhaven, aar=UDKAST_AAR + 1)
    b.saet_grundlag(g)
    with pytest.raises(ValidationError) as fejl:
        b.full_clean()
    assert fejl.value.message_dict["grundlag"] == [CPR_FEJL]
    g["ydelser"][0]["budget"][0]["tekst"] = ALMINDELIG
    b.saet_grundlag(g)
    b.full_clean()


# --- the Excel import of the rate report (its free-text columns go through the model) -----


@pytest.mark.django_db
def test_excelimporten_afviser_cpr(d: ExcelData) -> None:
    klient = _excelklient(d.aarhus_bruger)
    data = _ret(
        _hent(klient, d.aarhus),
        {
            (d.botilbud.pk, "Takst (kr.)"): 2100,  # valid, but must not be saved either
            (d.botilbud.pk, "Begrundelse for takstudvikling"): BORGER,
            (d.dagtilbud.pk, "Kilde/bemærkning"): KUN_CIFRE,
        },
    )
    foer = _tilstand()
    svar = _send(klient, d.aarhus, data, "takster.xlsx")
    assert svar.status_code == 400
    fejl = _fejlliste(svar.content.decode())
    assert len(fejl) == 2, fejl
    assert all(f.endswith(CPR_FEJL) and f.startswith("takster.xlsx, ark ") for f in fejl), fejl
    assert any('kolonne M ("Begrundelse for takstudvikling")' in f for f in fejl), fejl
    assert any('kolonne L ("Kilde/bemærkning")' in f for f in fejl), fejl
    assert _tilstand() == foer
