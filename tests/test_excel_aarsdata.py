"""The Excel templates of a year's used days (brugte dage) and accounts (regnskab) without
Django: build, parse, and every error with file, sheet, row and column."""

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
from socialstyring.io.excel import forbrug as xf
from socialstyring.io.excel import indberetning as xi
from socialstyring.io.excel import regnskab as xr
from socialstyring.io.excel.faelles import (
    ARK_METADATA,
    ARK_VEJLEDNING,
    FOERSTE_DATARAEKKE,
    HOVEDRAEKKE,
    Kolonne,
    Talfejl,
    gem,
    tjek_tal,
)

D = Decimal
R1, R2, R3 = FOERSTE_DATARAEKKE, FOERSTE_DATARAEKKE + 1, FOERSTE_DATARAEKKE + 2

FORBRUG = xf.Forbrugsskabelon(
    driftsherre_id=7,
    driftsherre="Aarhus Kommune",
    aar=2018,
    raekker=(
        xf.Forbrugsraekke(
            tilbud_id=3, ydelse_id=11, tilbud="Solbakken", ydelse="Botilbud", pladstype="Døgn",
            pladser=D("22"), q1=D("1800.50"), q2=D("1790"),
        ),
        xf.Forbrugsraekke(
            tilbud_id=3, ydelse_id=12, tilbud="Solbakken", ydelse="Aflastning", pladstype="Døgn", pladser=D("2"),
        ),
        xf.Forbrugsraekke(
            tilbud_id=5, ydelse_id=20, tilbud="Værkstedet Kilden", ydelse="Dagtilbud", pladstype="Dag",
            pladser=D("9"), q1=D("0"), q2=D("512.25"), q3=D("600"), q4=D("610.75"),
        ),
    ),
)  # fmt: skip

REGNSKAB = xr.Regnskabsskabelon(
    driftsherre_id=7,
    driftsherre="Aarhus Kommune",
    aar=2018,
    raekker=(
        xr.Regnskabsraekke(
            tilbud_id=3, tilbud="Solbakken", omkostninger=D("12500000"), takstindtaegter=D("12000000.50"),
            tillaegsindtaegter=D("150000"), andre_indtaegter=D("0"), grundlag=D("12400000"),
            note="Regnskab 2018:\nrevideret",
        ),
        xr.Regnskabsraekke(tilbud_id=5, tilbud="Værkstedet Kilden"),
        xr.Regnskabsraekke(
            tilbud_id=8, tilbud="Fjordhuset", omkostninger=D("1000"), takstindtaegter=D("0"), grundlag=D("1"),
            note="=ikke en formel",
        ),
    ),
)  # fmt: skip

FF = "brugte-dage_2018.xlsx"
FR = "regnskab_2018.xlsx"


def _kol(kolonner: tuple[Kolonne, ...], overskrift: str) -> int:
    return next(i for i, k in enumerate(kolonner, start=1) if k.overskrift == overskrift)


def _ret_forbrug(aendringer: dict[tuple[int, str], Any]) -> bytes:
    wb = xf.byg_projektmappe(FORBRUG)
    for (raekke, overskrift), vaerdi in aendringer.items():
        wb[xf.ARK_FORBRUG].cell(raekke, _kol(xf.KOLONNER, overskrift)).value = vaerdi
    return gem(wb)


def _ret_regnskab(aendringer: dict[tuple[int, str], Any]) -> bytes:
    wb = xr.byg_projektmappe(REGNSKAB)
    for (raekke, overskrift), vaerdi in aendringer.items():
        wb[xr.ARK_REGNSKAB].cell(raekke, _kol(xr.KOLONNER, overskrift)).value = vaerdi
    return gem(wb)


def _laes_forbrug(
    data: bytes, fil: str = FF, driftsherre_id: int = 7, aar: int = 2018
) -> xf.Forbrugsindlaesning:
    return xf.laes_forbrug(data, fil, driftsherre_id=driftsherre_id, aar=aar, driftsherre="Aarhus Kommune")


