"""The JSON API (see the package)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "socialstyring.web.api"
    label = "api"
    verbose_name = "JSON-API"
    default_auto_field = "django.db.models.BigAutoField"
    url_praefiks = "api/v1/"
