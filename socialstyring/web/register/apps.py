from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "socialstyring.web.register"
    verbose_name = "Register"
    default_auto_field = "django.db.models.BigAutoField"
    url_praefiks = "register/"

    def ready(self) -> None:
        from socialstyring.web.register import omraade

        omraade.registrer()
