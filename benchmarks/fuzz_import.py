"""Benchmark: fuzzing every importer with generated bad files, and the Excel reader's limits.

    .venv/bin/python benchmarks/fuzz_import.py [--filer 1500] [--seed 0] [--kun backup ophold …]

On a throwaway in-memory SQLite database (Django's test database), `--filer` mutated files per
importer (default 1.500: 10.500 files in all), each imported inside a transaction that is
rolled back afterwards:

- **backup** (first, on the empty migrated database): a backup of a small register
  (`drift.services.skriv_backup`) with gzip and JSON faults, restored by `gendan_backup`, the
  service of `socialstyring drift gendan` (`tests/importfuzz.py`);
- then, with the demo loaded, the three Excel templates of the demo's Aarhus Kommune — the
  rate report (takstindberetning), used days (brugte dage), accounts (regnskab) — through
  their import pages (`tests/excelfuzz.py`: cell types and sizes, formulas, odd and foreign
  ids, copied, deleted and added rows and sheets, the metadata, faults in the raw sheet XML);
- **ophold**: a file of new stays, as CSV and as a workbook in turn, through the import page
  as the demo's randers_kommune; **befolkning**: the FOLK1A test file through
  `befolkning.services.indlaes_befolkning` and **regnskabstal**: the REGK31 test file through
  `benchmark.services.indlaes_regnskab` (the services of the CLI; they have no page) — with
  the text, CSV and encoding faults of `tests/importfuzz.py`.

Prints per importer: files, correct imports, clear errors, crashes (an exception or an
unexpected status), partial imports (an error with the database changed, or stored values other
than the file's) and unclear errors (a message that does not name the file, or — when the
mutation changed a row or a field — the row, sheet or column), all three must be 0; the time per
file of the import (making the mutated file is not counted) and the peak memory of one import
(tracemalloc, on every 10th file).

Then the limits of the Excel reader, each compared with the valid template in the same run
(best of 5, tracemalloc peak): the template with one more cell at H1048576 and at XFD1048576
(43 s and 3 GB, or out of memory, before the reader streamed within limits) and a zip bomb
(60 MB unpacked). Each must be refused within a small multiple (`MAKS_FORHOLD`) of the valid
file's time and memory.

Exits 1 on any crash, partial import, unclear error or a ratio over `MAKS_FORHOLD`.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

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


HOVED = (
    f"{'import':<18} {'filer':>6} {'korrekte':>9} {'klare fejl':>11} {'nedbrud':>8} {'delvise':>8} "
    f"{'uklare':>7} {'ms/fil':>7} {'maks. hukommelse':>17}"
)


def _kør(
    navn: str, filer: int, lav: Callable[[int], Any], importer: Callable[[Any], Any]
) -> tuple[bool, int]:
    """`filer` files of one importer: `lav(i)` makes file i (not timed), `importer` imports and
    classifies it inside a transaction rolled back after; prints the importer's row."""
    taelling: Counter[str] = Counter()
    eksempler: dict[str, str] = {}
    tider: list[float] = []
    top = 0
    for i in range(filer):
        data = lav(i)
        maal = i % HUKOMMELSE_HVER == 0  # memory of every 10th file; the time of the others
        if maal:
            tracemalloc.start()
        t = time.perf_counter()
        with transaction.atomic():
            udfald = importer(data)
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
        f"{navn:<18} {filer:>6} {taelling['korrekt']:>9} {taelling['fejl']:>11} {taelling['nedbrud']:>8} "
        f"{taelling['delvis']:>8} {taelling['uklar']:>7} {ms:>7.1f} {top / 2**20:>14.1f} MB",
        flush=True,
    )
    ok = True
    for art in ("nedbrud", "delvis", "uklar"):
        if taelling[art]:
            ok = False
            print(f"  {art}, fx {eksempler[art]}")
    return ok, filer


def fuzz_excel(filer: int, seed: int) -> tuple[bool, int]:
    """The three Excel templates (`tests/excelfuzz.py`), through their import pages."""
    import excelfuzz as ef

    ok, i_alt = True, 0
    c = ef.klient()
    for imp in ef.importoerer():
        skabelon = ef.hent(c, imp.skabelon_url)

        def lav(i: int, imp: Any = imp, skabelon: bytes = skabelon) -> bytes:
            return ef.muter(skabelon, imp, random.Random(f"{seed}-{imp.navn}-{i}"))

        def importer(data: bytes, imp: Any = imp) -> Any:
            return ef.importer_fil(c, imp, data)

        ok_, n = _kør(imp.navn, filer, lav, importer)
        ok, i_alt = ok and ok_, i_alt + n
    return ok, i_alt


def fuzz_andre(importoerer: list[Any], filer: int, seed: int) -> tuple[bool, int]:
    """The other importers (`tests/importfuzz.py`): each mutates its valid files in turn."""
    ok, i_alt = True, 0
    for imp in importoerer:
        grunde = imp.grundfiler()

        def lav(i: int, imp: Any = imp, grunde: list[bytes] = grunde) -> Any:
            return imp.muter(grunde[i % len(grunde)], random.Random(f"{seed}-{imp.navn}-{i}"))

        ok_, n = _kør(imp.navn, filer, lav, imp.importer)
        ok, i_alt = ok and ok_, i_alt + n
    return ok, i_alt


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
    p.add_argument("--filer", type=int, default=1500, help="filer pr. import (standard 1500: 10.500 i alt)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--kun", nargs="*", help="kun disse importer (fx backup ophold)")
    args = p.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # every refused file is a 400
    setup_test_environment()
    navn = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        import importfuzz as fz

        from socialstyring.demo import indlaes_demo

        def med(n: str) -> bool:
            return not args.kun or n in args.kun

        start = time.perf_counter()
        ok, i_alt = True, 0
        print(f"{args.filer} filer pr. import, seed {args.seed}\n\n{HOVED}")
        with tempfile.TemporaryDirectory() as mappe:
            if med("backup"):  # on the empty, migrated database, before the demo is loaded
                ok, i_alt = fuzz_andre([fz.BackupImport(Path(mappe))], args.filer, args.seed)
            t = time.perf_counter()
            indlaes_demo()
            demo_s = time.perf_counter() - t
            if not args.kun or {"takstindberetning", "brugte dage", "regnskab"} & set(args.kun):
                ok_, n = fuzz_excel(args.filer, args.seed)
                ok, i_alt = ok and ok_, i_alt + n
            andre: list[Any] = [
                fz.OpholdImport(),
                fz.KildeImport("befolkning", fz.FOLK1A, Path(mappe)),
                fz.KildeImport("regnskabstal", fz.REGK31, Path(mappe)),
            ]
            ok_, n = fuzz_andre([a for a in andre if med(a.navn)], args.filer, args.seed)
            ok, i_alt = ok and ok_, i_alt + n
        print(
            f"I alt {i_alt} filer på {time.perf_counter() - start:.0f} s (demoen indlæst på {demo_s:.1f} s)"
        )
        if not args.kun:
            ok = graenser() and ok
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\nProcessens største hukommelse (maxrss): {maxrss:.0f} MB")
    finally:
        connection.creation.destroy_test_db(navn, verbosity=0)
    print("OK" if ok else "FEJL: nedbrud, delvis indlæsning, uklar fejl eller en grænse, der ikke holder")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
