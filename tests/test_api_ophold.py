"""The JSON API's stays (/api/v1/ophold/…, web/api/ruter_ophold.py) on the demo: the list and
one stay as the pages show them, a stay created and changed through the stays' own services
(same rules, same version check: stale → 409, nothing written; history with the token's user),
package changes and add-ons, bad input as Danish problem details naming the field — and never
a CPR number in an answer.

The demo's users (tests/conftest.py, socialstyring/demo): `randers_kommune` is Randers
Kommune's staff (sees the stays Randers pays or acts for, writes those it pays), `aarhus`,
`herning` and `region` the operators' staff (the stays in their own offers), `sekretariat` and
`laeser` see no citizen. Expected values are the ones sent, worked by hand: a stay from
1 March 2019 to 31 December 2019 has ended (status `afsluttet`) on any day the suite runs; the
citizen of CPR 010190-2345 was born 1 January 1990 (the seventh digit 2 and the year 90: 1900s).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from socialstyring.web.api.services import opret_noegle
from socialstyring.web.ophold.models import Ophold, Opholdstillaeg
from socialstyring.web.register.models import Driftsherre, Kommune, Rammeaftale, Tilbud, Ydelse

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
PROBLEM = "application/problem+json"
CPR = "010190-2345"
CPR_FORMER = ("0101902345", "010190-2345", "010190 2345", "010190")
"""The CPR number as sent and its digits: none may stand in any answer."""


def _klient(brugernavn: str) -> Client:
    token = opret_noegle(User.objects.get(username=brugernavn)).token
    return Client(headers={"Authorization": f"Bearer {token}"})


def _uden_cpr(svar: Any) -> None:
    tekst = svar.content.decode()
    assert not [c for c in CPR_FORMER if c in tekst], tekst[:500]


def _ok(svar: Any, status: int = 200) -> Any:
    assert svar.status_code == status, svar.content.decode()[:500]
    _uden_cpr(svar)
    return svar.json() if svar.content else None


def _problem(svar: Any, status: int) -> dict[str, Any]:
    assert svar.status_code == status, svar.content.decode()[:500]
    assert svar["Content-Type"] == PROBLEM
    _uden_cpr(svar)
    krop: dict[str, Any] = svar.json()
    assert krop["status"] == status and krop["title"] and krop["detail"]
    return krop


def _felter(krop: dict[str, Any]) -> set[str]:
    return {f["felt"] for f in krop["fejl"]}


def _send(klient: Client, metode: str, url: str, data: Any) -> Any:
    return getattr(klient, metode)(V1 + url, json.dumps(data, default=str), content_type="application/json")


def _aarhus_ydelse() -> Ydelse:
    """A service (not an hourly add-on) of one of Aarhus Kommune's offers."""
    return (
        Ydelse.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune")
        .exclude(takstenhed="time")
        .order_by("pk")[0]
    )


def _randers() -> Kommune:
    return Kommune.objects.get(navn="Randers")


def _nyt(ydelse: Ydelse, **aendr: Any) -> dict[str, Any]:
    randers = _randers()
    return {
        "cpr": CPR,
        "ydelse_id": ydelse.pk,
        "handlekommune_id": randers.pk,
        "betalingskommune_id": randers.pk,
        "start": "2019-03-01",
        "opsagt": "2019-10-31",
        "opsagt_af": "handlekommune",
        "slut": "2019-12-31",
        "aarsag": "Flyttet",
    } | aendr


# --- create, read, change ---------------------------------------------------------------------


