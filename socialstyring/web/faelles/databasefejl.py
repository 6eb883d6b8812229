"""A request whose database connection is lost halfway (the server restarted, the connection
cut) ends with a Danish 503 page: nothing of what was asked is saved — the request's transaction
was not committed — and the user may try again. The page is rendered without the database (no
menu), as the connection is gone; the next request gets a new connection."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


class Databasefejl:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("Databasen svarede ikke under %s %s: %s", request.method, request.path, exception)
        svar = HttpResponse(render_to_string("503.html"), status=503)
        svar["Retry-After"] = "5"
        return svar
