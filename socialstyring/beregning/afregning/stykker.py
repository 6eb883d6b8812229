"""A stay cut into billable pieces: one piece per month, component and rate in force.

Both paths use these pieces: the traced statement (`opgoerelse`) and the bulk path
(`bulk`). Days are date ordinals and money is whole øre, so the bulk path can sum integers;
the traced path recomputes each amount in exact decimals from the same days and rate.

A piece's amount is `antal × sats × faktor / deler`, rounded half up to øre:

- takst and pakke: days × daily rate (øre) × enrolment (hundredths of a per cent) / 10 000;
- tillæg per day: days × amount per day;
- timer: hours (hundredths) × hourly rate / 100.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from socialstyring.beregning.afregning.betalingsregler import (
    Betalingsperiode,
    Pakkeperiode,
    Regelopslag,
    betalingsperiode,
    dage_dagtilbud,
    kontofunktion,
    pakkeplan,
)
from socialstyring.beregning.afregning.model import Afregningsgrundlag, Ophold
from socialstyring.beregning.kerne.kalender import dansk_dato, maanedens_sidste
from socialstyring.regler import Opslag

Stykke = tuple[str, str, int, int, int, int, int, int, int]
"""(art, navn, fra, til, antal, sats i øre, faktor, deler, takstperiodens fra): days as ordinals."""

TAKST, PAKKE, TILLAEG, TIMER = "takst", "pakke", "tillaeg", "timer"
INGEN = 1 << 40


def oere(beloeb: Decimal) -> int:
    """Whole øre of an amount with at most two decimals."""
    return int(beloeb * 100)


def afrundet(antal: int, sats: int, faktor: int, deler: int) -> int:
    """antal × sats × faktor / deler in whole øre, rounded half up (amounts are never negative)."""
    return (2 * antal * sats * faktor + deler) // (2 * deler)


@dataclass
class Tidslinje:
    """Values in force from each start (ordinals, ascending)."""

    starter: list[int] = field(default_factory=list)
    satser: list[int] = field(default_factory=list)

    def indeks(self, dag: int) -> int:
        return bisect_right(self.starter, dag) - 1


@dataclass
class Kontekst:
    """What every stay of a run shares: the period, months, rates and rules."""

    grundlag: Afregningsgrundlag
    regler: Regelopslag
    fra: int
    til: int
    maanedsslut: list[int]  # per day of the period (ordinal − fra): the ordinal of its month's last day
    takster: dict[tuple[str, str | None], Tidslinje]
    dagtilbud_hverdage: bool
    dagregel: Opslag

    @classmethod
    def lav(cls, grundlag: Afregningsgrundlag, regler: Regelopslag) -> Kontekst:
        fra, til = grundlag.fra.toordinal(), grundlag.til.toordinal()
        maanedsslut: list[int] = []
        d = grundlag.fra
        while d <= grundlag.til:
            slut = min(maanedens_sidste(d.year, d.month), grundlag.til)
            maanedsslut.extend([slut.toordinal()] * ((slut - d).days + 1))
            d = slut + timedelta(days=1)
        takster: dict[tuple[str, str | None], Tidslinje] = {}
        for t in sorted(grundlag.takster, key=lambda t: t.fra):
            linje = takster.setdefault((t.ydelse, t.pakke), Tidslinje())
            linje.starter.append(t.fra.toordinal())
            linje.satser.append(oere(t.takst))
        dagregel = dage_dagtilbud(grundlag.fra, regler)
        return cls(grundlag, regler, fra, til, maanedsslut, takster, dagregel.vaerdi == "hverdage", dagregel)

    def takst(self, ydelse: str, pakke: str | None) -> Tidslinje:
        linje = self.takster.get((ydelse, pakke))
        if linje is None:
            hvad = f"pakke {pakke} i ydelsen {ydelse}" if pakke else f"ydelsen {ydelse}"
            raise ValueError(f"der er ingen takst for {hvad}")
        return linje


def hverdage(fra: int, til: int) -> int:
    """Weekdays (Monday–Friday) from `fra` to `til`, both included (ordinals)."""
    uger, rest = divmod(til - fra + 1, 7)
    antal = uger * 5
    start = (fra + uger * 7 - 1) % 7  # weekday of the first remaining day, Monday = 0
    for i in range(rest):
        if (start + i) % 7 < 5:
            antal += 1
    return antal


@dataclass(frozen=True)
class Opholdsplan:
    """What the rules say of one stay: paid until, its packages, its function."""

    betaling: Betalingsperiode
    pakker: list[Pakkeperiode]
    funktion: Opslag | None
    fra: int  # first and last day billed in the period (fra > til: nothing billed)
    til: int
    advarsler: list[str]


def plan(o: Ophold, k: Kontekst) -> Opholdsplan:
    betaling = betalingsperiode(o, k.regler)
    pakker, advarsler = (
        pakkeplan(o, k.grundlag.pakker.get(o.ydelse, []), k.regler)
        if o.pakkeskift
        else ([Pakkeperiode(o.start, o.pakke, "pakken ved opholdets start", ())], [])
    )
    if betaling.advarsel:
        advarsler = [*advarsler, betaling.advarsel]
    funktion = kontofunktion(o.lovgrundlag, k.grundlag.fra, k.regler)
    fra = max(o.start.toordinal(), k.fra)
    til = k.til if betaling.sidste_dag is None else min(betaling.sidste_dag.toordinal(), k.til)
    return Opholdsplan(betaling, pakker, funktion, fra, til, advarsler)


def stykker(o: Ophold, p: Opholdsplan, k: Kontekst) -> list[Stykke]:
    """Stay `o`'s billable pieces in the period, in order: the rate, the package supplement,
    then each add-on."""
    ud: list[Stykke] = []
    if p.fra > p.til:
        return ud
    faktor = int(o.indskrivning_pct * 100)
    _del_op(o, k, ud, TAKST, o.ydelse, p.fra, p.til, k.takst(o.ydelse, None), faktor)
    for i, pp in enumerate(p.pakker):
        if pp.pakke is None:
            continue
        fra = max(p.fra, pp.fra.toordinal())
        til = p.til if i + 1 == len(p.pakker) else min(p.til, p.pakker[i + 1].fra.toordinal() - 1)
        if fra <= til:
            _del_op(o, k, ud, PAKKE, pp.pakke, fra, til, k.takst(o.ydelse, pp.pakke), faktor)
    for nr, t in enumerate(o.tillaeg, start=1):
        fra = max(p.fra, t.fra.toordinal())
        if t.pr_dag is not None:
            til = p.til if t.til is None else min(p.til, t.til.toordinal())
            if fra <= til:
                linje = Tidslinje([t.fra.toordinal()], [oere(t.pr_dag)])
                _del_op(o, k, ud, f"{TILLAEG}_{nr}", t.navn, fra, til, linje, 1, 1)
        elif p.fra <= t.fra.toordinal() <= p.til:
            assert t.timer is not None and t.timepris is not None
            d = t.fra.toordinal()
            ud.append((f"{TIMER}_{nr}", t.navn, d, d, oere(t.timer), oere(t.timepris), 1, 100, d))
    return ud


def _del_op(
    o: Ophold,
    k: Kontekst,
    ud: list[Stykke],
    art: str,
    navn: str,
    fra: int,
    til: int,
    linje: Tidslinje,
    faktor: int,
    deler: int = 10_000,
) -> None:
    """Append the pieces of `fra`–`til` cut at month ends and at the rate's changes."""
    i = linje.indeks(fra)
    if i < 0:
        raise ValueError(
            f"ophold {o.id}: der er ingen takst for {navn} den {dansk_dato(date.fromordinal(fra))}"
        )
    starter, satser, slutter = linje.starter, linje.satser, k.maanedsslut
    naeste = starter[i + 1] if i + 1 < len(starter) else INGEN
    paa_hverdage = k.dagtilbud_hverdage and o.tilbudsart.er_dagtilbud
    dag = fra
    while dag <= til:
        slut = slutter[dag - k.fra]
        if slut > til:
            slut = til
        if slut >= naeste:
            slut = naeste - 1
        antal = hverdage(dag, slut) if paa_hverdage else slut - dag + 1
        ud.append((art, navn, dag, slut, antal, satser[i], faktor, deler, starter[i]))
        dag = slut + 1
        if dag >= naeste:
            i += 1
            naeste = starter[i + 1] if i + 1 < len(starter) else INGEN
