"""A year's category as the offer's page shows it: the computed and the manual category, the
rule, and the stored trace (`Kategoriresultat`, read through its model, whatever version it
was stored in). A stored trace that cannot be read is shown as empty, never as an error page.

`tilbudsafsnit` is the offer page's category section (registered in `omraade.py`), with the
form for a manual category where the user may set one; `listevaerdi` the category the
register's list shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from pydantic import ValidationError

from socialstyring.beregning.kategori import Kategoriregel, Kategoriresultat
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Kategori
from socialstyring.io.kilder.kommuner import KommuneFejl, kommune
from socialstyring.web.faelles import adgang as faelles_adgang
from socialstyring.web.kategori.adgang import TILSIDESAETTE
from socialstyring.web.kategori.forms import KategoriForm
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kategorisering, Tilbud


@dataclass(frozen=True)
class Indgangsvisning:
    navn: str
    vaerdi: Any
    enhed: str
    fra_label: str | None


@dataclass(frozen=True)
class Sportrin:
    """A step of a stored category trace, ready for the template."""

    noegle: str
    label: str
    formel: str
    indgange: list[Indgangsvisning]
    resultat: Any
    enhed: str
    regler: tuple[Regelreference, ...]
    bemaerkning: str | None


@dataclass
class Kategorivisning:
    kategorisering: Kategorisering
    beregnet: str | None
    tilsidesat: str | None
    regel: str | None
    forbehold: str
    advarsler: list[str]
    trin: list[Sportrin]
    form: KategoriForm | None = None
    regelobjekt: Kategoriregel | None = field(default=None, repr=False)


def kategorilabel(kode: str, regel: Kategoriregel | None) -> str | None:
    if not kode:
        return None
    try:
        k = Kategori(kode)
    except ValueError:
        return kode
    if regel is Kategoriregel.OMFATTET and k is Kategori.LOKALT:
        return f"{k.label} (ikke omfattet af rammeaftalen)"
    return k.label


def _kategoritekst(v: Any) -> Any:
    """A category key in a trace ("lokalt") as its Danish name; anything else unchanged."""
    try:
        return Kategori(v).label if isinstance(v, str) else v
    except ValueError:
        return v


_KOMMUNEKODE = re.compile(r"\bkommune (\d{3})\b")


def _kommunenavn(kode: str) -> str:
    try:
        return kommune(int(kode)).navn
    except KommuneFejl:
        return kode


def _med_kommunenavne(tekst: str) -> str:
    """The trace names municipalities by code ('kommune 730', 'driftsherrens kommune 751');
    the page by name: 'Randers', 'driftsherrens kommune Aarhus'."""
    if (m := _KOMMUNEKODE.fullmatch(tekst)) is not None:
        return _kommunenavn(m.group(1))
    return _KOMMUNEKODE.sub(lambda m: f"kommune {_kommunenavn(m.group(1))}", tekst)


def _sportrin(spor: Spor) -> list[Sportrin]:
    ud = []
    for t in spor:
        indgange = []
        for navn, i in t.input.items():
            kilde = spor[i.fra_trin] if i.fra_trin is not None and i.fra_trin in spor else None
            indgange.append(
                Indgangsvisning(
                    _med_kommunenavne(navn),
                    _kategoritekst(i.vaerdi),
                    kilde.enhed if kilde else "",
                    kilde.label if kilde else None,
                )
            )
        ud.append(
            Sportrin(
                noegle=t.noegle,
                label=t.label,
                formel=_med_kommunenavne(t.formel),
                indgange=indgange,
                resultat=_kategoritekst(t.resultat),
                enhed=t.enhed,
                regler=t.regler,
                bemaerkning=t.bemaerkning,
            )
        )
    return ud


def _laes(data: Any) -> tuple[Kategoriresultat | None, Spor]:
    """The stored result (any version) and its trace; a bare list is an early record that
    kept the trace only."""
    try:
        if isinstance(data, list):
            return None, Spor.fra_json(data)
        if isinstance(data, dict) and data:
            r = Kategoriresultat.laes(data)
            return r, r.spor
    except (ValidationError, ValueError, KeyError, TypeError):
        pass
    return None, Spor()


def kategorivisning(k: Kategorisering) -> Kategorivisning:
    r, spor = _laes(k.spor)
    regel = r.regel if r is not None else None
    return Kategorivisning(
        kategorisering=k,
        beregnet=kategorilabel(k.beregnet, regel),
        tilsidesat=kategorilabel(k.tilsidesat, regel),
        regel=regel.label if regel else None,
        forbehold=r.forbehold if r is not None else "",
        advarsler=list(r.advarsler) if r is not None else [],
        trin=_sportrin(spor),
        regelobjekt=regel,
    )


def formular(k: Kategorisering, v: Kategorivisning, data: Any = None) -> KategoriForm:
    """The form for `k`'s manual category: the rule's categories, the stored values and version."""
    return KategoriForm(
        data,
        regel=v.regelobjekt,
        initial={
            "tilsidesat": k.tilsidesat or k.beregnet,
            "begrundelse": k.begrundelse,
            "version": k.version,
        },
        prefix=f"k{k.aar}",
    )


def tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any]:
    """The offer page's category section: each year the user may see, newest first, with the
    form for a manual category where the user may set one; the years not yet published."""
    ser = adgang.Aarsadgang(adgang.bruger(request))
    dh = tilbud.driftsherre
    kan_tilsidesaette = faelles_adgang.har(request, TILSIDESAETTE, dh)
    kategorier, skjulte = [], []
    for k in tilbud.kategoriseringer.order_by("-aar"):
        if not ser(dh, k.aar):
            skjulte.append(k.aar)
            continue
        v = kategorivisning(k)
        if kan_tilsidesaette:
            v.form = formular(k, v)
        kategorier.append(v)
    return {"tilbud": tilbud, "kategorier": kategorier, "skjulte_kategorier": skjulte}


@dataclass(frozen=True)
class Listevaerdi:
    """A year's category as the register's list shows it."""

    aar: int
    kode: str
    label: str
    manuel: bool


def listevaerdi(k: Kategorisering) -> Listevaerdi | None:
    if not k.kategori:
        return None
    label = kategorilabel(k.kategori, kategorivisning(k).regelobjekt) or k.kategori
    return Listevaerdi(k.aar, k.kategori, label, bool(k.tilsidesat))
