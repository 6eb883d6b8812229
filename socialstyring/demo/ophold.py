"""The demo's stays: a year (2018) of citizens in Region Midtjylland's demo offers, and the
demo user `randers_kommune` (role kommune, Randers Kommune) who sees the stays Randers pays
or acts for.

DEMODATA, deterministic (`random.Random(FROE)`). Per service with places in 2018 (not the
hourly add-ons), round(places × budgeted occupancy / 100) *slots*; each slot holds one stay at
a time, a chain of stays through 2018 (a stay lasts 2 months to 4 years; the next begins 1–45
days after the last ended), so no day has more citizens than the slot count — never more
than the places. The first stay of a slot began before 2018. The paying municipality is drawn
by the offer's 2017 place purchases (`Pladskoeb`), else the operator's own municipality; one
stay in ten has another acting municipality. A stay that ended was given notice two months
before by the acting municipality.

The CPR numbers are synthetic: birth dates 1940–2000 with serial numbers 4000–4999 (valid for
python-stdnum: a real date, century digit 4), made up and checked against nothing. They are
pseudonymised (`io.cpr.pseudonym` under the demo's own key, `var/demo-cpr-noegle`) the moment
they are made and never stored. Loading again creates only what is missing (bulk_create,
without history: the demo's stays were never edited)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

from socialstyring.demo.region import Indlaesning

FROE: Final = 20180101
AAR: Final = 2018
RANDERS: Final = 730
BRUGERNAVN: Final = "randers_kommune"
DEMO_LOGIN: Final = (BRUGERNAVN, "Kommune: Randers Kommune (ophold og refusion)")


def _cpr(rng: random.Random) -> str:
    foedt = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 60))
    return f"{foedt:%d%m%y}{rng.randrange(4000, 5000)}"


def indlaes_ophold(resultat: Indlaesning, adgangskode_hash: str) -> None:
    """The user and a year of stays (inside the demo's transaction)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from socialstyring.io.cpr import foedselsdato, kontroller_noegle, pseudonym
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register.models import (
        Brugerprofil,
        Kommune,
        Pladskoeb,
        Rammeaftale,
        Rolle,
        Ydelsesaar,
    )

    kommune = Kommune.objects.get(kode=RANDERS)
    User = get_user_model()
    bruger = User.objects.filter(username=BRUGERNAVN).first()
    if bruger is None:
        bruger = User.objects.create(username=BRUGERNAVN, password=adgangskode_hash, is_active=True)
        resultat.nye["user"] += 1
    if not Brugerprofil.objects.filter(bruger=bruger).exists():
        Brugerprofil.objects.create(
            bruger=bruger,
            rolle=Rolle.KOMMUNE,
            rammeaftale=Rammeaftale.objects.get(pk=kommune.rammeaftale_id),
            kommune=kommune,
        )
        resultat.nye["brugerprofil"] += 1

    noegle = kontroller_noegle(settings.CPR_NOEGLE)
    aftale_id = kommune.rammeaftale_id
    kommuner = list(Kommune.objects.filter(rammeaftale_id=aftale_id).order_by("kode"))
    koeb: dict[int, list[tuple[int, Decimal]]] = {}
    for t, k, n in (
        Pladskoeb.objects.filter(aar=AAR - 1, tilbud__driftsherre__rammeaftale_id=aftale_id)
        .values_list("tilbud_id", "kommune_id", "aarspladser")
        .order_by("tilbud_id", "kommune_id")
    ):
        if n > 0:
            koeb.setdefault(t, []).append((k, n))
    ydelsesaar = (
        Ydelsesaar.objects.filter(
            aar=AAR, ydelse__tilbud__driftsherre__rammeaftale_id=aftale_id, pladser__gt=0
        )
        .exclude(ydelse__takstenhed="time")
        .select_related("ydelse__tilbud__driftsherre")
        .order_by("ydelse_id")
    )
    rng = random.Random(FROE)
    aarets_start, aarets_slut = date(AAR, 1, 1), date(AAR, 12, 31)
    nye: list[Ophold] = []
    for ya in ydelsesaar:
        y = ya.ydelse
        belaegning = ya.budgetteret_belaegning_pct or Decimal(95)
        pladser = int((ya.pladser or 0) * belaegning / 100 + Decimal("0.5"))
        vaegte = koeb.get(y.tilbud_id) or [(y.tilbud.driftsherre.kommune_id or kommune.pk, Decimal(1))]
        for _ in range(pladser):
            start = aarets_start - timedelta(days=rng.randrange(1, 1500))
            while start <= aarets_slut:
                varighed = rng.randrange(60, 1460)
                slut: date | None = start + timedelta(days=varighed)
                assert slut is not None
                naeste = slut + timedelta(days=rng.randrange(1, 46))
                if slut > aarets_slut:
                    slut = None
                betaler = rng.choices([k for k, _ in vaegte], weights=[float(n) for _, n in vaegte])[0]
                handler = betaler if rng.random() < 0.9 else rng.choice(kommuner).pk
                cpr = _cpr(rng)
                if slut is None or slut >= aarets_start:
                    opsagt = slut - timedelta(days=61) if slut is not None else None
                    nye.append(
                        Ophold(
                            borger=pseudonym(cpr, noegle),
                            foedselsdato=foedselsdato(cpr),
                            handlekommune_id=handler,
                            betalingskommune_id=betaler,
                            tilbud_id=y.tilbud_id,
                            ydelse_id=y.pk,
                            start=start,
                            opsagt=opsagt if opsagt is not None and opsagt >= start else None,
                            opsagt_af="handlekommune" if opsagt is not None and opsagt >= start else "",
                            slut=slut,
                            aarsag="Flyttet til andet tilbud" if slut is not None else "",
                            version=1,
                        )
                    )
                if slut is None:
                    break
                start = naeste
    gemte = set(
        Ophold.objects.filter(tilbud__driftsherre__rammeaftale_id=aftale_id).values_list(
            "borger", "tilbud_id", "start"
        )
    )
    mangler = [o for o in nye if (o.borger, o.tilbud_id, o.start) not in gemte]
    if mangler:
        Ophold.objects.bulk_create(mangler, batch_size=1000, ignore_conflicts=True)
        resultat.nye["ophold"] += len(mangler)
