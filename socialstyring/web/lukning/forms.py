"""The closure statement's form: the decision, the results and the paying municipalities'
used days in the two years before."""

from __future__ import annotations

from django import forms

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.lukning.models import OPGOERELSE_VALG
from socialstyring.web.register.models import Kommune

TOMME_RAEKKER = 3
DATOFORMATER = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"]


class LukningForm(forms.Form):
    opgoerelse = forms.ChoiceField(label="Opgørelse", choices=OPGOERELSE_VALG, widget=forms.RadioSelect)
    beslutningsdato = forms.DateField(label="Lukningen besluttet (dd-mm-åååå)", input_formats=DATOFORMATER)
    lukningsdato = forms.DateField(label="Lukket (dd-mm-åååå)", required=False, input_formats=DATOFORMATER)
    center = Tekstfelt(label="Center/ledelsesområde", max_length=200, validators=[ingen_cpr])
    tilbuddets_resultat = DanskDecimalField(
        label="Tilbuddets endelige resultat (+ overskud, − underskud), kr.", max_digits=14, decimal_places=2
    )
    centrets_resultat = DanskDecimalField(
        label="Centrets samlede resultat (+ overskud, − underskud), kr.", max_digits=14, decimal_places=2
    )
    driftsmaaneder = forms.IntegerField(
        label="Måneder i drift det sidste år", required=False, min_value=0, max_value=12
    )


class KommuneForm(forms.Form):
    kommune = forms.ModelChoiceField(
        label="Kommune", queryset=Kommune.objects.order_by("navn"), required=False, empty_label="–"
    )
    dage_foerste = DanskDecimalField(
        label="Belægningsdage 2 år før", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    dage_andet = DanskDecimalField(
        label="Belægningsdage året før", required=False, min_value=0, max_digits=12, decimal_places=2
    )


KommuneFormset = forms.formset_factory(KommuneForm, extra=TOMME_RAEKKER)
