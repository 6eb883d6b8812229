"""Database → the engine's input (`beregning.refusion.Refusionsgrundlag`) and the pages' data.

**The seam** is `maanedernes_udgifter`: it gathers a municipality's citizens with their costs
month by month up to a month of a year. A month's cost is what the municipality is billed for
the citizen's stays (`afregning.selectors.betalingskommunens_udgifter`: the statements sent,
else the amount the billing engine computes from the stays) plus what is entered for the
citizen (`Refusionsmaaned`, `Engangsudgift`: help bought outside the agreement, income,
objective financing). A citizen of the stays is matched to an entered citizen by the stays'
pseudonym (`Refusionsborger.pseudonym`); one not entered counts with its billed costs alone,
by its shown key ('Borger KFHA-MPBC') and its scheme by age (`ordning_efter_alder`). Every
page, claim and forecast reads its costs here.

What was claimed before (`tidligere_anmeldt`) is, per earlier quarter, the claim of its
latest submitted version.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.http import Http404

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.refusion import (
    Borger,
    Maanedsudgift,
    Ordning,
    Refusionsgrundlag,
    Refusionsopgoerelse,
    beregn_refusion,
)
from socialstyring.beregning.refusion import (
    Engangsudgift as EngineEngangsudgift,
)
from socialstyring.beregning.refusion.graenser import (
    aldersgraense,
    fra_maaned_nr,
    maaned_nr,
    ordning_efter_alder,
)
from socialstyring.regler import LAG, Regelbog
from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.ophold import selectors as ophold
from socialstyring.web.refusion.gemt import Gemtkrav
from socialstyring.web.refusion.models import Engangsudgift, Refusionsborger, Refusionskrav, Refusionsmaaned
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import synlige_rammeaftaler
from socialstyring.web.register.models import Kommune, Rammeaftale


class IngenSager(ValueError):
    """The municipality has no costs entered for the year (nothing to compute)."""


def region(kommune: Kommune) -> str:
    """The rulebook layer the municipality's calculations use: its agreement's."""
    kode = kommune.rammeaftale.kode
    return kode if kode in LAG else "national"


def hent_kommune(bruger: Bruger, kommune_id: int) -> Kommune:
    """The municipality if it belongs to one of the user's agreements; 404 otherwise."""
    k = (
        Kommune.objects.select_related("rammeaftale")
        .filter(pk=kommune_id, rammeaftale__in=synlige_rammeaftaler(bruger))
        .first()
    )
    if k is None:
        raise Http404("Kommunen findes ikke.")
    return k


def hent_krav(krav_id: int) -> Refusionskrav:
    """A submitted claim (404 when there is none; whether the user may see it is its
    municipality's: the caller asks)."""
    krav = (
        Refusionskrav.objects.select_related("kommune__rammeaftale", "indsendt_af").filter(pk=krav_id).first()
    )
    if krav is None:
        raise Http404("Kravet findes ikke.")
    return krav


# --- years -----------------------------------------------------------------------------------


def kommunens_aar(kommune: Kommune) -> list[int]:
    """The years with costs or claims for the municipality, ascending."""
    return aar_med_data(
        Refusionsmaaned.objects.filter(borger__kommune=kommune),
        Engangsudgift.objects.filter(borger__kommune=kommune),
        Refusionskrav.objects.filter(kommune=kommune),
        [a for a in ophold.betalte_aar(kommune) if a <= date.today().year],
    )


def standardaar(kommune: Kommune) -> int:
    """The year a municipality's pages open on: its latest year with data, else this year."""
    aarene = kommunens_aar(kommune)
    return aarene[-1] if aarene else date.today().year


def aftalens_aar(aftale: Rammeaftale) -> list[int]:
    return aar_med_data(Refusionskrav.objects.filter(kommune__rammeaftale=aftale))


def standardaar_aftale(aftale: Rammeaftale) -> int:
    aarene = aftalens_aar(aftale)
    return aarene[-1] if aarene else date.today().year


