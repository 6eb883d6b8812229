from django.apps import AppConfig


class EksempelConfig(AppConfig):
    name = "omraade_eksempel"
    label = "omraade_eksempel"
    verbose_name = "Eksempel"

    def ready(self) -> None:
        from omraade_eksempel import omraade

        omraade.registrer()
