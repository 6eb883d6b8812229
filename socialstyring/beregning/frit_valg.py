"""Free choice of an equivalent long-term residential offer (frit valg, serviceloven § 108,
stk. 2, as amended by lov nr. 747 af 20. juni 2025): a citizen who chooses an offer in
another municipality has the right to it only when its price does not exceed the price of
the offer the paying municipality referred the citizen to by more than the rulebook's limit
(`frit_valg.graense_pct`, 10 % from 1 July 2025):

    loft        = henvist takst × (1 + grænse / 100)
    kan afvises = valgt takst > loft          (exactly, in kroner and øre)
    merpris %   = (valgt − henvist) / henvist × 100   (shown to 3 decimals)

So with a referred offer at 1.000,00 kr. per day, 1.100,00 kr. is allowed (exactly 10 %)
and 1.100,01 kr. may be refused. Before the rule's effective date (no value in the rulebook
on the stay's start) there is no limit and nothing is checked; the result says so.

The prices compared are the two services' daily rates of the start's year (the caller takes
them from the register). Pure: no Django, no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from socialstyring.beregning.kerne.model import Caseberegning, Inddata, ResultatMedRegler, Tal
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.regler import Regelbog

PARAMETER = "frit_valg.graense_pct"


class Fritvalgsgrundlag(Inddata):
    """The chosen and the referred offer's daily rates on the stay's start."""

    region: str
    dato: date = Field(description="opholdets start")
    valgt: str = Field(min_length=1, description="det valgte tilbud og ydelse")
    valgt_takst: Tal = Field(ge=0, description="kr. pr. dag")
    henvist: str = Field(min_length=1, description="det tilbud og den ydelse, kommunen henviste til")
    henvist_takst: Tal = Field(gt=0, description="kr. pr. dag")


class Fritvalgsresultat(ResultatMedRegler):
    """Whether the paying municipality may refuse the chosen offer. `gaelder` is False before
    the rule's effective date (then `kan_afvises` is False and nothing else is computed)."""

    gaelder: bool
    kan_afvises: bool
    graense_pct: Decimal | None
    loft: Decimal | None
    merpris_pct: Decimal | None
    forklaring: str
    spor: Spor


def beregn_frit_valg(g: Fritvalgsgrundlag, bog: Regelbog) -> Fritvalgsresultat:
    """Check the chosen offer's price against the referred one's (see the module)."""
    spor = Spor()
    regler = Regler(bog, g.region, g.dato)
    henvist = spor.tilfoej(
        "frit_valg.henvist_takst", f"Takst for det henviste tilbud ({g.henvist})", "registrets takst",
        Decimal(g.henvist_takst), "kr. pr. dag",
    )  # fmt: skip
    valgt = spor.tilfoej(
        "frit_valg.valgt_takst", f"Takst for det valgte tilbud ({g.valgt})", "registrets takst",
        Decimal(g.valgt_takst), "kr. pr. dag",
    )  # fmt: skip
    fastsat = regler.tal_hvis_fastsat(PARAMETER)
    if fastsat is None:
        forklaring = (
            f"Der er ingen beløbsgrænse for frit valg af botilbud den {g.dato:%d-%m-%Y} "
            "(grænsen gælder fra lovændringens ikrafttræden); valget tjekkes ikke."
        )
        spor.tilfoej("frit_valg.kan_afvises", "Kan betalingskommunen afvise valget?", "ingen grænse", 0, "",
                     bemaerkning=forklaring)  # fmt: skip
        return Fritvalgsresultat(
            gaelder=False, kan_afvises=False, graense_pct=None, loft=None, merpris_pct=None,
            forklaring=forklaring, spor=spor,
        )  # fmt: skip
    graense, ref = fastsat
    spor.tilfoej(
        "frit_valg.graense_pct", "Beløbsgrænse for frit valg", "regelbogen", graense, "%", regler=(ref,)
    )
    loft = spor.tilfoej(
        "frit_valg.loft", "Højeste pris, borgeren har ret til", "henvist takst × (1 + grænse / 100)",
        henvist * (1 + graense / 100), "kr. pr. dag",
        {"henvist takst": spor.fra("frit_valg.henvist_takst"), "grænse": spor.fra("frit_valg.graense_pct")},
    )  # fmt: skip
    merpris = spor.tilfoej(
        "frit_valg.merpris_pct", "Det valgte tilbuds merpris", "(valgt − henvist) / henvist × 100",
        ((valgt - henvist) / henvist * 100).quantize(Decimal("0.001")), "%",
        {"valgt": spor.fra("frit_valg.valgt_takst"), "henvist": spor.fra("frit_valg.henvist_takst")},
    )  # fmt: skip
    kan_afvises = valgt > loft
    forklaring = (
        f"Det valgte tilbud koster {dansk_tal(valgt, 2)} kr. pr. dag, {_pct(merpris)} % "
        f"{'mere' if merpris >= 0 else 'mindre'} end det henviste ({dansk_tal(henvist, 2)} kr.); grænsen er "
        f"{dansk_tal(graense)} %, dvs. højst {dansk_tal(loft, 2)} kr. pr. dag. "
        + (
            "Betalingskommunen kan afvise valget."
            if kan_afvises
            else "Borgeren har ret til det valgte tilbud (prisen er inden for grænsen)."
        )
    )
    spor.tilfoej(
        "frit_valg.kan_afvises", "Kan betalingskommunen afvise valget?", "valgt > loft (1 = ja, 0 = nej)",
        1 if kan_afvises else 0, "",
        {"valgt takst": spor.fra("frit_valg.valgt_takst"), "loft": spor.fra("frit_valg.loft")},
        regler=(ref,), bemaerkning=forklaring,
    )  # fmt: skip
    return Fritvalgsresultat(
        gaelder=True, kan_afvises=kan_afvises, graense_pct=graense, loft=loft, merpris_pct=merpris,
        forklaring=forklaring, spor=spor,
    )  # fmt: skip


def _pct(v: Decimal) -> str:
    """10,00 or 10,001: two decimals unless the third says something."""
    return dansk_tal(v, 2 if v == v.quantize(Decimal("0.01")) else 3)


CASEBEREGNING = Caseberegning(
    "frit_valg",
    Fritvalgsgrundlag,
    beregn_frit_valg,
    "Frit valg af længerevarende botilbud: må betalingskommunen afvise det valgte (merpris over grænsen)?",
)
