"""Database → the engine's input (`Prognosegrundlag`) and the pages' data: the forecast's central
case and bands, where the initiatives and the reimbursement come from, and the known citizens
the stays give."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund
from socialstyring.beregning.prognose import (
    Aarstal,
    KendtBorger,
    Prognosegrundlag,
    Prognoseresultat,
    Tilgang,
    antal_aar,
    beregn_prognose,
)
from socialstyring.beregning.prognose.simulering import Simuleringsresultat, simuler
from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.prognose.models import Prognose
from socialstyring.web.refusion import selectors as refusion
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import brugerens_kommune_id, er_superbruger
from socialstyring.web.register.models import Kommune


def synlige(bruger: Bruger) -> QuerySet[Prognose]:
    """The forecasts the user may see: its municipality's (a superuser: all)."""
    qs = Prognose.objects.select_related("kommune")
    if er_superbruger(bruger):
        return qs
    return qs.filter(kommune_id=brugerens_kommune_id(bruger) or -1)


def kommunens(kommune: Kommune) -> list[Prognose]:
    return list(Prognose.objects.filter(kommune=kommune).order_by("-basisaar", "navn"))


def region(kommune: Kommune) -> str:
    return refusion.region(kommune)


def aarstal(basisaar: int, kommune: Kommune) -> int:
    """How many years a forecast from `basisaar` covers (the rulebook's `prognose.aar`)."""
    return antal_aar(gaeldende_regelbog(), region(kommune), basisaar)[0]


def _initiativer_fra_plan(kommune: Kommune, basisaar: int) -> dict[int, Decimal]:
    """The recovery plan's initiatives' expected effect per year (negative: a saving), if the
    app and a plan exist; used for a year whose effect is not entered."""
    try:
        from socialstyring.web.genopretning import selectors as genopretning  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return {}
    effekt: dict[int, Decimal] = genopretning.initiativernes_effekt(kommune, basisaar)
    return effekt


def _refusion_fra_opgoerelse(kommune: Kommune, basisaar: int) -> tuple[Decimal, str] | None:
    """Next year's reimbursement by the municipality's reimbursement statement of the base
    year (the latest month's costs continued), if it has costs in that year."""
    try:
        _, opg = refusion.opgoer(kommune, basisaar)
    except (refusion.IngenSager, ValueError, KeyError):
        return None
    return (
        opg.prognose.refusion,
        f"refusionsopgørelsens prognose for {opg.prognose.aar} (seneste måneds udgifter fortsat)",
    )


def grundlag(p: Prognose) -> Prognosegrundlag:
    """The stored forecast as the engine's validated input (ValueError if it does not fit)."""
    plan = _initiativer_fra_plan(p.kommune, p.basisaar)
    ref: tuple[Decimal, str] | bool | None = False  # not looked up yet
    aarene, tilgang = [], []
    for a in p.aarene.order_by("aar"):
        if a.initiativer is not None:
            initiativer, i_kilde = a.initiativer, "indtastet"
        elif a.aar in plan:
            initiativer, i_kilde = -plan[a.aar], "fra kommunens genopretningsplan"
        else:
            initiativer, i_kilde = NUL, ""
        if a.refusion is not None:
            refusion_, r_kilde = a.refusion, "indtastet"
        else:
            if ref is False:
                ref = _refusion_fra_opgoerelse(p.kommune, p.basisaar)
            refusion_, r_kilde = ref if isinstance(ref, tuple) else (NUL, "")
        aarene.append(
            Aarstal(
                aar=a.aar,
                ramme=a.ramme,
                initiativer=initiativer,
                refusion=refusion_,
                pl_pct=a.pl_pct,
                initiativer_kilde=i_kilde,
                refusion_kilde=r_kilde,
            )
        )
        if a.nye_antal:
            tilgang.append(
                Tilgang(
                    aar=a.aar,
                    antal=a.nye_antal,
                    antal_sd=a.nye_antal_sd,
                    gennemsnit=a.nye_gennemsnit,
                    gennemsnit_sd=a.nye_gennemsnit_sd,
                )
            )
    return Prognosegrundlag(
        region=region(p.kommune),
        basisaar=p.basisaar,
        kendte=tuple(
            KendtBorger(noegle=k.pseudonym, aarlig_udgift=k.aarlig_udgift, ophoerer=k.ophoerer)
            for k in p.kendte.order_by("pseudonym")
        ),
        tilgang=tuple(tilgang),
        aarene=tuple(aarene),
        afgang_pct=p.afgang_pct,
        seed=p.seed,
    )


@dataclass(frozen=True)
class Beregnet:
    grundlag: Prognosegrundlag
    central: Prognoseresultat
    baand: Simuleringsresultat


def beregn(p: Prognose) -> Beregnet:
    """The central case and the simulated bands (ValueError, incl. pydantic's, if the figures
    do not fit)."""
    g = grundlag(p)
    bog = gaeldende_regelbog()
    central = beregn_prognose(g, bog)
    return Beregnet(g, central, simuler(g, bog, central))


# --- known citizens from the stays ------------------------------------------------------------


@dataclass(frozen=True)
class Opholdsborger:
    """A citizen of the stays the municipality pays for, with the current yearly cost."""

    pseudonym: str
    aarlig_udgift: Decimal
    ophoerer: date | None
    kilde: str


def borgere_fra_opholdene(p: Prognose) -> tuple[list[Opholdsborger], list[str]]:
    """Every citizen of the stays the forecast's municipality pays for in the base year and who
    is still there at its end: the yearly cost = the last billed month of the base year × 12."""
    udgifter = afregning.betalingskommunens_udgifter(p.kommune, p.basisaar, 12)
    ud = []
    for b in udgifter.borgere.values():
        if not b.maaneder or (b.ophoerer is not None and b.ophoerer.year <= p.basisaar):
            continue
        sidste = max(b.maaneder)
        ud.append(
            Opholdsborger(
                b.visning.removeprefix("Borger ").strip(),
                afrund(b.maaneder[sidste] * 12, Afrunding.KRONE),
                b.ophoerer,
                f"opholdene: {afregning.maanedsnavn(p.basisaar, sidste)} × 12",
            )
        )
    return ud, udgifter.advarsler
