"""The inputs of the reimbursement calculation: a municipality's citizens in particularly
expensive cases, month by month, for one year."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal, slug
from socialstyring.beregning.kerne.penge import NUL, OERE, kr
from socialstyring.regler import LAG

CPR = re.compile(r"\d{6}-?\d{4}")
"""A key that looks like a CPR number is refused: the key is pseudonymous."""


class Ordning(StrEnum):
    """The citizen's scheme: adults (SEL § 176) or children and young people (before 2021
    SEL § 176 a; from 2021 summed per household, SEL § 176, stk. 2 / barnets lov § 198)."""

    VOKSEN = "voksen"
    BARN = "barn"

    @property
    def label(self) -> str:
        return "voksen" if self is Ordning.VOKSEN else "barn eller ung"


class Maanedsudgift(Inddata):
    """One month's cost of help under the law for a citizen (kr.)."""

    maaned: int = Field(ge=1, le=12)
    brutto: Tal = Field(ge=0, description="kommunens samlede udgift til hjælp og støtte i måneden")
    indtaegter: Tal = Field(
        default=NUL, ge=0, description="alle indtægter: brugerbetaling, refusion, tilskud"
    )
    objektivt_finansieret: Tal = Field(
        default=NUL, ge=0, description="den del af udgiften, der er dækket af objektiv finansiering"
    )
    kilde: str = Field(
        default="",
        max_length=2000,
        description="hvor udgiften kommer fra, fx de afregninger, den er summen af",
    )

    @classmethod
    def samlet(
        cls,
        maaned: int,
        indtastet: tuple[Decimal, Decimal, Decimal] | None,
        afregnet: tuple[Decimal, str] | None,
    ) -> Maanedsudgift:
        """A month from what is entered (gross, income, objectively financed) and what is
        billed for the citizen's stays (amount, where it comes from): the gross is their sum,
        and `kilde` says so."""
        brutto, indt, obj = indtastet or (NUL, NUL, NUL)
        kilde = ""
        if afregnet is not None:
            kilde = f"afregnet {kr(afregnet[0])} ({afregnet[1]})"
            if indtastet is not None:
                kilde += f" + indtastet {kr(brutto)}"
        billed = afregnet[0] if afregnet else NUL
        return cls(
            maaned=maaned, brutto=brutto + billed, indtaegter=indt, objektivt_finansieret=obj, kilde=kilde
        )


class Engangsudgift(Inddata):
    """A one-off cost, spread evenly over the 12 months of its accounting year."""

    navn: str = ""
    beloeb: Tal = Field(ge=0)
    aar: int = Field(ge=2007, le=2100)

    @model_validator(mode="after")
    def _hele_oere(self) -> Engangsudgift:
        if self.beloeb % OERE:
            raise ValueError(f"engangsudgiften {self.beloeb} skal være i hele øre")
        return self


class Borger(Inddata):
    """A citizen (by a pseudonymous key, never a CPR number) and the year's costs."""

    noegle: str = Field(min_length=1, max_length=60)
    foedselsdato: date
    ordning: Ordning
    husstand: str | None = Field(default=None, min_length=1, max_length=60)
    maaneder: tuple[Maanedsudgift, ...] = ()
    engangsudgifter: tuple[Engangsudgift, ...] = ()
    ophoerer: date | None = Field(
        default=None,
        description=(
            "den sidste dag med hjælp, når den kendes (fx opholdenes ophør); prognosen for næste år "
            "tæller kun de måneder, der er begyndt til og med den dag"
        ),
    )
    udgift_sidste_maaned_foer_67: Tal | None = Field(
        default=None,
        ge=0,
        description=(
            "nettoudgiften i den sidste måned forud for det fyldte 67. år, når den måned ligger før "
            "beregningsåret (ved indlæggelse på regionalt sygehus: måneden før indlæggelsen)"
        ),
    )

    @model_validator(mode="after")
    def _tjek(self) -> Borger:
        for tekst in (self.noegle, self.husstand or ""):
            if CPR.search(tekst):
                raise ValueError(f"'{tekst}' ligner et CPR-nummer; brug en pseudonym nøgle")
        maaneder = [m.maaned for m in self.maaneder]
        dobbelte = sorted({m for m in maaneder if maaneder.count(m) > 1})
        if dobbelte:
            raise ValueError(f"{self.noegle}: måned {', '.join(map(str, dobbelte))} står mere end én gang")
        return self


class Refusionsgrundlag(Inddata):
    """A municipality's particularly expensive cases for one year, up to and including the
    quarter the claim is made for (default: the quarter of the last month given)."""

    kommune: str = ""
    region: str = "national"
    aar: int = Field(ge=2013, le=2100)
    kvartal: int | None = Field(default=None, ge=1, le=4)
    borgere: tuple[Borger, ...] = Field(min_length=1)
    tidligere_anmeldt: dict[int, Tal] = Field(
        default_factory=dict, description="det beløb, der blev anmeldt for hvert tidligere kvartal i året"
    )

    @model_validator(mode="after")
    def _tjek(self) -> Refusionsgrundlag:
        if self.region not in LAG:
            raise ValueError(f"ukendt lag '{self.region}'; kendte er {', '.join(LAG)}")
        noegler = [slug(b.noegle) for b in self.borgere]
        if len(noegler) != len(set(noegler)):
            raise ValueError("borgerne skal have forskellige nøgler")
        for b in self.borgere:
            for e in b.engangsudgifter:
                if e.aar != self.aar:
                    raise ValueError(
                        f"{b.noegle}: engangsudgiften {e.navn or e.beloeb} hører til {e.aar} og "
                        f"fordeles over det års 12 måneder; beregningen er for {self.aar}"
                    )
            sene = [m.maaned for m in b.maaneder if m.maaned > self.sidste_maaned]
            if sene:
                raise ValueError(
                    f"{b.noegle}: måned {', '.join(map(str, sene))} ligger efter {self.kvartal}. kvartal"
                )
        forkerte = sorted(k for k in self.tidligere_anmeldt if not 1 <= k < self.opgoerelseskvartal)
        if forkerte:
            raise ValueError(
                f"tidligere_anmeldt: kvartal {', '.join(map(str, forkerte))} ligger ikke før "
                f"{self.opgoerelseskvartal}. kvartal"
            )
        return self

    @property
    def opgoerelseskvartal(self) -> int:
        """The quarter the claim is made for."""
        if self.kvartal is not None:
            return self.kvartal
        sidste = max((m.maaned for b in self.borgere for m in b.maaneder), default=12)
        return (sidste - 1) // 3 + 1

    @property
    def sidste_maaned(self) -> int:
        """The last month of the claim's quarter."""
        return 3 * self.opgoerelseskvartal
