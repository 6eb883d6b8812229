"""Django settings: one module for the demo, the tests and production, chosen by the environment.

- **Development and the demo** (`make run`, the tests): `SOCIALSTYRING_DEBUG=1`. The secret key
  is `SOCIALSTYRING_SECRET_KEY` or, without it, a key generated once into `var/demo-secret-key`
  (file mode 0600) and reused.
- **Production** is the default (DEBUG off): it refuses to start without a real
  `SOCIALSTYRING_SECRET_KEY` (missing, shorter than 50 characters or the demo's), and turns on
  the HTTPS redirect, HSTS and secure cookies, each of which an environment variable can turn off
  (e.g. behind a TLS-terminating proxy). It refuses to start without `SOCIALSTYRING_CPR_NOEGLE`
  too, the key of the citizens' pseudonyms (the demo generates its own into
  `var/demo-cpr-noegle`). `manage.py check --deploy` is clean in this
  configuration (tests/test_indstillinger.py). The README's "Drift" section lists the variables.

SQLite under `var/` is the embedded default. Set SOCIALSTYRING_DATABASE_URL to
`postgresql://user:password@host:port/dbname` to use PostgreSQL (the supported server
database). Web processes keep no state of their own, so several can run side by side in
front of one PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SOCIALSTYRING_VAR", BASE_DIR / "var"))

SAND = ("1", "true", "ja", "yes", "on")
FALSK = ("0", "false", "nej", "no", "off")


def env_bool(navn: str, standard: bool) -> bool:
    """An on/off environment variable (1/0, true/false, ja/nej); `standard` when unset or empty."""
    vaerdi = os.environ.get(navn, "").strip().lower()
    if not vaerdi:
        return standard
    if vaerdi in SAND:
        return True
    if vaerdi in FALSK:
        return False
    raise ImproperlyConfigured(f"{navn}={vaerdi!r} forstås ikke: skriv 1 (til) eller 0 (fra).")


def env_int(navn: str, standard: int) -> int:
    """A whole-number environment variable; `standard` when unset or empty."""
    vaerdi = os.environ.get(navn, "").strip()
    if not vaerdi:
        return standard
    try:
        return int(vaerdi)
    except ValueError:
        raise ImproperlyConfigured(f"{navn}={vaerdi!r} skal være et helt tal.") from None


def env_liste(navn: str, standard: str = "") -> list[str]:
    """A comma-separated environment variable, without empty entries."""
    return [v.strip() for v in os.environ.get(navn, standard).split(",") if v.strip()]


# --- secret key ------------------------------------------------------------------------------

MIN_NOEGLELAENGDE = 50
"""Django's own minimum for a secret key (`check --deploy`, security.W009)."""
DEMO_NOEGLEFIL = "demo-secret-key"
"""The demo's generated key, in VAR_DIR."""
KENDTE_USIKRE_NOEGLER = frozenset({"dev-only-ikke-til-produktion"})
"""Keys that have stood in the source and so are known to everyone."""


