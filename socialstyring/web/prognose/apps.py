"""The expenditure forecast area."""

from django.apps import AppConfig


class PrognoseConfig(AppConfig):
    name = "socialstyring.web.prognose"
    label = "prognose"
    verbose_name = "Udgiftsprognose"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.prognose import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
