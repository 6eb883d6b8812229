"""A background job (baggrundsjob): what was asked for, by whom, how far it has come, and its
result, kept after it ends (`services.start_job`, run by `koe`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.register.models import Rammeaftale


class Jobstatus(models.TextChoices):
    VENTER = "venter", "Venter"
    KOERER = "koerer", "Kører"
    FAERDIG = "faerdig", "Færdig"
    FEJLET = "fejlet", "Fejlet"


class Baggrundsjob(models.Model):
    """One job. Its progress is written while it runs (`fremskridt_*`, not kept in the history);
    its status changes are (with the user who started it)."""

    art = models.CharField("art", max_length=40, validators=[ingen_cpr])
    titel = models.CharField("titel", max_length=200, validators=[ingen_cpr])
    parametre = models.JSONField("parametre", default=dict)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="baggrundsjob",
        verbose_name="startet af",
    )
    rammeaftale = models.ForeignKey(
        Rammeaftale, on_delete=models.PROTECT, null=True, blank=True, verbose_name="rammeaftale"
    )
    status = models.CharField("status", max_length=10, choices=Jobstatus.choices, default=Jobstatus.VENTER)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    startet = models.DateTimeField("startet", null=True, blank=True)
    afsluttet = models.DateTimeField("afsluttet", null=True, blank=True)
    forsoeg = models.PositiveIntegerField("forsøg", default=0)
    fremskridt_udfoert = models.PositiveIntegerField("udført", default=0)
    fremskridt_i_alt = models.PositiveIntegerField("i alt", default=0)
    fremskridt_tekst = models.CharField("fremskridt", max_length=200, blank=True, validators=[ingen_cpr])
    besked = models.TextField("besked", blank=True, validators=[ingen_cpr])
    resultat = models.JSONField("resultat", default=dict, blank=True)
    fil = models.BinaryField("resultatfil", null=True, blank=True)
    filnavn = models.CharField("filnavn", max_length=200, blank=True, validators=[ingen_cpr])
    filtype = models.CharField("filtype", max_length=100, blank=True, validators=[ingen_cpr])
    history = HistoricalRecords(
        excluded_fields=["fremskridt_udfoert", "fremskridt_i_alt", "fremskridt_tekst", "fil"]
    )

    class Meta:
        verbose_name = "baggrundsjob"
        verbose_name_plural = "baggrundsjob"
        ordering = ("-oprettet", "-pk")
        indexes = (models.Index(fields=["bruger", "-oprettet"]),)

    def __str__(self) -> str:
        return f"{self.titel} ({self.get_status_display().lower()})"

    @property
    def afsluttet_status(self) -> bool:
        return self.status in (Jobstatus.FAERDIG, Jobstatus.FEJLET)

    @property
    def procent(self) -> int:
        if self.status == Jobstatus.FAERDIG:
            return 100
        if not self.fremskridt_i_alt:
            return 0
        return min(100, self.fremskridt_udfoert * 100 // self.fremskridt_i_alt)
