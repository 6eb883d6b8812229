"""An operator's accounts of a year as a list (`regnskab:regnskab_oversigt`): each offer with its
accounts and result, searchable, filtered (with, without, not computable), sorted, paged and
in Excel (`lister.liste`). The template to fill in and upload stays `selectors.regnskabsfil`."""

from __future__ import annotations

from socialstyring.web.lister.liste import Filter, Kolonne, Liste
from socialstyring.web.regnskab.selectors import Regnskabslinje

REGNSKABER = {"med": "Med regnskab", "uden": "Uden regnskab", "fejl": "Kan ikke beregnes"}


def _status(r: Regnskabslinje) -> str:
    return "uden" if r.regnskab is None else "fejl" if r.resultat is None else "med"


def _bemaerkning(r: Regnskabslinje) -> str | None:
    if r.regnskab is None:
        return "Intet regnskab"
    return f"Kan ikke beregnes: {r.fejl}" if r.resultat is None else None


REGNSKABSLISTE: Liste[Regnskabslinje] = Liste(
    url_navn="regnskab:regnskab_oversigt",
    titel="Regnskaber",
    flertal="tilbud",
    standard="tilbud",
    kolonner=(
        Kolonne("tilbud", "Tilbud", lambda r: r.tilbud.navn, bredde=36),
        Kolonne(
            "omkostninger",
            "Omkostninger",
            lambda r: r.regnskab.omkostninger if r.regnskab else None,
            art="kr",
        ),
        Kolonne("indtaegter", "Indtægter i alt", lambda r: r.indtaegter, art="kr"),
        Kolonne("resultat", "Resultat", lambda r: r.resultat.resultat if r.resultat else None, art="kr"),
        Kolonne(
            "efterregulering",
            "Efterregulering",
            lambda r: r.resultat.efterregulering if r.resultat else None,
            art="kr",
        ),
        Kolonne("bemaerkning", "Bemærkning", _bemaerkning, bredde=40),
    ),
    soeg=lambda r: (r.tilbud.navn,),
    filtre=(
        Filter(
            "regnskab",
            "Regnskab",
            "Alle tilbud",
            lambda r: [(_status(r), REGNSKABER[_status(r)])],
            orden=tuple(REGNSKABER),
        ),
    ),
)
