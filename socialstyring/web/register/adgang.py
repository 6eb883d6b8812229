"""Who may see and edit what. Every view asks here; nothing else decides access.

Roles (`Brugerprofil.rolle`):
- sekretariat: all data of its framework agreement, read and write;
- driftsherre (operator staff): edit its own operator's offers and rate reports; read
  the register and what is published in its agreement;
- laeser (reader): read the register and what is published in its agreement.
A user without a profile sees nothing; a superuser sees and edits everything.
A draft (an unsubmitted or unpublished rate report, a rate calculation of a year whose
catalogue is not published) is seen only by its own operator and the secretariat.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from socialstyring.web.register.models import Brugerprofil, Driftsherre, Rammeaftale, Rolle, Tilbud

Bruger = User | AnonymousUser


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


def kraev(tilladt: bool) -> None:
    """Stop the request with 403 unless `tilladt`."""
    if not tilladt:
        raise PermissionDenied("Du har ikke adgang til dette.")