def sidste_maaned_med_udgift(kommune: Kommune, aar: int) -> int | None:
    """The last month of `aar` with a cost entered or billed for the stays (None: none)."""
    m = Refusionsmaaned.objects.filter(borger__kommune=kommune, aar=aar).aggregate(m=Max("maaned"))["m"]
    if m is None and Engangsudgift.objects.filter(borger__kommune=kommune, aar=aar).exists():
        m = 1
    stays = afregning.afregnede_maaneder(kommune, aar)
    if stays and (m is None or stays > m):
        m = stays
    return int(m) if m is not None else None


# --- the engine's input ------------------------------------------------------------------------


def _netto_uden_engang(m: Refusionsmaaned) -> Decimal:
    return m.brutto - m.indtaegter - m.objektivt_finansieret


def _maaneder(
    indtastede: list[Refusionsmaaned], afregnet: afregning.Borgerudgift | None
) -> tuple[Maanedsudgift, ...]:
    """A citizen's months: the billed cost (with where it comes from) plus the entered costs."""
    pr_maaned = {m.maaned: m for m in indtastede}
    billed = afregnet.maaneder if afregnet is not None else {}
    return tuple(
        Maanedsudgift.samlet(
            n,
            (m.brutto, m.indtaegter, m.objektivt_finansieret) if (m := pr_maaned.get(n)) else None,
            (billed[n], afregnet.kilde(n)) if afregnet is not None and n in billed else None,
        )
        for n in sorted({*pr_maaned, *billed})
    )


def maanedernes_udgifter(
    kommune: Kommune, aar: int, til_maaned: int, afregnet: afregning.Betalingsudgifter | None = None
) -> list[Borger]:
    """THE SEAM (see the module): the municipality's citizens with costs in `aar`, each with
    its months 1 … `til_maaned` and the year's one-off costs, as the engine's `Borger`.

    For a citizen who turns 67 by `til_maaned` and whose last month before lies in the year
    before, that month's net cost (without one-off shares) is taken from its costs that month;
    when there are none the engine says which month it needs."""
    maaneder: dict[int, list[Refusionsmaaned]] = defaultdict(list)
    for m in Refusionsmaaned.objects.filter(
        borger__kommune=kommune, aar=aar, maaned__lte=til_maaned
    ).order_by("maaned"):
        maaneder[m.borger_id].append(m)
    engang: dict[int, list[Engangsudgift]] = defaultdict(list)
    for e in Engangsudgift.objects.filter(borger__kommune=kommune, aar=aar).order_by("pk"):
        engang[e.borger_id].append(e)
    if afregnet is None:
        afregnet = afregning.betalt_for_borgerne(kommune, aar, til_maaned)
    billed = afregnet.borgere
    indtastede = Refusionsborger.objects.filter(kommune=kommune).filter(
        Q(pk__in={*maaneder, *engang}) | Q(pseudonym__in=list(billed))
    )
    bog = gaeldende_regelbog()
    forrige: dict[int, afregning.Betalingsudgifter] = {}
    ud = []
    koblede: set[str] = set()
    for b in indtastede.order_by("noegle"):
        a = billed.get(b.pseudonym) if b.pseudonym else None
        if a is not None:
            koblede.add(b.pseudonym)
        ud.append(
            Borger(
                noegle=b.noegle,
                foedselsdato=b.foedselsdato,
                ordning=Ordning(b.ordning),
                husstand=b.husstand or None,
                maaneder=_maaneder(maaneder.get(b.pk, []), a),
                ophoerer=a.ophoerer if a is not None and not maaneder.get(b.pk) else None,
                engangsudgifter=tuple(
                    EngineEngangsudgift(navn=e.navn, beloeb=e.beloeb, aar=e.aar) for e in engang.get(b.pk, [])
                ),
                udgift_sidste_maaned_foer_67=_udgift_foer_67(
                    b.noegle, b.foedselsdato, kommune, aar, til_maaned, bog, b, b.pseudonym, forrige
                ),
            )
        )
    brugte = {slug(b.noegle) for b in ud}
    for p, a in billed.items():
        if p in koblede:
            continue
        noegle = a.visning if slug(a.visning) not in brugte else f"{a.visning} (ophold)"
        ordning, _ = ordning_efter_alder(a.foedselsdato, bog, region(kommune), date(aar, 1, 1))
        ud.append(
            Borger(
                noegle=noegle,
                foedselsdato=a.foedselsdato,
                ordning=ordning,
                maaneder=_maaneder([], a),
                ophoerer=a.ophoerer,
                udgift_sidste_maaned_foer_67=_udgift_foer_67(
                    noegle, a.foedselsdato, kommune, aar, til_maaned, bog, None, p, forrige
                ),
            )
        )
    return ud


