"""Database → the benchmark engine's input (`Benchmarkgrundlag`): the area's functions and age
group from the rulebook, each municipality's net operating expenditure on them (REGK31) and its
inhabitants of the age group (FOLK1A). Only municipalities with both count; the national average
is over them, and the page says how many there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from socialstyring.beregning.benchmark import OMRAADER, Benchmarkgrundlag, Kommunetal
from socialstyring.beregning.enhedspriser import Enhedsprisgrundlag, Prisydelse
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.web.befolkning import selectors as befolkning
from socialstyring.web.benchmark.models import Regnskabstal
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.katalog import selectors as katalog
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Driftsherre, Katalog, Kommune, Rammeaftale, Takstenhed

OMRAADENAVNE = {"voksne": "Voksne med særlige behov", "boern": "Børn og unge med særlige behov"}
assert set(OMRAADENAVNE) == set(OMRAADER)


def aarene() -> list[int]:
    """The years with imported accounts."""
    return aar_med_data(Regnskabstal.objects.all())


def kommuner_med_regnskab(aar: int) -> set[int]:
    """The municipalities (ids) with accounts in `aar`."""
    return set(
        Regnskabstal.objects.filter(aar=aar).values_list("kommune_id", flat=True).order_by().distinct()
    )


@dataclass(frozen=True)
class Omraadedefinition:
    funktioner: tuple[str, ...]  # "5.38": every function whose number begins so
    aldersgruppe: str


def definition(omraade: str, aar: int) -> Omraadedefinition:
    regler = Regler(gaeldende_regelbog(), "national", date(aar, 1, 1))
    funktioner, _ = regler.tekst(f"benchmark.{omraade}_funktioner")
    gruppe, _ = regler.tekst(f"benchmark.{omraade}_aldersgruppe")
    return Omraadedefinition(tuple(f.strip() for f in funktioner.split(",") if f.strip()), gruppe)


def udgifter(d: Omraadedefinition, aar: int) -> dict[int, Decimal]:
    """Net operating expenditure on the area's functions per municipality (id) in `aar`."""
    paa_funktionerne = Q()
    for f in d.funktioner:
        paa_funktionerne |= Q(funktion=f) | Q(funktion__startswith=f + ".")
    return {
        k: Decimal(s)
        for k, s in Regnskabstal.objects.filter(paa_funktionerne, aar=aar)
        .values_list("kommune")
        .annotate(Sum("beloeb"))
        .values_list("kommune", "beloeb__sum")
    }


@dataclass(frozen=True)
class Grundlag:
    """The engine's input, or why there is none (`mangler`), and how many municipalities count."""

    grundlag: Benchmarkgrundlag | None
    definition: Omraadedefinition
    antal_med_tal: int
    mangler: str = ""


def grundlag(omraade: str, aar: int, kommune: Kommune, sammenlign: list[Kommune]) -> Grundlag:
    d = definition(omraade, aar)
    udgift = udgifter(d, aar)
    kommuner = list(Kommune.objects.filter(pk__in=udgift).order_by("navn"))
    indbyggere = befolkning.indbyggere(kommuner, aar, d.aldersgruppe)
    med_tal = [k for k in kommuner if k.navn in indbyggere and indbyggere[k.navn] > 0]
    if kommune.pk not in udgift:
        return Grundlag(None, d, len(med_tal), f"{kommune.navn} har intet regnskab for {aar} på funktion "
                        f"{', '.join(d.funktioner)} (Danmarks Statistik, REGK31).")  # fmt: skip
    if kommune not in med_tal:
        return Grundlag(None, d, len(med_tal), f"Antallet af {d.aldersgruppe}-årige i {kommune.navn} i {aar} "
                        "mangler (Danmarks Statistik, FOLK1A).")  # fmt: skip
    return Grundlag(
        Benchmarkgrundlag(
            aar=aar,
            omraade=omraade,
            kommune=kommune.navn,
            kommuner=tuple(
                Kommunetal(kommune=k.navn, indbyggere=indbyggere[k.navn], udgift=udgift[k.pk])
                for k in med_tal
            ),
            sammenligningskommuner=tuple(k.navn for k in sammenlign if k in med_tal and k != kommune),
        ),
        d,
        len(med_tal),
    )


def katalogaar(aftale: Rammeaftale) -> list[int]:
    """The years with a published catalogue: the unit costs are the published rates."""
    return katalog.katalogaar(aftale)


def prisgrundlag(aftale: Rammeaftale, aar: int, egen: Kommune | None) -> Enhedsprisgrundlag | None:
    """The services of the year's latest published catalogue as the engine's input; the offers
    of `egen`'s operators are internal. None when nothing is published for the year."""
    k = Katalog.objects.filter(rammeaftale=aftale, aar=aar).order_by("-version").first()
    if k is None:
        return None
    v = katalog.visning(k)
    egne = set(Driftsherre.objects.filter(kommune=egen).values_list("navn", flat=True)) if egen else set()
    enhed = {str(label): str(vaerdi) for vaerdi, label in Takstenhed.choices}
    return Enhedsprisgrundlag(
        region=aftale.kode,
        aar=aar,
        egen=egen.navn if egen else "",
        ydelser=tuple(
            Prisydelse(
                tilbud=t.navn,
                ydelse=y.navn,
                driftsherre=t.driftsherre,
                maalgruppe=t.maalgruppe,
                paragraf=t.paragraf,
                takstenhed=enhed[y.takstenhed],
                takst=y.takst,
                pladser=y.pladser,
                intern=t.driftsherre in egne,
            )
            for t in v.tilbud
            for y in t.ydelser
        ),
    )
