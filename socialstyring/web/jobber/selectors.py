"""Background jobs as the pages show them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, har
from socialstyring.web.jobber.adgang import SE
from socialstyring.web.jobber.models import Baggrundsjob
from socialstyring.web.register import adgang


def synlige_job(bruger: Bruger) -> QuerySet[Baggrundsjob]:
    """The jobs the user started and (a secretariat) its agreements' jobs; newest first, without
    their files."""
    if not bruger.is_authenticated:
        return Baggrundsjob.objects.none()
    aftaler = [a.pk for a in adgang.sekretariatets_aftaler(bruger)]
    return (
        Baggrundsjob.objects.filter(Q(bruger=bruger) | Q(rammeaftale__in=aftaler))
        .select_related("bruger", "rammeaftale")
        .defer("fil")
    )


def hent_job(bruger: Bruger, job_id: int) -> Baggrundsjob:
    """The job, or 404 when the user may not see it."""
    job = Baggrundsjob.objects.select_related("bruger", "rammeaftale").defer("fil").filter(pk=job_id).first()
    if job is None or not har(bruger, SE, job):
        raise Http404("Jobbet findes ikke.")
    return job


def resultatfil(job: Baggrundsjob) -> bytes | None:
    fil = Baggrundsjob.objects.filter(pk=job.pk).values_list("fil", flat=True).first()
    return bytes(fil) if fil is not None else None
