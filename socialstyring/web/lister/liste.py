"""Lists fit for people who live in Excel: a list page declares its table once (`Liste`) and
gets free-text search, filters, sortable columns, paging and an Excel download of exactly the
rows it shows, with the same columns and Danish number formats.

The view builds its rows on the visibility rules as before and hands them to `svar`; the query
string decides which are shown, in which order and on which page — or, with `hent=excel`,
returns all of them (every page) as a workbook of the report framework (`io.excel.rapport`).
Page and file are one code path, so the file never holds a row the page would not show.
Parameters: `soeg` (each word in one of the row's names, case and accents ignored), each
filter's key (an option the page offers; ids read with `hent_id`), `sorter` (a column's key,
`-` for descending; empty cells last), `side` (50 rows a page; past the last: the last),
`vis=alle` (up to `MAKS_ALLE` on a page) and `hent=excel`. Anything else is a Danish 400.

Our own rather than django-tables2 + django-filter: the rows are computed in Python (the
visibility rule per operator and year, the engine's results, a catalogue's stored snapshot),
not querysets for django-filter; django-tables2 exports through tablib, not our one Excel
framework, and its markup has neither `aria-sort` nor Danish. The lists hold hundreds of rows:
sorting in Python is instant, and Django's `Paginator` pages them. The markup is
`lister/_*.html`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialstyring.io.excel.rapport import Kolonneart, Rapportark, Rapportkolonne, Rapportraekke, Tal
from socialstyring.io.excel.rapport import byg_rapport as _byg_rapport
from socialstyring.io.felter import Idfejl, laes_heltal
from socialstyring.web.faelles.filsvar import XLSX, filsvar
from socialstyring.web.faelles.parametre import UgyldigParameter, hent_id

R = TypeVar("R")
Celle = str | Decimal | int | Tal | date | None
"""A cell as the Excel file holds it (and the list sorts it)."""

PR_SIDE: Final = 50
MAKS_ALLE: Final = 1000
MAKS_SOEGETEGN: Final = 200
FAELLES_PARAMETRE: Final = ("soeg", "sorter", "side", "vis", "hent")

LISTER: dict[str, Liste[Any]] = {}
"""Every declared list by its page's URL name (tests/test_parametre.py tries their parameters)."""

_DANSK: Final[dict[str, str | int | None]] = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


def hent_valg(request: HttpRequest, navn: str, tilladte: Collection[str]) -> str | None:
    """The parameter when it is one of `tilladte` (what the page offers); None when missing or
    empty; a Danish 400 (`UgyldigParameter`) otherwise."""
    vaerdi = str(request.GET.get(navn, ""))
    if vaerdi and vaerdi not in tilladte:
        vist = vaerdi if len(vaerdi) <= 40 else vaerdi[:39] + "…"
        raise UgyldigParameter(navn, ValueError(f'"{vist}" er ikke en af sidens valgmuligheder'))
    return vaerdi or None


def hent_side(request: HttpRequest) -> int:
    """The page number (`side`: ASCII digits, at least 1, read like an id; default 1)."""
    try:
        return laes_heltal(request.GET.get("side", "") or "1", mindst=1, maks=10**9, hvad="sidetal")
    except Idfejl as fejl:
        raise UgyldigParameter("side", fejl) from None


def dansk_orden(tekst: str) -> str:
    """A sort key in Danish alphabetical order: case and accents ignored, æ ø å after z."""
    t = unicodedata.normalize("NFD", tekst.casefold().translate(str.maketrans(_DANSK)))
    return "".join(c for c in t if not unicodedata.combining(c))


def valgnoegle(tekst: str) -> str:
    """An option's key made of its name: "Aarhus Kommune" → "aarhus-kommune"."""
    t = tekst.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "-"


def tal(d: Decimal | int | None) -> Tal:
    """A figure with its own decimals, at most two (as the pages' `tal` filter shows it)."""
    eksponent = d.normalize().as_tuple().exponent if isinstance(d, Decimal) else 0
    return Tal(d, min(2, -eksponent) if isinstance(eksponent, int) and eksponent < 0 else 0)


@dataclass(frozen=True)
class Kolonne(Generic[R]):
    """A column: its key (`sorter=<noegle>`), heading, cell (`vaerdi`, also what it is sorted
    by unless `sortering` is given), and its kind and width in Excel."""

    noegle: str
    overskrift: str
    vaerdi: Callable[[R], Celle]
    art: Kolonneart = "tekst"
    bredde: float = 16
    decimaler: int = 0
    sortering: Callable[[R], Any] | None = None
    sorterbar: bool = True

    def sorteringsvaerdi(self, r: R) -> Any:
        v = self.sortering(r) if self.sortering else self.vaerdi(r)
        v = v.vaerdi if isinstance(v, Tal) else v
        return dansk_orden(v) if isinstance(v, str) else v


