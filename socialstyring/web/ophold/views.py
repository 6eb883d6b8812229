"""Stays of citizens in offers.

URL names (namespace `ophold`):

    liste        GET        /ophold/                         (the list; ?hent=excel)
    ophold       GET, POST  /ophold/<ophold_id>/             (the stay; POST handling=pakkeskift adds
                                                              a package change, handling=tillaeg an
                                                              add-on, handling=slet_tillaeg removes one)
    ny           GET, POST  /ophold/ny/                      (POST creates)
    rediger      GET, POST  /ophold/<ophold_id>/rediger/     (POST saves the changed fields)
    importer     GET, POST  /ophold/import/                  (POST imports a CSV or Excel file)
    optaelling   GET        /ophold/optaelling/              (the secretariat's counts)

Who may do what (`adgang.py`): a municipality's staff see the stays it pays or acts for, an
operator's staff those in its offers; both create, edit and import their own. The secretariat
sees counts, not citizens (403 on the stays); readers see nothing (403). A stay of another
agreement is 404. No page or file shows a CPR number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.io.ophold import MAKS_FILSTOERRELSE
from socialstyring.web.faelles.parametre import UgyldigParameter
from socialstyring.web.faelles.samtidighed import Foraeldet, aendringer, meld_konflikt, set_version
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.lister.liste import svar
from socialstyring.web.ophold import selectors, services
from socialstyring.web.ophold.adgang import OPRETTE, REDIGERE, SE, SE_OPTAELLING, har_ophold
from socialstyring.web.ophold.forms import (
    ImportForm,
    OpholdForm,
    PakkeskiftForm,
    SletTillaegForm,
    TillaegForm,
)
from socialstyring.web.ophold.lister import OPHOLDSLISTE, raekker
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rolle, Takstenhed, Ydelse


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    b = adgang.bruger(request)
    adgang.kraev(bool(har_ophold(b)))
    dag = date.today()
    ophold = list(selectors.synlige_ophold(b).order_by("tilbud__navn", "start", "pk"))
    return svar(
        request,
        OPHOLDSLISTE,
        raekker(ophold, dag),
        "ophold/liste.html",
        {"kan_oprette": adgang.har(request, OPRETTE), "dag": dag},
        "ophold",
        undertitler=[f"Status pr. {dag:%d-%m-%Y}"],
    )


def _feltfejl(form: forms.BaseForm, ve: ValidationError) -> None:
    """A service's refusal shown at the form's fields (the form's own errors when no field)."""
    for felt, beskeder in ve.message_dict.items():
        for besked in beskeder:
            form.add_error(felt if felt in form.fields else None, besked)


def _ydelser(request: HttpRequest) -> tuple[QuerySet[Ydelse], QuerySet[Ydelse]]:
    """The services a stay may be created in (an operator's own; a municipality's: every one of
    its agreement) and every service of the agreement (the referred offer)."""
    b = adgang.bruger(request)
    alle = Ydelse.objects.filter(tilbud__in=adgang.synlige_tilbud(b)).exclude(takstenhed="time")
    alle = alle.select_related("tilbud").order_by("tilbud__navn", "navn")
    p = adgang.profil(b)
    d = p.driftsherre_id if p is not None and p.rolle == Rolle.DRIFTSHERRE else None
    return (alle.filter(tilbud__driftsherre_id=d) if d is not None else alle), alle


@login_required
@require_http_methods(["GET", "POST"])
def ny(request: HttpRequest) -> HttpResponse:
    adgang.kraev(request, OPRETTE)
    egne, alle = _ydelser(request)
    p = adgang.profil(adgang.bruger(request))
    initial = {"indskrivning_pct": 100}
    if p is not None and p.kommune_id is not None:
        initial.update(betalingskommune=p.kommune_id, handlekommune=p.kommune_id)
    form = OpholdForm(request.POST or None, initial=initial, ydelser=egne, alle_ydelser=alle, ny=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            o = services.opret_ophold(adgang.bruger(request), d["cpr"], {k: d[k] for k in services.FELTER})
        except ValidationError as ve:
            _feltfejl(form, ve)
        else:
            messages.success(request, "Opholdet er oprettet.")
            return redirect("ophold:ophold", o.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "ophold/formular.html", {"form": form, "ny": True}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, ophold_id: int) -> HttpResponse:
    o = selectors.hent_ophold(adgang.bruger(request), ophold_id)
    adgang.kraev(request, REDIGERE, o)
    egne, alle = _ydelser(request)
    initial = {k: getattr(o, k) for k in services.FELTER} | {"version": o.version}
    form = OpholdForm(request.POST or None, initial=initial, ydelser=egne, alle_ydelser=alle, ny=False)
    if request.method == "POST" and form.is_valid():
        aendret = {k: form.cleaned_data[k] for k in aendringer(form, services.FELTER)}
        try:
            services.ret_ophold(adgang.bruger(request), o.pk, set_version(form), aendret)
        except Foraeldet as fejl:
            meld_konflikt(request, fejl)
            return redirect("ophold:rediger", o.pk)
        except ValidationError as ve:
            _feltfejl(form, ve)
        else:
            messages.success(request, "Opholdet er gemt." if aendret else "Intet er ændret.")
            return redirect("ophold:ophold", o.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "ophold/formular.html", {"form": form, "ophold": o, "ny": False}, status=status)


HANDLINGER = ("pakkeskift", "tillaeg", "slet_tillaeg")
"""What a POST to the stay's page does (its hidden field `handling`; none: a package change)."""


@login_required
@require_http_methods(["GET", "POST"])
def ophold(request: HttpRequest, ophold_id: int) -> HttpResponse:
    """The stay: the citizen's pseudonym and birth date, the municipalities, the dates, the
    package changes, the add-on services and the free-choice check's trace; POST adds a package
    change or an add-on, or removes an add-on (`HANDLINGER`)."""
    b = adgang.bruger(request)
    o = selectors.hent_ophold(b, ophold_id)
    adgang.kraev(request, SE, o)
    kan_rette = adgang.har(request, REDIGERE, o)
    handling = (request.POST.get("handling") or "pakkeskift") if request.method == "POST" else ""
    if handling and handling not in HANDLINGER:
        raise UgyldigParameter("handling", ValueError(f"siden kender kun {', '.join(HANDLINGER)}"))
    post = {h: request.POST if handling == h else None for h in HANDLINGER}
    pakker = selectors.pakker_af(o.ydelse)
    form = None
    if pakker and kan_rette:
        qs = Ydelse.objects.filter(pk__in=[y.pk for y in pakker]).select_related("tilbud")
        form = PakkeskiftForm(post["pakkeskift"], pakker=qs)
    tillaegsydelser = Ydelse.objects.filter(tilbud_id=o.tilbud_id, takstenhed=Takstenhed.TIME)
    tillaegform = TillaegForm(post["tillaeg"], tillaegsydelser=tillaegsydelser) if kan_rette else None
    sletform = SletTillaegForm(post["slet_tillaeg"]) if kan_rette else None
    if handling:
        valgt = {"pakkeskift": form, "tillaeg": tillaegform, "slet_tillaeg": sletform}[handling]
        adgang.kraev(valgt is not None)
        assert valgt is not None
        if valgt.is_valid():
            d = valgt.cleaned_data
            try:
                if handling == "pakkeskift":
                    services.tilfoej_pakkeskift(b, o.pk, d["varslet"], d["ydelse"])
                    besked = "Pakkeskiftet er gemt."
                elif handling == "tillaeg":
                    services.tilfoej_tillaeg(b, o.pk, d)
                    besked = "Tillægget er gemt."
                else:
                    services.slet_tillaeg(b, o.pk, d["tillaeg"])
                    besked = "Tillægget er fjernet."
            except ValidationError as ve:
                _feltfejl(valgt, ve)
            else:
                messages.success(request, besked)
                return redirect("ophold:ophold", o.pk)
    fv = selectors.fritvalgsresultat(o)
    kontekst: dict[str, Any] = {
        "o": o,
        "borger": selectors.borgervisning(o),
        "status": selectors.status(o, date.today()).label,
        "pakkeskift": list(o.pakkeskift.select_related("ydelse")),
        "pakkeform": form,
        "tillaeg": list(o.tillaeg.select_related("ydelse")),
        "tillaegform": tillaegform,
        "sletfejl": sletform.errors.get("tillaeg") if sletform is not None and sletform.is_bound else None,
        "kan_rette": kan_rette,
        "frit_valg": fv,
        "frit_valg_fejl": o.frit_valg.get("fejl") if o.frit_valg else None,
    }
    if fv is not None:
        kontekst.update(panel(fv.spor))
        kontekst["frit_valg_tal"] = {
            "henvist": fv.spor["frit_valg.henvist_takst"].resultat,
            "valgt": fv.spor["frit_valg.valgt_takst"].resultat,
        }
    return render(request, "ophold/ophold.html", kontekst, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def importer(request: HttpRequest) -> HttpResponse:
    adgang.kraev(request, OPRETTE)
    form = ImportForm(request.POST or None, request.FILES or None)
    kontekst: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "ophold/import.html", kontekst, status=400)
        fil = form.cleaned_data["fil"]
        navn = " ".join((fil.name or "filen").split())[:100] or "filen"
        data = fil.read(MAKS_FILSTOERRELSE + 1)  # a larger file is refused by its size, unread
        resultat = services.importer_ophold(adgang.bruger(request), data, navn)
        kontekst["resultat"] = resultat
        return render(request, "ophold/import.html", kontekst, status=200 if resultat.ok else 400)
    return render(request, "ophold/import.html", kontekst)


@login_required
@require_GET
def optaelling(request: HttpRequest) -> HttpResponse:
    """The secretariat's counts of current stays per offer and paying municipality."""
    aftaler = adgang.sekretariatets_aftaler(adgang.bruger(request))
    adgang.kraev(bool(aftaler) and all(adgang.har(request, SE_OPTAELLING, a) for a in aftaler))
    dag = date.today()
    return render(
        request,
        "ophold/optaelling.html",
        {"optaellinger": [(a, selectors.optaelling(a, dag)) for a in aftaler]},
    )
