from django.apps import AppConfig


class TaksterConfig(AppConfig):
    name = "socialstyring.web.takster"
    label = "takster"
    verbose_name = "Takster"
    default_auto_field = "django.db.models.BigAutoField"
