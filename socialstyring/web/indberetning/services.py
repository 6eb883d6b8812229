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
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from socialstyring.beregning.indberetning import Indberetningsresultat
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
    valideringsfejl,
)
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    Konflikt,
    aendringer,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.indberetning.forms import REDIGERBARE
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
    """Write what the user changed on the posted rows (a valid formset matching `data`'s
    rows) to the Ydelsesaar rows; how many rows changed. `Laast` when the report is no
    longer a draft (it may have been submitted meanwhile, in another tab or by a colleague);
    `Foraeldet`, and nothing written, when a row the user changed was saved by someone else
    after the page was opened (`faelles.samtidighed`)."""
    laas_aaret(data.driftsherre, data.aar, opret=True)
    gemte = {
        ya.ydelse_id: ya
        for ya in Ydelsesaar.objects.select_for_update().filter(
            ydelse__in=[r.ydelse for r in data.raekker], aar=data.aar
        )
    }
    konflikter: list[Konflikt] = []
    skriv: list[tuple[Ydelse, Ydelsesaar | None, dict[str, Any]]] = []
    for form, r in zip(fs.forms, data.raekker, strict=True):
        ya = gemte.get(r.ydelse.pk)
        beregnet = (
            ya is not None and ya.takst_kilde == TakstKilde.BEREGNET and ya.takstberegning_id is not None
        )
        felter = aendringer(form, [f for f in REDIGERBARE if not (f == "takst" and beregnet)])
        if not felter:
            continue
        k = konflikt(f"{r.ydelse} {data.aar}", ya, set_version(form), felter)
        if k is not None:
            konflikter.append(k)
        elif nye := nye_vaerdier(ya, felter):
            skriv.append((r.ydelse, ya, nye))
    if konflikter:
        raise Foraeldet(konflikter)
    for ydelse, ya, nye in skriv:
        ya = ya or Ydelsesaar(ydelse=ydelse, aar=data.aar)
        for navn, v in nye.items():
            setattr(ya, navn, v)
        if "takst" in nye:
            ya.takst_kilde = TakstKilde.INDTASTET
        ya.full_clean()
        ya.save()
    return len(skriv)


@dataclass(frozen=True)
class Indsendelse:
    """The outcome of a submission: submitted, or refused with the validation's errors."""

    indsendt: bool
    resultat: Indberetningsresultat


def _tjek_version(ib: Takstindberetning | None, aar: int, set_v: int | None) -> None:
    """`Foraeldet` when the report is not the version the user confirmed (None: no check)."""
    if set_v is not None and (k := konflikt(f"Takstindberetningen for {aar}", ib, set_v, {})) is not None:
        raise Foraeldet([k])


@transaction.atomic
def indsend(driftsherre: Driftsherre, aar: int, bruger: User | None, set_v: int | None = None) -> Indsendelse:
    """Validate the report and submit it when nothing blocks (`Laast` when it is not a draft;
    `Foraeldet` when it changed after the user confirmed version `set_v`)."""
    eksisterende = (
        Takstindberetning.objects.select_for_update().filter(driftsherre=driftsherre, aar=aar).first()
    )
    _tjek_version(eksisterende, aar, set_v)
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
def genaabn(driftsherre: Driftsherre, aar: int, set_v: int | None = None) -> None:
    """A submitted or approved report goes back to draft (`Statusfejl` otherwise)."""
    ib = _indberetning(driftsherre, aar, Indberetningsstatus.UDKAST)
    _tjek_version(ib, aar, set_v)
    ib.genaabn()
    ib.save()


@transaction.atomic
def godkend(driftsherre: Driftsherre, aar: int, set_v: int | None = None) -> Indberetningsresultat:
    """Approve a submitted report unless it no longer validates (then it stays submitted and
    the validation's errors are returned); `Statusfejl` when it is not submitted; `Foraeldet`
    when it changed (reopened, resubmitted) after the user confirmed version `set_v`."""
    ib = _indberetning(driftsherre, aar, Indberetningsstatus.GODKENDT)
    _tjek_version(ib, aar, set_v)
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
                    ya.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as ve:
                    fejl += valideringsfejl(ve, fil, ARK_TAKSTER, r.raekke, _TAKSTKOLONNER)
                fejl += aendret_efter_hentning(
                    ya, indlaesning.hentet, fil, ARK_TAKSTER, r.raekke, str(forventede[r.ydelse_id])
                )
                aendres.append((ya, aendring(ya, str(forventede[r.ydelse_id]), foer)))
        if fejl:
            return Importresultat(fil, fejl=tuple(sorter_fejl(fejl, indlaesning.bogstaver)))
        for ya, _ in aendres:
            gem_importeret(ya, fil)
    aendrede = tuple(a for _, a in aendres)
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
