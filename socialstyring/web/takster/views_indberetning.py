"""Pages of the yearly rate reporting (takstindberetning) and the published catalogue.

URL names (namespace `takster`, see `urls_indberetning.py`):

    indberetning           GET, POST  /indberetning/<driftsherre_id>/<aar>/   (POST saves a draft)
    indberetning_indsend   POST       /indberetning/<driftsherre_id>/<aar>/indsend/
    indberetning_genaabn   POST       /indberetning/<driftsherre_id>/<aar>/genaabn/
    indberetning_godkend   POST       /indberetning/<driftsherre_id>/<aar>/godkend/
    indberetning_paamind   POST       /indberetning/<driftsherre_id>/<aar>/paamind/
    indberetning_oversigt  GET        /indberetning/<aar>/                 (?rammeaftale=<kode>)
    katalog_offentliggoer  POST       /katalog/<aar>/offentliggoer/        (field rammeaftale=<kode>)
    katalog                GET        /katalog/<rammeaftale_kode>/<aar>/   (?version=N)
    katalog_excel          GET        /katalog/<rammeaftale_kode>/<aar>/katalog.xlsx
    katalog_pdf            GET        /katalog/<rammeaftale_kode>/<aar>/katalog.pdf

Who may do what (every decision through `register.adgang`):

- the operator's own staff: see, save and submit its report while it is a draft; after
  submission they see it read-only;
- the agreement's secretariat (and superusers): everything the operator can, plus the
  overview, reminders, reopening and approving reports, and publishing the catalogue;
- every role of the agreement (readers too): the published catalogue, as a page, Excel
  and PDF. Nobody else sees an operator's report (403).

The report is the operator's `Ydelsesaar` rows for the year (one per service of its open
offers). The views only read and write those rows; the validation is the engine's
(`beregning.indberetning.valider_indberetning`), and the page shows its errors and flags
with their trace. A rate that comes from a rate calculation (`Takstberegning`) is shown
read-only with a link to the calculation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as datoformat
from django.views.decorators.http import require_http_methods, require_POST

from socialstyring.beregning.indberetning import (
    Fund,
    Indberetning,
    Indberetningslinje,
    Indberetningsresultat,
    Linjeresultat,
    frist_for_indberetning,
    valider_indberetning,
)
from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.spor import Trin
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import (
    Brugerprofil,
    Driftsherre,
    Rammeaftale,
    Rolle,
    Takstenhed,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takster import katalog as katalogmodul
from socialstyring.web.takster.filsvar import PDF, XLSX, filsvar
from socialstyring.web.takster.models import Indberetningsstatus, Katalog, Paamindelse, Takstindberetning

MIN_AAR, MAKS_AAR = 2007, 2100


def _tjek_aar(aar: int) -> None:
    if not MIN_AAR <= aar <= MAKS_AAR:
        raise Http404("ukendt år")


# --- Danish numbers in the form ------------------------------------------------------------

TUSINDER = re.compile(r"-?\d{1,3}(\.\d{3})+")


class DanskDecimalField(forms.DecimalField):
    """A decimal typed the Danish way: '2.295,50', '2295,5', '97' (and '2295.5')."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    FEJLTEKST = "Skriv et tal, fx 2.295,50."

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # as django-stubs' own
        if value in self.empty_values:
            return None
        tekst = str(value).strip().replace(" ", "").replace("\xa0", "")
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif TUSINDER.fullmatch(tekst):
            tekst = tekst.replace(".", "")
        try:
            tal = Decimal(tekst)
        except InvalidOperation:
            raise ValidationError(self.FEJLTEKST, code="invalid") from None
        if not tal.is_finite():
            raise ValidationError(self.FEJLTEKST, code="invalid")
        return tal

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return dansk_tal(value)
        return value


class YdelsesaarForm(forms.Form):
    ydelse = forms.IntegerField(widget=forms.HiddenInput)
    pladser = DanskDecimalField(label="Pladser", required=False, max_digits=8, decimal_places=2)
    budgetteret_belaegning_pct = DanskDecimalField(
        label="Budgetteret belægning %", required=False, max_digits=6, decimal_places=2
    )
    takst = DanskDecimalField(label="Takst", required=False, max_digits=14, decimal_places=2)
    kilde_tekst = forms.CharField(label="Kilde", required=False, max_length=500)
    begrundelse = forms.CharField(
        label="Begrundelse", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 28})
    )


