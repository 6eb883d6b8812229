"""The bulk path: a year's statements for many stays as columns of whole øre, no trace.

The lines are the traced statement's lines (the same pieces, `stykker`), their amounts
computed in integers (`afrundet`). Any one line's trace is produced on demand by
`forklar_linje`, which runs the traced statement for that stay alone; its amount is the
line's amount to the øre.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from socialstyring.beregning.afregning.betalingsregler import Regelopslag, kravfrist_regel
from socialstyring.beregning.afregning.model import Afregningsgrundlag
from socialstyring.beregning.afregning.opgoerelse import beregn_afregning, kravfrist, linjenoegle
from socialstyring.beregning.afregning.stykker import Kontekst, afrundet, plan, stykker
from socialstyring.beregning.kerne.penge import HUNDREDE
from socialstyring.beregning.kerne.spor import Trin
from socialstyring.regler import Regelbog


@dataclass
class Bulkafregning:
    """Statement lines as columns (line i is the i-th entry of each list) and totals, in øre."""

    ophold_id: list[str]  # the stays, by their number in `ophold`
    betalingskommune: list[str]  # per stay
    ophold: list[int] = field(default_factory=list)
    art: list[str] = field(default_factory=list)
    fra: list[int] = field(default_factory=list)  # date ordinals
    til: list[int] = field(default_factory=list)
    antal: list[int] = field(default_factory=list)  # days, or hundredths of hours
    sats_oere: list[int] = field(default_factory=list)
    faktor: list[int] = field(default_factory=list)
    deler: list[int] = field(default_factory=list)
    beloeb_oere: list[int] = field(default_factory=list)
    krav_for_sent: list[bool] = field(default_factory=list)
    i_alt_pr_betalingskommune_oere: dict[str, int] = field(default_factory=dict)
    advarsler: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.beloeb_oere)

    def noegle(self, i: int) -> str:
        """Line i's key: the key of its step in the stay's trace (`forklar_linje`)."""
        return linjenoegle(self.ophold_id[self.ophold[i]], self.art[i], self.fra[i])

    def beloeb(self, i: int) -> Decimal:
        return Decimal(self.beloeb_oere[i]) / HUNDREDE

    @property
    def i_alt_oere(self) -> int:
        return sum(self.i_alt_pr_betalingskommune_oere.values())


def afregn_bulk(g: Afregningsgrundlag, bog: Regelbog) -> Bulkafregning:
    """Every line of the period's statements, without trace."""
    regler = Regelopslag(bog, g.region)
    k = Kontekst.lav(g, regler)
    ud = Bulkafregning([o.id for o in g.ophold], [o.betalingskommune for o in g.ophold])
    c_ophold, c_art, c_fra, c_til = ud.ophold, ud.art, ud.fra, ud.til
    c_antal, c_sats, c_faktor, c_deler, c_beloeb = ud.antal, ud.sats_oere, ud.faktor, ud.deler, ud.beloeb_oere
    totaler: dict[str, int] = {}
    frister: dict[tuple[int, int], int] = {}
    kravdato = g.kravdato.toordinal() if g.kravdato else None
    c_for_sent = ud.krav_for_sent
    for nr, o in enumerate(g.ophold):
        p = plan(o, k)
        if p.advarsler:
            ud.advarsler.extend(p.advarsler)
        maaneder = -1
        if kravdato is not None and g.kravdato is not None:
            regel = kravfrist_regel(o.lov, g.kravdato, regler)
            maaneder = int(regel.decimal) if regel is not None else -1
        sum_ophold = 0
        for art, _navn, fra, til, antal, sats, faktor, deler, _pf in stykker(o, p, k):
            beloeb = afrundet(antal, sats, faktor, deler)
            c_ophold.append(nr)
            c_art.append(art)
            c_fra.append(fra)
            c_til.append(til)
            c_antal.append(antal)
            c_sats.append(sats)
            c_faktor.append(faktor)
            c_deler.append(deler)
            c_beloeb.append(beloeb)
            sum_ophold += beloeb
            if maaneder >= 0 and kravdato is not None:
                frist = frister.get((fra, maaneder))
                if frist is None:
                    frist = kravfrist(date.fromordinal(fra), maaneder).toordinal()
                    frister[(fra, maaneder)] = frist
                c_for_sent.append(kravdato > frist)
            else:
                c_for_sent.append(False)
        totaler[o.betalingskommune] = totaler.get(o.betalingskommune, 0) + sum_ophold
    ud.i_alt_pr_betalingskommune_oere = dict(sorted(totaler.items()))
    return ud


def forklar_linje(g: Afregningsgrundlag, bog: Regelbog, ophold_id: str, noegle: str) -> list[Trin]:
    """The trace of one statement line: the stay's traced statement, the line's step and
    every step it rests on (its last step is the line's amount)."""
    ophold = [o for o in g.ophold if o.id == ophold_id]
    if not ophold:
        raise KeyError(f"intet ophold med id {ophold_id!r}")
    alene = g.model_copy(update={"ophold": tuple(ophold)})
    return beregn_afregning(alene, bog).spor.forklar(noegle)
