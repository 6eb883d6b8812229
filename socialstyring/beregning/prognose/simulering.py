"""The forecast's uncertainty, simulated (Monte Carlo) around the central case.

Each of N runs (the rulebook's `prognose.simuleringer`) draws, with numpy's generator seeded by
the forecast's `seed` (the same seed gives the same bands):

- **departures**: a known citizen without an end date leaves at the start of a year with its
  yearly probability (geometric leaving year); one with an end date leaves on that day, as in
  the central case;
- **arrivals**: per expected arrival, the count is Poisson around the expected count — or, with
  a stated standard deviation, normal around it (rounded, never below 0);
- **costs**: each new citizen's yearly cost is lognormal with the stated average and standard
  deviation (exactly the average when the deviation is 0), kept for the rest of the forecast.

A run's expenditure in year t = (known citizens there + new citizens) × price index t
− initiatives − reimbursement, the same formula as the central case. Per year the bands are the
quantiles of the N runs: the median and the narrow and wide bands of the rulebook
(`prognose.smalt_baand_pct`, `prognose.bredt_baand_pct`), interpolated between the two nearest
runs as numpy's default quantile does.

Money stays exact: what is the same in every run (citizens who leave on a known day) is a
Decimal; what is drawn (a citizen's leaving year, an arrival's cost) is summed per run in whole
øre (int64) — a drawn cost is rounded to the øre, and a known citizen's yearly cost is counted in
øre. Each run's year is then a Decimal, and so are its quantiles, rounded to whole kroner. Only
the distributions' parameters (probabilities, expected counts, means and deviations to draw
from) are floats, as numpy's generators take them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from socialstyring.beregning.kerne.model import Resultat, ResultatMedRegler
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.prognose import (
    Prognosegrundlag,
    Prognoseresultat,
    beregn_prognose,
    tilstede,
)
from socialstyring.regler import Regelbog

S = "simulering"


class Baand(Resultat):
    """One year's simulated expenditure: the quantiles (key: per cent) and the central case."""

    aar: int
    kvantiler: dict[int, Decimal]
    central: Decimal

    @property
    def median(self) -> Decimal:
        return self.kvantiler[50]


class Simuleringsresultat(ResultatMedRegler):
    koersler: int
    seed: int
    smalt_pct: Decimal
    bredt_pct: Decimal
    aarene: tuple[Baand, ...]
    spor: Spor

    def kvantil_pct(self) -> tuple[int, int, int, int, int]:
        """The five quantiles (per cent): wide low, narrow low, median, narrow high, wide high."""
        return _kvantiler(self.smalt_pct, self.bredt_pct)


def _kvantiler(smalt: Decimal, bredt: Decimal) -> tuple[int, int, int, int, int]:
    s, b = int((100 - smalt) / 2), int((100 - bredt) / 2)
    return (b, s, 50, 100 - s, 100 - b)