def demo_noegle(fil: Path) -> str:
    """The demo's secret key: generated into `fil` (mode 0600) the first time, then reused.
    The file is created atomically, so two processes starting at once get the same key."""
    try:
        return fil.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    fil.parent.mkdir(parents=True, exist_ok=True)
    midlertidig = fil.with_name(f".{fil.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(midlertidig, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as ud:
        ud.write(secrets.token_urlsafe(MIN_NOEGLELAENGDE) + "\n")
    try:
        os.link(midlertidig, fil)  # fails if another process got there first: use its key
    except FileExistsError:
        pass
    finally:
        midlertidig.unlink()
    return fil.read_text(encoding="ascii").strip()


def produktionsnoegle(noegle: str | None, demofil: Path) -> str:
    """The secret key for production, or ImproperlyConfigured saying what is wrong with it."""
    hjaelp = (
        "Sæt SOCIALSTYRING_SECRET_KEY til en tilfældig nøgle på mindst "
        f"{MIN_NOEGLELAENGDE} tegn, fx lavet med "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, og hold den hemmelig. "
        "Til demoen og udvikling på egen maskine: sæt SOCIALSTYRING_DEBUG=1 (som `make run` gør)."
    )
    noegle = (noegle or "").strip()
    if not noegle:
        raise ImproperlyConfigured(f"Socialstyring starter ikke: SOCIALSTYRING_SECRET_KEY mangler. {hjaelp}")
    if len(noegle) < MIN_NOEGLELAENGDE or len(set(noegle)) < 5:
        raise ImproperlyConfigured(
            f"Socialstyring starter ikke: SOCIALSTYRING_SECRET_KEY er for kort eller for ensformig "
            f"({len(noegle)} tegn). {hjaelp}"
        )
    demo = demofil.read_text(encoding="ascii").strip() if demofil.exists() else None
    if noegle in KENDTE_USIKRE_NOEGLER or noegle == demo or noegle.startswith("django-insecure"):
        raise ImproperlyConfigured(
            f"Socialstyring starter ikke: SOCIALSTYRING_SECRET_KEY er demoens eller en kendt nøgle. {hjaelp}"
        )
    return noegle


DEBUG = env_bool("SOCIALSTYRING_DEBUG", False)
"""Off unless asked for: a bare `gunicorn` or `manage.py` runs as production."""

if DEBUG:
    SECRET_KEY = os.environ.get("SOCIALSTYRING_SECRET_KEY") or demo_noegle(VAR_DIR / DEMO_NOEGLEFIL)
else:
    SECRET_KEY = produktionsnoegle(os.environ.get("SOCIALSTYRING_SECRET_KEY"), VAR_DIR / DEMO_NOEGLEFIL)

# --- the key of the citizens' pseudonyms (CPR numbers are never stored) ----------------------

CPR_NOEGLEFIL = "demo-cpr-noegle"
"""The demo's generated key for pseudonymising CPR numbers, in VAR_DIR."""


def cpr_produktionsnoegle(noegle: str | None, demofil: Path) -> str:
    """The key of the HMAC that turns a CPR number into a citizen's pseudonym
    (`io.cpr.pseudonym`), or ImproperlyConfigured saying what is wrong with it. Never in the
    database: with the key, a pseudonym can be checked against every CPR number."""
    hjaelp = (
        "Sæt SOCIALSTYRING_CPR_NOEGLE til en tilfældig nøgle på mindst "
        f"{MIN_NOEGLELAENGDE} tegn (en anden end SOCIALSTYRING_SECRET_KEY), fx lavet med "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, hold den hemmelig, og skift den "
        "aldrig (så kendes de samme borgere ikke igen). "
        "Til demoen og udvikling på egen maskine: sæt SOCIALSTYRING_DEBUG=1 (som `make run` gør)."
    )
    noegle = (noegle or "").strip()
    if not noegle:
        raise ImproperlyConfigured(f"Socialstyring starter ikke: SOCIALSTYRING_CPR_NOEGLE mangler. {hjaelp}")
    if len(noegle) < MIN_NOEGLELAENGDE or len(set(noegle)) < 5:
        raise ImproperlyConfigured(
            f"Socialstyring starter ikke: SOCIALSTYRING_CPR_NOEGLE er for kort eller for ensformig "
            f"({len(noegle)} tegn). {hjaelp}"
        )
    demo = demofil.read_text(encoding="ascii").strip() if demofil.exists() else None
    if noegle in (demo, SECRET_KEY):
        raise ImproperlyConfigured(
            "Socialstyring starter ikke: SOCIALSTYRING_CPR_NOEGLE er demoens nøgle eller den samme som "
            f"SOCIALSTYRING_SECRET_KEY. {hjaelp}"
        )
    return noegle


if DEBUG:
    CPR_NOEGLE = os.environ.get("SOCIALSTYRING_CPR_NOEGLE") or demo_noegle(VAR_DIR / CPR_NOEGLEFIL)
else:
    CPR_NOEGLE = cpr_produktionsnoegle(os.environ.get("SOCIALSTYRING_CPR_NOEGLE"), VAR_DIR / CPR_NOEGLEFIL)

ALLOWED_HOSTS = env_liste("SOCIALSTYRING_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_liste("SOCIALSTYRING_CSRF_TRUSTED_ORIGINS")

# --- HTTPS: on by default in production; each can be turned off (or on) by its variable -------

SECURE_SSL_REDIRECT = env_bool("SOCIALSTYRING_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SOCIALSTYRING_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SOCIALSTYRING_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SOCIALSTYRING_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SOCIALSTYRING_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SOCIALSTYRING_CSRF_COOKIE_SECURE", not DEBUG)
# Behind a proxy that terminates TLS: trust its X-Forwarded-Proto header (opt-in; the proxy must
# set it on every request and strip it from the client's).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SOCIALSTYRING_SECURE_PROXY_SSL_HEADER", False) else None
)
# Putting the domain on the browsers' HSTS preload list is the domain owner's decision and hard
# to undo, so the preload directive is opt-in (SOCIALSTYRING_SECURE_HSTS_PRELOAD=1) and
# `check --deploy`'s reminder of it (security.W021) is silenced while it is off.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- sessions: shared office PCs -------------------------------------------------------------

SESSION_COOKIE_AGE = 8 * 3600  # a working day from login (absolute: not renewed on each request)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- passwords and login ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before the password is tried
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins (django-axes): 5 wrong passwords for one username from one address lock that
# pair out for 15 minutes (each further try during the lockout starts the 15 minutes again);
# the login page says so in Danish (`faelles.views.login_spaerret`).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "socialstyring.web.faelles.views.login_spaerret"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    # The job queue in PostgreSQL (procrastinate; web/jobber). Its tables exist on PostgreSQL only:
    # on the embedded SQLite its migrations are skipped (MIGRATION_MODULES below) and jobs run in
    # a thread of the web process instead (`jobber.koe`).
    "procrastinate.contrib.django",
    # The areas (one app each; see docs/arkitektur.md). Each registers its own menu items,
    # front-page cards and access rules, and its URLs are mounted by `urls.py`.
    "socialstyring.web.faelles",
    "socialstyring.web.lister",  # the lists' search, filters, sorting, paging and Excel (shared)
    "socialstyring.web.excelimport",  # the Excel upload page and what an import did (shared)
    "socialstyring.web.register",
    "socialstyring.web.kategori",
    "socialstyring.web.historik",
    "socialstyring.web.befolkning",
    "socialstyring.web.takstberegning",
    "socialstyring.web.indberetning",
    "socialstyring.web.takstskabelon",  # the rate report's Excel template: download and import
    "socialstyring.web.katalog",
    "socialstyring.web.aendringer",
    "socialstyring.web.belaegning",
    "socialstyring.web.regnskab",
    "socialstyring.web.lukning",
    "socialstyring.web.ledelsesinfo",
    "socialstyring.web.regelbog",
    "socialstyring.web.refusion",  # state reimbursement in particularly expensive cases
    "socialstyring.web.refusionskrav",  # its quarterly claims, forecast and the secretariat's totals
    "socialstyring.web.ophold",  # stays (indskrivninger) of citizens, pseudonymised
    "socialstyring.web.afregning",  # inter-municipal billing: monthly statements from the stays
    "socialstyring.web.boernehus",  # a Børnehus' capacity, budget, objective financing and rate per case
    "socialstyring.web.scenarie",  # savings scenarios: effects per operator and paying municipality
    "socialstyring.web.socialtilsyn",  # a supervision unit: budget, rates per size group, objective financing
    "socialstyring.web.ledsagelse",  # companion purchase during holidays: the calculator
    "socialstyring.web.landsdaekkende",  # objectively financed national offers (Kofoedsminde)
    "socialstyring.web.benchmark",  # spending per inhabitant against the national average (REGK31)
    "socialstyring.web.prognose",  # expenditure forecasts of an area with simulated bands
    "socialstyring.web.genopretning",  # a municipality's reduction plans (genopretningsplaner)
    "socialstyring.web.drift",  # operations: backup and restore of the whole database
    "socialstyring.web.api",  # the JSON API at /api/v1/ (django-ninja, token per user)
    "socialstyring.web.jobber",  # background jobs: the queue, their progress and kept results
    "socialstyring.web.aarsafregning",  # the year's billing of whole agreements, as a background job
    "socialstyring.web.takster",  # the former rate app: its migration history only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # the static files, from the app itself (see below)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "socialstyring.web.faelles.databasefejl.Databasefejl",  # a lost connection: 503, nothing saved
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "socialstyring.web.urls"
WSGI_APPLICATION = "socialstyring.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialstyring.web.faelles.navigering.navigering",
            ],
        },
    },
]