def _udgift_foer_67(
    noegle: str,
    foedselsdato: date,
    kommune: Kommune,
    aar: int,
    til_maaned: int,
    bog: Regelbog,
    b: Refusionsborger | None,
    pseudonym: str,
    forrige: dict[int, afregning.Betalingsudgifter],
) -> Decimal | None:
    """The net cost of the last month before the age limit when that month is in an earlier
    year (entered, or billed for the citizen's stays); None when it is not needed (the engine
    asks for it only when it needs it). `forrige` keeps the earlier years' billed costs."""
    try:
        ag = aldersgraense(foedselsdato, bog, region(kommune), date(aar, til_maaned, 1))
    except (KeyError, ValueError):
        return None
    if maaned_nr(aar, til_maaned) < ag.foerste_maaned_over or not ag.fortsaetter:
        return None
    t_aar, t_maaned = fra_maaned_nr(ag.testmaaned)
    if t_aar >= aar:
        return None
    m = Refusionsmaaned.objects.filter(borger=b, aar=t_aar, maaned=t_maaned).first() if b else None
    billed: Decimal | None = None
    if pseudonym:
        if t_aar not in forrige:
            forrige[t_aar] = afregning.betalt_for_borgerne(kommune, t_aar, 12)
        a = forrige[t_aar].borgere.get(pseudonym)
        billed = a.maaneder.get(t_maaned) if a is not None else None
    if m is None and billed is None:
        raise IngenSager(
            f"Borger {noegle} fylder {ag.alder} år den {ag.dag.day}.{ag.dag.month}.{ag.dag.year}. "
            f"Indtast udgiften for {MAANEDER[t_maaned - 1]} {t_aar}, så det kan afgøres, om borgeren "
            "fortsat er omfattet"
        )
    return max(NUL, (_netto_uden_engang(m) if m else NUL) + (billed or NUL))


def seneste_krav(kommune: Kommune, aar: int) -> dict[int, Refusionskrav]:
    """The latest submitted version of each quarter's claim of the year."""
    ud: dict[int, Refusionskrav] = {}
    for k in Refusionskrav.objects.filter(kommune=kommune, aar=aar).order_by("kvartal", "nummer"):
        ud[k.kvartal] = k
    return ud


def tidligere_anmeldt(kommune: Kommune, aar: int, kvartal: int) -> dict[int, Decimal]:
    """What was claimed for each quarter before `kvartal` (its latest version)."""
    return {k: krav.krav for k, krav in seneste_krav(kommune, aar).items() if k < kvartal}


def grundlag(kommune: Kommune, aar: int, kvartal: int | None = None) -> Refusionsgrundlag:
    """The engine's input for the municipality's claim for `kvartal` of `aar` (None: the
    quarter of the last month with costs). `IngenSager` when there are no costs to compute."""
    if kvartal is None:
        sidste = sidste_maaned_med_udgift(kommune, aar)
        if sidste is None:
            raise IngenSager(f"Der er ingen udgifter for {aar}, hverken indtastet eller afregnet")
        kvartal = (sidste - 1) // 3 + 1
    borgere = maanedernes_udgifter(kommune, aar, 3 * kvartal)
    if not borgere:
        raise IngenSager(
            f"Der er ingen udgifter for {aar} til og med {kvartal}. kvartal, hverken indtastet eller afregnet"
        )
    return Refusionsgrundlag(
        kommune=kommune.navn,
        region=region(kommune),
        aar=aar,
        kvartal=kvartal,
        borgere=tuple(borgere),
        tidligere_anmeldt=tidligere_anmeldt(kommune, aar, kvartal),
    )


