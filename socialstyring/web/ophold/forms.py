"""The stay's form (the CPR number only when it is created: it is pseudonymised at once and
never shown again), the package change, the add-on service (`TillaegForm`, and the id of one
to remove), and the import's upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from socialstyring.beregning.afregning.ophold import ny_borger_fejl, tillaeg_fejl
from socialstyring.io.cpr import Cprfejl, normaliser
from socialstyring.io.felter import Idfejl, laes_id
from socialstyring.web.faelles.felter import DanskDecimalField, Datofelt, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.ophold.models import Opsiger
from socialstyring.web.register.models import Kommune, Ydelse

DATOFORMATER = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


class _Ydelsesvalg(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tilbud.navn} – {obj.navn}"


class OpholdForm(forms.Form):
    cpr = Tekstfelt(
        label="CPR-nummer (gemmes ikke; kun en nøgle og fødselsdatoen)",
        max_length=20,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    ydelse = _Ydelsesvalg(label="Tilbud og ydelse", queryset=Ydelse.objects.none())
    handlekommune = forms.ModelChoiceField(label="Handlekommune", queryset=Kommune.objects.order_by("navn"))
    betalingskommune = forms.ModelChoiceField(
        label="Betalingskommune", queryset=Kommune.objects.order_by("navn")
    )
    start = forms.DateField(label="Start", input_formats=DATOFORMATER, widget=Datofelt())
    opsagt = forms.DateField(label="Opsagt", required=False, input_formats=DATOFORMATER, widget=Datofelt())
    opsagt_af = forms.ChoiceField(label="Opsagt af", required=False, choices=[("", "–"), *Opsiger.choices])
    slut = forms.DateField(label="Slut", required=False, input_formats=DATOFORMATER, widget=Datofelt())
    ny_borger_fra = forms.DateField(
        label="Pladsen overtaget af en ny borger fra",
        required=False,
        input_formats=DATOFORMATER,
        widget=Datofelt(),
    )
    aarsag = Tekstfelt(label="Årsag til ophør", required=False, max_length=200, validators=[ingen_cpr])
    indskrivning_pct = DanskDecimalField(
        label="Indskrivning %", min_value=0.01, max_value=1000, max_digits=6, decimal_places=2, initial=100
    )
    henvist_ydelse = _Ydelsesvalg(
        label="Henvist tilbud (frit valg: det tilbud, kommunen henviste til)",
        required=False,
        queryset=Ydelse.objects.none(),
        empty_label="– intet (ikke frit valg)",
    )
    version = versionsfelt()

    def __init__(self, *args: Any, ydelser: Any, alle_ydelser: Any, ny: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ydelse"].queryset = ydelser  # type: ignore[attr-defined]
        self.fields["henvist_ydelse"].queryset = alle_ydelser  # type: ignore[attr-defined]
        if not ny:
            del self.fields["cpr"]
            med_versioner(self)

    def clean_cpr(self) -> str:
        try:
            return normaliser(self.cleaned_data["cpr"])
        except Cprfejl as e:
            raise ValidationError(f"Ugyldigt CPR-nummer: {e}.") from None

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        start, slut, opsagt = d.get("start"), d.get("slut"), d.get("opsagt")
        if start and slut and slut < start:
            self.add_error("slut", "Slut ligger før start.")
        if start and opsagt and opsagt < start:
            self.add_error("opsagt", "Opsigelsen ligger før start.")
        if opsagt and not d.get("opsagt_af"):
            self.add_error("opsagt_af", "Vælg, hvem der opsagde opholdet.")
        if "slut" not in self.errors and (fejl := ny_borger_fejl(slut, d.get("ny_borger_fra"))):
            self.add_error("ny_borger_fra", fejl)
        return d


class PakkeskiftForm(forms.Form):
    varslet = forms.DateField(label="Varslet", input_formats=DATOFORMATER, widget=Datofelt())
    ydelse = _Ydelsesvalg(label="Ny pakke", queryset=Ydelse.objects.none())

    def __init__(self, *args: Any, pakker: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ydelse"].queryset = pakker  # type: ignore[attr-defined]


class _Tillaegsvalg(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.navn)


class TillaegForm(forms.Form):
    """An add-on: hours of one of the offer's hourly add-on services (`ydelse`, `timer`,
    delivered on `fra`) or an amount per day (`navn`, `pr_dag`, from `fra` to `til`). Without
    hourly add-on services in the offer, only the amount per day."""

    ydelse = _Tillaegsvalg(
        label="Tillægsydelse (timer)",
        required=False,
        queryset=Ydelse.objects.none(),
        empty_label="– ingen: et beløb pr. dag",
    )
    timer = DanskDecimalField(
        label="Timer", required=False, max_digits=8, decimal_places=2, min_value=0, max_value=999999.99
    )
    navn = Tekstfelt(label="Navn (beløb pr. dag)", required=False, max_length=200, validators=[ingen_cpr])
    pr_dag = DanskDecimalField(
        label="Beløb pr. dag (kr.)",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=9999999999.99,
    )
    fra = forms.DateField(label="Fra (timer: leveringsdagen)", input_formats=DATOFORMATER, widget=Datofelt())
    til = forms.DateField(
        label="Til (beløb pr. dag; tom: til betalingen ophører)",
        required=False,
        input_formats=DATOFORMATER,
        widget=Datofelt(),
    )

    def __init__(self, *args: Any, tillaegsydelser: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tillaegsydelser.exists():
            self.fields["ydelse"].queryset = tillaegsydelser  # type: ignore[attr-defined]
        else:
            del self.fields["ydelse"], self.fields["timer"]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if {"ydelse", "timer", "pr_dag"} & set(self.errors):
            return d  # which kind it is cannot be told
        y = d.get("ydelse")
        fejl = tillaeg_fejl(
            y.er_tillaeg if y is not None else None,
            d.get("navn") or "",
            d.get("fra"),
            d.get("til"),
            d.get("pr_dag"),
            d.get("timer"),
        )
        for felt, besked in fejl.items():
            if felt not in self.errors:
                self.add_error(felt if felt in self.fields else None, besked)
        return d


class SletTillaegForm(forms.Form):
    """The add-on to remove, by its id (read as every id is: `io.felter.laes_id`)."""

    tillaeg = Tekstfelt(widget=forms.HiddenInput, error_messages={"required": "Vælg et tillæg."})

    def clean_tillaeg(self) -> int:
        try:
            return laes_id(self.cleaned_data["tillaeg"])
        except Idfejl:
            raise ValidationError("Tillægget kan ikke findes (ukendt nummer).") from None


class ImportForm(forms.Form):
    fil = forms.FileField(
        label="Fil (CSV eller Excel)",
        allow_empty_file=True,
        error_messages={"required": "Vælg filen fra kommunens sagssystem."},
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
