"""Moving models between apps loses no data, and a database migrated from the schema before the
move is the same as one created fresh — on SQLite and on PostgreSQL (the suite runs on both).

The models of the former `takster` app moved to `register`, `indberetning`, `aendringer`,
`belaegning`, `regnskab` and `lukning`, and `Befolkning` moved from `register` to
`befolkning`, keeping their tables (`db_table`) with state-only migrations; `ledelsesinfo`
added a table. The test:

1. takes the schema of the test database, created fresh by running every migration;
2. migrates back to the state before the move (`FOER_FLYTNINGEN`) and checks that the schema is
   then the old one (the old tables, no new table);
3. writes rows through the OLD models (the historical models of that state): an agreement,
   an operator, an offer, a rate calculation, a report, a catalogue, a reminder, a change,
   accounts, used days, a closure statement and population;
4. migrates forward to the latest state and checks that every row is there, read through the
   NEW models in their new apps, with its relations, and that the schema is identical to the
   fresh one (tables, columns with type and nullability, and every constraint and index);
5. checks that every current model's table exists with a column for every field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

FOER_FLYTNINGEN: list[tuple[str, str | None]] = [
    ("takster", "0004_lukningsopgoerelse"),
    ("register", "0003_aarspladser_seks_decimaler"),
    ("indberetning", None),
    ("aendringer", None),
    ("belaegning", None),
    ("regnskab", None),
    ("lukning", None),
    ("ledelsesinfo", None),
    ("befolkning", None),
]
"""The migration state of the last release before the move (None: the app had no migrations)."""

FLYTTEDE_TABELLER = {
    "takster_takstberegning",
    "takster_takstindberetning",
    "takster_historicaltakstindberetning",
    "takster_katalog",
    "takster_paamindelse",
    "takster_aendring",
    "takster_historicalaendring",
    "takster_regnskab",
    "takster_historicalregnskab",
    "takster_forbrug",
    "takster_historicalforbrug",
    "takster_lukningsopgoerelse",
    "takster_historicallukningsopgoerelse",
    "register_befolkning",
}


def _migrer(maal: list[tuple[str, str | None]]) -> Any:
    """Migrate the test database to `maal`; the project state's apps there."""
    executor = MigrationExecutor(connection)
    executor.migrate(maal)
    executor.loader.build_graph()
    noder = [(app, navn) for app, navn in maal if navn is not None]
    return executor.loader.project_state(noder).apps


def _seneste() -> list[tuple[str, str | None]]:
    executor = MigrationExecutor(connection)
    return list(executor.loader.graph.leaf_nodes())


def _skema() -> dict[str, Any]:
    """Tables, their columns (name, type, null) and constraints/indexes (as sorted tuples)."""
    intro = connection.introspection
    ud: dict[str, Any] = {}
    with connection.cursor() as c:
        for t in sorted(t.name for t in intro.get_table_list(c) if t.type == "t"):
            if t.startswith("procrastinate_"):
                continue  # the job queue's tables: the library's own SQL (enum types Django cannot describe)
            kolonner = sorted(
                (k.name, intro.get_field_type(k.type_code, k) if k.type_code is not None else "", k.null_ok)
                for k in intro.get_table_description(c, t)
            )
            begraensninger = sorted(
                (
                    tuple(v["columns"] or ()),
                    bool(v["primary_key"]),
                    bool(v["unique"]),
                    tuple(v["foreign_key"] or ()),
                    bool(v["check"]),
                    bool(v["index"]),
                    navn if not navn.startswith("__") else "",  # SQLite's unnamed ones
                )
                for navn, v in intro.get_constraints(c, t).items()
            )
            ud[t] = (kolonner, begraensninger)
    return ud


