"""Who may see and keep a Børnehus' figures (`rules` permissions).

- Every user of the agreement the host operator belongs to sees the unit's pages (`SE`):
  the municipalities finance it, so its budget, rate and key figures are theirs to read;
  another agreement's users get 404 (`hent_boernehus`).
- The agreement's secretariat and the host operator's staff enter and change the figures
  (`RETTE`, `register.adgang.kan_redigere`). A superuser may do everything.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.boernehus.models import Boernehus
from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import i_aftalen, kan_redigere, synlige_rammeaftaler

SE = "boernehus.se"
RETTE = "boernehus.rette"


@predikat
def ser_boernehus(bruger: Bruger, boernehus: Boernehus) -> bool:
    return bool(i_aftalen(bruger, boernehus.driftsherre))


@predikat
def retter_boernehus(bruger: Bruger, boernehus: Boernehus) -> bool:
    return bool(kan_redigere(bruger, boernehus.driftsherre))


saet_regel(SE, ser_boernehus)
saet_regel(RETTE, retter_boernehus)


def hent_boernehus(bruger: Bruger, boernehus_id: int) -> Boernehus:
    """The unit if its operator belongs to one of the user's agreements; 404 otherwise."""
    b = (
        Boernehus.objects.select_related("driftsherre__rammeaftale")
        .filter(pk=boernehus_id, driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if b is None:
        raise Http404("Børnehuset findes ikke.")
    return b
