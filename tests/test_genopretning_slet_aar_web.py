"""Deleting an initiative and adding a year to a reduction plan (`web/genopretning`), on the
demo's plan for Randers Kommune (seed 001, "Økonomisk genopretning af myndighedsområderne.
Beskrivelse af initiativer – status april 2021", Økonomioversigt, 1.000 kr.):

    targets −2.000 / −3.000 / −5.000 / −7.000 (2021–2024); Foranstaltninger vedr. unge −977 /
    −1.257 × 3; unallocated −1.023 each year; a year's shortfall is carried into the next target.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from socialstyring.demo.genopretning import NAVN
from socialstyring.web.genopretning import selectors
from socialstyring.web.genopretning.models import Effekt, Initiativ, Maal, Plan
from socialstyring.web.historik.services import gendan_version
from socialstyring.web.register.models import Brugerprofil, Kommune, Rolle

RANDERS = "randers_kommune"


def _klient(brugernavn: str = RANDERS) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _plan() -> Plan:
    return Plan.objects.get(navn=NAVN, kommune__kode=730)


def _unge() -> Initiativ:
    return _plan().initiativer.get(navn="Foranstaltninger vedr. unge")


def test_slet_initiativ_regner_planen_igen_og_kan_gendannes(demo: None) -> None:
    p, i = _plan(), _unge()
    c = _klient()
    # an effect cleared before the deletion (its cell emptied) stays cleared when it is restored
    Effekt.objects.get(initiativ=i, aar=2024).delete()
    i.refresh_from_db()
    url = reverse("genopretning:initiativ_slet", args=[p.pk, i.pk])
    side = c.get(reverse("genopretning:initiativ", args=[p.pk, i.pk])).content.decode()
    assert url in side and 'aria-label="Slet initiativet Foranstaltninger vedr. unge"' in side
    # a page that showed an older version of the initiative is refused; nothing is deleted
    svar = c.post(url, {"version": str(i.version - 1)}, follow=True)
    assert "Intet er gemt" in svar.content.decode()
    assert Initiativ.objects.filter(pk=i.pk).exists()
    svar = c.post(url, {"version": str(i.version)}, follow=True)
    assert "Initiativet Foranstaltninger vedr. unge er slettet" in svar.content.decode()
    assert not Initiativ.objects.filter(pk=i.pk).exists() and not Effekt.objects.filter(initiativ_id=i.pk)
    # by hand, only the unallocated −1.023 is left as effect each year:
    #   net outstanding −2.000 + 1.023 = −977; −3.000 + 1.023 = −1.977; −3.977; −5.977
    #   carried: 2022 target −3.000 − 977 = −3.977, manko −2.954; 2023 −5.000 − 2.954 = −7.954,
    #   manko −6.931; 2024 −7.000 − 6.931 = −13.931, manko −12.908 at the plan's end
    r = selectors.beregn(p)
    aarene = r.forventet.aarene
    assert [a.netto_udestaaende for a in aarene] == [-977, -1977, -3977, -5977]
    assert [a.effektivt_maal for a in aarene] == [-2000, -3977, -7954, -13931]
    assert r.forventet.manko_ved_udloeb == Decimal(-12908)
    # the history names the user and the deletion, of the initiative and of its effects
    html = c.get(reverse("genopretning:historik", args=[p.pk])).content.decode()
    raekke = html[html.index('id="historik"') :].split("<tr>")[2]
    assert RANDERS in raekke and "slettet" in raekke
    assert html.count(">slettet<") == 5  # the initiative and its four years' expected effects
    # reversible: the history's button restores it with the effects deleted with it (2021–2023;
    # 2024 was cleared before): by hand 0, −720, −2.720 as printed and 2024 −7.000 + 1.023 = −5.977
    post = Initiativ.history.get(id=i.pk, history_type="-")
    gendan = reverse("genopretning:initiativ_gendan", args=[p.pk, post.history_id])
    assert gendan in html and 'aria-label="Gendan Initiativ: Foranstaltninger vedr. unge med sine' in html
    svar = c.post(gendan, follow=True)
    assert "Initiativet Foranstaltninger vedr. unge er gendannet" in svar.content.decode()
    assert [a.netto_udestaaende for a in selectors.beregn(p).forventet.aarene] == [0, -720, -2720, -5977]
    assert Initiativ.objects.get(pk=i.pk).navn == "Foranstaltninger vedr. unge"
    # once restored, the deletion cannot be restored again, and its button is gone
    svar = c.post(gendan, follow=True)
    assert "er allerede gendannet" in svar.content.decode()
    assert gendan not in c.get(reverse("genopretning:historik", args=[p.pk])).content.decode()
    # the same through the command line's restore (socialstyring historik gendan) after a new deletion
    i = Initiativ.objects.get(pk=i.pk)
    assert c.post(url, {"version": str(i.version)}).status_code == 302
    bruger = User.objects.get(username=RANDERS)
    for model, poster in (
        (
            "genopretning.Initiativ",
            Initiativ.history.filter(id=i.pk, history_type="-").order_by("-history_id")[:1],
        ),
        (
            "genopretning.Effekt",
            Effekt.history.filter(
                initiativ_id=i.pk, history_type="-", history_change_reason="Slettet med initiativet"
            ).order_by("-history_id")[:3],
        ),
    ):
        for h in poster:
            gendan_version(model, h.history_id, bruger)
    assert [a.netto_udestaaende for a in selectors.beregn(p).forventet.aarene] == [0, -720, -2720, -5977]


def test_tilfoej_et_aar(demo: None) -> None:
    p = _plan()
    c = _klient()
    url = reverse("genopretning:aar_ny", args=[p.pk])
    assert url in c.get(reverse("genopretning:plan", args=[p.pk])).content.decode()
    side = c.get(url)
    assert side.status_code == 200 and "Tilføj året 2025" in side.content.decode()
    # bad input: a Danish error, nothing written
    for maal, tekst in (("", "Dette felt er påkrævet"), ("500", "mindre end eller lig 0"),
                        ("mange", "Skriv et tal")):  # fmt: skip
        svar = c.post(url, {"maal": maal, "ufordelt": "", "version": str(p.version)})
        assert svar.status_code == 400 and tekst in svar.content.decode(), (maal, tekst)
    assert selectors.aarene(p) == [2021, 2022, 2023, 2024]
    svar = c.post(url, {"maal": "-8.000", "ufordelt": "", "version": str(p.version)})
    assert svar.status_code == 302
    assert Maal.objects.get(plan=p, aar=2025).beloeb == Decimal(-8000)
    # by hand: 2025 has no effect (the initiatives' effects end in 2024): net outstanding
    # −8.000; 2024's manko −8.160 (−10.440 + 2.280) is carried now: effective target
    # −8.000 − 8.160 = −16.160, and that is the manko at the plan's new end
    r = selectors.beregn(p)
    a2024, a2025 = r.forventet.aarene[3], r.forventet.aarene[4]
    assert (a2024.manko, a2024.overfoeres) == (Decimal(-8160), Decimal(-8160))
    assert a2025.aar == 2025
    assert (a2025.netto_udestaaende, a2025.effektivt_maal) == (Decimal(-8000), Decimal(-16160))
    assert r.forventet.manko_ved_udloeb == Decimal(-16160)
    # the same page again is stale (the plan changed): refused, no 2026
    gammel = c.post(url, {"maal": "-9.000", "ufordelt": "", "version": str(p.version)}, follow=True)
    assert "Intet er gemt" in gammel.content.decode()
    assert selectors.aarene(p) == [2021, 2022, 2023, 2024, 2025]
    p.refresh_from_db()
    assert c.post(url, {"maal": "-9.000", "ufordelt": "-500", "version": str(p.version)}).status_code == 302
    assert selectors.aarene(p) == [2021, 2022, 2023, 2024, 2025, 2026]
    html = c.get(reverse("genopretning:historik", args=[p.pk])).content.decode()
    raekker = html[html.index('id="historik"') :]
    assert "Reduktionsmål 2026" in raekker and RANDERS in raekker.split("<tr>")[2]


def test_andre_faar_404(demo: None) -> None:
    p, i = _plan(), _unge()
    Brugerprofil.objects.create(
        bruger=User.objects.create(username="herning_kommune"),
        rolle=Rolle.KOMMUNE,
        rammeaftale=p.kommune.rammeaftale,
        kommune=Kommune.objects.get(kode=657),
    )
    for navn in ("herning_kommune", "sekretariat", "aarhus", "laeser"):
        c = _klient(navn)
        assert c.post(reverse("genopretning:initiativ_slet", args=[p.pk, i.pk]), {}).status_code == 404
        assert c.post(reverse("genopretning:initiativ_gendan", args=[p.pk, 1])).status_code == 404
        assert c.get(reverse("genopretning:aar_ny", args=[p.pk])).status_code == 404
        assert c.post(reverse("genopretning:aar_ny", args=[p.pk]), {"maal": "-1"}).status_code == 404
    assert Initiativ.objects.filter(pk=i.pk).exists() and selectors.aarene(p)[-1] == 2024
    # an initiative of another plan, under this plan's URL: 404
    anden = Plan.objects.create(kommune=p.kommune, navn="Anden plan")
    fremmed = Initiativ.objects.create(plan=anden, navn="Andet")
    svar = _klient().post(reverse("genopretning:initiativ_slet", args=[p.pk, fremmed.pk]), {"version": "1"})
    assert svar.status_code == 404 and Initiativ.objects.filter(pk=fremmed.pk).exists()
    # another plan's deletion is not restored through this plan
    fremmed_id = fremmed.pk
    fremmed.delete()
    post = Initiativ.history.get(id=fremmed_id, history_type="-")
    svar = _klient().post(reverse("genopretning:initiativ_gendan", args=[p.pk, post.history_id]), follow=True)
    assert "Sletningen findes ikke i planens historik" in svar.content.decode()
    assert not Initiativ.objects.filter(pk=fremmed_id).exists()
