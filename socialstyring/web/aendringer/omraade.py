"""In-year changes in the house: the menu item Ændringer and the front page's latest changes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.aendringer import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.aendringer.models import AABNE, Aendringsstatus
from socialstyring.web.aendringer.selectors import synlige_aendringer
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort, Menupunkt, Tilbudsafsnit
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud

SENESTE_AENDRINGER = 5


def _url(request: HttpRequest) -> str | None:
    return reverse("aendringer:aendring_liste") if adgang.har_rolle(adgang.bruger(request)) else None


def _kort(request: HttpRequest) -> dict[str, Any] | None:
    b = adgang.bruger(request)
    if not adgang.har_rolle(b):
        return None
    return {"aendringer": list(synlige_aendringer(b).order_by("-oprettet")[:SENESTE_AENDRINGER])}


def _tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any] | None:
    """The offer's in-year changes the user may read: those awaiting a decision, and the
    decided ones with the rate they set and from when."""
    b = adgang.bruger(request)
    synlige = synlige_aendringer(b).filter(tilbud=tilbud)
    if not synlige.exists():
        return None
    return {
        "tilbud": tilbud,
        "afventende": list(synlige.filter(status__in=AABNE).order_by("beslutningsdato", "pk")),
        "besluttede": list(
            synlige.filter(status=Aendringsstatus.BESLUTTET).order_by("-ikrafttraedelse", "-pk")[
                :SENESTE_AENDRINGER
            ]
        ),
    }


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt("aendringer", "Ændringer", 50, _url, lambda r: "Ændringer i året", ("aendringer:",))
    )
    omraader.forsidekort(Forsidekort("aendringer", 70, "aendringer/_forsidekort.html", _kort))
    omraader.tilbudsafsnit(Tilbudsafsnit("aendringer", 50, "aendringer/_tilbudsafsnit.html", _tilbudsafsnit))
