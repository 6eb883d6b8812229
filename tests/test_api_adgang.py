"""The JSON API's access matrix: every operation of the API (path × method, read from its own
OpenAPI schema) × every demo role and the anonymous caller, each with the status the pages'
rules give (tests/test_adgang_matrix.py walks the pages; the API authenticates by token, not
by session, so it is walked here). `test_hver_operation_har_en_indgang` fails when an
operation is added without an entry here, or an entry names one that is gone.

Objects: Solbakken (Region Midtjylland's; its 2018 rate calculation is a draft — Midtjylland's
2018 catalogue is not published), Aarhus Kommune's 2018 rate report (a draft) and its Q1 2018
occupancy, Midtjylland's 2017 catalogue, demo stays in Aarhus Kommune's offers (one Randers pays,
one it only acts for). A refused write changes nothing."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from socialstyring.web.api.services import opret_noegle
from socialstyring.web.register.models import Driftsherre, Tilbud, Ydelsesaar

pytestmark = pytest.mark.django_db

ROLLER = ("sekretariat", "aarhus", "herning", "region", "laeser", "randers_kommune")
ANONYM = "anonym"


def roller(
    sekretariat: int, aarhus: int, herning: int, region: int, laeser: int, kommune: int
) -> dict[str, int]:
    return dict(zip(ROLLER, (sekretariat, aarhus, herning, region, laeser, kommune), strict=True)) | {
        ANONYM: 401
    }


ALLE = roller(200, 200, 200, 200, 200, 200)
AARHUS_UDKAST = roller(200, 200, 403, 403, 403, 403)  # its own staff and the secretariat
SOLBAKKEN_UDKAST = roller(200, 403, 403, 200, 403, 403)


def _solbakken() -> int:
    return Tilbud.objects.get(navn="Solbakken").pk


def _aarhus() -> int:
    return Driftsherre.objects.get(navn="Aarhus Kommune").pk


def _aarhus_regnskab() -> int:
    """An offer of Aarhus Kommune with accounts for 2017 (the result's page is its operator's)."""
    from socialstyring.web.regnskab.models import Regnskab

    return (
        Regnskab.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", aar=2017)
        .order_by("pk")[0]
        .tilbud_id
    )


def _randers() -> int:
    from socialstyring.web.register.models import Kommune

    return Kommune.objects.get(navn="Randers").pk


def _afregning() -> int:
    """The demo's sent statement: Herning Kommune's to Randers, January 2018."""
    from socialstyring.web.afregning.models import Afregning

    return Afregning.objects.get(betalingskommune__navn="Randers", aar=2018, maaned=1).pk


def _refusionskrav() -> int:
    """Randers' claim for Q1 2018, submitted through the page's own service (the demo has none)."""
    from django.contrib.auth.models import User

    from socialstyring.web.refusion.services import indsend_krav
    from socialstyring.web.register.models import Kommune

    randers = Kommune.objects.get(navn="Randers")
    return indsend_krav(randers, 2018, 1, User.objects.get(username="randers_kommune"), 0).pk


def _randers_ophold() -> int:
    """A demo stay in one of Aarhus Kommune's offers that Randers pays: its operator and the
    paying municipality see and change it."""
    from socialstyring.web.ophold.models import Ophold

    return (
        Ophold.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", betalingskommune__navn="Randers")
        .order_by("pk")[0]
        .pk
    )


def _tillaeg_randers_handler() -> dict[str, Any]:
    """An add-on (made here) of a demo stay in Aarhus' offer that Randers acts for but another
    municipality pays: Randers sees the stay and may not change it (403)."""
    from socialstyring.web.ophold.models import Ophold, Opholdstillaeg

    o = (
        Ophold.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", handlekommune__navn="Randers")
        .exclude(betalingskommune__navn="Randers")
        .order_by("pk")[0]
    )
    t = Opholdstillaeg.objects.create(ophold=o, navn="Kørsel", pr_dag=100, fra=o.start)
    return {"ophold_id": o.pk, "tillaeg_id": t.pk}


_cpr_nr = itertools.count(2000)


def _nyt_ophold() -> dict[str, Any]:
    """A new stay in Aarhus' offer paid by Randers, a new citizen each time (born 1 January 1990)."""
    from socialstyring.web.register.models import Kommune, Ydelse

    randers = Kommune.objects.get(navn="Randers").pk
    y = Ydelse.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune").exclude(takstenhed="time")
    return {
        "cpr": f"010190-{next(_cpr_nr)}",
        "ydelse_id": y.order_by("pk")[0].pk,
        "handlekommune_id": randers,
        "betalingskommune_id": randers,
        "start": "2019-01-01",
    }


