"""Validation of an operator's yearly rate report (takstindberetning).

A report holds, for one operator, framework agreement and year, one line per service
(ydelse) of its offers: places, budgeted occupancy, this year's rate, last year's rate
(when the service had one) and the operator's justification. The validation returns
**errors** (blocking: the report cannot be submitted) and **flags** (markeringer: a rate
rise beyond the allowed development, which must be justified), with a `Spor`.

Errors:
- a service without a rate, or with a rate of 0 kr. or less ("every service priced");
- a place-based service (not an hourly price) without places (negative places) or
  without a budgeted occupancy (over 0 and at most 100 %);
- an offer without services, or a report without any service;
- a flagged rise without a justification (the flag itself stays; with a justification it
  does not block).

A place-based service reported with 0 places is not offered that year: it needs no rate
or occupancy, is not checked further and is left out of the catalogue (`udbydes` false).

Rate development and the allowed development (all in percent, exact decimals):

    udvikling %         = (takst / takst sidste år − 1) × 100
    tilladt udvikling % = P/L (pl.kl_skoen_pct for the year)
                        + indberetning.tilladt_realudvikling_pct (national: 0)
                        − aftalt reduktion pr. år

The agreed reduction per year exists where the agreement sets a reduction over several
years: Midtjylland's at least 3 % over 2015–2018 (`takstudvikling.reduktion_2015_2018_pct`)
is spread evenly over `indberetning.reduktion_fordelt_aar` rate years (4, an assumption
marked ANTAGET in the rulebook): 3 / 4 = 0,75 percentage points per year, subtracted from
P/L. A rise strictly greater than the allowed development is flagged. A service without
last year's rate (new this year) has no development and is not flagged.

The deadline for the report for year Y is the agreement's `frister.takstindberetning`
(MM-DD) in year Y−1, when the rulebook has one (`frist_for_indberetning`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, computed_field, field_serializer, model_validator

from socialstyring.beregning.kerne.kalender import Frist, frist
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Resultat, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, dansk_tal, kr
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Spor
from socialstyring.regler import REGIONER, Regelbog

PL = "pl.kl_skoen_pct"
REALUDVIKLING = "indberetning.tilladt_realudvikling_pct"
REGELVAERDI = "regelbogens værdi"
"""The formula of a step that is a rule value (the rule itself, with its source, is the step's reference)."""
REDUKTION_FORDELT_AAR = "indberetning.reduktion_fordelt_aar"
REDUKTIONSMAAL: tuple[str, ...] = ("takstudvikling.reduktion_2015_2018_pct",)
"""Agreed rate reductions over several years that the yearly check knows. Each is spread
over `indberetning.reduktion_fordelt_aar` years while its value is in force."""
FRIST = "frister.takstindberetning"

MAKS_BELAEGNING_PCT = HUNDREDE
"""Budgeted occupancy is a share of the places: at most 100 % (a definition, not a rule)."""


class IndberetningFejl(ValueError):
    """The report cannot be validated (e.g. an unknown framework agreement)."""


class Indberetningslinje(Inddata):
    """One service of the report. `ref` is the caller's identifier (e.g. a database id),
    carried unchanged into the findings."""

    tilbud: str = Field(min_length=1)
    ydelse: str = Field(min_length=1)
    ref: str = ""
    pladsbaseret: bool = Field(
        default=True, description="False for hourly prices (tillægsydelser): no places or occupancy"
    )
    takstenhed: str = "kr."
    pladser: Tal | None = None
    budgetteret_belaegning_pct: Tal | None = None
    takst: Tal | None = None
    takst_sidste_aar: Tal | None = None
    begrundelse: str = ""


class Indberetning(Inddata):
    """An operator's rate report for one year."""

    region: str
    aar: int = Field(ge=2007, le=2100)
    driftsherre: str = Field(min_length=1)
    linjer: tuple[Indberetningslinje, ...] = ()
    tilbud_uden_ydelser: tuple[str, ...] = Field(
        default=(), description="the operator's offers that have no service to price"
    )

    @model_validator(mode="after")
    def _tjek(self) -> Indberetning:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        return self


class Fundtype(StrEnum):
    TAKST_MANGLER = "takst_mangler"
    TAKST_IKKE_POSITIV = "takst_ikke_positiv"
    PLADSER_MANGLER = "pladser_mangler"
    PLADSER_NEGATIVE = "pladser_negative"
    BELAEGNING_MANGLER = "belaegning_mangler"
    BELAEGNING_UGYLDIG = "belaegning_ugyldig"
    TILBUD_UDEN_YDELSER = "tilbud_uden_ydelser"
    INGEN_YDELSER = "ingen_ydelser"
    STIGNING_UBEGRUNDET = "stigning_ubegrundet"
    STIGNING = "stigning"


class Fund(Resultat):
    """A finding: an error (`blokerende`) or a flag. `noegle` is the trace step behind it."""

    type: Fundtype
    tekst: str
    blokerende: bool
    tilbud: str = ""
    ydelse: str = ""
    ref: str = ""
    noegle: str | None = None
    begrundelse: str = ""


class Linjeresultat(Resultat):
    """The figures of one service: its development and whether it is flagged. `noegle`
    (the prefix of the line's trace steps) and `udbydes` are not in the JSON."""

    tilbud: str
    ydelse: str
    ref: str
    noegle: str = Field(exclude=True)
    takst: Decimal | None
    takst_sidste_aar: Decimal | None
    udvikling_pct: Decimal | None
    markeret: bool
    begrundet: bool
    udbydes: bool = Field(default=True, exclude=True)  # False: 0 places, the service is not offered this year


class Indberetningsresultat(ResultatMedRegler):
    """The validation of a report. `fejl` block submission; `markeringer` are rises beyond
    the allowed development (each needs a justification; without one it is also an error).
    In the JSON, `frist` is the deadline's date.

    Trace keys: `pl`, `realudvikling`, with a reduction `reduktion_samlet`,
    `reduktion_fordelt_aar`, `reduktion_pr_aar`; then `tilladt_udvikling`; `frist` when the
    rulebook has a deadline; per service `<noegle>.takst`, `.takst_sidste_aar`, `.udvikling`,
    `.over_tilladt`, `.pladser`, `.belaegning` (each when its figures are there).
    """

    region: str
    aar: int
    driftsherre: str
    tilladt_udvikling_pct: Decimal | None
    frist: Frist | None
    linjer: tuple[Linjeresultat, ...]
    fejl: tuple[Fund, ...]
    markeringer: tuple[Fund, ...]
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kan_indsendes(self) -> bool:
        return not self.fejl

    @property
    def antal_udbudt(self) -> int:
        """Services offered this year (all but those reported with 0 places)."""
        return sum(1 for linje in self.linjer if linje.udbydes)

    @property
    def antal_prissat(self) -> int:
        """Offered services with a rate above 0 kr."""
        return sum(
            1 for linje in self.linjer if linje.udbydes and linje.takst is not None and linje.takst > NUL
        )

    def linje(self, ref: str) -> Linjeresultat | None:
        return next((linje for linje in self.linjer if linje.ref == ref), None)

    def fund_for(self, ref: str) -> list[Fund]:
        return [f for f in (*self.fejl, *self.markeringer) if f.ref == ref]

    @field_serializer("frist", when_used="json")
    def _fristens_dato(self, frist: Frist | None) -> str | None:
        return frist.dato.isoformat() if frist else None


def pct(d: Decimal) -> str:
    """A percentage in messages: two decimals, Danish format ('4,58 %')."""
    return f"{dansk_tal(d, 2)} %"


def frist_for_indberetning(region: str, aar: int, bog: Regelbog) -> Frist | None:
    """The deadline for the report for `aar`: the agreement's `frister.takstindberetning`
    (MM-DD, in force for the rate year) in the year before; None when the rulebook has none."""
    if region not in REGIONER:
        raise IndberetningFejl(f"ukendt rammeaftale '{region}'")
    return frist(bog, FRIST, region, aar, aar - 1)


def valider_indberetning(indberetning: Indberetning, bog: Regelbog) -> Indberetningsresultat:
    """Validate a rate report under its agreement's rules for the year."""
    g = indberetning
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    spor = Spor()
    advarsler: list[str] = []
    fejl: list[Fund] = []
    markeringer: list[Fund] = []

    tilladt = _tilladt_udvikling(regler, spor, advarsler)
    frist = frist_for_indberetning(g.region, g.aar, bog)
    if frist is not None:
        spor.tilfoej(
            "frist",
            f"Frist for takstindberetningen for {g.aar}",
            f"frister.takstindberetning (MM-DD) i året før takståret ({g.aar - 1})",
            frist.dato.isoformat(),
            "",
            regler=(frist.regel,),
        )

    if not g.linjer:
        fejl.append(
            Fund(
                type=Fundtype.INGEN_YDELSER,
                tekst=f"Indberetningen for {g.aar} har ingen ydelser at prissætte.",
                blokerende=True,
            )
        )
    for navn in g.tilbud_uden_ydelser:
        fejl.append(
            Fund(
                type=Fundtype.TILBUD_UDEN_YDELSER,
                tekst=f"Tilbuddet {navn} har ingen ydelser; opret tilbuddets ydelser, så de kan prissættes.",
                blokerende=True,
                tilbud=navn,
            )
        )

    brugte: set[str] = set()
    linjer = []
    for linje in g.linjer:
        noegle = _noegle(linje, brugte)
        linjer.append(_linje(linje, noegle, g.aar, tilladt, spor, fejl, markeringer))

    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Indberetningsresultat(
        region=g.region,
        aar=g.aar,
        driftsherre=g.driftsherre,
        tilladt_udvikling_pct=tilladt,
        frist=frist,
        linjer=tuple(linjer),
        fejl=tuple(fejl),
        markeringer=tuple(markeringer),
        spor=spor,
        advarsler=tuple(advarsler),
    )


def _tilladt_udvikling(regler: Regler, spor: Spor, advarsler: list[str]) -> Decimal | None:
    """P/L + allowed real development − the agreed yearly reduction; None without P/L."""
    aar = regler.dato.year
    try:
        pl, ref_pl = regler.tal(PL)
    except KeyError:
        advarsler.append(
            f"Regelbogen har intet pris- og lønskøn ({PL}) for {aar}; takstudviklingen kan ikke vurderes."
        )
        return None
    real = regler.tal_hvis_fastsat(REALUDVIKLING)
    maal = next(
        ((navn, v) for navn in REDUKTIONSMAAL if (v := regler.tal_hvis_fastsat(navn)) is not None),
        None,
    )
    fordelt = regler.tal_hvis_fastsat(REDUKTION_FORDELT_AAR) if maal is not None else None

    spor.tilfoej(
        "pl",
        f"KL's pris- og lønskøn {aar - 1}–{aar}",
        REGELVAERDI,
        pl,
        "%",
        regler=(ref_pl,),
    )
    input_: dict[str, Indgang | Decimal] = {"P/L": spor.fra("pl")}
    formel = "P/L"
    resultat = pl
    if real is not None:
        spor.tilfoej(
            "realudvikling",
            "Tilladt udvikling ud over P/L",
            REGELVAERDI,
            real[0],
            "procentpoint",
            regler=(real[1],),
        )
        input_["realudvikling"] = spor.fra("realudvikling")
        formel += " + realudvikling"
        resultat += real[0]
    if maal is not None:
        _, (samlet, ref_maal) = maal
        spor.tilfoej(
            "reduktion_samlet",
            "Aftalt samlet takstreduktion over flere år",
            REGELVAERDI,
            samlet,
            "%",
            regler=(ref_maal,),
        )
        if fordelt is not None:
            antal, ref_antal = fordelt
            spor.tilfoej(
                "reduktion_fordelt_aar",
                "Antal takstår, reduktionen fordeles over",
                REGELVAERDI,
                int(antal),
                "år",
                regler=(ref_antal,),
            )
            pr_aar = spor.tilfoej(
                "reduktion_pr_aar",
                "Aftalt reduktion pr. år",
                "samlet reduktion / antal år",
                samlet / antal,
                "procentpoint",
                {
                    "samlet reduktion": spor.fra("reduktion_samlet"),
                    "antal år": spor.fra("reduktion_fordelt_aar"),
                },
            )
        else:
            pr_aar = spor.tilfoej(
                "reduktion_pr_aar",
                "Aftalt reduktion pr. år",
                "hele reduktionen (regelbogen siger ikke, hvor mange år den fordeles over)",
                samlet,
                "procentpoint",
                {"samlet reduktion": spor.fra("reduktion_samlet")},
            )
        input_["reduktion pr. år"] = spor.fra("reduktion_pr_aar")
        formel += " − reduktion pr. år"
        resultat -= pr_aar
    return spor.tilfoej(
        "tilladt_udvikling",
        f"Tilladt takstudvikling {aar - 1}–{aar} uden begrundelse",
        formel,
        resultat,
        "%",
        input_,
    )


def _noegle(linje: Indberetningslinje, brugte: set[str]) -> str:
    grund = f"linje.{slug(linje.tilbud)}.{slug(linje.ydelse)}"
    noegle, nr = grund, 1
    while noegle in brugte:
        nr += 1
        noegle = f"{grund}_{nr}"
    brugte.add(noegle)
    return noegle


def _linje(
    linje: Indberetningslinje,
    k: str,
    aar: int,
    tilladt: Decimal | None,
    spor: Spor,
    fejl: list[Fund],
    markeringer: list[Fund],
) -> Linjeresultat:
    navn = f"{linje.tilbud} – {linje.ydelse}"

    def fund(type_: Fundtype, tekst: str, noegle: str | None = None, blokerende: bool = True) -> Fund:
        return Fund(
            type=type_,
            tekst=tekst,
            blokerende=blokerende,
            tilbud=linje.tilbud,
            ydelse=linje.ydelse,
            ref=linje.ref,
            noegle=noegle,
            begrundelse=linje.begrundelse.strip(),
        )

    takst = linje.takst
    if linje.pladsbaseret and linje.pladser is not None and linje.pladser == NUL:
        spor.tilfoej(
            f"{k}.pladser",
            f"Pladser {aar}, {navn}",
            "indberettet",
            linje.pladser,
            "pladser",
            bemaerkning=f"0 pladser: ydelsen udbydes ikke i {aar}; der kræves ingen takst eller belægning.",
        )
        return Linjeresultat(
            tilbud=linje.tilbud,
            ydelse=linje.ydelse,
            ref=linje.ref,
            noegle=k,
            takst=takst,
            takst_sidste_aar=linje.takst_sidste_aar,
            udvikling_pct=None,
            markeret=False,
            begrundet=False,
            udbydes=False,
        )
    if takst is None:
        fejl.append(fund(Fundtype.TAKST_MANGLER, f"{navn}: taksten for {aar} mangler."))
    else:
        spor.tilfoej(f"{k}.takst", f"Takst {aar}, {navn}", "indberettet", takst, linje.takstenhed)
        if takst <= NUL:
            fejl.append(
                fund(
                    Fundtype.TAKST_IKKE_POSITIV,
                    f"{navn}: taksten for {aar} skal være større end 0 kr. (er {kr(takst)}).",
                    f"{k}.takst",
                )
            )

    if linje.pladsbaseret:
        if linje.pladser is None:
            fejl.append(fund(Fundtype.PLADSER_MANGLER, f"{navn}: antal pladser for {aar} mangler."))
        else:
            spor.tilfoej(f"{k}.pladser", f"Pladser {aar}, {navn}", "indberettet", linje.pladser, "pladser")
            if linje.pladser < NUL:
                fejl.append(
                    fund(
                        Fundtype.PLADSER_NEGATIVE,
                        f"{navn}: antal pladser kan ikke være negativt (er {dansk_tal(linje.pladser)}); "
                        "skriv 0, hvis ydelsen ikke udbydes.",
                        f"{k}.pladser",
                    )
                )
        b = linje.budgetteret_belaegning_pct
        if b is None:
            fejl.append(
                fund(Fundtype.BELAEGNING_MANGLER, f"{navn}: den budgetterede belægning for {aar} mangler.")
            )
        else:
            spor.tilfoej(f"{k}.belaegning", f"Budgetteret belægning {aar}, {navn}", "indberettet", b, "%")
            if not NUL < b <= MAKS_BELAEGNING_PCT:
                fejl.append(
                    fund(
                        Fundtype.BELAEGNING_UGYLDIG,
                        f"{navn}: den budgetterede belægning skal være over 0 og højst "
                        f"{dansk_tal(MAKS_BELAEGNING_PCT)} % (er {dansk_tal(b)} %).",
                        f"{k}.belaegning",
                    )
                )

    sidste = linje.takst_sidste_aar
    udvikling: Decimal | None = None
    markeret = False
    begrundet = bool(linje.begrundelse.strip())
    if sidste is not None:
        spor.tilfoej(
            f"{k}.takst_sidste_aar",
            f"Takst {aar - 1}, {navn}",
            "indberettet året før",
            sidste,
            linje.takstenhed,
        )
    if takst is not None and takst > NUL and sidste is not None and sidste > NUL:
        udvikling = spor.tilfoej(
            f"{k}.udvikling",
            f"Takstudvikling {aar - 1}–{aar}, {navn}",
            "(takst / takst sidste år − 1) × 100",
            (takst / sidste - 1) * HUNDREDE,
            "%",
            {"takst": spor.fra(f"{k}.takst"), "takst sidste år": spor.fra(f"{k}.takst_sidste_aar")},
        )
        if tilladt is not None:
            over = udvikling - tilladt
            markeret = over > NUL
            spor.tilfoej(
                f"{k}.over_tilladt",
                f"Takstudvikling ud over den tilladte, {navn}",
                "takstudvikling − tilladt udvikling (over 0: skal begrundes)",
                over,
                "procentpoint",
                {"takstudvikling": spor.fra(f"{k}.udvikling"), "tilladt": spor.fra("tilladt_udvikling")},
                bemaerkning=(
                    ("Markeret og begrundet" if begrundet else "Markeret: skal begrundes")
                    if markeret
                    else "Inden for den tilladte udvikling"
                ),
            )
            if markeret:
                tekst = (
                    f"{navn}: taksten stiger {pct(udvikling)} fra {kr(sidste)} til {kr(takst)}; "
                    f"det er mere end den tilladte udvikling på {pct(tilladt)}"
                )
                markeringer.append(
                    fund(
                        Fundtype.STIGNING,
                        tekst + (" (begrundet)." if begrundet else " og skal begrundes."),
                        f"{k}.over_tilladt",
                        blokerende=False,
                    )
                )
                if not begrundet:
                    fejl.append(
                        fund(
                            Fundtype.STIGNING_UBEGRUNDET,
                            f"{navn}: stigningen på {pct(udvikling)} er over den tilladte udvikling "
                            f"på {pct(tilladt)} og mangler en begrundelse.",
                            f"{k}.over_tilladt",
                        )
                    )
    return Linjeresultat(
        tilbud=linje.tilbud,
        ydelse=linje.ydelse,
        ref=linje.ref,
        noegle=k,
        takst=takst,
        takst_sidste_aar=sidste,
        udvikling_pct=udvikling,
        markeret=markeret,
        begrundet=begrundet and markeret,
    )


CASEBEREGNING = Caseberegning(
    "indberetning", Indberetning, valider_indberetning, "Validering af en takstindberetning"
)
