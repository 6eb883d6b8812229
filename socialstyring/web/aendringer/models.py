"""In-year changes of rate or capacity (`Aendring`): the change as filed, and its assessed
consequences and notification as they were computed and sent (`konsekvens`).

`Aendring` was created by the former `takster` app and keeps its tables (`db_table`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import Tilbud, Ydelse

AENDRINGSTYPE_VALG = [(t.value, t.label) for t in Aendringstype]
"""The kinds of change are the engine's (`kerne.typer.Aendringstype`)."""


class Aendring(models.Model):
    """An in-year change of rate or capacity (seed 002, "Ændring af takster og kapacitet
    i Styringsaftaleperioden"), with its consequences and notification."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="aendringer")
    ydelse = models.ForeignKey(Ydelse, models.CASCADE, null=True, blank=True, related_name="aendringer")
    type = models.CharField("type", max_length=20, choices=AENDRINGSTYPE_VALG)
    begrundelse = models.TextField("begrundelse", validators=[ingen_cpr])
    gammel_takst = models.DecimalField("takst før", max_digits=14, decimal_places=2, null=True, blank=True)
    ny_takst = models.DecimalField("takst efter", max_digits=14, decimal_places=2, null=True, blank=True)
    gamle_pladser = models.DecimalField("pladser før", max_digits=8, decimal_places=2, null=True, blank=True)
    nye_pladser = models.DecimalField("pladser efter", max_digits=8, decimal_places=2, null=True, blank=True)
    beslutningsdato = models.DateField("beslutningsdato")
    ikrafttraedelse = models.DateField("ikrafttrædelse")
    kraever_hoering = models.BooleanField("kræver høring i Socialdirektørforum", default=False)
    konsekvens = models.JSONField("konsekvenser og beregningsspor", default=dict, blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords(table_name="takster_historicalaendring")

    class Meta:
        db_table = "takster_aendring"
        verbose_name = "ændring i året"
        verbose_name_plural = "ændringer i året"
        ordering = ("-beslutningsdato",)

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.tilbud}"
