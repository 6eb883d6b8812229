"""Database → the engine's input (`Scenariegrundlag`) and the pages' data.

The baseline is the set's year of the agreement's register, as the user may see it
(`register.adgang.Aarsadgang`): every service with a day or 24-hour rate, places and a budgeted
occupancy is an offer, known by its rate (the engine derives its direct costs); the days it is
expected to sell are split among the municipalities by their use of the offer that year
(`Pladskoeb`, årspladser), or stand as one line when the register has none. The register holds
no share of objective financing: the set states it per service (`Objektivandel`, the engine's
`objektiv_andel_pct`); a service without one is rate financed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.penge import HUNDREDE, OERE
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.scenarie import Scenariegrundlag, Scenarieresultat, beregn_scenarie
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import Aarsadgang, synlige_rammeaftaler
from socialstyring.web.register.models import Kommune, Pladskoeb, Takstenhed, Ydelse, Ydelsesaar
from socialstyring.web.scenarie.models import Aendring, Art, Objektivandel, Scenariesaet

UKENDT_KOEBER = "Købekommune ikke oplyst"


def synlige(bruger: Bruger) -> QuerySet[Scenariesaet]:
    """The sets of the user's agreements, newest year first."""
    return Scenariesaet.objects.select_related("rammeaftale").filter(
        rammeaftale__in=synlige_rammeaftaler(bruger)
    )


def aendringer(saet: Scenariesaet) -> list[Aendring]:
    return list(
        Aendring.objects.filter(scenarie__saet=saet)
        .select_related("scenarie", "maalgruppe", "ydelse__tilbud", "kommune")
        .order_by("scenarie__nr", "nr")
    )


def objektivandele(saet: Scenariesaet) -> list[Objektivandel]:
    """The set's objectively financed shares, by offer and service."""
    return list(
        Objektivandel.objects.filter(saet=saet)
        .select_related("ydelse__tilbud")
        .order_by("ydelse__tilbud__navn", "ydelse__navn")
    )


def ydelser(saet: Scenariesaet) -> QuerySet[Ydelse]:
    """The services a change of places may name: those of the agreement with figures that year."""
    return (
        Ydelse.objects.filter(
            tilbud__driftsherre__rammeaftale=saet.rammeaftale, aar__aar=saet.aar, aar__pladser__gt=0
        )
        .exclude(takstenhed=Takstenhed.TIME)
        .select_related("tilbud")
        .order_by("tilbud__navn", "navn")
    )


def _aendring(a: Aendring) -> dict[str, Any]:
    mg = {"maalgruppe": a.maalgruppe.navn} if a.maalgruppe is not None else {}
    match a.art:
        case Art.TAKST_PCT:
            return {"type": "takst", "pct": a.vaerdi, **mg}
        case Art.TAKST_KR:
            return {"type": "takst", "kr_pr_dag": a.vaerdi, **mg}
        case Art.BUDGET:
            return {"type": "budget", "pct": a.vaerdi}
        case Art.OVERHEAD:
            return {"type": "overhead", "overheaddel": a.overheaddel, "pct": a.vaerdi}
        case Art.BELAEGNING:
            return {"type": "belaegning", "procentpoint": a.vaerdi, **mg}
        case Art.KAPACITET:
            return {"type": "kapacitet", "tilbud": str(a.ydelse_id), "pladser": a.vaerdi}
        case Art.OPHOLDSTID:
            ophold = {"opholdstid_fra": a.opholdstid_foer, "opholdstid_til": a.vaerdi}
            return {"type": "aktivitet", **ophold, **mg}
        case Art.HJEMMESTOETTE:
            assert a.kommune is not None
            hjemme = {"kommune": a.kommune.navn, "borgere": a.vaerdi, "aarlig_pris": a.aarlig_pris}
            return {"type": "aktivitet", "tilbud": str(a.ydelse_id), "hjemmestoette": hjemme}
        case _:
            return {"type": "aktivitet", "faerre_dage_pct": a.vaerdi, **mg}


@dataclass(frozen=True)
class Grundlagsnote:
    """What the baseline left out, for the page."""

    udeladt: int  # services of the year without a day rate, places or occupancy
    uden_koeb: int  # offers whose days have no municipality in the register


