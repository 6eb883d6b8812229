"""Start the year's billing of an agreement as a background job (one transaction: the job's row
and its place on the queue); the request returns at once."""

from __future__ import annotations

from django.contrib.auth.models import User

from socialstyring.web.aarsafregning import jobs
from socialstyring.web.jobber import services as jobber
from socialstyring.web.register.models import Rammeaftale


def start(bruger: User | None, aftaler: list[Rammeaftale], aar: int) -> int:
    """The agreements' (one: the agreement's job, seen by its secretariat) whole year's billing;
    returns the job's id."""
    job = jobber.start_job(
        bruger,
        jobs.ART,
        jobs.titel(aar, aftaler),
        jobs.parametre(aar, aftaler),
        rammeaftale=aftaler[0] if len(aftaler) == 1 else None,
    )
    return job.pk
