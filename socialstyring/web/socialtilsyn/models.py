"""A social supervision unit and its yearly figures.

- `Tilsynsenhed`: the unit (Socialtilsyn Midt), hosted by an operator (`driftsherre`, the host
  municipality: Silkeborg Kommune) of a framework agreement; the agreement is the host's.
- `Tilsynsaar`: one year's input to the engine (`beregning.socialtilsyn.Socialtilsynsgrundlag`,
  built and validated by `selectors.grundlag`): the budget inputs the form changes as fields
  (tasks × hours, or staff years; average wage; other costs; objective financing when the
  tasks do not split the budget; earlier years' surplus/deficit; other units' published rates)
  and the rest — rate basis, offers, published figures, last year — as the versioned JSON
  `gemt.Takstgrundlag`.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Driftsherre

MAKS = 10_000_000_000


def _kr(navn: str, minimum: int = 0, **kw: object) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        navn,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(minimum), MaxValueValidator(MAKS)],
        **kw,  # type: ignore[arg-type]
    )


class Tilsynsenhed(Versioneret):
    """A supervision unit and the operator that hosts it."""

    navn = models.CharField("navn", max_length=120, validators=[ingen_cpr])
    driftsherre = models.ForeignKey(
        Driftsherre, models.PROTECT, related_name="tilsynsenheder", verbose_name="værtskommune"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "socialtilsyn"
        verbose_name_plural = "socialtilsyn"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn


class Tilsynsaar(Versioneret):
    """One year's figures of a supervision unit (see the module)."""

    enhed = models.ForeignKey(
        Tilsynsenhed, models.CASCADE, related_name="aarene", verbose_name="socialtilsyn"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    opgaver = models.JSONField(
        "opgaver",
        default=list,
        blank=True,
        help_text="[{navn, omraade, antal, timer_pr_stk}] (forms.AarForm.opgaver).",
    )
    aarsvaerk = models.DecimalField(
        "årsværk",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    gennemsnitsloen = _kr("gennemsnitsløn pr. årsværk")
    udgifter = models.JSONField(
        "øvrige udgifter",
        default=list,
        blank=True,
        help_text="[{navn, beloeb, omraade}] (forms.AarForm.udgifter).",
    )
    objektiv_finansiering = _kr("objektiv finansiering", null=True, blank=True)
    regulering_objektiv = _kr("regulering for tidligere år, objektiv finansiering", -MAKS, default=0)
    regulering_takster = _kr("regulering for tidligere år, takster", -MAKS, default=0)
    andre_enheder = models.JSONField(
        "andre tilsyns takster",
        default=list,
        blank=True,
        help_text="[{navn, noegle, beloeb, gennemsnit}] (forms.AarForm.andre_enheder).",
    )
    takstgrundlag = models.JSONField(
        "takstgrundlag", default=dict, blank=True, help_text="gemt.Takstgrundlag (versioneret)."
    )
    bemaerkning = models.TextField("bemærkning", blank=True, max_length=2000, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "socialtilsynsår"
        verbose_name_plural = "socialtilsynsår"
        ordering = ("enhed", "aar")
        constraints = (models.UniqueConstraint(fields=("enhed", "aar"), name="tilsynsaar_unik"),)

    def __str__(self) -> str:
        return f"{self.enhed} {self.aar}"
