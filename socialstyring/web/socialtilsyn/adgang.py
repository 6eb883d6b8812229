"""Who may see and keep a supervision unit's figures (`rules` permissions).

- Every user of the agreement the host operator belongs to sees the unit's pages (`SE`): the
  municipalities pay its objective financing and its rates; another agreement's users get 404
  (`hent_enhed`).
- The agreement's secretariat and the host operator's staff enter and change the figures
  (`RETTE`, `register.adgang.kan_redigere`). A superuser may do everything.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import i_aftalen, kan_redigere, synlige_rammeaftaler
from socialstyring.web.socialtilsyn.models import Tilsynsenhed

SE = "socialtilsyn.se"
RETTE = "socialtilsyn.rette"


@predikat
def ser_enhed(bruger: Bruger, enhed: Tilsynsenhed) -> bool:
    return bool(i_aftalen(bruger, enhed.driftsherre))


@predikat
def retter_enhed(bruger: Bruger, enhed: Tilsynsenhed) -> bool:
    return bool(kan_redigere(bruger, enhed.driftsherre))


saet_regel(SE, ser_enhed)
saet_regel(RETTE, retter_enhed)


def hent_enhed(bruger: Bruger, enhed_id: int) -> Tilsynsenhed:
    """The unit if its host belongs to one of the user's agreements; 404 otherwise."""
    e = (
        Tilsynsenhed.objects.select_related("driftsherre__rammeaftale")
        .filter(pk=enhed_id, driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if e is None:
        raise Http404("Socialtilsynet findes ikke.")
    return e
