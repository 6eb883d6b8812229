"""The rate report's Excel template against the database (`socialstyring.io.excel.indberetning`
knows only the workbook).

- `skabelon(driftsherre, aar)`: the rows of every service of the operator's offers open in
  the year, with this year's figures and last year's rate; `skabelonfil` saves it as .xlsx.
- `importer(driftsherre, aar, data, filnavn)`: parse, check against the register and save,
  all or nothing. Only changed `Ydelsesaar` rows are saved, so importing the same file
  twice changes nothing and adds no history the second time.

Access is the views' business (`register.adgang`); this module assumes it was checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Q, QuerySet
from simple_history.utils import update_change_reason

from socialstyring.beregning.kerne.penge import kr
from socialstyring.io.excel.indberetning import (
    ARK_TAKSTER,
    TAKST,
    TILBUD_ID,
    YDELSE_ID,
    Fejl,
    Indlaesning,
    Skabelon,
    Takstraekke,
    byg_skabelon,
    laes_indberetning,
    sorter_fejl,
)
from socialstyring.web.register.models import (
    Driftsherre,
    Pladstype,
    Takstenhed,
    TakstKilde,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takster.models import Indberetningsstatus, Takstindberetning


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
                pladstype=Pladstype(y.pladstype).label if y.pladstype in Pladstype.values else y.pladstype,
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


def filnavn(driftsherre: Driftsherre, aar: int, prefiks: str = "takster") -> str:
    """`takster_2019_aarhus-kommune.xlsx` (`prefiks` names the template): ASCII, so every
    browser and mail client keeps it."""
    navn = driftsherre.navn.lower()
    for dansk, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        navn = navn.replace(dansk, ascii_)
    navn = unicodedata.normalize("NFKD", navn).encode("ascii", "ignore").decode()
    navn = re.sub(r"[^a-z0-9]+", "-", navn).strip("-")
    return f"{prefiks}_{aar}_{navn or driftsherre.pk}.xlsx"


def laast_besked(driftsherre: Driftsherre, aar: int) -> str | None:
    """Why the report can no longer be changed by import, or None while it is a draft."""
    indberetning = Takstindberetning.objects.filter(driftsherre=driftsherre, aar=aar).first()
    return _laast(indberetning)


def _laast(indberetning: Takstindberetning | None) -> str | None:
    if indberetning is None or indberetning.status == Indberetningsstatus.UDKAST:
        return None
    status = Indberetningsstatus(indberetning.status).label.lower()
    return (
        f"Takstindberetningen for {indberetning.aar} er {status} og kan ikke længere ændres ved import. "
        "Kontakt sekretariatet, hvis den skal åbnes igen."
    )


@dataclass(frozen=True)
class Importresultat:
    """What an import did: nothing when `fejl` or `laast`, else the changed rows (services,
    or what `ental`/`flertal` name)."""

    fil: str
    fejl: tuple[Fejl, ...] = ()
    laast: str | None = None
    aendrede: tuple[str, ...] = ()  # "Tilbud – Ydelse" of each changed service
    uaendrede: int = 0
    ental: str = "ydelse"
    flertal: str = "ydelser"

    @property
    def ok(self) -> bool:
        return not self.fejl and self.laast is None

    @property
    def opsummering(self) -> str:
        """'3 ydelser ændret, 9 uændrede'."""
        n = len(self.aendrede)
        return (
            f"{n} {self.ental if n == 1 else self.flertal} ændret, "
            f"{self.uaendrede} {'uændret' if self.uaendrede == 1 else 'uændrede'}"
        )


def importer(driftsherre: Driftsherre, aar: int, data: bytes, fil: str) -> Importresultat:
    """Import an uploaded template: everything or, on any error, nothing.

    The file is parsed and checked completely first (cells, then against the register:
    ids of this operator's services, no service missing, computed rates unchanged); then
    the changed rows are saved in one transaction. A report that is no longer a draft is
    refused before and again inside the transaction (the row is locked)."""
    if besked := laast_besked(driftsherre, aar):
        return Importresultat(fil, laast=besked)
    indlaesning = laes_indberetning(
        data, fil, driftsherre_id=driftsherre.pk, aar=aar, driftsherre=driftsherre.navn
    )
    if not indlaesning.arket_laest:
        return Importresultat(fil, fejl=indlaesning.fejl)
    with transaction.atomic():
        indberetning = (
            Takstindberetning.objects.select_for_update().filter(driftsherre=driftsherre, aar=aar).first()
        )
        if besked := _laast(indberetning):
            return Importresultat(fil, laast=besked)
        forventede = {y.pk: y for y in ydelser(driftsherre, aar)}
        eksisterende = {
            ya.ydelse_id: ya
            for ya in Ydelsesaar.objects.select_for_update().filter(ydelse_id__in=forventede, aar=aar)
        }
        fejl = list(indlaesning.fejl)
        fejl += _kontroller(driftsherre, indlaesning, forventede, eksisterende)
        if fejl:
            return Importresultat(fil, fejl=tuple(sorter_fejl(fejl)))
        aendrede: list[str] = []
        for r in indlaesning.raekker:
            ya = eksisterende.get(r.ydelse_id)
            if ya is None:
                if r.tom:
                    continue
                ya = Ydelsesaar(ydelse=forventede[r.ydelse_id], aar=aar)
            if _anvend(ya, r):
                ya.full_clean(validate_unique=False, validate_constraints=False)
                ya.save()
                update_change_reason(ya, f"Excel-import: {fil}"[:100])
                aendrede.append(str(forventede[r.ydelse_id]))
    return Importresultat(fil, aendrede=tuple(aendrede), uaendrede=len(indlaesning.raekker) - len(aendrede))


def _kontroller(
    driftsherre: Driftsherre,
    indlaesning: Indlaesning,
    forventede: dict[int, Ydelse],
    eksisterende: dict[int, Ydelsesaar],
) -> list[Fejl]:
    """The rows against the register: every service of the operator exactly once, no
    stranger's, and no change to a rate computed from the budget. Rows with a cell error
    are not checked again, but they are not missing either."""
    fil, raekker = indlaesning.fil, indlaesning.raekker
    fejl: list[Fejl] = []
    ukendte = [r.ydelse_id for r in raekker if r.ydelse_id not in forventede]
    andre = {y.pk: y for y in Ydelse.objects.filter(pk__in=ukendte).select_related("tilbud__driftsherre")}
    for r in raekker:
        y = forventede.get(r.ydelse_id)
        if y is None:
            fremmed = andre.get(r.ydelse_id)
            if fremmed is None:
                besked = f"ydelse {r.ydelse_id} findes ikke i registret (er den slettet?)"
            elif fremmed.tilbud.driftsherre_id != driftsherre.pk:
                besked = f"ydelse {r.ydelse_id} hører til en anden driftsherre end {driftsherre.navn}"
            else:
                besked = (
                    f"ydelse {r.ydelse_id} hører til tilbuddet {fremmed.tilbud.navn}, "
                    f"som er lukket fra {fremmed.tilbud.lukket_fra:%d-%m-%Y}"
                )
            fejl.append(Fejl(fil, besked, ARK_TAKSTER, r.raekke, YDELSE_ID))
            continue
        if r.tilbud_id != y.tilbud_id:
            fejl.append(
                Fejl(
                    fil,
                    f"tilbud {r.tilbud_id} passer ikke til ydelse {y.pk}, som hører til tilbud "
                    f"{y.tilbud_id} ({y.tilbud.navn}); nøglekolonnerne må ikke ændres",
                    ARK_TAKSTER,
                    r.raekke,
                    TILBUD_ID,
                )
            )
        ya = eksisterende.get(r.ydelse_id)
        if ya is not None and ya.takstberegning_id is not None and r.takst != ya.takst:
            beregnet = kr(ya.takst) if ya.takst is not None else "ingen endnu"
            i_filen = kr(r.takst) if r.takst is not None else "tom"
            fejl.append(
                Fejl(
                    fil,
                    "taksten er beregnet af budgettet; ret budgettet i stedet "
                    f"(beregnet: {beregnet}, i filen: {i_filen})",
                    ARK_TAKSTER,
                    r.raekke,
                    TAKST,
                )
            )
    set_i_filen = {r.ydelse_id for r in raekker} | indlaesning.med_fejl
    for y in forventede.values():
        if y.pk not in set_i_filen:
            fejl.append(
                Fejl(
                    fil,
                    f"rækken for ydelse {y.pk} ({y}) mangler; rækker må ikke slettes. Er ydelsen oprettet, "
                    "efter at filen blev hentet, så hent en ny skabelon",
                    ARK_TAKSTER,
                )
            )
    return fejl


def _anvend(ya: Ydelsesaar, r: Takstraekke) -> bool:
    """Set the row's values on `ya`; True when anything changed. An entered rate gets the
    source "indtastet"; a computed rate (checked unchanged before) keeps its source."""
    nye: dict[str, object] = {
        "pladser": r.pladser,
        "budgetteret_belaegning_pct": r.belaegning_pct,
        "takst": r.takst,
        "kilde_tekst": r.kilde_tekst,
        "begrundelse": r.begrundelse,
    }
    if ya.takstberegning_id is None and r.takst is not None:
        nye["takst_kilde"] = TakstKilde.INDTASTET
    aendret = ya.pk is None
    for felt, ny in nye.items():
        gammel = getattr(ya, felt)
        if isinstance(gammel, str) and isinstance(ny, str) and _tekst(gammel) == _tekst(ny):
            continue  # the sheet's text is stripped and has "\n" line breaks
        if gammel != ny:  # Decimals compare by value: 24 == 24.00
            setattr(ya, felt, ny)
            aendret = True
    return aendret


def _tekst(t: str) -> str:
    return t.replace("\r\n", "\n").strip()
