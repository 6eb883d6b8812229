"""The assessed change: dates, procedure, consequences per paying municipality, the
notification and its recipients, with the trace."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import computed_field, field_serializer, field_validator

from socialstyring.beregning.aendring.procedure import Modtager, Procedure
from socialstyring.beregning.kerne.model import LagretResultat, Opgradering, Resultat, ResultatMedRegler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.kerne.typer import Aendringstype, Kategori


class Kommunekonsekvens(Resultat):
    """One paying municipality's consequence for the rest of the year.

    `merudgift` is the rate effect (negative = saving); for a closure `pladsdage` are the
    place-days it must find elsewhere and `bortfaldende_betaling` what it no longer pays
    the offer. Trace keys `kommune.<kode>.merudgift|pladsdage|bortfaldende_betaling`."""

    kode: str
    navn: str
    i_aftalen: bool
    aarspladser: Decimal
    merudgift: Decimal | None
    pladsdage: Decimal | None
    bortfaldende_betaling: Decimal | None
    noegle: str


class Underretning(Resultat):
    """The notification: a subject and sections (heading, text; lines split by newline).
    In the JSON each section is `{"overskrift": …, "tekst": …}`."""

    emne: str
    afsnit: tuple[tuple[str, str], ...]

    def som_tekst(self) -> str:
        dele = [self.emne, ""]
        for overskrift, tekst in self.afsnit:
            dele.extend([overskrift, tekst, ""])
        return "\n".join(dele).rstrip() + "\n"

    @field_serializer("afsnit", when_used="json")
    def _afsnit_json(self, afsnit: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
        return [{"overskrift": o, "tekst": t} for o, t in afsnit]

    @field_validator("afsnit", mode="before")
    @classmethod
    def _afsnit_fra_json(cls, v: Any) -> Any:
        if isinstance(v, list) and all(isinstance(a, dict) for a in v):
            return tuple((a.get("overskrift"), a.get("tekst")) for a in v)
        return v


_AFLEDTE_V1 = ("type_tekst", "kategori_tekst", "procedure_tekst", "regler_anvendt")
"""The keys of a version 1 record that follow from its other keys."""


def _fra_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2. Version 2 added only `schema_version`; version 1's derived keys (the
    Danish names of type, category and procedure, and `regler_anvendt`) are dropped, as they
    follow from the rest."""
    return {k: v for k, v in data.items() if k not in _AFLEDTE_V1}


class Aendringsresultat(ResultatMedRegler, LagretResultat):
    """The assessed change. Trace keys: `virkning.regel`, `virkning.varsel` (closure),
    `virkning.tidligste`, `virkning.ikrafttraedelse`, `virkning.foerste_dag`, `virkning.dage`;
    `takst.forskel`, `takst.forskel_pct`, `takst.dage_pr_aar`, `takst.helaarsvirkning`;
    `pladser.forskel`, `pladser.pladsdage` (places), `lukning.pladsdage` (closure);
    `kommune.<kode>.*`, `i_alt.merudgift`, `i_alt.pladsdage`, `i_alt.bortfaldende_betaling`;
    `procedure`, `hoering`.

    Stored for years (`Aendring.konsekvens["resultat"]`): `til_json()` carries
    `schema_version` and `Aendringsresultat.laes(data)` reads every version (see
    `kerne.model.LagretResultat`). Version 1 is the JSON before the version number."""

    SCHEMA_VERSION: ClassVar[int] = 2
    OPGRADERINGER: ClassVar[Mapping[int, Opgradering]] = {1: _fra_version_1}

    tilbud: str
    ydelse: str | None
    region: str
    type: Aendringstype
    kategori: Kategori | None
    beslutningsdato: date
    oensket_ikrafttraedelse: date
    tidligste_ikrafttraedelse: date
    ikrafttraedelse: date
    flyttet: bool
    varsel_udloeb: date | None
    foerste_dag: date  # the first day the change affects (a closure: the day after it)
    aar: int  # the year of the first affected day: the consequences are for its rest
    dage: int  # calendar days from `foerste_dag` to 31 December inclusive
    procedure: Procedure
    kraever_hoering: bool
    hoeringsinstans: str
    takst_foer: Decimal | None
    takst_efter: Decimal | None
    takst_forskel: Decimal | None
    takst_forskel_pct: Decimal | None
    helaarsvirkning_pr_plads: Decimal | None
    pladser_foer: Decimal | None
    pladser_efter: Decimal | None
    pladser_forskel: Decimal | None
    pladsdage: Decimal | None  # change in place-days (closure: lost place-days, negative)
    kommuner: tuple[Kommunekonsekvens, ...]
    merudgift_i_alt: Decimal | None
    bortfaldende_betaling_i_alt: Decimal | None
    modtagere: tuple[Modtager, ...]
    underretning: Underretning
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_tekst(self) -> str:
        return self.type.label

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kategori_tekst(self) -> str | None:
        return self.kategori.label if self.kategori else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def procedure_tekst(self) -> str:
        return self.procedure.beskrivelse(self.hoeringsinstans)
