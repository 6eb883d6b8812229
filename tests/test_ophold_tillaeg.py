"""A stay's add-on services and a new citizen on the place, from the stay's page to the
operator's monthly statement (`web/ophold` feeding `beregning/afregning`).

Figures (tests/registerdata.py; the register's 2018 rates of Aarhus' Solhaven, SEL § 108):
Længerevarende botilbud 1.811,00 kr. a day; the hourly add-on service "Ekstra støtte" made
here at 425,50 kr. an hour in 2018 (none in 2019). Stays paid by Randers, acted for by Aarhus.

- 10 hours of Ekstra støtte delivered 15 January 2018: a line of 10 × 425,50 = 4.255,00;
  January: 31 × 1.811,00 = 56.141,00 + 4.255,00 = 60.396,00 kr.
- A supplement of 250,00 kr. a day from 10 to 20 January 2018 (both included): 11 days,
  11 × 250,00 = 2.750,00; January: 56.141,00 + 2.750,00 = 58.891,00 kr.
- Notice given 15 November 2017, moved out 30 November 2017: Midtjylland's own notice is not
  found, the rulebook's stated assumption (Syddanmark's botilbud, any day of the month:
  2 months) runs to 15 January 2018, so January is paid 1–15: 15 × 1.811,00 = 27.165,00. A new
  citizen takes the place 10 January 2018: payment stops the day before (betalingsregler:
  "Payment stops the day before a new citizen takes the place, never before the day of
  ending"): 1–9 January, 9 × 1.811,00 = 16.299,00 kr.
- 4,5 hours of Ekstra støtte delivered 3 January 2019, a year it has no rate: left out with a
  warning; the stay's service is given a 2019 rate of 1.900,00 here, so January 2019 is
  31 × 1.900,00 = 58.900,00 kr. and nothing for the add-on.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from registerdata import Registerdata, opret_registerdata

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.ophold import services
from socialstyring.web.ophold.models import Ophold, Opholdstillaeg
from socialstyring.web.register.models import Brugerprofil, Kommune, Rolle, Takstenhed, Ydelse, Ydelsesaar

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> Registerdata:
    d = opret_registerdata()
    for navn, kode in (("randers_kommune", 730), ("aarhus_kommune", 751)):
        k = Kommune.objects.get(kode=kode)
        u = User.objects.create(username=navn)
        Brugerprofil.objects.create(bruger=u, rolle=Rolle.KOMMUNE, rammeaftale=d.midt, kommune=k)
        d.brugere[navn] = u
    return d


@pytest.fixture
def stoette(data: Registerdata) -> Ydelse:
    """Solhaven's hourly add-on service: 425,50 kr. an hour in 2018."""
    y = Ydelse.objects.create(
        tilbud=data.solhaven, navn="Ekstra støtte", pladstype=Pladstype.DOEGN, takstenhed=Takstenhed.TIME
    )
    Ydelsesaar.objects.create(ydelse=y, aar=2018, takst=Decimal("425.50"))
    return y


def _ophold(data: Registerdata, **ekstra: Any) -> Ophold:
    return Ophold.objects.create(
        borger="t" * 63 + str(Ophold.objects.count()),
        foedselsdato=date(1975, 4, 2),
        handlekommune=Kommune.objects.get(kode=751),
        betalingskommune=Kommune.objects.get(kode=730),
        tilbud=data.solhaven,
        ydelse=data.botilbud,
        start=date(2017, 3, 1),
        **ekstra,
    )


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _januar(data: Registerdata, aar: int = 2018) -> afregning.Beregnet:
    randers = Kommune.objects.get(kode=730)
    return afregning.opgoer(data.bruger("driftsherre"), data.aarhus, randers, aar, 1, date(aar, 2, 5))


def _linjer(b: afregning.Beregnet) -> dict[str, Any]:
    assert b.opgoerelse is not None
    return {linje.art: linje for linje in b.opgoerelse.linjer}


# --- billing ------------------------------------------------------------------------------------


