from django.apps import AppConfig


class FaellesConfig(AppConfig):
    name = "socialstyring.web.faelles"
    label = "faelles"
    verbose_name = "Fælles"

    def ready(self) -> None:
        from django.urls import register_converter

        from socialstyring.web.faelles.parametre import Heltalskonverter

        register_converter(Heltalskonverter, "heltal")  # before any URLconf is built
