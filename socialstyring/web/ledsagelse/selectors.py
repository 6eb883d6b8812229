"""The calculator's data: the form's trip as the engine's input, the agreement's rulebook, and
the document's worked example (bilag 2) with the figures it printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from socialstyring.beregning.ledsagelse import Ledsagelsesgrundlag, Ledsagelsesresultat, beregn_ledsagelse
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Rammeaftale

PARAMETER = "ledsagelse.aarsloen_kr"

EKSEMPELKILDE = (
    "Principper for tilkøb af ledsagelse under ferie (DASSOS-møde 15. august 2018, bilag 9), "
    "bilag 2: Konkret beregning ledsagelse – Aarhus Kommune (ferietur til London)"
)
EKSEMPEL: dict[str, Any] = {
    # Wednesday 7.00 to Friday 15.30 with 2 staff; the document gives no date (model 2 was used
    # by Aarhus Kommune in June 2018), 45,39 kr. saved an hour by covering with a substitute.
    "start": datetime(2018, 6, 13, 7, 0),
    "slut": datetime(2018, 6, 15, 15, 30),
    "medarbejdere": 2,
    "beboere": 1,
    "besparelse_pr_time": Decimal("45.39"),
}
TRYKT: dict[str, Decimal] = {
    "timeloen": Decimal("218.30"),
    "timer": Decimal("57"),
    "loen": Decimal("12443.10"),
    "kolonitillaeg": Decimal("1706.64"),
    "dagpenge": Decimal("1992.00"),
    "timepenge": Decimal("352.75"),
    "overhead": Decimal("753.02"),
    "pris": Decimal("17247.51"),
    "besparelse": Decimal("2587.23"),
    "egenbetaling": Decimal("14660.28"),
}
"""The figures bilag 2 prints (its 'Budgetoverslag for Ferietur til London')."""


def har_principper(aftale: Rammeaftale) -> bool:
    """The agreement's rulebook holds the principles for companion purchase."""
    return gaeldende_regelbog().har(PARAMETER, aftale.kode)


def lokal(t: datetime) -> datetime:
    return timezone.make_naive(t) if timezone.is_aware(t) else t


def grundlag(
    aftale: Rammeaftale, data: dict[str, Any], trykt: dict[str, Decimal] | None = None
) -> Ledsagelsesgrundlag:
    """The engine's input for the form's (or the example's) trip."""
    return Ledsagelsesgrundlag(
        region=aftale.kode,
        start=lokal(data["start"]),
        slut=lokal(data["slut"]),
        medarbejdere=data["medarbejdere"],
        beboere=data["beboere"],
        besparelse_pr_time=data["besparelse_pr_time"],
        trykt=trykt or {},
    )


def beregn(g: Ledsagelsesgrundlag) -> Ledsagelsesresultat:
    return beregn_ledsagelse(g, gaeldende_regelbog())


@dataclass(frozen=True)
class Sammenligning:
    """One figure of the worked example: printed, calculated, and why they differ."""

    navn: str
    trykt: Decimal
    beregnet: Decimal
    forskel: Decimal
    forklaring: str


def eksempel(aftale: Rammeaftale) -> tuple[Ledsagelsesresultat, list[Sammenligning]]:
    """Bilag 2's trip calculated with the agreement's rules, beside the printed figures."""
    from socialstyring.beregning.ledsagelse import POSTER

    r = beregn(grundlag(aftale, EKSEMPEL, TRYKT))
    afv = {a.post: a for a in r.afvigelser}
    raekker = []
    for post, navn in POSTER.items():
        beregnet = getattr(r, post)
        a = afv.get(post)
        raekker.append(
            Sammenligning(navn, TRYKT[post], beregnet, TRYKT[post] - beregnet, a.forklaring if a else "")
        )
    return r, raekker
