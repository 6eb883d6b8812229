"""What an Excel import did, as every import page shows it: the rows and fields it changed
(old and new value as users read them), or every error naming file, sheet, row and column,
or why the data are locked; and the helpers each area's import service uses to get there
(saving with the file as the history's reason, a model's and the engine's errors as `Fejl`,
a record changed after the file was fetched). Each area's service does the import itself,
all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from pydantic import ValidationError as PydanticValidationError

from socialstyring.io.excel.faelles import Fejl
from socialstyring.web.faelles.samtidighed import sidst_gemt_af
from socialstyring.web.faelles.templatetags.dansk import kroner, procent, tal

GRUND = "Excel-import: {fil}"
"""The history's reason for a row saved by an import."""


@dataclass(frozen=True)
class Feltaendring:
    """One field an import changed, as users read it: 'Takst: 1.811,00 kr. → 1.900,00 kr.'."""

    felt: str
    foer: str
    efter: str


@dataclass(frozen=True)
class Aendring:
    """A row an import changed ("Tilbud – Ydelse") and each of its changed fields."""

    hvad: str
    felter: tuple[Feltaendring, ...] = ()


BELOEB = (14, 2)  # a DecimalField of this size holds kroner (`register.models._beloeb`, the accounts)


def feltvaerdi(objekt: models.Model, felt: str, v: Any) -> str:
    """A field's value as users read it: kroner with øre, a percentage with '%', other
    numbers the Danish way, a choice by its label, nothing as '–'."""
    f = objekt._meta.get_field(felt)
    if v is None or (isinstance(v, str) and not v.strip()):
        return "–"
    if getattr(f, "choices", None):
        return str(dict(f.flatchoices).get(v, v))  # type: ignore[union-attr]
    if isinstance(f, models.DecimalField):
        if (f.max_digits, f.decimal_places) == BELOEB:
            return kroner(v)
        return procent(v) if felt.endswith("_pct") else tal(v)
    tekst = " ".join(str(v).split())
    return f'"{tekst}"' if len(tekst) <= 120 else f'"{tekst[:119]}…"'


def feltaendring(objekt: models.Model, felt: str, foer: Any, label: str | None = None) -> Feltaendring:
    """`felt` of `objekt` changed from `foer` to its value now, named by `label` or the field."""
    navn = label or capfirst(str(getattr(objekt._meta.get_field(felt), "verbose_name", felt)))
    return Feltaendring(navn, feltvaerdi(objekt, felt, foer), feltvaerdi(objekt, felt, getattr(objekt, felt)))


def aendring(objekt: models.Model, hvad: str, foer: Mapping[str, Any]) -> Aendring:
    """The row `hvad` an import changed: each field of `foer` from its value before (nothing,
    for a record not yet saved) to its value on `objekt` now."""
    ny = objekt.pk is None
    return Aendring(hvad, tuple(feltaendring(objekt, felt, None if ny else v) for felt, v in foer.items()))


@dataclass(frozen=True)
class Importresultat:
    """What an import did: nothing when `fejl` or `laast`, else the changed rows (services,
    or what `ental`/`flertal` name), each with its fields' old and new values."""

    fil: str
    fejl: tuple[Fejl, ...] = ()
    laast: str | None = None
    aendrede: tuple[Aendring, ...] = ()
    uaendrede: int = 0
    ental: str = "ydelse"
    flertal: str = "ydelser"

    @property
    def ok(self) -> bool:
        return not self.fejl and self.laast is None

    @property
    def opsummering(self) -> str:
        """'3 ydelser ændret, 9 uændrede'."""
        n = len(self.aendrede)
        return (
            f"{n} {self.ental if n == 1 else self.flertal} ændret, "
            f"{self.uaendrede} {'uændret' if self.uaendrede == 1 else 'uændrede'}"
        )


def gem_importeret(objekt: models.Model, fil: str) -> None:
    """Save a row from an import, with the file as the history's reason. The reason goes
    with the save (django-simple-history's `_change_reason`): `update_change_reason` after it
    looked the new history row up by every field's value, two more queries per row."""
    objekt._change_reason = GRUND.format(fil=fil)[:100]  # type: ignore[attr-defined]
    try:
        objekt.save()
    finally:
        del objekt._change_reason  # type: ignore[attr-defined]


def valideringsfejl(
    fejl: ValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """A model's `full_clean` errors as `Fejl`, each in the column of its field."""
    return [
        Fejl(fil, besked, ark, raekke, kolonner.get(felt))
        for felt, beskeder in fejl.message_dict.items()
        for besked in beskeder
    ]


def motorfejl(
    fejl: PydanticValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """The engine's validation errors as `Fejl`, each in the column of its input if it has one."""
    ud = []
    for e in fejl.errors():
        felt = str(e["loc"][0]) if e["loc"] else ""
        besked = str(e["msg"]).removeprefix("Value error, ")
        ud.append(Fejl(fil, f"beregningen afviser tallene: {besked}", ark, raekke, kolonner.get(felt)))
    return ud


def sidst_gemte(model: type[models.Model], pks: Iterable[Any]) -> dict[Any, tuple[str, datetime | None]]:
    """`sidst_gemt_af` for many records of `model` at once (one query): pk → who saved it
    last and when; a record without history is left out."""
    historik = getattr(model, "history", None)
    pks = list(pks)
    if historik is None or not pks:
        return {}
    ud: dict[Any, tuple[str, datetime | None]] = {}
    pk = model._meta.pk.attname
    for post in (
        historik.filter(**{f"{pk}__in": pks})
        .order_by(pk, "-history_date", "-history_id")
        .select_related("history_user")
    ):
        noegle = getattr(post, pk)
        if noegle not in ud:  # the newest first, as `sidst_gemt_af`
            b = post.history_user
            ud[noegle] = ((b.get_full_name() or b.get_username()) if b else "", post.history_date)
    return ud


def aendret_efter_hentning(
    obj: models.Model,
    hentet: datetime | None,
    fil: str,
    ark: str,
    raekke: int | None,
    hvad: str,
    sidst: Mapping[Any, tuple[str, datetime | None]] | None = None,
) -> list[Fejl]:
    """A stale file, like a stale form: an error when the stored record `obj` the file would
    change was saved after the template was made (`hentet`, from its metadata) — the import
    would overwrite that save. A new record, or one unchanged since, is no error. `sidst`:
    `sidst_gemte` for the import's records, read once (else `obj`'s history is read here)."""
    if obj.pk is None or hentet is None:
        return []
    hvem, tidspunkt = sidst_gemt_af(obj) if sidst is None else sidst.get(obj.pk, ("", None))
    if tidspunkt is None or tidspunkt <= hentet:
        return []
    af = f" af {hvem}" if hvem else ""
    aendret = f"{timezone.localtime(tidspunkt):%d-%m-%Y kl. %H.%M}"
    hentes = f"{timezone.localtime(hentet):%d-%m-%Y kl. %H.%M}"
    return [
        Fejl(
            fil,
            f"{hvad} er ændret{af} {aendret}, efter filen blev hentet {hentes}; filen ville overskrive "
            "den ændring. Hent en ny skabelon, og skriv dine tal ind i den",
            ark,
            raekke,
        )
    ]