@dataclass(frozen=True)
class Filter(Generic[R]):
    """A filter: its key, label, the option for all, and a row's options as (key, name) — none,
    one or several. `id` reads the key with `hent_id`; `orden` orders options by key (else by name)."""

    noegle: str
    overskrift: str
    alle: str
    valg: Callable[[R], Iterable[tuple[str, str]]]
    id: bool = False
    orden: Sequence[str] = ()

    def muligheder(self, raekker: Iterable[R]) -> list[tuple[str, str]]:
        """The options the rows offer, as (key, name)."""
        alle = {n: navn for r in raekker for n, navn in self.valg(r)}
        orden = {n: i for i, n in enumerate(self.orden)}
        return sorted(alle.items(), key=lambda v: (orden.get(v[0], len(orden)), dansk_orden(v[1])))

    def laes(self, request: HttpRequest, muligheder: list[tuple[str, str]]) -> str | None:
        """The chosen option's key (None: all); 400 for one the page does not offer."""
        noegler = [n for n, _ in muligheder]
        if not self.id:
            return hent_valg(request, self.noegle, noegler)
        v = hent_id(request, self.noegle)
        if v is not None and str(v) not in noegler:
            raise UgyldigParameter(self.noegle, ValueError(f'"{v}" er ikke en af sidens valgmuligheder'))
        return None if v is None else str(v)


@dataclass(frozen=True)
class Filtervisning:
    noegle: str
    overskrift: str
    alle: str
    valg: list[tuple[str, str]]
    valgt: str | None


@dataclass(frozen=True)
class Kolonnehoved:
    noegle: str
    overskrift: str
    url: str | None  # the sort link (None: not sortable)
    aria_sort: str | None  # "ascending" or "descending" on the sorted column
    tal: bool


@dataclass(frozen=True)
class Liste(Generic[R]):
    """A list page's table, declared once at module level under its page's URL name.
    `standard` is the order without `sorter` (None: the rows' own)."""

    url_navn: str
    titel: str
    kolonner: tuple[Kolonne[R], ...]
    soeg: Callable[[R], Iterable[str]]
    filtre: tuple[Filter[R], ...] = ()
    standard: str | None = None
    flertal: str = "rækker"

    def __post_init__(self) -> None:
        LISTER[self.url_navn] = self

    @property
    def parametre(self) -> tuple[str, ...]:
        return (*FAELLES_PARAMETRE, *(f.noegle for f in self.filtre))

    def vis(self, request: HttpRequest, raekker: Sequence[R], skjul: Collection[str] = ()) -> Listevisning[R]:
        """`raekker` as the request's query string shows them (400 for a bad value), without
        the columns `skjul` names."""
        kolonner = [k for k in self.kolonner if k.noegle not in skjul]
        sorteringer = [p + k.noegle for k in kolonner if k.sorterbar for p in ("", "-")]
        hent = hent_valg(request, "hent", ("excel",))
        vis_alle = hent_valg(request, "vis", ("alle",)) is not None
        side = hent_side(request)
        sorter = hent_valg(request, "sorter", sorteringer) or self.standard
        sorter = sorter if sorter and sorter.lstrip("-") in {k.noegle for k in kolonner} else None
        soeg = request.GET.get("soeg", "").strip()
        if len(soeg) > MAKS_SOEGETEGN:
            raise UgyldigParameter("soeg", ValueError(f"søgningen er over {MAKS_SOEGETEGN} tegn"))
        filtre = []
        for f in self.filtre:
            valg = f.muligheder(raekker)
            filtre.append(Filtervisning(f.noegle, f.overskrift, f.alle, valg, f.laes(request, valg)))
        valgte = [(f, v.valgt) for f, v in zip(self.filtre, filtre, strict=True) if v.valgt is not None]
        ord_ = dansk_orden(soeg).split()
        udvalgt = [
            r
            for r in raekker
            if all(any(n == v for n, _ in f.valg(r)) for f, v in valgte)
            and all(o in dansk_orden(" ".join(self.soeg(r))) for o in ord_)
        ]
        if sorter:
            k = next(k for k in kolonner if k.noegle == sorter.lstrip("-"))
            med = sorted(
                (r for r in udvalgt if k.sorteringsvaerdi(r) is not None),
                key=k.sorteringsvaerdi,
                reverse=sorter.startswith("-"),
            )
            udvalgt = med + [r for r in udvalgt if k.sorteringsvaerdi(r) is None]
        sider = Paginator(udvalgt, MAKS_ALLE if vis_alle else PR_SIDE)
        return Listevisning(
            self, request, kolonner, filtre, soeg, sorter, udvalgt, len(raekker), sider.get_page(side),
            vis_alle, hent is not None,
        )  # fmt: skip


