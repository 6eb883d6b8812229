from django.apps import AppConfig


class HistorikConfig(AppConfig):
    name = "socialstyring.web.historik"
    label = "historik"
    verbose_name = "Historik"
    url_praefiks = "register/"