def test_timer_af_en_tillaegsydelse_paa_siden_og_i_opgoerelsen(data: Registerdata, stoette: Ydelse) -> None:
    o = _ophold(data)
    c = _klient(data, "driftsherre")
    svar = c.post(
        reverse("ophold:ophold", args=[o.pk]),
        {"handling": "tillaeg", "ydelse": stoette.pk, "timer": "10", "fra": "2018-01-15"},
    )
    assert svar.status_code == 302
    t = Opholdstillaeg.objects.get()
    assert (t.ydelse, t.timer, t.fra, t.til, t.pr_dag, t.navn) == (
        stoette,
        Decimal(10),
        date(2018, 1, 15),
        None,
        None,
        "",
    )

    b = _januar(data)
    linjer = _linjer(b)
    timer = linjer["timer_1"]
    assert (timer.antal, timer.sats, timer.beloeb) == (Decimal(10), Decimal("425.50"), Decimal("4255.00"))
    assert (timer.fra, timer.til, timer.beskrivelse) == (
        date(2018, 1, 15),
        date(2018, 1, 15),
        "Ekstra støtte",
    )
    assert linjer["takst"].beloeb == Decimal("56141.00")
    assert b.opgoerelse is not None and b.opgoerelse.i_alt == Decimal("60396.00")
    assert not b.advarsler

    side = c.get(reverse("ophold:ophold", args=[o.pk])).content.decode()
    assert "Ekstra støtte" in side and "15. januar 2018" in side
    # who added it is in the history
    assert Opholdstillaeg.history.get(history_type="+").history_user == data.bruger("driftsherre")


def test_beloeb_pr_dag_fra_10_til_20_januar(data: Registerdata) -> None:
    o = _ophold(data)
    services.tilfoej_tillaeg(
        data.bruger("randers_kommune"),
        o.pk,
        {
            "navn": "Fast vågen nattevagt",
            "pr_dag": Decimal("250.00"),
            "fra": date(2018, 1, 10),
            "til": date(2018, 1, 20),
        },
    )
    b = _januar(data)
    dag = _linjer(b)["tillaeg_1"]
    assert (dag.fra, dag.til, dag.antal, dag.sats) == (
        date(2018, 1, 10),
        date(2018, 1, 20),
        Decimal(11),
        Decimal("250.00"),
    )
    assert dag.beloeb == Decimal("2750.00")
    assert b.opgoerelse is not None and b.opgoerelse.i_alt == Decimal("58891.00")
    h = Opholdstillaeg.history.get(history_type="+")
    assert h.history_user == data.bruger("randers_kommune")

    side = _klient(data, "randers_kommune").get(reverse("ophold:ophold", args=[o.pk])).content.decode()
    assert "Fast vågen nattevagt" in side and "250,00 kr." in side


def test_ny_borger_i_varslet_betales_til_dagen_foer(data: Registerdata) -> None:
    o = _ophold(data, opsagt=date(2017, 11, 15), opsagt_af="handlekommune", slut=date(2017, 11, 30))
    foer = _linjer(_januar(data))["takst"]
    assert (foer.til, foer.antal, foer.beloeb) == (date(2018, 1, 15), Decimal(15), Decimal("27165.00"))
    assert foer.varsel_udloeb == date(2018, 1, 15)

    c = _klient(data, "randers_kommune")
    svar = c.post(reverse("ophold:rediger", args=[o.pk]), _redigering(o, ny_borger_fra="2018-01-10"))
    assert svar.status_code == 302
    o.refresh_from_db()
    assert o.ny_borger_fra == date(2018, 1, 10)

    b = _januar(data)
    takst = _linjer(b)["takst"]
    assert (takst.fra, takst.til, takst.betalt_til) == (date(2018, 1, 1), date(2018, 1, 9), date(2018, 1, 9))
    assert takst.varsel_udloeb == date(2018, 1, 15)  # the notice still runs to 15 January
    assert (takst.antal, takst.beloeb) == (Decimal(9), Decimal("16299.00"))
    assert b.opgoerelse is not None and b.opgoerelse.i_alt == Decimal("16299.00")
    side = c.get(reverse("ophold:ophold", args=[o.pk])).content.decode()
    assert "10. januar 2018 (betales til dagen før)" in side


