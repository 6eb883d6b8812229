"""Quarterly occupancy (`takster:belaegning`, `takster:belaegning_oversigt`) with real figures.

Aarhus Kommune reports Q1 2016 (91 days, a leap year) for two tilbud:
- Bakkehuset, 10 places × 91 days = 910 possible, 819 used = 90,0 % against a budget of
  96 % → 6 percentage points ≥ the rulebook's 5 → flagged;
- Engtoften, 20 places × 91 = 1.820 possible, 1.792 used = 98,5 % against 97 % → not flagged.
Together 2.611 / 2.730 = 95,6 %.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from registerdata import Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.register.models import Takstenhed, Tilbud, Ydelse, Ydelsesaar

pytestmark = pytest.mark.django_db

AAR = 2016


class Verden:
    def __init__(self) -> None:
        self.data: Registerdata = opret_registerdata()
        self.bakkehuset = self._ydelse("Bakkehuset", 10, 96)
        self.engtoften = self._ydelse("Engtoften", 20, 97)

    def _ydelse(self, navn: str, pladser: int, budget: int) -> Ydelse:
        tilbud = Tilbud.objects.create(
            navn=navn, driftsherre=self.data.aarhus, maalgruppe=self.data.udviklingshaemning
        )
        y = Ydelse.objects.create(
            tilbud=tilbud, navn="Botilbud", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
        )
        Ydelsesaar.objects.create(
            ydelse=y, aar=AAR, pladser=Decimal(pladser), budgetteret_belaegning_pct=Decimal(budget)
        )
        return y

    def klient(self, rolle: str) -> Client:
        c = Client()
        c.force_login(self.data.bruger(rolle))
        return c

    def url(self, kvartal: int = 1) -> str:
        return reverse("belaegning:belaegning", args=[self.data.aarhus.pk, AAR, kvartal])

    def post(self, rolle: str, bakkehuset: str, engtoften: str, kvartal: int = 1) -> int:
        """The quarter's form as the user's browser posts it, with the two services' days typed in."""
        klient = self.klient(rolle)
        side = klient.get(self.url(kvartal))
        data = formulardata(side.content.decode()) if side.status_code == 200 else {}
        data |= {f"dage-{self.bakkehuset.pk}": bakkehuset, f"dage-{self.engtoften.pk}": engtoften}
        svar = klient.post(self.url(kvartal), data)
        return svar.status_code


@pytest.fixture
def verden() -> Verden:
    return Verden()


def test_driftsherren_indberetter_q1_og_ser_flaget(verden: Verden) -> None:
    assert verden.post("driftsherre", "819", "1.792") == 302
    gemt = {f.ydelse_id: f.brugte_dage for f in Forbrug.objects.filter(aar=AAR, kvartal=1)}
    assert gemt == {verden.bakkehuset.pk: Decimal(819), verden.engtoften.pk: Decimal(1792)}

    svar = verden.klient("driftsherre").get(verden.url())
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "Q1 2016" in tekst
    res = svar.context["resultat"]
    assert res.dage == 91
    assert res.flagede_tilbud == ("Bakkehuset",)
    pct = {t.t.navn: t.pct for t in svar.context["tilbud"]}
    assert pct == {"Bakkehuset": "90,0", "Engtoften": "98,5"}
    assert "90,0 %" in tekst and "98,5 %" in tekst
    assert "95,6 %" in tekst  # i alt
    assert "⚑ Afvigelse ≥ 5,0 procentpoint" in tekst
    assert tekst.count("⚑ Afvigelse") == 1
    # the figures open their trace
    assert 'data-spor="tilbud.bakkehuset.belaegning_pct"' in tekst
    assert 'data-spor="tilbud.bakkehuset.afvigelse"' in tekst
    assert 'id="spor-panel"' in tekst


