"""The engine's window on the rulebook: one region, one date, every use traced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.regler import Enhed, Opslag, Regelbog, Varsel


@dataclass(frozen=True)
class Regler:
    """Rule values in force for `region` at `dato`, each returned with its reference."""

    bog: Regelbog
    region: str
    dato: date

    def opslag(self, navn: str) -> Opslag:
        return self.bog.vaerdi(navn, self.region, self.dato)

    def tal(self, navn: str) -> tuple[Decimal, Regelreference]:
        o = self.opslag(navn)
        return o.decimal, reference(o)

    def tal_hvis_fastsat(self, navn: str) -> tuple[Decimal, Regelreference] | None:
        """The value if the region has one in force at the date, else None."""
        if not self.bog.har(navn, self.region):
            return None
        try:
            return self.tal(navn)
        except KeyError:
            return None

    def heltal(self, navn: str) -> tuple[int, Regelreference]:
        o = self.opslag(navn)
        return int(o.decimal), reference(o)

    def tekst(self, navn: str) -> tuple[str, Regelreference]:
        o = self.opslag(navn)
        return str(o.vaerdi), reference(o)


def reference(o: Opslag) -> Regelreference:
    return Regelreference(
        parameter=o.navn,
        vaerdi=vist_vaerdi(o),
        lag=o.lag,
        gyldig_fra=o.fra,
        kilde=o.kildetekst,
        antaget=o.er_antaget,
        url=o.kilde.url if o.kilde else None,
        advarsel=o.advarsel,
        oprindelse=o.oprindelse,
    )


ENHEDSTEKST = {
    Enhed.PCT: " %",
    Enhed.PCT_AENDRING: " %",
    Enhed.PCT_POINT: " procentpoint",
    Enhed.KR: " kr.",
    Enhed.AAR: " år",
    Enhed.DAGE: " dage",
    Enhed.TIMER: " timer",
}


def vist_vaerdi(o: Opslag) -> str:
    """A rule value as people read it: '5,4 %', '365 dage', 'Løbende måned + 2 måneder'."""
    if isinstance(o.vaerdi, Varsel):
        return o.vaerdi.tekst
    if isinstance(o.vaerdi, Decimal | int):
        return f"{dansk_tal(o.vaerdi)}{ENHEDSTEKST.get(o.enhed, '')}"
    return str(o.vaerdi)
