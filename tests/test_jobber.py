"""Background jobs (web/jobber; issue 13, "long work runs as a background job … with progress
visible on the page and a result kept; the web request never waits for it").

- The secretariat starts the agreement's whole year's billing from the billing page: the
  request only queues the job and goes on to the job's page; the job's workbook bills Herning's
  January 2018 to Randers exactly what the statement Herning sent says (the demo's statement,
  whose lines tests/test_afregning_web_demo.py checks as days × the register's rate: the job
  computes it on the other path, the engine's bulk path), and its totals add up.
- A large catalogue's PDF is made in the background and kept.
- While a job runs its page shows how far it has come and reloads itself; a job that fails says
  why in Danish, without the program's insides.
- A job is seen only by who started it and the agreement's secretariat (others: 404).

The tests run the queue "straks" (right after the commit). The queue in PostgreSQL and a worker
killed in the middle of a job are tests/test_jobber_koe.py and tests/test_nedbrud.py."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.web.afregning.models import Afregning
from socialstyring.web.faelles import jobarter as arter
from socialstyring.web.faelles.jobarter import Jobart, Jobfejl, Jobkontekst, Jobresultat
from socialstyring.web.jobber import services
from socialstyring.web.jobber.models import Baggrundsjob, Jobstatus
from socialstyring.web.register.models import Katalog

Fang = Callable[..., object]


def _klient(navn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=navn))
    return c


@pytest.fixture
def aarsafregning(demo: None, django_capture_on_commit_callbacks: Fang) -> Baggrundsjob:
    c = _klient("sekretariat")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        svar = c.post(reverse("aarsafregning:start", args=["midtjylland", 2018]))
    job = Baggrundsjob.objects.get()
    assert svar.status_code == 302 and svar["Location"] == reverse("jobber:job", args=[job.pk])
    return job


def test_aarets_afregning_koerer_i_baggrunden_og_gemmer_regnearket(aarsafregning: Baggrundsjob) -> None:
    job = aarsafregning
    assert job.status == Jobstatus.FAERDIG and job.forsoeg == 1
    assert job.bruger is not None and job.bruger.username == "sekretariat"
    assert job.rammeaftale is not None and job.rammeaftale.kode == "midtjylland"
    assert job.fremskridt_udfoert == job.fremskridt_i_alt > 0
    c = _klient("sekretariat")
    side = c.get(reverse("jobber:job", args=[job.pk])).content.decode()
    assert "Færdig" in side and 'http-equiv="refresh"' not in side
    assert "Hent afregning-2018-midtjylland.xlsx" in side and "Driftsherrer med ophold" in side
    fil = c.get(reverse("jobber:resultat", args=[job.pk]))
    assert fil.status_code == 200 and fil["Content-Disposition"].endswith('"afregning-2018-midtjylland.xlsx"')
    wb = load_workbook(BytesIO(fil.content))
    raekker = [r for r in wb["Afregning"].iter_rows(min_row=6, values_only=True) if r[0]]
    sendt = Afregning.objects.get(
        driftsherre__navn="Herning Kommune", betalingskommune__kode=730, aar=2018, maaned=1
    )
    herning_randers = [r[3] for r in raekker if r[:3] == ("Herning Kommune", "Randers", "januar")]
    assert [Decimal(str(b)).quantize(Decimal("0.01")) for b in herning_randers] == [sendt.i_alt]
    totaler = [r for r in wb["Betalingskommuner"].iter_rows(min_row=6, values_only=True) if r[0]]
    assert totaler[-1][0] == "I alt"
    i_alt = sum(Decimal(str(r[3])) for r in raekker)
    assert sum(Decimal(str(r[1])) for r in totaler[:-1]) == Decimal(str(totaler[-1][1])) == i_alt
    resume = dict(job.resultat["resume"])
    assert resume["I alt"] == f"{i_alt:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " kr."
    # every change of the job's row is attributable: started, running, done — by the secretariat
    assert [h.status for h in job.history.order_by("history_id")] == ["venter", "koerer", "faerdig"]
    assert {h.history_user_id for h in job.history.all()} == {job.bruger_id}


def test_andre_ser_ikke_jobbet(aarsafregning: Baggrundsjob) -> None:
    for navn in ("aarhus", "laeser", "randers_kommune"):
        c = _klient(navn)
        for url in ("jobber:job", "jobber:resultat"):
            assert c.get(reverse(url, args=[aarsafregning.pk])).status_code == 404, (navn, url)
        assert aarsafregning.titel not in c.get(reverse("jobber:liste")).content.decode()
    assert Client().get(reverse("jobber:job", args=[aarsafregning.pk])).status_code == 302  # to the login
    side = _klient("sekretariat").get(reverse("jobber:liste")).content.decode()
    assert aarsafregning.titel in side
    forside = _klient("sekretariat").get(reverse("faelles:forside")).content.decode()
    assert 'id="baggrundsjob"' in forside and aarsafregning.titel in forside
    assert 'id="baggrundsjob"' not in _klient("aarhus").get(reverse("faelles:forside")).content.decode()


def test_kun_sekretariatet_kan_starte_aarets_afregning(demo: None) -> None:
    for navn in ("aarhus", "laeser", "randers_kommune"):
        svar = _klient(navn).post(reverse("aarsafregning:start", args=["midtjylland", 2018]))
        assert svar.status_code in (403, 404), navn
    assert (
        _klient("sekretariat").get(reverse("aarsafregning:start", args=["midtjylland", 2018])).status_code
        == 405
    )
    assert not Baggrundsjob.objects.exists()


def test_katalogets_pdf_laves_i_baggrunden(demo: None, django_capture_on_commit_callbacks: Fang) -> None:
    k = Katalog.objects.get(rammeaftale__kode="midtjylland", aar=2017, version=1)
    c = _klient("aarhus")  # an operator's staff: everyone in the agreement reads the catalogue
    assert 'id="pdf-job"' in c.get(reverse("katalog:katalog", args=["midtjylland", 2017])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        svar = c.post(reverse("katalog:katalog_pdf_job", args=["midtjylland", 2017]))
    job = Baggrundsjob.objects.get()
    assert svar.status_code == 302 and job.status == Jobstatus.FAERDIG, job.besked
    fil = c.get(reverse("jobber:resultat", args=[job.pk]))
    assert fil["Content-Type"] == "application/pdf" and fil.content.startswith(b"%PDF")
    assert fil["Content-Disposition"].endswith(f'"tilbud-og-takster-midtjylland-2017-v{k.version}.pdf"')
    if shutil.which("pdftotext"):
        tekst = subprocess.run(
            ["pdftotext", "-", "-"], input=fil.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Tilbud og takster 2017" in tekst and "Aarhus Kommune" in tekst
    assert (
        _klient("sekretariat").get(reverse("jobber:job", args=[job.pk])).status_code == 200
    )  # the agreement's
    assert _klient("herning").get(reverse("jobber:job", args=[job.pk])).status_code == 404  # not his


def test_fremskridtet_vises_mens_jobbet_koerer(demo: None) -> None:
    b = User.objects.get(username="sekretariat")
    job = Baggrundsjob.objects.create(art="aarsafregning", titel="Årets afregning 2018", bruger=b)
    c = _klient("sekretariat")
    side = c.get(reverse("jobber:job", args=[job.pk])).content.decode()
    assert "står i kø" in side and 'http-equiv="refresh" content="2"' in side
    Baggrundsjob.objects.filter(pk=job.pk).update(status=Jobstatus.KOERER)
    services.fremskridt(job.pk, 7, 18, "Herning Kommune")
    side = c.get(reverse("jobber:job", args=[job.pk])).content.decode()
    # 7 of 18 operators: 700 / 18 = 38,9, shown as 38 % (rounded down: never more than is done)
    assert 'value="38"' in side and "Herning Kommune: 7 af 18" in side and "Kører (38 %)" in side
    assert 'http-equiv="refresh"' in side


@pytest.fixture
def proevearter() -> Iterator[None]:
    def fejler(k: Jobkontekst) -> Jobresultat:
        k.fremskridt(2, 5, "Halvvejs")
        raise Jobfejl("Året 2031 har ingen takster i registret.")

    def bryder_sammen(k: Jobkontekst) -> Jobresultat:
        return Jobresultat(resume=[("Kvotient", str(1 // (len(k.parametre) - 1)))])

    arter.registrer(Jobart("proeve_fejl", "Prøve", fejler))
    arter.registrer(Jobart("proeve_nedbrud", "Prøve", bryder_sammen))
    yield
    arter._arter.pop("proeve_fejl")
    arter._arter.pop("proeve_nedbrud")


def test_et_job_der_fejler_siger_hvorfor_paa_dansk(
    demo: None, proevearter: None, django_capture_on_commit_callbacks: Fang
) -> None:
    b = User.objects.get(username="sekretariat")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        fejl = services.start_job(b, "proeve_fejl", "Prøve med fejl", {"x": 1})
        nedbrud = services.start_job(b, "proeve_nedbrud", "Prøve med nedbrud", {"x": 1})
    fejl.refresh_from_db()
    nedbrud.refresh_from_db()
    assert (fejl.status, fejl.besked) == (Jobstatus.FEJLET, "Året 2031 har ingen takster i registret.")
    assert (fejl.fremskridt_udfoert, fejl.fremskridt_i_alt) == (2, 5)  # how far it came is kept
    c = _klient("sekretariat")
    side = c.get(reverse("jobber:job", args=[nedbrud.pk])).content.decode()
    assert nedbrud.status == Jobstatus.FEJLET and services.UVENTET in side
    assert "ZeroDivisionError" not in side and "Traceback" not in side
    assert c.get(reverse("jobber:resultat", args=[nedbrud.pk])).status_code == 404  # no file
    with pytest.raises(Jobfejl, match="Ukendt slags job"):
        services.start_job(b, "findes_ikke", "x", {})
    assert not Baggrundsjob.objects.filter(art="findes_ikke").exists()


def test_kommandolinjen_koerer_aarets_afregning(demo: None, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from socialstyring.cli import app

    r = CliRunner().invoke(app, ["jobber", "aarsafregning", "2018", "--rammeaftale", "midtjylland", "--json"])
    assert r.exit_code == 0, r.output
    ud = json.loads(r.output)
    assert ud["status"] == "faerdig" and ud["fil"] == "afregning-2018-midtjylland.xlsx"
    fil = tmp_path / "a.xlsx"
    r = CliRunner().invoke(app, ["jobber", "vis", str(ud["job"]), "--gem", str(fil)])
    assert r.exit_code == 0 and fil.read_bytes().startswith(b"PK")
    r = CliRunner().invoke(app, ["jobber", "aarsafregning", "2018", "--rammeaftale", "atlantis"])
    assert r.exit_code == 2 and "ukendt rammeaftale: atlantis" in r.output


def test_demoen_i_baggrunden_kraever_jobkoeen(db: None) -> None:
    from typer.testing import CliRunner

    from socialstyring.cli import app

    r = CliRunner().invoke(app, ["demo", "national", "--baggrund", "--tilbud", "10", "--ophold", "0"])
    assert r.exit_code == 2 and "jobkøen findes kun på PostgreSQL" in r.output
    assert not Baggrundsjob.objects.exists()


def test_hvad_et_job_aendrer_staar_i_historikken_med_den_der_startede_det(
    demo: None, django_capture_on_commit_callbacks: Fang
) -> None:
    """A job that changes data (none of ours does today, but a kind may) is attributable like a
    page: every history row it writes names the user who started the job (the audit guard,
    tests/revisionsvagt.py, would flag one without)."""
    from socialstyring.web.register.models import Maalgruppe

    def omdoeb(k: Jobkontekst) -> Jobresultat:
        m = Maalgruppe.objects.get(pk=k.parametre["maalgruppe"])
        m.navn = "Voksne med erhvervet hjerneskade (omdøbt af et job)"
        m.save()
        return Jobresultat()

    arter.registrer(Jobart("proeve_omdoeb", "Prøve", omdoeb))
    try:
        m = Maalgruppe.objects.order_by("pk").first()
        assert m is not None
        b = User.objects.get(username="sekretariat")
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            job = services.start_job(b, "proeve_omdoeb", "Omdøb", {"maalgruppe": m.pk})
        job.refresh_from_db()
        assert job.status == Jobstatus.FAERDIG
        seneste = m.history.order_by("-history_id").first()
        assert seneste is not None and seneste.navn.endswith("(omdøbt af et job)")
        assert seneste.history_user_id == b.pk
    finally:
        arter._arter.pop("proeve_omdoeb")
