"""The reimbursement area (statsrefusion i særligt dyre enkeltsager)."""

from django.apps import AppConfig


class RefusionConfig(AppConfig):
    name = "socialstyring.web.refusion"
    label = "refusion"
    verbose_name = "Statsrefusion i særligt dyre enkeltsager"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.refusion import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