def test_kumulativ_periode_q1_q2(verden: Verden) -> None:
    assert verden.post("driftsherre", "819", "1.792") == 302
    # Q2 2016: 91 days; Q1–Q2 = 182 days; Bakkehuset 819 + 910 = 1.729 / 1.820 = 95,0 %
    assert verden.post("sekretariat", "910", "1.820", kvartal=2) == 302
    svar = verden.klient("driftsherre").get(verden.url(2))
    assert svar.context["resultat"].dage == 182
    pct = {t.t.navn: t.pct for t in svar.context["tilbud"]}
    assert pct["Bakkehuset"] == "95,0"
    assert svar.context["resultat"].flagede_tilbud == ()


def test_sekretariatets_oversigt_viser_flagede_tilbud(verden: Verden) -> None:
    verden.post("driftsherre", "819", "1.792")
    svar = verden.klient("sekretariat").get(reverse("belaegning:belaegning_oversigt", args=[AAR, 1]))
    assert svar.status_code == 200
    (aftale, _, raekker), *_ = svar.context["oversigt"]
    assert aftale.kode == "midtjylland"
    aarhus = next(r for r in raekker if r.driftsherre == verden.data.aarhus)
    assert (aarhus.antal_ydelser, aarhus.antal_indberettet) == (2, 2)
    assert aarhus.belaegning == "95,6"
    assert aarhus.flagede_tilbud == ("Bakkehuset",)
    randers = next(r for r in raekker if r.driftsherre == verden.data.randers)
    assert randers.antal_indberettet == 0
    tekst = svar.content.decode()
    assert "⚑ Bakkehuset" in tekst
    assert verden.url() in tekst
    # the other agreement's secretariat sees only its own operators
    anden = verden.klient("sekretariat_anden").get(reverse("belaegning:belaegning_oversigt", args=[AAR, 1]))
    assert anden.status_code == 200
    assert "Aarhus Kommune" not in anden.content.decode()


@pytest.mark.parametrize("rolle", ["driftsherre_anden", "laeser", "sekretariat_anden"])
def test_andre_kan_hverken_se_eller_gemme(verden: Verden, rolle: str) -> None:
    ukendt = 404 if rolle == "sekretariat_anden" else 403  # another agreement's operator is not there
    assert verden.klient(rolle).get(verden.url()).status_code == ukendt
    assert verden.post(rolle, "819", "1.792") == ukendt
    assert not Forbrug.objects.exists()
    svar = verden.klient(rolle).get(reverse("belaegning:belaegning_oversigt", args=[AAR, 1]))
    assert svar.status_code == (200 if rolle == "sekretariat_anden" else 403)


def test_ugyldigt_tal_giver_400_og_intet_gemmes(verden: Verden) -> None:
    assert verden.post("driftsherre", "819", "mange") == 400
    assert verden.post("driftsherre", "-5", "1.792") == 400
    assert not Forbrug.objects.exists()
    svar = verden.klient("driftsherre").post(verden.url(), {f"dage-{verden.engtoften.pk}": "x"})
    assert "Intet er gemt" in svar.content.decode()


def test_historik_viser_hvem_og_kun_aendrede_gemmes(verden: Verden) -> None:
    verden.post("driftsherre", "819", "1.792")
    forbrug = Forbrug.objects.get(ydelse=verden.bakkehuset, aar=AAR, kvartal=1)
    assert forbrug.history.get().history_user == verden.data.bruger("driftsherre")
    # the secretariat corrects one service; the other is not touched
    verden.post("sekretariat", "820", "1.792")
    assert forbrug.history.count() == 2
    assert forbrug.history.latest().history_user == verden.data.bruger("sekretariat")
    assert Forbrug.objects.get(pk=forbrug.pk).brugte_dage == Decimal(820)
    engtoften = Forbrug.objects.get(ydelse=verden.engtoften)
    assert engtoften.history.count() == 1
    # an emptied field removes the report
    verden.post("sekretariat", "", "1.792")
    assert not Forbrug.objects.filter(ydelse=verden.bakkehuset).exists()


