"""Who may see and keep the reimbursement cases and claims (`rules` permissions).

- A municipality's staff (role `kommune`) see and keep their own municipality's citizens,
  monthly costs and claims (`SE`, `RETTE` on a `Kommune`); another municipality of the same
  agreement is 403, one of another agreement 404 (`hent_kommune`).
- The agreement's secretariat sees the totals per municipality of its agreement
  (`SE_TOTALER` on a `Rammeaftale`), never the citizens.
- Operators and readers see nothing of it. A superuser sees and keeps everything.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_sekretariat, er_superbruger, profil, synlige_rammeaftaler
from socialstyring.web.register.models import Kommune, Rolle

SE = "refusion.se"
"""See a municipality's cases, claims and forecast: its own staff."""
RETTE = "refusion.rette"
"""Enter costs and submit claims for a municipality: its own staff."""
SE_TOTALER = "refusion.se_totaler"
"""See the claims' totals per municipality of an agreement: its secretariat."""


@predikat
def er_kommunens(bruger: Bruger, kommune: Kommune) -> bool:
    """Staff of this municipality (or a superuser)."""
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and p.rolle == Rolle.KOMMUNE and p.kommune_id == kommune.pk


saet_regel(SE, er_kommunens)
saet_regel(RETTE, er_kommunens)
saet_regel(SE_TOTALER, er_sekretariat)


def hent_kommune(bruger: Bruger, kommune_id: int) -> Kommune:
    """The municipality if it belongs to one of the user's agreements; 404 otherwise."""
    k = (
        Kommune.objects.select_related("rammeaftale")
        .filter(pk=kommune_id, rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if k is None:
        raise Http404("Kommunen findes ikke.")
    return k
