"""Inter-municipal billing, on the page.

URL names (namespace `afregning`):

    maaned           GET        /afregning/driftsherre/<driftsherre_id>/<aar>/<maaned>/  per municipality
    opgoerelse       GET, POST  …/<maaned>/kommune/<kommune_id>/      the statement now (POST sends it)
    sendt            GET        /afregning/sendt/<afregning_id>/       a sent version, frozen
    sendt_excel      GET        /afregning/sendt/<afregning_id>/excel/
    sendt_pdf        GET        /afregning/sendt/<afregning_id>/pdf/
    sendt_bogfoering GET        /afregning/sendt/<afregning_id>/bogfoering/   the booking file (CSV)
    kommune          GET        /afregning/kommune/<kommune_id>/<aar>/ the statements a municipality received
    aftale           GET        /afregning/aftale/<kode>/<aar>/        the secretariat's totals

Who may do what: `adgang.py` (the operator's own staff make and send; the paying municipality
sees what was sent; the secretariat only totals).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.beregning.kerne.penge import kr
from socialstyring.io.bogfoering import bogfoeringsfil
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.afregning import selectors, services
from socialstyring.web.afregning.adgang import LAVE, SE_MODTAGNE, SE_SENDT, SE_TOTALER
from socialstyring.web.afregning.models import Afregning
from socialstyring.web.afregning.rapport import afregningsfil
from socialstyring.web.faelles.aarsvalg import Valg, Valgraekke, aarsvaelger, aarsvalg
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import PDF, XLSX, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre

CSV = "text/csv; charset=utf-8"


def _driftsherre(request: HttpRequest, driftsherre_id: int, aar: int, maaned: int) -> Driftsherre:
    """The operator: 404 outside the user's agreements (or a month that does not exist), 403
    for anyone but its own staff."""
    selectors.tjek_maaned(aar, maaned)
    d = adgang.hent_driftsherre(adgang.bruger(request), driftsherre_id)
    adgang.kraev(request, LAVE, d)
    return d


def _vaelger(d: Driftsherre, aar: int, maaned: int, navn: str, *efter: int) -> Any:
    aarene = selectors.driftsherrens_aar(d)
    return aarsvaelger(
        aarsvalg(aarene, aar, lambda a: reverse(navn, args=[d.pk, a, maaned, *efter])),
        Valgraekke(
            "Måned",
            tuple(
                Valg(
                    str(m),
                    reverse(navn, args=[d.pk, aar, m, *efter]),
                    m == maaned,
                    selectors.maanedsnavn(aar, m),
                )
                for m in range(1, 13)
            ),
            "maaned",
        ),
    )


@login_required
@require_GET
def maaned(request: HttpRequest, driftsherre_id: int, aar: int, maaned: int) -> HttpResponse:
    """The operator's month: each paying municipality's amount now and the version sent."""
    d = _driftsherre(request, driftsherre_id, aar, maaned)
    kontekst: dict[str, Any] = {
        "driftsherre": d,
        "aar": aar,
        "maaned": maaned,
        "maanedsnavn": selectors.maanedsnavn(aar, maaned),
        "vaelger": _vaelger(d, aar, maaned, "afregning:maaned"),
    }
    try:
        kontekst["oversigt"] = selectors.maanedsoversigt(adgang.bruger(request), d, aar, maaned)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        return render(request, "afregning/maaned.html", kontekst, status=KAN_IKKE_BEREGNES)
    return render(request, "afregning/maaned.html", kontekst)


@login_required
@require_http_methods(["GET", "POST"])
def opgoerelse(
    request: HttpRequest, driftsherre_id: int, aar: int, maaned: int, kommune_id: int
) -> HttpResponse:
    """The statement to one municipality as it stands now, with the difference to the version
    sent, and (POST, after confirmation) its sending as a new version."""
    d = _driftsherre(request, driftsherre_id, aar, maaned)
    k = selectors.hent_betalingskommune(kommune_id)
    versioner = selectors.versioner(d, k, aar, maaned)
    if request.method == "POST":
        return _send(request, d, k, aar, maaned, versioner)
    seneste = versioner[-1] if versioner else None
    kontekst: dict[str, Any] = {
        "driftsherre": d,
        "kommune": k,
        "aar": aar,
        "maaned": maaned,
        "maanedsnavn": selectors.maanedsnavn(aar, maaned),
        "versioner": versioner,
        "seneste": seneste,
        "vaelger": _vaelger(d, aar, maaned, "afregning:opgoerelse", k.pk),
    }
    try:
        b = selectors.opgoer(adgang.bruger(request), d, k, aar, maaned)
    except MOTORFEJL as fejl:
        kontekst["fejl"] = motorfejl(fejl)
        return render(request, "afregning/opgoerelse.html", kontekst, status=KAN_IKKE_BEREGNES)
    kontekst.update(_visning(b.resultat, b.g.borgere, b.advarsler))
    if seneste is not None:
        gemt = selectors.laes(seneste)
        kontekst["forskelle"] = selectors.forskelle(
            b.opgoerelse, selectors.opgoerelsen(seneste), {**gemt.borgere, **b.g.borgere}
        )
        kontekst["i_alt_foer"] = seneste.i_alt
        kontekst["i_alt_forskel"] = selectors.i_alt(b.opgoerelse) - seneste.i_alt
    return render(request, "afregning/opgoerelse.html", kontekst)


def _visning(r: Any, borgere: Any, advarsler: list[str]) -> dict[str, Any]:
    return {
        "r": r,
        "o": r.opgoerelser[0] if r.opgoerelser else None,
        "ophold": selectors.opholdsvisninger(r, borgere),
        "advarsler": advarsler,
        "total_noegle": selectors.opgoerelsesnoegle(r),
        **panel(r.spor, selectors.sporets_noegler(r)),
    }


def _send(
    request: HttpRequest, d: Driftsherre, k: Any, aar: int, maaned: int, versioner: list[Afregning]
) -> HttpResponse:
    tilbage = reverse("afregning:opgoerelse", args=[d.pk, aar, maaned, k.pk])
    set_nummer = hent_version(request.POST.get("nummer"))
    navn = selectors.maanedsnavn(aar, maaned)
    if not er_bekraeftet(request):
        try:
            b = selectors.opgoer(adgang.bruger(request), d, k, aar, maaned)
        except MOTORFEJL as fejl:
            messages.error(request, f"Opgørelsen kan ikke beregnes og er ikke sendt: {motorfejl(fejl)}")
            return redirect(tilbage)
        if b.opgoerelse is None and not versioner:
            messages.info(
                request, f"Der er intet at opkræve hos {k.navn} Kommune for {navn}; intet er sendt."
            )
            return redirect(tilbage)
        nummer = (versioner[-1].nummer if versioner else 0) + 1
        punkter = [
            f"Opgørelsen for {navn} sendes til {k.navn} Kommune som version {nummer}: "
            f"{kr(selectors.i_alt(b.opgoerelse))}.",
            "Den sendte version fastfryses med sine linjer og beløb: senere ændringer af opholdene eller "
            "taksterne ændrer den ikke. En rettelse sendes som en ny version, der viser forskellen.",
            f"{k.navn} Kommunes medarbejdere kan derefter se den og hente den som Excel, PDF og "
            "bogføringsfil.",
        ]
        if versioner:
            punkter.append(f"Version {versioner[-1].nummer} står fortsat, men erstattes af den nye.")
        return bekraeft(
            request,
            titel=f"Send opgørelsen for {navn} til {k.navn} Kommune?",
            punkter=punkter,
            advarsler=b.advarsler,
            knap="Send opgørelsen",
            tilbage=tilbage,
            felter={"nummer": str(set_nummer)},
        )
    try:
        ny = services.send_opgoerelse(adgang.bruger_objekt(request), d, k, aar, maaned, set_nummer)  # type: ignore[arg-type]
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
        return redirect(tilbage)
    except services.Uaendret as fejl:
        messages.info(request, str(fejl))
        return redirect(tilbage)
    except MOTORFEJL as fejl:
        messages.error(request, f"Opgørelsen kan ikke beregnes og er ikke sendt: {motorfejl(fejl)}")
        return redirect(tilbage)
    messages.success(request, f"Opgørelsen for {navn} er sendt til {k.navn} Kommune som version {ny.nummer}.")
    return redirect("afregning:sendt", ny.pk)


# --- a sent version -------------------------------------------------------------------------------


def _afregning(request: HttpRequest, afregning_id: int) -> Afregning:
    a = selectors.hent_afregning(adgang.bruger(request), afregning_id)
    adgang.kraev(request, SE_SENDT, a)
    return a


@login_required
@require_GET
def sendt(request: HttpRequest, afregning_id: int) -> HttpResponse:
    """A sent version, frozen, with the difference to the version before it."""
    a = _afregning(request, afregning_id)
    gemt = selectors.laes(a)
    forrige = selectors.forrige_version(a)
    kontekst: dict[str, Any] = {
        "a": a,
        "driftsherre": a.driftsherre,
        "kommune": a.betalingskommune,
        "maanedsnavn": selectors.maanedsnavn(a.aar, a.maaned),
        "forrige": forrige,
        "versioner": selectors.versioner(a.driftsherre, a.betalingskommune, a.aar, a.maaned),
        "kan_lave": adgang.har(request, LAVE, a.driftsherre),
        "kan_se_modtagne": adgang.har(request, SE_MODTAGNE, a.betalingskommune),
        **_visning(gemt.resultat, gemt.borgere, gemt.resultat.advarsler),
    }
    if forrige is not None:
        foer = selectors.laes(forrige)
        kontekst["forskelle"] = selectors.forskelle(
            selectors.opgoerelsen(a), selectors.opgoerelsen(forrige), {**foer.borgere, **gemt.borgere}
        )
        kontekst["i_alt_forskel"] = a.i_alt - forrige.i_alt
    return render(request, "afregning/sendt.html", kontekst)


def _titel(a: Afregning) -> str:
    return (
        f"Afregning {selectors.maanedsnavn(a.aar, a.maaned)} – {a.driftsherre.navn} til "
        f"{a.betalingskommune.navn} Kommune, version {a.nummer}"
    )


def _filnavn(a: Afregning, endelse: str) -> str:
    kode = f"{a.betalingskommune.kode:03d}"
    return f"afregning_{a.aar}_{a.maaned:02d}_{a.driftsherre_id}_{kode}_v{a.nummer}.{endelse}"


@login_required
@require_GET
def sendt_excel(request: HttpRequest, afregning_id: int) -> HttpResponse:
    a = _afregning(request, afregning_id)
    gemt = selectors.laes(a)
    return filsvar(afregningsfil(a, gemt, _titel(a)), XLSX, _filnavn(a, "xlsx"), privat=True)


@login_required
@require_GET
def sendt_pdf(request: HttpRequest, afregning_id: int) -> HttpResponse:
    a = _afregning(request, afregning_id)
    gemt = selectors.laes(a)
    html = render_to_string(
        "afregning/sendt_pdf.html",
        {"a": a, "titel": _titel(a), "ophold": selectors.opholdsvisninger(gemt.resultat, gemt.borgere),
         "r": gemt.resultat},
        request=request,
    )  # fmt: skip
    return filsvar(html_til_pdf(html), PDF, _filnavn(a, "pdf"), vedhaeft=False, privat=True)


@login_required
@require_GET
def sendt_bogfoering(request: HttpRequest, afregning_id: int) -> HttpResponse:
    a = _afregning(request, afregning_id)
    return filsvar(bogfoeringsfil(selectors.bogfoeringsraekker(a)), CSV, _filnavn(a, "csv"), privat=True)


# --- the paying municipality and the secretariat ----------------------------------------------------


@login_required
@require_GET
def kommune(request: HttpRequest, kommune_id: int, aar: int) -> HttpResponse:
    """The statements sent to the municipality in the year (every version)."""
    adgang.tjek_aar(aar)
    k = selectors.hent_kommune(adgang.bruger(request), kommune_id)
    adgang.kraev(request, SE_MODTAGNE, k)
    return render(
        request,
        "afregning/kommune.html",
        {
            "kommune": k,
            "aar": aar,
            "afregninger": selectors.modtagne(k, aar),
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.kommunens_aar(k), aar, lambda x: reverse("afregning:kommune", args=[k.pk, x])
                )
            ),
        },
    )


@login_required
@require_GET
def aftale(request: HttpRequest, kode: str, aar: int) -> HttpResponse:
    """The agreement's sent statements in totals per operator, municipality and month."""
    adgang.tjek_aar(aar)
    a = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    adgang.kraev(request, SE_TOTALER, a)
    return render(
        request,
        "afregning/aftale.html",
        {
            "aftale": a,
            "aar": aar,
            "totaler": selectors.aftalens_totaler(a, aar),
            "maanedsnavne": {m: selectors.maanedsnavn(aar, m) for m in range(1, 13)},
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.aftalens_aar(a), aar, lambda x: reverse("afregning:aftale", args=[a.kode, x])
                )
            ),
        },
    )
