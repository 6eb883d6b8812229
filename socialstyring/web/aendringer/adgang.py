"""Who may file in-year changes (`rules` permission on an operator, `Driftsherre`); a filed
change is read by every role of the agreement once its years are published, by the operator
and the secretariat always (`selectors.synlige_aendringer`, the register's year rule)."""

from __future__ import annotations

from socialstyring.web.aendringer.models import Aendring, Aendringsstatus
from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_sekretariat, kan_redigere

MELDE = "aendringer.melde"
"""File a change of the operator's offer: its staff and the secretariat."""

saet_regel(MELDE, kan_redigere)


@predikat
def _kan_beslutte(bruger: Bruger, aendring: Aendring) -> bool:
    """A change in hearing is decided by the forum: the secretariat records it. Any other
    change is the operator's own decision: its staff or the secretariat record it."""
    if aendring.status == Aendringsstatus.I_HOERING:
        return bool(er_sekretariat(bruger, aendring.tilbud))
    return bool(kan_redigere(bruger, aendring.tilbud.driftsherre))


BESLUTTE = "aendringer.beslutte"
"""Record the decision on (or the refusal of) a filed change."""

saet_regel(BESLUTTE, _kan_beslutte)
