from django.apps import AppConfig


class RefusionskravConfig(AppConfig):
    name = "socialstyring.web.refusionskrav"
    label = "refusionskrav"
    verbose_name = "Refusionskrav"
