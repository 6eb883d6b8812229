"""The JSON API (/api/v1/, web/api) on the demo: tokens, the read endpoints with figures known
from other tests and the seeds, paging, the writes through the pages' services with their
lock and version check, and errors as problem details.

Figures (each asserted elsewhere from its source):
- Solbakken's 2018 rate is 2.219 kr. a day for 24 places (its budget worked by hand in
  tests/test_web_takst.py; tests/test_demo_region.py);
- Skovhegnet's 2017 rates in Midtjylland's 2017 catalogue: 971,00 kr. (Længerevarende
  botilbud § 108) and 388,00 kr. (§ 104), from the seed's printed prices
  (tests/test_katalog_takster.py);
- occupancy worked by hand here: a service with P places in Q1 2018 (31 + 28 + 31 = 90 days)
  and 0,9 × 90 × P used days is at 90,0 %.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from typer.testing import CliRunner

from socialstyring.cli import app
from socialstyring.web.api.models import ApiNoegle
from socialstyring.web.api.services import opret_noegle, tilbagekald
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.register.models import (
    Driftsherre,
    Kommune,
    Rammeaftale,
    Takstindberetning,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
PROBLEM = "application/problem+json"


def _token(brugernavn: str) -> str:
    return opret_noegle(User.objects.get(username=brugernavn)).token


def _klient(brugernavn: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {_token(brugernavn)}"})


def _problem(svar: Any, status: int) -> dict[str, Any]:
    assert svar.status_code == status, svar.content.decode()[:500]
    assert svar["Content-Type"] == PROBLEM
    krop: dict[str, Any] = svar.json()
    assert (
        krop["status"] == status and krop["title"] and krop["detail"] and krop["type"].startswith("https://")
    )
    return krop


def _put(klient: Client, url: str, data: Any) -> Any:
    return klient.put(url, json.dumps(data, default=str), content_type="application/json")


# --- tokens ------------------------------------------------------------------------------------


def test_uden_eller_med_forkert_noegle_401(demo: None) -> None:
    url = f"{V1}/tilbud/"
    assert "Bearer" in _problem(Client().get(url), 401)["detail"]
    _problem(Client(headers={"Authorization": "Bearer ssk_forkert"}).get(url), 401)
    _problem(Client(headers={"Authorization": "Basic c2VrcmV0YXJpYXQ6ZGVtbzEyMzQ="}).get(url), 401)
    _problem(Client(headers={"Authorization": "Bearer " + "x" * 5000}).get(url), 401)
    # a session login is no token: the API does not take cookies (no CSRF path around it)
    session = Client()
    session.force_login(User.objects.get(username="sekretariat"))
    _problem(session.get(url), 401)


def test_noeglen_gemmes_kun_som_hash_og_kan_tilbagekaldes(demo: None) -> None:
    bruger = User.objects.get(username="laeser")
    ny = opret_noegle(bruger, "test")
    n = ApiNoegle.objects.get(pk=ny.noegle.pk)
    assert ny.token.startswith("ssk_") and len(ny.token) > 40
    assert ny.token.encode() not in bytes(n.noegle_hash) and len(bytes(n.noegle_hash)) == 32
    klient = Client(headers={"Authorization": f"Bearer {ny.token}"})
    assert n.sidst_brugt is None
    assert klient.get(f"{V1}/tilbud/").status_code == 200
    n.refresh_from_db()
    assert n.sidst_brugt is not None
    tilbagekald(n.pk)
    _problem(klient.get(f"{V1}/tilbud/"), 401)
    # an inactive user's token does not work either
    ny2 = opret_noegle(bruger)
    User.objects.filter(pk=bruger.pk).update(is_active=False)
    _problem(Client(headers={"Authorization": f"Bearer {ny2.token}"}).get(f"{V1}/tilbud/"), 401)


def test_cli_opretter_lister_og_tilbagekalder(demo: None) -> None:
    koer = CliRunner()
    r = koer.invoke(app, ["api", "noegle", "opret", "aarhus", "--navn", "Økonomisystem", "--json"])
    assert r.exit_code == 0, r.output
    ud = json.loads(r.output)
    assert ud["bruger"] == "aarhus" and ud["noegle"].startswith("ssk_")
    klient = Client(headers={"Authorization": f"Bearer {ud['noegle']}"})
    assert klient.get(f"{V1}/tilbud/").status_code == 200
    r = koer.invoke(app, ["api", "noegle", "list", "aarhus", "--json"])
    (raekke,) = json.loads(r.output)
    assert raekke["id"] == ud["id"] and raekke["navn"] == "Økonomisystem" and raekke["tilbagekaldt"] is None
    r = koer.invoke(app, ["api", "noegle", "slet", str(ud["id"]), "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["tilbagekaldt"]
    _problem(klient.get(f"{V1}/tilbud/"), 401)
    assert koer.invoke(app, ["api", "noegle", "opret", "ingen-saadan"]).exit_code == 2
    assert koer.invoke(app, ["api", "noegle", "slet", "999999"]).exit_code == 2


# --- the register, rates, the catalogue ------------------------------------------------------


def test_tilbudslisten_pagineres(demo: None) -> None:
    k = _klient("laeser")
    midt = Tilbud.objects.filter(driftsherre__rammeaftale__kode="midtjylland")
    antal = midt.count()
    assert antal > 200  # the demo region's offers
    s1 = k.get(f"{V1}/tilbud/?pr_side=100").json()
    assert s1["antal"] == antal and s1["side"] == 1 and len(s1["resultater"]) == 100
    navne = [t["navn"] for t in s1["resultater"]]
    assert navne == sorted(navne)
    sidste = k.get(f"{V1}/tilbud/?pr_side=100&side={(antal + 99) // 100}").json()
    assert len(sidste["resultater"]) == antal % 100 or len(sidste["resultater"]) == 100
    alle = []
    for side in range(1, (antal + 99) // 100 + 1):
        alle += [t["id"] for t in k.get(f"{V1}/tilbud/?pr_side=100&side={side}").json()["resultater"]]
    assert sorted(alle) == sorted(midt.values_list("pk", flat=True))  # each once, none of another agreement
    assert k.get(f"{V1}/tilbud/?side=9999").json()["resultater"] == []
    region = Driftsherre.objects.get(navn="Region Midtjylland")
    egne = k.get(f"{V1}/tilbud/?driftsherre_id={region.pk}&pr_side=200").json()
    assert egne["antal"] == Tilbud.objects.filter(driftsherre=region).count()
    assert "Solbakken" in {t["navn"] for t in egne["resultater"]}
    for daarlig in (
        "pr_side=201",
        "pr_side=0",
        "side=0",
        "side=x",
        "driftsherre_id=²",
        f"driftsherre_id={2**64}",
    ):
        krop = _problem(k.get(f"{V1}/tilbud/?{daarlig}"), 422)
        assert krop["fejl"], daarlig


def test_et_tilbud_med_aarstal(demo: None) -> None:
    solbakken = Tilbud.objects.get(navn="Solbakken")
    t = _klient("region").get(f"{V1}/tilbud/{solbakken.pk}/").json()
    assert (
        t["navn"] == "Solbakken"
        and t["driftsherre"] == "Region Midtjylland"
        and t["rammeaftale"] == "midtjylland"
    )
    (ydelse,) = t["ydelser"]
    (aar,) = ydelse["aar"]
    assert aar["aar"] == 2018 and Decimal(aar["takst"]) == 2219 and Decimal(aar["pladser"]) == 24


def test_takst_med_spor(demo: None) -> None:
    solbakken = Tilbud.objects.get(navn="Solbakken")
    svar = _klient("sekretariat").get(f"{V1}/tilbud/{solbakken.pk}/takst/2018/")
    assert svar.status_code == 200
    r = svar.json()["resultat"]
    (ydelse,) = r["ydelser"]
    assert Decimal(ydelse["takst_pr_dag"]) == 2219
    assert r["spor"] and r["regler_anvendt"]  # every figure traced, with its rulebook references
    _problem(_klient("sekretariat").get(f"{V1}/tilbud/{solbakken.pk}/takst/2017/"), 404)
    _problem(_klient("sekretariat").get(f"{V1}/tilbud/{solbakken.pk}/takst/1800/"), 404)


def test_katalog(demo: None) -> None:
    k = _klient("laeser").get(f"{V1}/katalog/midtjylland/2017/").json()
    assert k["version"] == 1 and k["indhold"]["aar"] == 2017
    (skovhegnet,) = [
        t for t in k["indhold"]["tilbud"] if t["navn"] == "Det socialpsykiatriske center Skovhegnet"
    ]
    assert {y["navn"]: Decimal(y["takst"]) for y in skovhegnet["ydelser"]} == {
        "Længerevarende botilbud § 108": Decimal("971.00"),
        "Aktivitets- og samværstilbud § 104": Decimal("388.00"),
    }
    _problem(_klient("laeser").get(f"{V1}/katalog/midtjylland/2018/"), 404)  # not published
    _problem(_klient("laeser").get(f"{V1}/katalog/midtjylland/2017/?version=2"), 404)
    _problem(_klient("laeser").get(f"{V1}/katalog/midtjylland/2017/?version=x"), 422)
    _problem(_klient("laeser").get(f"{V1}/katalog/syddanmark/2017/"), 404)  # another agreement's


# --- another agreement's objects, the roles ----------------------------------------------------


@pytest.fixture
def fremmed() -> Tilbud:
    """An offer of Syddanmark (the demo's users are all Midtjylland's)."""
    syd = Rammeaftale.objects.get(kode="syddanmark")
    d = Driftsherre.objects.create(navn="Odense Kommune (API-test)", rammeaftale=syd)
    t = Tilbud.objects.create(navn="Fjordhuset", driftsherre=d, paragraf="§ 108")
    Ydelse.objects.create(tilbud=t, navn="Botilbud", pladstype="doegn", takstenhed="doegn")
    return t


def test_anden_aftales_objekter_giver_404(demo: None, fremmed: Tilbud) -> None:
    d = fremmed.driftsherre_id
    for bruger in ("sekretariat", "aarhus", "laeser", "randers_kommune"):
        k = _klient(bruger)
        for url in (
            f"/tilbud/{fremmed.pk}/",
            f"/tilbud/{fremmed.pk}/takst/2018/",
            f"/indberetning/{d}/2018/",
            f"/belaegning/{d}/2018/1/",
        ):
            _problem(k.get(V1 + url), 404)
        assert fremmed.pk not in {
            t["id"] for t in k.get(f"{V1}/tilbud/?driftsherre_id={d}").json()["resultater"]
        }
        _problem(_put(k, f"{V1}/indberetning/{d}/2018/", {"raekker": []}), 404)
        _problem(_put(k, f"{V1}/belaegning/{d}/2018/1/", {"raekker": []}), 404)


# --- the rate report: read and write ------------------------------------------------------------


def _aarhus() -> Driftsherre:
    return Driftsherre.objects.get(navn="Aarhus Kommune")


def test_indberetning_laeses_af_driftsherren_og_sekretariatet(demo: None) -> None:
    d = _aarhus()
    url = f"{V1}/indberetning/{d.pk}/2018/"
    ib = _klient("aarhus").get(url).json()
    assert ib["status"] == "udkast"  # the demo: Aarhus' 2018 report is a draft
    rk = {r["ydelse_id"]: r for r in ib["raekker"]}
    for ya in Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=d, aar=2018).exclude(
        ydelse__tilbud__lukket_fra__lte="2018-01-01"
    ):
        r = rk[ya.ydelse_id]
        assert (r["version"], r["pladser"] and Decimal(r["pladser"]), r["takst"] and Decimal(r["takst"])) == (
            ya.version,
            ya.pladser,
            ya.takst,
        )
    assert _klient("sekretariat").get(url).status_code == 200
    for bruger in ("herning", "laeser", "randers_kommune"):  # not their report: 403
        _problem(_klient(bruger).get(url), 403)


def _raekke_med_takst(ib: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in ib["raekker"] if r["takst"] is not None and not r["takst_beregnet"])


def test_indberetning_skrives_med_historik(demo: None) -> None:
    d = _aarhus()
    url = f"{V1}/indberetning/{d.pk}/2018/"
    k = _klient("aarhus")
    r = _raekke_med_takst(k.get(url).json())
    ny = Decimal(r["takst"]) + 1
    svar = _put(
        k,
        url,
        {
            "raekker": [
                {
                    "ydelse_id": r["ydelse_id"],
                    "version": r["version"],
                    "takst": str(ny),
                    "begrundelse": "Ny normering",
                }
            ]
        },
    )
    assert svar.status_code == 200, svar.content
    assert svar.json() == {"aendrede_raekker": 1}
    ya = Ydelsesaar.objects.get(ydelse_id=r["ydelse_id"], aar=2018)
    assert ya.takst == ny and ya.begrundelse == "Ny normering" and ya.version == r["version"] + 1
    h = ya.history.latest()
    assert h.history_user.username == "aarhus" and h.takst == ny
    # the same values again change nothing (and write no history)
    antal = ya.history.count()
    svar = _put(k, url, {"raekker": [{"ydelse_id": r["ydelse_id"], "version": ya.version, "takst": str(ny)}]})
    assert svar.json() == {"aendrede_raekker": 0} and ya.history.count() == antal


def test_foraeldet_version_giver_409_og_intet_gemmes(demo: None) -> None:
    d = _aarhus()
    url = f"{V1}/indberetning/{d.pk}/2018/"
    k = _klient("aarhus")
    ib = k.get(url).json()
    r = _raekke_med_takst(ib)
    andre = [x for x in ib["raekker"] if x["ydelse_id"] != r["ydelse_id"] and x["pladser"] is not None]
    # a colleague saves the row first (through the page's own service, via the API as the secretariat)
    assert (
        _put(
            _klient("sekretariat"),
            url,
            {"raekker": [{"ydelse_id": r["ydelse_id"], "version": r["version"], "takst": "100"}]},
        ).status_code
        == 200
    )
    foer = {
        ya.ydelse_id: (ya.version, ya.takst, ya.pladser)
        for ya in Ydelsesaar.objects.filter(aar=2018, ydelse__tilbud__driftsherre=d)
    }
    svar = _put(
        k,
        url,
        {
            "raekker": [
                {"ydelse_id": r["ydelse_id"], "version": r["version"], "takst": "200"},  # stale
                {"ydelse_id": andre[0]["ydelse_id"], "version": andre[0]["version"], "pladser": "1"},  # fresh
            ]
        },
    )
    krop = _problem(svar, 409)
    assert krop["type"].endswith("/foraeldet") and "Intet er gemt" in krop["detail"] and krop["konflikter"]
    efter = {
        ya.ydelse_id: (ya.version, ya.takst, ya.pladser)
        for ya in Ydelsesaar.objects.filter(aar=2018, ydelse__tilbud__driftsherre=d)
    }
    assert efter == foer  # nothing written, not even the fresh row


def test_laast_aar_giver_409(demo: None) -> None:
    region = Driftsherre.objects.get(navn="Region Midtjylland")
    assert Takstindberetning.objects.get(driftsherre=region, aar=2018).status == "indsendt"
    url = f"{V1}/indberetning/{region.pk}/2018/"
    k = _klient("region")
    ib = k.get(url).json()
    assert ib["status"] == "indsendt"
    r = next(x for x in ib["raekker"] if x["pladser"] is not None)
    foer = Ydelsesaar.objects.get(ydelse_id=r["ydelse_id"], aar=2018).version
    krop = _problem(
        _put(k, url, {"raekker": [{"ydelse_id": r["ydelse_id"], "version": r["version"], "pladser": "1"}]}),
        409,
    )
    assert krop["type"].endswith("/laast") and "indsendt" in krop["detail"]
    assert Ydelsesaar.objects.get(ydelse_id=r["ydelse_id"], aar=2018).version == foer


def test_laeser_maa_ikke_skrive_403(demo: None) -> None:
    d = _aarhus()
    foer = list(Ydelsesaar.objects.filter(aar=2018).values_list("pk", "version"))
    for bruger in ("laeser", "herning", "randers_kommune"):
        _problem(_put(_klient(bruger), f"{V1}/indberetning/{d.pk}/2018/", {"raekker": []}), 403)
        _problem(_put(_klient(bruger), f"{V1}/belaegning/{d.pk}/2018/1/", {"raekker": []}), 403)
    assert list(Ydelsesaar.objects.filter(aar=2018).values_list("pk", "version")) == foer


@pytest.mark.parametrize(
    ("krop", "status"),
    [
        ("ikke json", 400),
        ("[]", 422),
        ('{"raekker": "x"}', 422),
        ('{"raekker": [{"ydelse_id": 1}]}', 422),  # no version
        ('{"raekker": [{"ydelse_id": 99999999, "version": 0, "takst": "1"}]}', 422),  # not in the report
        ('{"raekker": [{"ydelse_id": "²", "version": 0}]}', 422),
        ('{"raekker": [{"ydelse_id": 1, "version": -1}]}', 422),
        ('{"raekker": [{"ydelse_id": 1, "version": 0, "takst": "-5"}]}', 422),
        ('{"raekker": [{"ydelse_id": 1, "version": 0, "takst": "1e400"}]}', 422),
        ('{"raekker": [{"ydelse_id": 1, "version": 0, "takst": "1.234"}]}', 422),
        ('{"raekker": [{"ydelse_id": 1, "version": 0, "takst": "NaN"}]}', 422),
    ],
)
def test_daarligt_input_giver_problem_aldrig_500(demo: None, krop: str, status: int) -> None:
    d = _aarhus()
    svar = _klient("aarhus").put(f"{V1}/indberetning/{d.pk}/2018/", krop, content_type="application/json")
    _problem(svar, status)


def test_cpr_og_styretegn_afvises_af_sidens_form(demo: None) -> None:
    d = _aarhus()
    url = f"{V1}/indberetning/{d.pk}/2018/"
    k = _klient("aarhus")
    r = _raekke_med_takst(k.get(url).json())
    for tekst in ("Borger 010190-1234 er flyttet", "Skjult \x07 tegn"):
        krop = _problem(
            _put(
                k,
                url,
                {"raekker": [{"ydelse_id": r["ydelse_id"], "version": r["version"], "begrundelse": tekst}]},
            ),
            422,
        )
        assert krop["detail"]
    assert Ydelsesaar.objects.get(ydelse_id=r["ydelse_id"], aar=2018).version == r["version"]


# --- occupancy -----------------------------------------------------------------------------------


def test_belaegning_skrives_og_beregnes(demo: None) -> None:
    d = _aarhus()
    url = f"{V1}/belaegning/{d.pk}/2018/1/"
    k = _klient("aarhus")
    b = k.get(url).json()
    assert b["raekker"] and all(r["brugte_dage"] is None for r in b["raekker"])  # none reported for 2018
    assert b["resultat"] is None
    r = b["raekker"][0]
    pladser = Ydelsesaar.objects.get(ydelse_id=r["ydelse_id"], aar=2018).pladser
    assert pladser
    brugte = pladser * 90 * Decimal("0.9")  # 90 % of Q1 2018's 90 days × places
    svar = _put(
        k, url, {"raekker": [{"ydelse_id": r["ydelse_id"], "version": 0, "brugte_dage": str(brugte)}]}
    )
    assert svar.json() == {"aendrede_raekker": 1}, svar.content
    f = Forbrug.objects.get(ydelse_id=r["ydelse_id"], aar=2018, kvartal=1)
    assert f.brugte_dage == brugte and f.history.latest().history_user.username == "aarhus"
    b = k.get(url).json()
    (r2,) = [x for x in b["raekker"] if x["ydelse_id"] == r["ydelse_id"]]
    assert Decimal(r2["brugte_dage"]) == brugte and r2["version"] == 1
    tilbud = Ydelse.objects.get(pk=r["ydelse_id"]).tilbud.navn
    (t,) = [t for t in b["resultat"]["tilbud"] if t["navn"] == tilbud]
    assert Decimal(t["belaegning_pct"]).quantize(Decimal("0.1")) == Decimal("90.0")
    assert b["resultat"]["spor"]
    # stale: a second write with version 0 is refused, nothing changes
    krop = _problem(
        _put(k, url, {"raekker": [{"ydelse_id": r["ydelse_id"], "version": 0, "brugte_dage": "1"}]}), 409
    )
    assert krop["type"].endswith("/foraeldet")
    assert Forbrug.objects.get(pk=f.pk).brugte_dage == brugte
    # null deletes the quarter
    assert _put(
        k, url, {"raekker": [{"ydelse_id": r["ydelse_id"], "version": 1, "brugte_dage": None}]}
    ).json() == {"aendrede_raekker": 1}
    assert not Forbrug.objects.filter(pk=f.pk).exists()
    _problem(k.get(f"{V1}/belaegning/{d.pk}/2018/5/"), 404)
    _problem(_klient("laeser").get(url), 403)


# --- the schema ------------------------------------------------------------------------------------


def test_openapi_skemaet(demo: None) -> None:
    svar = Client().get(f"{V1}/openapi.json")
    assert svar.status_code == 200
    skema = svar.json()
    assert skema["info"]["title"] == "Socialstyring API"
    assert {"/api/v1/tilbud/", "/api/v1/indberetning/{driftsherre_id}/{aar}/"} <= set(skema["paths"])
    assert skema["components"]["securitySchemes"]["Noegle"]["scheme"] == "bearer"


# --- results and management information --------------------------------------------------------


def test_resultat_med_spor(demo: None) -> None:
    from socialstyring.web.regnskab.models import Regnskab

    r = Regnskab.objects.select_related("tilbud").get(
        tilbud__navn="Det socialpsykiatriske center Skovhegnet", aar=2017
    )
    svar = _klient("sekretariat").get(f"{V1}/tilbud/{r.tilbud_id}/resultat/2017/")
    assert svar.status_code == 200, svar.content
    res = svar.json()["resultat"]
    assert (
        Decimal(res["omkostninger"]),
        Decimal(res["takstindtaegter"]),
        Decimal(res["tillaegsindtaegter"]),
    ) == (
        r.omkostninger,
        r.takstindtaegter,
        r.tillaegsindtaegter,
    )
    # worked by hand from the stored accounts: 19.790.230 + 926.356 + 0 = 20.716.586 kr. income,
    # against 21.705.215 kr. costs: a deficit of 988.629 kr.
    assert Decimal(res["indtaegter"]) == Decimal("20716586") and Decimal(res["resultat"]) == Decimal(
        "-988629"
    )
    assert {t["noegle"] for t in res["spor"]} >= {"indtaegter", "takstindtaegter"}
    _problem(_klient("laeser").get(f"{V1}/tilbud/{r.tilbud_id}/resultat/2017/"), 403)  # a draft's accounts
    _problem(_klient("sekretariat").get(f"{V1}/tilbud/{r.tilbud_id}/resultat/2030/"), 404)


def test_ledelsesinfo(demo: None) -> None:
    li = _klient("laeser").get(f"{V1}/ledelsesinfo/midtjylland/2016/2017/").json()
    a = li["resultat"]["tabeller"]["A"]["raekker"]
    # the seed's printed figures (tests/test_ledelsesinfo_demo.py): Favrskov's average price per
    # year-place 2016 377.520 kr.; Holstebro's development +17,9 %
    assert Decimal(a["Favrskov Kommune"]["gns_pris_2016"]) == 377520
    assert Decimal(a["Holstebro Kommune"]["udvikling_pct"]) == Decimal("17.9")
    assert Decimal(li["resultat"]["pl_faktor"]) == Decimal("1.02") and li["resultat"]["spor"]
    _problem(_klient("laeser").get(f"{V1}/ledelsesinfo/midtjylland/2017/2016/"), 404)
    _problem(_klient("laeser").get(f"{V1}/ledelsesinfo/syddanmark/2016/2017/"), 404)


# --- statements and reimbursement claims ----------------------------------------------------------


def test_afregning_modtaget_og_sendt(demo: None) -> None:
    from socialstyring.web.afregning.models import Afregning

    randers = Kommune.objects.get(navn="Randers")
    a = Afregning.objects.get(
        betalingskommune=randers, aar=2018, maaned=1
    )  # the demo's statement: Herning → Randers
    liste = _klient("randers_kommune").get(f"{V1}/afregning/kommune/{randers.pk}/2018/").json()
    assert liste["antal"] == 1 and liste["resultater"][0]["id"] == a.pk
    assert Decimal(liste["resultater"][0]["i_alt"]) == a.i_alt
    for bruger in ("randers_kommune", "herning"):  # the paying municipality and the sending operator
        s = _klient(bruger).get(f"{V1}/afregning/{a.pk}/").json()
        (opg,) = s["indhold"]["resultat"]["opgoerelser"]
        # the statement adds up: its lines' amounts (days × rate × enrolment, each rounded) sum to its total
        assert sum(Decimal(linje["beloeb"]) for linje in opg["linjer"]) == Decimal(opg["i_alt"]) == a.i_alt
        assert all(Decimal(linje["beloeb"]) for linje in opg["linjer"]) and s["indhold"]["resultat"]["spor"]
    for bruger in ("sekretariat", "aarhus", "laeser"):  # the secretariat sees totals only
        _problem(_klient(bruger).get(f"{V1}/afregning/{a.pk}/"), 403)
    _problem(_klient("aarhus").get(f"{V1}/afregning/kommune/{randers.pk}/2018/"), 403)
    _problem(_klient("randers_kommune").get(f"{V1}/afregning/99999999/"), 404)


def test_refusionskrav(demo: None) -> None:
    randers = Kommune.objects.get(navn="Randers")
    url = f"{V1}/refusion/kommune/{randers.pk}/2018/1/"
    assert isinstance(_klient("randers_kommune").get(url).json(), list)
    for bruger in ("sekretariat", "aarhus", "laeser"):
        _problem(_klient(bruger).get(url), 403)
    _problem(_klient("randers_kommune").get(f"{V1}/refusion/kommune/{randers.pk}/2018/5/"), 404)
    _problem(_klient("randers_kommune").get(f"{V1}/refusion/krav/99999999/"), 404)


def test_indsendt_refusionskrav_laeses_frosset(demo: None) -> None:
    from socialstyring.web.refusion.services import indsend_krav

    randers = Kommune.objects.get(navn="Randers")
    krav = indsend_krav(randers, 2018, 1, User.objects.get(username="randers_kommune"), 0)
    k = _klient("randers_kommune")
    (raekke,) = k.get(f"{V1}/refusion/kommune/{randers.pk}/2018/1/").json()
    assert (raekke["id"], raekke["nummer"], Decimal(raekke["krav"])) == (krav.pk, 1, krav.krav)
    svar = k.get(f"{V1}/refusion/krav/{krav.pk}/").json()
    assert svar["indhold"] == krav.indhold  # the frozen version, as submitted
    _problem(_klient("aarhus").get(f"{V1}/refusion/krav/{krav.pk}/"), 403)


def test_regnskab_skrives_med_version_og_historik(demo: None) -> None:
    from socialstyring.web.regnskab.models import Regnskab

    r = Regnskab.objects.filter(tilbud__driftsherre__navn="Aarhus Kommune", aar=2017).order_by("pk")[0]
    url = f"{V1}/tilbud/{r.tilbud_id}/resultat/2017/"
    k = _klient("aarhus")
    laest = k.get(url).json()
    indtaegter = Decimal(laest["resultat"]["indtaegter"])
    # costs set to the income plus 1.000 kr.: a deficit of exactly 1.000 kr. (worked by hand)
    svar = _put(k, url, {"version": laest["version"], "omkostninger": str(indtaegter + 1000)})
    assert svar.status_code == 200, svar.content
    assert svar.json()["version"] == laest["version"] + 1
    efter = k.get(url).json()["resultat"]
    assert Decimal(efter["omkostninger"]) == indtaegter + 1000 and Decimal(efter["resultat"]) == -1000
    r.refresh_from_db()
    assert r.history.latest().history_user.username == "aarhus"
    # the stale version: refused, nothing written
    krop = _problem(_put(k, url, {"version": laest["version"], "omkostninger": "1"}), 409)
    assert (
        krop["type"].endswith("/foraeldet")
        and Regnskab.objects.get(pk=r.pk).omkostninger == indtaegter + 1000
    )
    # the page's form's rules: the basis must be above 0; a reader may not write
    _problem(_put(k, url, {"version": r.version, "grundlag": "0"}), 422)
    _problem(_put(_klient("laeser"), url, {"version": r.version, "omkostninger": "1"}), 403)
    assert Regnskab.objects.get(pk=r.pk).version == r.version
