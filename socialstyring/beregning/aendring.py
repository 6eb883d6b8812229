"""In-year changes of rate and capacity (ændringer i året): when a change may take
effect, which procedure it follows, what it costs each paying municipality, and the
notification to the municipalities of the agreement.

The procedure is the agreement's (Syddanmark: seed 002, "Ændring af takster og kapacitet
i Styringsaftaleperioden"); every value comes from the rulebook (`aendring.*`,
`varsel.lukning`, `takst.dage_pr_aar`):

- **Earliest effect.** `aendring.tidligste_virkning_<type>`, else `aendring.tidligste_virkning`:
  `beslutningsdato` (rate rises, more or fewer places, closure) or `aarets_start` (rate cuts
  and corrections of technical errors may take effect from 1 January of the decision's year).
  A closure takes effect at the earliest when the notice period `varsel.lukning` ends
  (Syddanmark: løbende måned + 2 måneder, so a closure decided 14 May ends its notice on
  31 July); the offer closes *at the end of* its effective date. A requested date before
  the earliest allowed one is moved to it, with a warning.
- **Procedure.** `aendring.procedure_<kategori>_<type>`, else `aendring.procedure_<kategori>`:
  `hoering` (hearing in the forum `aendring.hoeringsinstans` before the change takes lasting
  effect), `orientering` (put into effect at once; paying municipalities and the forum are
  informed), `meddelelse` (notification to all municipalities) or `orientering_beroerte`
  (affected offers are informed). With no category known the strictest procedure the
  region defines is used, with a warning.
- **Consequences.** Counted for the rest of the year of the first affected day (the
  effective date; for a closure the day after) up to and including 31 December, in
  calendar days, because municipalities pay per day used:

      takstforskel            = ny takst − gammel takst (and in % of the old rate, 2 decimals)
      helårsvirkning pr. plads = takstforskel × dage i året (takst.dage_pr_aar)
      merudgift for kommunen  = takstforskel × dage resten af året × kommunens årspladser
      pladsdage ved ændring   = (nye − gamle pladser) × dage resten af året
      ved lukning, pr. kommune: berørte pladsdage = årspladser × dage efter lukningen, og
                                bortfaldende betaling = gammel takst × berørte pladsdage

  A negative merudgift is a saving. The municipality's årspladser are its use of the offer
  in the year (`Pladskoeb`); they are assumed to continue for the rest of the year.
- **Notification.** A Danish text (what changes, why, from when, consequences, hearing)
  and its recipients: every municipality of the agreement, every other paying
  municipality, and the forum when it hears or is informed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from socialstyring.beregning.kategori import Kategori, Kommunekode
from socialstyring.beregning.model import Caseberegning, Inddata, Tal
from socialstyring.beregning.penge import HUNDREDE, NUL, Afrunding, afrund, dansk_tal, kr
from socialstyring.beregning.regelbrug import Regler, reference
from socialstyring.beregning.spor import Regelreference, Spor
from socialstyring.beregning.takst import Pladstype
from socialstyring.regler import REGIONER, Regelbog, Varsel


class AendringFejl(ValueError):
    """The change cannot be assessed: the region's rulebook lacks a rule for it."""


class Aendringstype(StrEnum):
    """The kinds of in-year change; the values are those of `takster.models.Aendringstype`."""

    TAKSTFORHOEJELSE = "takstforhoejelse"
    TAKSTNEDSAETTELSE = "takstnedsaettelse"
    TEKNISK_FEJL = "teknisk_fejl"
    FLERE_PLADSER = "flere_pladser"
    FAERRE_PLADSER = "faerre_pladser"
    LUKNING = "lukning"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]

    @property
    def er_takstaendring(self) -> bool:
        """A change of the rate itself (the register's rate follows it)."""
        return self in (
            Aendringstype.TAKSTFORHOEJELSE,
            Aendringstype.TAKSTNEDSAETTELSE,
            Aendringstype.TEKNISK_FEJL,
        )

    @property
    def er_pladsaendring(self) -> bool:
        return self in (Aendringstype.FLERE_PLADSER, Aendringstype.FAERRE_PLADSER)


_TYPE_LABELS = {
    Aendringstype.TAKSTFORHOEJELSE: "Takstforhøjelse",
    Aendringstype.TAKSTNEDSAETTELSE: "Takstnedsættelse",
    Aendringstype.TEKNISK_FEJL: "Rettelse af teknisk fejl i takstberegningen",
    Aendringstype.FLERE_PLADSER: "Oprettelse af flere pladser",
    Aendringstype.FAERRE_PLADSER: "Nedlæggelse af pladser",
    Aendringstype.LUKNING: "Lukning af tilbud",
}


class Procedure(StrEnum):
    """How a change is handled before it takes effect; the rulebook's `valgmuligheder`."""

    HOERING = "hoering"
    ORIENTERING = "orientering"
    MEDDELELSE = "meddelelse"
    ORIENTERING_BEROERTE = "orientering_beroerte"

    @property
    def strenghed(self) -> int:
        """Higher is stricter; used only to choose when the category is unknown."""
        return _STRENGHED[self]

    def beskrivelse(self, instans: str) -> str:
        return {
            Procedure.HOERING: f"Høring i {instans} før ikrafttrædelse; meddeles alle kommuner",
            Procedure.ORIENTERING: f"Kan iværksættes straks; betalingskommuner og {instans} orienteres",
            Procedure.MEDDELELSE: "Meddeles alle kommuner i rammeaftalen og andre brugerkommuner",
            Procedure.ORIENTERING_BEROERTE: "Berørte tilbud orienteres hurtigst muligt",
        }[self]


