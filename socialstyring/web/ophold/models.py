"""A citizen's stay in a service of an offer (`Ophold`) and its package changes
(`Pakkeskift`).

The citizen is a pseudonym (`borger`: HMAC-SHA256 of the CPR number under the key
`settings.CPR_NOEGLE`, `io.cpr`) and the birth date the number holds; the number itself is
never stored, shown, exported or logged. The same citizen has the same pseudonym in every
stay and municipality. A stay is known by (citizen, offer, start): importing it again
changes it, never doubles it.

A package is a register service of its own ("Botilbud – Pakke 2", `PAKKE_SKILLETEGN`): the
stay's `ydelse` is the service (or package) it started in, and each `Pakkeskift` moves it to
another package of the same service from the day the change was notified (the billing
engine applies the notice for a package change)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import Kommune, Tilbud, Ydelse

PAKKE_SKILLETEGN = " – "
"""A package P of service X is the register service "X – P" (as the rate calculation names it)."""


class Opsiger(models.TextChoices):
    HANDLEKOMMUNE = "handlekommune", "Handlekommunen"
    BETALINGSKOMMUNE = "betalingskommune", "Betalingskommunen"
    TILBUD = "tilbud", "Tilbuddet"


class Ophold(Versioneret):
    """One citizen's stay in a service of an offer (see the module)."""

    borger = models.CharField(
        "borger (pseudonym)", max_length=64, db_index=True, editable=False, validators=[ingen_cpr]
    )
    foedselsdato = models.DateField("fødselsdato", editable=False)
    handlekommune = models.ForeignKey(
        Kommune, models.PROTECT, related_name="ophold_som_handlekommune", verbose_name="handlekommune"
    )
    betalingskommune = models.ForeignKey(
        Kommune, models.PROTECT, related_name="ophold_som_betalingskommune", verbose_name="betalingskommune"
    )
    tilbud = models.ForeignKey(Tilbud, models.PROTECT, related_name="ophold", verbose_name="tilbud")
    ydelse = models.ForeignKey(Ydelse, models.PROTECT, related_name="ophold", verbose_name="ydelse")
    start = models.DateField("start")
    opsagt = models.DateField("opsagt", null=True, blank=True)
    opsagt_af = models.CharField("opsagt af", max_length=20, choices=Opsiger.choices, blank=True)
    slut = models.DateField("slut", null=True, blank=True)
    indskrivning_pct = models.DecimalField(
        "indskrivning %",
        max_digits=6,
        decimal_places=2,
        default=100,
        help_text="100 for en hel plads; 150 for en indskrivning på 150 %; 40 for 2 af 5 dage.",
    )
    aarsag = models.CharField("årsag til ophør", max_length=200, blank=True, validators=[ingen_cpr])
    henvist_ydelse = models.ForeignKey(
        Ydelse,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="henvisninger",
        verbose_name="henvist tilbud (frit valg)",
    )
    frit_valg = models.JSONField("tjek af frit valg", default=dict, blank=True, editable=False)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ophold"
        verbose_name_plural = "ophold"
        ordering = ("tilbud__navn", "start", "pk")
        constraints = (
            models.UniqueConstraint(fields=("borger", "tilbud", "start"), name="ophold_unikt"),
            models.CheckConstraint(
                condition=models.Q(slut__isnull=True) | models.Q(slut__gte=models.F("start")),
                name="ophold_slut_efter_start",
            ),
        )

    def __str__(self) -> str:
        return f"Ophold i {self.tilbud} fra {self.start:%d-%m-%Y}"


class Pakkeskift(models.Model):
    """A change to another package of the stay's service, notified on `varslet`."""

    ophold = models.ForeignKey(Ophold, models.CASCADE, related_name="pakkeskift", verbose_name="ophold")
    varslet = models.DateField("varslet")
    ydelse = models.ForeignKey(Ydelse, models.PROTECT, related_name="+", verbose_name="ny pakke")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pakkeskift"
        verbose_name_plural = "pakkeskift"
        ordering = ("varslet", "pk")
        constraints = (models.UniqueConstraint(fields=("ophold", "varslet"), name="pakkeskift_unikt"),)

    def __str__(self) -> str:
        return f"Pakkeskift {self.varslet:%d-%m-%Y}: {self.ydelse.navn}"
