"""A tilbud's yearly result (over-/underskud), its settlement (efterregulering) and the
operator's accounts of a year, on the page and in Excel.

URL names (namespace `regnskab`):

    resultat           GET, POST  /tilbud/<tilbud_id>/resultat/<aar>/           (POST saves the accounts)
    resultat_overfoer  POST       /tilbud/<tilbud_id>/resultat/<aar>/overfoer/
    regnskab_aftale    GET        /regnskab/<aar>/                           (the secretariat's overview)
    regnskab_oversigt  GET        /regnskab/<driftsherre_id>/<aar>/
    regnskab_excel     GET        /regnskab/<driftsherre_id>/<aar>/excel/
    regnskab_import    GET, POST  /regnskab/<driftsherre_id>/<aar>/excel/import/

Who may do what (`adgang.py`): the accounts and the result are a draft of the operator, seen
and entered by its own staff and the agreement's secretariat, who may also transfer the
result; another agreement's offer or operator is 404, everyone else 403. The overview of
every operator's accounts of a year is the secretariat's, each of its own agreement.

Every page has a year picker (`faelles.aarsvalg`) over the years with accounts or figures.

The result is the engine's (`beregn_resultat`, with its trace). The transfer puts the
result's `TidligereResultat` into the rate calculation of the year it is carried into
(`indregnes_i`), as a `regulering` of one service, replacing an earlier entry for the same
result year (`takstberegning.services.indregn_resultat`); it creates no rate calculation,
and it is refused while that year's rate report is submitted or approved.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.penge import kr
from socialstyring.web.excelimport.side import Importart, importside
from socialstyring.web.faelles.aarsvalg import Aarsvaelger, aarsvaelger, aarsvalg
from socialstyring.web.faelles.filsvar import XLSX, filsvar
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl, pydantic_tekst
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud
from socialstyring.web.register.services import Laast, laast_status
from socialstyring.web.regnskab import services
from socialstyring.web.regnskab.adgang import INDBERETTE, SE
from socialstyring.web.regnskab.forms import FELTER, RegnskabForm
from socialstyring.web.regnskab.lister import REGNSKABSLISTE
from socialstyring.web.regnskab.models import Regnskab
from socialstyring.web.regnskab.selectors import (
    beregn,
    driftsherrelinjer,
    regnskabsaar,
    regnskabsfil,
    regnskabsfilnavn,
    regnskabslinje,
    regnskabstilbud,
)
from socialstyring.web.takstberegning import selectors as takstberegninger
from socialstyring.web.takstberegning import services as takstberegningstjenester


def _vaelger(aarene: list[int], aar: int, navn: str, *args: int) -> Aarsvaelger:
    """The year picker of an accounts page (`navn`, with `args` before the year)."""
    return aarsvaelger(aarsvalg(aarene, aar, lambda a: reverse(navn, args=[*args, a])))


def _tilbud(request: HttpRequest, tilbud_id: int, aar: int) -> Tilbud:
    """The offer if the user may see its accounts: 404 outside the agreement, else 403."""
    adgang.tjek_aar(aar)
    tilbud = adgang.hent_tilbud(adgang.bruger(request), tilbud_id)
    adgang.kraev(request, SE, tilbud.driftsherre)
    return tilbud


@login_required
@require_http_methods(["GET", "POST"])
def resultat(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """The accounts form and the computed result with its trace; POST saves the accounts."""
    tilbud = _tilbud(request, tilbud_id, aar)
    kan_redigere = adgang.har(request, INDBERETTE, tilbud.driftsherre)
    regnskab = Regnskab.objects.filter(tilbud=tilbud, aar=aar).select_related("tilbud").first()
    if request.method == "POST":
        adgang.kraev(kan_redigere)
        form = RegnskabForm(request.POST)
        if form.is_valid():
            try:
                services.gem_regnskab(tilbud, aar, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect("regnskab:resultat", tilbud.pk, aar)
            messages.success(request, f"Regnskabet for {aar} er gemt, og resultatet er beregnet.")
            return redirect("regnskab:resultat", tilbud.pk, aar)
        return _side(request, tilbud, aar, regnskab, form, kan_redigere, status=400)
    initial: dict[str, Any] = {}
    if regnskab is not None:
        initial = {navn: getattr(regnskab, navn) for navn in (*FELTER, "note", "version")}
    return _side(request, tilbud, aar, regnskab, RegnskabForm(initial=initial), kan_redigere)


def _side(
    request: HttpRequest,
    tilbud: Tilbud,
    aar: int,
    regnskab: Regnskab | None,
    form: RegnskabForm,
    kan_redigere: bool,
    status: int = 200,
) -> HttpResponse:
    kontekst: dict[str, Any] = {
        "tilbud": tilbud,
        "aar": aar,
        "regnskab": regnskab,
        "form": form,
        "kan_redigere": kan_redigere,
        "sendt": request.method == "POST",
        "vaelger": _vaelger(
            regnskabsaar([tilbud.driftsherre.rammeaftale], tilbud=tilbud), aar, "regnskab:resultat", tilbud.pk
        ),
    }
    if regnskab is not None:
        try:
            r = beregn(regnskab)
        except MOTORFEJL as fejl:
            kontekst["fejl"] = f"Resultatet kan ikke beregnes: {motorfejl(fejl)}"
        else:
            kontekst.update(resultat=r, regler=r.regler_anvendt(), **panel(r.spor))
            if r.indregnes_i is not None:
                b = takstberegninger.beregning(tilbud, r.indregnes_i)
                navn = "takstberegning:takst" if b is not None else "takstberegning:budget"
                navne, standard = takstberegninger.ydelsesnavne(b)
                kontekst.update(
                    indregnes_url=reverse(navn, args=[tilbud.pk, r.indregnes_i]),
                    takstberegning=b,
                    ydelsesnavne=navne,
                    standard_ydelse=standard,
                    laast=laast_status(tilbud.driftsherre, r.indregnes_i),
                    overfoert=takstberegninger.indregnede_resultater(b, aar),
                )
    return render(request, "regnskab/resultat_side.html", kontekst, status=status)


@login_required
@require_POST
def resultat_overfoer(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Put the result into the rate calculation of the year it is carried into."""
    tilbud = _tilbud(request, tilbud_id, aar)
    adgang.kraev(request, INDBERETTE, tilbud.driftsherre)
    tilbage = redirect("regnskab:resultat", tilbud.pk, aar)
    regnskab = Regnskab.objects.filter(tilbud=tilbud, aar=aar).select_related("tilbud").first()
    if regnskab is None:
        messages.error(request, f"Der er intet regnskab for {aar}; skriv regnskabet først.")
        return tilbage
    try:
        r = beregn(regnskab)
    except MOTORFEJL as fejl:
        messages.error(request, f"Resultatet kan ikke beregnes og er ikke overført: {motorfejl(fejl)}")
        return tilbage
    if r.tidligere_resultat is None or r.indregnes_i is None:
        messages.info(request, f"Der er intet at indregne fra resultatet {aar}; intet er overført.")
        return tilbage
    m = r.indregnes_i
    try:
        _, valgt = takstberegningstjenester.indregn_resultat(
            tilbud, aar, r.tidligere_resultat, m, request.POST.get("ydelse") or None
        )
    except Laast as laas:
        messages.error(
            request,
            f"Takstindberetningen for {m} er {laas.status}, så resultatet kan ikke overføres til "
            "takstberegningen. Sekretariatet kan genåbne indberetningen, hvis den skal rettes.",
        )
        return tilbage
    except takstberegningstjenester.IngenBeregning as fejl:
        if takstberegninger.beregning(tilbud, m) is None:
            messages.error(
                request,
                f"Der er ingen takstberegning for {m}, så resultatet kan ikke overføres. "
                f"Skriv budgettet for {m} først ({reverse('takstberegning:budget', args=[tilbud.pk, m])}); "
                "overfør derefter resultatet.",
            )
        else:
            messages.error(request, f"{fejl}.")
        return tilbage
    except PydanticValidationError as fejl:
        messages.error(request, f"Takstberegningen for {m} er ugyldig: {pydantic_tekst(fejl)}")
        return tilbage
    except MOTORFEJL as fejl:
        messages.error(request, f"Taksten {m} kan ikke beregnes med resultatet: {motorfejl(fejl)}")
        return tilbage
    messages.success(
        request,
        f"Resultatet {aar} er overført til takstberegningen {m} ({valgt}): efterregulering "
        f"{kr(r.efterregulering)}.",
    )
    return redirect("takstberegning:takst", tilbud.pk, m)


