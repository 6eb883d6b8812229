"""The form of one rule value, shaped by its parameter's unit: a number typed the Danish way, a
choice among the parameter's options, a deadline, a text or a notice period; the dates; the
source or the assumption. The form reads what is typed; whether it is a valid value of the
parameter is the rulebook's own model's decision (`selectors.afproev`), whose Danish messages
the view puts next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms

from socialstyring.io.tal import Talfejl, dansk_tal, laes_tal
from socialstyring.regler import Enhed
from socialstyring.regler.model import Parameter
from socialstyring.web.faelles.felter import Datofelt, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.regelbog.selectors import TALENHEDER, Indtastning

DATOFORMATER = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]

ENHEDER = {
    Enhed.PCT: "procent",
    Enhed.PCT_AENDRING: "procent, kan være negativ",
    Enhed.PCT_POINT: "procentpoint",
    Enhed.KR: "kr.",
    Enhed.ANTAL: "antal",
    Enhed.AAR: "år",
    Enhed.DAGE: "dage",
    Enhed.TIMER: "timer",
    Enhed.FRIST: "dato i året som MM-DD, fx 11-01",
    Enhed.VALG: "vælg",
    Enhed.TEKST: "tekst",
    Enhed.VARSEL: "varsel",
}
"""The unit of a value, as the form's label says it."""

VARSELREGLER = [
    ("", "–"),
    ("loebende_maaned_plus", "Løbende måned plus et antal hele måneder"),
    ("maaneder_fra_dag", "Et antal måneder fra varslingsdagen"),
    ("til_udskrivning", "Til og med udskrivningsdagen"),
    ("dage", "Et antal dage fra varslingsdagen"),
]


def _tekst(label: str, max_length: int, *, laengere: bool = False) -> Tekstfelt:
    return Tekstfelt(
        label=label,
        required=False,
        max_length=max_length,
        validators=[ingen_cpr],
        widget=forms.Textarea(attrs={"rows": 2}) if laengere else forms.TextInput,
    )


class VaerdiForm(forms.Form):
    """One value of `parameter` (see the module); `version` when it changes an entered value."""

    def __init__(self, parameter: Parameter, *args: Any, aendring: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parameter = parameter
        enhed = parameter.enhed
        felter: dict[str, forms.Field] = {}
        if enhed is Enhed.VARSEL:
            felter["varsel_regel"] = forms.ChoiceField(
                label="Varslets regel", choices=VARSELREGLER, required=False
            )
            felter["varsel_maaneder"] = forms.IntegerField(label="Måneder", required=False)
            felter["varsel_dage"] = forms.IntegerField(label="Dage", required=False)
            felter["varsel_tekst"] = _tekst("Varslet i ord, fx 'Løbende måned + 3 måneder'", 300)
        elif enhed is Enhed.VALG:
            valg = [("", "–"), *((v, v) for v in parameter.valgmuligheder or ())]
            felter["vaerdi"] = Tekstfelt(label="Værdi", required=False, widget=forms.Select(choices=valg))
        elif enhed is Enhed.TEKST:
            felter["vaerdi"] = _tekst("Værdi (tekst)", 2000, laengere=True)
        else:
            felter["vaerdi"] = _tekst(f"Værdi ({ENHEDER[enhed]})", 100)
        felter["fra"] = forms.DateField(label="Gælder fra", input_formats=DATOFORMATER, widget=Datofelt())
        felter["til"] = forms.DateField(
            label="Gælder til (valgfri: ellers til den næste værdi)",
            input_formats=DATOFORMATER,
            widget=Datofelt(),
            required=False,
        )
        felter["kilde_dokument"] = _tekst("Kilde: dokumentets titel", 500)
        felter["kilde_afsnit"] = _tekst("Kilde: afsnit eller side", 500)
        felter["kilde_url"] = _tekst("Kilde: adresse (url)", 500)
        felter["kilde_note"] = _tekst("Kilde: note", 2000, laengere=True)
        felter["antaget"] = _tekst(
            "Eller: antagelse med begrundelse, når der ingen kilde er", 2000, laengere=True
        )
        if aendring:
            felter["version"] = versionsfelt()
        self.fields.update(felter)
        if aendring:
            med_versioner(self)

    def indtastning(self) -> Indtastning:
        """The value as typed, for the rulebook to judge (a number that cannot be read is
        passed on as the text it is, so the rulebook says why)."""
        d = self.cleaned_data
        return Indtastning(
            fra=d["fra"],
            til=d.get("til"),
            vaerdi=self._vaerdi(),
            kilde_dokument=d["kilde_dokument"].strip(),
            kilde_afsnit=d["kilde_afsnit"].strip(),
            kilde_url=d["kilde_url"].strip(),
            kilde_note=d["kilde_note"].strip(),
            antaget=d["antaget"].strip(),
        )

    def _vaerdi(self) -> Any:
        d = self.cleaned_data
        enhed = self.parameter.enhed
        if enhed is Enhed.VARSEL:
            varsel: dict[str, Any] = {"regel": d["varsel_regel"], "tekst": d["varsel_tekst"].strip()}
            if d.get("varsel_maaneder") is not None:
                varsel["maaneder"] = d["varsel_maaneder"]
            if d.get("varsel_dage") is not None:
                varsel["dage"] = d["varsel_dage"]
            return varsel
        tekst = str(d.get("vaerdi") or "").strip()
        if enhed in TALENHEDER:
            try:
                return laes_tal(tekst)
            except Talfejl:
                return tekst
        return tekst


def startvaerdier(ind: Indtastning, enhed: Enhed) -> dict[str, Any]:
    """The form's initial values for a kept value."""
    d: dict[str, Any] = {
        "fra": ind.fra,
        "til": ind.til,
        "kilde_dokument": ind.kilde_dokument,
        "kilde_afsnit": ind.kilde_afsnit,
        "kilde_url": ind.kilde_url,
        "kilde_note": ind.kilde_note,
        "antaget": ind.antaget,
    }
    v = ind.vaerdi
    if enhed is Enhed.VARSEL and isinstance(v, dict):
        d.update(
            varsel_regel=v.get("regel", ""),
            varsel_maaneder=v.get("maaneder"),
            varsel_dage=v.get("dage"),
            varsel_tekst=v.get("tekst", ""),
        )
    else:
        d["vaerdi"] = dansk_tal(v) if enhed in TALENHEDER and not isinstance(v, str) else v
    return d
