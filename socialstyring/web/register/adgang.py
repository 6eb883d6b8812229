"""Who may see and edit what. Every view asks here; nothing else decides access.

Roles (`Brugerprofil.rolle`):
- sekretariat: all data of its framework agreement, read and write;
- driftsherre (operator staff): edit its own operator's offers and rate reports; read
  the register and what is published in its agreement;
- laeser (reader): read the register and what is published in its agreement.
A user without a profile sees nothing; a superuser sees and edits everything.
A draft (an unsubmitted or unpublished rate report, a rate calculation of a year whose
catalogue is not published) is seen only by its own operator and the secretariat.

A year's figures of an offer (places, occupancy, rate, category and their traces) are a
draft until the agreement's catalogue for that year is published (`takster.Katalog`):
before that only the operator and the secretariat see them (`kan_se_aar`, `Aarsadgang`).
The management information of a pair of years (`kan_se_ledelsesinfo`) follows the same
rule for the agreement as a whole: every role of the agreement once both years are
published, the secretariat always.

Views answer 404 for an offer or agreement outside the user's agreement (`hent_tilbud`,
`hent_rammeaftale`), and 403
(`kraev`) when the user may see the offer but not do what was asked.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from socialstyring.web.register.models import Brugerprofil, Driftsherre, Rammeaftale, Rolle, Tilbud
from socialstyring.web.takster.models import Katalog, Takstberegning

Bruger = User | AnonymousUser


def bruger(request: HttpRequest) -> Bruger:
    """The request's user, typed for the checks below."""
    b = request.user
    assert isinstance(b, (User, AnonymousUser))
    return b


def profil(bruger: Bruger) -> Brugerprofil | None:
    if not bruger.is_authenticated:
        return None
    try:
        return Brugerprofil.objects.select_related("rammeaftale", "driftsherre").get(bruger=bruger)
    except Brugerprofil.DoesNotExist:
        return None


def er_superbruger(bruger: Bruger) -> bool:
    return bool(bruger.is_authenticated and getattr(bruger, "is_superuser", False))


def rolle(bruger: Bruger) -> str | None:
    p = profil(bruger)
    return p.rolle if p else None


def synlige_rammeaftaler(bruger: Bruger) -> QuerySet[Rammeaftale]:
    if er_superbruger(bruger):
        return Rammeaftale.objects.all()
    p = profil(bruger)
    return Rammeaftale.objects.filter(pk=p.rammeaftale_id) if p else Rammeaftale.objects.none()


def synlige_tilbud(bruger: Bruger) -> QuerySet[Tilbud]:
    """The register of offers is readable by every role within its own agreement."""
    return Tilbud.objects.filter(driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger))


def er_sekretariat(bruger: Bruger, rammeaftale: Rammeaftale) -> bool:
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.SEKRETARIAT and p.rammeaftale_id == rammeaftale.pk


def er_egen_driftsherre(bruger: Bruger, driftsherre: Driftsherre) -> bool:
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id == driftsherre.pk


def kan_se_udkast(bruger: Bruger, driftsherre: Driftsherre) -> bool:
    """Drafts of an operator: its own staff and its agreement's secretariat."""
    return er_sekretariat(bruger, driftsherre.rammeaftale) or er_egen_driftsherre(bruger, driftsherre)


def kan_redigere(bruger: Bruger, driftsherre: Driftsherre) -> bool:
    """Register and rate data of an operator: its own staff and the secretariat."""
    return kan_se_udkast(bruger, driftsherre)


def kan_se_tilbud(bruger: Bruger, tilbud: Tilbud) -> bool:
    """The offer is in the register of the user's agreement."""
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and p.rammeaftale_id == tilbud.driftsherre.rammeaftale_id


