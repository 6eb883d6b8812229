"""Restoring an earlier version of an offer's data: the restore is itself a new version
("Gendannet fra version <id>"), in one transaction; a year's figures are restored only while
the year is not locked (`register.services.laas_aaret`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from socialstyring.web.register.models import Afdeling, Kategorisering, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.register.services import Laast, laas_aaret

HISTORIKMODELLER: dict[str, tuple[type[models.Model], str]] = {
    "tilbud": (Tilbud, "Tilbud"),
    "afdeling": (Afdeling, "Afdeling"),
    "ydelse": (Ydelse, "Ydelse"),
    "ydelsesaar": (Ydelsesaar, "Ydelsesår"),
    "kategorisering": (Kategorisering, "Kategori"),
}
"""The models whose history is shown per offer and can be restored (the URL's `model`)."""


class KanIkkeGendannes(Exception):
    """The version cannot be restored; the message says why (Danish)."""


@transaction.atomic
def gendan(noegle: str, post: Any, tilbud: Tilbud) -> models.Model:
    """Restore an object of `tilbud` to the historical version `post`; the restore is itself a
    new version ("Gendannet fra version <id>"). A year's figures are restored only while the
    year is not locked (`laas_aaret`)."""
    klasse, modelnavn = HISTORIKMODELLER[noegle]
    if noegle == "ydelsesaar":
        try:
            laas_aaret(tilbud.driftsherre, post.aar)
        except Laast as laast:
            raise KanIkkeGendannes(f"{modelnavn} kunne ikke gendannes: {laast}") from None
    obj = post.instance
    obj._state.adding = not klasse._default_manager.filter(pk=obj.pk).exists()
    try:
        obj.full_clean()
    except ValidationError as fejl:
        grunde = "; ".join(fejl.messages)
        raise KanIkkeGendannes(
            f"{modelnavn} kunne ikke gendannes fra version {post.history_id}: {grunde}"
        ) from None
    obj._change_reason = f"Gendannet fra version {post.history_id}"
    obj.save()
    return obj  # type: ignore[no-any-return]
