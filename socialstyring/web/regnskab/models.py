"""A tilbud's accounts for a year (`Regnskab`); its result and settlement are always
recomputed by the engine (`beregning.resultat`), never stored.

`Regnskab` was created by the former `takster` app and keeps its tables (`db_table`)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Tilbud


class Regnskab(Versioneret):
    """A tilbud's accounts for a year (`beregning.resultat.Resultatgrundlag`): the result
    and its settlement are always recomputed by the engine, never stored."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="regnskaber", verbose_name="tilbud")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    omkostninger = models.DecimalField("omkostninger", max_digits=14, decimal_places=2)
    takstindtaegter = models.DecimalField("takstindtægter", max_digits=14, decimal_places=2)
    tillaegsindtaegter = models.DecimalField("tillægsindtægter", max_digits=14, decimal_places=2, default=0)
    andre_indtaegter = models.DecimalField("andre indtægter", max_digits=14, decimal_places=2, default=0)
    grundlag = models.DecimalField(
        "grundlag for 5 %-reglen",
        max_digits=14,
        decimal_places=2,
        help_text="regelbogens efterregulering.grundlag, fx det omkostningsbaserede budget",
    )
    note = models.TextField("note", blank=True, validators=[ingen_cpr])
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords(table_name="takster_historicalregnskab")

    class Meta:
        db_table = "takster_regnskab"
        verbose_name = "regnskab"
        verbose_name_plural = "regnskaber"
        ordering = ("tilbud__navn", "aar")
        constraints = (
            models.UniqueConstraint(fields=("tilbud", "aar"), name="regnskab_unik_pr_tilbud_og_aar"),
        )

    def __str__(self) -> str:
        return f"Regnskab {self.aar} for {self.tilbud}"
