"""A social supervision unit's budget, rates and objective financing, on the page.

URL names (namespace `socialtilsyn`):

    liste    GET        /socialtilsyn/                              the units of the user's agreements
                                                                    and their years
    aar      GET        /socialtilsyn/<enhed_id>/<aar>/             the year's calculation with its trace,
                                                                    the published figures beside it,
                                                                    development and other units
    rediger  GET, POST  /socialtilsyn/<enhed_id>/<aar>/rediger/     enter or change the budget inputs
    takstgrundlag  GET, POST  /socialtilsyn/<enhed_id>/<aar>/takstgrundlag/  enter or change the
                                                                    rate basis, offers, municipalities,
                                                                    published and last year's figures
    excel    GET        /socialtilsyn/<enhed_id>/<aar>/excel/
    pdf      GET        /socialtilsyn/<enhed_id>/<aar>/pdf/

Who may do what: `adgang.py` (every user of the agreement sees; the secretariat and the host
operator's staff enter figures; another agreement's users 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.socialtilsyn import GRUPPENAVNE, GRUPPER, Socialtilsynsresultat
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.adgang import bruger, har, kraev
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.register.adgang import tjek_aar
from socialstyring.web.socialtilsyn import selectors, services
from socialstyring.web.socialtilsyn.adgang import RETTE, SE, hent_enhed
from socialstyring.web.socialtilsyn.forms import FELTER, AarForm
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed
from socialstyring.web.socialtilsyn.takstform import AFSNIT, TakstgrundlagForm, til_felter

P = "socialtilsyn"
BUDGET = (
    ("timer.tilbud", "Timer, tilbud"),
    ("timer.plejefamilier", "Timer, plejefamilier"),
    ("aarsvaerk", "Årsværk"),
    ("loen", "Lønudgifter"),
    ("driftsbudget", "Driftsbudget"),
    ("overhead", "Overhead"),
    ("udgifter_i_alt", "Udgifter i alt"),
    ("objektiv_foer_regulering", "Objektiv finansiering før regulering"),
    ("regulering_objektiv", "Tidligere års underskud (+) / overskud (−), objektiv finansiering"),
    ("objektiv", "Objektiv finansiering i alt"),
    ("takster_foer_regulering", "Takstfinansiering før regulering"),
    ("regulering_takster", "Tidligere års underskud (+) / overskud (−), takster"),
    ("takster", "Takstfinansiering i alt"),
)
"""The budget's rows on the page: trace key (below `socialtilsyn.`), text."""


def _enhed(request: HttpRequest, enhed_id: int, tilladelse: str = SE) -> Tilsynsenhed:
    e = hent_enhed(bruger(request), enhed_id)
    kraev(request, tilladelse, e)
    return e


def _aar(request: HttpRequest, enhed_id: int, aar: int) -> tuple[Tilsynsenhed, Tilsynsaar]:
    tjek_aar(aar)
    e = _enhed(request, enhed_id)
    r = selectors.hent_aar(e, aar)
    if r is None:
        raise Http404("Socialtilsynet har ingen tal for året.")
    return e, r


def _beregn(
    request: HttpRequest, e: Tilsynsenhed, r: Tilsynsaar
) -> tuple[Socialtilsynsresultat, selectors.Befolkningstal] | HttpResponse:
    try:
        return selectors.beregn(r)
    except MOTORFEJL as fejl:
        return render(
            request,
            "socialtilsyn/kan_ikke.html",
            {"enhed": e, "aar": r.aar, "fejl": motorfejl(fejl), "kan_rette": har(request, RETTE, e)},
            status=KAN_IKKE_BEREGNES,
        )


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    """The units of the user's agreements with their years side by side."""
    enheder = [
        (
            e,
            raekker,
            har(request, RETTE, e),
            (raekker[-1].raekke.aar + 1) if raekker else timezone.localdate().year,
        )
        for e, raekker in selectors.liste(bruger(request))
    ]
    return render(request, "socialtilsyn/liste.html", {"enheder": enheder})


def _kontekst(
    e: Tilsynsenhed, r: Tilsynsaar, res: Socialtilsynsresultat, bt: selectors.Befolkningstal
) -> dict[str, Any]:
    spor = res.spor
    rader = [(f"{P}.{n}", tekst, spor[f"{P}.{n}"].resultat) for n, tekst in BUDGET if f"{P}.{n}" in spor]
    loen = next(i for i, (n, _, _) in enumerate(rader) if n == f"{P}.loen") + 1
    samlet = {f"{P}.timer.tilbud", f"{P}.timer.plejefamilier"}
    opgaver = [
        (t.noegle, t.label, t.resultat)
        for t in spor
        if t.noegle.startswith(f"{P}.timer.") and t.noegle not in samlet
    ]
    udgifter = [(t.noegle, t.label, t.resultat) for t in spor if t.noegle.startswith(f"{P}.udgift.")]
    takster = [(t, [(f"{P}.{t.value}.{g}", res.takster[t][g]) for g in GRUPPER]) for t in res.takster]
    skaerpet = [(f"{P}.skaerpet.{g}", res.skaerpet[g]) for g in GRUPPER if g in res.skaerpet]
    kommuner = [(f"{P}.kommune.{slug(k)}", k, v) for k, v in res.objektiv_pr_kommune.items()]
    t = selectors.takstgrundlag(r)
    return {
        "enhed": e,
        "aar": r.aar,
        "raekke": r,
        "r": res,
        "budget": [
            (n, tekst, v, "tal" if ".timer" in n or n.endswith("aarsvaerk") else "kr")
            for n, tekst, v in opgaver + rader[:loen] + udgifter + rader[loen:]
        ],
        "grupper": [GRUPPENAVNE[g] for g in GRUPPER],
        "takster": takster,
        "skaerpet": skaerpet,
        "kommuner": kommuner,
        "bt": bt,
        "kilde": t.offentliggjort.kilde if t.offentliggjort else "",
        "forrige": t.forrige,
    }


