"""The calendar rules every module shares: days in a year and in a period, yearly
deadlines from the rulebook, notice periods and Danish dates.

- **Days in the year** follow the rulebook's convention `takst.dage_pr_aar` ("365", or
  the year's calendar days), the same convention the rates are computed with, so a
  year-place is the same number of days in a rate, an occupancy and a settlement.
- **Days in quarters 1..n** are calendar days from 1 January to the end of quarter n
  (Q1 2016 = 91 days, a leap year), as the quarterly reporting counts them.
- **Deadlines** are rulebook values "MM-DD" (`enhed: frist`), in force on 1 January of
  the year they govern and falling in a given year.
- **Notice periods** (`Varsel`, e.g. "løbende måned + 2 måneder") end on the day given by
  `varslets_udloeb`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from socialstyring.beregning.kerne.regelbrug import Regler, reference
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.regler import Regelbog, Varsel

DAGE_PARAMETER = "takst.dage_pr_aar"
"""The rulebook's convention for days in a year: "365" or "kalenderdage"."""

MAANEDER = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def dansk_dato(d: date) -> str:
    """'14. juni 2019'"""
    return f"{d.day}. {MAANEDER[d.month - 1]} {d.year}"


# --- days ---------------------------------------------------------------------------------


def kalenderdage(aar: int) -> int:
    """The calendar days of `aar` (366 in a leap year)."""
    return 366 if calendar.isleap(aar) else 365


def dage_i_aaret(aar: int, regler: Regler) -> tuple[int, str, Regelreference]:
    """Days in `aar` by the rulebook's convention, the convention's value ("365" or
    "kalenderdage") and the rule used."""
    metode, ref = regler.tekst(DAGE_PARAMETER)
    dage = kalenderdage(aar) if metode == "kalenderdage" else 365
    return dage, metode, ref


def dage_i_kvartaler(aar: int, kvartaler: int) -> int:
    """Calendar days from 1 January `aar` to the end of quarter `kvartaler` (1–4)."""
    if not 1 <= kvartaler <= 4:
        raise ValueError(f"kvartal skal være 1–4, ikke {kvartaler}")
    slut = date(aar + 1, 1, 1) if kvartaler == 4 else date(aar, 3 * kvartaler + 1, 1)
    return (slut - date(aar, 1, 1)).days


def dage_i_periode(aar: int, kvartaler: int | None, regler: Regler) -> tuple[int, str, list[Regelreference]]:
    """Days in a reporting period (the whole year, or quarters 1..n), how they were found,
    and the rule used (for a whole year)."""
    if kvartaler is None:
        dage, metode, ref = dage_i_aaret(aar, regler)
        if metode == "365":
            return dage, "regelbogens konvention: 365 dage", [ref]
        return dage, f"regelbogens konvention: årets kalenderdage ({dage})", [ref]
    dage = dage_i_kvartaler(aar, kvartaler)
    return dage, f"kalenderdage 1. januar {aar} til udgangen af kvartal {kvartaler}", []


# --- deadlines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Frist:
    """A deadline and the rule it comes from."""

    dato: date
    regel: Regelreference


def frist(bog: Regelbog, navn: str, region: str, gyldig_aar: int, frist_aar: int) -> Frist | None:
    """A deadline parameter (MM-DD) in force on 1 January `gyldig_aar`, as a date in
    `frist_aar`; None when the agreement's rulebook has no value for it."""
    if not bog.har(navn, region):
        return None
    try:
        opslag = bog.vaerdi(navn, region, date(gyldig_aar, 1, 1))
    except KeyError:
        return None
    maaned, dag = (int(del_) for del_ in str(opslag.vaerdi).split("-"))
    return Frist(date(frist_aar, maaned, dag), reference(opslag))


# --- notice -------------------------------------------------------------------------------


def maanedens_sidste(aar: int, maaned: int) -> date:
    return date(aar, maaned, calendar.monthrange(aar, maaned)[1])


def plus_maaneder(d: date, maaneder: int) -> tuple[int, int]:
    """(year, month) `maaneder` months after `d`'s month."""
    indeks = d.year * 12 + (d.month - 1) + maaneder
    return indeks // 12, indeks % 12 + 1


def varslets_udloeb(varsel: Varsel, dato: date) -> date:
    """The last day of a notice period given on `dato` (paid up to and including it).

    løbende måned + n: the end of the n-th month after the current one (14 May, + 2 → 31 July);
    n måneder fra dagen: the same day n months later, or that month's last day (14 Jan → 14 March);
    n dage: `dato` + n days; til udskrivning: `dato` itself."""
    match varsel.regel:
        case "loebende_maaned_plus":
            assert varsel.maaneder is not None
            return maanedens_sidste(*plus_maaneder(dato, varsel.maaneder))
        case "maaneder_fra_dag":
            assert varsel.maaneder is not None
            aar, maaned = plus_maaneder(dato, varsel.maaneder)
            return date(aar, maaned, min(dato.day, calendar.monthrange(aar, maaned)[1]))
        case "dage":
            assert varsel.dage is not None
            return dato + timedelta(days=varsel.dage)
        case _:
            return dato


def varslets_forklaring(varsel: Varsel, dato: date, udloeb: date) -> str:
    """How the end of a notice period given on `dato` was found, in words."""
    if varsel.regel == "loebende_maaned_plus":
        return (
            f"Løbende måned er {MAANEDER[dato.month - 1]} {dato.year}; plus {varsel.maaneder} "
            f"måned(er) giver udgangen af {MAANEDER[udloeb.month - 1]} {udloeb.year}."
        )
    return f"{varsel.tekst} fra {dansk_dato(dato)} giver {dansk_dato(udloeb)}."
