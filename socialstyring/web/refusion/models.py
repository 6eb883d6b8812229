"""A municipality's particularly expensive cases and its submitted claims.

- `Refusionsborger`: a citizen of the municipality by a pseudonymous key (never a CPR
  number) with birth date, scheme (adult or child) and, for children, a household key; when
  linked to the stays' citizen (`pseudonym`), the costs billed for the citizen's stays are
  added to those entered (a citizen of the stays not entered here counts with its billed
  costs alone: `selectors.maanedernes_udgifter`);
- `Refusionsmaaned`: one month's cost of help for the citizen (gross, income, the
  objectively financed part), one row per citizen, year and month;
- `Engangsudgift`: a one-off cost of a year, spread by the engine over its 12 months;
- `Refusionskrav`: a submitted quarterly claim, frozen: the engine's input and result as they
  were submitted (`gemt.Gemtkrav`); a correction is a new row with the next `nummer`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.refusion import Ordning
from socialstyring.beregning.refusion.grundlag import CPR
from socialstyring.web.faelles.felter import indeholder_cpr, ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import AAR, Kommune

ORDNING_VALG = [(o.value, "Voksen" if o is Ordning.VOKSEN else "Barn eller ung") for o in Ordning]
"""Adult or child: the engine's `Ordning`."""

MAANED = [MinValueValidator(1), MaxValueValidator(12)]
KVARTAL = [MinValueValidator(1), MaxValueValidator(4)]
BELOEB = [MinValueValidator(0)]

NOEGLE_FEJL = (
    "Nøglen ligner et CPR-nummer. Brug en pseudonym nøgle (fx sagsnummer eller initialer og et "
    "løbenummer), aldrig personnummeret."
)


def pseudonym_noegle(vaerdi: object) -> None:
    """Field validator beside `ingen_cpr`: a citizen's key must not look like a CPR number,
    even one whose first six digits are not a date (the engine refuses those too)."""
    if isinstance(vaerdi, str) and CPR.search(vaerdi) and not indeholder_cpr(vaerdi):
        raise ValidationError(NOEGLE_FEJL, code="cpr")


class Refusionsborger(Versioneret):
    """A citizen in a particularly expensive case, known only by a pseudonymous key."""

    kommune = models.ForeignKey(
        Kommune, models.PROTECT, related_name="refusionsborgere", verbose_name="kommune"
    )
    noegle = models.CharField(
        "borgerens nøgle",
        max_length=60,
        validators=[ingen_cpr, pseudonym_noegle],
        help_text="en pseudonym nøgle, fx sagsnummeret; aldrig CPR-nummeret",
    )
    foedselsdato = models.DateField("fødselsdato")
    ordning = models.CharField("ordning", max_length=10, choices=ORDNING_VALG)
    husstand = models.CharField(
        "husstand",
        max_length=60,
        blank=True,
        validators=[ingen_cpr, pseudonym_noegle],
        help_text="børn og unge med samme husstandsnøgle lægges sammen fra 2021",
    )
    pseudonym = models.CharField(
        "borger i opholdene",
        max_length=64,
        blank=True,
        editable=False,
        validators=[ingen_cpr],
        help_text="opholdenes pseudonym for borgeren: de afregnede udgifter lægges til de indtastede",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "borger i særligt dyr enkeltsag"
        verbose_name_plural = "borgere i særligt dyre enkeltsager"
        ordering = ("kommune__navn", "noegle")
        constraints = (
            models.UniqueConstraint(fields=("kommune", "noegle"), name="refusionsborger_unik_noegle"),
            models.UniqueConstraint(
                fields=("kommune", "pseudonym"),
                condition=~models.Q(pseudonym=""),
                name="refusionsborger_unikt_pseudonym",
            ),
        )

    def __str__(self) -> str:
        return f"Borger {self.noegle}"


class Refusionsmaaned(Versioneret):
    """A citizen's cost of help in one month (kr.)."""

    borger = models.ForeignKey(
        Refusionsborger, models.CASCADE, related_name="maaneder", verbose_name="borger"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    maaned = models.PositiveSmallIntegerField("måned", validators=MAANED)
    brutto = models.DecimalField(
        "udgift til hjælp og støtte", max_digits=14, decimal_places=2, validators=BELOEB
    )
    indtaegter = models.DecimalField(
        "indtægter", max_digits=14, decimal_places=2, default=0, validators=BELOEB
    )
    objektivt_finansieret = models.DecimalField(
        "objektivt finansieret", max_digits=14, decimal_places=2, default=0, validators=BELOEB
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "månedsudgift"
        verbose_name_plural = "månedsudgifter"
        ordering = ("borger", "aar", "maaned")
        constraints = (
            models.UniqueConstraint(fields=("borger", "aar", "maaned"), name="refusionsmaaned_unik"),
        )

    def __str__(self) -> str:
        return f"{self.borger} {self.maaned}/{self.aar}"


class Engangsudgift(Versioneret):
    """A one-off cost of a year (spread over the year's 12 months)."""

    borger = models.ForeignKey(
        Refusionsborger, models.CASCADE, related_name="engangsudgifter", verbose_name="borger"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    navn = models.CharField("hvad", max_length=120, blank=True, validators=[ingen_cpr])
    beloeb = models.DecimalField("beløb", max_digits=14, decimal_places=2, validators=BELOEB)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "engangsudgift"
        verbose_name_plural = "engangsudgifter"
        ordering = ("borger", "aar", "pk")

    def __str__(self) -> str:
        return f"{self.navn or 'Engangsudgift'} ({self.borger}, {self.aar})"


class Refusionskrav(models.Model):
    """A submitted quarterly claim, frozen as it was submitted (never changed; a correction is
    the next `nummer` of the same quarter)."""

    kommune = models.ForeignKey(Kommune, models.PROTECT, related_name="refusionskrav", verbose_name="kommune")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kvartal = models.PositiveSmallIntegerField("kvartal", validators=KVARTAL)
    nummer = models.PositiveSmallIntegerField("version", default=1)
    krav = models.DecimalField("anmeldt krav", max_digits=14, decimal_places=2)
    aar_til_dato = models.DecimalField("refusion år til dato", max_digits=14, decimal_places=2)
    indhold = models.JSONField("opgørelse og beregningsspor", default=dict)
    indsendt = models.DateTimeField("indsendt", auto_now_add=True)
    indsendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "refusionskrav"
        verbose_name_plural = "refusionskrav"
        ordering = ("kommune__navn", "aar", "kvartal", "nummer")
        constraints = (
            models.UniqueConstraint(
                fields=("kommune", "aar", "kvartal", "nummer"), name="refusionskrav_unik"
            ),
        )

    def __str__(self) -> str:
        return f"Refusionskrav {self.kvartal}. kvartal {self.aar}, version {self.nummer} ({self.kommune})"
