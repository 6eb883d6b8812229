"""WSGI entry point for stateless web processes.

Before it serves, a process builds what every request uses and keeps for the process's life —
the URL patterns (with the API's schemas) and the shipped rulebook — and then asks Python's
garbage collector to leave those objects alone (`gc.freeze`). Without it, every few requests
a full collection walked ~200.000 long-lived objects: about 0,1 s added to whichever request
it fell on (a request's p90 twice its median; docs/drift.md)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver, reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
application = get_wsgi_application()


def _forbered_processen() -> None:
    from socialstyring.regler import regelbog

    get_resolver().resolve("/")  # builds every URL pattern (and the API's schemas) once
    reverse("faelles:forside")  # and the names to reverse them by
    regelbog()
    gc.collect()
    gc.freeze()


_forbered_processen()
