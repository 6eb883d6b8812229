"""State reimbursement in particularly expensive cases (statsrefusion i særligt dyre
enkeltsager): serviceloven § 176 (before 2021 also § 176 a), barnets lov § 198, and the
bekendtgørelse om den centrale refusionsordning (the refusion order).

Per citizen and month (refusion order § 3):

    netto = udgift til hjælp og støtte − alle indtægter − objektivt finansieret
            + 1/12 af årets engangsudgifter (fordelt efter største rest, så de summerer)

Per case and month (a citizen; from 2021 the children and young people of one household
summed, SEL § 176, stk. 2) the net cost is held against 1/12 of the year's thresholds
(`saerligt_dyre.*`, rounded as the rulebook says):

    del i trin i  = min(netto, grænse i+1) − grænse i   (≥ 0; the top band has no ceiling)
    refusion      = Σ del i trin i × sats i             (25/50 % before 2021, 25/50/75 % after)

A person over the age limit (67) is covered only under the single scheme (from 2021, not for
persons who reached it before 1.1.2021) and only if the net cost in the last month before was
above 1/12 of the first threshold (SEL § 176, stk. 3; refusion order § 6). The month of the
birthday is counted as the rulebook's `saerligt_dyre.maaned_fylder_67` says.

Then the totals per month and quarter, the year to date, the quarterly claim with the running
correction of earlier quarters, and next year's forecast (`krav`). The engine always works
month by month, never from a yearly total.
"""

from __future__ import annotations

from datetime import date

from socialstyring.beregning.kerne.model import Caseberegning, Noegler
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.refusion.graenser import Maanedsregler, P
from socialstyring.beregning.refusion.grundlag import (
    Borger,
    Engangsudgift,
    Maanedsudgift,
    Ordning,
    Refusionsgrundlag,
)
from socialstyring.beregning.refusion.krav import kvartaler_og_krav, maanedstotaler, prognose
from socialstyring.beregning.refusion.opgoerelse import borgernes_maaneder, grupper, sagens_maaneder
from socialstyring.beregning.refusion.resultat import Refusionsopgoerelse
from socialstyring.regler import Regelbog

__all__ = [
    "Borger",
    "Engangsudgift",
    "Maanedsudgift",
    "Ordning",
    "Refusionsgrundlag",
    "Refusionsopgoerelse",
    "beregn_refusion",
]


def beregn_refusion(g: Refusionsgrundlag, bog: Regelbog) -> Refusionsopgoerelse:
    """The reimbursement of a municipality's year to date, its quarterly claim and next year's
    forecast, under the rules in force month by month."""
    spor = Spor()
    noegler = Noegler()
    advarsler: list[str] = []
    ordning, _ = Regler(bog, g.region, date(g.aar, 1, 1)).tekst(f"{P}.ordning")

    borgere, netto, loebende = borgernes_maaneder(g, bog, spor, noegler)
    sagsgrupper = grupper(g, ordning, noegler, advarsler)
    regelcache: dict[tuple[int, Ordning], Maanedsregler] = {}
    sager = [sagens_maaneder(g, s, netto, bog, spor, noegler, regelcache) for s in sagsgrupper]
    sag_for = {b: s.navn for s in sager for b in s.borgere}
    borgere = [b.model_copy(update={"sag": sag_for[b.navn]}) for b in borgere]

    maaneder = maanedstotaler(g, sager, spor)
    kvartaler, aar_til_dato, krav = kvartaler_og_krav(g, spor, advarsler)
    prog = prognose(g, sagsgrupper, sager, loebende, bog, spor, noegler, advarsler)

    for r in spor.regler():
        if r.advarsel and r.advarsel not in advarsler:
            advarsler.append(r.advarsel)
    return Refusionsopgoerelse(
        kommune=g.kommune,
        aar=g.aar,
        kvartal=g.opgoerelseskvartal,
        borgere=tuple(borgere),
        sager=tuple(sager),
        maaneder=tuple(maaneder),
        kvartaler=tuple(kvartaler),
        aar_til_dato=aar_til_dato,
        krav=krav,
        prognose=prog,
        advarsler=tuple(advarsler),
        spor=spor,
    )


CASEBEREGNING = Caseberegning(
    "refusion",
    Refusionsgrundlag,
    beregn_refusion,
    "Statsrefusion i særligt dyre enkeltsager (måned for måned, kvartalskrav og prognose)",
)
