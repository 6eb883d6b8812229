"""Companion purchase during holidays (tilkøb af ledsagelse under ferie)."""

from django.apps import AppConfig


class LedsagelseConfig(AppConfig):
    name = "socialstyring.web.ledsagelse"
    label = "ledsagelse"
    verbose_name = "Tilkøb af ledsagelse under ferie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.ledsagelse import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
