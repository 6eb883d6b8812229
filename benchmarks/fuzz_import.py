"""Benchmark: fuzzing every Excel import through its web page, and the reader's limits.

    .venv/bin/python benchmarks/fuzz_import.py [--filer 1000] [--seed 0]

On a throwaway in-memory SQLite database with the demo loaded, for each import — the rate
report (takstindberetning), the used days (brugte dage) and the accounts (regnskab) of the
demo's Aarhus Kommune — it mutates the valid template `--filer` times with the mutations of
`tests/excelfuzz.py` (a seeded `random.Random` per file: cell types and sizes, formulas, odd and
foreign ids, copied, deleted and added rows and sheets, the metadata, faults in the raw sheet
XML), posts each file to the import page inside a transaction that is rolled back afterwards,
and prints per import:

- files, correct imports, clear errors, crashes (an exception or an unexpected status: must be
  0) and partial imports (an error with the database changed, or stored values other than the
  file's: must be 0);
- the time per file of the import (the POST and the check of the outcome; making the mutated
  file is not counted) and the peak memory of one import (tracemalloc, on every 10th file).

Then the limits of the reader, each compared with the valid template in the same run (best of
5, tracemalloc peak): the template with one more cell at H1048576 and at XFD1048576 (43 s and
3 GB, or out of memory, before the reader streamed within limits) and a zip bomb (60 MB
unpacked). Each must be refused within a small multiple (`MAKS_FORHOLD`) of the valid file's
time and memory.

Exits 1 on any crash or partial import or a ratio over `MAKS_FORHOLD`.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import sys
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROD), str(ROD / "tests")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
os.environ.setdefault("SOCIALSTYRING_DEBUG", "1")  # the development configuration, as `make run`

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

MAKS_FORHOLD = 3.0
"""A refused malicious file may take at most this many times the valid file's time and memory."""
HUKOMMELSE_HVER = 10
"""The peak memory is measured (tracemalloc, which slows) on every 10th file, the time on the rest."""


