"""What is read from outside — an id or a year in an uploaded file, a query string, a form,
and any text — checked before it reaches the database.

`laes_id` is the one reader of ids: ASCII digits 0–9 only, at least 1, at most `MAKS_ID`
(the largest key the database holds). Python's own `int()` and `str.isdigit()` are not
used: they accept superscripts ("²"), circled digits ("①") and other scripts' digits, and
`int()` turns "100000000000000000000" into a number no database column holds — both ended
as a server error where a user should have read what was wrong. `laes_heltal` is the same
reader with its own bounds (a year: `laes_heltal(tekst, mindst=1900, maks=2200, hvad="årstal")`).

Every refusal is an `Idfejl`, a `ValueError` with a short Danish message that quotes what
was read (`"²" er ikke et gyldigt id`, `"100000000000000000000" er for stort til at være et
id`); the caller adds where it was read.

`UGYLDIGE_TEGN` are the characters a text of ours may not hold: the control characters
(but tab and line breaks), lone surrogates and U+FFFE/U+FFFF — XML cannot hold them, so an
Excel file or a PDF with one is broken, and nobody types them on purpose. They are refused
where text comes in (`har_ugyldige_tegn`: the Excel importers, the forms' text fields) and
replaced by a visible `ERSTATNING` (�) where text already stored goes out
(`erstat_ugyldige_tegn`: every workbook we write).

Pure: no Django, no I/O.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "ERSTATNING",
    "MAKS_ID",
    "UGYLDIGE_TEGN",
    "Idfejl",
    "erstat_ugyldige_tegn",
    "har_ugyldige_tegn",
    "laes_heltal",
    "laes_id",
]

MAKS_ID: Final = 2**63 - 1
"""The largest id a key column holds (a 64-bit signed integer: Django's BigAutoField,
PostgreSQL's bigint, SQLite's INTEGER)."""

_CIFRE: Final = re.compile(r"[0-9]+")  # ASCII only: not \d, which takes every script's digits
_MAKS_VIST: Final = 40
"""Longer texts are shortened in the message."""


class Idfejl(ValueError):
    """A text that should hold an id (or a bounded whole number) does not; the message is in
    Danish and quotes the text."""


def _vist(tekst: str) -> str:
    vist = tekst.strip()
    return vist if len(vist) <= _MAKS_VIST else vist[: _MAKS_VIST - 1] + "…"


def laes_heltal(tekst: str, *, mindst: int, maks: int, hvad: str = "heltal") -> int:
    """The whole number in `tekst` (spaces around it allowed), from `mindst` to `maks`.

    Only the ASCII digits 0–9: no sign, no separators. `hvad` names what was expected in the
    message, a neuter noun ("id", "årstal", "heltal"): `"²" er ikke et gyldigt id`. Raises
    `Idfejl` otherwise."""
    s = tekst.strip()
    if not s:
        raise Idfejl(f"der står intet {hvad}")
    if not _CIFRE.fullmatch(s):
        raise Idfejl(f'"{_vist(tekst)}" er ikke et gyldigt {hvad}')
    cifre = s.lstrip("0") or "0"
    if len(cifre) > len(str(maks)) or (tal := int(cifre)) > maks:
        raise Idfejl(f'"{_vist(tekst)}" er for stort til at være et {hvad}')
    if tal < mindst:
        raise Idfejl(f'"{_vist(tekst)}" er ikke et gyldigt {hvad} (det mindste er {mindst})')
    return tal


def laes_id(tekst: str, *, maks: int = MAKS_ID) -> int:
    """The id in `tekst`: ASCII digits, from 1 to `maks` (default `MAKS_ID`). Raises `Idfejl`."""
    return laes_heltal(tekst, mindst=1, maks=maks, hvad="id")


UGYLDIGE_TEGN: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no text of ours may hold (see the module's docstring); openpyxl's own
`ILLEGAL_CHARACTERS_RE` is the control characters alone."""
ERSTATNING: Final = "\ufffd"
"""What an invalid character is shown as where stored text goes out: the replacement
character �, so the reader sees that something was there."""


def har_ugyldige_tegn(tekst: str) -> bool:
    """Whether `tekst` holds a character of `UGYLDIGE_TEGN`."""
    return UGYLDIGE_TEGN.search(tekst) is not None


def erstat_ugyldige_tegn(tekst: str, erstatning: str = ERSTATNING) -> str:
    """`tekst` with every character of `UGYLDIGE_TEGN` replaced by `erstatning`."""
    return UGYLDIGE_TEGN.sub(erstatning, tekst)
