"""The template's import: everything or, on any error, nothing, behind the year's lock
(`register.services.laas_aaret`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from socialstyring.beregning.kerne.penge import kr
from socialstyring.io.excel.faelles import raekkens_navn
from socialstyring.io.excel.indberetning import (
    ARK_TAKSTER,
    BEGRUNDELSE,
    BELAEGNING,
    KILDE,
    PLADSER,
    TAKST,
    TILBUD_ID,
    YDELSE_ID,
    Fejl,
    Indlaesning,
    Takstraekke,
    laes_indberetning,
    sorter_fejl,
)
from socialstyring.web.excelimport.resultat import (
    Importresultat,
    aendret_efter_hentning,
    aendring,
    gem_importeret,
    sidst_gemte,
    valideringsfejl,
)
from socialstyring.web.register.models import Driftsherre, TakstKilde, Ydelse, Ydelsesaar
from socialstyring.web.register.services import Laast, laas_aaret, laast_status
from socialstyring.web.takstskabelon.selectors import ydelser


def laast_besked(status: str, aar: int) -> str:
    """Why the report can no longer be changed by import."""
    return (
        f"Takstindberetningen for {aar} er {status} og kan ikke længere ændres ved import. "
        "Kontakt sekretariatet, hvis den skal åbnes igen."
    )


def importer(driftsherre: Driftsherre, aar: int, data: bytes, fil: str) -> Importresultat:
    """Import an uploaded template: everything or, on any error, nothing.

    The file is parsed and checked completely first (cells, then against the register:
    ids of this operator's services, no service missing, computed rates unchanged); then
    the changed rows are saved in one transaction. A report that is no longer a draft is
    refused before and again inside the transaction (the row is locked)."""
    if status := laast_status(driftsherre, aar):
        return Importresultat(fil, laast=laast_besked(status, aar))
    indlaesning = laes_indberetning(
        data, fil, driftsherre_id=driftsherre.pk, aar=aar, driftsherre=driftsherre.navn
    )
    if not indlaesning.arket_laest:
        return Importresultat(fil, fejl=indlaesning.fejl)
    with transaction.atomic():
        try:
            laas_aaret(driftsherre, aar)
        except Laast as laas:
            return Importresultat(fil, laast=laast_besked(laas.status, aar))
        forventede = {y.pk: y for y in ydelser(driftsherre, aar)}
        eksisterende = {
            ya.ydelse_id: ya
            for ya in Ydelsesaar.objects.select_for_update().filter(ydelse_id__in=forventede, aar=aar)
        }
        fejl = list(indlaesning.fejl)
        fejl += _kontroller(driftsherre, indlaesning, forventede, eksisterende)
        if fejl:
            return Importresultat(fil, fejl=tuple(sorter_fejl(fejl, indlaesning.bogstaver)))
        aendres = []  # each changed row and its fields' old and new values (`Aendring`)
        for r in indlaesning.raekker:
            ya = eksisterende.get(r.ydelse_id)
            if ya is None:
                if r.tom:
                    continue
                ya = Ydelsesaar(ydelse=forventede[r.ydelse_id], aar=aar)
            if (foer := _anvend(ya, r)) or ya.pk is None:
                try:  # every row is checked before any is saved: an error is a message, not a 500
                    # the service and the rate calculation come from the register, not the file
                    # (checking them would cost a query each)
                    ya.full_clean(
                        exclude=["ydelse", "takstberegning"],
                        validate_unique=False,
                        validate_constraints=False,
                    )
                except ValidationError as ve:
                    fejl += valideringsfejl(ve, fil, ARK_TAKSTER, r.raekke, _TAKSTKOLONNER)
                aendres.append((ya, aendring(ya, str(forventede[r.ydelse_id]), foer), r))
        # the stale check, the history of every changed row read in one query
        sidst = (
            sidst_gemte(Ydelsesaar, [ya.pk for ya, _, _ in aendres if ya.pk is not None])
            if indlaesning.hentet is not None
            else {}
        )
        for ya, _, r in aendres:
            fejl += aendret_efter_hentning(
                ya, indlaesning.hentet, fil, ARK_TAKSTER, r.raekke, str(forventede[r.ydelse_id]), sidst
            )
        if fejl:
            return Importresultat(fil, fejl=tuple(sorter_fejl(fejl, indlaesning.bogstaver)))
        for ya, _, _ in aendres:
            gem_importeret(ya, fil)
    aendrede = tuple(a for _, a, _ in aendres)
    return Importresultat(fil, aendrede=aendrede, uaendrede=len(indlaesning.raekker) - len(aendrede))


_TAKSTKOLONNER: dict[str, str] = {
    "pladser": PLADSER,
    "budgetteret_belaegning_pct": BELAEGNING,
    "takst": TAKST,
    "kilde_tekst": KILDE,
    "begrundelse": BEGRUNDELSE,
}
"""The template's column of each field an import sets."""


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
                besked = (
                    f"{raekkens_navn('ydelsen', r.ydelse, r.tilbud)} findes ikke længere i registret "
                    "(er den slettet?)"
                )
            elif fremmed.tilbud.driftsherre_id != driftsherre.pk:
                hvem = raekkens_navn("ydelsen", r.ydelse, r.tilbud)
                besked = f"{hvem}: id {r.ydelse_id} hører til en anden driftsherre"
            else:
                besked = (
                    f"{raekkens_navn('ydelsen', fremmed.navn)} hører til tilbuddet {fremmed.tilbud.navn}, "
                    f"som er lukket fra {fremmed.tilbud.lukket_fra:%d-%m-%Y}"
                )
            fejl.append(Fejl(fil, besked, ARK_TAKSTER, r.raekke, YDELSE_ID))
            continue
        if r.tilbud_id != y.tilbud_id:
            fejl.append(
                Fejl(
                    fil,
                    f"tilbuddets id passer ikke til {raekkens_navn('ydelsen', y.navn)}, som hører til "
                    f'tilbuddet "{y.tilbud.navn}"; nøglekolonnerne må ikke ændres',
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
                    f"rækken for {raekkens_navn('ydelsen', y.navn, y.tilbud.navn)} mangler; rækker må ikke "
                    "slettes. Er ydelsen oprettet, "
                    "efter at filen blev hentet, så hent en ny skabelon",
                    ARK_TAKSTER,
                )
            )
    return fejl


def _anvend(ya: Ydelsesaar, r: Takstraekke) -> dict[str, object]:
    """Set the row's values on `ya`; the changed fields' values before. An entered rate gets
    the source "indtastet"; a computed rate (checked unchanged before) keeps its source."""
    nye: dict[str, object] = {
        "pladser": r.pladser,
        "budgetteret_belaegning_pct": r.belaegning_pct,
        "takst": r.takst,
        "kilde_tekst": r.kilde_tekst,
        "begrundelse": r.begrundelse,
    }
    if ya.takstberegning_id is None and r.takst is not None:
        nye["takst_kilde"] = TakstKilde.INDTASTET
    foer: dict[str, object] = {}
    for felt, ny in nye.items():
        gammel = getattr(ya, felt)
        if isinstance(gammel, str) and isinstance(ny, str) and _tekst(gammel) == _tekst(ny):
            continue  # the sheet's text is stripped and has "\n" line breaks
        if gammel != ny:  # Decimals compare by value: 24 == 24.00
            setattr(ya, felt, ny)
            foer[felt] = gammel
    return foer


def _tekst(t: str) -> str:
    return t.replace("\r\n", "\n").strip()
