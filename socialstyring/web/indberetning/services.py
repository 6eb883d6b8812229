"""The rate report's use cases, each in one transaction behind the year's lock
(`register.services.laas_aaret`): saving the draft from the form, submitting, approving,
reopening and reminding (the import from the Excel template is `takstskabelon`'s).

Submission and approval run the engine's validation (`beregning.indberetning`); the status
transitions are `Takstindberetning`'s methods, called here on the locked row."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from socialstyring.beregning.indberetning import Indberetningsresultat
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    Konflikt,
    aendringer,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.indberetning.forms import (
    FORMSET_PREFIX,
    REDIGERBARE,
    YdelsesaarForm,
    YdelsesaarFormSet,
)
from socialstyring.web.indberetning.models import Paamindelse
from socialstyring.web.indberetning.selectors import (
    Indberetningsdata,
    dato_tekst,
    frist,
    frist_status,
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
from socialstyring.web.register.services import laas_aaret

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


def gem_udkast_fra_vaerdier(
    data: Indberetningsdata, raekker: Mapping[int, tuple[int, Mapping[str, Any]]]
) -> int:
    """`gem_udkast` for values sent without the page (the JSON API): service id → (the version
    of its row the caller read, the fields it sets, by `REDIGERBARE` name). The page's own form
    reads and checks them as if typed on the page, the values stored now being what the caller
    saw; `ValidationError` (field by field, nothing written) for a bad value or a service not in
    the report; a stale version is `Foraeldet`, a locked year `Laast`, as on the page."""
    fremmede = set(raekker) - {r.ydelse.pk for r in data.raekker}
    if fremmede:
        raise ValidationError(f"Ydelserne {sorted(fremmede)} indgår ikke i indberetningen.")
    n = len(data.raekker)
    post: dict[str, Any] = {f"{FORMSET_PREFIX}-TOTAL_FORMS": n, f"{FORMSET_PREFIX}-INITIAL_FORMS": n}
    for i, r in enumerate(data.raekker):
        saa = r.initial()
        version, nye = raekker.get(r.ydelse.pk, (saa["version"], {}))
        ukendte = set(nye) - set(REDIGERBARE)
        if ukendte:
            raise ValidationError(f"Ukendte felter: {', '.join(sorted(ukendte))}.")
        p = f"{FORMSET_PREFIX}-{i}-"
        post[p + "ydelse"], post[p + "version"] = r.ref, version
        for navn in REDIGERBARE:
            felt = YdelsesaarForm.base_fields[navn]
            vist = felt.prepare_value(saa[navn])
            post["initial-" + p + navn] = "" if vist is None else vist
            v = felt.prepare_value(nye[navn]) if navn in nye else vist
            post[p + navn] = "" if v is None else v
    fs = YdelsesaarFormSet(post, prefix=FORMSET_PREFIX)
    if not fs.is_valid():
        raise ValidationError(
            {
                f"{r.ydelse.pk}.{navn}": fejl
                for form, r in zip(fs.forms, data.raekker, strict=True)
                for navn, fejl in form.errors.items()
            }
        )
    return gem_udkast(data, fs)


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
