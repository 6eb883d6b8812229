"""The rate calculation's use cases, each in one transaction and each behind the year's
lock (`register.services.laas_aaret`): saving a budget (the engine's input, `Takstberegning`),
transferring its rates to the year's register rows (the rate report), and carrying an
earlier year's result into a later year's calculation.

The rates are always the engine's (`beregn_takst`); a calculation is saved only when the
engine computes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from socialstyring.beregning.efterregulering import TidligereResultat
from socialstyring.beregning.kerne.penge import afrund
from socialstyring.beregning.takst import Takstgrundlag, Takstresultat, beregn_takst
from socialstyring.web.faelles.samtidighed import Foraeldet, gem_ny, konflikt
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import (
    Takstberegning,
    Takstenhed,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.register.services import laas_aaret
from socialstyring.web.takstberegning.forms import pakkenavn

KILDE_BEREGNET = "Beregnet af budgettet (takstberegningen for {aar})"
KILDE_IKKE_LAENGERE = "Tidligere beregnet; ydelsen indgår ikke længere i takstberegningen for {aar}"


def beregn(grundlag: Takstgrundlag) -> Takstresultat:
    """The engine (ValueError, KeyError or a pydantic ValidationError when it cannot compute);
    stale rule values are warnings in its trace (and on the rate page)."""
    return beregn_takst(grundlag, gaeldende_regelbog())


@transaction.atomic
def gem_budget(tilbud: Tilbud, aar: int, grundlag: Takstgrundlag, set_v: int | None = None) -> Takstberegning:
    """Create or update the year's calculation (`Laast` while the year's report is locked;
    `Foraeldet` when the budget was saved by someone else after the page showing version
    `set_v` was opened — None: no page was shown, as for a script)."""
    laas_aaret(tilbud.driftsherre, aar)
    beregning = Takstberegning.objects.select_for_update().filter(tilbud=tilbud, aar=aar).first()
    if set_v is not None and (k := konflikt(f"Budgettet for {aar}", beregning, set_v, {})) is not None:
        raise Foraeldet([k])
    ny = beregning is None
    if beregning is None:
        beregning = Takstberegning(tilbud=tilbud, aar=aar)
    beregning.saet_grundlag(grundlag)
    beregning.full_clean(validate_unique=not ny, validate_constraints=not ny)
    if ny:
        gem_ny(beregning, f"Budgettet for {aar}")
    else:
        beregning.save()
    return beregning


# --- from the result to the register rows ----------------------------------------------------


@dataclass(frozen=True)
class Overfoersel:
    """A rate of the result for one register service of the year."""

    ydelse: Ydelse
    takst: Decimal
    pladser: Decimal | None  # None: an add-on; its places are left as they are
    belaegning_pct: Decimal | None


def _takst_i_enhed(y: Ydelse, pr_dag: Decimal, aarspris: Decimal) -> Decimal | None:
    if y.takstenhed in (Takstenhed.DOEGN, Takstenhed.DAG):
        return pr_dag
    if y.takstenhed == Takstenhed.AAR:
        return aarspris
    return None


def overfoersler(ydelser: Iterable[Ydelse], resultat: Takstresultat) -> tuple[list[Overfoersel], list[str]]:
    """What the result gives each register service, and why any rate cannot be given."""
    efter_navn = {y.navn: y for y in ydelser}
    ud: list[Overfoersel] = []
    sprunget: list[str] = []

    def find(navn: str) -> Ydelse | None:
        y = efter_navn.get(navn)
        if y is None:
            sprunget.append(f"{navn}: ingen ydelse i registeret har dette navn; taksten er ikke overført.")
        return y

    def enhedsfejl(y: Ydelse, hvad: str) -> None:
        sprunget.append(
            f"{y.navn}: registerets takstenhed er {y.get_takstenhed_display()}, "
            f"men beregningen giver {hvad}; taksten er ikke overført."
        )

    for yt in resultat.ydelser:
        belaegning = afrund(yt.belaegning_pct)  # the register keeps 2 decimals
        enheder: list[tuple[str, Decimal, Decimal, Decimal]] = (
            [(pakkenavn(yt.navn, p.navn), p.takst_pr_dag, p.aarspris, p.pladser) for p in yt.pakker]
            if yt.pakker
            else [(yt.navn, yt.takst_pr_dag, yt.aarspris, yt.pladser)]
        )
        for navn, pr_dag, aarspris, pladser in enheder:
            y = find(navn)
            if y is None:
                continue
            takst = _takst_i_enhed(y, pr_dag, aarspris)
            if takst is None:
                enhedsfejl(y, "en takst pr. dag og en årspris")
                continue
            ud.append(Overfoersel(y, afrund(takst), afrund(pladser), belaegning))
    for t in resultat.tillaeg:
        y = find(t.navn)
        if y is None:
            continue
        if y.takstenhed != Takstenhed.TIME:
            enhedsfejl(y, "en timepris")
            continue
        ud.append(Overfoersel(y, afrund(t.timepris), None, None))
    return ud, sprunget


@dataclass
class Overfoert:
    """What a transfer did."""

    overfoer: list[Overfoersel]
    aendret: list[Overfoersel] = field(default_factory=list)
    frakoblet: list[str] = field(default_factory=list)  # rows no longer in the calculation
    sprunget: list[str] = field(default_factory=list)  # rates that cannot be given, and why


def register_ydelser(tilbud: Tilbud) -> list[Ydelse]:
    return list(Ydelse.objects.filter(tilbud=tilbud).order_by("navn"))


@transaction.atomic
def overfoer_takster(
    tilbud: Tilbud, aar: int, beregning: Takstberegning, resultat: Takstresultat
) -> Overfoert:
    """Write the calculation's rates into the year's `Ydelsesaar` rows (the rate report);
    `Laast` while the report is submitted or approved."""
    overfoer, sprunget = overfoersler(register_ydelser(tilbud), resultat)
    laas_aaret(tilbud.driftsherre, aar, opret=True)
    aendret = [o for o in overfoer if _skriv(o, beregning, aar)]
    frakoblet = _frakobl(beregning, {o.ydelse.pk for o in overfoer}, aar)
    return Overfoert(overfoer, aendret, frakoblet, sprunget)


def _skriv(o: Overfoersel, beregning: Takstberegning, aar: int) -> bool:
    """Set one row to the calculation's figures; True if it changed (only then is it saved,
    so the history shows real changes only)."""
    ya = Ydelsesaar.objects.select_for_update().filter(ydelse=o.ydelse, aar=aar).first()
    nye: dict[str, Any] = {
        "takst": o.takst,
        "takst_kilde": TakstKilde.BEREGNET,
        "takstberegning_id": beregning.pk,
    }
    if o.pladser is not None:
        nye["pladser"] = o.pladser
        nye["budgetteret_belaegning_pct"] = o.belaegning_pct
    if ya is None:
        ya = Ydelsesaar(ydelse=o.ydelse, aar=aar)
    elif all(getattr(ya, k) == v for k, v in nye.items()):
        return False
    if ya.takst_kilde != TakstKilde.BEREGNET or ya.takstberegning_id != beregning.pk:
        nye["kilde_tekst"] = KILDE_BEREGNET.format(aar=aar)  # an entered source no longer applies
    for k, v in nye.items():
        setattr(ya, k, v)
    ya.full_clean()
    ya.save()
    return True


def _frakobl(beregning: Takstberegning, overfoert: set[int], aar: int) -> list[str]:
    """Rows that point to this calculation but are no longer in it keep their rate, now as
    entered (their trace is gone); the names of those rows."""
    navne = []
    for ya in (
        Ydelsesaar.objects.select_for_update()
        .filter(takstberegning=beregning, aar=aar)
        .exclude(ydelse_id__in=overfoert)
        .select_related("ydelse")
    ):
        ya.takstberegning = None
        ya.takst_kilde = TakstKilde.INDTASTET
        ya.kilde_tekst = KILDE_IKKE_LAENGERE.format(aar=aar)
        ya.full_clean()
        ya.save()
        navne.append(ya.ydelse.navn)
    return navne


# --- an earlier result carried into the calculation -------------------------------------------


class IngenBeregning(Exception):
    """There is no calculation (or no such service in it) to carry the result into."""


@transaction.atomic
def indregn_resultat(
    tilbud: Tilbud, resultataar: int, tidligere: TidligereResultat, aar: int, ydelse: str | None
) -> tuple[Takstberegning, str]:
    """Put the result of `resultataar` into the calculation of `aar` as a `regulering` of one
    service (`ydelse`, default the first with places), replacing an earlier entry for the same
    result year; the rates must still compute. Returns the calculation and the service used.
    `Laast` while the report of `aar` is locked; `IngenBeregning` when there is nothing to
    carry it into; the engine's errors when the rate can no longer be computed."""
    laas_aaret(tilbud.driftsherre, aar)
    beregning = Takstberegning.objects.select_for_update().filter(tilbud=tilbud, aar=aar).first()
    if beregning is None:
        raise IngenBeregning(f"Der er ingen takstberegning for {aar}")
    data = beregning.takstgrundlag().model_dump(mode="json")
    navne = [y["navn"] for y in data["ydelser"]]
    standard = next(
        (y["navn"] for y in data["ydelser"] if Decimal(y["pladser"]) > 0), navne[0] if navne else None
    )
    valgt = ydelse or standard
    if valgt not in navne:
        raise IngenBeregning(f"Takstberegningen for {aar} har ingen ydelse ved navn '{valgt}'")
    ny = tidligere.model_dump(mode="json")
    for y in data["ydelser"]:
        y["regulering"] = [t for t in y.get("regulering", []) if t["aar"] != resultataar]
        if y["navn"] == valgt:
            y["regulering"].append(ny)
    grundlag = Takstgrundlag.model_validate(data)
    beregn(grundlag)
    beregning.saet_grundlag(grundlag)
    beregning.full_clean()
    beregning.save()
    return beregning, str(valgt)
