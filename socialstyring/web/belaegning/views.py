"""Quarterly occupancy (belægning): operators report used days, the engine computes the
occupancy and the deviation flag; and the year's used days in Excel.

URL names (namespace `belaegning`):

    belaegning          GET, POST  /belaegning/<driftsherre_id>/<aar>/<kvartal>/  (POST saves used days)
    belaegning_oversigt GET        /belaegning/<aar>/<kvartal>/
    forbrug_excel       GET        /belaegning/<driftsherre_id>/<aar>/excel/          (download = export)
    forbrug_import      GET, POST  /belaegning/<driftsherre_id>/<aar>/excel/import/   (POST imports)

Who may do what (`adgang.py`): an operator's used days and occupancy are seen and entered
by its own staff and its agreement's secretariat; everyone else 403 (the Excel pages: an
operator of another agreement is 404). The overview is the secretariat's, each of its own
agreement.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from socialstyring.io.tal import dansk_tal
from socialstyring.web.belaegning import services
from socialstyring.web.belaegning.adgang import INDBERETTE, SE
from socialstyring.web.belaegning.forms import forbrugsform
from socialstyring.web.belaegning.lister import BELAEGNINGSLISTE, Belaegningsraekke
from socialstyring.web.belaegning.selectors import (
    Tilbudsvisning,
    Ydelsesraekke,
    belaegningsaar,
    beregn,
    forbrugsfil,
    forbrugsfilnavn,
    fristvisning,
    oversigtsraekker,
    pct_tekst,
    ydelsesraekker,
)
from socialstyring.web.excelimport.side import Importart, importside
from socialstyring.web.faelles.aarsvalg import Aarsvaelger, aarsvaelger, aarsvalg, kvartalsvalg
from socialstyring.web.faelles.filsvar import XLSX, filsvar
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.lister.liste import svar
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre


def _tjek_periode(aar: int, kvartal: int) -> None:
    adgang.tjek_aar(aar)
    if not 1 <= kvartal <= 4:
        raise Http404("ukendt kvartal")


def _vaelger(aarene: list[int], aar: int, kvartal: int, navn: str, *args: int) -> Aarsvaelger:
    """The year and quarter picker of an occupancy page (`navn`, with `args` before the period)."""
    return aarsvaelger(
        aarsvalg(aarene, aar, lambda a: reverse(navn, args=[*args, a, kvartal])),
        kvartalsvalg(kvartal, lambda k: reverse(navn, args=[*args, aar, k])),
    )


def _driftsherre(request: HttpRequest, driftsherre_id: int) -> Driftsherre:
    d = adgang.hent_driftsherre(adgang.bruger(request), driftsherre_id)  # 404 outside the agreement
    adgang.kraev(request, SE, d)
    return d


@login_required
@require_http_methods(["GET", "POST"])
def belaegning(request: HttpRequest, driftsherre_id: int, aar: int, kvartal: int) -> HttpResponse:
    """The operator's services with their used days for the quarter and the occupancy
    for Q1..kvartal with its trace; POST saves the used days (only the changed ones)."""
    _tjek_periode(aar, kvartal)
    d = _driftsherre(request, driftsherre_id)
    kan_redigere = adgang.har(request, INDBERETTE, d)
    raekker_ = ydelsesraekker(d, aar, kvartal)
    if request.method == "POST":
        adgang.kraev(kan_redigere)
        form = forbrugsform(raekker_, request.POST)
        if not form.is_valid():
            return _side(request, d, aar, kvartal, raekker_, form, kan_redigere, status=400)
        try:
            aendret = services.gem_forbrug(raekker_, form, aar, kvartal)
        except Foraeldet as fejl:
            meld_konflikt(request, fejl)
            return redirect("belaegning:belaegning", d.pk, aar, kvartal)
        messages.success(
            request,
            f"Forbruget for Q{kvartal} {aar} er gemt ({aendret} ændrede ydelser)."
            if aendret
            else "Intet er ændret.",
        )
        return redirect("belaegning:belaegning", d.pk, aar, kvartal)
    return _side(request, d, aar, kvartal, raekker_, forbrugsform(raekker_), kan_redigere)


def _side(
    request: HttpRequest,
    d: Driftsherre,
    aar: int,
    kvartal: int,
    raekker_: list[Ydelsesraekke],
    form: forms.Form,
    kan_redigere: bool,
    status: int = 200,
) -> HttpResponse:
    kontekst: dict[str, Any] = {
        "driftsherre": d,
        "aar": aar,
        "kvartal": kvartal,
        "periode": f"Q1 {aar}" if kvartal == 1 else f"Q1–Q{kvartal} {aar}",
        "raekker": [(r, form[r.felt], form[r.versionsfelt]) for r in raekker_],
        "form": form,
        "kan_redigere": kan_redigere,
        "sendt": request.method == "POST",
        "frister": fristvisning(d.rammeaftale.kode, aar, kvartal),
        "vaelger": _vaelger(belaegningsaar([d.rammeaftale], d), aar, kvartal, "belaegning:belaegning", d.pk),
        "er_sekretariat": adgang.er_sekretariat(adgang.bruger(request), d),
    }
    if any(r.periodens_dage > 0 for r in raekker_):
        try:
            res = beregn(d, aar, kvartal, raekker_)
        except MOTORFEJL as fejl:
            kontekst["fejl"] = f"Belægningen kan ikke beregnes: {motorfejl(fejl)}"
        else:
            kontekst.update(
                resultat=res,
                tilbud=[Tilbudsvisning(t) for t in res.tilbud],
                i_alt=res.i_alt,
                i_alt_pct=pct_tekst(res.i_alt.belaegning_pct if res.i_alt else None),
                graense=dansk_tal(res.graense_pct_point, 1),
                **panel(res.spor),
            )
    return render(request, "belaegning/belaegning_side.html", kontekst, status=status)


# --- the secretariat's overview ------------------------------------------------------------


@login_required
@require_GET
def belaegning_oversigt(request: HttpRequest, aar: int, kvartal: int) -> HttpResponse:
    """Secretariat: every operator of its agreement with its reporting status, occupancy
    for Q1..kvartal and flagged tilbud."""
    _tjek_periode(aar, kvartal)
    aftaler = adgang.sekretariatets_aftaler(adgang.bruger(request))
    adgang.kraev(bool(aftaler))
    frister = {a.pk: fristvisning(a.kode, aar, kvartal) for a in aftaler}
    driftsherrer = Driftsherre.objects.filter(rammeaftale__in=aftaler).select_related("rammeaftale")
    periode = f"Q1 {aar}" if kvartal == 1 else f"Q1–Q{kvartal} {aar}"
    raekker = [
        Belaegningsraekke(r, frister[r.driftsherre.rammeaftale_id])
        for r in oversigtsraekker(list(driftsherrer.order_by("navn", "pk")), aar, kvartal)
    ]
    return svar(  # the operators: searched, filtered, sorted, paged, or as Excel
        request,
        BELAEGNINGSLISTE,
        raekker,
        "belaegning/belaegning_oversigt.html",
        {
            "aar": aar,
            "kvartal": kvartal,
            "periode": periode,
            "oversigt": [  # per agreement: its deadlines and operators
                (a, frister[a.pk], [r.raekke for r in raekker if r.raekke.driftsherre.rammeaftale_id == a.pk])
                for a in aftaler
            ],
            "vaelger": _vaelger(belaegningsaar(aftaler), aar, kvartal, "belaegning:belaegning_oversigt"),
        },
        f"belaegning-{aar}-q{kvartal}",
        skjul=() if len(aftaler) > 1 else ("rammeaftale",),
        undertitler=[f"{', '.join(a.navn for a in aftaler)}, {periode}"],
    )


# --- the year's used days in Excel --------------------------------------------------------------


@login_required
@require_GET
def forbrug_excel(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    """The year's used days per service and quarter as the template (download and export)."""
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, SE, d)
    return filsvar(forbrugsfil(d, aar), XLSX, forbrugsfilnavn(d, aar), privat=True)


@login_required
@require_http_methods(["GET", "POST"])
def forbrug_import(request: HttpRequest, driftsherre_id: int, aar: int) -> HttpResponse:
    d = adgang.hent_driftsherre_aar(adgang.bruger(request), driftsherre_id, aar)
    adgang.kraev(request, INDBERETTE, d)
    art = Importart(
        titel=f"Brugte dage {aar}",
        hent_url=reverse("belaegning:forbrug_excel", args=[d.pk, aar]),
        tilbage_url=reverse("belaegning:belaegning", args=[d.pk, aar, 4]),
        tilbage_tekst=f"Belægning {aar}",
        hjaelp=(
            "Skabelonen er udfyldt med de gemte brugte dage: én række pr. ydelse med pladser i året og én "
            "kolonne pr. kvartal. Udfyld de hvide felter; en tom celle ændrer ikke det gemte tal."
        ),
        filnavn=forbrugsfilnavn(d, aar),
        importer=lambda data, fil: services.importer_forbrug(d, aar, data, fil),
    )
    return importside(request, {"driftsherre": d, "aar": aar}, art)
