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
create the same user first).

2018 from the stays (`indlaes_refusion_fra_ophold`, after Herning's January statement is
sent): every citizen of the stays Randers pays for counts with what it is billed. One of them,
in a Herning offer all of the first quarter at Herning's 2018 rate 1.392 kr. a day, also gets
help bought outside the agreement, 60.000 kr. a month, entered as citizen R-301 linked to the
stays' citizen. With 2018's adult threshold 1.090.000 kr. (an assumption: the 2020 amount),
1/12 = 90.833,33 kr.:

    January  31 × 1.392 = 43.152 (Herning's sent statement) + 60.000 = 103.152
             → 12.318,67 × 25 % = 3.079,67 kr.
    February 28 × 1.392 = 38.976 (computed from the stay) + 60.000 = 98.976
             → 8.142,67 × 25 % = 2.035,67 kr.
    March    as January: 3.079,67 kr.         The first quarter: 8.195,01 kr.

No other citizen's billed month reaches 90.833,33 kr. (the demo's rates are at most 2.806 kr.
a day), so that is Randers' whole claim for the quarter."""

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


FRA_OPHOLD_AAR = 2018
FRA_OPHOLD_NOEGLE = "R-301"
UDEN_FOR_AFTALEN = Decimal(60000)
"""Help bought outside the agreement for R-301, each month of the first quarter of 2018."""


def demoens_opholdsborger() -> object:
    """The stay R-301 is linked to: of Randers' stays in a Herning offer that run all of 2018
    at a full place with no notice and no package change, the one at the highest 2018 rate
    (then the earliest start, then the lowest id)."""
    from django.db.models import Q

    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register.models import Ydelsesaar

    kandidater = list(
        Ophold.objects.filter(
            betalingskommune__kode=RANDERS,
            tilbud__driftsherre__navn="Herning Kommune",
            start__lte=date(FRA_OPHOLD_AAR, 1, 1),
            indskrivning_pct=100,
            opsagt__isnull=True,
            pakkeskift__isnull=True,
        )
        .filter(Q(slut__isnull=True) | Q(slut__gt=date(FRA_OPHOLD_AAR, 12, 31)))
        .order_by("start", "pk")
    )
    takster = dict(
        Ydelsesaar.objects.filter(
            ydelse_id__in={o.ydelse_id for o in kandidater}, aar=FRA_OPHOLD_AAR, takst__isnull=False
        ).values_list("ydelse_id", "takst")
    )
    med_takst = [o for o in kandidater if o.ydelse_id in takster]
    return max(med_takst, key=lambda o: takster[o.ydelse_id], default=None)


def indlaes_refusion_fra_ophold(resultat: Indlaesning) -> None:
    """R-301: a citizen of Randers' stays with help bought outside the agreement in the first
    quarter of 2018 (inside the demo's transaction)."""
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.refusion.models import Refusionsborger, Refusionsmaaned
    from socialstyring.web.register.models import Kommune

    kommune = Kommune.objects.get(kode=RANDERS)
    o = demoens_opholdsborger()
    assert isinstance(o, Ophold), "the demo's stays have no stay for R-301"
    b = Refusionsborger.objects.filter(kommune=kommune, noegle=FRA_OPHOLD_NOEGLE).first()
    if b is None:
        b = Refusionsborger.objects.create(
            kommune=kommune,
            noegle=FRA_OPHOLD_NOEGLE,
            foedselsdato=o.foedselsdato,
            ordning="voksen",
            pseudonym=o.borger,
        )
        resultat.nye["refusionsborger"] += 1
    for m in (1, 2, 3):
        if not Refusionsmaaned.objects.filter(borger=b, aar=FRA_OPHOLD_AAR, maaned=m).exists():
            Refusionsmaaned.objects.create(borger=b, aar=FRA_OPHOLD_AAR, maaned=m, brutto=UDEN_FOR_AFTALEN)
            resultat.nye["refusionsmaaned"] += 1
