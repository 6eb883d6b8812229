"""Statements of the settlement when a tilbud closes (`Lukningsopgoerelse`): the input as
entered and the engine's result, trace included, as it was computed.

`Lukningsopgoerelse` was created by the former `takster` app and keeps its tables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.lukning import Opgoerelsesart
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import Tilbud

OPGOERELSE_VALG = [(a.value, a.overskrift) for a in Opgoerelsesart]
"""Preliminary or final statement: the engine's `Opgoerelsesart`."""


class Lukningsopgoerelse(models.Model):
    """A statement of the settlement when a tilbud closes (`beregning.lukning`): the input as
    entered and the engine's result (`til_json`, trace included) as it was computed."""

    tilbud = models.ForeignKey(
        Tilbud, models.CASCADE, related_name="lukningsopgoerelser", verbose_name="tilbud"
    )
    opgoerelse = models.CharField("opgørelse", max_length=10, choices=OPGOERELSE_VALG)
    beslutningsdato = models.DateField("beslutningsdato")
    center = models.CharField("center/ledelsesområde", max_length=200, validators=[ingen_cpr])
    tilbuddets_resultat = models.DecimalField("tilbuddets resultat", max_digits=14, decimal_places=2)
    centrets_resultat = models.DecimalField("centrets samlede resultat", max_digits=14, decimal_places=2)
    kommuner = models.JSONField(
        "betalingskommuner",
        default=list,
        help_text="[{kode, navn, belaegningsdage: {år: dage}}]",
    )
    resultat = models.JSONField("opgørelse og beregningsspor", default=dict)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords(table_name="takster_historicallukningsopgoerelse")

    class Meta:
        db_table = "takster_lukningsopgoerelse"
        verbose_name = "lukningsopgørelse"
        verbose_name_plural = "lukningsopgørelser"
        ordering = ("-oprettet",)

    def __str__(self) -> str:
        return f"{self.get_opgoerelse_display()}: {self.tilbud}"
