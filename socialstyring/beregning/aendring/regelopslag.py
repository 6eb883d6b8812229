"""A text or choice value of the rulebook, if the region has one in force."""

from __future__ import annotations

from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference


def tekst_hvis_fastsat(regler: Regler, navn: str) -> tuple[str, Regelreference] | None:
    """A text/choice value if the region has one in force at the date."""
    if not regler.bog.har(navn, regler.region):
        return None
    try:
        return regler.tekst(navn)
    except KeyError:
        return None
