"""The published catalogue of offers and rates.

URL names (namespace `katalog`):

    katalog_offentliggoer  POST  /katalog/<aar>/offentliggoer/        (field rammeaftale=<kode>; confirmed)
    katalog                GET   /katalog/<rammeaftale_kode>/<aar>/   (?version=N)
    katalog_excel          GET   /katalog/<rammeaftale_kode>/<aar>/katalog.xlsx
    katalog_pdf            GET   /katalog/<rammeaftale_kode>/<aar>/katalog.pdf

Who may do what (`adgang.py`): every role of the agreement (readers too) reads the published
catalogue, as a page, Excel and PDF (another agreement's does not exist for the user: 404); the
secretariat publishes — refused, with the services named, while a service the catalogue would
list has no rate (`services.UdenTakst`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg, versionsvalg
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import PDF, XLSX, filsvar
from socialstyring.web.faelles.parametre import hent_id
from socialstyring.web.katalog import selectors, services
from socialstyring.web.katalog.adgang import LAESE, OFFENTLIGGOERE
from socialstyring.web.katalog.indhold import Katalogindhold
from socialstyring.web.katalog.lister import KATALOGLISTE, katalograekker
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Katalog


@login_required
@require_POST
def katalog_offentliggoer(request: HttpRequest, aar: int) -> HttpResponse:
    """Secretariat: publish a new version of the catalogue for the agreement and year."""
    adgang.tjek_aar(aar)
    bruger = adgang.bruger(request)
    kode = request.POST.get("rammeaftale")
    if kode:
        aftale = adgang.hent_rammeaftale(bruger, kode)  # 404 for another agreement's
    else:
        aftaler = adgang.sekretariatets_aftaler(bruger)
        adgang.kraev(bool(aftaler))
        if len(aftaler) > 1:
            messages.error(request, "Vælg hvilken rammeaftales katalog, der skal offentliggøres.")
            return redirect("indberetning:indberetning_oversigt", aar)
        aftale = aftaler[0]
    adgang.kraev(request, OFFENTLIGGOERE, aftale)
    url = reverse("indberetning:indberetning_oversigt", args=[aar])
    oversigt = f"{url}?rammeaftale={aftale.kode}"
    if not er_bekraeftet(request):
        udkast = services.forhaandsvisning(aftale, aar, adgang.bruger_objekt(request))
        if mangler := services.uden_takst(udkast):
            messages.error(request, str(services.UdenTakst(aar, mangler)))
            return redirect(oversigt)
        return bekraeft(
            request,
            titel=f"Offentliggør kataloget for {aar}",
            ingress=aftale.navn,
            punkter=selectors.offentliggoerelsens_foelger(udkast),
            advarsler=selectors.offentliggoerelsens_advarsler(udkast),
            knap=f"Offentliggør version {udkast.version}",
            tilbage=oversigt,
            felter={"rammeaftale": aftale.kode, "fingeraftryk": services.fingeraftryk(udkast)},
        )
    try:
        k = services.offentliggoer(
            aftale, aar, adgang.bruger_objekt(request), request.POST.get("fingeraftryk", "")
        )
    except (services.UdenTakst, services.KatalogetErAendret) as fejl:
        messages.error(request, str(fejl))
        return redirect(oversigt)
    indhold = Katalogindhold.laes(k.indhold)
    besked = f"Version {k.version} af kataloget for {aar} er offentliggjort med {len(indhold.tilbud)} tilbud."
    if indhold.mangler:
        besked += f" {len(indhold.mangler)} driftsherrer mangler at indsende."
    messages.success(request, besked)
    return redirect("katalog:katalog", aftale.kode, aar)


def _katalog(request: HttpRequest, rammeaftale_kode: str, aar: int) -> Katalog:
    adgang.tjek_aar(aar)
    aftale = adgang.hent_rammeaftale(adgang.bruger(request), rammeaftale_kode)  # 404 for another agreement's
    adgang.kraev(request, LAESE, aftale)
    kataloger = Katalog.objects.filter(rammeaftale=aftale, aar=aar).select_related("rammeaftale")
    version = hent_id(request, "version")
    if version is not None:
        return get_object_or_404(kataloger, version=version)
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
    kode = k.rammeaftale.kode
    bruger = adgang.bruger(request)
    p = adgang.profil(bruger)
    egen = p.driftsherre_id if p is not None and adgang.er_driftsherremedarbejder(bruger) else None
    visning = selectors.visning(k)
    return svar(  # the list of services: searched, filtered, sorted, paged, or as Excel
        request,
        KATALOGLISTE,
        katalograekker(visning),
        "katalog/katalog_side.html",
        {
            "katalog": visning,
            "objekt": k,
            "versioner": versioner,
            "seneste": versioner[0][0] if versioner else k.version,
            "er_sekretariat": adgang.er_sekretariat(bruger, k.rammeaftale),
            "egen_indberetning": reverse("indberetning:indberetning", args=[egen, aar]) if egen else None,
            "vaelger": aarsvaelger(
                aarsvalg(
                    selectors.katalogaar(k.rammeaftale),
                    aar,
                    lambda a: reverse("katalog:katalog", args=[kode, a]),
                    etiket=lambda a: f"Katalog {a}",
                ),
                versionsvalg(
                    [v for v, _ in versioner],
                    k.version,
                    lambda v: reverse("katalog:katalog", args=[kode, aar]) + f"?version={v}",
                )
                if len(versioner) > 1
                else None,
            ),
        },
        filnavn=f"tilbud-og-takster-{kode}-{aar}-v{k.version}-udvalg",
        undertitler=[
            visning.titel,
            f"Offentliggjort {visning.offentliggjort_tekst}, version {visning.version}",
        ],
    )


@login_required
def katalog_excel(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    k = _katalog(request, rammeaftale_kode, aar)
    return filsvar(selectors.excel(k), XLSX, selectors.filnavn(k, "xlsx"))


@login_required
def katalog_pdf(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    k = _katalog(request, rammeaftale_kode, aar)
    return filsvar(selectors.pdf(k), PDF, selectors.filnavn(k, "pdf"))


@login_required
@require_POST
def katalog_pdf_job(request: HttpRequest, rammeaftale_kode: str, aar: int) -> HttpResponse:
    """Make the catalogue's PDF in the background (a large catalogue); on to the job's page."""
    k = _katalog(request, rammeaftale_kode, aar)
    return redirect("jobber:job", services.start_pdf(adgang.bruger_objekt(request), k))