def hent_tilbud(bruger: Bruger, tilbud_id: int) -> Tilbud:
    """The offer if the user may see it; 404 otherwise (an offer of another agreement
    does not exist for the user)."""
    try:
        return (
            synlige_tilbud(bruger).select_related("driftsherre__rammeaftale", "maalgruppe").get(pk=tilbud_id)
        )
    except Tilbud.DoesNotExist:
        raise Http404("Tilbuddet findes ikke.") from None


def er_offentliggjort(rammeaftale: Rammeaftale, aar: int) -> bool:
    """The agreement's catalogue of offers and rates for the year is published."""
    return Katalog.objects.filter(rammeaftale=rammeaftale, aar=aar).exists()


class Aarsadgang:
    """Which years' figures of which operators a user sees, worked out once per request:
    all years of the operators whose drafts the user sees, and the published years of
    every operator in the user's agreement."""

    def __init__(self, bruger: Bruger) -> None:
        self.superbruger = er_superbruger(bruger)
        self.profil = profil(bruger)
        self.offentliggjort: set[tuple[int, int]] = set(
            Katalog.objects.filter(rammeaftale__in=synlige_rammeaftaler(bruger)).values_list(
                "rammeaftale_id", "aar"
            )
        )

    def ser_udkast(self, driftsherre: Driftsherre) -> bool:
        p = self.profil
        if self.superbruger:
            return True
        if p is None:
            return False
        if p.rolle == Rolle.SEKRETARIAT:
            return p.rammeaftale_id == driftsherre.rammeaftale_id
        return p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id == driftsherre.pk

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


def kan_se_takstberegning(bruger: Bruger, tilbud: Tilbud, aar: int) -> bool:
    """The rate calculation (a budget: a draft) of an offer for a year: the operator and
    the secretariat; everyone in the agreement once the year's catalogue is published."""
    return kan_se_tilbud(bruger, tilbud) and kan_se_aar(bruger, tilbud.driftsherre, aar)


def synlige_takstberegninger(bruger: Bruger) -> QuerySet[Takstberegning]:
    """The rate calculations the user may see (`kan_se_takstberegning` as a query)."""
    qs = Takstberegning.objects.filter(tilbud__in=synlige_tilbud(bruger))
    if er_superbruger(bruger):
        return qs
    p = profil(bruger)
    if p is None:
        return qs.none()
    if p.rolle == Rolle.SEKRETARIAT:
        return qs
    offentliggjort = Q(
        Exists(
            Katalog.objects.filter(
                rammeaftale_id=OuterRef("tilbud__driftsherre__rammeaftale_id"), aar=OuterRef("aar")
            )
        )
    )
    if p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
        return qs.filter(offentliggjort | Q(tilbud__driftsherre_id=p.driftsherre_id))
    return qs.filter(offentliggjort)


def hent_rammeaftale(bruger: Bruger, kode: str) -> Rammeaftale:
    """The agreement if the user belongs to it; 404 otherwise (another agreement's
    aggregated information does not exist for the user)."""
    try:
        return synlige_rammeaftaler(bruger).get(kode=kode)
    except Rammeaftale.DoesNotExist:
        raise Http404("Rammeaftalen findes ikke.") from None


def kan_se_ledelsesinfo(bruger: Bruger, rammeaftale: Rammeaftale, forrige: int, aar: int) -> bool:
    """Management information of an agreement (aggregated over all its operators, but
    naming offers and operators with their figures): the agreement's secretariat always;
    its readers and operator staff once the catalogues of both years are published (until
    then a year's figures are drafts, which only the secretariat sees of every operator)."""
    if er_sekretariat(bruger, rammeaftale):
        return True
    p = profil(bruger)
    if p is None or p.rammeaftale_id != rammeaftale.pk:
        return False
    aarene = {forrige, aar}
    kataloger = Katalog.objects.filter(rammeaftale=rammeaftale, aar__in=aarene)
    return set(kataloger.values_list("aar", flat=True)) == aarene


def kraev(tilladt: bool) -> None:
    """Stop the request with 403 unless `tilladt`."""
    if not tilladt:
        raise PermissionDenied("Du har ikke adgang til dette.")
