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
        Kolonne("noegle", "Borger", lambda r: r.noegle, bredde=20),
        Kolonne("ordning", "Ordning", lambda r: r.ordning_tekst),
        Kolonne("husstand", "Husstand", lambda r: r.husstand or None),
        Kolonne("maaneder", "Måneder", lambda r: r.maaneder, art="heltal"),
        Kolonne("afregnet", "Afregnet for opholdene", lambda r: r.afregnet, art="kr"),
        Kolonne("brutto", "Indtastet udgift", lambda r: r.brutto, art="kr"),
        Kolonne("netto", "Efter indtægter og objektiv finansiering", lambda r: r.netto, art="kr"),
        Kolonne("engang", "Engangsudgifter", lambda r: r.engang, art="kr"),
    ),
    soeg=lambda r: (r.noegle, r.husstand),
    filtre=(
        Filter(
            "ordning",
            "Ordning",
            "Alle ordninger",
            lambda r: [(r.ordning, r.ordning_tekst)],
            orden=tuple(ORDNINGER),
        ),
    ),
)
