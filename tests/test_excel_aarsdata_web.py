"""A year's used days and accounts in Excel through the web: download, fill, upload; all or
nothing; access; history; the accounts overview and the links to the pages.

The register is tests/registerdata.py's (Aarhus Kommune's Solhaven with two services with
places in 2018) plus Aarhus' Engtoften (one service with places, one without)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from html import unescape
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.io.excel import forbrug as xf
from socialstyring.io.excel import regnskab as xr
from socialstyring.io.excel.faelles import FOERSTE_DATARAEKKE, HOVEDRAEKKE
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.excelimport.resultat import gem_importeret
from socialstyring.web.register.models import Takstenhed, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.regnskab.models import Regnskab

pytestmark = pytest.mark.django_db

AAR = UDKAST_AAR
D = Decimal
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
S, SA, DH, DA, L = "sekretariat", "sekretariat_anden", "driftsherre", "driftsherre_anden", "laeser"


@dataclass
class Verden:
    data: Registerdata
    engtoften: Tilbud
    engtoften_bo: Ydelse  # places in 2018
    engtoften_uden: Ydelse  # no places in 2018
    kilde_dag: Ydelse  # Randers'

    def klient(self, rolle: str) -> Client:
        c = Client()
        c.force_login(self.data.bruger(rolle))
        return c


@pytest.fixture
def v() -> Verden:
    d = opret_registerdata()
    engtoften = Tilbud.objects.create(navn="Engtoften", driftsherre=d.aarhus, maalgruppe=d.udviklingshaemning)
    bo = Ydelse.objects.create(
        tilbud=engtoften, navn="Botilbud", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    Ydelsesaar.objects.create(ydelse=bo, aar=AAR, pladser=D(10), budgetteret_belaegning_pct=D(97))
    uden = Ydelse.objects.create(
        tilbud=engtoften, navn="Aflastning", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    return Verden(d, engtoften, bo, uden, Ydelse.objects.get(tilbud=d.kildebakken))


def _url(navn: str, driftsherre_id: int, aar: int = AAR) -> str:
    omraade = {"regnskab": "regnskab", "forbrug": "belaegning", "excel": "takstskabelon"}[navn.split("_")[0]]
    return reverse(f"{omraade}:{navn}", args=[driftsherre_id, aar])


def _hent(klient: Client, navn: str, driftsherre_id: int, aar: int = AAR) -> bytes:
    svar = klient.get(_url(navn, driftsherre_id, aar))
    assert svar.status_code == 200, svar.status_code
    assert svar["Content-Type"] == XLSX
    return bytes(svar.content)


def _ret(data: bytes, ark: str, noegle: str, aendringer: dict[tuple[int, str], Any]) -> bytes:
    """The file with cells changed: {(key id, column header): value}."""
    wb = load_workbook(BytesIO(data))
    ws = wb[ark]
    kol = {c.value: i for i, c in enumerate(ws[HOVEDRAEKKE], start=1)}
    raekke = {ws.cell(r, kol[noegle]).value: r for r in range(FOERSTE_DATARAEKKE, ws.max_row + 1)}
    for (id_, overskrift), vaerdi in aendringer.items():
        ws.cell(raekke[id_], kol[overskrift]).value = vaerdi
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue()


def _ret_forbrug(data: bytes, aendringer: dict[tuple[int, str], Any]) -> bytes:
    return _ret(data, xf.ARK_FORBRUG, "Ydelse-ID", aendringer)


def _ret_regnskab(data: bytes, aendringer: dict[tuple[int, str], Any]) -> bytes:
    return _ret(data, xr.ARK_REGNSKAB, "Tilbud-ID", aendringer)


def _send(klient: Client, navn: str, driftsherre_id: int, data: bytes, fil: str) -> Any:
    return klient.post(_url(navn, driftsherre_id), {"fil": SimpleUploadedFile(fil, data, content_type=XLSX)})


def _html(svar: Any) -> str:
    return unescape(svar.content.decode())


def _fejlliste(svar: Any) -> list[str]:
    liste = re.search(r'<ul class="fejlliste">(.*?)</ul>', svar.content.decode(), re.S)
    assert liste, "siden viser ingen fejlliste"
    return [unescape(f) for f in re.findall(r"<li>(.*?)</li>", liste.group(1), re.S)]


def _forbrug() -> tuple[list[tuple[Any, ...]], int]:
    return (
        list(Forbrug.objects.order_by("pk").values_list("ydelse_id", "aar", "kvartal", "brugte_dage")),
        Forbrug.history.count(),
    )


def _regnskaber() -> tuple[list[tuple[Any, ...]], int]:
    return (
        list(
            Regnskab.objects.order_by("pk").values_list(
                "tilbud_id", "aar", "omkostninger", "takstindtaegter", "tillaegsindtaegter",
                "andre_indtaegter", "grundlag", "note",
            )
        ),
        Regnskab.history.count(),
    )  # fmt: skip


Q1, Q2, Q3, Q4 = (xf.kvartalskolonne(k) for k in xf.KVARTALER)
R1, R2, R3 = FOERSTE_DATARAEKKE, FOERSTE_DATARAEKKE + 1, FOERSTE_DATARAEKKE + 2


# --- used days ----------------------------------------------------------------------------------


def test_forbrug_rundtur(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    svar = klient.get(_url("forbrug_excel", d.aarhus.pk))
    assert svar["Content-Disposition"] == f'attachment; filename="brugte-dage_{AAR}_aarhus-kommune.xlsx"'
    skabelon = xf.laes_forbrug(svar.content, "x.xlsx", driftsherre_id=d.aarhus.pk, aar=AAR)
    assert [(r.tilbud, r.ydelse, r.pladser) for r in skabelon.raekker] == [
        ("Engtoften", "Botilbud", D(10)),
        ("Solhaven", "Dagtilbud", D(9)),
        ("Solhaven", "Længerevarende botilbud", D(22)),
    ]
    data = _ret_forbrug(
        bytes(svar.content),
        {
            (d.botilbud.pk, Q1): "1.234,50",
            (d.botilbud.pk, Q2): 1980.25,
            (d.dagtilbud.pk, Q1): "812",
        },
    )
    svar = _send(klient, "forbrug_import", d.aarhus.pk, data, "brugte dage.xlsx")
    html = _html(svar)
    assert svar.status_code == 200, html
    assert "2 ydelser ændret, 1 uændret" in html
    # new quarters: nothing before; 1.234,50 days read as 1234.5 and shown with its one decimal
    assert "Solhaven – Længerevarende botilbud<ul><li>Brugte dage Q1: – → 1.234,5</li>" in html
    assert "<li>Brugte dage Q2: – → 1.980,25</li></ul>" in html
    assert "<li>Solhaven – Dagtilbud<ul><li>Brugte dage Q1: – → 812</li></ul></li>" in html
    gemt = {(f.ydelse_id, f.kvartal): f for f in Forbrug.objects.all()}
    assert {k: f.brugte_dage for k, f in gemt.items()} == {
        (d.botilbud.pk, 1): D("1234.50"),
        (d.botilbud.pk, 2): D("1980.25"),
        (d.dagtilbud.pk, 1): D("812.00"),
    }
    # every saved quarter has one history entry: the user and the file
    historik = Forbrug.history.all()
    assert historik.count() == 3
    assert {(h.history_user, h.history_change_reason) for h in historik} == {
        (d.bruger(DH), "Excel-import: brugte dage.xlsx")
    }
    # the figures are in the next download and on the occupancy page
    igen = xf.laes_forbrug(
        _hent(klient, "forbrug_excel", d.aarhus.pk), "x", driftsherre_id=d.aarhus.pk, aar=AAR
    )
    bo = next(r for r in igen.raekker if r.ydelse_id == d.botilbud.pk)
    assert bo.udfyldte == {1: D("1234.50"), 2: D("1980.25")}
    side = _html(klient.get(reverse("belaegning:belaegning", args=[d.aarhus.pk, AAR, 2])))
    assert "3.214,75" in side  # Q1 + Q2 of the botilbud


def test_forbrug_tom_celle_aendrer_intet_og_samme_fil_to_gange(v: Verden) -> None:
    d = v.data
    Forbrug.objects.create(ydelse=d.botilbud, aar=AAR, kvartal=3, brugte_dage=D(500))
    klient = v.klient(DH)
    data = _ret_forbrug(
        _hent(klient, "forbrug_excel", d.aarhus.pk), {(d.botilbud.pk, Q3): None, (d.botilbud.pk, Q1): 100}
    )
    assert "1 ydelse ændret, 2 uændrede" in _html(
        _send(klient, "forbrug_import", d.aarhus.pk, data, "a.xlsx")
    )
    assert Forbrug.objects.get(ydelse=d.botilbud, kvartal=3).brugte_dage == D(500)
    foer = _forbrug()
    svar = _send(klient, "forbrug_import", d.aarhus.pk, data, "a.xlsx")
    assert svar.status_code == 200 and "0 ydelser ændret, 3 uændrede" in _html(svar)
    assert _forbrug() == foer


def test_forbrug_med_fejl_indlaeses_slet_ikke(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    data = _ret_forbrug(
        _hent(klient, "forbrug_excel", d.aarhus.pk),
        {
            (d.botilbud.pk, Q1): 1000,  # valid, but must not be saved either
            (d.dagtilbud.pk, Q2): "12x",
            (d.dagtilbud.pk, Q4): -1,
            (v.engtoften_bo.pk, "Ydelse-ID"): v.kilde_dag.pk,
        },
    )
    foer = _forbrug()
    svar = _send(klient, "forbrug_import", d.aarhus.pk, data, "dage.xlsx")
    assert svar.status_code == 400
    ark = 'dage.xlsx, ark "Brugte dage"'
    assert _fejlliste(svar) == [
        f'{ark}, række {R1}, kolonne B ("Ydelse-ID"): ydelsen "{v.engtoften_bo.navn}" i "Engtoften": '
        f"id {v.kilde_dag.pk} hører til en anden driftsherre",
        f'{ark}, række {R2}, kolonne H ("Brugte dage Q2"): "12x" er ikke et tal',
        f'{ark}, række {R2}, kolonne J ("Brugte dage Q4"): "-1" er negativt; tallet skal være 0 eller større',
    ]
    assert "Filen blev ikke indlæst, og intet er ændret" in _html(svar)
    assert _forbrug() == foer


def test_forbrug_ukendt_ydelse_uden_pladser_og_forkert_tilbud(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    data = _ret_forbrug(
        _hent(klient, "forbrug_excel", d.aarhus.pk),
        {
            (v.engtoften_bo.pk, "Ydelse-ID"): v.engtoften_uden.pk,
            (v.engtoften_bo.pk, Q1): 5,
            (d.dagtilbud.pk, "Ydelse-ID"): 99999,
            (d.botilbud.pk, "Tilbud-ID"): v.engtoften.pk,
            (d.botilbud.pk, Q1): 5,
        },
    )
    foer = _forbrug()
    svar = _send(klient, "forbrug_import", d.aarhus.pk, data, "dage.xlsx")
    ark = 'dage.xlsx, ark "Brugte dage"'
    assert _fejlliste(svar) == [
        f'{ark}, række {R1}, kolonne B ("Ydelse-ID"): ydelsen "Aflastning" i "Engtoften" har '
        f"ingen pladser i {AAR}; brugte dage indberettes kun for ydelser med pladser i året",
        f'{ark}, række {R2}, kolonne B ("Ydelse-ID"): ydelsen "{d.dagtilbud.navn}" i "{d.dagtilbud.tilbud.navn}" '
        "findes ikke længere i registret (er den slettet?)",
        f'{ark}, række {R3}, kolonne A ("Tilbud-ID"): tilbuddets id passer ikke til ydelsen '
        f'"{d.botilbud.navn}", som hører til tilbuddet "Solhaven"; nøglekolonnerne må ikke ændres',
    ]
    assert _forbrug() == foer


def test_forbrug_fil_til_en_anden_driftsherre_eller_et_andet_aar(v: Verden) -> None:
    d = v.data
    klient = v.klient(S)
    foer = _forbrug()
    randers = _ret_forbrug(_hent(klient, "forbrug_excel", d.randers.pk), {})
    svar = _send(klient, "forbrug_import", d.aarhus.pk, randers, "randers.xlsx")
    assert svar.status_code == 400
    assert _fejlliste(svar) == [
        f'randers.xlsx: filen er skabelonen for driftsherre "Randers Kommune" (id {d.randers.pk}), men her '
        f'indlæses for "Aarhus Kommune" (id {d.aarhus.pk})'
    ]
    sidste_aar = _hent(klient, "forbrug_excel", d.aarhus.pk, AAR - 1)
    svar = _send(klient, "forbrug_import", d.aarhus.pk, sidste_aar, "2017.xlsx")
    assert _fejlliste(svar) == [
        f"2017.xlsx: filen er skabelonen for {AAR - 1}, men forbruget her gælder {AAR}"
    ]
    assert _forbrug() == foer


def test_forbrug_takstskabelon_og_ikke_excel_afvises(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    takster = _hent(klient, "excel_skabelon", d.aarhus.pk)
    svar = _send(klient, "forbrug_import", d.aarhus.pk, takster, "takster.xlsx")
    assert svar.status_code == 400
    assert _fejlliste(svar)[0].startswith(
        "takster.xlsx: filen er ikke en skabelon til brugte dage fra Socialstyring"
    )
    svar = _send(klient, "forbrug_import", d.aarhus.pk, b"%PDF-1.4", "dage.pdf")
    assert _fejlliste(svar) == [
        "dage.pdf: filen er ikke en Excel-projektmappe (.xlsx); hent skabelonen i Socialstyring, udfyld den "
        "og gem den som Excel-projektmappe"
    ]
    svar = v.klient(DH).post(_url("forbrug_import", d.aarhus.pk), {})
    assert svar.status_code == 400 and "Vælg den udfyldte Excel-fil." in _html(svar)


def test_forbrug_afbrudt_midtvejs_gemmer_intet(v: Verden, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the first row is saved rolls the whole import back."""
    d = v.data
    klient = v.klient(DH)
    data = _ret_forbrug(
        _hent(klient, "forbrug_excel", d.aarhus.pk), {(d.botilbud.pk, Q1): 10, (d.dagtilbud.pk, Q1): 20}
    )
    gem = gem_importeret
    kald: list[object] = []

    def gem_og_fejl(objekt: Any, fil: str) -> None:
        kald.append(objekt)
        if len(kald) == 2:
            raise RuntimeError("databasen forsvandt")
        gem(objekt, fil)

    monkeypatch.setattr("socialstyring.web.belaegning.services.gem_importeret", gem_og_fejl)
    foer = _forbrug()
    with pytest.raises(RuntimeError):
        _send(klient, "forbrug_import", d.aarhus.pk, data, "a.xlsx")
    assert len(kald) == 2
    assert _forbrug() == foer