def _skriv_gamle_raekker(gamle: Any) -> dict[str, int]:
    """Rows through the models as they were before the move; their ids."""
    Rammeaftale = gamle.get_model("register", "Rammeaftale")
    Kommune = gamle.get_model("register", "Kommune")
    Driftsherre = gamle.get_model("register", "Driftsherre")
    Tilbud = gamle.get_model("register", "Tilbud")
    Ydelse = gamle.get_model("register", "Ydelse")
    Ydelsesaar = gamle.get_model("register", "Ydelsesaar")
    Befolkning = gamle.get_model("register", "Befolkning")
    T = {n: gamle.get_model("takster", n) for n in (
        "Takstberegning", "Takstindberetning", "Katalog", "Paamindelse", "Aendring",
        "Regnskab", "Forbrug", "Lukningsopgoerelse",
    )}  # fmt: skip
    aftale = Rammeaftale.objects.create(kode="syddanmark", navn="Rammeaftale Syddanmark")
    kommune = Kommune.objects.create(kode=461, navn="Odense", rammeaftale=aftale)
    d = Driftsherre.objects.create(navn="Odense Kommune", rammeaftale=aftale, kommune=kommune)
    t = Tilbud.objects.create(navn="Bakkehuset", driftsherre=d, paragraf="SEL § 108")
    y = Ydelse.objects.create(tilbud=t, navn="Botilbud", pladstype="doegn", takstenhed="doegn")
    beregning = T["Takstberegning"].objects.create(tilbud=t, aar=2019, grundlag={"tilbud": "Bakkehuset"})
    ya = Ydelsesaar.objects.create(ydelse=y, aar=2019, pladser=Decimal(12), takst=Decimal("2295.00"),
                                   takstberegning=beregning)  # fmt: skip
    ib = T["Takstindberetning"].objects.create(driftsherre=d, aar=2019, status="indsendt")
    katalog = T["Katalog"].objects.create(rammeaftale=aftale, aar=2019, version=1, indhold={"titel": "x"})
    T["Paamindelse"].objects.create(driftsherre=d, aar=2019, modtagere="a@example.org")
    aendring = T["Aendring"].objects.create(
        tilbud=t, ydelse=y, type="takstforhoejelse", begrundelse="Nattevagt", gammel_takst=Decimal(2295),
        ny_takst=Decimal(2400), beslutningsdato=date(2019, 6, 14), ikrafttraedelse=date(2019, 6, 14),
        konsekvens={"resultat": {}},
    )  # fmt: skip
    regnskab = T["Regnskab"].objects.create(
        tilbud=t, aar=2018, omkostninger=Decimal("9100000.50"), takstindtaegter=Decimal(9000000),
        grundlag=Decimal(9000000),
    )  # fmt: skip
    T["Forbrug"].objects.create(ydelse=y, aar=2019, kvartal=1, brugte_dage=Decimal("1080.5"))
    lukning = T["Lukningsopgoerelse"].objects.create(
        tilbud=t, opgoerelse="endelig", beslutningsdato=date(2019, 3, 12), center="Center Syd",
        tilbuddets_resultat=Decimal(-1262450), centrets_resultat=Decimal(-3815000), kommuner=[], resultat={},
    )  # fmt: skip
    Befolkning.objects.create(kommune=kommune, aar=2018, aldersgruppe="0-17", antal=40123)
    return {
        "tilbud": t.pk, "ydelsesaar": ya.pk, "beregning": beregning.pk, "indberetning": ib.pk,
        "katalog": katalog.pk, "aendring": aendring.pk, "regnskab": regnskab.pk, "lukning": lukning.pk,
    }  # fmt: skip


def test_migreret_fra_foer_flytningen_er_som_ny_og_intet_er_tabt() -> None:
    ny = _skema()
    seneste = _seneste()
    try:
        gamle = _migrer(FOER_FLYTNINGEN)
        foer = _skema()
        assert set(foer) >= FLYTTEDE_TABELLER
        assert "ledelsesinfo_publiceredetal" not in foer
        ider = _skriv_gamle_raekker(gamle)
    finally:
        _migrer(seneste)
    ContentType.objects.clear_cache()

    assert _skema() == ny

    from socialstyring.web.aendringer.models import Aendring
    from socialstyring.web.befolkning.models import Befolkning
    from socialstyring.web.belaegning.models import Forbrug
    from socialstyring.web.indberetning.models import Paamindelse
    from socialstyring.web.lukning.models import Lukningsopgoerelse
    from socialstyring.web.register.models import Katalog, Takstberegning, Takstindberetning, Ydelsesaar
    from socialstyring.web.regnskab.models import Regnskab

    ya = Ydelsesaar.objects.select_related("takstberegning__tilbud").get(pk=ider["ydelsesaar"])
    assert ya.takst == Decimal("2295.00") and ya.takstberegning is not None
    assert ya.takstberegning.pk == ider["beregning"] and ya.takstberegning.tilbud.navn == "Bakkehuset"
    assert Takstberegning.objects.get(pk=ider["beregning"]).grundlag == {"tilbud": "Bakkehuset"}
    ib = Takstindberetning.objects.get(pk=ider["indberetning"])
    assert (ib.status, ib.driftsherre.navn, ib.er_udkast) == ("indsendt", "Odense Kommune", False)
    assert Katalog.objects.get(pk=ider["katalog"]).indhold == {"titel": "x"}
    assert Paamindelse.objects.get().modtagere == "a@example.org"
    a = Aendring.objects.get(pk=ider["aendring"])
    assert (a.ny_takst, a.get_type_display()) == (Decimal(2400), "Takstforhøjelse")
    assert Regnskab.objects.get(pk=ider["regnskab"]).omkostninger == Decimal("9100000.50")
    assert Forbrug.objects.get().brugte_dage == Decimal("1080.50")
    luk = Lukningsopgoerelse.objects.get(pk=ider["lukning"])
    assert (luk.tilbuddets_resultat, luk.get_opgoerelse_display()) == (Decimal(-1262450), "Endelig opgørelse")
    assert Befolkning.objects.get().antal == 40123
    # the content types (and so permissions) followed their models
    assert not ContentType.objects.filter(app_label="takster").exists()
    assert ContentType.objects.get(app_label="register", model="takstberegning")


def test_hver_model_har_sin_tabel_og_sine_kolonner() -> None:
    skema = _skema()
    for model in apps.get_models():
        tabel = model._meta.db_table
        if model._meta.app_label == "procrastinate":
            continue  # the job queue's tables: the library's own (PostgreSQL only), not described here
        assert tabel in skema, f"{model._meta.label}: tabellen {tabel} findes ikke"
        kolonner = {k[0] for k in skema[tabel][0]}
        for f in model._meta.concrete_fields:
            assert f.column in kolonner, (
                f"{model._meta.label}.{f.name}: kolonnen {f.column} mangler i {tabel}"
            )
