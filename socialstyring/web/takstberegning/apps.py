from django.apps import AppConfig


class TakstberegningConfig(AppConfig):
    name = "socialstyring.web.takstberegning"
    label = "takstberegning"
    verbose_name = "Takstberegning"

    def ready(self) -> None:
        from socialstyring.web.takstberegning import omraade

        omraade.registrer()
