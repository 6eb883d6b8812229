"""Who may read and keep a layer of the rulebook (`rules` permissions on a layer's code:
"national" or an agreement's, e.g. "midtjylland").

- Every role reads the national layer and its own agreement's layer; another agreement's
  layer does not exist for it (404, `hent_lag`).
- An agreement's layer is kept (values entered, changed, deleted, restored) by its
  secretariat.
- The national layer is kept by a national administrator: a Django superuser (`is_superuser`,
  created with `python -m socialstyring.web.manage createsuperuser`), who also keeps every
  agreement's layer. No secretariat keeps the national values.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.regler import LAG
from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_superbruger, profil
from socialstyring.web.register.models import Rolle

SE = "regelbog.se"
"""Read a layer: the national one every role, an agreement's its own roles."""
RETTE = "regelbog.rette"
"""Keep a layer's values: an agreement's its secretariat, the national one a national administrator."""


@predikat
def kan_se_lag(bruger: Bruger, lag: str) -> bool:
    if lag not in LAG:
        return False
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return p is not None and (lag == "national" or p.rammeaftale.kode == lag)


@predikat
def kan_rette_lag(bruger: Bruger, lag: str) -> bool:
    if lag not in LAG:
        return False
    if er_superbruger(bruger):
        return True
    p = profil(bruger)
    return lag != "national" and p is not None and p.rolle == Rolle.SEKRETARIAT and p.rammeaftale.kode == lag


saet_regel(SE, kan_se_lag)
saet_regel(RETTE, kan_rette_lag)


def hent_lag(bruger: Bruger, lag: str) -> str:
    """The layer if the user may read it; 404 otherwise (another agreement's rulebook does
    not exist for the user)."""
    if not kan_se_lag(bruger, lag):
        raise Http404("Regelbogen findes ikke.")
    return lag


def synlige_lag(bruger: Bruger) -> list[str]:
    """The layers the user reads: its agreement's first, then the national one."""
    return sorted((lag for lag in LAG if kan_se_lag(bruger, lag)), key=lambda lag: (lag == "national", lag))
