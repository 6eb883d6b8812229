"""Objectively financed national offers (lands- og landsdelsdækkende tilbud, e.g. Kofoedsminde,
the secure institution for convicted people with intellectual disabilities): the year's cost
is paid by every municipality in the country by its number of inhabitants (rulebook
`landsdaekkende.*`), the extra charges counted in the year they concern.

One year, from one of three starting points:

- the operator's accounts (`drift`):

      pris pr. plads     = budget ÷ finansierede pladser                 (øre)
      overbelægning      = max(0, belagte − finansierede pladser)
      opkrævning         = overbelægning × pris pr. plads                 (use beyond the financed places)
      resultat           = budget + opkrævning − årets udgift            (+ overskud, − underskud)
      egen andel         = fortegn × min(|resultat|, 5 % × budget)        (from the new financing
                           order: `efterregulering.objektiv_finansiering_egen_andel_pct`; before it, 0)
      efterregulering    = −(resultat − egen andel)                      (+ extra charge, − repayment)
      landsplan i alt    = budget + opkrævning + efterregulering          (whole kroner)

- the national total (`landsplan_i_alt`), as a document prints it;
- the announced charge per inhabitant (`kr_pr_indbygger`), when the total is not known.

Then kr. pr. indbygger = landsplan i alt ÷ the country's inhabitants (2 decimals), and the
region's and each municipality's amount = landsplan i alt × its inhabitants ÷ the country's,
in whole kroner (from an announced rate: rate × inhabitants). Figures a document printed
(`trykt`) are compared with the calculated ones and a difference is explained. Pure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import (
    Caseberegning,
    Inddata,
    Noegler,
    Resultat,
    ResultatMedRegler,
    Tal,
)
from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund, afrund_til, dansk_tal, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor, med_enhed
from socialstyring.regler import Regelbog

EGEN_ANDEL = "efterregulering.objektiv_finansiering_egen_andel_pct"


class Driftsregnskab(Inddata):
    """The operator's year: the objectively financed budget and places, the places used on
    average and the year's actual cost."""

    budget: Tal = Field(gt=0, description="objektivt finansieret budget (kr.)")
    finansierede_pladser: Tal = Field(gt=0, description="normerede, objektivt finansierede pladser")
    belagte_pladser: Tal = Field(ge=0, description="gennemsnitligt belagte pladser i året")
    udgift: Tal = Field(ge=0, description="årets faktiske udgift (kr.)")


class Trykt(Inddata):
    """What a document printed for the year, to compare with."""

    kr_pr_indbygger: Tal | None = None
    region_i_alt: Tal | None = None
    landsplan_i_alt: Tal | None = None


class Finansieringsaar(Inddata):
    """One year of an objectively financed offer and the inhabitants it is shared by."""

    tilbud: str = Field(min_length=1)
    region: str = Field(description="den rammeaftale, hvis regler (og kommuner) bruges")
    aar: int = Field(ge=2007, le=2100)
    drift: Driftsregnskab | None = None
    landsplan_i_alt: Tal | None = Field(
        default=None, gt=0, description="årets objektive finansiering i alt (kr.)"
    )
    kr_pr_indbygger: Tal | None = Field(default=None, gt=0, description="annonceret opkrævning pr. indbygger")
    indbyggere_landet: int = Field(gt=0, description="hele landets indbyggere (folketal 1. januar)")
    regionsnavn: str = "Region Midtjylland"
    indbyggere_regionen: int | None = Field(default=None, gt=0)
    kommuner: dict[str, int] = Field(default_factory=dict, description="kommune → indbyggere")
    trykt: Trykt = Field(default_factory=Trykt)

    @model_validator(mode="after")
    def _tjek(self) -> Finansieringsaar:
        givet = [self.drift is not None, self.landsplan_i_alt is not None, self.kr_pr_indbygger is not None]
        if sum(givet) != 1:
            raise ValueError("angiv præcis ét af: drift, landsplan_i_alt, kr_pr_indbygger")
        if self.indbyggere_regionen is not None and self.indbyggere_regionen > self.indbyggere_landet:
            raise ValueError("regionen kan ikke have flere indbyggere end landet")
        if any(n < 0 or n > self.indbyggere_landet for n in self.kommuner.values()):
            raise ValueError("en kommunes indbyggere skal ligge mellem 0 og landets")
        return self