def _laes_regnskab(
    data: bytes, fil: str = FR, driftsherre_id: int = 7, aar: int = 2018
) -> xr.Regnskabsindlaesning:
    return xr.laes_regnskab(data, fil, driftsherre_id=driftsherre_id, aar=aar, driftsherre="Aarhus Kommune")


def _fejl_forbrug(data: bytes, **kw: Any) -> list[str]:
    ind = _laes_forbrug(data, **kw)
    assert not ind.ok
    return [str(f) for f in ind.fejl]


def _fejl_regnskab(data: bytes, **kw: Any) -> list[str]:
    ind = _laes_regnskab(data, **kw)
    assert not ind.ok
    return [str(f) for f in ind.fejl]


# --- used days: round trip and layout ---------------------------------------------------------


def test_forbrug_rundtur() -> None:
    ind = _laes_forbrug(xf.byg_skabelon(FORBRUG))
    assert ind.ok, ind.fejl
    assert ind.raekker == FORBRUG.raekker
    assert [r.raekke for r in ind.raekker] == [R1, R2, R3]
    assert ind.raekker[0].udfyldte == {1: D("1800.50"), 2: D("1790")}


def test_forbrug_projektmappens_opbygning() -> None:
    wb = load_workbook(BytesIO(xf.byg_skabelon(FORBRUG)))
    assert wb.sheetnames == [xf.ARK_FORBRUG, ARK_VEJLEDNING, ARK_METADATA]
    assert wb[ARK_METADATA].sheet_state == "veryHidden"
    ws = wb[xf.ARK_FORBRUG]
    assert [c.value for c in ws[HOVEDRAEKKE]] == [
        "Tilbud-ID", "Ydelse-ID", "Tilbud", "Ydelse", "Pladstype", "Pladser",
        "Brugte dage Q1", "Brugte dage Q2", "Brugte dage Q3", "Brugte dage Q4",
    ]  # fmt: skip
    assert ws.protection.sheet
    for laast in ("Tilbud-ID", "Ydelse-ID", "Tilbud", "Pladser"):
        assert ws.cell(R1, _kol(xf.KOLONNER, laast)).protection.locked, laast
    for k in xf.KVARTALER:
        assert not ws.cell(R1, _kol(xf.KOLONNER, xf.kvartalskolonne(k))).protection.locked
    assert ws.cell(R3, _kol(xf.KOLONNER, "Brugte dage Q4")).value == D("610.75")
    vejledning = " ".join(str(c.value) for row in wb[ARK_VEJLEDNING].iter_rows() for c in row if c.value)
    assert "En tom celle ændrer intet" in vejledning


def test_forbrug_tal_som_tekst_og_tomme_celler() -> None:
    ind = _laes_forbrug(
        _ret_forbrug(
            {(R1, "Brugte dage Q1"): "1.234,50", (R1, "Brugte dage Q2"): "  ", (R2, "Brugte dage Q3"): 7}
        )
    )
    assert ind.ok, ind.fejl
    assert ind.raekker[0].udfyldte == {1: D("1234.50")}
    assert ind.raekker[1].udfyldte == {3: D("7")}


def test_forbrug_kolonner_kan_flyttes() -> None:
    wb = xf.byg_projektmappe(FORBRUG)
    wb[xf.ARK_FORBRUG].move_range(f"A{HOVEDRAEKKE}:J{R3}", cols=3)
    ind = _laes_forbrug(gem(wb))
    assert ind.ok, ind.fejl
    assert ind.raekker == FORBRUG.raekker


# --- used days: every error -----------------------------------------------------------------


def test_forbrug_alle_cellefejl_samles_med_ark_raekke_og_kolonne() -> None:
    data = _ret_forbrug(
        {
            (R1, "Brugte dage Q1"): "12x",
            (R1, "Brugte dage Q3"): -5,
            (R2, "Brugte dage Q2"): "10,123",
            (R3, "Brugte dage Q4"): datetime(2018, 5, 1),
            (R3, "Brugte dage Q1"): "100.000.000",
        }
    )
    ark = f'{FF}, ark "Brugte dage"'
    assert _fejl_forbrug(data) == [
        f'{ark}, række {R1}, kolonne G ("Brugte dage Q1"): "12x" er ikke et tal',
        f'{ark}, række {R1}, kolonne I ("Brugte dage Q3"): "-5" er negativt; tallet skal være 0 eller større',
        f'{ark}, række {R2}, kolonne H ("Brugte dage Q2"): "10,123" har mere end 2 decimaler',
        f'{ark}, række {R3}, kolonne G ("Brugte dage Q1"): "100.000.000" er for stort (højst 99.999.999,99)',
        f'{ark}, række {R3}, kolonne J ("Brugte dage Q4"): "01-05-2018" er en dato, ikke et tal '
        "(Excel læser fx 1.5 som en dato: skriv 1,5 eller formatér cellen som tal)",
    ]


