"""Benchmark: a savings scenario that changes every rate of a national-size register.

    .venv/bin/python benchmarks/scenarie.py

Generates a deterministic synthetic register (6.000 offers, 98 municipalities of which 19 in the
agreement, 40 operators, 5 target groups, each offer bought by 1–6 municipalities, a tenth with
objective financing), then times

- the engine: `beregn_scenarie` with one scenario of two changes that move every rate (rates −2 %
  for all, then the budgeted occupancy +1 procentpoint for adults), every figure a trace step,
  best of a few repetitions;
- one offer at a time: the engine called once per offer (a baseline of one offer), the effects
  per municipality and operator added up afterwards — what a caller without a bulk engine does;

checks that both give the same effect for every municipality and operator to the øre, prints both
timings and the ratio, and exits 1 if the engine takes more than 2 seconds. Input validation
(pydantic) is timed separately and is not part of the engine time.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from typing import Any

from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.scenarie import Scenariegrundlag, Scenarieresultat, beregn_scenarie
from socialstyring.regler import regelbog

ANTAL_TILBUD = 6000
KOMMUNER = [f"Kommune {i:02d}" for i in range(1, 99)]
AFTALEN = KOMMUNER[:19]
DRIFTSHERRER = [f"Driftsherre {i:02d}" for i in range(1, 41)]
MAALGRUPPER = ["voksne", "børn", "psykiatri", "handicap", "sikrede"]
GRAENSE_S = 2.0
GENTAGELSER = 3
SCENARIE = {
    "navn": "Alle takster",
    "aendringer": [
        {"type": "takst", "pct": -2},
        {"type": "belaegning", "maalgruppe": "voksne", "procentpoint": 1},
    ],
}


def syntetisk_register() -> list[dict[str, Any]]:
    rnd = random.Random(2012)
    tilbud = []
    for i in range(ANTAL_TILBUD):
        pladser = rnd.randint(2, 60)
        belaegning = rnd.choice([90, 92, 95, 97, 98])
        belagte = Decimal(pladser * 365 * belaegning) / 100
        koebere = rnd.sample(KOMMUNER, rnd.randint(1, 6))
        vaegte = [rnd.randint(1, 10) for _ in koebere]
        dage = {
            k: (belagte * v / sum(vaegte)).quantize(Decimal("0.1"))
            for k, v in zip(koebere, vaegte, strict=True)
        }
        tilbud.append(
            {
                "id": f"T{i:05d}",
                "navn": f"Tilbud {i:05d}",
                "driftsherre": DRIFTSHERRER[rnd.randrange(len(DRIFTSHERRER))],
                "enhed": f"Enhed {rnd.randint(1, 8)}",
                "maalgruppe": MAALGRUPPER[rnd.randrange(len(MAALGRUPPER))],
                "pladser": pladser,
                "belaegning_pct": belaegning,
                "direkte": pladser * rnd.randint(300_000, 1_500_000),
                "objektiv_andel_pct": 50 if rnd.random() < 0.1 else 0,
                "dage": {k: str(v) for k, v in dage.items()},
            }
        )
    return tilbud


def _grundlag(tilbud: list[dict[str, Any]]) -> dict[str, Any]:
    return {"region": "midtjylland", "aar": 2012, "aftalens_kommuner": AFTALEN, "tilbud": tilbud}


def _effekter(r: Scenarieresultat, kommune: dict[str, Decimal], driftsherre: dict[str, Decimal]) -> None:
    s = r.scenarier[0]
    for e in s.kommuner:
        kommune[e.navn] += e.beloeb
    for e in s.driftsherrer:
        driftsherre[e.navn] += e.beloeb


def main() -> int:
    bog = regelbog()
    data = syntetisk_register()
    t0 = time.perf_counter()
    g = Scenariegrundlag.model_validate({"grundlag": _grundlag(data), "scenarier": [SCENARIE]})
    enkelte = [
        Scenariegrundlag.model_validate({"grundlag": _grundlag([t]), "scenarier": [SCENARIE]}) for t in data
    ]
    validering = time.perf_counter() - t0
    print(
        f"Syntetisk register: {ANTAL_TILBUD} tilbud, {len(KOMMUNER)} kommuner ({len(AFTALEN)} i aftalen), "
        f"{len(DRIFTSHERRER)} driftsherrer, {sum(len(t['dage']) for t in data)} købsforhold"
    )
    print(f"Validering af input (pydantic, ikke med i tiderne): {validering:.3f} s")

    motor = float("inf")
    for _ in range(GENTAGELSER):
        t0 = time.perf_counter()
        r = beregn_scenarie(g, bog)
        motor = min(motor, time.perf_counter() - t0)
    print(f"Motor (ét kald, {len(r.spor.trin)} sportrin), bedste af {GENTAGELSER}: {motor:.3f} s")

    t0 = time.perf_counter()
    kommune: dict[str, Decimal] = defaultdict(lambda: NUL)
    driftsherre: dict[str, Decimal] = defaultdict(lambda: NUL)
    for e in enkelte:
        _effekter(beregn_scenarie(e, bog), kommune, driftsherre)
    basis = time.perf_counter() - t0
    print(f"Ét tilbud ad gangen ({len(enkelte)} kald af motoren), 1 kørsel: {basis:.3f} s")
    print(f"Forhold ét ad gangen / motor: {basis / motor:.1f}×")

    samlet_k: dict[str, Decimal] = defaultdict(lambda: NUL)
    samlet_d: dict[str, Decimal] = defaultdict(lambda: NUL)
    _effekter(r, samlet_k, samlet_d)
    forskelle = [k for k in kommune.keys() | samlet_k.keys() if kommune[k] != samlet_k[k]]
    forskelle += [d for d in driftsherre.keys() | samlet_d.keys() if driftsherre[d] != samlet_d[d]]
    if forskelle:
        print(f"FEJL: motor og ét-ad-gangen er uenige om {len(forskelle)} effekter, fx {forskelle[:3]}")
        return 1
    s = r.scenarier[0]
    print(
        f"Samme effekt for alle {len(samlet_k)} kommunelinjer og {len(samlet_d)} driftsherrer; "
        f"nettodriftsbudget {s.nettobudget_foer} → {s.nettobudget_efter} kr. "
        f"({s.nettobudget_aendring_pct} %), "
        f"kommunerne i alt {s.kommuner_i_alt} kr."
    )
    if motor > GRAENSE_S:
        print(f"FEJL: motoren brugte {motor:.3f} s; grænsen er {GRAENSE_S} s")
        return 1
    print(f"OK: højst {GRAENSE_S} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