def test_kommunen_opretter_et_ophold_uden_at_cpr_kommer_tilbage(demo: None) -> None:
    y = _aarhus_ydelse()
    k = _klient("randers_kommune")
    o = _ok(_send(k, "post", "/ophold/", _nyt(y)), 201)
    assert (o["start"], o["opsagt"], o["opsagt_af"], o["slut"]) == (
        "2019-03-01",
        "2019-10-31",
        "handlekommune",
        "2019-12-31",
    )
    assert (o["foedselsdato"], o["foedt"], o["status"]) == ("1990-01-01", 1990, "afsluttet")
    assert (o["betalingskommune"], o["handlekommune"], o["tilbud"], o["ydelse"]) == (
        "Randers",
        "Randers",
        y.tilbud.navn,
        y.navn,
    )
    assert o["driftsherre"] == "Aarhus Kommune" and o["version"] == 1 and o["kan_rette"] is True
    assert Decimal(o["indskrivning_pct"]) == 100 and o["pakkeskift"] == [] and o["tillaeg"] == []
    # the citizen as the pages show it: 'Borger ' and the pseudonym's short form, no digit
    assert o["borger"].startswith("Borger ") and not any(c.isdigit() for c in o["borger"])
    gemt = Ophold.objects.get(pk=o["id"])
    assert len(gemt.borger) == 64 and not any(c.isdigit() for c in gemt.borger)
    h = gemt.history.get()
    assert h.history_type == "+" and h.history_user.username == "randers_kommune"
    # read back (one and in the list), as the operator of the offer reads it too
    assert _ok(k.get(f"{V1}/ophold/{o['id']}/")) == o
    assert _ok(_klient("aarhus").get(f"{V1}/ophold/{o['id']}/"))["borger"] == o["borger"]
    liste = _ok(k.get(f"{V1}/ophold/?tilbud_id={y.tilbud_id}&pr_side=200"))
    assert o["id"] in {r["id"] for r in liste["resultater"]}
    # the same citizen in the same offer from the same day: refused at the field, nothing written
    krop = _problem(_send(k, "post", "/ophold/", _nyt(y)), 422)
    assert _felter(krop) == {"start"} and "allerede" in krop["detail"]
    assert Ophold.objects.filter(borger=gemt.borger).count() == 1


def test_ophold_rettes_med_version_og_foraeldet_giver_409(demo: None) -> None:
    y = _aarhus_ydelse()
    o = _ok(_send(_klient("randers_kommune"), "post", "/ophold/", _nyt(y, opsagt=None, slut=None)), 201)
    assert o["status"] == "aktuel" and o["slut"] is None
    aarhus = _klient("aarhus")  # the offer's operator may change it too
    ret = _ok(_send(aarhus, "patch", f"/ophold/{o['id']}/", {"version": 1, "slut": "2019-06-30"}))
    assert (ret["version"], ret["slut"], ret["start"], ret["status"]) == (
        2,
        "2019-06-30",
        "2019-03-01",
        "afsluttet",
    )
    gemt = Ophold.objects.get(pk=o["id"])
    assert gemt.slut == date(2019, 6, 30) and gemt.history.latest().history_user.username == "aarhus"
    # the municipality read version 1 and writes after the operator: refused, nothing written
    krop = _problem(
        _send(
            _klient("randers_kommune"), "patch", f"/ophold/{o['id']}/", {"version": 1, "slut": "2019-09-30"}
        ),
        409,
    )
    assert krop["type"].endswith("/foraeldet") and "Intet er gemt" in krop["detail"] and krop["konflikter"]
    gemt.refresh_from_db()
    assert (gemt.slut, gemt.version) == (date(2019, 6, 30), 2)
    # null clears an optional field; a required one cannot be cleared
    ret = _ok(
        _send(aarhus, "patch", f"/ophold/{o['id']}/", {"version": 2, "slut": None, "aarsag": "Ny plan"})
    )
    assert (ret["slut"], ret["aarsag"], ret["version"]) == (None, "Ny plan", 3)
    krop = _problem(_send(aarhus, "patch", f"/ophold/{o['id']}/", {"version": 3, "start": None}), 422)
    assert _felter(krop) == {"start"}
    # the stored start with a new end before it (the database's constraint): the page's message
    krop = _problem(_send(aarhus, "patch", f"/ophold/{o['id']}/", {"version": 3, "slut": "2019-02-01"}), 422)
    assert _felter(krop) == {"slut"} and "før start" in krop["detail"]
    assert Ophold.objects.get(pk=o["id"]).version == 3
    # the same citizen's second stay in the offer moved onto the first's start: the database's
    # unique rule (the service checks it only on creation) is a 409, not a 500; nothing written
    andet = _ok(_send(aarhus, "post", "/ophold/", _nyt(y, start="2020-01-01", opsagt=None, slut=None)), 201)
    krop = _problem(
        _send(aarhus, "patch", f"/ophold/{andet['id']}/", {"version": 1, "start": "2019-03-01"}), 409
    )
    assert "samme dag" in krop["detail"]
    assert Ophold.objects.get(pk=andet["id"]).start == date(2020, 1, 1)


