from django.apps import AppConfig


class TakstskabelonConfig(AppConfig):
    name = "socialstyring.web.takstskabelon"
    label = "takstskabelon"
    verbose_name = "Takstindberetningens Excel-skabelon"

    def ready(self) -> None:
        from socialstyring.web.takstskabelon import adgang  # noqa: F401  # registers the rules
