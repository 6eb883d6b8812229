"""Reading ids and other whole numbers from a request's query string or form.

Python's own parsing is too lenient for an id: `'²'.isdigit()` is true (and `int('²')` then
raises), `int('١٢')` reads Arabic-Indic digits as 12, `int('1_000')` is 1000, `int(' 7 ')` is 7,
and 10^20 is beyond every integer column (SQLite and PostgreSQL's bigint stop at 2^63 − 1).
`laes_id` accepts ASCII digits only, within that range; `hent_id` reads a parameter with it
and answers a bad value with `UgyldigParameter`, a `BadRequest`: a 400 with a Danish page
(`faelles.fejlsider`), never a server error. An id that is well formed but does not exist is
the view's 404 as before.

The same holds for numbers in a URL's path: the routes use the converter `heltal`
(`<heltal:tilbud_id>`, registered by `faelles.apps`) instead of Django's `int`, which matches
ASCII digits of any length: `heltal` matches 0 … MAKS_ID, so a larger number is a 404 before
any view or query sees it.
"""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest

MAKS_ID = 2**63 - 1
"""The largest id (BigAutoField; SQLite's INTEGER and PostgreSQL's bigint)."""

_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only ([0-9], not \d); 19 digits hold MAKS_ID


class UgyldigParameter(BadRequest):
    """A query-string or form parameter that is not what the page expects (a 400)."""

    def __init__(self, navn: str, vaerdi: str) -> None:
        vist = vaerdi if len(vaerdi) <= 40 else vaerdi[:40] + "…"
        super().__init__(
            f"Adressens parameter »{navn}« skal være et helt tal skrevet med cifrene 0–9, men er »{vist}«."
        )
        self.navn = navn


def laes_id(tekst: str) -> int | None:
    """`tekst` as an id (0 … MAKS_ID written with the ASCII digits 0–9 and nothing else), or None."""
    if _ID.fullmatch(tekst) is None:
        return None
    tal = int(tekst)
    return tal if tal <= MAKS_ID else None


def hent_id(request: HttpRequest, navn: str, *, post: bool = False) -> int | None:
    """The id in the query string's (or with `post`, the form's) parameter `navn`: None when it
    is missing or empty (an empty filter is no filter); `UgyldigParameter` (400) when it is not
    an id."""
    vaerdi = (request.POST if post else request.GET).get(navn, "")
    if vaerdi == "":
        return None
    tal = laes_id(vaerdi)
    if tal is None:
        raise UgyldigParameter(navn, vaerdi)
    return tal


class Heltalskonverter:
    """The URL converter `heltal`: ASCII digits for 0 … MAKS_ID (a larger number matches no
    route: 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        tal = laes_id(value)
        if tal is None:
            raise ValueError(value)  # no match: the resolver tries on and ends in a 404
        return tal

    def to_url(self, value: int) -> str:
        return str(value)
