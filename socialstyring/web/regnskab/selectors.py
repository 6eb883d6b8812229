"""Accounts as pages, services and other areas read them: a tilbud's accounts as the result
engine's input (`beregn`), the operator's accounts of a year at a glance, the years with
accounts in an agreement, and the accounts' Excel template's content."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from socialstyring.beregning.resultat import (
    Resultatgrundlag,
    Resultatopgoerelse,
    aarets_resultater,
    beregn_resultat,
)
from socialstyring.io.excel import regnskab as xr
from socialstyring.regler import Regelbog
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.filsvar import excelfilnavn
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Tilbud, Ydelsesaar
from socialstyring.web.regnskab.models import Regnskab


def beregn(regnskab: Regnskab, bog: Regelbog | None = None) -> Resultatopgoerelse:
    """The engine's result of the stored accounts (ValueError, KeyError or a pydantic
    ValidationError if it cannot be computed); `bog`: the rulebook in force (default: fetched
    here; a caller computing many accounts fetches it once)."""
    g = Resultatgrundlag(
        region=regnskab.tilbud.region,
        tilbud=regnskab.tilbud.navn,
        aar=regnskab.aar,
        omkostninger=regnskab.omkostninger,
        takstindtaegter=regnskab.takstindtaegter,
        tillaegsindtaegter=regnskab.tillaegsindtaegter,
        andre_indtaegter=regnskab.andre_indtaegter,
        grundlag=regnskab.grundlag,
    )
    return beregn_resultat(g, bog or gaeldende_regelbog())


def regnskab(tilbud: Tilbud, aar: int) -> Regnskab | None:
    """The offer's accounts of the year, if any (for other areas: the JSON API)."""
    return Regnskab.objects.filter(tilbud=tilbud, aar=aar).select_related("tilbud").first()


def aar_med_regnskab(rammeaftale: Rammeaftale) -> set[int]:
    """The years with accounts in the agreement: an offer's `Regnskab` or a service's
    accounts (costs or year-places) on its `Ydelsesaar`."""
    return set(
        aar_med_data(
            Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=rammeaftale),
            Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=rammeaftale).filter(
                Q(regnskab__isnull=False) | Q(faktiske_aarspladser__isnull=False)
            ),
        )
    )


def regnskabsaar(
    aftaler: list[Rammeaftale], driftsherre: Driftsherre | None = None, tilbud: Tilbud | None = None
) -> list[int]:
    """The years whose accounts there are to see or write, ascending: the years with accounts
    or with yearly figures (of the agreements, an operator or one offer)."""
    regnskaber = Regnskab.objects.filter(tilbud__driftsherre__rammeaftale__in=aftaler)
    figurer = Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler)
    if driftsherre is not None:
        regnskaber = regnskaber.filter(tilbud__driftsherre=driftsherre)
        figurer = figurer.filter(ydelse__tilbud__driftsherre=driftsherre)
    if tilbud is not None:
        regnskaber = regnskaber.filter(tilbud=tilbud)
        figurer = figurer.filter(ydelse__tilbud=tilbud)
    return aar_med_data(regnskaber, figurer)


def aar_med_regnskaber(tilbud: Tilbud) -> set[int]:
    """The years the offer has accounts for."""
    return set(Regnskab.objects.filter(tilbud=tilbud).values_list("aar", flat=True))


def aktuelt_regnskabsaar(aftaler: list[Rammeaftale], driftsherre: Driftsherre | None = None) -> int | None:
    """The year the accounts pages open on: the latest year with accounts, else the latest
    year with figures; None when there is neither."""
    regnskaber = Regnskab.objects.filter(tilbud__driftsherre__rammeaftale__in=aftaler)
    if driftsherre is not None:
        regnskaber = regnskaber.filter(tilbud__driftsherre=driftsherre)
    if seneste := aar_med_data(regnskaber):
        return seneste[-1]
    aarene = regnskabsaar(aftaler, driftsherre)
    return aarene[-1] if aarene else None


# --- the agreement's accounts of the year (the secretariat's overview) --------------------------


@dataclass(frozen=True)
class Driftsherrelinje:
    """One operator on the secretariat's overview: how many of its offers have accounts for
    the year, and their costs, results and settlements added up (those the engine computes)."""

    driftsherre: Driftsherre
    antal_tilbud: int
    antal_regnskaber: int
    omkostninger: Decimal
    resultat: Decimal
    efterregulering: Decimal
    antal_fejl: int


def driftsherrelinjer(aftale: Rammeaftale, aar: int) -> list[Driftsherrelinje]:
    """Every operator of the agreement with its accounts of `aar` (by name)."""
    regnskaber: dict[int, list[Regnskab]] = {}
    for r in Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=aftale, aar=aar).select_related(
        "tilbud__driftsherre__rammeaftale"
    ):
        regnskaber.setdefault(r.tilbud.driftsherre_id, []).append(r)
    alle = _regnskabstilbud(Tilbud.objects.filter(driftsherre__rammeaftale=aftale), aar)
    antal_tilbud = Counter(d for _, d in alle.values_list("pk", "driftsherre_id"))  # one per tilbud
    ud = []
    for d in Driftsherre.objects.filter(rammeaftale=aftale).select_related("rammeaftale").order_by("navn"):
        linjer = [regnskabslinje(r.tilbud, r) for r in regnskaber.get(d.pk, [])]
        beregnede = [li.resultat for li in linjer if li.resultat is not None]
        ud.append(
            Driftsherrelinje(
                driftsherre=d,
                antal_tilbud=antal_tilbud[d.pk],
                antal_regnskaber=len(linjer),
                omkostninger=sum((li.regnskab.omkostninger for li in linjer if li.regnskab), Decimal(0)),
                resultat=sum((r.resultat for r in beregnede), Decimal(0)),
                efterregulering=sum((r.efterregulering for r in beregnede), Decimal(0)),
                antal_fejl=len(linjer) - len(beregnede),
            )
        )
    return ud


