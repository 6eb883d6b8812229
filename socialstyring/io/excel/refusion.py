"""The claim statement as an Excel workbook (`io.excel.rapport`): the claim, the quarters, the
months and each case's months with thresholds, bands and reimbursement, and the rules used."""

from __future__ import annotations

from typing import Final

from socialstyring.beregning.refusion import Refusionsopgoerelse
from socialstyring.io.excel.rapport import (
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    byg_rapport,
    regelark,
)

KR: Final = "kr"


def kravfil(r: Refusionsopgoerelse, titel: str, nummer: int | None = None) -> bytes:
    """The workbook of statement `r` (`nummer`: the submitted version it is, if any)."""
    undertitler = (
        f"{r.kommune}, {r.kvartal}. kvartal {r.aar}"
        + (f", indsendt version {nummer}" if nummer else ", som opgørelsen står nu (ikke indsendt)"),
    )
    k = r.krav
    krav = Rapportark(
        "Krav",
        titel,
        (Rapportkolonne("Post", 48), Rapportkolonne("Beløb", 18, KR)),
        (
            Rapportraekke(("Refusion år til dato", k.aar_til_dato)),
            Rapportraekke(("Anmeldt for tidligere kvartaler", k.tidligere_anmeldt)),
            Rapportraekke(("Tidligere kvartaler opgjort nu", k.tidligere_kvartaler_nu)),
            Rapportraekke(("Korrektion af tidligere kvartaler", k.korrektion)),
            Rapportraekke(("Kvartalets egen refusion", k.kvartalets_refusion)),
            Rapportraekke(("Krav for kvartalet", k.krav), total=True),
        ),
        undertitler,
        autofilter=False,
    )
    kvartaler = Rapportark(
        "Kvartaler",
        "Refusion pr. kvartal",
        (
            Rapportkolonne("Kvartal", 14),
            Rapportkolonne("Refusion", 18, KR),
            Rapportkolonne("År til dato", 18, KR),
            Rapportkolonne("Anmeldt dengang", 18, KR),
        ),
        tuple(Rapportraekke((q.navn, q.refusion, q.aar_til_dato, q.anmeldt)) for q in r.kvartaler),
        undertitler,
    )
    sager = Rapportark(
        "Sager",
        "Sagernes måneder",
        (
            Rapportkolonne("Sag", 24),
            Rapportkolonne("Måned", 12),
            Rapportkolonne("Nettoudgift", 18, KR),
            Rapportkolonne("Omfattet", 10),
            Rapportkolonne("Trin", 8),
            Rapportkolonne("1/12 af grænsen", 18, KR),
            Rapportkolonne("Del af udgiften", 18, KR),
            Rapportkolonne("Refusion i trinnet", 18, KR),
            Rapportkolonne("Refusion i måneden", 18, KR),
        ),
        tuple(
            Rapportraekke(
                (
                    s.navn,
                    m.navn,
                    m.netto,
                    "ja" if m.omfattet else "nej",
                    t.navn,
                    t.graense,
                    t.del_af_udgiften,
                    t.refusion,
                    m.refusion if i == 0 else None,
                )
            )
            for s in r.sager
            for m in s.maaneder
            for i, t in enumerate(m.trin)
        ),
        undertitler,
        frys_kolonner=2,
    )
    regler = regelark(r.regler_anvendt(), r.advarsler)
    return byg_rapport(titel, [krav, kvartaler, sager, regler])
