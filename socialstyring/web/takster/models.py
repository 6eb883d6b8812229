"""Rates: the rate calculation per tilbud and year, the yearly rate reporting, the
published catalogue and in-year changes. The register itself is in `web.register`.

A `Takstberegning` stores the engine's input (`Takstgrundlag`) as JSON with every
decimal as a string, so amounts stay exact; the rate itself is always recomputed by the
engine and never stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from pydantic import ValidationError as PydanticValidationError
from simple_history.models import HistoricalRecords

from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.web.register.models import AAR, Driftsherre, Rammeaftale, Tilbud, Ydelse, regionsnavn


class Takstberegning(models.Model):
    """The input of one tilbud's rate calculation for one year."""

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="takstberegninger", verbose_name="tilbud"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    grundlag = models.JSONField("takstgrundlag", help_text="Takstgrundlag som JSON; tal som tekst")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        verbose_name = "takstberegning"
        verbose_name_plural = "takstberegninger"
        ordering = ("tilbud__navn", "aar")
        constraints = (
            models.UniqueConstraint(fields=("tilbud", "aar"), name="takstberegning_unik_pr_tilbud_og_aar"),
        )

    def __str__(self) -> str:
        return f"{self.tilbud} {self.aar}"

    def takstgrundlag(self) -> Takstgrundlag:
        """The stored input as the engine's validated model."""
        return Takstgrundlag.model_validate(self.grundlag)

    def saet_grundlag(self, grundlag: Takstgrundlag | dict[str, Any]) -> None:
        """Store `grundlag` (validated first) as JSON with decimals as strings."""
        if not isinstance(grundlag, Takstgrundlag):
            grundlag = Takstgrundlag.model_validate(grundlag)
        self.grundlag = grundlag.model_dump(mode="json")

    def clean(self) -> None:
        try:
            g = self.takstgrundlag()
        except PydanticValidationError as fejl:
            raise ValidationError({"grundlag": str(fejl)}) from fejl
        if g.aar != self.aar:
            raise ValidationError(
                {"grundlag": f"grundlaget gælder {g.aar}, men beregningen er for {self.aar}"}
            )
        if self.tilbud_id is not None and g.region != self.tilbud.region:
            raise ValidationError(
                {"grundlag": f"grundlaget er for {g.region}, men tilbuddet hører til {self.tilbud.region}"}
            )


class Indberetningsstatus(models.TextChoices):
    UDKAST = "udkast", "Udkast"
    INDSENDT = "indsendt", "Indsendt"
    GODKENDT = "godkendt", "Godkendt"


