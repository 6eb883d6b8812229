"""State reimbursement in particularly expensive cases, on the page.

URL names (namespace `refusion`):

    kommune        GET        /refusion/kommune/<kommune_id>/<aar>/            the cases of the year
    borger_ny      GET, POST  /refusion/kommune/<kommune_id>/<aar>/borger/ny/
    krav           GET, POST  /refusion/kommune/<kommune_id>/<aar>/kvartal/<kvartal>/  (POST submits)
    krav_excel     GET        …/kvartal/<kvartal>/excel/
    krav_pdf       GET        …/kvartal/<kvartal>/pdf/
    prognose       GET        /refusion/kommune/<kommune_id>/<aar>/prognose/
    borger         GET        /refusion/borger/<borger_id>/<aar>/
    borger_rediger GET, POST  /refusion/borger/<borger_id>/<aar>/rediger/
    maaned         GET, POST  /refusion/borger/<borger_id>/<aar>/maaned/<maaned>/
    engangsudgift  GET, POST  /refusion/borger/<borger_id>/<aar>/engangsudgift/
    engang_slet    POST       /refusion/engangsudgift/<engangsudgift_id>/slet/
    version        GET        /refusion/krav/<krav_id>/                        a submitted version
    aftale         GET        /refusion/aftale/<kode>/<aar>/                   the secretariat's totals

Who may do what: `adgang.py` (a municipality's own staff; the secretariat only the totals).
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.refusion import Refusionsopgoerelse
from socialstyring.beregning.refusion.resultat import forskelle
from socialstyring.io.cpr import kort_pseudonym
from socialstyring.io.excel.refusion import kravfil
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg, kvartalsvalg
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.lister.liste import svar
from socialstyring.web.refusion import selectors, services
from socialstyring.web.refusion.adgang import RETTE, SE, SE_TOTALER, hent_kommune
from socialstyring.web.refusion.forms import (
    BORGERFELTER,
    MAANEDSFELTER,
    BorgerForm,
    EngangsudgiftForm,
    MaanedForm,
)
from socialstyring.web.refusion.lister import BORGERLISTE
from socialstyring.web.refusion.models import Engangsudgift, Refusionsborger, Refusionskrav
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kommune

GRAENSE_PARAMETER = "saerligt_dyre.graense_25_kr"


# --- fetching ------------------------------------------------------------------------------------


def _kommune(request: HttpRequest, kommune_id: int, aar: int, tilladelse: str = SE) -> Kommune:
    """The municipality: 404 outside the user's agreement (or a year out of range), 403 for
    anyone but its own staff."""
    adgang.tjek_aar(aar)
    k = hent_kommune(adgang.bruger(request), kommune_id)
    adgang.kraev(request, tilladelse, k)
    return k


def _borger(request: HttpRequest, borger_id: int, aar: int, tilladelse: str = SE) -> Refusionsborger:
    adgang.tjek_aar(aar)
    b = Refusionsborger.objects.select_related("kommune__rammeaftale").filter(pk=borger_id).first()
    if b is None:
        raise Http404("Borgeren findes ikke.")
    hent_kommune(adgang.bruger(request), b.kommune_id)
    adgang.kraev(request, tilladelse, b.kommune)
    return b


def _kvartal(kvartal: int) -> int:
    if not 1 <= kvartal <= 4:
        raise Http404("Ukendt kvartal.")
    return kvartal


def _aarsvaelger(kommune: Kommune, aar: int, navn: str, *efter: int) -> Any:
    return aarsvaelger(
        aarsvalg(selectors.kommunens_aar(kommune), aar, lambda a: reverse(navn, args=[kommune.pk, a, *efter]))
    )


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


# --- the municipality's cases -------------------------------------------------------------------


@login_required
@require_GET
def kommune(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    """The municipality's citizens with the year's costs, and the way to each quarter's claim."""
    k = _kommune(request, kommune_id, aar)
    linjer, advarsler = selectors.borgerlinjer(k, aar)
    seneste = selectors.seneste_krav(k, aar)
    return svar(
        request,
        BORGERLISTE,
        linjer,
        "refusion/kommune.html",
        {
            "kommune": k,
            "aar": aar,
            "kan_rette": adgang.har(request, RETTE, k),
            "kvartaler": [(q, seneste.get(q)) for q in (1, 2, 3, 4)],
            "advarsler": advarsler,
            "vaelger": _aarsvaelger(k, aar, "refusion:kommune"),
        },
        f"refusion_{aar}_{k.navn}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def borger_ny(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    return _borgerform(request, _kommune(request, kommune_id, aar, RETTE), aar, None)


def _borgerform(request: HttpRequest, k: Kommune, aar: int, b: Refusionsborger | None) -> HttpResponse:
    """A new citizen (no `b`) or a citizen's details changed."""
    valg = afregning.opholdsborgervalg(k)
    if request.method == "POST":
        form = BorgerForm(request.POST, opholdsborgere=valg)
        if form.is_valid():
            try:
                b = services.gem_borger(k, form, b)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect(request.path)
            except ValidationError as fejl:
                for f, tekster in fejl.message_dict.items():
                    for t in tekster:
                        form.add_error(f if f in form.fields else None, t)
            else:
                messages.success(request, f"Borger {b.noegle} er gemt.")
                return redirect("refusion:borger", b.pk, aar)
    elif b is not None:
        form = BorgerForm(
            initial={
                **{f: getattr(b, f) for f in BORGERFELTER},
                "ophold_borger": kort_pseudonym(b.pseudonym) if b.pseudonym else "",
                "version": b.version,
            },
            opholdsborgere=valg,
        )
    else:
        form = BorgerForm(opholdsborgere=valg)
    kontekst = {"kommune": k, "borger": b, "aar": aar, "form": form, "ny": b is None}
    return render(
        request, "refusion/borger_form.html", kontekst, status=400 if request.method == "POST" else 200
    )


# --- a citizen ----------------------------------------------------------------------------------


@login_required
@require_GET
def borger(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar)
    maaneder = selectors.borgerens_maaneder(b, aar)
    return render(
        request,
        "refusion/borger.html",
        {
            "borger": b,
            "kommune": b.kommune,
            "aar": aar,
            "maaneder": maaneder,
            "engangsudgifter": Engangsudgift.objects.filter(borger=b, aar=aar).order_by("pk"),
            "kan_rette": adgang.har(request, RETTE, b.kommune),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.borgerens_aar(b), aar, lambda a: reverse("refusion:borger", args=[b.pk, a])
                )
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def borger_rediger(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar, RETTE)
    return _borgerform(request, b.kommune, aar, b)


@login_required
@require_http_methods(["GET", "POST"])
def maaned(request: HttpRequest, borger_id: int, aar: int, maaned: int) -> HttpResponse:
    """One month's costs of a citizen."""
    b = _borger(request, borger_id, aar, RETTE)
    if not 1 <= maaned <= 12:
        raise Http404("Ukendt måned.")
    gemt = b.maaneder.filter(aar=aar, maaned=maaned).first()
    if request.method == "POST":
        form = MaanedForm(request.POST)
        if form.is_valid():
            try:
                m = services.gem_maaned(b, aar, maaned, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("refusion:maaned", b.pk, aar, maaned)
            navn = f"{MAANEDER[maaned - 1].capitalize()} {aar}"
            messages.success(request, f"{navn} er gemt." if m is not None else f"{navn} er fjernet.")
            return redirect("refusion:borger", b.pk, aar)
        status = 400
    else:
        initial: dict[str, Any] = {}
        if gemt is not None:
            initial = {**{f: getattr(gemt, f) for f in MAANEDSFELTER}, "version": gemt.version}
        form = MaanedForm(initial=initial)
        status = 200
    return render(
        request,
        "refusion/maaned.html",
        {
            "borger": b,
            "kommune": b.kommune,
            "aar": aar,
            "maaned": maaned,
            "maanedsnavn": MAANEDER[maaned - 1],
            "form": form,
            "gemt": gemt,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def engangsudgift(request: HttpRequest, borger_id: int, aar: int) -> HttpResponse:
    b = _borger(request, borger_id, aar, RETTE)
    form = EngangsudgiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tilfoej_engangsudgift(b, aar, form)
        messages.success(request, "Engangsudgiften er tilføjet og fordeles over årets 12 måneder.")
        return redirect("refusion:borger", b.pk, aar)
    return render(
        request,
        "refusion/engangsudgift.html",
        {"borger": b, "kommune": b.kommune, "aar": aar, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def engang_slet(request: HttpRequest, engangsudgift_id: int) -> HttpResponse:
    e = Engangsudgift.objects.select_related("borger").filter(pk=engangsudgift_id).first()
    if e is None:
        raise Http404("Engangsudgiften findes ikke.")
    b = _borger(request, e.borger_id, e.aar, RETTE)
    services.slet_engangsudgift(e)
    messages.success(request, "Engangsudgiften er fjernet.")
    return redirect("refusion:borger", b.pk, e.aar)


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
        return _indsend(request, k, aar, kvartal, versioner)
    kontekst: dict[str, Any] = {
        "kommune": k,
        "aar": aar,
        "kvartal": kvartal,
        "versioner": versioner,
        "seneste": versioner[-1] if versioner else None,
        "kan_rette": adgang.har(request, RETTE, k),
        "vaelger": aarsvaelger(
            aarsvalg(
                selectors.kommunens_aar(k), aar, lambda a: reverse("refusion:krav", args=[k.pk, a, kvartal])
            ),
            kvartalsvalg(kvartal, lambda q: reverse("refusion:krav", args=[k.pk, aar, q])),
        ),
    }
    try:
        _, r = selectors.opgoer(k, aar, kvartal)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        status = 200 if isinstance(fejl, selectors.IngenSager) else KAN_IKKE_BEREGNES
        return render(request, "refusion/krav.html", kontekst, status=status)
    kontekst.update(_beregningskontekst(request, r))
    if versioner:
        gammel = selectors.laes_krav(versioner[-1]).opgoerelse
        kontekst["forskelle"] = [f for f in forskelle(r, gammel) if f.forskel]
    return render(request, "refusion/krav.html", kontekst)


def _indsend(
    request: HttpRequest, k: Kommune, aar: int, kvartal: int, versioner: list[Refusionskrav]
) -> HttpResponse:
    tilbage = reverse("refusion:krav", args=[k.pk, aar, kvartal])
    set_nummer = hent_version(request.POST.get("nummer"))
    if not er_bekraeftet(request):
        try:
            _, r = selectors.opgoer(k, aar, kvartal)
        except MOTORFEJL as fejl:
            messages.error(request, f"Kravet kan ikke opgøres og er ikke indsendt: {motorfejl(fejl)}")
            return redirect(tilbage)
        nummer = (versioner[-1].nummer if versioner else 0) + 1
        punkter = [
            f"Kravet for {kvartal}. kvartal {aar} indsendes som version {nummer}: {kr(r.krav.krav)}.",
            "Den indsendte version fastfryses: senere ændringer i udgifterne ændrer den ikke. "
            "En rettelse indsendes som en ny version, der viser forskellen.",
        ]
        if versioner:
            punkter.append(
                f"Version {versioner[-1].nummer} står fortsat, men erstattes af den nye som gældende."
            )
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
    return redirect("refusion:version", ny.pk)


def _opgoerelse(
    request: HttpRequest, k: Kommune, aar: int, kvartal: int
) -> Refusionsopgoerelse | HttpResponse:
    """The statement now, or the page (409) saying why it cannot be computed."""
    try:
        return selectors.opgoer(k, aar, kvartal)[1]
    except MOTORFEJL as fejl:
        kontekst = {"kommune": k, "aar": aar, "fejl": motorfejl(fejl)}
        return render(request, "refusion/kan_ikke.html", kontekst, status=KAN_IKKE_BEREGNES)


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
        "refusion/krav_pdf.html",
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
    krav_ = (
        Refusionskrav.objects.select_related("kommune__rammeaftale", "indsendt_af").filter(pk=krav_id).first()
    )
    if krav_ is None:
        raise Http404("Kravet findes ikke.")
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
    return render(request, "refusion/version.html", kontekst)


@login_required
@require_GET
def prognose(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    """Next year's reimbursement if the latest month's costs continue."""
    k = _kommune(request, kommune_id, aar)
    kontekst: dict[str, Any] = {
        "kommune": k,
        "aar": aar,
        "vaelger": _aarsvaelger(k, aar, "refusion:prognose"),
    }
    try:
        _, r = selectors.opgoer(k, aar)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        status = 200 if isinstance(fejl, selectors.IngenSager) else KAN_IKKE_BEREGNES
        return render(request, "refusion/prognose.html", kontekst, status=status)
    kontekst.update(_beregningskontekst(request, r))
    return render(request, "refusion/prognose.html", kontekst)


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
        "refusion/aftale.html",
        {
            "aftale": a,
            "aar": aar,
            "totaler": selectors.aftalens_totaler(a, aar),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.aftalens_aar(a), aar, lambda x: reverse("refusion:aftale", args=[a.kode, x])
                )
            ),
        },
    )
