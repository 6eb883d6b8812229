"""Configuration and security: production is the default and refuses to start without a real
secret key; the demo gets its own key under var/; HTTPS, HSTS and secure cookies in production,
each overridable; `check --deploy` clean; password validators; failed logins throttled by
django-axes with a Danish lockout page; sessions for shared office PCs; e-mail settings.

The settings module is run afresh (`_indstillinger`) with a chosen environment, so each
configuration is read exactly as a process started with that environment would read it; the
`check --deploy` and start-up tests start a real process.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import smtplib
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse

from socialstyring.web import settings as indstillinger
from socialstyring.web.indberetning.models import Paamindelse
from socialstyring.web.register.models import Driftsherre

ROD = Path(__file__).resolve().parent.parent
NOEGLE = "Pq7" + "x" * 44 + "Zr9"  # 50 characters, 6 different ones: a key Django accepts
CPR_NOEGLE = "Cq7" + "y" * 44 + "Vr8"  # the pseudonyms' key production needs too (tests/test_ophold.py)


def _indstillinger(monkeypatch: pytest.MonkeyPatch, var: Path, **env: str) -> ModuleType:
    """socialstyring/web/settings.py run as a new module in an environment that has only
    `env` of the SOCIALSTYRING_ variables (and SOCIALSTYRING_VAR=var)."""
    for navn in list(os.environ):
        if navn.startswith("SOCIALSTYRING_"):
            monkeypatch.delenv(navn)
    monkeypatch.setenv("SOCIALSTYRING_VAR", str(var))
    env.setdefault("SOCIALSTYRING_CPR_NOEGLE", CPR_NOEGLE)
    for navn, vaerdi in env.items():
        monkeypatch.setenv(navn, vaerdi)
    spec = importlib.util.spec_from_file_location("indstillinger_under_test", indstillinger.__file__)
    assert spec is not None and spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def _proces_miljoe(var: Path, **env: str) -> dict[str, str]:
    """This process's environment without the SOCIALSTYRING_ variables, plus `env`."""
    miljoe = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALSTYRING_")}
    miljoe.pop("DJANGO_SETTINGS_MODULE", None)
    # the browser tests allow Django's sync calls from Playwright's event loop in this process;
    # a production process never has that (check --deploy rightly refuses it)
    miljoe.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return {**miljoe, "SOCIALSTYRING_VAR": str(var), "SOCIALSTYRING_CPR_NOEGLE": CPR_NOEGLE, **env}


def _manage(var: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialstyring.web.manage", *args],
        cwd=ROD,
        env=_proces_miljoe(var, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- production is the default ---------------------------------------------------------------


def test_uden_noegle_starter_produktion_ikke(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="SOCIALSTYRING_SECRET_KEY mangler") as fejl:
        _indstillinger(monkeypatch, tmp_path)
    assert "SOCIALSTYRING_DEBUG=1" in str(fejl.value)  # says how to run the demo instead
    with pytest.raises(ImproperlyConfigured, match="mangler"):
        _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="0", SOCIALSTYRING_SECRET_KEY="  ")


@pytest.mark.parametrize(
    ("noegle", "grund"),
    [
        (NOEGLE[:49], "for kort"),  # Django's minimum is 50 characters
        ("a" * 60, "for ensformig"),  # fewer than 5 different characters
        ("dev-only-ikke-til-produktion" + "x" * 30, None),  # fine: only the exact old key is known
        ("django-insecure-" + NOEGLE, "kendt nøgle"),  # Django's own placeholder
    ],
)
def test_for_svag_noegle_afvises(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noegle: str, grund: str | None
) -> None:
    if grund is None:
        gemt = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=noegle).SECRET_KEY
        assert gemt == noegle
        return
    with pytest.raises(ImproperlyConfigured, match=grund):
        _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=noegle)


def test_demoens_noegle_afvises_i_produktion(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    demo = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="1").SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="demoens"):
        _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=demo)


