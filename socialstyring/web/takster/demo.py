"""Demo data: four tilbud in Region Midtjylland with rate calculations for 2018, and two users.

The tilbud are made up but shaped like real ones, one of each kind the engine handles:

- Solbakken: one average-rate døgn service (§ 108) with overhead, occupancy from the two
  previous years and a deficit from 2016 carried into the rate.
- Værkstedet Kilden: a day offer (§ 104) with a budgeted occupancy and a 2016 surplus.
- Hedegården: a package structure, a common base budget and three packages whose places
  sum to the service's places.
- Skovbrynet: a § 107 service with add-on hourly services (tillægsydelser) at 400, 439
  and 220 kr. wage cost per hour.

Amounts are strings so they stay exact. `indlaes_demo()` is idempotent: it updates what
is there and creates what is missing. This module imports Django only inside
`indlaes_demo()`, so `demo_logins()` and the data can be used before Django is set up.
"""

from __future__ import annotations

from typing import Any

from socialstyring.beregning.takst import Takstgrundlag

DEMO_REGION = "midtjylland"
DEMO_AAR = 2018
DEMO_ADGANGSKODE = "demo1234"

DEMO_BRUGERE: tuple[tuple[str, bool, str], ...] = (
    ("sekretariat", True, "Takstsekretariatet (personale)"),
    ("laeser", False, "Læseadgang"),
)
"""(brugernavn, is_staff, rollebeskrivelse)."""


def _linje(art: str, beloeb: str, tekst: str) -> dict[str, str]:
    return {"art": art, "beloeb": beloeb, "tekst": tekst}


DEMO_TILBUD: tuple[dict[str, Any], ...] = (
    {
        "navn": "Solbakken",
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
    return [(navn, DEMO_ADGANGSKODE, rolle) for navn, _, rolle in DEMO_BRUGERE]


DEMO_DRIFTSHERRER: dict[str, int | None] = {
    "Region Midtjylland": None,
    "Randers Kommune": 730,
    "Viborg Kommune": 791,
    "Silkeborg Kommune": 740,
}
"""Operators of the demo tilbud: name → municipality code (None for the region)."""


def indlaes_demo() -> None:
    """Create or update the demo tilbud, their 2018 rate calculations and the demo users."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from socialstyring.web.register.models import Driftsherre, Kommune, Rammeaftale, Tilbud
    from socialstyring.web.takster.models import Takstberegning

    grundlag = {data["navn"]: demo_grundlag(data) for data in DEMO_TILBUD}  # validate first
    User = get_user_model()
    with transaction.atomic():
        aftale, _ = Rammeaftale.objects.get_or_create(
            kode=DEMO_REGION, defaults={"navn": "Rammeaftale Midtjylland"}
        )
        for navn, kode in DEMO_DRIFTSHERRER.items():
            kommune = None
            if kode is not None:
                kommune, _ = Kommune.objects.get_or_create(
                    kode=kode, defaults={"navn": navn.removesuffix(" Kommune"), "rammeaftale": aftale}
                )
            Driftsherre.objects.get_or_create(navn=navn, defaults={"rammeaftale": aftale, "kommune": kommune})
        for data in DEMO_TILBUD:
            tilbud, _ = Tilbud.objects.update_or_create(
                navn=data["navn"],
                driftsherre=Driftsherre.objects.get(navn=data["driftsherre"]),
                defaults={"paragraf": f"SEL {data['paragraf']}"},
            )
            beregning = Takstberegning.objects.filter(tilbud=tilbud, aar=DEMO_AAR).first()
            if beregning is None:
                beregning = Takstberegning(tilbud=tilbud, aar=DEMO_AAR)
            beregning.saet_grundlag(grundlag[data["navn"]])
            beregning.full_clean()
            beregning.save()

        for navn, personale, _ in DEMO_BRUGERE:
            bruger = User.objects.filter(username=navn).first() or User(username=navn)
            bruger.is_staff = personale
            bruger.is_active = True
            bruger.set_password(DEMO_ADGANGSKODE)
            bruger.save()