YdelsesaarFormSet = forms.formset_factory(YdelsesaarForm, extra=0)
FORMSET_PREFIX = "y"


# --- the report as the database holds it ---------------------------------------------------


@dataclass
class Raekke:
    """One service of the report: this year's and last year's figures, its form and findings."""

    ydelse: Ydelse
    nu: Ydelsesaar | None
    sidste: Ydelsesaar | None
    form: YdelsesaarForm | None = None
    linje: Linjeresultat | None = None
    fund: list[Fund] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return str(self.ydelse.pk)

    @property
    def beregnet(self) -> bool:
        """The rate comes from a rate calculation and is read-only here."""
        return (
            self.nu is not None
            and self.nu.takst_kilde == TakstKilde.BEREGNET
            and self.nu.takstberegning_id is not None
        )

    @property
    def blokeret(self) -> bool:
        return any(f.blokerende for f in self.fund)

    def initial(self) -> dict[str, Any]:
        nu = self.nu
        return {
            "ydelse": self.ydelse.pk,
            "pladser": nu.pladser if nu else None,
            "budgetteret_belaegning_pct": nu.budgetteret_belaegning_pct if nu else None,
            "takst": nu.takst if nu else None,
            "kilde_tekst": nu.kilde_tekst if nu else "",
            "begrundelse": nu.begrundelse if nu else "",
        }


@dataclass
class Indberetningsdata:
    driftsherre: Driftsherre
    aar: int
    indberetning: Takstindberetning | None
    raekker: list[Raekke]
    tilbud_uden_ydelser: list[str]

    @classmethod
    def hent(cls, driftsherre: Driftsherre, aar: int) -> Indberetningsdata:
        tilbud = list(
            Tilbud.objects.filter(driftsherre=driftsherre)
            .exclude(lukket_fra__lte=date(aar, 1, 1))
            .prefetch_related("ydelser")
            .order_by("navn")
        )
        ydelser = [y for t in tilbud for y in sorted(t.ydelser.all(), key=lambda y: y.navn)]
        aarstal = {
            (ya.ydelse_id, ya.aar): ya
            for ya in Ydelsesaar.objects.filter(ydelse__in=ydelser, aar__in=(aar, aar - 1))
        }
        return cls(
            driftsherre=driftsherre,
            aar=aar,
            indberetning=Takstindberetning.objects.filter(driftsherre=driftsherre, aar=aar).first(),
            raekker=[Raekke(y, aarstal.get((y.pk, aar)), aarstal.get((y.pk, aar - 1))) for y in ydelser],
            tilbud_uden_ydelser=[t.navn for t in tilbud if not t.ydelser.all()],
        )

    @property
    def status(self) -> str:
        return self.indberetning.status if self.indberetning else katalogmodul.IKKE_PAABEGYNDT

    @property
    def status_tekst(self) -> str:
        if self.indberetning is None:
            return "Ikke påbegyndt"
        return self.indberetning.get_status_display()

    @property
    def er_udkast(self) -> bool:
        return self.indberetning is None or self.indberetning.status == Indberetningsstatus.UDKAST

    def inddata(self) -> Indberetning:
        linjer = []
        for r in self.raekker:
            y, nu = r.ydelse, r.nu
            linjer.append(
                Indberetningslinje(
                    tilbud=y.tilbud.navn,
                    ydelse=y.navn,
                    ref=r.ref,
                    pladsbaseret=y.takstenhed != Takstenhed.TIME,
                    takstenhed=y.get_takstenhed_display(),
                    pladser=nu.pladser if nu else None,
                    budgetteret_belaegning_pct=nu.budgetteret_belaegning_pct if nu else None,
                    takst=nu.takst if nu else None,
                    takst_sidste_aar=r.sidste.takst if r.sidste else None,
                    begrundelse=nu.begrundelse if nu else "",
                )
            )
        return Indberetning(
            region=self.driftsherre.rammeaftale.kode,
            aar=self.aar,
            driftsherre=self.driftsherre.navn,
            linjer=tuple(linjer),
            tilbud_uden_ydelser=tuple(self.tilbud_uden_ydelser),
        )

    def valider(self) -> Indberetningsresultat:
        """The engine's validation; stale rule values are shown as warnings on the page."""
        resultat = valider_indberetning(self.inddata(), regelbog())
        for r in self.raekker:
            r.linje = resultat.linje(r.ref)
            r.fund = resultat.fund_for(r.ref)
        return resultat


