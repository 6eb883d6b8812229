"""The savings-scenario area."""

from django.apps import AppConfig


class ScenarieConfig(AppConfig):
    name = "socialstyring.web.scenarie"
    label = "scenarie"
    verbose_name = "Besparelsesscenarier"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.scenarie import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
