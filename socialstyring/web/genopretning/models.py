"""A municipality's reduction plan and its figures, in the plan's unit (1.000 kr.; a target and
a saving are negative, as the plans print them):

- `Plan`: the plan of a municipality (`kommune`), with its own rule whether a year's shortfall
  is carried into the next year's target (`overfoer_manko`);
- `Maal`: the reduction target of a year (the plan's years are the years with a target);
- `Ufordelt`: the effect of a year that is expected but not yet allocated to an initiative;
- `Initiativ`: an initiative with its owner, status and note;
- `Effekt`: an initiative's expected effect in a year;
- `Realiseret`: an initiative's realised effect in a quarter.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.genopretning import KILDE, Initiativstatus
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Kommune

GRAENSE = 100_000_000  # 1.000 kr.: 100 mia. kr.
STATUS_VALG = [(s.value, s.tekst) for s in Initiativstatus]


def _beloeb(navn: str, *, maks: int = GRAENSE) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        navn,
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(-GRAENSE), MaxValueValidator(maks)],
    )


class Plan(Versioneret):
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    kommune = models.ForeignKey(
        Kommune, models.PROTECT, related_name="genopretningsplaner", verbose_name="kommune"
    )
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=4000, validators=[ingen_cpr])
    overfoer_manko = models.BooleanField(
        "overfør manko til næste år",
        default=True,
        help_text=f"Et års manglende reduktion lægges oveni næste års reduktionsmål ({KILDE}).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "genopretningsplan"
        verbose_name_plural = "genopretningsplaner"
        ordering = ("kommune", "navn")
        constraints = (models.UniqueConstraint(fields=("kommune", "navn"), name="genopretningsplan_unik"),)

    def __str__(self) -> str:
        return self.navn


class Maal(Versioneret):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="maal", verbose_name="plan")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    beloeb = _beloeb("reduktionsmål", maks=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "reduktionsmål"
        verbose_name_plural = "reduktionsmål"
        ordering = ("plan", "aar")
        constraints = (models.UniqueConstraint(fields=("plan", "aar"), name="genopretning_maal_unik"),)

    def __str__(self) -> str:
        return f"Reduktionsmål {self.aar}"


class Ufordelt(Versioneret):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="ufordelt", verbose_name="plan")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    beloeb = _beloeb("forventet, men p.t. ufordelt")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ufordelt effekt"
        verbose_name_plural = "ufordelt effekt"
        ordering = ("plan", "aar")
        constraints = (models.UniqueConstraint(fields=("plan", "aar"), name="genopretning_ufordelt_unik"),)

    def __str__(self) -> str:
        return f"Ufordelt {self.aar}"


class Initiativ(Versioneret):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="initiativer", verbose_name="plan")
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    ansvarlig = models.CharField("ansvarlig", max_length=200, blank=True, validators=[ingen_cpr])
    status = models.CharField(
        "status", max_length=20, choices=STATUS_VALG, default=Initiativstatus.IGANGSAT.value
    )
    note = models.TextField("note", blank=True, max_length=4000, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "initiativ"
        verbose_name_plural = "initiativer"
        ordering = ("plan", "pk")
        constraints = (models.UniqueConstraint(fields=("plan", "navn"), name="genopretning_initiativ_unik"),)

    def __str__(self) -> str:
        return self.navn


class Effekt(Versioneret):
    initiativ = models.ForeignKey(
        Initiativ, models.CASCADE, related_name="effekter", verbose_name="initiativ"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    forventet = _beloeb("forventet effekt")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "forventet effekt"
        verbose_name_plural = "forventede effekter"
        ordering = ("initiativ", "aar")
        constraints = (models.UniqueConstraint(fields=("initiativ", "aar"), name="genopretning_effekt_unik"),)

    def __str__(self) -> str:
        return f"{self.initiativ} {self.aar}"


class Realiseret(Versioneret):
    initiativ = models.ForeignKey(
        Initiativ, models.CASCADE, related_name="realiseret", verbose_name="initiativ"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kvartal = models.PositiveSmallIntegerField(
        "kvartal", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    beloeb = _beloeb("realiseret effekt")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realiseret effekt"
        verbose_name_plural = "realiserede effekter"
        ordering = ("initiativ", "aar", "kvartal")
        constraints = (
            models.UniqueConstraint(
                fields=("initiativ", "aar", "kvartal"), name="genopretning_realiseret_unik"
            ),
        )

    def __str__(self) -> str:
        return f"{self.initiativ} {self.kvartal}. kvartal {self.aar}"
