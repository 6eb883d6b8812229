"""The assessed change: dates, procedure, consequences per paying municipality, the
notification and its recipients, with the trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from socialstyring.beregning.aendring.procedure import Modtager, Procedure
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Aendringstype, Kategori


@dataclass(frozen=True)
class Kommunekonsekvens:
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


@dataclass(frozen=True)
class Underretning:
    """The notification: a subject and sections (heading, text; lines split by newline)."""

    emne: str
    afsnit: tuple[tuple[str, str], ...]

    def som_tekst(self) -> str:
        dele = [self.emne, ""]
        for overskrift, tekst in self.afsnit:
            dele.extend([overskrift, tekst, ""])
        return "\n".join(dele).rstrip() + "\n"


@dataclass(frozen=True)
class Aendringsresultat:
    """The assessed change. Trace keys: `virkning.regel`, `virkning.varsel` (closure),
    `virkning.tidligste`, `virkning.ikrafttraedelse`, `virkning.foerste_dag`, `virkning.dage`;
    `takst.forskel`, `takst.forskel_pct`, `takst.dage_pr_aar`, `takst.helaarsvirkning`;
    `pladser.forskel`, `pladser.pladsdage` (places), `lukning.pladsdage` (closure);
    `kommune.<kode>.*`, `i_alt.merudgift`, `i_alt.pladsdage`, `i_alt.bortfaldende_betaling`;
    `procedure`, `hoering`."""

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
    spor: Spor
    advarsler: tuple[str, ...] = field(default=())

    def regler_anvendt(self) -> list[Regelreference]:
        return self.spor.regler()

    def til_json(self) -> dict[str, Any]:
        return {
            "tilbud": self.tilbud,
            "ydelse": self.ydelse,
            "region": self.region,
            "type": str(self.type),
            "type_tekst": self.type.label,
            "kategori": str(self.kategori) if self.kategori else None,
            "kategori_tekst": self.kategori.label if self.kategori else None,
            "beslutningsdato": self.beslutningsdato.isoformat(),
            "oensket_ikrafttraedelse": self.oensket_ikrafttraedelse.isoformat(),
            "tidligste_ikrafttraedelse": self.tidligste_ikrafttraedelse.isoformat(),
            "ikrafttraedelse": self.ikrafttraedelse.isoformat(),
            "flyttet": self.flyttet,
            "varsel_udloeb": self.varsel_udloeb.isoformat() if self.varsel_udloeb else None,
            "foerste_dag": self.foerste_dag.isoformat(),
            "aar": self.aar,
            "dage": self.dage,
            "procedure": str(self.procedure),
            "procedure_tekst": self.procedure.beskrivelse(self.hoeringsinstans),
            "kraever_hoering": self.kraever_hoering,
            "hoeringsinstans": self.hoeringsinstans,
            "takst_foer": _s(self.takst_foer),
            "takst_efter": _s(self.takst_efter),
            "takst_forskel": _s(self.takst_forskel),
            "takst_forskel_pct": _s(self.takst_forskel_pct),
            "helaarsvirkning_pr_plads": _s(self.helaarsvirkning_pr_plads),
            "pladser_foer": _s(self.pladser_foer),
            "pladser_efter": _s(self.pladser_efter),
            "pladser_forskel": _s(self.pladser_forskel),
            "pladsdage": _s(self.pladsdage),
            "kommuner": [
                {
                    "kode": k.kode,
                    "navn": k.navn,
                    "i_aftalen": k.i_aftalen,
                    "aarspladser": str(k.aarspladser),
                    "merudgift": _s(k.merudgift),
                    "pladsdage": _s(k.pladsdage),
                    "bortfaldende_betaling": _s(k.bortfaldende_betaling),
                    "noegle": k.noegle,
                }
                for k in self.kommuner
            ],
            "merudgift_i_alt": _s(self.merudgift_i_alt),
            "bortfaldende_betaling_i_alt": _s(self.bortfaldende_betaling_i_alt),
            "modtagere": [{"navn": m.navn, "kode": m.kode, "grund": m.grund} for m in self.modtagere],
            "underretning": {
                "emne": self.underretning.emne,
                "afsnit": [{"overskrift": o, "tekst": t} for o, t in self.underretning.afsnit],
            },
            "advarsler": list(self.advarsler),
            "regler_anvendt": [r.til_json() for r in self.regler_anvendt()],
            "spor": self.spor.til_json(),
        }


def _s(v: Decimal | None) -> str | None:
    return None if v is None else str(v)
