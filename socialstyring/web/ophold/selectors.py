"""Stays as pages and other areas read them: the stays a user may see, a stay fetched for the
user (404 outside the agreement), its status, the counts per offer and municipality the
secretariat sees, a service's rate of a year, and a stay as the billing engine's input
(`beregning.afregning.Ophold`, with its add-on services)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from socialstyring.beregning.afregning import Ophold as Afregningsophold
from socialstyring.beregning.afregning import Opsiger as AfregningOpsiger
from socialstyring.beregning.afregning import Pakkeskift as AfregningPakkeskift
from socialstyring.beregning.afregning import Tilbudsart
from socialstyring.beregning.afregning import Tillaeg as AfregningTillaeg
from socialstyring.beregning.afregning.ophold import Opholdsstatus, opholdsstatus
from socialstyring.beregning.frit_valg import Fritvalgsresultat
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.io.cpr import kort_pseudonym
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.ophold.models import PAKKE_SKILLETEGN, Ophold, Opsiger
from socialstyring.web.register import adgang
from socialstyring.web.register.models import (
    Kommune,
    Rammeaftale,
    Rolle,
    Takststruktur,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

_MED_OPHOLDET = (
    "tilbud__driftsherre__rammeaftale",
    "ydelse",
    "handlekommune",
    "betalingskommune",
    "henvist_ydelse__tilbud",
)
"""What the pages show of a stay besides its own fields, fetched with it."""


def synlige_ophold(bruger: Bruger) -> QuerySet[Ophold]:
    """The stays the user sees (`adgang.ser_ophold` as a query)."""
    qs = Ophold.objects.select_related(*_MED_OPHOLDET)
    if adgang.er_superbruger(bruger):
        return qs
    p = adgang.profil(bruger)
    if p is not None and p.rolle == Rolle.KOMMUNE and p.kommune_id is not None:
        return qs.filter(Q(handlekommune_id=p.kommune_id) | Q(betalingskommune_id=p.kommune_id))
    if p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
        return qs.filter(tilbud__driftsherre_id=p.driftsherre_id)
    return qs.none()


def hent_ophold(bruger: Bruger, ophold_id: int) -> Ophold:
    """The stay if it is in one of the user's agreements; 404 otherwise (whether the user may
    see it is the view's `kraev`)."""
    o = (
        Ophold.objects.select_related(*_MED_OPHOLDET)
        .filter(pk=ophold_id, tilbud__driftsherre__rammeaftale__in=adgang.synlige_rammeaftaler(bruger))
        .first()
    )
    if o is None:
        raise Http404("Opholdet findes ikke.")
    return o


def status(o: Ophold, dag: date) -> Opholdsstatus:
    """The stay's status on `dag` (the engine's rule, by its dates)."""
    return opholdsstatus(o.start, o.opsagt, o.slut, dag)


def aktuelle(qs: QuerySet[Ophold], dag: date) -> QuerySet[Ophold]:
    return qs.filter(start__lte=dag).filter(Q(slut__isnull=True) | Q(slut__gte=dag))


def borgervisning(o: Ophold) -> str:
    """The citizen as pages show it: 'Borger KFHA-MPBC' (never a CPR number)."""
    return borgervisning_af(o.borger)


def borgervisning_af(pseudonym: str) -> str:
    """A stay citizen's pseudonym as pages show it: 'Borger KFHA-MPBC'."""
    return f"Borger {kort_pseudonym(pseudonym)}"


@dataclass(frozen=True)
class Optaelling:
    """The secretariat's counts: current stays per offer and per paying municipality."""

    dag: date
    i_alt: int
    pr_tilbud: list[tuple[Tilbud, int]]
    pr_kommune: list[tuple[str, int]]


