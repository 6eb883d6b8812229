"""The forms of a citizen, a month's costs and a one-off cost. Each carries the version of
its record and the values the user saw (`faelles.samtidighed`)."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Datofelt, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.refusion.models import ORDNING_VALG, pseudonym_noegle

BORGERFELTER = ("noegle", "foedselsdato", "ordning", "husstand")
MAANEDSFELTER = ("brutto", "indtaegter", "objektivt_finansieret")


def _kr(label: str, *, required: bool = False, help_text: str = "") -> DanskDecimalField:
    return DanskDecimalField(
        label=label, required=required, min_value=0, max_digits=14, decimal_places=2, help_text=help_text
    )


class BorgerForm(forms.Form):
    """A citizen: the pseudonymous key, birth date, scheme and household."""

    version = versionsfelt()
    noegle = Tekstfelt(
        label="Borgerens nøgle",
        max_length=60,
        validators=[ingen_cpr, pseudonym_noegle],
        help_text="En pseudonym nøgle, fx sagsnummeret. Aldrig CPR-nummeret.",
    )
    foedselsdato = forms.DateField(label="Fødselsdato", widget=Datofelt())
    ordning = forms.ChoiceField(label="Ordning", choices=ORDNING_VALG)
    husstand = Tekstfelt(
        label="Husstand",
        max_length=60,
        required=False,
        validators=[ingen_cpr, pseudonym_noegle],
        help_text="Kun børn og unge: samme nøgle for børn i samme husstand (lægges sammen fra 2021).",
    )

    ophold_borger = forms.ChoiceField(
        label="Borger i opholdene",
        required=False,
        help_text=(
            "Vælg borgeren i de ophold, kommunen betaler for, når borgeren også har udgifter uden for "
            "rammeaftalen: det afregnede lægges da til de indtastede udgifter."
        ),
    )

    def __init__(
        self, *args: Any, opholdsborgere: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        """`opholdsborgere`: (short key, label) of the stays' citizens the municipality pays for."""
        super().__init__(*args, **kwargs)
        felt = self.fields["ophold_borger"]
        assert isinstance(felt, forms.ChoiceField)
        felt.choices = [("", "Ingen (kun indtastede udgifter)"), *(opholdsborgere or [])]
        med_versioner(self)


class MaanedForm(forms.Form):
    """One month's costs of a citizen (kr.); an empty gross cost removes the month."""

    version = versionsfelt()
    brutto = _kr(
        "Udgift til hjælp og støtte, kr.",
        help_text="Kommunens samlede udgift i måneden. Lad feltet stå tomt for at fjerne måneden.",
    )
    indtaegter = _kr("Indtægter, kr.", help_text="Brugerbetaling, refusion og tilskud.")
    objektivt_finansieret = _kr("Objektivt finansieret, kr.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("brutto") is None and (data.get("indtaegter") or data.get("objektivt_finansieret")):
            raise forms.ValidationError("Skriv udgiften til hjælp og støtte, eller tøm alle felterne.")
        return data


class EngangsudgiftForm(forms.Form):
    """A one-off cost of the year."""

    navn = Tekstfelt(label="Hvad", max_length=120, required=False, validators=[ingen_cpr])
    beloeb = _kr("Beløb, kr.", required=True)
