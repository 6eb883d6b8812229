from django.apps import AppConfig


class KatalogConfig(AppConfig):
    name = "socialstyring.web.katalog"
    label = "katalog"
    verbose_name = "Takstkatalog"

    def ready(self) -> None:
        from socialstyring.web.katalog import omraade

        omraade.registrer()
