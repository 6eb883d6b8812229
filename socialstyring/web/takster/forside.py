"""The front page's overview, by role (`forside_kontekst`):

- the secretariat (and superusers), per agreement it runs: how many operators' reports
  for the reporting year are approved, submitted, drafts and not started (with the
  deadline from the rulebook), the latest published catalogue and the latest in-year
  changes;
- operator staff: their own report for the reporting year (status, how many services are
  priced, what blocks submission) and their operator's offers;
- readers: the latest catalogue, the register and the latest changes.

Every role also gets the list of rate calculations it may see (the view). The reporting
year is `navigering.indberetningsaar`; access is `adgang`'s, as everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from socialstyring.beregning.indberetning import Frist, frist_for_indberetning
from socialstyring.regler import regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Rolle, Tilbud
from socialstyring.web.register.navigering import indberetningsaar, seneste_katalog
from socialstyring.web.takster import katalog as katalogmodul
from socialstyring.web.takster.models import Aendring, Indberetningsstatus, Katalog, Takstindberetning
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
            "egne_tilbud": list(egne[:EGNE_TILBUD_VIST]),
            "antal_egne_tilbud": egne.count(),
        }
    return kontekst
