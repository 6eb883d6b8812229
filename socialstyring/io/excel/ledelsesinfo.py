"""The management information as an Excel workbook (openpyxl).

One sheet per table A–E with the Danish headings of `ledelsesinfo_tabeller`, every figure
a number with a number format (an empty cell where the engine has no figure), each total
row in bold; table E lists its target groups one after the other, each with its total. A
sheet "Observationer" holds the generated text, the P/L factor with its rule, the offers
that deviate from their budgeted occupancy and the warnings; a sheet "Konsistens" (when
published figures were compared) every inconsistency with its explanation.

Pure: takes the engine's result, returns the file's bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.beregning.ledelsesinfo import Ledelsesinfo, Uoverensstemmelse
from socialstyring.io.ledelsesinfo_tabeller import (
    ARTTEKST,
    RAEKKEOVERSKRIFT,
    TABELFORKLARING,
    er_total,
    grupper,
    kolonne,
    kolonner,
    pl_tekst,
    tabeltitel,
)

ARKNAVNE = {
    "A": "A Takstudvikling",
    "B": "B Over- og underskud",
    "C": "C Tillægsydelser",
    "D": "D Belægning",
    "E": "E Pladser",
}
FED = Font(bold=True)
TITEL = Font(bold=True, size=13)
OMBRYD = Alignment(wrap_text=True, vertical="top")
HOVED = 4
"""The header row of a table sheet (title, explanation and a blank row above it)."""
KONSISTENSKOLONNER = (
    ("Tabel", 7),
    ("Målgruppe", 30),
    ("Række", 26),
    ("Kolonne", 30),
    ("Art", 30),
    ("Trykt", 13),
    ("Beregnet", 13),
    ("Forskel", 11),
    ("Forklaring", 100),
)


def _tabelark(bog: Workbook, li: Ledelsesinfo, tabel: str, undertitel: str) -> None:
    ark = bog.create_sheet(ARKNAVNE.get(tabel, tabel))
    kol = kolonner(li, tabel)
    med_gruppe = tabel == "E"
    ark["A1"] = f"{tabeltitel(li, tabel)} – {undertitel}"
    ark["A1"].font = TITEL
    ark["A2"] = TABELFORKLARING.get(tabel, "")
    foerste_tal = 3 if med_gruppe else 2
    hoved = (["Målgruppe"] if med_gruppe else []) + [RAEKKEOVERSKRIFT.get(tabel, "")]
    for nr, tekst in enumerate([*hoved, *(k.overskrift for k in kol)], start=1):
        celle = ark.cell(row=HOVED, column=nr, value=tekst)
        celle.font = FED
        celle.alignment = OMBRYD
    ark.row_dimensions[HOVED].height = 45
    raekke = HOVED
    for g in grupper(li.tabeller[tabel]):
        for r in (*g.raekker, *g.total):
            raekke += 1
            navne = ([g.titel] if med_gruppe else []) + [r.navn]
            for nr, tekst in enumerate(navne, start=1):
                ark.cell(row=raekke, column=nr, value=tekst)
            for nr, k in enumerate(kol, start=foerste_tal):
                v = r.vaerdier.get(k.noegle)
                celle = ark.cell(row=raekke, column=nr, value=v)
                celle.number_format = k.excelformat
            if er_total(r):
                for nr in range(1, foerste_tal + len(kol)):
                    ark.cell(row=raekke, column=nr).font = FED
    ark.freeze_panes = ark.cell(row=HOVED + 1, column=foerste_tal).coordinate
    bredder = ([34] if med_gruppe else []) + [44 if tabel == "D" else 28] + [16] * len(kol)
    for nr, bredde in enumerate(bredder, start=1):
        ark.column_dimensions[get_column_letter(nr)].width = bredde


def _linjer(ark: Worksheet, raekke: int, overskrift: str, linjer: Sequence[str]) -> int:
    raekke += 1
    ark.cell(row=raekke, column=1, value=overskrift).font = FED
    for linje in linjer:
        raekke += 1
        ark.cell(row=raekke, column=1, value=linje).alignment = OMBRYD
    return raekke + 1


def _observationer(bog: Workbook, li: Ledelsesinfo, titel: str, advarsler: Sequence[str]) -> None:
    ark = bog.create_sheet("Observationer", 0)
    ark.column_dimensions["A"].width = 120
    ark["A1"] = titel
    ark["A1"].font = TITEL
    ark["A2"] = pl_tekst(li)
    raekke = 2
    for r in li.spor["pl_faktor"].regler:
        raekke += 1
        kilde = ("Antaget: " if r.antaget else "Kilde: ") + r.kilde
        tekst = f"{r.parameter} = {r.vaerdi} ({r.lag}, fra {r.gyldig_fra}). {kilde}"
        ark.cell(row=raekke, column=1, value=tekst).alignment = OMBRYD
    raekke += 1
    raekke = _linjer(ark, raekke, "Observationer", li.observationer or ("Ingen særlige observationer.",))
    if li.flagede_tilbud:
        raekke = _linjer(
            ark,
            raekke,
            f"Tilbud med belægning {li.aar}, der afviger fra den budgetterede (største afvigelse først)",
            li.flagede_tilbud,
        )
    alle_advarsler = [*li.advarsler, *advarsler]
    if alle_advarsler:
        _linjer(ark, raekke, "Advarsler", alle_advarsler)


def _konsistens(bog: Workbook, li: Ledelsesinfo, fund: Sequence[Uoverensstemmelse], kilde: str) -> None:
    ark = bog.create_sheet("Konsistens")
    ark["A1"] = f"Sammenligning med offentliggjorte tal ({kilde})"
    ark["A1"].font = TITEL
    ark["A2"] = (
        f"{len(fund)} uoverensstemmelser mellem de trykte tal og de beregnede eller de trykte "
        "tabellers egne totaler."
        if fund
        else "De trykte tal stemmer med de beregnede."
    )
    for nr, (tekst, bredde) in enumerate(KONSISTENSKOLONNER, start=1):
        celle = ark.cell(row=HOVED, column=nr, value=tekst)
        celle.font = FED
        ark.column_dimensions[get_column_letter(nr)].width = bredde
    for i, u in enumerate(fund, start=HOVED + 1):
        k = kolonne(li, u.figur.tabel, u.figur.kolonne) if u.figur.tabel in li.tabeller else None
        vaerdier: list[str | Decimal | None] = [
            u.figur.tabel,
            u.figur.gruppe or None,
            u.figur.raekke,
            k.overskrift if k else u.figur.kolonne,
            ARTTEKST.get(u.art, u.art),
            u.publiceret,
            u.beregnet,
            u.forskel,
            u.forklaring,
        ]
        for nr, v in enumerate(vaerdier, start=1):
            celle = ark.cell(row=i, column=nr, value=v)
            if isinstance(v, Decimal):
                celle.number_format = "#,##0.0" if k and k.decimaler else "#,##0"
            if nr == len(vaerdier):
                celle.alignment = OMBRYD
    ark.freeze_panes = f"A{HOVED + 1}"
    ark.auto_filter.ref = f"A{HOVED}:{get_column_letter(len(KONSISTENSKOLONNER))}{HOVED + max(1, len(fund))}"


def byg_excel(
    li: Ledelsesinfo,
    *,
    titel: str,
    advarsler: Sequence[str] = (),
    uoverensstemmelser: Sequence[Uoverensstemmelse] | None = None,
    kilde: str = "seed 004",
) -> bytes:
    """The workbook (see the module's docstring); `uoverensstemmelser` None: no sheet
    "Konsistens" (no published figures to compare with)."""
    bog = Workbook()
    standard = bog.active
    if standard is not None:
        bog.remove(standard)
    undertitel = titel
    for tabel in li.tabeller:
        _tabelark(bog, li, tabel, undertitel)
    _observationer(bog, li, titel, advarsler)
    if uoverensstemmelser is not None:
        _konsistens(bog, li, uoverensstemmelser, kilde)
    bog.properties.title = titel
    bog.properties.creator = "Socialstyring"
    ud = BytesIO()
    bog.save(ud)
    return ud.getvalue()
