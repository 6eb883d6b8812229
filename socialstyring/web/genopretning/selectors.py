"""Database → the engine's input (`Genopretningsgrundlag`) and the pages' data; and the
initiatives' expected effect for other areas (`initiativernes_effekt`, the expenditure forecast)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from socialstyring.beregning.genopretning import (
    KVARTALER,
    Aarsbeloeb,
    Genopretningsgrundlag,
    Genopretningsresultat,
    Initiativstatus,
    beregn_genopretning,
)
from socialstyring.beregning.genopretning import (
    Effekt as Effektind,
)
from socialstyring.beregning.genopretning import (
    Initiativ as Initiativind,
)
from socialstyring.beregning.genopretning import (
    Realiseret as Realiseretind,
)
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.samtidighed import version_af
from socialstyring.web.genopretning.forms import Celle
from socialstyring.web.genopretning.models import Effekt, Initiativ, Maal, Plan, Realiseret, Ufordelt
from socialstyring.web.register.adgang import brugerens_kommune_id, er_superbruger
from socialstyring.web.register.models import Kommune

ENHED = "1.000 kr."
TUSIND = Decimal(1000)


def synlige(bruger: Bruger) -> QuerySet[Plan]:
    """The plans of the user's municipality (a superuser: every plan)."""
    qs = Plan.objects.select_related("kommune").order_by("navn")
    if er_superbruger(bruger):
        return qs
    kommune_id = brugerens_kommune_id(bruger)
    return qs.filter(kommune_id=kommune_id) if kommune_id is not None else qs.none()


def aarene(plan: Plan) -> list[int]:
    return list(plan.maal.order_by("aar").values_list("aar", flat=True))


def naeste_aar(plan: Plan) -> int:
    """The year a new year of the plan is: the one after its last."""
    aar = aarene(plan)
    return aar[-1] + 1 if aar else timezone.localdate().year


def initiativer(plan: Plan) -> list[Initiativ]:
    return list(plan.initiativer.order_by("pk").prefetch_related("effekter", "realiseret"))


def grundlag(plan: Plan) -> Genopretningsgrundlag:
    """The stored plan as the engine's validated input (ValidationError if it does not fit)."""
    return Genopretningsgrundlag(
        navn=plan.navn,
        enhed=ENHED,
        maal=tuple(Aarsbeloeb(aar=m.aar, beloeb=m.beloeb) for m in plan.maal.order_by("aar")),
        initiativer=tuple(
            Initiativind(
                navn=i.navn,
                ansvarlig=i.ansvarlig,
                status=Initiativstatus(i.status),
                effekter=tuple(Effektind(aar=e.aar, forventet=e.forventet) for e in i.effekter.all()),
                realiseret=tuple(
                    Realiseretind(aar=r.aar, kvartal=r.kvartal, beloeb=r.beloeb) for r in i.realiseret.all()
                ),
            )
            for i in initiativer(plan)
        ),
        ufordelt=tuple(Aarsbeloeb(aar=u.aar, beloeb=u.beloeb) for u in plan.ufordelt.order_by("aar")),
        overfoer_manko=plan.overfoer_manko,
    )


def beregn(plan: Plan) -> Genopretningsresultat:
    """The plan's calculation (ValueError, incl. pydantic's, if the figures do not fit)."""
    return beregn_genopretning(grundlag(plan))


def initiativernes_effekt(kommune: Kommune, aar: int) -> dict[int, Decimal]:
    """The expected effect of the initiatives of every plan of `kommune`, per year from `aar`
    on, in kroner (negative: a saving): the sum of the initiatives' expected effects (the plans
    hold 1.000 kr.; × 1.000). The unallocated line and realised figures are not included."""
    ud: dict[int, Decimal] = {}
    for e in Effekt.objects.filter(initiativ__plan__kommune=kommune, aar__gte=aar).order_by("aar"):
        ud[e.aar] = ud.get(e.aar, Decimal(0)) + e.forventet * TUSIND
    return ud


@dataclass(frozen=True)
class Historikraekke:
    tidspunkt: datetime
    hvem: str
    hvad: str
    handling: str
    gendan: int | None = None  # a deleted initiative's deletion (history id), while it can be restored


HANDLING = {"+": "oprettet", "~": "ændret", "-": "slettet"}


