"""An objectively financed national offer followed by an agreement, and its years' figures."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Rammeaftale


class LandsdaekkendeTilbud(Versioneret):
    """An offer every municipality in the country pays for by inhabitants (e.g. Kofoedsminde),
    as the agreement's secretariat follows it."""

    rammeaftale = models.ForeignKey(Rammeaftale, models.PROTECT, related_name="landsdaekkende_tilbud")
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    driftsherre = models.CharField("driftsherre", max_length=200, blank=True, validators=[ingen_cpr])
    beskrivelse = models.TextField("beskrivelse", blank=True, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "objektivt finansieret landsdækkende tilbud"
        verbose_name_plural = "objektivt finansierede landsdækkende tilbud"
        ordering = ("navn",)
        constraints = (models.UniqueConstraint(fields=("rammeaftale", "navn"), name="landsdaekkende_unik"),)

    def __str__(self) -> str:
        return self.navn


class LandsdaekkendeAar(Versioneret):
    """One year's figures: one starting point (the operator's accounts, the national total or the
    announced charge per inhabitant), the inhabitants, and what a document printed."""

    tilbud = models.ForeignKey(LandsdaekkendeTilbud, models.CASCADE, related_name="aarene")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    landsplan_i_alt = models.DecimalField(
        "objektiv finansiering i alt på landsplan (kr.)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    kr_pr_indbygger = models.DecimalField(
        "annonceret opkrævning pr. indbygger (kr.)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget = models.DecimalField(
        "objektivt finansieret budget (kr.)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    finansierede_pladser = models.DecimalField(
        "finansierede pladser", max_digits=8, decimal_places=2, null=True, blank=True
    )
    belagte_pladser = models.DecimalField(
        "belagte pladser (gennemsnit)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    udgift = models.DecimalField(
        "årets faktiske udgift (kr.)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    indbyggere_landet = models.PositiveIntegerField("hele landets indbyggere 1. januar")
    indbyggere_regionen = models.PositiveIntegerField("regionens indbyggere 1. januar", null=True, blank=True)
    trykt_kr_pr_indbygger = models.DecimalField(
        "trykt: kr. pr. indbygger", max_digits=14, decimal_places=2, null=True, blank=True
    )
    trykt_region_i_alt = models.DecimalField(
        "trykt: regionens kommuner i alt (kr.)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    trykt_landsplan_i_alt = models.DecimalField(
        "trykt: i alt på landsplan (kr.)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    kilde = models.TextField("kilde", blank=True, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "år for et landsdækkende tilbud"
        verbose_name_plural = "år for landsdækkende tilbud"
        ordering = ("tilbud", "aar")
        constraints = (models.UniqueConstraint(fields=("tilbud", "aar"), name="landsdaekkende_aar_unik"),)

    def __str__(self) -> str:
        return f"{self.tilbud} {self.aar}"
