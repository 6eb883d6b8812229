"""Errors as problem details (RFC 9457, `application/problem+json`) with Danish text: every
refusal of the API — no or a bad token (401), not allowed (403), not there or another
agreement's (404), a stale version or a locked year (409), bad input (422) — has a `type`,
`title`, `status` and `detail`; a bad request never becomes a 500."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from socialstyring.web.faelles.felter import indeholder_cpr
from socialstyring.web.faelles.samtidighed import Foraeldet
from socialstyring.web.register.models import Statusfejl
from socialstyring.web.register.services import Laast

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"
TYPE = "https://socialstyring.dk/api/fejl/"
"""The problem types' base; each type is `TYPE + <navn>` (documented in docs/api.md)."""

TITLER = {
    400: ("ugyldig-forespoergsel", "Ugyldig forespørgsel"),
    401: ("ikke-logget-ind", "Manglende eller ugyldig API-nøgle"),
    403: ("ingen-adgang", "Ingen adgang"),
    404: ("findes-ikke", "Findes ikke"),
    405: ("metode-ikke-tilladt", "Metoden er ikke tilladt"),
    409: ("konflikt", "Konflikt"),
    422: ("ugyldige-data", "Ugyldige data"),
    500: ("serverfejl", "Serverfejl"),
}


class Problem(Exception):
    """A refusal with its status, detail and any further members (`ekstra`)."""

    def __init__(self, status: int, detail: str, type_: str | None = None, **ekstra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type_ = type_
        self.ekstra = ekstra


def problem(
    request: HttpRequest, status: int, detail: str, type_: str | None = None, **ekstra: Any
) -> HttpResponse:
    navn, titel = TITLER.get(status, ("fejl", "Fejl"))
    krop = {"type": TYPE + (type_ or navn), "title": titel, "status": status, "detail": detail, **ekstra}
    svar = HttpResponse(
        json.dumps(krop, ensure_ascii=False, default=str), status=status, content_type=PROBLEM
    )
    if status == 401:
        svar["WWW-Authenticate"] = 'Bearer realm="socialstyring"'
    return svar


def _sted(loc: tuple[Any, ...] | list[Any]) -> str:
    """Where in the request: the body's or the query's field ('raekker.0.takst'), without
    ninja's prefix (where, and for a body the route's parameter name: ('body', 'ind', …))."""
    dele = list(loc)
    if dele[:1] == ["body"] and len(dele) > 2:
        dele = dele[2:]
    return ".".join(str(d) for d in dele if d not in ("body", "query", "path"))


def _valideringsfejl(fejl: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's errors as (where, what) in plain text (no input echoed back)."""
    return [{"felt": _sted(f.get("loc", ())), "fejl": str(f.get("msg", ""))} for f in fejl]


def _uden_cpr(besked: str) -> str:
    """A message that echoes the value sent (Django's 'Værdien '…' er ikke et gyldigt valg.')
    never echoes a CPR number."""
    return "Værdien er ugyldig." if indeholder_cpr(besked) else besked


def feltfejl(fejl: DjangoValidationError, navne: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """A Django `ValidationError` as (field, message) pairs, the field named as the API names
    it (`navne`: the model's name → the API's, e.g. ydelse → ydelse_id; '' for no field)."""
    if not hasattr(fejl, "error_dict"):
        return [{"felt": "", "fejl": _uden_cpr(m)} for m in fejl.messages]
    return [
        {"felt": "" if felt == NON_FIELD_ERRORS else (navne or {}).get(felt, felt), "fejl": _uden_cpr(m)}
        for felt, beskeder in fejl.message_dict.items()
        for m in beskeder
    ]


def ugyldige_data(fejl: list[dict[str, str]]) -> Problem:
    """422 with the fields and their messages, also in `detail` ('slut: Slut ligger før start.')."""
    return Problem(
        422, " ".join(f"{f['felt']}: {f['fejl']}" if f["felt"] else f["fejl"] for f in fejl), fejl=fejl
    )


def registrer(api: NinjaAPI) -> None:
    """Every error of `api` as a problem detail."""

    def h(klasse: type[Exception], status: int, detail: str | None = None, **kw: Any) -> None:
        def handler(request: HttpRequest, exc: Any) -> HttpResponse:
            return problem(request, status, detail or str(exc) or TITLER[status][1], **kw)

        api.add_exception_handler(klasse, handler)

    h(AuthenticationError, 401, "Send en gyldig API-nøgle i headeren 'Authorization: Bearer <nøgle>'.")
    h(PermissionDenied, 403, "Du har ikke adgang til dette.")
    h(Http404, 404)
    h(Statusfejl, 409)

    def problem_h(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(request, exc.status, exc.detail, exc.type_, **exc.ekstra)

    def laast(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(request, 409, exc.tekst("intet er gemt"), "laast", status_tekst=exc.status)

    def foraeldet(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(
            request, 409, exc.besked(), "foraeldet", konflikter=[k.tekst() for k in exc.konflikter]
        )

    def validering(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(
            request, 422, "Forespørgslen indeholder ugyldige værdier.", fejl=_valideringsfejl(exc.errors)
        )

    def django_validering(request: HttpRequest, exc: Any) -> HttpResponse:
        p = ugyldige_data(feltfejl(exc))
        return problem(request, 422, p.detail, **p.ekstra)

    def http_fejl(request: HttpRequest, exc: Any) -> HttpResponse:
        if exc.status_code == 400:  # ninja: a body that is not JSON
            return problem(request, 400, "Forespørgslens indhold kan ikke læses som JSON.")
        return problem(request, exc.status_code, str(exc))

    def alt_andet(request: HttpRequest, exc: Any) -> HttpResponse:
        log.exception("fejl i API'et: %s", request.path)
        return problem(request, 500, "Der opstod en fejl på serveren; den er logget.")

    api.add_exception_handler(Problem, problem_h)
    api.add_exception_handler(Laast, laast)
    api.add_exception_handler(Foraeldet, foraeldet)
    api.add_exception_handler(ValidationError, validering)
    api.add_exception_handler(DjangoValidationError, django_validering)
    api.add_exception_handler(HttpError, http_fejl)
    api.add_exception_handler(Exception, alt_andet)
