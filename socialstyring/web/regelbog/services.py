"""Keeping a layer's rule values: enter, change, delete and restore a value, each in one
transaction, each checked here — who may (`adgang.RETTE`: an agreement's secretariat its own
layer, a national administrator the national one), that the value is valid against the
rulebook with every other entered value (`selectors.afproev`, the rulebook's own model), and
that the record is the version the user saw (`faelles.samtidighed`).

Saves of one layer's parameter are serialised: the agreement's row and the parameter's entered
values are locked (`select_for_update`) before the value is tried, and the database refuses two
values of one parameter and layer from the same day (the second save is refused as stale).
Every save records its user in the history (simple-history), with "Gendannet fra version N"
for a restore."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from socialstyring.web.faelles.adgang import har
from socialstyring.web.faelles.samtidighed import Foraeldet, Konflikt, gem_ny, konflikt
from socialstyring.web.regelbog import selectors
from socialstyring.web.regelbog.adgang import RETTE
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Rammeaftale


class Afvist(Exception):
    """The value is refused; `fejl`: form field (None: the value as a whole) → Danish messages."""

    def __init__(self, fejl: dict[str | None, list[str]]) -> None:
        self.fejl = fejl
        super().__init__("; ".join(b for beskeder in fejl.values() for b in beskeder))


def _kraev(bruger: User, lag: str) -> None:
    if not har(bruger, RETTE, lag):
        raise PermissionDenied("Du har ikke adgang til at rette denne regelbog.")


def _laas(lag: str, parameter: str) -> None:
    """Hold the agreement's row and the parameter's entered values until the transaction ends."""
    if lag != "national":
        list(Rammeaftale.objects.select_for_update().filter(kode=lag))
    list(Regelaendring.objects.select_for_update().filter(lag=lag, parameter=parameter))


def _afproev(lag: str, parameter: str, ind: selectors.Indtastning, uden: int | None = None) -> None:
    fejl = selectors.afproev(lag, parameter, ind, uden).fejl
    if fejl:
        raise Afvist(fejl)


def _saet(a: Regelaendring, ind: selectors.Indtastning, bruger: User) -> None:
    """Write the entered value into `a` and check the record (free text: no CPR numbers)."""
    a.fra, a.til, a.vaerdi = ind.fra, ind.til, selectors.gemt_vaerdi(ind.vaerdi)
    a.kilde_dokument, a.kilde_afsnit = ind.kilde_dokument, ind.kilde_afsnit
    a.kilde_url, a.kilde_note, a.antaget = ind.kilde_url, ind.kilde_note, ind.antaget
    a.aendret_af = bruger
    a._history_user = bruger  # type: ignore[attr-defined]  # simple-history's "who"
    try:
        a.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as fejl:
        raise Afvist({k: list(v) for k, v in fejl.message_dict.items()}) from None


@transaction.atomic
def tilfoej(bruger: User, lag: str, parameter: str, ind: selectors.Indtastning) -> Regelaendring:
    """Enter a new value of `parameter` in layer `lag`."""
    _kraev(bruger, lag)
    _laas(lag, parameter)
    _afproev(lag, parameter, ind)
    a = Regelaendring(lag=lag, parameter=parameter, oprettet_af=bruger)
    _saet(a, ind, bruger)
    gem_ny(a, f"{parameter} fra {ind.fra:%d-%m-%Y}")
    return a


def _hent(aendring_id: int, version: int | None) -> Regelaendring:
    """The entered value, locked, if it is still the version the user saw (else `Foraeldet`)."""
    a = Regelaendring.objects.select_for_update().filter(pk=aendring_id).first()
    if a is None:
        raise Foraeldet([Konflikt("Den indtastede værdi", (), "en anden bruger (slettet)", None)])
    k = konflikt(str(a), a, version, {})
    if k is not None:
        raise Foraeldet([k])
    return a


@transaction.atomic
def ret(bruger: User, aendring_id: int, version: int | None, ind: selectors.Indtastning) -> Regelaendring:
    """Change an entered value (its value, dates, source or assumption)."""
    a = _hent(aendring_id, version)
    _kraev(bruger, a.lag)
    _laas(a.lag, a.parameter)
    _afproev(a.lag, a.parameter, ind, uden=a.pk)
    _saet(a, ind, bruger)
    a.save()
    return a


@transaction.atomic
def slet(bruger: User, aendring_id: int, version: int | None) -> None:
    """Delete an entered value: the shipped value (or the national one) applies again."""
    a = _hent(aendring_id, version)
    _kraev(bruger, a.lag)
    _laas(a.lag, a.parameter)
    a._history_user = bruger  # type: ignore[attr-defined]
    a.delete()


@transaction.atomic
def gendan(bruger: User, lag: str, history_id: int) -> Regelaendring:
    """Restore an entered value to one of its versions (also one that was deleted); the
    restore is itself a new version, "Gendannet fra version <id>"."""
    _kraev(bruger, lag)
    post = Regelaendring.history.filter(lag=lag, history_id=history_id).first()
    if post is None:
        raise Afvist({None: ["Versionen findes ikke."]})
    _laas(lag, post.parameter)
    p = selectors.parameter(selectors.gaeldende_regelbog(), lag, post.parameter)
    ind = selectors.indtastning(post, p.enhed if p is not None else None)
    _afproev(lag, post.parameter, ind, uden=post.id)
    a = Regelaendring.objects.select_for_update().filter(pk=post.id).first()
    if a is None:
        # deleted: the same record again, its version counting on from the deleted one's
        a = Regelaendring(pk=post.id, lag=lag, parameter=post.parameter, oprettet_af_id=post.oprettet_af_id)
        a.version = post.version
    _saet(a, ind, bruger)
    a._change_reason = f"Gendannet fra version {history_id}"  # type: ignore[attr-defined]
    a.save()
    return a
