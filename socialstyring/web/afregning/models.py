"""A sent monthly statement (`Afregning`): one operator's statement to one paying
municipality for one month, frozen as it was sent — the engine's input and result with its
trace (`gemt.Gemtafregning`). Never changed; a correction is a new row with the next
`nummer`. A statement not sent is no record: it is computed from the stays when shown."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from socialstyring.web.register.models import AAR, Driftsherre, Kommune

MAANED = [MinValueValidator(1), MaxValueValidator(12)]


class Afregning(models.Model):
    """A sent statement, frozen (see the module)."""

    driftsherre = models.ForeignKey(
        Driftsherre, models.PROTECT, related_name="afregninger", verbose_name="driftsherre"
    )
    betalingskommune = models.ForeignKey(
        Kommune, models.PROTECT, related_name="modtagne_afregninger", verbose_name="betalingskommune"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    maaned = models.PositiveSmallIntegerField("måned", validators=MAANED)
    nummer = models.PositiveSmallIntegerField("version", default=1)
    i_alt = models.DecimalField("i alt", max_digits=14, decimal_places=2)
    indhold = models.JSONField("opgørelse og beregningsspor", default=dict)
    sendt = models.DateTimeField("sendt", default=timezone.now)
    sendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afregning"
        verbose_name_plural = "afregninger"
        ordering = ("driftsherre__navn", "betalingskommune__navn", "aar", "maaned", "nummer")
        constraints = (
            models.UniqueConstraint(
                fields=("driftsherre", "betalingskommune", "aar", "maaned", "nummer"), name="afregning_unik"
            ),
        )

    def __str__(self) -> str:
        return (
            f"Afregning {self.maaned:02d}-{self.aar} fra {self.driftsherre} til {self.betalingskommune}, "
            f"version {self.nummer}"
        )
