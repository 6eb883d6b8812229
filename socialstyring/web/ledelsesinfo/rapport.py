"""The management information as the pages and the PDF report show it.

`tabelvisning` pairs every figure of a table with its text (Danish format, the column's
decimals), its sort value, its trace key and — when published figures were compared
 — the printed figure and the explanations of any inconsistency. The page
(`views`) adds links and the trace panel; `pdf` renders the same tables with the
observations and the charts (PNG data URIs: WeasyPrint lays them out in a fraction of the
time the outlined text of the SVG charts takes) through WeasyPrint: the committee's report.
The comparison with the published figures is the secretariat's check (`kontrol`), listed by
`fundvisning`, not part of the report. Nothing is computed here: the figures are the engine's.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.ledelsesinfo import Figurnoegle, Ledelsesinfo, Raekke, Uoverensstemmelse
from socialstyring.io.ledelsesinfo_tabeller import (
    ARTTEKST,
    RAEKKEOVERSKRIFT,
    TABELFORKLARING,
    Kolonne,
    celletekst,
    grupper,
    kolonne,
    kolonner,
    pl_tekst,
    regeltekst,
    tabeltitel,
    vist_vaerdi,
)
from socialstyring.io.pdf import html_til_pdf


@dataclass(frozen=True)
class Celle:
    tekst: str
    vaerdi: Decimal | None
    spor: str | None  # the trace step behind the figure
    titel: str  # the trace panel's title
    trykt: str | None  # the published figure, when it differs from the computed one
    afvigelser: tuple[str, ...]  # explanations of the inconsistencies that concern the figure

    @property
    def sortering(self) -> str:
        """The value to sort by (data-vaerdi): the unrounded figure as a plain number."""
        return "" if self.vaerdi is None else str(self.vaerdi)

    @property
    def forklaring(self) -> str:
        return " ".join(self.afvigelser)


@dataclass(frozen=True)
class Raekkevisning:
    navn: str
    url: str | None
    celler: tuple[Celle, ...]


@dataclass(frozen=True)
class Gruppevisning:
    titel: str  # the target group in table E; '' elsewhere
    raekker: tuple[Raekkevisning, ...]
    total: tuple[Raekkevisning, ...]


@dataclass(frozen=True)
class Tabelvisning:
    navn: str
    titel: str
    forklaring: str
    raekkeoverskrift: str
    kolonner: tuple[Kolonne, ...]
    grupper: tuple[Gruppevisning, ...]

    @property
    def spor(self) -> set[str]:
        return {
            c.spor
            for g in self.grupper
            for r in (*g.raekker, *g.total)
            for c in r.celler
            if c.spor is not None
        }

    @property
    def antal_afvigelser(self) -> int:
        return sum(1 for g in self.grupper for r in (*g.raekker, *g.total) for c in r.celler if c.afvigelser)


def fund_pr_figur(fund: Sequence[Uoverensstemmelse]) -> dict[Figurnoegle, list[Uoverensstemmelse]]:
    pr: dict[Figurnoegle, list[Uoverensstemmelse]] = {}
    for u in fund:
        pr.setdefault(u.figur, []).append(u)
    return pr


def _raekke(
    li: Ledelsesinfo,
    tabel: str,
    gruppe: str,
    r: Raekke,
    kol: Sequence[Kolonne],
    fund: Mapping[Figurnoegle, list[Uoverensstemmelse]],
    raekke_url: Callable[[str], str | None],
) -> Raekkevisning:
    celler = []
    for k in kol:
        afv = fund.get(Figurnoegle(tabel, gruppe, r.navn, k.noegle), [])
        trykt = next((u.publiceret for u in afv if u.art == "beregnet"), None)
        sted = f"{gruppe} – {r.navn}" if gruppe else r.navn
        celler.append(
            Celle(
                tekst=celletekst(li, tabel, r, k),
                vaerdi=vist_vaerdi(li, tabel, r, k.noegle),
                spor=r.spor.get(k.noegle),
                titel=f"{sted}: {k.overskrift}",
                trykt=None if trykt is None else k.tekst(trykt),
                afvigelser=tuple(u.forklaring for u in afv),
            )
        )
    return Raekkevisning(r.navn, raekke_url(r.navn), tuple(celler))


def ingen_url(navn: str) -> str | None:
    return None


def tabelvisning(
    li: Ledelsesinfo,
    tabel: str,
    fund: Mapping[Figurnoegle, list[Uoverensstemmelse]] | None = None,
    raekke_url: Callable[[str], str | None] = ingen_url,
) -> Tabelvisning:
    """One table (A–E) as shown; `raekke_url` links a row's name (an operator)."""
    fund = fund or {}
    kol = kolonner(li, tabel)
    return Tabelvisning(
        navn=tabel,
        titel=tabeltitel(li, tabel),
        forklaring=TABELFORKLARING.get(tabel, ""),
        raekkeoverskrift=RAEKKEOVERSKRIFT.get(tabel, ""),
        kolonner=kol,
        grupper=tuple(
            Gruppevisning(
                g.titel,
                tuple(_raekke(li, tabel, g.titel, r, kol, fund, raekke_url) for r in g.raekker),
                tuple(_raekke(li, tabel, g.titel, r, kol, fund, raekke_url) for r in g.total),
            )
            for g in grupper(li.tabeller[tabel])
        ),
    )


