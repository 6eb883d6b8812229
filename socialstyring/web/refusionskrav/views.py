"""A municipality's quarterly claims of state reimbursement in particularly expensive cases:
the statement as it stands, its submission as a frozen version, the versions, the claim as
Excel and PDF, next year's forecast, and the secretariat's totals. The costs they are made of
are the area `refusion`'s (its selectors and services).

URL names (namespace `refusionskrav`):

    krav           GET, POST  /refusion/kommune/<kommune_id>/<aar>/kvartal/<kvartal>/  (POST submits)
    krav_excel     GET        …/kvartal/<kvartal>/excel/
    krav_pdf       GET        …/kvartal/<kvartal>/pdf/
    prognose       GET        /refusion/kommune/<kommune_id>/<aar>/prognose/
    version        GET        /refusion/krav/<krav_id>/                        a submitted version
    aftale         GET        /refusion/aftale/<kode>/<aar>/                   the secretariat's totals

Who may do what: the reimbursement area's rules (`refusion.adgang`: a municipality's own
staff; the secretariat only the totals), asked by their names.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.refusion import Refusionsopgoerelse
from socialstyring.beregning.refusion.resultat import forskelle
from socialstyring.io.excel.refusion import kravfil
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg, kvartalsvalg
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.refusion import selectors, services
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kommune

SE = "refusion.se"
"""See a municipality's claims and forecast (`refusion.adgang`): its own staff."""
RETTE = "refusion.rette"
"""Submit a municipality's claims (`refusion.adgang`): its own staff."""
SE_TOTALER = "refusion.se_totaler"
"""See the claims' totals per municipality of an agreement (`refusion.adgang`): its secretariat."""

GRAENSE_PARAMETER = "saerligt_dyre.graense_25_kr"


def _kommune(request: HttpRequest, kommune_id: int, aar: int) -> Kommune:
    """The municipality: 404 outside the user's agreement (or a year out of range), 403 for
    anyone but its own staff."""
    adgang.tjek_aar(aar)
    k = selectors.hent_kommune(adgang.bruger(request), kommune_id)
    adgang.kraev(request, SE, k)
    return k


def _kvartal(kvartal: int) -> int:
    if not 1 <= kvartal <= 4:
        raise Http404("Ukendt kvartal.")
    return kvartal


def _graenselink(request: HttpRequest) -> str | None:
    """Where an administrator enters the published thresholds (the national rulebook layer)."""
    if not adgang.har(request, "regelbog.rette", "national"):
        return None
    return reverse("regelbog:parameter", args=["national", GRAENSE_PARAMETER])


def _beregningskontekst(request: HttpRequest, r: Refusionsopgoerelse) -> dict[str, Any]:
    """The statement on a page: the cases with reimbursement (in the claim or the forecast)
    month by month and their citizens; the others counted, not listed; the trace panel only for
    the figures shown (a municipality may have hundreds of citizens under the thresholds)."""
    vist = {s.navn for s in r.sager if s.refusion_i_alt} | {p.navn for p in r.prognose.sager if p.refusion}
    sager = [v for v in r.sagsvisninger() if v["sag"].navn in vist]
    medlemmer = {b for v in sager for b in v["sag"].borgere}
    borgere = [b for b in r.borgervisninger() if b["navn"] in medlemmer]
    vist_slug = {slug(n) for n in vist | medlemmer}
    noegler = [
        t.noegle
        for t in r.spor
        if t.noegle.split(".")[0] not in ("sag", "borger", "prognose")
        or t.noegle.split(".")[1] in vist_slug
        or t.noegle == "prognose.refusion"
    ]
    return {
        "r": r,
        "regler": r.regler_anvendt(),
        "sager": sager,
        "borgere": borgere,
        "uden_refusion": len(r.sager) - len(sager),
        "antagne": r.antagne_graenser(),
        "graenselink": _graenselink(request),
        "regelbog_url": reverse("regelbog:parameter", args=["national", GRAENSE_PARAMETER]),
        **panel(r.spor, noegler),
    }


