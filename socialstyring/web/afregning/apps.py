"""The billing area (mellemkommunal afregning)."""

from django.apps import AppConfig


class AfregningConfig(AppConfig):
    name = "socialstyring.web.afregning"
    label = "afregning"
    verbose_name = "Mellemkommunal afregning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.afregning import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