def test_forbrug_raekker_uden_fejl_returneres_sammen_med_fejlene() -> None:
    ind = _laes_forbrug(_ret_forbrug({(R2, "Brugte dage Q1"): "x"}))
    assert ind.arket_laest and ind.med_fejl == {12}
    assert [r.ydelse_id for r in ind.raekker] == [11, 20]


def test_forbrug_dubleret_tilfoejet_og_ugyldigt_id() -> None:
    data = _ret_forbrug(
        {
            (R2, "Ydelse-ID"): 11,
            (R3, "Ydelse-ID"): "tyve",
            (R3 + 1, "Ydelse"): "Ny ydelse",
            (R3 + 1, "Brugte dage Q1"): 10,
        }
    )
    ark = f'{FF}, ark "Brugte dage"'
    ny = "mangler; rækker må ikke tilføjes (nye ydelser oprettes i registret), og nøglekolonnerne må ikke ændres"
    assert _fejl_forbrug(data) == [
        f'{ark}, række {R2}, kolonne B ("Ydelse-ID"): ydelse 11 står også i række {R1}; hver ydelse må kun '
        "stå én gang (rækker må ikke kopieres)",
        f'{ark}, række {R3}, kolonne B ("Ydelse-ID"): "tyve" er ikke et gyldigt id; nøglekolonnerne må ikke ændres',
        f'{ark}, række {R3 + 1}, kolonne A ("Tilbud-ID"): {ny}',
        f'{ark}, række {R3 + 1}, kolonne B ("Ydelse-ID"): {ny}',
    ]


def test_forbrug_anden_driftsherre_og_andet_aar() -> None:
    data = xf.byg_skabelon(FORBRUG)
    assert _fejl_forbrug(data, driftsherre_id=8, aar=2019) == [
        f'{FF}: filen er skabelonen for driftsherre "Aarhus Kommune" (id 7), men her indlæses for '
        '"Aarhus Kommune" (id 8)',
        f"{FF}: filen er skabelonen for 2018, men forbruget her gælder 2019",
    ]


def test_forbrug_andet_format_og_version() -> None:
    takster = xi.byg_skabelon(xi.Skabelon(7, "Aarhus Kommune", 2018))
    ikke = (
        f'{FF}: filen er ikke en skabelon til brugte dage fra Socialstyring (det skjulte ark "Metadata" '
        "mangler eller er ændret); hent skabelonen i Socialstyring"
    )
    assert _fejl_forbrug(takster) == [ikke]
    regnskab = xr.byg_skabelon(xr.Regnskabsskabelon(7, "Aarhus Kommune", 2018))
    assert _fejl_forbrug(regnskab) == [ikke]
    wb = xf.byg_projektmappe(FORBRUG)
    meta = wb[ARK_METADATA]
    assert isinstance(meta, Worksheet)
    meta["B3"] = 3
    assert _fejl_forbrug(gem(wb)) == [
        f"{FF}: filen har formatversion 3, men Socialstyring læser version 2; hent en ny skabelon"
    ]


def test_forbrug_manglende_ark_og_kolonne() -> None:
    wb = xf.byg_projektmappe(FORBRUG)
    wb[xf.ARK_FORBRUG].title = "Ark1"
    assert _fejl_forbrug(gem(wb)) == [f'{FF}: arket "Brugte dage" mangler (er det omdøbt eller slettet?)']
    wb = xf.byg_projektmappe(FORBRUG)
    wb[xf.ARK_FORBRUG].cell(HOVEDRAEKKE, _kol(xf.KOLONNER, "Brugte dage Q3")).value = "Q3"
    assert _fejl_forbrug(gem(wb)) == [
        f'{FF}, ark "Brugte dage", række {HOVEDRAEKKE}, kolonne "Brugte dage Q3": kolonnen mangler '
        "(er den omdøbt eller slettet? Overskrifterne må ikke ændres)"
    ]