def test_produktion_https_hsts_og_sikre_cookies(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=NOEGLE)
    assert s.DEBUG is False and s.SECRET_KEY == NOEGLE
    assert s.SECURE_SSL_REDIRECT is True
    assert s.SECURE_HSTS_SECONDS == 31_536_000  # one year: 365 × 24 × 3600
    assert s.SECURE_HSTS_INCLUDE_SUBDOMAINS is True and s.SECURE_HSTS_PRELOAD is False
    assert s.SESSION_COOKIE_SECURE is True and s.CSRF_COOKIE_SECURE is True
    assert s.SECURE_PROXY_SSL_HEADER is None  # opt-in only: a forged header must not make HTTP "secure"
    # a working day on a shared PC: 8 hours from login, and gone when the browser closes
    assert s.SESSION_COOKIE_AGE == 28_800 and s.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert s.SESSION_COOKIE_HTTPONLY is True and s.SESSION_COOKIE_SAMESITE == "Lax"
    assert s.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert not (tmp_path / indstillinger.DEMO_NOEGLEFIL).exists()  # production makes no key of its own


def test_produktion_kan_tilpasses_bag_en_proxy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s = _indstillinger(
        monkeypatch,
        tmp_path,
        SOCIALSTYRING_SECRET_KEY=NOEGLE,
        SOCIALSTYRING_SECURE_SSL_REDIRECT="0",
        SOCIALSTYRING_SECURE_PROXY_SSL_HEADER="1",
        SOCIALSTYRING_SECURE_HSTS_SECONDS="3600",
        SOCIALSTYRING_SECURE_HSTS_PRELOAD="ja",
        SOCIALSTYRING_ALLOWED_HOSTS="socialstyring.rm.dk, intern.rm.dk",
        SOCIALSTYRING_CSRF_TRUSTED_ORIGINS="https://socialstyring.rm.dk",
    )
    assert s.SECURE_SSL_REDIRECT is False
    assert s.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s.SECURE_HSTS_SECONDS == 3600 and s.SECURE_HSTS_PRELOAD is True
    assert s.SILENCED_SYSTEM_CHECKS == []  # preload on: nothing to silence
    assert s.ALLOWED_HOSTS == ["socialstyring.rm.dk", "intern.rm.dk"]
    assert s.CSRF_TRUSTED_ORIGINS == ["https://socialstyring.rm.dk"]
    assert s.SESSION_COOKIE_SECURE is True  # untouched
    with pytest.raises(ImproperlyConfigured, match="SOCIALSTYRING_SESSION_COOKIE_SECURE='måske'"):
        _indstillinger(
            monkeypatch,
            tmp_path,
            SOCIALSTYRING_SECRET_KEY=NOEGLE,
            SOCIALSTYRING_SESSION_COOKIE_SECURE="måske",
        )