class Afvigelse(Resultat):
    """A printed figure that is not the calculated one, with why."""

    navn: str
    trykt: Decimal
    beregnet: Decimal
    forskel: Decimal
    forklaring: str


class Kommuneandel(Resultat):
    navn: str
    indbyggere: int
    beloeb: Decimal


class Finansieringsresultat(ResultatMedRegler):
    """The year's national total, the charge per inhabitant, the region's and the
    municipalities' amounts; from the accounts also the operator's part."""

    aar: int
    landsplan_i_alt: Decimal
    landsplan_er_beregnet: bool  # False: given; True: from the accounts or the announced rate
    kr_pr_indbygger: Decimal
    region_i_alt: Decimal | None
    kommuner: list[Kommuneandel]
    opkraevning_overbelaegning: Decimal | None
    resultat: Decimal | None
    egen_andel: Decimal | None
    efterregulering: Decimal | None
    afvigelser: list[Afvigelse]
    spor: Spor


def _drift(d: Driftsregnskab, regler: Regler, spor: Spor, q: str) -> dict[str, Decimal]:
    """The accounts' steps (see the module); returns the figures by name."""
    budget = spor.tilfoej(
        f"{q}.budget", "Objektivt finansieret budget", "driftsherrens budget", Decimal(d.budget), "kr."
    )
    pris = spor.tilfoej(
        f"{q}.pris_pr_plads",
        "Budget pr. finansieret plads",
        "budget ÷ finansierede pladser, i øre",
        afrund(budget / Decimal(d.finansierede_pladser)),
        "kr. pr. plads",
        {
            "budget": spor.fra(f"{q}.budget"),
            "finansierede pladser": med_enhed(d.finansierede_pladser, "pladser"),
        },
    )
    over = spor.tilfoej(
        f"{q}.overbelaegning",
        "Overbelægning",
        "max(0, belagte − finansierede pladser)",
        max(NUL, Decimal(d.belagte_pladser) - Decimal(d.finansierede_pladser)),
        "pladser",
        {
            "belagte pladser": med_enhed(d.belagte_pladser, "pladser"),
            "finansierede pladser": med_enhed(d.finansierede_pladser, "pladser"),
        },
    )
    opkr = spor.tilfoej(
        f"{q}.opkraevning_overbelaegning",
        "Opkrævning for brug ud over de finansierede pladser",
        "overbelægning × pris pr. plads, i øre",
        afrund(over * pris),
        "kr.",
        {"overbelægning": spor.fra(f"{q}.overbelaegning"), "pris pr. plads": spor.fra(f"{q}.pris_pr_plads")},
        bemaerkning="Opkræves hos alle kommuner efter indbyggertal som efterregulering af den "
        "objektive finansiering i det år, den vedrører.",
    )
    resultat = spor.tilfoej(
        f"{q}.resultat",
        "Driftsherrens resultat (+ overskud, − underskud)",
        "budget + opkrævning for overbelægning − årets udgift",
        budget + opkr - Decimal(d.udgift),
        "kr.",
        {
            "budget": spor.fra(f"{q}.budget"),
            "opkrævning": spor.fra(f"{q}.opkraevning_overbelaegning"),
            "årets udgift": med_enhed(d.udgift, "kr."),
        },
    )
    fastsat = regler.tal_hvis_fastsat(EGEN_ANDEL)
    if fastsat is None:
        egen = spor.tilfoej(
            f"{q}.egen_andel",
            "Driftsherrens egen andel",
            "ingen regel i året",
            NUL,
            "kr.",
            bemaerkning="Før den nye finansieringsbekendtgørelse efterreguleres hele resultatet "
            "(dokumentet: driftsherren hæfter 'fremover' selv for de første 5 %).",
        )
    else:
        pct, ref = fastsat
        _, ref_grundlag = regler.tekst("landsdaekkende.egen_andel_grundlag")
        graense = spor.tilfoej(
            f"{q}.egen_andel_graense",
            "Grænse for driftsherrens egen andel",
            "budget × egen andel %",
            afrund(procent_af(budget, pct)),
            "kr.",
            {"budget": spor.fra(f"{q}.budget"), "egen andel %": med_enhed(pct, "%")},
            [ref, ref_grundlag],
        )
        egen = spor.tilfoej(
            f"{q}.egen_andel",
            f"Driftsherrens egen andel ({'beholdes' if resultat >= 0 else 'bæres'})",
            "fortegn(resultat) × min(|resultat|, grænse)",
            min(abs(resultat), graense) * (1 if resultat >= 0 else -1),
            "kr.",
            {"resultat": spor.fra(f"{q}.resultat"), "grænse": spor.fra(f"{q}.egen_andel_graense")},
        )
    efter = spor.tilfoej(
        f"{q}.efterregulering",
        "Efterregulering (+ ekstra opkrævning, − tilbagebetaling)",
        "−(resultat − egen andel)",
        -(resultat - egen),
        "kr.",
        {"resultat": spor.fra(f"{q}.resultat"), "egen andel": spor.fra(f"{q}.egen_andel")},
    )
    return {
        "budget": budget,
        "opkraevning": opkr,
        "resultat": resultat,
        "egen": egen,
        "efterregulering": efter,
    }


