"""Companion purchase during holidays (tilkøb af socialpædagogisk ledsagelse under ferie),
model 2, the method of the colony agreement between Aarhus Kommune and SL (rulebook
`ledsagelse.*`; Model 1, the add-on hourly rates, is the rate calculation's `tillaeg`):

    timeløn        = årsløn ÷ årstimer, in øre                (420.000 / 1.924 = 218,30 kr.)
    hele døgn      = whole 24-hour periods of the trip; resttimer = what is left
    påbegyndte døgn = hele døgn, plus one if there are rest hours
    timer          = (hele døgn × kolonitimer pr. døgn + resttimer) × medarbejdere
    løn            = timeløn × timer
    kolonitillæg   = kolonitillæg pr. døgn × påbegyndte døgn × medarbejdere
    dagpenge       = dagpenge pr. døgn × hele døgn × medarbejdere
    timepenge      = timepenge pr. time × resttimer × medarbejdere
    overhead       = overhead % × løn                         (on the wages only, as the example)
    pris           = løn + kolonitillæg + dagpenge + timepenge + overhead
    besparelse     = sparet løn pr. time (the substitute's lower wage) × timer
    egenbetaling   = pris − besparelse, shared equally among the residents who travel together

Every amount in øre (half up). The trip's own costs (travel, pocket money) come on top and are
not part of the calculation. When the caller gives the figures a document printed (`trykt`),
each is compared with the calculated one and a difference is explained (`afvigelser`).
Pure: no Django, no I/O.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Resultat, ResultatMedRegler, Tal
from socialstyring.beregning.kerne.penge import NUL, OERE, afrund, dansk_tal, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor, med_enhed
from socialstyring.regler import Regelbog

TIMER_PR_DOEGN = 24

POSTER: dict[str, str] = {
    "timeloen": "Timeløn",
    "timer": "Timer i alt",
    "loen": "Løn",
    "kolonitillaeg": "Kolonitillæg",
    "dagpenge": "Dagpenge",
    "timepenge": "Timepenge",
    "overhead": "Overhead",
    "pris": "I alt (prisen for ledsagelsen)",
    "besparelse": "Sparet løn ved dækning med vikar",
    "egenbetaling": "Egenbetaling af ledsagelse",
}
"""The figures a result has and a document may print, in the order of the calculation."""

_SUMMER: dict[str, tuple[tuple[str, int], ...]] = {
    "pris": (("loen", 1), ("kolonitillaeg", 1), ("dagpenge", 1), ("timepenge", 1), ("overhead", 1)),
    "egenbetaling": (("pris", 1), ("besparelse", -1)),
}


class Ledsagelsesgrundlag(Inddata):
    """One holiday trip: when it starts and ends, how many staff go along, how many residents
    share the cost, and what the home saves per hour by covering with a substitute."""

    region: str
    start: datetime = Field(description="turens start (dato og klokkeslæt)")
    slut: datetime = Field(description="turens slut (dato og klokkeslæt)")
    medarbejdere: int = Field(ge=1, le=20, description="antal ledsagende medarbejdere")
    beboere: int = Field(default=1, ge=1, le=50, description="antal beboere, der deler udgiften")
    besparelse_pr_time: Tal = Field(
        default=NUL, ge=0, description="sparet løn pr. time ved dækning med vikar (kr.)"
    )
    trykt: dict[str, Tal] = Field(
        default_factory=dict, description="et dokuments trykte tal (post → beløb), til sammenligning"
    )

    @model_validator(mode="after")
    def _tjek(self) -> Ledsagelsesgrundlag:
        if self.slut <= self.start:
            raise ValueError("turens slut skal ligge efter dens start")
        if (self.slut - self.start).days > 60:
            raise ValueError("en tur kan højst vare 60 døgn")
        if (self.slut - self.start).total_seconds() % 60:
            raise ValueError("start og slut angives i hele minutter")
        ukendte = set(self.trykt) - set(POSTER)
        if ukendte:
            raise ValueError(f"ukendte trykte poster: {', '.join(sorted(ukendte))}")
        return self


class Afvigelse(Resultat):
    """A printed figure that is not the calculated one, with why."""

    post: str
    navn: str
    trykt: Decimal
    beregnet: Decimal
    forskel: Decimal  # trykt − beregnet
    forklaring: str


class Ledsagelsesresultat(ResultatMedRegler):
    """The price of the companions and the buyer's own payment (in total and per resident)."""

    hele_doegn: int
    resttimer: Decimal
    paabegyndte_doegn: int
    timeloen: Decimal
    timer: Decimal
    loen: Decimal
    kolonitillaeg: Decimal
    dagpenge: Decimal
    timepenge: Decimal
    overhead: Decimal
    pris: Decimal
    besparelse: Decimal
    egenbetaling: Decimal
    egenbetaling_pr_beboer: list[Decimal]
    afvigelser: list[Afvigelse]
    spor: Spor


