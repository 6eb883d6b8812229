"""Pages for in-year changes of rate and capacity (ændringer i året).

URL names (namespace `aendringer`):

    aendring_ny        GET, POST  /tilbud/<id>/aendring/ny/
    aendring           GET        /aendring/<id>/
    aendring_beslut    POST       /aendring/<id>/beslut/   (handling=beslut|afvis; confirmed)
    aendring_brev_pdf  GET        /aendring/<id>/underretning.pdf
    aendring_liste     GET        /aendringer/

Who may do what (`adgang.py`): the operator's staff or the secretariat file a change of
the operator's offer; a filed change is a notification to every municipality of the
agreement, so every role of the agreement reads it. Offers outside the user's agreement are
404. The input comes from `selectors.grundlag`, the assessment and storing from `services`.
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
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from socialstyring.beregning.aendring import AendringFejl
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.aendringer import selectors, services
from socialstyring.web.aendringer.adgang import BESLUTTE, MELDE
from socialstyring.web.aendringer.forms import AendringForm, AfgoerelseForm
from socialstyring.web.aendringer.lister import AENDRINGSLISTE, Aendringsraekke
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import PDF, filsvar
from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.parametre import hent_id
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt, set_version
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Ydelsesaar


@login_required
def aendring_ny(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    b = adgang.bruger(request)
    tilbud = adgang.hent_tilbud(b, tilbud_id)
    adgang.kraev(request, MELDE, tilbud.driftsherre)
    if request.method == "POST":
        form = AendringForm(tilbud, request.POST)
        if form.is_valid() and not _mangler_registerets_tal(form):
            try:
                grundlag, noter = selectors.grundlag(tilbud, form.cleaned_data)
                resultat = services.beregn(grundlag)
            except ValidationError as fejl:
                for tekst in pydantic_tekst(fejl).split("; "):
                    form.add_error(None, tekst)
            except AendringFejl as fejl:
                form.add_error(None, f"Ændringen kan ikke vurderes: {fejl}")
            else:
                if not er_bekraeftet(request):
                    return bekraeft(
                        request,
                        titel=f"Anmeld {grundlag.type.label.lower()}",
                        ingress=f"{tilbud.navn}{f' – {grundlag.ydelse}' if grundlag.ydelse else ''}",
                        punkter=selectors.anmeldelsens_foelger(resultat),
                        advarsler=list(resultat.advarsler),
                        knap="Anmeld ændringen",
                        tilbage=reverse("aendringer:aendring_ny", args=[tilbud.pk]),
                    )
                aendring = services.meld_aendring(
                    tilbud,
                    form.cleaned_data.get("ydelse"),
                    grundlag,
                    resultat,
                    noter,
                    adgang.bruger_objekt(request),
                )
                return redirect("aendringer:aendring", aendring.pk)
    else:
        initial: dict[str, Any] = {}  # the decision date is the user's: its year decides the rate before
        ydelser = list(tilbud.ydelser.all()[:2])
        if len(ydelser) == 1:
            initial["ydelse"] = ydelser[0]
        form = AendringForm(tilbud, initial=initial)
    return render(request, "aendringer/aendring_ny.html", {"tilbud": tilbud, "form": form})


def _mangler_registerets_tal(form: AendringForm) -> bool:
    """When the form leaves the rate (or places) before blank, it is the register's for the
    decision year: if the register has none, say so on the field, with the year (else the
    engine would only say that the change needs both)."""
    data = form.cleaned_data
    ydelse, dato = data.get("ydelse"), data.get("beslutningsdato")
    if ydelse is None or dato is None:
        return False
    type_ = Aendringstype(data["type"])
    ya = Ydelsesaar.objects.filter(ydelse=ydelse, aar=dato.year).first()
    mangler = False
    if type_.er_takstaendring and data.get("gammel_takst") is None and (ya is None or ya.takst is None):
        form.add_error(
            "gammel_takst",
            f"Registeret har ingen takst for {ydelse.navn} i {dato.year}, beslutningsdatoens år. Skriv "
            "taksten før ændringen her, eller ret beslutningsdatoen.",
        )
        mangler = True
    if type_.er_pladsaendring and data.get("gamle_pladser") is None and (ya is None or ya.pladser is None):
        form.add_error(
            "gamle_pladser",
            f"Registeret har ingen pladser for {ydelse.navn} i {dato.year}, beslutningsdatoens år. Skriv "
            "pladserne før ændringen her, eller ret beslutningsdatoen.",
        )
        mangler = True
    return mangler


def _hent(request: HttpRequest, aendring_id: int) -> Aendring:
    try:
        return selectors.synlige_aendringer(adgang.bruger(request)).get(pk=aendring_id)
    except Aendring.DoesNotExist:
        raise Http404("Ændringen findes ikke.") from None


@login_required
def aendring(request: HttpRequest, aendring_id: int) -> HttpResponse:
    a = _hent(request, aendring_id)
    return render(request, "aendringer/aendring_vis.html", _vis_kontekst(request, a))


def _vis_kontekst(request: HttpRequest, a: Aendring, form: AfgoerelseForm | None = None) -> dict[str, Any]:
    kontekst = selectors.visning(a)
    if a.er_aaben and adgang.har(request, BESLUTTE, a):
        kontekst["afgoerelse_form"] = form or AfgoerelseForm(
            initial={"version": a.version, "besluttet_af": selectors.foreslaaet_beslutningstager(a)}
        )
    return kontekst


@login_required
@require_POST
def aendring_beslut(request: HttpRequest, aendring_id: int) -> HttpResponse:
    """Record the decision (`handling=beslut`) or the refusal (`handling=afvis`) of a filed
    change, after a second look at what will happen."""
    a = _hent(request, aendring_id)
    adgang.kraev(request, BESLUTTE, a)
    tilbage = redirect("aendringer:aendring", a.pk)
    afvis = request.POST.get("handling") == "afvis"
    form = AfgoerelseForm(request.POST)
    if not form.is_valid():
        return render(request, "aendringer/aendring_vis.html", _vis_kontekst(request, a, form), status=400)
    afgoerelse = services.Afgoerelse(
        form.cleaned_data["afgoerelsesdato"], form.cleaned_data["besluttet_af"], form.cleaned_data["note"]
    )
    if not afvis:
        try:
            vurdering = services.vurder_beslutning(a, afgoerelse)
        except (ValidationError, AendringFejl) as fejl:
            form.add_error(None, f"Beslutningen kan ikke vurderes: {fejl}")
            return render(
                request, "aendringer/aendring_vis.html", _vis_kontekst(request, a, form), status=400
            )
    if not er_bekraeftet(request):
        return bekraeft(
            request,
            titel=f"{'Afslag på' if afvis else 'Beslutning om'} {a.get_type_display().lower()}",
            ingress=f"{a.tilbud.navn}{f' – {a.ydelse.navn}' if a.ydelse else ''}",
            punkter=selectors.beslutningens_foelger(a, afgoerelse, None if afvis else vurdering),
            knap="Registrér afslaget" if afvis else "Registrér beslutningen",
            tilbage=reverse("aendringer:aendring", args=[a.pk]),
        )
    try:
        if afvis:
            services.afvis(a, afgoerelse, adgang.bruger_objekt(request), set_version(form))
            messages.success(request, "Afslaget er registreret; ændringen træder ikke i kraft.")
        else:
            a = services.beslut(a, afgoerelse, adgang.bruger_objekt(request), set_version(form))
            messages.success(
                request, f"Beslutningen er registreret; ændringen gælder fra {dansk_dato(a.ikrafttraedelse)}."
            )
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    except services.Procedurefejl as fejl:
        messages.error(request, str(fejl))
    return tilbage


@login_required
def aendring_brev_pdf(request: HttpRequest, aendring_id: int) -> HttpResponse:
    a = _hent(request, aendring_id)
    kontekst = {
        **selectors.visning(a),
        "udskrevet": timezone.localdate(),
        "side_url": request.build_absolute_uri(reverse("aendringer:aendring", args=[a.pk])),
    }
    html = render_to_string("aendringer/aendring_brev.html", kontekst, request=request)
    return filsvar(html_til_pdf(html), PDF, f"underretning-aendring-{a.pk}.pdf", vedhaeft=False)


@login_required
def aendring_liste(request: HttpRequest) -> HttpResponse:
    valgt = hent_id(request, "tilbud")
    if valgt is not None:  # the "new change" picker: on to the form (which checks access)
        return redirect("aendringer:aendring_ny", valgt)
    b = adgang.bruger(request)
    aendringer = selectors.synlige_aendringer(b).order_by("-beslutningsdato", "-oprettet")
    tilbud = list(adgang.synlige_tilbud(b).select_related("driftsherre").order_by("navn"))
    rettigheder: dict[int, bool] = {}
    for t in tilbud:
        if t.driftsherre_id not in rettigheder:
            rettigheder[t.driftsherre_id] = adgang.har(request, MELDE, t.driftsherre)
    egne = [t for t in tilbud if rettigheder[t.driftsherre_id]]
    return svar(  # the changes: searched, filtered, sorted, paged, or as Excel
        request,
        AENDRINGSLISTE,
        [Aendringsraekke(a, selectors.kort(a)) for a in aendringer],
        "aendringer/aendring_liste.html",
        {"egne_tilbud": egne},
        "aendringer-i-aaret",
        undertitler=[", ".join(a.navn for a in adgang.synlige_rammeaftaler(b))],
    )