def test_postgresql_forbindelsen_genbruges_i_produktion(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Production keeps a web process's PostgreSQL connection for 60 s, checked before reuse;
    the environment can change it; development opens one per request."""
    url = "postgresql://s:k@db.example.dk:5432/socialstyring"
    s = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=NOEGLE, SOCIALSTYRING_DATABASE_URL=url)
    assert s.DATABASES["default"]["CONN_MAX_AGE"] == 60 and s.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    s = _indstillinger(
        monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=NOEGLE, SOCIALSTYRING_DATABASE_URL=url,
        SOCIALSTYRING_DB_CONN_MAX_AGE="0",
    )  # fmt: skip
    assert s.DATABASES["default"]["CONN_MAX_AGE"] == 0
    s = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="1", SOCIALSTYRING_DATABASE_URL=url)
    assert s.DATABASES["default"]["CONN_MAX_AGE"] == 0
    with pytest.raises(ImproperlyConfigured, match="SOCIALSTYRING_DB_CONN_MAX_AGE='et minut'"):
        _indstillinger(
            monkeypatch, tmp_path, SOCIALSTYRING_SECRET_KEY=NOEGLE, SOCIALSTYRING_DATABASE_URL=url,
            SOCIALSTYRING_DB_CONN_MAX_AGE="et minut",
        )  # fmt: skip


def test_demoen_faar_sin_egen_noegle_under_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s = _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="1")
    fil = tmp_path / "demo-secret-key"
    noegle = s.SECRET_KEY
    assert s.DEBUG is True and noegle == fil.read_text().strip() and len(noegle) >= 50
    assert stat.S_IMODE(fil.stat().st_mode) == 0o600  # readable by its owner only
    assert _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="1").SECRET_KEY == s.SECRET_KEY  # reused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-secret-key"]  # no temporary file left
    # the demo is served over plain HTTP on 127.0.0.1; its mails are files under var/mail
    assert s.SECURE_SSL_REDIRECT is False and s.SECURE_HSTS_SECONDS == 0
    assert s.SESSION_COOKIE_SECURE is False and s.CSRF_COOKIE_SECURE is False
    assert s.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    mappe = s.EMAIL_FILE_PATH
    assert mappe == tmp_path / "mail"
    # another directory, another key
    assert _indstillinger(monkeypatch, tmp_path / "b", SOCIALSTYRING_DEBUG="1").SECRET_KEY != s.SECRET_KEY


def test_smtp_fra_miljoeet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s = _indstillinger(
        monkeypatch,
        tmp_path,
        SOCIALSTYRING_DEBUG="1",  # a mail server given is used by the demo too
        SOCIALSTYRING_EMAIL_HOST="smtp.rm.dk",
        SOCIALSTYRING_EMAIL_PORT="587",
        SOCIALSTYRING_EMAIL_USER="socialstyring",
        SOCIALSTYRING_EMAIL_PASSWORD="hemmeligt",
        SOCIALSTYRING_EMAIL_TLS="1",
        SOCIALSTYRING_EMAIL_FROM="Socialstyring <socialstyring@rm.dk>",
    )
    assert s.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD) == (
        "smtp.rm.dk",
        587,
        "socialstyring",
        "hemmeligt",
    )
    assert s.EMAIL_USE_TLS is True and s.EMAIL_USE_SSL is False and s.EMAIL_TIMEOUT == 10
    assert s.DEFAULT_FROM_EMAIL == "Socialstyring <socialstyring@rm.dk>"
    with pytest.raises(ImproperlyConfigured, match="SOCIALSTYRING_EMAIL_PORT='smtp' skal være et helt tal"):
        _indstillinger(monkeypatch, tmp_path, SOCIALSTYRING_DEBUG="1", SOCIALSTYRING_EMAIL_PORT="smtp")


# --- real processes ----------------------------------------------------------------------------


def test_check_deploy_er_rent_i_produktion(tmp_path: Path) -> None:
    svar = _manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SOCIALSTYRING_SECRET_KEY=secrets.token_urlsafe(50),
        SOCIALSTYRING_ALLOWED_HOSTS="socialstyring.rm.dk",
    )
    assert svar.returncode == 0, svar.stdout + svar.stderr
    # W021 (HSTS preload) is the one silenced check: preloading is the domain owner's decision
    assert svar.stdout == "System check identified no issues (1 silenced).\n"


def test_check_deploy_advarer_om_demoens_indstillinger(tmp_path: Path) -> None:
    """The same check on the demo's configuration: the warnings production has switched off."""
    svar = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", SOCIALSTYRING_DEBUG="1")
    assert svar.returncode != 0
    for advarsel in ("W004", "W008", "W012", "W016", "W018"):  # HSTS, SSL redirect, cookies, DEBUG
        assert f"security.{advarsel}" in svar.stderr, advarsel


def test_en_proces_uden_noegle_naegter_at_starte(tmp_path: Path) -> None:
    svar = _manage(tmp_path, "check")
    assert svar.returncode != 0
    assert (
        "ImproperlyConfigured: Socialstyring starter ikke: SOCIALSTYRING_SECRET_KEY mangler." in svar.stderr
    )


# --- passwords -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "fejl"),
    [
        ("demo1234", "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn."),
        ("password1234", "Denne adgangskode er for almindelig."),
        ("203948571029", "Denne adgangskode er udelukkende numerisk."),
        ("Sommerhus ved Limfjorden 7", None),
    ],
)
def test_adgangskoder_valideres(kode: str, fejl: str | None) -> None:
    """Django's four validators with a minimum of 12 characters (messages: Django's Danish)."""
    if fejl is None:
        validate_password(kode)
        return
    with pytest.raises(ValidationError) as e:
        validate_password(kode)
    assert fejl in e.value.messages


