from django.apps import AppConfig


class KategoriConfig(AppConfig):
    name = "socialstyring.web.kategori"
    verbose_name = "Kategori"
    default_auto_field = "django.db.models.BigAutoField"
    url_praefiks = "register/"  # the category is part of the offer's page

    def ready(self) -> None:
        from socialstyring.web.kategori import omraade

        omraade.registrer()
