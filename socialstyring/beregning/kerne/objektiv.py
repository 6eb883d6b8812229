"""Objective financing shared among municipalities by their number of inhabitants (of an age
band, e.g. the 0–17-year-olds at a reference date), in whole kroner by the largest remainder so
the parts add up to the total; and the check of a published split against its counts.

Used by every shared unit financed this way (social supervision's foster-family supervision,
a Børnehus' objectively financed share, objectively financed national offers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import KRONE
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor


def fordel_efter_indbyggere(
    spor: Spor,
    praefiks: str,
    total: Indgang | Decimal,
    indbyggere: Mapping[str, int],
    *,
    gruppe: str = "0–17-årige",
    regler: Sequence[Regelreference] = (),
) -> dict[str, Decimal]:
    """Split `total` (whole kroner) among the municipalities in proportion to `indbyggere`
    (municipality → count), by the largest remainder; one trace step per municipality
    (`<praefiks>.<kommune>`) and the rate per inhabitant (`<praefiks>.pr_indbygger`).
    Returns municipality → amount, in the order given."""
    beloeb = total.vaerdi if isinstance(total, Indgang) else total
    if not isinstance(beloeb, Decimal):
        beloeb = Decimal(str(beloeb))
    if beloeb != beloeb.to_integral_value():
        raise ValueError(f"den objektive finansiering {beloeb} skal være i hele kroner")
    alle = sum(indbyggere.values())
    if alle <= 0:
        raise ValueError(f"der er ingen {gruppe} at fordele efter")
    i_alt = spor.tilfoej(
        f"{praefiks}.indbyggere",
        f"{gruppe.capitalize()} i alt",
        "sum over kommunerne",
        alle,
        "personer",
        {navn: Decimal(n) for navn, n in indbyggere.items()},
    )
    spor.tilfoej(
        f"{praefiks}.pr_indbygger",
        f"Objektiv finansiering pr. {gruppe.removesuffix('e')}",
        f"objektiv finansiering ÷ {gruppe} i alt",
        beloeb / Decimal(i_alt),
        f"kr. pr. {gruppe.removesuffix('e')}",
        {"objektiv finansiering": total, f"{gruppe} i alt": spor.fra(f"{praefiks}.indbyggere")},
        list(regler),
    )
    andele = fordel_efter_stoerste_rest(beloeb, list(indbyggere.values()), KRONE)
    ud: dict[str, Decimal] = {}
    for (navn, n), a in zip(indbyggere.items(), andele, strict=True):
        ud[navn] = spor.tilfoej(
            f"{praefiks}.{slug(navn)}",
            f"Objektiv finansiering, {navn}",
            f"{gruppe} × beløb pr. {gruppe.removesuffix('e')}, i hele kroner efter største rest",
            a.beloeb,
            "kr.",
            {gruppe: Decimal(n), "pr. indbygger": spor.fra(f"{praefiks}.pr_indbygger")},
            bemaerkning="Fik en ekstra krone for sin rest, så delene summerer til totalen."
            if a.ekstra
            else None,
        )
    return ud


@dataclass(frozen=True)
class Afvigelse:
    """A published row whose amount does not match its count at the published total's rate."""

    kommune: str
    offentliggjort: Decimal
    efter_antal: Decimal  # count × the published rate per inhabitant, rounded to whole kroner
    antal: int

    @property
    def forskel(self) -> Decimal:
        return self.offentliggjort - self.efter_antal


def tjek_offentliggjort(
    offentliggjort: Mapping[str, Decimal], indbyggere: Mapping[str, int], tolerance: Decimal = KRONE
) -> list[Afvigelse]:
    """The rows of a published split that do not match their counts: the published total ÷
    the counts' total is the rate; a row `tolerance` or more from its exact share count × rate
    is flagged (a largest-remainder split is always less than one krone from it). A row
    without a count is flagged with count 0."""
    total = sum(offentliggjort.values(), Decimal(0))
    alle = sum(indbyggere.get(k, 0) for k in offentliggjort)
    if alle <= 0:
        return []
    rate = total / Decimal(alle)
    ud = []
    for kommune, beloeb in offentliggjort.items():
        n = indbyggere.get(kommune, 0)
        praecis = rate * n
        if abs(beloeb - praecis) >= tolerance:
            ud.append(Afvigelse(kommune, beloeb, praecis.quantize(KRONE, ROUND_HALF_UP), n))
    return ud