# The forms' fields are rendered by Django's own widget templates for Jinja2 (the same markup as
# its template language gives, whitespace aside, in about a third of the time), and the plain
# inputs and text areas in Python with that same markup (`web/feltrenderer.py`): a page with a
# row per service (the occupancy and rate-report forms: a thousand widgets) spent most of its
# time there.
FORM_RENDERER = "socialstyring.web.feltrenderer.Feltrenderer"


def database_from_url(url: str | None) -> dict[str, Any]:
    """The DATABASES['default'] entry for a URL, or embedded SQLite when none is set."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "socialstyring.sqlite3",
            "OPTIONS": {
                # Concurrent users: every transaction takes the write lock when it begins
                # (so two saves queue instead of one failing on "database is locked" when it
                # upgrades a read lock), waits up to 20 s for it, and readers never block
                # the writer (write-ahead log).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    u = urlparse(url)
    if u.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"SOCIALSTYRING_DATABASE_URL: ukendt databasetype '{u.scheme}'")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": u.path.lstrip("/"),
        "USER": unquote(u.username or ""),
        "PASSWORD": unquote(u.password or ""),
        "HOST": u.hostname or "",
        "PORT": str(u.port or ""),
        # A web process keeps its connection between requests (each new one costs PostgreSQL a
        # process and both sides the password exchange), checked before each request is served.
        "CONN_MAX_AGE": env_int("SOCIALSTYRING_DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        "CONN_HEALTH_CHECKS": True,
    }


DATABASES = {"default": database_from_url(os.environ.get("SOCIALSTYRING_DATABASE_URL"))}
PAA_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if not PAA_POSTGRESQL:
    MIGRATION_MODULES = {"procrastinate": None}  # its migrations are PostgreSQL's SQL; no tables here
JOBKOE = os.environ.get("SOCIALSTYRING_JOBKOE") or ("procrastinate" if PAA_POSTGRESQL else "traad")
"""Where a background job runs: "procrastinate" (the queue in PostgreSQL, run by
`socialstyring jobber arbejd`), "traad" (the embedded SQLite: a thread of the web process,
after the transaction that created the job commits) or "straks" (the tests: right after that
commit, in the same thread)."""
JOB_HJERTESLAG_SEKUNDER = float(os.environ.get("SOCIALSTYRING_JOB_HJERTESLAG") or 30)
"""A worker sends a heartbeat every third of this; a job whose worker has sent none for this
long (it died) is run again by another worker (`jobber.koe`)."""
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# `manage.py collectstatic` copies the static files here; WhiteNoise serves them from the app's own
# processes (gzip-compressed, with cache headers), so no web server in front
# needs the files. In development it reads them from the apps directly.
STATIC_ROOT = Path(os.environ.get("SOCIALSTYRING_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# JSON fixtures and backups keep times to the microsecond (web/drift/serialisering.py)
SERIALIZATION_MODULES = {"json": "socialstyring.web.drift.serialisering"}
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# --- e-mail (the reminders of the rate reporting) --------------------------------------------
# With SOCIALSTYRING_EMAIL_HOST: SMTP. Without it the demo writes each mail as a file under
# var/mail (to read them), and production uses Django's default, SMTP on localhost:25.

EMAIL_HOST = os.environ.get("SOCIALSTYRING_EMAIL_HOST", "").strip()
if EMAIL_HOST or not DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = EMAIL_HOST or "localhost"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_PORT = env_int("SOCIALSTYRING_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("SOCIALSTYRING_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SOCIALSTYRING_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SOCIALSTYRING_EMAIL_TLS", False)  # STARTTLS (usually port 587)
EMAIL_USE_SSL = env_bool("SOCIALSTYRING_EMAIL_SSL", False)  # TLS from the start (usually port 465)
EMAIL_TIMEOUT = env_int("SOCIALSTYRING_EMAIL_TIMEOUT", 10)  # seconds; a silent server fails the send
DEFAULT_FROM_EMAIL = os.environ.get("SOCIALSTYRING_EMAIL_FROM", "socialstyring@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
