"""The registry where each area (a Django app) plugs itself in: its menu items, its
front-page cards and its URLs (`omraadernes_urls`, found among the installed apps). Nothing
here knows any area; the navigation bar and the front page only show what the areas have
registered (in their `AppConfig.ready`), in their order.

    omraader.menupunkt(Menupunkt("katalog", "Katalog", 40, url=..., afsnit=("katalog:",)))
    omraader.forsidekort(Forsidekort("katalog", 60, "katalog/_forsidekort.html", kontekst=...))
    omraader.tilbudsafsnit(Tilbudsafsnit("aendringer", 50, "aendringer/_tilbudsafsnit.html", kontekst=...))

A menu item's `url(request)` returns None when the user may not use it (the area's access
rules decide); a card's `kontekst(request)` returns None (or an empty list) when the user
sees no such card, a dict for one card, or a list of dicts for several (one per agreement).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import Any, TypeVar

from django.apps import apps
from django.http import HttpRequest
from django.urls import include, path

R = TypeVar("R")


def en_gang_pr_forespoergsel(fn: Callable[[HttpRequest], R]) -> Callable[[HttpRequest], R]:
    """`fn(request)` worked out once per request and kept on it: a menu item asks for its URL
    and then its title, and a card may ask the same again."""
    noegle = f"_socialstyring_{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def husket(request: HttpRequest) -> R:
        if not hasattr(request, noegle):
            setattr(request, noegle, fn(request))
        return getattr(request, noegle)  # type: ignore[no-any-return]

    return husket


Kortkontekst = Any
"""What a card shows: None (no card), one object or dict, or a list of them (one card each)."""


@dataclass(frozen=True)
class Menupunkt:
    """One entry of the navigation bar."""

    noegle: str  # stable key (data-menu in the page)
    tekst: str
    raekkefoelge: int
    url: Callable[[HttpRequest], str | None]  # None: not shown to this user
    titel: Callable[[HttpRequest], str] = field(default=lambda request: "")
    afsnit: tuple[str, ...] = ()  # URL names (prefixes of "namespace:name") where the entry is active


@dataclass(frozen=True)
class Forsidekort:
    """One kind of card on the front page; `bred` cards come below the grid of cards."""

    noegle: str
    raekkefoelge: int
    skabelon: str
    kontekst: Callable[[HttpRequest], Kortkontekst]
    bred: bool = False


@dataclass(frozen=True)
class Tilbudsafsnit:
    """A section an area adds to an offer's page (e.g. the in-year changes): its template and
    its context for the offer and the user, None when the user sees no such section."""

    noegle: str
    raekkefoelge: int
    skabelon: str
    kontekst: Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass
class _Register:
    menu: dict[str, Menupunkt] = field(default_factory=dict)
    kort: dict[str, Forsidekort] = field(default_factory=dict)
    tilbudsafsnit: dict[str, Tilbudsafsnit] = field(default_factory=dict)
    brugertekst: list[Callable[[HttpRequest], str]] = field(default_factory=list)


_register = _Register()


def menupunkt(p: Menupunkt) -> None:
    """Register (or replace, by key) a menu item."""
    _register.menu[p.noegle] = p


def forsidekort(k: Forsidekort) -> None:
    """Register (or replace, by key) a kind of front-page card."""
    _register.kort[k.noegle] = k


def tilbudsafsnit(a: Tilbudsafsnit) -> None:
    """Register (or replace, by key) a section of the offer's page."""
    _register.tilbudsafsnit[a.noegle] = a


def tilbudsafsnittene(request: HttpRequest, tilbud: Any) -> list[tuple[str, dict[str, Any]]]:
    """The sections the areas add to `tilbud`'s page for this user: (template, context)."""
    ud = []
    for a in sorted(_register.tilbudsafsnit.values(), key=lambda a: (a.raekkefoelge, a.noegle)):
        kontekst = a.kontekst(request, tilbud)
        if kontekst is not None:
            ud.append((a.skabelon, kontekst))
    return ud


def brugertekst(f: Callable[[HttpRequest], str]) -> None:
    """Register how the header names the user's role ("Sekretariat, Rammeaftale Midtjylland");
    the first non-empty answer is shown."""
    if f not in _register.brugertekst:
        _register.brugertekst.append(f)


def menupunkter() -> list[Menupunkt]:
    return sorted(_register.menu.values(), key=lambda p: (p.raekkefoelge, p.noegle))


def kort() -> list[Forsidekort]:
    return sorted(_register.kort.values(), key=lambda k: (k.raekkefoelge, k.noegle))


def beskriv_bruger(request: HttpRequest) -> str:
    for f in _register.brugertekst:
        if tekst := f(request):
            return tekst
    return ""


def fjern(noegle: str) -> None:
    """Remove a menu item and a card by key (for tests that plug in an area of their own)."""
    _register.menu.pop(noegle, None)
    _register.kort.pop(noegle, None)
    _register.tilbudsafsnit.pop(noegle, None)


def omraadernes_urls() -> list[Any]:
    """Login/logout, then the URL patterns of every installed app that has a namespaced `urls`
    module (`app_name`), below the prefix its AppConfig names (`url_praefiks`, default none)."""
    from socialstyring.web.faelles.urls import login_urlpatterns

    moenstre: list[Any] = list(login_urlpatterns)
    for app in apps.get_app_configs():
        navn = f"{app.name}.urls"
        if find_spec(navn) is None:
            continue
        if getattr(importlib.import_module(navn), "app_name", None):
            moenstre.append(path(getattr(app, "url_praefiks", ""), include(navn)))
    return moenstre
