from django.apps import AppConfig


class RegnskabConfig(AppConfig):
    name = "socialstyring.web.regnskab"
    label = "regnskab"
    verbose_name = "Regnskab og resultat"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.regnskab import omraade

        omraade.registrer()
