"""The reduction plan area."""

from django.apps import AppConfig


class GenopretningConfig(AppConfig):
    name = "socialstyring.web.genopretning"
    label = "genopretning"
    verbose_name = "Genopretningsplaner"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.genopretning import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
