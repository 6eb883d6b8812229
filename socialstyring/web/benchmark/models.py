"""The municipal accounts by function as Danmarks Statistik publishes them (REGK31), imported
with `socialstyring benchmark indlaes`."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import AAR, Kommune


class Regnskabstal(models.Model):
    """A municipality's accounts on one function in one year, in kroner (REGK31's 1.000 kr. × 1.000)."""

    kommune = models.ForeignKey(Kommune, models.CASCADE, related_name="regnskabstal")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    funktion = models.CharField(
        "funktion", max_length=7, validators=[RegexValidator(r"^[0-9]\.[0-9]{2}\.[0-9]{2}$")]
    )  # "5.38.50": a function of the municipal chart of accounts
    funktionsnavn = models.CharField("funktionens navn", max_length=100, blank=True, validators=[ingen_cpr])
    regnskab = models.CharField(
        "regnskab",
        max_length=200,
        blank=True,
        validators=[ingen_cpr],
        help_text="dranst og art, som udtrækket skriver dem",
    )
    beloeb = models.DecimalField("beløb, kr.", max_digits=16, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "regnskabstal"
        verbose_name_plural = "regnskabstal"
        ordering = ("kommune", "aar", "funktion")
        constraints = (
            models.UniqueConstraint(fields=("kommune", "aar", "funktion"), name="regnskabstal_unik"),
        )

    def __str__(self) -> str:
        return f"{self.kommune} {self.aar} {self.funktion}"
