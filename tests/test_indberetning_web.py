"""The rate reporting pages: an operator saves a draft, submits with an error (refused),
fixes it and submits; the secretariat sees every operator's status, sends a reminder and
approves; nobody else sees the draft.

The world is built here (not the demo): Rammeaftale Midtjylland with three operators.
Solbakken (Region Midtjylland) had 2.295 kr. in 2018 for its § 108 service; 2.400 kr. in
2019 is a 4,58 % rise against a P/L of 2,0 % and must be justified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from formulardata import formulardata

from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.faelles.felter import DanskDecimalField
from socialstyring.web.indberetning.models import Paamindelse
from socialstyring.web.indberetning.selectors import frist_status
from socialstyring.web.register.models import (
    Brugerprofil,
    Driftsherre,
    Kommune,
    Rammeaftale,
    Rolle,
    Takstberegning,
    Takstenhed,
    Takstindberetning,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)

pytestmark = pytest.mark.django_db

AAR = 2019


@dataclass
class Verden:
    aftale: Rammeaftale
    region: Driftsherre
    randers: Driftsherre
    viborg: Driftsherre
    botilbud: Ydelse  # Solbakken, § 108: 2.295 kr. in 2018
    aflastning: Ydelse  # Solbakken: 1.800 kr. in 2018
    kilden: Ydelse  # Randers' § 104 day offer


def _bruger(navn: str, rolle: str, aftale: Rammeaftale, driftsherre: Driftsherre | None = None) -> User:
    u = User.objects.create(username=navn, email=f"{navn}@example.dk")  # no password: force_login
    Brugerprofil.objects.create(bruger=u, rolle=rolle, rammeaftale=aftale, driftsherre=driftsherre)
    return u


def byg_verden() -> Verden:
    aftale = Rammeaftale.objects.create(kode="midtjylland", navn="Rammeaftale Midtjylland")
    syd = Rammeaftale.objects.create(kode="syddanmark", navn="Rammeaftale Syddanmark")
    region = Driftsherre.objects.create(navn="Region Midtjylland", rammeaftale=aftale)
    randers = Driftsherre.objects.create(
        navn="Randers Kommune",
        rammeaftale=aftale,
        kommune=Kommune.objects.create(kode=730, navn="Randers", rammeaftale=aftale),
    )
    viborg = Driftsherre.objects.create(
        navn="Viborg Kommune",
        rammeaftale=aftale,
        kommune=Kommune.objects.create(kode=791, navn="Viborg", rammeaftale=aftale),
    )
    solbakken = Tilbud.objects.create(navn="Solbakken", driftsherre=region, paragraf="SEL § 108")
    botilbud = Ydelse.objects.create(
        tilbud=solbakken,
        navn="Længerevarende botilbud § 108",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    aflastning = Ydelse.objects.create(
        tilbud=solbakken, navn="Aflastning", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    Ydelsesaar.objects.create(
        ydelse=botilbud, aar=AAR - 1, pladser=24, budgetteret_belaegning_pct=97, takst=Decimal("2295")
    )
    Ydelsesaar.objects.create(
        ydelse=aflastning, aar=AAR - 1, pladser=2, budgetteret_belaegning_pct=85, takst=Decimal("1800")
    )
    kilden_tilbud = Tilbud.objects.create(navn="Værkstedet Kilden", driftsherre=randers, paragraf="SEL § 104")
    kilden = Ydelse.objects.create(
        tilbud=kilden_tilbud,
        navn="Aktivitets- og samværstilbud § 104",
        pladstype=Pladstype.DAG,
        takstenhed=Takstenhed.DAG,
    )
    hede = Tilbud.objects.create(navn="Hedegården", driftsherre=viborg, paragraf="SEL § 108")
    Ydelse.objects.create(
        tilbud=hede, navn="Botilbud § 108", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.DOEGN
    )
    Tilbud.objects.create(
        navn="Lukket tilbud", driftsherre=region, paragraf="SEL § 107", lukket_fra=date(AAR - 1, 6, 30)
    )

    _bruger("sekretariat", Rolle.SEKRETARIAT, aftale)
    _bruger("region", Rolle.DRIFTSHERRE, aftale, region)
    _bruger("region2", Rolle.DRIFTSHERRE, aftale, region)
    _bruger("randers", Rolle.DRIFTSHERRE, aftale, randers)
    _bruger("laeser", Rolle.LAESER, aftale)
    _bruger("syd_sekretariat", Rolle.SEKRETARIAT, syd)
    return Verden(aftale, region, randers, viborg, botilbud, aflastning, kilden)


@pytest.fixture
def verden() -> Verden:
    return byg_verden()


def _klient(navn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=navn))
    return c


def _side(driftsherre: Driftsherre, aar: int = AAR) -> str:
    return reverse("indberetning:indberetning", args=[driftsherre.pk, aar])


def _url(navn: str, driftsherre: Driftsherre, aar: int = AAR) -> str:
    return reverse(f"indberetning:indberetning_{navn}", args=[driftsherre.pk, aar])


def _html(klient: Client, url: str) -> str:
    svar = klient.get(url)
    assert svar.status_code == 200, svar.content.decode()[:3000]
    return svar.content.decode()


def _formdata(klient: Client, driftsherre: Driftsherre, **raekker: dict[str, str]) -> dict[str, str]:
    """The page's form as the browser would post it, with `raekker` (by ydelse id) changed."""
    html = _html(klient, _side(driftsherre))
    data: dict[str, str] = {}
    for navn, vaerdi in re.findall(
        r'<input type="(?:text|hidden|number)" name="([^"]+)" value="([^"]*)"', html
    ):
        data[navn] = vaerdi
    for navn in re.findall(r'<input type="text" name="([^"]+)"(?![^>]*value=)', html):
        data.setdefault(navn, "")
    for navn, tekst in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[navn] = tekst
    data.pop("csrfmiddlewaretoken", None)
    antal = int(data["y-TOTAL_FORMS"])
    for i in range(antal):
        ydelse = data[f"y-{i}-ydelse"]
        for felt, v in raekker.get(f"y{ydelse}", {}).items():
            data[f"y-{i}-{felt}"] = v
    return data


