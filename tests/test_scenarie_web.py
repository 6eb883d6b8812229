"""The savings-scenario pages (`web/scenarie`) on the demo's set (socialstyring/demo/scenarie.py):
Region Midtjylland's note of 2011 (section 3) on the demo register's 2017 offers.

Figures worked by hand: a budget cut of x % lowers every offer's net budget by x % (−1,00 %,
−2,00 %, −3,00 % of the total); the administrative overhead 5,4 → 4,4 % lowers the net budget by
1 percentage point of the direct costs, 1 ÷ 106,4 = 0,94 % of it; the secure service is half
objectively financed, so its rate t covers half its budget: closing 6 of its places at occupancy
b % costs 6 × 365 × b/100 × t ÷ 0,5 (the cost per place), half of it objective financing."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.web.register.models import Maalgruppe, Rammeaftale, Ydelsesaar
from socialstyring.web.scenarie import selectors
from socialstyring.web.scenarie.models import Aendring, Scenariesaet


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _saet() -> Scenariesaet:
    return Scenariesaet.objects.get(navn__startswith="Besparelser på det sociale område")


def test_notatets_scenarier_paa_demoregionen(demo: None) -> None:
    s = _saet()
    r, note = selectors.beregn(s, User.objects.get(username="sekretariat"))
    assert r is not None and note.udeladt == 0
    pct = {sc.navn: sc.nettobudget_aendring_pct for sc in r.scenarier}
    assert pct["Nettodriftsbudget −1 %"] == Decimal("-1.00")
    assert pct["Nettodriftsbudget −2 %"] == Decimal("-2.00")
    assert pct["Nettodriftsbudget −3 %"] == Decimal("-3.00")
    assert pct["Administrativt overhead 4,4 %"] == Decimal("-0.94")
    # The secure service, half objectively financed: 6 places × 365 × occupancy × its rate ÷ 0,5
    # (within øre rounding), half of it the objective financing.
    a = Aendring.objects.get(scenarie__saet=s, art="kapacitet")
    y = Ydelsesaar.objects.get(ydelse=a.ydelse, aar=2017)
    assert y.takst is not None and y.budgetteret_belaegning_pct is not None
    pris = 6 * 365 * y.budgetteret_belaegning_pct / 100 * y.takst / Decimal("0.5")
    lukning = next(sc for sc in r.scenarier if sc.navn == "6 sikrede pladser lukkes")
    assert abs(lukning.nettobudget_aendring + pris) < 1
    assert abs(lukning.objektiv_aendring + pris / 2) < 1
    # every municipality's effect adds up to the total, split into the agreement's and others
    for sc in r.scenarier:
        assert (
            sum(e.beloeb for e in sc.kommuner)
            == sc.kommuner_i_alt
            == sc.aftalens_kommuner + sc.andre_kommuner
        )


@pytest.mark.parametrize(
    ("bruger", "kan_rette"), [("sekretariat", True), ("laeser", False), ("aarhus", False)]
)
def test_siden_side_om_side(demo: None, bruger: str, kan_rette: bool) -> None:
    s = _saet()
    html = _klient(bruger).get(reverse("scenarie:saet", args=[s.pk])).content.decode()
    for navn in ("Nettodriftsbudget −1 %", "Administrativt overhead 4,4 %", "6 sikrede pladser lukkes"):
        assert f'<th scope="col" class="tal-kol">{navn}</th>' in html
    assert "-3 %" in html and "-0,94 %" in html
    assert 'id="kommuner"' in html and 'id="driftsherrer"' in html and 'id="effektdiagram"' in html
    assert ('id="tilfoej"' in html) is kan_rette
    assert ('aria-label="Fjern ændring 1 i Nettodriftsbudget −1 %"' in html) is kan_rette
    liste = _klient(bruger).get(reverse("scenarie:liste")).content.decode()
    assert reverse("scenarie:saet", args=[s.pk]) in liste
    assert 'data-menu="scenarie"' in liste


def test_excel_pdf_og_diagram(demo: None) -> None:
    s = _saet()
    c = _klient("laeser")
    x = c.get(reverse("scenarie:excel", args=[s.pk]))
    assert x.status_code == 200
    wb = load_workbook(BytesIO(x.content))
    assert wb.sheetnames[:3] == ["Scenarier", "Ændringer", "Kommuner"]
    ark = wb["Scenarier"]
    raekker = {r[0]: r[1:] for r in ark.iter_rows(values_only=True) if r and r[0]}
    assert raekker["Ændring i % af nettodriftsbudgettet"][:4] == (-1, -2, -3, -0.94)
    p = c.get(reverse("scenarie:pdf", args=[s.pk]))
    assert p.status_code == 200 and p.content.startswith(b"%PDF")
    d = c.get(reverse("scenarie:diagram", args=[s.pk]))
    assert d.status_code == 200 and d["Content-Type"] == "image/svg+xml"


def _aendringsdata(s: Scenariesaet, **ekstra: str) -> dict[str, str]:
    return {"scenarie": "", "nyt_navn": "", "art": "belaegning", "vaerdi": "2", "maalgruppe": "",
            "ydelse": "", "overheaddel": "", "version": str(s.version), **ekstra}  # fmt: skip


def test_sekretariatet_bygger_og_fjerner(demo: None) -> None:
    s = _saet()
    c = _klient("sekretariat")
    url = reverse("scenarie:aendring", args=[s.pk])
    assert c.get(url).status_code == 200
    mg = Maalgruppe.objects.order_by("pk").first()
    assert mg is not None
    svar = c.post(url, _aendringsdata(s, nyt_navn="Belægning +2", maalgruppe=str(mg.pk)))
    assert svar.status_code == 302
    s.refresh_from_db()
    ny = s.scenarier.get(navn="Belægning +2")
    assert ny.aendringer.get().maalgruppe == mg
    # the page the user opened before the change is stale now: refused, nothing written
    gammel = _aendringsdata(s, nyt_navn="Igen")
    gammel["version"] = str(s.version - 1)
    assert c.post(url, gammel).status_code == 302
    assert not s.scenarier.filter(navn="Igen").exists()
    # a change of places needs its service; the page says so in Danish
    fejl = c.post(url, _aendringsdata(s, nyt_navn="Pladser", art="kapacitet", vaerdi="-2"))
    assert fejl.status_code == 400
    assert "Vælg ydelsen ved en ændring af pladser" in fejl.content.decode()
    # removing the scenario's only change removes the scenario
    a = ny.aendringer.get()
    fjern = reverse("scenarie:fjern", args=[s.pk, a.pk])
    assert c.post(fjern, {"version": str(s.version)}).status_code == 302
    assert not s.scenarier.filter(navn="Belægning +2").exists()


def test_rediger_og_adgang(demo: None) -> None:
    s = _saet()
    assert _klient("laeser").get(reverse("scenarie:rediger", args=[s.pk])).status_code == 403
    assert _klient("aarhus").post(reverse("scenarie:aendring", args=[s.pk]), {}).status_code == 403
    syd = Scenariesaet.objects.create(
        rammeaftale=Rammeaftale.objects.get(kode="syddanmark"), navn="Syd", aar=2017
    )
    assert _klient("sekretariat").get(reverse("scenarie:saet", args=[syd.pk])).status_code == 404
    c = _klient("sekretariat")
    url = reverse("scenarie:rediger", args=[s.pk])
    data = {
        "navn": s.navn,
        "aar": "2017",
        "stablet": "on",
        "beskrivelse": s.beskrivelse,
        "version": str(s.version),
    }
    data |= {"initial-navn": s.navn, "initial-aar": "2017", "initial-beskrivelse": s.beskrivelse}
    assert c.post(url, data).status_code == 302
    s.refresh_from_db()
    assert s.stablet
    ny = c.post(reverse("scenarie:ny"), {"navn": "Nyt sæt", "aar": "2017", "version": "0"})
    assert ny.status_code == 302
    assert Scenariesaet.objects.filter(navn="Nyt sæt", rammeaftale__kode="midtjylland").exists()


@pytest.mark.parametrize("vaerdi", ["²", "١٢", str(10**20), "-1", "x" * 400])
def test_skaeve_id_er_i_formen(demo: None, vaerdi: str) -> None:
    """Odd ids in the change form are refused as form errors (400), never a server error."""
    s = _saet()
    c = _klient("sekretariat")
    url = reverse("scenarie:aendring", args=[s.pk])
    for felt in ("scenarie", "maalgruppe", "ydelse"):
        svar = c.post(url, _aendringsdata(s, nyt_navn="X", **{felt: vaerdi}))
        assert svar.status_code == 400, (felt, vaerdi)
    assert c.post(reverse("scenarie:fjern", args=[s.pk, 10**15]), {"version": vaerdi}).status_code == 302
