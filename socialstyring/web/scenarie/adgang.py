"""Who may see and build savings scenarios (`rules` permissions).

- Every user of the agreement reads its scenario sets (`SE`); another agreement's users get
  404 (`hent_saet`). The figures of the baseline are the year's figures the user may see
  (`register.adgang.Aarsadgang`: drafts to the operator and the secretariat, else what the
  catalogue published), so two users may see different baselines of the same set.
- The agreement's secretariat builds the sets (`RETTE`). A superuser may do everything.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_sekretariat, i_aftalen, synlige_rammeaftaler
from socialstyring.web.register.models import Rammeaftale
from socialstyring.web.scenarie.models import Scenariesaet

SE = "scenarie.se"
RETTE = "scenarie.rette"
OPRETTE = "scenarie.oprette"


@predikat
def ser_saet(bruger: Bruger, saet: Scenariesaet) -> bool:
    return bool(i_aftalen(bruger, saet.rammeaftale))


@predikat
def retter_saet(bruger: Bruger, saet: Scenariesaet) -> bool:
    return bool(er_sekretariat(bruger, saet.rammeaftale))


@predikat
def opretter_i(bruger: Bruger, aftale: Rammeaftale) -> bool:
    return bool(er_sekretariat(bruger, aftale))


saet_regel(SE, ser_saet)
saet_regel(RETTE, retter_saet)
saet_regel(OPRETTE, opretter_i)


def hent_saet(bruger: Bruger, saet_id: int) -> Scenariesaet:
    """The set if it belongs to one of the user's agreements; 404 otherwise."""
    s = (
        Scenariesaet.objects.select_related("rammeaftale")
        .filter(pk=saet_id, rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if s is None:
        raise Http404("Scenariesættet findes ikke.")
    return s
