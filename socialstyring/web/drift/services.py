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
import json
import os
import re
import zlib
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.core.validators import DecimalValidator, MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import DatabaseError, connection, models, transaction

UDELADT = ("contenttypes", "auth.permission", "sessions", "procrastinate")
"""Left out of a backup: what `migrate` rebuilds, the sessions, and the job queue (procrastinate:
jobs of the moment, and on SQLite it has no tables)."""
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
        if m._meta.app_label not in ("contenttypes", "sessions", "procrastinate")
        and m._meta.label_lower != "auth.permission"
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
    """Restore `fil` into the empty database: all or nothing; `Backupfejl` naming the file (and,
    for a fault in it, the object and the field) when it cannot be restored."""
    _tjek_navn(fil)
    if not fil.is_file():
        raise Backupfejl(f"{fil}: filen findes ikke")
    with transaction.atomic():
        if fyldte := fyldte_tabeller():
            raise Backupfejl(
                f"Databasen er ikke tom ({len(fyldte)} tabeller har rækker, fx {fyldte[0]}); en backup "
                "gendannes kun i en tom, migreret database, så intet blandes sammen. Intet er gendannet."
            )
        objekter = kontroller_backup(fil)
        try:
            call_command("loaddata", str(fil), verbosity=0)
        except (CommandError, DatabaseError, DeserializationError, ValueError, OSError) as fejl:
            # a row the database refuses (a unique or check constraint): named by its object
            if m := re.search(r"Could not load ([\w.]+)\(pk=([^)]*)\): (.*)", str(fejl), re.S):
                label, pk, grund = m[1].lower(), m[2], m[3].strip()
                nr = next((n for (lb, p), n in objekter.items() if lb == label and str(p) == pk), None)
                if nr is not None:
                    raise _fejl(
                        f"{fil}: objekt nr. {nr} ({label}, pk {pk}): databasen afviser rækken ({grund})"
                    ) from fejl
            raise Backupfejl(f"{fil}: kan ikke gendannes: {fejl}. Intet er gendannet.") from fejl
        raekker = sum(m._base_manager.count() for m in modeller())
    return Backupinfo(fil, raekker, fil.stat().st_size)


def kontroller_backup(fil: Path) -> dict[tuple[str, object], int]:
    """Check the whole file before anything is loaded (`Backupfejl`, naming the file and the
    object — its number in the file, counted from 1, its model and pk — and the field): gzip,
    UTF-8 and JSON; a list of objects, each with a known model of the backup, a pk, and fields
    the model has; no row twice; every value one its column holds (the database's own limits:
    a text's length, an integer's range, a decimal's digits, NOT NULL — which SQLite would not
    enforce); and every foreign key to a row of the file (the database it goes into is empty),
    or, by natural key, to a user of the file or a content type or permission `migrate` made.
    Returns each row's (model, pk) → its object's number."""
    objekter = _laes_json(fil)
    labels = {m._meta.label_lower: m for m in modeller()}
    set_: dict[tuple[str, object], int] = {}
    noegler: dict[tuple[str, str], set[object]] = {}
    for nr, o in enumerate(objekter, start=1):
        sted = f"{fil}: objekt nr. {nr}"
        if (
            not isinstance(o, dict)
            or not isinstance(o.get("model"), str)
            or not isinstance(o.get("fields"), dict)
        ):
            raise _fejl(f'{sted}: et objekt skal have "model", "pk" og "fields"')
        model = labels.get(o["model"].lower())
        if model is None:
            raise _fejl(f"{sted}: modellen '{o['model'][:60]}' findes ikke i en backup af denne version")
        sted = f"{sted} ({model._meta.label_lower}, pk {str(o.get('pk'))[:30]})"
        pk = _vaerdi(sted, model._meta.pk, o.get("pk"))
        if (model._meta.label_lower, pk) in set_:
            raise _fejl(f"{sted}: rækken står også som objekt nr. {set_[(model._meta.label_lower, pk)]}")
        set_[(model._meta.label_lower, pk)] = nr
        if mangler := [
            f.name
            for f in model._meta.local_fields
            if getattr(f, "serialize", True) and f.name not in o["fields"]
        ]:
            raise _fejl(f"{sted}: feltet {mangler[0]} mangler (en backup har alle felter)")
        for navn, v in o["fields"].items():
            try:
                f = model._meta.get_field(navn)
            except FieldDoesNotExist:
                raise _fejl(
                    f"{sted}: feltet '{str(navn)[:60]}' findes ikke på {model._meta.label_lower}"
                ) from None
            if f.many_to_many:
                if not isinstance(v, list):
                    raise _fejl(f"{sted}, feltet {navn}: skal være en liste")
                continue
            if not f.concrete:
                raise _fejl(f"{sted}: feltet '{navn}' kan ikke gendannes")
            if f.is_relation and isinstance(v, list):  # a natural key
                _naturlig_noegle(f"{sted}, feltet {navn}", f.related_model, v, noegler)
                continue
            felt: Any = f
            vaerdi = _vaerdi(
                f"{sted}, feltet {navn}", felt.target_field if f.is_relation else f, v, felt.null
            )
            if f.is_relation and vaerdi is not None:
                maal = f.related_model._meta.label_lower  # type: ignore[union-attr]
                if maal in labels:
                    noegler.setdefault((f"{sted}, feltet {navn}", maal), set()).add(vaerdi)
    brugere = {
        (o["fields"].get("username"),)
        for o in objekter
        if isinstance(o, dict) and o.get("model") == "auth.user"
    }
    for (sted, maal), vaerdier in noegler.items():
        for v in vaerdier:
            findes = v in brugere if isinstance(v, tuple) else (maal, v) in set_
            if not findes:
                raise _fejl(f"{sted}: peger på {maal} {v!r}, som ikke er i backuppen")
    return set_


