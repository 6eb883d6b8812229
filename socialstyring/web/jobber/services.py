"""Use cases of background jobs: start one (its row and its place on the queue in one
transaction), run one (`udfoer`, called by the queue), and report its progress."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles import jobarter as arter
from socialstyring.web.faelles.jobarter import Jobfejl, Jobkontekst
from socialstyring.web.jobber import koe
from socialstyring.web.jobber.models import Baggrundsjob, Jobstatus
from socialstyring.web.register.models import Rammeaftale

log = logging.getLogger("socialstyring.jobber")

UVENTET = (
    "Jobbet stoppede med en uventet fejl og har ikke gemt noget resultat. Fejlen er skrevet i "
    "systemets log; start jobbet igen, eller kontakt systemets administrator, hvis det sker igen."
)
FREMSKRIDT_HVERT = 0.5
"""Seconds between two writes of a job's progress (the last one is always written)."""


def _gem(job: Baggrundsjob, bruger: User | None) -> None:
    job._history_user = bruger  # type: ignore[attr-defined]  # simple-history's "who" outside a request
    job.save()


@transaction.atomic
def start_job(
    bruger: User | None,
    art: str,
    titel: str,
    parametre: dict[str, Any],
    rammeaftale: Rammeaftale | None = None,
) -> Baggrundsjob:
    """Create the job's row and queue it, in one transaction: the web request returns at once."""
    arter.hent(art)  # an unknown kind is refused before anything is written
    job = Baggrundsjob(art=art, titel=titel, parametre=parametre, bruger=bruger, rammeaftale=rammeaftale)
    _gem(job, bruger)
    koe.saet_i_koe(job.pk)
    return job


def fremskridt(job_id: int, udfoert: int, i_alt: int, tekst: str) -> None:
    """Write how far the job has come (outside any transaction of the job, so the page sees it)."""
    Baggrundsjob.objects.filter(pk=job_id).update(
        fremskridt_udfoert=max(0, udfoert), fremskridt_i_alt=max(0, i_alt), fremskridt_tekst=tekst[:200]
    )


class _Fremskridt:
    """The job's progress callback: writes at most every `FREMSKRIDT_HVERT` seconds, and always
    when the work is done."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.sidst = 0.0

    def __call__(self, udfoert: int, i_alt: int, tekst: str) -> None:
        nu = time.monotonic()
        if udfoert >= i_alt or nu - self.sidst >= FREMSKRIDT_HVERT:
            self.sidst = nu
            fremskridt(self.job_id, udfoert, i_alt, tekst)


@contextmanager
def _som_bruger(job: Baggrundsjob) -> Iterator[None]:
    """While the job runs, every history row it writes names the user who started it (as a web
    request's rows name the request's user)."""
    foer = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=job.bruger, path=f"/jobber/{job.pk}/")
    try:
        yield
    finally:
        if foer is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = foer


def udfoer(job_id: int) -> None:
    """Run the job (called by the queue). A job that has ended is not run again; one that was
    cut off (its worker died) starts over: every job's work is written to be run again."""
    job = Baggrundsjob.objects.select_related("bruger").filter(pk=job_id).first()
    if job is None or job.afsluttet_status:
        return
    job.status, job.startet, job.afsluttet, job.besked = Jobstatus.KOERER, timezone.now(), None, ""
    job.forsoeg += 1
    job.fremskridt_udfoert = job.fremskridt_i_alt = 0
    job.fremskridt_tekst = "Starter"
    _gem(job, job.bruger)
    k = Jobkontekst(dict(job.parametre), job.bruger, _Fremskridt(job.pk))
    try:
        with _som_bruger(job):
            r = arter.hent(job.art).koer(k)
    except Jobfejl as e:
        _afslut(job, Jobstatus.FEJLET, besked=str(e))
        return
    except Exception:
        log.exception("baggrundsjob %s (%s) fejlede", job.pk, job.art)
        _afslut(job, Jobstatus.FEJLET, besked=UVENTET)
        return
    job.resultat = {"resume": [[a, b] for a, b in r.resume]}
    job.fil, job.filnavn, job.filtype = r.fil, r.filnavn, r.filtype
    _afslut(job, Jobstatus.FAERDIG, besked="")


def _afslut(job: Baggrundsjob, status: Jobstatus, besked: str) -> None:
    # how far it came, written meanwhile by `fremskridt`
    job.refresh_from_db(fields=["fremskridt_udfoert", "fremskridt_i_alt", "fremskridt_tekst"])
    job.status, job.besked, job.afsluttet = status, besked, timezone.now()
    if status == Jobstatus.FAERDIG:
        job.fremskridt_udfoert = job.fremskridt_i_alt = max(1, job.fremskridt_i_alt)
        job.fremskridt_tekst = "Færdig"
    _gem(job, job.bruger)
