"""The procrastinate tasks (found by procrastinate's Django app, which imports every app's
`tasks`): one that runs any of our jobs, and the minute's check for jobs whose worker died."""

from __future__ import annotations

from procrastinate.contrib.django import app

from socialstyring.web.jobber import koe


@app.task(name="socialstyring.koer_job", queue=koe.KOE)
def koer_job(job_id: int) -> None:
    from socialstyring.web.jobber.services import udfoer

    udfoer(job_id)


@app.periodic(cron="* * * * *", periodic_id="genoptag_afbrudte")
@app.task(name="socialstyring.genoptag_afbrudte", queue=koe.KOE, queueing_lock="genoptag_afbrudte")
async def genoptag_afbrudte(timestamp: int) -> None:
    await koe.genoptag_afbrudte()
