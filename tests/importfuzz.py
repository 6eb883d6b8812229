"""Fuzzing the importers that are not the three Excel templates: valid files mutated the ways a
careless user, another system's export or an attacker would, imported, each outcome classified.

Shared by `tests/test_import_fuzz.py` (a few dozen files per importer, seeded) and
`benchmarks/fuzz_import.py` (1.500 and more per importer, with timings), like `excelfuzz.py`
for the Excel templates. The importers:

- **ophold**: a municipality's stays (CSV or Excel) posted to the import page
  (`ophold:importer`) as the demo's `randers_kommune`; the valid file is eight new stays of
  the demo's Midtjylland offers paid by Randers, written as CSV or as a workbook;
- **befolkning**: a FOLK1A export (`tests/data/folk1a_midt_2018.csv`) through
  `befolkning.services.indlaes_befolkning`, the service the CLI (`socialstyring befolkning
  indlaes`) and the management command call (there is no page);
- **regnskabstal**: a REGK31 export (`tests/data/regk31/tre_kommuner_2020.csv`) through
  `benchmark.services.indlaes_regnskab` (the CLI's `socialstyring benchmark indlaes`);
- **backup**: a backup (`drift.services.skriv_backup` of the small register of
  `tests/registerdata.py`) restored by `drift.services.gendan_backup` (the CLI's `socialstyring
  drift gendan`) into an empty, migrated database.

The mutations of a text file (`muter_tekst`): a field of a row set to an odd value (numbers at
and beyond the limits and in odd formats, dates out of range, other scripts' digits, control
characters, quotes, separators, formulas, a field of 200.000 characters), rows deleted, copied
and added with too few or too many fields, columns deleted, copied, renamed, added and swapped,
another separator, quoting faults, a BOM added, doubled or removed, other encodings
(Windows-1252, UTF-16, Latin-1), line endings, a byte inserted (NUL, 0xFF, 0x81), the file
truncated, empty, only a header, only blank lines, or binary garbage. A stays workbook gets the
cell and raw-XML faults of `excelfuzz.py`. A backup (`muter_backup`) gets the gzip and JSON
faults: truncated or not gzip, bad JSON, not a list, objects without model, pk or fields,
unknown models and fields, wrong types, values beyond their column (too long, huge, negative,
too many decimals), foreign keys to missing rows, the same row twice, rows deleted.

`Udfald` classifies what happened: a correct import (stored exactly what the file says,
checked by an independent reading of the file where one is possible), a clear error (every
message names the file — and the sheet for a workbook — a row when the mutation changed a row,
and the column when it changed one field; the database exactly as before), a crash (an
exception, a server error, an unexpected status) or a partial import (an error but the
database changed; or stored values other than the file's).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from html import unescape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from excelfuzz import _arkdel, _ret_ark_xml, _ret_celle_xml, _ret_del
from openpyxl import Workbook, load_workbook

from socialstyring.io.cpr import pseudonym
from socialstyring.io.kilder.folk1a import Folk1aFejl
from socialstyring.io.kilder.kommuner import find_kommune
from socialstyring.io.kilder.regk31 import Regk31Fejl
from socialstyring.web.befolkning.models import Befolkning
from socialstyring.web.benchmark.models import Regnskabstal
from socialstyring.web.drift.services import Backupfejl, gendan_backup, modeller, skriv_backup
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.register.models import Kommune, Ydelse

DATA = Path(__file__).resolve().parent / "data"
FOLK1A = DATA / "folk1a_midt_2018.csv"
REGK31 = DATA / "regk31" / "tre_kommuner_2020.csv"
OPHOLD_BRUGER = "randers_kommune"
OPHOLD_HOVED = (
    "CPR-nummer", "Handlekommune", "Betalingskommune", "Tilbud", "Ydelse", "Start", "Opsagt", "Opsagt af",
    "Slut", "Årsag", "Indskrivning %",
)  # fmt: skip
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Mutant:
    """A mutated file and what the mutation touched: `raekke` the row it changed (the row as
    the file numbers it, the header is 1; None: the file as a whole), `felt` whether it changed
    one field's value (then an error about that row must name the column)."""

    data: bytes
    raekke: int | None = None
    felt: bool = False
    hvad: str = ""


@dataclass(frozen=True)
class Udfald:
    """What an import did: "korrekt", "fejl" (a clear error, the database unchanged), "uklar"
    (an error that does not name file, sheet, row or column as it should), "delvis" (an error
    but the database changed, or stored values other than the file's) or "nedbrud"."""

    art: str
    detaljer: str = ""


_RAEKKE = re.compile(r"række \d+|objekt nr\. \d+")


def bedoem(
    fejl: list[str], m: Mutant, filnavn: str, *, ark: bool = False, kolonner: tuple[str, ...] = ()
) -> Udfald:
    """A refusal's messages judged: each names the file; when the mutation changed a row, one
    names a row (and, for a workbook, the sheet); when it changed one field, a message naming a
    row names a column (one of `kolonner`, 'kolonne' or a cell) — or the row's field count."""
    if not fejl:
        return Udfald("uklar", "afvist uden fejlbesked")
    uden_fil = [f for f in fejl if filnavn not in f]
    if uden_fil:
        return Udfald("uklar", f"fejl uden filnavn: {uden_fil[0][:300]}")
    if m.raekke is not None:
        med_raekke = [f for f in fejl if _RAEKKE.search(f)]
        if not med_raekke:
            return Udfald("uklar", f"{m.hvad}: fejl uden række: {fejl[0][:300]}")
        if ark and not any('ark "' in f for f in med_raekke):
            return Udfald("uklar", f"{m.hvad}: fejl uden ark: {med_raekke[0][:300]}")
        if m.felt:
            navne = [*kolonner, "kolonne", "celle", "felter"]
            if not any(any(n in _efter_raekke(f) for n in navne) for f in med_raekke):
                return Udfald("uklar", f"{m.hvad}: fejl uden kolonne: {med_raekke[0][:300]}")
    return Udfald("fejl", fejl[0][:300])


