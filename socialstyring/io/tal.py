"""Danish numbers in and out: the one parser of numbers typed by users, and the formatting.

`laes_tal` reads a number as a user types it — in a web form or in a text cell of an Excel
template — into an exact `Decimal`:

    "2.295,50"  "2295,5"  ",5"  "97"        Danish: decimal comma, '.' between thousands
    "1.234"  "1.234.567"                    thousands only (exact Danish grouping): 1234
    "2 295,50"  "1 000 000"                 spaces (also non-breaking) between thousands
    "2295.5"  ".5"  "1 234.5"               a decimal point (the machine way)
    "1,234.50"                              English grouping, only with a decimal point
    "-2.295,50"  "+5"  "−5"                 a leading sign (also the typographic minus)

Anything else — letters, exponents ("1e3"), NaN, Infinity, a trailing separator ("5,"),
separators that do not group thousands ("12 34", "1.23.456") — raises `Talfejl`, a
`ValueError` with a short Danish message (`"12x" er ikke et tal`). Digits are the ASCII
0–9 only.

The formatting (`dansk_tal`, `kr`) is defined once, in `beregning.kerne.penge`, because the
engine writes Danish numbers into its explanations; it is re-exported here so io and web
find both directions in one place.

Pure: no Django, no I/O.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from socialstyring.beregning.kerne.penge import dansk_tal, kr

__all__ = ["Talfejl", "dansk_tal", "kr", "laes_tal"]


class Talfejl(ValueError):
    """A text (or a cell) that should hold a number does not; the message is in Danish."""


_FORTEGN: Final = {"-": "-", "−": "-", "+": ""}  # U+2212 is the typographic minus
_MELLEMRUM: Final = str.maketrans({"\u00a0": " ", "\u202f": " "})  # (narrow) non-breaking spaces

# The integer part: plain digits, or digits grouped in thousands by '.' or by ' ' (one kind;
# a first group never starts with 0, so "0.001" is a decimal point).
_GRUPPE1 = r"[1-9][0-9]{0,2}"
_HELTAL = rf"[0-9]+|{_GRUPPE1}(?:\.[0-9]{{3}})+|{_GRUPPE1}(?: [0-9]{{3}})+"
_DANSK: Final = re.compile(rf"(?P<heltal>{_HELTAL})(?:,(?P<brok>[0-9]+))?|,(?P<kun_brok>[0-9]+)")
_PUNKTUM: Final = re.compile(rf"(?P<heltal>[0-9]*|{_GRUPPE1}(?: [0-9]{{3}})+)\.(?P<brok>[0-9]+)")
_ENGELSK: Final = re.compile(rf"(?P<heltal>{_GRUPPE1}(?:,[0-9]{{3}})+)\.(?P<brok>[0-9]+)")
_EN_GRUPPE: Final = re.compile(rf"{_GRUPPE1}\.[0-9]{{3}}")  # "1.234": thousands, or a decimal point?


def laes_tal(tekst: str, *, tusindtalspunktum: bool = True) -> Decimal:
    """The number in `tekst` as an exact Decimal (see the module's docstring for the forms).

    A single dot group like "1.234" is Danish thousands (1234) by default. With
    `tusindtalspunktum=False` it is read as a decimal point (1,234) instead: the Excel
    templates do so, and their check of at most two decimals then asks the user which was
    meant rather than guessing. Raises `Talfejl` for anything that is not a number."""
    vist = tekst.strip()
    if not vist:
        raise Talfejl("der står intet tal")
    s = vist.translate(_MELLEMRUM)
    fortegn = ""
    if s[0] in _FORTEGN:
        fortegn, s = _FORTEGN[s[0]], s[1:].lstrip(" ")
    if not tusindtalspunktum and _EN_GRUPPE.fullmatch(s):
        return Decimal(fortegn + s)
    if m := _DANSK.fullmatch(s):
        heltal, brok = m["heltal"], m["brok"] or m["kun_brok"]
    elif m := _PUNKTUM.fullmatch(s) or _ENGELSK.fullmatch(s):
        heltal, brok = m["heltal"], m["brok"]
    else:
        raise Talfejl(f'"{vist}" er ikke et tal')
    cifre = re.sub(r"[. ,]", "", heltal or "") or "0"
    return Decimal(f"{fortegn}{cifre}.{brok}" if brok else fortegn + cifre)