def simuler(
    g: Prognosegrundlag, bog: Regelbog, central: Prognoseresultat | None = None, koersler: int | None = None
) -> Simuleringsresultat:
    """The bands of `g` (`koersler` overrides the rulebook's number of runs, for tests)."""
    central = central or beregn_prognose(g, bog)
    regler = Regler(bog, g.region, date(g.basisaar, 1, 1))
    n_regel, ref_n = regler.heltal("prognose.simuleringer")
    smalt, ref_s = regler.tal("prognose.smalt_baand_pct")
    bredt, ref_b = regler.tal("prognose.bredt_baand_pct")
    if not 0 < smalt < bredt < 100:
        raise ValueError(f"det smalle bånd ({smalt} %) skal være smallere end det brede ({bredt} %)")
    n = koersler or n_regel
    kv = _kvantiler(smalt, bredt)
    rng = np.random.default_rng(g.seed)
    aarene = [a.aar for a in g.aarene]
    # the same in every run: citizens who leave on a known day (Decimal, base-year prices)
    fast = {t: NUL for t in aarene}
    # drawn: per run and year, in whole øre (base-year prices)
    oere = np.zeros((n, len(aarene)), dtype=np.int64)
    for k in g.kendte:
        if k.ophoerer is not None:
            for t in aarene:
                fast[t] += Decimal(k.aarlig_udgift) * tilstede(k, NUL, g.basisaar, t)[0]
            continue
        p = _parameter((k.afgang_pct if k.afgang_pct is not None else g.afgang_pct) / HUNDREDE)
        forlader = rng.geometric(p, n) if p > 0 else np.full(n, len(aarene) + 1)
        udgift = _i_oere(Decimal(k.aarlig_udgift))
        for j in range(len(aarene)):
            oere[:, j] += np.where(forlader > j + 1, udgift, 0)
    for ny in g.tilgang:
        antal = _antal(rng, _parameter(ny.antal), None if ny.antal_sd is None else _parameter(ny.antal_sd), n)
        beloeb = _udgifter(rng, antal, Decimal(ny.gennemsnit), Decimal(ny.gennemsnit_sd), n)
        oere[:, aarene.index(ny.aar) :] += beloeb[:, None]
    indeks = {t: Decimal(central.spor[f"prognose.{t}.indeks"].resultat) for t in aarene}
    simuleret = {
        a.aar: sorted(
            (fast[a.aar] + Decimal(int(x)) / HUNDREDE) * indeks[a.aar]
            - Decimal(a.initiativer)
            - Decimal(a.refusion)
            for x in oere[:, j]
        )
        for j, a in enumerate(g.aarene)
    }
    spor = Spor()
    spor.tilfoej(
        f"{S}.metode",
        "Simulering af usikkerheden",
        "N simuleringer med fast startværdi (seed)",
        n,
        "simuleringer",
        {"seed": g.seed},
        regler=[ref_n, ref_s, ref_b],
        bemaerkning=(
            f"Båndene er simuleret med {dansk_tal(n)} kørsler og seed {g.seed}: tilgang Poisson (eller "
            "normal med oplyst spredning), afgang med den årlige sandsynlighed, nye borgeres udgift "
            "lognormal om gennemsnittet."
        ),
    )
    baand = []
    for j, a in enumerate(g.aarene):
        vaerdier = {pct: afrund(_kvantil(simuleret[a.aar], pct), Afrunding.KRONE) for pct in kv}
        for pct, v in vaerdier.items():
            spor.tilfoej(
                f"{S}.{a.aar}.p{pct}",
                f"Udgift {a.aar}, {pct} %-fraktil" + (" (median)" if pct == 50 else ""),
                f"{pct} %-fraktil af de simulerede udgifter",
                v,
                "kr.",
                {"simuleringer": spor.fra(f"{S}.metode")},
            )
        baand.append(Baand(aar=a.aar, kvantiler=vaerdier, central=central.aarene[j].udgift))
    return Simuleringsresultat(
        koersler=n, seed=g.seed, smalt_pct=smalt, bredt_pct=bredt, aarene=tuple(baand), spor=spor
    )


def _parameter(v: Decimal) -> float:
    """A distribution's parameter that is not money (a probability, an expected count and its
    deviation): numpy's generators take floats. Money goes to numpy in whole øre (`_i_oere`)."""
    return float(v)


def _i_oere(beloeb: Decimal) -> int:
    """An amount in whole øre (half up)."""
    return int(afrund(beloeb) * 100)


def _kvantil(sorteret: list[Decimal], pct: int) -> Decimal:
    """The `pct` % quantile of the sorted values, interpolated linearly between the two nearest
    (numpy's default method), exactly."""
    h = Decimal(len(sorteret) - 1) * pct / HUNDREDE
    lav = int(h)
    if lav + 1 >= len(sorteret):
        return sorteret[-1]
    return sorteret[lav] + (h - lav) * (sorteret[lav + 1] - sorteret[lav])


def _antal(rng: np.random.Generator, antal: float, sd: float | None, n: int) -> npt.NDArray[np.int64]:
    if sd is None:
        return rng.poisson(antal, n)
    if sd == 0:
        return np.full(n, round(antal), dtype=np.int64)
    return np.maximum(np.rint(rng.normal(antal, sd, n)), 0).astype(np.int64)


def _udgifter(
    rng: np.random.Generator, antal: npt.NDArray[np.int64], middel: Decimal, sd: Decimal, n: int
) -> npt.NDArray[np.int64]:
    """The summed yearly cost of each run's arrivals in whole øre: each drawn cost lognormal with
    mean `middel` and deviation `sd`, rounded to the øre (exactly the mean when `sd` is 0). The
    amounts go to numpy in whole øre, so the draws are in øre too."""
    if sd == 0 or middel == 0:
        return antal * _i_oere(middel)
    m, d = _i_oere(middel), _i_oere(sd)
    sigma2 = np.log1p((d / m) ** 2)
    traek = rng.lognormal(np.log(m) - sigma2 / 2, np.sqrt(sigma2), int(antal.sum()))
    koersel = np.repeat(np.arange(n), antal)
    ud = np.zeros(n, dtype=np.int64)
    np.add.at(ud, koersel, np.rint(traek).astype(np.int64))
    return ud
