"""The demo's savings scenarios: Region Midtjylland's note of 2011 (*Scenarier for gennemførelse
af en reduktion af nettodriftsbudgettet for 2012 på det sociale område*, section 3) applied to the
demo region's 2017 register: the net operating budget −1, −2 and −3 %, the administrative
overhead 5,4 → 4,4 %, and 6 places closed in the largest secure service (the note's 6 secure
places, about half of their cost objectively financed: the set takes that service as 50 %
objectively financed). The figures are the demo register's, not the note's (its baseline is the
region's 2012 budget; the case files `tests/cases/scenarie_midtjylland_2012_*.yaml` reproduce those).

Loading twice writes nothing; a set changed while trying the demo is set back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from socialstyring.demo.region import Indlaesning

NAVN = "Besparelser på det sociale område (notat 2011)"
AAR = 2017
SIKREDE = "Sikrede institutioner for børn og unge"
SIKREDE_OBJEKTIV_PCT = Decimal(50)
"""The note: "ca. halvdelen objektivt finansieret" (section 3, the 6 secure places)."""
BESKRIVELSE = (
    "Scenarierne i Region Midtjyllands notat »Scenarier for gennemførelse af en reduktion af "
    "nettodriftsbudgettet for 2012 på det sociale område« (2011), afsnit 3, regnet på demoregionens "
    "tilbud i 2017."
)


def _scenarier(sikret_ydelse_id: int | None) -> list[tuple[str, list[dict[str, Any]]]]:
    ud: list[tuple[str, list[dict[str, Any]]]] = [
        (f"Nettodriftsbudget −{p} %", [{"art": "budget", "vaerdi": Decimal(-p)}]) for p in (1, 2, 3)
    ]
    ud.append(
        (
            "Administrativt overhead 4,4 %",
            [{"art": "overhead", "vaerdi": Decimal("4.4"), "overheaddel": "administration"}],
        )
    )
    if sikret_ydelse_id is not None:
        ud.append(
            (
                "6 sikrede pladser lukkes",
                [{"art": "kapacitet", "vaerdi": Decimal(-6), "ydelse_id": sikret_ydelse_id}],
            )
        )
    return ud


def indlaes_scenarier(resultat: Indlaesning) -> None:
    """The set and its scenarios (inside the demo's transaction)."""
    from socialstyring.web.register.models import Rammeaftale, Ydelsesaar
    from socialstyring.web.scenarie.models import Aendring, Objektivandel, Scenarie, Scenariesaet

    aftale = Rammeaftale.objects.get(kode="midtjylland")
    sikret = (
        Ydelsesaar.objects.filter(
            aar=AAR, ydelse__tilbud__maalgruppe__navn=SIKREDE, pladser__gte=6,
            ydelse__tilbud__driftsherre__rammeaftale=aftale,
        )
        .order_by("-pladser", "ydelse_id")
        .values_list("ydelse_id", flat=True)
        .first()
    )  # fmt: skip
    s = Scenariesaet.objects.filter(rammeaftale=aftale, navn=NAVN).first()
    oensket = {"aar": AAR, "stablet": False, "beskrivelse": BESKRIVELSE}
    if s is None:
        s = Scenariesaet.objects.create(rammeaftale=aftale, navn=NAVN, **oensket)
        resultat.nye["scenariesaet"] += 1
    elif any(getattr(s, k) != v for k, v in oensket.items()):
        for k, v in oensket.items():
            setattr(s, k, v)
        s.save()
        resultat.aendrede["scenariesaet"] += 1
    _objektivandel(resultat, s, sikret, Objektivandel)
    scenarier = _scenarier(sikret)
    nu = [
        (sc.navn, [(a.art, a.vaerdi, a.overheaddel, a.ydelse_id) for a in sc.aendringer.order_by("nr")])
        for sc in s.scenarier.order_by("nr")
    ]
    skal = [
        (navn, [(a["art"], a["vaerdi"], a.get("overheaddel", ""), a.get("ydelse_id")) for a in aendringer])
        for navn, aendringer in scenarier
    ]
    if nu == skal:
        return
    s.scenarier.all().delete()
    for nr, (navn, aendringer) in enumerate(scenarier, 1):
        sc = Scenarie.objects.create(saet=s, navn=navn, nr=nr)
        for anr, a in enumerate(aendringer, 1):
            Aendring.objects.create(scenarie=sc, nr=anr, **a)
    s.save()
    resultat.aendrede["scenarie"] += len(scenarier)


def _objektivandel(resultat: Indlaesning, s: Any, sikret: int | None, model: Any) -> None:
    """The secure service half objectively financed in the set's baseline, and no other share."""
    for a in model.objects.filter(saet=s).exclude(ydelse_id=sikret):
        a.delete()
        resultat.slettede["objektivandel"] += 1
    if sikret is None:
        return
    a = model.objects.filter(saet=s, ydelse_id=sikret).first()
    if a is None:
        model.objects.create(saet=s, ydelse_id=sikret, andel_pct=SIKREDE_OBJEKTIV_PCT)
        resultat.nye["objektivandel"] += 1
    elif a.andel_pct != SIKREDE_OBJEKTIV_PCT:
        a.andel_pct = SIKREDE_OBJEKTIV_PCT
        a.save()
        resultat.aendrede["objektivandel"] += 1
