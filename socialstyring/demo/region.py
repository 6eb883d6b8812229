"""The demo region: Region Midtjylland as in seed 004, with synthetic offers.

DEMODATA. The operators, the target groups and every per-operator total below are the
seed's ("Ledelsesinformation vedr. takster 2017", `socialstyring/io/kilder/data/seed004/`); the
offers themselves, their names, their split into services, the buying municipalities and
the 2018 figures are made up, deterministically (no randomness without the fixed seed
`FROE`), so that their totals reproduce the seed:

- **Operators** (`Driftsherre`): the 19 municipalities of the region and Region
  Midtjylland. The seed's tables have 18 municipalities and the region; Samsø has no
  offer and is an operator without offers.
- **Target groups** (`Maalgruppe`): the eight groups of tables E and D, in their order.
- **Offers and services**: for each target group × operator row of table E ("Pladsoversigt")
  and each place type (døgn, dag), the year's places are split evenly over
  ceil(places / `ENHEDSSTOERRELSE`) services; the i-th døgn and the i-th dag service of a
  row share an offer. A service with 0 places in 2016 or 2017 has no `Ydelsesaar` that year
  (it closed, or had not opened); an offer without places in 2017 is closed from 2017-01-01.
  So per operator and year the døgn and dag places add up to table E's target-group rows.
  In the 2018 report a service of an open offer that had no places in 2017 is reported with
  0 places (`KILDE_UDBYDES_IKKE`): not offered, so it needs no rate.
- **Occupancy and accounts 2016–2017**: table A's årspladser and accounts (t.kr. × 1000,
  whole kroner; 2016 brought back to 2016 prices with the rulebook's P/L 2017, since the
  seed prints it in 2017 prices) of an operator are split over its services with places
  that year by largest remainder — årspladser in proportion to places, costs in
  proportion to places × `KOSTVAEGT` (a døgn place is weighted 5, a dag place 2, so a
  24-hour rate comes out above a day rate). The seed computed its average prices from
  unrounded occupancy, so the operator's årspladser are the unrounded figure
  (`uafrundede_aarspladser`, 6 decimals) that rounds to the printed one and gives the
  printed price. The totals per operator and year equal table A.
- **Results and add-on income 2016–2017** (`Regnskab`): tables B and C of an operator
  split over its offers in proportion to their costs; takstindtægter = omkostninger +
  resultat − tillæg.
- **Budgeted occupancy 2017**: table D's 2016 figure for the service's target group and
  place type, kept within 95–100 % (`budget_2017`), so the 2017 quarterly reports flag the
  offers whose group deviates 5 percentage points or more.
- **Quarterly used days 2016–2017** (`Forbrug`): per target group and place type, table D's
  occupancy × places × calendar days, split over the group's services by places and over
  the quarters by their days (groups printed only in total use the total).
- **Rates, one rule for every year**: a service's daily rate for year Y is its accounts of the
  year before per used day, carried forward with the year's P/L — accounts Y−1 ÷
  (årspladser Y−1 × the rulebook's days of Y−1, `takst.dage_pr_aar`) × (1 + P/L Y, the
  rulebook's `pl.kl_skoen_pct`) — in whole kroner (the rulebook's `takst.afrunding`). A day
  service gets a lower rate than a 24-hour one through its accounts (`KOSTVAEGT`). 2016 has no
  accounts of the year before in the document, and neither has a service that opened in
  2017: their rate is the year's own accounts per used day, without P/L. The rate's rule is
  added to the row's source text (`KILDE_TAKST_FREMSKREVET`, `KILDE_TAKST_SAMME_AAR`). So
  a rate develops from one year to the next as the service's accounts per used day did the
  year before, plus P/L: the 2018 report's rise check (`beregning.indberetning`, P/L 2,0 %
  − Midtjylland's reduction 0,75 = 1,25 %) flags the services whose cost per used day rose
  from 2016 to 2017 (table A's price development plus the service's share), and the 2017
  reports flag every service carried over from 2016 (+2,0 %).
- **Justified rises**: every rise the validation flags (2016–2018, every operator) carries
  the justification `BEGRUNDELSE_STIGNING`, so the submitted and approved reports validate and
  an incomplete one lacks only its rates.
- **2018, the reporting year**: places = the 2017 places; budgeted occupancy = the average
  of the service's 2016–2017 occupancy, kept within 95–100 %; rate by the rule above
  (accounts 2017), marked "Demodata: afledt af regnskab 2017 + P/L". The operators in
  `UFAERDIGE_INDBERETNINGER` have not entered every second rate yet (their 2018 report
  is incomplete).
- **Use 2016–2017** (`Pladskoeb`): per offer and year the årspladser (to 0.1) are split over
  the operator's own municipality (30–75 %, none for the region) and 2–6 other
  municipalities of the region (the same ones both years), so more than 5 % is used by
  others: every offer with use is in the agreement, as seed 004's offers are.
- **Categories 2017–2018** (`Kategorisering`, `KATEGORIAAR`): `beregn_kategori` under
  Midtjylland's rule on the year's places and highest rate and the use of the year before,
  stored with its trace: "omfattet" for every offer with use the year before; an offer that
  opened in 2017 has no 2016 use and is "lokalt tilbud" in 2017. 2016 has no category: the
  rulebook has Midtjylland's rule from 2017 (its source is the 2017 management information).

Where the seed contradicts itself, the demo follows the target-group rows of table E and
the operator rows of table A and records the difference in `NOTER` (computed from the
seed files when the module is imported; the test checks they are the ones listed here).
As loaded, they are:

- Randers Kommune 2017, døgnpladser: målgruppetabellerne giver 348, 'I alt'-tabellen 368;
  demoen følger målgruppetabellerne (348).
- Silkeborg Kommune 2017, døgnpladser: målgruppetabellerne giver 267, 'I alt'-tabellen
  275; demoen følger målgruppetabellerne (267).
- Pladsoversigten 2016, dagpladser: trykt hovedtotal 5.910, 'I alt'-tabellens rækker
  summerer til 5.911, målgrupperækkerne til 5.911; demoen har 5.911.
- Pladsoversigten 2016, døgnpladser: trykt hovedtotal 5.986, 'I alt'-tabellens rækker
  summerer til 5.856, målgrupperækkerne til 5.856; demoen har 5.856.
- Pladsoversigten 2017, døgnpladser: trykt hovedtotal 5.279, 'I alt'-tabellens rækker
  summerer til 5.164, målgrupperækkerne til 5.136; demoen har 5.136.
- Børn og unge med nedsat fysisk eller psykisk funktionsevne 2017, døgnpladser: trykt
  total 498, rækkerne summerer til 497; demoen har 497.
- Voksne med sindslidelse 2016, døgnpladser: trykt total 811, rækkerne summerer til 812;
  demoen har 812.
- Voksne med sindslidelse 2017, døgnpladser: trykt total 622, rækkerne summerer til 623;
  demoen har 623.
- Voksne fysisk handicappede inkl. senhjerneskadede 2016, dagpladser: trykt total 2.099,
  rækkerne summerer til 2.100; demoen har 2.100.
- Personer med psykisk handicap inkl. autister 2016, døgnpladser: trykt total 2.187,
  rækkerne summerer til 2.186; demoen har 2.186.
- Personer med psykisk handicap inkl. autister 2017, dagpladser: trykt total 2.648,
  rækkerne summerer til 2.649; demoen har 2.649.
- Takstudvikling på regnskab 2016, årspladser: trykt hovedtotal 11.852, driftsherrernes
  rækker summerer til 11.852,5; demoen har 11.852,5.
- Takstudvikling på regnskab 2016, regnskab (t.kr.): trykt hovedtotal 4.645.131,
  driftsherrernes rækker summerer til 4.645.132; demoen har 4.645.132.
- Takstudvikling på regnskab 2017, årspladser: trykt hovedtotal 10.620, driftsherrernes
  rækker summerer til 10.620,3; demoen har 10.620,3.
- Belægning over pladserne: tabel A's årspladser er flere end tabel E's pladser for Aarhus
  Kommune 2016 (1.604,9 årspladser på 1.601 pladser, 100,2 %), Lemvig Kommune 2016 (271,3
  årspladser på 159 pladser, 170,6 %), Lemvig Kommune 2017 (264,4 årspladser på 146
  pladser, 181,1 %), Norddjurs Kommune 2016 (624,8 årspladser på 555 pladser, 112,6 %),
  Norddjurs Kommune 2017 (576,0 årspladser på 560 pladser, 102,9 %), Randers Kommune 2017
  (666,8 årspladser på 639 pladser, 104,4 %), Silkeborg Kommune 2016 (719,0 årspladser på
  581 pladser, 123,8 %), Silkeborg Kommune 2017 (693,6 årspladser på 552 pladser, 125,7
  %), Skive Kommune 2016 (526,0 årspladser på 468 pladser, 112,4 %), Skive Kommune 2017
  (513,7 årspladser på 429 pladser, 119,7 %), Struer Kommune 2016 (187,1 årspladser på 154
  pladser, 121,5 %), Struer Kommune 2017 (146,0 årspladser på 133 pladser, 109,8 %),
  Syddjurs Kommune 2016 (214,3 årspladser på 213 pladser, 100,6 %), Viborg Kommune 2016
  (946,2 årspladser på 723 pladser, 130,9 %); demoen viser belægningen, som den følger af
  ledelsesinformationen.

Everything above is pure data (`byg_demoregion()`, cached); `indlaes_demoregion()` writes
it to the database in one transaction. Loading is idempotent: it creates what is missing,
updates what differs from the demo (a demo figure edited by hand is set back) and leaves
what is equal alone, so a second load writes nothing and adds no history rows. It never
deletes an offer; it deletes only a demo service's 2016–2018 figures and a demo offer's
2017 use that the demo does not have.
"""

