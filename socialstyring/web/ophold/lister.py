"""The list of stays (`ophold:liste`): searched, filtered by offer, municipality and status,
sorted, paged and in Excel (`lister.liste`) — never with a CPR number: the citizen is the
pseudonym's short form and the birth year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialstyring.beregning.afregning.ophold import Opholdsstatus
from socialstyring.web.lister.liste import Filter, Kolonne, Liste
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.ophold.selectors import borgervisning, status


@dataclass(frozen=True)
class Opholdsraekke:
    ophold: Ophold
    status: Opholdsstatus

    @property
    def status_tekst(self) -> str:
        return self.status.label

    @property
    def borger(self) -> str:
        return borgervisning(self.ophold)


def _kommuner(r: Opholdsraekke) -> list[tuple[str, str]]:
    o = r.ophold
    return list(
        dict.fromkeys(
            [
                (str(o.betalingskommune_id), o.betalingskommune.navn),
                (str(o.handlekommune_id), o.handlekommune.navn),
            ]
        )
    )


OPHOLDSLISTE: Liste[Opholdsraekke] = Liste(
    url_navn="ophold:liste",
    titel="Ophold",
    flertal="ophold",
    standard="tilbud",
    kolonner=(
        Kolonne("borger", "Borger", lambda r: r.borger, bredde=18),
        Kolonne("foedt", "Født", lambda r: r.ophold.foedselsdato.year, art="heltal", bredde=8),
        Kolonne("tilbud", "Tilbud", lambda r: r.ophold.tilbud.navn, bredde=28),
        Kolonne("ydelse", "Ydelse", lambda r: r.ophold.ydelse.navn, bredde=24),
        Kolonne("betalingskommune", "Betalingskommune", lambda r: r.ophold.betalingskommune.navn, bredde=18),
        Kolonne("handlekommune", "Handlekommune", lambda r: r.ophold.handlekommune.navn, bredde=18),
        Kolonne("start", "Start", lambda r: r.ophold.start, art="dato", bredde=12),
        Kolonne("slut", "Slut", lambda r: r.ophold.slut, art="dato", bredde=12),
        Kolonne("status", "Status", lambda r: r.status.label, bredde=12),
    ),
    soeg=lambda r: (
        r.borger,
        r.ophold.tilbud.navn,
        r.ophold.ydelse.navn,
        r.ophold.betalingskommune.navn,
        r.ophold.handlekommune.navn,
    ),
    filtre=(
        Filter(
            "tilbud",
            "Tilbud",
            "Alle tilbud",
            lambda r: [(str(r.ophold.tilbud_id), r.ophold.tilbud.navn)],
            id=True,
        ),
        Filter("kommune", "Kommune", "Alle kommuner", _kommuner, id=True),
        Filter(
            "status",
            "Status",
            "Alle",
            lambda r: [(r.status.value, r.status.label)],
            orden=tuple(Opholdsstatus),
        ),
    ),
)


def raekker(ophold: list[Ophold], dag: date) -> list[Opholdsraekke]:
    return [Opholdsraekke(o, status(o, dag)) for o in ophold]
