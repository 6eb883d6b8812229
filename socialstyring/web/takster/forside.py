"""The front page's overview, by role (`forside_kontekst`):

- the secretariat (and superusers), per agreement it runs: how many operators' reports
  for the reporting year are approved, submitted, drafts and not started (with the
  deadline from the rulebook), the latest published catalogue and the latest in-year
  changes;
- operator staff: their own report for the reporting year (status, how many services are
  priced, what blocks submission) and their operator's offers;
- readers: the latest catalogue, the register and the latest changes;
- the secretariat and operator staff also see the latest reported quarter's occupancy:
  how many tilbud are flagged for deviating from their budgeted occupancy
  (`views_belaegning`'s overview, the engine's flag).

Every role also gets the list of rate calculations it may see (the view). The reporting
year is `navigering.indberetningsaar`; access is `adgang`'s, as everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpRequest

from socialstyring.beregning.indberetning import frist_for_indberetning
from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Rolle, Tilbud
from socialstyring.web.register.navigering import indberetningsaar, seneste_katalog
from socialstyring.web.takster import katalog as katalogmodul
from socialstyring.web.takster.models import (
    Aendring,
    Forbrug,
    Indberetningsstatus,
    Katalog,
    Takstindberetning,
)
from socialstyring.web.takster.views_indberetning import Indberetningsdata

SENESTE_AENDRINGER = 5
EGNE_TILBUD_VIST = 8

STATUSRAEKKEFOELGE = (
    (Indberetningsstatus.GODKENDT.value, "Godkendt"),
    (Indberetningsstatus.INDSENDT.value, "Indsendt, ikke godkendt"),
    (Indberetningsstatus.UDKAST.value, "Udkast"),
    (katalogmodul.IKKE_PAABEGYNDT, "Ikke påbegyndt"),
)


@dataclass(frozen=True)
class Statustal:
    status: str
    tekst: str
    antal: int


@dataclass(frozen=True)
class Sekretariatsoverblik:
    rammeaftale: Rammeaftale
    aar: int
    frist: Frist | None
    antal_driftsherrer: int
    status: list[Statustal]
    katalog: Katalog | None

    @property
    def antal_indsendt(self) -> int:
        return sum(s.antal for s in self.status if s.status in katalogmodul.GRUNDLAG_STATUSER)


@dataclass(frozen=True)
class Egenindberetning:
    driftsherre: Driftsherre
    aar: int
    status: str
    status_tekst: str
    antal_udbudt: int
    antal_prissat: int
    antal_fejl: int
    frist: Frist | None

    @property
    def er_udkast(self) -> bool:
        return self.status in (katalogmodul.IKKE_PAABEGYNDT, Indberetningsstatus.UDKAST)


def _sekretariatsoverblik(aftale: Rammeaftale) -> Sekretariatsoverblik:
    aar = indberetningsaar(aftale)
    antal = Driftsherre.objects.filter(rammeaftale=aftale).count()
    indberetninger = Takstindberetning.objects.filter(driftsherre__rammeaftale=aftale, aar=aar)
    optalt = Counter(indberetninger.values_list("status", flat=True))
    optalt[katalogmodul.IKKE_PAABEGYNDT] = antal - sum(optalt.values())
    return Sekretariatsoverblik(
        rammeaftale=aftale,
        aar=aar,
        frist=frist_for_indberetning(aftale.kode, aar, regelbog()),
        antal_driftsherrer=antal,
        status=[Statustal(s, tekst, optalt[s]) for s, tekst in STATUSRAEKKEFOELGE],
        katalog=seneste_katalog(aftale),
    )


@dataclass(frozen=True)
class Belaegningsstatus:
    """The latest reported quarter's occupancy flags, for the agreement or one operator."""

    aar: int
    kvartal: int
    driftsherre: Driftsherre | None  # None: the whole agreement
    antal_driftsherrer_indberettet: int
    flagede: tuple[str, ...]

    @property
    def periode(self) -> str:
        return f"Q1 {self.aar}" if self.kvartal == 1 else f"Q1–Q{self.kvartal} {self.aar}"


