"""A rulebook value entered in the app (`Regelaendring`): one value of one parameter in one
layer (an agreement's or the national one), with its dates and its source or assumption,
layered over the shipped rulebook by `selectors.gaeldende_regelbog`.

The value is kept as JSON in the rule file's terms: a number as its exact decimal text
("1.3"), a whole number, a text, a choice, a deadline ("11-01") or a notice period (a table);
`selectors.raa_vaerdi` gives it back as the rulebook reads it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.regler import LAG
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret

LAG_VALG = [(lag, lag) for lag in LAG]


class Regelaendring(Versioneret):
    """One value entered in the app for parameter `parameter` of layer `lag` (see the module)."""

    lag = models.CharField("lag", max_length=20, choices=LAG_VALG)
    parameter = models.CharField("parameter", max_length=100, validators=[ingen_cpr])
    fra = models.DateField("gælder fra")
    til = models.DateField("gælder til", null=True, blank=True)
    vaerdi = models.JSONField("værdi")
    kilde_dokument = models.CharField("kilde: dokument", max_length=500, blank=True, validators=[ingen_cpr])
    kilde_afsnit = models.CharField("kilde: afsnit", max_length=500, blank=True, validators=[ingen_cpr])
    kilde_url = models.CharField("kilde: adresse", max_length=500, blank=True, validators=[ingen_cpr])
    kilde_note = models.TextField("kilde: note", blank=True, validators=[ingen_cpr])
    antaget = models.TextField("antagelse", blank=True, validators=[ingen_cpr])
    oprettet = models.DateTimeField("indtastet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    aendret = models.DateTimeField("senest ændret", auto_now=True)
    aendret_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indtastet regelværdi"
        verbose_name_plural = "indtastede regelværdier"
        ordering = ("lag", "parameter", "fra")
        constraints = (
            models.UniqueConstraint(fields=("lag", "parameter", "fra"), name="regelaendring_een_pr_fra"),
        )

    def __str__(self) -> str:
        return f"{self.parameter} fra {self.fra:%d-%m-%Y} ({self.lag})"
