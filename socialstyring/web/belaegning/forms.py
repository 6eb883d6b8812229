"""The quarter's used days: one field per service with places in the year."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.web.belaegning.selectors import Ydelsesraekke
from socialstyring.web.faelles.felter import DanskDecimalField
from socialstyring.web.faelles.samtidighed import versionsfelt


def forbrugsform(raekker: list[Ydelsesraekke], data: Any = None) -> forms.Form:
    form = forms.Form(data)
    for r in raekker:
        y = r.ydelsesaar.ydelse
        form.fields[r.felt] = DanskDecimalField(
            label=f"Brugte dage, {y.tilbud.navn} – {y.navn}",
            required=False,
            min_value=0,
            max_digits=10,
            decimal_places=2,
            initial=r.kvartalets_dage,
            show_hidden_initial=True,  # what the user saw: only changed quarters are saved
        )
        form.fields[r.versionsfelt] = versionsfelt()
        form.fields[r.versionsfelt].initial = r.version
    return form
