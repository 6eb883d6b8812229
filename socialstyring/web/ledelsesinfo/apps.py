from django.apps import AppConfig


class LedelsesinfoConfig(AppConfig):
    name = "socialstyring.web.ledelsesinfo"
    label = "ledelsesinfo"
    verbose_name = "Ledelsesinformation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.ledelsesinfo import omraade

        omraade.registrer()
