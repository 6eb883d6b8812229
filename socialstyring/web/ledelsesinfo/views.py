"""Management information (ledelsesinformation) A–E of an agreement for a pair of years.

URL names (namespace `ledelsesinfo`), all GET under
/ledelsesinfo/<rammeaftale_kode>/<forrige>/<aar>/:

    ledelsesinfo          ./                       overview: observations, flagged offers, warnings,
                                                   the P/L factor, key figures, charts, the tables, and
                                                   for the secretariat (when the agreement has
                                                   published figures for the years) a link to the
                                                   check against them (`kontrol`)
    ledelsesinfo_tabel    ./<tabel>/               one table A–E, sortable, every figure with its trace
    ledelsesinfo_json     ./spor.json              the engine's result with its whole trace
    ledelsesinfo_excel    ./ledelsesinfo.xlsx      the workbook (`io.excel.ledelsesinfo`)
    ledelsesinfo_pdf      ./ledelsesinfo.pdf       the report (`ledelsesinfo_rapport.pdf`)
    ledelsesinfo_diagram  ./diagram/<navn>.svg     a chart (`io.diagrammer`: udvikling, belaegning, pladser)

Who may see it (`register.adgang`): another agreement's users get 404
(`hent_rammeaftale`); in the agreement, the secretariat always, readers and operator
staff once both years' catalogues are published (`kan_se_ledelsesinfo`), else 403.

Every request computes the tables from the register (`selectors.beregn`,
~0.15 s for the demo); the views only format the engine's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from pydantic import ValidationError

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import (
    I_ALT,
    SAMLET,
    TOTAL,
    Figurnoegle,
    Ledelsesinfo,
    Uoverensstemmelse,
)
from socialstyring.io.ledelsesinfo_tabeller import celletekst, kolonne, pl_tekst
from socialstyring.web.faelles.aarsvalg import aarsparvalg, aarsvaelger
from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.filsvar import PDF, XLSX, filsvar
from socialstyring.web.faelles.motorfejl import KAN_IKKE_BEREGNES
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.ledelsesinfo import rapport
from socialstyring.web.ledelsesinfo import selectors as data_
from socialstyring.web.ledelsesinfo.adgang import KONTROLLERE, kan_se_ledelsesinfo
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Rammeaftale


@dataclass(frozen=True)
class Beregnet:
    """The agreement's management information for the request, with what the pages add."""

    aftale: Rammeaftale
    li: Ledelsesinfo
    data: data_.Ledelsesinfodata
    sammenligning: data_.Sammenligning | None  # None: no published figures to compare with
    mangler_regnskab: tuple[int, ...]  # years of the pair without any accounts

    @property
    def fund(self) -> list[Uoverensstemmelse] | None:
        return None if self.sammenligning is None else self.sammenligning.fund

    @property
    def kilde(self) -> str:
        return "" if self.sammenligning is None else self.sammenligning.kilde

    @property
    def titel(self) -> str:
        return rapport.titel(self.aftale.navn, self.li.forrige_aar, self.li.aar)

    @property
    def data_advarsler(self) -> list[str]:
        """What the register's data lacks (the engine's own warnings are in `li.advarsler`)."""
        mangler = [
            f"Der er ingen regnskabstal for {a} i {self.aftale.navn}; tabellerne A–C er tomme for året."
            for a in self.mangler_regnskab
        ]
        return [*mangler, *self.data.advarsler]

    @property
    def advarsler(self) -> list[str]:
        return [*self.data_advarsler, *self.li.advarsler]

    def args(self) -> list[str | int]:
        return [self.aftale.kode, self.li.forrige_aar, self.li.aar]


class Beregningsfejl(Exception):
    pass


