"""The first history record of rows that existed before their model got a history: a
migration that adds `HistoricalRecords` to a model runs `grundlinje(app, modeller)`, so
every existing row has a version to be restored to ("Historik påbegyndt").

Used only by migrations; it reads models through the migration's `apps`, so it works on
the historical state of the schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations
from django.utils import timezone

AARSAG = "Historik påbegyndt"


def grundlinje(app: str, modeller: tuple[str, ...]) -> migrations.RunPython:
    """A RunPython operation that writes one '+' history record per existing row of each
    of `modeller` in `app` (nothing to undo: the history table is dropped when reversed)."""

    def skriv(apps: Any, schema_editor: Any) -> None:
        nu = timezone.now()
        for navn in modeller:
            model = apps.get_model(app, navn)
            historisk = apps.get_model(app, f"Historical{navn}")
            felter = [f.attname for f in model._meta.concrete_fields]
            poster = [
                historisk(
                    **{a: getattr(o, a) for a in felter},
                    history_date=nu,
                    history_type="+",
                    history_change_reason=AARSAG,
                )
                for o in model._default_manager.using(schema_editor.connection.alias).iterator()
            ]
            historisk._default_manager.using(schema_editor.connection.alias).bulk_create(
                poster, batch_size=500
            )

    ingenting: Callable[[Any, Any], None] = migrations.RunPython.noop
    return migrations.RunPython(skriv, ingenting)