def optaelling(rammeaftale: Rammeaftale, dag: date) -> Optaelling:
    qs = aktuelle(Ophold.objects.filter(tilbud__driftsherre__rammeaftale=rammeaftale), dag)
    pr_tilbud = Counter(qs.values_list("tilbud_id", flat=True))
    pr_kommune = Counter(qs.values_list("betalingskommune__navn", flat=True))
    tilbud = {t.pk: t for t in Tilbud.objects.filter(pk__in=pr_tilbud).select_related("driftsherre")}
    return Optaelling(
        dag,
        sum(pr_tilbud.values()),
        sorted(((tilbud[k], n) for k, n in pr_tilbud.items()), key=lambda x: x[0].navn),
        sorted(pr_kommune.items()),
    )


def takster(ydelser: list[Ydelse], aar: int) -> dict[int, Decimal | None]:
    """The services' daily rates of the year in the register, by id (missing: no year)."""
    return dict(Ydelsesaar.objects.filter(ydelse__in=ydelser, aar=aar).values_list("ydelse_id", "takst"))


def pakke(ydelse: Ydelse) -> tuple[str, str | None]:
    """(service, package) of a register service: "Botilbud – Pakke 2" of an offer with packages
    is ("Botilbud", "Pakke 2"); any other service is (its name, None)."""
    if ydelse.tilbud.takststruktur == Takststruktur.PAKKER and PAKKE_SKILLETEGN in ydelse.navn:
        grund, _, p = ydelse.navn.partition(PAKKE_SKILLETEGN)
        return grund, p
    return ydelse.navn, None


def pakker_af(ydelse: Ydelse) -> list[Ydelse]:
    """The packages a stay in `ydelse` may change to: the other packages of its service."""
    grund, p = pakke(ydelse)
    if p is None:
        return []
    return [
        y
        for y in Ydelse.objects.filter(tilbud_id=ydelse.tilbud_id, navn__startswith=grund + PAKKE_SKILLETEGN)
        if y.pk != ydelse.pk
    ]


def fritvalgsresultat(o: Ophold) -> Fritvalgsresultat | None:
    """The free-choice check stored with the stay, read through the engine's model."""
    if not o.frit_valg or "resultat" not in o.frit_valg:
        return None
    return Fritvalgsresultat.model_validate(o.frit_valg["resultat"])


def tillaeg_af(
    o: Ophold, advarsler: list[str] | None = None, periode: tuple[date, date] | None = None
) -> tuple[AfregningTillaeg, ...]:
    """The stay's add-ons as the billing engine's (`o.tillaeg.all()`: a prefetch serves it).
    An hourly add-on's price is the register's rate of its service in the year it was
    delivered (`takst`); one without a rate is left out, with a Danish warning in `advarsler`.
    With `periode` (fra, til), an hourly add-on delivered outside it is left out unlooked-up:
    the engine bills it only in the period it was delivered."""
    ud: list[AfregningTillaeg] = []
    for t in o.tillaeg.all():
        if t.ydelse is None:
            ud.append(AfregningTillaeg(navn=t.navn or "Tillæg", fra=t.fra, til=t.til, pr_dag=t.pr_dag))
            continue
        if periode is not None and not periode[0] <= t.fra <= periode[1]:
            continue
        timepris = takster([t.ydelse], t.fra.year).get(t.ydelse.pk)
        if timepris is None:
            if advarsler is not None:
                advarsler.append(
                    f"Tillægget {t.ydelse.navn} den {dansk_dato(t.fra)} til {borgervisning(o)} i "
                    f"{o.tilbud.navn} er ikke med: registeret har ingen takst for tillægsydelsen "
                    f"i {t.fra.year}."
                )
            continue
        ud.append(AfregningTillaeg(navn=t.ydelse.navn, fra=t.fra, timer=t.timer, timepris=timepris))
    return tuple(ud)