# --- the operator's accounts of the year, and in Excel --------------------------------------------


@login_required
@require_GET
def regnskab_oversigt(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """Every tilbud of the operator for the year with its accounts and result, a link to each
    tilbud's result page, and the accounts in Excel."""
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, SE, d)
    liste = regnskabstilbud(d, aar)
    gemt = {r.tilbud_id: r for r in Regnskab.objects.filter(tilbud__in=liste, aar=aar)}
    linjer = [regnskabslinje(t, gemt.get(t.pk)) for t in liste]
    return svar(  # the offers: searched, filtered, sorted, paged, or as Excel
        request,
        REGNSKABSLISTE,
        linjer,
        "regnskab/regnskab_oversigt.html",
        {
            "driftsherre": d,
            "aar": aar,
            "linjer": linjer,
            "antal_regnskaber": len(gemt),
            "kan_redigere": adgang.har(request, INDBERETTE, d),
            "er_sekretariat": adgang.er_sekretariat(adgang.bruger(request), d),
            "vaelger": _vaelger(regnskabsaar([d.rammeaftale], d), aar, "regnskab:regnskab_oversigt", d.pk),
        },
        f"regnskaber-{aar}-{d.navn}",
        undertitler=[f"{d.navn}, {aar}", "Resultat efter regnskabet: positivt er overskud."],
    )


