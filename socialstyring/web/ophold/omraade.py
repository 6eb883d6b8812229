"""Stays in the house: the menu item Ophold (the stays for a municipality's and an operator's
staff, the counts for the secretariat) and the offer page's section with the count of current
stays."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Menupunkt, Tilbudsafsnit
from socialstyring.web.ophold import adgang as regler
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.ophold.selectors import aktuelle, synlige_ophold
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud


def _url(request: HttpRequest) -> str | None:
    b = adgang.bruger(request)
    if regler.har_ophold(b):
        return reverse("ophold:liste")
    if adgang.sekretariatets_aftaler(b):
        return reverse("ophold:optaelling")
    return None


def _tilbudsafsnit(request: HttpRequest, tilbud: Tilbud) -> dict[str, Any] | None:
    """The count of current stays in the offer: all of them for its operator's staff and the
    secretariat, the municipality's own for a municipality's staff; nothing for readers."""
    b = adgang.bruger(request)
    dag = date.today()
    link: str | None
    if regler.har_ophold(b):
        qs = synlige_ophold(b).filter(tilbud=tilbud)
        # the list filtered by the offer, when the user has stays in it (the list offers only
        # the offers of its rows: another would be a 400)
        link = reverse("ophold:liste") + f"?tilbud={tilbud.pk}" if qs.exists() else None
    elif adgang.er_sekretariat(b, tilbud):
        qs = Ophold.objects.filter(tilbud=tilbud)
        link = reverse("ophold:optaelling")
    else:
        return None
    return {
        "tilbud": tilbud,
        "aktuelle": aktuelle(qs, dag).count(),
        "i_alt": qs.count(),
        "dag": dag,
        "link": link,
    }


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt("ophold", "Ophold", 38, _url, lambda r: "Borgernes ophold i tilbud", ("ophold:",))
    )
    omraader.tilbudsafsnit(Tilbudsafsnit("ophold", 45, "ophold/_tilbudsafsnit.html", _tilbudsafsnit))