# --- the operator's accounts of the year ------------------------------------------------------


@dataclass(frozen=True)
class Regnskabslinje:
    """One tilbud on the overview: its accounts (if any) and the engine's result."""

    tilbud: Tilbud
    regnskab: Regnskab | None
    resultat: Resultatopgoerelse | None = None
    fejl: str = ""

    @property
    def indtaegter(self) -> Decimal | None:
        r = self.regnskab
        if r is None:
            return None
        return r.takstindtaegter + r.tillaegsindtaegter + r.andre_indtaegter


def regnskabslinje(t: Tilbud, regnskab: Regnskab | None) -> Regnskabslinje:
    if regnskab is None:
        return Regnskabslinje(t, None)
    regnskab.tilbud = t  # the engine's input names the tilbud and its agreement
    try:
        return Regnskabslinje(t, regnskab, beregn(regnskab))
    except MOTORFEJL as fejl:
        return Regnskabslinje(t, regnskab, fejl=motorfejl(fejl))


# --- the accounts' Excel template ----------------------------------------------------------------


def regnskabstilbud(driftsherre: Driftsherre, aar: int) -> list[Tilbud]:
    """The tilbud whose accounts the operator gives for `aar`: those not closed before the
    year began, and any with accounts for the year, by name."""
    return list(
        _regnskabstilbud(Tilbud.objects.filter(driftsherre=driftsherre), aar)
        .select_related("driftsherre__rammeaftale")
        .order_by("navn", "pk")
    )


def _regnskabstilbud(tilbud: QuerySet[Tilbud], aar: int) -> QuerySet[Tilbud]:
    return tilbud.filter(
        Q(lukket_fra__isnull=True) | Q(lukket_fra__gt=date(aar, 1, 1)) | Q(regnskaber__aar=aar)
    ).distinct()


def regnskabsskabelon(driftsherre: Driftsherre, aar: int) -> xr.Regnskabsskabelon:
    """The template's content: one row per tilbud with its stored accounts (empty if none)."""
    liste = regnskabstilbud(driftsherre, aar)
    gemt = {r.tilbud_id: r for r in Regnskab.objects.filter(tilbud__in=liste, aar=aar)}
    raekker = []
    for t in liste:
        r = gemt.get(t.pk)
        raekker.append(
            xr.Regnskabsraekke(tilbud_id=t.pk, tilbud=t.navn)
            if r is None
            else xr.Regnskabsraekke(
                tilbud_id=t.pk,
                tilbud=t.navn,
                omkostninger=r.omkostninger,
                takstindtaegter=r.takstindtaegter,
                tillaegsindtaegter=r.tillaegsindtaegter,
                andre_indtaegter=r.andre_indtaegter,
                grundlag=r.grundlag,
                note=r.note,
            )
        )
    return xr.Regnskabsskabelon(driftsherre.pk, driftsherre.navn, aar, tuple(raekker))


def regnskabsfil(driftsherre: Driftsherre, aar: int) -> bytes:
    """The filled template as .xlsx (the download and the export)."""
    return xr.byg_skabelon(regnskabsskabelon(driftsherre, aar))


def regnskabsfilnavn(driftsherre: Driftsherre, aar: int) -> str:
    """`regnskab_2018_aarhus-kommune.xlsx`."""
    return excelfilnavn("regnskab", aar, driftsherre.navn, driftsherre.pk)


_REGNSKABSKOLONNER: dict[str, str] = {k.felt: k.overskrift for k in xr.KOLONNER}


@dataclass(frozen=True)
class Aarsresultat:
    """An offer's result for a year (the engine's `aarets_resultater`), as management
    information adds it up."""

    tilbud_id: int
    aar: int
    omkostninger: Decimal
    tillaegsindtaegter: Decimal
    resultat: Decimal


def resultater_i_aftalen(aftale: Rammeaftale, aarene: tuple[int, ...]) -> list[Aarsresultat]:
    """Every offer's result in the agreement for `aarene`: the accounts read in one query (their
    figures only, no model objects) and the results computed together."""
    raekker = list(
        Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene)
        .order_by("tilbud_id", "aar")
        .values_list(
            "tilbud_id", "tilbud__navn", "aar", "omkostninger", "takstindtaegter",
            "tillaegsindtaegter", "andre_indtaegter", "grundlag",
        )
    )  # fmt: skip
    resultater = aarets_resultater(
        Resultatgrundlag(
            region=aftale.kode,
            tilbud=navn,
            aar=aar,
            omkostninger=omk,
            takstindtaegter=takst,
            tillaegsindtaegter=tillaeg,
            andre_indtaegter=andre,
            grundlag=grundlag,
        )
        for _, navn, aar, omk, takst, tillaeg, andre, grundlag in raekker
    )
    return [
        Aarsresultat(r[0], r[2], r[3], r[5], resultat)
        for r, resultat in zip(raekker, resultater, strict=True)
    ]
