"""Optimistic concurrency: a stale form is refused, never silently merged.

Every record users edit through a form carries a `version` (`Versioneret`), raised by one on
every save — by a form, an import, a restore or an in-year change alike. A form carries the
version of each record it shows (a hidden field, 0 for a record that did not exist yet) and
the values the user saw (Django's `show_hidden_initial`), so a service knows exactly which
fields the user changed and writes only those.

The service locks each record it is about to change (`select_for_update`) and compares its
version with the form's: when another save came in between, the whole save is refused
(`Foraeldet`, raised inside the transaction, so nothing is written) with what changed —
field by field, what the user saw, what the user wrote and what is stored now, by whom and
when — and the page is shown again with the stored values.

A record that is not edited (its fields unchanged by the user) is not written and not
compared: a stale page that saves one row does not overwrite a newer save of another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

VERSIONSFELT = "version"


class Versioneret(models.Model):
    """A record with a version, raised by one on every save (see the module)."""

    version = models.PositiveIntegerField("version", default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        self.version = (self.version or 0) + 1
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, VERSIONSFELT}
        super().save(*args, **kwargs)


def version_af(obj: Versioneret | None) -> int:
    """The version a form carries for `obj`: 0 when there is no record."""
    return obj.version if obj is not None else 0


# --- what the user changed ------------------------------------------------------------------


def med_versioner(form: forms.BaseForm, felter: Iterable[str] | None = None) -> None:
    """Let `form` carry what the user saw: the fields `felter` (default: all but hidden
    ones) post their initial value too (`show_hidden_initial`), so `form.changed_data` is
    what the user changed, not what differs from the database now."""
    for navn, felt in form.fields.items():
        if felter is not None and navn not in felter:
            continue
        if isinstance(felt.widget, forms.HiddenInput) or navn == VERSIONSFELT:
            continue
        felt.show_hidden_initial = True


def versionsfelt() -> forms.IntegerField:
    """The hidden field that carries a record's version (0: no record when the page was shown)."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, required=False)


def set_vaerdi(form: forms.BaseForm, navn: str) -> Any:
    """The value of field `navn` as the user saw it when the page was shown: the posted
    hidden initial (`med_versioner`), read by the field itself; the form's initial when the
    field carries none."""
    felt = form.fields[navn]
    if not felt.show_hidden_initial or not form.is_bound:
        return form.get_initial_for_field(felt, navn)
    raa = felt.hidden_widget().value_from_datadict(form.data, form.files, form.add_initial_prefix(navn))
    try:
        return felt.to_python(raa)
    except ValidationError:
        return raa


def aendringer(form: forms.BaseForm, felter: Iterable[str]) -> dict[str, tuple[str, Any, Any]]:
    """Of `felter`, those the user changed on the valid, bound `form` (see `med_versioner`):
    name → (label, what the user saw, what the user wrote)."""
    aendret = set(form.changed_data)
    ud: dict[str, tuple[str, Any, Any]] = {}
    for navn in felter:
        if navn not in aendret:
            continue
        saa, skrev = set_vaerdi(form, navn), form.cleaned_data.get(navn)
        if _normal(saa) != _normal(skrev):
            ud[navn] = (str(form.fields[navn].label or navn), saa, skrev)
    return ud


def nye_vaerdier(obj: models.Model | None, felter: Mapping[str, tuple[str, Any, Any]]) -> dict[str, Any]:
    """Of the user's changes (`aendringer`), the values that differ from what `obj` holds
    (texts stripped, with one kind of line break): what a save must write. For no record,
    every value that is not empty."""
    ud: dict[str, Any] = {}
    for navn, (_, _, skrev) in felter.items():
        ny = _normal(skrev) if isinstance(skrev, str) else skrev
        gammel = getattr(obj, navn) if obj is not None else None
        if _normal(gammel) != _normal(ny):
            ud[navn] = "" if ny is None and isinstance(skrev, str) else ny
    return ud


def _normal(v: Any) -> Any:
    """Texts compare without surrounding space and with one kind of line break (browsers
    post a text area's breaks as CR LF); an empty text is no value."""
    if isinstance(v, str):
        v = v.replace("\r\n", "\n").strip()
        return v or None
    return v


def hent_version(tekst: str | None) -> int:
    """A version posted outside a form (a button's hidden field), read as the project reads
    every number it is sent (`io.felter`); anything else is 0, a version that matches no
    stored record, so the save is refused as stale."""
    from socialstyring.io.felter import Idfejl, laes_heltal

    if tekst is None:
        return 0
    try:
        return laes_heltal(tekst, mindst=0, maks=2**31 - 1, hvad="version")
    except Idfejl:
        return 0


