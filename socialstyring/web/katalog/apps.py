from django.apps import AppConfig


class KatalogConfig(AppConfig):
    name = "socialstyring.web.katalog"
    label = "katalog"
    verbose_name = "Takstkatalog"

    def ready(self) -> None:
        from socialstyring.web.katalog import omraade

        omraade.registrer()
        from socialstyring.web.faelles import jobarter as arter
        from socialstyring.web.katalog import pdfjob

        arter.registrer(arter.Jobart(pdfjob.ART, "Katalog som PDF", pdfjob.katalog_pdf))
