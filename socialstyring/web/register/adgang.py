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

**THE rule for a year's figures** (`Aarsadgang`; every page and selector that shows them
asks it). An operator's figures for a year — and what derives from them: budget, category,
history, in-year changes — are its draft, seen by its staff and its secretariat. Everyone
else of the agreement sees exactly what is published: the year only when its latest
catalogue (`Katalog`) contains the operator and the operator's report is still the
submission it was built from (reopened or submitted again since: a draft until the next
version). An operator missing from the catalogue, and a year without one, show nothing.

Views answer 404 for an offer or agreement outside the user's agreement (`hent_tilbud`,
`hent_rammeaftale`, `hent_driftsherre`) and 403 (`kraev`) when the user may see the object
but not do what was asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from socialstyring.web.faelles.adgang import Bruger, bruger, har, kraev, predikat, saet_regel
from socialstyring.web.register.models import (
    MAKS_AAR,
    MIN_AAR,
    Brugerprofil,
    Driftsherre,
    Indberetningsstatus,
    Katalog,
    Kommune,
    Rammeaftale,
    Rolle,
    Takstindberetning,
    Tilbud,
)

__all__ = ["Bruger", "bruger", "har", "kraev"]

_PROFIL = "_socialstyring_profil"

M = TypeVar("M", bound=Model)

