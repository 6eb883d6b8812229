"""A sent statement as an Excel workbook (`io.excel.rapport`, text written as text): its lines
per stay (citizen by pseudonym and birth date, never a CPR number) with days, rate, share,
until when paid, notice end, function, amount and the claim-too-late flag, the total, the
rules used and the warnings."""

from __future__ import annotations

from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)
from socialstyring.web.afregning import selectors
from socialstyring.web.afregning.gemt import Gemtafregning
from socialstyring.web.afregning.models import Afregning


def afregningsfil(a: Afregning, gemt: Gemtafregning, titel: str) -> bytes:
    r = gemt.resultat
    undertitler = (f"Sendt {a.sendt:%d-%m-%Y} som version {a.nummer}; reference {selectors.reference(a)}",)
    raekker = [
        Rapportraekke(
            (
                v.borger.visning,
                v.borger.foedselsdato,
                v.tilbud,
                v.ydelse,
                linje.art_tekst,
                linje.fra,
                linje.til,
                linje.antal,
                linje.sats,
                linje.indskrivning_pct,
                linje.betalt_til,
                linje.varsel_udloeb,
                linje.funktion or "",
                linje.beloeb,
                "ja" if linje.krav_for_sent else "nej",
            )
        )
        for v in selectors.opholdsvisninger(r, gemt.borgere)
        for linje in v.linjer
    ]
    raekker.append(Rapportraekke(("I alt", *([None] * 12), a.i_alt, None), total=True))
    linjer = Rapportark(
        "Opgørelse",
        titel,
        (
            Rapportkolonne("Borger", 18),
            Rapportkolonne("Født", 12, "dato"),
            Rapportkolonne("Tilbud", 30),
            Rapportkolonne("Ydelse", 30),
            Rapportkolonne("Art", 16),
            Rapportkolonne("Fra", 12, "dato"),
            Rapportkolonne("Til", 12, "dato"),
            Rapportkolonne("Dage", 8, "tal"),
            Rapportkolonne("Takst", 14, "kr"),
            Rapportkolonne("Indskrivning %", 12, "tal"),
            Rapportkolonne("Betales til og med", 14, "dato"),
            Rapportkolonne("Varslet udløber", 14, "dato"),
            Rapportkolonne("Funktion", 36),
            Rapportkolonne("Beløb", 16, "kr"),
            Rapportkolonne("Kravet for sent", 10),
        ),
        tuple(raekker),
        undertitler,
        frys_kolonner=1,
    )
    regler = regelark(r.regler_anvendt(), r.advarsler)
    return byg_rapport(titel, [linjer, regler])
