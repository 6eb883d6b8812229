"""The register's yearly figures as the management information's input (`beregning.ledelsesinfo`).

One row per service (`Ydelsesaar`) and year of the agreement's offers:

- places, the budgeted occupancy and the accounts' year-places and costs (`faktiske_aarspladser`,
  `regnskab`) — tables A and E. A service without the accounts' year-places counts with its
  reported used days (Q1–Q4, `takst.dage_pr_aar` days a year-place); an offer whose services
  carry no costs counts with its accounts' (`Regnskab.omkostninger`);
- the used days of the quarterly reports (`Forbrug`, Q1–Q4) — table D and the deviation flag;
  a service without all four quarters reported counts with its accounts' year-places instead,
  and the result says how many did (`advarsler`);
- each offer's result and add-on income from its accounts (`Regnskab`, the result computed by
  `beregning.resultat`) on its first service of the year — tables B and C.

The accounts of a year are in that year's prices; the engine brings the earlier year to the
later year's prices with the rulebook's P/L. When the agreement and years are those of seed
004 (Midtjylland 2016–2017), `sammenlign_med_seed004` checks the computed figures against the
published ones (`beregning.ledelsesinfo.konsistens`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from socialstyring.beregning import ledelsesinfo as motor
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import (
    Figurnoegle,
    Ledelsesinfo,
    Ledelsesinfogrundlag,
    Uoverensstemmelse,
    beregn_ledelsesinfo,
    konsistens,
)
from socialstyring.io.kilder import seed004
from socialstyring.regler import regelbog
from socialstyring.web.register.demo_region import driftsherrenavn
from socialstyring.web.register.models import Rammeaftale, Ydelsesaar
from socialstyring.web.takster.models import Forbrug, Regnskab
from socialstyring.web.takster.views_belaegning import UDEN_MAALGRUPPE
from socialstyring.web.takster.views_resultat import beregn as beregn_resultat

NUL = Decimal(0)
SEED004 = ("midtjylland", 2016, 2017)
"""The agreement and years whose published figures the system has (seed 004)."""


@dataclass(frozen=True)
class Ledelsesinfodata:
    grundlag: Ledelsesinfogrundlag
    tilbud_id: dict[str, int]  # the engine's tilbud key → Tilbud.pk (for links)
    driftsherre_id: dict[str, int]
    advarsler: tuple[str, ...]


def indsaml(aftale: Rammeaftale, forrige: int, aar: int) -> Ledelsesinfodata:
    """The engine's input for `aftale`, `forrige` against `aar`, from the register."""
    aarene = (forrige, aar)
    ydelsesaar = list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene)
        .select_related("ydelse__tilbud__driftsherre", "ydelse__tilbud__maalgruppe")
        .order_by("ydelse__tilbud__driftsherre__navn", "ydelse__tilbud__navn", "ydelse__navn", "aar")
    )
    kvartaler: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for ydelse_id, a, brugte in Forbrug.objects.filter(
        ydelse__tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene
    ).values_list("ydelse_id", "aar", "brugte_dage"):
        kvartaler[(ydelse_id, a)].append(brugte)
    regnskaber = {
        (r.tilbud_id, r.aar): r
        for r in Regnskab.objects.filter(
            tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene
        ).select_related("tilbud__driftsherre__rammeaftale", "tilbud__maalgruppe")
    }

    # An offer's key is its name; a name two operators share gets the operator added.
    tilbud = {ya.ydelse.tilbud for ya in ydelsesaar} | {r.tilbud for r in regnskaber.values()}
    antal: dict[str, int] = defaultdict(int)
    for t in tilbud:
        antal[t.navn] += 1
    navn = {t.pk: t.navn if antal[t.navn] == 1 else f"{t.navn} ({t.driftsherre.navn})" for t in tilbud}

    advarsler: list[str] = []
    uden_kvartaler: dict[int, int] = defaultdict(int)
    raekker: list[motor.Ydelsesaar] = []
    foerste: dict[tuple[int, int], int] = {}  # (tilbud, år) → index of its first row
    omkostninger: dict[tuple[int, int], Decimal] = defaultdict(lambda: NUL)
    med_ydelsesregnskab: set[tuple[int, int]] = set()
    for ya in ydelsesaar:
        t = ya.ydelse.tilbud
        dage = kvartaler.get((ya.ydelse_id, ya.aar), [])
        fuld = len(dage) == 4
        if (ya.pladser or NUL) > 0 and not fuld:
            uden_kvartaler[ya.aar] += 1
        foerste.setdefault((t.pk, ya.aar), len(raekker))
        omkostninger[(t.pk, ya.aar)] += ya.regnskab or NUL
        if ya.regnskab is not None:
            med_ydelsesregnskab.add((t.pk, ya.aar))
        raekker.append(
            motor.Ydelsesaar(
                aar=ya.aar,
                driftsherre=t.driftsherre.navn,
                tilbud=navn[t.pk],
                ydelse=ya.ydelse.navn,
                maalgruppe=t.maalgruppe.navn if t.maalgruppe else UDEN_MAALGRUPPE,
                pladstype=Pladstype(ya.ydelse.pladstype),
                pladser=ya.pladser or NUL,
                aarspladser=ya.faktiske_aarspladser,
                brugte_dage=sum(dage, NUL) if ya.faktiske_aarspladser is None and fuld else None,
                omkostninger=ya.regnskab or NUL,
                budgetteret_belaegning_pct=ya.budgetteret_belaegning_pct,
                kvartalsdage=sum(dage, NUL) if fuld else None,
            )
        )
    for (tilbud_pk, a), r in sorted(regnskaber.items(), key=lambda x: (navn[x[0][0]], x[0][1])):
        resultat = beregn_resultat(r).resultat
        regnskabets = (tilbud_pk, a) not in med_ydelsesregnskab  # costs only in the accounts
        if not regnskabets and r.omkostninger != omkostninger[(tilbud_pk, a)]:
            advarsler.append(
                f"{navn[tilbud_pk]} {a}: regnskabets omkostninger ({r.omkostninger} kr.) er ikke summen af "
                f"ydelsernes regnskab ({omkostninger[(tilbud_pk, a)]} kr.); tabel A bruger ydelsernes."
            )
        i = foerste.get((tilbud_pk, a))
        if i is None:
            t = r.tilbud
            raekker.append(
                motor.Ydelsesaar(
                    aar=a,
                    driftsherre=t.driftsherre.navn,
                    tilbud=navn[t.pk],
                    maalgruppe=t.maalgruppe.navn if t.maalgruppe else UDEN_MAALGRUPPE,
                    pladstype=Pladstype.DOEGN,
                    omkostninger=r.omkostninger,
                    resultat=resultat,
                    tillaeg=r.tillaegsindtaegter,
                )
            )
        else:
            opdater = {"resultat": resultat, "tillaeg": r.tillaegsindtaegter}
            if regnskabets:
                opdater["omkostninger"] = r.omkostninger
            raekker[i] = raekker[i].model_copy(update=opdater)
    for a, n in sorted(uden_kvartaler.items()):
        advarsler.append(
            f"{n} ydelser har ikke indberettet brugte dage for alle fire kvartaler {a}; i "
            "belægningsoversigten (tabel D) og afvigelsesflaget tæller de med regnskabets årspladser, "
            "hvis der er nogen."
        )
    return Ledelsesinfodata(
        grundlag=Ledelsesinfogrundlag(
            region=aftale.kode, forrige_aar=forrige, aar=aar, raekker=tuple(raekker)
        ),
        tilbud_id={v: k for k, v in navn.items()},
        driftsherre_id={t.driftsherre.navn: t.driftsherre_id for t in tilbud},
        advarsler=tuple(advarsler),
    )


def beregn(aftale: Rammeaftale, forrige: int, aar: int) -> tuple[Ledelsesinfo, Ledelsesinfodata]:
    """Tables A–E for the agreement (ValueError or a pydantic ValidationError if the data
    cannot be computed)."""
    data = indsaml(aftale, forrige, aar)
    return beregn_ledelsesinfo(data.grundlag, regelbog()), data


def har_seed004(li: Ledelsesinfo) -> bool:
    """Whether seed 004 published figures for this agreement and these years."""
    return (li.region, li.forrige_aar, li.aar) == SEED004


def publicerede(li: Ledelsesinfo) -> dict[Figurnoegle, Decimal | None]:
    """Seed 004's published figures (operators by the register's names), if it has any."""
    return seed004.publicerede_figurer(driftsherrenavn) if har_seed004(li) else {}


def sammenlign_med_seed004(li: Ledelsesinfo) -> list[Uoverensstemmelse]:
    """The published figures against the computed ones and against themselves."""
    return konsistens(publicerede(li), li.figurer)
