"""The input of management information: per service and year the register's places, use
and accounts (`Ydelsesaar`, `Ledelsesinfogrundlag`), and how the register's data is turned
into it when operators report only what the app asks for (`fra_register`).

**Fallbacks** (`fra_register`), decided here so every caller gets the same figures:

- a service without the accounts' year-places (`faktiske_aarspladser`) counts with its
  reported used days when all four quarters are reported (Q1–Q4, `takst.dage_pr_aar` days
  a year-place), for table A;
- table D and the deviation flag use the quarterly reports (`kvartalsdage`) when all four
  quarters are reported; a service with places and fewer quarters counts with the
  accounts' year-places instead, and a warning says how many did;
- an offer's result and add-on income come from its accounts (`Registerregnskab`) and are
  put on its first service of the year (tables B and C); when none of its services
  carries costs, its accounts' costs are used for table A, and when they disagree with
  the services' costs, a warning says so and table A keeps the services';
- an offer with accounts but no service row in the year is one row of its own.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.regler import REGIONER


class Ydelsesaar(Inddata):
    """One service's year: places, use and accounts (amounts in kr., surplus +, deficit −)."""

    aar: int = Field(ge=2007, le=2100)
    driftsherre: str
    tilbud: str
    ydelse: str = ""
    maalgruppe: str
    pladstype: Pladstype
    pladser: Tal = Field(default=NUL, ge=0)
    aarspladser: Tal | None = Field(default=None, ge=0)
    brugte_dage: Tal | None = Field(default=None, ge=0)
    omkostninger: Tal = NUL
    resultat: Tal = NUL
    tillaeg: Tal = NUL
    budgetteret_belaegning_pct: Tal | None = Field(default=None, ge=0)
    kvartalsdage: Tal | None = Field(
        default=None,
        ge=0,
        description="brugte dage Q1–Q4 fra kvartalsindberetningerne (tabel D og afvigelsesflaget)",
    )

    @model_validator(mode="after")
    def _forbrug(self) -> Ydelsesaar:
        if self.aarspladser is not None and self.brugte_dage is not None:
            raise ValueError("angiv enten 'aarspladser' eller 'brugte_dage', ikke begge")
        return self


class Ledelsesinfogrundlag(Inddata):
    """The data for one agreement; the tables compare `forrige_aar` with `aar`."""

    region: str
    forrige_aar: int = Field(ge=2007, le=2100)
    aar: int = Field(ge=2007, le=2100)
    forrige_i_faste_priser: bool = Field(
        default=False, description="det forrige års beløb er allerede i det aktuelle års priser"
    )
    raekker: tuple[Ydelsesaar, ...]

    @model_validator(mode="after")
    def _tjek(self) -> Ledelsesinfogrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        if self.forrige_aar >= self.aar:
            raise ValueError(f"forrige_aar ({self.forrige_aar}) skal ligge før aar ({self.aar})")
        return self


# --- from the register -------------------------------------------------------------------

KVARTALER = 4


class Registerydelse(Inddata):
    """One service's year as the register holds it. `tilbud` is the offer's key (its name,
    unique within the agreement); `kvartalsdage` the used days of each reported quarter."""

    aar: int = Field(ge=2007, le=2100)
    driftsherre: str
    tilbud: str
    ydelse: str = ""
    maalgruppe: str
    pladstype: Pladstype
    pladser: Tal = Field(default=NUL, ge=0)
    budgetteret_belaegning_pct: Tal | None = Field(default=None, ge=0)
    faktiske_aarspladser: Tal | None = Field(default=None, ge=0)
    regnskab: Tal | None = Field(default=None, description="the service's costs in the accounts, kr.")
    kvartalsdage: tuple[Tal, ...] = Field(default=(), max_length=KVARTALER)


class Registerregnskab(Inddata):
    """An offer's accounts for a year, with the result the result engine computed."""

    aar: int = Field(ge=2007, le=2100)
    driftsherre: str
    tilbud: str
    maalgruppe: str
    omkostninger: Tal
    resultat: Tal
    tillaeg: Tal = NUL


