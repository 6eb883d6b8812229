"""The audit guard (tests/revisionsvagt.py) that every test of the suite runs under catches a
change that leaves no history row with its user — shown here on purpose-made writes, so the
guard cannot pass by catching nothing. Every model keeping a history is
tests/test_historik_overalt.py."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import User
from revisionsvagt import TILLADT, tag_fund
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from socialstyring.web.register.models import Maalgruppe


def _som_vores_kode(kode: str, **navne: Any) -> None:
    """Run `kode` as if it stood in a service module of ours (the guard looks at the file)."""
    exec(compile(kode, "/repo/socialstyring/web/proeve/services.py", "exec"), dict(navne))


@pytest.fixture
def maalgruppe(db: None) -> Maalgruppe:
    return Maalgruppe.objects.create(navn="Voksne med handicap")


def test_en_masseopdatering_uden_historik_fanges(maalgruppe: Maalgruppe) -> None:
    _som_vores_kode(
        "Maalgruppe.objects.filter(pk=pk).update(navn='Voksne')", Maalgruppe=Maalgruppe, pk=maalgruppe.pk
    )
    fund = tag_fund()
    assert len(fund) == 1
    assert "register.Maalgruppe: QuerySet.update i socialstyring/web/proeve/services.py:1" in fund[0]
    assert "uden historik" in fund[0]


def test_bulk_create_og_bulk_update_fanges(db: None) -> None:
    _som_vores_kode("Maalgruppe.objects.bulk_create([Maalgruppe(navn='Børn')])", Maalgruppe=Maalgruppe)
    assert [f.split(" i ")[0] for f in tag_fund()] == ["register.Maalgruppe: QuerySet.bulk_create"]


def test_masseskrivning_med_historik_er_tilladt(db: None) -> None:
    _som_vores_kode(
        "bulk_create_with_history([Maalgruppe(navn='Børn')], Maalgruppe)",
        Maalgruppe=Maalgruppe,
        bulk_create_with_history=bulk_create_with_history,
    )
    assert tag_fund() == []
    assert Maalgruppe.history.filter(navn="Børn").count() == 1


def test_historik_uden_bruger_under_en_brugers_forespoergsel_fanges(maalgruppe: Maalgruppe) -> None:
    bruger = User.objects.create_user("proeve")
    HistoricalRecords.context.request = SimpleNamespace(user=bruger, path="/proeve/")
    try:
        maalgruppe.navn = "Voksne"
        maalgruppe._history_user = None  # type: ignore[attr-defined]  # a service that forgot its user
        maalgruppe.save()
        maalgruppe.navn = "Voksne med handicap"
        del maalgruppe._history_user  # type: ignore[attr-defined]  # the middleware's user
        maalgruppe.save()
    finally:
        del HistoricalRecords.context.request
    fund = tag_fund()
    assert fund == [
        f"register.Maalgruppe {maalgruppe.pk}: historik uden bruger under proeves forespørgsel /proeve/"
    ]


def test_undtagelserne_har_en_grund() -> None:
    for (fil, funktion), grund in TILLADT.items():
        assert fil.startswith("socialstyring/") and funktion and len(grund) > 30
