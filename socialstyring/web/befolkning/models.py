"""Population per municipality, year and age band (Danmarks Statistik FOLK1A): what objective
financing by number of inhabitants and spending per inhabitant are computed from.

`Befolkning` was created by the register and keeps its table (`db_table`)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.register.models import AAR, Kommune


class Aldersgruppe(models.TextChoices):
    BOERN = "0-17", "0–17 år"
    VOKSNE = "18-64", "18–64 år"
    AELDRE = "65+", "65 år og derover"


class Befolkning(models.Model):
    """Population per municipality, year and age band (Danmarks Statistik FOLK1A)."""

    kommune = models.ForeignKey(Kommune, models.CASCADE, related_name="befolkning")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    aldersgruppe = models.CharField("aldersgruppe", max_length=5, choices=Aldersgruppe.choices)
    antal = models.PositiveIntegerField("antal")
    history = HistoricalRecords()

    class Meta:
        db_table = "register_befolkning"
        verbose_name = "befolkningstal"
        verbose_name_plural = "befolkningstal"
        constraints = (
            models.UniqueConstraint(fields=("kommune", "aar", "aldersgruppe"), name="befolkning_unik"),
        )