# --- failed logins ------------------------------------------------------------------------------

KODE = "Sommerhus ved Limfjorden 7"
FORKERT = "Indtast venligst korrekt brugernavn og adgangskode."
SPAERRET = "Login er spærret i 15 minutter efter 5 forkerte forsøg med dette brugernavn."


def _log_ind(klient: Client, kode: str, ip: str = "10.1.2.3") -> tuple[int, str]:
    svar = klient.post("/login/", {"username": "hansen", "password": kode}, REMOTE_ADDR=ip)
    return svar.status_code, svar.content.decode()


@pytest.mark.django_db
def test_mange_forkerte_adgangskoder_spaerrer_login_i_15_minutter() -> None:
    from axes.models import AccessAttempt

    User.objects.create_user("hansen", password=KODE)
    klient = Client()
    for forsoeg in range(1, 5):
        status, html = _log_ind(klient, f"forkert {forsoeg}")
        assert status == 200 and FORKERT in html, forsoeg
    start = time.monotonic()
    for forsoeg in range(5, 101):  # the 5th failure locks
        status, html = _log_ind(klient, f"forkert {forsoeg}")
        assert status == 429 and SPAERRET in html, forsoeg
    print(f"96 forsøg under spærringen: {time.monotonic() - start:.2f} s")
    # the right password is refused as well, on the same Danish page with the form
    status, html = _log_ind(klient, KODE)
    assert status == 429 and SPAERRET in html and '<h1 id="login-titel">Log ind</h1>' in html
    assert 'value="hansen"' in html and "_auth_user_id" not in klient.session
    # the lock is on the username from that address: the same user from another address gets in
    assert _log_ind(Client(), KODE, ip="10.9.9.9")[0] == 302

    # 14 minutes later (each try during the lockout started the 15 minutes again): still locked
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert _log_ind(Client(), KODE)[0] == 429
    # 15 minutes and a second after the last try: the right password works, the count starts over
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    svar = Client().post("/login/", {"username": "hansen", "password": KODE}, REMOTE_ADDR="10.1.2.3")
    assert svar.status_code == 302 and svar["Location"] == "/"
    assert not AccessAttempt.objects.filter(username="hansen", ip_address="10.1.2.3").exists()


@pytest.mark.django_db
def test_testklientens_login_taeller_ogsaa_forkerte_forsoeg() -> None:
    """The throttle is on in the tests as in production: `Client.login` goes through it too."""
    User.objects.create_user("hansen", password=KODE)
    klient = Client()
    assert not any(klient.login(username="hansen", password="forkert") for _ in range(5))
    assert not klient.login(username="hansen", password=KODE)  # locked


# --- the session ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sessionen_varer_en_arbejdsdag_og_slutter_med_browseren() -> None:
    User.objects.create_user("hansen", password=KODE)
    klient = Client()
    svar = klient.post("/login/", {"username": "hansen", "password": KODE})
    assert svar.status_code == 302
    cookie = svar.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert klient.session.get_expiry_age() == 8 * 3600


# --- reminders by e-mail (on the demo: Aarhus Kommune's 2018 report is a draft) ------------------