def opgoer(
    kommune: Kommune, aar: int, kvartal: int | None = None
) -> tuple[Refusionsgrundlag, Refusionsopgoerelse]:
    """The claim statement as it stands now (the engine on the current costs and rulebook)."""
    g = grundlag(kommune, aar, kvartal)
    return g, beregn_refusion(g, gaeldende_regelbog())


# --- pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Borgerlinje:
    """A citizen of the year: entered (`borger`), of the stays only (`borger` None), or both."""

    noegle: str
    ordning: str  # Ordning's value
    husstand: str
    borger: Refusionsborger | None
    maaneder: int  # months with a cost entered or billed
    afregnet: Decimal  # the year's cost billed for the stays
    brutto: Decimal  # the year's gross cost entered
    netto: Decimal  # billed + gross − income − objectively financed (without one-off costs)
    engang: Decimal  # the year's one-off costs

    @property
    def ordning_tekst(self) -> str:
        return Ordning(self.ordning).label.capitalize()


def borgerlinjer(kommune: Kommune, aar: int) -> tuple[list[Borgerlinje], list[str]]:
    """Every citizen of the municipality with the year's entered and billed costs (up to the
    last month with costs), and the billing's warnings."""
    sidste = sidste_maaned_med_udgift(kommune, aar) or 12
    afregnet = afregning.betalt_for_borgerne(kommune, aar, sidste)
    tal: dict[int, dict[str, Any]] = defaultdict(dict)
    maanedsnumre: dict[int, set[int]] = defaultdict(set)
    for borger_id, maaned in Refusionsmaaned.objects.filter(borger__kommune=kommune, aar=aar).values_list(
        "borger_id", "maaned"
    ):
        maanedsnumre[borger_id].add(maaned)
    for r in (
        Refusionsmaaned.objects.filter(borger__kommune=kommune, aar=aar)
        .values("borger_id")
        .annotate(b=Sum("brutto"), i=Sum("indtaegter"), o=Sum("objektivt_finansieret"))
    ):
        tal[r["borger_id"]] = {"b": r["b"], "fradrag": r["i"] + r["o"]}
    for r in (
        Engangsudgift.objects.filter(borger__kommune=kommune, aar=aar)
        .values("borger_id")
        .annotate(e=Sum("beloeb"))
    ):
        tal[r["borger_id"]]["e"] = r["e"]
    ud = []
    koblede: set[str] = set()
    for b in Refusionsborger.objects.filter(kommune=kommune).order_by("noegle"):
        t = tal.get(b.pk, {})
        a = afregnet.borgere.get(b.pseudonym) if b.pseudonym else None
        if a is not None:
            koblede.add(b.pseudonym)
        billed = sum(a.maaneder.values(), NUL) if a is not None else NUL
        brutto = Decimal(t.get("b", NUL))
        ud.append(
            Borgerlinje(
                b.noegle,
                b.ordning,
                b.husstand,
                b,
                len(maanedsnumre.get(b.pk, set()) | (set(a.maaneder) if a is not None else set())),
                billed,
                brutto,
                billed + brutto - Decimal(t.get("fradrag", NUL)),
                Decimal(t.get("e", NUL)),
            )
        )
    bog = gaeldende_regelbog()
    for p, a in afregnet.borgere.items():
        if p in koblede:
            continue
        ordning, _ = ordning_efter_alder(a.foedselsdato, bog, region(kommune), date(aar, 1, 1))
        billed = sum(a.maaneder.values(), NUL)
        ud.append(Borgerlinje(a.visning, ordning.value, "", None, len(a.maaneder), billed, NUL, billed, NUL))
    return ud, afregnet.advarsler


