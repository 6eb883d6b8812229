"""Benchmark: one year's billing statements for 100.000 stays, engine bulk path vs. polars.

    .venv/bin/python benchmarks/afregning_bulk.py [--ophold 100000]

Generates a deterministic synthetic year (Syddanmark's rules, 2016): 600 services of 60
operators with daily rates (a third with an in-year change from a date in the year), a
tenth of the stays in a package (its supplement per day), enrolments of 40–150 %, botilbud,
day offers, §§ 109–110 and § 101 stays, a sixth of them ended during the year with notice
(both botilbud forms), some with a new citizen on the place. Then it times

- the engine's bulk path (`afregn_bulk`): every statement line in whole øre, no trace;
- a straightforward columnar implementation of the same amounts in polars: the notice
  rules as column expressions, the stays joined to their rate periods and to the months,
  days × rate × enrolment rounded half up in integer øre;

asserts the same number of lines and the same totals per paying municipality to the øre,
prints both timings (best of 3) and the ratio, and exits 1 if the engine takes more than
3 seconds. Building and validating the input (pydantic) is timed separately. Package
changes and add-on services are in the engine's case files and tests, not in this data.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

import polars as pl

from socialstyring.beregning.afregning import Afregningsgrundlag, afregn_bulk
from socialstyring.beregning.kerne.penge import dansk_tal, kr
from socialstyring.regler import regelbog

GRAENSE_S = 3.0
FRA, TIL = date(2016, 1, 1), date(2016, 12, 31)
KOMMUNER = ["410", "420", "430", "440", "461", "479", "480", "482", "492", "510", "530", "540",
            "550", "561", "563", "573", "575", "580", "607", "621", "630", "657"]  # fmt: skip
ARTER = [
    ("botilbud", "SEL § 108", 0.45),
    ("botilbud", "SEL § 107", 0.15),
    ("dagtilbud", "SEL § 104", 0.3),
    ("krisecenter_forsorgshjem", "SEL § 110", 0.05),
    ("misbrugsbehandling", "SEL § 101", 0.05),
]


def syntetisk(antal: int) -> dict[str, object]:
    rnd = random.Random(2016)
    takster: list[dict[str, object]] = []
    ydelser: list[tuple[str, str, str]] = []
    for y in range(600):
        art, lov = rnd.choices([(a, lov) for a, lov, _ in ARTER], [v for *_, v in ARTER])[0]
        navn = f"ydelse_{y}"
        ydelser.append((navn, art, lov))
        takst = rnd.randint(300, 4500)
        takster.append({"ydelse": navn, "fra": "2016-01-01", "takst": takst})
        if rnd.random() < 1 / 3:
            skift = FRA + timedelta(days=rnd.randint(20, 340))
            takster.append(
                {"ydelse": navn, "fra": skift.isoformat(), "takst": takst + rnd.randint(-200, 300)}
            )
        for p, tillaeg in (("P1", 150), ("P2", 400)):
            takster.append({"ydelse": navn, "pakke": p, "fra": "2016-01-01", "takst": tillaeg})
    ophold: list[dict[str, object]] = []
    for i in range(antal):
        navn, art, lov = ydelser[rnd.randrange(len(ydelser))]
        kommune = KOMMUNER[rnd.randrange(len(KOMMUNER))]
        start = date(2014, 1, 1) + timedelta(days=rnd.randint(0, 1050))
        o: dict[str, object] = {
            "id": f"o{i}", "borger": f"b{i}", "handlekommune": kommune, "betalingskommune": kommune,
            "driftsherre": f"Driftsherre {int(navn.split('_')[1]) % 60}", "tilbud": f"Tilbud {navn}",
            "ydelse": navn, "lovgrundlag": lov, "tilbudsart": art, "start": start.isoformat(),
            "indskrivning_pct": rnd.choice([100, 100, 100, 100, 40, 60, 150, "112.5"]),
        }  # fmt: skip
        if rnd.random() < 0.1:
            o["pakke"] = rnd.choice(["P1", "P2"])
        if rnd.random() < 1 / 6:
            opsagt = min(max(start, FRA) + timedelta(days=rnd.randint(0, 300)), date(2016, 12, 20))
            slut = opsagt + timedelta(days=rnd.randint(0, 40))
            o |= {"opsagt": opsagt.isoformat(), "slut": slut.isoformat()}
            o["opsigelsesform"] = rnd.choice(["vilkaarlig_dag", "loebende_maaned"])
            if rnd.random() < 0.3:
                o["ny_borger_fra"] = (slut + timedelta(days=rnd.randint(1, 60))).isoformat()
        ophold.append(o)
    return {"region": "syddanmark", "fra": FRA.isoformat(), "til": TIL.isoformat(), "takster": takster,
            "pakker": {n: ["P1", "P2"] for n, *_ in ydelser}, "ophold": ophold}  # fmt: skip


def kolonnevis(data: dict[str, object]) -> tuple[int, dict[str, int]]:
    """The same statement lines in polars: (number of lines, totals per paying municipality in øre)."""
    ophold = pl.DataFrame(data["ophold"], infer_schema_length=None)
    for kolonne, standard in (("pakke", None), ("opsagt", None), ("slut", None), ("ny_borger_fra", None),
                              ("opsigelsesform", "vilkaarlig_dag")):  # fmt: skip
        if kolonne not in ophold.columns:
            ophold = ophold.with_columns(pl.lit(standard).alias(kolonne))
    d = pl.col
    ophold = ophold.with_columns(
        d("start").str.to_date(), d("opsagt").str.to_date(), d("slut").str.to_date(),
        d("ny_borger_fra").str.to_date(),
        (d("indskrivning_pct").cast(pl.String).cast(pl.Decimal(10, 2)) * 100).cast(pl.Int64).alias("pct"),
    ).with_row_index("nr")  # fmt: skip
    # The notice rules of Syddanmark 2016 (the rulebook's varsel.*) as column expressions.
    opsagt = pl.coalesce(d("opsagt"), d("slut"))
    botilbud = d("tilbudsart") == "botilbud"
    udloeb = (
        pl.when(botilbud & (d("opsigelsesform") == "vilkaarlig_dag")).then(opsagt.dt.offset_by("2mo"))
        .when(botilbud).then(opsagt.dt.offset_by("1mo").dt.month_end())
        .when(d("tilbudsart") == "dagtilbud").then(opsagt.dt.month_end())
        .otherwise(pl.coalesce(d("slut"), opsagt))
    )  # fmt: skip
    sidste = pl.max_horizontal(pl.coalesce(d("slut"), udloeb), udloeb)
    sidste = (
        pl.when(d("ny_borger_fra").is_not_null())
        .then(pl.min_horizontal(sidste, d("ny_borger_fra") - pl.duration(days=1)))
        .otherwise(sidste)
    )
    ophold = ophold.with_columns(
        pl.max_horizontal(d("start"), pl.lit(FRA)).alias("a"),
        pl.min_horizontal(pl.coalesce(sidste, pl.lit(TIL)), pl.lit(TIL)).alias("b"),
    ).filter(d("a") <= d("b"))
    takster = pl.DataFrame(data["takster"], infer_schema_length=None).with_columns(
        d("fra").str.to_date(), (d("takst").cast(pl.Int64) * 100).alias("sats")
    ).sort("fra")  # fmt: skip
    takster = takster.with_columns(
        (d("fra").shift(-1).over(["ydelse", "pakke"]) - pl.duration(days=1)).fill_null(TIL).alias("til")
    )
    maaneder = pl.DataFrame({"m_fra": pl.date_range(FRA, TIL, "1mo", eager=True)}).with_columns(
        d("m_fra").dt.month_end().alias("m_til")
    )
    grund = ophold.join(takster.filter(d("pakke").is_null()).drop("pakke"), on="ydelse")
    pakke = ophold.filter(d("pakke").is_not_null()).join(takster, on=["ydelse", "pakke"])
    stykker = pl.concat([grund.select(_stykke_kolonner()), pakke.select(_stykke_kolonner())])
    stykker = (
        stykker.join(maaneder, how="cross")
        .with_columns(
            pl.max_horizontal("a", "fra", "m_fra").alias("s_fra"),
            pl.min_horizontal("b", "til", "m_til").alias("s_til"),
        )
        .filter(d("s_fra") <= d("s_til"))
        .with_columns(((d("s_til") - d("s_fra")).dt.total_days() + 1).alias("dage"))
        .with_columns(((2 * d("dage") * d("sats") * d("pct") + 10_000) // 20_000).alias("beloeb"))
    )
    totaler = stykker.group_by("betalingskommune").agg(d("beloeb").sum())
    return stykker.height, dict(zip(totaler["betalingskommune"], totaler["beloeb"], strict=True))


def _stykke_kolonner() -> list[pl.Expr]:
    return [pl.col(n) for n in ("nr", "betalingskommune", "a", "b", "fra", "til", "sats", "pct")]


def bedst(f: object, gange: int = 3) -> tuple[float, object]:
    tider, svar = [], None
    for _ in range(gange):
        t0 = time.perf_counter()
        svar = f()  # type: ignore[operator]
        tider.append(time.perf_counter() - t0)
    return min(tider), svar


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--ophold", type=int, default=100_000)
    antal = p.parse_args().ophold
    data = syntetisk(antal)
    bog = regelbog()
    t0 = time.perf_counter()
    grundlag = Afregningsgrundlag.model_validate(data)
    t_input = time.perf_counter() - t0
    t_motor, motor = bedst(lambda: afregn_bulk(grundlag, bog))
    t_polars, (linjer, totaler) = bedst(lambda: kolonnevis(data))  # type: ignore[misc]
    assert len(motor) == linjer, f"linjer: motoren {len(motor)}, polars {linjer}"  # type: ignore[arg-type]
    assert motor.i_alt_pr_betalingskommune_oere == dict(sorted(totaler.items())), "totalerne afviger"  # type: ignore[attr-defined]
    i_alt = kr(Decimal(motor.i_alt_oere) / 100)  # type: ignore[attr-defined]
    print(f"{dansk_tal(antal)} ophold, {dansk_tal(linjer)} linjer, i alt {i_alt} (ens til øren i begge)")
    print(f"input (pydantic):         {t_input:6.2f} s")
    print(f"motorens bulkvej:         {t_motor:6.2f} s")
    print(f"kolonnevis (polars):      {t_polars:6.2f} s")
    print(f"forhold motor/polars:     {t_motor / t_polars:6.1f}×")
    if t_motor > GRAENSE_S:
        print(f"FOR LANGSOMT: motoren brugte {t_motor:.2f} s (grænse {GRAENSE_S} s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