_STRENGHED = {
    Procedure.ORIENTERING_BEROERTE: 1,
    Procedure.MEDDELELSE: 2,
    Procedure.ORIENTERING: 3,
    Procedure.HOERING: 4,
}

MAANEDER = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def dansk_dato(d: date) -> str:
    """'14. juni 2019'"""
    return f"{d.day}. {MAANEDER[d.month - 1]} {d.year}"


class Kommuneref(Inddata):
    """A municipality of the framework agreement (a recipient of the notification)."""

    kode: Kommunekode
    navn: str = Field(min_length=1)


class Betalingskommune(Inddata):
    """A municipality that pays for places in the offer, with its use in årspladser."""

    kode: Kommunekode
    navn: str = Field(min_length=1)
    aarspladser: Tal = Field(ge=0)


class Aendringsgrundlag(Inddata):
    """An in-year change as the operator files it, with the register's figures."""

    region: str
    tilbud: str = Field(min_length=1)
    driftsherre: str = ""
    ydelse: str | None = None
    pladstype: Pladstype = Pladstype.DOEGN
    type: Aendringstype
    kategori: Kategori | None = Field(default=None, description="tilbuddets kategori i registeret")
    begrundelse: str
    beslutningsdato: date
    oensket_ikrafttraedelse: date
    gammel_takst: Tal | None = Field(default=None, gt=0)
    ny_takst: Tal | None = Field(default=None, ge=0)
    gamle_pladser: Tal | None = Field(default=None, ge=0)
    nye_pladser: Tal | None = Field(default=None, ge=0)
    betalingskommuner: tuple[Betalingskommune, ...] = ()
    aarspladser_aar: int | None = Field(
        default=None, ge=2007, le=2100, description="året, årspladserne er fra (standard: konsekvensåret)"
    )
    aftalens_kommuner: tuple[Kommuneref, ...] = ()

    @model_validator(mode="after")
    def _tjek(self) -> Aendringsgrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        if not self.begrundelse.strip():
            raise ValueError("en ændring skal begrundes (begrundelse mangler)")
        koder = [b.kode for b in self.betalingskommuner]
        dobbelte = sorted({k for k in koder if koder.count(k) > 1})
        if dobbelte:
            raise ValueError(f"betalingskommuner: kommune {', '.join(dobbelte)} står mere end én gang")
        t, g, n = self.type, self.gammel_takst, self.ny_takst
        if t.er_takstaendring:
            if g is None or n is None:
                raise ValueError(f"{t.label.lower()} kræver både gammel og ny takst")
            if t is Aendringstype.TAKSTFORHOEJELSE and not n > g:
                raise ValueError(f"en takstforhøjelse skal hæve taksten (ny {n} ≤ gammel {g})")
            if t is Aendringstype.TAKSTNEDSAETTELSE and not n < g:
                raise ValueError(f"en takstnedsættelse skal sænke taksten (ny {n} ≥ gammel {g})")
            if t is Aendringstype.TEKNISK_FEJL and n == g:
                raise ValueError("en rettelse af en teknisk fejl skal ændre taksten (ny = gammel)")
        if t.er_pladsaendring:
            gp, np_ = self.gamle_pladser, self.nye_pladser
            if gp is None or np_ is None:
                raise ValueError(f"{t.label.lower()} kræver både gamle og nye pladser")
            if t is Aendringstype.FLERE_PLADSER and not np_ > gp:
                raise ValueError(f"flere pladser: nye pladser ({np_}) skal være flere end gamle ({gp})")
            if t is Aendringstype.FAERRE_PLADSER and not np_ < gp:
                raise ValueError(f"færre pladser: nye pladser ({np_}) skal være færre end gamle ({gp})")
            if n is not None and g is None:
                raise ValueError("angiv også den gamle takst, når den nye takst er angivet")
        if t is Aendringstype.LUKNING:
            if n is not None:
                raise ValueError("en lukning har ingen ny takst")
            if self.nye_pladser not in (None, NUL):
                raise ValueError("en lukning efterlader ingen pladser (nye pladser skal være tomme eller 0)")
        return self


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
class Modtager:
    navn: str
    kode: str | None  # the municipality code; None for the forum
    grund: str


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