def _ophold_version() -> dict[str, Any]:
    from socialstyring.web.ophold.models import Ophold

    return {"version": Ophold.objects.get(pk=_randers_ophold()).version}


def _ophold_tillaeg() -> dict[str, Any]:
    from socialstyring.web.ophold.models import Ophold

    return {"navn": "Kørsel", "pr_dag": "100.00", "fra": str(Ophold.objects.get(pk=_randers_ophold()).start)}


def _ophold_pakkeskift() -> dict[str, Any]:
    """Its own service again: past the rules, the service refuses it (no other package: 422)."""
    from socialstyring.web.ophold.models import Ophold

    o = Ophold.objects.get(pk=_randers_ophold())
    return {"varslet": str(o.start), "ydelse_id": o.ydelse_id}


Sti = Callable[[], dict[str, Any]]

MATRIX: dict[tuple[str, str], tuple[Sti, dict[str, int]]] = {
    ("/api/v1/tilbud/", "get"): (dict, ALLE),
    ("/api/v1/tilbud/{tilbud_id}/", "get"): (lambda: {"tilbud_id": _solbakken()}, ALLE),
    ("/api/v1/tilbud/{tilbud_id}/takst/{aar}/", "get"): (
        lambda: {"tilbud_id": _solbakken(), "aar": 2018},
        SOLBAKKEN_UDKAST,
    ),
    ("/api/v1/katalog/{kode}/{aar}/", "get"): (lambda: {"kode": "midtjylland", "aar": 2017}, ALLE),
    ("/api/v1/indberetning/{driftsherre_id}/{aar}/", "get"): (
        lambda: {"driftsherre_id": _aarhus(), "aar": 2018},
        AARHUS_UDKAST,
    ),
    ("/api/v1/indberetning/{driftsherre_id}/{aar}/", "put"): (
        lambda: {"driftsherre_id": _aarhus(), "aar": 2018},
        AARHUS_UDKAST,
    ),
    ("/api/v1/belaegning/{driftsherre_id}/{aar}/{kvartal}/", "get"): (
        lambda: {"driftsherre_id": _aarhus(), "aar": 2018, "kvartal": 1},
        AARHUS_UDKAST,
    ),
    ("/api/v1/belaegning/{driftsherre_id}/{aar}/{kvartal}/", "put"): (
        lambda: {"driftsherre_id": _aarhus(), "aar": 2018, "kvartal": 1},
        AARHUS_UDKAST,
    ),
    ("/api/v1/tilbud/{tilbud_id}/resultat/{aar}/", "get"): (
        lambda: {"tilbud_id": _aarhus_regnskab(), "aar": 2017},
        AARHUS_UDKAST,
    ),
    ("/api/v1/tilbud/{tilbud_id}/resultat/{aar}/", "put"): (
        lambda: {"tilbud_id": _aarhus_regnskab(), "aar": 2017},
        AARHUS_UDKAST,
    ),
    ("/api/v1/ledelsesinfo/{kode}/{forrige}/{aar}/", "get"): (
        lambda: {"kode": "midtjylland", "forrige": 2016, "aar": 2017},
        ALLE,  # both years published: every role of the agreement
    ),
    ("/api/v1/afregning/kommune/{kommune_id}/{aar}/", "get"): (
        lambda: {"kommune_id": _randers(), "aar": 2018},
        roller(403, 403, 403, 403, 403, 200),  # the municipality's own staff
    ),
    ("/api/v1/afregning/{afregning_id}/", "get"): (
        lambda: {"afregning_id": _afregning()},
        roller(403, 403, 200, 403, 403, 200),  # the sending operator (Herning) and the paying municipality
    ),
    ("/api/v1/refusion/kommune/{kommune_id}/{aar}/{kvartal}/", "get"): (
        lambda: {"kommune_id": _randers(), "aar": 2018, "kvartal": 1},
        roller(403, 403, 403, 403, 403, 200),
    ),
    ("/api/v1/refusion/krav/{krav_id}/", "get"): (
        lambda: {"krav_id": _refusionskrav()},
        roller(403, 403, 403, 403, 403, 200),  # the municipality's own staff
    ),
    # stays: a municipality's and an operator's staff; the secretariat sees counts on its page,
    # readers nothing (403); another operator's stay is 403 as on the stay's page
    ("/api/v1/ophold/", "get"): (dict, roller(403, 200, 200, 200, 403, 200)),
    ("/api/v1/ophold/", "post"): (
        dict,
        roller(403, 201, 403, 403, 403, 201),
    ),  # herning, region: not their offer
    ("/api/v1/ophold/{ophold_id}/", "get"): (
        lambda: {"ophold_id": _randers_ophold()},
        roller(403, 200, 403, 403, 403, 200),
    ),
    ("/api/v1/ophold/{ophold_id}/", "patch"): (
        lambda: {"ophold_id": _randers_ophold()},
        roller(403, 200, 403, 403, 403, 200),
    ),
    ("/api/v1/ophold/{ophold_id}/pakkeskift/", "post"): (
        lambda: {"ophold_id": _randers_ophold()},
        roller(403, 422, 403, 403, 403, 422),  # allowed; the body is refused (_ophold_pakkeskift)
    ),
    ("/api/v1/ophold/{ophold_id}/tillaeg/", "post"): (
        lambda: {"ophold_id": _randers_ophold()},
        roller(403, 201, 403, 403, 403, 201),
    ),
    ("/api/v1/ophold/{ophold_id}/tillaeg/{tillaeg_id}/", "delete"): (
        _tillaeg_randers_handler,
        roller(403, 204, 403, 403, 403, 403),  # Randers acts for the stay: reads, does not change
    ),
}
"""(path, method) → (its parameters, the status per role)."""