def test_tillaeg_uden_takst_udelades_med_advarsel(data: Registerdata, stoette: Ydelse) -> None:
    Ydelsesaar.objects.create(ydelse=data.botilbud, aar=2019, takst=Decimal("1900.00"))
    o = _ophold(data)
    services.tilfoej_tillaeg(
        data.bruger("driftsherre"),
        o.pk,
        {"ydelse": stoette, "timer": Decimal("4.5"), "fra": date(2019, 1, 3)},
    )
    b = _januar(data, 2019)
    assert set(_linjer(b)) == {"takst"}
    assert b.opgoerelse is not None and b.opgoerelse.i_alt == Decimal("58900.00")
    assert any(
        "Tillægget Ekstra støtte den 3. januar 2019" in a and "ingen takst for tillægsydelsen i 2019" in a
        for a in b.advarsler
    ), b.advarsler
    # the month's overview warns too, and the paying municipality's cost computes without it
    oversigt = afregning.maanedsoversigt(data.bruger("driftsherre"), data.aarhus, 2019, 1)
    assert [k.nu for k in oversigt.linjer] == [Decimal("58900.00")]
    assert any("ingen takst for tillægsydelsen i 2019" in a for a in oversigt.advarsler)
    udgifter = afregning.betalingskommunens_udgifter(Kommune.objects.get(kode=730), 2019, 1)
    assert [u.maaneder[1] for u in udgifter.borgere.values()] == [Decimal("58900.00")]


def test_tillaeggene_hentes_uden_en_forespoergsel_pr_ophold(data: Registerdata) -> None:
    def antal() -> int:
        with CaptureQueriesContext(connection) as q:
            _januar(data)
        return len(q.captured_queries)

    for _ in range(2):
        o = _ophold(data)
        Opholdstillaeg.objects.create(ophold=o, navn="Tillæg", fra=date(2018, 1, 1), pr_dag=Decimal(100))
    antal()  # the first run reads what is cached after it (the rulebook)
    to = antal()
    for _ in range(3):
        o = _ophold(data)
        Opholdstillaeg.objects.create(ophold=o, navn="Tillæg", fra=date(2018, 1, 1), pr_dag=Decimal(100))
    assert antal() == to
    # 5 stays: 5 × 31 × (1.811,00 + 100,00) = 296.205,00
    b = _januar(data)
    assert b.opgoerelse is not None and b.opgoerelse.i_alt == Decimal("296205.00")


# --- the forms ----------------------------------------------------------------------------------


def _redigering(o: Ophold, **aendr: str) -> dict[str, Any]:
    """The edit form as posted for stay `o` with `aendr` changed (what the user saw included)."""

    def iso(d: date | None) -> str:
        return d.isoformat() if d else ""

    saa = {
        "handlekommune": o.handlekommune_id,
        "betalingskommune": o.betalingskommune_id,
        "ydelse": o.ydelse_id,
        "start": iso(o.start),
        "opsagt": iso(o.opsagt),
        "opsagt_af": o.opsagt_af,
        "slut": iso(o.slut),
        "ny_borger_fra": iso(o.ny_borger_fra),
        "aarsag": o.aarsag,
        "henvist_ydelse": "",
        "indskrivning_pct": "100",
    }
    return {**saa, **{f"initial-{k}": v for k, v in saa.items()}, "version": o.version, **aendr}


def test_ny_borger_fra_kraever_slut_og_kommer_efter_den(data: Registerdata) -> None:
    o = _ophold(data, opsagt=date(2017, 11, 15), opsagt_af="handlekommune")
    c = _klient(data, "randers_kommune")
    url = reverse("ophold:rediger", args=[o.pk])
    svar = c.post(url, _redigering(o, ny_borger_fra="2018-01-10"))
    assert svar.status_code == 400
    assert (
        "En ny borger kan kun overtage pladsen, når opholdet har en slutdato: udfyld Slut."
        in svar.content.decode()
    )
    svar = c.post(url, _redigering(o, slut="2017-11-30", ny_borger_fra="2017-11-30"))
    assert svar.status_code == 400
    assert (
        "En ny borger kan tidligst overtage pladsen dagen efter opholdets slut (30-11-2017)"
        in svar.content.decode()
    )
    o.refresh_from_db()
    assert (o.slut, o.ny_borger_fra) == (None, None)