def _efter_raekke(besked: str) -> str:
    """What a message says after its row ("række 7" or "objekt nr. 7")."""
    m = _RAEKKE.search(besked)
    return besked[m.end() :] if m else ""


# --- mutations of a text (CSV) file -----------------------------------------------------------

ODDE: tuple[str, ...] = (
    "", " ", "0", "-1", "-0", "+5", "1.000", "1 000", "1,5", "1.234,50", "1e3", "1E400", "0x10", "NaN", "Infinity",
    "2147483648", "9223372036854775808", "99999999999999999999999", "-99999999999999999999", "٢٠١٨", "１２", "²",
    "31-02-2018", "00-00-0000", "29-02-2019", "01-01-0001", "31-12-9999", "9999-12-31", "1899-12-31",
    "2018-13-45", "01.03.2018", "2018K5", "18K1", "2018K1 ", "Alder i alt", "I alt", "125 år", "126 år",
    "5-9 år", "15-19 år", "100 år og derover", "Hele landet", "Christiansø", "Landsdel Østjylland", "Aarhus",
    "Århus", "Ukendt Kommune", "5.38.50", "5.38", "5", "9.99.99 x", "..", "-", "=1+1", "@SUM(A1)", "+A1",
    "\x07", "\x00", "a\u200bb", "\u202eabc", "010190-1234", "x" * 101, "y" * 5000, "z" * 200_000, '"', "a;b",
    "a\tb", "a\nb", '"a;b"', "Mænd", "Kvinder", "Drift", "Regnskab (kr. pr. indbygger)",
)  # fmt: skip
"""Field values: numbers at and beyond every limit and in odd formats, dates out of range, other
scripts' digits, each reader's special texts, control and invisible characters, a CPR number,
separators, quotes and line breaks inside a field, and fields long and very long."""


def _vaerdi(rnd: random.Random) -> str:
    if rnd.random() < 0.15:
        return str(rnd.choice([rnd.randint(-(10**12), 10**12), rnd.randint(0, 500)]))
    return rnd.choice(ODDE)


def _linjer(tekst: str) -> list[str]:
    return tekst.split("\n")


def _felter(linje: str, skille: str) -> list[str]:
    return linje.rstrip("\r").split(skille)


def _saml(felter: list[str], skille: str, cr: bool) -> str:
    return skille.join(felter) + ("\r" if cr else "")


def _kvoter(v: str, skille: str) -> str:
    """A value written into a CSV field as Excel's CSV export would (quoted when it must be)."""
    if any(t in v for t in (skille, '"', "\n", "\r")):
        return '"' + v.replace('"', '""') + '"'
    return v


def muter_tekst(data: bytes, rnd: random.Random, skille: str = ";") -> Mutant:
    """One mutation (sometimes two) of a valid semicolon CSV file (UTF-8, maybe with BOM)."""
    m = _en_tekstmutation(data, rnd, skille)
    if rnd.random() < 0.2 and m.data:
        m2 = _en_tekstmutation(m.data, rnd, skille)
        # row-level only when both are (a file-level fault may leave no rows to name)
        raekke = m2.raekke if m.raekke is not None else None
        return Mutant(m2.data, raekke, m.felt and m2.felt, f"{m.hvad} + {m2.hvad}")
    return m