# --- accounts -----------------------------------------------------------------------------------

FULDT = {
    "Omkostninger (kr.)": "12.500.000,00",
    "Takstindtægter (kr.)": 11900000.5,
    "Tillægsindtægter (kr.)": None,
    "Andre indtægter (kr.)": "25000",
    "Grundlag for 5 %-reglen (kr.)": "12.400.000",
    "Note": "Revideret regnskab",
}


def test_regnskab_rundtur(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    svar = klient.get(_url("regnskab_excel", d.aarhus.pk))
    assert svar["Content-Disposition"] == f'attachment; filename="regnskab_{AAR}_aarhus-kommune.xlsx"'
    skabelon = xr.laes_regnskab(svar.content, "x", driftsherre_id=d.aarhus.pk, aar=AAR)
    assert [(r.tilbud_id, r.tilbud, r.tom) for r in skabelon.raekker] == [
        (v.engtoften.pk, "Engtoften", True),
        (d.solhaven.pk, "Solhaven", True),
    ]
    data = _ret_regnskab(bytes(svar.content), {(d.solhaven.pk, k): val for k, val in FULDT.items()})
    svar = _send(klient, "regnskab_import", d.aarhus.pk, data, "regnskab.xlsx")
    html = _html(svar)
    assert svar.status_code == 200, html
    assert "1 tilbud ændret, 1 uændret" in html
    # a new account: every figure from nothing (the empty tillægsindtægter stay the default 0)
    assert (
        "<li>Solhaven<ul><li>Omkostninger: – → 12.500.000,00 kr.</li>"
        "<li>Takstindtægter: – → 11.900.000,50 kr.</li><li>Andre indtægter: – → 25.000,00 kr.</li>"
        "<li>Grundlag for 5 %-reglen: – → 12.400.000,00 kr.</li>"
        '<li>Note: – → "Revideret regnskab"</li></ul></li>'
    ) in html
    r = Regnskab.objects.get(tilbud=d.solhaven, aar=AAR)
    assert (
        r.omkostninger,
        r.takstindtaegter,
        r.tillaegsindtaegter,
        r.andre_indtaegter,
        r.grundlag,
        r.note,
    ) == (
        D("12500000.00"),
        D("11900000.50"),
        D("0"),
        D("25000"),
        D("12400000"),
        "Revideret regnskab",
    )
    assert not Regnskab.objects.filter(tilbud=v.engtoften).exists()
    h = r.history.latest()
    assert (h.history_user, h.history_change_reason) == (d.bruger(DH), "Excel-import: regnskab.xlsx")
    # the same file again changes nothing; the next download has the accounts
    foer = _regnskaber()
    assert "0 tilbud ændret, 2 uændrede" in _html(
        _send(klient, "regnskab_import", d.aarhus.pk, data, "r.xlsx")
    )
    assert _regnskaber() == foer
    igen = xr.laes_regnskab(
        _hent(klient, "regnskab_excel", d.aarhus.pk), "x", driftsherre_id=d.aarhus.pk, aar=AAR
    )
    assert igen.raekker[1].omkostninger == D("12500000") and igen.raekker[1].note == "Revideret regnskab"
    # the result: 11.900.000,50 + 25.000 − 12.500.000 = −574.999,50 (a deficit)
    side = _html(klient.get(_url("regnskab_oversigt", d.aarhus.pk)))
    assert "1 af 2 tilbud har et regnskab for 2018" in side
    assert "-574.999,50 kr." in side or "−574.999,50 kr." in side
    assert reverse("regnskab:resultat", args=[d.solhaven.pk, AAR]) in side


def test_regnskab_tom_raekke_sletter_intet_og_sekretariatet_retter(v: Verden) -> None:
    d = v.data
    Regnskab.objects.create(
        tilbud=d.solhaven, aar=AAR, omkostninger=D(100), takstindtaegter=D(90), grundlag=D(100), note="gl."
    )
    klient = v.klient(S)
    tomme = {(d.solhaven.pk, k): None for k in FULDT}
    fulde = {(v.engtoften.pk, k): val for k, val in FULDT.items()}
    data = _ret_regnskab(_hent(klient, "regnskab_excel", d.aarhus.pk), tomme | fulde)
    svar = _send(klient, "regnskab_import", d.aarhus.pk, data, "r.xlsx")
    assert svar.status_code == 200 and "1 tilbud ændret, 1 uændret" in _html(svar)
    assert Regnskab.objects.get(tilbud=d.solhaven, aar=AAR).omkostninger == D(100)  # kept
    ny = Regnskab.objects.get(tilbud=v.engtoften, aar=AAR)
    assert ny.history.latest().history_user == d.bruger(S)


def test_regnskab_med_fejl_indlaeses_slet_ikke(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    data = _ret_regnskab(
        _hent(klient, "regnskab_excel", d.aarhus.pk),
        {
            **{(d.solhaven.pk, k): val for k, val in FULDT.items()},  # valid, not saved either
            (d.solhaven.pk, "Grundlag for 5 %-reglen (kr.)"): 0,
            (v.engtoften.pk, "Note"): "kun en note",
        },
    )
    foer = _regnskaber()
    svar = _send(klient, "regnskab_import", d.aarhus.pk, data, "r.xlsx")
    assert svar.status_code == 400
    ark = 'r.xlsx, ark "Regnskab"'
    mangler = (
        "mangler; en række med et regnskab skal have omkostninger, takstindtægter og grundlag (lad hele "
        "rækken stå tom, hvis tilbuddet ikke har et regnskab)"
    )
    assert _fejlliste(svar) == [
        f'{ark}, række {R1}, kolonne C ("Omkostninger (kr.)"): {mangler}',
        f'{ark}, række {R1}, kolonne D ("Takstindtægter (kr.)"): {mangler}',
        f'{ark}, række {R1}, kolonne G ("Grundlag for 5 %-reglen (kr.)"): {mangler}',
        f'{ark}, række {R2}, kolonne G ("Grundlag for 5 %-reglen (kr.)"): "0" er 0; tallet skal være større end 0',
    ]
    assert _regnskaber() == foer


def test_regnskab_andres_og_ukendte_tilbud(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    fuldt = {(d.solhaven.pk, k): val for k, val in FULDT.items()} | {
        (v.engtoften.pk, k): val for k, val in FULDT.items()
    }
    data = _ret_regnskab(
        _ret_regnskab(_hent(klient, "regnskab_excel", d.aarhus.pk), fuldt),
        {(v.engtoften.pk, "Tilbud-ID"): d.kildebakken.pk, (d.solhaven.pk, "Tilbud-ID"): 424242},
    )
    foer = _regnskaber()
    svar = _send(klient, "regnskab_import", d.aarhus.pk, data, "r.xlsx")
    ark = 'r.xlsx, ark "Regnskab"'
    assert _fejlliste(svar) == [
        f'{ark}, række {R1}, kolonne A ("Tilbud-ID"): tilbuddet "Engtoften": id {d.kildebakken.pk} hører til '
        "en anden driftsherre",
        f'{ark}, række {R2}, kolonne A ("Tilbud-ID"): tilbuddet "{d.solhaven.navn}" findes ikke længere i '
        "registret (er det slettet?)",
    ]
    assert _regnskaber() == foer


def test_regnskab_motorens_validering(v: Verden) -> None:
    """The engine's `Resultatgrundlag` validates the accounts too (here: an agreement the
    rulebook does not know), and its error stops the import."""
    d = v.data
    klient = v.klient(DH)
    data = _ret_regnskab(
        _hent(klient, "regnskab_excel", d.aarhus.pk), {(d.solhaven.pk, k): val for k, val in FULDT.items()}
    )
    d.midt.kode = "atlantis"
    d.midt.save()
    foer = _regnskaber()
    svar = _send(klient, "regnskab_import", d.aarhus.pk, data, "r.xlsx")
    assert svar.status_code == 400
    [fejl] = _fejlliste(svar)
    assert fejl.startswith(
        f"r.xlsx, ark \"Regnskab\", række {R2}: beregningen afviser tallene: ukendt rammeaftale 'atlantis'"
    )
    assert _regnskaber() == foer


# --- access and links -------------------------------------------------------------------------

URLS = ("forbrug_excel", "forbrug_import", "regnskab_excel", "regnskab_import", "regnskab_oversigt")


@pytest.mark.parametrize("navn", URLS)
@pytest.mark.parametrize(("rolle", "status"), [(DA, 403), (L, 403), (SA, 404)])
def test_andre_faar_hverken_filer_eller_import(v: Verden, navn: str, rolle: str, status: int) -> None:
    d = v.data
    klient = v.klient(rolle)
    assert klient.get(_url(navn, d.aarhus.pk)).status_code == status
    if navn.endswith("_import"):
        foer = (_forbrug(), _regnskaber())
        data = _hent(v.klient(DH), navn.replace("_import", "_excel"), d.aarhus.pk)
        assert _send(klient, navn, d.aarhus.pk, data, "a.xlsx").status_code == status
        assert (_forbrug(), _regnskaber()) == foer


@pytest.mark.parametrize("navn", URLS)
def test_egne_og_sekretariatet_faar_adgang_andre_ikke(v: Verden, navn: str) -> None:
    d = v.data
    assert v.klient(DH).get(_url(navn, d.aarhus.pk)).status_code == 200
    assert v.klient(S).get(_url(navn, d.aarhus.pk)).status_code == 200
    assert v.klient(DH).get(_url(navn, d.randers.pk)).status_code == 403
    assert v.klient(S).get(_url(navn, 999999)).status_code == 404
    assert v.klient(S).get(_url(navn, d.aarhus.pk, 1900)).status_code == 404
    anonym = Client().get(_url(navn, d.aarhus.pk))
    assert anonym.status_code == 302 and anonym["Location"].startswith("/login/")


def test_links_fra_belaegning_og_resultat(v: Verden) -> None:
    d = v.data
    klient = v.klient(DH)
    belaegning = _html(klient.get(reverse("belaegning:belaegning", args=[d.aarhus.pk, AAR, 1])))
    assert _url("forbrug_excel", d.aarhus.pk) in belaegning
    assert _url("forbrug_import", d.aarhus.pk) in belaegning
    resultat = _html(klient.get(reverse("regnskab:resultat", args=[d.solhaven.pk, AAR])))
    assert _url("regnskab_oversigt", d.aarhus.pk) in resultat
    assert _url("regnskab_import", d.aarhus.pk) in resultat
    oversigt = _html(klient.get(_url("regnskab_oversigt", d.aarhus.pk)))
    assert (
        _url("regnskab_excel", d.aarhus.pk) in oversigt and _url("regnskab_import", d.aarhus.pk) in oversigt
    )
    importside = _html(klient.get(_url("regnskab_import", d.aarhus.pk)))
    assert 'enctype="multipart/form-data"' in importside and _url("regnskab_excel", d.aarhus.pk) in importside
