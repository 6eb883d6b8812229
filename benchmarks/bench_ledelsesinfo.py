"""Benchmark: management information A–E for a region of 1.500 tilbud and 5 years.

    .venv/bin/python benchmarks/bench_ledelsesinfo.py

Generates a deterministic synthetic region (20 operators, 8 target groups, 1.500 tilbud with
1–5 services each, 5 years 2019–2023), then times

- the engine: `beregn_ledelsesinfo_aarraekke` — one pass over the rows, tables A–E with
  their traces for the 4 consecutive pairs of years (best of a few repetitions);
- a straightforward row-by-row baseline: every figure of every table recomputed by scanning
  all rows with a filter (repeated scans), no trace;

checks that both give the same figures, prints both timings and the ratio, and exits 1 if
the engine takes 1 second or more. Input validation (building the pydantic rows) is timed
separately and is not part of the engine time.
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from itertools import pairwise

from socialstyring.beregning.kerne.penge import EN_DECIMAL, HUNDREDE, KRONE, NUL, afrund_til
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo import (
    Figurnoegle,
    Ydelsesaar,
    beregn_ledelsesinfo_aarraekke,
)
from socialstyring.regler import regelbog

REGION = "midtjylland"
AAR = [2019, 2020, 2021, 2022, 2023]
ANTAL_TILBUD = 1500
DRIFTSHERRER = [f"Kommune {i:02d}" for i in range(1, 20)] + ["Region Midtjylland"]
MAALGRUPPER = [f"Målgruppe {i}" for i in range(1, 9)]
GRAENSE_S = 1.0
GENTAGELSER = 5


def syntetisk_region() -> list[dict[str, object]]:
    rnd = random.Random(2017)
    raekker: list[dict[str, object]] = []
    for t in range(ANTAL_TILBUD):
        op = DRIFTSHERRER[rnd.randrange(len(DRIFTSHERRER))]
        mg = MAALGRUPPER[rnd.randrange(len(MAALGRUPPER))]
        for y in range(rnd.randint(1, 5)):
            pladstype = Pladstype.DOEGN if rnd.random() < 0.55 else Pladstype.DAG
            pladser = rnd.randint(2, 40)
            pris = rnd.randint(400, 4000)
            budget = rnd.choice([95, 96, 97, 98, 100])
            for aar in AAR:
                aktiv = rnd.random() > 0.03
                brugte = int(pladser * 365 * rnd.uniform(0.8, 1.05)) if aktiv else 0
                omk = brugte * pris + rnd.randint(0, 99_999)
                raekker.append(
                    {
                        "aar": aar,
                        "driftsherre": op,
                        "tilbud": f"Tilbud {t:04d}",
                        "ydelse": f"Ydelse {y}",
                        "maalgruppe": mg,
                        "pladstype": pladstype,
                        "pladser": pladser,
                        "brugte_dage": brugte,
                        "omkostninger": omk,
                        "resultat": rnd.randint(-500_000, 400_000),
                        "tillaeg": rnd.randint(0, 200_000),
                        "budgetteret_belaegning_pct": budget,
                    }
                )
    return raekker


def baseline(raekker: list[Ydelsesaar], pl_faktor: dict[int, Decimal]) -> dict[Figurnoegle, Decimal | None]:
    """Row by row: each figure recomputed by scanning every row (no grouping, no trace)."""
    figurer: dict[Figurnoegle, Decimal | None] = {}
    for forrige, aar in pairwise(AAR):
        for op in DRIFTSHERRER:
            gns: dict[int, Decimal | None] = {}
            for y in (forrige, aar):
                fak = pl_faktor[aar] if y == forrige else Decimal(1)
                ap = sum(
                    ((r.brugte_dage or NUL) / 365 for r in raekker if r.aar == y and r.driftsherre == op), NUL
                )
                omk = sum((r.omkostninger for r in raekker if r.aar == y and r.driftsherre == op), NUL) * fak
                res = sum((r.resultat for r in raekker if r.aar == y and r.driftsherre == op), NUL) * fak
                til = sum((r.tillaeg for r in raekker if r.aar == y and r.driftsherre == op), NUL) * fak
                gns[y] = omk / ap if ap else None
                figurer[Figurnoegle("A", "", op, f"aarspladser_{y}")] = afrund_til(ap, EN_DECIMAL)
                figurer[Figurnoegle("A", "", op, f"gns_pris_{y}")] = (
                    None if gns[y] is None else afrund_til(gns[y] or NUL, KRONE)
                )
                figurer[Figurnoegle("B", "", op, f"resultat_tkr_{y}")] = afrund_til(res / 1000, KRONE)
                figurer[Figurnoegle("C", "", op, f"tillaeg_tkr_{y}")] = afrund_til(til / 1000, KRONE)
            for mg in MAALGRUPPER:
                for p in Pladstype:
                    for y in (forrige, aar):
                        pl = sum(
                            (
                                r.pladser
                                for r in raekker
                                if r.aar == y
                                and r.maalgruppe == mg
                                and r.driftsherre == op
                                and r.pladstype is p
                            ),
                            NUL,
                        )
                        figurer[Figurnoegle("E", mg, op, f"{p}_{y}")] = pl
        for mg in MAALGRUPPER:
            for p in Pladstype:
                for y in (forrige, aar):
                    aktive = [
                        r
                        for r in raekker
                        if r.aar == y
                        and r.maalgruppe == mg
                        and r.pladstype is p
                        and r.pladser > 0
                        and (r.brugte_dage or 0) > 0
                    ]
                    pl = sum((r.pladser for r in aktive), NUL)
                    ap = sum(((r.brugte_dage or NUL) / 365 for r in aktive), NUL)
                    figurer[Figurnoegle("D", "", mg, f"{p}_{y}")] = (
                        afrund_til(ap / pl * HUNDREDE, EN_DECIMAL) if pl else None
                    )
    return figurer


def main() -> int:
    bog = regelbog()
    data = syntetisk_region()
    t0 = time.perf_counter()
    raekker = [Ydelsesaar.model_validate(d) for d in data]
    validering = time.perf_counter() - t0
    print(
        f"Syntetisk region: {ANTAL_TILBUD} tilbud, {len(raekker)} ydelsesår, {len(AAR)} år, "
        f"{len(DRIFTSHERRER)} driftsherrer, {len(MAALGRUPPER)} målgrupper"
    )
    print(f"Validering af input (pydantic, ikke med i motorens tid): {validering:.3f} s")

    motor = float("inf")
    for _ in range(GENTAGELSER):
        t0 = time.perf_counter()
        resultater = beregn_ledelsesinfo_aarraekke(raekker, REGION, AAR, bog)
        motor = min(motor, time.perf_counter() - t0)
    trin = sum(len(r.spor.trin) for r in resultater)
    print(
        f"Motor (A–E for {len(resultater)} årspar, {trin} sportrin), bedste af {GENTAGELSER}: {motor:.3f} s"
    )

    t0 = time.perf_counter()
    base = baseline(raekker, {r.aar: r.pl_faktor for r in resultater})
    basis = time.perf_counter() - t0
    print(f"Baseline (række for række, gentagne gennemløb), 1 kørsel: {basis:.3f} s")
    print(f"Forhold baseline / motor: {basis / motor:.1f}×")

    motorens: dict[Figurnoegle, Decimal | None] = {}
    for r in resultater:
        motorens.update(r.figurer)
    forskelle = [f for f, v in base.items() if motorens.get(f, NUL if f.tabel == "E" else None) != v]
    if forskelle:
        print(f"FEJL: motor og baseline er uenige om {len(forskelle)} tal, fx {forskelle[:3]}")
        return 1
    print(f"Motor og baseline giver de samme {len(base)} tal.")
    if motor >= GRAENSE_S:
        print(f"FEJL: motoren brugte {motor:.3f} s; grænsen er {GRAENSE_S} s")
        return 1
    print(f"OK: under {GRAENSE_S} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
