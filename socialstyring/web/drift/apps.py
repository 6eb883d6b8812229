"""Operations (see the package). No models, no pages: commands for the administrator."""

from django.apps import AppConfig


class DriftConfig(AppConfig):
    name = "socialstyring.web.drift"
    label = "drift"
    verbose_name = "Drift"
    default_auto_field = "django.db.models.BigAutoField"
