"""Restoring an earlier version of an offer's data: the restore is itself a new version
("Gendannet fra version <id>"), in one transaction; a year's figures are restored only while
the year is not locked (`register.services.laas_aaret`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction

from socialstyring.web.faelles.samtidighed import Versioneret, version_af
from socialstyring.web.register.models import (
    Afdeling,
    Kategorisering,
    Takstberegning,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.register.services import Laast, laas_aaret

HISTORIKMODELLER: dict[str, tuple[type[models.Model], str]] = {
    "tilbud": (Tilbud, "Tilbud"),
    "afdeling": (Afdeling, "Afdeling"),
    "ydelse": (Ydelse, "Ydelse"),
    "ydelsesaar": (Ydelsesaar, "Ydelsesår"),
    "kategorisering": (Kategorisering, "Kategori"),
    "takstberegning": (Takstberegning, "Takstberegning"),
}
"""The models whose history is shown per offer and can be restored (the URL's `model`)."""

AARSMODELLER = ("ydelsesaar", "kategorisering", "takstberegning")
"""Of those, the ones that hold one year's figures: shown only to whom may see the year."""

LAASTE_MODELLER = ("ydelsesaar", "takstberegning")
"""Of those, the ones the year's rate report locks (`register.services.laas_aaret`)."""


class KanIkkeGendannes(Exception):
    """The version cannot be restored; the message says why (Danish)."""


@transaction.atomic
def gendan(
    noegle: str, post: Any, tilbud: Tilbud, kommandolinje: Kommandolinje | None = None
) -> models.Model:
    """Restore an object of `tilbud` to the historical version `post`; the restore is itself a
    new version ("Gendannet fra version <id>"). A year's figures are restored only while the
    year is not locked (`laas_aaret`)."""
    klasse, modelnavn = HISTORIKMODELLER[noegle]
    if noegle in LAASTE_MODELLER:
        try:
            laas_aaret(tilbud.driftsherre, post.aar)
        except Laast as laast:
            raise KanIkkeGendannes(f"{modelnavn} kunne ikke gendannes: {laast}") from None
    return _gendan(klasse, modelnavn, post, kommandolinje)


@dataclass(frozen=True)
class Kommandolinje:
    """A restore from the command line: no web request, so the user is named here."""

    bruger: User | None


def _gendan(
    klasse: type[models.Model], modelnavn: str, post: Any, kommandolinje: Kommandolinje | None
) -> models.Model:
    obj = post.instance
    hvorfra = ""
    if kommandolinje is not None:
        obj._history_user = kommandolinje.bruger
        hvorfra = " (kommandolinjen)"
    nu = klasse._default_manager.select_for_update().filter(pk=obj.pk).first()
    obj._state.adding = nu is None
    if isinstance(obj, Versioneret):
        # the restore is a new version on top of the stored one, never an old number again
        obj.version = version_af(nu) if isinstance(nu, Versioneret) else 0
    try:
        obj.full_clean()
    except ValidationError as fejl:
        grunde = "; ".join(fejl.messages)
        raise KanIkkeGendannes(
            f"{modelnavn} kunne ikke gendannes fra version {post.history_id}: {grunde}"
        ) from None
    obj._change_reason = f"Gendannet fra version {post.history_id}{hvorfra}"
    obj.save()
    return obj  # type: ignore[no-any-return]


# --- any record, by its model (the command line) ----------------------------------------------


def historisk_model(navn: str) -> type[models.Model]:
    """A model with history, by 'app.Model' (case-insensitive): `KanIkkeGendannes` otherwise."""
    try:
        model = apps.get_model(navn)
    except (LookupError, ValueError):
        raise KanIkkeGendannes(f"Ukendt model '{navn}' (skriv fx register.Maalgruppe).") from None
    if not hasattr(model, "history"):
        raise KanIkkeGendannes(f"{model._meta.verbose_name} har ingen historik.")
    return model


@transaction.atomic
def gendan_version(navn: str, history_id: int, bruger: User | None) -> models.Model:
    """Restore any record with history to its version `history_id` (the command line's
    `socialstyring historik gendan`). An offer's data go through `gendan`, behind the same
    locks as the history page; other records (agreements, municipalities, target groups,
    population, catalogues …) have no lock. The restore is itself a new version, by `bruger`."""
    model = historisk_model(navn)
    post = model.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
    if post is None:
        raise KanIkkeGendannes(f"{model._meta.verbose_name} har ingen version {history_id}.")
    noegle = next((n for n, (k, _) in HISTORIKMODELLER.items() if k is model), None)
    if noegle is not None:
        from socialstyring.web.historik.selectors import tilbud_id

        tilbud = Tilbud.objects.select_related("driftsherre").get(pk=tilbud_id(noegle, post))
        return gendan(noegle, post, tilbud, Kommandolinje(bruger))
    return _gendan(model, str(model._meta.verbose_name), post, Kommandolinje(bruger))