def beregn_landsdaekkende(g: Finansieringsaar, bog: Regelbog) -> Finansieringsresultat:
    """One year's objective financing (see the module)."""
    spor = Spor()
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    q = "landsdaekkende"
    _, ref_indb = regler.tekst("landsdaekkende.indbyggertal")
    decimaler, ref_dec = regler.heltal("landsdaekkende.kr_pr_indbygger_decimaler")
    land = spor.tilfoej(
        f"{q}.indbyggere_landet",
        f"Hele landets indbyggere {g.aar}",
        "folketal 1. januar",
        g.indbyggere_landet,
        "indbyggere",
        regler=[ref_indb],
    )
    drift: dict[str, Decimal] = {}
    if g.kr_pr_indbygger is not None:
        rate = spor.tilfoej(
            f"{q}.kr_pr_indbygger",
            "Opkrævning pr. indbygger",
            "annonceret af driftsherren",
            Decimal(g.kr_pr_indbygger),
            "kr. pr. indbygger",
        )
        landsplan = spor.tilfoej(
            f"{q}.landsplan_i_alt",
            "Objektiv finansiering i alt på landsplan",
            "kr. pr. indbygger × landets indbyggere",
            rate * land,
            "kr.",
            {
                "kr. pr. indbygger": spor.fra(f"{q}.kr_pr_indbygger"),
                "indbyggere": spor.fra(f"{q}.indbyggere_landet"),
            },
        )
    else:
        if g.drift is not None:
            drift = _drift(g.drift, regler, spor, f"{q}.drift")
            landsplan = spor.tilfoej(
                f"{q}.landsplan_i_alt",
                "Objektiv finansiering i alt på landsplan",
                "budget + opkrævning for overbelægning + efterregulering, i hele kroner",
                afrund(drift["budget"] + drift["opkraevning"] + drift["efterregulering"], Afrunding.KRONE),
                "kr.",
                {
                    "budget": spor.fra(f"{q}.drift.budget"),
                    "opkrævning": spor.fra(f"{q}.drift.opkraevning_overbelaegning"),
                    "efterregulering": spor.fra(f"{q}.drift.efterregulering"),
                },
                bemaerkning="Ekstra opkrævninger indregnes i det år, de vedrører.",
            )
        else:
            assert g.landsplan_i_alt is not None
            landsplan = spor.tilfoej(
                f"{q}.landsplan_i_alt",
                "Objektiv finansiering i alt på landsplan",
                "oplyst",
                Decimal(g.landsplan_i_alt),
                "kr.",
            )
        rate = spor.tilfoej(
            f"{q}.kr_pr_indbygger",
            "Objektiv finansiering pr. indbygger",
            f"landsplan i alt ÷ landets indbyggere, med {decimaler} decimaler",
            afrund_til(landsplan / land, Decimal(1).scaleb(-decimaler)),
            "kr. pr. indbygger",
            {
                "landsplan i alt": spor.fra(f"{q}.landsplan_i_alt"),
                "indbyggere": spor.fra(f"{q}.indbyggere_landet"),
            },
            [ref_dec],
        )

    def andel(noegle: str, navn: str, n: int) -> Decimal:
        if g.kr_pr_indbygger is not None:
            return spor.tilfoej(
                noegle,
                navn,
                "kr. pr. indbygger × indbyggere, i hele kroner",
                afrund(rate * n, Afrunding.KRONE),
                "kr.",
                {
                    "kr. pr. indbygger": spor.fra(f"{q}.kr_pr_indbygger"),
                    "indbyggere": med_enhed(n, "indbyggere"),
                },
            )
        return spor.tilfoej(
            noegle,
            navn,
            "landsplan i alt × indbyggere ÷ landets indbyggere, i hele kroner",
            afrund(landsplan * n / land, Afrunding.KRONE),
            "kr.",
            {
                "landsplan i alt": spor.fra(f"{q}.landsplan_i_alt"),
                "indbyggere": med_enhed(n, "indbyggere"),
                "landets indbyggere": spor.fra(f"{q}.indbyggere_landet"),
            },
            [ref_indb],
        )

    region = None
    if g.indbyggere_regionen is not None:
        region = andel(f"{q}.region_i_alt", f"Kommunerne i {g.regionsnavn} i alt", g.indbyggere_regionen)
    noegler = Noegler()
    kommuner = [
        Kommuneandel(navn=navn, indbyggere=n, beloeb=andel(f"{q}.kommune.{noegler(navn)}", navn, n))
        for navn, n in g.kommuner.items()
    ]
    beregnet = {"kr_pr_indbygger": rate, "region_i_alt": region, "landsplan_i_alt": landsplan}
    return Finansieringsresultat(
        aar=g.aar,
        landsplan_i_alt=landsplan,
        landsplan_er_beregnet=g.landsplan_i_alt is None,
        kr_pr_indbygger=rate,
        region_i_alt=region,
        kommuner=kommuner,
        opkraevning_overbelaegning=drift.get("opkraevning"),
        resultat=drift.get("resultat"),
        egen_andel=drift.get("egen"),
        efterregulering=drift.get("efterregulering"),
        afvigelser=_sammenlign(g, beregnet, land),
        spor=spor,
    )


