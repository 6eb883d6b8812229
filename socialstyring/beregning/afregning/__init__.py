"""Inter-municipal billing (mellemkommunal afregning): an operator's monthly statements to
the paying municipalities for the stays in its offers.

**What is billed.** For each stay and day billed, the daily rate in force that day (the
register's rates as dated periods per service: the yearly rate and its in-year changes
from their effective date), the package's supplement per day, add-on services (per day or
per hour) and the enrolment share (a stay enrolled at 150 % pays 1,5 times the rate; a day
offer used two days of five pays 40 %). A 24-hour offer is billed per calendar day; a day
offer per calendar day or per weekday as the rulebook says (`afregning.dage_dagtilbud`;
nationally calendar days, as the rates are computed on 365 days a year).

    linjens beløb = dage × takst pr. dag × indskrivning % / 100   (rounded to øre)
                    dage × tillæg pr. dag;  timer × timepris

A statement line is one stay's component (takst, pakke, tillæg) in one month at one rate:
a rate change mid-month gives two lines. Each line carries its days, rate, the rules used,
the notice's end, and the chart-of-accounts function of its legal basis
(`kontoplan.<lov>_<paragraf>`, e.g. SEL § 108 → 5.38.50) so the paying municipality can
book it; the trace step of a line has the line's key (`navn`).

**Until when** (Syddanmark 2016, "Opsigelsesvarsler"; rulebook `varsel.*`). At the end of
a stay the acting municipality pays up to and including the day of ending, but at least to
the end of the notice: botilbud løbende måned + 1 måned (notice to a month's end) or 2
måneder from any day (given 14 January: paid through 14 March); day offers the current
month; §§ 109–110 and § 101 to the day of discharge; a closure by the operator løbende
måned + 2 måneder. A stay ended without a notice date counts the notice from its last day.
Payment stops the day before a new citizen takes the place. A package change by one step
takes effect after 30 days, by more steps after the current month (day offers) or the
current month + 1 (residential), in both directions as the agreement writes it. An
agreement without a notice rule in the rulebook is billed to the day of ending, with a
warning.

**Claims too late.** With a claim date (`kravdato`), a line is flagged when any of its days
was given more than the claim deadline before it (SEL § 174, stk. 2; Barnets lov § 195,
stk. 2: 12 months), by the rule in force on the claim date.

**Two paths.** `beregn_afregning` gives the statements with a full trace (the case files and
`socialstyring beregn afregning`); `afregn_bulk` gives the same lines as integer columns of
øre without trace, for a year of many stays; `forklar_linje` produces any one line's trace
on demand, reproducing its amount exactly.
"""

from __future__ import annotations

from socialstyring.beregning.afregning.bulk import Bulkafregning, afregn_bulk, forklar_linje
from socialstyring.beregning.afregning.model import (
    Afregningsgrundlag,
    Ophold,
    Opsigelsesform,
    Opsiger,
    Pakkeskift,
    Takstperiode,
    Tilbudsart,
    Tillaeg,
)
from socialstyring.beregning.afregning.opgoerelse import beregn_afregning
from socialstyring.beregning.afregning.resultat import Afregningslinje, Afregningsresultat, Opgoerelse
from socialstyring.beregning.kerne.model import Caseberegning

__all__ = [
    "Afregningsgrundlag",
    "Afregningslinje",
    "Afregningsresultat",
    "Bulkafregning",
    "Opgoerelse",
    "Ophold",
    "Opsigelsesform",
    "Opsiger",
    "Pakkeskift",
    "Takstperiode",
    "Tilbudsart",
    "Tillaeg",
    "afregn_bulk",
    "beregn_afregning",
    "forklar_linje",
]

CASEBEREGNING = Caseberegning(
    "afregning",
    Afregningsgrundlag,
    beregn_afregning,
    "Mellemkommunal afregning: månedens opgørelser pr. driftsherre og betalingskommune",
)