def fra_register(
    region: str,
    forrige: int,
    aar: int,
    ydelser: tuple[Registerydelse, ...] | list[Registerydelse],
    regnskaber: tuple[Registerregnskab, ...] | list[Registerregnskab],
) -> tuple[Ledelsesinfogrundlag, tuple[str, ...]]:
    """The engine's input from the register's rows (see the module's docstring), and
    warnings about what the data lacks. Rows of other years are left out."""
    aarene = (forrige, aar)
    advarsler: list[str] = []
    uden_kvartaler: dict[int, int] = defaultdict(int)
    raekker: list[Ydelsesaar] = []
    foerste: dict[tuple[str, int], int] = {}  # (tilbud, år) → index of its first row
    omkostninger: dict[tuple[str, int], Decimal] = defaultdict(lambda: NUL)
    med_ydelsesregnskab: set[tuple[str, int]] = set()
    for y in ydelser:
        if y.aar not in aarene:
            continue
        fuld = len(y.kvartalsdage) == KVARTALER
        if y.pladser > 0 and not fuld:
            uden_kvartaler[y.aar] += 1
        noegle = (y.tilbud, y.aar)
        foerste.setdefault(noegle, len(raekker))
        omkostninger[noegle] += y.regnskab or NUL
        if y.regnskab is not None:
            med_ydelsesregnskab.add(noegle)
        dage = sum(y.kvartalsdage, NUL)
        raekker.append(
            Ydelsesaar(
                aar=y.aar,
                driftsherre=y.driftsherre,
                tilbud=y.tilbud,
                ydelse=y.ydelse,
                maalgruppe=y.maalgruppe,
                pladstype=y.pladstype,
                pladser=y.pladser,
                aarspladser=y.faktiske_aarspladser,
                brugte_dage=dage if y.faktiske_aarspladser is None and fuld else None,
                omkostninger=y.regnskab or NUL,
                budgetteret_belaegning_pct=y.budgetteret_belaegning_pct,
                kvartalsdage=dage if fuld else None,
            )
        )
    for r in sorted(regnskaber, key=lambda r: (r.tilbud, r.aar)):
        if r.aar not in aarene:
            continue
        noegle = (r.tilbud, r.aar)
        regnskabets = noegle not in med_ydelsesregnskab  # costs only in the accounts
        if not regnskabets and r.omkostninger != omkostninger[noegle]:
            advarsler.append(
                f"{r.tilbud} {r.aar}: regnskabets omkostninger ({r.omkostninger} kr.) er ikke summen af "
                f"ydelsernes regnskab ({omkostninger[noegle]} kr.); tabel A bruger ydelsernes."
            )
        i = foerste.get(noegle)
        if i is None:
            raekker.append(
                Ydelsesaar(
                    aar=r.aar,
                    driftsherre=r.driftsherre,
                    tilbud=r.tilbud,
                    maalgruppe=r.maalgruppe,
                    pladstype=Pladstype.DOEGN,
                    omkostninger=r.omkostninger,
                    resultat=r.resultat,
                    tillaeg=r.tillaeg,
                )
            )
        else:
            opdater: dict[str, Decimal] = {"resultat": r.resultat, "tillaeg": r.tillaeg}
            if regnskabets:
                opdater["omkostninger"] = r.omkostninger
            raekker[i] = raekker[i].model_copy(update=opdater)
    for a, n in sorted(uden_kvartaler.items()):
        advarsler.append(
            f"{n} ydelser har ikke indberettet brugte dage for alle fire kvartaler {a}; i "
            "belægningsoversigten (tabel D) og afvigelsesflaget tæller de med regnskabets årspladser, "
            "hvis der er nogen."
        )
    grundlag = Ledelsesinfogrundlag(region=region, forrige_aar=forrige, aar=aar, raekker=tuple(raekker))
    return grundlag, tuple(advarsler)