def test_listen_viser_kun_egne_ophold_pagineret(demo: None) -> None:
    randers = _randers()
    k = _klient("randers_kommune")
    s1 = _ok(k.get(f"{V1}/ophold/?pr_side=200"))
    egne = Ophold.objects.filter(betalingskommune=randers) | Ophold.objects.filter(handlekommune=randers)
    assert s1["antal"] == egne.count() > 200  # the demo: 860 paid by Randers and some it acts for
    alle = [r["id"] for r in s1["resultater"]]
    for side in range(2, (s1["antal"] + 199) // 200 + 1):
        alle += [r["id"] for r in _ok(k.get(f"{V1}/ophold/?pr_side=200&side={side}"))["resultater"]]
    assert sorted(alle) == sorted(egne.values_list("pk", flat=True))  # each once
    assert all(r["borger"].startswith("Borger ") for r in s1["resultater"])
    a = _ok(_klient("aarhus").get(f"{V1}/ophold/?pr_side=200&kommune_id={randers.pk}"))
    assert a["antal"] == egne.filter(tilbud__driftsherre__navn="Aarhus Kommune").count() > 0
    assert {r["driftsherre"] for r in a["resultater"]} == {"Aarhus Kommune"}
    for daarlig in ("pr_side=201", "side=0", "tilbud_id=x", "kommune_id=0"):
        assert _problem(k.get(f"{V1}/ophold/?{daarlig}"), 422)["fejl"], daarlig


# --- who may -----------------------------------------------------------------------------------


@pytest.fixture
def fremmed_ophold() -> Ophold:
    """A stay in an offer of Syddanmark (the demo's users are all Midtjylland's)."""
    syd = Rammeaftale.objects.get(kode="syddanmark")
    d = Driftsherre.objects.create(navn="Odense Kommune (API-test)", rammeaftale=syd)
    t = Tilbud.objects.create(navn="Fjordhuset", driftsherre=d, paragraf="§ 108")
    y = Ydelse.objects.create(tilbud=t, navn="Botilbud", pladstype="doegn", takstenhed="doegn")
    randers = _randers()
    return Ophold.objects.create(
        borger="a" * 64,
        foedselsdato=date(1990, 1, 1),
        handlekommune=randers,
        betalingskommune=randers,
        tilbud=t,
        ydelse=y,
        start=date(2019, 1, 1),
    )


def test_adgang_som_siderne(demo: None, fremmed_ophold: Ophold) -> None:
    o = Ophold.objects.filter(
        tilbud__driftsherre__navn="Aarhus Kommune", betalingskommune__navn="Randers"
    ).order_by("pk")[0]
    handler = (
        Ophold.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", handlekommune__navn="Randers")
        .exclude(betalingskommune__navn="Randers")
        .order_by("pk")[0]
    )
    foer = list(Ophold.objects.order_by("pk").values_list("pk", "version"))
    skriv = {"version": o.version, "aarsag": "Ændret"}
    tillaeg = {"navn": "Kørsel", "pr_dag": "100.00", "fra": o.start.isoformat()}
    # the secretariat (counts only) and readers: no stays at all
    for b in ("sekretariat", "laeser"):
        k = _klient(b)
        _problem(k.get(f"{V1}/ophold/"), 403)
        _problem(k.get(f"{V1}/ophold/{o.pk}/"), 403)
        _problem(_send(k, "post", "/ophold/", _nyt(_aarhus_ydelse())), 403)
        _problem(_send(k, "patch", f"/ophold/{o.pk}/", skriv), 403)
    # another operator of the agreement: the page's rule refuses the stay (403, as the page)
    k = _klient("herning")
    _problem(k.get(f"{V1}/ophold/{o.pk}/"), 403)
    _problem(_send(k, "patch", f"/ophold/{o.pk}/", skriv), 403)
    _problem(_send(k, "post", f"/ophold/{o.pk}/tillaeg/", tillaeg), 403)
    assert o.pk not in {r["id"] for r in _ok(k.get(f"{V1}/ophold/?pr_side=200"))["resultater"]}
    # nor may it create a stay in Aarhus' offer (the service's check: its own offers only)
    _problem(_send(k, "post", "/ophold/", _nyt(_aarhus_ydelse())), 403)
    # the acting municipality reads, the paying one writes (ophold.rediger)
    r = _klient("randers_kommune")
    assert _ok(r.get(f"{V1}/ophold/{handler.pk}/"))["kan_rette"] is False
    _problem(_send(r, "patch", f"/ophold/{handler.pk}/", {"version": handler.version}), 403)
    _problem(_send(r, "post", f"/ophold/{handler.pk}/tillaeg/", tillaeg), 403)
    assert list(Ophold.objects.order_by("pk").values_list("pk", "version")) == foer
    # another agreement's stay does not exist for anyone of Midtjylland (404)
    f = fremmed_ophold
    for b in ("randers_kommune", "aarhus", "sekretariat", "laeser"):
        k = _klient(b)
        _problem(k.get(f"{V1}/ophold/{f.pk}/"), 404)
        _problem(_send(k, "patch", f"/ophold/{f.pk}/", {"version": f.version}), 404)
        _problem(_send(k, "post", f"/ophold/{f.pk}/tillaeg/", tillaeg), 404)
        _problem(
            _send(k, "post", f"/ophold/{f.pk}/pakkeskift/", {"varslet": "2019-02-01", "ydelse_id": 1}), 404
        )
        _problem(k.delete(f"{V1}/ophold/{f.pk}/tillaeg/1/"), 404)
    # nor can a stay be created in its offer (not in the agreement's register: 422 at the field)
    krop = _problem(_send(_klient("randers_kommune"), "post", "/ophold/", _nyt(f.ydelse)), 422)
    assert _felter(krop) == {"ydelse_id"}
    assert Ophold.objects.filter(tilbud=f.tilbud).count() == 1


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aendr", "felt"),
    [
        ({"cpr": "311390-2345"}, "cpr"),  # 31 December 1990 exists, 31.13 does not
        ({"cpr": "12345"}, "cpr"),
        ({"cpr": "01019O-2345"}, "cpr"),  # a letter O
        ({"cpr": "010190-23456789012"}, "cpr"),  # longer than the field
        ({"slut": "2019-02-01"}, "slut"),
        ({"opsagt": "2019-01-01"}, "opsagt"),
        ({"opsagt_af": ""}, "opsagt_af"),
        ({"opsagt_af": "naboen"}, "opsagt_af"),
        ({"opsagt_af": CPR}, "opsagt_af"),  # Django's message echoes the value: not a CPR number
        ({"ny_borger_fra": "2019-12-31"}, "ny_borger_fra"),  # must come after the end
        ({"start": "2019-02-30"}, "start"),
        ({"start": "1. marts"}, "start"),
        ({"ydelse_id": 99999999}, "ydelse_id"),
        ({"ydelse_id": "²"}, "ydelse_id"),
        ({"betalingskommune_id": 99999999}, "betalingskommune_id"),
        ({"henvist_ydelse_id": 99999999}, "henvist_ydelse_id"),
        ({"indskrivning_pct": "0"}, "indskrivning_pct"),
        ({"indskrivning_pct": "1.234"}, "indskrivning_pct"),
        ({"indskrivning_pct": "NaN"}, "indskrivning_pct"),
        ({"aarsag": "Borger 010180-4678 flyttet"}, "aarsag"),
        ({"aarsag": "Skjult \x07 tegn"}, "aarsag"),
        ({"aarsag": "x" * 201}, "aarsag"),
    ],
)
def test_daarligt_input_giver_422_med_feltet(demo: None, aendr: dict[str, Any], felt: str) -> None:
    antal = Ophold.objects.count()
    krop = _problem(
        _send(_klient("randers_kommune"), "post", "/ophold/", _nyt(_aarhus_ydelse(), **aendr)), 422
    )
    assert felt in _felter(krop), krop
    assert Ophold.objects.count() == antal


