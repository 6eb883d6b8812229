"""The rate report's Excel download and import through the web: access, all-or-nothing,
idempotence and the lock after submission."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import unescape
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from socialstyring.beregning.kerne.typer import Paragraf, Pladstype
from socialstyring.io.excel.indberetning import (
    ARK_TAKSTER,
    FOERSTE_DATARAEKKE,
    KOLONNER,
    laes_indberetning,
)
from socialstyring.web.register.models import (
    Afdeling,
    Brugerprofil,
    Driftsherre,
    Indberetningsstatus,
    Kommune,
    Rammeaftale,
    Rolle,
    Takstberegning,
    Takstenhed,
    Takstindberetning,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takstskabelon import selectors as excel

pytestmark = pytest.mark.django_db

AAR = 2019
D = Decimal
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Data:
    """The fixture's objects by name."""

    midt: Rammeaftale
    aarhus: Driftsherre
    randers: Driftsherre
    odense: Driftsherre
    botilbud: Ydelse
    aflastning: Ydelse
    dagtilbud: Ydelse
    randers_ydelse: Ydelse
    aarhus_bruger: User
    randers_bruger: User
    sekretariat: User
    laeser: User
    syd: User


def _bruger(
    brugernavn: str, rolle: str, rammeaftale: Rammeaftale, driftsherre: Driftsherre | None = None
) -> User:
    u = User.objects.create_user(brugernavn)  # no password: the tests log in with force_login
    Brugerprofil.objects.create(bruger=u, rolle=rolle, rammeaftale=rammeaftale, driftsherre=driftsherre)
    return u


