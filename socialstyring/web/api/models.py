"""A user's API tokens: only the token's SHA-256 is stored; the token itself is shown once,
when it is created (`services.opret_noegle`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr


class ApiNoegle(models.Model):
    """One token of a user: who owns it, when it was made and last used, and whether it is revoked."""

    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_noegler", verbose_name="bruger"
    )
    navn = models.CharField("navn", max_length=100, blank=True, validators=[ingen_cpr])
    noegle_hash = models.BinaryField("SHA-256 af nøglen", max_length=32, unique=True, editable=False)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    sidst_brugt = models.DateTimeField("sidst brugt", null=True, blank=True)
    tilbagekaldt = models.DateTimeField("tilbagekaldt", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["sidst_brugt"])

    class Meta:
        verbose_name = "API-nøgle"
        verbose_name_plural = "API-nøgler"

    def __str__(self) -> str:
        return f"API-nøgle {self.pk} ({self.bruger})"