from __future__ import annotations

import calendar
import json
import math
import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from socialstyring.beregning.indberetning import Indberetning, Indberetningslinje, valider_indberetning
from socialstyring.beregning.kategori import REGION, Kategorigrundlag, beregn_kategori
from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.kalender import dage_i_periode
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.io.kilder import seed004
from socialstyring.io.kilder.kommuner import kommune, kommuner_i_region
from socialstyring.regler import Regelbog, regelbog

if TYPE_CHECKING:
    from django.db import models

DEMO_REGION = "midtjylland"
REGIONSKODE = 1082  # Region Midtjylland in kommuner.py
REGIONSNAVN = "Region Midtjylland"
REGNSKABSAAR = (2016, 2017)
INDBERETNINGSAAR = 2018
FORBRUGSAAR = 2017  # the use the 2018 category is computed from
KATEGORIAAR = (2017, INDBERETNINGSAAR)
"""Years with a computed category: Midtjylland's rule is in the rulebook from 2017, each year's
category computed on the use of the year before."""
DEMOAAR = (*REGNSKABSAAR, INDBERETNINGSAAR)
FROE = 4  # the fixed seed of every synthetic choice (seed 004)

DOEGN, DAG = "doegn", "dag"  # = models.Pladstype / models.Takstenhed values
BEREGNET, INDTASTET = "beregnet", "indtastet"  # = models.TakstKilde values
ENHEDSSTOERRELSE = {DOEGN: 40, DAG: 60}
"""At most this many places of one type in one service (a bigger row is split)."""
KOSTVAEGT = {DOEGN: 5, DAG: 2}
"""Relative cost of a place, for splitting an operator's accounts over its services."""
BELAEGNINGSENHED = Decimal("0.1")  # table A's precision
AARSPLADSENHED = Decimal("0.000001")  # the stored year-places (`Ydelsesaar.faktiske_aarspladser`)
HALV = Decimal("0.5")
KRONE = Decimal(1)
BUDGETBELAEGNING_MIN, BUDGETBELAEGNING_MAKS = Decimal(95), Decimal(100)
EGEN_ANDEL_PCT = (30, 75)  # the operator's own municipality's share of an offer's use
ANTAL_KOEBERE = (2, 6)  # other buying municipalities per offer

UFAERDIGE_INDBERETNINGER = ("Aarhus Kommune", "Lemvig Kommune", "Skive Kommune")
"""Operators whose 2018 report lacks the rate on every second service."""

KILDE_PUBLIKATION = "Ledelsesinformation vedr. takster 2017 (DASSOS-møde 15. august 2018)"
"""The document the demo's 2016–2017 figures are taken from, as the source texts name it."""

KILDE_REGNSKAB = (
    f"Demodata efter {KILDE_PUBLIKATION}: pladser fra tabel E; årspladser og regnskab fordelt fra tabel A"
)
KILDE_REGNSKAB_2016 = KILDE_REGNSKAB + " (i 2016-priser: tabel A's 2017-priser ÷ P/L 2017)"
KILDE_RESULTAT = (
    f"Demodata efter {KILDE_PUBLIKATION}: resultat fra tabel B, tillægsindtægter fra tabel C, "
    "fordelt efter omkostninger"
)
KILDE_TAKST_2018 = "Demodata: afledt af regnskab 2017 + P/L"
KILDE_TAKST_FREMSKREVET = "; takst: regnskab {forrige} pr. brugt dag + P/L {aar}"
"""Appended to a 2016–2017 row's source: its rate is the year before's accounts carried forward."""
KILDE_TAKST_SAMME_AAR = "; takst: årets regnskab pr. brugt dag (ingen regnskab året før)"
"""Appended to a 2016–2017 row's source: its rate is the year's own accounts per used day."""
BEGRUNDELSE_STIGNING = (
    "Demodata: taksten følger regnskab {forrige} pr. brugt dag fremskrevet med P/L {aar}; "
    "den aftalte takstreduktion er ikke indregnet."
)
"""The justification of a rate rise beyond the allowed development."""
KILDE_TAKST_MANGLER = "Demodata: taksten er endnu ikke indberettet"
KILDE_UDBYDES_IKKE = "Demodata: ydelsen udbydes ikke i 2018 (ingen pladser i 2017)"


# --- the data ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoYdelsesaar:
    aar: int
    pladser: Decimal | None
    budgetteret_belaegning_pct: Decimal | None = None
    takst: Decimal | None = None
    takst_kilde: str = INDTASTET
    kilde_tekst: str = ""
    faktiske_aarspladser: Decimal | None = None
    regnskab: Decimal | None = None
    takstberegning: bool = False  # linked to the offer's Takstberegning of the year
    kvartalsdage: tuple[Decimal, ...] = ()  # used days Q1..Q4 (`Forbrug`), from table D
    begrundelse: str = ""  # the justification of a flagged rate rise


@dataclass(frozen=True)
class DemoRegnskab:
    """An offer's accounts for a year (`regnskab.Regnskab`): result = takstindtægter +
    tillægsindtægter − omkostninger (table B), tillægsindtægter from table C."""

    aar: int
    omkostninger: Decimal
    takstindtaegter: Decimal
    tillaegsindtaegter: Decimal
    grundlag: Decimal


@dataclass(frozen=True)
class DemoYdelse:
    navn: str
    pladstype: str
    takstenhed: str
    aar: tuple[DemoYdelsesaar, ...]

    def i_aar(self, aar: int) -> DemoYdelsesaar | None:
        return next((a for a in self.aar if a.aar == aar), None)


@dataclass(frozen=True)
class DemoKategori:
    aar: int
    beregnet: str  # the category key (`Kategori` value)
    spor: dict[str, Any]  # `Kategoriresultat.til_json()`


@dataclass(frozen=True)
class DemoTilbud:
    navn: str
    driftsherre: str  # `Driftsherre.navn`
    maalgruppe: str | None
    paragraf: str  # a `models.Paragraf` value, e.g. "SEL § 108"
    ydelser: tuple[DemoYdelse, ...]
    takststruktur: str = "gennemsnit"
    lukket_fra: date | None = None
    pladskoeb: tuple[tuple[int, int, Decimal], ...] = ()  # (år, kommunekode, årspladser)
    kategorier: tuple[DemoKategori, ...] = ()  # one per year of KATEGORIAAR with places
    takstgrundlag: dict[str, Any] | None = None  # the INDBERETNINGSAAR Takstberegning (JSON)
    regnskaber: tuple[DemoRegnskab, ...] = ()

    def pladser(self, aar: int) -> Decimal:
        return sum((a.pladser or NUL for y in self.ydelser if (a := y.i_aar(aar))), NUL)

    def aarspladser(self, aar: int) -> Decimal:
        return sum((a.faktiske_aarspladser or NUL for y in self.ydelser if (a := y.i_aar(aar))), NUL)


