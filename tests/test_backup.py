"""Backup and restore (`web/drift/services.py`): the demo written to a backup, the database
emptied, the backup restored — and every table holds exactly the rows it held before (the
content types and permissions `migrate` rebuilds, and the sessions, are left out and compared
by their natural keys where rows point to them). A database with data refuses a restore, and a
bad file restores nothing."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, models

from socialstyring.web.drift.services import Backupfejl, gendan_backup, modeller, skriv_backup


def _tabel(m: type[models.Model]) -> list[tuple[Any, ...]]:
    """A table's rows, in primary-key order, every column."""
    return list(m._base_manager.order_by("pk").values_list())


def _toem() -> None:
    """Empty every table, as a fresh database is (PostgreSQL: the demo's deferred foreign-key
    checks, pending in the test's transaction, are run first, so TRUNCATE may run, and deferred
    again after)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL DEFERRED")  # as a restore's own transaction has them


def _alle() -> dict[str, list[tuple[Any, ...]]]:
    return {m._meta.db_table: _tabel(m) for m in modeller()}


def test_gendannet_backup_er_lig_med_databasen(demo: None, tmp_path: Path) -> None:
    # a user whose id is not the next one the database would give: restored with the same id
    from django.contrib.auth.models import User

    User.objects.create(pk=5000, username="hoejt_id")
    foer = _alle()
    assert sum(len(r) for r in foer.values()) > 10_000  # the demo: a real amount of data
    fil = tmp_path / "socialstyring.json.gz"
    info = skriv_backup(fil)
    assert info.raekker == sum(len(r) for r in foer.values())
    assert not list(tmp_path.glob(".*.tmp"))  # written beside and renamed into place

    with pytest.raises(Backupfejl, match="ikke tom"):
        gendan_backup(fil)

    _toem()
    assert sum(len(_tabel(m)) for m in modeller()) == 0
    gendan_backup(fil)
    efter = _alle()
    forskellige = [t for t in foer if foer[t] != efter[t]]
    assert forskellige == [], forskellige
    assert User.objects.get(username="hoejt_id").pk == 5000


def test_en_daarlig_fil_gendanner_intet(demo: None, tmp_path: Path) -> None:
    _toem()
    fil = tmp_path / "daarlig.json.gz"
    with gzip.open(fil, "wt", encoding="utf-8") as f:
        f.write('[{"model": "register.rammeaftale", "pk": 1, "fields": {"kode": "midtjylland", "navn": "x"}},'
                ' {"model": "register.kommune", "pk": 1, "fields": {"kode": "x"}}]')  # fmt: skip
    with pytest.raises(Backupfejl, match="Intet er gendannet"):
        gendan_backup(fil)
    assert sum(len(_tabel(m)) for m in modeller()) == 0
    with pytest.raises(Backupfejl, match=r"\.json\.gz"):
        gendan_backup(tmp_path / "backup.zip")


def test_kommandoerne(tmp_path: Path) -> None:
    """`socialstyring drift backup` and `gendan` on an empty, migrated database (its own SQLite),
    with --json; a file with another ending is refused with exit 2."""
    import json
    import os
    import subprocess
    import sys

    miljoe = {**os.environ, "SOCIALSTYRING_DEBUG": "1", "SOCIALSTYRING_VAR": str(tmp_path)}
    miljoe.pop("SOCIALSTYRING_DATABASE_URL", None)
    kald = [str(Path(sys.executable).parent / "socialstyring")]

    def koer(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*kald, *args], env=miljoe, capture_output=True, text=True, timeout=300)

    subprocess.run(
        [sys.executable, "-m", "socialstyring.web.manage", "migrate", "-v0"], env=miljoe, check=True
    )
    fil = tmp_path / "b.json.gz"
    svar = koer("drift", "backup", str(fil), "--json")
    assert svar.returncode == 0, svar.stderr
    assert json.loads(svar.stdout)["raekker"] == 0 and fil.is_file()
    assert koer("drift", "gendan", str(fil)).returncode == 0
    forkert = koer("drift", "gendan", str(tmp_path / "b.zip"))
    assert forkert.returncode == 2 and ".json.gz" in forkert.stderr
