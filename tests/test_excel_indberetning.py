"""The rate report's Excel template without Django: build, parse, and every error's message."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.excel.indberetning import (
    ARK_METADATA,
    ARK_TAKSTER,
    ARK_VEJLEDNING,
    FOERSTE_DATARAEKKE,
    HOVEDRAEKKE,
    KOLONNER,
    Fejl,
    Indlaesning,
    Skabelon,
    Takstraekke,
    Talfejl,
    byg_projektmappe,
    byg_skabelon,
    kontroller_tal,
    laes_indberetning,
    tolk_tal,
)

FIL = "takster_2019.xlsx"
D = Decimal

RAEKKER = (
    Takstraekke(
        tilbud_id=3,
        ydelse_id=11,
        tilbud="Solbakken",
        afdeling="Hus A",
        ydelse="Længerevarende botilbud § 108",
        pladstype="Døgn",
        takstenhed="kr. pr. døgn",
        pladser=D("24"),
        belaegning_pct=D("96.5"),
        sidste_aars_takst=D("2051.17"),
        takst=D("2104.50"),
        kilde_tekst="Byrådsbeslutning 12-09-2018",
        begrundelse="Ny normering:\nto nattevagter",
    ),
    Takstraekke(
        tilbud_id=3,
        ydelse_id=12,
        tilbud="Solbakken",
        ydelse="Aflastning",
        pladstype="Døgn",
        takstenhed="kr. pr. døgn",
        pladser=D("2"),
        belaegning_pct=D("80"),
        takst=D("1987.25"),
        kilde_tekst="=beregnet i økonomisystemet",  # text, not a formula
        takst_beregnet=True,
    ),
    Takstraekke(tilbud_id=5, ydelse_id=20, tilbud="Værkstedet Kilden", ydelse="Dagtilbud § 104"),
)
SKABELON = Skabelon(driftsherre_id=7, driftsherre="Aarhus Kommune", aar=2019, raekker=RAEKKER)


def _laes(data: bytes, fil: str = FIL, driftsherre_id: int = 7, aar: int = 2019) -> Indlaesning:
    return laes_indberetning(data, fil, driftsherre_id=driftsherre_id, aar=aar, driftsherre="Aarhus Kommune")


def _gem(wb: Workbook) -> bytes:
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue()


def _kol(overskrift: str) -> int:
    return next(i for i, k in enumerate(KOLONNER, start=1) if k.overskrift == overskrift)


def _ret(aendringer: dict[tuple[int, str], Any], skabelon: Skabelon = SKABELON) -> bytes:
    """The template with cells changed: {(sheet row, column header): value}."""
    wb = byg_projektmappe(skabelon)
    ws = wb[ARK_TAKSTER]
    for (raekke, overskrift), vaerdi in aendringer.items():
        ws.cell(raekke, _kol(overskrift)).value = vaerdi
    return _gem(wb)


def _fejl(data: bytes, fil: str = FIL, driftsherre_id: int = 7, aar: int = 2019) -> list[str]:
    ind = _laes(data, fil, driftsherre_id, aar)
    assert not ind.ok
    return [str(f) for f in ind.fejl]


R1, R2, R3 = FOERSTE_DATARAEKKE, FOERSTE_DATARAEKKE + 1, FOERSTE_DATARAEKKE + 2


# --- round trip ----------------------------------------------------------------------


def test_rundtur_giver_input_tilbage() -> None:
    ind = _laes(byg_skabelon(SKABELON))
    assert ind.ok, ind.fejl
    assert ind.raekker == RAEKKER
    assert [r.raekke for r in ind.raekker] == [R1, R2, R3]


def test_tom_skabelon() -> None:
    ind = _laes(byg_skabelon(Skabelon(7, "Aarhus Kommune", 2019)))
    assert ind.ok and ind.raekker == ()


def test_projektmappens_opbygning() -> None:
    wb = load_workbook(BytesIO(byg_skabelon(SKABELON)))
    assert wb.sheetnames == [ARK_TAKSTER, ARK_VEJLEDNING, ARK_METADATA]
    assert wb[ARK_METADATA].sheet_state == "veryHidden"
    ws = wb[ARK_TAKSTER]
    assert [c.value for c in ws[HOVEDRAEKKE]] == [k.overskrift for k in KOLONNER]
    assert ws.protection.sheet
    # key and reference columns are locked, the figures open; a computed rate is locked
    assert ws.cell(R1, _kol("Ydelse-ID")).protection.locked
    assert ws.cell(R1, _kol("Takst sidste år (kr.)")).protection.locked
    assert not ws.cell(R1, _kol("Takst (kr.)")).protection.locked
    assert ws.cell(R2, _kol("Takst (kr.)")).protection.locked
    assert ws.cell(R2, _kol("Takst (kr.)")).comment is not None
    # text that looks like a formula stays text
    celle = ws.cell(R2, _kol("Kilde/bemærkning"))
    assert celle.data_type == "s" and celle.value == "=beregnet i økonomisystemet"
    vejledning = " ".join(str(c.value) for row in wb[ARK_VEJLEDNING].iter_rows() for c in row if c.value)
    assert "decimalkomma" in vejledning and "Rækker må ikke tilføjes eller slettes" in vejledning


def test_kolonner_findes_paa_overskriften_ogsaa_flyttet() -> None:
    wb = byg_projektmappe(SKABELON)
    ws = wb[ARK_TAKSTER]
    ws.move_range(f"A{HOVEDRAEKKE}:M{R3}", cols=2)  # everything two columns to the right
    ind = _laes(_gem(wb))
    assert ind.ok, ind.fejl
    assert ind.raekker == RAEKKER


def test_tomme_raekker_springes_over() -> None:
    wb = byg_projektmappe(SKABELON)
    wb[ARK_TAKSTER].cell(R3 + 5, _kol("Kilde/bemærkning")).value = "   "
    assert _laes(_gem(wb)).raekker == RAEKKER


# --- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        ("1.234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("  12 ", "12"),
        (",5", "0.5"),
    ],
)
def test_tal_som_tekst_med_komma_eller_punktum(tekst: str, forventet: str) -> None:
    assert kontroller_tal("takst", tekst) == D(forventet)


def test_decimalkomma_og_punktum_i_filen() -> None:
    ind = _laes(_ret({(R1, "Takst (kr.)"): "1.234,50", (R3, "Takst (kr.)"): "1234.50"}))
    assert ind.ok, ind.fejl
    assert ind.raekker[0].takst == D("1234.50") == ind.raekker[2].takst


def test_talceller_laeses_med_excels_praecision() -> None:
    assert tolk_tal(1020.0000000000001) == D("1020")  # =1000*1.02 in Excel
    assert tolk_tal(0.1 + 0.2) == D("0.3")
    assert tolk_tal(7) == D(7)
    assert tolk_tal(None) is None and tolk_tal("  ") is None


@pytest.mark.parametrize(
    ("vaerdi", "besked"),
    [
        ("12x", '"12x" er ikke et tal'),
        ("1,2,3", '"1,2,3" er ikke et tal'),
        (True, '"SAND" er ikke et tal'),
        ("-5", '"-5" er negativt; tallet skal være 0 eller større'),
        (-5, '"-5" er negativt; tallet skal være 0 eller større'),
        ("12,345", '"12,345" har mere end 2 decimaler'),
        (
            "1.234",
            '"1.234" har mere end 2 decimaler (er punktummet tusindtalsskilletegn, så skriv 1234 eller 1.234,00)',
        ),
        ("1.000.000.000.000", '"1.000.000.000.000" er for stort (højst 999.999.999.999,99)'),
    ],
)
def test_ugyldige_tal(vaerdi: object, besked: str) -> None:
    with pytest.raises(Talfejl) as fejl:
        kontroller_tal("takst", vaerdi)
    assert str(fejl.value) == besked


# --- every error, with file, sheet, row and column --------------------------------------


def test_ikke_et_tal_navngiver_fil_ark_raekke_og_kolonne() -> None:
    assert _fejl(_ret({(R1, "Takst (kr.)"): "12x"})) == [
        f'takster_2019.xlsx, ark "Takster", række {R1}, kolonne K ("Takst (kr.)"): "12x" er ikke et tal'
    ]


def test_alle_fejl_samles() -> None:
    data = _ret(
        {
            (R1, "Takst (kr.)"): "12x",
            (R1, "Pladser"): -1,
            (R2, "Budgetteret belægning %"): 151,
            (R3, "Budgetteret belægning %"): "97,555",
            (R3, "Kilde/bemærkning"): "x" * 501,
        }
    )
    assert _fejl(data) == [
        f'{FIL}, ark "Takster", række {R1}, kolonne H ("Pladser"): "-1" er negativt; tallet skal være 0 eller større',
        f'{FIL}, ark "Takster", række {R1}, kolonne K ("Takst (kr.)"): "12x" er ikke et tal',
        f'{FIL}, ark "Takster", række {R2}, kolonne I ("Budgetteret belægning %"): "151" ligger uden for 0–150 %',
        f'{FIL}, ark "Takster", række {R3}, kolonne I ("Budgetteret belægning %"): "97,555" har mere end 2 decimaler',
        f'{FIL}, ark "Takster", række {R3}, kolonne L ("Kilde/bemærkning"): teksten er 501 tegn; højst 500 er tilladt',
    ]


def test_raekker_uden_fejl_returneres_sammen_med_fejlene() -> None:
    ind = _laes(_ret({(R1, "Takst (kr.)"): "12x"}))
    assert not ind.ok and ind.arket_laest
    assert ind.raekker == RAEKKER[1:]
    assert ind.med_fejl == {11}
    stop = _laes(byg_skabelon(SKABELON), aar=2020)
    assert not stop.arket_laest and stop.raekker == ()


def test_begrundelse_for_lang() -> None:
    assert _fejl(_ret({(R1, "Begrundelse for takstudvikling"): "x" * 5001})) == [
        f'{FIL}, ark "Takster", række {R1}, kolonne M ("Begrundelse for takstudvikling"): '
        "teksten er 5.001 tegn; højst 5.000 er tilladt"
    ]


def test_dato_i_talkolonne() -> None:
    assert _fejl(_ret({(R1, "Pladser"): datetime(2019, 5, 1)})) == [
        f'{FIL}, ark "Takster", række {R1}, kolonne H ("Pladser"): "01-05-2019" er en dato, ikke et tal '
        "(Excel læser fx 1.5 som en dato: skriv 1,5 eller formatér cellen som tal)"
    ]


def test_ikke_en_projektmappe() -> None:
    besked = (
        "filen er ikke en Excel-projektmappe (.xlsx); hent skabelonen i Socialstyring, udfyld den "
        "og gem den som Excel-projektmappe"
    )
    assert _fejl(b"Tilbud;Ydelse;Takst\nSolbakken;Aflastning;12\n", fil="takster.csv") == [
        f"takster.csv: {besked}"
    ]
    assert _fejl(b"", fil="tom.xlsx") == ["tom.xlsx: filen er tom"]


def test_fremmed_projektmappe_uden_metadata() -> None:
    wb = Workbook()
    assert wb.active is not None
    wb.active.title = ARK_TAKSTER
    assert _fejl(_gem(wb)) == [
        f'{FIL}: filen er ikke en takstskabelon fra Socialstyring (det skjulte ark "Metadata" mangler '
        "eller er ændret); hent skabelonen i Socialstyring"
    ]


def test_manglende_ark() -> None:
    wb = byg_projektmappe(SKABELON)
    wb[ARK_TAKSTER].title = "Ark1"
    assert _fejl(_gem(wb)) == [f'{FIL}: arket "Takster" mangler (er det omdøbt eller slettet?)']


def test_anden_driftsherre_og_andet_aar() -> None:
    data = byg_skabelon(SKABELON)
    assert _fejl(data, driftsherre_id=8) == [
        f'{FIL}: filen er skabelonen for driftsherre "Aarhus Kommune" (id 7), men her indlæses for '
        '"Aarhus Kommune" (id 8)'
    ]
    assert _fejl(data, aar=2020) == [
        f"{FIL}: filen er skabelonen for 2019, men indberetningen her gælder 2020"
    ]


def test_anden_formatversion() -> None:
    wb = byg_projektmappe(SKABELON)
    ws = wb[ARK_METADATA]
    assert isinstance(ws, Worksheet)
    ws["B3"] = 99
    assert _fejl(_gem(wb)) == [
        f"{FIL}: filen har formatversion 99, men Socialstyring læser version 2; hent en ny skabelon"
    ]


def test_omdoebt_kolonne() -> None:
    wb = byg_projektmappe(SKABELON)
    wb[ARK_TAKSTER].cell(HOVEDRAEKKE, _kol("Takst (kr.)")).value = "Takst 2019"
    assert _fejl(_gem(wb)) == [
        f'{FIL}, ark "Takster", række {HOVEDRAEKKE}, kolonne "Takst (kr.)": kolonnen mangler '
        "(er den omdøbt eller slettet? Overskrifterne må ikke ændres)"
    ]


def test_kolonne_to_gange() -> None:
    wb = byg_projektmappe(SKABELON)
    wb[ARK_TAKSTER].cell(HOVEDRAEKKE, len(KOLONNER) + 1).value = "Takst (kr.)"
    assert _fejl(_gem(wb)) == [
        f'{FIL}, ark "Takster", række {HOVEDRAEKKE}, kolonne "Takst (kr.)": kolonnen står 2 gange; '
        "den må kun stå én gang"
    ]


def test_dubleret_raekke() -> None:
    assert _fejl(_ret({(R2, "Ydelse-ID"): 11, (R2, "Tilbud-ID"): 3})) == [
        f'{FIL}, ark "Takster", række {R2}, kolonne B ("Ydelse-ID"): ydelse 11 står også i række {R1}; '
        "hver ydelse må kun stå én gang (rækker må ikke kopieres)"
    ]


def test_tilfoejet_raekke_uden_id() -> None:
    data = _ret({(R3 + 1, "Ydelse"): "Ny ydelse", (R3 + 1, "Takst (kr.)"): 100})
    besked = "mangler; rækker må ikke tilføjes (nye ydelser oprettes i registret), og nøglekolonnerne må ikke ændres"
    assert _fejl(data) == [
        f'{FIL}, ark "Takster", række {R3 + 1}, kolonne A ("Tilbud-ID"): {besked}',
        f'{FIL}, ark "Takster", række {R3 + 1}, kolonne B ("Ydelse-ID"): {besked}',
    ]


def test_ugyldigt_id() -> None:
    assert _fejl(_ret({(R1, "Ydelse-ID"): "elleve"})) == [
        f'{FIL}, ark "Takster", række {R1}, kolonne B ("Ydelse-ID"): "elleve" er ikke et gyldigt id; '
        "nøglekolonnerne må ikke ændres"
    ]


def test_fejl_som_tekst() -> None:
    assert str(Fejl("a.xlsx", "problem")) == "a.xlsx: problem"
    assert str(Fejl("a.xlsx", "problem", "Takster")) == 'a.xlsx, ark "Takster": problem'
    assert str(Fejl("a.xlsx", "problem", "Takster", 7, "Takst (kr.)")) == (
        'a.xlsx, ark "Takster", række 7, kolonne "Takst (kr.)": problem'
    )
    assert str(Fejl("a.xlsx", "problem", "Takster", 7, "Takst (kr.)", bogstav="K")) == (
        'a.xlsx, ark "Takster", række 7, kolonne K ("Takst (kr.)"): problem'
    )


# --- property: any amount with 2 decimals survives the round trip ------------------------

beloeb = st.decimals(min_value=0, max_value=D("999999999999.99"), places=2, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(takst=beloeb, pladser=st.decimals(min_value=0, max_value=D("999999.99"), places=2))
def test_rundtur_for_beloeb_med_to_decimaler(takst: Decimal, pladser: Decimal) -> None:
    r = Takstraekke(tilbud_id=1, ydelse_id=2, takst=takst, pladser=pladser, sidste_aars_takst=takst)
    ind = _laes(byg_skabelon(Skabelon(7, "Aarhus Kommune", 2019, (r,))))
    assert ind.ok, ind.fejl
    assert ind.raekker == (r,)


@given(takst=beloeb)
def test_tal_som_tekst_begge_skrivemaader(takst: Decimal) -> None:
    assert kontroller_tal("takst", dansk_tal(takst, 2)) == takst  # 1.234,50
    assert kontroller_tal("takst", f"{takst:.2f}") == takst  # 1234.50
