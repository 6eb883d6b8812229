"""Fuzzing every Excel import through its web page (property-based, bounded).

For each import — the rate report (takstindberetning), the used days (brugte dage) and the
accounts (regnskab) — hypothesis mutates the demo's valid template (`tests/excelfuzz.py`:
cells of every type and size, formulas, odd and foreign ids, copied, deleted and added rows and
sheets, the metadata, faults in the raw sheet XML) and posts it to the import page. Whatever
the file, the outcome is a correct import or a clear Danish error naming the file, with the
database exactly as before: never an exception (a server error), never a partial import. Each
example runs in a transaction rolled back after it, so every file meets the demo as loaded.

`benchmarks/fuzz_import.py` runs the same mutations on 1.500 files per import;
`tests/test_import_fuzz.py` fuzzes the other importers.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import excelfuzz as ef
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoDbBlocker

pytestmark = pytest.mark.django_db

EKSEMPLER = 30
"""Files per import: the three imports take about 20 s of CPU on the 2-core development machine."""


@pytest.fixture(scope="module")
def skabeloner(demo_modul: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, bytes]]:
    """Each import's valid template, downloaded once from the demo."""
    with django_db_blocker.unblock():
        c = ef.klient()
        yield {imp.navn: ef.hent(c, imp.skabelon_url) for imp in ef.importoerer()}


def _fuzz(navn: str, skabelon: bytes) -> None:
    imp = next(i for i in ef.importoerer() if i.navn == navn)
    c = ef.klient()
    assert ef.importer_fil(c, imp, skabelon).art == "korrekt"  # the valid template itself

    @settings(
        max_examples=EKSEMPLER,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.randoms(use_true_random=False))
    def eksempel(rnd: random.Random) -> None:
        data = ef.muter(skabelon, imp, rnd)
        with transaction.atomic():
            udfald = ef.importer_fil(c, imp, data)
            transaction.set_rollback(True)
        assert udfald.art in ("korrekt", "fejl"), f"{imp.navn}: {udfald.art}: {udfald.detaljer}"

    eksempel()


@pytest.mark.parametrize("navn", ["takstindberetning", "brugte dage", "regnskab"])
def test_ingen_fil_giver_serverfejl_eller_delvis_indlaesning(
    demo: None, skabeloner: dict[str, bytes], navn: str
) -> None:
    _fuzz(navn, skabeloner[navn])
