from django.apps import AppConfig


class RegelbogConfig(AppConfig):
    name = "socialstyring.web.regelbog"
    label = "regelbog"
    verbose_name = "Regelbog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.regelbog import omraade

        omraade.registrer()
