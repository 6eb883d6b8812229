"""An offer's history as a list (`historik:historik`): every change the user may see
(`selectors.historikposter`, on `Aarsadgang`), newest first, with search, filters (what,
who, kind of change), sortable columns, paging and the Excel download (`lister.liste`)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from socialstyring.web.historik.selectors import Historikpost
from socialstyring.web.lister.liste import Filter, Kolonne, Liste

HANDLINGER = {"+": ("oprettet", "Oprettet"), "~": ("aendret", "Ændret"), "-": ("slettet", "Slettet")}


def _tidspunkt(h: Historikpost) -> datetime:
    """When, in local time (Excel holds no time zone)."""
    return timezone.localtime(h.post.history_date).replace(tzinfo=None)


def _bruger(h: Historikpost) -> str:
    return h.post.history_user.get_username() if h.post.history_user else "system"


def _aendringer(h: Historikpost) -> str:
    """ "Takst: 1.811,00 kr. → 1.900,00 kr.; Pladser: 22" (a new record: its values)."""
    pil = h.post.history_type == "~"
    return "; ".join(
        f"{a.felt}: {a.foer} → {a.efter}" if pil else f"{a.felt}: {a.efter}" for a in h.aendringer
    )


HISTORIKLISTE: Liste[Historikpost] = Liste(
    url_navn="historik:historik",
    titel="Historik",
    flertal="ændringer",
    standard="-tidspunkt",
    kolonner=(
        Kolonne("tidspunkt", "Tidspunkt", _tidspunkt, art="dato", bredde=18),
        Kolonne("bruger", "Bruger", _bruger, bredde=16),
        Kolonne(
            "hvad",
            "Hvad",
            lambda h: f"{h.handling} {h.modelnavn.lower()} {h.objekt}, version {h.post.history_id}",
            bredde=48,
            sortering=lambda h: (h.modelnavn, h.objekt, h.post.history_id),
        ),
        Kolonne("aendringer", "Ændringer", _aendringer, bredde=80, sorterbar=False),
    ),
    soeg=lambda h: (h.modelnavn, h.objekt, _bruger(h), *(a.felt for a in h.aendringer)),
    filtre=(
        Filter("hvad", "Hvad", "Alt", lambda h: [(h.model, h.modelnavn)]),
        Filter("bruger", "Bruger", "Alle brugere", lambda h: [(_bruger(h), _bruger(h))]),
        Filter(
            "handling",
            "Handling",
            "Alle handlinger",
            lambda h: [HANDLINGER[h.post.history_type]],
            orden=("oprettet", "aendret", "slettet"),
        ),
    ),
)