@dataclass(frozen=True)
class DemoDriftsherre:
    navn: str
    kommunekode: int | None  # None: the region
    seednavn: str | None  # as printed in seed 004; None for an operator not in its tables

    @property
    def kode(self) -> str:
        """The operator code of the category engine ('751' or 'region')."""
        return REGION if self.kommunekode is None else f"{self.kommunekode:03d}"


@dataclass(frozen=True)
class Demoregion:
    rammeaftale: str
    driftsherrer: tuple[DemoDriftsherre, ...]
    maalgrupper: tuple[str, ...]
    tilbud: tuple[DemoTilbud, ...]
    noter: tuple[str, ...]

    def driftsherre(self, navn: str) -> DemoDriftsherre:
        return next(d for d in self.driftsherrer if d.navn == navn)


def driftsherrenavn(kode: seed004.Driftsherrekode | int | None) -> str:
    """The demo's operator name: "Aarhus Kommune" (kommuner.csv's name), "Region Midtjylland"."""
    if kode is None or kode == seed004.REGION:
        return REGIONSNAVN
    return f"{kommune(int(kode)).navn} Kommune"


# --- helpers -------------------------------------------------------------------------


def fordel(total: Decimal, vaegte: Sequence[int], enhed: Decimal) -> list[Decimal]:
    """Split `total` in proportion to `vaegte` in whole `enhed`s by largest remainder
    (`kerne.fordeling`), so the parts add up to `total` exactly."""
    if total < 0 or sum(vaegte) <= 0:
        raise ValueError(f"{total} kan ikke fordeles efter vægtene {list(vaegte)}")
    return [a.beloeb for a in fordel_efter_stoerste_rest(total, vaegte, enhed)]


