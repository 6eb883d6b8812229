"""The jobs' place in the house: a front-page card with the user's latest background jobs
(shown only to a user who has any). There is no menu item: a job is started from its area's
page, and the card and the job's page lead to the list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Forsidekort
from socialstyring.web.jobber import selectors
from socialstyring.web.register import adgang

PAA_FORSIDEN = 5


def _kort(request: HttpRequest) -> dict[str, Any] | None:
    job = list(selectors.synlige_job(adgang.bruger(request))[:PAA_FORSIDEN])
    return {"job": job} if job else None


def registrer() -> None:
    omraader.forsidekort(Forsidekort("jobber", 90, "jobber/_forsidekort.html", _kort))
