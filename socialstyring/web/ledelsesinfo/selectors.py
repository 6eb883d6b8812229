"""The register's yearly figures as the management information's input.

This module only reads the database: per service (`Ydelsesaar`) and year of the agreement's
offers its places, budgeted occupancy, the accounts' year-places and costs, and its
reported quarters' used days (`Forbrug`); per offer and year its accounts (`Regnskab`) with
the result the result engine computes. Which figure counts when something is missing (the
fallbacks) is the engine's decision (`beregning.ledelsesinfo.fra_register`), as are the
tables (`beregn_ledelsesinfo`).

Published figures for the agreement and years (`PubliceredeTal`), when there are any, are
compared with the computed ones (`beregning.ledelsesinfo.konsistens`).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import (
    Figurnoegle,
    Ledelsesinfo,
    Ledelsesinfogrundlag,
    Registerregnskab,
    Registerydelse,
    Uoverensstemmelse,
    beregn_ledelsesinfo,
    fra_register,
    konsistens,
)
from socialstyring.web.belaegning.selectors import UDEN_MAALGRUPPE, kvartalsdage
from socialstyring.web.ledelsesinfo.models import PubliceredeTal
from socialstyring.web.ledelsesinfo.publikation import Publikation
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Rammeaftale, Tilbud, Ydelsesaar
from socialstyring.web.regnskab.selectors import aar_med_regnskab, resultater_i_aftalen

__all__ = ["aar_med_regnskab"]


@dataclass(frozen=True)
class Ledelsesinfodata:
    grundlag: Ledelsesinfogrundlag
    tilbud_id: dict[str, int]  # the engine's tilbud key → Tilbud.pk (for links)
    driftsherre_id: dict[str, int]
    advarsler: tuple[str, ...]


def _noegler(tilbud: set[Tilbud]) -> dict[int, str]:
    """An offer's key is its name; a name two operators share gets the operator added."""
    antal: dict[str, int] = defaultdict(int)
    for t in tilbud:
        antal[t.navn] += 1
    return {t.pk: t.navn if antal[t.navn] == 1 else f"{t.navn} ({t.driftsherre.navn})" for t in tilbud}


def indsaml(aftale: Rammeaftale, forrige: int, aar: int) -> Ledelsesinfodata:
    """The engine's input for `aftale`, `forrige` against `aar`, from the register: a fixed
    number of queries, the services' years and the accounts read as figures (no model objects
    per row), the offers once."""
    aarene = (forrige, aar)
    ydelsesaar = list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene)
        .order_by("ydelse__tilbud__driftsherre__navn", "ydelse__tilbud__navn", "ydelse__navn", "aar")
        .values_list(
            "ydelse_id", "ydelse__tilbud_id", "ydelse__navn", "ydelse__pladstype", "aar", "pladser",
            "budgetteret_belaegning_pct", "faktiske_aarspladser", "regnskab",
        )
    )  # fmt: skip
    kvartaler = kvartalsdage(aftale, aarene)
    regnskaber = resultater_i_aftalen(aftale, aarene)
    ider = {ya[1] for ya in ydelsesaar} | {r.tilbud_id for r in regnskaber}
    tilbud = {t.pk: t for t in Tilbud.objects.filter(pk__in=ider).select_related("driftsherre", "maalgruppe")}
    navn = _noegler(set(tilbud.values()))

    def maalgruppe(t: Tilbud) -> str:
        return t.maalgruppe.navn if t.maalgruppe else UDEN_MAALGRUPPE

    ydelser = [
        Registerydelse(
            aar=a,
            driftsherre=tilbud[t_id].driftsherre.navn,
            tilbud=navn[t_id],
            ydelse=y_navn,
            maalgruppe=maalgruppe(tilbud[t_id]),
            pladstype=Pladstype(pladstype),
            pladser=pladser or Decimal(0),
            budgetteret_belaegning_pct=belaegning,
            faktiske_aarspladser=aarspladser,
            regnskab=regnskab,
            kvartalsdage=tuple(kvartaler.get((y_id, a), [])),
        )
        for y_id, t_id, y_navn, pladstype, a, pladser, belaegning, aarspladser, regnskab in ydelsesaar
    ]
    resultater = [
        Registerregnskab(
            aar=r.aar,
            driftsherre=tilbud[r.tilbud_id].driftsherre.navn,
            tilbud=navn[r.tilbud_id],
            maalgruppe=maalgruppe(tilbud[r.tilbud_id]),
            omkostninger=r.omkostninger,
            resultat=r.resultat,
            tillaeg=r.tillaegsindtaegter,
        )
        for r in regnskaber
    ]
    grundlag, advarsler = fra_register(aftale.kode, forrige, aar, ydelser, resultater)
    return Ledelsesinfodata(
        grundlag=grundlag,
        tilbud_id={v: k for k, v in navn.items()},
        driftsherre_id={t.driftsherre.navn: t.driftsherre_id for t in tilbud.values()},
        advarsler=advarsler,
    )


def beregn(aftale: Rammeaftale, forrige: int, aar: int) -> tuple[Ledelsesinfo, Ledelsesinfodata]:
    """Tables A–E for the agreement (ValueError or a pydantic ValidationError if the data
    cannot be computed). The cyclic garbage collector pauses meanwhile: reading and computing
    a large agreement makes some hundred thousand objects without cycles, and its full passes
    over them took a third of the time (the scenario engine does the same)."""
    paa = gc.isenabled()
    gc.disable()
    try:
        data = indsaml(aftale, forrige, aar)
        return beregn_ledelsesinfo(data.grundlag, gaeldende_regelbog()), data
    finally:
        if paa:
            gc.enable()


@dataclass(frozen=True)
class Sammenligning:
    """Published figures compared with the computed ones."""

    kilde: str  # the document's name
    publicerede: dict[Figurnoegle, Decimal | None]
    fund: list[Uoverensstemmelse]


def sammenlign(aftale: Rammeaftale, li: Ledelsesinfo) -> Sammenligning | None:
    """The comparison with the agreement's published figures for these years, if it has any."""
    p = PubliceredeTal.objects.filter(rammeaftale=aftale, forrige_aar=li.forrige_aar, aar=li.aar).first()
    if p is None:
        return None
    publicerede = Publikation.laes(p.figurer).som_figurer()
    return Sammenligning(p.kilde, publicerede, konsistens(publicerede, li.figurer))


def aarpar(aftale: Rammeaftale) -> list[tuple[int, int]]:
    """The pairs of consecutive years (previous, current) that both have accounts in the
    agreement, latest first: the years the management information can compare."""
    aar = aar_med_regnskab(aftale)
    return [(a - 1, a) for a in sorted(aar, reverse=True) if a - 1 in aar]
