"""State reimbursement in the web (`web/refusion`): costs entered through the forms give the
engine's worked figures, a submitted claim is frozen and a correction shows the difference,
the assumed thresholds are said plainly, and who sees what.

Figures: the case file refusion_graense_lige_under_og_over_2022.yaml (1/12 of the 2022
thresholds 71.666,67 / 140.000 / 176.666,67 kr.): citizen A 0 + 0 + 25,00 kr., citizen B
17.083,33 + 17.133,33 + 35.491,67 kr.; the first quarter 69.733,33 kr."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from registerdata import Registerdata, opret_registerdata

from socialstyring.beregning.refusion.resultat import forskelle
from socialstyring.io.cases import laes_case
from socialstyring.web.refusion import selectors
from socialstyring.web.refusion.models import Refusionsborger, Refusionskrav, Refusionsmaaned
from socialstyring.web.register.models import Brugerprofil, Kommune, Rolle

pytestmark = pytest.mark.django_db

AAR = 2022
CASE = Path(__file__).parent / "cases" / "refusion_graense_lige_under_og_over_2022.yaml"


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def _kommunebruger(navn: str, kode: int) -> User:
    k = Kommune.objects.get(kode=kode)
    u = User.objects.create(username=navn)
    Brugerprofil.objects.create(bruger=u, rolle=Rolle.KOMMUNE, rammeaftale=k.rammeaftale, kommune=k)
    return u


def _klient(u: User) -> Client:
    c = Client()
    c.force_login(u)
    return c


def _opret_borger(c: Client, k: Kommune, noegle: str, foedt: str, **ekstra: str) -> Refusionsborger:
    svar = c.post(
        reverse("refusion:borger_ny", args=[k.pk, AAR]),
        {
            "noegle": noegle,
            "foedselsdato": foedt,
            "ordning": "voksen",
            "husstand": "",
            "version": "",
            **ekstra,
        },
    )
    assert svar.status_code == 302, svar.content.decode()[:2000]
    return Refusionsborger.objects.get(kommune=k, noegle=noegle)


def _gem_maaned(c: Client, b: Refusionsborger, maaned: int, brutto: str, **ekstra: str) -> Any:
    url = reverse("refusion:maaned", args=[b.pk, AAR, maaned])
    gemt = Refusionsmaaned.objects.filter(borger=b, aar=AAR, maaned=maaned).first()
    return c.post(
        url,
        {
            "version": gemt.version if gemt else "",
            "brutto": brutto,
            "indtaegter": ekstra.get("indtaegter", ""),
            "objektivt_finansieret": "",
            # what the user saw (show_hidden_initial)
            "initial-brutto": str(gemt.brutto) if gemt else "",
            "initial-indtaegter": str(gemt.indtaegter) if gemt else "",
            "initial-objektivt_finansieret": str(gemt.objektivt_finansieret) if gemt else "",
        },
    )


def _indtast_casen(c: Client, k: Kommune) -> dict[str, Refusionsborger]:
    """The case file's two citizens and their three months, typed the Danish way."""
    case = laes_case(CASE)
    borgere = {}
    for b in case.input.borgere:
        borgere[b.noegle] = _opret_borger(c, k, b.noegle, b.foedselsdato.isoformat())
        for m in b.maaneder:
            tekst = f"{m.brutto:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
            assert _gem_maaned(c, borgere[b.noegle], m.maaned, tekst).status_code == 302
    return borgere