def beregn_aendring(grundlag: Aendringsgrundlag, bog: Regelbog) -> Aendringsresultat:
    """Assess an in-year change under the rules in force in its region on the decision date."""
    g = grundlag
    regler = Regler(bog, g.region, g.beslutningsdato)
    spor = Spor()
    advarsler: list[str] = []

    tidligste, varsel_udloeb, virkningstekst = _tidligste(g, regler, spor, advarsler)
    flyttet = g.oensket_ikrafttraedelse < tidligste
    ikraft = max(g.oensket_ikrafttraedelse, tidligste)
    spor.tilfoej(
        "virkning.ikrafttraedelse",
        "Ikrafttrædelse" + (" (tilbuddet lukker med udgangen af dagen)" if _er_lukning(g) else ""),
        "den ønskede dato, dog tidligst den tidligst mulige",
        ikraft.isoformat(),
        "",
        {
            "ønsket ikrafttrædelse": g.oensket_ikrafttraedelse.isoformat(),
            "tidligst": spor.fra("virkning.tidligste"),
        },
        bemaerkning=(
            f"Den ønskede dato {dansk_dato(g.oensket_ikrafttraedelse)} ligger før det tidligst mulige "
            f"({virkningstekst}) og er flyttet til {dansk_dato(ikraft)}."
            if flyttet
            else None
        ),
    )
    if flyttet:
        advarsler.append(
            f"Den ønskede ikrafttrædelse {dansk_dato(g.oensket_ikrafttraedelse)} ligger før det tidligst "
            f"mulige tidspunkt ({virkningstekst}); ændringen er sat til {dansk_dato(ikraft)}."
        )
    foerste = ikraft + timedelta(days=1) if _er_lukning(g) else ikraft
    spor.tilfoej(
        "virkning.foerste_dag",
        "Første dag, ændringen berører",
        "dagen efter lukningsdagen" if _er_lukning(g) else "ikrafttrædelsesdagen",
        foerste.isoformat(),
        "",
        {"ikrafttrædelse": spor.fra("virkning.ikrafttraedelse")},
    )
    aar = foerste.year
    dage = spor.tilfoej(
        "virkning.dage",
        f"Dage resten af {aar}",
        "31. december − første berørte dag + 1 (kalenderdage; der betales pr. brugt dag)",
        (date(aar, 12, 31) - foerste).days + 1,
        "dage",
        {"første berørte dag": spor.fra("virkning.foerste_dag"), "årets sidste dag": f"{aar}-12-31"},
    )
    if aar > g.beslutningsdato.year:
        advarsler.append(
            f"Ændringen berører først {aar}; konsekvenserne er opgjort for {aar}, og ændringen bør "
            "også indgå i takstindberetningen for året."
        )
    aarspladser_aar = g.aarspladser_aar or aar
    if aarspladser_aar != aar and g.betalingskommuner:
        advarsler.append(
            f"Årspladserne er fra {aarspladser_aar}; forbruget i {aar} er antaget at være det samme."
        )

    takst_forskel, takst_pct, helaar = _takst(g, aar, regler, spor)
    pladser_forskel, pladsdage = _pladser(g, dage, spor)
    if g.type.er_pladsaendring and takst_forskel is None:
        advarsler.append(
            "Den nye takst er ikke angivet, så takstvirkningen for betalingskommunerne er ikke beregnet; "
            "aftalen kræver, at der gøres rede for, hvordan taksten påvirkes."
        )
    kommuner = _kommuner(g, takst_forskel, dage, aarspladser_aar, spor)
    merudgift_i_alt = _i_alt(kommuner, "merudgift", "Merudgift for betalingskommunerne i alt", spor)
    bortfald_i_alt = None
    if _er_lukning(g):
        _i_alt(kommuner, "pladsdage", "Berørte pladsdage for betalingskommunerne i alt", spor)
        bortfald_i_alt = _i_alt(
            kommuner, "bortfaldende_betaling", "Bortfaldende betaling til tilbuddet i alt", spor
        )
        if g.gammel_takst is None and kommuner:
            advarsler.append(
                "Den gamle takst er ikke angivet, så den bortfaldende betaling er ikke beregnet."
            )

    procedure, instans = _procedure(g, regler, spor, advarsler)
    kraever_hoering = procedure is Procedure.HOERING
    spor.tilfoej(
        "hoering",
        f"Kræver høring i {instans}",
        "ja, når proceduren er høring",
        "ja" if kraever_hoering else "nej",
        "",
        {"procedure": spor.fra("procedure")},
    )
    if not g.betalingskommuner:
        advarsler.append(f"Der er ingen betalingskommuner med årspladser i tilbuddet i {aarspladser_aar}.")
    if not g.aftalens_kommuner:
        advarsler.append(
            "Rammeaftalens kommuner er ikke angivet; underretningen går kun til betalingskommunerne."
        )

    modtagere = _modtagere(g, procedure, instans)
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    resultat = Aendringsresultat(
        tilbud=g.tilbud,
        ydelse=g.ydelse,
        region=g.region,
        type=g.type,
        kategori=g.kategori,
        beslutningsdato=g.beslutningsdato,
        oensket_ikrafttraedelse=g.oensket_ikrafttraedelse,
        tidligste_ikrafttraedelse=tidligste,
        ikrafttraedelse=ikraft,
        flyttet=flyttet,
        varsel_udloeb=varsel_udloeb,
        foerste_dag=foerste,
        aar=aar,
        dage=dage,
        procedure=procedure,
        kraever_hoering=kraever_hoering,
        hoeringsinstans=instans,
        takst_foer=g.gammel_takst,
        takst_efter=g.ny_takst,
        takst_forskel=takst_forskel,
        takst_forskel_pct=takst_pct,
        helaarsvirkning_pr_plads=helaar,
        pladser_foer=g.gamle_pladser,
        pladser_efter=NUL if _er_lukning(g) and g.gamle_pladser is not None else g.nye_pladser,
        pladser_forskel=pladser_forskel,
        pladsdage=pladsdage,
        kommuner=kommuner,
        merudgift_i_alt=merudgift_i_alt,
        bortfaldende_betaling_i_alt=bortfald_i_alt,
        modtagere=modtagere,
        underretning=Underretning("", ()),
        spor=spor,
        advarsler=tuple(advarsler),
    )
    return _med_underretning(resultat, g, virkningstekst, aarspladser_aar)


