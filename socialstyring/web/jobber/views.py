"""Background jobs on the page.

URL names (namespace `jobber`):

    liste      GET  /jobber/                    the user's jobs (and a secretariat's agreements')
    job        GET  /jobber/<id>/               one job: status, progress, summary, result file
    resultat   GET  /jobber/<id>/resultat/      the result file

A job is started from the page of its area (e.g. the agreement's billing page); this app only
shows it. While a job waits or runs, its page reloads itself every few seconds.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialstyring.web.faelles.adgang import bruger
from socialstyring.web.faelles.filsvar import filsvar
from socialstyring.web.jobber import selectors

GENINDLAES_SEKUNDER = 2
VIST = 50


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    job = list(selectors.synlige_job(bruger(request))[:VIST])
    return render(request, "jobber/liste.html", {"job": job, "vist": VIST})


@login_required
@require_GET
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    j = selectors.hent_job(bruger(request), job_id)
    return render(
        request,
        "jobber/job.html",
        {"j": j, "genindlaes": None if j.afsluttet_status else GENINDLAES_SEKUNDER},
    )


@login_required
@require_GET
def resultat(request: HttpRequest, job_id: int) -> HttpResponse:
    j = selectors.hent_job(bruger(request), job_id)
    fil = selectors.resultatfil(j)
    if fil is None or not j.filnavn:
        raise Http404("Jobbet har ingen resultatfil.")
    return filsvar(fil, j.filtype, j.filnavn, privat=True)
