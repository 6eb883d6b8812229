"""Who is who, and the access rules every area builds on.

Roles (`Brugerprofil.rolle`):
- sekretariat: all data of its framework agreement, read and write;
- driftsherre (operator staff): edit its own operator's offers and reports; read the
  register and what is published in its agreement;
- laeser (reader): read the register and what is published in its agreement.
A user without a profile sees nothing; a superuser sees and edits everything.

**The role is read once per request:** `profil(bruger)` caches the profile on the user
object (one per request), so every check of the request shares one query.

**Rules are `rules` predicates** (django-rules): the ones here are the building blocks
(`er_sekretariat`, `er_egen_driftsherre`, `kan_se_udkast`, `kan_redigere`, `kan_se_tilbud`,
`har_rolle`); each area declares its own permissions from them in its `adgang.py`
(`saet_regel("indberetning.indsende", kan_redigere)`), and its views ask
`faelles.adgang.kraev(request, "indberetning.indsende", driftsherre)`.

**Drafts.** A year's figures of an offer (places, occupancy, rate, category and their
traces) are a draft until the agreement's catalogue for that year is published
(`Katalog`): before that only the operator and the secretariat see them (`kan_se_aar`,
`Aarsadgang`). The areas build their own rules on these (e.g. the management information's
`ledelsesinfo.adgang.kan_se_ledelsesinfo`, the rate calculation's in `takstberegning.adgang`).

Views answer 404 for an offer or agreement outside the user's agreement (`hent_tilbud`,
`hent_rammeaftale`, `hent_driftsherre`) and 403 (`kraev`) when the user may see the object
but not do what was asked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from socialstyring.web.faelles.adgang import Bruger, bruger, har, kraev, predikat, saet_regel
from socialstyring.web.register.models import (
    MAKS_AAR,
    MIN_AAR,
    Brugerprofil,
    Driftsherre,
    Katalog,
    Rammeaftale,
    Rolle,
    Tilbud,
)

__all__ = ["Bruger", "bruger", "har", "kraev"]

_PROFIL = "_socialstyring_profil"


def profil(bruger: Bruger) -> Brugerprofil | None:
    """The user's profile (role, agreement, operator), read once per user object."""
    if not bruger.is_authenticated:
        return None
    try:
        return getattr(bruger, _PROFIL)  # type: ignore[no-any-return]
    except AttributeError:
        pass
    p = Brugerprofil.objects.select_related("rammeaftale", "driftsherre").filter(bruger=bruger).first()
    setattr(bruger, _PROFIL, p)
    return p


def glem_profil(bruger: Bruger) -> None:
    """Forget the cached profile (after the profile itself was changed)."""
    if hasattr(bruger, _PROFIL):
        delattr(bruger, _PROFIL)


def rolle(bruger: Bruger) -> str | None:
    p = profil(bruger)
    return p.rolle if p else None


# --- predicates -------------------------------------------------------------------------


@predikat
def er_superbruger(bruger: Bruger) -> bool:
    return bool(bruger.is_authenticated and getattr(bruger, "is_superuser", False))


@predikat
def har_rolle(bruger: Bruger) -> bool:
    """Logged in with a role (or a superuser): may use the app at all."""
    return bool(er_superbruger(bruger) or profil(bruger) is not None)


@predikat
def er_et_sekretariat(bruger: Bruger) -> bool:
    """The secretariat of some agreement (or a superuser)."""
    p = profil(bruger)
    return bool(er_superbruger(bruger) or (p is not None and p.rolle == Rolle.SEKRETARIAT))


@predikat
def er_driftsherremedarbejder(bruger: Bruger) -> bool:
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None


def _aftale_id(objekt: Any) -> int | None:
    """The agreement of an agreement, an operator or an offer."""
    if isinstance(objekt, Rammeaftale):
        return objekt.pk
    if isinstance(objekt, Driftsherre):
        return objekt.rammeaftale_id
    if isinstance(objekt, Tilbud):
        return objekt.driftsherre.rammeaftale_id
    raise TypeError(f"ingen rammeaftale for {objekt!r}")


@predikat
def er_sekretariat(bruger: Bruger, objekt: Rammeaftale | Driftsherre | Tilbud) -> bool:
    """The secretariat of the agreement the object belongs to (or a superuser)."""
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.SEKRETARIAT and p.rammeaftale_id == _aftale_id(objekt)


@predikat
def er_egen_driftsherre(bruger: Bruger, driftsherre: Driftsherre) -> bool:
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id == driftsherre.pk


@predikat
def i_aftalen(bruger: Bruger, objekt: Rammeaftale | Driftsherre | Tilbud) -> bool:
    """The object belongs to the user's agreement (every role reads its register)."""
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and p.rammeaftale_id == _aftale_id(objekt)


