"""Django settings.

SQLite under `var/` is the embedded default. Set SOCIALSTYRING_DATABASE_URL to
`postgresql://user:password@host:port/dbname` to use PostgreSQL (the supported server
database). Web processes keep no state of their own, so several can run side by side in
front of one PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SOCIALSTYRING_VAR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SOCIALSTYRING_SECRET_KEY", "dev-only-ikke-til-produktion")
DEBUG = os.environ.get("SOCIALSTYRING_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("SOCIALSTYRING_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    # The areas (one app each; see docs/arkitektur.md). Each registers its own menu items,
    # front-page cards and access rules, and its URLs are mounted by `urls.py`.
    "socialstyring.web.faelles",
    "socialstyring.web.register",
    "socialstyring.web.historik",
    "socialstyring.web.befolkning",
    "socialstyring.web.takstberegning",
    "socialstyring.web.indberetning",
    "socialstyring.web.katalog",
    "socialstyring.web.aendringer",
    "socialstyring.web.belaegning",
    "socialstyring.web.regnskab",
    "socialstyring.web.lukning",
    "socialstyring.web.ledelsesinfo",
    "socialstyring.web.takster",  # the former rate app: its migration history only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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


def database_from_url(url: str | None) -> dict[str, Any]:
    """The DATABASES['default'] entry for a URL, or embedded SQLite when none is set."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "socialstyring.sqlite3"}
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
    }


DATABASES = {"default": database_from_url(os.environ.get("SOCIALSTYRING_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