def _del_ligeligt(antal: int, dele: int) -> list[int]:
    return [antal // dele + (1 if i < antal % dele else 0) for i in range(dele)]


def _heltal(v: Decimal | None) -> int:
    if v is None:
        return 0
    if v != v.to_integral_value():
        raise ValueError(f"pladser skal være hele tal, ikke {v}")
    return int(v)


def syntetisk_forbrug(
    tilbudnavn: str, driftsherrekode: int | None, aarspladser: Decimal
) -> tuple[tuple[int, Decimal], ...]:
    """A deterministic synthetic split of an offer's årspladser over buying municipalities:
    the operator's own (30–75 %; none for the region) and 2–6 others of the region, so
    that more than 5 % is always used by others. (kommunekode, årspladser), by code."""
    enheder = int(aarspladser / BELAEGNINGSENHED)
    if enheder <= 0:
        return ()
    rng = random.Random(f"{FROE}:{tilbudnavn}")
    egen = 0 if driftsherrekode is None else enheder * rng.randint(*EGEN_ANDEL_PCT) // 100
    andre_enheder = enheder - egen
    andre = [k.kode for k in kommuner_i_region(REGIONSKODE) if k.kode != driftsherrekode]
    koebere = rng.sample(andre, min(rng.randint(*ANTAL_KOEBERE), andre_enheder))
    dele = fordel(andre_enheder * BELAEGNINGSENHED, [rng.randint(1, 10) for _ in koebere], BELAEGNINGSENHED)
    forbrug = [(k, d) for k, d in zip(koebere, dele, strict=True) if d > 0]
    if egen:
        forbrug.append((driftsherrekode or 0, egen * BELAEGNINGSENHED))
    return tuple(sorted(forbrug))


def kategoriser(t: DemoTilbud, driftsherre: DemoDriftsherre, bog: Regelbog) -> DemoTilbud:
    """`t` with its categories for the years of `KATEGORIAAR`, each computed by the engine from
    the year's places and highest day or 24-hour rate and the use of the year before (none for
    a year without places)."""
    kategorier = []
    for aar in KATEGORIAAR:
        pladser = t.pladser(aar)
        if pladser <= 0:
            continue
        takster = [
            a.takst
            for y in t.ydelser
            if y.takstenhed in (DOEGN, DAG) and (a := y.i_aar(aar)) and a.takst is not None
        ]
        grundlag = Kategorigrundlag.model_validate(
            {
                "region": DEMO_REGION,
                "aar": aar,
                "tilbud": t.navn,
                "driftsherre": driftsherre.kode,
                "takst": max(takster, default=NUL),
                "pladser": pladser,
                "forbrug": [(f"{k:03d}", v) for forbrugsaar, k, v in t.pladskoeb if forbrugsaar == aar - 1],
            }
        )
        resultat = beregn_kategori(grundlag, bog)
        spor: dict[str, Any] = json.loads(json.dumps(resultat.til_json()))  # exactly as stored
        kategorier.append(DemoKategori(aar, str(resultat.beregnet_kategori), spor))
    return replace(t, kategorier=tuple(kategorier))


def pl_faktor(bog: Regelbog, aar: int = INDBERETNINGSAAR) -> Decimal:
    """1 + the rulebook's P/L (KL's estimate) from the year before into `aar`."""
    return 1 + bog.vaerdi("pl.kl_skoen_pct", DEMO_REGION, date(aar, 1, 1)).decimal / HUNDREDE


def dage_i_aar(bog: Regelbog, aar: int) -> int:
    """Days of a year as the rulebook counts them for rates (`takst.dage_pr_aar`)."""
    metode = bog.vaerdi("takst.dage_pr_aar", DEMO_REGION, date(aar, 1, 1)).vaerdi
    return 366 if metode == "kalenderdage" and calendar.isleap(aar) else 365


# --- names and kinds -------------------------------------------------------------------


@dataclass(frozen=True)
class _Slags:
    """What an offer for a target group is called, and its services' legal bases."""

    doegn: str  # an offer with only 24-hour places
    dag: str  # only day places
    begge: str  # both
    doegnydelser: tuple[tuple[str, str], ...]  # (paragraf, ydelsesnavn), taken in turn
    dagydelser: tuple[tuple[str, str], ...]


_SLAGS: dict[str, _Slags] = {
    "Børn og unge med nedsat fysisk eller psykisk funktionsevne": _Slags(
        "Døgninstitutionen",
        "Specialbørnehaven",
        "Børne- og ungecentret",
        (("SEL § 67", "Døgnophold § 67"), ("SEL § 66", "Opholdssted § 66")),
        (("SEL § 32", "Særligt dagtilbud § 32"),),
    ),
    "Sikrede institutioner for børn og unge": _Slags(
        "Den sikrede institution",
        "Dagbehandlingen",
        "Den sikrede institution",
        (("SEL § 67", "Sikret døgnophold § 67"),),
        (("SEL § 67", "Dagbehandling § 67"),),
    ),
    "Voksne med sindslidelse": _Slags(
        "Botilbuddet",
        "Aktivitetscentret",
        "Det socialpsykiatriske center",
        (("SEL § 108", "Længerevarende botilbud § 108"), ("SEL § 107", "Midlertidigt botilbud § 107")),
        (("SEL § 104", "Aktivitets- og samværstilbud § 104"),),
    ),
    "Voksne fysisk handicappede inkl. senhjerneskadede": _Slags(
        "Bostedet",
        "Dagcentret",
        "Bo- og dagcentret",
        (("SEL § 108", "Længerevarende botilbud § 108"), ("SEL § 107", "Midlertidigt botilbud § 107")),
        (
            ("SEL § 104", "Aktivitets- og samværstilbud § 104"),
            ("SEL § 103", "Beskyttet beskæftigelse § 103"),
        ),
    ),
    "Personer med psykisk handicap inkl. autister": _Slags(
        "Bofællesskabet",
        "Værkstedet",
        "Bo- og aktivitetstilbuddet",
        (("SEL § 108", "Længerevarende botilbud § 108"), ("SEL § 107", "Midlertidigt botilbud § 107")),
        (
            ("SEL § 104", "Aktivitets- og samværstilbud § 104"),
            ("SEL § 103", "Beskyttet beskæftigelse § 103"),
        ),
    ),
    "Kvindekrisecentre": _Slags(
        "Krisecentret",
        "Krisecentret",
        "Krisecentret",
        (("SEL § 109", "Krisecenterophold § 109"),),
        (("SEL § 109", "Rådgivning og dagophold § 109"),),
    ),
    "Forsorgshjem": _Slags(
        "Forsorgshjemmet",
        "Varmestuen",
        "Forsorgshjemmet",
        (("SEL § 110", "Forsorgshjemsophold § 110"),),
        (("SEL § 104", "Værested for hjemløse § 104"),),
    ),
    "Personer med misbrugsproblemer": _Slags(
        "Behandlingshjemmet",
        "Misbrugscentret",
        "Behandlingscentret",
        (("SEL § 107", "Døgnbehandling § 107"),),
        (("SEL § 101", "Dagbehandling § 101"),),
    ),
}

_FORLED = (
    "Ege", "Bøge", "Birke", "Linde", "Hassel", "Aske", "Elme", "Rønne", "Pile", "Hylde", "Lærke",
    "Eng", "Mose", "Fjord", "Sø", "Bakke", "Skov", "Hede", "Klit", "Mark", "Strand", "Kilde", "Bæk",
    "Dal", "Ravne", "Svane", "Stork", "Vibe", "Kløver", "Rose", "Fyrre", "Grane", "Abild", "Sol",
    "Lyng", "Æble", "Kastanje", "Rugmarks", "Havre", "Mølle",
)  # fmt: skip
_EFTERLED = (
    "bakken", "gården", "lunden", "højen", "vangen", "toften", "holmen", "hegnet", "engen",
    "dalen", "huset", "ly", "bo", "skrænten", "hus", "haven",
)  # fmt: skip
RESERVEREDE_NAVNE = frozenset({"Solbakken", "Skovbrynet", "Hedegården", "Kilden"})
"""Name stems of the budget offers (`demo.indlaes`), kept out of the generated names."""


def stammer() -> list[str]:
    """Danish place-name stems ("Egebakken", "Lyngholmen", …) in a fixed shuffled order."""
    navne = [
        f + e
        for f in _FORLED
        for e in _EFTERLED
        if not e.startswith(f.lower()[:3]) and f + e not in RESERVEREDE_NAVNE
    ]
    random.Random(FROE).shuffle(navne)
    return navne


# --- building -------------------------------------------------------------------------


@dataclass
class _Udkast:
    """An offer while it is being built: its services' places per year."""

    navn: str
    driftsherre: seed004.Driftsherrekode
    maalgruppe: str
    paragraf: str
    ydelser: list[tuple[str, str, dict[int, int]]]  # (pladstype, navn, pladser pr. år)


def _enheder(pladstype: str, pladser: dict[int, int]) -> list[dict[int, int]]:
    """A row's places of one type split into services: per year, evenly over
    ceil(places / size) services, the first ones first (so shrinking closes the last)."""
    stoerrelse = ENHEDSSTOERRELSE[pladstype]
    antal = {aar: math.ceil(p / stoerrelse) for aar, p in pladser.items()}
    enheder: list[dict[int, int]] = [{} for _ in range(max(antal.values(), default=0))]
    for aar, p in pladser.items():
        for i, del_ in enumerate(_del_ligeligt(p, antal[aar])):
            enheder[i][aar] = del_
    return enheder


def _udkast(raekker: Iterable[seed004.PladsRaekke]) -> list[_Udkast]:
    navne = iter(stammer())
    udkast: list[_Udkast] = []
    for r in raekker:
        slags = _SLAGS.get(r.maalgruppe)
        if slags is None:
            raise ValueError(f"{KILDE_PUBLIKATION}: ukendt målgruppe '{r.maalgruppe}' (tilføj den i _SLAGS)")
        assert r.driftsherre_kode is not None
        doegn = _enheder(DOEGN, {2016: _heltal(r.doegn_2016), 2017: _heltal(r.doegn_2017)})
        dag = _enheder(DAG, {2016: _heltal(r.dag_2016), 2017: _heltal(r.dag_2017)})
        for i in range(max(len(doegn), len(dag))):
            ydelser: list[tuple[str, str, dict[int, int]]] = []
            paragraf = ""
            for pladstype, enheder, muligheder in (
                (DOEGN, doegn, slags.doegnydelser),
                (DAG, dag, slags.dagydelser),
            ):
                if i < len(enheder):
                    par, navn = muligheder[i % len(muligheder)]
                    paragraf = paragraf or par
                    ydelser.append((pladstype, navn, enheder[i]))
            art = slags.begge if len(ydelser) == 2 else slags.doegn if ydelser[0][0] == DOEGN else slags.dag
            udkast.append(
                _Udkast(f"{art} {next(navne)}", r.driftsherre_kode, r.maalgruppe, paragraf, ydelser)
            )
    return udkast


def i_2016_priser(tkr: Decimal | None, pl_2017: Decimal) -> Decimal:
    """A seed amount printed in t.kr. in 2017 prices as kroner in 2016 prices (whole kroner):
    the management information re-inflates it with the same P/L to the printed figure."""
    return afrund((tkr or NUL) * 1000 / pl_2017, Afrunding.KRONE)


def _regnskab(
    udkast: list[_Udkast], a: dict[seed004.Driftsherrekode, seed004.TakstudviklingRaekke], pl_2017: Decimal
) -> dict[tuple[int, int, int], tuple[Decimal, Decimal]]:
    """(offer index, service index, year) → (årspladser, regnskab kr.), table A split per
    operator; 2016 in 2016 prices."""
    fordelt: dict[tuple[int, int, int], tuple[Decimal, Decimal]] = {}
    pr_driftsherre: dict[seed004.Driftsherrekode, list[tuple[int, int]]] = defaultdict(list)
    for ti, u in enumerate(udkast):
        pr_driftsherre[u.driftsherre].extend((ti, yi) for yi in range(len(u.ydelser)))
    for kode, ydelser in pr_driftsherre.items():
        raekke = a.get(kode)
        if raekke is None:
            raise ValueError(
                f"{KILDE_PUBLIKATION}: {driftsherrenavn(kode)} har pladser, men ingen række i tabel A"
            )
        for aar, aarspladser, tkr, pris in (
            (2016, raekke.belaegning_2016_aarspladser, raekke.regnskab_2016_tkr, raekke.gns_pris_2016),
            (2017, raekke.belaegning_2017, raekke.regnskab_2017_tkr, raekke.gns_pris_2017),
        ):
            aktive = [(ti, yi) for ti, yi in ydelser if udkast[ti].ydelser[yi][2].get(aar)]
            kr = i_2016_priser(tkr, pl_2017) if aar == 2016 else (tkr or NUL) * 1000
            aarspladser = uafrundede_aarspladser(
                aarspladser or NUL, kr * pl_2017 if aar == 2016 else kr, pris
            )
            if not aktive:
                if aarspladser or kr:
                    raise ValueError(
                        f"{KILDE_PUBLIKATION}: {driftsherrenavn(kode)} {aar} har årspladser, "
                        "men ingen pladser"
                    )
                continue
            pladser = [udkast[ti].ydelser[yi][2][aar] for ti, yi in aktive]
            vaegte = [
                p * KOSTVAEGT[udkast[ti].ydelser[yi][0]] for p, (ti, yi) in zip(pladser, aktive, strict=True)
            ]
            for noegle, b, k in zip(
                aktive,
                fordel(aarspladser, pladser, AARSPLADSENHED),
                fordel(kr, vaegte, KRONE),
                strict=True,
            ):
                fordelt[(*noegle, aar)] = (b, k)
    return fordelt


def uafrundede_aarspladser(trykt: Decimal, omkostninger: Decimal, pris: Decimal | None) -> Decimal:
    """Year-places to `AARSPLADSENHED` that round to the printed figure (0.1) and give the
    printed average price (whole kroner) with the costs as the management information sees
    them (2016 re-inflated): the seed computed its prices from unrounded occupancy. The
    middle of the interval both allow, or the printed figure when there is none."""
    if not trykt or pris is None or pris <= HALV:
        return trykt
    lav = max(trykt - BELAEGNINGSENHED / 2, omkostninger / (pris + HALV))
    hoej = min(trykt + BELAEGNINGSENHED / 2, omkostninger / (pris - HALV))
    x = ((lav + hoej) / 2).quantize(AARSPLADSENHED, rounding=ROUND_HALF_UP)
    if (
        x.quantize(BELAEGNINGSENHED, rounding=ROUND_HALF_UP) == trykt
        and afrund(omkostninger / x, Afrunding.KRONE) == pris
    ):
        return x
    return trykt


def _fordel_med_fortegn(total: Decimal, vaegte: Sequence[int]) -> list[Decimal]:
    dele = fordel(abs(total), vaegte, KRONE)
    return [-d for d in dele] if total < 0 else dele


def _resultater(
    udkast: list[_Udkast], fordelt: dict[tuple[int, int, int], tuple[Decimal, Decimal]], pl_2017: Decimal
) -> dict[tuple[int, int], DemoRegnskab]:
    """(offer index, year) → the offer's accounts: tables B (result) and C (add-on income)
    of its operator split over the operator's offers with costs that year in proportion to
    their costs; takstindtægter = omkostninger + resultat − tillæg; 2016 in 2016 prices."""
    b = {r.driftsherre_kode: r for r in seed004.over_underskud() if r.driftsherre_kode is not None}
    c = {r.driftsherre_kode: r for r in seed004.tillaegsydelser() if r.driftsherre_kode is not None}
    omk: dict[tuple[int, int], Decimal] = defaultdict(lambda: NUL)
    for (ti, _, aar), (_, kr) in fordelt.items():
        omk[(ti, aar)] += kr
    regnskaber: dict[tuple[int, int], DemoRegnskab] = {}
    for kode in dict.fromkeys(u.driftsherre for u in udkast):
        for aar in REGNSKABSAAR:
            rb, rc = b[kode], c[kode]
            tkr_b = rb.over_underskud_2016_tkr if aar == 2016 else rb.over_underskud_2017_tkr
            tkr_c = rc.tillaegsydelser_2016_tkr if aar == 2016 else rc.tillaegsydelser_2017_tkr
            resultat, tillaeg = (
                (i_2016_priser(tkr_b, pl_2017), i_2016_priser(tkr_c, pl_2017))
                if aar == 2016
                else ((tkr_b or NUL) * 1000, (tkr_c or NUL) * 1000)
            )
            aktive = [ti for ti, u in enumerate(udkast) if u.driftsherre == kode and omk.get((ti, aar))]
            if not aktive:
                if resultat or tillaeg:
                    raise ValueError(
                        f"{KILDE_PUBLIKATION}: {driftsherrenavn(kode)} {aar} har resultat, men ingen regnskab"
                    )
                continue
            vaegte = [int(omk[(ti, aar)]) for ti in aktive]
            for ti, r, t in zip(
                aktive, _fordel_med_fortegn(resultat, vaegte), fordel(tillaeg, vaegte, KRONE), strict=True
            ):
                o = omk[(ti, aar)]
                regnskaber[(ti, aar)] = DemoRegnskab(aar, o, o + r - t, t, o)
    return regnskaber


D_TYPER = {DOEGN: "døgn", DAG: "dag"}


@cache
def _maal_belaegning() -> dict[tuple[str, str, int], Decimal]:
    """(target group, place type, year) → table D's occupancy %: the group's day or 24-hour
    figure, or its total where the seed prints only that (kvindekrisecentre, forsorgshjem;
    the secure institutions' open/secure split is not a day/24-hour split)."""
    tabel = {(d.maalgruppe, d.type): d for d in seed004.belaegning()}
    maal: dict[tuple[str, str, int], Decimal] = {}
    for gruppe, _ in tabel:
        for pladstype, type_ in D_TYPER.items():
            d = tabel.get((gruppe, type_)) or tabel.get((gruppe, "samlet"))
            if d is None:
                continue
            for aar, pct in ((2016, d.belaegning_pct_2016), (2017, d.belaegning_pct_2017)):
                if pct is not None:
                    maal[(gruppe, pladstype, aar)] = pct
    return maal


def budget_2017(maalgruppe: str, pladstype: str) -> Decimal:
    """The demo's budgeted occupancy for 2017: table D's 2016 occupancy of the target group and
    place type, kept within 95–100 % (no 2015 figures for the two-year average)."""
    pct = _maal_belaegning().get((maalgruppe, pladstype, 2016), BUDGETBELAEGNING_MIN)
    return min(max(pct, BUDGETBELAEGNING_MIN), BUDGETBELAEGNING_MAKS)


def kvartalernes_dage(bog: Regelbog, aar: int) -> list[int]:
    """Calendar days of Q1..Q4 (`belaegning.dage_i_periode`, as the quarterly reporting counts)."""
    regler = Regler(bog, DEMO_REGION, date(aar, 1, 1))
    slut = [dage_i_periode(aar, k, regler)[0] for k in range(1, 5)]
    return [b - a for a, b in zip([0, *slut], slut, strict=False)]


def _kvartalsdage(udkast: list[_Udkast], bog: Regelbog) -> dict[tuple[int, int, int], tuple[Decimal, ...]]:
    """(offer index, service index, year) → used days Q1..Q4 such that each target group's
    occupancy per place type is table D's: the group's used days = its % × places × the
    year's calendar days (whole days), split over its services by places and over the
    quarters by their days."""
    maal = _maal_belaegning()
    grupper: dict[tuple[str, str, int], list[tuple[int, int, int]]] = defaultdict(list)
    for ti, u in enumerate(udkast):
        for yi, (pladstype, _, pladser) in enumerate(u.ydelser):
            for aar, p in pladser.items():
                if p:
                    grupper[(u.maalgruppe, pladstype, aar)].append((ti, yi, p))
    dage: dict[tuple[int, int, int], tuple[Decimal, ...]] = {}
    for (gruppe, pladstype, aar), ydelser in grupper.items():
        pct = maal.get((gruppe, pladstype, aar))
        if pct is None:
            continue
        kvartaler = kvartalernes_dage(bog, aar)
        i_alt = afrund(pct / HUNDREDE * sum(p for _, _, p in ydelser) * sum(kvartaler), Afrunding.KRONE)
        for (ti, yi, _), del_ in zip(ydelser, fordel(i_alt, [p for _, _, p in ydelser], KRONE), strict=True):
            dage[(ti, yi, aar)] = tuple(fordel(del_, kvartaler, KRONE))
    return dage


def _aar_2018(
    aar: dict[int, DemoYdelsesaar], pl: Decimal, dage: int, mangler_takst: bool
) -> DemoYdelsesaar | None:
    sidste = aar.get(2017)
    if sidste is None or not sidste.pladser:
        return None
    procenter = [
        a.faktiske_aarspladser / a.pladser * HUNDREDE
        for a in aar.values()
        if a.pladser and a.faktiske_aarspladser is not None
    ]
    gennemsnit = sum(procenter, NUL) / len(procenter)
    belaegning = min(max(gennemsnit, BUDGETBELAEGNING_MIN), BUDGETBELAEGNING_MAKS).quantize(
        BELAEGNINGSENHED, rounding=ROUND_HALF_UP
    )
    takst = None
    if not mangler_takst and sidste.faktiske_aarspladser and sidste.regnskab is not None:
        takst = afrund(sidste.regnskab / (sidste.faktiske_aarspladser * dage) * pl, Afrunding.KRONE)
    return DemoYdelsesaar(
        INDBERETNINGSAAR,
        pladser=sidste.pladser,
        budgetteret_belaegning_pct=belaegning,
        takst=takst,
        takst_kilde=INDTASTET,
        kilde_tekst=KILDE_TAKST_MANGLER if takst is None else KILDE_TAKST_2018,
    )


def pr_brugt_dag(a: DemoYdelsesaar, dage: int) -> Decimal | None:
    """A service's accounts per used day of its year: regnskab ÷ (årspladser × days), unrounded;
    None without accounts."""
    if not a.faktiske_aarspladser or a.regnskab is None:
        return None
    return a.regnskab / (a.faktiske_aarspladser * dage)


def med_regnskabstakster(aar: dict[int, DemoYdelsesaar], bog: Regelbog) -> dict[int, DemoYdelsesaar]:
    """The service's 2016–2017 rows with their rates (see the module's docstring): the year
    before's accounts per used day carried forward with the year's P/L, or without accounts
    the year before, the year's own accounts per used day; whole kroner."""
    ud = dict(aar)
    for aar_ in REGNSKABSAAR:
        a = aar.get(aar_)
        if a is None:
            continue
        forrige = aar.get(aar_ - 1)
        grundlag = None if forrige is None else pr_brugt_dag(forrige, dage_i_aar(bog, aar_ - 1))
        if grundlag is not None:
            takst = afrund(grundlag * pl_faktor(bog, aar_), Afrunding.KRONE)
            kilde = KILDE_TAKST_FREMSKREVET.format(forrige=aar_ - 1, aar=aar_)
        else:
            egen = pr_brugt_dag(a, dage_i_aar(bog, aar_))
            if egen is None:
                continue
            takst, kilde = afrund(egen, Afrunding.KRONE), KILDE_TAKST_SAMME_AAR
        ud[aar_] = replace(a, takst=takst, kilde_tekst=a.kilde_tekst + kilde)
    return ud


def begrund_stigninger(tilbud: list[DemoTilbud], bog: Regelbog) -> list[DemoTilbud]:
    """The offers with a justification (`BEGRUNDELSE_STIGNING`) on every rate the yearly
    validation (`beregning.indberetning`) flags as rising beyond the allowed development."""
    flag: set[tuple[str, str, int]] = set()  # (offer, service, year)
    for driftsherre in dict.fromkeys(t.driftsherre for t in tilbud):
        for aar in (*REGNSKABSAAR, INDBERETNINGSAAR):
            linjer = [
                Indberetningslinje(
                    tilbud=t.navn,
                    ydelse=y.navn,
                    takst=a.takst,
                    takst_sidste_aar=f.takst if (f := y.i_aar(aar - 1)) else None,
                    pladser=a.pladser,
                    budgetteret_belaegning_pct=a.budgetteret_belaegning_pct,
                )
                for t in tilbud
                if t.driftsherre == driftsherre
                for y in t.ydelser
                if (a := y.i_aar(aar)) is not None
            ]
            if not linjer:
                continue
            resultat = valider_indberetning(
                Indberetning(region=DEMO_REGION, aar=aar, driftsherre=driftsherre, linjer=tuple(linjer)), bog
            )
            flag |= {(linje.tilbud, linje.ydelse, aar) for linje in resultat.linjer if linje.markeret}

    def begrundet(t: DemoTilbud, y: DemoYdelse) -> DemoYdelse:
        return replace(
            y,
            aar=tuple(
                replace(a, begrundelse=BEGRUNDELSE_STIGNING.format(forrige=a.aar - 1, aar=a.aar))
                if (t.navn, y.navn, a.aar) in flag
                else a
                for a in y.aar
            ),
        )

    return [replace(t, ydelser=tuple(begrundet(t, y) for y in t.ydelser)) for t in tilbud]


@cache
def byg_demoregion() -> Demoregion:
    """The demo region as pure data (no database)."""
    bog = regelbog()
    pl, dage, pl_2017 = pl_faktor(bog), dage_i_aar(bog, 2017), pl_faktor(bog, 2017)
    raekker = seed004.pladser()
    grupperaekker = [r for r in raekker if r.maalgruppe != seed004.I_ALT and not r.er_hovedtotal]
    a = _tabel_a()
    seednavne = {kode: navn for navn, kode in seed004.driftsherrer().items()}
    kommuner = sorted(kommuner_i_region(REGIONSKODE), key=lambda k: k.navn)
    driftsherrer = (
        *(DemoDriftsherre(driftsherrenavn(k.kode), k.kode, seednavne.get(k.kode)) for k in kommuner),
        DemoDriftsherre(REGIONSNAVN, None, seednavne.get(seed004.REGION)),
    )
    efter_kode = {d.kommunekode if d.kommunekode is not None else seed004.REGION: d for d in driftsherrer}

    udkast = _udkast(grupperaekker)
    fordelt = _regnskab(udkast, a, pl_2017)
    regnskaber = _resultater(udkast, fordelt, pl_2017)
    kvartalsdage = _kvartalsdage(udkast, bog)
    med_2018: dict[str, int] = defaultdict(int)  # services with a 2018 figure, per operator
    tilbud: list[DemoTilbud] = []
    for ti, u in enumerate(udkast):
        d = efter_kode[u.driftsherre]
        aabent = any(p.get(2017) for _, _, p in u.ydelser)
        ydelser: list[DemoYdelse] = []
        for yi, (pladstype, navn, pladser) in enumerate(u.ydelser):
            aar: dict[int, DemoYdelsesaar] = {}
            for aar_, p in sorted(pladser.items()):
                if p:
                    b, k = fordelt[(ti, yi, aar_)]
                    kilde = KILDE_REGNSKAB_2016 if aar_ == 2016 else KILDE_REGNSKAB
                    aar[aar_] = DemoYdelsesaar(
                        aar_,
                        Decimal(p),
                        kilde_tekst=kilde,
                        faktiske_aarspladser=b,
                        regnskab=k,
                        kvartalsdage=kvartalsdage.get((ti, yi, aar_), ()),
                        budgetteret_belaegning_pct=budget_2017(u.maalgruppe, pladstype)
                        if aar_ == 2017
                        else None,
                    )
            aar = med_regnskabstakster(aar, bog)
            mangler = False
            if d.navn in UFAERDIGE_INDBERETNINGER and 2017 in aar:
                mangler = med_2018[d.navn] % 2 == 1
                med_2018[d.navn] += 1
            if (aar_2018 := _aar_2018(aar, pl, dage, mangler)) is not None:
                aar[INDBERETNINGSAAR] = aar_2018
            elif aabent:
                aar[INDBERETNINGSAAR] = DemoYdelsesaar(INDBERETNINGSAAR, NUL, kilde_tekst=KILDE_UDBYDES_IKKE)
            ydelser.append(DemoYdelse(navn, pladstype, pladstype, tuple(aar.values())))
        t = DemoTilbud(
            navn=u.navn,
            driftsherre=d.navn,
            maalgruppe=u.maalgruppe,
            paragraf=u.paragraf,
            ydelser=tuple(ydelser),
            lukket_fra=None if aabent else date(2017, 1, 1),
            regnskaber=tuple(regnskaber[(ti, a)] for a in REGNSKABSAAR if (ti, a) in regnskaber),
        )
        t = replace(
            t,
            pladskoeb=tuple(
                (aar_, k, v)
                for aar_ in REGNSKABSAAR
                for k, v in syntetisk_forbrug(
                    t.navn,
                    d.kommunekode,
                    t.aarspladser(aar_).quantize(BELAEGNINGSENHED, rounding=ROUND_HALF_UP),
                )
            ),
        )
        tilbud.append(kategoriser(t, d, bog))
    tilbud = begrund_stigninger(tilbud, bog)

    return Demoregion(
        rammeaftale=DEMO_REGION,
        driftsherrer=driftsherrer,
        maalgrupper=tuple(dict.fromkeys(r.maalgruppe for r in grupperaekker)),
        tilbud=tuple(tilbud),
        noter=NOTER,
    )


# --- the seed's contradictions -----------------------------------------------------------


def _tabel_a() -> dict[seed004.Driftsherrekode, seed004.TakstudviklingRaekke]:
    """Table A's operator rows by operator code."""
    return {r.driftsherre_kode: r for r in seed004.takstudvikling() if r.driftsherre_kode is not None}


_TYPER = (("dag", "dagpladser"), ("doegn", "døgnpladser"))


def _plads(r: seed004.PladsRaekke, type_: str, aar: int) -> Decimal:
    v: Decimal | None = getattr(r, f"{type_}_{aar}")
    return v or NUL


def _noter(
    raekker: Sequence[seed004.PladsRaekke], a: dict[seed004.Driftsherrekode, seed004.TakstudviklingRaekke]
) -> tuple[str, ...]:
    noter: list[str] = []
    i_alt = [r for r in raekker if r.maalgruppe == seed004.I_ALT]
    grupper = [r for r in raekker if r.maalgruppe != seed004.I_ALT]
    koder = [r.driftsherre_kode for r in i_alt if not r.er_hovedtotal]

    def gruppesum(kode: seed004.Driftsherrekode | None, type_: str, aar: int) -> Decimal:
        return sum(
            (_plads(r, type_, aar) for r in grupper if not r.er_hovedtotal and r.driftsherre_kode == kode),
            NUL,
        )

    # 1. The 'I alt' table against the target-group rows, per operator.
    for aar in REGNSKABSAAR:
        for kode in koder:
            raekke = next(r for r in i_alt if r.driftsherre_kode == kode)
            for type_, tekst in _TYPER:
                g, t = gruppesum(kode, type_, aar), _plads(raekke, type_, aar)
                if g != t:
                    noter.append(
                        f"{driftsherrenavn(kode)} {aar}, {tekst}: målgruppetabellerne giver {dansk_tal(g)}, "
                        f"'I alt'-tabellen {dansk_tal(t)}; "
                        f"demoen følger målgruppetabellerne ({dansk_tal(g)})."
                    )
    # 2. The printed grand totals of the places table.
    total = next(r for r in i_alt if r.er_hovedtotal)
    for aar in REGNSKABSAAR:
        for type_, tekst in _TYPER:
            trykt = _plads(total, type_, aar)
            raekkesum = sum((_plads(r, type_, aar) for r in i_alt if not r.er_hovedtotal), NUL)
            g = sum((gruppesum(k, type_, aar) for k in koder), NUL)
            if len({trykt, raekkesum, g}) > 1:
                noter.append(
                    f"Pladsoversigten {aar}, {tekst}: trykt hovedtotal {dansk_tal(trykt)}, 'I alt'-tabellens "
                    f"rækker summerer til {dansk_tal(raekkesum)}, målgrupperækkerne til {dansk_tal(g)}; "
                    f"demoen har {dansk_tal(g)}."
                )
    # 3. Each target group's printed total against its rows.
    for gruppe in dict.fromkeys(r.maalgruppe for r in grupper):
        egne = [r for r in grupper if r.maalgruppe == gruppe]
        gruppetotal = next(r for r in egne if r.er_hovedtotal)
        for aar in REGNSKABSAAR:
            for type_, tekst in _TYPER:
                trykt = _plads(gruppetotal, type_, aar)
                raekkesum = sum((_plads(r, type_, aar) for r in egne if not r.er_hovedtotal), NUL)
                if trykt != raekkesum:
                    noter.append(
                        f"{gruppe} {aar}, {tekst}: trykt total {dansk_tal(trykt)}, rækkerne summerer til "
                        f"{dansk_tal(raekkesum)}; demoen har {dansk_tal(raekkesum)}."
                    )
    # 4. Table A's printed grand total against its operator rows.
    hovedtotal = next(r for r in seed004.takstudvikling() if r.er_hovedtotal)
    for aar, felt, tekst in (
        (2016, "belaegning_2016_aarspladser", "årspladser"),
        (2016, "regnskab_2016_tkr", "regnskab (t.kr.)"),
        (2017, "belaegning_2017", "årspladser"),
        (2017, "regnskab_2017_tkr", "regnskab (t.kr.)"),
    ):
        trykt = getattr(hovedtotal, felt) or NUL
        raekkesum = sum((getattr(r, felt) or NUL for r in a.values()), NUL)
        if trykt != raekkesum:
            noter.append(
                f"Takstudvikling på regnskab {aar}, {tekst}: trykt hovedtotal {dansk_tal(trykt)}, "
                f"driftsherrernes rækker summerer til {dansk_tal(raekkesum)}; "
                f"demoen har {dansk_tal(raekkesum)}."
            )
    # 5. More year-places than places (table A against table E's target-group rows).
    over: list[str] = []
    for kode, r in a.items():
        for aar, aarspladser in ((2016, r.belaegning_2016_aarspladser), (2017, r.belaegning_2017)):
            pladser = gruppesum(kode, "dag", aar) + gruppesum(kode, "doegn", aar)
            if pladser and aarspladser and aarspladser > pladser:
                pct = dansk_tal(aarspladser / pladser * HUNDREDE, 1)
                over.append(
                    f"{driftsherrenavn(kode)} {aar} ({dansk_tal(aarspladser)} årspladser på "
                    f"{dansk_tal(pladser)} pladser, {pct} %)"
                )
    if over:
        noter.append(
            "Belægning over pladserne: tabel A's årspladser er flere end tabel E's pladser for "
            + ", ".join(sorted(over))
            + "; demoen viser belægningen, som den følger af ledelsesinformationen."
        )
    return tuple(noter)


NOTER: tuple[str, ...] = _noter(seed004.pladser(), _tabel_a())
"""The seed's contradictions and how the demo resolves them (Danish, for display)."""


# --- writing to the database ------------------------------------------------------------


@dataclass
class Indlaesning:
    """What a load wrote: created, updated and deleted rows per model."""

    nye: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    aendrede: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    slettede: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def skrevet(self) -> int:
        return sum(self.nye.values()) + sum(self.aendrede.values()) + sum(self.slettede.values())


M = TypeVar("M", bound="models.Model")


def _synkroniser(
    model: type[M],
    eksisterende: Iterable[M],
    noegle: Callable[[M], Hashable],
    oensket: dict[Any, dict[str, Any]],
    resultat: Indlaesning,
    historik: bool = True,
) -> dict[Any, M]:
    """Make the rows `oensket` (key → field values, by attname) exist as given: create the
    missing, update the different, leave the equal alone. History rows (when the model
    has history) only for what was written. Returns key → object for every wanted key."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    har = {noegle(o): o for o in eksisterende}
    nye: list[M] = []
    aendrede: list[M] = []
    felter: set[str] = set()
    for k, vaerdier in oensket.items():
        obj = har.get(k)
        if obj is None:
            nye.append(model(**vaerdier))
            continue
        forskellige = [f for f, v in vaerdier.items() if getattr(obj, f) != v]
        if forskellige:
            for f in forskellige:
                setattr(obj, f, vaerdier[f])
            aendrede.append(obj)
            felter.update(forskellige)
    if nye:
        if historik:
            nye = list(bulk_create_with_history(nye, model, batch_size=500))
        else:
            nye = model._default_manager.bulk_create(nye, batch_size=500)
        for obj in nye:
            har[noegle(obj)] = obj
    if aendrede:
        if historik:
            bulk_update_with_history(aendrede, model, sorted(felter), batch_size=500)
        else:
            model._default_manager.bulk_update(aendrede, sorted(felter), batch_size=500)
    navn = model._meta.model_name or model.__name__
    resultat.nye[navn] += len(nye)
    resultat.aendrede[navn] += len(aendrede)
    return {k: har[k] for k in oensket}


def indlaes_demoregion(ekstra_tilbud: Sequence[DemoTilbud] = ()) -> Indlaesning:
    """Write the demo region (and `ekstra_tilbud` of its operators, e.g. the budget offers
    of `demo.indlaes`) to the database in one transaction; loads the municipalities too."""
    from django.db import transaction

    from socialstyring.web.belaegning.models import Forbrug
    from socialstyring.web.register import services as register_services
    from socialstyring.web.register.models import (
        Driftsherre,
        Kategorisering,
        Kommune,
        Maalgruppe,
        Pladskoeb,
        Rammeaftale,
        Takstberegning,
        Tilbud,
        Ydelse,
        Ydelsesaar,
    )
    from socialstyring.web.regnskab.models import Regnskab

    region = byg_demoregion()
    alle = (*region.tilbud, *ekstra_tilbud)
    navne = [(t.driftsherre, t.navn) for t in alle]
    if len(set(navne)) != len(navne):
        raise ValueError("demoens tilbud skal have forskellige navne pr. driftsherre")
    r = Indlaesning()
    with transaction.atomic():
        register_services.indlaes_kommuner()
        aftale = Rammeaftale.objects.get(kode=region.rammeaftale)
        kommune_id: dict[int, int] = dict(Kommune.objects.values_list("kode", "pk"))

        def dh_noegle(d: Driftsherre) -> Hashable:
            return d.kommune_id if d.kommune_id is not None else d.navn

        driftsherrer = _synkroniser(
            Driftsherre,
            Driftsherre.objects.all(),
            dh_noegle,
            {
                (kommune_id[d.kommunekode] if d.kommunekode is not None else d.navn): {
                    "navn": d.navn,
                    "rammeaftale_id": aftale.pk,
                    "kommune_id": None if d.kommunekode is None else kommune_id[d.kommunekode],
                }
                for d in region.driftsherrer
            },
            r,
        )
        driftsherre_id = {
            d.navn: driftsherrer[kommune_id[d.kommunekode] if d.kommunekode is not None else d.navn].pk
            for d in region.driftsherrer
        }
        maalgrupper = _synkroniser(
            Maalgruppe,
            Maalgruppe.objects.all(),
            lambda m: m.navn,
            {navn: {"navn": navn, "raekkefoelge": i} for i, navn in enumerate(region.maalgrupper, start=1)},
            r,
            historik=False,
        )

        tilbud = _synkroniser(
            Tilbud,
            Tilbud.objects.filter(driftsherre_id__in=driftsherre_id.values()),
            lambda t: (t.driftsherre_id, t.navn),
            {
                (driftsherre_id[t.driftsherre], t.navn): {
                    "navn": t.navn,
                    "driftsherre_id": driftsherre_id[t.driftsherre],
                    "maalgruppe_id": maalgrupper[t.maalgruppe].pk if t.maalgruppe else None,
                    "paragraf": t.paragraf,
                    "takststruktur": t.takststruktur,
                    "lukket_fra": t.lukket_fra,
                }
                for t in alle
            },
            r,
        )
        tilbud_id = {t.navn: tilbud[(driftsherre_id[t.driftsherre], t.navn)].pk for t in alle}
        ids = set(tilbud_id.values())

        beregninger = _synkroniser(
            Takstberegning,
            Takstberegning.objects.filter(tilbud_id__in=ids, aar=INDBERETNINGSAAR),
            lambda b: (b.tilbud_id, b.aar),
            {
                (tilbud_id[t.navn], INDBERETNINGSAAR): {
                    "tilbud_id": tilbud_id[t.navn],
                    "aar": INDBERETNINGSAAR,
                    "grundlag": t.takstgrundlag,
                }
                for t in alle
                if t.takstgrundlag is not None
            },
            r,
            historik=False,
        )

        ydelser = _synkroniser(
            Ydelse,
            Ydelse.objects.filter(tilbud_id__in=ids),
            lambda y: (y.tilbud_id, y.navn),
            {
                (tilbud_id[t.navn], y.navn): {
                    "tilbud_id": tilbud_id[t.navn],
                    "navn": y.navn,
                    "pladstype": y.pladstype,
                    "takstenhed": y.takstenhed,
                }
                for t in alle
                for y in t.ydelser
            },
            r,
        )
        oensket_aar: dict[Any, dict[str, Any]] = {}
        for t in alle:
            for y in t.ydelser:
                ydelse_id = ydelser[(tilbud_id[t.navn], y.navn)].pk
                for a in y.aar:
                    beregning = beregninger.get((tilbud_id[t.navn], a.aar)) if a.takstberegning else None
                    oensket_aar[(ydelse_id, a.aar)] = {
                        "ydelse_id": ydelse_id,
                        "aar": a.aar,
                        "pladser": a.pladser,
                        "budgetteret_belaegning_pct": a.budgetteret_belaegning_pct,
                        "takst": a.takst,
                        "takst_kilde": a.takst_kilde,
                        "kilde_tekst": a.kilde_tekst,
                        "takstberegning_id": beregning.pk if beregning else None,
                        "faktiske_aarspladser": a.faktiske_aarspladser,
                        "regnskab": a.regnskab,
                        "begrundelse": a.begrundelse,
                    }
        ydelse_ids = {y.pk for y in ydelser.values()}
        eksisterende_aar = list(Ydelsesaar.objects.filter(ydelse_id__in=ydelse_ids, aar__in=DEMOAAR))
        overskydende = [a.pk for a in eksisterende_aar if (a.ydelse_id, a.aar) not in oensket_aar]
        _synkroniser(Ydelsesaar, eksisterende_aar, lambda a: (a.ydelse_id, a.aar), oensket_aar, r)
        if overskydende:
            r.slettede["ydelsesaar"] += Ydelsesaar.objects.filter(pk__in=overskydende).delete()[0]

        oensket_forbrug = {
            (ydelser[(tilbud_id[t.navn], y.navn)].pk, a.aar, k): {
                "ydelse_id": ydelser[(tilbud_id[t.navn], y.navn)].pk,
                "aar": a.aar,
                "kvartal": k,
                "brugte_dage": dage,
            }
            for t in alle
            for y in t.ydelser
            for a in y.aar
            for k, dage in enumerate(a.kvartalsdage, start=1)
        }
        eksisterende_forbrug = list(Forbrug.objects.filter(ydelse_id__in=ydelse_ids, aar__in=REGNSKABSAAR))
        overskydende = [
            f.pk for f in eksisterende_forbrug if (f.ydelse_id, f.aar, f.kvartal) not in oensket_forbrug
        ]
        _synkroniser(
            Forbrug, eksisterende_forbrug, lambda f: (f.ydelse_id, f.aar, f.kvartal), oensket_forbrug, r
        )
        if overskydende:
            r.slettede["forbrug"] += Forbrug.objects.filter(pk__in=overskydende).delete()[0]

        oensket_regnskab = {
            (tilbud_id[t.navn], g.aar): {
                "tilbud_id": tilbud_id[t.navn],
                "aar": g.aar,
                "omkostninger": g.omkostninger,
                "takstindtaegter": g.takstindtaegter,
                "tillaegsindtaegter": g.tillaegsindtaegter,
                "andre_indtaegter": NUL,
                "grundlag": g.grundlag,
                "note": KILDE_RESULTAT,
            }
            for t in alle
            for g in t.regnskaber
        }
        eksisterende_regnskab = list(Regnskab.objects.filter(tilbud_id__in=ids, aar__in=REGNSKABSAAR))
        overskydende = [g.pk for g in eksisterende_regnskab if (g.tilbud_id, g.aar) not in oensket_regnskab]
        _synkroniser(Regnskab, eksisterende_regnskab, lambda g: (g.tilbud_id, g.aar), oensket_regnskab, r)
        if overskydende:
            r.slettede["regnskab"] += Regnskab.objects.filter(pk__in=overskydende).delete()[0]

        oensket_koeb = {
            (tilbud_id[t.navn], aar, kommune_id[kode]): {
                "tilbud_id": tilbud_id[t.navn],
                "aar": aar,
                "kommune_id": kommune_id[kode],
                "aarspladser": aarspladser,
            }
            for t in alle
            for aar, kode, aarspladser in t.pladskoeb
        }
        koebsaar = {aar for t in alle for aar, _, _ in t.pladskoeb}
        eksisterende_koeb = list(Pladskoeb.objects.filter(tilbud_id__in=ids, aar__in=koebsaar))
        overskydende = [
            p.pk for p in eksisterende_koeb if (p.tilbud_id, p.aar, p.kommune_id) not in oensket_koeb
        ]
        _synkroniser(
            Pladskoeb, eksisterende_koeb, lambda p: (p.tilbud_id, p.aar, p.kommune_id), oensket_koeb, r
        )
        if overskydende:
            r.slettede["pladskoeb"] += Pladskoeb.objects.filter(pk__in=overskydende).delete()[0]

        _synkroniser(
            Kategorisering,
            Kategorisering.objects.filter(tilbud_id__in=ids),
            lambda k: (k.tilbud_id, k.aar),
            {
                (tilbud_id[t.navn], k.aar): {
                    "tilbud_id": tilbud_id[t.navn],
                    "aar": k.aar,
                    "beregnet": k.beregnet,
                    "tilsidesat": "",
                    "begrundelse": "",
                    "spor": k.spor,
                }
                for t in alle
                for k in t.kategorier
            },
            r,
        )
        _analyser(Driftsherre, Tilbud, Ydelse, Ydelsesaar, Pladskoeb, Kategorisering, Forbrug, Regnskab)
    return r


def _analyser(*modeller: type[models.Model]) -> None:
    """Refresh PostgreSQL's planner statistics of the tables just loaded. Without them the
    planner takes freshly filled tables for empty and joins them by nested loops over
    sequential scans, which turns the management information's join of a few thousand rows
    into minutes (seen in the test suite, where every test loads the demo and rolls it back,
    leaving dead rows behind). ANALYZE may run inside the loading transaction and sees its rows."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as c:
        for m in modeller:
            c.execute(f"ANALYZE {connection.ops.quote_name(m._meta.db_table)}")
