from django.apps import AppConfig


class ListerConfig(AppConfig):
    name = "socialstyring.web.lister"
    label = "lister"
    verbose_name = "Lister"
