"""Used days an operator reports per service and quarter (`Forbrug`); the occupancy is
always recomputed by the engine (`beregning.belaegning`).

`Forbrug` was created by the former `takster` app and keeps its tables (`db_table`)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Ydelse


class Forbrug(Versioneret):
    """Used days (brugte dage) an operator reports for one service and one quarter; the
    occupancy itself is always recomputed by the engine (`beregning.belaegning`)."""

    ydelse = models.ForeignKey(Ydelse, models.CASCADE, related_name="forbrug", verbose_name="ydelse")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kvartal = models.PositiveSmallIntegerField("kvartal", choices=[(k, f"Q{k}") for k in range(1, 5)])
    brugte_dage = models.DecimalField("brugte dage", max_digits=10, decimal_places=2)
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords(table_name="takster_historicalforbrug")

    class Meta:
        db_table = "takster_forbrug"
        verbose_name = "forbrug"
        verbose_name_plural = "forbrug"
        ordering = ("ydelse__tilbud__navn", "ydelse__navn", "aar", "kvartal")
        constraints = (
            models.UniqueConstraint(fields=("ydelse", "aar", "kvartal"), name="forbrug_unikt_pr_kvartal"),
            models.CheckConstraint(condition=models.Q(brugte_dage__gte=0), name="forbrug_ikke_negativt"),
        )

    def __str__(self) -> str:
        return f"Forbrug Q{self.kvartal} {self.aar}: {self.ydelse}"