def test_forbrug_ikke_en_projektmappe() -> None:
    assert _fejl_forbrug(b"Tilbud;Q1\nSolbakken;12\n", fil="dage.csv") == [
        "dage.csv: filen er ikke en Excel-projektmappe (.xlsx); hent skabelonen i Socialstyring, udfyld den "
        "og gem den som Excel-projektmappe"
    ]
    assert _fejl_forbrug(b"", fil="tom.xlsx") == ["tom.xlsx: filen er tom"]
    wb = Workbook()
    assert _fejl_forbrug(gem(wb))[0].startswith(f"{FF}: filen er ikke en skabelon til brugte dage")


# --- accounts -----------------------------------------------------------------------------------


def test_regnskab_rundtur() -> None:
    ind = _laes_regnskab(xr.byg_skabelon(REGNSKAB))
    assert ind.ok, ind.fejl
    assert ind.raekker == REGNSKAB.raekker
    assert ind.raekker[1].tom and not ind.raekker[0].tom
    ws = load_workbook(BytesIO(xr.byg_skabelon(REGNSKAB)))[xr.ARK_REGNSKAB]
    assert [c.value for c in ws[HOVEDRAEKKE]] == [
        "Tilbud-ID", "Tilbud", "Omkostninger (kr.)", "Takstindtægter (kr.)", "Tillægsindtægter (kr.)",
        "Andre indtægter (kr.)", "Grundlag for 5 %-reglen (kr.)", "Note",
    ]  # fmt: skip
    assert ws.cell(R1, 1).protection.locked and not ws.cell(R1, 3).protection.locked
    celle = ws.cell(R3, _kol(xr.KOLONNER, "Note"))
    assert celle.data_type == "s" and celle.value == "=ikke en formel"


def test_regnskab_danske_tal_og_tomme_indtaegter() -> None:
    ind = _laes_regnskab(
        _ret_regnskab(
            {
                (R2, "Omkostninger (kr.)"): "1.234.567,89",
                (R2, "Takstindtægter (kr.)"): 1200000.1,
                (R2, "Grundlag for 5 %-reglen (kr.)"): "1234567.89",
            }
        )
    )
    assert ind.ok, ind.fejl
    r = ind.raekker[1]
    assert (r.omkostninger, r.takstindtaegter, r.grundlag) == (
        D("1234567.89"),
        D("1200000.10"),
        D("1234567.89"),
    )
    assert r.tillaegsindtaegter is None and r.andre_indtaegter is None


def test_regnskab_paakraevede_felter_i_en_udfyldt_raekke() -> None:
    data = _ret_regnskab({(R2, "Note"): "kun en note", (R1, "Takstindtægter (kr.)"): None})
    ark = f'{FR}, ark "Regnskab"'
    besked = (
        "mangler; en række med et regnskab skal have omkostninger, takstindtægter og grundlag (lad hele "
        "rækken stå tom, hvis tilbuddet ikke har et regnskab)"
    )
    ind = _laes_regnskab(data)
    assert [str(f) for f in ind.fejl] == [
        f'{ark}, række {R1}, kolonne D ("Takstindtægter (kr.)"): {besked}',
        f'{ark}, række {R2}, kolonne C ("Omkostninger (kr.)"): {besked}',
        f'{ark}, række {R2}, kolonne D ("Takstindtægter (kr.)"): {besked}',
        f'{ark}, række {R2}, kolonne G ("Grundlag for 5 %-reglen (kr.)"): {besked}',
    ]
    assert ind.med_fejl == {3, 5}
    assert [r.tilbud_id for r in ind.raekker] == [8]