def test_ikke_json_og_forkerte_typer(demo: None) -> None:
    k = _klient("randers_kommune")
    o = Ophold.objects.filter(betalingskommune__navn="Randers").order_by("pk")[0]
    _problem(k.post(f"{V1}/ophold/", "ikke json", content_type="application/json"), 400)
    _problem(k.patch(f"{V1}/ophold/{o.pk}/", "ikke json", content_type="application/json"), 400)
    assert "version" in _felter(_problem(_send(k, "patch", f"/ophold/{o.pk}/", {"slut": None}), 422))
    assert "cpr" in _felter(_problem(_send(k, "post", "/ophold/", {}), 422))
    _problem(_send(k, "post", "/ophold/", []), 422)


# --- package changes and add-ons ---------------------------------------------------------------


def test_tillaeg_pr_dag_tilfoejes_og_fjernes(demo: None) -> None:
    o = _ok(_send(_klient("randers_kommune"), "post", "/ophold/", _nyt(_aarhus_ydelse())), 201)
    k = _klient("aarhus")
    url = f"/ophold/{o['id']}/tillaeg/"
    t = _ok(
        _send(
            k, "post", url, {"navn": "Kørsel", "pr_dag": "150.50", "fra": "2019-04-01", "til": "2019-04-30"}
        ),
        201,
    )
    assert (t["navn"], t["pr_dag"], t["fra"], t["til"], t["ydelse_id"], t["timer"]) == (
        "Kørsel",
        "150.50",
        "2019-04-01",
        "2019-04-30",
        None,
        None,
    )
    gemt = Opholdstillaeg.objects.get(pk=t["id"])
    assert gemt.pr_dag == Decimal("150.50") and gemt.history.get().history_user.username == "aarhus"
    assert _ok(_klient("randers_kommune").get(f"{V1}/ophold/{o['id']}/"))["tillaeg"] == [t]
    # outside the stay (1 March – 31 December 2019), or hours without a service: the field named
    krop = _problem(_send(k, "post", url, {"navn": "Kørsel", "pr_dag": "1", "fra": "2019-02-28"}), 422)
    assert _felter(krop) == {"fra"} and "01-03-2019 til 31-12-2019" in krop["detail"]
    assert "ydelse_id" in _felter(_problem(_send(k, "post", url, {"timer": "2", "fra": "2019-04-01"}), 422))
    assert "til" in _felter(
        _problem(
            _send(k, "post", url, {"navn": "K", "pr_dag": "1", "fra": "2019-04-02", "til": "2019-04-01"}), 422
        )
    )
    assert "ydelse_id" in _felter(
        _problem(_send(k, "post", url, {"ydelse_id": o["ydelse_id"], "timer": "2", "fra": "2019-04-01"}), 422)
    )
    assert Opholdstillaeg.objects.filter(ophold_id=o["id"]).count() == 1
    # removed: gone from the stay, kept in the history with who removed it
    assert _ok(k.delete(f"{V1}{url}{t['id']}/"), 204) is None
    assert not Opholdstillaeg.objects.filter(pk=t["id"]).exists()
    slettet = Opholdstillaeg.history.filter(id=t["id"]).latest()
    assert slettet.history_type == "-" and slettet.history_user.username == "aarhus"
    _problem(k.delete(f"{V1}{url}{t['id']}/"), 404)


