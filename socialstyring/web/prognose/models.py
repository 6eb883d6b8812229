"""A municipality's expenditure forecast of an area and its inputs (`beregning.prognose`).

- `Prognose`: the forecast of an area (e.g. "Voksne med handicap, SEL §§ 85, 107, 108") of a
  municipality: the base year, the yearly departure probability of known citizens and the
  simulation's seed;
- `Prognoseaar`: one forecast year: the frame, the initiatives' effect and the reimbursement
  (empty: from the recovery plan or the reimbursement statement, else 0), the price and wage
  development (empty: the rulebook's), and the expected new citizens with their uncertainty;
- `KendtBorger`: a known citizen by pseudonym (never a CPR number), the yearly cost in the base
  year's prices and the day the help ends, entered or fetched from the stays (`kilde`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Kommune

BELOEB = [MinValueValidator(0), MaxValueValidator(10_000_000_000)]
PCT = [MinValueValidator(0), MaxValueValidator(100)]


def _kr(navn: str, *, null: bool = False) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        navn,
        max_digits=14,
        decimal_places=2,
        validators=BELOEB,
        **({"null": True, "blank": True} if null else {"default": 0}),
    )


class Prognose(Versioneret):
    """A forecast (see the module)."""

    kommune = models.ForeignKey(Kommune, models.PROTECT, related_name="prognoser", verbose_name="kommune")
    navn = models.CharField("område", max_length=120, validators=[ingen_cpr])
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=2000, validators=[ingen_cpr])
    basisaar = models.PositiveSmallIntegerField("basisår", validators=AAR)
    afgang_pct = models.DecimalField(
        "afgangssandsynlighed pr. år (%)", max_digits=5, decimal_places=2, default=0, validators=PCT
    )
    seed = models.PositiveIntegerField(
        "startværdi for simuleringen (seed)", default=2022, validators=[MaxValueValidator(2**31 - 1)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "udgiftsprognose"
        verbose_name_plural = "udgiftsprognoser"
        ordering = ("kommune", "-basisaar", "navn")

    def __str__(self) -> str:
        return f"{self.navn} ({self.basisaar})"


class Prognoseaar(Versioneret):
    """One forecast year (see the module)."""

    prognose = models.ForeignKey(Prognose, models.CASCADE, related_name="aarene", verbose_name="prognose")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    ramme = _kr("budgetramme")
    initiativer = _kr("initiativernes effekt", null=True)
    refusion = _kr("refusionsindtægt", null=True)
    pl_pct = models.DecimalField(
        "pris- og lønudvikling (%)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
    )
    nye_antal = models.DecimalField(
        "forventede nye borgere",
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    nye_antal_sd = models.DecimalField(
        "spredning på antallet",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    nye_gennemsnit = _kr("gennemsnitlig årlig udgift pr. ny borger")
    nye_gennemsnit_sd = _kr("spredning på udgiften pr. ny borger")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "prognoseår"
        verbose_name_plural = "prognoseår"
        ordering = ("prognose", "aar")
        constraints = (models.UniqueConstraint(fields=("prognose", "aar"), name="prognoseaar_unik"),)

    def __str__(self) -> str:
        return f"{self.prognose} {self.aar}"


class KendtBorger(Versioneret):
    """A known citizen of a forecast (see the module)."""

    prognose = models.ForeignKey(Prognose, models.CASCADE, related_name="kendte", verbose_name="prognose")
    pseudonym = models.CharField("pseudonym", max_length=60, validators=[ingen_cpr])
    aarlig_udgift = _kr("årlig udgift")
    ophoerer = models.DateField("ophører", null=True, blank=True)
    kilde = models.CharField("kilde", max_length=200, blank=True, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kendt borger"
        verbose_name_plural = "kendte borgere"
        ordering = ("prognose", "pseudonym")
        constraints = (models.UniqueConstraint(fields=("prognose", "pseudonym"), name="kendt_borger_unik"),)

    def __str__(self) -> str:
        return self.pseudonym