def _noegler(k: dict[str, Any]) -> list[str]:
    """The trace keys the page shows (the panel explains only those)."""
    return (
        [n for n, _, _, _ in k["budget"]]
        + [n for _, rk in k["takster"] for n, _ in rk]
        + [n for n, _ in k["skaerpet"]]
        + [n for n, _, _ in k["kommuner"]]
    )


@login_required
@require_GET
def aar(request: HttpRequest, enhed_id: int, aar: int) -> HttpResponse:
    e, r = _aar(request, enhed_id, aar)
    svar = _beregn(request, e, r)
    if isinstance(svar, HttpResponse):
        return svar
    k = _kontekst(e, r, *svar)
    vaelger = aarsvaelger(
        aarsvalg(
            [a.aar for a in selectors.aarene(e)], aar, lambda a: reverse("socialtilsyn:aar", args=[e.pk, a])
        )
    )
    return render(
        request,
        "socialtilsyn/aar.html",
        {
            **k,
            **panel(svar[0].spor, _noegler(k)),
            "vaelger": vaelger,
            "kan_rette": har(request, RETTE, e),
        },
    )


def _titel(e: Tilsynsenhed, aar: int) -> str:
    return f"{e.navn} {aar} – budget, takster og objektiv finansiering"


@login_required
@require_GET
def excel(request: HttpRequest, enhed_id: int, aar: int) -> HttpResponse:
    from socialstyring.io.excel.socialtilsyn import aarsfil

    e, r = _aar(request, enhed_id, aar)
    svar = _beregn(request, e, r)
    if isinstance(svar, HttpResponse):
        return svar
    return filsvar(aarsfil(svar[0], _titel(e, aar)), XLSX, excelfilnavn("socialtilsyn", aar, e.navn, e.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, enhed_id: int, aar: int) -> HttpResponse:
    e, r = _aar(request, enhed_id, aar)
    svar = _beregn(request, e, r)
    if isinstance(svar, HttpResponse):
        return svar
    html = render_to_string(
        "socialtilsyn/pdf.html",
        {**_kontekst(e, r, *svar), "titel": _titel(e, aar), "udskrevet": timezone.localdate()},
        request=request,
    )
    return filsvar(html_til_pdf(html), PDF, f"socialtilsyn_{aar}_{e.pk}.pdf", vedhaeft=False)


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, enhed_id: int, aar: int) -> HttpResponse:
    """Enter (a new year) or change a year's budget inputs."""
    tjek_aar(aar)
    e = _enhed(request, enhed_id, RETTE)
    gemt = selectors.hent_aar(e, aar)
    if request.method == "POST":
        form = AarForm(request.POST)
        if form.is_valid():
            try:
                services.gem_aar(e, aar, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("socialtilsyn:rediger", e.pk, aar)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, f"Tallene for {aar} er gemt.")
                return redirect("socialtilsyn:aar", e.pk, aar)
        status = 400
    else:
        initial: dict[str, Any] = {}
        if gemt is not None:
            initial = {**{f: getattr(gemt, f) for f in FELTER}, "version": gemt.version}
        form = AarForm(initial=initial)
        status = 200
    return render(
        request,
        "socialtilsyn/rediger.html",
        {"enhed": e, "aar": aar, "form": form, "ny": gemt is None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def takstgrundlag(request: HttpRequest, enhed_id: int, aar: int) -> HttpResponse:
    """Enter or change a year's rate basis, offers, municipalities and the published and last
    year's figures (the year's budget inputs first: `rediger`)."""
    tjek_aar(aar)
    e = _enhed(request, enhed_id, RETTE)
    r = selectors.hent_aar(e, aar)
    if r is None:
        raise Http404("Socialtilsynet har ingen tal for året; indtast budgettallene først.")
    kw: dict[str, Any] = {"aar": aar, "kendte_kommuner": selectors.registrets_kommuner()}
    if request.method == "POST":
        form = TakstgrundlagForm(request.POST, **kw)
        if form.is_valid():
            try:
                services.gem_takstgrundlag(e, aar, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("socialtilsyn:takstgrundlag", e.pk, aar)
            except ValidationError as fejl:
                form.add_error(None, fejl)
            else:
                messages.success(request, f"Takstgrundlaget for {aar} er gemt.")
                return redirect("socialtilsyn:aar", e.pk, aar)
        status = 400
    else:
        try:
            form = TakstgrundlagForm(
                initial={**til_felter(selectors.takstgrundlag(r)), "version": r.version}, **kw
            )
        except MOTORFEJL as fejl:
            return render(
                request,
                "socialtilsyn/kan_ikke.html",
                {"enhed": e, "aar": aar, "fejl": motorfejl(fejl), "kan_rette": True},
                status=KAN_IKKE_BEREGNES,
            )
        status = 200
    afsnit = [
        (f"{titel} ({aar - 1})" if titel == "Sidste år" else titel, [form[n] for n in navne])
        for titel, navne in AFSNIT
    ]
    return render(
        request,
        "socialtilsyn/takstgrundlag.html",
        {"enhed": e, "aar": aar, "form": form, "afsnit": afsnit},
        status=status,
    )
