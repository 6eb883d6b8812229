"""URLs: login/logout, then every area's own URLs (`<app>/urls.py` with an `app_name`, its
namespace), found among the installed apps — so a new area adds no line here. An app mounts
below a prefix when its AppConfig says so (`url_praefiks`, e.g. the register's "register/")."""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.urls import include, path

from socialstyring.web.faelles.urls import login_urlpatterns


def omraadernes_urls() -> list[Any]:
    """The URL patterns of every installed app that has a namespaced `urls` module."""
    moenstre: list[Any] = list(login_urlpatterns)
    for app in apps.get_app_configs():
        navn = f"{app.name}.urls"
        if find_spec(navn) is None:
            continue
        modul = importlib.import_module(navn)
        if getattr(modul, "app_name", None):
            moenstre.append(path(getattr(app, "url_praefiks", ""), include(navn)))
    return moenstre


urlpatterns = omraadernes_urls()
