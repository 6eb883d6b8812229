"""Pages of the yearly rate reporting (takstindberetning).

URL names (namespace `indberetning`):

    indberetning           GET, POST  /indberetning/<driftsherre_id>/<aar>/   (POST saves a draft)
    indberetning_indsend   POST       /indberetning/<driftsherre_id>/<aar>/indsend/
    indberetning_genaabn   POST       /indberetning/<driftsherre_id>/<aar>/genaabn/
    indberetning_godkend   POST       /indberetning/<driftsherre_id>/<aar>/godkend/
    indberetning_paamind   POST       /indberetning/<driftsherre_id>/<aar>/paamind/
    indberetning_oversigt  GET        /indberetning/<aar>/                 (?rammeaftale=<kode>)

The report's Excel template (download and import) is the app `takstskabelon`'s.

Who may do what (`adgang.py`):

- the operator's own staff: see, save and submit its report while it is a draft; after
  submission they see it read-only;
- the agreement's secretariat (and superusers): everything the operator can, plus the
  overview, reminders, reopening and approving reports. Nobody else in the agreement sees an
  operator's report (403); another agreement's operator does not exist for the user (404).

The report is the operator's `Ydelsesaar` rows for the year (one per service of its open
offers). The validation is the engine's (`beregning.indberetning.valider_indberetning`); the
page shows its errors and flags with their trace. The writes are `services`'.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from socialstyring.beregning.indberetning import Fund, Indberetningsresultat
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt, version_af
from socialstyring.web.indberetning import services
from socialstyring.web.indberetning.adgang import BEHANDLE, INDSENDE, SE
from socialstyring.web.indberetning.forms import FORMSET_PREFIX, YdelsesaarFormSet
from socialstyring.web.indberetning.lister import INDBERETNINGSLISTE
from socialstyring.web.indberetning.selectors import (
    Fundvisning,
    Indberetningsdata,
    aarets_katalog,
    aftaleoversigt,
    frist_status,
    fundvisning,
    genaabningens_foelger,
    godkendelsens_foelger,
    indberetningsaarene,
    indsendelsens_foelger,
)
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Statusfejl
from socialstyring.web.register.services import Laast, laast_status


def _driftsherre(request: HttpRequest, driftsherre_id: int) -> Driftsherre:
    """The operator; 404 when it is not in the user's agreement (it does not exist for the user)."""
    return adgang.hent_driftsherre(adgang.bruger(request), driftsherre_id)


# --- the operator's report -----------------------------------------------------------------


def _formset(data: Indberetningsdata, post: Any = None) -> Any:
    if post is None:
        return YdelsesaarFormSet(initial=[r.initial() for r in data.raekker], prefix=FORMSET_PREFIX)
    return YdelsesaarFormSet(post, prefix=FORMSET_PREFIX)


def _formset_passer(fs: Any, data: Indberetningsdata) -> bool:
    """The posted rows are the report's services in the page's order."""
    if not fs.management_form.is_valid() or len(fs.forms) != len(data.raekker):
        return False
    for form, r in zip(fs.forms, data.raekker, strict=True):
        if str(form.data.get(form.add_prefix("ydelse"), "")) != r.ref:
            return False
    return True


FundMedSpor = list[tuple[Fundvisning, str]]


