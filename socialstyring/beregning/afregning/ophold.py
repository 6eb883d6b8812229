"""A stay's rules beside its billing: its status on a day by its dates, and what the billing
engine accepts of a new citizen on the place and of an add-on service, said field by field in
Danish, so a form or an import refuses it before the engine does (`model.Ophold` and
`model.Tillaeg` refuse the same)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum


class Opholdsstatus(StrEnum):
    """A stay's status on a day."""

    KOMMENDE = "kommende"
    AKTUEL = "aktuel"
    OPSAGT = "opsagt"
    AFSLUTTET = "afsluttet"

    @property
    def label(self) -> str:
        return _STATUSTEKST[self]


_STATUSTEKST = {
    Opholdsstatus.KOMMENDE: "Ikke begyndt",
    Opholdsstatus.AKTUEL: "Aktuelt",
    Opholdsstatus.OPSAGT: "Opsagt",
    Opholdsstatus.AFSLUTTET: "Afsluttet",
}


def opholdsstatus(start: date, opsagt: date | None, slut: date | None, dag: date) -> Opholdsstatus:
    """The status on `dag` of a stay from `start`, given notice on `opsagt` and ended on `slut`:
    not begun, ended (after `slut`), under notice, or current."""
    if start > dag:
        return Opholdsstatus.KOMMENDE
    if slut is not None and slut < dag:
        return Opholdsstatus.AFSLUTTET
    if opsagt is not None:
        return Opholdsstatus.OPSAGT
    return Opholdsstatus.AKTUEL


def ny_borger_fejl(slut: date | None, ny_borger_fra: date | None) -> str | None:
    """Why a new citizen cannot take the place from `ny_borger_fra` (None: it can). The billing
    engine stops payment the day before, never before the day of ending, and asks for both:
    so the stay must have ended (`slut`) and the new citizen come the day after it at the
    earliest (`model.Ophold`'s check). As the notice is given by the day of ending
    (`opsagt` ≤ `slut`), the new citizen comes after the notice too."""
    if ny_borger_fra is None:
        return None
    if slut is None:
        return "En ny borger kan kun overtage pladsen, når opholdet har en slutdato: udfyld Slut."
    if ny_borger_fra <= slut:
        return (
            f"En ny borger kan tidligst overtage pladsen dagen efter opholdets slut ({slut:%d-%m-%Y}); "
            "betalingen stopper dagen før den nye borger flytter ind."
        )
    return None


def tillaeg_fejl(
    tillaegsydelse: bool | None,
    navn: str,
    fra: date | None,
    til: date | None,
    pr_dag: Decimal | None,
    timer: Decimal | None,
) -> dict[str, str]:
    """What is wrong with an add-on, field by field (empty: nothing). `tillaegsydelse`: None
    without a register service, else whether it is an hourly add-on (`Ydelse.er_tillaeg`).
    Either hours of a register add-on service, delivered on one day, or an amount per day."""
    fejl: dict[str, str] = {}
    if tillaegsydelse is not None or timer is not None:
        if tillaegsydelse is None:
            fejl["ydelse"] = "Vælg den tillægsydelse, timerne er leveret af."
        elif not tillaegsydelse:
            fejl["ydelse"] = "Ydelsen er ikke en tillægsydelse betalt pr. time."
        if timer is None:
            fejl["timer"] = "Skriv antal timer."
        elif timer <= 0:
            fejl["timer"] = "Antal timer skal være over 0."
        if pr_dag is not None:
            fejl["pr_dag"] = "Et tillæg i timer har intet beløb pr. dag: lad feltet være tomt."
        if til is not None:
            fejl["til"] = "Timer leveres på én dag (Fra): lad Til være tom."
        if navn.strip():
            fejl["navn"] = "Et tillæg i timer hedder som sin tillægsydelse: lad Navn være tom."
    else:
        if pr_dag is None:
            fejl["pr_dag"] = "Skriv beløbet pr. dag (eller vælg en tillægsydelse og antal timer)."
        elif pr_dag < 0:
            fejl["pr_dag"] = "Beløbet pr. dag kan ikke være negativt."
        if not navn.strip():
            fejl["navn"] = "Skriv, hvad tillægget pr. dag dækker."
        if fra is not None and til is not None and til < fra:
            fejl["til"] = "Til ligger før Fra."
    return fejl