NAVNE = {
    "kr_pr_indbygger": "Kr. pr. indbygger",
    "region_i_alt": "Regionens kommuner i alt",
    "landsplan_i_alt": "I alt på landsplan",
}


def _sammenlign(g: Finansieringsaar, beregnet: dict[str, Decimal | None], land: int) -> list[Afvigelse]:
    """Each printed figure that differs from the calculated one, and why."""
    ud = []
    for post, navn in NAVNE.items():
        t = getattr(g.trykt, post)
        b = beregnet[post]
        if t is None or b is None or Decimal(t) == b:
            continue
        t = Decimal(t)
        if post == "region_i_alt" and g.indbyggere_regionen:
            # what the printed amount implies about the region's inhabitants
            landsplan = beregnet["landsplan_i_alt"]
            assert landsplan is not None
            svarer = (t * land / landsplan).quantize(Decimal(1))
            forklaring = (
                f"Trykt {dansk_tal(t)} kr. svarer til {dansk_tal(svarer)} indbyggere i regionen; "
                f"med {dansk_tal(g.indbyggere_regionen)} indbyggere er beløbet {dansk_tal(b)} kr. "
                "Enten er der fordelt efter et andet folketal, eller tallet er forkert."
            )
        elif post == "kr_pr_indbygger":
            forklaring = (
                f"I alt ÷ landets {dansk_tal(land)} indbyggere giver {dansk_tal(b, 2)} kr.; dokumentet "
                f"trykker {dansk_tal(t, 2)} kr. Enten er der fordelt efter et andet folketal, "
                "eller tallet er forkert."
            )
        else:
            forklaring = f"Beregnet {dansk_tal(b, 2)} kr.; dokumentet trykker {dansk_tal(t, 2)} kr."
        ud.append(Afvigelse(navn=navn, trykt=t, beregnet=b, forskel=t - b, forklaring=forklaring))
    return ud


CASEBEREGNING = Caseberegning(
    "landsdaekkende",
    Finansieringsaar,
    beregn_landsdaekkende,
    "Objektivt finansieret landsdækkende tilbud (fx Kofoedsminde): udgift pr. indbygger og kommunernes andel",
)
