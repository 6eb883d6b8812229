"""The forecast pages (`web/prognose`) on the demo's forecast for Randers (socialstyring/demo/prognose.py).

Worked by hand (base year 2018; the rulebook's P/L 2,0 % for 2019 and 2020; departure 5 % a year):
known citizens 1.200.000 + 900.000 + 650.000 + 450.000 + 800.000 = 4.000.000 kr.
2019: R-V03 ends 26 May 2019 = 146 of 365 days = 0,4 → −650.000 × 0,6 = −390.000; the other four
      (3.350.000) × (1 − 0,95) = −167.500; leavers −557.500; new 2 × 500.000 = 1.000.000;
      base 4.442.500; P/L × 0,02 = 88.850; initiatives −300.000; reimbursement −96.000;
      expenditure 4.135.350; frame 3.876.000; gap 259.350.
2020: leavers −650.000 − 3.350.000 × (1 − 0,9025) = −976.625; new 2.000.000; base 5.023.375;
      P/L × 0,0404 = 202.944,35; expenditure 5.023.375 + 202.944,35 − 500.000 − 96.000
      = 4.630.319,35 → 4.630.319; frame 3.953.520; gap 676.799.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.web.prognose import selectors, services
from socialstyring.web.prognose.forms import PrognoseForm
from socialstyring.web.prognose.models import Prognose
from socialstyring.web.register.models import Brugerprofil, Kommune, Rolle


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _randers() -> Prognose:
    return Prognose.objects.get(kommune__kode=730, basisaar=2018)


def _formdata(p: Prognose, **aendret: Any) -> dict[str, Any]:
    """The forecast's form as shown (with what the user saw), with `aendret` typed over it."""
    aarene = list(p.aarene.order_by("aar").values_list("aar", flat=True))
    form = PrognoseForm(initial=services.initial(p), aarene=aarene)
    felter = {n: form[n].value() for n in form.fields if n != "version"}
    felter = {n: "" if v is None else form.fields[n].prepare_value(v) for n, v in felter.items()}
    data = {**felter, **{f"initial-{k}": v for k, v in felter.items()}, "version": str(p.version)}
    data.update(aendret)
    return {k: str(v) for k, v in data.items()}


def test_demoen_viser_centralberegningen_regnet_i_haanden(demo: None) -> None:
    p = _randers()
    html = _klient("randers_kommune").get(reverse("prognose:side", args=[p.pk])).content.decode()
    for tal in ("4.000.000", "-557.500", "88.850", "4.135.350", "3.876.000", "259.350"):
        assert f">{tal}<" in html, tal
    for tal in ("-976.625", "202.944", "4.630.319", "3.953.520", "676.799"):
        assert f">{tal}<" in html, tal
    assert 'data-spor="prognose.2020.udgift"' in html  # every figure opens its trace
    assert "5.000 kørsler" in html and "(seed) 2018" in html  # the rulebook's runs, the stated seed
    assert 'data-spor="simulering.2022.p95"' in html
    assert "Hedensted" in html  # the description says whose assumptions the figures follow
    svg = _klient("randers_kommune").get(reverse("prognose:vifte", args=[p.pk]))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"


def test_formularen_aendrer_tallene(demo: None) -> None:
    p = _randers()
    c = _klient("randers_kommune")
    assert c.get(reverse("prognose:rediger", args=[p.pk])).status_code == 200
    # frame 2019 4.000.000 → gap 4.135.350 − 4.000.000 = 135.350; R-V03 removed → 2019 known
    # citizens 3.350.000, leavers −167.500, base 3.350.000 − 167.500 + 1.000.000 = 4.182.500,
    # P/L 83.650, expenditure 4.182.500 + 83.650 − 396.000 = 3.870.150
    kendte = "R-V01; 1.200.000\nR-V02; 900.000\nR-V04; 450.000\nR-V05; 800.000"
    svar = c.post(reverse("prognose:rediger", args=[p.pk]), _formdata(p, a1_ramme="4.000.000", kendte=kendte))
    assert svar.status_code == 302, svar.content.decode()[:2000]
    html = c.get(reverse("prognose:side", args=[p.pk])).content.decode()
    assert ">3.350.000<" in html and ">3.870.150<" in html and ">-129.850<" in html  # 3.870.150 − 4.000.000