def test_forsiden_viser_seneste_kvartals_flag(verden: Verden) -> None:
    """The front page shows the latest reported quarter's flags: the operator its own, the
    secretariat the agreement's; a reader and the other agreement see no such card."""
    assert (
        "belaegningsflag" not in verden.klient("sekretariat").get(reverse("faelles:forside")).content.decode()
    )
    verden.post("driftsherre", "819", "1.792")
    verden.post("driftsherre", "910", "1.820", kvartal=2)
    egen = verden.klient("driftsherre").get(reverse("faelles:forside"))
    b = egen.context["kortdata"]["egen_belaegning"]
    assert (b.aar, b.kvartal, b.flagede) == (AAR, 2, ())  # Q1–Q2: Bakkehuset 95,0 % against 96 %
    assert "Belægning Q1–Q2 2016" in egen.content.decode()
    assert "Ingen tilbud afviger" in egen.content.decode()
    Forbrug.objects.filter(kvartal=2).delete()
    sek = verden.klient("sekretariat").get(reverse("faelles:forside"))
    (b,) = sek.context["kortdata"]["belaegning"]
    assert (b.aar, b.kvartal, b.flagede, b.antal_driftsherrer_indberettet) == (AAR, 1, ("Bakkehuset",), 1)
    tekst = sek.content.decode()
    assert "⚑ 1 tilbud" in tekst and "<li>Bakkehuset</li>" in tekst
    assert reverse("belaegning:belaegning_oversigt", args=[AAR, 1]) in tekst
    assert verden.klient("laeser").get(reverse("faelles:forside")).context["kortdata"]["belaegning"] == []
    assert (
        verden.klient("sekretariat_anden").get(reverse("faelles:forside")).context["kortdata"]["belaegning"]
        == []
    )


def test_rammeaftalens_frister_og_manglende_indberetning(verden: Verden) -> None:
    """Syddanmark asks for Q1 by 1 May and Q1–Q3 by 1 November (seed 002, rulebook
    `frister.belaegning_q1`, `frister.belaegning_q1_q3`); Midtjylland has no set date."""
    odense = verden.data.odense
    tilbud = Tilbud.objects.create(
        navn="Søhuset", driftsherre=odense, maalgruppe=verden.data.udviklingshaemning
    )
    y = Ydelse.objects.create(
        tilbud=tilbud, navn="Botilbud", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    Ydelsesaar.objects.create(ydelse=y, aar=AAR, pladser=Decimal(8), budgetteret_belaegning_pct=Decimal(95))
    syd = verden.klient("sekretariat_anden")
    svar = syd.get(reverse("belaegning:belaegning_oversigt", args=[AAR, 1]))
    (aftale, frister, raekker), *_ = svar.context["oversigt"]
    assert aftale.kode == "syddanmark"
    assert frister.frist is not None and str(frister.frist.dato) == "2016-05-01"
    assert [p for p, _ in frister.frister] == ["Q1 2016", "Q1–Q3 2016"]
    assert frister.overskredet  # today is long after 1 May 2016
    odense_raekke = next(r for r in raekker if r.driftsherre == odense)
    assert odense_raekke.mangler
    tekst = svar.content.decode()
    assert "1. maj 2016" in tekst and "1. november 2016" in tekst
    assert "mangler efter fristen" in tekst
    # Q2 is not a Syddanmark deadline period.
    q2 = syd.get(reverse("belaegning:belaegning_oversigt", args=[AAR, 2])).content.decode()
    assert "Der er ingen frist for netop denne periode" in q2 and "mangler efter fristen" not in q2
    # Midtjylland: no deadline in the rulebook.
    midt = verden.klient("driftsherre").get(verden.url()).content.decode()
    assert "Regelbogen har ingen frist for belægningsindberetningen" in midt