def grundlag(saet: Scenariesaet, bruger: Bruger) -> tuple[dict[str, Any], Grundlagsnote]:
    """The engine's baseline (as data) of the set's year, as the user may see it."""
    ser = Aarsadgang(bruger)
    aftale = saet.rammeaftale
    # the rulebook's days of the year, as the engine counts the places' days
    dage_pr_aar = dage_i_aaret(saet.aar, Regler(gaeldende_regelbog(), aftale.kode, date(saet.aar, 1, 1)))[0]
    raekker = ser.filtrer(
        Ydelsesaar.objects.filter(aar=saet.aar, ydelse__tilbud__driftsherre__rammeaftale=aftale)
        .select_related("ydelse__tilbud__driftsherre", "ydelse__tilbud__maalgruppe", "ydelse__afdeling")
        .order_by("ydelse__tilbud__navn", "ydelse__navn"),
        "ydelse__tilbud__driftsherre",
        "aar",
    )
    koeb: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for p in ser.filtrer(
        Pladskoeb.objects.filter(aar=saet.aar, tilbud__driftsherre__rammeaftale=aftale).select_related(
            "kommune"
        ),
        "tilbud__driftsherre",
        "aar",
    ):
        koeb[p.tilbud_id][p.kommune.navn] = p.aarspladser
    andele = dict(Objektivandel.objects.filter(saet=saet).values_list("ydelse_id", "andel_pct"))
    tilbud: list[dict[str, Any]] = []
    udeladt = uden_koeb = 0
    for r in raekker:
        y = r.ydelse
        if (
            y.takstenhed not in (Takstenhed.DOEGN, Takstenhed.DAG)
            or not r.pladser
            or not r.budgetteret_belaegning_pct
            or r.takst is None
        ):
            udeladt += 1
            continue
        belagte = r.pladser * dage_pr_aar * r.budgetteret_belaegning_pct / HUNDREDE
        brug = koeb.get(y.tilbud_id, {})
        i_alt = sum(brug.values(), Decimal(0))
        if i_alt:
            dage = {k: (belagte * v / i_alt).quantize(OERE) for k, v in brug.items()}
        else:
            dage, uden_koeb = {UKENDT_KOEBER: belagte.quantize(OERE)}, uden_koeb + 1
        tilbud.append(
            {
                "id": str(y.pk),
                "navn": f"{y.tilbud.navn} – {y.navn}",
                "driftsherre": y.tilbud.driftsherre.navn,
                "enhed": y.afdeling.navn if y.afdeling is not None else "",
                "maalgruppe": y.tilbud.maalgruppe.navn
                if y.tilbud.maalgruppe is not None
                else "Uden målgruppe",
                "lovgrundlag": y.tilbud.get_paragraf_display(),
                "pladser": r.pladser,
                "belaegning_pct": r.budgetteret_belaegning_pct,
                "takst": r.takst,
                "objektiv_andel_pct": andele.get(y.pk, Decimal(0)),
                "dage": dage,
            }
        )
    data = {
        "region": aftale.kode,
        "aar": saet.aar,
        "aftalens_kommuner": list(Kommune.objects.filter(rammeaftale=aftale).values_list("navn", flat=True)),
        "tilbud": tilbud,
    }
    return data, Grundlagsnote(udeladt, uden_koeb)


def input_til_motoren(saet: Scenariesaet, bruger: Bruger) -> tuple[Scenariegrundlag | None, Grundlagsnote]:
    """The set as the engine's input (None while it has no scenario with a change); raises the
    engine's validation error when the baseline or a change does not fit."""
    data, note = grundlag(saet, bruger)
    pr_scenarie: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    for a in aendringer(saet):
        pr_scenarie.setdefault(a.scenarie_id, (a.scenarie.navn, []))[1].append(_aendring(a))
    if not pr_scenarie:
        return None, note
    g = Scenariegrundlag.model_validate(
        {
            "grundlag": data,
            "stablet": saet.stablet,
            "scenarier": [{"navn": n, "aendringer": a} for n, a in pr_scenarie.values()],
        }
    )
    return g, note


def beregn(saet: Scenariesaet, bruger: Bruger) -> tuple[Scenarieresultat | None, Grundlagsnote]:
    """The set's scenarios computed (None while it has none); raises `motorfejl.MOTORFEJL`."""
    g, note = input_til_motoren(saet, bruger)
    return (beregn_scenarie(g, gaeldende_regelbog()) if g is not None else None), note
