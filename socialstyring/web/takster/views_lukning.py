"""The settlement when a tilbud closes (efterregulering ved lukning af tilbud).

URL names (namespace `takster`, see `urls_lukning.py`):

    lukning_ny  GET, POST  /tilbud/<tilbud_id>/lukning/ny/   (POST computes and stores a statement)
    lukning     GET        /lukning/<id>/

Who may do what (every decision through `register.adgang`): a statement is the operator's,
written by those who may edit the tilbud (`kan_redigere`) and read by those who may see its
drafts (`kan_se_udkast`); another agreement's tilbud is 404, everyone else 403.

The settlement is the engine's (`beregning.lukning.beregn_lukning`, region = the tilbud's
agreement, category = the tilbud's Kategorisering of the decision year). The stored statement
keeps the engine's result with its trace as computed; the page rebuilds the trace from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.lukning import Lukningsgrundlag, Opgoerelsesart, beregn_lukning
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kategorisering, Kommune, Pladskoeb, Tilbud
from socialstyring.web.takster.budget import motorfejl
from socialstyring.web.takster.models import Lukningsopgoerelse
from socialstyring.web.takster.views import forklaringer, trinvisning
from socialstyring.web.takster.views_indberetning import DanskDecimalField

DAGE_PR_AARSPLADS = Decimal(365)
TOMME_RAEKKER = 3
DATOFORMATER = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"]


class LukningForm(forms.Form):
    opgoerelse = forms.ChoiceField(
        label="Opgørelse", choices=Lukningsopgoerelse.Art.choices, widget=forms.RadioSelect
    )
    beslutningsdato = forms.DateField(label="Lukningen besluttet (dd-mm-åååå)", input_formats=DATOFORMATER)
    lukningsdato = forms.DateField(label="Lukket (dd-mm-åååå)", required=False, input_formats=DATOFORMATER)
    center = forms.CharField(label="Center/ledelsesområde", max_length=200)
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


def _forudfyldte(tilbud: Tilbud, aar: int) -> list[dict[str, Any]]:
    """Rows from the tilbud's place purchases of the two years before `aar`: årspladser × 365."""
    raekker: dict[int, dict[str, Any]] = {}
    koeb = Pladskoeb.objects.filter(tilbud=tilbud, aar__in=(aar - 2, aar - 1)).select_related("kommune")
    for k in koeb.order_by("kommune__navn"):
        r = raekker.setdefault(k.kommune_id, {"kommune": k.kommune})
        dage = k.aarspladser * DAGE_PR_AARSPLADS
        if dage == dage.to_integral_value():
            dage = dage.quantize(Decimal(1))
        r["dage_foerste" if k.aar == aar - 2 else "dage_andet"] = dage
    return list(raekker.values())


def _beslutningsaar(request: HttpRequest) -> int:
    try:
        aar = int(request.GET.get("aar", ""))
    except ValueError:
        return date.today().year
    return aar if 2000 <= aar <= 2100 else date.today().year


