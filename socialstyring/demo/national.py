"""The national demo: a deterministic synthetic dataset for all five framework agreements, for
trying the system at national scale (`socialstyring demo national`) and for the benchmarks.

SYNTHETIC DATA (`random.Random(FROE)`; the same options give the same rows, to the øre):

- the 5 agreements and Denmark's 98 municipalities (`register.services.indlaes_kommuner`, from
  `io/kilder/data/kommuner.csv`), and 103 operators: every municipality ("Aalborg Kommune")
  and the 5 regions;
- `antal_tilbud` offers (default 6.000) spread over the operators (a region weighs as much as
  six municipalities), each for one of the demo region's 8 target groups (`demo.region`'s kinds
  and legal bases) in fixed shares: 24-hour offers, day offers and both, with 1–2 services
  each and, for one offer in ten, an add-on service paid per hour; places drawn around a
  typical size (døgn 12, dag 20, from 3 to 60/80);
- for each of `antal_aar` years up to `SIDSTE_AAR` (default 10: 2016–2025) every service's
  places, budgeted occupancy (95–98 %) and rate; a rate starts at a typical level for its
  legal basis (`TAKSTNIVEAU`, kr. per day in 2016: assumed levels of the order of the demo
  region's, not figures from a publication), rises 2 % a year and varies ±5 % by offer. Where
  the rulebook holds the agreement's overhead for the year (today Midtjylland; Hovedstaden
  from 2022), the offer has a rate calculation (`Takstberegning`, a synthetic budget that
  gives about that rate) and the service's rate is the engine's (`beregn_takster`, "beregnet");
  elsewhere the rate is entered ("indtastet");
- for every year but the last (the year being reported): the accounts (`Regnskab`: costs
  0,95–1,05 × the rate income, add-on income), each service's actual year-places (occupancy
  85–100 %) and costs, the used days per quarter (`Forbrug`) of the last three accounts years,
  and the places each municipality bought (`Pladskoeb`) in the last accounts year;
- every operator's rate report: approved for the accounts years; for the last year a third
  each not started, draft and submitted;
- `antal_ophold` stays (default 100.000) over the 24-hour and day services, by places: a
  stay begins in the years or up to four years before, lasts 2 months to 6 years (open when
  it reaches past the last year), is paid by the operator's own municipality or another of
  its region (one in ten: another region's), acted for by the paying municipality (nine in
  ten); a stay that ended was given notice two months before. The CPR numbers are made up
  (birth dates 1940–1999, serial numbers 4000–4999, one per stay), pseudonymised at once under
  the installation's key and never stored;
- one secretariat user per agreement, `sekretariat_<agreement>` (password `DEMO_ADGANGSKODE`).

Not made (yet): published catalogues, categories, in-year changes, sent statements,
reimbursement claims — the pages compute those from the rows above or show none.

THE LOAD (`indlaes_national`) IS A FIXTURE LOAD: it writes with `bulk_create` in batches,
one transaction per group of tables, and bypasses the services — and with them the history
(django-simple-history) — on purpose, as loading a fixture does: these rows were never
edited by anyone. It refuses a database that already has offers. Nothing in production
imports this module.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

from socialstyring.beregning.kerne.penge import HUNDREDE, KRONE, OERE, afrund_til
from socialstyring.beregning.takst import Takstgrundlag, beregn_takster
from socialstyring.demo.region import _SLAGS, stammer
from socialstyring.io.kilder.kommuner import Kommune, alle_kommuner, regioner
from socialstyring.regler import Regelbog, regelbog

FROE: Final = 2025
SIDSTE_AAR: Final = 2025
ANTAL_TILBUD: Final = 6000
ANTAL_OPHOLD: Final = 100_000
ANTAL_AAR: Final = 10
DEMO_ADGANGSKODE: Final = "demo1234"
FORBRUGSAAR: Final = 3  # the last accounts years with used days per quarter
PARTI: Final = 2000  # rows per INSERT
TIDSZONE: Final = ZoneInfo("Europe/Copenhagen")

MAALGRUPPEANDEL: Final = {
    "Personer med psykisk handicap inkl. autister": 30,
    "Voksne med sindslidelse": 25,
    "Børn og unge med nedsat fysisk eller psykisk funktionsevne": 15,
    "Voksne fysisk handicappede inkl. senhjerneskadede": 12,
    "Personer med misbrugsproblemer": 7,
    "Forsorgshjem": 4,
    "Kvindekrisecentre": 4,
    "Sikrede institutioner for børn og unge": 3,
}
"""Target groups in per cent of the offers (assumed shares)."""

TAKSTNIVEAU: Final = {
    "SEL § 32": 1500,
    "SEL § 66": 2800,
    "SEL § 67": 4200,
    "SEL § 101": 700,
    "SEL § 103": 650,
    "SEL § 104": 750,
    "SEL § 107": 2400,
    "SEL § 108": 2100,
    "SEL § 109": 1600,
    "SEL § 110": 1100,
}
"""Assumed typical rate per day in 2016 by legal basis (kr.); a secured § 67 stay costs twice."""

TILLAEG: Final = ("Socialpædagogisk støtte pr. time", 420)
"""The add-on service paid per hour and its wage per hour in 2016 (kr.)."""


def aarene(antal_aar: int) -> tuple[int, ...]:
    return tuple(range(SIDSTE_AAR - antal_aar + 1, SIDSTE_AAR + 1))


def driftsherrenavn(k: Kommune) -> str:
    """'Aalborg Kommune' (as the demo region names its operators)."""
    return f"{k.navn} Kommune"


# --- the dataset, built without the database --------------------------------------------------


@dataclass
class NYdelse:
    navn: str
    pladstype: str  # "doegn" / "dag"
    takstenhed: str  # "doegn" / "dag" / "time"
    paragraf: str
    pladser: dict[int, Decimal]  # year → places (none for an add-on)
    belaegning: dict[int, Decimal]  # year → budgeted occupancy %
    takst: dict[int, Decimal]  # year → rate
    beregnet: set[int] = field(default_factory=set)  # years whose rate is the engine's
    aarspladser: dict[int, Decimal] = field(default_factory=dict)  # accounts years
    regnskab: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class NTilbud:
    navn: str
    driftsherre: str
    rammeaftale: str
    kommunekode: int | None  # the operator's municipality (None: the region)
    maalgruppe: str
    paragraf: str
    ydelser: list[NYdelse]
    koebere: list[tuple[int, int]]  # (municipality code, weight)
    grundlag: dict[int, dict[str, Any]] = field(default_factory=dict)  # year → Takstgrundlag JSON


@dataclass
class Nationaldata:
    aar: tuple[int, ...]
    driftsherrer: list[tuple[str, str, int | None]]  # (name, agreement, municipality code)
    tilbud: list[NTilbud]
    ophold: list[tuple[int, int, int, int, date, date | None]]  # (cpr nr, tilbud, ydelse, payer, start, slut)
    handlekommune: list[int]

    @property
    def regnskabsaar(self) -> tuple[int, ...]:
        return self.aar[:-1]

    def antal_raekker(self) -> int:
        """The rows the load writes into an empty database (for its progress bar)."""
        ydelser = [y for t in self.tilbud for y in t.ydelser]
        forbrug = sum(1 for y in ydelser for a in self.regnskabsaar[-FORBRUGSAAR:] if a in y.aarspladser)
        return (
            len(self.driftsherrer)
            + len(MAALGRUPPEANDEL)
            + len(self.tilbud)
            + len(ydelser)
            + sum(len(t.grundlag) for t in self.tilbud)
            + len(ydelser) * len(self.aar)
            + len(self.driftsherrer) * len(self.regnskabsaar)
            + sum(1 for nr in range(len(self.driftsherrer)) if nr % 3)
            + len(self.tilbud) * len(self.regnskabsaar)
            + 4 * forbrug
            + sum(len(t.koebere) for t in self.tilbud)
            + len(self.ophold)
        )

    def kontrolsum(self) -> str:
        """A SHA-256 over every generated figure (the same options give the same sum)."""
        h = hashlib.sha256()
        for t in self.tilbud:
            h.update(repr((t.navn, t.driftsherre, t.maalgruppe, t.paragraf, t.koebere, t.grundlag)).encode())
            for y in t.ydelser:
                h.update(
                    repr(
                        (
                            y.navn,
                            y.pladser,
                            y.belaegning,
                            y.takst,
                            sorted(y.beregnet),
                            y.aarspladser,
                            y.regnskab,
                        )
                    ).encode()
                )
        h.update(repr((self.ophold, self.handlekommune)).encode())
        return h.hexdigest()


def _dage(aar: int) -> int:
    return 366 if calendar.isleap(aar) else 365


def _vaegtet(rng: random.Random, valg: dict[str, int]) -> str:
    return rng.choices(list(valg), weights=list(valg.values()))[0]


def _stoerrelse(rng: random.Random, median: float, hoejst: int) -> int:
    return max(3, min(hoejst, round(rng.lognormvariate(math.log(median), 0.55))))


def byg_national(
    antal_tilbud: int = ANTAL_TILBUD,
    antal_ophold: int = ANTAL_OPHOLD,
    antal_aar: int = ANTAL_AAR,
    bog: Regelbog | None = None,
) -> Nationaldata:
    """The dataset (see the module); pure, deterministic."""
    if antal_tilbud < 1 or antal_ophold < 0 or not 2 <= antal_aar <= SIDSTE_AAR - 2007:
        raise ValueError("mindst 1 tilbud, 0 ophold og 2 år")
    bog = bog or regelbog()
    rng = random.Random(FROE)
    aar = aarene(antal_aar)
    kommuner = alle_kommuner()
    i_regionen: dict[str, list[Kommune]] = {}
    for k in kommuner:
        i_regionen.setdefault(k.rammeaftale, []).append(k)
    driftsherrer: list[tuple[str, str, int | None]] = [
        (driftsherrenavn(k), k.rammeaftale, k.kode) for k in kommuner
    ] + [(r.navn, r.rammeaftale, None) for r in regioner()]
    vaegte = [rng.uniform(0.4, 1.8) for _ in kommuner] + [6.0] * len(regioner())
    navne = stammer()
    brugte: set[tuple[str, str]] = set()
    tilbud: list[NTilbud] = []
    for nr in range(antal_tilbud):
        dh, aftale, kode = rng.choices(driftsherrer, weights=vaegte)[0]
        mg = _vaegtet(rng, MAALGRUPPEANDEL)
        slags = _SLAGS[mg]
        art = _vaegtet(rng, {"doegn": 50, "dag": 30, "begge": 20})
        stamme = navne[nr % len(navne)]
        navn = f"{getattr(slags, art)} {stamme}"
        if (dh, navn) in brugte:
            navn = f"{navn} {nr}"
        brugte.add((dh, navn))
        specs: list[tuple[str, str, str]] = []  # (pladstype, paragraf, name)
        if art in ("doegn", "begge"):
            for p, n in slags.doegnydelser[: 1 if art == "begge" else rng.randint(1, 2)]:
                specs.append(("doegn", p, n))
        if art in ("dag", "begge"):
            for p, n in slags.dagydelser[: 1 if art == "begge" else rng.randint(1, 2)]:
                specs.append(("dag", p, n))
        sikret = mg.startswith("Sikrede")
        ydelser: list[NYdelse] = []
        for pladstype, paragraf, ynavn in specs:
            start = _stoerrelse(rng, 12 if pladstype == "doegn" else 20, 60 if pladstype == "doegn" else 80)
            niveau = (
                TAKSTNIVEAU[paragraf]
                * (2 if sikret and pladstype == "doegn" else 1)
                * rng.uniform(0.95, 1.05)
            )
            y = NYdelse(ynavn, pladstype, pladstype, paragraf, {}, {}, {})
            pladser = start
            for i, a in enumerate(aar):
                if i and rng.random() < 0.1:
                    pladser = max(2, pladser + rng.choice((-2, -1, 1, 2)))
                y.pladser[a] = Decimal(pladser)
                y.belaegning[a] = Decimal(rng.choice((95, 96, 97, 98)))
                y.takst[a] = afrund_til(Decimal(niveau * 1.02**i * rng.uniform(0.99, 1.01)), KRONE)
            ydelser.append(y)
        if rng.random() < 0.1:
            hoved = ydelser[0]
            t = NYdelse(TILLAEG[0], hoved.pladstype, "time", hoved.paragraf, {}, {}, {})
            for i, a in enumerate(aar):
                t.takst[a] = afrund_til(Decimal(TILLAEG[1] * 1.02**i * 1.054), OERE)
            ydelser.append(t)
        egen = kode or rng.choice(i_regionen[aftale]).kode
        andre = rng.sample([k.kode for k in i_regionen[aftale] if k.kode != egen], rng.randint(1, 4))
        if rng.random() < 0.1:
            andre.append(rng.choice(kommuner).kode)
        koebere = [(egen, rng.randint(30, 75))] + [
            (k, rng.randint(5, 20)) for k in dict.fromkeys(andre) if k != egen
        ]
        tilbud.append(NTilbud(navn, dh, aftale, kode, mg, specs[0][1], ydelser, koebere))

    _regnskaber(tilbud, aar, rng)
    _takstberegninger(tilbud, aar, bog)
    ophold, handle = _ophold(tilbud, aar, antal_ophold, kommuner, rng)
    return Nationaldata(aar, driftsherrer, tilbud, ophold, handle)


def _regnskaber(tilbud: list[NTilbud], aar: tuple[int, ...], rng: random.Random) -> None:
    for t in tilbud:
        for y in t.ydelser:
            if y.takstenhed == "time":
                continue
            for a in aar[:-1]:
                ap = afrund_til(y.pladser[a] * Decimal(rng.uniform(0.85, 1.0)), Decimal("0.01"))
                y.aarspladser[a] = ap
                indtaegt = ap * _dage(a) * y.takst[a]
                y.regnskab[a] = afrund_til(indtaegt * Decimal(rng.uniform(0.95, 1.05)), OERE)


def takstgrundlag(t: NTilbud, a: int, rammeaftale: str | None = None) -> dict[str, Any]:
    """The offer's rate calculation input for year `a` (JSON): a budget that gives about its rate
    (direct costs = rate × occupied days / 1,06), under its own agreement's rules or
    `rammeaftale`'s."""
    ydelser = []
    tillaeg = []
    for y in t.ydelser:
        if y.takstenhed == "time":
            tillaeg.append(
                {"navn": y.navn, "loen_pr_time": str(afrund_til(y.takst[a] / Decimal("1.054"), OERE))}
            )
            continue
        direkte = y.takst[a] * y.pladser[a] * _dage(a) * y.belaegning[a] / HUNDREDE / Decimal("1.06")
        direkte = afrund_til(direkte, KRONE)
        linjer = [
            ("direkte_loen", 72, "Løn"),
            ("oevrig_drift", 18, "Øvrig drift"),
            ("husleje", 10, "Husleje"),
        ]
        fordelt = [afrund_til(direkte * p / HUNDREDE, KRONE) for _, p, _ in linjer]
        fordelt[0] += direkte - sum(fordelt)
        ydelser.append(
            {
                "navn": y.navn,
                "pladstype": y.pladstype,
                "pladser": str(y.pladser[a]),
                "budget": [
                    {"art": art, "beloeb": str(b), "tekst": tekst}
                    for (art, _, tekst), b in zip(linjer, fordelt, strict=True)
                ],
                "belaegning": {"budgetteret_pct": str(y.belaegning[a])},
            }
        )
    return {
        "tilbud": t.navn,
        "region": rammeaftale or t.rammeaftale,
        "aar": a,
        "ydelser": ydelser,
        "tillaegsydelser": tillaeg,
    }


