"""Demo data: Region Midtjylland with its operators and offers, four budgeted offers with
rate calculations for 2018, and the demo users.

`indlaes_demo()` loads, in one transaction:

- the 5 framework agreements and 98 municipalities (`indlaes_kommuner`);
- the demo region (`register.demo_region`): the 19 municipalities and the region as
  operators, seed 004's target groups and a synthetic set of offers whose totals equal
  the seed's management information for 2016–2017, with 2018 rates, use and categories;
- the four budget offers below, each with its 2018 `Takstberegning` and a 2018
  `Ydelsesaar` per service whose rate is the engine's (`takst_kilde` "beregnet"). They have
  no 2016–2017 figures, so the seed's totals still hold; their 2017 use (`Pladskoeb`,
  needed for their category) is synthetic: places × their latest occupancy, split as in
  the demo region;
- the demo users (`DEMO_BRUGERE`, password `DEMO_ADGANGSKODE`), each with a `Brugerprofil`;
- the state of the yearly rate reporting (`indlaes_arbejdsgang`): for 2016 and 2017 every
  operator's report is approved (`godkendt`) and the catalogue is published (a frozen
  snapshot, `katalog.offentliggoer`, dated December of the year before), so every role sees
  those years' figures; 2018 is the year being reported: Herning Kommune, Viborg Kommune
  and Region Midtjylland have submitted (`INDSENDT_2018`; Region Midtjylland operates
  Solbakken, whose report is therefore read-only for the `region` user), Aarhus, Lemvig
  and Skive have drafts with missing rates (`UDKAST_2018` = the demo region's incomplete
  reports), and the other operators have not started. 2016–2017 carry the seed's places,
  occupancy and accounts, the rates derived from the accounts and the categories the engine
  computes (2017; the rulebook has no category rule for 2016), so those catalogues list every
  offer of the year with its rates (see `region`).

The budget offers are made up but shaped like real ones, one of each kind the engine handles:

- Solbakken (Region Midtjylland): one average-rate døgn service (§ 108) with overhead,
  occupancy from the two previous years and a deficit from 2016 carried into the rate.
- Værkstedet Kilden (Randers): a day offer (§ 104) with a budgeted occupancy and a 2016 surplus.
- Hedegården (Viborg): a package structure, a common base budget and three packages whose
  places sum to the service's places (each package is a service with its total price).
- Skovbrynet (Silkeborg): a § 107 service with add-on hourly services (tillægsydelser) at
  400, 439 and 220 kr. wage cost per hour (services with an hourly rate and no places).

Amounts are strings so they stay exact. `indlaes_demo()` is idempotent: it creates what
is missing, sets back what differs from the demo and leaves the rest alone (a second run
writes no history; reports are set back to the demo's status, and a 2018 catalogue published
while trying the demo is removed, so the demo always starts with 2018 being reported). This
module imports Django only inside `indlaes_demo()`, so
`demo_logins()` and the data can be used before Django is set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from socialstyring.beregning.kerne.penge import OERE
from socialstyring.beregning.takst import Takstgrundlag, beregn_takst
from socialstyring.demo.region import (
    BEREGNET,
    FORBRUGSAAR,
    INDBERETNINGSAAR,
    REGNSKABSAAR,
    UFAERDIGE_INDBERETNINGER,
    DemoTilbud,
    DemoYdelse,
    DemoYdelsesaar,
    Indlaesning,
    _synkroniser,
    byg_demoregion,
    driftsherrenavn,
    indlaes_demoregion,
    kategoriser,
    syntetisk_forbrug,
)
from socialstyring.regler import regelbog

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_REGION = "midtjylland"
DEMO_AAR = 2018
DEMO_ADGANGSKODE = "demo1234"
KILDE_BEREGNET = "Demodata: beregnet af budgettet for 2018 (takstberegning)"

GODKENDTE_AAR = REGNSKABSAAR
"""Years whose reports are all approved and whose catalogue is published (2016, 2017)."""
INDSENDT_2018 = ("Herning Kommune", "Viborg Kommune", "Region Midtjylland")
"""Operators whose 2018 report is submitted (and validates), waiting for approval."""
UDKAST_2018 = UFAERDIGE_INDBERETNINGER
"""Operators with a 2018 draft that still misses rates (Aarhus, Lemvig, Skive)."""
TIDSZONE = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Demobruger:
    brugernavn: str
    rolle: str  # a `Rolle` value
    driftsherre: str | None  # `Driftsherre.navn` for role driftsherre
    beskrivelse: str  # shown by the CLI
    personale: bool = False  # is_staff (the Django admin)
    email: str = ""  # where the secretariat's reminders go (the demo writes them under var/mail)


DEMO_BRUGERE: tuple[Demobruger, ...] = (
    Demobruger("sekretariat", "sekretariat", None, "Sekretariat, Rammeaftale Midtjylland", personale=True),
    Demobruger(
        "aarhus", "driftsherre", "Aarhus Kommune", "Driftsherre: Aarhus Kommune", email="aarhus@demo.example"
    ),
    Demobruger("herning", "driftsherre", "Herning Kommune", "Driftsherre: Herning Kommune"),
    Demobruger(
        "region", "driftsherre", "Region Midtjylland", "Driftsherre: Region Midtjylland (bl.a. Solbakken)"
    ),
    Demobruger("laeser", "laeser", None, "Læser, Rammeaftale Midtjylland"),
)
"""The demo users; all have the password `DEMO_ADGANGSKODE`."""


def _linje(art: str, beloeb: str, tekst: str) -> dict[str, str]:
    return {"art": art, "beloeb": beloeb, "tekst": tekst}


DEMO_TILBUD: tuple[dict[str, Any], ...] = (
    {
        "navn": "Solbakken",
        "maalgruppe": "Personer med psykisk handicap inkl. autister",
        "driftsherre": "Region Midtjylland",
        "paragraf": "§ 108",
        "grundlag": {
            "ydelser": [
                {
                    "navn": "Længerevarende botilbud § 108",
                    "pladstype": "doegn",
                    "pladser": "24",
                    "budget": [
                        _linje("direkte_loen", "12600000", "Løn til fast personale"),
                        _linje("direkte_loen", "650000", "Vikarer og afløsning"),
                        _linje("direkte_loen", "750000", "Ledelse på tilbuddet"),
                        _linje("oevrig_drift", "820000", "Kost og forplejning"),
                        _linje("oevrig_drift", "460000", "Aktiviteter og transport"),
                        _linje("oevrig_drift", "720000", "Vedligehold, rengøring og forsyning"),
                        _linje("husleje", "1200000", "Husleje"),
                        _linje("afskrivning", "300000", "Bygninger og inventar"),
                        _linje("forrentning", "150000", "Bygninger og inventar"),
                        _linje("tjenestemandspension", "100000", "Pensionsbidrag"),
                        _linje("indtaegt", "250000", "Beboernes betaling for kost"),
                    ],
                    "belaegning": {"faktisk_pct": {"2015": "96.1", "2016": "97.3"}},
                    "regulering": [{"aar": 2016, "resultat": "-1150000", "grundlag": "18400000"}],
                }
            ],
        },
    },
    {
        "navn": "Værkstedet Kilden",
        "maalgruppe": "Voksne med sindslidelse",
        "driftsherre": "Randers Kommune",
        "paragraf": "§ 104",
        "grundlag": {
            "ydelser": [
                {
                    "navn": "Aktivitets- og samværstilbud § 104",
                    "pladstype": "dag",
                    "pladser": "30",
                    "budget": [
                        _linje("direkte_loen", "3950000", "Pædagogisk personale"),
                        _linje("direkte_loen", "350000", "Ledelse på tilbuddet"),
                        _linje("oevrig_drift", "280000", "Materialer og værkstedsdrift"),
                        _linje("oevrig_drift", "360000", "Kørsel"),
                        _linje("husleje", "420000", "Husleje"),
                        _linje("afskrivning", "90000", "Inventar og maskiner"),
                        _linje("forrentning", "40000", "Inventar og maskiner"),
                        _linje("indtaegt", "120000", "Salg af værkstedsprodukter"),
                    ],
                    "belaegning": {"budgetteret_pct": "97"},
                    "regulering": [{"aar": 2016, "resultat": "410000", "grundlag": "5900000"}],
                }
            ],
        },
    },
    {
        "navn": "Bo- og aktivitetstilbuddet Hedegården",
        "maalgruppe": "Personer med psykisk handicap inkl. autister",
        "driftsherre": "Viborg Kommune",
        "paragraf": "§ 108",
        "grundlag": {
            "ydelser": [
                {
                    "navn": "Botilbud § 108",
                    "pladstype": "doegn",
                    "pladser": "20",
                    "budget": [
                        _linje("direkte_loen", "9800000", "Grundnormering"),
                        _linje("direkte_loen", "1400000", "Nattevagt"),
                        _linje("oevrig_drift", "1500000", "Øvrig drift"),
                        _linje("husleje", "950000", "Husleje"),
                        _linje("afskrivning", "200000", "Bygninger og inventar"),
                        _linje("forrentning", "110000", "Bygninger og inventar"),
                        _linje("indtaegt", "180000", "Beboernes betaling for kost"),
                    ],
                    "belaegning": {"faktisk_pct": {"2015": "98.4", "2016": "99.1"}},
                    "pakker": [
                        {
                            "navn": "Pakke 1 – let støtte",
                            "pladser": "8",
                            "budget": [_linje("direkte_loen", "350000", "Ekstra støttetimer")],
                        },
                        {
                            "navn": "Pakke 2 – moderat støtte",
                            "pladser": "7",
                            "budget": [_linje("direkte_loen", "1250000", "Ekstra støttetimer")],
                        },
                        {
                            "navn": "Pakke 3 – omfattende støtte",
                            "pladser": "5",
                            "budget": [
                                _linje("direkte_loen", "2300000", "Ekstra støttetimer og 1:1-støtte"),
                                _linje("oevrig_drift", "100000", "Hjælpemidler"),
                            ],
                        },
                    ],
                }
            ],
        },
    },
    {
        "navn": "Skovbrynet",
        "maalgruppe": "Voksne med sindslidelse",
        "driftsherre": "Silkeborg Kommune",
        "paragraf": "§ 107",
        "grundlag": {
            "ydelser": [
                {
                    "navn": "Midlertidigt botilbud § 107",
                    "pladstype": "doegn",
                    "pladser": "12",
                    "budget": [
                        _linje("direkte_loen", "6900000", "Personale"),
                        _linje("oevrig_drift", "900000", "Øvrig drift"),
                        _linje("husleje", "640000", "Husleje"),
                        _linje("afskrivning", "120000", "Bygninger og inventar"),
                        _linje("forrentning", "60000", "Bygninger og inventar"),
                        _linje("tjenestemandspension", "180000", "Pensionsbidrag"),
                        _linje("indtaegt", "90000", "Beboernes betaling for kost"),
                    ],
                    "belaegning": {"budgetteret_pct": "96"},
                }
            ],
            "tillaegsydelser": [
                {"navn": "Socialpædagogisk ledsagelse", "loen_pr_time": "400"},
                {"navn": "Sygeplejefaglig ledsagelse", "loen_pr_time": "439"},
                {"navn": "Praktisk ledsagelse", "loen_pr_time": "220"},
            ],
        },
    },
)


def demo_grundlag(data: dict[str, Any]) -> Takstgrundlag:
    """The validated engine input of one demo tilbud."""
    return Takstgrundlag.model_validate(
        {"tilbud": data["navn"], "region": DEMO_REGION, "aar": DEMO_AAR, **data["grundlag"]}
    )


def demo_logins() -> list[tuple[str, str, str]]:
    """The demo users as (brugernavn, adgangskode, rolle), for the CLI to print."""
    from socialstyring.demo.ophold import DEMO_LOGIN

    brugere = [(b.brugernavn, b.beskrivelse) for b in DEMO_BRUGERE] + [DEMO_LOGIN]
    return [(navn, DEMO_ADGANGSKODE, beskrivelse) for navn, beskrivelse in brugere]


def _budgettilbud(data: dict[str, Any]) -> DemoTilbud:
    """One budget offer as demo-region data: its services with the engine's 2018 rates."""
    grundlag = demo_grundlag(data)
    resultat = beregn_takst(grundlag, regelbog())

    def aar(pladser: Decimal | None, belaegning: Decimal | None, takst: Decimal) -> tuple[DemoYdelsesaar]:
        return (
            DemoYdelsesaar(
                DEMO_AAR,
                pladser=pladser,
                budgetteret_belaegning_pct=None if belaegning is None else belaegning.quantize(OERE),
                takst=takst,
                takst_kilde=BEREGNET,
                kilde_tekst=KILDE_BEREGNET,
                takstberegning=True,
            ),
        )

    ydelser: list[DemoYdelse] = []
    seneste_belaegning: list[tuple[Decimal, Decimal]] = []  # (pladser, belægning %)
    for y, inddata in zip(resultat.ydelser, grundlag.ydelser, strict=True):
        type_ = str(y.pladstype)
        seneste_belaegning.append((y.pladser, _seneste_belaegning(inddata)))
        if y.pakker:
            ydelser.extend(
                DemoYdelse(
                    f"{y.navn} – {p.navn}", type_, type_, aar(p.pladser, y.belaegning_pct, p.takst_pr_dag)
                )
                for p in y.pakker
            )
        else:
            ydelser.append(DemoYdelse(y.navn, type_, type_, aar(y.pladser, y.belaegning_pct, y.takst_pr_dag)))
    hovedtype = str(resultat.ydelser[0].pladstype)
    ydelser.extend(
        DemoYdelse(t.navn, hovedtype, "time", aar(None, None, t.timepris)) for t in resultat.tillaeg
    )

    region = byg_demoregion()
    driftsherre = region.driftsherre(data["driftsherre"])
    forbrug = sum((p * b / 100 for p, b in seneste_belaegning), Decimal(0)).quantize(Decimal("0.1"))
    t = DemoTilbud(
        navn=data["navn"],
        driftsherre=data["driftsherre"],
        maalgruppe=data["maalgruppe"],
        paragraf=f"SEL {data['paragraf']}",
        ydelser=tuple(ydelser),
        takststruktur="pakker" if any(y.pakker for y in grundlag.ydelser) else "gennemsnit",
        pladskoeb=tuple(
            (FORBRUGSAAR, k, v) for k, v in syntetisk_forbrug(data["navn"], driftsherre.kommunekode, forbrug)
        ),
        takstgrundlag=grundlag.model_dump(mode="json"),
    )
    return kategoriser(t, driftsherre, regelbog())


