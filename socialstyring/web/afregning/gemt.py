"""A sent statement as stored (`Afregning.indhold`): the engine's input as sent, its whole
result with the trace, and each stay's citizen as pages show it (short pseudonym and birth
date, never a CPR number). Kept for years, so it is a versioned model (version 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from socialstyring.beregning.afregning import Afregningsresultat
from socialstyring.beregning.kerne.model import LagretResultat, Resultat


class Borger(Resultat):
    """A stay's citizen as shown: 'Borger KFHA-MPBC', born 1 January 1980."""

    visning: str
    foedselsdato: date


class Gemtafregning(LagretResultat):
    """The frozen statement: `grundlag` is the engine's input (`Afregningsgrundlag`) in JSON,
    `borgere` the citizen of each stay by the stay's id in the engine (`ophold-<pk>`)."""

    grundlag: dict[str, Any]
    resultat: Afregningsresultat
    borgere: dict[str, Borger]
