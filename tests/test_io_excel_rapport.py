"""The framework's report writer (`io.excel.rapport`) and the two report workbooks declared
with it: the published catalogue (`io.excel.katalog`) and the management information
(`io.excel.ledelsesinfo`). Every workbook is read back with openpyxl."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.beregning.ledelsesinfo import (
    Ledelsesinfo,
    Ledelsesinfogrundlag,
    beregn_ledelsesinfo,
    konsistens,
)
from socialstyring.io.cases import laes_case
from socialstyring.io.excel.faelles import HOVED
from socialstyring.io.excel.katalog import (
    ARK_KATALOG,
    ARK_MANGLER,
    KR_FORMAT,
    Filtilbud,
    Filydelse,
    Katalogfil,
    ManglendeDriftsherre,
    byg_katalog,
)
from socialstyring.io.excel.ledelsesinfo import byg_excel, byg_kontrol
from socialstyring.io.excel.rapport import (
    Afsnit,
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    Tal,
    Tekstark,
    byg_rapport,
    talformat,
)
from socialstyring.io.kilder import seed004
from socialstyring.regler import regelbog

D = Decimal
CASE = Path(__file__).parent / "cases" / "ledelsesinfo_midtjylland_2018_2019_haandregnet.yaml"
FORMEL = "=SUM(A1)"


def _bog(data: bytes) -> Workbook:
    return load_workbook(BytesIO(data))


def _ark(bog: Workbook, navn: str) -> Worksheet:
    ws = bog[navn]
    assert isinstance(ws, Worksheet)
    return ws


def _celle(ws: Worksheet, koordinat: str) -> Cell:
    c = ws[koordinat]
    assert isinstance(c, Cell)
    return c


def _formler(data: bytes) -> list[str]:
    """The sheets of an .xlsx file that hold a formula (an <f> element) anywhere."""
    with zipfile.ZipFile(BytesIO(data)) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


# --- the writer ------------------------------------------------------------------------------

KOLONNER = (
    Rapportkolonne("Navn", 20),
    Rapportkolonne("Antal", 10, "heltal"),
    Rapportkolonne("Årspladser", 10, "decimal", 1),
    Rapportkolonne("Takst", 14, "kr"),
    Rapportkolonne("Belægning %", 10, "procent", 1),
    Rapportkolonne("Andet", 10, "tal"),
    Rapportkolonne("Forklaring", 60, ombryd=True),
)


def _rapportark(**andet: object) -> Rapportark:
    return Rapportark(
        navn="Tabel",
        titel="Tabel 1 – æøå",
        undertitler=("Første linje", "Anden linje"),
        kolonner=KOLONNER,
        raekker=(
            Rapportraekke(("Skive", 1234, D("19.25"), D("2295.5"), D("97.5"), D("1.23456"), "lang tekst")),
            Rapportraekke(("Viborg", None, Tal(D("9"), 0), None, Tal(D("90"), 2), None, "")),
            Rapportraekke(("I alt", 1234, D("28.25"), D("2295.5"), None, None, None), total=True),
        ),
        **andet,  # type: ignore[arg-type]
    )


def test_talformater_pr_kolonneart() -> None:
    assert [k.talformat for k in KOLONNER] == [
        "General",
        "#,##0",
        "#,##0.0",
        '#,##0.00 "kr."',
        "0.0",
        "General",
        "General",
    ]
    assert talformat("decimal", 0) == "#,##0" and talformat("decimal", 3) == "#,##0.000"
    assert talformat("procent", 0) == "0" and talformat("kr", 0) == KR_FORMAT


def test_rapportark_layout_tal_og_totaler() -> None:
    ark = _rapportark(frys_kolonner=1, hoved_hoejde=30)
    assert ark.hovedraekke == 5  # title, two subtitles, a blank row
    ws = _ark(_bog(byg_rapport("Dokumentet", [ark])), "Tabel")
    assert [ws.cell(r, 1).value for r in range(1, 5)] == [
        "Tabel 1 – æøå",
        "Første linje",
        "Anden linje",
        None,
    ]
    assert _celle(ws, "A1").font.bold
    hoved = [c for c in ws[5]]
    assert [c.value for c in hoved] == [k.overskrift for k in KOLONNER]
    assert all(c.font.bold and c.fill.fgColor.rgb == HOVED.fgColor.rgb for c in hoved)
    assert ws.row_dimensions[5].height == 30
    assert [ws.column_dimensions[b].width for b in "ABCDEFG"] == [20, 10, 10, 14, 10, 10, 60]

    skive, viborg, total = (list(r) for r in ws.iter_rows(min_row=6, max_row=8))
    assert [c.value for c in skive] == ["Skive", 1234, 19.25, 2295.5, 97.5, 1.23456, "lang tekst"]
    assert [c.number_format for c in skive[1:6]] == ["#,##0", "#,##0.0", KR_FORMAT, "0.0", "General"]
    assert skive[6].alignment.wrap_text and not skive[0].alignment.wrap_text
    assert not any(c.font.bold for c in skive)
    # a figure with its own decimals; empty cells and empty texts stay empty
    assert viborg[2].value == 9 and viborg[2].number_format == "#,##0"
    assert viborg[4].value == 90 and viborg[4].number_format == "0.00"
    assert [viborg[i].value for i in (1, 3, 5, 6)] == [None, None, None, None]
    assert all(c.font.bold for c in total)

    assert ws.freeze_panes == "B6"
    assert ws.auto_filter.ref == "A5:G8"


def test_rapportark_uden_undertitler_og_filter() -> None:
    ark = Rapportark("Kort", "Titel", (Rapportkolonne("A", 10),), (), autofilter=False)
    assert ark.hovedraekke == 2
    ws = _ark(_bog(byg_rapport("T", [ark])), "Kort")
    assert ws["A2"].value == "A" and ws.freeze_panes == "A3" and ws.auto_filter.ref is None
    tom = _ark(_bog(byg_rapport("T", [Rapportark("Tom", "Titel", (Rapportkolonne("A", 10),), ())])), "Tom")
    assert tom.auto_filter.ref == "A2:A3"  # an empty table still has a filter row


def test_tekst_er_altid_tekst_aldrig_formel() -> None:
    data = byg_rapport(
        FORMEL,
        [
            Rapportark(
                navn="Ark",
                titel=FORMEL,
                undertitler=(FORMEL,),
                kolonner=(Rapportkolonne(FORMEL, 10), Rapportkolonne("Tal", 10, "heltal")),
                raekker=(Rapportraekke((FORMEL, 1)), Rapportraekke(("=1+1", "=A1"))),
            ),
            Tekstark("Tekst", FORMEL, (Afsnit(FORMEL, (FORMEL, "+A1", "-A1")),)),
        ],
    )
    assert _formler(data) == []
    bog = _bog(data)
    ws = _ark(bog, "Ark")
    for koordinat, tekst in (("A1", FORMEL), ("A2", FORMEL), ("A4", FORMEL), ("A5", FORMEL), ("A6", "=1+1")):
        assert _celle(ws, koordinat).value == tekst and _celle(ws, koordinat).data_type == "s"
    assert _celle(ws, "B6").value == "=A1" and _celle(ws, "B6").data_type == "s"  # text in a number column
    tekstark = _ark(bog, "Tekst")
    assert [c.value for c in tekstark["A"]] == [FORMEL, FORMEL, FORMEL, "+A1", "-A1"]
    assert all(c.data_type == "s" for c in tekstark["A"])
    assert bog.properties.title == FORMEL


def test_tekstark_afsnit_med_tom_raekke_imellem() -> None:
    ark = Tekstark(
        "Noter",
        "Titel",
        (Afsnit(None, ("a", "b")), Afsnit("Overskrift", ("c",)), Afsnit("Tom", ()), Afsnit(None, ())),
        bredde=80,
    )
    ws = _ark(_bog(byg_rapport("T", [ark])), "Noter")
    assert [ws.cell(r, 1).value for r in range(1, 9)] == [
        "Titel",
        "a",
        "b",
        None,
        "Overskrift",
        "c",
        None,
        "Tom",
    ]
    assert ws["E1"].value is None and _celle(ws, "A5").font.bold and _celle(ws, "A2").alignment.wrap_text
    assert ws.column_dimensions["A"].width == 80


def test_arkenes_raekkefoelge_og_dokumenttitel() -> None:
    bog = _bog(
        byg_rapport("Dokument", [Tekstark("B", "b", ()), Rapportark("A", "a", (Rapportkolonne("x", 5),), ())])
    )
    assert bog.sheetnames == ["B", "A"]
    assert bog.properties.title == "Dokument" and bog.properties.creator == "Socialstyring"


def test_fejl_i_erklaeringen() -> None:
    with pytest.raises(ValueError, match="række 1 har 1 værdier, men arket har 2 kolonner"):
        Rapportark("A", "a", (Rapportkolonne("x", 5), Rapportkolonne("y", 5)), (Rapportraekke(("x",)),))
    with pytest.raises(ValueError, match="længere end 31 tegn"):
        byg_rapport("T", [Tekstark("x" * 32, "t", ())])
    with pytest.raises(ValueError, match="mindst ét ark"):
        byg_rapport("T", [])
    with pytest.raises(TypeError, match="hverken tekst eller et eksakt tal"):
        flyder = Rapportraekke((1.5,))  # type: ignore[arg-type]  # a float is not exact
        byg_rapport("T", [Rapportark("A", "a", (Rapportkolonne("x", 5, "heltal"),), (flyder,))])


# --- the catalogue ---------------------------------------------------------------------------

BOTILBUD = Filydelse("Længerevarende botilbud § 108", "Døgn", D("24"), D("97"), D("2400.00"), "kr. pr. døgn")
AKTIVITET = Filydelse(
    "Aktivitets- og samværstilbud § 104", "Dag", D("12.5"), D("97.25"), D("950.5"), "kr. pr. dag"
)
UDEN_TAL = Filydelse("Ny ydelse", "Dag", None, None, None, "kr. pr. dag")

KATALOG = Katalogfil(
    titel="Tilbud og takster 2019 – Rammeaftale Midtjylland",
    aar=2019,
    version=2,
    offentliggjort="1. marts 2019 kl. 10.15",
    grundlag="Indsendte og godkendte takstindberetninger",
    tilbud=(
        Filtilbud(
            "Region Midtjylland",
            "Solbakken",
            "SEL § 108",
            "",
            "Omfattet af rammeaftalen",
            "Godkendt",
            (BOTILBUD, AKTIVITET, UDEN_TAL),
        ),
        Filtilbud("Aarhus Kommune", FORMEL, "SEL § 107", "Voksne", "", "Indsendt, ikke godkendt", ()),
    ),
    mangler=(
        ManglendeDriftsherre("Viborg Kommune", "Udkast"),
        ManglendeDriftsherre("Skive Kommune", "Ikke påbegyndt"),
    ),
)


def test_katalogets_ark_overskrifter_og_placering() -> None:
    data = byg_katalog(KATALOG)
    bog = _bog(data)
    assert bog.sheetnames == [ARK_KATALOG, ARK_MANGLER]
    assert bog.properties.title == KATALOG.titel
    ws = _ark(bog, ARK_KATALOG)
    assert [ws.cell(r, 1).value for r in range(1, 5)] == [
        "Tilbud og takster 2019 – Rammeaftale Midtjylland",
        "Offentliggjort 1. marts 2019 kl. 10.15, version 2",
        "Grundlag: Indsendte og godkendte takstindberetninger",
        None,
    ]
    assert [c.value for c in ws[5]] == [
        "Driftsherre",
        "Tilbud",
        "Lovgrundlag",
        "Målgruppe",
        "Kategori",
        "Ydelse",
        "Pladstype",
        "Pladser",
        "Budgetteret belægning %",
        "Takst",
        "Takstenhed",
        "Indberetning",
    ]
    assert [ws.column_dimensions[b].width for b in "ABCDEFGHIJKL"] == [
        24,
        32,
        14,
        22,
        28,
        32,
        10,
        10,
        12,
        14,
        14,
        22,
    ]
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:L9"
    assert _formler(data) == []


def test_katalogets_raekker_og_talformater() -> None:
    ws = _ark(_bog(byg_katalog(KATALOG)), ARK_KATALOG)
    raekker = list(ws.iter_rows(min_row=6))
    assert len(raekker) == 4
    botilbud, aktivitet, uden_tal, ingen = raekker
    assert [c.value for c in botilbud] == [
        "Region Midtjylland",
        "Solbakken",
        "SEL § 108",
        None,  # no target group: an empty cell
        "Omfattet af rammeaftalen",
        "Længerevarende botilbud § 108",
        "Døgn",
        24,
        97,
        2400,
        "kr. pr. døgn",
        "Godkendt",
    ]
    # places and occupancy whole when whole, else with two decimals; the rate in kroner
    assert [c.number_format for c in botilbud[7:10]] == ["#,##0", "#,##0", KR_FORMAT]
    assert [c.value for c in aktivitet[7:10]] == [12.5, 97.25, 950.5]
    assert [c.number_format for c in aktivitet[7:10]] == ["#,##0.00", "#,##0.00", KR_FORMAT]
    assert [c.value for c in uden_tal[5:11]] == ["Ny ydelse", "Dag", None, None, None, "kr. pr. dag"]
    # an offer without services: one row "(ingen ydelser)"; its name "=SUM(A1)" is text
    assert [c.value for c in ingen] == [
        "Aarhus Kommune",
        FORMEL,
        "SEL § 107",
        "Voksne",
        None,
        "(ingen ydelser)",
        None,
        None,
        None,
        None,
        None,
        "Indsendt, ikke godkendt",
    ]
    assert ingen[1].data_type == "s"


def test_katalogets_mangler() -> None:
    ws = _ark(_bog(byg_katalog(KATALOG)), ARK_MANGLER)
    assert ws["A1"].value == "Driftsherrer uden indsendt takstindberetning for 2019"
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        ("Driftsherre", "Status"),
        ("Viborg Kommune", "Udkast"),
        ("Skive Kommune", "Ikke påbegyndt"),
    ]
    assert ws.column_dimensions["A"].width == 32 and ws.column_dimensions["B"].width == 20


def test_katalog_uden_mangler_og_uden_tilbud() -> None:
    bog = _bog(byg_katalog(Katalogfil("T", 2019, 1, "i dag", "G", ())))
    assert bog.sheetnames == [ARK_KATALOG]
    ws = _ark(bog, ARK_KATALOG)
    assert ws["A5"].value == "Driftsherre" and ws.max_row == 5 and ws.auto_filter.ref == "A5:L6"


# --- the management information ----------------------------------------------------------------


@pytest.fixture(scope="module")
def li() -> Ledelsesinfo:
    case = laes_case(CASE)
    assert isinstance(case.input, Ledelsesinfogrundlag)
    return beregn_ledelsesinfo(case.input, regelbog())


def test_ledelsesinfo_ark_og_tal(li: Ledelsesinfo) -> None:
    fund = konsistens(seed004.publicerede_figurer(), li.figurer)
    kilde = "Ledelsesinformation vedr. takster 2017"
    data = byg_excel(li, titel="Håndregnet", advarsler=[FORMEL])
    assert _formler(data) == []
    bog = _bog(data)
    assert bog.sheetnames == [
        "Observationer",
        "A Takstudvikling",
        "B Over- og underskud",
        "C Tillægsydelser",
        "D Belægning",
        "E Pladser",
    ]
    assert bog.properties.title == "Håndregnet"

    a = _ark(bog, "A Takstudvikling")
    assert a["A1"].value == "A. Takstudvikling på regnskab – Håndregnet"
    assert [c.value for c in a[4]][:4] == [
        "Driftsherre",
        "Belægning 2018 (årspladser)",
        "Regnskab 2018 (t.kr., 2019-priser)",
        "Gns. pris pr. plads 2018 (kr., 2019-priser)",
    ]
    raekker = {r[0].value: r for r in a.iter_rows(min_row=5)}
    viborg, total = raekker["Viborg Kommune"], raekker["Hovedtotal"]
    assert viborg[3].value == 510000 and viborg[3].number_format == "#,##0"
    assert viborg[1].value == 9.5 and viborg[1].number_format == "#,##0.0"
    assert viborg[7].value == 3.3 and viborg[7].number_format == "0.0"
    assert total[6].value == 299763 and all(c.font.bold for c in total) and not viborg[0].font.bold
    assert a.freeze_panes == "B5" and a.auto_filter.ref is None

    b = {r[0]: r for r in _ark(bog, "B Over- og underskud").iter_rows(min_row=5, values_only=True)}
    assert b["Viborg Kommune"] == ("Viborg Kommune", -102, -250)
    d = {r[0]: r for r in _ark(bog, "D Belægning").iter_rows(min_row=5, values_only=True)}
    assert d["I alt"][5] == 102.5
    e = _ark(bog, "E Pladser")
    assert e.freeze_panes == "C5"
    i_alt = [r for r in e.iter_rows(min_row=5, values_only=True) if r[:2] == ("I alt", "Hovedtotal")]
    assert i_alt == [("I alt", "Hovedtotal", 10, 20, 10, 20)]

    obs = [c.value for c in _ark(bog, "Observationer")["A"]]
    assert obs[0] == "Håndregnet" and str(obs[1]).startswith("P/L-faktor 1,02")
    assert "Samlet takstudvikling 2018–2019: -2,0 %." in obs
    assert obs[-2:] == ["Advarsler", FORMEL]

    # the comparison with the published figures: the secretariat's check, a workbook of its own
    kontrol = byg_kontrol(li, fund, titel="Kontrol", kilde=kilde)
    assert _formler(kontrol) == []
    k = _ark(_bog(kontrol), "Kontrol")
    assert k["A1"].value == "Sammenligning med offentliggjorte tal (Ledelsesinformation vedr. takster 2017)"
    assert (
        k["A2"].value
        == f"{len(fund)} uoverensstemmelser mellem de trykte tal og de beregnede eller de trykte tabellers egne totaler."
    )
    foerste = next(k.iter_rows(min_row=5, max_row=5))
    assert [c.value for c in foerste[:8]] == [
        "A",
        None,
        "Hovedtotal",
        "Takstudvikling %",
        "Trykt tal ≠ beregnet",
        1.2,
        -2,
        3.2,
    ]
    assert foerste[5].number_format == "#,##0.0" and foerste[8].alignment.wrap_text
    assert k.freeze_panes == "A5" and k.auto_filter.ref == f"A4:I{4 + len(fund)}"


def test_ledelsesinfo_uden_sammenligning(li: Ledelsesinfo) -> None:
    tom = _bog(byg_kontrol(li, [], titel="T", kilde=""))
    assert tom.sheetnames == ["Kontrol"]
    assert _ark(tom, "Kontrol")["A1"].value == "Sammenligning med offentliggjorte tal"  # no source named
    assert _ark(tom, "Kontrol")["A2"].value == "De trykte tal stemmer med de beregnede."