def _takstberegninger(tilbud: list[NTilbud], aar: tuple[int, ...], bog: Regelbog) -> None:
    """Rate calculations where the rulebook holds the agreement's overhead for the year; the
    services' rates become the engine's."""
    for a in aar:
        for aftale in sorted({t.rammeaftale for t in tilbud}):
            gruppe = [t for t in tilbud if t.rammeaftale == aftale]
            try:
                beregn_takster([Takstgrundlag.model_validate(takstgrundlag(gruppe[0], a))], bog)
            except KeyError:
                continue  # no overhead in the rulebook for the agreement and year: entered rates
            grundlag = [Takstgrundlag.model_validate(takstgrundlag(t, a)) for t in gruppe]
            resultater = beregn_takster(grundlag, bog)
            for t, g, r in zip(gruppe, grundlag, resultater, strict=True):
                t.grundlag[a] = g.model_dump(mode="json")
                satser = {y.navn: y.takst_pr_dag for y in r.ydelser} | {x.navn: x.timepris for x in r.tillaeg}
                for y in t.ydelser:
                    y.takst[a] = satser[y.navn]
                    y.beregnet.add(a)


def _ophold(
    tilbud: list[NTilbud], aar: tuple[int, ...], antal: int, kommuner: tuple[Kommune, ...], rng: random.Random
) -> tuple[list[tuple[int, int, int, int, date, date | None]], list[int]]:
    pladser = [
        (ti, yi, float(y.pladser[aar[-1]]))
        for ti, t in enumerate(tilbud)
        for yi, y in enumerate(t.ydelser)
        if y.takstenhed != "time"
    ]
    valgt = rng.choices([(ti, yi) for ti, yi, _ in pladser], weights=[p for *_, p in pladser], k=antal)
    foerste, sidste = date(aar[0], 1, 1), date(aar[-1], 12, 31)
    spaend = (sidste - foerste).days + 4 * 365
    ophold: list[tuple[int, int, int, int, date, date | None]] = []
    handle: list[int] = []
    for nr, (ti, yi) in enumerate(valgt):
        t = tilbud[ti]
        betaler = rng.choices([k for k, _ in t.koebere], weights=[v for _, v in t.koebere])[0]
        start = foerste - timedelta(days=4 * 365) + timedelta(days=rng.randrange(spaend))
        slut: date | None = start + timedelta(days=rng.randrange(60, 6 * 365))
        if slut is not None and slut > sidste:
            slut = None
        ophold.append((nr, ti, yi, betaler, start, slut))
        handle.append(betaler if rng.random() < 0.9 else rng.choice(kommuner).kode)
    return ophold, handle