def _seneste_kvartal(forbrug: QuerySet[Forbrug]) -> tuple[int, int] | None:
    aar = forbrug.aggregate(m=Max("aar"))["m"]
    if aar is None:
        return None
    kvartal = forbrug.filter(aar=aar).aggregate(m=Max("kvartal"))["m"]
    return int(aar), int(kvartal)


def belaegningsstatus(
    aftale: Rammeaftale, driftsherre: Driftsherre | None = None
) -> Belaegningsstatus | None:
    """Flags of the latest quarter with reported used days (None when nothing is reported)."""
    from socialstyring.web.takster.views_belaegning import oversigtsraekke  # it imports views → forside

    forbrug = Forbrug.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=aftale)
    if driftsherre is not None:
        forbrug = forbrug.filter(ydelse__tilbud__driftsherre=driftsherre)
    seneste = _seneste_kvartal(forbrug)
    if seneste is None:
        return None
    aar, kvartal = seneste
    driftsherrer = (
        [driftsherre]
        if driftsherre is not None
        else list(
            Driftsherre.objects.filter(rammeaftale=aftale).select_related("rammeaftale").order_by("navn")
        )
    )
    raekker = [oversigtsraekke(d, aar, kvartal) for d in driftsherrer]
    return Belaegningsstatus(
        aar=aar,
        kvartal=kvartal,
        driftsherre=driftsherre,
        antal_driftsherrer_indberettet=sum(1 for r in raekker if r.antal_indberettet),
        flagede=tuple(t for r in raekker for t in r.flagede_tilbud),
    )


def _egen_indberetning(driftsherre: Driftsherre, aar: int) -> Egenindberetning:
    data = Indberetningsdata.hent(driftsherre, aar)
    resultat = data.valider()
    return Egenindberetning(
        driftsherre=driftsherre,
        aar=aar,
        status=data.status,
        status_tekst=data.status_tekst,
        antal_udbudt=resultat.antal_udbudt,
        antal_prissat=resultat.antal_prissat,
        antal_fejl=len(resultat.fejl),
        frist=resultat.frist,
    )


def _seneste_aendringer(tilbud: QuerySet[Tilbud]) -> list[Aendring]:
    return list(
        Aendring.objects.filter(tilbud__in=tilbud)
        .select_related("tilbud__driftsherre", "ydelse")
        .order_by("-oprettet")[:SENESTE_AENDRINGER]
    )


def forside_kontekst(request: HttpRequest) -> dict[str, Any]:
    """What the front page shows above the list of rate calculations."""
    bruger = request.user
    p = adgang.profil(bruger)
    aftaler = adgang.synlige_rammeaftaler(bruger)
    synlige = adgang.synlige_tilbud(bruger)
    kontekst: dict[str, Any] = {
        "rolle": p.rolle if p else ("superbruger" if adgang.er_superbruger(bruger) else None),
        "sekretariat": [_sekretariatsoverblik(a) for a in aftaler if adgang.er_sekretariat(bruger, a)],
        "belaegning": [
            b for a in aftaler if adgang.er_sekretariat(bruger, a) and (b := belaegningsstatus(a)) is not None
        ],
        "katalog": seneste_katalog(aftaler) if aftaler.exists() else None,
        "aendringer": _seneste_aendringer(synlige),
        "antal_tilbud": synlige.count(),
        "egen": None,
        "egne_tilbud": [],
        "antal_egne_tilbud": 0,
    }
    if p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre is not None:
        d = p.driftsherre
        egne = synlige.filter(driftsherre=d).order_by("navn")
        kontekst |= {
            "egen": _egen_indberetning(d, indberetningsaar(p.rammeaftale)),
            "egen_belaegning": belaegningsstatus(p.rammeaftale, d),
            "egne_tilbud": list(egne[:EGNE_TILBUD_VIST]),
            "antal_egne_tilbud": egne.count(),
        }
    return kontekst
