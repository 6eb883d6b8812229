"""Who sees a background job (`rules` permissions): the user who started it and, for a job of an
agreement, that agreement's secretariat. Another user's job does not exist for the user (404
from `selectors.hent_job`)."""

from __future__ import annotations

from typing import Any

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import er_sekretariat

SE = "jobber.se"


@predikat
def startede_jobbet(bruger: Bruger, job: Any) -> bool:
    return bool(bruger.is_authenticated and job.bruger_id == bruger.pk)


@predikat
def aftalens_sekretariat(bruger: Bruger, job: Any) -> bool:
    return job.rammeaftale is not None and bool(er_sekretariat(bruger, job.rammeaftale))


saet_regel(SE, startede_jobbet | aftalens_sekretariat)
