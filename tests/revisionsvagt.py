"""The audit guard: every test of the suite runs under it, so every write path the suite takes
(forms, Excel imports, restore, in-year changes, the API, jobs, the command line) is checked.

A change to our data is attributable when it leaves a history row (django-simple-history) with
its user. Two ways lose that, and the guard fails the test that takes either:

- a bulk write that skips the history: `QuerySet.update`, `bulk_create`, `bulk_update` on one of
  our models, called from our code (simple-history's own `bulk_*_with_history`, which writes the
  history rows itself, is allowed, and so are the demo's loaders — fixture data — and the few
  calls listed in `TILLADT`, each with why);
- a history row written during a logged-in user's web request without that user.

`tests/test_revisionsspor.py` shows that the guard catches both."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.db.models import Model, QuerySet
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

TILLADT: dict[tuple[str, str], str] = {
    ("socialstyring/web/prognose/services.py", "gem"): (
        "moves the forecast's years out of the unique constraint's way; each year is then saved "
        "one by one with history"
    ),
    ("socialstyring/web/api/services.py", "noeglens_bruger"): (
        "stamps an API token's last use (bookkeeping, not data); a history row per API request "
        "would drown the token's history, which keeps its creation and revocation"
    ),
    ("socialstyring/web/jobber/services.py", "fremskridt"): (
        "writes how far a running background job has come (several times a second at most); the "
        "job's status changes — started, running, done or failed — are saved with history and "
        "the user who started it"
    ),
}
"""Bulk writes of our code allowed past the guard: (file, function) → why."""

_fund: list[str] = []
_laas = threading.Lock()


def _vores(model: type[Model]) -> bool:
    return model.__module__.startswith("socialstyring.") and not model.__name__.startswith("Historical")


def _kalder() -> tuple[str, str, int] | None:
    """Our code's nearest frame on the stack, or None when simple-history itself writes."""
    f: FrameType | None = sys._getframe(2)
    while f is not None:
        fil = f.f_code.co_filename.replace("\\", "/")
        if "/simple_history/" in fil or "/socialstyring/demo/" in fil:
            return None  # simple-history writes its rows itself; the demo is a fixture load
        if "/socialstyring/" in fil:
            kort = "socialstyring/" + fil.rsplit("/socialstyring/", 1)[1]
            return kort, f.f_code.co_name, f.f_lineno
        f = f.f_back
    return None


def _meld(tekst: str) -> None:
    with _laas:
        _fund.append(tekst)


def _vagt(navn: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def skrivning(self: QuerySet[Any], *args: Any, **kwargs: Any) -> Any:
        if _vores(self.model):
            kalder = _kalder()
            if kalder is not None and (kalder[0], kalder[1]) not in TILLADT:
                _meld(
                    f"{self.model._meta.label}: QuerySet.{navn} i {kalder[0]}:{kalder[2]} ({kalder[1]}) "
                    "skriver uden historik"
                )
        return original(self, *args, **kwargs)

    return skrivning


def _historikpost(sender: Any, instance: Model, history_instance: Model, **kwargs: Any) -> None:
    request = getattr(HistoricalRecords.context, "request", None)
    bruger = getattr(request, "user", None)
    if bruger is None or not bruger.is_authenticated:
        return
    if getattr(history_instance, "history_user_id", None) is None:
        _meld(
            f"{type(instance)._meta.label} {instance.pk}: historik uden bruger under "
            f"{bruger.get_username()}s forespørgsel {getattr(request, 'path', '')}"
        )


@contextmanager
def revisionsvagt() -> Iterator[list[str]]:
    """Guard the block; yields the list of findings (empty when all was attributable)."""
    gemt = {n: getattr(QuerySet, n) for n in ("update", "bulk_create", "bulk_update")}
    for n, f in gemt.items():
        setattr(QuerySet, n, _vagt(n, f))
    post_create_historical_record.connect(_historikpost, dispatch_uid="revisionsvagt")
    try:
        yield _fund
    finally:
        post_create_historical_record.disconnect(dispatch_uid="revisionsvagt")
        for n, f in gemt.items():
            setattr(QuerySet, n, f)


def tag_fund() -> list[str]:
    """The findings since the last call (and forget them)."""
    with _laas:
        fund = list(_fund)
        _fund.clear()
    return fund