def _en_tekstmutation(data: bytes, rnd: random.Random, skille: str) -> Mutant:
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        tekst = data[3:].decode() if bom else data.decode()
    except UnicodeDecodeError:
        return Mutant(data[: rnd.randrange(len(data) + 1)], None, False, "afkortet")
    linjer = _linjer(tekst)
    cr = linjer[0].endswith("\r")
    while len(linjer) > 1 and not linjer[-1].strip():
        linjer.pop()
    n = len(linjer)

    def ud(ny: list[str], raekke: int | None, felt: bool, hvad: str, sep: str = "\n") -> Mutant:
        return Mutant((codecs.BOM_UTF8 if bom else b"") + sep.join(ny).encode(), raekke, felt, hvad)

    valg = rnd.randrange(24)
    if valg <= 6:  # one field of a data row (or, now and then, of the header)
        i = rnd.randrange(1, n) if n > 1 and rnd.random() < 0.9 else 0
        f = _felter(linjer[i], skille)
        k = rnd.randrange(len(f))
        v = _vaerdi(rnd)
        f[k] = _kvoter(v, skille) if rnd.random() < 0.7 else v
        linjer[i] = _saml(f, skille, cr)
        enkel = not any(t in v for t in (skille, '"', "\n", "\r", "\x00"))
        return ud(linjer, i + 1, enkel and i > 0, f"felt {k + 1} i række {i + 1} = {v[:20]!r}")
    if valg == 7:  # a row deleted
        i = rnd.randrange(n)
        del linjer[i]
        return ud(linjer, i + 1 if i > 0 else 1, False, f"række {i + 1} slettet")
    if valg == 8:  # a row copied
        i, j = rnd.randrange(1, max(n, 2)), rnd.randrange(1, n + 1)
        linjer.insert(j, linjer[min(i, n - 1)])
        return ud(linjer, j + 1, False, f"række {i + 1} kopieret til {j + 1}")
    if valg == 9:  # a row with too few or too many fields, or of garbage
        j = rnd.randrange(1, n + 1)
        f = _felter(linjer[rnd.randrange(n)], skille)
        f = (
            f[: rnd.randrange(len(f))]
            if rnd.random() < 0.5
            else [*f, *(_vaerdi(rnd) for _ in range(rnd.randint(1, 3)))]
        )
        linjer.insert(j, _saml(f, skille, cr))
        return ud(linjer, j + 1, False, f"række {j + 1} med {len(f)} felter")
    if valg == 10:  # a column deleted, copied or swapped with another (header and rows)
        bredde = len(_felter(linjer[0], skille))
        a, b = rnd.randrange(bredde), rnd.randrange(bredde)
        hvad = rnd.choice(["slettet", "kopieret", "byttet"])
        for i, linje in enumerate(linjer):
            f = _felter(linje, skille)
            if max(a, b) >= len(f):
                continue
            if hvad == "slettet":
                del f[a]
            elif hvad == "kopieret":
                f.insert(b, f[a])
            else:
                f[a], f[b] = f[b], f[a]
            linjer[i] = _saml(f, skille, cr)
        return ud(linjer, 1, False, f"kolonne {a + 1} {hvad}")
    if valg == 11:  # a heading renamed, case changed or an extra column added
        f = _felter(linjer[0], skille)
        k = rnd.randrange(len(f))
        f[k] = rnd.choice(
            [f[k].lower(), f[k].upper(), f" {f[k]} ", f[k] + ":", "Ekstra", "", f[k] + "x", "INDHOLD"]
        )
        if rnd.random() < 0.3:
            f.append(rnd.choice(["Ekstra", "KØN", "Bemærkning", ""]))
        linjer[0] = _saml(f, skille, cr)
        return ud(linjer, 1, False, f"overskrift {k + 1} = {f[k]!r}")
    if valg == 12:  # another separator, in the whole file or one row
        ny = rnd.choice([",", "\t", "|", " "])
        if rnd.random() < 0.5:
            return ud([linje.replace(skille, ny) for linje in linjer], None, False, f"skilletegn {ny!r}")
        i = rnd.randrange(n)
        linjer[i] = linjer[i].replace(skille, ny)
        return ud(linjer, i + 1, False, f"skilletegn {ny!r} i række {i + 1}")
    if valg == 13:  # quoting: every field quoted, an unbalanced quote, a quote in the middle
        i = rnd.randrange(n)
        f = _felter(linjer[i], skille)
        k = rnd.randrange(len(f))
        art = rnd.randrange(3)
        if art == 0:
            f = [f'"{v}"' for v in f]
        elif art == 1:
            f[k] = '"' + f[k]
        else:
            f[k] = f[k][: len(f[k]) // 2] + '"' + f[k][len(f[k]) // 2 :]
        linjer[i] = _saml(f, skille, cr)
        return ud(linjer, i + 1, False, f"anførselstegn ({art}) i række {i + 1}")
    if valg == 14:  # BOM removed, doubled or added
        tekst = "\n".join(linjer)
        bom_ny = rnd.choice([b"", codecs.BOM_UTF8, codecs.BOM_UTF8 * 2])
        return Mutant(bom_ny + tekst.encode(), None, False, f"BOM {bom_ny!r}")
    if valg == 15:  # another encoding
        tekst = "\n".join(linjer)
        kodning = rnd.choice(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32", "cp865"])
        try:
            return Mutant(tekst.encode(kodning), None, False, f"kodning {kodning}")
        except UnicodeEncodeError:
            return Mutant(tekst.encode(kodning, errors="replace"), None, False, f"kodning {kodning}")
    if valg == 16:  # line endings
        skift = rnd.choice(["\r", "\r\n", "\n\n", "\r\r\n"])
        return ud([linje.rstrip("\r") for linje in linjer], None, False, f"linjeskift {skift!r}", sep=skift)
    if valg == 17:  # a byte inserted into a row
        i = rnd.randrange(n)
        raa = bytearray(linjer[i].encode())
        raa.insert(rnd.randrange(len(raa) + 1), rnd.choice([0x00, 0xFF, 0x81, 0x8D, 0xC3, 0x1A, 0x0B]))
        foer = "\n".join(linjer[:i]).encode() + (b"\n" if i else b"")
        efter = (b"\n" if i < n - 1 else b"") + "\n".join(linjer[i + 1 :]).encode()
        return Mutant(
            (codecs.BOM_UTF8 if bom else b"") + foer + bytes(raa) + efter,
            i + 1,
            False,
            f"byte i række {i + 1}",
        )
    if valg == 18:  # truncated
        return Mutant(data[: rnd.randrange(len(data) + 1)], None, False, "afkortet")
    if valg == 19:  # empty, only a header, only blank lines, only spaces
        art = rnd.randrange(4)
        tom = [b"", linjer[0].encode(), b"\n\n\n", b" ; ;\n ;\n"][art]
        return Mutant(tom, None, False, f"tom ({art})")
    if valg == 20:  # binary garbage, or another kind of file
        binaer = rnd.choice(
            [
                bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 2000))),
                b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(200)),
                b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
                gzip.compress(data),
                b"\x89PNG\r\n\x1a\n\x00\x00",
            ]
        )
        return Mutant(binaer, None, False, "binært")
    if valg == 21:  # a very long line, or very many fields
        i = rnd.randrange(1, n + 1)
        ny = ("x" * rnd.choice([10_000, 200_000, 1_100_000])) if rnd.random() < 0.5 else skille * 100_000
        linjer.insert(i, ny)
        return ud(linjer, i + 1, False, f"lang række {i + 1} ({len(ny)} tegn)")
    if valg == 22:  # rows shuffled (harmless unless a reader depends on the order)
        hoved, rest = linjer[:1], linjer[1:]
        rnd.shuffle(rest)
        return ud(hoved + rest, None, False, "rækker blandet")
    # numbers written otherwise in the whole file: thousands separators, decimals, signs
    form = rnd.choice(["1.{}", "{},0", "+{}", " {} ", "{}.00", "0{}"])
    nye = [linjer[0]] + [
        re.sub(r"(?<=[;\t])(\d{3,})(?=\r?$)", lambda mm: form.format(mm.group(1)), linje)
        for linje in linjer[1:]
    ]
    return ud(nye, None, False, f"tal som {form!r}")


