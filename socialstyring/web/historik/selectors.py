"""An offer's change history as the history page shows it: every version of the offer and
of everything that belongs to it, newest first, with the fields that changed — values the
Danish way, choices by label, related objects by name. Restoring is `services.gendan`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst

from socialstyring.web.faelles.samtidighed import VERSIONSFELT
from socialstyring.web.faelles.templatetags.dansk import kroner, tal
from socialstyring.web.historik.services import AARSMODELLER, HISTORIKMODELLER
from socialstyring.web.register.adgang import Aarsadgang
from socialstyring.web.register.models import (
    Afdeling,
    Kategorisering,
    Takstberegning,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

BELOEB = (14, 2)
"""Amounts of money are the register's DecimalFields with 14 digits, 2 of them decimals
(`models._beloeb`); year-places have 14 digits too, but 6 decimals, and are no amount."""


HANDLINGER = {"+": "Oprettet", "~": "Ændret", "-": "Slettet"}
UDELADT = {"id", "tilbud", "ydelse", "aar", "oprettet"}
"""Fields not listed for a created object: its key and timestamp, and what its name says."""


@dataclass(frozen=True)
class Aendringsfelt:
    felt: str
    foer: str
    efter: str


@dataclass
class Historikpost:
    model: str
    modelnavn: str
    objekt: str
    post: Any  # the historical record
    handling: str
    aendringer: list[Aendringsfelt]
    kan_gendannes: bool = False


class _Vaerdier:
    """Field values of historical records as text: choices by label, foreign keys by the
    related object's name, numbers the Danish way."""

    def __init__(self) -> None:
        self._relateret: dict[tuple[type[models.Model], Any], str] = {}

    def __call__(self, model: type[models.Model], navn: str, v: Any) -> str:
        f = model._meta.get_field(navn)
        if v is None or v == "":
            return "–"
        if isinstance(f, models.ForeignKey):
            return self._objekt(f.related_model, v)  # type: ignore[arg-type]
        if isinstance(f, models.JSONField):
            return f"({f.verbose_name})"
        if getattr(f, "choices", None):
            return str(dict(f.flatchoices).get(v, v))  # type: ignore[union-attr]
        if isinstance(v, bool):
            return "ja" if v else "nej"
        er_beloeb = isinstance(f, models.DecimalField) and (f.max_digits, f.decimal_places) == BELOEB
        if er_beloeb and v is not None:
            return kroner(v)
        if isinstance(v, int):
            return str(v)  # years and counts: 2018, not 2.018
        if isinstance(v, Decimal):
            return tal(v)
        if isinstance(v, datetime):
            return timezone.localtime(v).strftime("%d.%m.%Y %H:%M")
        if isinstance(v, date):
            return v.strftime("%d.%m.%Y")
        tekst = str(v)
        return tekst if len(tekst) <= 300 else tekst[:299] + "…"

    def _objekt(self, model: type[models.Model], pk: Any) -> str:
        noegle = (model, pk)
        if noegle not in self._relateret:
            obj = model._default_manager.filter(pk=pk).first()
            self._relateret[noegle] = str(obj) if obj is not None else f"#{pk} (slettet)"
        return self._relateret[noegle]


FELTNAVNE = {"maalgruppe": "målgruppe"}
"""Fields whose model gives no Danish verbose name of its own."""


def _feltnavn(model: type[models.Model], navn: str) -> str:
    f = model._meta.get_field(navn)
    return capfirst(FELTNAVNE.get(navn) or str(getattr(f, "verbose_name", navn)))


def _historiske(tilbud_id: int) -> Iterable[tuple[str, Any]]:
    """(model key, historical record) of the offer and everything that belongs to it."""
    ydelser = set(Ydelse.history.filter(tilbud_id=tilbud_id).values_list("id", flat=True))
    kilder: list[tuple[str, Any]] = [
        ("tilbud", Tilbud.history.filter(id=tilbud_id)),
        ("afdeling", Afdeling.history.filter(tilbud_id=tilbud_id)),
        ("ydelse", Ydelse.history.filter(tilbud_id=tilbud_id)),
        ("ydelsesaar", Ydelsesaar.history.filter(ydelse_id__in=ydelser)),
        ("kategorisering", Kategorisering.history.filter(tilbud_id=tilbud_id)),
        ("takstberegning", Takstberegning.history.filter(tilbud_id=tilbud_id)),
    ]
    for noegle, qs in kilder:
        for post in qs.select_related("history_user").order_by("history_date", "history_id"):
            yield noegle, post


