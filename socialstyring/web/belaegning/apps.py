from django.apps import AppConfig


class BelaegningConfig(AppConfig):
    name = "socialstyring.web.belaegning"
    label = "belaegning"
    verbose_name = "Belægning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.belaegning import omraade

        omraade.registrer()
