"""Who makes, sends and sees the statements (`rules` permissions).

- **Make and send** an operator's statements, and see them before they are sent
  (`LAVE` on a `Driftsherre`): the operator's own staff. No one else sees a draft.
- **See a sent statement** (`SE_SENDT` on an `Afregning`): the operator's staff and the staff
  of the paying municipality (role `kommune`); the municipality sees only what was sent.
- **The statements a municipality received** (`SE_MODTAGNE` on a `Kommune`): its own staff.
- **Totals per operator and municipality** (`SE_TOTALER` on a `Rammeaftale`): the agreement's
  secretariat; it sees no citizen and no line.
- Readers see nothing of it. A superuser sees and does everything. A statement of another
  agreement's operator does not exist for the user (404, `selectors.hent_afregning`).
"""

from __future__ import annotations

from typing import Any

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import (
    brugerens_kommune_id,
    er_egen_driftsherre,
    er_sekretariat,
    er_superbruger,
)
from socialstyring.web.register.models import Kommune

LAVE = "afregning.lave"
SE_SENDT = "afregning.se_sendt"
SE_MODTAGNE = "afregning.se_modtagne"
SE_TOTALER = "afregning.se_totaler"


@predikat
def er_kommunens(bruger: Bruger, kommune: Kommune) -> bool:
    """Staff of this municipality (or a superuser)."""
    return bool(er_superbruger(bruger) or brugerens_kommune_id(bruger) == kommune.pk)


@predikat
def ser_sendt(bruger: Bruger, afregning: Any) -> bool:
    """The sending operator's staff or the paying municipality's (or a superuser)."""
    if er_superbruger(bruger):
        return True
    k = brugerens_kommune_id(bruger)
    if k is not None:
        return bool(k == afregning.betalingskommune_id)
    return bool(er_egen_driftsherre(bruger, afregning.driftsherre))


saet_regel(LAVE, er_superbruger | er_egen_driftsherre)
saet_regel(SE_SENDT, ser_sendt)
saet_regel(SE_MODTAGNE, er_kommunens)
saet_regel(SE_TOTALER, er_sekretariat)
