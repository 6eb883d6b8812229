"""In-year changes of rate or capacity (`Aendring`): the change as filed, and its assessed
consequences and notification as they were computed and sent (`konsekvens`).

`Aendring` was created by the former `takster` app and keeps its tables (`db_table`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.faelles.felter import ingen_cpr
from socialstyring.web.faelles.samtidighed import Versioneret
from socialstyring.web.register.models import Tilbud, Ydelse

AENDRINGSTYPE_VALG = [(t.value, t.label) for t in Aendringstype]
"""The kinds of change are the engine's (`kerne.typer.Aendringstype`)."""


class Aendringsstatus(models.TextChoices):
    """Where a change is in its procedure: filed; in hearing when the category requires one;
    decided (with date and decision-maker) or refused. Only a decided change takes effect,
    from its `ikrafttraedelse`."""

    ANMELDT = "anmeldt", "Anmeldt – afventer beslutning"
    I_HOERING = "i_hoering", "I høring – afventer beslutning"
    BESLUTTET = "besluttet", "Besluttet"
    AFVIST = "afvist", "Afvist"


AABNE = (Aendringsstatus.ANMELDT, Aendringsstatus.I_HOERING)
"""The statuses in which a change awaits its decision."""


class Aendring(Versioneret):
    """An in-year change of rate or capacity (Styringsaftalen for Syddanmark 2016, "Ændring af
    takster og kapacitet i Styringsaftaleperioden"), with its consequences and notification,
    and its procedure: filed → (hearing) → decided or refused. `beslutningsdato` is the
    decision date stated when filing (the notification's assessment uses it);
    `afgoerelsesdato` is the date it was actually decided, and `ikrafttraedelse` then follows
    from that date by the agreement's rules (`afgoerelse` keeps that assessment)."""

    tilbud = models.ForeignKey(Tilbud, models.CASCADE, related_name="aendringer")
    ydelse = models.ForeignKey(Ydelse, models.CASCADE, null=True, blank=True, related_name="aendringer")
    type = models.CharField("type", max_length=20, choices=AENDRINGSTYPE_VALG)
    begrundelse = models.TextField("begrundelse", validators=[ingen_cpr])
    gammel_takst = models.DecimalField("takst før", max_digits=14, decimal_places=2, null=True, blank=True)
    ny_takst = models.DecimalField("takst efter", max_digits=14, decimal_places=2, null=True, blank=True)
    gamle_pladser = models.DecimalField("pladser før", max_digits=8, decimal_places=2, null=True, blank=True)
    nye_pladser = models.DecimalField("pladser efter", max_digits=8, decimal_places=2, null=True, blank=True)
    beslutningsdato = models.DateField("beslutningsdato")
    ikrafttraedelse = models.DateField("ikrafttrædelse")
    kraever_hoering = models.BooleanField("kræver høring i Socialdirektørforum", default=False)
    konsekvens = models.JSONField("konsekvenser og beregningsspor", default=dict, blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    status = models.CharField(
        "status", max_length=12, choices=Aendringsstatus.choices, default=Aendringsstatus.ANMELDT
    )
    afgoerelsesdato = models.DateField("beslutningens dato", null=True, blank=True)
    besluttet_af = models.CharField(
        "besluttet af", max_length=200, blank=True, validators=[ingen_cpr],
        help_text="Hvem traf beslutningen, fx Socialdirektørforum eller kommunens udvalg.",
    )  # fmt: skip
    afgoerelse_note = models.TextField("bemærkning til beslutningen", blank=True, validators=[ingen_cpr])
    afgoerelse_registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afgoerelse = models.JSONField("beslutningens vurdering og beregningsspor", default=dict, blank=True)
    history = HistoricalRecords(table_name="takster_historicalaendring")

    class Meta:
        db_table = "takster_aendring"
        verbose_name = "ændring i året"
        verbose_name_plural = "ændringer i året"
        ordering = ("-beslutningsdato",)

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.tilbud}"

    @property
    def er_aaben(self) -> bool:
        return self.status in AABNE

    @property
    def er_besluttet(self) -> bool:
        return self.status == Aendringsstatus.BESLUTTET