def test_pakkeskift(demo: None) -> None:
    """Hedegården (Viborg Kommune) is the demo's offer with packages; Randers pays a new stay."""
    pakker = list(
        Ydelse.objects.filter(
            tilbud__navn="Bo- og aktivitetstilbuddet Hedegården", navn__contains=" – Pakke "
        ).order_by("navn")
    )
    assert len(pakker) >= 2, [y.navn for y in pakker]
    k = _klient("randers_kommune")
    o = _ok(_send(k, "post", "/ophold/", _nyt(pakker[0], opsagt=None, slut=None)), 201)
    url = f"/ophold/{o['id']}/pakkeskift/"
    p = _ok(_send(k, "post", url, {"varslet": "2019-05-01", "ydelse_id": pakker[1].pk}), 201)
    assert (p["varslet"], p["ydelse_id"], p["ydelse"]) == ("2019-05-01", pakker[1].pk, pakker[1].navn)
    assert _ok(k.get(f"{V1}/ophold/{o['id']}/"))["pakkeskift"] == [p]
    # the same day again, its own package, before the start: refused at the field
    assert _felter(
        _problem(_send(k, "post", url, {"varslet": "2019-05-01", "ydelse_id": pakker[1].pk}), 422)
    ) == {"varslet"}
    assert _felter(
        _problem(_send(k, "post", url, {"varslet": "2019-06-01", "ydelse_id": pakker[0].pk}), 422)
    ) == {"ydelse_id"}
    assert _felter(
        _problem(_send(k, "post", url, {"varslet": "2019-02-01", "ydelse_id": pakker[1].pk}), 422)
    ) == {"varslet"}
    # the operator of the offer (Viborg) has no demo user; Aarhus' staff do not see the stay
    _problem(_send(_klient("aarhus"), "post", url, {"varslet": "2019-06-01", "ydelse_id": pakker[2].pk}), 403)


