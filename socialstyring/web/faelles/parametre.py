"""Reading ids from a request's query string or form, and numbers from a URL's path.

Python's own parsing is too lenient for an id: `'²'.isdigit()` is true (and `int('²')` then
raises), `int('١٢')` reads Arabic-Indic digits as 12, `int('1_000')` is 1000, and 10^20 is
beyond every integer column (SQLite and PostgreSQL's bigint stop at 2^63 − 1). The project's
one reader of ids is `io.felter.laes_id` (ASCII digits, 1 … MAKS_ID); `hent_id` reads a
parameter with it and answers a bad value with `UgyldigParameter`, a `BadRequest`: a 400 with
a Danish page saying which parameter and why (`faelles.fejlsider`), never a server error. An
id that is well formed but does not exist is the view's 404 as before.

The same holds for numbers in a URL's path: the routes use the converter `heltal`
(`<heltal:tilbud_id>`, registered by `faelles.apps`) instead of Django's `int`, which matches
ASCII digits of any length: `heltal` matches 1 … MAKS_ID, so 0 or a larger number is a 404
before any view or query sees it.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest

from socialstyring.io.felter import MAKS_ID, Idfejl, laes_id

__all__ = ["MAKS_ID", "Heltalskonverter", "UgyldigParameter", "hent_id"]


class UgyldigParameter(BadRequest):
    """A query-string or form parameter that is not what the page expects (a 400)."""

    def __init__(self, navn: str, fejl: ValueError) -> None:
        super().__init__(f"Adressens parameter »{navn}« kan ikke læses: {fejl}.")
        self.navn = navn


def hent_id(request: HttpRequest, navn: str, *, post: bool = False) -> int | None:
    """The id in the query string's (or with `post`, the form's) parameter `navn`: None when it
    is missing or empty (an empty filter is no filter); `UgyldigParameter` (400) when it is not
    an id (`io.felter.laes_id`)."""
    vaerdi = (request.POST if post else request.GET).get(navn, "")
    if vaerdi == "":
        return None
    try:
        return laes_id(vaerdi)
    except Idfejl as fejl:
        raise UgyldigParameter(navn, fejl) from None


class Heltalskonverter:
    """The URL converter `heltal`: ASCII digits for 1 … MAKS_ID (anything else matches no
    route: 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        return laes_id(value)  # Idfejl is a ValueError: no match, the resolver ends in a 404

    def to_url(self, value: int) -> str:
        return str(value)
