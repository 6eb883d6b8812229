"""The job queue in PostgreSQL (procrastinate; web/jobber/koe.py), for real: a job started by the
service is a row of the queue in the same transaction as the job's own row (so there is never
one without the other), it waits until a worker takes it, and the worker runs it to its end;
the job's page says "Venter" meanwhile and reloads itself. A worker killed in the middle of a
job is tests/test_nedbrud.py. PostgreSQL only (the queue lives there)."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from registerdata import opret_registerdata

from socialstyring.web.jobber import koe
from socialstyring.web.jobber.models import Baggrundsjob, Jobstatus
from socialstyring.web.jobber.services import start_job

pytestmark = pytest.mark.skipif(
    not os.environ.get("SOCIALSTYRING_DATABASE_URL"),
    reason="jobkøen findes kun på PostgreSQL (kører i testens PostgreSQL-gennemløb)",
)


def _koeen() -> list[tuple[str, str, object]]:
    with connection.cursor() as c:
        c.execute(
            "SELECT status, task_name, args FROM procrastinate_jobs WHERE queue_name = %s AND task_name = %s",
            [koe.KOE, "socialstyring.koer_job"],
        )
        return [(str(s), str(t), json.loads(a) if isinstance(a, str) else a) for s, t, a in c.fetchall()]


def test_et_job_koeres_af_en_arbejder_fra_koeen(transactional_db: None, settings: Any) -> None:
    settings.JOBKOE = "procrastinate"
    data = opret_registerdata()
    sek = data.bruger("sekretariat")
    # a job whose transaction is rolled back leaves neither its row nor its place in the queue
    with pytest.raises(RuntimeError), transaction.atomic():
        start_job(sek, "aarsafregning", "Rullet tilbage", {"aar": 2018, "rammeaftaler": ["midtjylland"]})
        raise RuntimeError
    assert not Baggrundsjob.objects.exists() and _koeen() == []
    job = start_job(
        sek, "aarsafregning", "Årets afregning 2018", {"aar": 2018, "rammeaftaler": ["midtjylland"]}
    )
    assert _koeen() == [("todo", "socialstyring.koer_job", {"job_id": job.pk})]
    c = Client()
    c.force_login(User.objects.get(pk=sek.pk))
    side = c.get(reverse("jobber:job", args=[job.pk])).content.decode()
    assert "Venter" in side and "står i kø" in side and 'http-equiv="refresh"' in side
    koe.arbejd(en_gang=True)  # a worker that stops when the queue is empty
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG and job.forsoeg == 1, job.besked
    assert _koeen() == [("succeeded", "socialstyring.koer_job", {"job_id": job.pk})]
    # the register data has no stays: the year bills nothing, said as such
    assert dict(job.resultat["resume"])["I alt"] == "0,00 kr."
    side = c.get(reverse("jobber:job", args=[job.pk])).content.decode()
    assert "Færdig" in side and 'http-equiv="refresh"' not in side


def test_den_landsdaekkende_demo_indlaeses_som_job(transactional_db: None, settings: Any) -> None:
    """`socialstyring demo national --baggrund` only queues the load; a worker loads it, with
    its progress counted in rows: 200 offers and 2.000 stays, as ordered."""
    from typer.testing import CliRunner

    from socialstyring.cli import app
    from socialstyring.demo.national import byg_national
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register.models import Tilbud

    settings.JOBKOE = "procrastinate"
    r = CliRunner().invoke(
        app, ["demo", "national", "--baggrund", "--tilbud", "200", "--ophold", "2000", "--aar", "2", "--json"]
    )
    assert r.exit_code == 0, r.output
    job = Baggrundsjob.objects.get(pk=json.loads(r.output)["job"])
    assert job.status == Jobstatus.VENTER and not Tilbud.objects.exists()
    koe.arbejd(en_gang=True)
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG, job.besked
    assert (Tilbud.objects.count(), Ophold.objects.count()) == (200, 2000)
    resume = dict(job.resultat["resume"])
    assert (resume["tilbud"], resume["ophold"]) == ("200", "2.000")
    assert job.fremskridt_udfoert == job.fremskridt_i_alt == byg_national(200, 2000, 2).antal_raekker()
