"""Benchmarks of municipal spending (see the package)."""

from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "socialstyring.web.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from socialstyring.web.benchmark import adgang, omraade  # noqa: F401  # registers the rules

        omraade.registrer()