def _objektnavn(noegle: str, post: Any, ydelsesnavne: dict[int, str]) -> str:
    if noegle == "ydelsesaar":
        return f"{ydelsesnavne.get(post.ydelse_id, f'ydelse #{post.ydelse_id}')} {post.aar}"
    if noegle in ("kategorisering", "takstberegning"):
        return str(post.aar)
    return str(post.navn)


def historikposter(tilbud: Tilbud, ser: Aarsadgang, kan_gendanne: bool) -> list[Historikpost]:
    """Every change of the offer and its parts, newest first, each with its field changes.

    Changes to a year's figures the user may not see (a draft: `Aarsadgang.ser_aendring`)
    are left out."""
    vaerdi = _Vaerdier()
    pr_objekt: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for noegle, post in _historiske(tilbud.pk):
        if noegle in AARSMODELLER and not ser.ser_aendring(tilbud.driftsherre, post.aar, post.history_date):
            continue
        pr_objekt[(noegle, post.id)].append(post)
    ydelsesnavne = {pid: str(poster[-1].navn) for (n, pid), poster in pr_objekt.items() if n == "ydelse"}
    if any(n == "ydelsesaar" for n, _ in pr_objekt):
        for y in Ydelse.history.filter(tilbud_id=tilbud.pk).order_by("history_date"):
            ydelsesnavne.setdefault(y.id, str(y.navn))
    findes: dict[str, set[int]] = {
        noegle: set(
            model._default_manager.filter(pk__in=[i for n, i in pr_objekt if n == noegle]).values_list(
                "pk", flat=True
            )
        )
        for noegle, (model, _) in HISTORIKMODELLER.items()
    }
    ud = []
    for (noegle, pk), poster in pr_objekt.items():
        model, modelnavn = HISTORIKMODELLER[noegle]
        forrige = None
        for nr, post in enumerate(poster):
            if post.history_type == "~" and forrige is not None:
                delta = post.diff_against(forrige)
                aendringer = [
                    Aendringsfelt(
                        _feltnavn(model, c.field),
                        vaerdi(model, c.field, c.old),
                        vaerdi(model, c.field, c.new),
                    )
                    for c in delta.changes
                    if c.field != VERSIONSFELT
                ]
            elif post.history_type == "+":
                aendringer = [
                    Aendringsfelt(
                        _feltnavn(model, f.name), "–", vaerdi(model, f.name, getattr(post, f.attname))
                    )
                    for f in model._meta.concrete_fields
                    if f.name not in UDELADT
                    and f.editable
                    and getattr(post, f.attname) not in (None, "")
                    and not isinstance(f, models.JSONField)
                ]
            else:
                aendringer = []
            gaeldende = nr == len(poster) - 1 and post.history_type != "-" and pk in findes[noegle]
            ud.append(
                Historikpost(
                    model=noegle,
                    modelnavn=modelnavn,
                    objekt=_objektnavn(noegle, post, ydelsesnavne),
                    post=post,
                    handling=HANDLINGER.get(post.history_type, post.history_type),
                    aendringer=aendringer,
                    kan_gendannes=kan_gendanne and not gaeldende,
                )
            )
            forrige = post
    ud.sort(key=lambda h: (h.post.history_date, h.post.history_id), reverse=True)
    return ud


def tilbud_id(noegle: str, post: Any) -> int:
    """The offer a historical record belongs to."""
    if noegle == "tilbud":
        return int(post.id)
    if noegle == "ydelsesaar":
        ydelse = Ydelse.history.filter(id=post.ydelse_id).order_by("-history_date").first()
        if ydelse is None:
            raise Http404("Ydelsen findes ikke.")
        return int(ydelse.tilbud_id)
    return int(post.tilbud_id)
