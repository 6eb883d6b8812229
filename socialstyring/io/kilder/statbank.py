"""What every reader of a Statistikbanken CSV export shares (FOLK1A, REGK31): decoding the
file within a size limit, Python's csv errors in Danish, and how a message quotes a value.

Statistikbanken's CSV is one row per cell, semicolon-separated, with the variables as columns
and the figure in `INDHOLD`; UTF-8 with or without BOM, or Windows-1252 in older exports."""

from __future__ import annotations

import csv
from pathlib import Path

MAKS_FELTLAENGDE = 100  # characters; the longest municipality or function name is under 90


def tal(n: int) -> str:
    """A whole number the Danish way: 2.147.483.647."""
    return f"{n:,}".replace(",", ".")


def vis(tekst: str) -> str:
    """A field's value as a message quotes it: cut short when it is long."""
    return tekst if len(tekst) <= 40 else f"{tekst[:40]}… ({tal(len(tekst))} tegn)"


def csv_fejl(fejl: csv.Error, maks_feltlaengde: int = MAKS_FELTLAENGDE) -> str:
    """Python's csv message in Danish (the known ones)."""
    tekst = str(fejl)
    if "field larger than field limit" in tekst:
        return f"et felt er længere end {tal(csv.field_size_limit())} tegn; højst {maks_feltlaengde}"
    if "NUL" in tekst:
        return "rækken indeholder et NUL-tegn; er filen en tekstfil (CSV)?"
    return f"rækken kan ikke læses som CSV ({tekst})"


def langt_felt(tekst: str, linje: int, skille: str) -> str | None:
    """The heading (as written, cut short when long: on line 1 it may be the long field itself)
    of the column whose field on line `linje` (1 = the headings) of `tekst` is longer than csv's
    field limit — Python's csv error names no field — or None."""
    linjer = tekst.split("\n", linje)
    if linje < 1 or len(linjer) < linje:
        return None
    hoved = linjer[0].lstrip("\ufeff").rstrip("\r").split(skille)
    for i, felt in enumerate(linjer[linje - 1].split(skille)):
        if len(felt) > csv.field_size_limit():
            return vis(hoved[i].strip()) if i < len(hoved) and hoved[i].strip() else f"felt nr. {i + 1}"
    return None


def afkod(fil: Path, maks_bytes: int, fejltype: type[Exception], for_stor_raad: str) -> str:
    """The file's text; `fejltype` naming the file when it cannot be read, is larger than
    `maks_bytes` (with `for_stor_raad`, how to make the export smaller) or is neither UTF-8
    nor Windows-1252."""
    try:
        with fil.open("rb") as f:
            data = f.read(maks_bytes + 1)
    except OSError as fejl:
        raise fejltype(f"{fil}: kan ikke læses: {fejl}") from fejl
    if len(data) > maks_bytes:
        raise fejltype(
            f"{fil}: filen er over {maks_bytes // (1024 * 1024)} MB; del udtrækket op (fx pr. år)"
            f" eller {for_stor_raad}"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as fejl:
            raise fejltype(
                f"{fil}: {_sted(data, fejl.start + 3)}: filen begynder som UTF-8 (BOM), men byten "
                f"0x{data[fejl.start + 3]:02X} er ikke gyldig UTF-8; gem udtrækket som UTF-8 igen"
            ) from fejl
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as fejl:
        raise fejltype(
            f"{fil}: {_sted(data, fejl.start)}: byten 0x{data[fejl.start]:02X} er hverken UTF-8 eller "
            "Windows-1252; er filen en tekstfil (CSV) fra Statistikbanken?"
        ) from fejl


def _sted(data: bytes, byte: int) -> str:
    """Where byte number `byte` of the file is, as the readers number rows (a line each)."""
    linje = data.count(b"\n", 0, byte) + 1
    return f"række {linje}"
