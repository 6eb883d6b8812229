"""The national demo (`socialstyring demo national`, socialstyring/demo/national.py), scaled
down to 200 offers, 2.000 stays and 2 years: the counts asked for, the 5 agreements and 98
municipalities with their 103 operators, the same rows on every load, and the secretariats of
two agreements each seeing their own offers and not the other's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from socialstyring.demo.national import (
    AlleredeIndlaest,
    Nationaldata,
    byg_national,
    databasens_kontrolsum,
    indlaes_national,
)
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.ledelsesinfo import selectors as ledelsesinfo
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.register.models import (
    Driftsherre,
    Kommune,
    Rammeaftale,
    Takstberegning,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.regnskab import selectors as regnskab
from socialstyring.web.regnskab.models import Regnskab

TILBUD, OPHOLD, AAR = 200, 2000, 2


@pytest.fixture(scope="module")
def data() -> Nationaldata:
    return byg_national(TILBUD, OPHOLD, AAR)


class _Tilbage(Exception):
    pass


@pytest.mark.django_db
def test_antal_som_bestilt(data: Nationaldata) -> None:
    skrevet = indlaes_national(data)
    assert sum(skrevet.values()) - skrevet["user"] == data.antal_raekker()  # the progress bar's total
    assert Tilbud.objects.count() == TILBUD == skrevet["tilbud"]
    assert Ophold.objects.count() == OPHOLD == skrevet["ophold"]
    assert Rammeaftale.objects.count() == 5
    assert Kommune.objects.count() == 98
    # 98 municipalities and 5 regions operate offers
    assert Driftsherre.objects.count() == 103
    assert Driftsherre.objects.filter(kommune__isnull=True).count() == 5
    assert Driftsherre.objects.filter(navn="Hedensted Kommune", rammeaftale__kode="midtjylland").exists()
    # every agreement has offers (200 spread by operator weight: each agreement far above 0)
    pr_aftale = Counter(Tilbud.objects.values_list("driftsherre__rammeaftale__kode", flat=True))
    assert set(pr_aftale) == {"nordjylland", "midtjylland", "syddanmark", "hovedstaden", "sjaelland"}
    ydelser = Ydelse.objects.count()
    assert ydelser == sum(len(t.ydelser) for t in data.tilbud)
    assert Ydelsesaar.objects.count() == ydelser * AAR
    assert set(Ydelsesaar.objects.values_list("aar", flat=True)) == {2024, 2025}
    # accounts for every year but the one being reported (2024), one per offer
    assert Regnskab.objects.count() == TILBUD
    assert set(Regnskab.objects.values_list("aar", flat=True)) == {2024}
    assert Forbrug.objects.filter(aar=2025).count() == 0 and Forbrug.objects.count() > 0
    # Midtjylland's rulebook holds overhead rates, so its offers have rate calculations whose
    # rates are the engine's; Nordjylland's does not, so its rates are entered
    assert Takstberegning.objects.filter(tilbud__driftsherre__rammeaftale__kode="midtjylland").count() == (
        pr_aftale["midtjylland"] * AAR
    )
    assert not Takstberegning.objects.filter(tilbud__driftsherre__rammeaftale__kode="nordjylland").exists()
    assert (
        Ydelsesaar.objects.filter(
            ydelse__tilbud__driftsherre__rammeaftale__kode="midtjylland", takst_kilde="beregnet"
        ).count()
        == Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__kode="midtjylland").count()
    )
    assert Ydelsesaar.objects.filter(takst__isnull=True).count() == 0
    # stays: pseudonyms only, paid by municipalities
    assert all(len(b) == 64 and b.isalpha() for b in Ophold.objects.values_list("borger", flat=True))
    with pytest.raises(AlleredeIndlaest):
        indlaes_national(data)


@pytest.mark.django_db
def test_samme_raekker_hver_gang(data: Nationaldata) -> None:
    assert byg_national(TILBUD, OPHOLD, AAR).kontrolsum() == data.kontrolsum()
    assert byg_national(TILBUD + 1, OPHOLD, AAR).kontrolsum() != data.kontrolsum()
    summer = []
    for _ in range(2):
        with pytest.raises(_Tilbage), transaction.atomic():
            indlaes_national(byg_national(TILBUD, OPHOLD, AAR))
            summer.append(databasens_kontrolsum())
            raise _Tilbage  # roll the load back; the next starts from an empty register
    assert not Tilbud.objects.exists()
    assert summer[0] == summer[1]


@pytest.mark.django_db
def test_sekretariaterne_ser_hver_sin_aftale(data: Nationaldata) -> None:
    indlaes_national(data)
    nord = Tilbud.objects.filter(driftsherre__rammeaftale__kode="nordjylland").order_by("pk").first()
    syd = Tilbud.objects.filter(driftsherre__rammeaftale__kode="syddanmark").order_by("pk").first()
    assert nord is not None and syd is not None
    for bruger, eget, andet in (
        ("sekretariat_nordjylland", nord, syd),
        ("sekretariat_syddanmark", syd, nord),
    ):
        c = Client()
        assert c.login(username=bruger, password="demo1234")
        liste = c.get(reverse("register:tilbud_liste"), {"q": eget.navn})
        assert liste.status_code == 200
        assert eget.navn in liste.content.decode()
        side = c.get(reverse("register:tilbud", args=[eget.pk]))
        assert side.status_code == 200 and eget.navn in side.content.decode()
        assert c.get(reverse("register:tilbud", args=[andet.pk])).status_code == 404


@pytest.mark.django_db
def test_ledelsesinfo_fra_databasen_med_faste_forespoergsler(
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    """The management information's selectors read an agreement in a fixed number of queries,
    whatever its number of offers (the rulebook is fetched once, not once per offer's accounts:
    that was 2 queries per offer, 3.300 for Hovedstaden's 1.650 national offers)."""
    indlaes_national(byg_national(150, 0, 3))
    aftale = Rammeaftale.objects.get(kode="hovedstaden")
    assert Tilbud.objects.filter(driftsherre__rammeaftale=aftale).count() > 30
    # the years' figures, the used days, the accounts, the rulebook's state and, the first time,
    # its entered values (before: 2 more per offer's accounts, here 2 × 40-odd)
    with django_assert_max_num_queries(6):
        li, _ = ledelsesinfo.beregn(aftale, 2023, 2024)
    assert (li.forrige_aar, li.aar) == (2023, 2024) and li.figurer
    # the results read together are each accounts' result as the offer's accounts page computes it
    resultater = regnskab.resultater_i_aftalen(aftale, (2023, 2024))
    assert len(resultater) == Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=aftale).count() > 30
    hver = {
        (r.tilbud_id, r.aar): regnskab.beregn(r).resultat
        for r in Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=aftale).select_related("tilbud")
    }
    assert {(r.tilbud_id, r.aar): r.resultat for r in resultater} == hver
    c = Client()
    assert c.login(username="sekretariat_hovedstaden", password="demo1234")
    svar = c.get(reverse("ledelsesinfo:ledelsesinfo", args=["hovedstaden", 2023, 2024]))
    assert svar.status_code == 200 and "Rammeaftale Hovedstaden" in svar.content.decode()