def set_version(form: forms.BaseForm) -> int:
    """The version of the record the user saw (the form's hidden `version`; 0: none)."""
    v = form.cleaned_data.get(VERSIONSFELT)
    return int(v) if v is not None else 0


# --- refusing a stale save -----------------------------------------------------------------


@dataclass(frozen=True)
class Feltkonflikt:
    felt: str  # the field's label
    saa: str  # what the user saw
    skrev: str  # what the user wrote
    nu: str  # what is stored now


@dataclass(frozen=True)
class Konflikt:
    """One record another save changed after the user opened the page."""

    hvad: str  # which record, in words: "Solsikken – Døgn 2019"
    felter: tuple[Feltkonflikt, ...]
    af: str  # who saved it last
    tidspunkt: datetime | None

    def tekst(self) -> str:
        hvornaar = f" {timezone.localtime(self.tidspunkt):%d-%m-%Y kl. %H.%M}" if self.tidspunkt else ""
        hvem = f" af {self.af}" if self.af else ""
        if not self.felter:
            return f"{self.hvad}: ændret{hvem}{hvornaar}."
        dele = "; ".join(
            f"{f.felt}: du så {f.saa or '–'} og skrev {f.skrev or '–'}, nu gemt: {f.nu or '–'}"
            for f in self.felter
        )
        return f"{self.hvad} er ændret{hvem}{hvornaar}: {dele}."


class Foraeldet(Exception):
    """The save is refused: records the user changed were changed by another save after the
    page was opened. Raised inside the service's transaction, so nothing is written."""

    def __init__(self, konflikter: Sequence[Konflikt]) -> None:
        self.konflikter = tuple(konflikter)
        super().__init__(self.besked())

    def besked(self) -> str:
        return (
            "Intet er gemt: en anden har gemt ændringer, efter du åbnede siden. "
            "Siden viser nu de gemte tal; se hvad der er ændret, og indtast dine ændringer igen, "
            "hvis de stadig skal gemmes."
        )

    def linjer(self) -> list[str]:
        return [k.tekst() for k in self.konflikter]


def sidst_gemt_af(obj: models.Model | None) -> tuple[str, datetime | None]:
    """Who saved `obj` last and when (its newest history record), or ('', None)."""
    if obj is None or obj.pk is None:
        return "", None
    historik = getattr(obj, "history", None)
    if historik is None:
        return "", None
    post = historik.order_by("-history_date", "-history_id").select_related("history_user").first()
    if post is None:
        return "", None
    bruger = post.history_user
    return (bruger.get_full_name() or bruger.get_username()) if bruger else "", post.history_date


def konflikt(
    hvad: str,
    nu: Versioneret | None,
    set_version: int | None,
    felter: Mapping[str, tuple[str, Any, Any]],
    vis: Any = None,
) -> Konflikt | None:
    """A `Konflikt` when the stored record `nu` (locked by the caller; None: there is none)
    is not the version the user saw (`set_version`; 0 or None: none); else None. `felter`
    are the fields the user changed: name → (label, what the user saw, what the user wrote);
    `vis` turns a value into text (default `str`, None as '')."""
    if version_af(nu) == (set_version or 0):
        return None
    vis = vis or vis_vaerdi
    af, tid = sidst_gemt_af(nu)
    return Konflikt(
        hvad=hvad,
        felter=tuple(
            Feltkonflikt(
                label, vis(saa), vis(skrev), vis(getattr(nu, navn, None) if nu is not None else None)
            )
            for navn, (label, saa, skrev) in felter.items()
        ),
        af=af,
        tidspunkt=tid,
    )


def vis_vaerdi(v: Any) -> str:
    """A value in a conflict message: numbers the Danish way (whole numbers without
    decimals, others with two: 9, 2.295,50), no value as ''."""
    from decimal import Decimal

    from socialstyring.io.tal import dansk_tal

    if v is None:
        return ""
    if isinstance(v, Decimal):
        return dansk_tal(v, 0) if v == v.to_integral_value() else dansk_tal(v, 2)
    if isinstance(v, models.Model):
        return str(v)
    return str(v)


def meld_konflikt(request: Any, fejl: Foraeldet) -> None:
    """Tell the user why nothing was saved and what changed (shown on the next page)."""
    from django.contrib import messages

    messages.error(request, fejl.besked())
    for linje in fejl.linjer():
        messages.warning(request, linje)


def gem_ny(obj: models.Model, hvad: str) -> None:
    """Save a record the user created: when another save created the same record at the same
    moment (the database's unique constraint refuses the second), the save is refused as
    stale (`Foraeldet`) rather than failing."""
    from django.db import IntegrityError, transaction

    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise Foraeldet([Konflikt(hvad, (), "en anden bruger", None)]) from None