@pytest.mark.parametrize(
    ("post", "felt", "besked"),
    [
        ({"navn": "Nattevagt", "fra": "2018-01-10"}, "pr_dag", "Skriv beløbet pr. dag"),
        ({"pr_dag": "250", "fra": "2018-01-10"}, "navn", "Skriv, hvad tillægget pr. dag dækker."),
        ({"navn": "Nattevagt", "pr_dag": "to hundrede", "fra": "2018-01-10"}, "pr_dag", "Skriv et tal, fx 2.295,50."),
        ({"navn": "Nattevagt", "pr_dag": "250", "fra": "2018-01-20", "til": "2018-01-10"}, "til", "Til ligger før Fra."),
        ({"navn": "Nattevagt", "pr_dag": "250", "fra": "2016-12-31"}, "fra", "Tillægget skal begynde i opholdets periode (01-03-2017 og frem)."),
        ({"timer": "10", "fra": "2018-01-15"}, "ydelse", "Vælg den tillægsydelse, timerne er leveret af."),
        ({"ydelse": "STOETTE", "fra": "2018-01-15"}, "timer", "Skriv antal timer."),
        ({"ydelse": "STOETTE", "timer": "0", "fra": "2018-01-15"}, "timer", "Antal timer skal være over 0."),
        ({"ydelse": "STOETTE", "timer": "10", "fra": "2018-01-15", "til": "2018-01-16"}, "til", "Timer leveres på én dag (Fra): lad Til være tom."),
        ({"ydelse": "STOETTE", "timer": "10", "fra": "2018-01-15", "pr_dag": "250"}, "pr_dag", "Et tillæg i timer har intet beløb pr. dag"),
    ],
)  # fmt: skip
def test_tillaegsformen_afviser_med_dansk_besked(
    data: Registerdata, stoette: Ydelse, post: dict[str, str], felt: str, besked: str
) -> None:
    o = _ophold(data)
    post = {k: str(stoette.pk) if v == "STOETTE" else v for k, v in post.items()}
    svar = _klient(data, "driftsherre").post(
        reverse("ophold:ophold", args=[o.pk]), {"handling": "tillaeg", **post}
    )
    assert svar.status_code == 400
    side = svar.content.decode()
    assert "Tillægget er ikke gemt." in side
    assert f'<p class="feltfejl" id="id_{felt}-fejl">{besked}' in side, side[side.find("tillaeg-form") :][
        :3000
    ]
    assert not Opholdstillaeg.objects.exists()


def test_en_anden_tilbuds_ydelse_kan_ikke_vaelges(data: Registerdata, stoette: Ydelse) -> None:
    fremmed = Ydelse.objects.create(
        tilbud=data.kildebakken, navn="Støtte", pladstype=Pladstype.DAG, takstenhed=Takstenhed.TIME
    )
    o = _ophold(data)
    svar = _klient(data, "driftsherre").post(
        reverse("ophold:ophold", args=[o.pk]),
        {"handling": "tillaeg", "ydelse": fremmed.pk, "timer": "2", "fra": "2018-01-15"},
    )
    assert svar.status_code == 400 and 'id="id_ydelse-fejl"' in svar.content.decode()
    assert not Opholdstillaeg.objects.exists()


def test_fjern_et_tillaeg_og_skaeve_vaerdier(data: Registerdata) -> None:
    o = _ophold(data)
    t = services.tilfoej_tillaeg(
        data.bruger("driftsherre"),
        o.pk,
        {"navn": "Nattevagt", "pr_dag": Decimal(250), "fra": date(2018, 1, 10)},
    )
    c = _klient(data, "driftsherre")
    url = reverse("ophold:ophold", args=[o.pk])
    for vaerdi, besked in (
        ("²", "Tillægget kan ikke findes (ukendt nummer)."),
        (str(10**20), "Tillægget kan ikke findes (ukendt nummer)."),
        ("", "Vælg et tillæg."),
        (str(t.pk + 1000), "Tillægget findes ikke på opholdet; det kan være fjernet i mellemtiden."),
    ):
        svar = c.post(url, {"handling": "slet_tillaeg", "tillaeg": vaerdi})
        assert svar.status_code == 400 and besked in svar.content.decode(), vaerdi
    assert c.post(url, {"handling": "noget_andet"}).status_code == 400
    assert Opholdstillaeg.objects.count() == 1

    svar = c.post(url, {"handling": "slet_tillaeg", "tillaeg": str(t.pk)})
    assert svar.status_code == 302 and not Opholdstillaeg.objects.exists()
    slettet = Opholdstillaeg.history.get(history_type="-")
    assert (slettet.history_user, slettet.navn) == (data.bruger("driftsherre"), "Nattevagt")


