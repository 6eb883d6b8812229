from django.apps import AppConfig


class BefolkningConfig(AppConfig):
    name = "socialstyring.web.befolkning"
    label = "befolkning"
    verbose_name = "Befolkning"
    default_auto_field = "django.db.models.BigAutoField"
