"""The secretariat's overview as a list (`indberetning:indberetning_oversigt`): every operator
of its agreements with its report's status, searchable, filtered, sorted, paged, in Excel."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from socialstyring.web.indberetning.selectors import STATUSRAEKKEFOELGE, Oversigtsraekke
from socialstyring.web.lister.liste import Filter, Kolonne, Liste


def _dag(t: datetime | None) -> date | None:
    return timezone.localdate(t) if t else None


def _paamindet(r: Oversigtsraekke) -> datetime | None:
    """When the last reminder was sent, in local time (Excel holds no time zone)."""
    p = r.sidste_paamindelse
    return timezone.localtime(p.sendt).replace(tzinfo=None) if p else None


INDBERETNINGSLISTE: Liste[Oversigtsraekke] = Liste(
    url_navn="indberetning:indberetning_oversigt",
    titel="Takstindberetninger",
    flertal="driftsherrer",
    standard="driftsherre",
    kolonner=(
        Kolonne("driftsherre", "Driftsherre", lambda r: r.driftsherre.navn, bredde=28),
        Kolonne("rammeaftale", "Rammeaftale", lambda r: r.driftsherre.rammeaftale.navn, bredde=26),
        Kolonne("status", "Status", lambda r: r.status_tekst, bredde=22),
        Kolonne("ydelser", "Ydelser", lambda r: r.antal_ydelser, art="heltal", bredde=10),
        Kolonne("prissat", "Prissat", lambda r: r.antal_prissat, art="heltal", bredde=10),
        Kolonne("markeringer", "Markeringer", lambda r: r.antal_markeringer, art="heltal", bredde=12),
        Kolonne("fejl", "Fejl", lambda r: r.antal_fejl, art="heltal", bredde=8),
        Kolonne("indsendt", "Indsendt", lambda r: _dag(r.indsendt), art="dato"),
        Kolonne("frist", "Frist", lambda r: r.frist_status or None, bredde=24),
        Kolonne("paamindelse", "Seneste påmindelse", _paamindet, art="dato", bredde=18),
    ),
    soeg=lambda r: (r.driftsherre.navn, r.driftsherre.rammeaftale.navn, r.status_tekst),
    filtre=(
        Filter(
            "status",
            "Status",
            "Alle statusser",
            lambda r: [(str(r.status), r.status_tekst)],
            orden=tuple(s for s, _ in STATUSRAEKKEFOELGE),
        ),
        Filter(
            "frist",
            "Frist",
            "Alle",
            lambda r: [("for-sent", "Overskredet")] if r.for_sent else [("ok", "Ikke overskredet")],
            orden=("for-sent", "ok"),
        ),
        Filter(
            "aftale",
            "Rammeaftale",
            "Alle rammeaftaler",
            lambda r: [(r.driftsherre.rammeaftale.kode, r.driftsherre.rammeaftale.navn)],
        ),
    ),
)