def test_tillaeg_i_timer_af_tilbuddets_tillaegsydelse(demo: None) -> None:
    """Skovbrynet (Silkeborg Kommune) has hourly add-on services (Praktisk ledsagelse, …)."""
    grund = Ydelse.objects.filter(tilbud__navn="Skovbrynet").exclude(takstenhed="time").order_by("pk")[0]
    ledsagelse = Ydelse.objects.get(tilbud__navn="Skovbrynet", navn="Praktisk ledsagelse")
    k = _klient("randers_kommune")
    o = _ok(_send(k, "post", "/ophold/", _nyt(grund)), 201)
    url = f"/ophold/{o['id']}/tillaeg/"
    t = _ok(_send(k, "post", url, {"ydelse_id": ledsagelse.pk, "timer": "3.5", "fra": "2019-05-02"}), 201)
    assert (t["ydelse_id"], t["navn"], t["timer"], t["fra"], t["til"], t["pr_dag"]) == (
        ledsagelse.pk,
        "Praktisk ledsagelse",
        "3.50",
        "2019-05-02",
        None,
        None,
    )
    # hours are delivered on one day, with no amount per day; the stay's own service is no add-on
    krop = _problem(
        _send(k, "post", url, {"ydelse_id": ledsagelse.pk, "timer": "1", "pr_dag": "5", "fra": "2019-05-02"}),
        422,
    )
    assert _felter(krop) == {"pr_dag"}
    krop = _problem(_send(k, "post", url, {"ydelse_id": grund.pk, "timer": "1", "fra": "2019-05-02"}), 422)
    assert _felter(krop) == {"ydelse_id"}
    assert [x["id"] for x in _ok(k.get(f"{V1}/ophold/{o['id']}/"))["tillaeg"]] == [t["id"]]