@pytest.fixture
def d() -> Data:
    midt = Rammeaftale.objects.create(kode="midtjylland", navn="Rammeaftale Midtjylland")
    syd = Rammeaftale.objects.create(kode="syddanmark", navn="Rammeaftale Syddanmark")
    aarhus = Driftsherre.objects.create(
        navn="Aarhus Kommune",
        rammeaftale=midt,
        kommune=Kommune.objects.create(kode=751, navn="Aarhus", rammeaftale=midt),
    )
    randers = Driftsherre.objects.create(
        navn="Randers Kommune",
        rammeaftale=midt,
        kommune=Kommune.objects.create(kode=730, navn="Randers", rammeaftale=midt),
    )
    odense = Driftsherre.objects.create(
        navn="Odense Kommune",
        rammeaftale=syd,
        kommune=Kommune.objects.create(kode=461, navn="Odense", rammeaftale=syd),
    )
    solbakken = Tilbud.objects.create(navn="Solbakken", driftsherre=aarhus, paragraf=Paragraf.SEL_108)
    kilden = Tilbud.objects.create(navn="Værkstedet Kilden", driftsherre=aarhus, paragraf=Paragraf.SEL_104)
    hus_a = Afdeling.objects.create(tilbud=solbakken, navn="Hus A")
    botilbud = Ydelse.objects.create(
        tilbud=solbakken,
        afdeling=hus_a,
        navn="Botilbud",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    aflastning = Ydelse.objects.create(
        tilbud=solbakken, navn="Aflastning", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    dagtilbud = Ydelse.objects.create(
        tilbud=kilden, navn="Dagtilbud", pladstype=Pladstype.DAG, takstenhed=Takstenhed.DAG
    )
    randers_tilbud = Tilbud.objects.create(navn="Fjordhuset", driftsherre=randers, paragraf=Paragraf.SEL_107)
    randers_ydelse = Ydelse.objects.create(
        tilbud=randers_tilbud,
        navn="Midlertidigt botilbud",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    Ydelsesaar.objects.create(ydelse=botilbud, aar=AAR - 1, takst=D("2000.00"))
    Ydelsesaar.objects.create(
        ydelse=botilbud, aar=AAR, pladser=D("24"), budgetteret_belaegning_pct=D("96"), takst=D("2050.00"),
        kilde_tekst="Budget 2019",
    )  # fmt: skip
    beregning = Takstberegning.objects.create(tilbud=solbakken, aar=AAR, grundlag={})
    Ydelsesaar.objects.create(
        ydelse=aflastning, aar=AAR, pladser=D("2"), budgetteret_belaegning_pct=D("80"), takst=D("1800.00"),
        takst_kilde=TakstKilde.BEREGNET, takstberegning=beregning,
    )  # fmt: skip
    return Data(
        midt=midt,
        aarhus=aarhus,
        randers=randers,
        odense=odense,
        botilbud=botilbud,
        aflastning=aflastning,
        dagtilbud=dagtilbud,
        randers_ydelse=randers_ydelse,
        aarhus_bruger=_bruger("aarhus", Rolle.DRIFTSHERRE, midt, aarhus),
        randers_bruger=_bruger("randers", Rolle.DRIFTSHERRE, midt, randers),
        sekretariat=_bruger("sekretariat", Rolle.SEKRETARIAT, midt),
        laeser=_bruger("laeser", Rolle.LAESER, midt),
        syd=_bruger("syd", Rolle.SEKRETARIAT, syd),
    )


def _klient(bruger: User) -> Client:
    c = Client()
    c.force_login(bruger)
    return c


def _skabelon_url(driftsherre: Driftsherre) -> str:
    return reverse("takstskabelon:excel_skabelon", args=[driftsherre.pk, AAR])


def _import_url(driftsherre: Driftsherre) -> str:
    return reverse("takstskabelon:excel_import", args=[driftsherre.pk, AAR])


def _hent(klient: Client, driftsherre: Driftsherre) -> bytes:
    svar = klient.get(_skabelon_url(driftsherre))
    assert svar.status_code == 200
    return bytes(svar.content)


def _kol(overskrift: str) -> int:
    return next(i for i, k in enumerate(KOLONNER, start=1) if k.overskrift == overskrift)


def _ret(data: bytes, aendringer: dict[tuple[int, str], Any], slet_raekke: int | None = None) -> bytes:
    """The downloaded file with cells changed: {(ydelse id, column header): value}."""
    wb = load_workbook(BytesIO(data))
    ws = wb[ARK_TAKSTER]
    raekke = {ws.cell(r, _kol("Ydelse-ID")).value: r for r in range(FOERSTE_DATARAEKKE, ws.max_row + 1)}
    for (ydelse_id, overskrift), vaerdi in aendringer.items():
        ws.cell(raekke[ydelse_id], _kol(overskrift)).value = vaerdi
    if slet_raekke is not None:
        ws.delete_rows(raekke[slet_raekke])
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue()


def _send(klient: Client, driftsherre: Driftsherre, data: bytes, navn: str = "takster_2019.xlsx") -> Any:
    return klient.post(_import_url(driftsherre), {"fil": SimpleUploadedFile(navn, data, content_type=XLSX)})


def _tilstand() -> tuple[list[tuple[Any, ...]], int]:
    """Every Ydelsesaar's figures and the number of history rows."""
    raekker = list(
        Ydelsesaar.objects.order_by("pk").values_list(
            "ydelse_id", "aar", "pladser", "budgetteret_belaegning_pct", "takst", "takst_kilde", "kilde_tekst",
            "begrundelse",
        )
    )  # fmt: skip
    return raekker, Ydelsesaar.history.count()


def _html(svar: Any) -> str:
    return str(svar.content.decode())


def _fejlliste(html: str) -> list[str]:
    """The error messages on the page, in order and unescaped."""
    liste = re.search(r'<ul class="fejlliste">(.*?)</ul>', html, re.S)
    assert liste, "siden viser ingen fejlliste"
    return [unescape(f) for f in re.findall(r"<li>(.*?)</li>", liste.group(1), re.S)]


# --- download -----------------------------------------------------------------------


def test_driftsherre_henter_skabelonen_udfyldt(d: Data) -> None:
    svar = _klient(d.aarhus_bruger).get(_skabelon_url(d.aarhus))
    assert svar.status_code == 200
    assert svar["Content-Type"] == XLSX
    assert svar["Content-Disposition"] == f'attachment; filename="takster_{AAR}_aarhus-kommune.xlsx"'
    ind = laes_indberetning(svar.content, "x.xlsx", driftsherre_id=d.aarhus.pk, aar=AAR)
    assert ind.ok, ind.fejl
    assert ind.raekker == excel.skabelon(d.aarhus, AAR).raekker
    efter_navn = {r.ydelse: r for r in ind.raekker}
    assert list(efter_navn) == ["Aflastning", "Botilbud", "Dagtilbud"]  # Solbakken before Kilden
    bo = efter_navn["Botilbud"]
    assert (bo.tilbud, bo.afdeling, bo.pladstype, bo.takstenhed) == (
        "Solbakken",
        "Hus A",
        "Døgn",
        "kr. pr. døgn",
    )
    assert (bo.pladser, bo.belaegning_pct, bo.takst, bo.sidste_aars_takst) == (D(24), D(96), D(2050), D(2000))
    assert bo.kilde_tekst == "Budget 2019"
    assert efter_navn["Dagtilbud"].takst is None
    # the computed rate is locked in the sheet
    wb = load_workbook(BytesIO(svar.content))
    ws = wb[ARK_TAKSTER]
    assert ws.cell(FOERSTE_DATARAEKKE, _kol("Takst (kr.)")).protection.locked


def test_sekretariatet_henter_ogsaa(d: Data) -> None:
    assert _klient(d.sekretariat).get(_skabelon_url(d.aarhus)).status_code == 200


@pytest.mark.parametrize(("bruger", "status"), [("randers_bruger", 403), ("laeser", 403), ("syd", 404)])
def test_andre_faar_ikke_skabelonen(d: Data, bruger: str, status: int) -> None:
    klient = _klient(getattr(d, bruger))
    assert klient.get(_skabelon_url(d.aarhus)).status_code == status
    assert klient.get(_import_url(d.aarhus)).status_code == status
    assert _send(klient, d.aarhus, b"x").status_code == status


def test_uden_login_sendes_til_login(d: Data) -> None:
    svar = Client().get(_skabelon_url(d.aarhus))
    assert svar.status_code == 302 and svar["Location"].startswith("/login/")


def test_ukendt_driftsherre_og_aar(d: Data) -> None:
    klient = _klient(d.sekretariat)
    assert klient.get(reverse("takstskabelon:excel_skabelon", args=[9999, AAR])).status_code == 404
    assert klient.get(reverse("takstskabelon:excel_skabelon", args=[d.aarhus.pk, 1900])).status_code == 404


# --- import ---------------------------------------------------------------------------


def test_importformularen(d: Data) -> None:
    svar = _klient(d.aarhus_bruger).get(_import_url(d.aarhus))
    html = _html(svar)
    assert svar.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert _skabelon_url(d.aarhus) in html


def test_import_opdaterer_databasen(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(
        _hent(klient, d.aarhus),
        {
            (d.botilbud.pk, "Takst (kr.)"): "2.104,50",
            (d.botilbud.pk, "Begrundelse for takstudvikling"): "Ny nattevagt",
            (d.dagtilbud.pk, "Pladser"): 30,
            (d.dagtilbud.pk, "Budgetteret belægning %"): "97,5",
            (d.dagtilbud.pk, "Takst (kr.)"): 612.25,
            (d.dagtilbud.pk, "Kilde/bemærkning"): "Byrådet 12-09-2018",
        },
    )
    foer = Ydelsesaar.history.count()
    svar = _send(klient, d.aarhus, data)
    html = _html(svar)
    assert svar.status_code == 200, html
    assert "2 ydelser ændret, 1 uændret" in html
    assert escape("Værkstedet Kilden – Dagtilbud") in html
    bo = Ydelsesaar.objects.get(ydelse=d.botilbud, aar=AAR)
    assert (bo.takst, bo.begrundelse, bo.takst_kilde, bo.kilde_tekst) == (
        D("2104.50"),
        "Ny nattevagt",
        TakstKilde.INDTASTET,
        "Budget 2019",
    )
    dag = Ydelsesaar.objects.get(ydelse=d.dagtilbud, aar=AAR)
    assert (dag.pladser, dag.budgetteret_belaegning_pct, dag.takst) == (D("30"), D("97.5"), D("612.25"))
    assert (dag.takst_kilde, dag.kilde_tekst) == (TakstKilde.INDTASTET, "Byrådet 12-09-2018")
    # history: one entry per changed row, by the user, with the file as the reason
    assert Ydelsesaar.history.count() == foer + 2
    seneste = bo.history.latest()
    assert seneste.history_user == d.aarhus_bruger
    assert seneste.history_change_reason == "Excel-import: takster_2019.xlsx"
    # the computed rate is untouched
    afl = Ydelsesaar.objects.get(ydelse=d.aflastning, aar=AAR)
    assert (afl.takst, afl.takst_kilde) == (D("1800.00"), TakstKilde.BEREGNET)


def test_samme_fil_to_gange_aendrer_intet_anden_gang(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(_hent(klient, d.aarhus), {(d.botilbud.pk, "Takst (kr.)"): 2100})
    assert "1 ydelse ændret, 2 uændrede" in _html(_send(klient, d.aarhus, data))
    efter_foerste = _tilstand()
    svar = _send(klient, d.aarhus, data)
    assert svar.status_code == 200
    assert "0 ydelser ændret, 3 uændrede" in _html(svar)
    assert _tilstand() == efter_foerste


def test_uaendret_skabelon_aendrer_intet(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    foer = _tilstand()
    assert "0 ydelser ændret, 3 uændrede" in _html(_send(klient, d.aarhus, _hent(klient, d.aarhus)))
    assert _tilstand() == foer


def test_fejl_i_filen_vises_og_intet_aendres(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(
        _hent(klient, d.aarhus),
        {
            (d.botilbud.pk, "Takst (kr.)"): 2100,  # valid, but must not be saved either
            (d.dagtilbud.pk, "Takst (kr.)"): "12x",
            (d.dagtilbud.pk, "Budgetteret belægning %"): 151,
        },
    )
    foer = _tilstand()
    svar = _send(klient, d.aarhus, data, "mine takster.xlsx")
    html = _html(svar)
    assert svar.status_code == 400
    raekke = FOERSTE_DATARAEKKE + 2
    assert _fejlliste(html) == [
        f'mine takster.xlsx, ark "Takster", række {raekke}, kolonne I ("Budgetteret belægning %"): "151" ligger uden for 0–150 %',
        f'mine takster.xlsx, ark "Takster", række {raekke}, kolonne K ("Takst (kr.)"): "12x" er ikke et tal',
    ]
    assert "intet er ændret" in html
    assert _tilstand() == foer


def test_celle_og_registerfejl_vises_samlet(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(
        _hent(klient, d.aarhus),
        {(d.aflastning.pk, "Takst (kr.)"): 1900, (d.dagtilbud.pk, "Takst (kr.)"): "12x"},
    )
    foer = _tilstand()
    html = _html(_send(klient, d.aarhus, data))
    assert _fejlliste(html) == [
        f'takster_2019.xlsx, ark "Takster", række {FOERSTE_DATARAEKKE}, kolonne K ("Takst (kr.)"): taksten er '
        "beregnet af budgettet; ret budgettet i stedet (beregnet: 1.800,00 kr., i filen: 1.900,00 kr.)",
        f'takster_2019.xlsx, ark "Takster", række {FOERSTE_DATARAEKKE + 2}, kolonne K ("Takst (kr.)"): "12x" er ikke et tal',
    ]
    assert "mangler" not in html  # the row with the bad cell is there
    assert _tilstand() == foer


def test_ikke_en_excelfil(d: Data) -> None:
    foer = _tilstand()
    svar = _send(_klient(d.aarhus_bruger), d.aarhus, b"%PDF-1.4 ...", "takster.pdf")
    assert svar.status_code == 400
    assert escape("takster.pdf: filen er ikke en Excel-projektmappe (.xlsx)") in _html(svar)
    assert _tilstand() == foer


def test_ingen_fil_valgt(d: Data) -> None:
    svar = _klient(d.aarhus_bruger).post(_import_url(d.aarhus), {})
    assert svar.status_code == 400
    assert escape("Vælg den udfyldte Excel-fil.") in _html(svar)


def test_fil_til_en_anden_driftsherre(d: Data) -> None:
    klient = _klient(d.sekretariat)
    foer = _tilstand()
    svar = _send(klient, d.randers, _hent(klient, d.aarhus))
    assert svar.status_code == 400
    assert escape(
        f'takster_2019.xlsx: filen er skabelonen for driftsherre "Aarhus Kommune" (id {d.aarhus.pk}), '
        f'men her indlæses for "Randers Kommune" (id {d.randers.pk})'
    ) in _html(svar)
    assert _tilstand() == foer


def test_ydelse_fra_en_anden_driftsherre_og_manglende_raekke(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(
        _hent(klient, d.aarhus),
        {(d.dagtilbud.pk, "Ydelse-ID"): d.randers_ydelse.pk, (d.dagtilbud.pk, "Takst (kr.)"): 1},
    )
    foer = _tilstand()
    svar = _send(klient, d.aarhus, data)
    html = _html(svar)
    assert svar.status_code == 400
    assert (
        escape(
            'takster_2019.xlsx, ark "Takster": rækken for ydelsen "Dagtilbud" i "Værkstedet Kilden" '
            "mangler; rækker må ikke slettes."
        )
        in html
    )
    assert (
        escape(
            f'takster_2019.xlsx, ark "Takster", række {FOERSTE_DATARAEKKE + 2}, kolonne B ("Ydelse-ID"): '
            f'ydelsen "{d.dagtilbud.navn}" i "{d.dagtilbud.tilbud.navn}": id {d.randers_ydelse.pk} hører til '
            "en anden driftsherre"
        )
        in html
    )
    assert _tilstand() == foer


def test_slettet_raekke_og_ukendt_ydelse(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(_hent(klient, d.aarhus), {(d.dagtilbud.pk, "Ydelse-ID"): 99999}, slet_raekke=d.botilbud.pk)
    html = _html(_send(klient, d.aarhus, data))
    assert escape('rækken for ydelsen "Botilbud" i "Solbakken" mangler') in html
    navn = f'ydelsen "{d.dagtilbud.navn}" i "{d.dagtilbud.tilbud.navn}"'  # the row's names, not id 99999
    assert escape(f"{navn} findes ikke længere i registret (er den slettet?)") in html


def test_beregnet_takst_kan_ikke_overskrives(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(_hent(klient, d.aarhus), {(d.aflastning.pk, "Takst (kr.)"): 1900})
    foer = _tilstand()
    svar = _send(klient, d.aarhus, data)
    assert svar.status_code == 400
    assert escape(
        f'takster_2019.xlsx, ark "Takster", række {FOERSTE_DATARAEKKE}, kolonne K ("Takst (kr.)"): '
        "taksten er beregnet af budgettet; ret budgettet i stedet (beregnet: 1.800,00 kr., i filen: 1.900,00 kr.)"
    ) in _html(svar)
    assert _tilstand() == foer


def test_beregnet_takst_uaendret_med_ny_kilde_er_tilladt(d: Data) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(_hent(klient, d.aarhus), {(d.aflastning.pk, "Kilde/bemærkning"): "Se budgettet"})
    assert "1 ydelse ændret" in _html(_send(klient, d.aarhus, data))
    afl = Ydelsesaar.objects.get(ydelse=d.aflastning, aar=AAR)
    assert (afl.kilde_tekst, afl.takst_kilde, afl.takst) == (
        "Se budgettet",
        TakstKilde.BEREGNET,
        D("1800.00"),
    )


@pytest.mark.parametrize("status", [Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT])
def test_import_afvises_efter_indsendelse(d: Data, status: str) -> None:
    klient = _klient(d.aarhus_bruger)
    data = _ret(_hent(klient, d.aarhus), {(d.botilbud.pk, "Takst (kr.)"): 2100})
    Takstindberetning.objects.create(driftsherre=d.aarhus, aar=AAR, status=status)
    foer = _tilstand()
    svar = _send(klient, d.aarhus, data)
    assert svar.status_code == 409
    assert f"Takstindberetningen for {AAR} er {status}" in _html(svar)
    assert _tilstand() == foer
    # the page says so before an upload too, and the export still works
    side = _html(klient.get(_import_url(d.aarhus)))
    assert "kan ikke længere ændres ved import" in side and "multipart/form-data" not in side
    assert klient.get(_skabelon_url(d.aarhus)).status_code == 200


def test_import_tilladt_mens_indberetningen_er_udkast(d: Data) -> None:
    Takstindberetning.objects.create(driftsherre=d.aarhus, aar=AAR, status=Indberetningsstatus.UDKAST)
    klient = _klient(d.sekretariat)
    data = _ret(_hent(klient, d.aarhus), {(d.botilbud.pk, "Takst (kr.)"): 2100})
    assert "1 ydelse ændret" in _html(_send(klient, d.aarhus, data))
    assert Ydelsesaar.objects.get(ydelse=d.botilbud, aar=AAR).takst == D("2100")


def test_lukket_tilbud_er_ikke_med(d: Data) -> None:
    Tilbud.objects.filter(pk=d.dagtilbud.tilbud_id).update(lukket_fra=date(AAR - 1, 6, 30))
    assert [r.ydelse for r in excel.skabelon(d.aarhus, AAR).raekker] == ["Aflastning", "Botilbud"]


def test_filnavn_uden_danske_bogstaver(d: Data) -> None:
    d.aarhus.navn = "Ærø Kommune"
    assert excel.filnavn(d.aarhus, AAR) == "takster_2019_aeroe-kommune.xlsx"
