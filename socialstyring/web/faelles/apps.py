from django.apps import AppConfig


class FaellesConfig(AppConfig):
    name = "socialstyring.web.faelles"
    label = "faelles"
    verbose_name = "Fælles"
