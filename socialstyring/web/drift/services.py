"""Backup and restore of the whole database, as Django's own serialiser writes and reads it.

- `skriv_backup(fil)`: every table of every app in one snapshot — one read-only transaction (on
  PostgreSQL at REPEATABLE READ, so rows written meanwhile are not half in it) — as a gzipped JSON
  fixture (`.json.gz`), written to a temporary file beside `fil` and renamed into place, so a
  failed backup never leaves a half file under the name.
- `gendan_backup(fil)`: loads such a file into an empty, migrated database in one transaction; a
  database that holds data is refused (nothing is merged), and a bad file loads nothing.

Left out, because the database rebuilds them itself: content types and permissions (`migrate`
makes them; rows that point to them are written with natural keys) and sessions (a restore logs
everybody out). Every other row keeps its primary key, so ids in addresses and references stay
what they were. Everything else — the register, the years, the history of every change, the
rulebook values kept in the app, the login locks — is in the file."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction

UDELADT = ("contenttypes", "auth.permission", "sessions")
ENDELSE = ".json.gz"


class Backupfejl(Exception):
    """A backup cannot be written or restored; the message says why (in Danish)."""


@dataclass(frozen=True)
class Backupinfo:
    fil: Path
    raekker: int
    bytes: int


def modeller() -> list[type[models.Model]]:
    """The models whose tables the backup holds (every table but the left-out ones)."""
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in ("contenttypes", "sessions") and m._meta.label_lower != "auth.permission"
    ]


def _tjek_navn(fil: Path) -> None:
    if not fil.name.endswith(ENDELSE):
        raise Backupfejl(f"{fil}: en backup hedder noget med {ENDELSE} (gzip-komprimeret JSON)")


def skriv_backup(fil: Path) -> Backupinfo:
    _tjek_navn(fil)
    midlertidig = fil.with_name(f".{fil.name}.{os.getpid()}.tmp")
    ud = StringIO()
    try:
        ytterst = not connection.in_atomic_block  # inside a caller's transaction, its snapshot holds
        with transaction.atomic():
            if ytterst and connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=list(UDELADT),
                format="json",
                stdout=ud,
                verbosity=0,
            )
            raekker = sum(m._base_manager.count() for m in modeller())
        with gzip.open(midlertidig, "wt", encoding="utf-8") as f:
            f.write(ud.getvalue())
        os.replace(midlertidig, fil)
    except OSError as fejl:
        midlertidig.unlink(missing_ok=True)
        raise Backupfejl(f"{fil}: kan ikke skrives: {fejl}") from fejl
    return Backupinfo(fil, raekker, fil.stat().st_size)


def fyldte_tabeller() -> list[str]:
    """The tables of `modeller()` that hold rows (empty list: the database is empty)."""
    return [m._meta.db_table for m in modeller() if m._base_manager.exists()]


def gendan_backup(fil: Path) -> Backupinfo:
    _tjek_navn(fil)
    if not fil.is_file():
        raise Backupfejl(f"{fil}: filen findes ikke")
    with transaction.atomic():
        if fyldte := fyldte_tabeller():
            raise Backupfejl(
                f"Databasen er ikke tom ({len(fyldte)} tabeller har rækker, fx {fyldte[0]}); en backup "
                "gendannes kun i en tom, migreret database, så intet blandes sammen. Intet er gendannet."
            )
        try:
            call_command("loaddata", str(fil), verbosity=0)
        except (CommandError, DatabaseError, DeserializationError, ValueError, OSError) as fejl:
            raise Backupfejl(f"{fil}: kan ikke gendannes: {fejl}. Intet er gendannet.") from fejl
        raekker = sum(m._base_manager.count() for m in modeller())
    return Backupinfo(fil, raekker, fil.stat().st_size)