OFFENTLIGGJORT_STATUS = (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
"""The statuses of a report a published catalogue is built from (submitted, approved)."""


def profil(bruger: Bruger) -> Brugerprofil | None:
    """The user's profile (role, agreement, operator), read once per user object."""
    if not bruger.is_authenticated:
        return None
    try:
        return getattr(bruger, _PROFIL)  # type: ignore[no-any-return]
    except AttributeError:
        pass
    p = (
        Brugerprofil.objects.select_related("rammeaftale", "driftsherre", "kommune")
        .filter(bruger=bruger)
        .first()
    )
    setattr(bruger, _PROFIL, p)
    return p


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


@predikat
def er_kommunemedarbejder(bruger: Bruger) -> bool:
    """Staff of a municipality (the role `kommune` with its municipality)."""
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.KOMMUNE and p.kommune_id is not None


def brugerens_kommune_id(bruger: Bruger) -> int | None:
    """The id of the municipality a `kommune` user works for (None for every other role)."""
    p = profil(bruger)
    return p.kommune_id if p is not None and p.rolle == Rolle.KOMMUNE else None


def brugerens_kommune(bruger: Bruger) -> Kommune | None:
    """The municipality a `kommune` user works for (None for every other role)."""
    p = profil(bruger)
    return p.kommune if p is not None and p.rolle == Rolle.KOMMUNE else None


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
    """The agreements whose secretariat the user is (a staff user's from the profile, no query)."""
    p = None if er_superbruger(bruger) else profil(bruger)
    if p is not None:
        return [p.rammeaftale] if p.rammeaftale and er_sekretariat(bruger, p.rammeaftale) else []
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
    """Which operators' figures of which years the user sees (the module's docstring), worked
    out once per request: as a question, a query filter (`filtrer`) and for history."""

    def __init__(self, bruger: Bruger) -> None:
        self.bruger = bruger
        self.superbruger = er_superbruger(bruger)
        self.profil = profil(bruger)
        self._udkast: dict[int, bool] = {}
        self._offentlige: dict[tuple[int, int], datetime | None] | None = None

    def ser_udkast(self, driftsherre: Driftsherre) -> bool:
        """Does the user see every year of the operator (its own staff, its secretariat)?"""
        if driftsherre.pk not in self._udkast:
            self._udkast[driftsherre.pk] = bool(kan_se_udkast(self.bruger, driftsherre))
        return self._udkast[driftsherre.pk]

    @property
    def offentlige(self) -> dict[tuple[int, int], datetime | None]:
        """The user's agreement's `offentliggjorte_aar`."""
        if self._offentlige is None:
            p = self.profil
            self._offentlige = offentliggjorte_aar(p.rammeaftale_id) if p is not None else {}
        return self._offentlige

    def __call__(self, driftsherre: Driftsherre, aar: int) -> bool:
        """May the user see `driftsherre`'s figures for `aar`?"""
        if self.ser_udkast(driftsherre):
            return True
        p = self.profil
        return (
            p is not None
            and p.rammeaftale_id == driftsherre.rammeaftale_id
            and (driftsherre.pk, aar) in self.offentlige
        )

    def ser_aendring(self, driftsherre: Driftsherre, aar: int, tidspunkt: datetime) -> bool:
        """A history record of the operator's year, made at `tidspunkt`: to those who see only
        what is published, not before the published submission (before it, it was a draft)."""
        if self.ser_udkast(driftsherre):
            return True
        if not self(driftsherre, aar):
            return False
        fra = self.offentlige[(driftsherre.pk, aar)]
        return fra is None or tidspunkt >= fra

    def filtrer(self, qs: QuerySet[M], driftsherre: str, aar: str) -> QuerySet[M]:
        """`qs` narrowed to the rows the user may see; `driftsherre` and `aar` are the rows'
        lookups of their operator and year (e.g. "tilbud__driftsherre", "beslutningsdato__year")."""
        if self.superbruger:
            return qs
        p = self.profil
        if p is None:
            return qs.none()
        if p.rolle == Rolle.SEKRETARIAT:
            return qs.filter(**{f"{driftsherre}__rammeaftale_id": p.rammeaftale_id})
        pr_aar: dict[int, list[int]] = {}
        for d, a in self.offentlige:
            pr_aar.setdefault(a, []).append(d)
        synlig = Q(pk__in=[])
        for a, ids in pr_aar.items():
            synlig |= Q(**{aar: a, f"{driftsherre}__in": ids})
        if p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
            synlig |= Q(**{driftsherre: p.driftsherre_id})
        return qs.filter(synlig)


def offentliggjorte_aar(rammeaftale_id: int) -> dict[tuple[int, int], datetime | None]:
    """(operator id, year) → the published submission's time, for the pairs of the agreement
    published as they stand: the latest catalogues' operators (by name), the current reports."""
    seneste: dict[int, list[dict[str, Any]]] = {}
    for aar, medtaget in (
        Katalog.objects.filter(rammeaftale_id=rammeaftale_id)
        .order_by("aar", "-version")
        .values_list("aar", "indhold__driftsherrer")
    ):
        if aar not in seneste:
            seneste[aar] = medtaget if isinstance(medtaget, list) else []
    if not seneste:
        return {}
    driftsherre_id = dict(Driftsherre.objects.filter(rammeaftale_id=rammeaftale_id).values_list("navn", "pk"))
    indberetninger = {
        (d, a): (status, indsendt)
        for d, a, status, indsendt in Takstindberetning.objects.filter(
            driftsherre__rammeaftale_id=rammeaftale_id, aar__in=list(seneste)
        ).values_list("driftsherre_id", "aar", "status", "indsendt")
    }
    offentlige: dict[tuple[int, int], datetime | None] = {}
    for aar, medtaget in seneste.items():
        for m in medtaget:
            d = driftsherre_id.get(str(m.get("navn"))) if isinstance(m, dict) else None
            if d is None:
                continue
            status, indsendt = indberetninger.get((d, aar), (None, None))
            if status not in OFFENTLIGGJORT_STATUS:
                continue  # reopened since the publication: a draft again
            publiceret = m.get("indsendt")
            if publiceret and (indsendt is None or datetime.fromisoformat(publiceret) != indsendt):
                continue  # submitted again since the publication: not what was published
            offentlige[(d, aar)] = indsendt
    return offentlige


def kan_se_aar(bruger: Bruger, driftsherre: Driftsherre, aar: int) -> bool:
    """A year's figures of an operator's offers (`Aarsadgang`, for a single question)."""
    return Aarsadgang(bruger)(driftsherre, aar)


def bruger_objekt(request: HttpRequest) -> User | None:
    """The request's user as a `User` (None when anonymous), for "who did it" fields."""
    b = request.user
    return b if isinstance(b, User) else None
