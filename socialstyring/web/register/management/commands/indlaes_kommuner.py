"""`indlaes_kommuner`: the 5 framework agreements and the 98 municipalities
(`register.services.indlaes_kommuner`; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from socialstyring.web.register.models import Kommune, Rammeaftale
from socialstyring.web.register.services import indlaes_kommuner


class Command(BaseCommand):
    help = "Indlæser de 5 rammeaftaler og de 98 kommuner (kan køres igen uden at lave dubletter)."

    def handle(self, *args: Any, **options: Any) -> None:
        r = indlaes_kommuner()
        self.stdout.write(
            f"Rammeaftaler: {Rammeaftale.objects.count()} ({r.rammeaftaler_nye} nye); "
            f"kommuner: {Kommune.objects.count()} ({r.kommuner_nye} nye); ændrede: {r.aendrede}."
        )
