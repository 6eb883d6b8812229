"""Who may see and keep an objectively financed national offer's figures (`rules` permissions).

- Everyone in the agreement that follows the offer sees its years (`SE`): the figures are
  public (what every municipality pays).
- The agreement's secretariat enters and changes them (`RETTE`); the offer's operator
  (Kofoedsminde: Region Sjælland) is outside the agreement and has no users here.
- Another agreement's offer does not exist for the user (404, `hent_tilbud`).
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.landsdaekkende.models import LandsdaekkendeTilbud
from socialstyring.web.register.adgang import er_sekretariat, i_aftalen, synlige_rammeaftaler

SE = "landsdaekkende.se"
RETTE = "landsdaekkende.rette"


@predikat
def ser(bruger: Bruger, tilbud: LandsdaekkendeTilbud) -> bool:
    return bool(i_aftalen(bruger, tilbud.rammeaftale))


@predikat
def retter(bruger: Bruger, tilbud: LandsdaekkendeTilbud) -> bool:
    return bool(er_sekretariat(bruger, tilbud.rammeaftale))


saet_regel(SE, ser)
saet_regel(RETTE, retter)


def synlige(bruger: Bruger) -> list[LandsdaekkendeTilbud]:
    return list(
        LandsdaekkendeTilbud.objects.select_related("rammeaftale").filter(
            rammeaftale__in=synlige_rammeaftaler(bruger)
        )
    )


def hent_tilbud(bruger: Bruger, tilbud_id: int) -> LandsdaekkendeTilbud:
    """The offer if it is followed by the user's agreement; 404 otherwise."""
    t = (
        LandsdaekkendeTilbud.objects.select_related("rammeaftale")
        .filter(pk=tilbud_id, rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if t is None:
        raise Http404("Tilbuddet findes ikke.")
    return t
