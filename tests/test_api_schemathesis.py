"""The JSON API against its own OpenAPI schema (schemathesis): requests generated from the
schema for every operation, at most 25 each, reads sent as the demo's secretariat (which reads
most) and writes as Aarhus Kommune's staff (which writes its own report and used days); every answer must
be no server error and exactly what the schema says (status, content type, body). Left out is
schemathesis' check that every schema-valid request is accepted: the business rules refuse some
(a service that is not in the report: 422; a row saved by someone else: 409), as documented;
and its check that every schema-violating request is refused: an unknown query parameter is
ignored, as the pages ignore one (bad values of the known ones are 422: tests/test_api.py).

Bounded: 25 examples per operation and user, no shrinking, no example database; the file runs
in well under a minute besides loading the demo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from socialstyring.web.api.services import opret_noegle

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

INDSTILLINGER = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,  # the same requests every run: a failure is reproducible
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _samme_forbindelse() -> Iterator[None]:
    """The requests run in the test's transaction: the WSGI handler must not close the database
    connection after each (Django's test client does the same; on PostgreSQL it would)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(demo: None) -> dict[str, str]:
    return {b: opret_noegle(User.objects.get(username=b)).token for b in ("sekretariat", "aarhus")}


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@INDSTILLINGER
def test_api_svarer_som_skemaet(case: Any, tokens: dict[str, str]) -> None:
    token = tokens["sekretariat" if case.method.upper() == "GET" else "aarhus"]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
