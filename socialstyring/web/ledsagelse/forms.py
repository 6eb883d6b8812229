"""The calculator's form: a trip's start and end, staff, residents and the substitute's saving."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField

DATOTID = "%Y-%m-%dT%H:%M"


class Tidspunkt(forms.DateTimeInput):
    """The browser's date-and-time picker (the value is 2018-06-13T07:00)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATOTID, **kwargs)


class TurForm(forms.Form):
    """One trip, read from the query string (the calculator stores nothing)."""

    start = forms.DateTimeField(label="Turens start", widget=Tidspunkt(), input_formats=[DATOTID])
    slut = forms.DateTimeField(label="Turens slut", widget=Tidspunkt(), input_formats=[DATOTID])
    medarbejdere = forms.IntegerField(label="Ledsagende medarbejdere", min_value=1, max_value=20)
    beboere = forms.IntegerField(
        label="Beboere, der deler udgiften", min_value=1, max_value=50, help_text="Forholdsvis fordeling."
    )
    besparelse_pr_time = DanskDecimalField(
        label="Sparet løn pr. time ved dækning med vikar (kr.)",
        min_value=Decimal(0),
        max_value=Decimal(10000),
        decimal_places=2,
        help_text="Forskellen mellem ledsagerens og vikarens timeløn; 0, hvis der ikke spares noget.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, slut = data.get("start"), data.get("slut")
        if isinstance(start, datetime) and isinstance(slut, datetime):
            if slut <= start:
                self.add_error("slut", "Turens slut skal ligge efter dens start.")
            elif (slut - start).days > 60:
                self.add_error("slut", "En tur kan højst vare 60 døgn.")
        return data
