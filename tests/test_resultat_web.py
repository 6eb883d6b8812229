"""The yearly result (`takster:resultat`) and its transfer into a later rate
(`takster:resultat_overfoer`), with real figures.

The figures are the hand-worked case tests/cases/resultat_midtjylland_underskud_over_5_pct_2018.yaml
(Bostedet Lærkehøj, Rammeaftale Midtjylland 2018: underskud 1.350.000 kr., of which the
operator bears 5 % of 19.439.405 = 971.970,25 and 378.029,75 is carried into the rate of
2020), typed into the form the Danish way. The 2020 rate calculation is the budget of
tests/cases/haandregnet_gennemsnitstakst_midtjylland_2018.yaml moved to 2020.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from registerdata import Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.io.cases import laes_case
from socialstyring.web.register.models import (
    Indberetningsstatus,
    Takstberegning,
    Takstenhed,
    Takstindberetning,
    Tilbud,
    Ydelse,
)
from socialstyring.web.regnskab.models import Regnskab

pytestmark = pytest.mark.django_db

AAR = 2018
TAKSTAAR = 2020
CASES = Path(__file__).parent / "cases"
BOTILBUD = "Længerevarende botilbud § 108"


class Verden:
    def __init__(self, med_takst_2020: bool = True) -> None:
        self.data: Registerdata = opret_registerdata()
        self.laerkehoej = Tilbud.objects.create(
            navn="Bostedet Lærkehøj", driftsherre=self.data.aarhus, paragraf="SEL § 108"
        )
        Ydelse.objects.create(
            tilbud=self.laerkehoej, navn=BOTILBUD, pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
        )
        self.beregning: Takstberegning | None = None
        if med_takst_2020:
            case = laes_case(CASES / "haandregnet_gennemsnitstakst_midtjylland_2018.yaml").input
            assert isinstance(case, Takstgrundlag)
            grundlag = case.model_dump(mode="json")
            grundlag["aar"] = TAKSTAAR
            for y in grundlag["ydelser"]:
                y["regulering"] = []
                y.get("belaegning", {}).pop("faktisk", None)
                y["belaegning"] = {"budgetteret_pct": "96.7"}
            self.beregning = Takstberegning(tilbud=self.laerkehoej, aar=TAKSTAAR)
            self.beregning.saet_grundlag(grundlag)
            self.beregning.full_clean()
            self.beregning.save()

    def klient(self, rolle: str) -> Client:
        c = Client()
        c.force_login(self.data.bruger(rolle))
        return c


@pytest.fixture
def verden() -> Verden:
    return Verden()


def _gem(klient: Client, tilbud: Tilbud, data: dict[str, str], **kw: Any) -> Any:
    """Post the accounts form as the user's browser does (with the version and the values the
    page showed), the fields in `data` typed in."""
    side = klient.get(_url(tilbud))
    felter = formulardata(side.content.decode(), _url(tilbud)) if side.status_code == 200 else {}
    return klient.post(_url(tilbud), {**felter, **data}, **kw)


def _url(tilbud: Tilbud, aar: int = AAR) -> str:
    return reverse("regnskab:resultat", args=[tilbud.pk, aar])


def _overfoer_url(tilbud: Tilbud, aar: int = AAR) -> str:
    return reverse("regnskab:resultat_overfoer", args=[tilbud.pk, aar])


HAANDREGNET = {
    "omkostninger": "19.900.000",
    "takstindtaegter": "18.300.000",
    "tillaegsindtaegter": "250.000",
    "andre_indtaegter": "",
    "grundlag": "19.439.405",
    "note": "Regnskab 2018",
}


def _beskeder(svar: Any) -> list[str]:
    return [str(m) for m in get_messages(svar.wsgi_request)]


def test_haandregnet_regnskab_giver_underskud_og_regulering(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    side = d.get(_url(verden.laerkehoej))
    assert side.status_code == 200
    assert 'name="omkostninger"' in side.content.decode()

    svar = _gem(d, verden.laerkehoej, HAANDREGNET, follow=True)
    assert svar.redirect_chain == [(_url(verden.laerkehoej), 302)]
    html = svar.content.decode()
    assert "Regnskabet for 2018 er gemt" in html
    assert 'id="resultat"><button type="button" class="tal" data-spor="resultat"' in html
    assert "-1.350.000,00 kr." in html  # resultat (underskud)
    assert "971.970,25 kr." in html  # grænse: 5 % af 19.439.405
    assert "378.029,75 kr." in html  # efterregulering
    assert 'data-spor="resultat"' in html and 'data-spor="efterregulering"' in html
    assert 'data-spor="egen_andel.egen"' in html and 'data-spor="til_regulering"' in html
    assert 'id="trin-efterregulering"' in html and "spor.js" in html  # the trace panel
    assert "2019, 2020" in html  # the allowed years
    assert f'href="{reverse("takstberegning:takst", args=[verden.laerkehoej.pk, TAKSTAAR])}"' in html
    assert "Indregnes i taksten 2020" in html

    r = Regnskab.objects.get(tilbud=verden.laerkehoej, aar=AAR)
    assert r.omkostninger == Decimal("19900000") and r.grundlag == Decimal("19439405")
    assert r.andre_indtaegter == 0


def test_uden_takstberegning_linker_til_budgettet_og_overfoersel_afvises() -> None:
    v = Verden(med_takst_2020=False)
    d = v.klient("sekretariat")
    html = _gem(d, v.laerkehoej, HAANDREGNET, follow=True).content.decode()
    assert f'href="{reverse("takstberegning:budget", args=[v.laerkehoej.pk, TAKSTAAR])}"' in html
    svar = d.post(_overfoer_url(v.laerkehoej))
    assert svar.status_code == 302 and svar["Location"] == _url(v.laerkehoej)
    (besked,) = _beskeder(svar)
    assert "ingen takstberegning for 2020" in besked
    assert reverse("takstberegning:budget", args=[v.laerkehoej.pk, TAKSTAAR]) in besked
    assert not Takstberegning.objects.filter(tilbud=v.laerkehoej).exists()


def test_overfoersel_til_taksten_2020_og_link_tilbage(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    _gem(d, verden.laerkehoej, HAANDREGNET)
    takst_url = reverse("takstberegning:takst", args=[verden.laerkehoej.pk, TAKSTAAR])
    svar = d.post(_overfoer_url(verden.laerkehoej), follow=True)
    assert svar.redirect_chain == [(takst_url, 302)]
    html = svar.content.decode()
    assert "378.029,75 kr." in html  # the rate page's efterregulering
    assert '.regulering_2018"' in html  # the trace step of the 2018 result
    assert f'href="{_url(verden.laerkehoej)}"' in html and "Se resultatet 2018" in html

    assert verden.beregning is not None
    verden.beregning.refresh_from_db()
    (y,) = verden.beregning.takstgrundlag().ydelser
    assert [(r.aar, r.resultat, r.grundlag) for r in y.regulering] == [
        (2018, Decimal("-1350000"), Decimal("19439405"))
    ]

    # a second transfer replaces the entry for 2018 rather than adding one
    d.post(_overfoer_url(verden.laerkehoej))
    verden.beregning.refresh_from_db()
    (y,) = verden.beregning.takstgrundlag().ydelser
    assert len(y.regulering) == 1

    # the result page shows the transfer and the link to the rate
    html = d.get(_url(verden.laerkehoej)).content.decode()
    assert "Overført til takstberegningen 2020" in html


def test_overfoersel_afvises_naar_indberetningen_er_indsendt(verden: Verden) -> None:
    d = verden.klient("driftsherre")
    _gem(d, verden.laerkehoej, HAANDREGNET)
    Takstindberetning.objects.create(
        driftsherre=verden.data.aarhus, aar=TAKSTAAR, status=Indberetningsstatus.INDSENDT
    )
    assert verden.beregning is not None
    foer = verden.beregning.grundlag
    svar = d.post(_overfoer_url(verden.laerkehoej))
    assert svar.status_code == 302
    assert "indsendt" in _beskeder(svar)[-1]
    verden.beregning.refresh_from_db()
    assert verden.beregning.grundlag == foer


def test_andre_kan_hverken_se_eller_rette(verden: Verden) -> None:
    _gem(verden.klient("driftsherre"), verden.laerkehoej, HAANDREGNET)
    for rolle in ("laeser", "driftsherre_anden"):
        k = verden.klient(rolle)
        assert k.get(_url(verden.laerkehoej)).status_code == 403
        assert _gem(k, verden.laerkehoej, {**HAANDREGNET, "omkostninger": "1"}).status_code == 403
        assert k.post(_overfoer_url(verden.laerkehoej)).status_code == 403
    assert verden.klient("sekretariat_anden").get(_url(verden.laerkehoej)).status_code == 404
    assert Regnskab.objects.get(tilbud=verden.laerkehoej, aar=AAR).omkostninger == Decimal("19900000")
    assert verden.beregning is not None
    verden.beregning.refresh_from_db()
    assert verden.beregning.takstgrundlag().ydelser[0].regulering == ()


def test_ugyldigt_tal_gemmer_intet(verden: Verden) -> None:
    svar = verden.klient("driftsherre").post(
        _url(verden.laerkehoej), {**HAANDREGNET, "omkostninger": "mange"}
    )
    assert svar.status_code == 400
    assert "Skriv et tal" in svar.content.decode()
    assert not Regnskab.objects.exists()


def test_historikken_viser_hvem_der_rettede_regnskabet(verden: Verden) -> None:
    _gem(verden.klient("driftsherre"), verden.laerkehoej, HAANDREGNET)
    _gem(verden.klient("sekretariat"), verden.laerkehoej, {**HAANDREGNET, "omkostninger": "20.000.000"})
    r = Regnskab.objects.get(tilbud=verden.laerkehoej, aar=AAR)
    assert r.omkostninger == Decimal("20000000")
    historik = list(r.history.order_by("history_id"))
    assert [h.history_user for h in historik] == [
        verden.data.bruger("driftsherre"),
        verden.data.bruger("sekretariat"),
    ]
    assert [h.omkostninger for h in historik] == [Decimal("19900000"), Decimal("20000000")]
