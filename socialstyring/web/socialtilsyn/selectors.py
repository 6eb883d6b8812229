"""Database → the engine's input (`Socialtilsynsgrundlag`) and the pages' data: a year's
calculation, the units and years of the user's agreements, and the 0–17-year-olds the
objective financing is split by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.socialtilsyn import (
    AndenEnhed,
    Opgave,
    Socialtilsynsgrundlag,
    Socialtilsynsresultat,
    Udgift,
    beregn_socialtilsyn,
)
from socialstyring.web.befolkning import selectors as befolkning
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import synlige_rammeaftaler
from socialstyring.web.register.models import Kommune
from socialstyring.web.socialtilsyn.gemt import Takstgrundlag
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed


def synlige(bruger: Bruger) -> QuerySet[Tilsynsenhed]:
    """The units of the user's agreements."""
    return Tilsynsenhed.objects.select_related("driftsherre__rammeaftale").filter(
        driftsherre__rammeaftale__in=synlige_rammeaftaler(bruger)
    )


def aarene(e: Tilsynsenhed) -> list[Tilsynsaar]:
    return list(e.aarene.order_by("aar"))


def hent_aar(e: Tilsynsenhed, aar: int) -> Tilsynsaar | None:
    return e.aarene.filter(aar=aar).first()


def takstgrundlag(r: Tilsynsaar) -> Takstgrundlag:
    """The year's stored rate basis and comparison figures (ValueError if it does not read)."""
    return Takstgrundlag.laes(r.takstgrundlag) if r.takstgrundlag else Takstgrundlag()


def andre_enheder(rows: list[dict[str, Any]]) -> tuple[AndenEnhed, ...]:
    """The form's rows (one published rate each) grouped per unit, in the order entered."""
    enheder: dict[str, dict[str, Any]] = {}
    for row in rows:
        e = enheder.setdefault(row["navn"], {"navn": row["navn"], "takster": {}, "gennemsnit": False})
        e["takster"][row["noegle"]] = Decimal(row["beloeb"])
        e["gennemsnit"] = e["gennemsnit"] or bool(row.get("gennemsnit"))
    return tuple(AndenEnhed(**e) for e in enheder.values())


@dataclass(frozen=True)
class Befolkningstal:
    """The municipalities' 0–17-year-olds in the counting year, or which are missing."""

    aar: int
    antal: dict[str, int]
    mangler: list[str]


def kommunenavne(r: Tilsynsaar, t: Takstgrundlag) -> list[str]:
    """The municipalities that finance the unit: the stored ones, else the published rows',
    else every municipality of the host's agreement."""
    if t.kommuner:
        return list(t.kommuner)
    if t.offentliggjort is not None and t.offentliggjort.objektiv_pr_kommune:
        return list(t.offentliggjort.objektiv_pr_kommune)
    return list(r.enhed.driftsherre.rammeaftale.kommuner.order_by("navn").values_list("navn", flat=True))


def registrets_kommuner() -> list[str]:
    """Every municipality's name as the register writes it (the rate basis's form checks by it)."""
    return list(Kommune.objects.order_by("navn").values_list("navn", flat=True))


def boern(r: Tilsynsaar, t: Takstgrundlag) -> Befolkningstal:
    """The 0–17-year-olds (FOLK1A) of the year the rulebook counts them in (the year before,
    in Midtjylland); used only when every municipality has a count."""
    region = r.enhed.driftsherre.rammeaftale.kode
    try:
        foer, _ = Regler(gaeldende_regelbog(), region, date(r.aar, 1, 1)).heltal(
            "socialtilsyn.objektiv_finansiering_befolkning_aar_foer"
        )
    except KeyError:
        foer = 1
    aar = r.aar - foer
    navne = kommunenavne(r, t)
    fundne = {k.navn: k for k in Kommune.objects.filter(navn__in=navne)}
    kommuner = [fundne[n] for n in navne if n in fundne]
    mangler = [n for n in navne if n not in fundne] + befolkning.mangler(kommuner, aar)
    return Befolkningstal(aar, {} if mangler else befolkning.indbyggere(kommuner, aar), mangler)


def grundlag(r: Tilsynsaar, boern_0_17: dict[str, int] | None = None) -> Socialtilsynsgrundlag:
    """The stored year as the engine's validated input (ValueError if it does not fit)."""
    t = takstgrundlag(r)
    return Socialtilsynsgrundlag(
        region=r.enhed.driftsherre.rammeaftale.kode,
        enhed=r.enhed.navn,
        aar=r.aar,
        opgaver=tuple(Opgave(**o) for o in r.opgaver),
        aarsvaerk=r.aarsvaerk,
        gennemsnitsloen=r.gennemsnitsloen,
        udgifter=tuple(Udgift(**u) for u in r.udgifter),
        objektiv_finansiering=r.objektiv_finansiering,
        regulering_objektiv=r.regulering_objektiv,
        regulering_takster=r.regulering_takster,
        grundtakster=t.grundtakster,
        tillaeg_50_plus_pr_tilbud=t.tillaeg_50_plus_pr_tilbud,
        tillaeg_50_plus_budget=t.tillaeg_50_plus_budget,
        tilbud=t.tilbud,
        kommuner=t.kommuner,
        indbyggere_0_17=boern_0_17 or {},
        offentliggjort=t.offentliggjort,
        andre_enheder=andre_enheder(r.andre_enheder),
        forrige=t.forrige,
    )


def beregn(r: Tilsynsaar) -> tuple[Socialtilsynsresultat, Befolkningstal]:
    """The year's calculation (ValueError, incl. pydantic's, if the figures do not fit)."""
    bt = boern(r, takstgrundlag(r))
    return beregn_socialtilsyn(grundlag(r, bt.antal), gaeldende_regelbog()), bt


@dataclass(frozen=True)
class Aarsraekke:
    """A year in the list (`resultat` None: its figures do not compute, `fejl` says why)."""

    raekke: Tilsynsaar
    resultat: Socialtilsynsresultat | None
    fejl: str = ""


def liste(bruger: Bruger) -> list[tuple[Tilsynsenhed, list[Aarsraekke]]]:
    """The units of the user's agreements, each with its years calculated (without population:
    the list compares budgets and rates)."""
    ud = []
    for e in synlige(bruger).order_by("navn"):
        raekker = []
        for r in aarene(e):
            try:
                raekker.append(Aarsraekke(r, beregn_socialtilsyn(grundlag(r), gaeldende_regelbog())))
            except MOTORFEJL as fejl:
                raekker.append(Aarsraekke(r, None, motorfejl(fejl)))
        ud.append((e, raekker))
    return ud