def test_regnskab_cellefejl() -> None:
    data = _ret_regnskab(
        {
            (R1, "Omkostninger (kr.)"): "mange",
            (R1, "Grundlag for 5 %-reglen (kr.)"): 0,
            (R3, "Andre indtægter (kr.)"): "-1,50",
            (R3, "Note"): "x" * 5001,
            (R3, "Tilbud-ID"): None,
        }
    )
    ark = f'{FR}, ark "Regnskab"'
    assert _fejl_regnskab(data) == [
        f'{ark}, række {R1}, kolonne C ("Omkostninger (kr.)"): "mange" er ikke et tal',
        f'{ark}, række {R1}, kolonne G ("Grundlag for 5 %-reglen (kr.)"): "0" er 0; tallet skal være større end 0',
        f'{ark}, række {R3}, kolonne A ("Tilbud-ID"): mangler; rækker må ikke tilføjes (nye tilbud oprettes i '
        "registret), og nøglekolonnerne må ikke ændres",
        f'{ark}, række {R3}, kolonne F ("Andre indtægter (kr.)"): "-1,50" er negativt; tallet skal være 0 eller større',
        f'{ark}, række {R3}, kolonne H ("Note"): teksten er 5.001 tegn; højst 5.000 er tilladt',
    ]


def test_regnskab_dubleret_raekke() -> None:
    assert _fejl_regnskab(_ret_regnskab({(R3, "Tilbud-ID"): 3})) == [
        f'{FR}, ark "Regnskab", række {R3}, kolonne A ("Tilbud-ID"): tilbud 3 står også i række {R1}; hvert '
        "tilbud må kun stå én gang (rækker må ikke kopieres)"
    ]


def test_regnskab_fil_til_andet_aar_og_format() -> None:
    assert _fejl_regnskab(xr.byg_skabelon(REGNSKAB), aar=2017) == [
        f"{FR}: filen er skabelonen for 2018, men regnskabet her gælder 2017"
    ]
    assert _fejl_regnskab(xf.byg_skabelon(FORBRUG))[0].startswith(
        f"{FR}: filen er ikke en regnskabsskabelon fra Socialstyring"
    )


# --- numbers and the refactored rate template ------------------------------------------------------


def test_tjek_tal_regler() -> None:
    assert tjek_tal("1.234,5", maks=D(10000)) == D("1234.50")
    with pytest.raises(Talfejl, match="ligger uden for 0–150 %"):
        tjek_tal(151, maks=D(150), interval="0–150 %")
    with pytest.raises(Talfejl, match="skal være større end 0"):
        tjek_tal("0,00", maks=D(1), positivt=True)


def test_takstskabelonen_afviser_en_forbrugsfil() -> None:
    ind = xi.laes_indberetning(xf.byg_skabelon(FORBRUG), "x.xlsx", driftsherre_id=7, aar=2018)
    assert [str(f) for f in ind.fejl] == [
        'x.xlsx: filen er ikke en takstskabelon fra Socialstyring (det skjulte ark "Metadata" mangler '
        "eller er ændret); hent skabelonen i Socialstyring"
    ]


dage = st.decimals(min_value=0, max_value=xf.MAKS_DAGE, places=2, allow_nan=False)
beloeb = st.decimals(min_value=0, max_value=xr.MAKS_BELOEB, places=2, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(q1=dage, q4=dage, omk=beloeb, grundlag=beloeb.filter(lambda d: d > 0))
def test_rundtur_for_tal_med_to_decimaler(q1: Decimal, q4: Decimal, omk: Decimal, grundlag: Decimal) -> None:
    f = xf.Forbrugsraekke(tilbud_id=1, ydelse_id=2, q1=q1, q4=q4)
    ind = _laes_forbrug(xf.byg_skabelon(xf.Forbrugsskabelon(7, "A", 2018, (f,))))
    assert ind.ok and ind.raekker == (f,)
    r = xr.Regnskabsraekke(tilbud_id=1, omkostninger=omk, takstindtaegter=omk, grundlag=grundlag)
    ind2 = _laes_regnskab(xr.byg_skabelon(xr.Regnskabsskabelon(7, "A", 2018, (r,))))
    assert ind2.ok and ind2.raekker == (r,)
    # the Danish text form reads back the same
    assert tjek_tal(dansk_tal(omk, 2), maks=xr.MAKS_BELOEB) == omk
