"""A set of savings scenarios and its changes.

- `Scenariesaet`: a set of scenarios of an agreement for a year (the baseline is the year's
  offers in the register), side by side or stacked (each scenario on the one before);
- `Scenarie`: a named scenario of the set, in order;
- `Aendring`: one change of a scenario, in order: its kind (`Art`, the engine's change types),
  the value and, by kind, a target group, a service (an offer's ydelse) or an overhead part; a
  shorter stay its average stay before (the value is the stay after), a move to support in the
  own home the municipality and the yearly cost per citizen (the value is the citizens);
- `Objektivandel`: the share of a service's net operating budget the set's baseline takes as
  objectively financed (the register holds none; e.g. the secure places, partly financed by
  the agreement's municipalities by inhabitants); a service without one is rate financed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.scenarie.grundlag import OVERHEAD_DELE
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Kommune, Maalgruppe, Rammeaftale, Ydelse


class Art(models.TextChoices):
    """The changes the page builds (the engine's `takst`, `budget`, `overhead`, `belaegning`,
    `kapacitet` and `aktivitet`: fewer days, a shorter stay, citizens moved to home support)."""

    TAKST_PCT = "takst_pct", "Takster ændres med procent"
    TAKST_KR = "takst_kr", "Takster ændres med kr. pr. dag"
    BUDGET = "budget", "Nettodriftsbudgettet ændres med procent"
    OVERHEAD = "overhead", "En overheaddel sættes til en ny procent"
    BELAEGNING = "belaegning", "Budgetteret belægning ændres med procentpoint"
    KAPACITET = "kapacitet", "Pladser lukkes (−) eller åbnes (+) i en ydelse"
    AKTIVITET = "aktivitet", "Færre dage (procent)"
    OPHOLDSTID = "opholdstid", "Kortere ophold (gennemsnitlig opholdstid før → efter)"
    HJEMMESTOETTE = "hjemmestoette", "Borgere flyttes fra botilbud til støtte i eget hjem"


OVERHEADDEL_VALG = [(k, v) for k, v in OVERHEAD_DELE.items()]


class Scenariesaet(Versioneret):
    rammeaftale = models.ForeignKey(Rammeaftale, models.PROTECT, related_name="scenariesaet")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    stablet = models.BooleanField(
        "stablede scenarier", default=False, help_text="Hvert scenarie lægges oven på det forrige."
    )
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=2000, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "scenariesæt"
        verbose_name_plural = "scenariesæt"
        ordering = ("rammeaftale", "-aar", "navn")

    def __str__(self) -> str:
        return f"{self.navn} ({self.aar})"


class Scenarie(Versioneret):
    saet = models.ForeignKey(Scenariesaet, models.CASCADE, related_name="scenarier", verbose_name="sæt")
    navn = models.CharField("navn", max_length=120, validators=[ingen_cpr])
    nr = models.PositiveSmallIntegerField("nummer")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "scenarie"
        verbose_name_plural = "scenarier"
        ordering = ("saet", "nr")
        constraints = (models.UniqueConstraint(fields=("saet", "navn"), name="scenarie_unikt_navn"),)

    def __str__(self) -> str:
        return self.navn


class Aendring(Versioneret):
    scenarie = models.ForeignKey(Scenarie, models.CASCADE, related_name="aendringer", verbose_name="scenarie")
    nr = models.PositiveSmallIntegerField("nummer")
    art = models.CharField("ændring", max_length=20, choices=Art.choices)
    vaerdi = models.DecimalField(
        "værdi",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(-100_000), MaxValueValidator(100_000)],
    )
    maalgruppe = models.ForeignKey(
        Maalgruppe, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="målgruppe"
    )
    ydelse = models.ForeignKey(Ydelse, models.PROTECT, null=True, blank=True, related_name="+")
    overheaddel = models.CharField("overheaddel", max_length=20, blank=True, choices=OVERHEADDEL_VALG)
    opholdstid_foer = models.DecimalField(
        "opholdstid før (dage)", max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )  # fmt: skip
    kommune = models.ForeignKey(
        Kommune, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="kommune"
    )
    aarlig_pris = models.DecimalField(
        "pris pr. borger om året i hjemmestøtte", max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000_000)],
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ændring"
        verbose_name_plural = "ændringer"
        ordering = ("scenarie", "nr")

    def __str__(self) -> str:
        return f"{self.scenarie}: {self.get_art_display()}"


class Objektivandel(Versioneret):
    saet = models.ForeignKey(Scenariesaet, models.CASCADE, related_name="objektivandele", verbose_name="sæt")
    ydelse = models.ForeignKey(Ydelse, models.PROTECT, related_name="+", verbose_name="ydelse")
    andel_pct = models.DecimalField(
        "objektivt finansieret andel (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("99.99"))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "objektivt finansieret andel"
        verbose_name_plural = "objektivt finansierede andele"
        ordering = ("saet", "ydelse")
        constraints = (
            models.UniqueConstraint(fields=("saet", "ydelse"), name="scenarie_objektivandel_unik"),
        )

    def __str__(self) -> str:
        return f"{self.ydelse}: {self.andel_pct} % objektivt finansieret"
