"""A municipality's citizens of a year as a list (`refusion:kommune`): searched by key or
household, filtered by scheme, sorted, paged and in Excel (`lister.liste`)."""

from __future__ import annotations

from socialstyring.web.lister.liste import Filter, Kolonne, Liste
from socialstyring.web.refusion.models import ORDNING_VALG
from socialstyring.web.refusion.selectors import Borgerlinje

ORDNINGER = dict(ORDNING_VALG)

BORGERLISTE: Liste[Borgerlinje] = Liste(
    url_navn="refusion:kommune",
    titel="Særligt dyre enkeltsager",
    flertal="borgere",
    standard="noegle",
    kolonner=(
        Kolonne("noegle", "Borger", lambda r: r.borger.noegle, bredde=20),
        Kolonne("ordning", "Ordning", lambda r: ORDNINGER.get(r.borger.ordning, r.borger.ordning)),
        Kolonne("husstand", "Husstand", lambda r: r.borger.husstand or None),
        Kolonne("maaneder", "Måneder", lambda r: r.maaneder, art="heltal"),
        Kolonne("brutto", "Udgift i året", lambda r: r.brutto, art="kr"),
        Kolonne("netto", "Efter indtægter og objektiv finansiering", lambda r: r.netto, art="kr"),
        Kolonne("engang", "Engangsudgifter", lambda r: r.engang, art="kr"),
    ),
    soeg=lambda r: (r.borger.noegle, r.borger.husstand),
    filtre=(
        Filter(
            "ordning",
            "Ordning",
            "Alle ordninger",
            lambda r: [(r.borger.ordning, ORDNINGER.get(r.borger.ordning, r.borger.ordning))],
            orden=tuple(ORDNINGER),
        ),
    ),
)