def _maal(funktion: Callable[[], object], gange: int = 5) -> tuple[float, int]:
    """The best time of `gange` calls (seconds) and the peak memory of one (bytes, tracemalloc)."""
    bedst = float("inf")
    for _ in range(gange):
        t = time.perf_counter()
        funktion()
        bedst = min(bedst, time.perf_counter() - t)
    tracemalloc.start()
    try:
        funktion()
        return bedst, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fuzz(filer: int, seed: int) -> bool:
    import excelfuzz as ef

    print(
        f"{'import':<18} {'filer':>6} {'korrekte':>9} {'klare fejl':>11} {'nedbrud':>8} {'delvise':>8} "
        f"{'ms/fil':>7} {'maks. hukommelse':>17}"
    )
    ok = True
    c = ef.klient()
    for imp in ef.importoerer():
        skabelon = ef.hent(c, imp.skabelon_url)
        taelling: Counter[str] = Counter()
        eksempler: dict[str, str] = {}
        tider: list[float] = []
        top = 0
        for i in range(filer):
            data = ef.muter(skabelon, imp, random.Random(f"{seed}-{imp.navn}-{i}"))
            maal = i % HUKOMMELSE_HVER == 0  # memory of every 10th file; the time of the others
            if maal:
                tracemalloc.start()
            t = time.perf_counter()
            with transaction.atomic():
                udfald = ef.importer_fil(c, imp, data)
                transaction.set_rollback(True)
            if maal:
                top = max(top, tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
            else:
                tider.append(time.perf_counter() - t)
            taelling[udfald.art] += 1
            eksempler.setdefault(udfald.art, f"fil {i}: {udfald.detaljer}")
        ms = sum(tider) / len(tider) * 1000 if tider else float("nan")
        print(
            f"{imp.navn:<18} {filer:>6} {taelling['korrekt']:>9} {taelling['fejl']:>11} "
            f"{taelling['nedbrud']:>8} {taelling['delvis']:>8} {ms:>7.1f} {top / 2**20:>14.1f} MB"
        )
        for art in ("nedbrud", "delvis"):
            if taelling[art]:
                ok = False
                print(f"  {art}, fx {eksempler[art]}")
    return ok


def graenser() -> bool:
    import excelfuzz as ef

    from socialstyring.io.excel.indberetning import laes_indberetning
    from socialstyring.web.register.models import Driftsherre
    from socialstyring.web.register.selectors import indberetningsaar

    d = Driftsherre.objects.select_related("rammeaftale").get(navn=ef.DRIFTSHERRE)
    aar = indberetningsaar(d.rammeaftale)
    imp = ef.importoerer()[0]
    gyldig = ef.hent(ef.klient(), imp.skabelon_url)

    def med_celle(ref: str) -> bytes:
        wb = load_workbook(BytesIO(gyldig))
        wb[imp.ark][ref] = 1
        ud = BytesIO()
        wb.save(ud)
        return ud.getvalue()

    bombe = BytesIO()
    with zipfile.ZipFile(BytesIO(gyldig)) as ind, zipfile.ZipFile(bombe, "w", zipfile.ZIP_DEFLATED) as z:
        for info in ind.infolist():
            z.writestr(info.filename, ind.read(info.filename))
        z.writestr("xl/media/bombe.xml", b" " * (60 * 2**20))

    def laes(data: bytes) -> Callable[[], object]:
        return lambda: laes_indberetning(data, "fil.xlsx", driftsherre_id=d.pk, aar=aar)

    t0, m0 = _maal(laes(gyldig))
    print(f"\nLæsning af takstskabelonen ({len(gyldig) / 1024:.0f} kB, {ef.DRIFTSHERRE}, {aar}): "
          f"{t0 * 1000:.1f} ms, {m0 / 2**20:.1f} MB")  # fmt: skip
    ok = True
    for navn, data, kendetegn in (
        ("celle i H1048576", med_celle("H1048576"), "celle H1048576"),
        ("celle i XFD1048576", med_celle("XFD1048576"), "celle XFD1048576"),
        ("zipbombe (60 MB udpakket)", bombe.getvalue(), "når den pakkes ud"),
    ):
        fejl = laes_indberetning(data, "fil.xlsx", driftsherre_id=d.pk, aar=aar).fejl
        t, m = _maal(laes(data))
        afvist = len(fejl) == 1 and kendetegn in str(fejl[0])
        tider, huk = t / t0, m / m0
        print(
            f"  {navn:<27} {len(data) / 1024:>5.0f} kB  {t * 1000:>7.1f} ms ({tider:.2f}×)  "
            f"{m / 2**20:>5.1f} MB ({huk:.2f}×)  {'afvist' if afvist else 'IKKE AFVIST'}: "
            f"{fejl[0] if fejl else ''}"
        )
        ok = ok and afvist and tider <= MAKS_FORHOLD and huk <= MAKS_FORHOLD
    return ok


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--filer", type=int, default=1000, help="filer pr. import (standard 1000)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # every refused file is a 400
    setup_test_environment()
    navn = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from socialstyring.demo import indlaes_demo

        t = time.perf_counter()
        indlaes_demo()
        sek = time.perf_counter() - t
        print(f"Demoen indlæst på {sek:.1f} s; {args.filer} filer pr. import, seed {args.seed}\n")
        t = time.perf_counter()
        ok = fuzz(args.filer, args.seed)
        print(f"I alt {time.perf_counter() - t:.0f} s")
        ok = graenser() and ok
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\nProcessens største hukommelse (maxrss): {maxrss:.0f} MB")
    finally:
        connection.creation.destroy_test_db(navn, verbosity=0)
    print("OK" if ok else "FEJL: nedbrud, delvis indlæsning eller en grænse, der ikke holder")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
