"""Quarterly occupancy (belægning): operators report used days, the engine computes the
occupancy and the deviation flag.

URL names (namespace `takster`, see `urls_belaegning.py`):

    belaegning          GET, POST  /belaegning/<driftsherre_id>/<aar>/<kvartal>/  (POST saves used days)
    belaegning_oversigt GET        /belaegning/<aar>/<kvartal>/

Who may do what (every decision through `register.adgang`): an operator's used days and
occupancy are seen by its own staff and its agreement's secretariat (`kan_se_udkast`),
who may also enter them (`kan_redigere`); everyone else 403. The overview is the
secretariat's (of its own agreement).

The used days are stored per service and quarter (`Forbrug`); the result shown is the
engine's `beregn_belaegning` for Q1..kvartal of the year (cumulative, as Syddanmark
reports Q1 and Q1–Q3), with its trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.belaegning import (
    Belaegningsgrundlag,
    Belaegningsraekke,
    Belaegningsresultat,
    Tilbudsbelaegning,
    beregn_belaegning,
    frister_for_belaegning,
)
from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.beregning.kerne.penge import EN_DECIMAL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Ydelsesaar
from socialstyring.web.takster.budget import motorfejl
from socialstyring.web.takster.models import Forbrug
from socialstyring.web.takster.views import forklaringer, trinvisning
from socialstyring.web.takster.views_budget import MAKS_AAR, MIN_AAR
from socialstyring.web.takster.views_indberetning import DanskDecimalField

UDEN_MAALGRUPPE = "Uden målgruppe"


def _tjek_periode(aar: int, kvartal: int) -> None:
    if not MIN_AAR <= aar <= MAKS_AAR:
        raise Http404("ukendt år")
    if not 1 <= kvartal <= 4:
        raise Http404("ukendt kvartal")


def pct_tekst(v: Decimal | None) -> str:
    """'90,0' (one decimal, as seed 004); '–' when there is none."""
    return "–" if v is None else dansk_tal(afrund_til(v, EN_DECIMAL), 1)


# --- the operator's figures ---------------------------------------------------------------


@dataclass
class Ydelsesraekke:
    """One service with places in the year, its used days this quarter and Q1..kvartal."""

    ydelsesaar: Ydelsesaar
    kvartalets_dage: Decimal | None
    periodens_dage: Decimal

    @property
    def felt(self) -> str:
        return f"dage-{self.ydelsesaar.ydelse_id}"


def _raekker(driftsherre: Driftsherre, aar: int, kvartal: int) -> list[Ydelsesraekke]:
    ydelsesaar = list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=driftsherre, aar=aar, pladser__gt=0)
        .select_related("ydelse__tilbud__maalgruppe")
        .order_by("ydelse__tilbud__navn", "ydelse__navn")
    )
    kvartalets: dict[int, Decimal] = {}
    perioden: dict[int, Decimal] = {}
    for f in Forbrug.objects.filter(
        ydelse__in=[ya.ydelse_id for ya in ydelsesaar], aar=aar, kvartal__lte=kvartal
    ):
        perioden[f.ydelse_id] = perioden.get(f.ydelse_id, Decimal(0)) + f.brugte_dage
        if f.kvartal == kvartal:
            kvartalets[f.ydelse_id] = f.brugte_dage
    return [
        Ydelsesraekke(ya, kvartalets.get(ya.ydelse_id), perioden.get(ya.ydelse_id, Decimal(0)))
        for ya in ydelsesaar
    ]


def _grundlag(
    driftsherre: Driftsherre, aar: int, kvartal: int, raekker: list[Ydelsesraekke]
) -> Belaegningsgrundlag:
    return Belaegningsgrundlag(
        region=driftsherre.rammeaftale.kode,
        aar=aar,
        kvartaler=kvartal,
        raekker=tuple(
            Belaegningsraekke(
                tilbud=r.ydelsesaar.ydelse.tilbud.navn,
                ydelse=r.ydelsesaar.ydelse.navn,
                driftsherre=driftsherre.navn,
                maalgruppe=(
                    r.ydelsesaar.ydelse.tilbud.maalgruppe.navn
                    if r.ydelsesaar.ydelse.tilbud.maalgruppe
                    else UDEN_MAALGRUPPE
                ),
                pladstype=Pladstype(r.ydelsesaar.ydelse.pladstype),
                pladser=r.ydelsesaar.pladser or Decimal(0),
                brugte_dage=r.periodens_dage,
                budgetteret_belaegning_pct=r.ydelsesaar.budgetteret_belaegning_pct,
            )
            for r in raekker
        ),
    )


def beregn(
    driftsherre: Driftsherre, aar: int, kvartal: int, raekker: list[Ydelsesraekke]
) -> Belaegningsresultat:
    """The engine's occupancy for Q1..kvartal (ValueError, KeyError or a pydantic
    ValidationError if it cannot be computed)."""
    return beregn_belaegning(_grundlag(driftsherre, aar, kvartal, raekker), regelbog())


def _form(raekker: list[Ydelsesraekke], data: Any = None) -> forms.Form:
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
        )
    return form


@dataclass(frozen=True)
class Tilbudsvisning:
    t: Tilbudsbelaegning

    @property
    def pct(self) -> str:
        return pct_tekst(self.t.belaegning_pct)

    @property
    def budget(self) -> str:
        return pct_tekst(self.t.budgetteret_pct)

    @property
    def afvigelse(self) -> str:
        return pct_tekst(self.t.afvigelse_pct_point)

    @property
    def over_100(self) -> bool:
        return self.t.belaegning_pct is not None and self.t.belaegning_pct > 100

    @property
    def noegle_pct(self) -> str:
        return f"{self.t.noegle}.belaegning_pct"

    @property
    def noegle_afvigelse(self) -> str:
        return f"{self.t.noegle}.afvigelse"


def _driftsherre(request: HttpRequest, driftsherre_id: int) -> Driftsherre:
    d = get_object_or_404(Driftsherre.objects.select_related("rammeaftale"), pk=driftsherre_id)
    adgang.kraev(adgang.kan_se_udkast(adgang.bruger(request), d))
    return d


@login_required
@require_http_methods(["GET", "POST"])
def belaegning(request: HttpRequest, driftsherre_id: int, aar: int, kvartal: int) -> HttpResponse:
    """The operator's services with their used days for the quarter and the occupancy
    for Q1..kvartal with its trace; POST saves the used days (only the changed ones)."""
    _tjek_periode(aar, kvartal)
    d = _driftsherre(request, driftsherre_id)
    kan_redigere = adgang.kan_redigere(adgang.bruger(request), d)
    raekker = _raekker(d, aar, kvartal)
    if request.method == "POST":
        adgang.kraev(kan_redigere)
        form = _form(raekker, request.POST)
        if not form.is_valid():
            return _side(request, d, aar, kvartal, raekker, form, kan_redigere, status=400)
        aendret = 0
        with transaction.atomic():
            for r in raekker:
                ny: Decimal | None = form.cleaned_data.get(r.felt)
                if ny == r.kvartalets_dage:
                    continue
                ydelse_id = r.ydelsesaar.ydelse_id
                if ny is None:
                    Forbrug.objects.get(ydelse_id=ydelse_id, aar=aar, kvartal=kvartal).delete()
                else:
                    f = Forbrug.objects.filter(ydelse_id=ydelse_id, aar=aar, kvartal=kvartal).first()
                    f = f or Forbrug(ydelse_id=ydelse_id, aar=aar, kvartal=kvartal)
                    f.brugte_dage = ny
                    f.full_clean()
                    f.save()
                aendret += 1
        messages.success(
            request,
            f"Forbruget for Q{kvartal} {aar} er gemt ({aendret} ændrede ydelser)."
            if aendret
            else "Intet er ændret.",
        )
        return redirect("takster:belaegning", d.pk, aar, kvartal)
    return _side(request, d, aar, kvartal, raekker, _form(raekker), kan_redigere)


@dataclass(frozen=True)
class Fristvisning:
    """The agreement's occupancy deadlines for the year (rulebook `frister.belaegning_*`) and
    the one for the period shown, if any."""

    frister: tuple[tuple[str, Frist], ...]  # (period, deadline)
    frist: Frist | None

    @property
    def overskredet(self) -> bool:
        return self.frist is not None and timezone.localdate() > self.frist.dato


def fristvisning(region: str, aar: int, kvartal: int) -> Fristvisning:
    frister = frister_for_belaegning(region, aar, regelbog())
    return Fristvisning(
        tuple((f"Q1 {aar}" if k == 1 else f"Q1–Q{k} {aar}", f) for k, f in sorted(frister.items())),
        frister.get(kvartal),
    )


def _side(
    request: HttpRequest,
    d: Driftsherre,
    aar: int,
    kvartal: int,
    raekker: list[Ydelsesraekke],
    form: forms.Form,
    kan_redigere: bool,
    status: int = 200,
) -> HttpResponse:
    kontekst: dict[str, Any] = {
        "driftsherre": d,
        "aar": aar,
        "kvartal": kvartal,
        "kvartaler": range(1, 5),
        "periode": f"Q1 {aar}" if kvartal == 1 else f"Q1–Q{kvartal} {aar}",
        "raekker": [(r, form[r.felt]) for r in raekker],
        "form": form,
        "kan_redigere": kan_redigere,
        "sendt": request.method == "POST",
        "frister": fristvisning(d.rammeaftale.kode, aar, kvartal),
    }
    if any(r.periodens_dage > 0 for r in raekker):
        try:
            res = beregn(d, aar, kvartal, raekker)
        except (PydanticValidationError, ValueError, KeyError) as fejl:
            kontekst["fejl"] = f"Belægningen kan ikke beregnes: {motorfejl(fejl)}"
        else:
            kontekst.update(
                resultat=res,
                tilbud=[Tilbudsvisning(t) for t in res.tilbud],
                i_alt=res.i_alt,
                i_alt_pct=pct_tekst(res.i_alt.belaegning_pct if res.i_alt else None),
                graense=dansk_tal(res.graense_pct_point, 1),
                spor=res.spor,
                trin=[trinvisning(t, res.spor) for t in res.spor],
                forklaringer=forklaringer(res.spor),
            )
    return render(request, "takster/belaegning_side.html", kontekst, status=status)


# --- the secretariat's overview ------------------------------------------------------------


@dataclass(frozen=True)
class Oversigtsraekke:
    driftsherre: Driftsherre
    antal_ydelser: int
    antal_indberettet: int
    belaegning: str
    flagede_tilbud: tuple[str, ...]
    fejl: str = ""

    @property
    def mangler(self) -> bool:
        return self.antal_indberettet < self.antal_ydelser


def oversigtsraekke(d: Driftsherre, aar: int, kvartal: int) -> Oversigtsraekke:
    """An operator's reporting status, occupancy and flagged tilbud for Q1..kvartal."""
    raekker = _raekker(d, aar, kvartal)
    indberettet = sum(1 for r in raekker if r.periodens_dage > 0)
    if not indberettet:
        return Oversigtsraekke(d, len(raekker), 0, "–", ())
    try:
        res = beregn(d, aar, kvartal, raekker)
    except (PydanticValidationError, ValueError, KeyError) as fejl:
        return Oversigtsraekke(d, len(raekker), indberettet, "–", (), motorfejl(fejl))
    pct = pct_tekst(res.i_alt.belaegning_pct if res.i_alt else None)
    return Oversigtsraekke(d, len(raekker), indberettet, pct, res.flagede_tilbud)


@login_required
@require_GET
def belaegning_oversigt(request: HttpRequest, aar: int, kvartal: int) -> HttpResponse:
    """Secretariat: every operator of its agreement with its reporting status, occupancy
    for Q1..kvartal and flagged tilbud."""
    _tjek_periode(aar, kvartal)
    bruger = adgang.bruger(request)
    aftaler: list[Rammeaftale] = [
        a for a in adgang.synlige_rammeaftaler(bruger) if adgang.er_sekretariat(bruger, a)
    ]
    adgang.kraev(bool(aftaler))
    oversigt = [
        (
            a,
            fristvisning(a.kode, aar, kvartal),
            [
                oversigtsraekke(d, aar, kvartal)
                for d in Driftsherre.objects.filter(rammeaftale=a)
                .select_related("rammeaftale")
                .order_by("navn")
            ],
        )
        for a in aftaler
    ]
    return render(
        request,
        "takster/belaegning_oversigt.html",
        {
            "aar": aar,
            "kvartal": kvartal,
            "kvartaler": range(1, 5),
            "periode": f"Q1 {aar}" if kvartal == 1 else f"Q1–Q{kvartal} {aar}",
            "oversigt": oversigt,
        },
    )
