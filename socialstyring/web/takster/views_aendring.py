"""Pages for in-year changes of rate and capacity (ændringer i året).

- `aendring_ny` (`/tilbud/<id>/aendring/ny/`): the operator's staff (or the secretariat)
  file a change. The view builds the engine's input from the register — the offer's
  category for the year (`Kategorisering`), the paying municipalities' årspladser
  (`Pladskoeb`), the agreement's municipalities, and the old rate and places from the
  service's `Ydelsesaar` when the form leaves them blank — runs `beregn_aendring` and
  stores an `Aendring` whose `konsekvens` holds the input, the whole result with its trace
  and any notes. The stored result is what was notified: pages show it as stored and
  never recompute it, so a later change of the rulebook does not rewrite a notification.
- **The register follows a rate.** When the change sets a new rate for a service (a rate
  rise, a cut, a technical correction, or a change of places that states a new rate) and
  it takes effect in the year it is decided, the service's `Ydelsesaar.takst` for that
  year is set to the new rate with `kilde_tekst` "Ændring i året pr. <dato>" (history keeps
  the old rate). The register holds one rate per year, so the dates live on the change.
  Places and closures are recorded on the change only; the register's places are the
  year's budgeted places and are left as reported.
- `aendring` (`/aendring/<id>/`), `aendring_brev_pdf` (`/aendring/<id>/underretning.pdf`)
  and `aendring_liste` (`/aendringer/`): a change is a notification to every municipality
  of the agreement, so every role of the agreement reads it once filed.

Access is decided by `register.adgang` only: offers outside the user's agreement are 404
(`hent_tilbud`, `synlige_tilbud`), filing needs `kan_redigere` on the offer's operator (403).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pydantic import ValidationError

from socialstyring.beregning.aendring import (
    AendringFejl,
    Aendringsgrundlag,
    Aendringsresultat,
    Aendringstype,
    beregn_aendring,
)
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import (
    Kategorisering,
    Kommune,
    Pladskoeb,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takster.filsvar import PDF, filsvar
from socialstyring.web.takster.models import Aendring
from socialstyring.web.takster.models import Aendringstype as Modeltype
from socialstyring.web.takster.views import forklaringer, trinvisning

# --- the form -----------------------------------------------------------------------


class DanskDecimalField(forms.DecimalField):
    """A decimal typed the Danish way or the machine way: '2.295,50', '2295,50', '2295.50',
    '2.295' (thousands) and '2295' are all accepted; floats never enter. A text field, not
    type=number: a browser's number field refuses a decimal comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    _TUSINDER = re.compile(r"^-?\d{1,3}(\.\d{3})+$")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # as in the stubs
        if isinstance(value, str):
            tekst = value.strip().replace(" ", "").replace("\u00a0", "")
            if "," in tekst:
                tekst = tekst.replace(".", "").replace(",", ".")
            elif self._TUSINDER.match(tekst):
                tekst = tekst.replace(".", "")
            value = tekst
        resultat = super().to_python(value)
        assert resultat is None or isinstance(resultat, Decimal)
        return resultat


class Ydelsesvalg(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.navn)


