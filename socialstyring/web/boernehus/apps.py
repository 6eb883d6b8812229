"""The Børnehus area."""

from django.apps import AppConfig


class BoernehusConfig(AppConfig):
    name = "socialstyring.web.boernehus"
    label = "boernehus"
    verbose_name = "Børnehus"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.boernehus import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
