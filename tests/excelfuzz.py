"""Fuzzing the Excel imports: valid templates mutated the ways a careless user or an attacker
would, imported through the web pages, each outcome classified.

Shared by `tests/test_excel_fuzz.py` (hypothesis, a few dozen files per importer) and
`benchmarks/fuzz_import.py` (1.500 per importer, with timings). Both start from
the demo database: the rate report of Aarhus Kommune for the reporting year (a draft), and its
used days and accounts for 2017.

A mutation takes a `random.Random` (hypothesis's `st.randoms()` in the tests, a seeded one in
the benchmark) and changes the workbook: cells of every type and size (numbers, huge and odd
ids, text with superscript digits, formulas with and without a stored value, dates, booleans),
ids of other operators, copied, deleted and added rows, deleted, renamed and added sheets,
the hidden metadata, and faults in the raw XML of the sheet (`NaN`, a shared-string index that
points nowhere, a bad date, a cell twice, a cell at `XFD1048576`, a stated dimension of the
whole sheet, a truncated sheet, control characters).

`importer_fil` posts a file to an import page and classifies what happened (`Udfald`): a
correct import (200; every plain number cell of the file is what the template then shows), a
clear error (400 with the error list, every error naming the file, and the database exactly
as before), a crash (an exception, or any other status) or a partial import (an error but the
database changed; or an import that stored something else than the file says).
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from html import unescape
from io import BytesIO
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from socialstyring.io.excel import forbrug as xf
from socialstyring.io.excel import indberetning as xi
from socialstyring.io.excel import regnskab as xr
from socialstyring.io.excel.faelles import ARK_METADATA, ARK_VEJLEDNING, FOERSTE_DATARAEKKE, HOVEDRAEKKE
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.register.models import Driftsherre, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.register.selectors import indberetningsaar
from socialstyring.web.regnskab.models import Regnskab

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILNAVN = "fuzz.xlsx"
DRIFTSHERRE = "Aarhus Kommune"
BRUGER = "aarhus"
AARSDATA_AAR = 2017


# --- the importers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Importoer:
    """One import page: where its template and import are, its data sheet and key column, the
    template's editable number columns, and a snapshot of what it writes."""

    navn: str
    skabelon_url: str
    import_url: str
    ark: str
    noegle: str
    talkolonner: tuple[str, ...]
    tekstkolonner: tuple[str, ...]
    tilstand: Callable[[], Any]
    andre_id: tuple[int, ...]  # keys of other operators' rows


def _ydelsesaar() -> Any:
    return (
        list(
            Ydelsesaar.objects.order_by("pk").values_list(
                "ydelse_id", "aar", "pladser", "budgetteret_belaegning_pct", "takst", "takst_kilde",
                "kilde_tekst", "begrundelse",
            )
        ),
        Ydelsesaar.history.count(),
    )  # fmt: skip


def _forbrug() -> Any:
    return (
        list(Forbrug.objects.order_by("pk").values_list("ydelse_id", "aar", "kvartal", "brugte_dage")),
        Forbrug.history.count(),
    )


def _regnskaber() -> Any:
    return (
        list(
            Regnskab.objects.order_by("pk").values_list(
                "tilbud_id", "aar", "omkostninger", "takstindtaegter", "tillaegsindtaegter",
                "andre_indtaegter", "grundlag", "note",
            )
        ),
        Regnskab.history.count(),
    )  # fmt: skip


