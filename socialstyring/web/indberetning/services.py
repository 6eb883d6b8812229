"""The rate report's use cases, each in one transaction behind the year's lock
(`register.services.laas_aaret`): saving the draft from the form or from the Excel
template (all or nothing), submitting, approving, reopening and reminding.

Submission and approval run the engine's validation (`beregning.indberetning`); the status
transitions are `Takstindberetning`'s methods, called here on the locked row."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from socialstyring.beregning.indberetning import Indberetningsresultat
from socialstyring.beregning.kerne.penge import kr
from socialstyring.io.excel.indberetning import (
    ARK_TAKSTER,
    TAKST,
    TILBUD_ID,
    YDELSE_ID,
    Fejl,
    Indlaesning,
    Takstraekke,
    laes_indberetning,
    sorter_fejl,
)
from socialstyring.web.faelles.excelimport import Importresultat
from socialstyring.web.indberetning.models import Paamindelse
from socialstyring.web.indberetning.selectors import (
    Indberetningsdata,
    dato_tekst,
    frist,
    frist_status,
    ydelser,
)
from socialstyring.web.register.models import (
    Brugerprofil,
    Driftsherre,
    Indberetningsstatus,
    Rolle,
    Statusfejl,
    Takstindberetning,
    TakstKilde,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.register.services import Laast, laas_aaret, laast_status


def laast_besked(status: str, aar: int) -> str:
    """Why the report can no longer be changed by import."""
    return (
        f"Takstindberetningen for {aar} er {status} og kan ikke længere ændres ved import. "
        "Kontakt sekretariatet, hvis den skal åbnes igen."
    )


# --- the draft -------------------------------------------------------------------------------


@transaction.atomic
def gem_udkast(data: Indberetningsdata, fs: Any) -> int:
    """Write the posted figures (a valid formset matching `data`'s rows) to the Ydelsesaar
    rows; only changed rows are saved. `Laast` when the report is no longer a draft (it may
    have been submitted meanwhile, in another tab or by a colleague)."""
    aendret = 0
    laas_aaret(data.driftsherre, data.aar, opret=True)
    for form, r in zip(fs.forms, data.raekker, strict=True):
        c = form.cleaned_data
        nye: dict[str, Any] = {
            "pladser": c["pladser"],
            "budgetteret_belaegning_pct": c["budgetteret_belaegning_pct"],
            "kilde_tekst": c["kilde_tekst"].strip(),
            "begrundelse": c["begrundelse"].strip(),
        }
        if not r.beregnet:
            nye["takst"] = c["takst"]
        ya = r.nu
        if ya is None:
            if all(v in (None, "") for v in nye.values()):
                continue
            ya = Ydelsesaar(ydelse=r.ydelse, aar=data.aar)
        elif all(getattr(ya, k) == v for k, v in nye.items()):
            continue
        for k, v in nye.items():
            setattr(ya, k, v)
        if not r.beregnet:
            ya.takst_kilde = TakstKilde.INDTASTET
        ya.full_clean()
        ya.save()
        aendret += 1
    return aendret


@dataclass(frozen=True)
class Indsendelse:
    """The outcome of a submission: submitted, or refused with the validation's errors."""

    indsendt: bool
    resultat: Indberetningsresultat


@transaction.atomic
def indsend(driftsherre: Driftsherre, aar: int, bruger: User | None) -> Indsendelse:
    """Validate the report and submit it when nothing blocks (`Laast` when it is not a draft)."""
    ib = laas_aaret(driftsherre, aar, opret=True)
    assert ib is not None
    resultat = Indberetningsdata.hent(driftsherre, aar).valider()
    if not resultat.kan_indsendes:
        return Indsendelse(False, resultat)
    ib.indsend(bruger, timezone.now())
    ib.save()
    return Indsendelse(True, resultat)


def _indberetning(driftsherre: Driftsherre, aar: int, til: Indberetningsstatus) -> Takstindberetning:
    ib = Takstindberetning.objects.select_for_update().filter(driftsherre=driftsherre, aar=aar).first()
    if ib is None:
        raise Statusfejl(f"Indberetningen er ikke påbegyndt og kan ikke sættes til {til.label.lower()}.")
    return ib


@transaction.atomic
def genaabn(driftsherre: Driftsherre, aar: int) -> None:
    """A submitted or approved report goes back to draft (`Statusfejl` otherwise)."""
    ib = _indberetning(driftsherre, aar, Indberetningsstatus.UDKAST)
    ib.genaabn()
    ib.save()


@transaction.atomic
def godkend(driftsherre: Driftsherre, aar: int) -> Indberetningsresultat:
    """Approve a submitted report unless it no longer validates (then it stays submitted and
    the validation's errors are returned); `Statusfejl` when it is not submitted."""
    ib = _indberetning(driftsherre, aar, Indberetningsstatus.GODKENDT)
    if ib.status != Indberetningsstatus.INDSENDT:
        ib.godkend()  # raises the transition's own error
    resultat = Indberetningsdata.hent(driftsherre, aar).valider()
    if resultat.kan_indsendes:
        ib.godkend()
        ib.save()
    return resultat


# --- reminders -------------------------------------------------------------------------------


post_log = logging.getLogger("socialstyring.post")


class IngenModtagere(Exception):
    pass


class IkkeSendt(Exception):
    """The mail server did not take the reminder (unreachable, refused, timed out, wrong
    login); nothing is recorded as sent."""


@transaction.atomic
def paamind(driftsherre: Driftsherre, aar: int, afsender: User | None, url: str) -> list[str]:
    """E-mail the operator's active staff a reminder of its draft report and record it;
    the recipients. `IngenModtagere` when no active user has an address, `IkkeSendt` (logged,
    nothing recorded) when the mail server does not take it."""
    data = Indberetningsdata.hent(driftsherre, aar)
    modtagere = sorted(
        {
            p.bruger.email
            for p in Brugerprofil.objects.filter(
                driftsherre=driftsherre, rolle=Rolle.DRIFTSHERRE, bruger__is_active=True
            ).select_related("bruger")
            if p.bruger.email
        }
    )
    if not modtagere:
        raise IngenModtagere(driftsherre.navn)
    f = frist(driftsherre, aar)
    navn = (afsender.get_full_name() or afsender.get_username()) if afsender is not None else ""
    linjer = [
        f"Til {driftsherre}",
        "",
        f"Sekretariatet for {driftsherre.rammeaftale} minder om takstindberetningen for {aar}.",
        f"Status: {data.status_tekst}.",
        f"Frist: {dato_tekst(f.dato)} ({frist_status(f, timezone.localdate(), None)})."
        if f
        else "Regelbogen har ingen frist for indberetningen; indsend den hurtigst muligt.",
        "",
        f"Indberetningen findes her: {url}",
        "",
        "Venlig hilsen",
        navn,
    ]
    try:
        send_mail(f"Påmindelse: takstindberetning for {aar}", "\n".join(linjer), None, modtagere)
    except (smtplib.SMTPException, OSError) as fejl:  # OSError: refused, unreachable, timed out
        post_log.error(
            "Påmindelse til %s om %s blev ikke sendt (%s): %s", driftsherre, aar, ", ".join(modtagere), fejl
        )
        raise IkkeSendt(str(fejl)) from fejl
    Paamindelse.objects.create(
        driftsherre=driftsherre, aar=aar, sendt_af=afsender, modtagere=", ".join(modtagere)
    )
    return modtagere


# --- the Excel template ----------------------------------------------------------------------


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
