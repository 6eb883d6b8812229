"""Surplus/deficit from earlier years carried into a rate (efterregulering).

Rule (rulebook `efterregulering.*`): the operator keeps a surplus, or bears a deficit,
up to a share (5 %) of the year's cost base; the rest is regulated through the rate at
the latest a number of years (2) after the year it arose. A surplus lowers the cost base
of the later rate, a deficit raises it.

The rule itself lives in `tilladte_aar` (the rate years a result may enter), `egen_andel`
(the share the operator keeps or bears) and `til_regulering` (what is left to regulate);
`indregnet_regulering` (the rate calculation) and `resultat` (the yearly result) share them.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from socialstyring.beregning.kerne.model import Inddata, Tal
from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed


class TidligereResultat(Inddata):
    """An earlier year's result: positive is a surplus, negative a deficit (kr.)."""

    aar: int
    resultat: Tal
    grundlag: Tal  # the cost base of that year, on which the kept/borne share is computed
    allerede_indregnet: Tal = Field(
        default=NUL,
        exclude_if=lambda v: v == 0,  # absent in stored inputs that have none
        description="den del af resultatet (samme fortegn), der allerede er indregnet i en tidligere takst",
    )


def tilladte_aar(resultataar: int, regler: Regler) -> tuple[range, Regelreference]:
    """The rate years a result of `resultataar` may be carried into: the next year up to
    `efterregulering.senest_aar_efter` years after."""
    senest, ref = regler.heltal("efterregulering.senest_aar_efter")
    return range(resultataar + 1, resultataar + senest + 1), ref


def egen_andel(
    resultat: Decimal,
    grundlag: Decimal,
    aar: int,
    regler: Regler,
    spor: Spor,
    q: str,
    *,
    resultat_trin: str | None = None,
    grundlag_trin: str | None = None,
) -> Decimal:
    """The operator's own share of the result of year `aar` (same sign as the result): it keeps a
    surplus, or bears a deficit, up to `efterregulering.egen_andel_pct` % of `grundlag`, rounded
    to øre. Records the steps `<q>.graense` and `<q>.egen`; `*_trin` link the inputs to earlier steps."""
    andel_pct, ref_andel = regler.tal("efterregulering.egen_andel_pct")
    art = "overskud" if resultat > 0 else "underskud"
    graense = spor.tilfoej(
        f"{q}.graense",
        f"Grænse for driftsherrens egen andel af {art} {aar}",
        "grundlag × egen andel %",
        afrund(procent_af(grundlag, andel_pct), Afrunding.OERE),
        "kr.",
        {
            f"grundlag {aar}": Indgang(grundlag, grundlag_trin, None if grundlag_trin else "kr."),
            "egen andel %": med_enhed(andel_pct, "%"),
        },
        [ref_andel],
    )
    egen = min(abs(resultat), graense) * (1 if resultat >= 0 else -1)
    return spor.tilfoej(
        f"{q}.egen",
        f"Driftsherrens egen andel ({'beholdes' if resultat >= 0 else 'bæres'})",
        "fortegn(resultat) × min(|resultat|, grænse)",
        egen,
        "kr.",
        {
            f"resultat {aar}": Indgang(resultat, resultat_trin, None if resultat_trin else "kr."),
            "grænse": spor.fra(f"{q}.graense"),
        },
    )


def til_regulering(resultat: Decimal, egen: Decimal, allerede: Decimal, aar: int) -> Decimal:
    """The part of the result of `aar` still to be regulated (same sign as the result):
    resultat − egen andel − what is already carried into an earlier rate."""
    rest = resultat - egen
    if allerede and (rest == 0 or (allerede > 0) != (rest > 0) or abs(allerede) > abs(rest)):
        raise ValueError(
            f"resultatet for {aar}: allerede indregnet ({allerede}) skal have samme fortegn som "
            f"resultatet og højst være den del, der skal reguleres ({rest})"
        )
    return rest - allerede


def indregnet_regulering(
    resultater: tuple[TidligereResultat, ...], aar: int, regler: Regler, spor: Spor, p: str
) -> Decimal:
    """The amount added to the cost base of year `aar` (negative lowers it)."""
    noegler = []
    for r in sorted(resultater, key=lambda r: r.aar):
        tilladte, ref_senest = tilladte_aar(r.aar, regler)
        if aar not in tilladte:
            raise ValueError(
                f"resultatet for {r.aar} kan indregnes i taksterne {tilladte.start}–{tilladte.stop - 1}, "
                f"ikke i {aar}"
            )
        q = f"{p}.regulering_{r.aar}"
        art = "overskud" if r.resultat > 0 else "underskud"
        egen = egen_andel(r.resultat, r.grundlag, r.aar, regler, spor, q)
        rest = til_regulering(r.resultat, egen, r.allerede_indregnet, r.aar)
        indgange: dict[str, Indgang | Decimal] = {
            f"resultat {r.aar}": med_enhed(r.resultat, "kr."),
            "egen andel": spor.fra(f"{q}.egen"),
        }
        if r.allerede_indregnet:
            indgange["allerede indregnet"] = med_enhed(r.allerede_indregnet, "kr.")
        spor.tilfoej(
            q,
            f"{art.capitalize()} {r.aar} indregnet i taksten {aar}",
            "−(resultat − egen andel − allerede indregnet)"
            if r.allerede_indregnet
            else "−(resultat − egen andel)",
            -rest,
            "kr.",
            indgange,
            [ref_senest],
            bemaerkning="et overskud sænker og et underskud hæver takstberegningsgrundlaget",
        )
        noegler.append(q)
    total = sum((spor[n].resultat for n in noegler), NUL)
    assert isinstance(total, Decimal)
    # each year's regulation by its year, as users read it (the step's key stays in the trace)
    navne = {f"regulering {n.rsplit('_', 1)[-1]}": n for n in noegler}
    spor.tilfoej(
        f"{p}.regulering",
        "Efterregulering i alt",
        " + ".join(navne) if navne else "ingen tidligere resultater",
        total,
        "kr.",
        {navn: spor.fra(n) for navn, n in navne.items()},
    )
    return total
