"""Database → the engine's input (`Boernehusgrundlag`) and the pages' data: a year's
calculation, the years side by side, and the population the key figures need."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from socialstyring.beregning.boernehus import (
    Aktivitet,
    Boernehusgrundlag,
    Boernehusresultat,
    Offentliggjort,
    beregn_boernehus,
)
from socialstyring.web.befolkning import selectors as befolkning
from socialstyring.web.boernehus.models import Boernehus, Boernehusaar
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.motorfejl import motorfejl
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import synlige_rammeaftaler

INPUTFELTER = (
    "timer_pr_sag",
    "effektive_timer_pr_uge",
    "effektive_timer_pr_aarsvaerk",
    "loen_pr_aarsvaerk",
    "oevrige_udgifter",
    "budget",
)
TRYKTE = (
    "budget",
    "objektiv_finansiering",
    "til_fordeling",
    "takst_pr_sag",
    "behandleraarsvaerk",
    "timer_i_alt",
)


def synlige(bruger: Bruger) -> QuerySet[Boernehus]:
    """The units of the user's agreements."""
    return Boernehus.objects.select_related("driftsherre__rammeaftale").filter(
        driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger)
    )


def aarene(b: Boernehus) -> list[Boernehusaar]:
    return list(b.aarene.order_by("aar"))


def hent_aar(b: Boernehus, aar: int) -> Boernehusaar | None:
    return b.aarene.filter(aar=aar).first()


def standardaar(b: Boernehus) -> int | None:
    """The latest year with figures (the page a menu link opens)."""
    return b.aarene.order_by("-aar").values_list("aar", flat=True).first()


@dataclass(frozen=True)
class Befolkningstal:
    """The agreement's municipalities' 0–17-year-olds in the year, or what is missing."""

    antal: dict[str, int]
    mangler: list[str]


def boern(b: Boernehus, aar: int) -> Befolkningstal:
    """The 0–17-year-olds of every municipality of the unit's agreement (FOLK1A); used only
    when every municipality has a count, so a missing one never shrinks the base."""
    kommuner = list(b.driftsherre.rammeaftale.kommuner.order_by("navn"))
    mangler = befolkning.mangler(kommuner, aar)
    return Befolkningstal({} if mangler else befolkning.indbyggere(kommuner, aar), mangler)


def grundlag(r: Boernehusaar, boern_0_17: dict[str, int] | None = None) -> Boernehusgrundlag:
    """The stored year as the engine's validated input (ValidationError if it does not fit)."""
    trykt = {f: getattr(r, f"trykt_{f}") for f in TRYKTE}
    offentliggjort = None
    if any(v is not None for v in trykt.values()):
        offentliggjort = Offentliggjort(
            kilde=r.trykt_kilde or "Trykte tal", **{k: v for k, v in trykt.items() if v is not None}
        )
    return Boernehusgrundlag(
        region=r.boernehus.driftsherre.rammeaftale.kode,
        aar=r.aar,
        sager=r.sager,
        **{f: getattr(r, f) for f in INPUTFELTER if getattr(r, f) is not None},
        oevrige_aktiviteter=tuple(Aktivitet(**a) for a in r.oevrige_aktiviteter),
        indbyggere_0_17=boern_0_17 or {},
        offentliggjort=offentliggjort,
    )


def beregn(r: Boernehusaar, *, med_boern: bool = True) -> tuple[Boernehusresultat, Befolkningstal]:
    """The year's calculation (ValueError, incl. pydantic's, if the figures do not fit)."""
    bt = boern(r.boernehus, r.aar) if med_boern else Befolkningstal({}, [])
    return beregn_boernehus(grundlag(r, bt.antal), gaeldende_regelbog()), bt


@dataclass(frozen=True)
class Aarsraekke:
    """One year in the comparison of the years (`resultat` None: its figures do not compute)."""

    aar: int
    raekke: Boernehusaar
    resultat: Boernehusresultat | None
    fejl: str = ""

    def trykt_takst_forskel(self) -> Decimal | None:
        if (
            self.resultat is None
            or self.resultat.takst_pr_sag is None
            or self.raekke.trykt_takst_pr_sag is None
        ):
            return None
        return Decimal(self.raekke.trykt_takst_pr_sag) - self.resultat.takst_pr_sag


def sammenlign_aarene(b: Boernehus) -> list[Aarsraekke]:
    """Every year of the unit with its calculation (without population: the overview compares
    budgets, rates and staff)."""
    ud = []
    for r in aarene(b):
        try:
            res, _ = beregn(r, med_boern=False)
            ud.append(Aarsraekke(r.aar, r, res))
        except (ValueError, KeyError) as fejl:  # pydantic's ValidationError is a ValueError
            ud.append(Aarsraekke(r.aar, r, None, motorfejl(fejl)))
    return ud