@dataclass
class Listevisning(Generic[R]):
    """A list as one request shows it: the page (`side`, its rows `raekker`), all rows filtered
    and sorted (`alle`), and the headers, filters and addresses the templates need."""

    liste: Liste[R]
    request: HttpRequest
    kolonner: list[Kolonne[R]]
    filtre: list[Filtervisning]
    soeg: str
    sorter: str | None
    alle: list[R]
    i_alt: int  # before search and filters
    side: Page[R]
    vis_alle: bool
    eksport: bool
    maks_alle: int = MAKS_ALLE

    @property
    def raekker(self) -> list[R]:
        return list(self.side.object_list)

    def url(self, **aendr: str | None) -> str:
        """This page's address with parameters changed (None: removed)."""
        q = self.request.GET.copy()
        for n, v in aendr.items():
            q.pop(n, None)
            if v:
                q[n] = v
        return "?" + q.urlencode() if q else self.request.path

    @property
    def hoveder(self) -> list[Kolonnehoved]:
        ud = []
        for k in self.kolonner:
            retning = None
            if self.sorter in (k.noegle, "-" + k.noegle):
                retning = "descending" if self.sorter.startswith("-") else "ascending"
            naeste = "-" + k.noegle if retning == "ascending" else k.noegle
            url = self.url(sorter=naeste, side=None, hent=None) if k.sorterbar else None
            ud.append(Kolonnehoved(k.noegle, k.overskrift, url, retning, k.art not in ("tekst", "dato")))
        return ud

    @property
    def vises(self) -> dict[str, bool]:
        """Per column key: shown (for a template's optional cells)."""
        return {k.noegle: k in self.kolonner for k in self.liste.kolonner}

    @property
    def filtreret(self) -> bool:
        return bool(self.soeg) or any(f.valgt for f in self.filtre)

    @property
    def skjulte_felter(self) -> list[tuple[str, str]]:
        """The query string's other parameters, kept by the search form (the order, a version)."""
        egne = {"soeg", "side", "hent", *(f.noegle for f in self.filtre)}
        return [(n, v) for n, vs in self.request.GET.lists() if n not in egne for v in vs]

    @property
    def sidelinks(self) -> list[tuple[int | str, str | None]]:
        """(number, address) of the page links; "…" without an address between them."""
        sider = self.side.paginator.get_elided_page_range(self.side.number, on_each_side=2, on_ends=1)
        return [(n, self.url(side=str(n), hent=None) if isinstance(n, int) else None) for n in sider]

    @property
    def forrige_url(self) -> str | None:
        return self.url(side=str(self.side.number - 1), hent=None) if self.side.has_previous() else None

    @property
    def naeste_url(self) -> str | None:
        return self.url(side=str(self.side.number + 1), hent=None) if self.side.has_next() else None

    @property
    def alle_url(self) -> str:
        return self.url(vis=None if self.vis_alle else "alle", side=None, hent=None)

    @property
    def excel_url(self) -> str:
        return self.url(hent="excel", side=None, vis=None)

    @property
    def nulstil_url(self) -> str:
        return self.url(soeg=None, side=None, hent=None, **{f.noegle: None for f in self.filtre})

    @property
    def tom_tekst(self) -> str:
        hvad = "søgningen" + (" og filteret" if self.filtreret_paa_valg else "") if self.soeg else "filteret"
        return f"Ingen {self.liste.flertal} passer til {hvad}."

    @property
    def filtreret_paa_valg(self) -> bool:
        return any(f.valgt for f in self.filtre)

    def beskrivelse(self) -> list[str]:
        """The search, filters and order in words (the file's subtitle)."""
        dele = [f"Søgning: »{self.soeg}«"] if self.soeg else []
        dele += [f"{f.overskrift}: {dict(f.valg)[f.valgt]}" for f in self.filtre if f.valgt is not None]
        if self.sorter:
            k = next(k for k in self.kolonner if k.noegle == self.sorter.lstrip("-"))
            retning = "faldende" if self.sorter.startswith("-") else "stigende"
            dele.append(f"sorteret efter {k.overskrift}, {retning}")
        tekst = ", ".join(dele)
        return [tekst[:1].upper() + tekst[1:]] if tekst else []

    def excel(self, undertitler: Sequence[str] = ()) -> bytes:
        """Every filtered and sorted row (all pages) with the page's columns, as .xlsx."""
        ark = Rapportark(
            navn=self.liste.titel[:31],
            titel=self.liste.titel,
            undertitler=(*undertitler, *self.beskrivelse(), f"{len(self.alle)} {self.liste.flertal}"),
            kolonner=tuple(Rapportkolonne(k.overskrift, k.bredde, k.art, k.decimaler) for k in self.kolonner),
            raekker=tuple(Rapportraekke(tuple(k.vaerdi(r) for k in self.kolonner)) for r in self.alle),
            frys_kolonner=1,
        )
        return _byg_rapport(self.liste.titel, [ark])


def svar(
    request: HttpRequest,
    liste: Liste[R],
    raekker: Sequence[R],
    skabelon: str,
    kontekst: dict[str, Any],
    filnavn: str,
    *,
    skjul: Collection[str] = (),
    undertitler: Sequence[str] = (),
) -> HttpResponse:
    """The page rendered with `liste` (a `Listevisning`) in its context — or, for `hent=excel`,
    the rows it shows (all pages) as `<filnavn>.xlsx`."""
    visning = liste.vis(request, raekker, skjul)
    if visning.eksport:
        return filsvar(visning.excel(undertitler), XLSX, f"{valgnoegle(filnavn)}.xlsx", privat=True)
    return render(request, skabelon, {**kontekst, "liste": visning})