def test_kun_den_der_maa_rette_tilfoejer_og_fjerner(data: Registerdata) -> None:
    o = _ophold(data)
    t = Opholdstillaeg.objects.create(ophold=o, navn="Nattevagt", fra=date(2018, 1, 10), pr_dag=Decimal(250))
    url = reverse("ophold:ophold", args=[o.pk])
    nyt = {"handling": "tillaeg", "navn": "Andet", "pr_dag": "100", "fra": "2018-01-10"}
    fjern = {"handling": "slet_tillaeg", "tillaeg": str(t.pk)}
    forventet = {
        # role: (the page, adding, removing)
        "randers_kommune": (200, 302, None),  # the paying municipality
        "driftsherre": (200, None, None),  # the operator of the offer
        "aarhus_kommune": (200, 403, 403),  # the acting municipality reads, does not change
        "driftsherre_anden": (403, 403, 403),
        "sekretariat": (403, 403, 403),
        "laeser": (403, 403, 403),
        "sekretariat_anden": (404, 404, 404),
    }
    for rolle, (side, tilfoej, slet) in forventet.items():
        c = _klient(data, rolle)
        svar = c.get(url)
        assert svar.status_code == side, rolle
        if side == 200:
            html = svar.content.decode()
            assert "Nattevagt" in html
            assert ('id="tillaeg-form"' in html) == (rolle in ("randers_kommune", "driftsherre")), rolle
        if tilfoej is not None:
            assert c.post(url, nyt).status_code == tilfoej, rolle
        if slet is not None:
            assert c.post(url, fjern).status_code == slet, rolle
    assert list(Opholdstillaeg.objects.values_list("navn", flat=True)) == ["Nattevagt", "Andet"]
    assert Opholdstillaeg.history.get(navn="Andet").history_user == data.bruger("randers_kommune")
    assert _klient(data, "driftsherre").post(url, fjern).status_code == 302
    assert list(Opholdstillaeg.objects.values_list("navn", flat=True)) == ["Andet"]


# --- the import -------------------------------------------------------------------------------

HOVED = "CPR-nummer;Handlekommune;Betalingskommune;Tilbud;Ydelse;Start;Opsagt;Opsagt af;Slut"


def test_importen_laeser_ny_borger_fra(data: Registerdata, settings: Any) -> None:
    settings.CPR_NOEGLE = "k" * 20 + "ey-for-tests-only-0123456789"
    randers = data.bruger("randers_kommune")
    raekke = (
        "0101804678;751;730;Solhaven;Længerevarende botilbud;01-03-2017;15-11-2017;handlekommune;30-11-2017"
    )
    fil = f"{HOVED};Ny borger fra\r\n{raekke};10-01-2018".encode()
    r = services.importer_ophold(randers, fil, "ophold.csv")
    assert r.ok and r.nye == 1, r.fejl
    o = Ophold.objects.get()
    assert o.ny_borger_fra == date(2018, 1, 10)
    # a file without the column leaves the date as it is
    r = services.importer_ophold(randers, f"{HOVED}\r\n{raekke}".encode(), "uden.csv")
    assert r.ok and r.uaendrede == 1
    o.refresh_from_db()
    assert o.ny_borger_fra == date(2018, 1, 10)
    # ... and refuses a day of ending that would come after the new citizen
    senere = raekke.replace("30-11-2017", "15-01-2018")
    r = services.importer_ophold(randers, f"{HOVED}\r\n{senere}".encode(), "senere.csv")
    assert [str(f) for f in r.fejl] == [
        'senere.csv, række 2, kolonne I ("Slut"): en ny borger har overtaget pladsen fra 10-01-2018; slut '
        "skal ligge før den dag (eller ret datoen på opholdets side)"
    ]
    # in the file: at the earliest the day after the day of ending, and only with one
    uden_slut = raekke.removesuffix("30-11-2017")
    forkert = f"{HOVED};Ny borger fra\r\n{raekke};30-11-2017\r\n{uden_slut};10-01-2018"
    r = services.importer_ophold(randers, forkert.encode(), "forkert.csv")
    assert [str(f) for f in r.fejl] == [
        'forkert.csv, række 2, kolonne J ("Ny borger fra"): en ny borger kan tidligst overtage pladsen dagen '
        "efter slut (30-11-2017)",
        'forkert.csv, række 3, kolonne J ("Ny borger fra"): en ny borger kan kun overtage pladsen, når '
        "opholdet har en slutdato (Slut)",
    ]
    o.refresh_from_db()
    assert (o.slut, o.ny_borger_fra) == (date(2017, 11, 30), date(2018, 1, 10))
