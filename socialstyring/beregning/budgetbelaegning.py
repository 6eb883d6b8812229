"""Budgeted occupancy (budgetteret belægningsprocent) used in the rate.

Rule (rulebook `belaegning.*`): the average of the previous years' actual occupancy,
kept between the minimum and maximum (95–100 %; 90 % minimum for short stays, acute
and respite offers), with 98 % as recommended maximum. Deviations need the steering
group's approval, so an entered value outside the band is accepted with a warning.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor, med_enhed


class Belaegning(Inddata):
    """Either the budgeted occupancy itself, or the actual occupancy of earlier years."""

    budgetteret_pct: Tal | None = None
    faktisk_pct: dict[int, Tal] | None = Field(default=None, description="år → faktisk belægning %")
    kort_forloeb: bool = False  # short stays, acute or respite offer

    @model_validator(mode="after")
    def _en_kilde(self) -> Belaegning:
        if (self.budgetteret_pct is None) == (self.faktisk_pct is None):
            raise ValueError("angiv enten 'budgetteret_pct' eller 'faktisk_pct' (år → %)")
        return self


def budgetteret_belaegning(
    b: Belaegning, aar: int, regler: Regler, spor: Spor, p: str
) -> tuple[Decimal, list[str]]:
    """The occupancy % the rate is computed with, and any warnings."""
    advarsler: list[str] = []
    minimum, ref_min = regler.tal(
        "belaegning.korte_forloeb_min_pct" if b.kort_forloeb else "belaegning.budget_min_pct"
    )
    maksimum, ref_max = regler.tal("belaegning.budget_max_pct")
    anbefalet, ref_anb = regler.tal("belaegning.anbefalet_max_pct")

    if b.faktisk_pct is not None:
        antal, ref_hist = regler.heltal("belaegning.historik_aar")
        aarene = sorted(b.faktisk_pct)
        if len(aarene) != antal or any(a >= aar for a in aarene):
            raise ValueError(
                f"budgetteret belægning {aar}: kræver faktisk belægning for {antal} tidligere år, "
                f"fik {aarene}"
            )
        snit = sum(b.faktisk_pct.values(), Decimal(0)) / antal
        spor.tilfoej(
            f"{p}.belaegning_snit",
            "Gennemsnitlig faktisk belægning",
            "(" + " + ".join(f"belægning {a}" for a in aarene) + f") / {antal}",
            snit,
            "%",
            {f"belægning {a}": med_enhed(b.faktisk_pct[a], "%") for a in aarene},
            [ref_hist],
        )
        pct = min(max(snit, minimum), maksimum)
        spor.tilfoej(
            f"{p}.belaegning",
            "Budgetteret belægningsprocent",
            "gennemsnit holdt inden for [minimum; maksimum]",
            pct,
            "%",
            {
                "gennemsnit": spor.fra(f"{p}.belaegning_snit"),
                "minimum": med_enhed(minimum, "%"),
                "maksimum": med_enhed(maksimum, "%"),
            },
            [ref_min, ref_max],
            bemaerkning=None if pct == snit else "gennemsnittet lå uden for intervallet",
        )
    else:
        assert b.budgetteret_pct is not None
        pct = b.budgetteret_pct
        if not minimum <= pct <= maksimum:
            advarsler.append(
                f"Budgetteret belægning {dansk_tal(pct)} % ligger uden for "
                f"{dansk_tal(minimum)}–{dansk_tal(maksimum)} % og kræver "
                "godkendelse i den administrative styregruppe."
            )
        spor.tilfoej(
            f"{p}.belaegning",
            "Budgetteret belægningsprocent",
            "angivet af driftsherren",
            pct,
            "%",
            {
                "angivet": med_enhed(pct, "%"),
                "minimum": med_enhed(minimum, "%"),
                "maksimum": med_enhed(maksimum, "%"),
            },
            [ref_min, ref_max],
        )
    if pct > anbefalet:
        advarsler.append(
            f"Budgetteret belægning {dansk_tal(pct)} % er over det anbefalede "
            f"maksimum {dansk_tal(anbefalet)} %."
        )
        spor.tilfoej(
            f"{p}.belaegning_anbefalet",
            "Anbefalet maksimal belægning",
            "regelbogens anbefalede maksimum",
            anbefalet,
            "%",
            regler=[ref_anb],
            bemaerkning="den budgetterede belægning ligger over det anbefalede maksimum",
        )
    return pct, advarsler
