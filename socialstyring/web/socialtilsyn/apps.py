"""The social supervision area."""

from django.apps import AppConfig


class SocialtilsynConfig(AppConfig):
    name = "socialstyring.web.socialtilsyn"
    label = "socialtilsyn"
    verbose_name = "Socialtilsyn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.socialtilsyn import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