def borgerens_maaneder(
    borger: Refusionsborger, aar: int
) -> list[tuple[int, str, Refusionsmaaned | None, Decimal | None, Decimal | None, str]]:
    """The year's 12 months of the citizen: number, name, the entered costs (or None), the cost
    billed for the citizen's stays (or None) and where it comes from, and the month's net
    (billed + gross − income − objectively financed)."""
    gemt = {m.maaned: m for m in Refusionsmaaned.objects.filter(borger=borger, aar=aar)}
    a = None
    if borger.pseudonym:
        a = afregning.betalt_for_borgerne(borger.kommune, aar, 12).borgere.get(borger.pseudonym)
    ud = []
    for n in range(1, 13):
        m = gemt.get(n)
        billed = a.maaneder.get(n) if a is not None else None
        netto = None
        if m is not None or billed is not None:
            netto = (billed or NUL) + (_netto_uden_engang(m) if m is not None else NUL)
        ud.append((n, MAANEDER[n - 1], m, billed, netto, a.kilde(n) if a is not None else ""))
    return ud


def borgerens_aar(borger: Refusionsborger) -> list[int]:
    return aar_med_data(
        Refusionsmaaned.objects.filter(borger=borger), Engangsudgift.objects.filter(borger=borger)
    )


def versioner(kommune: Kommune, aar: int, kvartal: int) -> list[Refusionskrav]:
    """The submitted versions of a quarter's claim, oldest first."""
    return list(Refusionskrav.objects.filter(kommune=kommune, aar=aar, kvartal=kvartal).order_by("nummer"))


def laes_krav(krav: Refusionskrav) -> Gemtkrav:
    return Gemtkrav.laes(krav.indhold)


def forrige_version(krav: Refusionskrav) -> Refusionskrav | None:
    return (
        Refusionskrav.objects.filter(
            kommune=krav.kommune_id, aar=krav.aar, kvartal=krav.kvartal, nummer__lt=krav.nummer
        )
        .order_by("-nummer")
        .first()
    )


@dataclass(frozen=True)
class Kommunetotal:
    """A municipality's submitted claims of a year (the secretariat's overview: no citizens)."""

    kommune: Kommune
    kvartaler: dict[int, Decimal]  # quarter → the latest version's claim
    aar_til_dato: Decimal | None  # the latest submitted quarter's year to date
    versioner: int  # versions submitted in all
    sager: int  # citizens with costs entered in the year

    @property
    def kolonner(self) -> list[tuple[int, Decimal | None]]:
        return [(q, self.kvartaler.get(q)) for q in (1, 2, 3, 4)]


def aftalens_totaler(aftale: Rammeaftale, aar: int) -> list[Kommunetotal]:
    """Per municipality of the agreement with a claim or costs in `aar`: its claims' totals."""
    krav: dict[int, list[Refusionskrav]] = defaultdict(list)
    for k in Refusionskrav.objects.filter(kommune__rammeaftale=aftale, aar=aar).order_by("kvartal", "nummer"):
        krav[k.kommune_id].append(k)
    antal: dict[int, int] = dict(
        Refusionsmaaned.objects.filter(borger__kommune__rammeaftale=aftale, aar=aar)
        .values("borger__kommune_id")
        .annotate(n=Count("borger_id", distinct=True))
        .values_list("borger__kommune_id", "n")
    )
    ud = []
    for kommune in Kommune.objects.filter(pk__in={*krav, *antal}).order_by("navn"):
        seneste: dict[int, Refusionskrav] = {}
        for k in krav.get(kommune.pk, []):
            seneste[k.kvartal] = k
        sidste = seneste[max(seneste)] if seneste else None
        ud.append(
            Kommunetotal(
                kommune,
                {q: k.krav for q, k in sorted(seneste.items())},
                sidste.aar_til_dato if sidste else None,
                len(krav.get(kommune.pk, [])),
                antal.get(kommune.pk, 0),
            )
        )
    return ud