def _er_lukning(g: Aendringsgrundlag) -> bool:
    return g.type is Aendringstype.LUKNING


# --- when ---------------------------------------------------------------------------


def _opslag(regler: Regler, navn: str) -> tuple[str, Regelreference] | None:
    """A text/choice value if the region has one in force at the date."""
    if not regler.bog.har(navn, regler.region):
        return None
    try:
        return regler.tekst(navn)
    except KeyError:
        return None


_VIRKNING_TEKST = {"beslutningsdato": "beslutningsdatoen", "aarets_start": "årets start"}


def _tidligste(
    g: Aendringsgrundlag, regler: Regler, spor: Spor, advarsler: list[str]
) -> tuple[date, date | None, str]:
    """The earliest allowed effective date, the end of a closure's notice, and the reason in words."""
    navne = (f"aendring.tidligste_virkning_{g.type}", "aendring.tidligste_virkning")
    fundet = next(((n, o) for n in navne if (o := _opslag(regler, n)) is not None), None)
    if fundet is None:
        raise AendringFejl(
            f"regelbogen for {g.region} (i kraft {g.beslutningsdato.isoformat()}) har ingen regel for, "
            f"hvornår en ændring i året tidligst kan få virkning ({' eller '.join(navne)})"
        )
    navn, (vaerdi, ref) = fundet
    if vaerdi not in _VIRKNING_TEKST:
        raise AendringFejl(f"{navn}: ukendt værdi '{vaerdi}'; kendte er {', '.join(_VIRKNING_TEKST)}")
    regel_dato = g.beslutningsdato if vaerdi == "beslutningsdato" else date(g.beslutningsdato.year, 1, 1)
    spor.tilfoej(
        "virkning.regel",
        f"Tidligste virkning for {g.type.label.lower()} efter aftalens regel",
        f"{_VIRKNING_TEKST[vaerdi]} ({navn})",
        regel_dato.isoformat(),
        "",
        {"beslutningsdato": g.beslutningsdato.isoformat(), "type": str(g.type)},
        [ref],
    )
    tekst = _VIRKNING_TEKST[vaerdi]
    if not _er_lukning(g):
        spor.tilfoej(
            "virkning.tidligste",
            "Tidligst mulige ikrafttrædelse",
            "aftalens regel",
            regel_dato.isoformat(),
            "",
            {"efter reglen": spor.fra("virkning.regel")},
        )
        return regel_dato, None, tekst

    varsel: Varsel | None = None
    if regler.bog.har("varsel.lukning", regler.region):
        try:
            ov = regler.opslag("varsel.lukning")
        except KeyError:
            ov = None
        if ov is not None and isinstance(ov.vaerdi, Varsel):
            varsel = ov.vaerdi
            udloeb = varslets_udloeb(varsel, g.beslutningsdato)
            spor.tilfoej(
                "virkning.varsel",
                "Varslet ved lukning udløber",
                f"{varsel.tekst} fra beslutningsdatoen, til og med",
                udloeb.isoformat(),
                "",
                {"beslutningsdato": g.beslutningsdato.isoformat()},
                [reference(ov)],
                bemaerkning=_varsel_forklaring(varsel, g.beslutningsdato, udloeb),
            )
    if varsel is None:
        advarsler.append(
            f"Regelbogen har intet varsel ved lukning (varsel.lukning) for {g.region}; lukningen kan "
            "derfor tidligst få virkning fra beslutningen. Kontrollér rammeaftalens varslingsfrist."
        )
        spor.tilfoej(
            "virkning.tidligste",
            "Tidligst mulige lukningsdag",
            "aftalens regel (intet varsel ved lukning i regelbogen)",
            regel_dato.isoformat(),
            "",
            {"efter reglen": spor.fra("virkning.regel")},
        )
        return regel_dato, None, tekst
    tidligste = max(regel_dato, udloeb)
    spor.tilfoej(
        "virkning.tidligste",
        "Tidligst mulige lukningsdag",
        "den seneste af reglens dato og varslets udløb",
        tidligste.isoformat(),
        "",
        {"efter reglen": spor.fra("virkning.regel"), "varslets udløb": spor.fra("virkning.varsel")},
    )
    return tidligste, udloeb, f"udløbet af varslet ved lukning, {varsel.tekst.lower()}"


def _maanedens_sidste(aar: int, maaned: int) -> date:
    return date(aar, maaned, calendar.monthrange(aar, maaned)[1])


