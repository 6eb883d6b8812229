from django.apps import AppConfig


class TaksterConfig(AppConfig):
    """The former `takster` app: its migrations only (see the package's docstring)."""

    name = "socialstyring.web.takster"
    label = "takster"
    verbose_name = "Takster (migrationshistorik)"
    default_auto_field = "django.db.models.BigAutoField"
