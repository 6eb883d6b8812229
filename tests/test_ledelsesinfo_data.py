"""The register's figures as management information when the operator has reported what the
app asks for — quarterly used days and the offer's accounts — and no per-service accounts.

Worked by hand (Midtjylland, 2019 against 2020; the rulebook's P/L 2020 is 2,0 %, so the
factor is 1,02; a year-place is 365 days in table A, the quarters count calendar days):

Engly, one 24-hour service with 10 places both years, budgeted occupancy 95 % in 2020.
- 2019: used days 900 + 910 + 920 + 920 = 3.650 → 3.650 / 365 = 10,0 year-places;
  table D 3.650 / (10 × 365) = 100,0 %. Accounts: costs 7.300.000, rate income 7.000.000,
  add-on income 100.000 → result 7.100.000 − 7.300.000 = −200.000.
- 2020 (leap year): used days 819 + 819 + 828 + 828 = 3.294 → 3.294 / 365 = 9,0247 → 9,0
  year-places; table D 3.294 / (10 × 366) = 90,0 % — 5,0 points below the budget: flagged.
  Accounts: costs 7.446.000, rate income 7.500.000 → result +54.000.
- Table A: 2019 in 2020 prices 7.300.000 × 1,02 = 7.446.000 → 7.446 t.kr., average price
  7.446.000 / 10 = 744.600 kr.; 2020: 7.446.000 / 9,02466 = 825.073 kr.; development
  825.072,86 / 744.600 − 1 = +10,8 %.
- Table B: −200.000 × 1,02 = −204 t.kr.; +54 t.kr. Table C: 100.000 × 1,02 = 102 t.kr.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.ledelsesinfo import selectors as ledelsesinfo
from socialstyring.web.register.models import (
    Driftsherre,
    Maalgruppe,
    Rammeaftale,
    Takstenhed,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.regnskab.models import Regnskab

pytestmark = pytest.mark.django_db


def test_brugte_dage_og_tilbuddets_regnskab() -> None:
    aftale = Rammeaftale.objects.create(kode="midtjylland", navn="Rammeaftale Midtjylland")
    d = Driftsherre.objects.create(navn="Testkommune", rammeaftale=aftale)
    t = Tilbud.objects.create(navn="Engly", driftsherre=d, maalgruppe=Maalgruppe.objects.create(navn="M"))
    y = Ydelse.objects.create(
        tilbud=t, navn="Botilbud", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    for aar, budget, dage, omk, takst, tillaeg in (
        (2019, None, (900, 910, 920, 920), 7_300_000, 7_000_000, 100_000),
        (2020, 95, (819, 819, 828, 828), 7_446_000, 7_500_000, 0),
    ):
        Ydelsesaar.objects.create(ydelse=y, aar=aar, pladser=10, budgetteret_belaegning_pct=budget)
        for k, n in enumerate(dage, start=1):
            Forbrug.objects.create(ydelse=y, aar=aar, kvartal=k, brugte_dage=n)
        Regnskab.objects.create(
            tilbud=t,
            aar=aar,
            omkostninger=omk,
            takstindtaegter=takst,
            tillaegsindtaegter=tillaeg,
            grundlag=omk,
        )

    li, data = ledelsesinfo.beregn(aftale, 2019, 2020)
    assert data.advarsler == ()
    assert li.pl_faktor == Decimal("1.02")
    assert li.figur("A", "Testkommune", "aarspladser_2019") == Decimal("10.0")
    assert li.figur("A", "Testkommune", "aarspladser_2020") == Decimal("9.0")
    assert li.figur("A", "Testkommune", "omkostninger_tkr_2019") == 7446
    assert li.figur("A", "Testkommune", "gns_pris_2019") == 744600
    assert li.figur("A", "Testkommune", "gns_pris_2020") == 825073
    assert li.figur("A", "Testkommune", "udvikling_pct") == Decimal("10.8")
    assert li.figur("B", "Testkommune", "resultat_tkr_2019") == -204
    assert li.figur("B", "Testkommune", "resultat_tkr_2020") == 54
    assert li.figur("C", "Testkommune", "tillaeg_tkr_2019") == 102
    assert li.figur("D", "M", "doegn_2019") == Decimal("100.0")
    assert li.figur("D", "M", "doegn_2020") == Decimal("90.0")
    assert li.flagede_tilbud == ("Engly",)
    assert data.tilbud_id == {"Engly": t.pk}

    # Without the fourth quarter 2020 the service has no use for D and A in 2020, and the
    # data says so.
    Forbrug.objects.filter(aar=2020, kvartal=4).delete()
    li, data = ledelsesinfo.beregn(aftale, 2019, 2020)
    assert li.figur("D", "M", "doegn_2020") is None
    assert li.figur("A", "Testkommune", "gns_pris_2020") is None
    assert data.advarsler == (
        "1 ydelser har ikke indberettet brugte dage for alle fire kvartaler 2020; i belægningsoversigten "
        "(tabel D) og afvigelsesflaget tæller de med regnskabets årspladser, hvis der er nogen.",
    )
