"""Management information (ledelsesinformation) A–E for an agreement and a pair of years:
the input and its gathering from the register (`grundlag`), the tables (`tabeller`) and
the consistency check of published figures (`konsistens`)."""

from __future__ import annotations

from socialstyring.beregning.kerne.model import Caseberegning
from socialstyring.beregning.ledelsesinfo.grundlag import (
    Ledelsesinfogrundlag,
    Registerregnskab,
    Registerydelse,
    Ydelsesaar,
    fra_register,
)
from socialstyring.beregning.ledelsesinfo.konsistens import Uoverensstemmelse, konsistens
from socialstyring.beregning.ledelsesinfo.tabeller import (
    I_ALT,
    SAMLET,
    TABELTITLER,
    TOTAL,
    Figurnoegle,
    Ledelsesinfo,
    Raekke,
    Tabel,
    beregn_ledelsesinfo,
    beregn_ledelsesinfo_aarraekke,
)

__all__ = [
    "I_ALT",
    "SAMLET",
    "TABELTITLER",
    "TOTAL",
    "Figurnoegle",
    "Ledelsesinfo",
    "Ledelsesinfogrundlag",
    "Raekke",
    "Registerregnskab",
    "Registerydelse",
    "Tabel",
    "Uoverensstemmelse",
    "Ydelsesaar",
    "beregn_ledelsesinfo",
    "beregn_ledelsesinfo_aarraekke",
    "fra_register",
    "konsistens",
]

CASEBEREGNING = Caseberegning(
    "ledelsesinfo",
    Ledelsesinfogrundlag,
    beregn_ledelsesinfo,
    "Ledelsesinformation A–E (takstudvikling, over-/underskud, tillægsydelser, belægning, pladser) for to år",
)