def varighed(start: datetime, slut: datetime) -> tuple[int, Decimal]:
    """Whole 24-hour periods and the hours left over (to the minute, as a decimal: 8,5)."""
    minutter = int((slut - start).total_seconds()) // 60
    doegn, rest = divmod(minutter, TIMER_PR_DOEGN * 60)
    return doegn, Decimal(rest) / 60


def beregn_ledsagelse(g: Ledsagelsesgrundlag, bog: Regelbog) -> Ledsagelsesresultat:
    """Model 2 for one trip (see the module)."""
    spor = Spor()
    regler = Regler(bog, g.region, g.start.date())
    q = "ledsagelse"
    hele, rest = varighed(g.start, g.slut)
    tur = f"{g.start:%d-%m-%Y kl. %H.%M} – {g.slut:%d-%m-%Y kl. %H.%M}"
    spor.tilfoej(
        f"{q}.hele_doegn",
        "Hele døgn på turen",
        "heltal((slut − start) ÷ 24 timer)",
        hele,
        "døgn",
        {"tur": tur},
    )
    spor.tilfoej(
        f"{q}.resttimer",
        "Timer ud over de hele døgn",
        "(slut − start) − hele døgn × 24 timer",
        _vis(rest),
        "timer",
        {"tur": tur, "hele døgn": spor.fra(f"{q}.hele_doegn")},
    )
    paabegyndte = hele + (1 if rest else 0)
    spor.tilfoej(
        f"{q}.paabegyndte_doegn",
        "Påbegyndte døgn",
        "hele døgn + 1, hvis der er resttimer",
        paabegyndte,
        "døgn",
        {"hele døgn": spor.fra(f"{q}.hele_doegn"), "resttimer": spor.fra(f"{q}.resttimer")},
    )
    medarb = med_enhed(g.medarbejdere, "medarbejdere")

    aarsloen, ref_loen = regler.tal("ledsagelse.aarsloen_kr")
    aarstimer, ref_timer = regler.tal("ledsagelse.aarstimer")
    timeloen = spor.tilfoej(
        f"{q}.timeloen",
        "Timeløn",
        "årsløn ÷ årstimer, i øre",
        afrund(aarsloen / aarstimer),
        "kr. pr. time",
        {"årsløn": med_enhed(aarsloen, "kr."), "årstimer": med_enhed(aarstimer, "timer")},
        [ref_loen, ref_timer],
    )
    kolonitimer, ref_kt = regler.tal("ledsagelse.kolonitimer_pr_doegn")
    timer = spor.tilfoej(
        f"{q}.timer",
        "Timer i alt",
        "(hele døgn × kolonitimer pr. døgn + resttimer) × medarbejdere",
        _vis((hele * kolonitimer + rest) * g.medarbejdere),
        "timer",
        {
            "hele døgn": spor.fra(f"{q}.hele_doegn"),
            "kolonitimer pr. døgn": med_enhed(kolonitimer, "timer"),
            "resttimer": spor.fra(f"{q}.resttimer"),
            "medarbejdere": medarb,
        },
        [ref_kt],
    )
    loen = spor.tilfoej(
        f"{q}.loen",
        "Løn",
        "timeløn × timer i alt",
        afrund(timeloen * timer),
        "kr.",
        {"timeløn": spor.fra(f"{q}.timeloen"), "timer": spor.fra(f"{q}.timer")},
    )

    satser = {}
    for navn in ("kolonitillaeg_kr_pr_doegn", "dagpenge_kr_pr_doegn", "timepenge_kr_pr_time"):
        satser[navn] = regler.tal(f"ledsagelse.{navn}")
    sats, ref = satser["kolonitillaeg_kr_pr_doegn"]
    kolonitillaeg = spor.tilfoej(
        f"{q}.kolonitillaeg",
        "Kolonitillæg",
        "sats × påbegyndte døgn × medarbejdere",
        afrund(sats * paabegyndte * g.medarbejdere),
        "kr.",
        {
            "sats": med_enhed(sats, "kr. pr. døgn"),
            "påbegyndte døgn": spor.fra(f"{q}.paabegyndte_doegn"),
            "medarbejdere": medarb,
        },
        [ref],
    )
    sats, ref = satser["dagpenge_kr_pr_doegn"]
    dagpenge = spor.tilfoej(
        f"{q}.dagpenge",
        "Dagpenge",
        "sats × hele døgn × medarbejdere",
        afrund(sats * hele * g.medarbejdere),
        "kr.",
        {
            "sats": med_enhed(sats, "kr. pr. døgn"),
            "hele døgn": spor.fra(f"{q}.hele_doegn"),
            "medarbejdere": medarb,
        },
        [ref],
    )
    sats, ref = satser["timepenge_kr_pr_time"]
    timepenge = spor.tilfoej(
        f"{q}.timepenge",
        "Timepenge",
        "sats × resttimer × medarbejdere",
        afrund(sats * rest * g.medarbejdere),
        "kr.",
        {
            "sats": med_enhed(sats, "kr. pr. time"),
            "resttimer": spor.fra(f"{q}.resttimer"),
            "medarbejdere": medarb,
        },
        [ref],
    )
    pct, ref = regler.tal("ledsagelse.overhead_pct")
    overhead = spor.tilfoej(
        f"{q}.overhead",
        "Overhead af lønnen",
        "løn × overhead %",
        afrund(procent_af(loen, pct)),
        "kr.",
        {"løn": spor.fra(f"{q}.loen"), "overhead %": med_enhed(pct, "%")},
        [ref],
    )
    pris = spor.tilfoej(
        f"{q}.pris",
        "I alt (prisen for ledsagelsen)",
        "løn + kolonitillæg + dagpenge + timepenge + overhead",
        loen + kolonitillaeg + dagpenge + timepenge + overhead,
        "kr.",
        {
            n: spor.fra(f"{q}.{k}")
            for n, k in (
                ("løn", "loen"),
                ("kolonitillæg", "kolonitillaeg"),
                ("dagpenge", "dagpenge"),
                ("timepenge", "timepenge"),
                ("overhead", "overhead"),
            )
        },
        bemaerkning="Turens egne udgifter (rejse, ophold, lommepenge) kommer oveni.",
    )
    besparelse = spor.tilfoej(
        f"{q}.besparelse",
        "Sparet løn ved dækning med vikar",
        "sparet pr. time × timer i alt",
        afrund(Decimal(g.besparelse_pr_time) * timer),
        "kr.",
        {"sparet pr. time": med_enhed(g.besparelse_pr_time, "kr. pr. time"), "timer": spor.fra(f"{q}.timer")},
        bemaerkning="Forskellen mellem ledsagerens og vikarens løn, som botilbuddet sparer "
        "(bilag 9: fratrækkes i egenbetalingen).",
    )
    egen = spor.tilfoej(
        f"{q}.egenbetaling",
        "Egenbetaling af ledsagelse",
        "i alt − sparet løn",
        pris - besparelse,
        "kr.",
        {"i alt": spor.fra(f"{q}.pris"), "sparet løn": spor.fra(f"{q}.besparelse")},
    )
    andele = [a.beloeb for a in fordel_efter_stoerste_rest(egen, [1] * g.beboere, OERE)]
    if g.beboere > 1:
        for nr, a in enumerate(andele, start=1):
            spor.tilfoej(
                f"{q}.egenbetaling_beboer_{nr}",
                f"Egenbetaling, beboer {nr}",
                "egenbetaling ÷ beboere, i øre efter største rest",
                a,
                "kr.",
                {"egenbetaling": spor.fra(f"{q}.egenbetaling"), "beboere": med_enhed(g.beboere, "beboere")},
                bemaerkning="Flere beboere af sted sammen: forholdsvis fordeling (bilag 9).",
            )
    beregnet = {
        "timeloen": timeloen,
        "timer": timer,
        "loen": loen,
        "kolonitillaeg": kolonitillaeg,
        "dagpenge": dagpenge,
        "timepenge": timepenge,
        "overhead": overhead,
        "pris": pris,
        "besparelse": besparelse,
        "egenbetaling": egen,
    }
    return Ledsagelsesresultat(
        hele_doegn=hele,
        resttimer=_vis(rest),
        paabegyndte_doegn=paabegyndte,
        timeloen=timeloen,
        timer=timer,
        loen=loen,
        kolonitillaeg=kolonitillaeg,
        dagpenge=dagpenge,
        timepenge=timepenge,
        overhead=overhead,
        pris=pris,
        besparelse=besparelse,
        egenbetaling=egen,
        egenbetaling_pr_beboer=andele,
        afvigelser=sammenlign({k: Decimal(v) for k, v in g.trykt.items()}, beregnet, spor),
        spor=spor,
    )


