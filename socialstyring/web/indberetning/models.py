"""The rate reporting's own record: the reminders the secretariat sends (the report itself,
`Takstindberetning`, is the register's: its status locks the register's figures).

`Paamindelse` was created by the former `takster` app and keeps its table (`db_table`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.register.models import AAR, Driftsherre


class Paamindelse(models.Model):
    """A reminder the secretariat sent an operator about its rate report."""

    driftsherre = models.ForeignKey(Driftsherre, models.CASCADE, related_name="paamindelser")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    sendt = models.DateTimeField("sendt", auto_now_add=True)
    sendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    modtagere = models.TextField("modtagere")
    history = HistoricalRecords()

    class Meta:
        db_table = "takster_paamindelse"
        verbose_name = "påmindelse"
        verbose_name_plural = "påmindelser"
        ordering = ("-sendt",)
