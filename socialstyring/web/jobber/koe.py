"""The queue a background job is put on (`settings.JOBKOE`):

- "procrastinate": the job queue that lives in PostgreSQL. The job is deferred in the same
  transaction that creates its row, so a job is queued exactly when its row exists; a worker
  (`socialstyring jobber arbejd`, one or more processes, on any machine that reaches the
  database) runs it. A job whose worker died (kill -9, a lost machine) is found by its missing
  heartbeat and run again by the next worker (`genoptag_afbrudte`, every minute): every job is
  written to be run again from the start.
- "traad": the embedded SQLite (one process, `make run`): a thread of the web process, started
  when the transaction that created the job commits. A job cut off by stopping the server
  stays "Kører"; start it again.
- "straks": the tests: right after the commit, in the same thread.
- "ingen": not queued; the caller runs it itself (`services.udfoer`: the command line on the
  embedded database).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection, transaction

KOE = "socialstyring"
"""The procrastinate queue our jobs are deferred to."""

log = logging.getLogger("socialstyring.jobber")


def saet_i_koe(job_id: int) -> None:
    """Queue job `job_id` (inside the transaction that created it)."""
    maade = settings.JOBKOE
    if maade == "procrastinate":
        from socialstyring.web.jobber.tasks import koer_job

        koer_job.defer(job_id=job_id)
    elif maade == "traad":
        transaction.on_commit(
            lambda: threading.Thread(
                target=_i_traad, args=(job_id,), name=f"job-{job_id}", daemon=True
            ).start()
        )
    elif maade == "straks":
        transaction.on_commit(lambda: _koer(job_id))
    elif maade != "ingen":
        raise ValueError(f"SOCIALSTYRING_JOBKOE: ukendt kø '{maade}' (procrastinate, traad, straks, ingen)")


def _koer(job_id: int) -> None:
    from socialstyring.web.jobber.services import udfoer

    udfoer(job_id)


def _i_traad(job_id: int) -> None:
    try:
        _koer(job_id)
    except Exception:  # the job's row says it failed; the thread must not die loudly
        log.exception("baggrundsjob %s", job_id)
    finally:
        connection.close()  # this thread's own database connection


async def genoptag_afbrudte(sekunder_uden_hjerteslag: float | None = None) -> list[int]:
    """Run again the jobs whose worker stopped sending heartbeats (it died mid-job); returns
    their procrastinate ids."""
    from procrastinate.contrib.django import app

    graense = sekunder_uden_hjerteslag or settings.JOB_HJERTESLAG_SEKUNDER
    igen = []
    for j in await app.job_manager.get_stalled_jobs(queue=KOE, seconds_since_heartbeat=graense):
        await app.job_manager.retry_job(j)
        if j.id is not None:
            igen.append(j.id)
    if igen:
        log.warning("baggrundsjob genoptaget efter en stoppet arbejder: %s", igen)
    return igen


def arbejd(en_gang: bool = False) -> None:
    """Run a worker on our queue: until stopped (SIGTERM/SIGINT), or (`en_gang`) until the queue
    is empty. It first runs again the jobs of workers that died (as it then does every minute)."""
    import asyncio

    from procrastinate.contrib.django import app, django_connector

    graense = float(settings.JOB_HJERTESLAG_SEKUNDER)

    async def koer() -> None:
        async with app.open_async():
            await genoptag_afbrudte()
            await app.run_worker_async(
                queues=[KOE],
                wait=not en_gang,
                install_signal_handlers=not en_gang,
                listen_notify=not en_gang,
                update_heartbeat_interval=graense / 3,
                stalled_worker_timeout=graense,
            )

    connector = app.connector
    assert isinstance(connector, django_connector.DjangoConnector)
    with app.replace_connector(connector.get_worker_connector()):
        asyncio.run(koer())
