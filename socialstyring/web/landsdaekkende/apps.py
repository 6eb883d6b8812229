"""Objectively financed national offers (Kofoedsminde)."""

from django.apps import AppConfig


class LandsdaekkendeConfig(AppConfig):
    name = "socialstyring.web.landsdaekkende"
    label = "landsdaekkende"
    verbose_name = "Objektivt finansierede landsdækkende tilbud"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.landsdaekkende import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