def _plus_maaneder(d: date, maaneder: int) -> tuple[int, int]:
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
            return _maanedens_sidste(*_plus_maaneder(dato, varsel.maaneder))
        case "maaneder_fra_dag":
            assert varsel.maaneder is not None
            aar, maaned = _plus_maaneder(dato, varsel.maaneder)
            return date(aar, maaned, min(dato.day, calendar.monthrange(aar, maaned)[1]))
        case "dage":
            assert varsel.dage is not None
            return dato + timedelta(days=varsel.dage)
        case _:
            return dato


def _varsel_forklaring(varsel: Varsel, dato: date, udloeb: date) -> str:
    if varsel.regel == "loebende_maaned_plus":
        return (
            f"Løbende måned er {MAANEDER[dato.month - 1]} {dato.year}; plus {varsel.maaneder} "
            f"måned(er) giver udgangen af {MAANEDER[udloeb.month - 1]} {udloeb.year}."
        )
    return f"{varsel.tekst} fra {dansk_dato(dato)} giver {dansk_dato(udloeb)}."


# --- how much -----------------------------------------------------------------------


def _takst(
    g: Aendringsgrundlag, aar: int, regler: Regler, spor: Spor
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if g.gammel_takst is None or g.ny_takst is None:
        return None, None, None
    enhed = g.pladstype.enhed
    forskel = spor.tilfoej(
        "takst.forskel",
        f"Takstforskel pr. {_dagord(g.pladstype)}",
        "ny takst − gammel takst",
        g.ny_takst - g.gammel_takst,
        enhed,
        {"ny takst": g.ny_takst, "gammel takst": g.gammel_takst},
    )
    pct = spor.tilfoej(
        "takst.forskel_pct",
        "Takstforskel i procent af den gamle takst",
        "takstforskel / gammel takst × 100, afrundet til 2 decimaler",
        afrund(forskel / g.gammel_takst * HUNDREDE, Afrunding.OERE),
        "%",
        {"takstforskel": spor.fra("takst.forskel"), "gammel takst": g.gammel_takst},
    )
    metode, ref = regler.tekst("takst.dage_pr_aar")
    dage_i_aaret = 366 if metode == "kalenderdage" and calendar.isleap(aar) else 365
    spor.tilfoej(
        "takst.dage_pr_aar",
        "Dage i året (takstberegningens konvention)",
        "365" if metode == "365" else f"kalenderdage i {aar}",
        dage_i_aaret,
        "dage",
        regler=[ref],
    )
    helaar = spor.tilfoej(
        "takst.helaarsvirkning",
        "Helårsvirkning pr. plads",
        "takstforskel × dage i året",
        forskel * dage_i_aaret,
        "kr.",
        {"takstforskel": spor.fra("takst.forskel"), "dage i året": spor.fra("takst.dage_pr_aar")},
    )
    return forskel, pct, helaar


def _pladser(g: Aendringsgrundlag, dage: int, spor: Spor) -> tuple[Decimal | None, Decimal | None]:
    if g.type.er_pladsaendring:
        assert g.gamle_pladser is not None and g.nye_pladser is not None
        forskel = spor.tilfoej(
            "pladser.forskel",
            "Ændring i antal faste pladser",
            "nye pladser − gamle pladser",
            g.nye_pladser - g.gamle_pladser,
            "pladser",
            {"nye pladser": g.nye_pladser, "gamle pladser": g.gamle_pladser},
        )
        pladsdage = spor.tilfoej(
            "pladser.pladsdage",
            "Ændring i pladsdage resten af året",
            "ændring i pladser × dage resten af året",
            forskel * dage,
            "pladsdage",
            {"ændring i pladser": spor.fra("pladser.forskel"), "dage": spor.fra("virkning.dage")},
        )
        return forskel, pladsdage
    if _er_lukning(g) and g.gamle_pladser is not None:
        tabte = spor.tilfoej(
            "lukning.pladsdage",
            "Pladsdage, der bortfalder resten af året",
            "tilbuddets pladser × dage efter lukningen",
            g.gamle_pladser * dage,
            "pladsdage",
            {"pladser": g.gamle_pladser, "dage": spor.fra("virkning.dage")},
        )
        return -g.gamle_pladser, -tabte
    return None, None


def _kommuner(
    g: Aendringsgrundlag, forskel: Decimal | None, dage: int, aarspladser_aar: int, spor: Spor
) -> tuple[Kommunekonsekvens, ...]:
    aftalen = {k.kode for k in g.aftalens_kommuner}
    resultat = []
    for b in sorted(g.betalingskommuner, key=lambda b: b.navn):
        p = f"kommune.{b.kode}"
        aarspladser = f"årspladser {aarspladser_aar}"
        merudgift = pladsdage = bortfald = None
        if forskel is not None:
            merudgift = spor.tilfoej(
                f"{p}.merudgift",
                f"Merudgift resten af året for {b.navn}" + (" (negativ = besparelse)" if forskel < 0 else ""),
                "takstforskel × dage resten af året × årspladser, afrundet til øre",
                afrund(forskel * dage * b.aarspladser, Afrunding.OERE),
                "kr.",
                {
                    "takstforskel": spor.fra("takst.forskel"),
                    "dage": spor.fra("virkning.dage"),
                    aarspladser: b.aarspladser,
                },
            )
        if _er_lukning(g):
            pladsdage = spor.tilfoej(
                f"{p}.pladsdage",
                f"Pladsdage, {b.navn} skal finde andetsteds",
                "årspladser × dage efter lukningen",
                b.aarspladser * dage,
                "pladsdage",
                {aarspladser: b.aarspladser, "dage": spor.fra("virkning.dage")},
            )
            if g.gammel_takst is not None:
                bortfald = spor.tilfoej(
                    f"{p}.bortfaldende_betaling",
                    f"Betaling fra {b.navn} til tilbuddet, der bortfalder",
                    "gammel takst × berørte pladsdage, afrundet til øre",
                    afrund(g.gammel_takst * pladsdage, Afrunding.OERE),
                    "kr.",
                    {"gammel takst": g.gammel_takst, "pladsdage": spor.fra(f"{p}.pladsdage")},
                    bemaerkning="Pladserne skal i stedet købes i et andet tilbud.",
                )
        resultat.append(
            Kommunekonsekvens(
                b.kode, b.navn, b.kode in aftalen, b.aarspladser, merudgift, pladsdage, bortfald, p
            )
        )
    return tuple(resultat)


def _i_alt(kommuner: tuple[Kommunekonsekvens, ...], felt: str, label: str, spor: Spor) -> Decimal | None:
    med = [k for k in kommuner if getattr(k, felt) is not None]
    if not med:
        return None
    enhed = "pladsdage" if felt == "pladsdage" else "kr."
    total = sum((getattr(k, felt) for k in med), NUL)
    assert isinstance(total, Decimal)
    return spor.tilfoej(
        f"i_alt.{felt}",
        label,
        "sum over betalingskommunerne",
        total,
        enhed,
        {k.navn: spor.fra(f"{k.noegle}.{felt}") for k in med},
    )


# --- who ----------------------------------------------------------------------------


def _procedure_for(
    g: Aendringsgrundlag, kategori: Kategori, regler: Regler
) -> tuple[str, Procedure, Regelreference] | None:
    for navn in (f"aendring.procedure_{kategori}_{g.type}", f"aendring.procedure_{kategori}"):
        o = _opslag(regler, navn)
        if o is not None:
            vaerdi, ref = o
            try:
                return navn, Procedure(vaerdi), ref
            except ValueError:
                raise AendringFejl(
                    f"{navn}: ukendt procedure '{vaerdi}'; kendte er {', '.join(p.value for p in Procedure)}"
                ) from None
    return None


def _procedure(
    g: Aendringsgrundlag, regler: Regler, spor: Spor, advarsler: list[str]
) -> tuple[Procedure, str]:
    instans_opslag = _opslag(regler, "aendring.hoeringsinstans")
    if instans_opslag is None:
        raise AendringFejl(
            f"regelbogen for {g.region} har intet forum for ændringer (aendring.hoeringsinstans)"
        )
    instans, ref_instans = instans_opslag
    if g.kategori is not None:
        fundet = _procedure_for(g, g.kategori, regler)
        if fundet is None:
            raise AendringFejl(
                f"regelbogen for {g.region} (i kraft {g.beslutningsdato.isoformat()}) har ingen "
                f"procedure for ændringer i et tilbud med kategorien '{g.kategori.label}' "
                f"(aendring.procedure_{g.kategori}_{g.type} eller aendring.procedure_{g.kategori})"
            )
        navn, procedure, ref = fundet
        formel = f"{navn} (kategori og ændringstype)"
        bemaerkning = procedure.beskrivelse(instans)
    else:
        muligheder = [f for k in Kategori if (f := _procedure_for(g, k, regler)) is not None]
        if not muligheder:
            raise AendringFejl(
                f"regelbogen for {g.region} har ingen procedurer for ændringer (aendring.procedure_*)"
            )
        navn, procedure, ref = max(muligheder, key=lambda f: f[1].strenghed)
        formel = f"kategorien er ukendt: den strengeste af regionens procedurer ({navn})"
        bemaerkning = f"{procedure.beskrivelse(instans)}. Tilbuddets kategori er ikke registreret."
        advarsler.append(
            "Tilbuddets kategori er ikke registreret for året; den strengeste procedure, rammeaftalen "
            f"har for ændringen, er brugt ({procedure.beskrivelse(instans).lower()})."
        )
    spor.tilfoej(
        "procedure",
        "Procedure før ikrafttrædelse",
        formel,
        str(procedure),
        "",
        {"kategori": str(g.kategori) if g.kategori else "ukendt", "ændringstype": str(g.type)},
        [ref, ref_instans],
        bemaerkning=bemaerkning,
    )
    return procedure, instans


def _modtagere(g: Aendringsgrundlag, procedure: Procedure, instans: str) -> tuple[Modtager, ...]:
    betalende = {b.kode for b in g.betalingskommuner if b.aarspladser > 0}
    aftalen = {k.kode for k in g.aftalens_kommuner}
    modtagere = [
        Modtager(
            k.navn,
            k.kode,
            "Kommune i rammeaftalen" + (" og betalingskommune" if k.kode in betalende else ""),
        )
        for k in sorted(g.aftalens_kommuner, key=lambda k: k.navn)
    ]
    modtagere.extend(
        Modtager(b.navn, b.kode, "Betalingskommune uden for rammeaftalen")
        for b in sorted(g.betalingskommuner, key=lambda b: b.navn)
        if b.kode not in aftalen and b.kode in betalende
    )
    if procedure is Procedure.HOERING:
        modtagere.append(Modtager(instans, None, "Høring før ikrafttrædelse"))
    elif procedure is Procedure.ORIENTERING:
        modtagere.append(Modtager(instans, None, "Orientering"))
    return tuple(modtagere)


# --- the notification ---------------------------------------------------------------


def _dagord(p: Pladstype) -> str:
    return "døgn" if p is Pladstype.DOEGN else "dag"


def _pladstal(d: Decimal) -> str:
    """Places and place-days without trailing zeros: 2,0 → 2; 76,50 → 76,5."""
    return dansk_tal(d.normalize())


def _med_underretning(
    r: Aendringsresultat, g: Aendringsgrundlag, virkningstekst: str, aarspladser_aar: int
) -> Aendringsresultat:
    hvem = g.driftsherre or "Driftsherren"
    hvad = f"{g.ydelse} i {g.tilbud}" if g.ydelse else g.tilbud
    pr = f"pr. {_dagord(g.pladstype)}"
    emne = f"{g.type.label}: {g.tilbud}" + (f", {g.ydelse}" if g.ydelse else "")

    afsnit: list[tuple[str, str]] = []
    takstsaetning = ""
    if r.takst_forskel is not None and g.gammel_takst is not None and g.ny_takst is not None:
        takstsaetning = (
            f"fra {kr(g.gammel_takst)} til {kr(g.ny_takst)} {pr}, en ændring på "
            f"{kr(r.takst_forskel)} {pr} ({dansk_tal(r.takst_forskel_pct or NUL)} %)"
        )
    match g.type:
        case Aendringstype.TAKSTFORHOEJELSE:
            aendringen = f"{hvem} forhøjer taksten for {hvad} {takstsaetning}."
        case Aendringstype.TAKSTNEDSAETTELSE:
            aendringen = f"{hvem} nedsætter taksten for {hvad} {takstsaetning}."
        case Aendringstype.TEKNISK_FEJL:
            aendringen = (
                f"{hvem} retter en teknisk fejl i takstberegningen for {hvad}: "
                f"taksten ændres {takstsaetning}."
            )
        case Aendringstype.FLERE_PLADSER | Aendringstype.FAERRE_PLADSER:
            assert g.gamle_pladser is not None and g.nye_pladser is not None and r.pladser_forskel is not None
            verbum = "opretter" if g.type is Aendringstype.FLERE_PLADSER else "nedlægger"
            aendringen = (
                f"{hvem} {verbum} {_pladstal(abs(r.pladser_forskel))} faste pladser i {hvad}: "
                f"fra {_pladstal(g.gamle_pladser)} til {_pladstal(g.nye_pladser)} pladser."
            )
            if takstsaetning:
                aendringen += f" Taksten ændres samtidig {takstsaetning}."
            elif g.gammel_takst is not None:
                aendringen += (
                    f" Den nye takst er ikke oplyst; den hidtidige takst er {kr(g.gammel_takst)} {pr}."
                )
        case Aendringstype.LUKNING:
            aendringen = f"{hvem} lukker {g.tilbud}" + (
                f" ({_pladstal(g.gamle_pladser)} pladser)." if g.gamle_pladser is not None else "."
            )
    afsnit.append(("Ændringen", aendringen))
    afsnit.append(("Begrundelse", g.begrundelse.strip()))

    if g.type is Aendringstype.LUKNING:
        tid = (
            f"Tilbuddet lukker med udgangen af den {dansk_dato(r.ikrafttraedelse)}; "
            f"lukningen er besluttet den {dansk_dato(g.beslutningsdato)}."
        )
        if r.varsel_udloeb is not None:
            tid += (
                f" Varslet ved lukning løber til og med den {dansk_dato(r.varsel_udloeb)}, "
                "og der betales for pladserne til og med lukningsdagen."
            )
    else:
        tid = (
            f"Ændringen træder i kraft den {dansk_dato(r.ikrafttraedelse)}; "
            f"den er besluttet den {dansk_dato(g.beslutningsdato)}."
        )
    if r.flyttet:
        tid += (
            f" Den ønskede ikrafttrædelse, {dansk_dato(g.oensket_ikrafttraedelse)}, ligger før det tidligst "
            f"mulige tidspunkt ({virkningstekst}), og ændringen er derfor sat til "
            f"{dansk_dato(r.ikrafttraedelse)}."
        )
    if r.kraever_hoering:
        hvad_sker = "Lukningen sker" if g.type is Aendringstype.LUKNING else "Ændringen træder varigt i kraft"
        tid += f" {hvad_sker} først, når høringen i {r.hoeringsinstans} er gennemført."
    afsnit.append(("Ikrafttrædelse", tid))
    afsnit.append(("Økonomiske konsekvenser", _konsekvenstekst(r, g, aarspladser_aar)))
    afsnit.append(("Høring og orientering", _hoeringstekst(r, g)))
    return replace(r, underretning=Underretning(emne, tuple(afsnit)))


def _konsekvenstekst(r: Aendringsresultat, g: Aendringsgrundlag, aarspladser_aar: int) -> str:
    periode = f"fra {dansk_dato(r.foerste_dag)} til 31. december {r.aar} ({r.dage} dage)"
    linjer: list[str] = []
    pr = f"pr. {_dagord(g.pladstype)}"
    if r.type.er_pladsaendring and r.pladser_forskel is not None and r.pladsdage is not None:
        retning = "øges" if r.pladser_forskel > 0 else "mindskes"
        linjer.append(
            f"Kapaciteten {retning} med {_pladstal(abs(r.pladser_forskel))} pladser {periode}: "
            f"{_pladstal(abs(r.pladsdage))} pladsdage {'mere' if r.pladser_forskel > 0 else 'mindre'} "
            "i resten af året."
        )
    if r.type is Aendringstype.LUKNING:
        if r.pladsdage is not None and r.pladser_foer is not None:
            linjer.append(
                f"Lukningen fjerner {_pladstal(r.pladser_foer)} pladser {periode}: "
                f"{_pladstal(abs(r.pladsdage))} pladsdage i resten af året."
            )
        else:
            linjer.append(f"Lukningen berører perioden {periode}.")
        if r.kommuner:
            linjer.append(
                f"Betalingskommunerne skal finde andre tilbud til de borgere, de har i tilbuddet "
                f"(årspladser {aarspladser_aar}):"
            )
            for k in r.kommuner:
                linje = (
                    f"• {k.navn}: {_pladstal(k.aarspladser)} årspladser × {r.dage} dage "
                    f"= {_pladstal(k.pladsdage or NUL)} pladsdage"
                )
                if k.bortfaldende_betaling is not None:
                    linje += f"; betaling til tilbuddet, der bortfalder: {kr(k.bortfaldende_betaling)}"
                linjer.append(linje)
            if r.bortfaldende_betaling_i_alt is not None:
                linjer.append(
                    f"Bortfaldende betaling til tilbuddet i alt: {kr(r.bortfaldende_betaling_i_alt)}"
                )
    if r.takst_forskel is not None and r.helaarsvirkning_pr_plads is not None:
        ord_ = "merudgift" if r.takst_forskel > 0 else "besparelse"
        linjer.append(
            f"Takstændringen giver betalingskommunerne en {ord_} på {kr(abs(r.takst_forskel))} {pr} "
            f"pr. plads {periode}; helårsvirkningen er {kr(abs(r.helaarsvirkning_pr_plads))} pr. plads."
        )
        if r.kommuner:
            linjer.append(f"Pr. betalingskommune (årspladser {aarspladser_aar}; negativ = besparelse):")
            for k in r.kommuner:
                linjer.append(
                    f"• {k.navn}: {kr(r.takst_forskel)} × {r.dage} dage × "
                    f"{_pladstal(k.aarspladser)} årspladser = {kr(k.merudgift or NUL)}"
                )
            if r.merudgift_i_alt is not None:
                linjer.append(f"I alt: {kr(r.merudgift_i_alt)}")
    if not r.kommuner:
        linjer.append(
            f"Der er ingen registrerede betalingskommuner med årspladser i tilbuddet i {aarspladser_aar}."
        )
    return "\n".join(linjer)


def _hoeringstekst(r: Aendringsresultat, g: Aendringsgrundlag) -> str:
    kategori = (
        f"Tilbuddets kategori: {g.kategori.label}."
        if g.kategori
        else "Tilbuddets kategori er ikke registreret; den strengeste procedure er brugt."
    )
    instans = r.hoeringsinstans
    match r.procedure:
        case Procedure.HOERING:
            tekst = (
                f"Ændringen skal i høring i {instans}, før den kan træde varigt i kraft, og meddeles alle "
                "kommuner i rammeaftalen og eventuelle andre brugerkommuner."
            )
        case Procedure.ORIENTERING:
            tekst = (
                "Ændringen kræver ikke høring og kan iværksættes straks; "
                f"betalingskommunerne og {instans} orienteres."
            )
        case Procedure.MEDDELELSE:
            tekst = (
                f"Ændringen kræver ikke høring i {instans}; den meddeles alle kommuner i rammeaftalen "
                "og eventuelle andre brugerkommuner."
            )
        case Procedure.ORIENTERING_BEROERTE:
            tekst = (
                "Ændringen kræver ikke høring. Har den væsentlig indflydelse på andre kommuners tilbud, "
                "skal de berørte tilbud orienteres hurtigst muligt; denne underretning går til alle "
                "kommuner i rammeaftalen."
            )
    ref = next(
        (rr for rr in r.spor["procedure"].regler if rr.parameter.startswith("aendring.procedure")), None
    )
    grundlag = f" Grundlag: {ref.kilde}." if ref and not ref.antaget else ""
    if ref and ref.antaget:
        grundlag = f" Grundlag (antaget): {ref.kilde}"
    return f"{kategori} {tekst}{grundlag}"


CASEBEREGNING = Caseberegning(
    "aendring",
    Aendringsgrundlag,
    beregn_aendring,
    "En ændring i årets løb: ikrafttræden, høring og konsekvenser",
)
