"""The demo's inter-municipal billing: Herning Kommune (demo user `herning`) has sent its
statement for January 2018 to Randers Kommune, so `randers_kommune` sees it under Afregning.

DEMODATA. The statement is made by the area's own service (`afregning.services.send_opgoerelse`)
from the demo's stays (demo/ophold.py) and the register's 2018 rates, sent on a fixed day
(5 February 2018, so the claim is in time). Loading twice writes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from socialstyring.demo.region import Indlaesning

AAR: Final = 2018
MAANED: Final = 1
DRIFTSHERRE: Final = "Herning Kommune"
BRUGERNAVN: Final = "herning"
RANDERS: Final = 730
SENDT: Final = datetime(2018, 2, 5, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def indlaes_afregning(resultat: Indlaesning) -> None:
    """Send Herning's January 2018 statement to Randers once (inside the demo's transaction)."""
    from django.contrib.auth import get_user_model

    from socialstyring.web.afregning.selectors import versioner
    from socialstyring.web.afregning.services import send_opgoerelse
    from socialstyring.web.register.models import Driftsherre, Kommune

    driftsherre = Driftsherre.objects.get(navn=DRIFTSHERRE)
    kommune = Kommune.objects.get(kode=RANDERS)
    if versioner(driftsherre, kommune, AAR, MAANED):
        return
    bruger = get_user_model().objects.get(username=BRUGERNAVN)
    send_opgoerelse(bruger, driftsherre, kommune, AAR, MAANED, 0, SENDT)
    resultat.nye["afregning"] += 1