def _aarhus_regnskabs_version() -> dict[str, Any]:
    from socialstyring.web.regnskab.models import Regnskab

    return {"version": Regnskab.objects.get(tilbud_id=_aarhus_regnskab(), aar=2017).version}


KROPPE: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
    ("/api/v1/tilbud/{tilbud_id}/resultat/{aar}/", "put"): _aarhus_regnskabs_version,  # changes nothing
    ("/api/v1/ophold/", "post"): _nyt_ophold,
    ("/api/v1/ophold/{ophold_id}/", "patch"): _ophold_version,  # changes nothing but the version
    ("/api/v1/ophold/{ophold_id}/pakkeskift/", "post"): _ophold_pakkeskift,
    ("/api/v1/ophold/{ophold_id}/tillaeg/", "post"): _ophold_tillaeg,
}
"""A write's body (default: no rows, which changes nothing)."""


def _operationer() -> set[tuple[str, str]]:
    skema = Client().get("/api/v1/openapi.json").json()
    return {(sti, metode) for sti, ops in skema["paths"].items() for metode in ops}


def test_hver_operation_har_en_indgang() -> None:
    operationer = _operationer()
    assert sorted(operationer - set(MATRIX)) == [], "tilføj operationen til MATRIX"
    assert sorted(set(MATRIX) - operationer) == [], "operationen findes ikke længere"


def test_ingen_int_i_ruterne() -> None:
    """Numbers in the API's routes are `heltal` too (ASCII digits within the database's range)."""
    from socialstyring.web.api.urls import urlpatterns

    ruter = [str(p.pattern) for p in urlpatterns]
    assert ruter and not [r for r in ruter if "<int:" in r]
    assert sum("<heltal:" in r for r in ruter) >= 4


def _tilstand() -> list[tuple[int, int]]:
    from django.db.models import Sum

    from socialstyring.web.ophold.models import Ophold, Opholdstillaeg, Pakkeskift

    ophold = [
        (Ophold.objects.count(), Ophold.objects.aggregate(v=Sum("version"))["v"] or 0),
        (Opholdstillaeg.objects.count(), Pakkeskift.objects.count()),
    ]
    return ophold + list(Ydelsesaar.objects.order_by("pk").values_list("pk", "version"))


@pytest.mark.parametrize(("sti", "metode"), sorted(MATRIX))
def test_rolle_matrix(demo: None, sti: str, metode: str) -> None:
    parametre, forventet = MATRIX[(sti, metode)]
    url = sti.format(**parametre())
    klienter = {ANONYM: Client()} | {
        r: Client(headers={"Authorization": f"Bearer {opret_noegle(User.objects.get(username=r)).token}"})
        for r in ROLLER
    }
    for rolle, klient in klienter.items():
        foer = _tilstand()
        if metode == "get":
            svar = klient.get(url)
        else:
            krop = KROPPE.get((sti, metode), lambda: {"raekker": []})()
            svar = getattr(klient, metode)(url, json.dumps(krop), content_type="application/json")
        assert svar.status_code == forventet[rolle], (
            f"{metode.upper()} {url} som {rolle}: {svar.content[:300]!r}"
        )
        if svar.status_code >= 400:
            assert svar["Content-Type"] == "application/problem+json"
            assert _tilstand() == foer
