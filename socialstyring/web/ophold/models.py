"""A citizen's stay in a service of an offer (`Ophold`), its package changes (`Pakkeskift`)
and its add-on services (`Opholdstillaeg`).

The citizen is a pseudonym (`borger`: HMAC-SHA256 of the CPR number under the key
`settings.CPR_NOEGLE`, `io.cpr`) and the birth date the number holds; the number itself is
never stored, shown, exported or logged. The same citizen has the same pseudonym in every
stay and municipality. A stay is known by (citizen, offer, start): importing it again
changes it, never doubles it.

A package is a register service of its own ("Botilbud – Pakke 2", `PAKKE_SKILLETEGN`): the
stay's `ydelse` is the service (or package) it started in, and each `Pakkeskift` moves it to
another package of the same service from the day the change was notified (the billing
engine applies the notice for a package change).

A stay ended during its notice stops being paid the day before a new citizen takes the place
(`ny_borger_fra`, `beregning.afregning.betalingsregler.betalingsperiode`); the engine asks for
a day of ending and a new citizen no earlier than the day after it
(`beregning.afregning.ophold.ny_borger_fejl`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.afregning.ophold import ny_borger_fejl, tillaeg_fejl
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
    ny_borger_fra = models.DateField("Pladsen overtaget af en ny borger fra", null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(ny_borger_fra__isnull=True)
                | models.Q(slut__isnull=False, ny_borger_fra__gt=models.F("slut")),
                name="ophold_ny_borger_efter_slut",
            ),
        )

    def __str__(self) -> str:
        return f"Ophold i {self.tilbud} fra {self.start:%d-%m-%Y}"

    def clean(self) -> None:
        fejl = ny_borger_fejl(self.slut, self.ny_borger_fra)
        if fejl:
            raise ValidationError({"ny_borger_fra": fejl})


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


class Opholdstillaeg(models.Model):
    """An add-on service of a stay, billed besides its rate: either hours of a register add-on
    service of the stay's offer (`ydelse` + `timer`, delivered on `fra`; the hourly price is the
    register's rate of the service in `fra`'s year, looked up when billed) or an amount per day
    (`navn` + `pr_dag` from `fra` to `til`, both included; no `til`: to the end of payment)."""

    ophold = models.ForeignKey(Ophold, models.CASCADE, related_name="tillaeg", verbose_name="ophold")
    ydelse = models.ForeignKey(
        Ydelse, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="tillægsydelse"
    )
    navn = models.CharField("navn", max_length=200, blank=True, validators=[ingen_cpr])
    fra = models.DateField("fra")
    til = models.DateField("til", null=True, blank=True)
    pr_dag = models.DecimalField("beløb pr. dag", max_digits=12, decimal_places=2, null=True, blank=True)
    timer = models.DecimalField("timer", max_digits=8, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tillæg til ophold"
        verbose_name_plural = "tillæg til ophold"
        ordering = ("fra", "pk")
        constraints = (  # what the billing engine's `Tillaeg` accepts (`tillaeg_fejl` says why)
            models.CheckConstraint(
                condition=models.Q(ydelse__isnull=False, timer__gt=0, pr_dag__isnull=True, til__isnull=True)
                | models.Q(ydelse__isnull=True, timer__isnull=True, pr_dag__gte=0),
                name="opholdstillaeg_timer_eller_pr_dag",
            ),
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="opholdstillaeg_til_efter_fra",
            ),
        )

    def __str__(self) -> str:
        return f"Tillæg {self.visningsnavn} fra {self.fra:%d-%m-%Y}"

    @property
    def er_timer(self) -> bool:
        return self.ydelse_id is not None

    @property
    def visningsnavn(self) -> str:
        return self.ydelse.navn if self.ydelse is not None else self.navn

    def clean(self) -> None:
        fejl = tillaeg_fejl(
            self.ydelse.er_tillaeg if self.ydelse is not None else None,
            self.navn,
            self.fra,
            self.til,
            self.pr_dag,
            self.timer,
        )
        if fejl:
            raise ValidationError(fejl)
