"""The billing engine's results: statement lines, monthly statements and totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import computed_field

from socialstyring.beregning.kerne.model import Resultat, ResultatMedRegler
from socialstyring.beregning.kerne.spor import Spor

LINJEARTER = {
    "takst": "Takst",
    "pakke": "Pakketillæg",
    "tillaeg": "Tillægsydelse pr. dag",
    "timer": "Tillægsydelse pr. time",
}


class Afregningslinje(Resultat):
    """One line of a statement: a stay's component in one month at one rate. `navn` is the
    line's key, also the key of its step in the trace."""

    navn: str
    ophold: str
    borger: str
    driftsherre: str
    tilbud: str
    handlekommune: str
    betalingskommune: str
    maaned: str  # "2016-03"
    art: str  # takst, pakke, tillaeg, timer
    beskrivelse: str  # the service, package or add-on
    fra: date
    til: date
    antal: Decimal  # days, or hours for an add-on per hour
    sats: Decimal  # kr. per day or per hour
    indskrivning_pct: Decimal
    beloeb: Decimal
    lovgrundlag: str
    funktion: str | None  # the chart-of-accounts function (Budget- og regnskabssystem for kommuner)
    betalt_til: date | None
    varsel_udloeb: date | None
    kravfrist: date | None
    krav_for_sent: bool

    @computed_field  # type: ignore[prop-decorator]
    @property
    def art_tekst(self) -> str:
        return LINJEARTER[self.art.split("_")[0]]


class Opgoerelse(Resultat):
    """One operator's monthly statement to one paying municipality."""

    navn: str  # "<driftsherre> til <betalingskommune>, <måned>"
    driftsherre: str
    betalingskommune: str
    maaned: str
    linjer: list[Afregningslinje]
    i_alt: Decimal


class Afregningsresultat(ResultatMedRegler):
    """The statements of a period, the totals per paying municipality, the lines whose
    claim comes too late, warnings and the trace."""

    region: str
    fra: date
    til: date
    kravdato: date | None
    opgoerelser: list[Opgoerelse]
    i_alt_pr_betalingskommune: dict[str, Decimal]
    i_alt: Decimal
    krav_for_sent: list[str]
    advarsler: list[str]
    spor: Spor