def _hent(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> Beregnet:
    """The computed management information if the user may see it (404/403 otherwise)."""
    adgang.tjek_aar(forrige, aar)
    if forrige >= aar:
        raise Http404("Ukendte år.")
    bruger = adgang.bruger(request)
    aftale = adgang.hent_rammeaftale(bruger, rammeaftale_kode)
    adgang.kraev(kan_se_ledelsesinfo(bruger, aftale, forrige, aar))
    try:
        li, data = data_.beregn(aftale, forrige, aar)
    except (ValidationError, ValueError, KeyError) as fejl:
        raise Beregningsfejl(str(fejl)) from fejl
    med_regnskab = data_.aar_med_regnskab(aftale)
    return Beregnet(
        aftale=aftale,
        li=li,
        data=data,
        sammenligning=data_.sammenlign(aftale, li),
        mangler_regnskab=tuple(a for a in (forrige, aar) if a not in med_regnskab),
    )


def _fejlside(request: HttpRequest, kode: str, forrige: int, aar: int, fejl: Beregningsfejl) -> HttpResponse:
    return render(
        request,
        "ledelsesinfo/ledelsesinfo_fejl.html",
        {"kode": kode, "forrige": forrige, "aar": aar, "fejl": str(fejl)},
        status=KAN_IKKE_BEREGNES,
    )


def _aarpar(request: HttpRequest, aftale: Rammeaftale) -> list[tuple[int, int]]:
    bruger = adgang.bruger(request)
    return [p for p in data_.aarpar(aftale) if kan_se_ledelsesinfo(bruger, aftale, *p)]


def _uden_spor(kontekst: dict[str, object]) -> dict[str, object]:
    """The trace panel without the trace object itself (these pages' figures are linked by key)."""
    return {k: v for k, v in kontekst.items() if k != "spor"}


@dataclass(frozen=True)
class Noegletal:
    tekst: str
    vaerdi: str
    spor: str
    tabel: str


def _noegletal(li: Ledelsesinfo) -> list[Noegletal]:
    """The headline figures of each table, each with its trace."""
    f, a = li.forrige_aar, li.aar
    valg = (
        ("A", "", TOTAL, "udvikling_pct", f"Samlet takstudvikling {f}–{a}"),
        ("B", "", TOTAL, f"resultat_tkr_{a}", f"Samlet over-/underskud {a} (t.kr.)"),
        ("C", "", TOTAL, f"tillaeg_tkr_{a}", f"Tillægsydelser {a} (t.kr.)"),
        ("D", "", I_ALT, f"{SAMLET}_{a}", f"Samlet belægning {a}"),
        ("E", I_ALT, TOTAL, f"{Pladstype.DOEGN}_{a}", f"Døgnpladser {a}"),
        ("E", I_ALT, TOTAL, f"{Pladstype.DAG}_{a}", f"Dagpladser {a}"),
    )
    ud = []
    for tabel, gruppe, raekke, kol, tekst in valg:
        fn = Figurnoegle(tabel, gruppe, raekke, kol)
        if fn in li.figurer:
            r = li.tabeller[tabel].raekke(raekke, gruppe)
            ud.append(
                Noegletal(tekst, celletekst(li, tabel, r, kolonne(li, tabel, kol)), li.spor_noegle[fn], tabel)
            )
    return ud


@login_required
@require_GET
def oversigt(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> HttpResponse:
    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    li = b.li
    from socialstyring.io.diagrammer import DIAGRAMMER

    noegletal = _noegletal(li)
    flagede = [(navn, b.data.tilbud_id.get(navn)) for navn in li.flagede_tilbud]
    return render(
        request,
        "ledelsesinfo/ledelsesinfo_oversigt.html",
        {
            **_faelles(request, b),
            "noegletal": noegletal,
            "flagede": flagede,
            "pl_tekst": pl_tekst(li),
            "pl_faktor": li.pl_faktor.normalize(),
            "regler": li.spor["pl_faktor"].regler,
            "diagrammer": list(DIAGRAMMER.values()),
            "kan_kontrollere": b.sammenligning is not None and har(request, KONTROLLERE, b.aftale),
            **_uden_spor(panel(li.spor, {"pl_faktor", *(n.spor for n in noegletal)})),
        },
    )


def _faelles(request: HttpRequest, b: Beregnet, tabel: str | None = None) -> dict[str, object]:
    kode = b.aftale.kode

    def url(forrige: int, aar: int) -> str:
        if tabel is None:
            return reverse("ledelsesinfo:ledelsesinfo", args=[kode, forrige, aar])
        return reverse("ledelsesinfo:ledelsesinfo_tabel", args=[kode, forrige, aar, tabel])

    return {
        "vaelger": aarsvaelger(
            aarsparvalg(_aarpar(request, b.aftale), (b.li.forrige_aar, b.li.aar), url), navn="Vælg årspar"
        ),
        "b": b,
        "li": b.li,
        "aftale": b.aftale,
        "args": b.args(),
        "titel": b.titel,
        "advarsler": b.advarsler,
        "tabelnavne": [(n, t.titel) for n, t in b.li.tabeller.items()],
        "kilde": b.kilde,
    }


@login_required
@require_GET
def tabel(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int, tabel: str) -> HttpResponse:
    tabel = tabel.upper()
    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    if tabel not in b.li.tabeller:
        raise Http404("ukendt tabel")
    liste = reverse("register:tilbud_liste")

    def driftsherre_url(navn: str) -> str | None:
        pk = b.data.driftsherre_id.get(navn)
        return None if pk is None else f"{liste}?driftsherre={pk}"

    visning = rapport.tabelvisning(b.li, tabel, None, driftsherre_url if tabel != "D" else rapport.ingen_url)
    from socialstyring.io.diagrammer import DIAGRAMMER

    return render(
        request,
        "ledelsesinfo/ledelsesinfo_tabel.html",
        {
            **_faelles(request, b, tabel),
            "tabel": visning,
            "diagrammer": [d for d in DIAGRAMMER.values() if d.tabel == tabel],
            **_uden_spor(panel(b.li.spor, visning.spor)),
        },
    )


@login_required
@require_GET
def spor_json(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> JsonResponse:
    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return JsonResponse(
            {"fejl": str(fejl)}, status=KAN_IKKE_BEREGNES, json_dumps_params={"ensure_ascii": False}
        )
    indhold = b.li.til_json()
    indhold["advarsler"] = b.advarsler
    if b.fund is not None:
        indhold["sammenligning"] = {
            "kilde": b.kilde,
            "uoverensstemmelser": [
                {
                    "figur": u.figur._asdict(),
                    "art": u.art,
                    "publiceret": _str(u.publiceret),
                    "beregnet": _str(u.beregnet),
                    "forklaring": u.forklaring,
                }
                for u in b.fund
            ],
        }
    return JsonResponse(indhold, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _str(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


@login_required
@require_GET
def excel(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> HttpResponse:
    from socialstyring.io.excel.ledelsesinfo import byg_excel

    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    indhold = byg_excel(b.li, titel=b.titel, advarsler=b.data_advarsler)
    return filsvar(indhold, XLSX, rapport.filnavn(b.aftale.kode, forrige, aar, "xlsx"))


@login_required
@require_GET
def pdf(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int) -> HttpResponse:
    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    indhold = rapport.pdf(b.li, titel=b.titel, advarsler=b.data_advarsler)
    return filsvar(indhold, PDF, rapport.filnavn(b.aftale.kode, forrige, aar, "pdf"))


@login_required
@require_GET
def diagram(request: HttpRequest, rammeaftale_kode: str, forrige: int, aar: int, navn: str) -> HttpResponse:
    from socialstyring.io.diagrammer import DIAGRAMMER

    d = DIAGRAMMER.get(navn)
    if d is None:
        raise Http404("ukendt diagram")
    try:
        b = _hent(request, rammeaftale_kode, forrige, aar)
    except Beregningsfejl as fejl:
        return _fejlside(request, rammeaftale_kode, forrige, aar, fejl)
    svar = HttpResponse(d.tegn(b.li, "svg"), content_type="image/svg+xml")
    svar["Cache-Control"] = "private, max-age=300"
    return svar
