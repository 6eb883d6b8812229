from django.apps import AppConfig


class OpholdConfig(AppConfig):
    name = "socialstyring.web.ophold"
    label = "ophold"
    verbose_name = "Ophold"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.ophold import omraade

        omraade.registrer()
