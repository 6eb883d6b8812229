"""Register test data shared by the register, history and access-matrix tests.

Two agreements (Midtjylland and Syddanmark), a few municipalities and operators, offers
with departments, services, yearly figures, a rate calculation per year and computed
categories, and one user per role, each with a `Brugerprofil`:

- `sekretariat`: the Midtjylland secretariat;
- `sekretariat_anden`: the Syddanmark secretariat (another agreement);
- `driftsherre`: staff of Aarhus Kommune, the operator of Solhaven (the offer most tests use);
- `driftsherre_anden`: staff of Randers Kommune (another operator in the same agreement);
- `laeser`: a reader in Midtjylland.

Midtjylland's catalogue for 2017 is published (Aarhus' and Randers' approved reports); 2018
is not (its figures are drafts).
Users get no password (tests log in with `force_login`), which keeps the data fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from socialstyring.beregning.kategori import Kategorigrundlag, beregn_kategori
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.regler import regelbog
from socialstyring.web.katalog import services as katalog
from socialstyring.web.register.models import (
    Afdeling,
    Brugerprofil,
    Driftsherre,
    Indberetningsstatus,
    Kategorisering,
    Kommune,
    Maalgruppe,
    Rammeaftale,
    Rolle,
    Takstberegning,
    Takstenhed,
    Takstindberetning,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

ROLLER = ("sekretariat", "sekretariat_anden", "driftsherre", "driftsherre_anden", "laeser")
"""The logged-in roles of the access matrix (anonymous is the sixth)."""

OFFENTLIGT_AAR = 2017
UDKAST_AAR = 2018


@dataclass
class Registerdata:
    midt: Rammeaftale
    syd: Rammeaftale
    aarhus: Driftsherre
    randers: Driftsherre
    region: Driftsherre
    odense: Driftsherre
    udviklingshaemning: Maalgruppe
    sindslidelse: Maalgruppe
    solhaven: Tilbud  # Aarhus, midt: the offer most tests look at
    kildebakken: Tilbud  # Randers, midt
    fjordhuset: Tilbud  # Odense, syd
    hus_a: Afdeling
    botilbud: Ydelse  # Solhaven's døgn service
    dagtilbud: Ydelse  # Solhaven's day service
    botilbud_2017: Ydelsesaar
    botilbud_2018: Ydelsesaar
    beregning_2017: Takstberegning
    beregning_2018: Takstberegning
    kategori_2017: Kategorisering
    kategori_2018: Kategorisering
    fjordhuset_2018: Ydelsesaar
    brugere: dict[str, User]

    def bruger(self, rolle: str) -> User:
        return self.brugere[rolle]


def takstgrundlag(tilbud: str, region: str, aar: int, pladser: str = "20") -> dict[str, Any]:
    """A small valid rate calculation input: one døgn service with a budgeted occupancy."""
    return {
        "tilbud": tilbud,
        "region": region,
        "aar": aar,
        "ydelser": [
            {
                "navn": "Længerevarende botilbud",
                "pladstype": "doegn",
                "pladser": pladser,
                "budget": [
                    {"art": "direkte_loen", "beloeb": "9800000", "tekst": "Løn"},
                    {"art": "oevrig_drift", "beloeb": "1200000", "tekst": "Øvrig drift"},
                ],
                "belaegning": {"budgetteret_pct": "95"},
            }
        ],
    }


def _beregning(tilbud: Tilbud, aar: int) -> Takstberegning:
    b = Takstberegning(tilbud=tilbud, aar=aar)
    b.saet_grundlag(takstgrundlag(tilbud.navn, tilbud.region, aar))
    b.full_clean()
    b.save()
    return b


def _kategorisering(
    tilbud: Tilbud, aar: int, driftsherre: str, takst: str, forbrug: list[tuple[str, str]]
) -> Kategorisering:
    """The category as the engine computes it, with its trace (`Kategoriresultat.til_json()`)."""
    grundlag = Kategorigrundlag.model_validate(
        {
            "region": tilbud.region,
            "aar": aar,
            "tilbud": tilbud.navn,
            "driftsherre": driftsherre,
            "takst": takst,
            "pladser": "20",
            "forbrug": [{"kommune": k, "aarspladser": a} for k, a in forbrug],
        }
    )
    r = beregn_kategori(grundlag, regelbog())
    return Kategorisering.objects.create(
        tilbud=tilbud, aar=aar, beregnet=str(r.beregnet_kategori), spor=r.til_json()
    )


def _bruger(navn: str, rolle: str, aftale: Rammeaftale, driftsherre: Driftsherre | None = None) -> User:
    bruger = User.objects.create(username=navn)
    Brugerprofil.objects.create(bruger=bruger, rolle=rolle, rammeaftale=aftale, driftsherre=driftsherre)
    return bruger


def opret_registerdata() -> Registerdata:
    midt = Rammeaftale.objects.create(kode="midtjylland", navn="Rammeaftale Midtjylland")
    syd = Rammeaftale.objects.create(kode="syddanmark", navn="Rammeaftale Syddanmark")
    kommuner = {
        kode: Kommune.objects.create(kode=kode, navn=navn, rammeaftale=aftale)
        for kode, navn, aftale in (
            (751, "Aarhus", midt),
            (730, "Randers", midt),
            (740, "Silkeborg", midt),
            (461, "Odense", syd),
            (630, "Vejle", syd),
        )
    }
    aarhus = Driftsherre.objects.create(navn="Aarhus Kommune", rammeaftale=midt, kommune=kommuner[751])
    randers = Driftsherre.objects.create(navn="Randers Kommune", rammeaftale=midt, kommune=kommuner[730])
    region = Driftsherre.objects.create(navn="Region Midtjylland", rammeaftale=midt)
    odense = Driftsherre.objects.create(navn="Odense Kommune", rammeaftale=syd, kommune=kommuner[461])
    udviklingshaemning = Maalgruppe.objects.create(navn="Udviklingshæmning", raekkefoelge=1)
    sindslidelse = Maalgruppe.objects.create(navn="Sindslidelse", raekkefoelge=2)

    solhaven = Tilbud.objects.create(
        navn="Solhaven", driftsherre=aarhus, maalgruppe=udviklingshaemning, paragraf="SEL § 108"
    )
    hus_a = Afdeling.objects.create(tilbud=solhaven, navn="Hus A")
    Afdeling.objects.create(tilbud=solhaven, navn="Hus B")
    botilbud = Ydelse.objects.create(
        tilbud=solhaven,
        afdeling=hus_a,
        navn="Længerevarende botilbud",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    dagtilbud = Ydelse.objects.create(
        tilbud=solhaven, navn="Dagtilbud", pladstype=Pladstype.DAG, takstenhed=Takstenhed.DAG
    )
    beregning_2017 = _beregning(solhaven, OFFENTLIGT_AAR)
    beregning_2018 = _beregning(solhaven, UDKAST_AAR)
    botilbud_2017 = Ydelsesaar.objects.create(
        ydelse=botilbud,
        aar=OFFENTLIGT_AAR,
        pladser=Decimal(20),
        budgetteret_belaegning_pct=Decimal(95),
        takst=Decimal("1734.56"),
        takst_kilde=TakstKilde.BEREGNET,
        takstberegning=beregning_2017,
    )
    botilbud_2018 = Ydelsesaar.objects.create(
        ydelse=botilbud,
        aar=UDKAST_AAR,
        pladser=Decimal(22),
        budgetteret_belaegning_pct=Decimal(96),
        takst=Decimal("1811.00"),
        takst_kilde=TakstKilde.BEREGNET,
        takstberegning=beregning_2018,
    )
    for aar, pladser, takst in ((OFFENTLIGT_AAR, 8, "612.00"), (UDKAST_AAR, 9, "640.50")):
        Ydelsesaar.objects.create(
            ydelse=dagtilbud,
            aar=aar,
            pladser=Decimal(pladser),
            budgetteret_belaegning_pct=Decimal(90),
            takst=Decimal(takst),
            kilde_tekst="Indberettet af Aarhus Kommune",
        )
    kategori_2017 = _kategorisering(
        solhaven, OFFENTLIGT_AAR, "751", "1734.56", [("751", "15"), ("730", "3"), ("740", "2")]
    )
    kategori_2018 = _kategorisering(solhaven, UDKAST_AAR, "751", "1811", [("751", "19.5"), ("730", "0.5")])

    kildebakken = Tilbud.objects.create(
        navn="Kildebakken", driftsherre=randers, maalgruppe=sindslidelse, paragraf="SEL § 104"
    )
    kilde_dag = Ydelse.objects.create(
        tilbud=kildebakken, navn="Aktivitetstilbud", pladstype=Pladstype.DAG, takstenhed=Takstenhed.DAG
    )
    Ydelsesaar.objects.create(ydelse=kilde_dag, aar=OFFENTLIGT_AAR, pladser=Decimal(30), takst=Decimal("455"))

    fjordhuset = Tilbud.objects.create(
        navn="Fjordhuset", driftsherre=odense, maalgruppe=sindslidelse, paragraf="SEL § 107"
    )
    fjord_doegn = Ydelse.objects.create(
        tilbud=fjordhuset,
        navn="Midlertidigt botilbud",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    fjordhuset_2018 = Ydelsesaar.objects.create(
        ydelse=fjord_doegn, aar=UDKAST_AAR, pladser=Decimal(12), takst=Decimal("2450")
    )
    _kategorisering(
        fjordhuset, UDKAST_AAR, "461", "2450", [("461", "6"), ("630", "3"), ("410", "2"), ("561", "1")]
    )

    # 2017 is published: Aarhus' and Randers' reports approved, the catalogue built from them
    for nr, d in enumerate((aarhus, randers)):
        Takstindberetning.objects.create(
            driftsherre=d,
            aar=OFFENTLIGT_AAR,
            status=Indberetningsstatus.GODKENDT,
            indsendt=datetime(OFFENTLIGT_AAR - 1, 10, 1 + nr, 12, 0, tzinfo=UTC),
        )
    katalog.offentliggoer(midt, OFFENTLIGT_AAR, None)

    brugere = {
        "sekretariat": _bruger("sek_midt", Rolle.SEKRETARIAT, midt),
        "sekretariat_anden": _bruger("sek_syd", Rolle.SEKRETARIAT, syd),
        "driftsherre": _bruger("dh_aarhus", Rolle.DRIFTSHERRE, midt, aarhus),
        "driftsherre_anden": _bruger("dh_randers", Rolle.DRIFTSHERRE, midt, randers),
        "laeser": _bruger("laeser_midt", Rolle.LAESER, midt),
    }
    return Registerdata(
        midt=midt,
        syd=syd,
        aarhus=aarhus,
        randers=randers,
        region=region,
        odense=odense,
        udviklingshaemning=udviklingshaemning,
        sindslidelse=sindslidelse,
        solhaven=solhaven,
        kildebakken=kildebakken,
        fjordhuset=fjordhuset,
        hus_a=hus_a,
        botilbud=botilbud,
        dagtilbud=dagtilbud,
        botilbud_2017=botilbud_2017,
        botilbud_2018=botilbud_2018,
        beregning_2017=beregning_2017,
        beregning_2018=beregning_2018,
        kategori_2017=kategori_2017,
        kategori_2018=kategori_2018,
        fjordhuset_2018=fjordhuset_2018,
        brugere=brugere,
    )
