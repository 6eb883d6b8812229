"""The secretariat's check of the management information against the agreement's published
figures (`beregning.ledelsesinfo.konsistens`): every printed figure that differs from the
computed one or from its own table, with the explanation. It is a verification, not part of
the report to the committee (page, PDF and Excel hold the tables, charts and observations).

URL names (namespace `ledelsesinfo`), GET under /ledelsesinfo/<rammeaftale_kode>/<forrige>/<aar>/:

    ledelsesinfo_kontrol        ./kontrol/        the comparison, per table, with links to the tables
    ledelsesinfo_kontrol_excel  ./kontrol.xlsx    the same as a workbook (sheet "Kontrol")

Who: the agreement's secretariat (`ledelsesinfo.kontrollere`); another agreement's users get 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from pydantic import ValidationError

from socialstyring.beregning.ledelsesinfo import Ledelsesinfo
from socialstyring.web.faelles.adgang import kraev
from socialstyring.web.faelles.filsvar import XLSX, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES
from socialstyring.web.ledelsesinfo import rapport
from socialstyring.web.ledelsesinfo import selectors as data_
from socialstyring.web.ledelsesinfo.adgang import KONTROLLERE
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rammeaftale


class _Beregningsfejl(Exception):
    pass


def _hent(
    request: HttpRequest, kode: str, forrige: int, aar: int
) -> tuple[Rammeaftale, Ledelsesinfo, data_.Sammenligning | None]:
    adgang.tjek_aar(forrige, aar)
    if forrige >= aar:
        raise Http404("Ukendte år.")
    aftale = adgang.hent_rammeaftale(adgang.bruger(request), kode)
    kraev(request, KONTROLLERE, aftale)
    try:
        li, _ = data_.beregn(aftale, forrige, aar)
    except (ValidationError, ValueError, KeyError) as fejl:
        raise _Beregningsfejl(str(fejl)) from fejl
    return aftale, li, data_.sammenlign(aftale, li)


def _fejlside(request: HttpRequest, kode: str, forrige: int, aar: int, fejl: Exception) -> HttpResponse:
    kontekst = {"kode": kode, "forrige": forrige, "aar": aar, "fejl": str(fejl)}
    return render(request, "ledelsesinfo/ledelsesinfo_fejl.html", kontekst, status=KAN_IKKE_BEREGNES)


def titel(forrige: int, aar: int) -> str:
    return f"Kontrol mod offentliggjorte tal {forrige}–{aar}"


@login_required
@require_GET
def kontrol(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> HttpResponse:
    try:
        aftale, li, s = _hent(request, rammeaftale_kode, forrige, aar)
    except _Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    fund = rapport.fundvisning(li, s.fund) if s is not None else None
    pr_tabel = {n: sum(1 for u in fund or [] if u.tabel == n) for n in li.tabeller}
    return render(
        request,
        "ledelsesinfo/ledelsesinfo_kontrol.html",
        {
            "aftale": aftale,
            "li": li,
            "titel": titel(forrige, aar),
            "kilde": s.kilde if s is not None else "",
            "fund": fund,
            "pr_tabel": [(n, t.titel, pr_tabel[n]) for n, t in li.tabeller.items()],
        },
    )


@login_required
@require_GET
def kontrol_excel(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> HttpResponse:
    from socialstyring.io.excel.ledelsesinfo import byg_kontrol

    try:
        aftale, li, s = _hent(request, rammeaftale_kode, forrige, aar)
    except _Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    if s is None:
        raise Http404("Der er ingen offentliggjorte tal for årene at sammenligne med.")
    indhold = byg_kontrol(li, s.fund, titel=f"{titel(forrige, aar)} – {aftale.navn}", kilde=s.kilde)
    return filsvar(indhold, XLSX, rapport.filnavn(aftale.kode, forrige, aar, "xlsx", "kontrol"))
