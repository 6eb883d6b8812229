"""Objectively financed national offers, on the page.

URL names (namespace `landsdaekkende`):

    tilbud    GET        /landsdaekkende/<tilbud_id>/                  the years: calculated beside printed
    aar       GET        /landsdaekkende/<tilbud_id>/<aar>/            a year with its trace
    excel     GET        …/<aar>/excel/
    pdf       GET        …/<aar>/pdf/
    rediger   GET, POST  …/<aar>/rediger/                              enter or change the year's figures

Who may do what: `adgang.py` (the agreement's users see; its secretariat enters).
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

from socialstyring.beregning.landsdaekkende import Finansieringsresultat
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.aarsvalg import aarsvaelger, aarsvalg
from socialstyring.web.faelles.filsvar import PDF, XLSX, excelfilnavn, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES, MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import Foraeldet, meld_konflikt
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.landsdaekkende import selectors, services
from socialstyring.web.landsdaekkende.adgang import RETTE, SE, hent_tilbud, synlige
from socialstyring.web.landsdaekkende.forms import FELTER, AarForm
from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud
from socialstyring.web.register import adgang


def _tilbud(request: HttpRequest, tilbud_id: int, tilladelse: str = SE) -> LandsdaekkendeTilbud:
    t = hent_tilbud(adgang.bruger(request), tilbud_id)
    adgang.kraev(request, tilladelse, t)
    return t


def _post(t: LandsdaekkendeTilbud, aar: int) -> LandsdaekkendeAar:
    adgang.tjek_aar(aar)
    post = t.aarene.filter(aar=aar).first()
    if post is None:
        raise Http404("Året findes ikke for tilbuddet.")
    post.tilbud = t
    return post


@login_required
@require_GET
def tilbud(request: HttpRequest, tilbud_id: int) -> HttpResponse:
    """The offer's years: cost per inhabitant, the region's and the national total, calculated
    beside what the documents printed."""
    t = _tilbud(request, tilbud_id)
    raekker = selectors.tabel(t)
    kan_rette = adgang.har(request, RETTE, t)
    naeste = (raekker[-1].post.aar + 1) if raekker else timezone.localdate().year
    return render(
        request,
        "landsdaekkende/tilbud.html",
        {
            "tilbud": t,
            "raekker": raekker,
            "kan_rette": kan_rette,
            "naeste": naeste,
            "andre": [a for a in synlige(adgang.bruger(request)) if a.pk != t.pk],
            "regionsnavn": selectors.REGIONSNAVNE.get(t.rammeaftale.kode, t.rammeaftale.navn),
        },
    )


def _resultat(post: LandsdaekkendeAar) -> Finansieringsresultat | str:
    try:
        return selectors.beregn(post)
    except MOTORFEJL as fejl:
        return motorfejl(fejl)


@login_required
@require_GET
def aar(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """A year's calculation with its trace, the printed figures and the rules used."""
    t = _tilbud(request, tilbud_id)
    post = _post(t, aar)
    kontekst: dict[str, Any] = {
        "tilbud": t,
        "post": post,
        "aar": aar,
        "kan_rette": adgang.har(request, RETTE, t),
        "vaelger": aarsvaelger(
            aarsvalg(
                [p.aar for p in selectors.aarene(t)],
                aar,
                lambda a: reverse("landsdaekkende:aar", args=[t.pk, a]),
            )
        ),
    }
    r = _resultat(post)
    if isinstance(r, str):
        kontekst["fejl"] = r
        return render(request, "landsdaekkende/aar.html", kontekst, status=KAN_IKKE_BEREGNES)
    kontekst.update({"r": r, "regler": r.regler_anvendt(), **panel(r.spor)})
    return render(request, "landsdaekkende/aar.html", kontekst)


def _fil(
    request: HttpRequest, tilbud_id: int, aar: int
) -> tuple[LandsdaekkendeTilbud, Finansieringsresultat]:
    t = _tilbud(request, tilbud_id)
    r = _resultat(_post(t, aar))
    if isinstance(r, str):
        raise Http404(f"Året kan ikke beregnes: {r}")
    return t, r


@login_required
@require_GET
def excel(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    from socialstyring.web.landsdaekkende.rapport import aarsfil

    t, r = _fil(request, tilbud_id, aar)
    return filsvar(aarsfil(t.navn, r), XLSX, excelfilnavn("landsdaekkende", aar, t.navn, t.pk))


@login_required
@require_GET
def pdf(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    t, r = _fil(request, tilbud_id, aar)
    html = render_to_string(
        "landsdaekkende/pdf.html", {"tilbud": t, "r": r, "udskrevet": timezone.localdate()}, request=request
    )
    return filsvar(html_til_pdf(html), PDF, f"landsdaekkende_{aar}_{t.pk}.pdf", vedhaeft=False)


@login_required
@require_http_methods(["GET", "POST"])
def rediger(request: HttpRequest, tilbud_id: int, aar: int) -> HttpResponse:
    """Enter a year's figures (a new year) or change them: the agreement's secretariat."""
    t = _tilbud(request, tilbud_id, RETTE)
    adgang.tjek_aar(aar)
    post = t.aarene.filter(aar=aar).first()
    if request.method == "POST":
        form = AarForm(request.POST)
        if form.is_valid():
            try:
                services.gem_aar(t, aar, form)
            except Foraeldet as fejl:
                meld_konflikt(request, fejl)
                return redirect(request.path)
            except ValidationError as fejl:
                for f, tekster in fejl.message_dict.items():
                    for tekst in tekster:
                        form.add_error(f if f in form.fields else None, tekst)
            else:
                messages.success(request, f"{t.navn} {aar} er gemt.")
                return redirect("landsdaekkende:aar", t.pk, aar)
    elif post is not None:
        form = AarForm(initial={**{f: getattr(post, f) for f in FELTER}, "version": post.version})
    else:
        form = AarForm(initial={"version": 0})
    return render(
        request,
        "landsdaekkende/rediger.html",
        {"tilbud": t, "aar": aar, "post": post, "form": form},
        status=400 if request.method == "POST" else 200,
    )
