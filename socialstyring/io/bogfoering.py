"""The booking file of a sent statement (docs/bogfoeringsfil.md): what the paying municipality
books, as CSV a municipal finance system imports — `;`-separated, UTF-8 (no byte order mark),
lines ended by CR LF, a header row, amounts with a decimal comma and no thousands separator
(`-1234,50`), every field as text (quoted when it holds `;`, `"` or a line break; a field that
begins with `=`, `+`, `-` or `@` and is not an amount is prefixed with `'` so a spreadsheet never
reads it as a formula)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

KOLONNER = ("debitor", "kreditor", "periode", "funktion", "beloeb", "reference")
"""The columns, in order (the header row)."""


@dataclass(frozen=True)
class Bogfoeringsraekke:
    """One row: the paying municipality (`debitor`, its three-digit code), the operator
    (`kreditor`, its name in the register), the month (`periode`, 'YYYY-MM'), the function of
    the chart of accounts ('5.38.50'; empty when the law has none), the amount in kroner and the
    statement's reference."""

    debitor: str
    kreditor: str
    periode: str
    funktion: str
    beloeb: Decimal
    reference: str


def beloeb_tekst(beloeb: Decimal) -> str:
    """'17267,00', '-6960,50': two decimals, decimal comma, no thousands separator."""
    return f"{beloeb.quantize(Decimal('0.01')):f}".replace(".", ",")


def _tekst(v: str) -> str:
    return "'" + v if v[:1] in ("=", "+", "-", "@") else v


def bogfoeringsfil(raekker: Sequence[Bogfoeringsraekke]) -> bytes:
    """The file of `raekker` (see the module)."""
    ud = io.StringIO()
    w = csv.writer(ud, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(KOLONNER)
    for r in raekker:
        w.writerow(
            (
                _tekst(r.debitor),
                _tekst(r.kreditor),
                _tekst(r.periode),
                _tekst(r.funktion),
                beloeb_tekst(r.beloeb),
                _tekst(r.reference),
            )
        )
    return ud.getvalue().encode("utf-8")
