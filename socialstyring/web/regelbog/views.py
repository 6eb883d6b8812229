"""The rulebook's pages: a layer's parameters and values, one parameter's values over time
with the forms to enter, change and delete a value, the history of the entered values, and
the layer as rule files.

URL names (namespace `regelbog`):

    oversigt    GET        /regelbog/                                   the layers the user reads
    lag         GET        /regelbog/<lag>/                             parameters and values in force today
    parameter   GET, POST  /regelbog/<lag>/parameter/<navn>/            values over time; POST enters a value
    vaerdi      GET, POST  /regelbog/<lag>/vaerdi/<id>/                 change an entered value
    slet        POST       /regelbog/<lag>/vaerdi/<id>/slet/            delete an entered value
    historik    GET        /regelbog/<lag>/historik/                    who entered what and when
    gendan      POST       /regelbog/<lag>/historik/<history_id>/gendan/   restore a version
    eksport     GET        /regelbog/<lag>/regelbog.zip                 the layer as rule files (YAML)

Who may do what (`adgang.py`): every role reads the national layer and its own agreement's
(another agreement's is 404); an agreement's secretariat keeps its layer, a national
administrator (superuser) the national one; others get 403. Every save is confirmed on a
second page (`faelles.bekraeftelse`) saying what changes and from when; the services check
everything again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialstyring.regler.model import Parameter
from socialstyring.web.faelles.adgang import bruger, har, kraev
from socialstyring.web.faelles.bekraeftelse import bekraeft, er_bekraeftet
from socialstyring.web.faelles.filsvar import filsvar
from socialstyring.web.faelles.samtidighed import Foraeldet, hent_version, meld_konflikt, set_version
from socialstyring.web.regelbog import selectors, services
from socialstyring.web.regelbog.adgang import RETTE, hent_lag, synlige_lag
from socialstyring.web.regelbog.forms import VaerdiForm, startvaerdier
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.adgang import bruger_objekt


def _hent_parameter(lag: str, navn: str) -> Parameter:
    p = selectors.parameter(selectors.gaeldende_regelbog(), lag, navn)
    if p is None or navn not in selectors.gaeldende_regelbog().navne(lag):
        raise Http404("Regelbogen har ingen sådan parameter.")
    return p


def _hent_aendring(lag: str, aendring_id: int) -> Regelaendring:
    a = Regelaendring.objects.filter(lag=lag, pk=aendring_id).first()
    if a is None:
        raise Http404("Værdien findes ikke.")
    return a


def _fejl_i_form(form: VaerdiForm, fejl: dict[str | None, list[str]]) -> None:
    for felt, beskeder in fejl.items():
        sted = felt if felt in form.fields else ("varsel_regel" if felt == "vaerdi" else None)
        if sted is not None and sted not in form.fields:
            sted = None
        for b in beskeder:
            form.add_error(sted, b)


@login_required
@require_GET
def oversigt(request: HttpRequest) -> HttpResponse:
    lagene = synlige_lag(bruger(request))
    return render(
        request,
        "regelbog/oversigt.html",
        {"lagene": [(lag, selectors.lagnavn(lag), har(request, RETTE, lag)) for lag in lagene]},
    )


@login_required
@require_GET
def lag(request: HttpRequest, lag: str) -> HttpResponse:
    lag = hent_lag(bruger(request), lag)
    idag = timezone.localdate()
    return render(
        request,
        "regelbog/lag.html",
        {
            "lag": lag,
            "lagnavn": selectors.lagnavn(lag),
            "idag": idag,
            "emner": selectors.lagets_parametre(lag, idag),
            "ugyldige": selectors.ugyldige(lag),
            "kan_rette": har(request, RETTE, lag),
        },
    )


def _parameterside(
    request: HttpRequest, lag: str, navn: str, p: Parameter, form: VaerdiForm | None, status: int = 200
) -> HttpResponse:
    kan_rette = har(request, RETTE, lag)
    if form is None and kan_rette:
        form = VaerdiForm(p)
    return render(
        request,
        "regelbog/parameter.html",
        {
            "lag": lag,
            "lagnavn": selectors.lagnavn(lag),
            "navn": navn,
            "p": p,
            **selectors.parameterens_vaerdier(lag, navn),
            "kan_rette": kan_rette,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def parameter(request: HttpRequest, lag: str, navn: str) -> HttpResponse:
    """A parameter's values over time; POST enters a new value (after a confirmation)."""
    lag = hent_lag(bruger(request), lag)
    p = _hent_parameter(lag, navn)
    if request.method != "POST":
        return _parameterside(request, lag, navn, p, None)
    kraev(request, RETTE, lag)
    form = VaerdiForm(p, request.POST)
    if form.is_valid():
        ind = form.indtastning()
        afproevning = selectors.afproev(lag, navn, ind)
        if afproevning.fejl:
            _fejl_i_form(form, afproevning.fejl)
        elif not er_bekraeftet(request):
            return bekraeft(
                request,
                titel="Gem en ny værdi i regelbogen",
                ingress=f"{p.beskrivelse}, {selectors.lagnavn(lag)}",
                punkter=selectors.foelger(lag, navn, ind, afproevning),
                knap="Gem værdien",
                tilbage=reverse("regelbog:parameter", args=[lag, navn]),
            )
        else:
            b = bruger_objekt(request)
            assert b is not None
            try:
                services.tilfoej(b, lag, navn, ind)
            except services.Afvist as afvist:
                _fejl_i_form(form, afvist.fejl)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("regelbog:parameter", lag, navn)
            else:
                messages.success(request, "Værdien er gemt; beregningerne bruger den fra nu af.")
                return redirect("regelbog:parameter", lag, navn)
    return _parameterside(request, lag, navn, p, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def vaerdi(request: HttpRequest, lag: str, aendring_id: int) -> HttpResponse:
    """Change an entered value (after a confirmation)."""
    lag = hent_lag(bruger(request), lag)
    a = _hent_aendring(lag, aendring_id)
    kraev(request, RETTE, lag)
    p = _hent_parameter(lag, a.parameter)
    start = {**startvaerdier(selectors.indtastning(a, p.enhed), p.enhed), "version": a.version}
    status = 200
    if request.method == "POST":
        form = VaerdiForm(p, request.POST, initial=start, aendring=True)
        if form.is_valid():
            ind = form.indtastning()
            afproevning = selectors.afproev(lag, a.parameter, ind, uden=a.pk)
            if afproevning.fejl:
                _fejl_i_form(form, afproevning.fejl)
            elif not er_bekraeftet(request):
                return bekraeft(
                    request,
                    titel="Ret en værdi i regelbogen",
                    ingress=f"{p.beskrivelse}, {selectors.lagnavn(lag)}",
                    punkter=selectors.foelger(lag, a.parameter, ind, afproevning, gammel=a),
                    knap="Gem ændringen",
                    tilbage=reverse("regelbog:vaerdi", args=[lag, a.pk]),
                )
            else:
                b = bruger_objekt(request)
                assert b is not None
                try:
                    services.ret(b, a.pk, set_version(form), ind)
                except services.Afvist as afvist:
                    _fejl_i_form(form, afvist.fejl)
                except Foraeldet as fejl:
                    meld_konflikt(request, fejl)
                    return redirect("regelbog:vaerdi", lag, a.pk)
                else:
                    messages.success(request, "Ændringen er gemt; beregningerne bruger den fra nu af.")
                    return redirect("regelbog:parameter", lag, a.parameter)
        status = 400
    else:
        form = VaerdiForm(p, initial=start, aendring=True)
    kontekst: dict[str, Any] = {"lag": lag, "lagnavn": selectors.lagnavn(lag), "a": a, "p": p, "form": form}
    return render(request, "regelbog/vaerdi.html", kontekst, status=status)


@login_required
@require_POST
def slet(request: HttpRequest, lag: str, aendring_id: int) -> HttpResponse:
    """Delete an entered value (after a confirmation)."""
    lag = hent_lag(bruger(request), lag)
    a = _hent_aendring(lag, aendring_id)
    kraev(request, RETTE, lag)
    version = hent_version(request.POST.get("version"))
    if not er_bekraeftet(request):
        return bekraeft(
            request,
            titel="Slet en værdi i regelbogen",
            ingress=f"{selectors.beskrivelse(lag, a.parameter)}, {selectors.lagnavn(lag)}",
            punkter=selectors.sletningens_foelger(a),
            knap="Slet værdien",
            tilbage=reverse("regelbog:parameter", args=[lag, a.parameter]),
            felter={"version": str(version)},
        )
    b = bruger_objekt(request)
    assert b is not None
    try:
        services.slet(b, a.pk, version)
    except Foraeldet as fejl:
        meld_konflikt(request, fejl)
    else:
        messages.success(request, "Værdien er slettet; beregningerne bruger regelbogens værdi igen.")
    return redirect("regelbog:parameter", lag, a.parameter)


@login_required
@require_GET
def historik(request: HttpRequest, lag: str) -> HttpResponse:
    lag = hent_lag(bruger(request), lag)
    return render(
        request,
        "regelbog/historik.html",
        {
            "lag": lag,
            "lagnavn": selectors.lagnavn(lag),
            "linjer": selectors.historik(lag),
            "kan_rette": har(request, RETTE, lag),
        },
    )


@login_required
@require_POST
def gendan(request: HttpRequest, lag: str, history_id: int) -> HttpResponse:
    """Restore an entered value to a version (after a confirmation)."""
    lag = hent_lag(bruger(request), lag)
    post = selectors.hent_historikpost(lag, history_id)
    if post is None:
        raise Http404("Versionen findes ikke.")
    kraev(request, RETTE, lag)
    tilbage = reverse("regelbog:historik", args=[lag])
    if not er_bekraeftet(request):
        return bekraeft(
            request,
            titel="Gendan en værdi i regelbogen",
            ingress=f"{selectors.beskrivelse(lag, post.parameter)}, {selectors.lagnavn(lag)}",
            punkter=selectors.gendannelsens_foelger(lag, post),
            knap="Gendan værdien",
            tilbage=tilbage,
            felter={},
        )
    b = bruger_objekt(request)
    assert b is not None
    try:
        services.gendan(b, lag, history_id)
    except services.Afvist as afvist:
        for beskeder in afvist.fejl.values():
            for besked in beskeder:
                messages.error(request, f"Værdien kan ikke gendannes: {besked}")
    else:
        messages.success(request, f"Værdien er gendannet fra version {history_id}.")
    return redirect(tilbage)


@login_required
@require_GET
def eksport(request: HttpRequest, lag: str) -> HttpResponse:
    """The layer as its rule files (`<lag>/<emne>.yaml`), entered values included, in a zip."""
    lag = hent_lag(bruger(request), lag)
    return filsvar(selectors.eksport_zip(lag), "application/zip", f"regelbog_{lag}.zip")
