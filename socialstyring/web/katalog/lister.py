"""The published catalogue as a list (`katalog:katalog`): one row per service of every offer
(an offer without services: one row), in the published order, with search, filters (operator,
target group, category, report), sortable columns, paging and the Excel download of the rows
shown (`lister.liste`). The whole publication as its own workbook and PDF stays in `selectors`."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.web.katalog.selectors import Katalogvisning, Tilbudsvisning, Ydelsesvisning
from socialstyring.web.lister.liste import Filter, Kolonne, Liste, tal, valgnoegle


@dataclass(frozen=True)
class Katalograekke:
    tilbud: Tilbudsvisning
    ydelse: Ydelsesvisning | None  # None: the offer has no services


def katalograekker(k: Katalogvisning) -> list[Katalograekke]:
    return [Katalograekke(t, y) for t in k.tilbud for y in (t.ydelser or (None,))]


def _valg(tekst: str) -> list[tuple[str, str]]:
    return [(valgnoegle(tekst), tekst)] if tekst else []


KATALOGLISTE: Liste[Katalograekke] = Liste(
    url_navn="katalog:katalog",
    titel="Tilbud og takster",
    flertal="ydelser",
    kolonner=(
        Kolonne("driftsherre", "Driftsherre", lambda r: r.tilbud.driftsherre, bredde=24),
        Kolonne("tilbud", "Tilbud", lambda r: r.tilbud.navn, bredde=32),
        Kolonne("lovgrundlag", "Lovgrundlag", lambda r: r.tilbud.paragraf, bredde=14),
        Kolonne("maalgruppe", "Målgruppe", lambda r: r.tilbud.maalgruppe or None, bredde=22),
        Kolonne("kategori", "Kategori", lambda r: r.tilbud.kategori or None, bredde=28),
        Kolonne("ydelse", "Ydelse", lambda r: r.ydelse.navn if r.ydelse else "Ingen ydelser", bredde=32),
        Kolonne("pladser", "Pladser", lambda r: tal(r.ydelse.pladser if r.ydelse else None), art="decimal"),
        Kolonne(
            "belaegning",
            "Budgetteret belægning %",
            lambda r: tal(r.ydelse.belaegning_pct if r.ydelse else None),
            art="decimal",
            bredde=12,
        ),
        Kolonne("takst", "Takst", lambda r: r.ydelse.takst if r.ydelse else None, art="kr", bredde=14),
        Kolonne("enhed", "Enhed", lambda r: r.ydelse.takstenhed if r.ydelse else None, bredde=14),
        Kolonne("indberetning", "Indberetning", lambda r: r.tilbud.indberetning, bredde=22),
    ),
    soeg=lambda r: (
        r.tilbud.driftsherre,
        r.tilbud.navn,
        r.tilbud.paragraf,
        r.tilbud.maalgruppe,
        r.tilbud.kategori,
        r.ydelse.navn if r.ydelse else "",
    ),
    filtre=(
        Filter("driftsherre", "Driftsherre", "Alle driftsherrer", lambda r: _valg(r.tilbud.driftsherre)),
        Filter("maalgruppe", "Målgruppe", "Alle målgrupper", lambda r: _valg(r.tilbud.maalgruppe)),
        Filter("kategori", "Kategori", "Alle kategorier", lambda r: _valg(r.tilbud.kategori)),
        Filter("indberetning", "Indberetning", "Alle indberetninger", lambda r: _valg(r.tilbud.indberetning)),
    ),
)