def historik(plan: Plan) -> list[Historikraekke]:
    """Every saved version of the plan and its figures, newest first, with who saved it."""
    initiativ_ids = set(Initiativ.history.filter(plan_id=plan.pk).values_list("id", flat=True))
    poster = [
        *Plan.history.filter(id=plan.pk),
        *Maal.history.filter(plan_id=plan.pk),
        *Ufordelt.history.filter(plan_id=plan.pk),
        *Initiativ.history.filter(plan_id=plan.pk),
        *Effekt.history.filter(initiativ_id__in=initiativ_ids),
        *Realiseret.history.filter(initiativ_id__in=initiativ_ids),
    ]
    navne = dict(Initiativ.history.filter(plan_id=plan.pk).order_by("history_date").values_list("id", "navn"))
    findes = set(plan.initiativer.values_list("id", flat=True))
    seneste = dict(
        Initiativ.history.filter(plan_id=plan.pk)
        .order_by("history_date", "history_id")
        .values_list("id", "history_id")
    )
    ud = []
    for h in poster:
        u = h.history_user
        slettet = (
            isinstance(h.instance, Initiativ)
            and h.history_type == "-"
            and h.id not in findes
            and seneste.get(h.id) == h.history_id
        )
        ud.append(
            Historikraekke(
                h.history_date,
                (u.get_full_name() or u.get_username()) if u else "",
                _hvad(h.instance, navne),
                HANDLING.get(h.history_type, h.history_type),
                h.history_id if slettet else None,
            )
        )
    return sorted(ud, key=lambda r: r.tidspunkt, reverse=True)


def _hvad(m: object, navne: dict[int, str]) -> str:
    """A saved version in words (the initiative by its name as last saved)."""
    if isinstance(m, Realiseret):
        return f"{navne.get(m.initiativ_id, '')}: realiseret effekt {m.kvartal}. kvartal {m.aar}"
    if isinstance(m, Effekt):
        return f"{navne.get(m.initiativ_id, '')}: forventet effekt {m.aar}"
    if isinstance(m, (Maal, Ufordelt)):
        return str(m)
    if isinstance(m, Initiativ):
        return f"Initiativ: {m.navn}"
    assert isinstance(m, Plan)
    return f"Planen: {m.navn}"


# --- the forms' cells (`forms.Celle`): each figure its record, version and label ----------


def plan_celler(plan: Plan) -> list[Celle]:
    """Each year's reduction target (required, ≤ 0) and unallocated effect (empty: none)."""
    maal = {m.aar: m for m in plan.maal.all()}
    ufordelt = {u.aar: u for u in plan.ufordelt.all()}
    celler = []
    for aar in sorted(maal):
        m, u = maal[aar], ufordelt.get(aar)
        celler.append(
            Celle(f"maal_{aar}", f"Reduktionsmål {aar}", Maal, {"plan_id": plan.pk, "aar": aar}, "beloeb",
                  m.beloeb, m.version, paakraevet=True, maks=0, raekke="Reduktionsmål", kolonne=str(aar))
        )  # fmt: skip
        celler.append(
            Celle(f"ufordelt_{aar}", f"Forventet, men p.t. ufordelt {aar}", Ufordelt,
                  {"plan_id": plan.pk, "aar": aar}, "beloeb", u.beloeb if u else None, version_af(u),
                  raekke="Forventet, men p.t. ufordelt", kolonne=str(aar))
        )  # fmt: skip
    return celler


def initiativ_celler(plan: Plan, initiativ: Initiativ | None) -> list[Celle]:
    """The initiative's expected effect in each year of the plan (empty: none). A new
    initiative's cells get its id when it is saved."""
    effekter = {e.aar: e for e in initiativ.effekter.all()} if initiativ is not None else {}
    navn = initiativ.navn if initiativ is not None else "Initiativet"
    celler = []
    for aar in aarene(plan):
        e = effekter.get(aar)
        noegle = {"aar": aar} if initiativ is None else {"initiativ_id": initiativ.pk, "aar": aar}
        celler.append(
            Celle(f"effekt_{aar}", f"{navn}: forventet effekt {aar}", Effekt, noegle, "forventet",
                  e.forventet if e else None, version_af(e), raekke="Forventet effekt", kolonne=str(aar))
        )  # fmt: skip
    return celler


def realiseret_celler(plan: Plan, aar: int) -> list[Celle]:
    """Each initiative's realised effect in each quarter of `aar` (empty: not realised yet)."""
    celler = []
    for i in initiativer(plan):
        real = {r.kvartal: r for r in i.realiseret.all() if r.aar == aar}
        for kv in KVARTALER:
            r = real.get(kv)
            celler.append(
                Celle(f"realiseret_{i.pk}_{kv}", f"{i.navn}: realiseret {kv}. kvartal {aar}", Realiseret,
                      {"initiativ_id": i.pk, "aar": aar, "kvartal": kv}, "beloeb", r.beloeb if r else None,
                      version_af(r), raekke=i.navn, kolonne=f"{kv}. kvt.")
            )  # fmt: skip
    return celler