def _med_spor(resultat: Indberetningsresultat) -> tuple[FundMedSpor, FundMedSpor]:
    """The errors and the flags, each with its trace as HTML, rendered once per trace: a rate
    over the allowed development without a reason is both an error and a flag, with the same
    trace (a finding's trace is that of its key)."""
    html: dict[str | None, str] = {}

    def med_spor(fund: tuple[Fund, ...]) -> FundMedSpor:
        ud = []
        for fv in fundvisning(resultat, fund):
            if fv.fund.noegle not in html:
                html[fv.fund.noegle] = render_to_string(
                    "indberetning/indberetning_spor.html", {"trin": fv.trin}
                )
            ud.append((fv, html[fv.fund.noegle]))
        return ud

    return med_spor(resultat.fejl), med_spor(resultat.markeringer)


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
    fejl, markeringer = _med_spor(resultat)
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
        "fejl": fejl,
        "markeringer": markeringer,
        "frist": frist,
        "frist_status": frist_status(
            frist, timezone.localdate(), data.indberetning.indsendt if data.indberetning else None
        ),
        "regler": resultat.regler_anvendt(),
        "vaelger": aarsvaelger(
            aarsvalg(
                indberetningsaarene([d.rammeaftale], d),
                data.aar,
                lambda a: reverse("indberetning:indberetning", args=[d.pk, a]),
            )
        ),
        "katalog": aarets_katalog(d.rammeaftale, data.aar),
    }
    return render(request, "indberetning/indberetning_side.html", kontekst, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def indberetning(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The operator's report for `aar`; POST ("Gem udkast") saves the figures as a draft."""
    adgang.tjek_aar(aar)
    d = _driftsherre(request, driftsherre_id)
    adgang.kraev(request, SE, d)
    data = Indberetningsdata.hent(d, aar)
    if request.method == "POST":
        adgang.kraev(request, INDSENDE, d)
        svar = _gem_fra_post(request, data)
        if svar is not None:
            return svar
        messages.success(request, "Udkastet er gemt.")
        return redirect("indberetning:indberetning", d.pk, aar)
    return _side(request, data)


def _gem_fra_post(request: HttpRequest, data: Indberetningsdata) -> HttpResponse | None:
    """Save the posted table; a response when it cannot be saved (else None)."""
    d, aar = data.driftsherre, data.aar

    def laast(status: str) -> HttpResponse:
        messages.error(request, f"Indberetningen er {status} og kan ikke ændres, før den genåbnes.")
        return redirect("indberetning:indberetning", d.pk, aar)

    if not data.er_udkast:
        return laast(data.status_tekst.lower())
    fs = _formset(data, request.POST)
    if not _formset_passer(fs, data):
        messages.error(
            request,
            "Listen af ydelser er ændret, siden siden blev åbnet. Intet er gemt; indtast tallene igen.",
        )
        return redirect("indberetning:indberetning", d.pk, aar)
    if not fs.is_valid():
        return _side(request, data, fs, status=400)
    try:
        services.gem_udkast(data, fs)
    except Laast as laas:
        return laast(laas.status)
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return redirect("indberetning:indberetning", d.pk, aar)
    return None


@login_required
@require_POST
def indsend(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Save the posted table (if any), validate, and — after a second look — submit."""
    adgang.tjek_aar(aar)
    d = _driftsherre(request, driftsherre_id)
    adgang.kraev(request, INDSENDE, d)
    tilbage = redirect("indberetning:indberetning", d.pk, aar)
    data = Indberetningsdata.hent(d, aar)
    if not data.er_udkast:
        messages.error(request, f"Indberetningen for {aar} er allerede {data.status_tekst.lower()}.")
        return tilbage
    if not er_bekraeftet(request):
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
            _ikke_indsendt(request, resultat)
            return tilbage
        return bekraeft(
            request,
            titel=f"Indsend takstindberetningen for {aar}",
            ingress=f"{d.navn}." + (" Tallene er gemt som udkast." if gemt else ""),
            punkter=indsendelsens_foelger(data, resultat),
            knap="Indsend",
            tilbage=reverse("indberetning:indberetning", args=[d.pk, aar]),
            felter={"version": str(version_af(data.indberetning))},
        )
    try:
        udfald = services.indsend(
            d, aar, adgang.bruger_objekt(request), hent_version(request.POST.get("version"))
        )
    except Laast as laas:
        messages.error(request, f"Indberetningen for {aar} er allerede {laas.status}.")
        return tilbage
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return tilbage
    resultat = udfald.resultat
    if not udfald.indsendt:
        _ikke_indsendt(request, resultat)
        return tilbage
    besked = f"Indberetningen for {aar} er indsendt."
    if resultat.markeringer:
        besked += f" {len(resultat.markeringer)} begrundede takststigninger er sendt med til sekretariatet."
    messages.success(request, besked)
    return tilbage


def _ikke_indsendt(request: HttpRequest, resultat: Any) -> None:
    messages.error(request, f"Indberetningen er ikke indsendt: {len(resultat.fejl)} fejl skal rettes først.")
    for f in resultat.fejl:
        messages.error(request, f.tekst)


@login_required
@require_POST
def genaabn(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: a submitted or approved report goes back to draft for the operator,
    after a second look."""
    adgang.tjek_aar(aar)
    d = _driftsherre(request, driftsherre_id)
    adgang.kraev(request, BEHANDLE, d)
    if not er_bekraeftet(request):
        data = Indberetningsdata.hent(d, aar)
        if data.er_udkast:
            messages.error(request, f"Indberetningen for {aar} er allerede et udkast.")
            return redirect("indberetning:indberetning", d.pk, aar)
        return bekraeft(
            request,
            titel=f"Genåbn takstindberetningen for {aar}",
            ingress=f"{d.navn}, {data.status_tekst.lower()}.",
            punkter=genaabningens_foelger(data),
            knap="Genåbn til udkast",
            tilbage=reverse("indberetning:indberetning", args=[d.pk, aar]),
            felter={"version": str(version_af(data.indberetning))},
        )
    try:
        services.genaabn(d, aar, hent_version(request.POST.get("version")))
    except Statusfejl as fejl:
        messages.error(request, str(fejl))
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    else:
        messages.success(request, f"Indberetningen er genåbnet; {d} kan rette den og indsende den igen.")
    return redirect("indberetning:indberetning", d.pk, aar)


@login_required
@require_POST
def godkend(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: approve a submitted report, after a second look (refused if it no longer
    validates, or if it changed after the look)."""
    adgang.tjek_aar(aar)
    d = _driftsherre(request, driftsherre_id)
    adgang.kraev(request, BEHANDLE, d)
    til_oversigt = request.POST.get("tilbage") == "oversigt"
    tilbage = _til_oversigt(d, aar) if til_oversigt else redirect("indberetning:indberetning", d.pk, aar)
    if not er_bekraeftet(request):
        data = Indberetningsdata.hent(d, aar)
        if data.status != "indsendt":
            messages.error(request, f"Indberetningen for {aar} er ikke indsendt og kan ikke godkendes.")
            return tilbage
        resultat = data.valider()
        return bekraeft(
            request,
            titel=f"Godkend takstindberetningen for {aar}",
            ingress=f"{d.navn}.",
            punkter=godkendelsens_foelger(data, resultat),
            advarsler=[f.tekst for f in resultat.fejl],
            knap="Godkend",
            tilbage=tilbage.url,
            felter={
                "version": str(version_af(data.indberetning)),
                **({"tilbage": "oversigt"} if til_oversigt else {}),
            },
        )
    try:
        resultat = services.godkend(d, aar, hent_version(request.POST.get("version")))
    except Statusfejl as fejl:
        messages.error(request, str(fejl))
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    else:
        if resultat.kan_indsendes:
            messages.success(request, f"Indberetningen fra {d} for {aar} er godkendt.")
        else:
            messages.error(request, "Indberetningen kan ikke godkendes: tallene er ændret og har fejl.")
            for f in resultat.fejl:
                messages.error(request, f.tekst)
    return tilbage


# --- the secretariat's overview ------------------------------------------------------------


@login_required
def oversigt(request: HttpRequest, aar: int) -> HttpResponse:
    """Secretariat: every operator of the agreement with the status of its report."""
    adgang.tjek_aar(aar)
    bruger = adgang.bruger(request)
    kode = request.GET.get("rammeaftale")
    if kode:  # another agreement's overview does not exist for the user (404)
        aftale = adgang.hent_rammeaftale(bruger, kode)
        aftaler = [aftale] if adgang.er_sekretariat(bruger, aftale) else []
    else:
        aftaler = adgang.sekretariatets_aftaler(bruger)
    adgang.kraev(bool(aftaler))
    idag = timezone.localdate()
    filter_ = "?" + urlencode({"rammeaftale": kode}) if kode else ""
    oversigter = [aftaleoversigt(a, aar, idag) for a in aftaler]
    return svar(  # the operators: searched, filtered, sorted, paged, or as Excel
        request,
        INDBERETNINGSLISTE,
        [r for o in oversigter for r in o.raekker],
        "indberetning/indberetning_oversigt.html",
        {
            "aar": aar,
            "idag": idag,
            "aftaler": oversigter,
            "vaelger": aarsvaelger(
                aarsvalg(
                    indberetningsaarene(aftaler),
                    aar,
                    lambda a: reverse("indberetning:indberetning_oversigt", args=[a]) + filter_,
                )
            ),
        },
        filnavn=f"takstindberetninger-{aar}",
        skjul=() if len(aftaler) > 1 else ("rammeaftale",),
        undertitler=[f"{', '.join(a.navn for a in aftaler)}, {aar}"],
    )


def _til_oversigt(d: Driftsherre, aar: int) -> HttpResponseRedirect:
    url = reverse("indberetning:indberetning_oversigt", args=[aar])
    return HttpResponseRedirect(f"{url}?rammeaftale={d.rammeaftale.kode}")


@login_required
@require_POST
def paamind(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Secretariat: email the operator's staff a reminder and record it."""
    adgang.tjek_aar(aar)
    d = _driftsherre(request, driftsherre_id)
    adgang.kraev(request, BEHANDLE, d)
    if laast_status(d, aar):
        messages.info(request, f"{d} har allerede indsendt; der er ikke sendt nogen påmindelse.")
        return _til_oversigt(d, aar)
    url = request.build_absolute_uri(reverse("indberetning:indberetning", args=[d.pk, aar]))
    try:
        modtagere = services.paamind(d, aar, adgang.bruger_objekt(request), url)
    except services.IngenModtagere:
        messages.error(
            request, f"{d} har ingen aktive brugere med en e-mailadresse; påmindelsen er ikke sendt."
        )
    except services.IkkeSendt:
        messages.error(
            request,
            f"Påmindelsen til {d} blev ikke sendt: postserveren svarede ikke eller afviste den. "
            "Prøv igen senere; varer det ved, så kontakt den, der driver Socialstyring.",
        )
    else:
        messages.success(request, f"Påmindelsen er sendt til {', '.join(modtagere)}.")
    return _til_oversigt(d, aar)
