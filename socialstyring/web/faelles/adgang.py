"""Access rules, declared one way (django-rules predicates) and asked one way.

- An area declares its rules in its `adgang.py`: predicates built from `register.adgang`'s
  building blocks (`kan_redigere`, `er_sekretariat`, …, or its own `@predikat`), named as
  permissions: `saet_regel("indberetning.indsende", kan_redigere)`.
- A view asks `kraev(request, "indberetning.indsende", driftsherre)`, which answers 403
  unless the rule allows it, or `har(request, …)` to decide what to show; `kraev(tilladt)`
  stops on a decision already made. Whether an object exists for the user at all (404) is
  decided when it is fetched (`register.adgang.hent_*`).

This module wraps the `rules` package (untyped) so the rest of the code is type-checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast, overload

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rules import permissions as _tilladelser
from rules import predicates as _predikater

Bruger = User | AnonymousUser
Predikat = _predikater.Predicate
"""A rule: callable as `p(bruger)` or `p(bruger, objekt)`; combine with `|`, `&` and `~`."""


def predikat(fn: Callable[..., bool]) -> Predikat:
    """Make a function of (bruger) or (bruger, objekt) a rule."""
    return cast(Predikat, _predikater.predicate(fn))  # type: ignore[no-untyped-call]


def saet_regel(navn: str, regel: Predikat) -> None:
    """Name a rule as the permission `navn` ("omraade.handling"); declaring it again replaces it."""
    _tilladelser.set_perm(navn, regel)  # type: ignore[no-untyped-call]


def bruger(request: HttpRequest) -> Bruger:
    """The request's user, typed for the checks."""
    b = request.user
    assert isinstance(b, (User, AnonymousUser))
    return b


def har(request_eller_bruger: HttpRequest | Bruger, tilladelse: str, objekt: Any = None) -> bool:
    """Does the rule named `tilladelse` allow the user (for `objekt`)?"""
    b = (
        bruger(request_eller_bruger)
        if isinstance(request_eller_bruger, HttpRequest)
        else request_eller_bruger
    )
    if not _tilladelser.perm_exists(tilladelse):  # type: ignore[no-untyped-call]
        raise KeyError(f"ukendt adgangsregel '{tilladelse}'")
    args = (b,) if objekt is None else (b, objekt)
    return bool(_tilladelser.has_perm(tilladelse, *args))  # type: ignore[no-untyped-call]


@overload
def kraev(tilladt: bool, /) -> None: ...
@overload
def kraev(request: HttpRequest, tilladelse: str, objekt: Any = None, /) -> None: ...
def kraev(a: bool | HttpRequest, tilladelse: str | None = None, objekt: Any = None, /) -> None:
    """Stop the request with 403 unless allowed (see the module's docstring)."""
    tilladt = a if isinstance(a, bool) else har(a, str(tilladelse), objekt)
    if not tilladt:
        raise PermissionDenied("Du har ikke adgang til dette.")
