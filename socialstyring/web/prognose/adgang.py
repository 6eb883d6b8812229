"""Who may see and change a municipality's expenditure forecasts (`rules` permissions).

- The municipality's own staff (role `kommune`) see and change its forecasts (`SE`, `RETTE` on
  a `Kommune`); a superuser may do everything.
- Everyone else gets 404: a forecast, or a municipality's list of forecasts, does not exist for
  them (`hent_prognose`, `hent_kommune`) — other municipalities of the same agreement too.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.prognose.models import Prognose
from socialstyring.web.register.adgang import brugerens_kommune_id, er_kommunemedarbejder, er_superbruger
from socialstyring.web.register.models import Kommune

SE = "prognose.se"
RETTE = "prognose.rette"


@predikat
def er_kommunens(bruger: Bruger, kommune: Kommune) -> bool:
    """Staff of this municipality (or a superuser)."""
    if er_superbruger(bruger):
        return True
    return bool(er_kommunemedarbejder(bruger) and brugerens_kommune_id(bruger) == kommune.pk)


saet_regel(SE, er_kommunens)
saet_regel(RETTE, er_kommunens)


def hent_kommune(bruger: Bruger, kommune_id: int) -> Kommune:
    """The municipality if the user is its staff (or a superuser); 404 otherwise."""
    k = Kommune.objects.select_related("rammeaftale").filter(pk=kommune_id).first()
    if k is None or not er_kommunens(bruger, k):
        raise Http404("Kommunen findes ikke.")
    return k


def hent_prognose(bruger: Bruger, prognose_id: int) -> Prognose:
    """The forecast if the user is staff of its municipality (or a superuser); 404 otherwise."""
    p = Prognose.objects.select_related("kommune__rammeaftale").filter(pk=prognose_id).first()
    if p is None or not er_kommunens(bruger, p.kommune):
        raise Http404("Prognosen findes ikke.")
    return p