def importoerer() -> list[Importoer]:
    """The three Excel imports of the demo's Aarhus Kommune (needs the demo database)."""
    d = Driftsherre.objects.select_related("rammeaftale").get(navn=DRIFTSHERRE)
    aar = indberetningsaar(d.rammeaftale)
    andre_ydelser = tuple(Ydelse.objects.exclude(tilbud__driftsherre=d).values_list("pk", flat=True)[:20])
    andre_tilbud = tuple(Tilbud.objects.exclude(driftsherre=d).values_list("pk", flat=True)[:20])

    def url(navn: str, a: int) -> str:
        return reverse(navn, args=[d.pk, a])

    def kol(art: tuple[Any, ...]) -> tuple[str, ...]:
        return tuple(k.overskrift for k in art if k.art == "tal" and k.redigerbar)

    def tekst(art: tuple[Any, ...]) -> tuple[str, ...]:
        return tuple(k.overskrift for k in art if k.art == "tekst" and k.redigerbar)

    return [
        Importoer(
            "takstindberetning", url("takstskabelon:excel_skabelon", aar), url("takstskabelon:excel_import", aar),
            xi.ARK_TAKSTER, xi.YDELSE_ID, kol(xi.KOLONNER), tekst(xi.KOLONNER), _ydelsesaar, andre_ydelser,
        ),
        Importoer(
            "brugte dage", url("belaegning:forbrug_excel", AARSDATA_AAR),
            url("belaegning:forbrug_import", AARSDATA_AAR), xf.ARK_FORBRUG, xf.YDELSE_ID, kol(xf.KOLONNER),
            tekst(xf.KOLONNER), _forbrug, andre_ydelser,
        ),
        Importoer(
            "regnskab", url("regnskab:regnskab_excel", AARSDATA_AAR), url("regnskab:regnskab_import", AARSDATA_AAR),
            xr.ARK_REGNSKAB, xr.TILBUD_ID, kol(xr.KOLONNER), tekst(xr.KOLONNER), _regnskaber, andre_tilbud,
        ),
    ]  # fmt: skip


def klient() -> Client:
    c = Client()
    c.force_login(User.objects.get(username=BRUGER))
    return c


def hent(c: Client, url: str) -> bytes:
    svar = c.get(url)
    assert svar.status_code == 200, f"{url}: {svar.status_code}"
    return bytes(svar.content)


# --- mutations ---------------------------------------------------------------------------------

Cellevaerdi = int | float | str | date | datetime | None
"""What a mutation writes into a cell (a bool is an int)."""

VAERDIER: tuple[Cellevaerdi, ...] = (
    0, 1, -1, 7, 2**31, 2**63, 2**63 - 1, 10**20, -(10**20), 0.5, 1e20, 1e-5, 123.456, 99999999.99,
    "12x", "1.234,50", "1234.5", "1,5", "²", "①", "١٢", "１２", " 5 ", "", " ", "SAND", "NaN", "Infinity",
    "=1/0", "=SUM(A1:A3)", '=HYPERLINK("http://eksempel.dk","Klik her")', "+A1", "-A1", "@A1",
    "x" * 6000, "Kilde _x0007_ med styretegn", "0101901234", date(2018, 1, 1), datetime(2018, 6, 1, 12, 0),
    True, False, None,
)  # fmt: skip
"""Cell values a mutation writes: numbers at and beyond the limits, ids that `int()` would take
and the database could not hold, text that looks like numbers, formulas, dates, booleans."""


def _vaerdi(rnd: random.Random) -> Cellevaerdi:
    if rnd.random() < 0.2:
        return rnd.choice([rnd.randint(-(10**6), 10**9), round(rnd.uniform(-1000, 10**7), rnd.randint(0, 4))])
    return rnd.choice(VAERDIER)


def _kolonner(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[HOVEDRAEKKE] if c.value is not None}


def _dataraekker(ws: Worksheet) -> list[int]:
    return list(range(FOERSTE_DATARAEKKE, max(ws.max_row, FOERSTE_DATARAEKKE) + 1))


