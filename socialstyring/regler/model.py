"""The rulebook's file format, validated with pydantic.

A rule file (`data/<lag>/<emne>.yaml`) holds parameters under `parametre`. The full
name of a parameter is `<emne>.<key>` (file stem + key). Each parameter has a unit and
a list of dated values; each value has a source (`kilde`) or is an assumption
(`antaget`). Values run from `fra` until the next value's `fra` (or an explicit `til`).

`antaget` is what users read where the value is used (traces, rule tables, the notification
letter): what is assumed, in one or two short plain sentences, no parameter names
(`tests/test_brugertekster.py` holds it to that). The longer reasoning behind an assumption —
what was read, what is missing, what to check — goes into the value's `note`, which is for
those who keep the rulebook and is not shown in traces or letters.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

LAG = ("national", "midtjylland", "syddanmark", "nordjylland", "hovedstaden", "sjaelland")
"""The layers of the rulebook: national law and the five framework agreements."""

REGIONER = LAG[1:]

NAVN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
FRIST = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


class Enhed(StrEnum):
    PCT = "pct"  # a percentage 0–100
    PCT_AENDRING = "pct_aendring"  # a percentage change, may be negative (−100–100)
    PCT_POINT = "pct_point"  # percentage points 0–100
    KR = "kr"  # an amount in kroner, ≥ 0
    TIMER = "timer"  # a number of hours ≥ 0, decimals allowed (23,11 hours a week)
    ANTAL = "antal"  # a whole number ≥ 0
    AAR = "aar"  # a number of years ≥ 0
    DAGE = "dage"  # a number of days ≥ 0
    FRIST = "frist"  # a yearly deadline "MM-DD"
    VALG = "valg"  # one of the parameter's `valgmuligheder`
    TEKST = "tekst"
    VARSEL = "varsel"  # a notice period, see `Varsel`


class Streng(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kilde(Streng):
    dokument: str = Field(min_length=3)
    afsnit: str | None = None
    url: str | None = None
    note: str | None = None

    def som_tekst(self) -> str:
        dele = [self.dokument]
        if self.afsnit:
            dele.append(self.afsnit)
        return ", ".join(dele)


class Varsel(Streng):
    """A notice period as the agreements write them.

    regel:
      loebende_maaned_plus: the current month plus `maaneder` whole months
      maaneder_fra_dag: `maaneder` months counted from the day of notice
      til_udskrivning: paid up to and including the day of discharge
      dage: `dage` days from the day of notice
    """

    regel: Literal["loebende_maaned_plus", "maaneder_fra_dag", "til_udskrivning", "dage"]
    maaneder: int | None = Field(default=None, ge=0, le=24)
    dage: int | None = Field(default=None, ge=0, le=366)
    tekst: str

    @model_validator(mode="after")
    def _felter_passer_til_regel(self) -> Varsel:
        kraever_maaneder = self.regel in ("loebende_maaned_plus", "maaneder_fra_dag")
        if kraever_maaneder and self.maaneder is None:
            raise ValueError(f"varsel med regel '{self.regel}' kræver 'maaneder'")
        if self.regel == "dage" and self.dage is None:
            raise ValueError("varsel med regel 'dage' kræver 'dage'")
        return self


class Vaerdi(Streng):
    fra: date
    til: date | None = None
    vaerdi: Any
    kilde: Kilde | None = None
    antaget: str | None = Field(default=None, min_length=10)
    note: str | None = None

    @model_validator(mode="after")
    def _kilde_eller_antagelse(self) -> Vaerdi:
        if (self.kilde is None) == (self.antaget is None):
            raise ValueError("en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)")
        if self.til is not None and self.til <= self.fra:
            raise ValueError(f"'til' ({self.til}) skal ligge efter 'fra' ({self.fra})")
        return self


class Parameter(Streng):
    beskrivelse: str = Field(min_length=3)
    enhed: Enhed
    valgmuligheder: tuple[str, ...] | None = None
    vaerdier: list[Vaerdi] = Field(min_length=1)
    sidst_kontrolleret: date | None = None
    naeste_opdatering: date | None = None
    tilsidesaetter_national: bool = False

    @model_validator(mode="after")
    def _gyldig(self) -> Parameter:
        if (self.enhed is Enhed.VALG) != (self.valgmuligheder is not None):
            raise ValueError("'valgmuligheder' skal angives for enhed 'valg' og kun dér")
        for i, v in enumerate(self.vaerdier):
            object.__setattr__(self.vaerdier[i], "vaerdi", _tjek_vaerdi(self, v.vaerdi, i))
        for a, b in zip(self.vaerdier, self.vaerdier[1:], strict=False):
            if b.fra <= a.fra:
                raise ValueError(
                    f"datoerne overlapper: værdien fra {b.fra} kommer efter værdien fra {a.fra}; "
                    "værdier skal stå i stigende 'fra'-orden uden dubletter"
                )
            if a.til is not None and a.til > b.fra:
                raise ValueError(
                    f"datoerne overlapper: værdien fra {a.fra} gælder til {a.til}, "
                    f"men næste værdi gælder fra {b.fra}"
                )
        return self


class Regelfil(Streng):
    beskrivelse: str = Field(min_length=3)
    parametre: dict[str, Parameter] = Field(min_length=1)

    @model_validator(mode="after")
    def _navne(self) -> Regelfil:
        for navn in self.parametre:
            if not NAVN.match(navn):
                raise ValueError(f"parameternavnet '{navn}' må kun have a-z, 0-9, _ og punktum")
        return self


def _tjek_vaerdi(p: Parameter, v: Any, i: int) -> Any:
    """Check one value against the parameter's unit; return it in its exact type."""
    sted = f"vaerdier[{i}].vaerdi"

    def tal(lav: Decimal | None, hoej: Decimal | None) -> Decimal:
        if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
            raise ValueError(f"{sted}: '{v}' er ikke et tal")
        d = Decimal(v)
        if lav is not None and d < lav:
            raise ValueError(f"{sted}: {d} ligger under {lav} (enhed {p.enhed})")
        if hoej is not None and d > hoej:
            raise ValueError(f"{sted}: {d} ligger over {hoej} (enhed {p.enhed})")
        return d

    match p.enhed:
        case Enhed.PCT | Enhed.PCT_POINT:
            return tal(Decimal(0), Decimal(100))
        case Enhed.PCT_AENDRING:
            return tal(Decimal(-100), Decimal(100))
        case Enhed.KR | Enhed.TIMER:
            return tal(Decimal(0), None)
        case Enhed.ANTAL | Enhed.AAR | Enhed.DAGE:
            d = tal(Decimal(0), None)
            if d != d.to_integral_value():
                raise ValueError(f"{sted}: {d} skal være et helt tal")
            return int(d)
        case Enhed.FRIST:
            if not isinstance(v, str) or not FRIST.match(v):
                raise ValueError(f"{sted}: '{v}' er ikke en frist på formen MM-DD")
            return v
        case Enhed.VALG:
            assert p.valgmuligheder is not None
            if v not in p.valgmuligheder:
                raise ValueError(f"{sted}: '{v}' er ikke blandt {list(p.valgmuligheder)}")
            return v
        case Enhed.TEKST:
            if not isinstance(v, str):
                raise ValueError(f"{sted}: '{v}' er ikke tekst")
            return v
        case Enhed.VARSEL:
            if not isinstance(v, dict):
                raise ValueError(f"{sted}: et varsel skal være en tabel med 'regel' og 'tekst'")
            return Varsel.model_validate(v)