def _gennemfoer(klient: Client, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
    """Post an action and, when it asks for confirmation first (a second look before an
    irreversible step), confirm it as the user would: the confirmation page's own form."""
    svar = klient.post(url, data or {})
    if svar.status_code == 200 and 'name="bekraeftet"' in svar.content.decode():
        return klient.post(url, formulardata(svar.content.decode(), url), **kw)
    if kw.get("follow") and svar.status_code == 302:
        return klient.get(svar["Location"], follow=True)
    return svar


def _status(driftsherre: Driftsherre, aar: int = AAR) -> str | None:
    ib = Takstindberetning.objects.filter(driftsherre=driftsherre, aar=aar).first()
    return ib.status if ib else None


def _beskeder(html: str) -> list[str]:
    return re.findall(r'<p class="besked besked-\w+">([^<]*)</p>', html)


# --- the operator's journey ----------------------------------------------------------------


def test_driftsherre_gemmer_udkast_indsender_med_fejl_retter_og_indsender(verden: Verden) -> None:
    v = verden
    region = _klient("region")
    html = _html(region, _side(v.region))
    assert "Ikke påbegyndt" in html
    assert "ingen frist i regelbogen" in html
    assert ">2.295,00</td>" in html  # last year's rate, its unit in the row (kr. pr. døgn) once
    assert "Lukket tilbud" not in html
    assert "Gem udkast" in html and "Indsend" in html
    b, a = f"y{v.botilbud.pk}", f"y{v.aflastning.pk}"

    # Save a draft: the § 108 rate rises to 2.400 kr., Aflastning is not priced yet.
    data = _formdata(
        region,
        v.region,
        **{
            b: {
                "pladser": "24",
                "budgetteret_belaegning_pct": "97",
                "takst": "2.400,00",
                "kilde_tekst": "Budget 2019",
            },
            a: {"pladser": "2", "budgetteret_belaegning_pct": "85,5"},
        },
    )
    svar = region.post(_side(v.region), data, follow=True)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Udkastet er gemt." in _beskeder(html)
    assert _status(v.region) == "udkast"
    ya = Ydelsesaar.objects.get(ydelse=v.botilbud, aar=AAR)
    assert ya.takst == Decimal("2400") and ya.kilde_tekst == "Budget 2019"
    assert ya.takst_kilde == TakstKilde.INDTASTET
    assert Ydelsesaar.objects.get(ydelse=v.aflastning, aar=AAR).budgetteret_belaegning_pct == Decimal("85.5")
    # The validation is shown with its trace.
    assert "Solbakken – Aflastning: taksten for 2019 mangler." in html
    assert "taksten stiger 4,58 % fra 2.295,00 kr. til 2.400,00 kr." in html
    assert "Vis beregningen" in html and "pl.kl_skoen_pct" in html and "Antaget" in html

    # Submit: refused, with the blocking errors as messages; nothing changes.
    svar = region.post(_url("indsend", v.region), follow=True)
    beskeder = _beskeder(svar.content.decode())
    assert "Indberetningen er ikke indsendt: 2 fejl skal rettes først." in beskeder
    assert "Solbakken – Aflastning: taksten for 2019 mangler." in beskeder
    assert any("4,58 %" in b_ and "mangler en begrundelse" in b_ for b_ in beskeder)
    assert _status(v.region) == "udkast"

    # Fix both and submit from the form ("Indsend" posts the table first).
    data = _formdata(
        region,
        v.region,
        **{
            b: {"begrundelse": "Ekstra nattevagt efter påbud fra Socialtilsynet"},
            a: {"takst": "1830"},
        },
    )
    bekraeft = region.post(_url("indsend", v.region), data).content.decode()
    assert (
        "Takstindberetningen for 2019 med 2 ydelser sendes til sekretariatet for Rammeaftale Midtjylland."
        in bekraeft
    )
    assert _status(v.region) == "udkast"  # nothing is submitted before the confirmation
    svar = region.post(
        _url("indsend", v.region), formulardata(bekraeft, _url("indsend", v.region)), follow=True
    )
    html = svar.content.decode()
    assert any(b_.startswith("Indberetningen for 2019 er indsendt.") for b_ in _beskeder(html)), _beskeder(
        html
    )
    ib = Takstindberetning.objects.get(driftsherre=v.region, aar=AAR)
    assert ib.status == "indsendt" and ib.indsendt is not None
    assert ib.indsendt_af == User.objects.get(username="region")
    assert Ydelsesaar.objects.get(ydelse=v.aflastning, aar=AAR).takst == Decimal("1830")
    # The justified rise is still flagged, not blocking.
    assert "(begrundet)" in html and "Ekstra nattevagt" in html

    # Submitted: read-only for the operator.
    assert 'name="y-0-takst"' not in html and "Gem udkast" not in html
    assert "Genåbn" not in html and "Godkend" not in html
    svar = region.post(_side(v.region), data, follow=True)
    assert "Indberetningen er indsendt og kan ikke ændres, før den genåbnes." in _beskeder(
        svar.content.decode()
    )
    svar = region.post(_url("indsend", v.region), follow=True)
    assert "Indberetningen for 2019 er allerede indsendt." in _beskeder(svar.content.decode())
    assert region.post(_url("godkend", v.region)).status_code == 403
    assert region.post(_url("genaabn", v.region)).status_code == 403


def test_ugyldigt_tal_gemmer_intet(verden: Verden) -> None:
    region = _klient("region")
    data = _formdata(region, verden.region, **{f"y{verden.botilbud.pk}": {"takst": "to tusind"}})
    svar = region.post(_side(verden.region), data)
    assert svar.status_code == 400
    assert "Skriv et tal, fx 2.295,50." in svar.content.decode()
    assert not Ydelsesaar.objects.filter(aar=AAR).exists()
    assert _status(verden.region) is None


def test_aendret_ydelsesliste_afvises(verden: Verden) -> None:
    region = _klient("region")
    data = _formdata(region, verden.region, **{f"y{verden.botilbud.pk}": {"takst": "2330"}})
    Ydelse.objects.create(
        tilbud=verden.botilbud.tilbud,
        navn="Ny ydelse",
        pladstype=Pladstype.DOEGN,
        takstenhed=Takstenhed.DOEGN,
    )
    svar = region.post(_side(verden.region), data, follow=True)
    assert any("Listen af ydelser er ændret" in b for b in _beskeder(svar.content.decode()))
    assert not Ydelsesaar.objects.filter(aar=AAR).exists()


def test_takst_fra_takstberegning_er_skrivebeskyttet(verden: Verden) -> None:
    v = verden
    beregning = Takstberegning(tilbud=v.botilbud.tilbud, aar=AAR, grundlag={})
    beregning.save()
    Ydelsesaar.objects.create(
        ydelse=v.botilbud,
        aar=AAR,
        pladser=24,
        budgetteret_belaegning_pct=97,
        takst=Decimal("2330"),
        takst_kilde=TakstKilde.BEREGNET,
        takstberegning=beregning,
    )
    region = _klient("region")
    html = _html(region, _side(v.region))
    link = reverse("takstberegning:takst", args=[v.botilbud.tilbud_id, AAR])
    assert f'<a href="{link}">Fra takstberegningen</a>' in html
    assert "2.330,00<br>" in html
    data = _formdata(region, v.region, **{f"y{v.botilbud.pk}": {"takst": "9999", "kilde_tekst": "x"}})
    data["y-0-takst"] = "9999"  # even if posted, the computed rate is not overwritten
    region.post(_side(v.region), data)
    ya = Ydelsesaar.objects.get(ydelse=v.botilbud, aar=AAR)
    assert ya.takst == Decimal("2330") and ya.takst_kilde == TakstKilde.BEREGNET


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("navn", ["randers", "laeser", "syd_sekretariat"])
def test_andre_kan_ikke_se_eller_aendre_udkastet(verden: Verden, navn: str) -> None:
    region = _klient("region")
    region.post(
        _side(verden.region),
        _formdata(region, verden.region, **{f"y{verden.botilbud.pk}": {"takst": "2400"}}),
    )
    assert _status(verden.region) == "udkast"
    anden = _klient(navn)
    afvist = 404 if navn == "syd_sekretariat" else 403  # another agreement's operator is not there
    assert anden.get(_side(verden.region)).status_code == afvist
    assert anden.post(_side(verden.region), {}).status_code == afvist
    assert anden.post(_url("indsend", verden.region)).status_code == afvist
    assert anden.post(_url("godkend", verden.region)).status_code == afvist
    assert anden.post(_url("genaabn", verden.region)).status_code == afvist
    assert anden.post(_url("paamind", verden.region)).status_code == afvist
    url = reverse("indberetning:indberetning_oversigt", args=[AAR])
    oversigt = anden.get(url)
    if navn == "syd_sekretariat":  # sees its own agreement's overview only
        assert oversigt.status_code == 200 and "Region Midtjylland" not in oversigt.content.decode()
        assert anden.get(f"{url}?rammeaftale=midtjylland").status_code == 404
    else:
        assert oversigt.status_code == 403
    assert Ydelsesaar.objects.get(ydelse=verden.botilbud, aar=AAR).takst == Decimal("2400")


def test_kollega_hos_samme_driftsherre_kan_se_udkastet(verden: Verden) -> None:
    assert "Gem udkast" in _html(_klient("region2"), _side(verden.region))


def test_uden_login_sendes_til_login(verden: Verden) -> None:
    for url in (_side(verden.region), reverse("indberetning:indberetning_oversigt", args=[AAR])):
        svar = Client().get(url)
        assert svar.status_code == 302 and svar["Location"].startswith("/login/")
    assert Client().post(_url("indsend", verden.region)).status_code == 302


def test_ukendt_driftsherre_og_aar_giver_404(verden: Verden) -> None:
    s = _klient("sekretariat")
    assert s.get(reverse("indberetning:indberetning", args=[9999, AAR])).status_code == 404
    assert s.get(reverse("indberetning:indberetning", args=[verden.region.pk, 1900])).status_code == 404
    assert s.get(_url("indsend", verden.region)).status_code == 405  # POST only


# --- the secretariat ---------------------------------------------------------------------------


def _indsend_region(v: Verden, begrundelse: str = "Ekstra nattevagt") -> None:
    region = _klient("region")
    data = _formdata(
        region,
        v.region,
        **{
            f"y{v.botilbud.pk}": {
                "pladser": "24",
                "budgetteret_belaegning_pct": "97",
                "takst": "2400",
                "begrundelse": begrundelse,
            },
            f"y{v.aflastning.pk}": {"pladser": "2", "budgetteret_belaegning_pct": "85", "takst": "1830"},
        },
    )
    _gennemfoer(region, _url("indsend", v.region), data)
    assert _status(v.region) == "indsendt"


def _raekke(html: str, driftsherre: Driftsherre) -> str:
    m = re.search(rf'<tr id="driftsherre-{driftsherre.pk}">(.*?)</tr>', html, re.S)
    assert m, f"ingen række for {driftsherre}"
    return re.sub(r"\s+", " ", m.group(1))


def _celler(raekke: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", raekke)]


def test_sekretariatet_ser_status_sender_paamindelse_og_godkender(verden: Verden) -> None:
    v = verden
    _indsend_region(v)
    randers = _klient("randers")
    randers.post(_side(v.randers), _formdata(randers, v.randers, **{f"y{v.kilden.pk}": {"takst": "950"}}))

    s = _klient("sekretariat")
    oversigt = reverse("indberetning:indberetning_oversigt", args=[AAR])
    html = _html(s, oversigt)
    assert "Rammeaftale Midtjylland" in html and "ingen frist i regelbogen" in html
    assert "1 af 3 driftsherrer har indsendt" in html
    region, randers_r, viborg = (_celler(_raekke(html, d)) for d in (v.region, v.randers, v.viborg))
    # Driftsherre, status, ydelser, prissat, markeringer, fejl, indsendt, frist, påmindelse
    assert region[0] == "Region Midtjylland" and region[1].startswith("Indsendt")
    assert region[2:6] == ["2", "2", "1", "0"]
    assert randers_r[1] == "Udkast" and randers_r[2:6] == ["1", "1", "0", "2"]  # places and occupancy missing
    assert viborg[1] == "Ikke påbegyndt" and viborg[2:6] == ["1", "0", "0", "3"]
    assert "Send påmindelse" in _raekke(html, v.randers)
    assert "Send påmindelse" not in _raekke(html, v.region)
    assert "Syddanmark" not in html

    # A reminder to Randers: one mail to its staff, recorded with its recipients.
    svar = s.post(_url("paamind", v.randers), follow=True)
    assert svar.redirect_chain[-1][0] == f"{oversigt}?rammeaftale=midtjylland"
    assert len(mail.outbox) == 1
    besked = mail.outbox[0]
    assert besked.to == ["randers@example.dk"]
    assert besked.subject == "Påmindelse: takstindberetning for 2019"
    assert "Status: Udkast." in besked.body
    assert "Regelbogen har ingen frist" in besked.body
    assert f"http://testserver{_side(v.randers)}" in besked.body
    p = Paamindelse.objects.get()
    assert p.driftsherre == v.randers and p.aar == AAR and p.modtagere == "randers@example.dk"
    assert p.sendt_af == User.objects.get(username="sekretariat")
    html = svar.content.decode()
    assert "Påmindelsen er sendt til randers@example.dk." in _beskeder(html)
    assert "randers@example.dk" in _celler(_raekke(html, v.randers))[8]

    # No reminder for a submitted report, and none without recipients.
    s.post(_url("paamind", v.region))
    s.post(_url("paamind", v.viborg))
    assert len(mail.outbox) == 1 and Paamindelse.objects.count() == 1

    # The secretariat sees the submitted report and approves it.
    html = _html(s, _side(v.region))
    assert "Godkend" in html and "Genåbn til udkast" in html
    svar = _gennemfoer(s, _url("godkend", v.region), follow=True)
    assert "Indberetningen fra Region Midtjylland for 2019 er godkendt." in _beskeder(svar.content.decode())
    assert _status(v.region) == "godkendt"
    assert _celler(_raekke(_html(s, oversigt), v.region))[1].startswith("Godkendt")
    # A draft cannot be approved.
    svar = s.post(_url("godkend", v.randers), follow=True)
    assert "Indberetningen for 2019 er ikke indsendt og kan ikke godkendes." in _beskeder(
        svar.content.decode()
    )
    assert _status(v.randers) == "udkast"

    # Reopen: back to a draft the operator can edit again.
    _gennemfoer(s, _url("genaabn", v.region))
    ib = Takstindberetning.objects.get(driftsherre=v.region, aar=AAR)
    assert ib.status == "udkast" and ib.indsendt is None
    assert "Gem udkast" in _html(_klient("region"), _side(v.region))
    # History keeps who did what.
    assert [h.status for h in ib.history.order_by("history_date")] == [
        "udkast",
        "indsendt",
        "godkendt",
        "udkast",
    ]


def test_godkend_fra_oversigten_vender_tilbage_dertil(verden: Verden) -> None:
    _indsend_region(verden)
    svar = _gennemfoer(_klient("sekretariat"), _url("godkend", verden.region), {"tilbage": "oversigt"})
    assert svar.status_code == 302
    assert (
        svar["Location"]
        == reverse("indberetning:indberetning_oversigt", args=[AAR]) + "?rammeaftale=midtjylland"
    )


def test_godkendelse_afvises_naar_tallene_siden_er_blevet_forkerte(verden: Verden) -> None:
    _indsend_region(verden)
    Ydelsesaar.objects.filter(ydelse=verden.aflastning, aar=AAR).update(takst=None)
    svar = _gennemfoer(_klient("sekretariat"), _url("godkend", verden.region), follow=True)
    assert "Solbakken – Aflastning: taksten for 2019 mangler." in _beskeder(svar.content.decode())
    assert _status(verden.region) == "indsendt"


def test_superbruger_ser_alle_aftaler(verden: Verden) -> None:
    User.objects.create(username="admin", email="admin@example.dk", is_superuser=True, is_staff=True)
    s = _klient("admin")
    html = _html(s, reverse("indberetning:indberetning_oversigt", args=[AAR]))
    assert "Rammeaftale Midtjylland" in html and "Rammeaftale Syddanmark" in html
    html = _html(s, reverse("indberetning:indberetning_oversigt", args=[AAR]) + "?rammeaftale=syddanmark")
    assert "Rammeaftale Midtjylland" not in html


def test_frist_fra_regelbogen_vises_for_syddanmark(verden: Verden) -> None:
    syd = Rammeaftale.objects.get(kode="syddanmark")
    odense = Driftsherre.objects.create(navn="Odense Kommune", rammeaftale=syd)
    html = _html(_klient("syd_sekretariat"), reverse("indberetning:indberetning", args=[odense.pk, 2016]))
    assert "1. november 2015" in html
    # the rule by its name in the rulebook, never its key
    assert "regel: Frist for at indberette næste års takster (i året før takståret)" in html
    assert "frister.takstindberetning" not in html
    assert "overskredet med" in html


# --- helpers ---------------------------------------------------------------------------------------


def _frist(d: date) -> Frist:
    return Frist(
        d,
        Regelreference(
            "frister.takstindberetning",
            "11-01",
            "syddanmark",
            date(2016, 1, 1),
            "Styringsaftalen for Syddanmark 2016",
        ),
    )


def test_frist_status() -> None:
    frist = _frist(date(2018, 11, 1))
    assert frist_status(None, date(2018, 10, 1), None) == ""
    assert frist_status(frist, date(2018, 10, 20), None) == "12 dage tilbage"
    assert frist_status(frist, date(2018, 10, 31), None) == "1 dag tilbage"
    assert frist_status(frist, date(2018, 11, 1), None) == "fristen er i dag"
    assert frist_status(frist, date(2018, 11, 4), None) == "overskredet med 3 dage"
    tz = timezone.get_current_timezone()
    assert (
        frist_status(frist, date(2018, 12, 1), datetime(2018, 11, 1, 23, 0, tzinfo=tz))
        == "indsendt rettidigt"
    )
    assert (
        frist_status(frist, date(2018, 12, 1), datetime(2018, 11, 3, 9, 0, tzinfo=tz))
        == "indsendt 2 dage for sent"
    )


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        ("2.295,50", "2295.50"),
        ("2295,5", "2295.5"),
        ("2295.5", "2295.5"),
        ("2.295", "2295"),
        ("1.234.567", "1234567"),
        (" 97 ", "97"),
        ("-5", "-5"),
        ("", None),
    ],
)
def test_danske_tal_i_formularen(tekst: str, forventet: str | None) -> None:
    felt = DanskDecimalField(required=False, max_digits=14, decimal_places=2)
    resultat: Any = felt.clean(tekst)
    assert resultat == (Decimal(forventet) if forventet is not None else None)


@pytest.mark.parametrize("tekst", ["abc", "1,2,3", "NaN", "Infinity"])
def test_ugyldige_tal_i_formularen(tekst: str) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        DanskDecimalField(required=False).clean(tekst)