# --- the claim ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def krav(request: HttpRequest, kommune_id: int, aar: int, kvartal: int) -> HttpResponse:
    """The quarter's claim statement as it stands now, its submitted versions, and (POST,
    after confirmation) its submission as a new version."""
    k = _kommune(request, kommune_id, aar)
    _kvartal(kvartal)
    versioner = selectors.versioner(k, aar, kvartal)
    if request.method == "POST":
        adgang.kraev(request, RETTE, k)
        return _indsend(request, k, aar, kvartal, versioner[-1].nummer if versioner else 0)
    kontekst: dict[str, Any] = {
        "kommune": k,
        "aar": aar,
        "kvartal": kvartal,
        "versioner": versioner,
        "seneste": versioner[-1] if versioner else None,
        "kan_rette": adgang.har(request, RETTE, k),
        "vaelger": aarsvaelger(
            aarsvalg(
                selectors.kommunens_aar(k),
                aar,
                lambda a: reverse("refusionskrav:krav", args=[k.pk, a, kvartal]),
            ),
            kvartalsvalg(kvartal, lambda q: reverse("refusionskrav:krav", args=[k.pk, aar, q])),
        ),
    }
    try:
        _, r = selectors.opgoer(k, aar, kvartal)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        status = 200 if isinstance(fejl, selectors.IngenSager) else KAN_IKKE_BEREGNES
        return render(request, "refusionskrav/krav.html", kontekst, status=status)
    kontekst.update(_beregningskontekst(request, r))
    if versioner:
        gammel = selectors.laes_krav(versioner[-1]).opgoerelse
        kontekst["forskelle"] = [f for f in forskelle(r, gammel) if f.forskel]
    return render(request, "refusionskrav/krav.html", kontekst)


def _indsend(request: HttpRequest, k: Kommune, aar: int, kvartal: int, seneste: int) -> HttpResponse:
    """Submit the claim after a second look; `seneste` is the latest version's number (0: none)."""
    tilbage = reverse("refusionskrav:krav", args=[k.pk, aar, kvartal])
    set_nummer = hent_version(request.POST.get("nummer"))
    if not er_bekraeftet(request):
        try:
            _, r = selectors.opgoer(k, aar, kvartal)
        except MOTORFEJL as fejl:
            messages.error(request, f"Kravet kan ikke opgøres og er ikke indsendt: {motorfejl(fejl)}")
            return redirect(tilbage)
        nummer = seneste + 1
        punkter = [
            f"Kravet for {kvartal}. kvartal {aar} indsendes som version {nummer}: {kr(r.krav.krav)}.",
            "Den indsendte version fastfryses: senere ændringer i udgifterne ændrer den ikke. "
            "En rettelse indsendes som en ny version, der viser forskellen.",
        ]
        if seneste:
            punkter.append(f"Version {seneste} står fortsat, men erstattes af den nye som gældende.")
        antagne = r.antagne_graenser()
        return bekraeft(
            request,
            titel=f"Indsend refusionskrav for {kvartal}. kvartal {aar}?",
            punkter=punkter,
            advarsler=[
                "Grænserne for "
                + ", ".join(sorted({str(a.gyldig_fra.year) for a in antagne}))
                + " er antagne beløb, ikke de offentliggjorte."
            ]
            if antagne
            else [],
            knap="Indsend kravet",
            tilbage=tilbage,
            felter={"nummer": str(set_nummer)},
        )
    try:
        ny = services.indsend_krav(k, aar, kvartal, adgang.bruger_objekt(request), set_nummer)
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return redirect(tilbage)
    except services.Uaendret as fejl:
        messages.info(request, str(fejl))
        return redirect(tilbage)
    except MOTORFEJL as fejl:
        messages.error(request, f"Kravet kan ikke opgøres og er ikke indsendt: {motorfejl(fejl)}")
        return redirect(tilbage)
    messages.success(request, f"Kravet for {kvartal}. kvartal {aar} er indsendt som version {ny.nummer}.")
    return redirect("refusionskrav:version", ny.pk)