# --- the stays (ophold) ------------------------------------------------------------------------


def ophold_raekker(rnd: random.Random | None = None) -> list[list[object]]:
    """Eight new stays paid by Randers in the demo's Midtjylland offers (CPR serials 0100–0107,
    the 1900s; the demo's citizens have 4000–4999): valid rows of a stays file."""
    rnd = rnd or random.Random(0)
    aftale = User.objects.select_related("profil").get(username=OPHOLD_BRUGER).profil.rammeaftale
    ydelser = list(
        Ydelse.objects.filter(tilbud__driftsherre__rammeaftale=aftale)
        .select_related("tilbud")
        .order_by("pk")[:40]
    )
    raekker: list[list[object]] = []
    for i in range(8):
        y = ydelser[(i * 7) % len(ydelser)]
        foedt = date(1950, 1, 1) + timedelta(days=rnd.randrange(365 * 45))
        start = date(2019, 1, 1) + timedelta(days=rnd.randrange(365 * 4))
        slut = start + timedelta(days=rnd.randrange(30, 700)) if i % 2 else None
        opsagt = slut - timedelta(days=30) if slut and i % 4 == 1 else None
        raekker.append(
            [
                f"{foedt:%d%m%y}-{100 + i:04d}", rnd.choice(["730", "Randers", "751"]), rnd.choice(["730", "Randers Kommune"]),
                y.tilbud.navn, y.navn, f"{start:%d-%m-%Y}", f"{opsagt:%d-%m-%Y}" if opsagt else "",
                "handlekommune" if opsagt else "", f"{slut:%d-%m-%Y}" if slut else "", "Flyttet" if slut else "",
                rnd.choice(["100", "87,5", "50"]),
            ]
        )  # fmt: skip
    return raekker


def ophold_csv(raekker: list[list[object]]) -> bytes:
    linjer = [";".join(OPHOLD_HOVED), *(";".join(str(v) for v in r) for r in raekker)]
    return codecs.BOM_UTF8 + "\r\n".join(linjer).encode()


def ophold_xlsx(raekker: list[list[object]]) -> bytes:
    """The rows as a workbook as a case system exports it: dates as dates, numbers as numbers."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Ophold"
    ws.append(list(OPHOLD_HOVED))
    for r in raekker:
        ws.append([_som_celle(v) for v in r])
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


def _som_celle(v: object) -> object:
    if isinstance(v, str) and re.fullmatch(r"\d\d-\d\d-\d{4}", v):
        return datetime.strptime(v, "%d-%m-%Y")
    if isinstance(v, str) and re.fullmatch(r"\d+", v):
        return int(v)
    return v


CELLEVAERDIER: tuple[object, ...] = (
    0, -1, 2**63, 10**20, 1e20, 0.5, 1e-5, 87.555, "12x", "1,5", "²", "１２", "", " ", "=1/0", "=SUM(A1:A3)",
    '=HYPERLINK("http://eksempel.dk","Klik")', "x" * 6000, "Kilde _x0007_", "0101901234", "3213801234",
    date(1, 1, 1), date(9999, 12, 31), datetime(1900, 1, 1), datetime(2018, 6, 1, 12, 0), date(2030, 1, 1), True,
    None, "handlekommune", "tilbuddet", "31-02-2018",
)  # fmt: skip


def muter_ophold_xlsx(data: bytes, rnd: random.Random) -> Mutant:
    """Cells of the workbook set to odd values, rows and sheets changed, or a raw-XML fault."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    raekke: int | None = None
    felt = False
    hvad: list[str] = []
    antal = rnd.randint(1, 2)
    for _ in range(antal):
        valg = rnd.randrange(6)
        if valg <= 2:
            r, k = rnd.randint(1, ws.max_row + 1), rnd.randint(1, ws.max_column + 1)
            v = rnd.choice(CELLEVAERDIER)
            ws.cell(r, k).value = v  # type: ignore[assignment]
            raekke, felt = raekke or r, antal == 1 and r > 1
            hvad.append(f"{ws.cell(r, k).coordinate} = {str(v)[:20]!r}")
        elif valg == 3:
            r = rnd.randint(1, ws.max_row)
            ws.delete_rows(r)
            raekke = raekke or r
            hvad.append(f"række {r} slettet")
        elif valg == 4:
            fra, til = rnd.randint(2, ws.max_row), ws.max_row + rnd.randint(1, 3)
            for k in range(1, ws.max_column + 1):
                ws.cell(til, k).value = ws.cell(fra, k).value
            raekke = raekke or til
            hvad.append(f"række {fra} kopieret til {til}")
        else:
            art = rnd.randrange(3)
            if art == 0:
                wb.create_sheet("Forside", 0).cell(1, 1).value = "Udtræk fra sagssystemet"
            elif art == 1:
                ws.insert_rows(1, rnd.randint(1, 3))
            else:
                ws.insert_cols(rnd.randint(1, ws.max_column))
            hvad.append(f"ark/rækker/kolonner ({art})")
    ud = io.BytesIO()
    wb.save(ud)
    ny = ud.getvalue()
    if rnd.random() < 1 / 3:
        del_ = _arkdel(ny, wb.sheetnames[0])
        if del_ is not None:
            ny = _ret_del(ny, del_, rnd.choice([_ret_celle_xml, _ret_ark_xml])(rnd))
            hvad.append("XML-fejl")
            raekke, felt = None, False  # a sheet whose XML is broken: the file as a whole
    if rnd.random() < 0.05:
        ny = ny[: rnd.randrange(len(ny))]
        hvad.append("afkortet")
        raekke, felt = None, False
    return Mutant(ny, raekke, felt, ", ".join(hvad))