def ret_celle(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    r = rnd.choice([*_dataraekker(ws), ws.max_row + 1, HOVEDRAEKKE, 1])
    k = rnd.randint(1, ws.max_column + 1)
    if ws.cell(r, k).coordinate in ws.merged_cells:
        return
    ws.cell(r, k).value = _vaerdi(rnd)


def ret_talcelle(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    """A plain number (or an empty cell) in an editable number column: mostly a correct import."""
    ws = wb[ark]
    k = _kolonner(ws).get(rnd.choice(ctx.talkolonner))
    if k is not None:  # (an earlier mutation may have changed the header)
        r = rnd.choice(_dataraekker(ws))
        ws.cell(r, k).value = rnd.choice([None, rnd.randint(0, 400), round(rnd.uniform(0, 150), 2)])


TEKSTER: tuple[str, ...] = (
    "Byrådsbeslutning 12-03-2018", "Borger 010190-1234", "0101901234", "Kilde _x0007_ med styretegn",
    "=1/0", '=HYPERLINK("http://eksempel.dk","Klik her")', "x" * 501, "y" * 5001, "  ", "Linje 1\nLinje 2",
)  # fmt: skip
"""Texts for the editable text columns: a CPR number, a control character as Excel writes it, a
formula, too long, only spaces, a line break."""


def ret_tekstcelle(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    kolonner = [k for k in ctx.tekstkolonner if k in _kolonner(ws)]
    if kolonner:
        ws.cell(rnd.choice(_dataraekker(ws)), _kolonner(ws)[rnd.choice(kolonner)]).value = rnd.choice(TEKSTER)


def andet_id(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    k = _kolonner(ws).get(ctx.noegle if rnd.random() < 0.8 else "Tilbud-ID")
    if k is not None:
        ny = rnd.choice([*ctx.andre_id, 999_999, 0]) if ctx.andre_id else 999_999
        ws.cell(rnd.choice(_dataraekker(ws)), k).value = ny


def kopier_raekke(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    fra, til = rnd.choice(_dataraekker(ws)), rnd.choice([*_dataraekker(ws), ws.max_row + 1])
    for k in range(1, ws.max_column + 1):
        ws.cell(til, k).value = ws.cell(fra, k).value


def slet_raekke(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    ws.delete_rows(rnd.choice(_dataraekker(ws)))


def ekstra_raekke(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    ws = wb[ark]
    r = ws.max_row + rnd.randint(1, 30)
    for k in range(1, ws.max_column + 1):
        if rnd.random() < 0.6:
            ws.cell(r, k).value = _vaerdi(rnd)


def ret_ark(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    valg = rnd.randrange(5)
    if valg == 0:
        wb.remove(wb[rnd.choice([ark, ARK_METADATA, ARK_VEJLEDNING])])
    elif valg == 1:
        wb[rnd.choice([ark, ARK_METADATA])].title = "Ark1"
    elif valg == 2:
        wb.create_sheet("Ekstra").cell(1, 1).value = _vaerdi(rnd)
    elif valg == 3:
        wb.move_sheet(ark, offset=1)
    else:
        ws = wb.create_sheet(ark + " (2)")
        ws.cell(HOVEDRAEKKE, 1).value = ctx.noegle


def ret_metadata(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    if ARK_METADATA in wb.sheetnames:
        ws = wb[ARK_METADATA]
        ws.cell(rnd.randint(1, 7), rnd.randint(1, 2)).value = _vaerdi(rnd)


def flyt_kolonner(wb: Workbook, ark: str, rnd: random.Random, ctx: Importoer) -> None:
    """Swap two columns (allowed: columns are found by their header)."""
    ws = wb[ark]
    a, b = rnd.sample(range(1, ws.max_column + 1), 2)
    for r in range(1, ws.max_row + 1):
        ca, cb = ws.cell(r, a), ws.cell(r, b)
        if ca.coordinate in ws.merged_cells or cb.coordinate in ws.merged_cells:
            continue
        ca.value, cb.value = cb.value, ca.value


BOG_MUTATIONER = (
    ret_celle, ret_celle, ret_talcelle, ret_talcelle, ret_tekstcelle, andet_id, kopier_raekke, slet_raekke, ekstra_raekke,
    ret_ark, ret_metadata, flyt_kolonner,
)  # fmt: skip
"""Mutations of the workbook through openpyxl (weighted by repetition)."""


def _ret_del(data: bytes, navn: str, ret: Callable[[bytes], bytes]) -> bytes:
    """The .xlsx with its part `navn` rewritten (other parts copied as they are)."""
    ud = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as ind, zipfile.ZipFile(ud, "w", zipfile.ZIP_DEFLATED) as z:
        for info in ind.infolist():
            indhold = ind.read(info.filename)
            z.writestr(info.filename, ret(indhold) if info.filename == navn else indhold)
    return ud.getvalue()


def _arkdel(data: bytes, ark: str) -> str | None:
    """The zip part of sheet `ark` (openpyxl names them sheet1.xml … in the workbook's order)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            bog = z.read("xl/workbook.xml").decode()
    except (KeyError, zipfile.BadZipFile):
        return None
    navne = re.findall(r'<sheet [^>]*name="([^"]*)"', bog)
    return f"xl/worksheets/sheet{navne.index(ark) + 1}.xml" if ark in navne else None


_CELLE = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)


def _ret_celle_xml(rnd: random.Random) -> Callable[[bytes], bytes]:
    """A fault in one cell of the sheet's XML."""

    def ret(xml: bytes) -> bytes:
        celler = [m for m in _CELLE.finditer(xml) if int(m.group(2)) >= FOERSTE_DATARAEKKE]
        if not celler:
            return xml
        m = rnd.choice(celler)
        ref = m.group(1) + m.group(2)
        ny = rnd.choice(
            [
                b'<c r="%s"><v>NaN</v></c>' % ref,
                b'<c r="%s"><v>INF</v></c>' % ref,
                b'<c r="%s"><v>-INF</v></c>' % ref,
                b'<c r="%s"><v>1E400</v></c>' % ref,
                b'<c r="%s"><v>abc</v></c>' % ref,
                b'<c r="%s" t="s"><v>99999</v></c>' % ref,
                b'<c r="%s" t="s"><v>x</v></c>' % ref,
                b'<c r="%s" t="d"><v>2018-13-45</v></c>' % ref,
                b'<c r="%s" t="b"><v>x</v></c>' % ref,
                b'<c r="%s" t="e"><f>1/0</f><v>#DIV/0!</v></c>' % ref,
                b'<c r="%s"><f>1/0</f></c>' % ref,
                b'<c r="%s"><f>2*500</f><v>1000</v></c>' % ref,
                b'<c r="%s" t="inlineStr"><is><t>_x0001_</t></is></c>' % ref,
                b'<c r="%s" t="inlineStr"><is><t>5</t></is></c><c r="%s"><v>6</v></c>' % (ref, ref),
                b'<c r="ZZZZ%s"><v>1</v></c>' % m.group(2),
                b'<c r="%s" s="99999"><v>1</v></c>' % ref,
                b"",
            ]
        )
        return xml[: m.start()] + ny + xml[m.end() :]

    return ret


def _ret_ark_xml(rnd: random.Random) -> Callable[[bytes], bytes]:
    """A fault in the sheet's XML as a whole."""

    def ret(xml: bytes) -> bytes:
        valg = rnd.randrange(6)
        if valg == 0:
            return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        if valg == 1:
            return xml[: rnd.randrange(len(xml))]
        if valg == 2:
            ref = rnd.choice([b"H1048576", b"XFD1048576", b"XFD5", b"CW5", b"H20001"])
            rnr = re.sub(rb"[A-Z]", b"", ref)
            return xml.replace(
                b"</sheetData>", b'<row r="%s"><c r="%s"><v>1</v></c></row></sheetData>' % (rnr, ref)
            )
        if valg == 3:
            return xml.replace(b"<sheetData>", b'<sheetData><row r="0"><c r="A0"><v>1</v></c></row>', 1)
        if valg == 4:
            i = rnd.randrange(len(xml))
            return xml[:i] + rnd.choice([b"\x01", b"<", b"&", b"&#1;", b"\xff"]) + xml[i:]
        return re.sub(rb'<row r="(\d+)"', lambda m: b'<row r="%d"' % (int(m.group(1)) % 5 + 1), xml)

    return ret


def _ret_tekster(rnd: random.Random) -> Callable[[bytes], bytes]:
    """A fault in a text of the sheet (openpyxl writes text cells as inline strings)."""

    def ret(xml: bytes) -> bytes:
        tekster = list(re.finditer(rb"<t>([^<]*)</t>", xml))
        if not tekster:
            return xml
        m = rnd.choice(tekster)
        ny = rnd.choice([b"_x0007_", b"\x01", b"=1/0", b"\xc2\xb2", b"&#1;"])
        return xml[: m.start(1)] + ny + xml[m.end(1) :]

    return ret


def muter(data: bytes, ctx: Importoer, rnd: random.Random) -> bytes:
    """`data` (a valid template of `ctx`) with 1–3 random mutations of the workbook and, in one
    file of three, a fault in its raw XML."""
    wb = load_workbook(BytesIO(data))
    for _ in range(rnd.randint(1, 3)):
        if ctx.ark not in wb.sheetnames:
            break  # the data sheet is gone (deleted or renamed): nothing more to change in it
        rnd.choice(BOG_MUTATIONER)(wb, ctx.ark, rnd, ctx)
    ud = BytesIO()
    wb.save(ud)
    ny = ud.getvalue()
    if rnd.random() < 1 / 3:
        del_ = _arkdel(ny, ctx.ark)
        if del_ is not None:
            ret = rnd.choice([_ret_celle_xml, _ret_ark_xml, _ret_tekster])(rnd)
            ny = _ret_del(ny, del_, ret)
    return ny


# --- importing and classifying ------------------------------------------------------------------


@dataclass(frozen=True)
class Udfald:
    """What an import of a file did: "korrekt" (imported as the file says), "fejl" (a clear error
    and the database unchanged), "delvis" (an error but the database changed, or stored values
    that differ from the file) or "nedbrud" (an exception or an unexpected status)."""

    art: str
    detaljer: str = ""


def fejlliste(html: str) -> list[str]:
    liste = re.search(r'<ul class="fejlliste">(.*?)</ul>', html, re.S)
    return [unescape(f) for f in re.findall(r"<li>(.*?)</li>", liste.group(1), re.S)] if liste else []


def _tal(v: object) -> Decimal | None:
    if v is None:
        return None
    assert isinstance(v, int | float | Decimal) and not isinstance(v, bool)
    return Decimal(format(v, ".15g") if isinstance(v, float) else v).quantize(Decimal("0.01"))


def _filens_tal(data: bytes, ctx: Importoer) -> dict[tuple[int, str], Decimal | None] | None:
    """{(key, column): number} of the plain number cells of the file's data sheet (an
    independent reading with openpyxl), or None when the sheet cannot be read so."""
    try:
        wb = load_workbook(BytesIO(data), data_only=True)
        ws = wb[ctx.ark]
    except Exception:
        return None
    kol = _kolonner(ws)
    if ctx.noegle not in kol:
        return None
    ud: dict[tuple[int, str], Decimal | None] = {}
    for r in range(FOERSTE_DATARAEKKE, ws.max_row + 1):
        noegle = ws.cell(r, kol[ctx.noegle]).value
        if not isinstance(noegle, int) or isinstance(noegle, bool):
            continue
        for overskrift in ctx.talkolonner:
            v = ws.cell(r, kol[overskrift]).value if overskrift in kol else None
            if isinstance(v, int | float) and not isinstance(v, bool):
                ud[(noegle, overskrift)] = _tal(v)
    return ud


def importer_fil(c: Client, ctx: Importoer, data: bytes) -> Udfald:
    """Post `data` to `ctx`'s import page and classify the outcome (see `Udfald`). An exception
    in the app is a crash (re-raised when `ctx` is used by a test: pytest shows it)."""
    foer = ctx.tilstand()
    try:
        svar = c.post(ctx.import_url, {"fil": SimpleUploadedFile(FILNAVN, data, content_type=XLSX)})
    except Exception as e:
        return Udfald("nedbrud", f"{type(e).__name__}: {e}")
    efter = ctx.tilstand()
    html = svar.content.decode()
    if svar.status_code == 400:
        fejl = fejlliste(html)
        if not fejl:
            return Udfald("nedbrud", "400 uden fejlliste")
        uden_sted = [f for f in fejl if not f.startswith(FILNAVN)]
        if uden_sted:
            return Udfald("nedbrud", f"fejl uden filnavn: {uden_sted[0]}")
        if efter != foer:
            return Udfald("delvis", f"databasen ændret trods fejl: {fejl[:2]}")
        return Udfald("fejl", fejl[0])
    if svar.status_code != 200 or "Filen er indlæst" not in html:
        return Udfald("nedbrud", f"status {svar.status_code}")
    forventet = _filens_tal(data, ctx)
    if forventet:
        gemt = _filens_tal(hent(c, ctx.skabelon_url), ctx) or {}
        for (noegle, kolonne), tal in forventet.items():
            if (noegle, kolonne) in gemt and tal is not None and gemt[(noegle, kolonne)] != tal:
                return Udfald(
                    "delvis", f"{ctx.noegle} {noegle}, {kolonne}: filen {tal}, gemt {gemt[(noegle, kolonne)]}"
                )
    return Udfald("korrekt")


def raekke_i(ws: Worksheet, kolonne: str) -> dict[Any, int]:
    """{key cell value: sheet row} of the data rows."""
    k = _kolonner(ws)[kolonne]
    return {ws.cell(r, k).value: r for r in _dataraekker(ws)}


def kolonnebogstav(ws: Worksheet, overskrift: str) -> str:
    return get_column_letter(_kolonner(ws)[overskrift])
