"""A Børnehus and its yearly figures.

- `Boernehus`: the unit, run by an operator (`driftsherre`, the host municipality) of a
  framework agreement (Børnehus Midt: Aarhus Kommune, Rammeaftale Midtjylland);
- `Boernehusaar`: one year's figures as the unit's staff enter them — the engine's input
  (`beregning.boernehus.Boernehusgrundlag`, built and validated by `selectors.grundlag`):
  expected cases, hours per case and effective hours a week (empty: the rulebook's), wage per
  staff year and other costs, the decided budget — and the figures printed for the year in a
  document (`trykt_*`, with `trykt_kilde`), shown beside the calculation.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Driftsherre

BELOEB = [MinValueValidator(0), MaxValueValidator(10_000_000_000)]


def _kr(navn: str) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        navn, max_digits=14, decimal_places=2, null=True, blank=True, validators=BELOEB
    )


def _timer(navn: str, maks: int) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        navn,
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(maks)],
    )


class Boernehus(Versioneret):
    """A Børnehus and the operator that runs it."""

    navn = models.CharField("navn", max_length=120, validators=[ingen_cpr])
    driftsherre = models.ForeignKey(
        Driftsherre, models.PROTECT, related_name="boernehuse", verbose_name="driftsherre"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "børnehus"
        verbose_name_plural = "børnehuse"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn


class Boernehusaar(Versioneret):
    """One year's figures of a Børnehus (see the module)."""

    boernehus = models.ForeignKey(Boernehus, models.CASCADE, related_name="aarene", verbose_name="børnehus")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    sager = models.PositiveIntegerField(
        "forventede sager", validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    timer_pr_sag = _timer("timer pr. sag", 10_000)
    effektive_timer_pr_uge = _timer("effektive sagsarbejdstimer pr. uge", 80)
    effektive_timer_pr_aarsvaerk = _timer("effektive sagsarbejdstimer pr. årsværk", 5_000)
    oevrige_aktiviteter = models.JSONField(
        "øvrige aktiviteter",
        default=list,
        blank=True,
        help_text="Timer ud over sagerne: [{navn, antal, timer_pr_stk}] (forms.Aktivitetsfelt).",
    )
    loen_pr_aarsvaerk = _kr("løn pr. behandlerårsværk")
    oevrige_udgifter = _kr("øvrige udgifter")
    budget = _kr("vedtaget budget")
    trykt_kilde = models.CharField(
        "kilde til de trykte tal", max_length=300, blank=True, validators=[ingen_cpr]
    )
    trykt_budget = _kr("trykt budget")
    trykt_objektiv_finansiering = _kr("trykt objektiv finansiering")
    trykt_til_fordeling = _kr("trykt til fordeling pr. sag")
    trykt_takst_pr_sag = _kr("trykt takst pr. sag")
    trykt_behandleraarsvaerk = _timer("trykte behandlerårsværk", 10_000)
    trykt_timer_i_alt = _timer("trykte timer i alt", 500_000)
    bemaerkning = models.TextField("bemærkning", blank=True, max_length=2000, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "børnehusår"
        verbose_name_plural = "børnehusår"
        ordering = ("boernehus", "aar")
        constraints = (models.UniqueConstraint(fields=("boernehus", "aar"), name="boernehusaar_unik"),)

    def __str__(self) -> str:
        return f"{self.boernehus} {self.aar}"