def cpr(nr: int) -> str:
    """The made-up CPR number of stay `nr`: one per stay (birth dates 1940–1999 in turn,
    serial numbers from 4000; the 7th digit 4 puts years 37–99 in the 1900s)."""
    foedt = date(1940, 1, 1) + timedelta(days=nr % 21900)
    return f"{foedt:%d%m%y}{4000 + nr // 21900}"


# --- the load -----------------------------------------------------------------------------


ALLEREDE_INDLAEST: Final = (
    "Databasen har allerede tilbud; den nationale demo indlæses kun i et tomt register."
)


class AlleredeIndlaest(Exception):
    """The database already has offers; the national demo loads only into an empty register."""


Fremskridt = Callable[[str, int], None]
"""Called with (what, rows written) as the load goes."""


def _partier(raekker: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(raekker), PARTI):
        yield raekker[i : i + PARTI]


def indlaes_national(data: Nationaldata, fremskridt: Fremskridt | None = None) -> dict[str, int]:
    """Write `data` with bulk inserts, one transaction per group of tables (see the module);
    returns rows written per table. `AlleredeIndlaest` when there are offers already."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import models, transaction

    from socialstyring.io.cpr import foedselsdato, kontroller_noegle, pseudonym
    from socialstyring.web.belaegning.models import Forbrug
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register import services as register_services
    from socialstyring.web.register.models import (
        Brugerprofil,
        Driftsherre,
        Maalgruppe,
        Pladskoeb,
        Rammeaftale,
        Rolle,
        Takstberegning,
        Takstindberetning,
        Tilbud,
        Ydelse,
        Ydelsesaar,
    )
    from socialstyring.web.register.models import Kommune as KommuneModel
    from socialstyring.web.regnskab.models import Regnskab

    skrevet: dict[str, int] = {}

    def skriv(model: type[models.Model], raekker: list[Any]) -> list[Any]:
        navn = model._meta.verbose_name_plural or model.__name__
        ud: list[Any] = []
        for parti in _partier(raekker):
            ud.extend(model._default_manager.bulk_create(parti))
            if fremskridt is not None:
                fremskridt(str(navn), len(parti))
        skrevet[model.__name__.lower()] = skrevet.get(model.__name__.lower(), 0) + len(raekker)
        return ud

    if Tilbud.objects.exists():
        raise AlleredeIndlaest(
            "Databasen har allerede tilbud; den nationale demo indlæses kun i et tomt register."
        )
    sidste = data.aar[-1]

    with transaction.atomic():  # the register: agreements, municipalities, operators, offers, users
        register_services.indlaes_kommuner()
        aftale_id = dict(Rammeaftale.objects.values_list("kode", "pk"))
        kommune_id = dict(KommuneModel.objects.values_list("kode", "pk"))
        dh = {
            d.navn: d
            for d in skriv(
                Driftsherre,
                [
                    Driftsherre(
                        navn=n, rammeaftale_id=aftale_id[a], kommune_id=None if k is None else kommune_id[k]
                    )
                    for n, a, k in data.driftsherrer
                    if not Driftsherre.objects.filter(navn=n).exists()
                ],
            )
        }
        dh |= {d.navn: d for d in Driftsherre.objects.all()}
        eksisterende = set(Maalgruppe.objects.values_list("navn", flat=True))
        skriv(
            Maalgruppe,
            [
                Maalgruppe(navn=m, raekkefoelge=i)
                for i, m in enumerate(_SLAGS, start=1)
                if m not in eksisterende
            ],
        )
        mg = dict(Maalgruppe.objects.values_list("navn", "pk"))
        tilbud = skriv(
            Tilbud,
            [
                Tilbud(
                    version=1,
                    navn=t.navn,
                    driftsherre_id=dh[t.driftsherre].pk,
                    maalgruppe_id=mg[t.maalgruppe],
                    paragraf=t.paragraf,
                )
                for t in data.tilbud
            ],
        )
        ydelser = skriv(
            Ydelse,
            [
                Ydelse(tilbud_id=tb.pk, navn=y.navn, pladstype=y.pladstype, takstenhed=y.takstenhed)
                for tb, t in zip(tilbud, data.tilbud, strict=True)
                for y in t.ydelser
            ],
        )
        kode = make_password(DEMO_ADGANGSKODE)
        User = get_user_model()
        for aftalekode, pk in sorted(aftale_id.items()):
            navn = f"sekretariat_{aftalekode}"
            if User.objects.filter(username=navn).exists():
                continue
            bruger = User.objects.create(username=navn, password=kode, is_active=True)
            Brugerprofil.objects.create(bruger=bruger, rolle=Rolle.SEKRETARIAT, rammeaftale_id=pk)
            skrevet["user"] = skrevet.get("user", 0) + 1

    ydelse_id: dict[tuple[int, int], int] = {}
    i = 0
    for ti, t in enumerate(data.tilbud):
        for yi in range(len(t.ydelser)):
            ydelse_id[(ti, yi)] = ydelser[i].pk
            i += 1

    with transaction.atomic():  # the years: rate calculations, figures, reports
        beregning = {
            (b.tilbud_id, b.aar): b.pk
            for b in skriv(
                Takstberegning,
                [
                    Takstberegning(tilbud_id=tb.pk, aar=a, grundlag=g, version=1)
                    for tb, t in zip(tilbud, data.tilbud, strict=True)
                    for a, g in sorted(t.grundlag.items())
                ],
            )
        }
        raekker = []
        for ti, (tb, t) in enumerate(zip(tilbud, data.tilbud, strict=True)):
            for yi, y in enumerate(t.ydelser):
                for a in data.aar:
                    er_beregnet = a in y.beregnet
                    raekker.append(
                        Ydelsesaar(
                            version=1,
                            ydelse_id=ydelse_id[(ti, yi)],
                            aar=a,
                            pladser=y.pladser.get(a),
                            budgetteret_belaegning_pct=y.belaegning.get(a),
                            takst=y.takst[a],
                            takst_kilde="beregnet" if er_beregnet else "indtastet",
                            kilde_tekst="Syntetisk national demo",
                            takstberegning_id=beregning[(tb.pk, a)] if er_beregnet else None,
                            faktiske_aarspladser=y.aarspladser.get(a),
                            regnskab=y.regnskab.get(a),
                        )
                    )
        skriv(Ydelsesaar, raekker)
        rapporter = []
        for nr, (navn, _, _) in enumerate(data.driftsherrer):
            for a in data.aar:
                if a != sidste:
                    rapporter.append(
                        Takstindberetning(
                            version=1,
                            driftsherre_id=dh[navn].pk,
                            aar=a,
                            status="godkendt",
                            indsendt=datetime(a - 1, 10, 1 + nr % 28, 10, tzinfo=TIDSZONE),
                        )
                    )
                elif nr % 3:
                    rapporter.append(
                        Takstindberetning(
                            version=1,
                            driftsherre_id=dh[navn].pk,
                            aar=a,
                            status="indsendt" if nr % 3 == 2 else "udkast",
                            indsendt=datetime(a - 1, 10, 1 + nr % 28, 10, tzinfo=TIDSZONE)
                            if nr % 3 == 2
                            else None,
                        )
                    )
        skriv(Takstindberetning, rapporter)

    with transaction.atomic():  # the accounts: Regnskab, used days, places bought
        regnskaber = []
        forbrug = []
        koeb = []
        forbrugsaar = data.regnskabsaar[-FORBRUGSAAR:]
        for ti, (tb, t) in enumerate(zip(tilbud, data.tilbud, strict=True)):
            for a in data.regnskabsaar:
                omk = sum((y.regnskab[a] for y in t.ydelser if a in y.regnskab), Decimal(0))
                indtaegt = sum(
                    (y.aarspladser[a] * _dage(a) * y.takst[a] for y in t.ydelser if a in y.aarspladser),
                    Decimal(0),
                )
                tillaeg = afrund_til(omk * Decimal("0.01") * (ti % 3), OERE)
                regnskaber.append(
                    Regnskab(
                        version=1,
                        tilbud_id=tb.pk,
                        aar=a,
                        omkostninger=omk,
                        takstindtaegter=afrund_til(indtaegt, OERE),
                        tillaegsindtaegter=tillaeg,
                        andre_indtaegter=0,
                        grundlag=omk,
                        note="Syntetisk national demo",
                    )
                )
            for yi, y in enumerate(t.ydelser):
                for a in forbrugsaar:
                    if a not in y.aarspladser:
                        continue
                    for k, dage in enumerate(_kvartalsdage(a), start=1):
                        forbrug.append(
                            Forbrug(
                                version=1,
                                ydelse_id=ydelse_id[(ti, yi)],
                                aar=a,
                                kvartal=k,
                                brugte_dage=afrund_til(y.aarspladser[a] * dage, Decimal("0.01")),
                            )
                        )
            a = data.regnskabsaar[-1]
            i_alt = sum((y.aarspladser.get(a, Decimal(0)) for y in t.ydelser), Decimal(0))
            vaegt = sum(v for _, v in t.koebere)
            for k, v in t.koebere:
                koeb.append(
                    Pladskoeb(
                        tilbud_id=tb.pk,
                        aar=a,
                        kommune_id=kommune_id[k],
                        aarspladser=afrund_til(i_alt * v / vaegt, Decimal("0.01")),
                    )
                )
        skriv(Regnskab, regnskaber)
        skriv(Forbrug, forbrug)
        skriv(Pladskoeb, koeb)

    noegle = kontroller_noegle(settings.CPR_NOEGLE)
    with transaction.atomic():  # the stays
        opholdene = []
        for (nr, ti, yi, betaler, start, slut), handler in zip(data.ophold, data.handlekommune, strict=True):
            c = cpr(nr)
            opsagt = (
                slut - timedelta(days=61) if slut is not None and slut - timedelta(days=61) >= start else None
            )
            opholdene.append(
                Ophold(
                    version=1,
                    borger=pseudonym(c, noegle),
                    foedselsdato=foedselsdato(c),
                    handlekommune_id=kommune_id[handler],
                    betalingskommune_id=kommune_id[betaler],
                    tilbud_id=tilbud[ti].pk,
                    ydelse_id=ydelse_id[(ti, yi)],
                    start=start,
                    slut=slut,
                    opsagt=opsagt,
                    opsagt_af="handlekommune" if opsagt else "",
                    aarsag="Flyttet til andet tilbud" if slut else "",
                )
            )
        skriv(Ophold, opholdene)
    _analyser()
    return skrevet


def _kvartalsdage(aar: int) -> list[int]:
    """Calendar days of Q1..Q4."""
    return [sum(calendar.monthrange(aar, m)[1] for m in range(3 * k - 2, 3 * k + 1)) for k in range(1, 5)]


def _analyser() -> None:
    """Refresh PostgreSQL's planner statistics after the load (see `demo.region._analyser`)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as c:
        c.execute("ANALYZE")


