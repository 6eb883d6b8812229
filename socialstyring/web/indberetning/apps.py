from django.apps import AppConfig


class IndberetningConfig(AppConfig):
    name = "socialstyring.web.indberetning"
    label = "indberetning"
    verbose_name = "Takstindberetning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.indberetning import omraade

        omraade.registrer()
