"""Who: the procedure a change follows before it takes effect (hearing, orientation,
notification) by the offer's category and the change's type, and who receives the
notification."""

from __future__ import annotations

from enum import StrEnum

from socialstyring.beregning.aendring.grundlag import AendringFejl, Aendringsgrundlag
from socialstyring.beregning.aendring.regelopslag import tekst_hvis_fastsat
from socialstyring.beregning.kerne.model import Resultat
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Kategori


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


class Modtager(Resultat):
    """A recipient of the notification and why it receives it."""

    navn: str
    kode: str | None  # the municipality code; None for the forum
    grund: str


def _procedure_for(
    g: Aendringsgrundlag, kategori: Kategori, regler: Regler
) -> tuple[str, Procedure, Regelreference] | None:
    for navn in (f"aendring.procedure_{kategori}_{g.type}", f"aendring.procedure_{kategori}"):
        o = tekst_hvis_fastsat(regler, navn)
        if o is not None:
            vaerdi, ref = o
            try:
                return navn, Procedure(vaerdi), ref
            except ValueError:
                raise AendringFejl(
                    f"{navn}: ukendt procedure '{vaerdi}'; kendte er {', '.join(p.value for p in Procedure)}"
                ) from None
    return None


def procedure(
    g: Aendringsgrundlag, regler: Regler, spor: Spor, advarsler: list[str]
) -> tuple[Procedure, str]:
    instans_opslag = tekst_hvis_fastsat(regler, "aendring.hoeringsinstans")
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
        _, procedure, ref = fundet
        formel = "aftalens procedure for tilbuddets kategori og ændringens type"
        bemaerkning = procedure.beskrivelse(instans)
    else:
        muligheder = [f for k in Kategori if (f := _procedure_for(g, k, regler)) is not None]
        if not muligheder:
            raise AendringFejl(
                f"regelbogen for {g.region} har ingen procedurer for ændringer (aendring.procedure_*)"
            )
        _, procedure, ref = max(muligheder, key=lambda f: f[1].strenghed)
        formel = "kategorien er ukendt: den strengeste af aftalens procedurer"
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


def modtagere(g: Aendringsgrundlag, procedure: Procedure, instans: str) -> tuple[Modtager, ...]:
    betalende = {b.kode for b in g.betalingskommuner if (b.aarspladser or 0) > 0}
    aftalen = {k.kode for k in g.aftalens_kommuner}
    modtagere = [
        Modtager(
            navn=k.navn,
            kode=k.kode,
            grund="Kommune i rammeaftalen" + (" og betalingskommune" if k.kode in betalende else ""),
        )
        for k in sorted(g.aftalens_kommuner, key=lambda k: k.navn)
    ]
    modtagere.extend(
        Modtager(navn=b.navn, kode=b.kode, grund="Betalingskommune uden for rammeaftalen")
        for b in sorted(g.betalingskommuner, key=lambda b: b.navn)
        if b.kode not in aftalen and b.kode in betalende
    )
    if procedure is Procedure.HOERING:
        modtagere.append(Modtager(navn=instans, kode=None, grund="Høring før ikrafttrædelse"))
    elif procedure is Procedure.ORIENTERING:
        modtagere.append(Modtager(navn=instans, kode=None, grund="Orientering"))
    return tuple(modtagere)
