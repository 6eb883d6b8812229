"""Surplus/deficit from earlier years carried into a rate (efterregulering).

Rule (rulebook `efterregulering.*`): the operator keeps a surplus, or bears a deficit,
up to a share (5 %) of the year's cost base; the rest is regulated through the rate at
the latest a number of years (2) after the year it arose. A surplus lowers the cost base
of the later rate, a deficit raises it.
"""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.model import Inddata, Tal
from socialstyring.beregning.penge import NUL, Afrunding, afrund, procent_af
from socialstyring.beregning.regelbrug import Regler
from socialstyring.beregning.spor import Spor


class TidligereResultat(Inddata):
    """An earlier year's result: positive is a surplus, negative a deficit (kr.)."""

    aar: int
    resultat: Tal
    grundlag: Tal  # the cost base of that year, on which the kept/borne share is computed


def indregnet_regulering(
    resultater: tuple[TidligereResultat, ...], aar: int, regler: Regler, spor: Spor, p: str
) -> Decimal:
    """The amount added to the cost base of year `aar` (negative lowers it)."""
    andel_pct, ref_andel = regler.tal("efterregulering.egen_andel_pct")
    senest, ref_senest = regler.heltal("efterregulering.senest_aar_efter")
    noegler = []
    for r in sorted(resultater, key=lambda r: r.aar):
        if not r.aar < aar <= r.aar + senest:
            raise ValueError(
                f"resultatet for {r.aar} kan indregnes i taksterne {r.aar + 1}–{r.aar + senest}, ikke i {aar}"
            )
        q = f"{p}.regulering_{r.aar}"
        art = "overskud" if r.resultat > 0 else "underskud"
        graense = spor.tilfoej(
            f"{q}.graense",
            f"Grænse for driftsherrens egen andel af {art} {r.aar}",
            "grundlag × egen andel %",
            afrund(procent_af(r.grundlag, andel_pct), Afrunding.OERE),
            "kr.",
            {f"grundlag {r.aar}": r.grundlag, "egen andel %": andel_pct},
            [ref_andel],
        )
        egen = min(abs(r.resultat), graense) * (1 if r.resultat >= 0 else -1)
        spor.tilfoej(
            f"{q}.egen",
            f"Driftsherrens egen andel ({'beholdes' if r.resultat >= 0 else 'bæres'})",
            "fortegn(resultat) × min(|resultat|, grænse)",
            egen,
            "kr.",
            {f"resultat {r.aar}": r.resultat, "grænse": spor.fra(f"{q}.graense")},
        )
        spor.tilfoej(
            q,
            f"{art.capitalize()} {r.aar} indregnet i taksten {aar}",
            "−(resultat − egen andel)",
            -(r.resultat - egen),
            "kr.",
            {f"resultat {r.aar}": r.resultat, "egen andel": spor.fra(f"{q}.egen")},
            [ref_senest],
            bemaerkning="et overskud sænker og et underskud hæver takstberegningsgrundlaget",
        )
        noegler.append(q)
    total = sum((spor[n].resultat for n in noegler), NUL)
    assert isinstance(total, Decimal)
    spor.tilfoej(
        f"{p}.regulering",
        "Efterregulering i alt",
        " + ".join(noegler) if noegler else "ingen tidligere resultater",
        total,
        "kr.",
        {n: spor.fra(n) for n in noegler},
    )
    return total
