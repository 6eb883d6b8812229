from django.apps import AppConfig


class FaellesConfig(AppConfig):
    name = "socialstyring.web.faelles"
    label = "faelles"
    verbose_name = "Fælles"

    def ready(self) -> None:
        from django.urls import register_converter
        from django.urls.converters import get_converters

        from socialstyring.web.faelles.parametre import Heltalskonverter

        if "heltal" not in get_converters():  # ready() runs again when a test reinstalls the apps
            register_converter(Heltalskonverter, "heltal")  # before any URLconf is built
