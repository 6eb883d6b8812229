"""The register: framework agreements, municipalities, operators, offers, services,
the yearly figures and rates per service, categories and users' roles — and the three
records that decide who may see and change a year's figures: the rate calculation behind a
computed rate (`Takstberegning`), the operator's yearly rate report whose status locks the
figures (`Takstindberetning`), and the published catalogue that makes a year public
(`Katalog`). Every area builds on these; the register depends on no other area.

Every change to register and rate data is kept by django-simple-history (who, when,
what) and can be restored. Amounts are Decimal; nothing is computed here: categories
and rates come from the engine (`socialstyring.beregning`).

The last three models were created by the former `takster` app; they keep its tables
(`db_table`), and the move is a state-only migration (`0004_fra_takster`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from pydantic import ValidationError as PydanticValidationError
from simple_history.models import HistoricalRecords

from socialstyring.beregning.kerne.typer import Kategori, Paragraf, Pladstype
from socialstyring.beregning.takst import Takstgrundlag
from socialstyring.regler import REGIONER
from socialstyring.web.faelles.felter import CPR_FEJL, indeholder_cpr, ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret

MIN_AAR, MAKS_AAR = 2007, 2100
"""The years the register holds."""
AAR = [MinValueValidator(MIN_AAR), MaxValueValidator(MAKS_AAR)]


def _beloeb(navn: str, **kw: object) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(navn, max_digits=14, decimal_places=2, **kw)  # type: ignore[arg-type]


class Rammeaftale(models.Model):
    """A framework agreement: one per region; `kode` is the rulebook's layer."""

    kode = models.CharField("kode", max_length=20, unique=True, choices=[(r, r) for r in REGIONER])
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rammeaftale"
        verbose_name_plural = "rammeaftaler"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn


class Kommune(models.Model):
    kode = models.PositiveSmallIntegerField("kommunekode", unique=True)
    navn = models.CharField("navn", max_length=100, validators=[ingen_cpr])
    rammeaftale = models.ForeignKey(Rammeaftale, models.PROTECT, related_name="kommuner")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn


class Driftsherre(models.Model):
    """The operator of offers: a municipality or the region."""

    navn = models.CharField("navn", max_length=200, unique=True, validators=[ingen_cpr])
    rammeaftale = models.ForeignKey(Rammeaftale, models.PROTECT, related_name="driftsherrer")
    kommune = models.OneToOneField(
        Kommune, models.PROTECT, null=True, blank=True, related_name="driftsherre",
        help_text="Tom, når driftsherren er regionen.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = "driftsherre"
        verbose_name_plural = "driftsherrer"
        ordering = ("navn",)

    def __str__(self) -> str:
        return self.navn

    @property
    def er_region(self) -> bool:
        return self.kommune_id is None


class Maalgruppe(models.Model):
    """Target group as used in the agreements' management information."""

    navn = models.CharField("navn", max_length=200, unique=True, validators=[ingen_cpr])
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"
        ordering = ("raekkefoelge", "navn")

    def __str__(self) -> str:
        return self.navn


PARAGRAF_VALG = [(p.value, p.label) for p in Paragraf]
"""The legal bases are the engine's (`kerne.typer.Paragraf`)."""


class Takststruktur(models.TextChoices):
    GENNEMSNIT = "gennemsnit", "Gennemsnitstakst"
    PAKKER = "pakker", "Ydelsespakker"
    ABONNEMENT = "abonnement", "Abonnement"


# Categories are the engine's (`beregning.kategori.Kategori`); which apply where is the rulebook's.
KATEGORI_VALG = [(k.value, k.label) for k in Kategori]


class Tilbud(Versioneret):
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    driftsherre = models.ForeignKey(Driftsherre, models.PROTECT, related_name="tilbud")
    maalgruppe = models.ForeignKey(Maalgruppe, models.PROTECT, related_name="tilbud", null=True, blank=True)
    paragraf = models.CharField("lovgrundlag", max_length=30, choices=PARAGRAF_VALG)
    takststruktur = models.CharField(
        "takststruktur", max_length=20, choices=Takststruktur.choices, default=Takststruktur.GENNEMSNIT
    )
    lukket_fra = models.DateField("lukket fra", null=True, blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        ordering = ("navn",)
        constraints = (models.UniqueConstraint(fields=("driftsherre", "navn"), name="tilbud_unikt_navn"),)

    def __str__(self) -> str:
        return self.navn

    @property
    def region(self) -> str:
        """The framework agreement (rulebook layer) the offer belongs to."""
        return self.driftsherre.rammeaftale.kode


class Afdeling(models.Model):
    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="afdelinger")
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afdeling"
        verbose_name_plural = "afdelinger"
        ordering = ("navn",)
        constraints = (models.UniqueConstraint(fields=("tilbud", "navn"), name="afdeling_unikt_navn"),)

    def __str__(self) -> str:
        return self.navn


PLADSTYPE_VALG = [(p.value, p.visning) for p in Pladstype]
"""Place types are the engine's (`kerne.typer.Pladstype`)."""


def pladstype_tekst(v: str) -> str:
    """'Døgn', 'Dag' (an unknown value as it is)."""
    try:
        return Pladstype(v).visning
    except ValueError:
        return v


class Takstenhed(models.TextChoices):
    DOEGN = "doegn", "kr. pr. døgn"
    DAG = "dag", "kr. pr. dag"
    TIME = "time", "kr. pr. time"
    MAANED = "maaned", "kr. pr. måned"
    AAR = "aar", "kr. pr. år"


class Ydelse(models.Model):
    """A service (or package) of an offer that has its own rate."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="ydelser")
    afdeling = models.ForeignKey(Afdeling, models.SET_NULL, null=True, blank=True, related_name="ydelser")
    navn = models.CharField("navn", max_length=200, validators=[ingen_cpr])
    pladstype = models.CharField("pladstype", max_length=5, choices=PLADSTYPE_VALG)
    takstenhed = models.CharField("takstenhed", max_length=10, choices=Takstenhed.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ydelse"
        verbose_name_plural = "ydelser"
        ordering = ("tilbud__navn", "navn")
        constraints = (models.UniqueConstraint(fields=("tilbud", "navn"), name="ydelse_unikt_navn"),)

    def __str__(self) -> str:
        return f"{self.tilbud} – {self.navn}"

    @property
    def er_tillaeg(self) -> bool:
        """An add-on paid per hour (the engine's `Tillaegsydelse`): it has no places of its own."""
        return self.takstenhed == Takstenhed.TIME

    @property
    def pladstypetekst(self) -> str:
        """'Døgn', 'Dag'; an hourly add-on 'Tillæg pr. time' (its place type is only its offer's)."""
        return "Tillæg pr. time" if self.er_tillaeg else pladstype_tekst(self.pladstype)

    @property
    def pladsbetegnelse(self) -> str:
        """What its places are: 'Døgnpladser', 'Dagpladser'; an hourly add-on has none."""
        if self.er_tillaeg:
            return "Tillægsydelse betalt pr. time (uden pladser)"
        return f"{pladstype_tekst(self.pladstype)}pladser"


class TakstKilde(models.TextChoices):
    BEREGNET = "beregnet", "Beregnet af budgettet"
    INDTASTET = "indtastet", "Indtastet"


class Ydelsesaar(Versioneret):
    """A service's figures for one year: places, budgeted occupancy and the rate —
    the unit of the yearly rate reporting — and, once the year is closed, its accounts."""

    ydelse = models.ForeignKey(Ydelse, models.CASCADE, related_name="aar")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    pladser = models.DecimalField("pladser", max_digits=8, decimal_places=2, null=True, blank=True)
    budgetteret_belaegning_pct = models.DecimalField(
        "budgetteret belægning %", max_digits=6, decimal_places=2, null=True, blank=True
    )
    takst = _beloeb("takst", null=True, blank=True)
    takst_kilde = models.CharField(
        "takstens kilde", max_length=10, choices=TakstKilde.choices, default=TakstKilde.INDTASTET
    )
    kilde_tekst = models.CharField("kilde/bemærkning", max_length=500, blank=True, validators=[ingen_cpr])
    takstberegning = models.ForeignKey(
        "register.Takstberegning", models.SET_NULL, null=True, blank=True, related_name="ydelsesaar"
    )
    begrundelse = models.TextField("begrundelse for takstudvikling", blank=True, validators=[ingen_cpr])
    faktiske_aarspladser = models.DecimalField(
        "faktisk belægning (årspladser)", max_digits=14, decimal_places=6, null=True, blank=True
    )
    regnskab = _beloeb("regnskab (årets omkostninger)", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ydelsesår"
        verbose_name_plural = "ydelsesår"
        ordering = ("ydelse__tilbud__navn", "ydelse__navn", "aar")
        constraints = (models.UniqueConstraint(fields=("ydelse", "aar"), name="ydelsesaar_unikt"),)

    def __str__(self) -> str:
        return f"{self.ydelse} {self.aar}"


class Pladskoeb(models.Model):
    """How many places (årspladser) a municipality used in an offer in a year."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="pladskoeb")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    kommune = models.ForeignKey(Kommune, models.PROTECT, related_name="pladskoeb")
    aarspladser = models.DecimalField("årspladser", max_digits=9, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pladskøb"
        verbose_name_plural = "pladskøb"
        constraints = (models.UniqueConstraint(fields=("tilbud", "aar", "kommune"), name="pladskoeb_unikt"),)


class Kategorisering(Versioneret):
    """A tilbud's category for a year: computed by the engine, optionally overridden
    by hand with a reason. `spor` keeps the engine's trace."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="kategoriseringer")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    beregnet = models.CharField("beregnet kategori", max_length=30, choices=KATEGORI_VALG, blank=True)
    tilsidesat = models.CharField("manuel kategori", max_length=30, choices=KATEGORI_VALG, blank=True)
    begrundelse = models.TextField("begrundelse for manuel kategori", blank=True, validators=[ingen_cpr])
    spor = models.JSONField("beregningsspor", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kategorisering"
        verbose_name_plural = "kategoriseringer"
        constraints = (models.UniqueConstraint(fields=("tilbud", "aar"), name="kategorisering_unik"),)

    @property
    def kategori(self) -> str:
        return self.tilsidesat or self.beregnet


class Rolle(models.TextChoices):
    SEKRETARIAT = "sekretariat", "Sekretariat"
    DRIFTSHERRE = "driftsherre", "Driftsherre"
    LAESER = "laeser", "Læser"
    KOMMUNE = "kommune", "Kommune"  # a municipality's finance staff: the stays it pays or acts for


class Brugerprofil(models.Model):
    """A user's role: the secretariat sees all of its agreement; operator staff edit
    their own operator's offers and reports; readers read what is published; a
    municipality's staff (`kommune`) see the stays their municipality pays or acts for and
    the statements and claims it receives."""

    bruger = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profil")
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)
    rammeaftale = models.ForeignKey(Rammeaftale, models.PROTECT, related_name="brugere")
    driftsherre = models.ForeignKey(
        Driftsherre, models.PROTECT, null=True, blank=True, related_name="brugere"
    )
    kommune = models.ForeignKey(
        "Kommune", models.PROTECT, null=True, blank=True, related_name="brugere", verbose_name="kommune"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "brugerprofil"
        verbose_name_plural = "brugerprofiler"

    def __str__(self) -> str:
        return f"{self.bruger} ({self.get_rolle_display()})"


# --- the rate reporting: its records that decide access and locks ------------------------


class Takstberegning(Versioneret):
    """The input of one tilbud's rate calculation for one year."""

    tilbud = models.ForeignKey(
        Tilbud, on_delete=models.CASCADE, related_name="takstberegninger", verbose_name="tilbud"
    )
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    grundlag = models.JSONField("takstgrundlag", help_text="Takstgrundlag som JSON; tal som tekst")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        db_table = "takster_takstberegning"
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
        # the budget lines' notes are free text: no CPR number (as the fields' `ingen_cpr`)
        for y in g.ydelser:
            for linje in (*y.budget, *(linje for p in y.pakker for linje in p.budget)):
                if indeholder_cpr(linje.tekst):
                    raise ValidationError({"grundlag": CPR_FEJL})


class Indberetningsstatus(models.TextChoices):
    UDKAST = "udkast", "Udkast"
    INDSENDT = "indsendt", "Indsendt"
    GODKENDT = "godkendt", "Godkendt"


class Takstindberetning(Versioneret):
    """An operator's yearly rate report (takstindberetning): the `Ydelsesaar` rows of
    its offers for the year. A draft until submitted; submitting validates it.

    Its status is the lock on the year's figures: while it is submitted or approved, the
    rows, the rate calculations they point to and the results carried into them cannot
    change (`register.services.kraev_udkast`). The transitions are the methods below; the
    services call them inside a transaction that holds the row."""

    driftsherre = models.ForeignKey(Driftsherre, models.CASCADE, related_name="indberetninger")
    aar = models.PositiveSmallIntegerField("år", validators=AAR)
    status = models.CharField(
        "status", max_length=10, choices=Indberetningsstatus.choices, default=Indberetningsstatus.UDKAST
    )
    indsendt = models.DateTimeField("indsendt", null=True, blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(table_name="takster_historicaltakstindberetning")

    class Meta:
        db_table = "takster_takstindberetning"
        verbose_name = "takstindberetning"
        verbose_name_plural = "takstindberetninger"
        constraints = (models.UniqueConstraint(fields=("driftsherre", "aar"), name="indberetning_unik"),)

    def __str__(self) -> str:
        return f"{self.driftsherre} {self.aar}"

    @property
    def er_udkast(self) -> bool:
        return self.status == Indberetningsstatus.UDKAST

    @property
    def status_tekst(self) -> str:
        return Indberetningsstatus(self.status).label

    def indsend(self, bruger: Any, tidspunkt: datetime) -> None:
        """draft → submitted (the validation is the caller's: `indberetning.services`)."""
        self._skift((Indberetningsstatus.UDKAST,), Indberetningsstatus.INDSENDT)
        self.indsendt = tidspunkt
        self.indsendt_af = bruger

    def godkend(self) -> None:
        """submitted → approved."""
        self._skift((Indberetningsstatus.INDSENDT,), Indberetningsstatus.GODKENDT)

    def genaabn(self) -> None:
        """submitted or approved → draft, for the operator to correct and submit again."""
        self._skift((Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT), Indberetningsstatus.UDKAST)
        self.indsendt = None
        self.indsendt_af = None

    def _skift(self, fra: tuple[Indberetningsstatus, ...], til: Indberetningsstatus) -> None:
        if self.status not in fra:
            raise Statusfejl(
                f"Indberetningen er {self.status_tekst.lower()} og kan ikke sættes til {til.label.lower()}."
            )
        self.status = til


class Statusfejl(Exception):
    """A report cannot make the requested transition; the message says why (Danish)."""


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
    history = HistoricalRecords()

    class Meta:
        db_table = "takster_katalog"
        verbose_name = "takstkatalog"
        verbose_name_plural = "takstkataloger"
        ordering = ("-aar", "-version")
        constraints = (
            models.UniqueConstraint(fields=("rammeaftale", "aar", "version"), name="katalog_unik_version"),
        )

    def __str__(self) -> str:
        return f"{self.rammeaftale.navn} {self.aar} v{self.version}"
