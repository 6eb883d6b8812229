from django.apps import AppConfig


class LukningConfig(AppConfig):
    name = "socialstyring.web.lukning"
    label = "lukning"
    verbose_name = "Lukning af tilbud"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.lukning import omraade

        omraade.registrer()
