"""What every route module of the API shares: the path number, the paging parameters and a
page of a query set, the request's user, and the error answers a read and a write declare."""

from __future__ import annotations

from typing import Annotated, Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Schema

from socialstyring.web.api import skemaer as s

MAKS_PR_SIDE = 200
MAKS_ID = 2**63 - 1


Id = Annotated[int, Path(ge=1, le=MAKS_ID)]
"""A number in a path: the `heltal` converter's range (anything else matches no route: 404)."""

FEJLSVAR: dict[int, type[s.Problemdetalje]] = {c: s.Problemdetalje for c in (401, 403, 404, 422)}
SKRIVEFEJL: dict[int, type[s.Problemdetalje]] = {c: s.Problemdetalje for c in (400, 401, 403, 404, 409, 422)}


def bruger(request: HttpRequest) -> User:
    b = request.user
    assert isinstance(b, User)
    return b


class Sideparametre(Schema):
    side: int = Field(1, ge=1, le=1_000_000, description="Sidenummer, fra 1.")
    pr_side: int = Field(50, ge=1, le=MAKS_PR_SIDE, description=f"Rækker pr. side (højst {MAKS_PR_SIDE}).")


def side(qs: QuerySet[Any], p: Sideparametre) -> tuple[int, list[Any]]:
    start = (p.side - 1) * p.pr_side
    return qs.count(), list(qs[start : start + p.pr_side])