def sammenlign(trykt: dict[str, Decimal], beregnet: dict[str, Decimal], spor: Spor) -> list[Afvigelse]:
    """Each printed figure that differs from the calculated one, explained: a sum that adds up
    the document's own (printed) parts inherits their difference; any other figure is the
    calculated one by its formula with the document's inputs."""
    afvigende = {p for p, v in trykt.items() if v != beregnet[p]}
    ud = []
    for post, navn in POSTER.items():
        if post not in afvigende:
            continue
        t, b = trykt[post], beregnet[post]
        dele = _SUMMER.get(post, ())
        egne = sum((trykt.get(d, beregnet[d]) * fortegn for d, fortegn in dele), NUL)
        skyld = [POSTER[d].lower() for d, _ in dele if d in afvigende]
        if dele and skyld and egne == t:
            forklaring = (
                f"Dokumentets {navn.lower()} ({dansk_tal(t, 2)}) er summen af dets egne trykte poster; "
                f"forskellen på {dansk_tal(t - b, 2)} kommer fra {' og '.join(skyld)}. "
                f"Beregnet: {dansk_tal(b, 2)}."
            )
        else:
            trin = spor[f"ledsagelse.{post}"]
            forklaring = (
                f"{navn} er {trin.formel} = {dansk_tal(b, 2)} med dokumentets egne indgangstal; "
                f"dokumentet trykker {dansk_tal(t, 2)} (forskel {dansk_tal(t - b, 2)})."
            )
        ud.append(Afvigelse(post=post, navn=navn, trykt=t, beregnet=b, forskel=t - b, forklaring=forklaring))
    return ud


def _vis(d: Decimal) -> Decimal:
    """Hours as people write them: 8,5 or 40 (not 8,500000… or 4E+1); whole minutes, 2 decimals."""
    q = d.quantize(OERE)
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q.normalize()


CASEBEREGNING = Caseberegning(
    "ledsagelse",
    Ledsagelsesgrundlag,
    beregn_ledsagelse,
    "Tilkøb af ledsagelse under ferie, model 2 (koloniaftalen): prisen og beboerens egenbetaling",
)
