"""The demo's particularly expensive cases: Randers Kommune's citizens in 2024 (by invented
pseudonymous keys), January to June, with the first quarter's claim submitted, and the demo
user `randers_kommune` (role kommune) who keeps them.

The thresholds of 2024 are the rulebook's assumption (the law's 2022 level), so the pages
show the warning. Monthly 1/12 of the thresholds: 71.666,67 / 140.000,00 / 176.666,67 kr.

    R-101 (voksen)   95.000 − 3.000 indtægter + 24.000/12 engangsudgift = 94.000
                     → (94.000 − 71.666,67) × 25 % = 5.583,33 kr. a month
    R-102 (voksen)   160.000 − 10.000 objektivt finansieret = 150.000
                     → 68.333,33 × 25 % + 10.000 × 50 % = 17.083,33 + 5.000 = 22.083,33 kr.
    H-7 (husstand: R-201 45.000 + R-202 40.000 = 85.000)
                     → 13.333,33 × 25 % = 3.333,33 kr.
    A month 30.999,99 kr.; the first quarter 92.999,97 kr. (claimed as version 1).

Loading twice writes nothing; the user is created only if it is missing (the stays' demo may
create the same user first)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from socialstyring.demo.region import Indlaesning

REFUSIONSAAR = 2024
RANDERS = 730
BRUGERNAVN = "randers_kommune"
INDSENDT = datetime(2024, 4, 10, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))

BORGERE: tuple[tuple[str, date, str, str, Decimal, Decimal, Decimal], ...] = (
    # key, birth date, scheme, household, gross, income, objectively financed (each month 1–6)
    ("R-101", date(1985, 3, 14), "voksen", "", Decimal(95000), Decimal(3000), Decimal(0)),
    ("R-102", date(1990, 7, 2), "voksen", "", Decimal(160000), Decimal(0), Decimal(10000)),
    ("R-201", date(2010, 5, 1), "barn", "H-7", Decimal(45000), Decimal(0), Decimal(0)),
    ("R-202", date(2012, 9, 9), "barn", "H-7", Decimal(40000), Decimal(0), Decimal(0)),
)
ENGANGSUDGIFTER = (("R-101", "Ombygning af bolig", Decimal(24000)),)
MAANEDER = range(1, 7)


def indlaes_refusion(resultat: Indlaesning, adgangskode_hash: str) -> None:
    """Randers' cases, the first quarter's claim and the user (inside the demo's transaction)."""
    from django.contrib.auth import get_user_model

    from socialstyring.web.refusion.models import (
        Engangsudgift,
        Refusionsborger,
        Refusionskrav,
        Refusionsmaaned,
    )
    from socialstyring.web.refusion.services import indsend_krav
    from socialstyring.web.register.models import Brugerprofil, Kommune, Rammeaftale, Rolle

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

    for noegle, foedt, ordning, husstand, brutto, indt, obj in BORGERE:
        b = Refusionsborger.objects.filter(kommune=kommune, noegle=noegle).first()
        if b is None:
            b = Refusionsborger.objects.create(
                kommune=kommune, noegle=noegle, foedselsdato=foedt, ordning=ordning, husstand=husstand
            )
            resultat.nye["refusionsborger"] += 1
        for m in MAANEDER:
            if not Refusionsmaaned.objects.filter(borger=b, aar=REFUSIONSAAR, maaned=m).exists():
                Refusionsmaaned.objects.create(
                    borger=b,
                    aar=REFUSIONSAAR,
                    maaned=m,
                    brutto=brutto,
                    indtaegter=indt,
                    objektivt_finansieret=obj,
                )
                resultat.nye["refusionsmaaned"] += 1
    for noegle, navn, beloeb in ENGANGSUDGIFTER:
        b = Refusionsborger.objects.get(kommune=kommune, noegle=noegle)
        if not Engangsudgift.objects.filter(borger=b, aar=REFUSIONSAAR, navn=navn).exists():
            Engangsudgift.objects.create(borger=b, aar=REFUSIONSAAR, navn=navn, beloeb=beloeb)
            resultat.nye["engangsudgift"] += 1

    if not Refusionskrav.objects.filter(kommune=kommune, aar=REFUSIONSAAR, kvartal=1).exists():
        krav = indsend_krav(kommune, REFUSIONSAAR, 1, bruger, 0)
        Refusionskrav.objects.filter(pk=krav.pk).update(indsendt=INDSENDT)
        resultat.nye["refusionskrav"] += 1