def test_forkerte_tal_giver_en_dansk_fejl(demo: None) -> None:
    p = _randers()
    c = _klient("randers_kommune")
    svar = c.post(
        reverse("prognose:rediger", args=[p.pk]), _formdata(p, a2_ramme="mange", kendte="R-1; 10; 31.02.2020")
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Skriv et tal" in html and "Linje 1: skriv ophørsdatoen som dd.mm.åååå" in html
    svar = c.post(reverse("prognose:rediger", args=[p.pk]), _formdata(p, kendte="0101701234; 100.000"))
    assert svar.status_code == 400 and "CPR" in svar.content.decode()


def test_foraeldet_side_afvises(demo: None) -> None:
    p = _randers()
    c = _klient("randers_kommune")
    gammel = _formdata(p, a1_ramme="4.000.000")
    assert c.post(reverse("prognose:rediger", args=[p.pk]), _formdata(p, seed="7")).status_code == 302
    svar = c.post(reverse("prognose:rediger", args=[p.pk]), gammel)
    assert svar.status_code == 302 and svar["Location"] == reverse("prognose:rediger", args=[p.pk])
    p.refresh_from_db()
    assert p.seed == 7 and p.aarene.get(aar=2019).ramme == 3_876_000  # the stale save wrote nothing


def test_ny_prognose(demo: None) -> None:
    c = _klient("randers_kommune")
    k = Kommune.objects.get(kode=730)
    svar = c.post(reverse("prognose:ny", args=[k.pk]), {"navn": "Socialpsykiatri", "basisaar": "2018"})
    assert svar.status_code == 302
    p = Prognose.objects.get(kommune=k, navn="Socialpsykiatri")
    assert list(p.aarene.values_list("aar", flat=True)) == [2019, 2020, 2021, 2022]
    html = c.get(reverse("prognose:oversigt", args=[k.pk])).content.decode()
    assert "Socialpsykiatri" in html and reverse("prognose:side", args=[p.pk]) in html


def test_anden_kommune_og_andre_roller_faar_404(demo: None) -> None:
    p = _randers()
    herning = Kommune.objects.get(kode=657)
    u = User.objects.create_user("herning_prognose")
    Brugerprofil.objects.create(
        bruger=u, rolle=Rolle.KOMMUNE, rammeaftale=herning.rammeaftale, kommune=herning
    )
    for c in (_klient("herning_prognose"), _klient("sekretariat"), _klient("aarhus")):
        for navn in ("side", "rediger", "excel", "pdf", "vifte", "hent_borgere"):
            assert c.get(reverse(f"prognose:{navn}", args=[p.pk])).status_code == 404, navn
        assert c.get(reverse("prognose:oversigt", args=[p.kommune_id])).status_code == 404
    assert _klient("herning_prognose").get(reverse("prognose:oversigt", args=[herning.pk])).status_code == 200


def test_downloads(demo: None) -> None:
    p = _randers()
    c = _klient("randers_kommune")
    xlsx = c.get(reverse("prognose:excel", args=[p.pk]))
    assert xlsx.status_code == 200
    wb = load_workbook(BytesIO(xlsx.content))
    assert wb.sheetnames == ["Prognose", "Bånd", "Kendte borgere", "Regler"]
    raekker = {r[0]: r[1:5] for r in wb["Prognose"].iter_rows(values_only=True) if r and r[0]}
    assert [float(v) for v in raekker["Udgift"][:2]] == [4_135_350, 4_630_319]  # type: ignore[arg-type]
    pdf = c.get(reverse("prognose:pdf", args=[p.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_hent_borgere_fra_opholdene(demo: None) -> None:
    p = _randers()
    c = _klient("randers_kommune")
    html = c.get(reverse("prognose:hent_borgere", args=[p.pk])).content.decode()
    assert 'id="opholdsborgere"' in html or "ingen ophold" in html
    foer = p.kendte.count()
    svar = c.post(reverse("prognose:hent_borgere", args=[p.pk]), {"version": str(p.version)})
    assert svar.status_code == 302
    p.refresh_from_db()
    antal = len(selectors.borgere_fra_opholdene(p)[0])
    assert antal > 0 and p.kendte.count() == foer + antal  # the stays' pseudonyms are new ones
    assert p.kendte.filter(kilde__startswith="opholdene").count() == antal
    # a stale page (the old version) is refused
    svar = c.post(reverse("prognose:hent_borgere", args=[p.pk]), {"version": "1"})
    assert svar.status_code == 302 and svar["Location"] == reverse("prognose:hent_borgere", args=[p.pk])


def test_tomme_felter_tager_genopretningsplanen_og_refusionsopgoerelsen(demo: None) -> None:
    from socialstyring.web.refusion import selectors as refusion

    p = _randers()
    c = _klient("randers_kommune")
    svar = c.post(reverse("prognose:rediger", args=[p.pk]), _formdata(p, a3_initiativer="", a1_refusion=""))
    assert svar.status_code == 302
    b = selectors.beregn(p)
    # Randers' reduction plan (demo/genopretning.py, seed 001): "Foranstaltninger vedr. unge" −977
    # (1.000 kr.) in 2021, the only initiative with an estimate that year
    trin = b.central.spor["prognose.2021.initiativer"]
    assert trin.resultat == -977_000 and "genopretningsplan" in (trin.bemaerkning or "")
    assert b.central.spor["prognose.2022.initiativer"].resultat == -500_000  # entered: kept
    # the reimbursement statement's next-year forecast of the base year
    _, opg = refusion.opgoer(p.kommune, 2018)
    trin = b.central.spor["prognose.2019.refusion"]
    assert trin.resultat == -opg.prognose.refusion and "refusionsopgørelsens" in (trin.bemaerkning or "")
    assert b.central.spor["prognose.2020.refusion"].resultat == -96_000


def test_nyt_basisaar_flytter_aarene(demo: None) -> None:
    p = _randers()
    ramme = {a.aar: a.ramme for a in p.aarene.all()}
    svar = _klient("randers_kommune").post(
        reverse("prognose:rediger", args=[p.pk]), _formdata(p, basisaar="2019")
    )
    assert svar.status_code == 302
    flyttet = {a.aar: a.ramme for a in p.aarene.all()}
    assert flyttet == {aar + 1: v for aar, v in ramme.items()}  # 2020–2023 with the same frames
