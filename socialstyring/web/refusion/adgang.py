"""Who may see and keep the reimbursement cases and claims (`rules` permissions).

- A municipality's staff (role `kommune`) see and keep their own municipality's citizens,
  monthly costs and claims (`SE`, `RETTE` on a `Kommune`); another municipality of the same
  agreement is 403, one of another agreement 404 (`selectors.hent_kommune`).
- The agreement's secretariat sees the totals per municipality of its agreement
  (`SE_TOTALER` on a `Rammeaftale`), never the citizens.
- Operators and readers see nothing of it. A superuser sees and keeps everything.
"""

from __future__ import annotations

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_sekretariat, er_superbruger, profil
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
