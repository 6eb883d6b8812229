"""The forms of the scenario area: a set's name, year and order, a change added to a
scenario, and a service's objectively financed share. Each carries the set's version (a stale
page is refused, `faelles.samtidighed`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.register.models import Kommune, Maalgruppe, Ydelse
from socialstyring.web.scenarie.models import OVERHEADDEL_VALG, Art, Scenarie

SAETFELTER = ("navn", "aar", "stablet", "beskrivelse")
MED_MAALGRUPPE = (Art.TAKST_PCT, Art.TAKST_KR, Art.BELAEGNING, Art.AKTIVITET, Art.OPHOLDSTID)
MED_YDELSE = (Art.KAPACITET, Art.HJEMMESTOETTE)


class SaetForm(forms.Form):
    navn = Tekstfelt(label="Navn", max_length=200, validators=[ingen_cpr])
    aar = forms.IntegerField(label="År (tilbuddenes tal i registret)", min_value=2007, max_value=2100)
    stablet = forms.BooleanField(
        label="Stablede scenarier (hvert scenarie lægges oven på det forrige)", required=False
    )
    beskrivelse = Tekstfelt(
        label="Beskrivelse", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
    )  # fmt: skip
    version = versionsfelt()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)


class AendringForm(forms.Form):
    """A change to an existing scenario of the set, or to a new one (its name)."""

    scenarie = forms.ModelChoiceField(
        label="Scenarie", queryset=Scenarie.objects.none(), required=False, empty_label="Nyt scenarie"
    )
    nyt_navn = Tekstfelt(label="Navn på nyt scenarie", max_length=120, required=False, validators=[ingen_cpr])
    art = forms.ChoiceField(label="Ændring", choices=Art.choices)
    vaerdi = DanskDecimalField(
        label="Værdi (procent, kr. pr. dag, procentpoint, pladser, opholdstid efter i dage eller antal "
        "borgere; en nedsættelse er negativ)",
        min_value=-100_000, max_value=100_000, max_digits=12, decimal_places=2,
    )  # fmt: skip
    maalgruppe = forms.ModelChoiceField(
        label="Målgruppe (tom: alle)", queryset=Maalgruppe.objects.all(), required=False, empty_label="Alle"
    )
    ydelse = forms.ModelChoiceField(
        label="Ydelse (ved pladser)", queryset=Ydelse.objects.none(), required=False, empty_label="–"
    )
    overheaddel = forms.ChoiceField(
        label="Overheaddel (ved overhead)", choices=[("", "–"), *OVERHEADDEL_VALG], required=False
    )
    opholdstid_foer = DanskDecimalField(
        label="Gennemsnitlig opholdstid før, i dage (ved kortere ophold)", required=False,
        min_value=0, max_value=100_000, max_digits=8, decimal_places=2,
    )  # fmt: skip
    kommune = forms.ModelChoiceField(
        label="Kommunen, hvis borgere flyttes (ved hjemmestøtte)", queryset=Kommune.objects.all(),
        required=False, empty_label="–",
    )  # fmt: skip
    aarlig_pris = DanskDecimalField(
        label="Pris pr. borger om året i hjemmestøtte, kr. (ved hjemmestøtte)", required=False,
        min_value=0, max_value=100_000_000, max_digits=12, decimal_places=2,
    )  # fmt: skip
    version = versionsfelt()

    def __init__(
        self, *args: Any, scenarier: QuerySet[Scenarie], ydelser: QuerySet[Ydelse], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenarie"].queryset = scenarier  # type: ignore[attr-defined]
        self.fields["ydelse"].queryset = ydelser  # type: ignore[attr-defined]
        self.fields["ydelse"].label = "Ydelse (ved pladser og hjemmestøtte)"

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        art = d.get("art")
        if d.get("scenarie") is None and not d.get("nyt_navn"):
            self.add_error("nyt_navn", "Vælg et scenarie, eller giv det nye scenarie et navn.")
        if d.get("maalgruppe") is not None and art in MED_YDELSE:
            self.add_error("maalgruppe", "Ændringen gælder den valgte ydelse; lad målgruppen være tom.")
        elif d.get("maalgruppe") is not None and art not in MED_MAALGRUPPE:
            self.add_error("maalgruppe", "Denne ændring gælder alle tilbud; lad målgruppen være tom.")
        if art == Art.KAPACITET and d.get("ydelse") is None:
            self.add_error("ydelse", "Vælg ydelsen ved en ændring af pladser.")
        elif art == Art.HJEMMESTOETTE and d.get("ydelse") is None:
            self.add_error("ydelse", "Vælg botilbuddets ydelse, som borgerne flytter fra.")
        elif art not in MED_YDELSE and d.get("ydelse") is not None:
            self.add_error("ydelse", "Vælg kun en ydelse ved en ændring af pladser eller ved hjemmestøtte.")
        if (art == Art.OVERHEAD) != bool(d.get("overheaddel")):
            self.add_error("overheaddel", "Vælg overheaddelen ved en ændring af overhead (og kun da).")
        v = d.get("vaerdi")
        if v is not None and art in (Art.TAKST_PCT, Art.BUDGET) and v <= -100:
            self.add_error("vaerdi", "En nedsættelse skal være mindre end 100 %.")
        if v is not None and art in (Art.OVERHEAD, Art.AKTIVITET) and not 0 <= v < 100:
            self.add_error("vaerdi", "Skriv en procent fra 0 til under 100.")
        self._opholdstid(d, art, v)
        self._hjemmestoette(d, art, v)
        return d

    def _opholdstid(self, d: dict[str, Any], art: Any, v: Any) -> None:
        foer = d.get("opholdstid_foer")
        if art != Art.OPHOLDSTID:
            if foer is not None:
                self.add_error("opholdstid_foer", "Skriv kun en opholdstid ved kortere ophold.")
            return
        if foer is None or foer <= 0:
            self.add_error("opholdstid_foer", "Skriv den gennemsnitlige opholdstid før, i dage (over 0).")
        elif v is not None and not 0 <= v < foer:
            self.add_error(
                "vaerdi", "Skriv opholdstiden efter i dage: mindst 0 og kortere end opholdstiden før."
            )

    def _hjemmestoette(self, d: dict[str, Any], art: Any, v: Any) -> None:
        if art != Art.HJEMMESTOETTE:
            for felt, tekst in (("kommune", "en kommune"), ("aarlig_pris", "en pris")):
                if d.get(felt) is not None:
                    self.add_error(felt, f"Angiv kun {tekst} ved flytning til hjemmestøtte.")
            return
        if d.get("kommune") is None:
            self.add_error("kommune", "Vælg kommunen, hvis borgere flyttes til hjemmestøtte.")
        if d.get("aarlig_pris") is None:
            self.add_error("aarlig_pris", "Skriv prisen pr. borger om året i hjemmestøtte (0 eller mere).")
        if v is not None and v <= 0:
            self.add_error("vaerdi", "Skriv antallet af borgere, der flyttes (over 0).")


class ObjektivForm(forms.Form):
    """The objectively financed share of one service's net operating budget (0: none)."""

    ydelse = forms.ModelChoiceField(label="Ydelse", queryset=Ydelse.objects.none(), empty_label=None)
    andel_pct = DanskDecimalField(
        label="Objektivt finansieret andel af nettodriftsbudgettet, % (0 fjerner andelen)",
        min_value=0, max_digits=5, decimal_places=2,
    )  # fmt: skip
    version = versionsfelt()

    def __init__(self, *args: Any, ydelser: QuerySet[Ydelse], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ydelse"].queryset = ydelser  # type: ignore[attr-defined]

    def clean_andel_pct(self) -> Any:
        v = self.cleaned_data["andel_pct"]
        if v is not None and v >= 100:
            raise forms.ValidationError(
                "Skriv en andel under 100 %: en helt objektivt finansieret ydelse har ingen takst "
                "at regne fra."
            )
        return v