def _driftsherre(driftsherre_id: int) -> Driftsherre:
    return get_object_or_404(Driftsherre.objects.select_related("rammeaftale"), pk=driftsherre_id)


def _frist(driftsherre: Driftsherre, aar: int) -> Frist | None:
    return frist_for_indberetning(driftsherre.rammeaftale.kode, aar, regelbog())


def dato_tekst(d: date | datetime) -> str:
    if isinstance(d, datetime):
        return datoformat(timezone.localtime(d), "j. F Y \\k\\l. H.i")
    return datoformat(d, "j. F Y")


def frist_status(frist: Frist | None, idag: date, indsendt: datetime | None) -> str:
    """'12 dage tilbage', 'fristen er i dag', 'overskredet med 3 dage', 'indsendt 2 dage for sent'."""
    if frist is None:
        return ""
    if indsendt is not None:
        forsinkelse = (timezone.localdate(indsendt) - frist.dato).days
        return f"indsendt {_dage(forsinkelse)} for sent" if forsinkelse > 0 else "indsendt rettidigt"
    rest = (frist.dato - idag).days
    if rest > 0:
        return f"{_dage(rest)} tilbage"
    if rest == 0:
        return "fristen er i dag"
    return f"overskredet med {_dage(-rest)}"


def _dage(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dage"


# --- the operator's report -----------------------------------------------------------------


@dataclass(frozen=True)
class Fundvisning:
    fund: Fund
    trin: list[Trin]


def _fundvisning(resultat: Indberetningsresultat, fund: tuple[Fund, ...]) -> list[Fundvisning]:
    return [Fundvisning(f, resultat.spor.forklar(f.noegle) if f.noegle else []) for f in fund]


def _formset(data: Indberetningsdata, post: Any = None) -> Any:
    if post is None:
        fs = YdelsesaarFormSet(initial=[r.initial() for r in data.raekker], prefix=FORMSET_PREFIX)
    else:
        fs = YdelsesaarFormSet(post, prefix=FORMSET_PREFIX)
    return fs


def _formset_passer(fs: Any, data: Indberetningsdata) -> bool:
    """The posted rows are the report's services in the page's order."""
    if not fs.management_form.is_valid() or len(fs.forms) != len(data.raekker):
        return False
    for form, r in zip(fs.forms, data.raekker, strict=True):
        if str(form.data.get(form.add_prefix("ydelse"), "")) != r.ref:
            return False
    return True


class IkkeUdkast(Exception):
    """The report is no longer a draft; its status is the message."""


def _gem(data: Indberetningsdata, fs: Any) -> int:
    """Write the posted figures to the Ydelsesaar rows (only changed rows are saved)."""
    aendret = 0
    with transaction.atomic():
        ib, _ = Takstindberetning.objects.select_for_update().get_or_create(
            driftsherre=data.driftsherre, aar=data.aar
        )
        if ib.status != Indberetningsstatus.UDKAST:  # submitted meanwhile (another tab, a colleague)
            raise IkkeUdkast(ib.get_status_display().lower())
        for form, r in zip(fs.forms, data.raekker, strict=True):
            c = form.cleaned_data
            nye: dict[str, Any] = {
                "pladser": c["pladser"],
                "budgetteret_belaegning_pct": c["budgetteret_belaegning_pct"],
                "kilde_tekst": c["kilde_tekst"].strip(),
                "begrundelse": c["begrundelse"].strip(),
            }
            if not r.beregnet:
                nye["takst"] = c["takst"]
            ya = r.nu
            if ya is None:
                if all(v in (None, "") for v in nye.values()):
                    continue
                ya = Ydelsesaar(ydelse=r.ydelse, aar=data.aar)
            elif all(getattr(ya, k) == v for k, v in nye.items()):
                continue
            for k, v in nye.items():
                setattr(ya, k, v)
            if not r.beregnet:
                ya.takst_kilde = TakstKilde.INDTASTET
            ya.full_clean()
            ya.save()
            aendret += 1
    return aendret


def _side(request: HttpRequest, data: Indberetningsdata, fs: Any = None, status: int = 200) -> HttpResponse:
    bruger = adgang.bruger(request)
    d = data.driftsherre
    redigerbar = data.er_udkast and adgang.kan_redigere(bruger, d)
    resultat = data.valider()
    if redigerbar:
        fs = fs if fs is not None else _formset(data)
        for form, r in zip(fs.forms, data.raekker, strict=True):
            r.form = form
    frist = resultat.frist
    kontekst = {
        "driftsherre": d,
        "aar": data.aar,
        "forrige_aar": data.aar - 1,
        "data": data,
        "indberetning": data.indberetning,
        "raekker": data.raekker,
        "formset": fs if redigerbar else None,
        "redigerbar": redigerbar,
        "er_sekretariat": adgang.er_sekretariat(bruger, d.rammeaftale),
        "resultat": resultat,
        "fejl": _fundvisning(resultat, resultat.fejl),
        "markeringer": _fundvisning(resultat, resultat.markeringer),
        "frist": frist,
        "frist_status": frist_status(
            frist, timezone.localdate(), data.indberetning.indsendt if data.indberetning else None
        ),
        "regler": resultat.regler_anvendt(),
    }
    return render(request, "takster/indberetning_side.html", kontekst, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def indberetning(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The operator's report for `aar`; POST ("Gem udkast") saves the figures as a draft."""
    _tjek_aar(aar)
    bruger = adgang.bruger(request)
    d = _driftsherre(driftsherre_id)
    adgang.kraev(adgang.kan_se_udkast(bruger, d))
    data = Indberetningsdata.hent(d, aar)
    if request.method == "POST":
        adgang.kraev(adgang.kan_redigere(bruger, d))
        svar = _gem_fra_post(request, data)
        if svar is not None:
            return svar
        messages.success(request, "Udkastet er gemt.")
        return redirect("takster:indberetning", d.pk, aar)
    return _side(request, data)


def _gem_fra_post(request: HttpRequest, data: Indberetningsdata) -> HttpResponse | None:
    """Save the posted table; a response when it cannot be saved (else None)."""
    d, aar = data.driftsherre, data.aar

    def laast(status: str) -> HttpResponse:
        messages.error(request, f"Indberetningen er {status} og kan ikke ændres, før den genåbnes.")
        return redirect("takster:indberetning", d.pk, aar)

    if not data.er_udkast:
        return laast(data.status_tekst.lower())
    fs = _formset(data, request.POST)
    if not _formset_passer(fs, data):
        messages.error(
            request,
            "Listen af ydelser er ændret, siden siden blev åbnet. Intet er gemt; indtast tallene igen.",
        )
        return redirect("takster:indberetning", d.pk, aar)
    if not fs.is_valid():
        return _side(request, data, fs, status=400)
    try:
        _gem(data, fs)
    except IkkeUdkast as status:
        return laast(str(status))
    return None


@login_required
@require_POST
def indsend(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Save the posted table (if any), validate, and submit when nothing blocks."""
    _tjek_aar(aar)
    bruger = adgang.bruger(request)
    d = _driftsherre(driftsherre_id)
    adgang.kraev(adgang.kan_redigere(bruger, d))
    data = Indberetningsdata.hent(d, aar)
    if not data.er_udkast:
        messages.error(request, f"Indberetningen for {aar} er allerede {data.status_tekst.lower()}.")
        return redirect("takster:indberetning", d.pk, aar)
    gemt = f"{FORMSET_PREFIX}-TOTAL_FORMS" in request.POST
    if gemt:
        svar = _gem_fra_post(request, data)
        if svar is not None:
            return svar
        data = Indberetningsdata.hent(d, aar)
    resultat = data.valider()
    if not resultat.kan_indsendes:
        if gemt:
            messages.info(request, "Tallene er gemt som udkast.")
        antal = len(resultat.fejl)
        messages.error(
            request,
            f"Indberetningen er ikke indsendt: {antal} fejl skal rettes først.",
        )
        for f in resultat.fejl:
            messages.error(request, f.tekst)
        return redirect("takster:indberetning", d.pk, aar)
    assert isinstance(bruger, User)
    with transaction.atomic():
        ib, _ = Takstindberetning.objects.select_for_update().get_or_create(driftsherre=d, aar=aar)
        if ib.status != Indberetningsstatus.UDKAST:
            status = ib.get_status_display().lower()
            messages.error(request, f"Indberetningen for {aar} er allerede {status}.")
            return redirect("takster:indberetning", d.pk, aar)
        ib.status = Indberetningsstatus.INDSENDT
        ib.indsendt = timezone.now()
        ib.indsendt_af = bruger
        ib.save()
    besked = f"Indberetningen for {aar} er indsendt."
    if resultat.markeringer:
        besked += f" {len(resultat.markeringer)} begrundede takststigninger er sendt med til sekretariatet."
    messages.success(request, besked)
    return redirect("takster:indberetning", d.pk, aar)


def _statusskift(
    request: HttpRequest, driftsherre_id: int, aar: int, fra: tuple[str, ...], til: Indberetningsstatus
) -> tuple[Driftsherre, Takstindberetning | None]:
    _tjek_aar(aar)
    d = _driftsherre(driftsherre_id)
    adgang.kraev(adgang.er_sekretariat(adgang.bruger(request), d.rammeaftale))
    ib = Takstindberetning.objects.filter(driftsherre=d, aar=aar).first()
    if ib is None or ib.status not in fra:
        status = ib.get_status_display().lower() if ib else "ikke påbegyndt"
        messages.error(request, f"Indberetningen er {status} og kan ikke sættes til {til.label.lower()}.")
        return d, None
    return d, ib


@login_required
@require_POST
def genaabn(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: a submitted or approved report goes back to draft for the operator."""
    fra = (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
    d, ib = _statusskift(request, driftsherre_id, aar, fra, Indberetningsstatus.UDKAST)
    if ib is not None:
        ib.status = Indberetningsstatus.UDKAST
        ib.indsendt = None
        ib.indsendt_af = None
        ib.save()
        messages.success(request, f"Indberetningen er genåbnet; {d} kan rette den og indsende den igen.")
    return redirect("takster:indberetning", d.pk, aar)


@login_required
@require_POST
def godkend(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: approve a submitted report (refused if it no longer validates)."""
    fra = (Indberetningsstatus.INDSENDT,)
    d, ib = _statusskift(request, driftsherre_id, aar, fra, Indberetningsstatus.GODKENDT)
    if ib is not None:
        resultat = Indberetningsdata.hent(d, aar).valider()
        if not resultat.kan_indsendes:
            messages.error(request, "Indberetningen kan ikke godkendes: tallene er ændret og har fejl.")
            for f in resultat.fejl:
                messages.error(request, f.tekst)
        else:
            ib.status = Indberetningsstatus.GODKENDT
            ib.save()
            messages.success(request, f"Indberetningen fra {d} for {aar} er godkendt.")
    if request.POST.get("tilbage") == "oversigt":
        return _til_oversigt(d, aar)
    return redirect("takster:indberetning", d.pk, aar)


# --- the secretariat's overview ------------------------------------------------------------


@dataclass(frozen=True)
class Oversigtsraekke:
    driftsherre: Driftsherre
    status: str
    status_tekst: str
    antal_ydelser: int
    antal_prissat: int
    antal_markeringer: int
    antal_fejl: int
    indsendt: datetime | None
    frist_status: str
    for_sent: bool
    sidste_paamindelse: Paamindelse | None

    @property
    def kan_paamindes(self) -> bool:
        return self.status in (katalogmodul.IKKE_PAABEGYNDT, Indberetningsstatus.UDKAST)


@dataclass(frozen=True)
class Aftaleoversigt:
    rammeaftale: Rammeaftale
    frist: Frist | None
    raekker: list[Oversigtsraekke]
    kataloger: list[Katalog]

    @property
    def antal_indsendt(self) -> int:
        return sum(
            1
            for r in self.raekker
            if r.status in (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
        )


def _sekretariatets_aftaler(request: HttpRequest) -> list[Rammeaftale]:
    bruger = adgang.bruger(request)
    aftaler = [a for a in adgang.synlige_rammeaftaler(bruger) if adgang.er_sekretariat(bruger, a)]
    adgang.kraev(bool(aftaler))
    return aftaler


def _aftaleoversigt(aftale: Rammeaftale, aar: int, idag: date) -> Aftaleoversigt:
    frist = frist_for_indberetning(aftale.kode, aar, regelbog())
    paamindelser: dict[int, Paamindelse] = {}
    for p in Paamindelse.objects.filter(driftsherre__rammeaftale=aftale, aar=aar).order_by("sendt"):
        paamindelser[p.driftsherre_id] = p  # the last one wins
    raekker = []
    for d in Driftsherre.objects.filter(rammeaftale=aftale).select_related("rammeaftale").order_by("navn"):
        data = Indberetningsdata.hent(d, aar)
        resultat = data.valider()
        indsendt = data.indberetning.indsendt if data.indberetning else None
        raekker.append(
            Oversigtsraekke(
                driftsherre=d,
                status=data.status,
                status_tekst=data.status_tekst,
                antal_ydelser=resultat.antal_udbudt,
                antal_prissat=resultat.antal_prissat,
                antal_markeringer=len(resultat.markeringer),
                antal_fejl=len(resultat.fejl),
                indsendt=indsendt,
                frist_status=frist_status(frist, idag, indsendt),
                for_sent=frist is not None
                and (
                    timezone.localdate(indsendt) > frist.dato if indsendt is not None else idag > frist.dato
                ),
                sidste_paamindelse=paamindelser.get(d.pk),
            )
        )
    kataloger = list(Katalog.objects.filter(rammeaftale=aftale, aar=aar).order_by("-version"))
    return Aftaleoversigt(aftale, frist, raekker, kataloger)


@login_required
def oversigt(request: HttpRequest, aar: int) -> HttpResponse:
    """Secretariat: every operator of the agreement with the status of its report."""
    _tjek_aar(aar)
    aftaler = _sekretariatets_aftaler(request)
    kode = request.GET.get("rammeaftale")
    if kode:
        aftaler = [a for a in aftaler if a.kode == kode]
        if not aftaler:
            raise Http404("ukendt rammeaftale")
    idag = timezone.localdate()
    return render(
        request,
        "takster/indberetning_oversigt.html",
        {
            "aar": aar,
            "idag": idag,
            "aftaler": [_aftaleoversigt(a, aar, idag) for a in aftaler],
        },
    )


def _til_oversigt(d: Driftsherre, aar: int) -> HttpResponseRedirect:
    url = reverse("takster:indberetning_oversigt", args=[aar])
    return HttpResponseRedirect(f"{url}?rammeaftale={d.rammeaftale.kode}")


@login_required
@require_POST
def paamind(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: email the operator's staff a reminder and record it."""
    _tjek_aar(aar)
    bruger = adgang.bruger(request)
    d = _driftsherre(driftsherre_id)
    adgang.kraev(adgang.er_sekretariat(bruger, d.rammeaftale))
    data = Indberetningsdata.hent(d, aar)
    if not data.er_udkast:
        messages.info(request, f"{d} har allerede indsendt; der er ikke sendt nogen påmindelse.")
        return _til_oversigt(d, aar)
    modtagere = sorted(
        {
            p.bruger.email
            for p in Brugerprofil.objects.filter(
                driftsherre=d, rolle=Rolle.DRIFTSHERRE, bruger__is_active=True
            ).select_related("bruger")
            if p.bruger.email
        }
    )
    if not modtagere:
        messages.error(
            request, f"{d} har ingen aktive brugere med en e-mailadresse; påmindelsen er ikke sendt."
        )
        return _til_oversigt(d, aar)
    frist = _frist(d, aar)
    url = request.build_absolute_uri(reverse("takster:indberetning", args=[d.pk, aar]))
    afsender = (bruger.get_full_name() if isinstance(bruger, User) else "") or bruger.get_username()
    linjer = [
        f"Til {d}",
        "",
        f"Sekretariatet for {d.rammeaftale} minder om takstindberetningen for {aar}.",
        f"Status: {data.status_tekst}.",
        f"Frist: {dato_tekst(frist.dato)} ({frist_status(frist, timezone.localdate(), None)})."
        if frist
        else "Regelbogen har ingen frist for indberetningen; indsend den hurtigst muligt.",
        "",
        f"Indberetningen findes her: {url}",
        "",
        "Venlig hilsen",
        afsender,
    ]
    send_mail(f"Påmindelse: takstindberetning for {aar}", "\n".join(linjer), None, modtagere)
    Paamindelse.objects.create(
        driftsherre=d,
        aar=aar,
        sendt_af=bruger if isinstance(bruger, User) else None,
        modtagere=", ".join(modtagere),
    )
    messages.success(request, f"Påmindelsen er sendt til {', '.join(modtagere)}.")
    return _til_oversigt(d, aar)


# --- the catalogue ---------------------------------------------------------------------------


@login_required
@require_POST
def katalog_offentliggoer(request: HttpRequest, aar: int) -> HttpResponse:
    """Secretariat: publish a new version of the catalogue for the agreement and year."""
    _tjek_aar(aar)
    aftaler = _sekretariatets_aftaler(request)
    kode = request.POST.get("rammeaftale")
    if kode:
        aftaler = [a for a in aftaler if a.kode == kode]
        adgang.kraev(bool(aftaler))
    elif len(aftaler) > 1:
        messages.error(request, "Vælg hvilken rammeaftales katalog, der skal offentliggøres.")
        return redirect("takster:indberetning_oversigt", aar)
    aftale = aftaler[0]
    bruger = adgang.bruger(request)
    k = katalogmodul.offentliggoer(aftale, aar, bruger if isinstance(bruger, User) else None)
    antal = len(k.indhold["tilbud"])
    besked = f"Version {k.version} af kataloget for {aar} er offentliggjort med {antal} tilbud."
    if k.indhold["mangler"]:
        besked += f" {len(k.indhold['mangler'])} driftsherrer mangler at indsende."
    messages.success(request, besked)
    return redirect("takster:katalog", aftale.kode, aar)


def _katalog(request: HttpRequest, rammeaftale_kode: str, aar: int) -> Katalog:
    _tjek_aar(aar)
    aftale = get_object_or_404(Rammeaftale, kode=rammeaftale_kode)
    adgang.kraev(adgang.synlige_rammeaftaler(adgang.bruger(request)).filter(pk=aftale.pk).exists())
    kataloger = Katalog.objects.filter(rammeaftale=aftale, aar=aar).select_related("rammeaftale")
    version = request.GET.get("version")
    if version:
        if not version.isdigit():
            raise Http404("ukendt version")
        return get_object_or_404(kataloger, version=int(version))
    k = kataloger.order_by("-version").first()
    if k is None:
        raise Http404(f"Der er ikke offentliggjort noget katalog for {aar}.")
    return k


@login_required
def katalog(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    """The published catalogue (latest version, or ?version=N) for every role in the agreement."""
    k = _katalog(request, rammeaftale_kode, aar)
    versioner = list(
        Katalog.objects.filter(rammeaftale=k.rammeaftale, aar=aar)
        .order_by("-version")
        .values_list("version", "offentliggjort")
    )
    return render(
        request,
        "takster/katalog_side.html",
        {
            "katalog": katalogmodul.visning(k),
            "objekt": k,
            "versioner": versioner,
            "seneste": versioner[0][0] if versioner else k.version,
            "er_sekretariat": adgang.er_sekretariat(adgang.bruger(request), k.rammeaftale),
        },
    )


@login_required
def katalog_excel(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    k = _katalog(request, rammeaftale_kode, aar)
    return filsvar(katalogmodul.excel(k), XLSX, katalogmodul.filnavn(k, "xlsx"))


@login_required
def katalog_pdf(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    k = _katalog(request, rammeaftale_kode, aar)
    return filsvar(katalogmodul.pdf(k), PDF, katalogmodul.filnavn(k, "pdf"))