def _opgoerelse(
    request: HttpRequest, k: Kommune, aar: int, kvartal: int
) -> Refusionsopgoerelse | HttpResponse:
    """The statement now, or the page (409) saying why it cannot be computed."""
    try:
        return selectors.opgoer(k, aar, kvartal)[1]
    except MOTORFEJL as fejl:
        kontekst = {"kommune": k, "aar": aar, "fejl": motorfejl(fejl)}
        return render(request, "refusionskrav/kan_ikke.html", kontekst, status=KAN_IKKE_BEREGNES)


@login_required
@require_GET
def krav_excel(request: HttpRequest, kommune_id: int, aar: int, kvartal: int) -> HttpResponse:
    k = _kommune(request, kommune_id, aar)
    r = _opgoerelse(request, k, aar, _kvartal(kvartal))
    if isinstance(r, HttpResponse):
        return r
    titel = f"Refusionskrav {kvartal}. kvartal {aar} – {k.navn} Kommune"
    return filsvar(
        kravfil(r, titel), XLSX, excelfilnavn(f"refusion_k{kvartal}", aar, k.navn, k.pk), privat=True
    )


@login_required
@require_GET
def krav_pdf(request: HttpRequest, kommune_id: int, aar: int, kvartal: int) -> HttpResponse:
    k = _kommune(request, kommune_id, aar)
    r = _opgoerelse(request, k, aar, _kvartal(kvartal))
    if isinstance(r, HttpResponse):
        return r
    html = render_to_string(
        "refusionskrav/krav_pdf.html",
        {"kommune": k, "r": r, "antagne": r.antagne_graenser(), "udskrevet": timezone.localdate()},
        request=request,
    )
    return filsvar(
        html_til_pdf(html), PDF, f"refusion_k{kvartal}_{aar}_{k.pk}.pdf", vedhaeft=False, privat=True
    )


@login_required
@require_GET
def version(request: HttpRequest, krav_id: int) -> HttpResponse:
    """A submitted version, frozen, with the difference to the version before it."""
    krav_ = selectors.hent_krav(krav_id)
    k = _kommune(request, krav_.kommune_id, krav_.aar)
    gemt = selectors.laes_krav(krav_)
    r = gemt.opgoerelse
    forrige = selectors.forrige_version(krav_)
    kontekst: dict[str, Any] = {
        "kommune": k,
        "aar": krav_.aar,
        "kvartal": krav_.kvartal,
        "krav": krav_,
        "forrige": forrige,
        "forskelle": forskelle(r, selectors.laes_krav(forrige).opgoerelse) if forrige else [],
        "versioner": selectors.versioner(k, krav_.aar, krav_.kvartal),
        **_beregningskontekst(request, r),
    }
    return render(request, "refusionskrav/version.html", kontekst)


@login_required
@require_GET
def prognose(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    """Next year's reimbursement if the latest month's costs continue."""
    k = _kommune(request, kommune_id, aar)
    kontekst: dict[str, Any] = {
        "kommune": k,
        "aar": aar,
        "vaelger": aarsvaelger(
            aarsvalg(
                selectors.kommunens_aar(k), aar, lambda a: reverse("refusionskrav:prognose", args=[k.pk, a])
            )
        ),
    }
    try:
        _, r = selectors.opgoer(k, aar)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        status = 200 if isinstance(fejl, selectors.IngenSager) else KAN_IKKE_BEREGNES
        return render(request, "refusionskrav/prognose.html", kontekst, status=status)
    kontekst.update(_beregningskontekst(request, r))
    return render(request, "refusionskrav/prognose.html", kontekst)


# --- the secretariat ----------------------------------------------------------------------------


@login_required
@require_GET
def aftale(request: HttpRequest, kode: str, aar: int) -> HttpResponse:
    """The agreement's municipalities with their submitted claims (totals, no citizens)."""
    adgang.tjek_aar(aar)
    a = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    adgang.kraev(request, SE_TOTALER, a)
    return render(
        request,
        "refusionskrav/aftale.html",
        {
            "aftale": a,
            "aar": aar,
            "totaler": selectors.aftalens_totaler(a, aar),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.aftalens_aar(a),
                    aar,
                    lambda x: reverse("refusionskrav:aftale", args=[a.kode, x]),
                )
            ),
        },
    )