class _Postserverfejl(BaseEmailBackend):
    """A mail backend whose server fails (`fejl`)."""

    fejl: Exception = smtplib.SMTPException()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise self.fejl


class Afvist(_Postserverfejl):
    fejl = smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")


class Nede(_Postserverfejl):
    fejl = ConnectionRefusedError(111, "Connection refused")


class Tavs(_Postserverfejl):
    fejl = TimeoutError("timed out")


def _paamind_aarhus(klient: Client) -> str:
    """The secretariat sends Aarhus Kommune a reminder for 2018: the overview it lands on."""
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune")
    svar = klient.post(reverse("indberetning:indberetning_paamind", args=[aarhus.pk, 2018]), follow=True)
    assert svar.status_code == 200 and svar.redirect_chain[-1][0].endswith("?rammeaftale=midtjylland")
    return svar.content.decode()


def _sekretariat() -> Client:
    klient = Client()
    klient.force_login(User.objects.get(username="sekretariat"))
    return klient


def test_paamindelse_sendes_til_driftsherrens_adresse(demo: None) -> None:
    html = _paamind_aarhus(_sekretariat())
    assert "Påmindelsen er sendt til aarhus@demo.example." in html
    assert len(mail.outbox) == 1
    brev = mail.outbox[0]
    assert brev.to == ["aarhus@demo.example"]
    assert brev.subject == "Påmindelse: takstindberetning for 2018"
    assert brev.from_email == "socialstyring@localhost"
    assert brev.body.startswith(
        "Til Aarhus Kommune\n\nSekretariatet for Rammeaftale Midtjylland minder om takstindberetningen for 2018."
    )
    assert "Regelbogen har ingen frist for indberetningen" in brev.body  # Midtjylland has none
    aarhus = Driftsherre.objects.get(navn="Aarhus Kommune")
    assert f"http://testserver/indberetning/{aarhus.pk}/2018/" in brev.body
    p = Paamindelse.objects.get()
    assert (p.driftsherre, p.aar, p.modtagere) == (aarhus, 2018, "aarhus@demo.example")


@pytest.mark.parametrize("backend", ["Afvist", "Nede", "Tavs"])
def test_postfejl_giver_en_dansk_besked_og_intet_registreres(
    demo: None, backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    with override_settings(EMAIL_BACKEND=f"test_indstillinger.{backend}"):
        html = _paamind_aarhus(_sekretariat())
    assert (
        "Påmindelsen til Aarhus Kommune blev ikke sendt: postserveren svarede ikke eller afviste den. "
        "Prøv igen senere; varer det ved, så kontakt den, der driver Socialstyring."
    ) in html
    assert "Påmindelsen er sendt" not in html
    assert not Paamindelse.objects.exists() and not mail.outbox
    log = [r for r in caplog.records if r.name == "socialstyring.post"]
    assert len(log) == 1 and log[0].levelname == "ERROR"
    assert (
        log[0]
        .getMessage()
        .startswith("Påmindelse til Aarhus Kommune om 2018 blev ikke sendt (aarhus@demo.example): ")
    )


def test_ingen_postserver_giver_en_dansk_besked(demo: None) -> None:
    """Production's default (SMTP on localhost) with nothing listening: a real refused connection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        ledig_port = s.getsockname()[1]  # free once closed: nothing listens there
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=ledig_port,
    ):
        html = _paamind_aarhus(_sekretariat())
    assert "Påmindelsen til Aarhus Kommune blev ikke sendt" in html
    assert not Paamindelse.objects.exists()


# --- the demo ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bruger", ["sekretariat", "herning", "laeser"])
def test_demologins_virker_stadig(demo: None, bruger: str) -> None:
    """The demo's 'demo1234' is set by the loader, not through the validators."""
    svar = Client().post("/login/", {"username": bruger, "password": "demo1234"})
    assert svar.status_code == 302 and svar["Location"] == "/"
