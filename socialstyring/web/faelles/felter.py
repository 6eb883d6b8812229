"""Form fields every area uses: Danish decimals and dates.

`DanskDecimalField` reads a decimal typed the Danish way ('2.295,50', '2295,5', '2.295') or
the machine way ('2295.5') with the one parser of the project (`io.tal.laes_tal`) and shows
a stored value the Danish way. It is a text field, not type=number: a browser's number
field refuses a decimal comma. Floats never enter.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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
        if isinstance(value, Decimal):
            return dansk_tal(value)
        return value


class Datofelt(forms.DateInput):
    """The browser's date picker (the value is ISO: 2019-06-14)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")