def _ophold_tilstand() -> Any:
    return list(Ophold.objects.order_by("pk").values_list()), Ophold.history.count()


def _dato(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return datetime.strptime(str(v).strip(), "%d-%m-%Y").date()
    except ValueError:
        return None


def _forventede_ophold(data: bytes) -> list[tuple[str, str, date, date | None, Decimal | None]] | None:
    """An independent reading of the plain rows of a stays file: (CPR's ten digits, offer,
    start, end, enrolment %) of each row written as the valid file writes it (dd-mm-yyyy or
    a date cell, plain numbers); other rows are not checked. None: not read so."""
    try:
        if data[:2] == b"PK":
            ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            raekker = [list(r) for r in ws.iter_rows(values_only=True)]
        else:
            raekker = [
                list(r) for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
            ]
    except Exception:
        return None
    raekker = [r for r in raekker if any(v is not None and str(v).strip() for v in r)]
    if not raekker or [
        str(v).strip() if v is not None else "" for v in raekker[0][: len(OPHOLD_HOVED)]
    ] != list(OPHOLD_HOVED):
        return None
    ud = []
    for r in raekker[1:]:
        r = [*r, *([None] * len(OPHOLD_HOVED))]
        cpr = str(r[0]).replace("-", "").strip()
        start, slut = _dato(r[5]), _dato(r[8]) if r[8] not in (None, "") else None
        if not (cpr.isascii() and cpr.isdigit() and len(cpr) == 10) or start is None:
            continue
        try:
            pct = Decimal(str(r[10]).replace(",", ".")) if r[10] not in (None, "") else Decimal(100)
        except InvalidOperation:
            pct = None
        ud.append((cpr, str(r[3]).strip().casefold(), start, slut, pct))
    return ud


@dataclass
class OpholdImport:
    """The stays import page, as `randers_kommune`."""

    navn: str = "ophold"
    klient: Client = field(default_factory=Client)

    def __post_init__(self) -> None:
        self.klient.force_login(User.objects.get(username=OPHOLD_BRUGER))
        self.url = reverse("ophold:importer")

    def grundfiler(self) -> list[bytes]:
        r = ophold_raekker()
        return [ophold_csv(r), ophold_xlsx(r)]

    def muter(self, grund: bytes, rnd: random.Random) -> Mutant:
        return muter_ophold_xlsx(grund, rnd) if grund[:2] == b"PK" else muter_tekst(grund, rnd)

    def importer(self, m: Mutant) -> Udfald:
        filnavn = "fuzz_ophold.xlsx" if m.data[:2] == b"PK" else "fuzz_ophold.csv"
        foer = _ophold_tilstand()
        try:
            svar = self.klient.post(self.url, {"fil": SimpleUploadedFile(filnavn, m.data, content_type=XLSX)})
        except Exception as e:
            return Udfald("nedbrud", f"{type(e).__name__}: {e}"[:300])
        efter = _ophold_tilstand()
        html = svar.content.decode()
        if svar.status_code == 400:
            boks = re.search(r'id="import-fejl">(.*?)</div>', html, re.S)
            fejl = (
                [unescape(f).strip() for f in re.findall(r"<li>(.*?)</li>", boks.group(1), re.S)]
                if boks
                else []
            )
            if not fejl:  # (the form takes any file, an empty one too: the reader names it)
                return Udfald("uklar", "400 uden fejlliste")
            if efter != foer:
                return Udfald("delvis", f"databasen ændret trods fejl: {fejl[:2]}")
            ark = filnavn.endswith(".xlsx") and m.raekke is not None and m.data[:2] == b"PK"
            return bedoem(fejl, m, filnavn, ark=ark, kolonner=OPHOLD_HOVED)
        if svar.status_code != 200 or "er indlæst" not in html:
            return Udfald("nedbrud", f"status {svar.status_code}")
        return self._tjek(m.data)

    def _tjek(self, data: bytes) -> Udfald:
        forventet = _forventede_ophold(data)
        noegle = getattr(settings, "CPR_NOEGLE", None)
        for cpr, tilbud, start, slut, pct in forventet or []:
            try:
                borger = pseudonym(cpr, noegle)
            except ValueError:
                continue
            o = Ophold.objects.filter(borger=borger, start=start, tilbud__navn__iexact=tilbud).first()
            if o is None:
                return Udfald("delvis", f"ophold {cpr[:6]}-…, {tilbud}, {start} ikke gemt")
            if o.slut != slut or (pct is not None and o.indskrivning_pct != pct):
                return Udfald(
                    "delvis",
                    f"ophold {start}: gemt slut {o.slut}/{o.indskrivning_pct} %, filen {slut}/{pct} %",
                )
        return Udfald("korrekt")


# --- FOLK1A and REGK31 (the CLI's services) ------------------------------------------------


def _befolkning_tilstand() -> Any:
    return (
        list(Befolkning.objects.order_by("pk").values_list()),
        Befolkning.history.count(),
        Kommune.objects.count(),
    )


def _regnskab_tilstand() -> Any:
    return (
        list(Regnskabstal.objects.order_by("pk").values_list()),
        Regnskabstal.history.count(),
        Kommune.objects.count(),
    )


def _statbank_raekker(data: bytes) -> list[dict[str, str]] | None:
    """An independent reading of a Statistikbanken CSV as the valid files write it: UTF-8 with
    or without BOM, ';', no quoting; None when the file is not so."""
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    linjer = [linje.rstrip("\r") for linje in tekst.split("\n") if linje.strip()]
    if not linjer or '"' in tekst:
        return None
    hoved = [h.strip().upper() for h in linjer[0].split(";")]
    raekker = [dict(zip(hoved, (f.strip() for f in linje.split(";")), strict=False)) for linje in linjer[1:]]
    return raekker


def _forventet_befolkning(data: bytes) -> dict[tuple[int, int], tuple[int, int, int]] | None:
    """(municipality code, year) → (0–17, 18–64, 65+) of the file's single ages in K1 (only
    for a file of single ages without sex or marital status; None otherwise)."""
    raekker = _statbank_raekker(data)
    if raekker is None or any(set(r) != {"OMRÅDE", "ALDER", "TID", "INDHOLD"} for r in raekker):
        return None
    ud: dict[tuple[int, int], list[int]] = {}
    for r in raekker:
        k = find_kommune(r["OMRÅDE"])
        m = re.fullmatch(r"(\d+) år", r["ALDER"])
        if k is None or m is None or not r["TID"].endswith("K1") or not r["INDHOLD"].isdigit():
            continue
        baand = 0 if int(m[1]) <= 17 else 1 if int(m[1]) <= 64 else 2
        ud.setdefault((k.kode, int(r["TID"][:4])), [0, 0, 0])[baand] += int(r["INDHOLD"])
    return {k: (v[0], v[1], v[2]) for k, v in ud.items()}


def _forventede_regnskaber(data: bytes) -> dict[tuple[int, int, str], Decimal] | None:
    raekker = _statbank_raekker(data)
    if raekker is None:
        return None
    ud: dict[tuple[int, int, str], Decimal] = {}
    for r in raekker:
        k = find_kommune(r.get("OMRÅDE", ""))
        m = re.fullmatch(r"(\d\.\d\d\.\d\d)(?:\s.*)?", r.get("FUNKTION", ""))
        if (
            k is None
            or m is None
            or not re.fullmatch(r"-?\d+", r.get("INDHOLD", ""))
            or not r.get("TID", "").isdigit()
        ):
            continue
        ud[(k.kode, int(r["TID"]), m[1])] = Decimal(int(r["INDHOLD"])) * 1000
    return ud


@dataclass
class KildeImport:
    """A Statistikbanken CSV through its service (FOLK1A or REGK31), the file written to `mappe`."""

    navn: str
    grund: Path
    mappe: Path

    def grundfiler(self) -> list[bytes]:
        return [self.grund.read_bytes()]

    def muter(self, grund: bytes, rnd: random.Random) -> Mutant:
        return muter_tekst(grund, rnd)

    def importer(self, m: Mutant) -> Udfald:
        from socialstyring.web.befolkning.services import indlaes_befolkning
        from socialstyring.web.benchmark.services import indlaes_regnskab

        befolkning = self.navn == "befolkning"
        fil = self.mappe / ("fuzz_folk1a.csv" if befolkning else "fuzz_regk31.csv")
        fil.write_bytes(m.data)
        tilstand = _befolkning_tilstand if befolkning else _regnskab_tilstand
        foer = tilstand()
        try:
            with transaction.atomic():
                if befolkning:
                    indlaes_befolkning(fil)
                else:
                    indlaes_regnskab(fil)
        except (Folk1aFejl, Regk31Fejl) as e:
            if tilstand() != foer:
                return Udfald("delvis", f"databasen ændret trods fejl: {e}"[:300])
            kolonner = (
                "OMRÅDE",
                "ALDER",
                "TID",
                "INDHOLD",
                "KØN",
                "CIVILSTAND",
                "FUNKTION",
                "DRANST",
                "ART",
                "PRISENHED",
            )
            return bedoem([str(e)], m, fil.name, kolonner=kolonner)
        except Exception as e:
            return Udfald("nedbrud", f"{type(e).__name__}: {e}"[:300])
        return self._tjek_befolkning(m.data) if befolkning else self._tjek_regnskab(m.data)

    def _tjek_befolkning(self, data: bytes) -> Udfald:
        forventet = _forventet_befolkning(data)
        gemt = {
            (b.kommune.kode, b.aar, b.aldersgruppe): b.antal
            for b in Befolkning.objects.select_related("kommune")
        }
        for (kode, aar), tal in (forventet or {}).items():
            for gruppe, antal in zip(("0-17", "18-64", "65+"), tal, strict=True):
                if gemt.get((kode, aar, gruppe)) != antal:
                    return Udfald(
                        "delvis",
                        f"{kode} {aar} {gruppe}: filen {antal}, gemt {gemt.get((kode, aar, gruppe))}",
                    )
        return Udfald("korrekt")

    def _tjek_regnskab(self, data: bytes) -> Udfald:
        gemt = {
            (r.kommune.kode, r.aar, r.funktion): r.beloeb
            for r in Regnskabstal.objects.select_related("kommune")
        }
        for noegle, beloeb in (_forventede_regnskaber(data) or {}).items():
            if gemt.get(noegle) != beloeb:
                return Udfald("delvis", f"{noegle}: filen {beloeb}, gemt {gemt.get(noegle)}")
        return Udfald("korrekt")


# --- the backup ------------------------------------------------------------------------------


def backup_grundfil(mappe: Path) -> bytes:
    """A valid backup, as `skriv_backup` writes it, of the small register of `registerdata`
    (built in a transaction rolled back after, so the database is empty again)."""
    from registerdata import opret_registerdata

    fil = mappe / "grund.json.gz"
    with transaction.atomic(), contextlib.redirect_stdout(io.StringIO()):  # the rulebook's notices
        opret_registerdata()
        skriv_backup(fil)
        transaction.set_rollback(True)
    return fil.read_bytes()


def raekker_i_alt() -> int:
    return sum(m._base_manager.count() for m in modeller())


def _ny_vaerdi(v: object, rnd: random.Random) -> object:
    """A value of the wrong type or beyond its column's limits, for a field that holds `v`."""
    return rnd.choice(
        [
            None,
            "",
            "x",
            "abc" * 50_000,
            -1,
            0,
            2**31,
            2**63,
            10**30,
            -(10**30),
            1.5,
            1e308,
            True,
            [],
            {},
            [1, 2],
            {"a": 1},
            "2018-13-45",
            "9999-12-31T23:59:59",
            "0000-00-00",
            "12345678901234567890.123",
            "1.23456",
            "NaN",
            "-Infinity",
            "\x00",
            "010190-1234",
            999_999,
            "999999",
            ["findes_ikke"],
        ]
    )


def muter_backup(data: bytes, rnd: random.Random) -> Mutant:
    """One fault (sometimes two) in a valid backup (gzipped JSON of Django's serialiser): the
    object number (1 = the first) is the backup's "row", the field its "column"."""
    valg = rnd.randrange(20)
    if valg == 0:
        return Mutant(data[: rnd.randrange(len(data))], None, False, "gzip afkortet")
    if valg == 1:
        return Mutant(
            rnd.choice(
                [b"", b"\x1f\x8b", bytes(rnd.randrange(256) for _ in range(500)), gzip.decompress(data)]
            ),
            None,
            False,
            "ikke gzip",
        )
    tekst = gzip.decompress(data).decode()
    if valg == 2:  # bad JSON
        i = rnd.randrange(len(tekst))
        ny = rnd.choice(
            [
                tekst[:i],
                tekst[:i] + rnd.choice(["{", "]", ",", '"', "\x00", "NaN"]) + tekst[i:],
                "[" * 100_000,
            ]
        )
        return Mutant(gzip.compress(ny.encode()), None, False, "ugyldig JSON")
    if valg == 3:  # JSON of another shape, or text in another encoding
        ny = rnd.choice(['{"model": "auth.user"}', "42", "null", '"tekst"', "[]", "[1, 2]", "[[]]", ""])
        if rnd.random() < 0.3:
            return Mutant(gzip.compress(tekst.encode("utf-16")), None, False, "UTF-16")
        return Mutant(gzip.compress(ny.encode()), None, False, f"JSON {ny[:20]!r}")
    objekter: list[dict[str, Any]] = json.loads(tekst)
    i = rnd.randrange(len(objekter))
    o = objekter[i]
    hvad = f"objekt {i + 1} ({o['model']}, pk {o['pk']})"
    felt = False
    if valg <= 9:  # a field's value
        if o["fields"]:
            navn = rnd.choice(sorted(o["fields"]))
            o["fields"][navn] = _ny_vaerdi(o["fields"][navn], rnd)
            hvad += f": {navn} = {str(o['fields'][navn])[:20]!r}"
            felt = True
    elif valg == 10:  # a field removed, or an unknown one added
        if o["fields"] and rnd.random() < 0.5:
            navn = rnd.choice(sorted(o["fields"]))
            del o["fields"][navn]
            hvad += f": {navn} fjernet"
        else:
            o["fields"]["findes_ikke"] = 1
            hvad += ": ukendt felt"
    elif valg == 11:  # unknown model, or a model left out of backups
        o["model"] = rnd.choice(
            [
                "register.findesikke",
                "findesikke.model",
                "x",
                "",
                "contenttypes.contenttype",
                "sessions.session",
                5,
            ]
        )
        hvad += f": model {o['model']!r}"
    elif valg == 12:  # pk of the wrong kind
        o["pk"] = rnd.choice([None, "abc", -1, 2**63, 1.5, [], "1"])
        hvad += f": pk {o['pk']!r}"
    elif valg == 13:  # model, pk or fields missing; fields not a dict; not an object
        art = rnd.randrange(5)
        if art < 3:
            del o[("model", "pk", "fields")[art]]
        elif art == 3:
            o["fields"] = ["x"]
        else:
            objekter[i] = rnd.choice([1, "x", None, []])  # type: ignore[call-overload]
        hvad += f": form ({art})"
    elif valg == 14:  # a foreign key to a row that is not there
        fk = [
            n
            for n, v in o["fields"].items()
            if isinstance(v, int) and not isinstance(v, bool) and n not in ("aar", "version")
        ]
        if fk:
            navn = rnd.choice(fk)
            o["fields"][navn] = 987_654
            hvad += f": {navn} = 987654"
            felt = True
    elif valg == 15:  # the same row twice (another copy of its fields)
        kopi = json.loads(json.dumps(o))
        for navn, v in kopi["fields"].items():
            if isinstance(v, str) and v:
                kopi["fields"][navn] = v[:-1] + "Ø"
                break
        objekter.insert(rnd.randrange(len(objekter) + 1), kopi)
        hvad += ": to gange"
    elif valg == 16:  # a row deleted (others may point to it)
        del objekter[i]
        hvad += ": slettet"
    elif valg == 17:  # a row's values swapped with another's of the same model
        andre = [p for p in objekter if isinstance(p, dict) and p.get("model") == o["model"] and p is not o]
        if andre:
            p = rnd.choice(andre)
            o["pk"], p["pk"] = p["pk"], o["pk"]
            hvad += ": pk byttet"
    elif valg == 18:  # huge texts and numbers everywhere in one row
        for navn, v in o["fields"].items():
            if isinstance(v, str):
                o["fields"][navn] = v + "x" * rnd.choice([300, 10_000])
            elif isinstance(v, int) and not isinstance(v, bool):
                o["fields"][navn] = v + 10 ** rnd.choice([6, 12, 20])
        hvad += ": store værdier"
        felt = True
    else:  # the objects in another order (forward references: harmless)
        rnd.shuffle(objekter)
        hvad = "objekter blandet"
        return Mutant(gzip.compress(json.dumps(objekter).encode()), None, False, hvad)
    return Mutant(
        gzip.compress(json.dumps(objekter, ensure_ascii=rnd.random() < 0.5).encode()), i + 1, felt, hvad
    )


@dataclass
class BackupImport:
    """`gendan_backup` into the empty, migrated database, in a transaction rolled back after."""

    mappe: Path
    navn: str = "backup"
    grund: bytes = b""

    def grundfiler(self) -> list[bytes]:
        if not self.grund:
            self.grund = backup_grundfil(self.mappe)
        return [self.grund]

    def muter(self, grund: bytes, rnd: random.Random) -> Mutant:
        return muter_backup(grund, rnd)

    def importer(self, m: Mutant) -> Udfald:
        fil = self.mappe / "fuzz_backup.json.gz"
        fil.write_bytes(m.data)
        assert raekker_i_alt() == 0, "backup fuzzing needs an empty database"
        try:
            gendan_backup(fil)
        except Backupfejl as e:
            if (n := raekker_i_alt()) != 0:
                return Udfald("delvis", f"{n} rækker trods fejl: {e}"[:300])
            return bedoem([str(e)], m, fil.name, kolonner=("feltet", "model"))
        except Exception as e:
            return Udfald("nedbrud", f"{type(e).__name__}: {e}"[:300])
        return tjek_gendannet(m.data)


def tjek_gendannet(data: bytes) -> Udfald:
    """After a restore that succeeded: every object of the file is a row holding the file's
    values (each field's value as its model field reads it), and there are no other rows."""
    from django.apps import apps

    objekter = json.loads(gzip.decompress(data))
    set_: set[tuple[str, object]] = set()
    for o in objekter:
        model = apps.get_model(o["model"])
        rk = model._base_manager.filter(pk=o["pk"]).values().first()
        if rk is None:
            return Udfald("delvis", f"{o['model']} pk {o['pk']} ikke gendannet")
        for navn, v in o["fields"].items():
            f = model._meta.get_field(navn)
            if f.many_to_many or (f.is_relation and isinstance(v, list)):
                continue  # natural keys and many-to-many: checked by the database's constraints
            forventet = f.to_python(v)
            gemt = rk[f.attname]
            if isinstance(forventet, datetime) and forventet.tzinfo is None:
                forventet = timezone.make_aware(forventet)  # as Django stores a naive time
            if forventet != gemt:
                return Udfald(
                    "delvis", f"{o['model']} pk {o['pk']}, {navn}: filen {str(v)[:40]}, gemt {str(gemt)[:40]}"
                )
        set_.add((o["model"], o["pk"]))
    if raekker_i_alt() != len(set_):
        return Udfald("delvis", f"{raekker_i_alt()} rækker, filen har {len(set_)} objekter")
    return Udfald("korrekt")
