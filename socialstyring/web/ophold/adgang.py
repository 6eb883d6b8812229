"""Who sees and changes stays (`rules` permissions on an `Ophold`, a `Tilbud` or an agreement).

- **See a stay** (`ophold.se`): the staff of a municipality that pays for it or acts for it
  (role `kommune`), and the staff of the operator of its offer. The secretariat sees no
  citizen: it sees the counts per offer and municipality (`ophold.se_optaelling`). Readers
  see nothing of stays.
- **Create, edit and import stays** (`ophold.rediger`): the paying municipality's staff (a
  stay it pays for; a new stay is created with the user's municipality as payer) and the
  operator's staff (a stay in its own offers). The acting municipality, when it is not the
  payer, reads but does not change: the payer is billed and answers for the data.
- A stay of another agreement does not exist for the user (404, `selectors.hent_ophold`);
  one of the user's agreement it may not see is 403.
"""

from __future__ import annotations

from typing import Any

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import brugerens_kommune_id, er_sekretariat, er_superbruger, profil
from socialstyring.web.register.models import Rolle

SE = "ophold.se"
REDIGERE = "ophold.rediger"
OPRETTE = "ophold.oprette"
SE_OPTAELLING = "ophold.se_optaelling"


def _driftsherre_id(bruger: Bruger) -> int | None:
    p = profil(bruger)
    return p.driftsherre_id if p is not None and p.rolle == Rolle.DRIFTSHERRE else None


@predikat
def ser_ophold(bruger: Bruger, ophold: Any) -> bool:
    if er_superbruger(bruger):
        return True
    k = brugerens_kommune_id(bruger)
    if k is not None:
        return k in (ophold.handlekommune_id, ophold.betalingskommune_id)
    d = _driftsherre_id(bruger)
    return d is not None and d == ophold.tilbud.driftsherre_id


@predikat
def retter_ophold(bruger: Bruger, ophold: Any) -> bool:
    if er_superbruger(bruger):
        return True
    k = brugerens_kommune_id(bruger)
    if k is not None:
        return bool(k == ophold.betalingskommune_id)
    d = _driftsherre_id(bruger)
    return d is not None and d == ophold.tilbud.driftsherre_id


@predikat
def opretter_ophold(bruger: Bruger) -> bool:
    """A municipality's or an operator's staff (or a superuser) may create and import stays."""
    kommune, driftsherre = brugerens_kommune_id(bruger), _driftsherre_id(bruger)
    return bool(er_superbruger(bruger) or kommune is not None or driftsherre is not None)


@predikat
def har_ophold(bruger: Bruger) -> bool:
    """Sees stays of citizens at all: a municipality's or an operator's staff (or a superuser)."""
    return bool(opretter_ophold(bruger))


saet_regel(SE, ser_ophold)
saet_regel(REDIGERE, retter_ophold)
saet_regel(OPRETTE, opretter_ophold)
saet_regel(SE_OPTAELLING, er_sekretariat)
