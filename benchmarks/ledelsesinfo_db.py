"""Benchmark: management information A–E for one agreement from the database, on the national
dataset in PostgreSQL — and the national load itself.

    scripts/pg-throwaway .venv/bin/python benchmarks/ledelsesinfo_db.py \\
        [--tilbud 6000] [--ophold 100000] [--aar 10] [--rammeaftale hovedstaden]

Needs an empty PostgreSQL database (`scripts/pg-throwaway` starts a throwaway one and sets
SOCIALSTYRING_DATABASE_URL). It

1. migrates, builds the national demo (`socialstyring.demo.national`) and loads it as
   `socialstyring demo national` does, timing the build and the load (the load's figure for
   benchmarks/README.md);
2. times the management information of one agreement for its last two accounts years (2023
   against 2024 with the default 10 years) from the database: the page's selectors
   (`ledelsesinfo.selectors.beregn`: a handful of queries for the whole agreement) and the engine,
   end to end, best of 5, with the number of queries;
3. times an honest naive baseline beside it: the same engine input read offer by offer, as a
   page that walks the register would (per offer one query for its services' years, one for
   their used days and one for its accounts; the rulebook fetched once), then the same engine —
   and asserts both give the same figures;
4. times the management information page itself (the secretariat's GET through Django's test
   client: access, selectors, engine, published-figure check, template), best of 3, with its
   queries.

It exits 1 if the selectors and the engine take more than 1 second. Times are wall-clock
(`time.perf_counter`): the database server is another process, so CPU time would miss its part;
on a machine shared with other runs they are upper bounds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from typing import Any

GRAENSE_S = 1.0


def _naiv(aftale: Any, forrige: int, aar: int) -> Any:
    """The engine's input read offer by offer (3 queries per offer), then the same engine."""
    from socialstyring.beregning.kerne.typer import Pladstype
    from socialstyring.beregning.ledelsesinfo import (
        Registerregnskab,
        Registerydelse,
        beregn_ledelsesinfo,
        fra_register,
    )
    from socialstyring.web.belaegning.models import Forbrug
    from socialstyring.web.belaegning.selectors import UDEN_MAALGRUPPE
    from socialstyring.web.ledelsesinfo.selectors import _noegler  # the page's offer keys
    from socialstyring.web.regelbog.selectors import gaeldende_regelbog
    from socialstyring.web.register.models import Tilbud, Ydelsesaar
    from socialstyring.web.regnskab.models import Regnskab
    from socialstyring.web.regnskab.selectors import beregn as beregn_resultat

    aarene = (forrige, aar)
    bog = gaeldende_regelbog()
    tilbud = list(
        Tilbud.objects.filter(driftsherre__rammeaftale=aftale).select_related("driftsherre", "maalgruppe")
    )
    navn = _noegler(set(tilbud))
    ydelser: list[Registerydelse] = []
    resultater: list[Registerregnskab] = []
    for t in tilbud:
        mg = t.maalgruppe.navn if t.maalgruppe else UDEN_MAALGRUPPE
        dage: dict[tuple[int, int], list[Decimal]] = {}
        for y_id, a, brugte in (
            Forbrug.objects.filter(ydelse__tilbud=t, aar__in=aarene)
            .order_by("kvartal")
            .values_list("ydelse_id", "aar", "brugte_dage")
        ):
            dage.setdefault((y_id, a), []).append(brugte)
        for ya in Ydelsesaar.objects.filter(ydelse__tilbud=t, aar__in=aarene).select_related("ydelse"):
            ydelser.append(
                Registerydelse(
                    aar=ya.aar,
                    driftsherre=t.driftsherre.navn,
                    tilbud=navn[t.pk],
                    ydelse=ya.ydelse.navn,
                    maalgruppe=mg,
                    pladstype=Pladstype(ya.ydelse.pladstype),
                    pladser=ya.pladser or Decimal(0),
                    budgetteret_belaegning_pct=ya.budgetteret_belaegning_pct,
                    faktiske_aarspladser=ya.faktiske_aarspladser,
                    regnskab=ya.regnskab,
                    kvartalsdage=tuple(dage.get((ya.ydelse_id, ya.aar), [])),
                )
            )
        for r in Regnskab.objects.filter(tilbud=t, aar__in=aarene):
            r.tilbud = t
            resultater.append(
                Registerregnskab(
                    aar=r.aar,
                    driftsherre=t.driftsherre.navn,
                    tilbud=navn[t.pk],
                    maalgruppe=mg,
                    omkostninger=r.omkostninger,
                    resultat=beregn_resultat(r, bog).resultat,
                    tillaeg=r.tillaegsindtaegter,
                )
            )
    grundlag, _ = fra_register(aftale.kode, forrige, aar, ydelser, resultater)
    return beregn_ledelsesinfo(grundlag, bog)


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--tilbud", type=int, default=6000)
    p.add_argument("--ophold", type=int, default=100_000)
    p.add_argument("--aar", type=int, default=10)
    p.add_argument("--rammeaftale", default="hovedstaden")
    args = p.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    os.environ.setdefault("SOCIALSTYRING_DEBUG", "1")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from socialstyring.demo.national import byg_national, indlaes_national
    from socialstyring.web.ledelsesinfo import selectors
    from socialstyring.web.register.models import Rammeaftale, Tilbud

    if connection.vendor != "postgresql":
        print("FEJL: kør mod PostgreSQL: scripts/pg-throwaway .venv/bin/python benchmarks/ledelsesinfo_db.py")
        return 2
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrering: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    data = byg_national(args.tilbud, args.ophold, args.aar)
    bygget = time.perf_counter() - t0
    t0 = time.perf_counter()
    skrevet = indlaes_national(data)
    indlaest = time.perf_counter() - t0
    print(
        f"Nationalt datasæt: {args.tilbud} tilbud, {args.ophold} ophold, {args.aar} år; "
        f"bygget på {bygget:.1f} s, indlæst i PostgreSQL på {indlaest:.1f} s "
        f"({sum(skrevet.values())} rækker: " + ", ".join(f"{n} {a}" for n, a in skrevet.items()) + ")"
    )

    aftale = Rammeaftale.objects.get(kode=args.rammeaftale)
    forrige, aar = data.regnskabsaar[-2], data.regnskabsaar[-1]
    antal_tilbud = Tilbud.objects.filter(driftsherre__rammeaftale=aftale).count()
    print(f"Ledelsesinformation for {aftale.navn} ({antal_tilbud} tilbud), {forrige} mod {aar}")

    selectors.beregn(aftale, forrige, aar)  # warm the caches (rulebook, templates)
    motor = motor_cpu = float("inf")
    for _ in range(5):
        with CaptureQueriesContext(connection) as q:
            t0, c0 = time.perf_counter(), time.process_time()
            li, _ = selectors.beregn(aftale, forrige, aar)
            motor, motor_cpu = min(motor, time.perf_counter() - t0), min(motor_cpu, time.process_time() - c0)
    print(
        f"Selektorer + motor fra databasen, bedste af 5: {motor:.3f} s ({len(q)} forespørgsler; "
        f"heraf {motor_cpu:.3f} s CPU i Python, resten er databasen og ventetid)"
    )

    with CaptureQueriesContext(connection) as q:
        t0 = time.perf_counter()
        naiv = _naiv(aftale, forrige, aar)
        basis = time.perf_counter() - t0
    print(f"Baseline (tilbud for tilbud, samme motor), 1 kørsel: {basis:.3f} s ({len(q)} forespørgsler)")
    print(f"Forhold baseline / selektorer: {basis / motor:.1f}×")
    if naiv.figurer != li.figurer:
        forskel = [k for k in set(naiv.figurer) | set(li.figurer) if naiv.figurer.get(k) != li.figurer.get(k)]
        print(f"FEJL: selektorerne og baseline er uenige om {len(forskel)} tal, fx {forskel[:3]}")
        return 1
    print(f"Selektorerne og baseline giver de samme {len(li.figurer)} tal.")

    setup_test_environment()  # the test client's host ("testserver") is allowed
    c = Client()
    c.force_login(get_user_model().objects.get(username=f"sekretariat_{aftale.kode}"))
    url = reverse("ledelsesinfo:ledelsesinfo", args=[aftale.kode, forrige, aar])
    svar = c.get(url)
    if svar.status_code != 200:
        print(f"FEJL: {url} svarede {svar.status_code}")
        return 1
    side = float("inf")
    for _ in range(3):
        with CaptureQueriesContext(connection) as q:
            t0 = time.perf_counter()
            svar = c.get(url)
            side = min(side, time.perf_counter() - t0)
    print(
        f"Siden {url} (sekretariatet, testklienten), bedste af 3: {side:.3f} s, {len(q)} forespørgsler, "
        f"{len(svar.content) // 1024} kB"
    )
    if motor > GRAENSE_S:
        print(f"FEJL: selektorer + motor brugte {motor:.3f} s; grænsen er {GRAENSE_S} s")
        return 1
    print(f"OK: højst {GRAENSE_S} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
