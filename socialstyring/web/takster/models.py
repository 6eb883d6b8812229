"""Data model: a tilbud and its rate calculation per year.

Kept minimal on purpose. The register (driftsherrer, afdelinger, målgrupper, roles and
history) comes later and will hang off `Tilbud`; `driftsherre` is plain text until then.
A `Takstberegning` stores the engine's input (`Takstgrundlag`) as JSON with every
decimal as a string, so amounts stay exact; the rate itself is always recomputed by the
engine and never stored.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.regler import REGIONER

REGIONSNAVNE = {
    "midtjylland": "Region Midtjylland",
    "syddanmark": "Region Syddanmark",
    "nordjylland": "Region Nordjylland",
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
}
"""Display names of the framework agreements' regions (the rulebook's layers)."""


def regionsnavn(region: str) -> str:
    return REGIONSNAVNE.get(region, region.capitalize())


REGION_VALG = [(r, regionsnavn(r)) for r in REGIONER]


class Tilbud(models.Model):
    """A social offer (tilbud) covered by a framework agreement."""

    navn = models.CharField("navn", max_length=200)
    region = models.CharField("rammeaftale (region)", max_length=20, choices=REGION_VALG)
    driftsherre = models.CharField("driftsherre", max_length=200)
    paragraf = models.CharField("paragraf", max_length=50, blank=True, help_text="fx “§ 108”")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn


class Takstberegning(models.Model):
    """The input of one tilbud's rate calculation for one year."""

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="takstberegninger", verbose_name="tilbud"
    )
    aar = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2007), MaxValueValidator(2100)]
    )
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