class Takstindberetning(models.Model):
    """An operator's yearly rate report (takstindberetning): the `Ydelsesaar` rows of
    its offers for the year. A draft until submitted; submitting validates it."""

    driftsherre = models.ForeignKey(Driftsherre, models.CASCADE, related_name="indberetninger")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    status = models.CharField(
        "status", max_length=10, choices=Indberetningsstatus.choices, default=Indberetningsstatus.UDKAST
    )
    indsendt = models.DateTimeField("indsendt", null=True, blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "takstindberetning"
        verbose_name_plural = "takstindberetninger"
        constraints = (models.UniqueConstraint(fields=("driftsherre", "aar"), name="indberetning_unik"),)

    def __str__(self) -> str:
        return f"{self.driftsherre} {self.aar}"


class Paamindelse(models.Model):
    """A reminder the secretariat sent an operator about its rate report."""

    driftsherre = models.ForeignKey(Driftsherre, models.CASCADE, related_name="paamindelser")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    sendt = models.DateTimeField("sendt", auto_now_add=True)
    sendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    modtagere = models.TextField("modtagere")

    class Meta:
        verbose_name = "påmindelse"
        verbose_name_plural = "påmindelser"
        ordering = ("-sendt",)


class Katalog(models.Model):
    """A published catalogue of offers and rates (the agreement's appendix "tilbud og
    takster"); `indhold` is the frozen snapshot that was published."""

    rammeaftale = models.ForeignKey(Rammeaftale, models.CASCADE, related_name="kataloger")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    version = models.PositiveSmallIntegerField("version", default=1)
    offentliggjort = models.DateTimeField("offentliggjort", auto_now_add=True)
    offentliggjort_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    indhold = models.JSONField("indhold")

    class Meta:
        verbose_name = "takstkatalog"
        verbose_name_plural = "takstkataloger"
        ordering = ("-aar", "-version")
        constraints = (
            models.UniqueConstraint(fields=("rammeaftale", "aar", "version"), name="katalog_unik_version"),
        )

    def __str__(self) -> str:
        return f"{regionsnavn(self.rammeaftale.kode)} {self.aar} v{self.version}"


class Aendringstype(models.TextChoices):
    TAKSTFORHOEJELSE = "takstforhoejelse", "Takstforhøjelse"
    TAKSTNEDSAETTELSE = "takstnedsaettelse", "Takstnedsættelse"
    TEKNISK_FEJL = "teknisk_fejl", "Rettelse af teknisk fejl i takstberegningen"
    FLERE_PLADSER = "flere_pladser", "Oprettelse af flere pladser"
    FAERRE_PLADSER = "faerre_pladser", "Nedlæggelse af pladser"
    LUKNING = "lukning", "Lukning af tilbud"


class Aendring(models.Model):
    """An in-year change of rate or capacity (seed 002, "Ændring af takster og kapacitet
    i Styringsaftaleperioden"), with its consequences and notification."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="aendringer")
    ydelse = models.ForeignKey(Ydelse, models.CASCADE, null=True, blank=True, related_name="aendringer")
    type = models.CharField("type", max_length=20, choices=Aendringstype.choices)
    begrundelse = models.TextField("begrundelse")
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ændring i året"
        verbose_name_plural = "ændringer i året"
        ordering = ("-beslutningsdato",)

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.tilbud}"


class Regnskab(models.Model):
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
    note = models.TextField("note", blank=True)
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "regnskab"
        verbose_name_plural = "regnskaber"
        ordering = ("tilbud__navn", "aar")
        constraints = (
            models.UniqueConstraint(fields=("tilbud", "aar"), name="regnskab_unik_pr_tilbud_og_aar"),
        )

    def __str__(self) -> str:
        return f"Regnskab {self.aar} for {self.tilbud}"


class Forbrug(models.Model):
    """Used days (brugte dage) an operator reports for one service and one quarter; the
    occupancy itself is always recomputed by the engine (`beregning.belaegning`)."""

    ydelse = models.ForeignKey(Ydelse, models.CASCADE, related_name="forbrug", verbose_name="ydelse")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kvartal = models.PositiveSmallIntegerField("kvartal", choices=[(k, f"Q{k}") for k in range(1, 5)])
    brugte_dage = models.DecimalField("brugte dage", max_digits=10, decimal_places=2)
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "forbrug"
        verbose_name_plural = "forbrug"
        ordering = ("ydelse__tilbud__navn", "ydelse__navn", "aar", "kvartal")
        constraints = (
            models.UniqueConstraint(fields=("ydelse", "aar", "kvartal"), name="forbrug_unikt_pr_kvartal"),
            models.CheckConstraint(condition=models.Q(brugte_dage__gte=0), name="forbrug_ikke_negativt"),
        )

    def __str__(self) -> str:
        return f"Forbrug Q{self.kvartal} {self.aar}: {self.ydelse}"


class Lukningsopgoerelse(models.Model):
    """A statement of the settlement when a tilbud closes (`beregning.lukning`): the input as
    entered and the engine's result (`til_json`, trace included) as it was computed."""

    class Art(models.TextChoices):
        FORELOEBIG = "foreloebig", "Foreløbig opgørelse"
        ENDELIG = "endelig", "Endelig opgørelse"

    tilbud = models.ForeignKey(
        Tilbud, models.CASCADE, related_name="lukningsopgoerelser", verbose_name="tilbud"
    )
    opgoerelse = models.CharField("opgørelse", max_length=10, choices=Art.choices)
    beslutningsdato = models.DateField("beslutningsdato")
    center = models.CharField("center/ledelsesområde", max_length=200)
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lukningsopgørelse"
        verbose_name_plural = "lukningsopgørelser"
        ordering = ("-oprettet",)

    def __str__(self) -> str:
        return f"{self.get_opgoerelse_display()}: {self.tilbud}"
