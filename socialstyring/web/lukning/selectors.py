"""Closure statements as pages read them: the form's rows prefilled from the tilbud's place
purchases, the decision years with place purchases to prefill from, the statements a user may
read, and a stored statement read back through the engine's model."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.lukning import Lukningsgrundlag, Opgoerelsesart
from socialstyring.beregning.lukning import Lukningsopgoerelse as Opgoerelse
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kategorisering, Kommune, Pladskoeb, Rolle, Tilbud


def _dage_i_aaret(region: str, aar: int) -> int:
    return dage_i_aaret(aar, Regler(gaeldende_regelbog(), region, date(aar, 1, 1)))[0]


def forudfyldte(tilbud: Tilbud, aar: int) -> list[dict[str, Any]]:
    """Rows from the tilbud's place purchases of the two years before `aar`: årspladser × the
    year's days by the rulebook's convention (`kerne.kalender.dage_i_aaret`)."""
    raekker: dict[int, dict[str, Any]] = {}
    koeb = Pladskoeb.objects.filter(tilbud=tilbud, aar__in=(aar - 2, aar - 1)).select_related("kommune")
    for k in koeb.order_by("kommune__navn"):
        r = raekker.setdefault(k.kommune_id, {"kommune": k.kommune})
        dage = k.aarspladser * _dage_i_aaret(tilbud.region, k.aar)
        if dage == dage.to_integral_value():
            dage = dage.quantize(Decimal(1))
        r["dage_foerste" if k.aar == aar - 2 else "dage_andet"] = dage
    return list(raekker.values())


def beslutningsaar(tilbud: Tilbud) -> list[int]:
    """The decision years whose form can be prefilled: those with place purchases in one of
    the two years before (ascending)."""
    koebt = aar_med_data(Pladskoeb.objects.filter(tilbud=tilbud))
    return sorted({a + d for a in koebt for d in (1, 2)})


def betalingskommuner(raekker: list[dict[str, Any]], aar: int) -> list[dict[str, Any]]:
    """The paying municipalities of the form's rows (empty rows left out), with their used days
    in the two years before the decision year."""
    kommuner: list[dict[str, Any]] = []
    for r in raekker:
        k: Kommune | None = r.get("kommune")
        if k is None:
            continue
        kommuner.append(
            {
                "kode": f"{k.kode:03d}",
                "navn": k.navn,
                "belaegningsdage": {
                    str(aar - 2): str(r.get("dage_foerste") or Decimal(0)),
                    str(aar - 1): str(r.get("dage_andet") or Decimal(0)),
                },
            }
        )
    return kommuner


def kategori(tilbud: Tilbud, aar: int) -> str | None:
    """The tilbud's category in the decision year (None when it has none)."""
    k = Kategorisering.objects.filter(tilbud=tilbud, aar=aar).first()
    return k.kategori if k is not None and k.kategori else None


def grundlag(
    tilbud: Tilbud, data: dict[str, Any], kategori_: str, kommuner: list[dict[str, Any]]
) -> Lukningsgrundlag:
    """The engine's input from the form (a pydantic ValidationError when it refuses it)."""
    return Lukningsgrundlag.model_validate(
        {
            "region": tilbud.region,
            "tilbud": tilbud.navn,
            "center": data["center"],
            "kategori": kategori_,
            "beslutningsdato": data["beslutningsdato"],
            "lukningsdato": data["lukningsdato"],
            "opgoerelse": Opgoerelsesart(data["opgoerelse"]),
            "tilbuddets_resultat": data["tilbuddets_resultat"],
            "centrets_resultat": data["centrets_resultat"],
            "driftsmaaneder": data["driftsmaaneder"],
            "betalingskommuner": kommuner,
        }
    )


def tidligere(tilbud: Tilbud) -> list[Lukningsopgoerelse]:
    return list(Lukningsopgoerelse.objects.filter(tilbud=tilbud))


def kan_se_lukninger(bruger: Bruger) -> bool:
    """Closure statements are read by operator staff (their own) and secretariats (their
    agreement's)."""
    return bool(adgang.er_driftsherremedarbejder(bruger) or adgang.sekretariatets_aftaler(bruger))


def synlige_tilbud_med_lukning(bruger: Bruger) -> list[Tilbud]:
    """The offers whose closure statements the user reads: the operator's own, the
    secretariat's agreement's (every one closed or with a statement), by operator and name."""
    p = adgang.profil(bruger)
    if p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
        tilbud = Tilbud.objects.filter(driftsherre_id=p.driftsherre_id)
    else:
        tilbud = Tilbud.objects.filter(driftsherre__rammeaftale__in=adgang.sekretariatets_aftaler(bruger))
    return list(
        tilbud.filter(Q(lukket_fra__isnull=False) | Q(lukningsopgoerelser__isnull=False))
        .distinct()
        .select_related("driftsherre")
        .prefetch_related("lukningsopgoerelser")
        .order_by("driftsherre__navn", "navn")
    )


def visning(opgoerelse: Lukningsopgoerelse) -> dict[str, Any]:
    """A stored statement as its page shows it: the amount per municipality, each figure
    with its trace — read through the engine's model as it was computed, never recomputed."""
    r = Opgoerelse.laes(opgoerelse.resultat)
    kommuner = [
        {
            "kode": k.kode,
            "navn": k.navn,
            "noegle": k.noegle,
            "dage": k.dage,
            "andel_pct": k.andel_pct,
            "beloeb": k.beloeb,
            "belaegningsdage": sorted(k.belaegningsdage.items()),
        }
        for k in r.kommuner
    ]
    tal = {
        n: getattr(r, n)
        for n in (
            "tilbuddets_resultat",
            "centrets_resultat",
            "graense_pct",
            "graense",
            "til_regulering",
            "efterregulering",
            "dage_i_alt",
        )
    }
    return {
        "opgoerelse": opgoerelse,
        "r": r,
        "tal": tal,
        "kommuner": kommuner,
        "i_alt": sum((k.beloeb for k in r.kommuner), Decimal(0)),
        **panel(r.spor),
        "regler": r.spor.regler(),
    }
