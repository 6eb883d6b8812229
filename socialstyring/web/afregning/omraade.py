"""The menu item Afregning: an operator's staff go to their statements of a month, a
municipality's staff to the statements sent to it, the secretariat to the totals of its
agreement; readers do not see it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.afregning import selectors
from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.register import adgang


def _url(request: HttpRequest) -> str | None:
    b = adgang.bruger(request)
    p = adgang.profil(b)
    if adgang.er_driftsherremedarbejder(b) and p is not None and p.driftsherre is not None:
        aar, maaned = selectors.standardmaaned(p.driftsherre)
        return reverse("afregning:maaned", args=[p.driftsherre.pk, aar, maaned])
    kommune = adgang.brugerens_kommune(b)
    if kommune is not None and adgang.er_kommunemedarbejder(b):
        return reverse("afregning:kommune", args=[kommune.pk, selectors.standardaar_kommune(kommune)])
    aftaler = adgang.sekretariatets_aftaler(b) if adgang.er_et_sekretariat(b) else []
    if aftaler:
        return reverse("afregning:aftale", args=[aftaler[0].kode, selectors.standardaar_aftale(aftaler[0])])
    return None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "afregning",
            "Afregning",
            37,
            _url,
            lambda r: "Mellemkommunal afregning: månedens opgørelser til betalingskommunerne",
            ("afregning:",),
        )
    )
