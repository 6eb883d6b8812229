"""The navigation bar: a template context processor (settings `TEMPLATES`) that gives every
page `navigering`, a lazy `Navigering` that asks the registered menu items (`omraader`) the
first time a template shows the bar, so a page that never shows it (a PDF) costs nothing.

Which entries a user gets is each area's decision (its item's `url` returns None when the
user may not use it); this module only orders them and marks the active one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from socialstyring.web.faelles import omraader


@dataclass(frozen=True)
class Punkt:
    """One entry of the bar as shown."""

    noegle: str
    tekst: str
    url: str
    aktiv: bool
    titel: str = ""  # the link's tooltip


def _aktiv(request: HttpRequest, punkt: omraader.Menupunkt) -> bool:
    match = request.resolver_match
    return match is not None and any(match.view_name.startswith(p) for p in punkt.afsnit)


class Navigering:
    """The bar for one request (lazy: nothing is queried until a template asks)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def rolle_tekst(self) -> str:
        """ "Sekretariat, Rammeaftale Midtjylland", "Driftsherre: Aarhus Kommune", …"""
        if not self.request.user.is_authenticated:
            return ""
        return omraader.beskriv_bruger(self.request)

    @cached_property
    def punkter(self) -> list[Punkt]:
        if not self.request.user.is_authenticated:
            return []
        ud = []
        for p in omraader.menupunkter():
            url = p.url(self.request)
            if url is not None:
                ud.append(Punkt(p.noegle, p.tekst, url, _aktiv(self.request, p), p.titel(self.request)))
        return ud


def navigering(request: HttpRequest) -> dict[str, Navigering]:
    """Template context processor: `navigering` on every page."""
    return {"navigering": Navigering(request)}
