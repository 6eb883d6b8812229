"""Figures an agreement has published for a pair of years (its own management information
report), kept so the computed tables can be compared with them (`beregning.ledelsesinfo.
konsistens`): every difference is shown with its explanation, on the page and in the files.

`figurer` is a versioned list (`publikation.Publikation`): one entry per printed figure with
its place in the tables (table, group, row, column) and its value as printed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import AAR, Rammeaftale


class PubliceredeTal(models.Model):
    rammeaftale = models.ForeignKey(Rammeaftale, models.CASCADE, related_name="publicerede_tal")
    forrige_aar = models.PositiveSmallIntegerField("forrige år", validators=AAR)
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kilde = models.CharField(
        "kilde",
        max_length=300,
        help_text="Dokumentets navn, fx rapportens titel og dato",
        validators=[ingen_cpr],
    )
    figurer = models.JSONField("figurer", default=dict)
    indlaest = models.DateTimeField("indlæst", auto_now=True)
    indlaest_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "publicerede tal"
        verbose_name_plural = "publicerede tal"
        constraints = (
            models.UniqueConstraint(
                fields=("rammeaftale", "forrige_aar", "aar"), name="publicerede_tal_unikke"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kilde} ({self.forrige_aar}–{self.aar})"
