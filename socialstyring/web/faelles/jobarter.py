"""The kinds of background job (jobarter), run by `web/jobber`: each area registers its own in
its `AppConfig.ready` (`registrer`), with the function that does the work. The function gets a
`Jobkontekst` (the job's parameters, who started it, a progress callback) and returns a
`Jobresultat` (a summary of labelled Danish values and, when there is one, a file) or raises
`Jobfejl` with a Danish message for the user."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User


class Jobfejl(Exception):
    """The job cannot be done; the message (Danish) is shown on the job's page."""


@dataclass
class Jobkontekst:
    parametre: dict[str, Any]
    bruger: User | None
    fremskridt: Callable[[int, int, str], None]
    """`fremskridt(udfoert, i_alt, tekst)`: how far the job has come (shown on its page)."""


@dataclass
class Jobresultat:
    resume: list[tuple[str, str]] = field(default_factory=list)
    """What the job found, as (label, value) in Danish, shown on the job's page."""
    fil: bytes | None = None
    filnavn: str = ""
    filtype: str = ""


Jobfunktion = Callable[[Jobkontekst], Jobresultat]


@dataclass(frozen=True)
class Jobart:
    noegle: str
    navn: str
    funktion: Jobfunktion | str
    """The function, or its "module:name" (imported when such a job runs)."""

    def koer(self, k: Jobkontekst) -> Jobresultat:
        f = self.funktion
        if isinstance(f, str):
            modul, navn = f.split(":")
            f = getattr(importlib.import_module(modul), navn)
        assert callable(f)
        resultat = f(k)
        assert isinstance(resultat, Jobresultat)
        return resultat


_arter: dict[str, Jobart] = {}


def registrer(art: Jobart) -> None:
    _arter[art.noegle] = art


def hent(noegle: str) -> Jobart:
    try:
        return _arter[noegle]
    except KeyError:
        raise Jobfejl(f"Ukendt slags job: '{noegle}'.") from None


def alle() -> list[Jobart]:
    return sorted(_arter.values(), key=lambda a: a.navn)