@dataclass(frozen=True)
class Fundvisning:
    """One inconsistency as a line of the consistency list."""

    tabel: str
    sted: str  # 'Hovedtotal' or 'Børn og unge … / Randers Kommune'
    kolonne: str  # the Danish heading
    art: str
    trykt: str
    beregnet: str
    forklaring: str


def fundvisning(li: Ledelsesinfo, fund: Sequence[Uoverensstemmelse]) -> list[Fundvisning]:
    ud = []
    for u in fund:
        k = kolonne(li, u.figur.tabel, u.figur.kolonne)
        ud.append(
            Fundvisning(
                tabel=u.figur.tabel,
                sted=f"{u.figur.gruppe} / {u.figur.raekke}" if u.figur.gruppe else u.figur.raekke,
                kolonne=k.overskrift,
                art=ARTTEKST.get(u.art, u.art),
                trykt="–" if u.publiceret is None else k.tekst(u.publiceret),
                beregnet="–" if u.beregnet is None else k.tekst(u.beregnet),
                forklaring=u.forklaring,
            )
        )
    return ud


def titel(aftalenavn: str, forrige: int, aar: int) -> str:
    return f"Ledelsesinformation {forrige}–{aar} – {aftalenavn}"


def filnavn(kode: str, forrige: int, aar: int, endelse: str, art: str = "ledelsesinformation") -> str:
    return f"{art}-{kode}-{forrige}-{aar}.{endelse}"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def pdf(li: Ledelsesinfo, *, titel: str, advarsler: Sequence[str] = ()) -> bytes:
    """The committee's report: title, observations, charts and the tables A–E."""
    from socialstyring.io import diagrammer

    html = render_to_string(
        "ledelsesinfo/ledelsesinfo_pdf.html",
        {
            "titel": titel,
            "li": li,
            "pl_tekst": pl_tekst(li),
            "pl_regler": [regeltekst(r) for r in li.spor["pl_faktor"].regler],
            "advarsler": [*li.advarsler, *advarsler],
            "tabeller": [tabelvisning(li, t) for t in li.tabeller],
            "diagrammer": [
                (d.titel, d.tabel, _data_uri(d.tegn(li, "png"))) for d in diagrammer.DIAGRAMMER.values()
            ],
            "pl_faktor": dansk_tal(li.pl_faktor.normalize()),
        },
    )
    return html_til_pdf(html)