@login_required
@require_GET
def regnskab_aftale(request: HttpRequest, aar: int) -> HttpResponse:
    """Secretariat: every operator of its agreement with how many of its offers have accounts
    for the year and their results, each linking to the operator's accounts."""
    adgang.tjek_aar(aar)
    aftaler = adgang.sekretariatets_aftaler(adgang.bruger(request))
    adgang.kraev(bool(aftaler))
    return render(
        request,
        "regnskab/regnskab_aftale.html",
        {
            "aar": aar,
            "oversigt": [(a, driftsherrelinjer(a, aar)) for a in aftaler],
            "vaelger": _vaelger(regnskabsaar(aftaler), aar, "regnskab:regnskab_aftale"),
        },
    )


@login_required
@require_GET
def regnskab_excel(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The year's accounts per tilbud as the template (download and export)."""
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, SE, d)
    return filsvar(regnskabsfil(d, aar), XLSX, regnskabsfilnavn(d, aar), privat=True)


@login_required
@require_http_methods(["GET", "POST"])
def regnskab_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, INDBERETTE, d)
    art = Importart(
        titel=f"Regnskab {aar}",
        hent_url=reverse("regnskab:regnskab_excel", args=[d.pk, aar]),
        tilbage_url=reverse("regnskab:regnskab_oversigt", args=[d.pk, aar]),
        tilbage_tekst=f"Regnskaber {aar}",
        hjaelp=(
            "Skabelonen er udfyldt med de gemte regnskaber: én række pr. tilbud. Omkostninger, "
            "takstindtægter og grundlaget for 5 %-reglen skal udfyldes i en række med et regnskab; "
            "en helt tom række ændrer intet."
        ),
        filnavn=regnskabsfilnavn(d, aar),
        importer=lambda data, fil: services.importer_regnskab(d, aar, data, fil),
    )
    return importside(request, {"driftsherre": d, "aar": aar}, art)
