"""Form fields and field validators every area uses: Danish decimals and dates, text fields
that refuse invisible control characters, and the refusal of CPR numbers in free text.

`DanskDecimalField` reads a decimal typed the Danish way ('2.295,50', '2295,5', '2.295') or
the machine way ('2295.5') with the one parser of the project (`io.tal.laes_tal`) and shows
a stored value the Danish way. It is a text field, not type=number: a browser's number
field refuses a decimal comma. Floats never enter.

`Tekstfelt` is the form field of every free-text or name field: a `CharField` that refuses
the characters no text of ours may hold (`ingen_styretegn`: control characters and the like,
`io.felter.UGYLDIGE_TEGN`), which would break every Excel file and PDF the text later goes
into; they come from a paste out of another program, never on purpose.

`ingen_cpr` refuses a text that contains something shaped like a CPR number (a citizen's
personal identification number): Socialstyring holds figures about offers, never about
persons, so a justification or a note must not name one. It is a model field validator on
every free-text field (so a service's `full_clean` refuses it too) and the forms get it
from their model fields or carry it themselves.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from stdnum.dk import cpr

from socialstyring.io.felter import har_ugyldige_tegn
from socialstyring.io.tal import Talfejl, dansk_tal, laes_tal


class DanskDecimalField(forms.DecimalField):
    """A decimal typed the Danish way: '2.295,50', '2295,5', '97' (and '2295.5')."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    FEJLTEKST = "Skriv et tal, fx 2.295,50."

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # as django-stubs' own
        if value in self.empty_values:
            return None
        try:
            return laes_tal(str(value))
        except Talfejl:
            raise ValidationError(self.FEJLTEKST, code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        """A stored value the Danish way, as a person writes it: whole numbers without
        decimals (54 places, not 54,00), others as stored (2.295,50)."""
        if isinstance(value, Decimal):
            return dansk_tal(value, 0) if value == value.to_integral_value() else dansk_tal(value)
        return value


STYRETEGN_FEJL = (
    "Feltet indeholder et usynligt styretegn (typisk fra en kopi fra et andet program), som ikke kan"
    " gemmes. Skriv teksten igen, eller kopiér den via et almindeligt tekstprogram."
)


def ingen_styretegn(vaerdi: object) -> None:
    """Field validator: refuse a text holding a character of `io.felter.UGYLDIGE_TEGN`."""
    if isinstance(vaerdi, str) and har_ugyldige_tegn(vaerdi):
        raise ValidationError(STYRETEGN_FEJL, code="styretegn")


class Tekstfelt(forms.CharField):
    """A free-text or name field: a `CharField` that refuses control characters
    (`ingen_styretegn`) besides its own validators."""

    default_validators = [ingen_styretegn]  # noqa: RUF012  # as Django's own fields declare them


class Datofelt(forms.DateInput):
    """The browser's date picker (the value is ISO: 2019-06-14)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


CPR_FEJL = (
    "Feltet ser ud til at indeholde et CPR-nummer (personnummer). Personnumre må ikke skrives i"
    " Socialstyring, som handler om tilbud og ikke om enkelte borgere. Fjern nummeret."
)

# Six digits (the birth date DDMMYY), at most one separator (hyphen, dash or space), four
# digits, and no digit right before or after: 010190-1234, 010190 1234, 0101901234.
_CPR_FORM = re.compile(r"(?<![0-9])([0-9]{6})[-‐‑‒–—\s]?([0-9]{4})(?![0-9])")


def indeholder_cpr(tekst: str) -> bool:
    """Whether `tekst` contains a CPR-like number: ten digits, with or without a hyphen or a
    space after the sixth, whose first six are a valid date (python-stdnum's `dk.cpr`). The
    modulus-11 check is not asked for: numbers issued since 2007 need not pass it. Digits of
    other scripts and full-width forms count as digits (NFKC)."""
    normal = unicodedata.normalize("NFKC", tekst)
    normal = "".join(str(unicodedata.digit(t)) if t.isdigit() and not t.isascii() else t for t in normal)
    return any(cpr.is_valid(m.group(1) + m.group(2)) for m in _CPR_FORM.finditer(normal))


def ingen_cpr(vaerdi: object) -> None:
    """Field validator: refuse a text that contains a CPR-like number (see `indeholder_cpr`)."""
    if isinstance(vaerdi, str) and indeholder_cpr(vaerdi):
        raise ValidationError(CPR_FEJL, code="cpr")