@login_required
@require_http_methods(["GET", "POST"])
def lukning_ny(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    """The form of a closure statement; POST computes it and stores it."""
    bruger = adgang.bruger(request)
    tilbud = adgang.hent_tilbud(bruger, tilbud_id)
    adgang.kraev(adgang.kan_redigere(bruger, tilbud.driftsherre))
    if request.method != "POST":
        aar = _beslutningsaar(request)
        form = LukningForm(initial={"opgoerelse": Lukningsopgoerelse.Art.FORELOEBIG})
        formset = KommuneFormset(prefix="kommune", initial=_forudfyldte(tilbud, aar))
        return _formside(request, tilbud, aar, form, formset)
    form = LukningForm(request.POST)
    formset = KommuneFormset(request.POST, prefix="kommune")
    aar = _beslutningsaar(request)
    if form.is_valid() and formset.is_valid():
        aar = form.cleaned_data["beslutningsdato"].year
        opgoerelse = _beregn_og_gem(form, formset, tilbud, aar, bruger)
        if opgoerelse is not None:
            messages.success(request, f"{opgoerelse.get_opgoerelse_display()} er beregnet og gemt.")
            return redirect("takster:lukning", opgoerelse.pk)
    return _formside(request, tilbud, aar, form, formset, status=400)


def _beregn_og_gem(
    form: LukningForm, formset: Any, tilbud: Tilbud, aar: int, bruger: User | AnonymousUser
) -> Lukningsopgoerelse | None:
    """Run the engine and store the statement; None (and a form error) if it cannot be computed."""
    d = form.cleaned_data
    kommuner: list[dict[str, Any]] = []
    for r in formset.cleaned_data:
        k: Kommune | None = r.get("kommune")
        if k is None:
            continue
        kommuner.append(
            {
                "kode": f"{k.kode:03d}",
                "navn": k.navn,
                "belaegningsdage": {
                    str(aar - 2): str(r.get("dage_foerste") or Decimal(0)),
                    str(aar - 1): str(r.get("dage_andet") or Decimal(0)),
                },
            }
        )
    kategorisering = Kategorisering.objects.filter(tilbud=tilbud, aar=aar).first()
    if kategorisering is None or not kategorisering.kategori:
        form.add_error(None, f"{tilbud.navn} har ingen kategori for {aar}; kategorisér tilbuddet først.")
        return None
    try:
        grundlag = Lukningsgrundlag.model_validate(
            {
                "region": tilbud.region,
                "tilbud": tilbud.navn,
                "center": d["center"],
                "kategori": kategorisering.kategori,
                "beslutningsdato": d["beslutningsdato"],
                "lukningsdato": d["lukningsdato"],
                "opgoerelse": Opgoerelsesart(d["opgoerelse"]),
                "tilbuddets_resultat": d["tilbuddets_resultat"],
                "centrets_resultat": d["centrets_resultat"],
                "driftsmaaneder": d["driftsmaaneder"],
                "betalingskommuner": kommuner,
            }
        )
        r = beregn_lukning(grundlag, regelbog())
    except (PydanticValidationError, ValueError, KeyError) as fejl:
        form.add_error(None, f"Opgørelsen kan ikke beregnes: {motorfejl(fejl)}")
        return None
    opgoerelse = Lukningsopgoerelse(
        tilbud=tilbud,
        opgoerelse=d["opgoerelse"],
        beslutningsdato=d["beslutningsdato"],
        center=d["center"],
        tilbuddets_resultat=d["tilbuddets_resultat"],
        centrets_resultat=d["centrets_resultat"],
        kommuner=kommuner,
        resultat=r.til_json(),
        oprettet_af=bruger if isinstance(bruger, User) else None,
    )
    opgoerelse.full_clean()
    opgoerelse.save()
    return opgoerelse


def _formside(
    request: HttpRequest,
    tilbud: Tilbud,
    aar: int,
    form: LukningForm,
    formset: Any,
    status: int = 200,
) -> HttpResponse:
    kontekst = {
        "tilbud": tilbud,
        "aar": aar,
        "foerste_aar": aar - 2,
        "andet_aar": aar - 1,
        "form": form,
        "formset": formset,
        "sendt": request.method == "POST",
        "tidligere": Lukningsopgoerelse.objects.filter(tilbud=tilbud),
    }
    return render(request, "takster/lukning_ny.html", kontekst, status=status)


@login_required
@require_GET
def lukning(request: HttpRequest, opgoerelse_id: int) -> HttpResponse:
    """A stored statement: the amount per municipality, each figure opening its trace."""
    bruger = adgang.bruger(request)
    try:
        opgoerelse = Lukningsopgoerelse.objects.get(pk=opgoerelse_id)
    except Lukningsopgoerelse.DoesNotExist:
        raise Http404("Opgørelsen findes ikke.") from None
    tilbud = adgang.hent_tilbud(bruger, opgoerelse.tilbud_id)
    adgang.kraev(adgang.kan_se_udkast(bruger, tilbud.driftsherre))
    r = opgoerelse.resultat
    spor = Spor.fra_json(r.get("spor", []))
    kommuner = [
        {
            **k,
            "dage": Decimal(k["dage"]),
            "andel_pct": Decimal(k["andel_pct"]),
            "beloeb": Decimal(k["beloeb"]),
            "belaegningsdage": [(a, Decimal(v)) for a, v in k["belaegningsdage"].items()],
        }
        for k in r.get("kommuner", [])
    ]
    tal = {
        n: Decimal(r[n])
        for n in (
            "tilbuddets_resultat",
            "centrets_resultat",
            "graense_pct",
            "graense",
            "til_regulering",
            "efterregulering",
            "dage_i_alt",
        )
    }
    kontekst = {
        "tilbud": tilbud,
        "opgoerelse": opgoerelse,
        "r": r,
        "tal": tal,
        "kommuner": kommuner,
        "i_alt": sum((k["beloeb"] for k in kommuner), Decimal(0)),
        "spor": spor,
        "trin": [trinvisning(t, spor) for t in spor],
        "forklaringer": forklaringer(spor),
        "regler": spor.regler(),
    }
    return render(request, "takster/lukning_side.html", kontekst)
