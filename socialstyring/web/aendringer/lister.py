"""The list of in-year changes (`aendringer:aendring_liste`): the changes the user may read
(`selectors.synlige_aendringer`), newest decision first, with search, filters (operator, kind,
status, year of effect), sortable columns, paging and the Excel download (`lister.liste`)."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.aendringer.models import Aendring, Aendringsstatus
from socialstyring.web.aendringer.selectors import Kort
from socialstyring.web.lister.liste import Filter, Kolonne, Liste, tal


@dataclass(frozen=True)
class Aendringsraekke:
    aendring: Aendring
    kort: Kort

    @property
    def navn(self) -> str:
        """ "Solhaven – Botilbud": the offer and, for a change of one service, the service."""
        a = self.aendring
        return f"{a.tilbud.navn} – {a.ydelse.navn}" if a.ydelse else a.tilbud.navn


AENDRINGSLISTE: Liste[Aendringsraekke] = Liste(
    url_navn="aendringer:aendring_liste",
    titel="Ændringer i året",
    flertal="ændringer",
    kolonner=(
        Kolonne("tilbud", "Tilbud", lambda r: r.navn, bredde=40),
        Kolonne("driftsherre", "Driftsherre", lambda r: r.aendring.tilbud.driftsherre.navn, bredde=24),
        Kolonne("aendring", "Ændring", lambda r: r.aendring.get_type_display(), bredde=22),
        Kolonne("status", "Status", lambda r: r.aendring.get_status_display(), bredde=26),
        Kolonne("besluttet", "Besluttet", lambda r: r.aendring.afgoerelsesdato, art="dato", bredde=12),
        Kolonne("ikraft", "Ikrafttrædelse", lambda r: r.aendring.ikrafttraedelse, art="dato", bredde=14),
        Kolonne("takstforskel", "Takstforskel", lambda r: r.kort.takst_forskel or None, art="kr", bredde=14),
        Kolonne(
            "pladser", "Pladser", lambda r: tal(r.kort.pladser_forskel or None), art="decimal", bredde=10
        ),
        Kolonne(
            "merudgift",
            "Merudgift resten af året",
            lambda r: r.kort.merudgift_i_alt or None,
            art="kr",
            bredde=18,
        ),
        Kolonne("hoering", "Høring", lambda r: "Ja" if r.aendring.kraever_hoering else "Nej", bredde=8),
    ),
    soeg=lambda r: (r.navn, r.aendring.tilbud.driftsherre.navn, r.aendring.get_type_display()),
    filtre=(
        Filter(
            "driftsherre",
            "Driftsherre",
            "Alle driftsherrer",
            lambda r: [(str(r.aendring.tilbud.driftsherre_id), r.aendring.tilbud.driftsherre.navn)],
            id=True,
        ),
        Filter(
            "type",
            "Ændring",
            "Alle slags ændringer",
            lambda r: [(r.aendring.type, r.aendring.get_type_display())],
            orden=tuple(t.value for t in Aendringstype),
        ),
        Filter(
            "status",
            "Status",
            "Alle statusser",
            lambda r: [(r.aendring.status, r.aendring.get_status_display())],
            orden=tuple(Aendringsstatus.values),
        ),
        Filter(
            "aar",
            "Ikrafttrædelse",
            "Alle år",
            lambda r: [(str(r.aendring.ikrafttraedelse.year),) * 2],
        ),
    ),
)