class Datofelt(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AendringForm(forms.Form):
    type = forms.ChoiceField(label="Type af ændring", choices=Modeltype.choices)
    ydelse = Ydelsesvalg(
        label="Ydelse",
        queryset=Ydelse.objects.none(),
        required=False,
        empty_label="Hele tilbuddet (kun ved lukning)",
    )
    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Hvorfor ændringen er nødvendig, og hvordan den påvirker serviceniveauet.",
    )
    gammel_takst = DanskDecimalField(
        label="Takst før (kr.)", required=False, min_value=Decimal("0.01"), max_digits=14, decimal_places=2,
        help_text="Tom: registerets takst for året.",
    )  # fmt: skip
    ny_takst = DanskDecimalField(
        label="Takst efter (kr.)", required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    gamle_pladser = DanskDecimalField(
        label="Pladser før", required=False, min_value=Decimal(0), max_digits=8, decimal_places=2,
        help_text="Tom: registerets pladser for året.",
    )  # fmt: skip
    nye_pladser = DanskDecimalField(
        label="Pladser efter", required=False, min_value=Decimal(0), max_digits=8, decimal_places=2
    )
    beslutningsdato = forms.DateField(label="Beslutningsdato", widget=Datofelt())
    oensket_ikrafttraedelse = forms.DateField(
        label="Ønsket ikrafttrædelse",
        widget=Datofelt(),
        help_text="Ligger datoen før det tidligst tilladte, flyttes ændringen dertil. "
        "Ved lukning: den sidste dag, tilbuddet er åbent.",
    )

    def __init__(self, tilbud: Tilbud, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        felt = self.fields["ydelse"]
        assert isinstance(felt, forms.ModelChoiceField)
        felt.queryset = tilbud.ydelser.order_by("navn")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("type") and data.get("type") != Modeltype.LUKNING and data.get("ydelse") is None:
            self.add_error(
                "ydelse", "Vælg den ydelse, ændringen gælder (kun en lukning gælder hele tilbuddet)."
            )
        return data


# --- building the engine's input from the register ---------------------------------


def _ydelsesaar(ydelse: Ydelse, aar: int) -> Ydelsesaar | None:
    return Ydelsesaar.objects.filter(ydelse=ydelse, aar=aar).first()


def _kategori(tilbud: Tilbud, aar: int, noter: list[str]) -> str | None:
    k = Kategorisering.objects.filter(tilbud=tilbud, aar__lte=aar).order_by("-aar").first()
    if k is None or not k.kategori:
        return None
    if k.aar != aar:
        noter.append(f"Tilbuddets kategori er fra {k.aar}; der er ingen kategorisering for {aar}.")
    return k.kategori


def _betalingskommuner(tilbud: Tilbud, aar: int, noter: list[str]) -> tuple[list[dict[str, Any]], int]:
    koeb = Pladskoeb.objects.filter(tilbud=tilbud, aar__lte=aar).select_related("kommune").order_by("-aar")
    seneste = koeb.values_list("aar", flat=True).first()
    if seneste is None:
        return [], aar
    if seneste != aar:
        noter.append(f"Der er ingen årspladser for {aar}; årspladserne for {seneste} er brugt.")
    return [
        {"kode": f"{p.kommune.kode:03d}", "navn": p.kommune.navn, "aarspladser": p.aarspladser}
        for p in koeb
        if p.aar == seneste
    ], seneste


def _grundlag(tilbud: Tilbud, data: dict[str, Any]) -> tuple[Aendringsgrundlag, list[str]]:
    """The engine's input for the form's data, filled in from the register; and notes."""
    noter: list[str] = []
    beslutning: date = data["beslutningsdato"]
    aar = beslutning.year
    type_ = Aendringstype(data["type"])
    ydelse: Ydelse | None = data.get("ydelse")
    gammel_takst, gamle_pladser = data.get("gammel_takst"), data.get("gamle_pladser")
    if ydelse is not None:
        ya = _ydelsesaar(ydelse, aar)
        if gammel_takst is None and ya is not None and ya.takst is not None:
            gammel_takst = ya.takst
            noter.append(f"Taksten før er registerets takst for {ydelse.navn} i {aar}.")
        if gamle_pladser is None and type_.er_pladsaendring and ya is not None and ya.pladser is not None:
            gamle_pladser = ya.pladser
            noter.append(f"Pladserne før er registerets pladser for {ydelse.navn} i {aar}.")
        if tilbud.ydelser.count() > 1:
            noter.append(
                "Årspladserne gælder hele tilbuddet, som har flere ydelser; konsekvensen for "
                f"{ydelse.navn} er beregnet, som om al brug var af denne ydelse."
            )
    elif type_ is Aendringstype.LUKNING:
        aarets = list(Ydelsesaar.objects.filter(ydelse__tilbud=tilbud, aar=aar))
        if gamle_pladser is None and aarets and all(y.pladser is not None for y in aarets):
            gamle_pladser = sum((y.pladser for y in aarets if y.pladser is not None), Decimal(0))
            noter.append(f"Pladserne er tilbuddets pladser i registeret for {aar}.")
        takster = {y.takst for y in aarets if y.takst is not None}
        if gammel_takst is None and len(takster) == 1:
            gammel_takst = takster.pop()
            noter.append(f"Taksten er tilbuddets takst i registeret for {aar}.")
    betalere, aarspladser_aar = _betalingskommuner(tilbud, aar, noter)
    aftalens = Kommune.objects.filter(rammeaftale_id=tilbud.driftsherre.rammeaftale_id).order_by("navn")
    grundlag = Aendringsgrundlag.model_validate(
        {
            "region": tilbud.region,
            "tilbud": tilbud.navn,
            "driftsherre": tilbud.driftsherre.navn,
            "ydelse": ydelse.navn if ydelse else None,
            "pladstype": ydelse.pladstype if ydelse else "doegn",
            "type": type_,
            "kategori": _kategori(tilbud, aar, noter),
            "begrundelse": data["begrundelse"],
            "beslutningsdato": beslutning,
            "oensket_ikrafttraedelse": data["oensket_ikrafttraedelse"],
            "gammel_takst": gammel_takst,
            "ny_takst": data.get("ny_takst"),
            "gamle_pladser": gamle_pladser,
            "nye_pladser": data.get("nye_pladser"),
            "betalingskommuner": betalere,
            "aarspladser_aar": aarspladser_aar,
            "aftalens_kommuner": [{"kode": f"{k.kode:03d}", "navn": k.navn} for k in aftalens],
        }
    )
    return grundlag, noter


def _beregn(grundlag: Aendringsgrundlag) -> Aendringsresultat:
    return beregn_aendring(grundlag, regelbog())


def _opdater_register(aendring: Aendring, resultat: Aendringsresultat, ydelse: Ydelse | None) -> str | None:
    """Set the service's rate for the year to the new rate; returns what was done."""
    if ydelse is None or resultat.takst_efter is None:
        return None
    if resultat.aar != resultat.beslutningsdato.year:
        return (
            f"Registeret er ikke ændret: ændringen får først virkning i {resultat.aar} og hører "
            "til det års takstindberetning."
        )
    ya, _ = Ydelsesaar.objects.get_or_create(ydelse=ydelse, aar=resultat.aar)
    ya.takst = resultat.takst_efter
    ya.takst_kilde = TakstKilde.INDTASTET
    ya.kilde_tekst = f"Ændring i året pr. {dansk_dato(resultat.ikrafttraedelse)} (ændring nr. {aendring.pk})"
    ya.save()
    return f"Registerets takst for {ydelse.navn} i {resultat.aar} er sat til den nye takst."


def _fejltekster(fejl: ValidationError) -> list[str]:
    return [str(e["msg"]).removeprefix("Value error, ") for e in fejl.errors()]


@login_required
def aendring_ny(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    tilbud = adgang.hent_tilbud(request.user, tilbud_id)
    adgang.kraev(adgang.kan_redigere(request.user, tilbud.driftsherre))
    if request.method == "POST":
        form = AendringForm(tilbud, request.POST)
        if form.is_valid():
            try:
                grundlag, noter = _grundlag(tilbud, form.cleaned_data)
                resultat = _beregn(grundlag)
            except ValidationError as fejl:
                for tekst in _fejltekster(fejl):
                    form.add_error(None, tekst)
            except AendringFejl as fejl:
                form.add_error(None, f"Ændringen kan ikke vurderes: {fejl}")
            else:
                ydelse = form.cleaned_data.get("ydelse")
                with transaction.atomic():
                    aendring = Aendring.objects.create(
                        tilbud=tilbud,
                        ydelse=ydelse,
                        type=grundlag.type.value,
                        begrundelse=grundlag.begrundelse,
                        gammel_takst=grundlag.gammel_takst,
                        ny_takst=grundlag.ny_takst,
                        gamle_pladser=grundlag.gamle_pladser,
                        nye_pladser=grundlag.nye_pladser,
                        beslutningsdato=grundlag.beslutningsdato,
                        ikrafttraedelse=resultat.ikrafttraedelse,
                        kraever_hoering=resultat.kraever_hoering,
                        oprettet_af=request.user if request.user.is_authenticated else None,
                    )
                    register = _opdater_register(aendring, resultat, ydelse)
                    aendring.konsekvens = {
                        "input": grundlag.model_dump(mode="json"),
                        "resultat": resultat.til_json(),
                        "noter": noter,
                        "register": register,
                    }
                    aendring.save(update_fields=["konsekvens"])
                return redirect("takster:aendring", aendring.pk)
    else:
        initial: dict[str, Any] = {"beslutningsdato": timezone.localdate()}
        ydelser = list(tilbud.ydelser.all()[:2])
        if len(ydelser) == 1:
            initial["ydelse"] = ydelser[0]
        form = AendringForm(tilbud, initial=initial)
    return render(request, "takster/aendring_ny.html", {"tilbud": tilbud, "form": form})


# --- showing a stored change ---------------------------------------------------------


def synlige_aendringer(request: HttpRequest) -> QuerySet[Aendring]:
    """The changes of the offers in the user's agreement (every role reads them)."""
    return Aendring.objects.filter(tilbud__in=adgang.synlige_tilbud(request.user)).select_related(
        "tilbud__driftsherre__rammeaftale", "ydelse", "oprettet_af"
    )


def _hent(request: HttpRequest, aendring_id: int) -> Aendring:
    try:
        return synlige_aendringer(request).get(pk=aendring_id)
    except Aendring.DoesNotExist:
        raise Http404("Ændringen findes ikke.") from None


def _dato(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def _visning(aendring: Aendring) -> dict[str, Any]:
    """Everything the page and the letter show, from the stored result."""
    k = aendring.konsekvens or {}
    resultat: dict[str, Any] = k.get("resultat") or {}
    spor = Spor.fra_json(resultat.get("spor") or [])
    return {
        "aendring": aendring,
        "tilbud": aendring.tilbud,
        "r": resultat,
        "noter": k.get("noter") or [],
        "register": k.get("register"),
        "datoer": {
            "oensket": _dato(resultat.get("oensket_ikrafttraedelse")),
            "tidligste": _dato(resultat.get("tidligste_ikrafttraedelse")),
            "varsel_udloeb": _dato(resultat.get("varsel_udloeb")),
            "foerste_dag": _dato(resultat.get("foerste_dag")),
        },
        "spor": spor,
        "pladsdage_i_alt": spor["i_alt.pladsdage"].resultat if "i_alt.pladsdage" in spor else None,
        "trin": [trinvisning(t, spor) for t in spor],
        "forklaringer": forklaringer(spor),
        "regler": [Regelreference.fra_json(r) for r in resultat.get("regler_anvendt") or []],
        "er_lukning": aendring.type == Modeltype.LUKNING,
    }


@login_required
def aendring(request: HttpRequest, aendring_id: int) -> HttpResponse:
    return render(request, "takster/aendring_vis.html", _visning(_hent(request, aendring_id)))


@login_required
def aendring_brev_pdf(request: HttpRequest, aendring_id: int) -> HttpResponse:
    import weasyprint  # type: ignore[import-untyped]  # heavy: imported only when a PDF is made

    a = _hent(request, aendring_id)
    kontekst = {
        **_visning(a),
        "udskrevet": timezone.localdate(),
        "side_url": request.build_absolute_uri(reverse("takster:aendring", args=[a.pk])),
    }
    html = render_to_string("takster/aendring_brev.html", kontekst, request=request)
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return filsvar(pdf, PDF, f"underretning-aendring-{a.pk}.pdf", vedhaeft=False)


@login_required
def aendring_liste(request: HttpRequest) -> HttpResponse:
    valgt = request.GET.get("tilbud", "")
    if valgt.isdigit():  # the "new change" picker: on to the form (which checks access)
        return redirect("takster:aendring_ny", int(valgt))
    aendringer = synlige_aendringer(request).order_by("-beslutningsdato", "-oprettet")
    tilbud = list(adgang.synlige_tilbud(request.user).select_related("driftsherre").order_by("navn"))
    rettigheder: dict[int, bool] = {}
    for t in tilbud:
        if t.driftsherre_id not in rettigheder:
            rettigheder[t.driftsherre_id] = adgang.kan_redigere(request.user, t.driftsherre)
    egne = [t for t in tilbud if rettigheder[t.driftsherre_id]]
    return render(
        request,
        "takster/aendring_liste.html",
        {"aendringer": [(a, _kort(a)) for a in aendringer], "egne_tilbud": egne},
    )


@dataclass(frozen=True)
class Kort:
    """A change's key figures for the list."""

    takst_forskel: str | None
    merudgift_i_alt: str | None
    pladser_forskel: str | None


def _kort(a: Aendring) -> Kort:
    r = (a.konsekvens or {}).get("resultat") or {}
    return Kort(r.get("takst_forskel"), r.get("merudgift_i_alt"), r.get("pladser_forskel"))