def _naturlig_noegle(
    sted: str, model: Any, v: list[Any], noegler: dict[tuple[str, str], set[object]]
) -> None:
    """A foreign key by natural key: to a user of the file (noted in `noegler`, checked when
    every user is read) or to a content type or permission `migrate` made."""
    maal = model._meta.label_lower
    if maal == "auth.user":
        if len(v) != 1 or not isinstance(v[0], str):
            raise _fejl(f"{sted}: en bruger angives med sit brugernavn, ikke {str(v)[:40]}")
        noegler.setdefault((sted, maal), set()).add(tuple(v))
        return
    if not hasattr(model._default_manager, "get_by_natural_key"):
        raise _fejl(f"{sted}: skal være et id på {maal}, ikke en liste")
    try:
        model._default_manager.get_by_natural_key(*v)
    except (model.DoesNotExist, TypeError, ValueError):
        raise _fejl(f"{sted}: {maal} {str(v)[:60]} findes ikke i databasen") from None


def _fejl(besked: str) -> Backupfejl:
    return Backupfejl(f"{besked}. Intet er gendannet.")


def _laes_json(fil: Path) -> list[Any]:
    try:
        with gzip.open(fil, "rb") as f:
            raa = f.read()
    except (OSError, EOFError, zlib.error) as fejl:
        raise _fejl(f"{fil}: er ikke en hel gzip-komprimeret backup ({fejl})") from fejl
    try:
        objekter = json.loads(raa.decode("utf-8"))
    except UnicodeDecodeError as fejl:
        raise _fejl(f"{fil}: er ikke UTF-8 (byte {fejl.start} efter udpakning)") from fejl
    except json.JSONDecodeError as fejl:
        raise _fejl(
            f"{fil}: linje {fejl.lineno}, kolonne {fejl.colno}: ikke gyldig JSON ({fejl.msg})"
        ) from fejl
    except RecursionError as fejl:
        raise _fejl(f"{fil}: JSON'en er indlejret for dybt til at være en backup") from fejl
    if not isinstance(objekter, list):
        raise _fejl(f"{fil}: en backup er en JSON-liste af objekter")
    return objekter


_GRAENSER = (MaxLengthValidator, MinValueValidator, MaxValueValidator, DecimalValidator)


def _vaerdi(sted: str, f: Any, v: object, null: bool = False) -> object:
    """`v` as field `f` reads it, checked against the database's limits (`Backupfejl` at `sted`)."""
    if v is None:
        if null:
            return None
        raise _fejl(f"{sted}: må ikke være tom (null)")
    if isinstance(f, models.CharField | models.TextField) and not isinstance(v, str):
        raise _fejl(f"{sted}: skal være en tekst, ikke {str(v)[:40]!r}")
    if isinstance(f, models.IntegerField | models.DecimalField | models.FloatField) and isinstance(
        v, bool | list | dict
    ):
        raise _fejl(f"{sted}: skal være et tal, ikke {str(v)[:40]!r}")
    if isinstance(f, models.IntegerField) and not (
        isinstance(v, int) or (isinstance(v, str) and re.fullmatch(r"-?[0-9]+", v))
    ):  # (Django would cut 1.5 to 1)
        raise _fejl(f"{sted}: skal være et helt tal, ikke {str(v)[:40]!r}")
    try:
        vaerdi = f.to_python(v)
        for validator in f.validators:
            if isinstance(validator, _GRAENSER):
                validator(vaerdi)
    except ValidationError as fejl:
        raise _fejl(f"{sted}: {' '.join(fejl.messages).rstrip('.')} (værdien {str(v)[:40]!r})") from None
    except (TypeError, ValueError, OverflowError, ArithmeticError) as fejl:
        raise _fejl(f"{sted}: {str(v)[:40]!r} kan ikke læses ({fejl})") from None
    return vaerdi