def test_graensecasen_indtastet_giver_casens_refusion(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    c = _klient(_kommunebruger("randers_k", 730))
    _indtast_casen(c, randers)
    assert Refusionsmaaned.objects.get(borger__noegle="A", maaned=3).brutto == Decimal("71766.67")

    _, r = selectors.opgoer(randers, AAR, 1)
    sager = {s.navn: s for s in r.sager}
    assert [m.refusion for m in sager["A"].maaneder] == [0, 0, Decimal("25.00")]
    assert [m.refusion for m in sager["B"].maaneder] == [
        Decimal("17083.33"),
        Decimal("17133.33"),
        Decimal("35491.67"),
    ]
    assert r.aar_til_dato == r.krav.krav == Decimal("69733.33")
    assert r.prognose.refusion == Decimal("426200.04")

    side = c.get(reverse("refusionskrav:krav", args=[randers.pk, AAR, 1]))
    assert side.status_code == 200
    html = side.content.decode()
    assert "69.733,33" in html and "35.491,67" in html
    # every figure opens its trace: the claim, a band's threshold, a citizen's month
    for noegle in ('data-spor="krav"', 'data-spor="sag.b.m03.refusion_75"', 'data-spor="borger.a.m02.netto"'):
        assert noegle in html
    assert "Grænserne er antaget" not in html  # 2022's thresholds are the law's


def test_indsendt_krav_fastfryses_og_rettelse_viser_forskellen(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    u = _kommunebruger("randers_k", 730)
    c = _klient(u)
    borgere = _indtast_casen(c, randers)
    url = reverse("refusionskrav:krav", args=[randers.pk, AAR, 1])

    # The first POST only asks for confirmation; nothing is submitted.
    svar = c.post(url, {"nummer": "0"})
    assert svar.status_code == 200 and "Indsend refusionskrav for 1. kvartal 2022?" in svar.content.decode()
    assert "69.733,33 kr." in svar.content.decode()
    assert not Refusionskrav.objects.exists()
    svar = c.post(url, {"nummer": "0", "bekraeftet": "1"})
    v1 = Refusionskrav.objects.get()
    assert svar.status_code == 302 and svar["Location"] == reverse("refusionskrav:version", args=[v1.pk])
    assert (v1.nummer, v1.krav, v1.indsendt_af) == (1, Decimal("69733.33"), u)

    # Submitting the same again is refused: nothing changed.
    c.post(url, {"nummer": "1", "bekraeftet": "1"})
    assert Refusionskrav.objects.count() == 1

    # March of A 200 kr. over the threshold instead of 100: 50,00 kr. instead of 25,00.
    assert _gem_maaned(c, borgere["A"], 3, "71.866,67").status_code == 302
    html = c.get(url).content.decode()
    assert "I forhold til indsendt version 1" in html and "69.758,33" in html

    # The submitted version is frozen: its page still says 69.733,33.
    v1_html = c.get(reverse("refusionskrav:version", args=[v1.pk])).content.decode()
    assert "69.733,33" in v1_html and "69.758,33" not in v1_html

    # A stale page (it showed no version) is refused; the correction is version 2.
    c.post(url, {"nummer": "0", "bekraeftet": "1"})
    assert Refusionskrav.objects.count() == 1
    c.post(url, {"nummer": "1", "bekraeftet": "1"})
    v2 = Refusionskrav.objects.get(nummer=2)
    assert v2.krav == Decimal("69758.33")
    v2_html = c.get(reverse("refusionskrav:version", args=[v2.pk])).content.decode()
    assert "Rettelse af version 1" in v2_html
    nu, foer = selectors.laes_krav(v2).opgoerelse, selectors.laes_krav(v1).opgoerelse
    assert {f.navn: f.forskel for f in forskelle(nu, foer)} == {
        "Krav for kvartalet": Decimal("25.00"),
        "Refusion år til dato": Decimal("25.00"),
        "Sag A": Decimal("25.00"),
    }

    # The second quarter: April of B 140.100 (17.133,33); the first quarter claimed 69.758,33
    # now gives the same, so the claim is April's own reimbursement.
    assert _gem_maaned(c, borgere["B"], 4, "140.100").status_code == 302
    _, r = selectors.opgoer(randers, AAR, 2)
    assert r.krav.tidligere_anmeldt == Decimal("69758.33")
    assert (r.krav.korrektion, r.krav.krav) == (Decimal(0), Decimal("17133.33"))
    assert r.aar_til_dato == Decimal("86891.66")


def test_antagne_graenser_siges_med_link_til_regelbogen(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    u = _kommunebruger("randers_k", 730)
    b = Refusionsborger.objects.create(
        kommune=randers, noegle="X", foedselsdato="1980-01-01", ordning="voksen"
    )
    # 2024: 100.000 − 71.666,67 (the law's 2022 level, assumed) = 28.333,33 × 25 % = 7.083,33
    Refusionsmaaned.objects.create(borger=b, aar=2024, maaned=1, brutto=100000)
    html = _klient(u).get(reverse("refusionskrav:krav", args=[randers.pk, 2024, 1])).content.decode()
    assert "Grænserne er antaget" in html and "Beløbsgrænserne for 2024" in html
    assert "7.083,33" in html
    assert "/regelbog/national/parameter/saerligt_dyre.graense_25_kr/" in html
    su = User.objects.create(username="admin", is_superuser=True)
    html = _klient(su).get(reverse("refusionskrav:krav", args=[randers.pk, 2024, 1])).content.decode()
    assert "Læg de offentliggjorte grænser ind i regelbogen" in html


def test_cpr_nummer_som_noegle_afvises(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    c = _klient(_kommunebruger("randers_k", 730))
    for noegle in ("010190-1234", "3113999999"):
        svar = c.post(
            reverse("refusion:borger_ny", args=[randers.pk, AAR]),
            {"noegle": noegle, "foedselsdato": "1990-01-01", "ordning": "voksen", "version": ""},
        )
        assert svar.status_code == 400 and "CPR-nummer" in svar.content.decode()
    assert not Refusionsborger.objects.exists()


def test_foraeldet_maaned_afvises(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    c = _klient(_kommunebruger("randers_k", 730))
    b = _opret_borger(c, randers, "A", "1980-01-01")
    assert _gem_maaned(c, b, 1, "100.000").status_code == 302
    # Someone else changes January after our page was opened (it showed version 1, 100.000).
    m = Refusionsmaaned.objects.get(borger=b, maaned=1)
    m.brutto = Decimal(90000)
    m.save()
    url = reverse("refusion:maaned", args=[b.pk, AAR, 1])
    c.post(
        url,
        {
            "version": "1",
            "brutto": "120.000",
            "indtaegter": "",
            "objektivt_finansieret": "",
            "initial-brutto": "100000.00",
            "initial-indtaegter": "0",
            "initial-objektivt_finansieret": "0",
        },
    )
    assert Refusionsmaaned.objects.get(borger=b, maaned=1).brutto == Decimal(90000)


def test_adgang_pr_rolle(data: Registerdata) -> None:
    randers = Kommune.objects.get(kode=730)
    odense = Kommune.objects.get(kode=461)
    c_randers = _klient(_kommunebruger("randers_k", 730))
    b = _opret_borger(c_randers, randers, "A", "1980-01-01")
    sider = [
        reverse("refusion:kommune", args=[randers.pk, AAR]),
        reverse("refusion:borger", args=[b.pk, AAR]),
        reverse("refusion:maaned", args=[b.pk, AAR, 1]),
        reverse("refusionskrav:krav", args=[randers.pk, AAR, 1]),
        reverse("refusionskrav:prognose", args=[randers.pk, AAR]),
    ]
    aarhus_k = _klient(_kommunebruger("aarhus_k", 751))
    for url in sider:
        assert c_randers.get(url).status_code == 200, url
        assert aarhus_k.get(url).status_code == 403, url  # another municipality of the agreement
        for rolle in ("sekretariat", "driftsherre", "laeser"):
            assert _klient(data.bruger(rolle)).get(url).status_code == 403, (url, rolle)
        assert _klient(data.bruger("sekretariat_anden")).get(url).status_code == 404, url
    assert c_randers.get(reverse("refusion:kommune", args=[odense.pk, AAR])).status_code == 404
    aftale = reverse("refusionskrav:aftale", args=["midtjylland", AAR])
    assert _klient(data.bruger("sekretariat")).get(aftale).status_code == 200
    assert c_randers.get(aftale).status_code == 403
    assert _klient(data.bruger("sekretariat_anden")).get(aftale).status_code == 404

    # The menu item: the municipality's staff and the secretariat.
    forside = reverse("faelles:forside")
    assert 'data-menu="refusion"' in c_randers.get(forside).content.decode()
    assert 'data-menu="refusion"' in _klient(data.bruger("sekretariat")).get(forside).content.decode()
    assert 'data-menu="refusion"' not in _klient(data.bruger("laeser")).get(forside).content.decode()


# --- the demo ------------------------------------------------------------------------------------


def test_demoens_randers_krav(demo: None) -> None:
    # A month 5.583,33 + 22.083,33 + 3.333,33 = 30.999,99 kr. (socialstyring/demo/refusion.py).
    randers = Kommune.objects.get(kode=730)
    u = User.objects.get(username="randers_kommune")
    c = _klient(u)
    v1 = Refusionskrav.objects.get(kommune=randers, aar=2024, kvartal=1)
    assert (v1.nummer, v1.krav) == (1, Decimal("92999.97"))
    _, r = selectors.opgoer(randers, 2024, 2)
    assert r.krav.tidligere_anmeldt == Decimal("92999.97")
    assert (r.aar_til_dato, r.krav.krav) == (Decimal("185999.94"), Decimal("92999.97"))
    html = c.get(reverse("refusionskrav:krav", args=[randers.pk, 2024, 2])).content.decode()
    assert "92.999,97" in html and "Grænserne er antaget" in html

    xlsx = c.get(reverse("refusionskrav:krav_excel", args=[randers.pk, 2024, 2]))
    assert xlsx.status_code == 200
    ark = load_workbook(BytesIO(xlsx.content))["Krav"]
    vaerdier = {r[0]: r[1] for r in ark.iter_rows(min_row=1, values_only=True) if r[0]}
    assert Decimal(str(vaerdier["Krav for kvartalet"])) == Decimal("92999.97")

    pdf = c.get(reverse("refusionskrav:krav_pdf", args=[randers.pk, 2024, 2]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    prognose = c.get(reverse("refusionskrav:prognose", args=[randers.pk, 2024])).content.decode()
    # June continues through 2025 without the one-off share: R-101 92.000 → 20.333,33 × 25 %
    # = 5.083,33; a month 5.083,33 + 22.083,33 + 3.333,33 = 30.499,99 × 12 = 365.999,88 kr.
    assert "365.999,88" in prognose

    sek = _klient(User.objects.get(username="sekretariat"))
    total = sek.get(reverse("refusionskrav:aftale", args=["midtjylland", 2024])).content.decode()
    assert "Randers" in total and "92.999,97" in total and "R-101" not in total