def databasens_kontrolsum() -> str:
    """A SHA-256 over the loaded rows by their natural keys (no ids, no times): two loads of the
    same options give the same sum."""
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register.models import Tilbud, Ydelsesaar
    from socialstyring.web.regnskab.models import Regnskab

    h = hashlib.sha256()
    for qs in (
        Tilbud.objects.values_list("driftsherre__navn", "navn", "paragraf", "maalgruppe__navn").order_by(
            "driftsherre__navn", "navn"
        ),
        Ydelsesaar.objects.values_list(
            "ydelse__tilbud__driftsherre__navn",
            "ydelse__tilbud__navn",
            "ydelse__navn",
            "aar",
            "pladser",
            "takst",
            "takst_kilde",
            "faktiske_aarspladser",
            "regnskab",
        ).order_by("ydelse__tilbud__driftsherre__navn", "ydelse__tilbud__navn", "ydelse__navn", "aar"),
        Regnskab.objects.values_list(
            "tilbud__driftsherre__navn", "tilbud__navn", "aar", "omkostninger", "takstindtaegter"
        ).order_by("tilbud__driftsherre__navn", "tilbud__navn", "aar"),
        Ophold.objects.values_list(
            "borger",
            "tilbud__driftsherre__navn",
            "tilbud__navn",
            "ydelse__navn",
            "start",
            "slut",
            "betalingskommune__kode",
            "handlekommune__kode",
        ).order_by("borger", "tilbud__driftsherre__navn", "tilbud__navn", "start"),
    ):
        for raekke in qs.iterator(chunk_size=5000):
            h.update(repr(tuple(str(v) for v in raekke)).encode())
    return h.hexdigest()