def _seneste_belaegning(y: Any) -> Decimal:
    """The latest actual occupancy % of a service's input, else its budgeted one."""
    faktisk: dict[Any, Decimal] = dict(y.belaegning.faktisk_pct or {})
    if faktisk:
        return faktisk[max(faktisk)]
    budgetteret: Decimal = y.belaegning.budgetteret_pct
    return budgetteret


def budgettilbud() -> tuple[DemoTilbud, ...]:
    """The four budget offers as demo-region data."""
    return tuple(_budgettilbud(data) for data in DEMO_TILBUD)


def indlaes_demo() -> Indlaesning:
    """Load the municipalities, the demo region, the budget offers and the demo users
    (one transaction); returns what was written."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password, make_password
    from django.db import transaction

    from socialstyring.demo.afregning import indlaes_afregning
    from socialstyring.demo.boernehus import indlaes_boernehus
    from socialstyring.demo.genopretning import indlaes_genopretning
    from socialstyring.demo.landsdaekkende import indlaes_landsdaekkende
    from socialstyring.demo.ophold import indlaes_ophold
    from socialstyring.demo.prognose import indlaes_prognose
    from socialstyring.demo.refusion import indlaes_refusion, indlaes_refusion_fra_ophold
    from socialstyring.demo.scenarie import indlaes_scenarier
    from socialstyring.demo.socialtilsyn import indlaes_socialtilsyn
    from socialstyring.web.register.models import Brugerprofil, Driftsherre, Rammeaftale

    ekstra = budgettilbud()  # validate and compute first
    User = get_user_model()
    with transaction.atomic():
        resultat = indlaes_demoregion(ekstra)
        aftale = Rammeaftale.objects.get(kode=DEMO_REGION)
        brugere = {
            u.username: u for u in User.objects.filter(username__in=[b.brugernavn for b in DEMO_BRUGERE])
        }
        # One password hash for all (hashing is slow on purpose); kept when it is still the demo's.
        gyldige = {h for h in {u.password for u in brugere.values()} if check_password(DEMO_ADGANGSKODE, h)}
        kode = next(iter(gyldige), None) or make_password(DEMO_ADGANGSKODE)
        for b in DEMO_BRUGERE:
            bruger = brugere.get(b.brugernavn) or User(username=b.brugernavn)
            oensket = {"is_staff": b.personale, "is_active": True, "email": b.email}
            if (
                bruger.pk is None
                or bruger.password not in gyldige
                or any(getattr(bruger, f) != v for f, v in oensket.items())
            ):
                for f, v in oensket.items():
                    setattr(bruger, f, v)
                if bruger.password not in gyldige:
                    bruger.password = kode
                bruger.save()
                resultat.aendrede["user"] += 1
            driftsherre_id = (
                Driftsherre.objects.get(navn=b.driftsherre).pk if b.driftsherre is not None else None
            )
            profil = Brugerprofil.objects.filter(bruger=bruger).first()
            felter = {"rolle": b.rolle, "rammeaftale_id": aftale.pk, "driftsherre_id": driftsherre_id}
            if profil is None:
                Brugerprofil.objects.create(bruger=bruger, **felter)
                resultat.nye["brugerprofil"] += 1
            elif any(getattr(profil, f) != w for f, w in felter.items()):
                for f, w in felter.items():
                    setattr(profil, f, w)
                profil.save()
                resultat.aendrede["brugerprofil"] += 1
        indlaes_arbejdsgang(resultat)
        indlaes_publicerede_tal(resultat)
        indlaes_ophold(resultat, kode)  # a year of stays and the user randers_kommune (demo/ophold.py)
        indlaes_refusion(resultat, kode)  # Randers' particularly expensive cases (demo/refusion.py)
        indlaes_afregning(resultat)  # Herning's January 2018 statement to Randers (demo/afregning.py)
        indlaes_refusion_fra_ophold(resultat)  # 2018 costs from the stays (demo/refusion.py)
        indlaes_boernehus(resultat)  # Børnehus Midt with BDO's figures 2014–2017 (demo/boernehus.py)
        indlaes_socialtilsyn(resultat)  # Socialtilsyn Midt 2018 and 2019, seed 004 (demo/socialtilsyn.py)
        indlaes_landsdaekkende(resultat)  # Kofoedsminde 2014–2017 and 2019 (demo/landsdaekkende.py)
        indlaes_scenarier(resultat)  # the 2011 note's savings scenarios on 2017 (demo/scenarie.py)
        indlaes_prognose(resultat)  # Randers' expenditure forecast 2019–2022 (demo/prognose.py)
        indlaes_genopretning(resultat)  # Randers' reduction plan, seed 001 (demo/genopretning.py)
    return resultat


def _indsendt(aar: int, nr: int) -> datetime:
    """A fixed submission time for the report for `aar`: in October the year before."""
    return datetime(aar - 1, 10, 1, 10, 0, tzinfo=TIDSZONE) + timedelta(days=nr % 28, hours=nr % 5)


def indlaes_arbejdsgang(resultat: Indlaesning) -> None:
    """The reporting state of the demo (see the module's docstring): reports for 2016–2018
    as the demo has them (created, set back or removed), published catalogues for 2016 and
    2017 (created when missing) and no catalogue for 2018. Call inside a transaction, after
    the demo region and the users are loaded."""
    from django.contrib.auth import get_user_model

    from socialstyring.web.katalog import services as katalog
    from socialstyring.web.register.models import (
        Driftsherre,
        Indberetningsstatus,
        Katalog,
        Rammeaftale,
        Takstindberetning,
    )

    aftale = Rammeaftale.objects.get(kode=DEMO_REGION)
    driftsherrer = list(Driftsherre.objects.filter(rammeaftale=aftale).order_by("navn"))
    brugere: dict[str, User] = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[b.brugernavn for b in DEMO_BRUGERE])
    }
    medarbejder = {b.driftsherre: brugere.get(b.brugernavn) for b in DEMO_BRUGERE if b.driftsherre}
    sekretariat = next(brugere.get(b.brugernavn) for b in DEMO_BRUGERE if b.rolle == "sekretariat")

    oensket: dict[Any, dict[str, Any]] = {}
    for nr, d in enumerate(driftsherrer):
        bruger = medarbejder.get(d.navn)
        af_id = bruger.pk if bruger is not None else None
        for aar in (*GODKENDTE_AAR, INDBERETNINGSAAR):
            status: str
            indsendt: datetime | None
            af: int | None
            if aar in GODKENDTE_AAR:
                status, indsendt, af = Indberetningsstatus.GODKENDT, _indsendt(aar, nr), af_id
            elif d.navn in INDSENDT_2018:
                status, indsendt, af = Indberetningsstatus.INDSENDT, _indsendt(aar, nr), af_id
            elif d.navn in UDKAST_2018:
                status, indsendt, af = Indberetningsstatus.UDKAST, None, None
            else:
                continue  # not started: no report
            oensket[(d.pk, aar)] = {
                "driftsherre_id": d.pk,
                "aar": aar,
                "status": status,
                "indsendt": indsendt,
                "indsendt_af_id": af,
            }
    demoaar = (*GODKENDTE_AAR, INDBERETNINGSAAR)
    eksisterende = list(Takstindberetning.objects.filter(driftsherre__in=driftsherrer, aar__in=demoaar))
    overskydende = [i.pk for i in eksisterende if (i.driftsherre_id, i.aar) not in oensket]
    _synkroniser(Takstindberetning, eksisterende, lambda i: (i.driftsherre_id, i.aar), oensket, resultat)
    if overskydende:
        slettede = Takstindberetning.objects.filter(pk__in=overskydende).delete()[0]
        resultat.slettede["takstindberetning"] += slettede

    slettet = Katalog.objects.filter(rammeaftale=aftale, aar=INDBERETNINGSAAR).delete()[0]
    if slettet:
        resultat.slettede["katalog"] += slettet
    for aar in GODKENDTE_AAR:
        if Katalog.objects.filter(rammeaftale=aftale, aar=aar).exists():
            continue
        k = katalog.offentliggoer(aftale, aar, sekretariat)
        tidspunkt = datetime(aar - 1, 12, 1, 10, 0, tzinfo=TIDSZONE)
        Katalog.objects.filter(pk=k.pk).update(
            offentliggjort=tidspunkt, indhold={**k.indhold, "offentliggjort": tidspunkt.isoformat()}
        )
        resultat.nye["katalog"] += 1


PUBLIKATION = (
    "Rammeaftale Midtjylland: Ledelsesinformation vedr. takster 2017 (bilag til DASSOS' møde 15. august 2018)"
)
"""The document whose printed tables the demo region reproduces (its figures are in
`io/kilder/data/seed004/`)."""


def indlaes_publicerede_tal(resultat: Indlaesning) -> None:
    """The published management information 2016–2017 of the demo agreement, for the pages to
    compare the computed tables with (created or set back to the document's figures)."""
    from socialstyring.io.kilder import seed004
    from socialstyring.web.ledelsesinfo.models import PubliceredeTal
    from socialstyring.web.ledelsesinfo.publikation import Publikation
    from socialstyring.web.register.models import Rammeaftale

    aftale = Rammeaftale.objects.get(kode=DEMO_REGION)
    figurer = Publikation.fra_figurer(seed004.publicerede_figurer(driftsherrenavn)).til_json()
    p = PubliceredeTal.objects.filter(rammeaftale=aftale, forrige_aar=2016, aar=2017).first()
    if p is None:
        PubliceredeTal.objects.create(
            rammeaftale=aftale, forrige_aar=2016, aar=2017, kilde=PUBLIKATION, figurer=figurer
        )
        resultat.nye["publiceredetal"] += 1
    elif p.kilde != PUBLIKATION or p.figurer != figurer:
        p.kilde, p.figurer = PUBLIKATION, figurer
        p.save()
        resultat.aendrede["publiceredetal"] += 1