def som_afregningsophold(
    o: Ophold, advarsler: list[str] | None = None, periode: tuple[date, date] | None = None
) -> Afregningsophold:
    """The stay as the billing engine's input: the pseudonym as the citizen, the municipalities'
    codes, the service and package by name, the package changes, the day a new citizen takes
    the place, the add-ons (`tillaeg_af`, which warns in `advarsler` of one left out); notice
    given by the offer counts as a closure (`Opsiger.LUKNING`), by either municipality as the
    acting one's."""
    grund, p = pakke(o.ydelse)
    lovgrundlag = o.tilbud.paragraf if o.tilbud.paragraf.startswith("SEL §") else "SEL § 104"
    return Afregningsophold(
        id=f"ophold-{o.pk}",
        borger=o.borger,
        handlekommune=f"{o.handlekommune.kode:03d}",
        betalingskommune=f"{o.betalingskommune.kode:03d}",
        driftsherre=o.tilbud.driftsherre.navn,
        tilbud=o.tilbud.navn,
        ydelse=grund,
        pakke=p,
        lovgrundlag=lovgrundlag,
        tilbudsart=Tilbudsart.af_paragraf(o.tilbud.paragraf),
        start=o.start,
        opsagt=o.opsagt,
        opsagt_af=AfregningOpsiger.LUKNING
        if o.opsagt_af == Opsiger.TILBUD
        else AfregningOpsiger.HANDLEKOMMUNE,
        slut=o.slut,
        ny_borger_fra=o.ny_borger_fra,
        indskrivning_pct=o.indskrivning_pct,
        pakkeskift=tuple(
            AfregningPakkeskift(varslet=s.varslet, pakke=pakke(s.ydelse)[1] or s.ydelse.navn)
            for s in o.pakkeskift.all()
        ),
        tillaeg=tillaeg_af(o, advarsler, periode),
    )


def betalte_ophold(kommune: Kommune | None, fra: date, til: date) -> QuerySet[Ophold]:
    """The stays `kommune` (None: any municipality) pays for that begin by `til` and have not ended
    before `fra`, ready for the billing engine (offer, operator, service, package changes and
    add-ons fetched at once)."""
    return (
        Ophold.objects.filter(start__lte=til, **({} if kommune is None else {"betalingskommune": kommune}))
        .filter(Q(slut__isnull=True) | Q(slut__gte=fra))
        .select_related(
            "tilbud__driftsherre__rammeaftale", "ydelse__tilbud", "handlekommune", "betalingskommune"
        )
        .prefetch_related("pakkeskift__ydelse__tilbud", "tillaeg__ydelse")
        .order_by("tilbud__driftsherre__navn", "tilbud__navn", "start", "pk")
    )


def betalingskommunens_borgere(kommune: Kommune) -> list[tuple[str, str, date]]:
    """The citizens of the stays `kommune` pays for: (pseudonym, 'Borger KFHA-MPBC', birth
    date), ordered by the shown key."""
    ud: dict[str, tuple[str, str, date]] = {}
    for p, f in Ophold.objects.filter(betalingskommune=kommune).values_list("borger", "foedselsdato"):
        ud.setdefault(p, (p, borgervisning_af(p), f))
    return sorted(ud.values(), key=lambda x: x[1])


def betalte_aar(kommune: Kommune) -> set[int]:
    """The years `kommune` pays for a stay in a service that has a rate in the register that
    year (the years its stays can be billed)."""
    satser: dict[int, set[int]] = {}
    ydelsesaar = Ydelsesaar.objects.filter(ydelse__ophold__betalingskommune=kommune, takst__isnull=False)
    for y, a in ydelsesaar.values_list("ydelse_id", "aar").order_by().distinct():
        satser.setdefault(y, set()).add(a)
    ud: set[int] = set()
    for start, slut, y in Ophold.objects.filter(betalingskommune=kommune).values_list(
        "start", "slut", "ydelse_id"
    ):
        ud |= {a for a in satser.get(y, ()) if start.year <= a and (slut is None or a <= slut.year)}
    return ud
