"""The template's content: the services that belong in an operator's report for a year, with
this year's and last year's figures, and the file's name."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet

from socialstyring.io.excel.indberetning import Skabelon, Takstraekke, byg_skabelon
from socialstyring.web.faelles.filsvar import excelfilnavn
from socialstyring.web.register.models import Driftsherre, Takstenhed, Ydelse, Ydelsesaar


def ydelser(driftsherre: Driftsherre, aar: int) -> QuerySet[Ydelse]:
    """The services that belong in the operator's report for `aar`: every service of its
    offers that are not closed by the start of the year."""
    return (
        Ydelse.objects.filter(tilbud__driftsherre=driftsherre)
        .filter(Q(tilbud__lukket_fra__isnull=True) | Q(tilbud__lukket_fra__gt=date(aar, 1, 1)))
        .select_related("tilbud", "afdeling")
        # services without a department first, on SQLite and PostgreSQL alike
        .order_by("tilbud__navn", F("afdeling__navn").asc(nulls_first=True), "navn", "pk")
    )


def skabelon(driftsherre: Driftsherre, aar: int) -> Skabelon:
    """The template's content: one row per service with this year's and last year's figures."""
    liste = list(ydelser(driftsherre, aar))
    figurer = {
        (ya.ydelse_id, ya.aar): ya
        for ya in Ydelsesaar.objects.filter(ydelse__in=liste, aar__in=(aar, aar - 1))
    }
    raekker = []
    for y in liste:
        ya = figurer.get((y.pk, aar))
        sidste = figurer.get((y.pk, aar - 1))
        raekker.append(
            Takstraekke(
                tilbud_id=y.tilbud_id,
                ydelse_id=y.pk,
                tilbud=y.tilbud.navn,
                afdeling=y.afdeling.navn if y.afdeling else "",
                ydelse=y.navn,
                pladstype=y.pladstypetekst,
                takstenhed=(
                    Takstenhed(y.takstenhed).label if y.takstenhed in Takstenhed.values else y.takstenhed
                ),
                pladser=ya.pladser if ya else None,
                belaegning_pct=ya.budgetteret_belaegning_pct if ya else None,
                sidste_aars_takst=sidste.takst if sidste else None,
                takst=ya.takst if ya else None,
                kilde_tekst=ya.kilde_tekst if ya else "",
                begrundelse=ya.begrundelse if ya else "",
                takst_beregnet=bool(ya and ya.takstberegning_id),
            )
        )
    return Skabelon(driftsherre.pk, driftsherre.navn, aar, tuple(raekker))


def skabelonfil(driftsherre: Driftsherre, aar: int) -> bytes:
    """The filled template as .xlsx (the download and the export)."""
    return byg_skabelon(skabelon(driftsherre, aar))


def filnavn(driftsherre: Driftsherre, aar: int) -> str:
    """`takster_2019_aarhus-kommune.xlsx`."""
    return excelfilnavn("takster", aar, driftsherre.navn, driftsherre.pk)