kan_se_udkast = er_sekretariat | er_egen_driftsherre
"""Drafts of an operator (its reports, budgets, accounts, used days): its own staff and its
agreement's secretariat."""

kan_redigere = er_sekretariat | er_egen_driftsherre
"""Register and rate data of an operator: its own staff and the secretariat."""

kan_se_tilbud = i_aftalen
"""The offer is in the register of the user's agreement."""

saet_regel("register.se_tilbud", kan_se_tilbud)
saet_regel("register.rediger", kan_redigere)


# --- queries: what the user may see -------------------------------------------------------


def synlige_rammeaftaler(bruger: Bruger) -> QuerySet[Rammeaftale]:
    if er_superbruger(bruger):
        return Rammeaftale.objects.all()
    p = profil(bruger)
    return Rammeaftale.objects.filter(pk=p.rammeaftale_id) if p else Rammeaftale.objects.none()


def sekretariatets_aftaler(bruger: Bruger) -> list[Rammeaftale]:
    """The agreements whose secretariat the user is."""
    return [a for a in synlige_rammeaftaler(bruger) if er_sekretariat(bruger, a)]


def synlige_tilbud(bruger: Bruger) -> QuerySet[Tilbud]:
    """The register of offers is readable by every role within its own agreement."""
    return Tilbud.objects.filter(driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger))


def hent_tilbud(bruger: Bruger, tilbud_id: int) -> Tilbud:
    """The offer if the user may see it; 404 otherwise (an offer of another agreement
    does not exist for the user)."""
    try:
        return (
            synlige_tilbud(bruger).select_related("driftsherre__rammeaftale", "maalgruppe").get(pk=tilbud_id)
        )
    except Tilbud.DoesNotExist:
        raise Http404("Tilbuddet findes ikke.") from None


def hent_driftsherre(bruger: Bruger, driftsherre_id: int) -> Driftsherre:
    """The operator if it is in one of the user's agreements; 404 otherwise."""
    d = (
        Driftsherre.objects.select_related("rammeaftale")
        .filter(pk=driftsherre_id, rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if d is None:
        raise Http404("Driftsherren findes ikke.")
    return d


def tjek_aar(*aarene: int) -> None:
    """404 for a year outside the register's range (such a page does not exist)."""
    if not all(MIN_AAR <= a <= MAKS_AAR for a in aarene):
        raise Http404("Ukendt år.")


def hent_driftsherre_aar(bruger: Bruger, driftsherre_id: int, aar: int) -> Driftsherre:
    """`hent_driftsherre` for a page of one of its years (404 for a year out of range too)."""
    tjek_aar(aar)
    return hent_driftsherre(bruger, driftsherre_id)


def hent_rammeaftale(bruger: Bruger, kode: str) -> Rammeaftale:
    """The agreement if the user belongs to it; 404 otherwise (another agreement's
    aggregated information does not exist for the user)."""
    try:
        return synlige_rammeaftaler(bruger).get(kode=kode)
    except Rammeaftale.DoesNotExist:
        raise Http404("Rammeaftalen findes ikke.") from None


def er_offentliggjort(rammeaftale: Rammeaftale, aar: int) -> bool:
    """The agreement's catalogue of offers and rates for the year is published."""
    return Katalog.objects.filter(rammeaftale=rammeaftale, aar=aar).exists()


class Aarsadgang:
    """Which years' figures of which operators a user sees, worked out once per request:
    all years of the operators whose drafts the user sees, and the published years of
    every operator in the user's agreement."""

    def __init__(self, bruger: Bruger) -> None:
        self.bruger = bruger
        self.superbruger = er_superbruger(bruger)
        self.profil = profil(bruger)
        self.offentliggjort: set[tuple[int, int]] = set(
            Katalog.objects.filter(rammeaftale__in=synlige_rammeaftaler(bruger)).values_list(
                "rammeaftale_id", "aar"
            )
        )

    def ser_udkast(self, driftsherre: Driftsherre) -> bool:
        return bool(kan_se_udkast(self.bruger, driftsherre))

    def __call__(self, driftsherre: Driftsherre, aar: int) -> bool:
        """May the user see `driftsherre`'s figures for `aar`?"""
        if self.ser_udkast(driftsherre):
            return True
        p = self.profil
        return (
            p is not None
            and p.rammeaftale_id == driftsherre.rammeaftale_id
            and (driftsherre.rammeaftale_id, aar) in self.offentliggjort
        )


def kan_se_aar(bruger: Bruger, driftsherre: Driftsherre, aar: int) -> bool:
    """A year's figures of an operator's offers: drafts until the catalogue is published."""
    return Aarsadgang(bruger)(driftsherre, aar)


def bruger_objekt(request: HttpRequest) -> User | None:
    """The request's user as a `User` (None when anonymous), for "who did it" fields."""
    b = request.user
    return b if isinstance(b, User) else None
