from django.apps import AppConfig


class AendringerConfig(AppConfig):
    name = "socialstyring.web.aendringer"
    label = "aendringer"
    verbose_name = "Ændringer i året"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.aendringer import omraade

        omraade.registrer()
