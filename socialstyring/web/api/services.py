"""The API tokens' use cases: create (the token is returned once and only its hash kept),
revoke, and find the user of a presented token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from socialstyring.web.api.models import ApiNoegle

PRAEFIKS = "ssk_"
"""Every token starts with it, so a token found in a log or a file is recognisable."""


def noeglens_hash(noegle: str) -> bytes:
    return hashlib.sha256(noegle.encode("utf-8")).digest()


@dataclass(frozen=True)
class NyNoegle:
    noegle: ApiNoegle
    token: str  # shown once; not stored


@transaction.atomic
def opret_noegle(bruger: User, navn: str = "") -> NyNoegle:
    """A new token for `bruger` (its history names the user as the one who made it)."""
    token = PRAEFIKS + secrets.token_urlsafe(32)
    n = ApiNoegle(bruger=bruger, navn=navn, noegle_hash=noeglens_hash(token))
    n._history_user = bruger  # type: ignore[attr-defined]  # simple_history's hook outside a request
    n.full_clean(exclude=["noegle_hash"])
    n.save()
    return NyNoegle(n, token)


class UkendtNoegle(Exception):
    pass


@transaction.atomic
def tilbagekald(noegle_id: int, bruger: User | None = None) -> ApiNoegle:
    """Revoke a token (of `bruger` when given); `UkendtNoegle` when there is none such."""
    qs = ApiNoegle.objects.select_for_update().filter(pk=noegle_id)
    if bruger is not None:
        qs = qs.filter(bruger=bruger)
    n = qs.first()
    if n is None:
        raise UkendtNoegle(f"Der findes ingen API-nøgle {noegle_id}" + (f" for {bruger}." if bruger else "."))
    if n.tilbagekaldt is None:
        n.tilbagekaldt = timezone.now()
        n._history_user = n.bruger  # type: ignore[attr-defined]
        n.save()
    return n


def noeglens_bruger(token: str) -> User | None:
    """The active user owning `token`, None for an unknown, revoked or inactive one; its use
    is recorded (without a history row)."""
    if not token.startswith(PRAEFIKS) or len(token) > 200:
        return None
    n = (
        ApiNoegle.objects.select_related("bruger")
        .filter(noegle_hash=noeglens_hash(token), tilbagekaldt__isnull=True, bruger__is_active=True)
        .first()
    )
    if n is None:
        return None
    ApiNoegle.objects.filter(pk=n.pk).update(sidst_brugt=timezone.now())
    return n.bruger


def brugerens_noegler(bruger: User) -> list[ApiNoegle]:
    return list(ApiNoegle.objects.filter(bruger=bruger).order_by("pk"))
