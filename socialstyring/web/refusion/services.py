"""The use cases of the reimbursement area, each in one transaction: a citizen created or
changed, a month's costs saved (or removed), a one-off cost added or removed, and a quarter's
claim submitted as a frozen version. A save refuses a stale page (`Foraeldet`)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.web.afregning.selectors import opholdsborgere
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    Konflikt,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.refusion.forms import (
    BORGERFELTER,
    MAANEDSFELTER,
    BorgerForm,
    EngangsudgiftForm,
    MaanedForm,
)
from socialstyring.web.refusion.gemt import Gemtkrav
from socialstyring.web.refusion.models import Engangsudgift, Refusionsborger, Refusionskrav, Refusionsmaaned
from socialstyring.web.refusion.selectors import opgoer
from socialstyring.web.register.models import Kommune


class Uaendret(Exception):
    """Nothing to submit: the claim is what its latest version already says."""


@transaction.atomic
def gem_borger(kommune: Kommune, form: BorgerForm, borger: Refusionsborger | None = None) -> Refusionsborger:
    """Create a citizen of `kommune` (no `borger`) or change `borger` with what the user changed
    on the valid `form`."""
    if borger is not None:
        borger = Refusionsborger.objects.select_for_update().get(pk=borger.pk)
    felter = aendringer(form, (*BORGERFELTER, "ophold_borger"))
    hvad = f"Borger {borger.noegle}" if borger is not None else "Borgeren"
    k = konflikt(hvad, borger, set_version(form), felter) if borger is not None else None
    if k is not None:
        raise Foraeldet([k])
    kobling = felter.pop("ophold_borger", None)
    nye = nye_vaerdier(borger, felter)
    ny = borger is None
    b = borger or Refusionsborger(kommune=kommune)
    for navn, v in nye.items():
        setattr(b, navn, v if v is not None else "")
    if kobling is not None:
        b.pseudonym = _opholdenes_pseudonym(kommune, kobling[2] or "", b)
    elif not ny and not nye:
        return b
    b.full_clean(validate_unique=not ny, validate_constraints=not ny)
    if ny:
        gem_ny(b, f"Borger {b.noegle}")
    else:
        b.save()
    return b


def _opholdenes_pseudonym(kommune: Kommune, kort: str, b: Refusionsborger) -> str:
    """The stays' pseudonym of the citizen chosen by its short key ('' for none); the birth
    date must be the one the stays hold (it is derived from the same CPR number)."""
    if not kort:
        return ""
    fundet = opholdsborgere(kommune).get(kort)
    if fundet is None:
        raise ValidationError({"ophold_borger": "Borgeren findes ikke i de ophold, kommunen betaler for."})
    pseudonym, f = fundet
    if b.foedselsdato != f:
        raise ValidationError(
            {
                "ophold_borger": f"Borger {kort} er født {f.day}.{f.month}.{f.year} efter opholdene; "
                "ret fødselsdatoen, eller vælg en anden borger."
            }
        )
    anden = Refusionsborger.objects.filter(kommune=kommune, pseudonym=pseudonym).exclude(pk=b.pk).first()
    if anden is not None:
        raise ValidationError(
            {"ophold_borger": f"Borger {kort} er allerede koblet til borger {anden.noegle}."}
        )
    return pseudonym


@transaction.atomic
def gem_maaned(borger: Refusionsborger, aar: int, maaned: int, form: MaanedForm) -> Refusionsmaaned | None:
    """Save the citizen's costs of a month with what the user changed; an empty gross cost
    removes the month. `Foraeldet` when someone saved the month after the page was opened."""
    m = Refusionsmaaned.objects.select_for_update().filter(borger=borger, aar=aar, maaned=maaned).first()
    felter = aendringer(form, MAANEDSFELTER)
    hvad = f"{MAANEDER[maaned - 1].capitalize()} {aar} for borger {borger.noegle}"
    k = konflikt(hvad, m, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    if form.cleaned_data.get("brutto") is None:
        if m is not None:
            m.delete()
        return None
    nye = nye_vaerdier(m, felter)
    if m is not None and not nye:
        return m
    ny = m is None
    m = m or Refusionsmaaned(borger=borger, aar=aar, maaned=maaned)
    for navn, v in nye.items():
        setattr(m, navn, Decimal(0) if v is None else v)
    m.full_clean(validate_unique=not ny, validate_constraints=not ny)
    if ny:
        gem_ny(m, hvad)
    else:
        m.save()
    return m


@transaction.atomic
def tilfoej_engangsudgift(borger: Refusionsborger, aar: int, form: EngangsudgiftForm) -> Engangsudgift:
    e = Engangsudgift(
        borger=borger, aar=aar, navn=form.cleaned_data["navn"], beloeb=form.cleaned_data["beloeb"]
    )
    e.full_clean()
    e.save()
    return e


@transaction.atomic
def slet_engangsudgift(engangsudgift: Engangsudgift) -> None:
    Engangsudgift.objects.filter(pk=engangsudgift.pk).delete()


@transaction.atomic
def indsend_krav(
    kommune: Kommune, aar: int, kvartal: int, bruger: User | None, set_nummer: int
) -> Refusionskrav:
    """Submit the claim for `kvartal` of `aar` as it stands now: a new frozen version (the
    first, or a correction of the latest). The municipality's row is held while the claim is
    computed and stored, so two submissions never get the same number.

    `Foraeldet` when another version was submitted after the page (which showed version
    `set_nummer`, 0: none) was opened; `Uaendret` when the claim is what the latest version
    says; the engine's errors (ValueError) when it cannot be computed."""
    Kommune.objects.select_for_update().get(pk=kommune.pk)
    seneste = (
        Refusionskrav.objects.filter(kommune=kommune, aar=aar, kvartal=kvartal).order_by("-nummer").first()
    )
    nummer = seneste.nummer if seneste is not None else 0
    if nummer != set_nummer:
        raise Foraeldet(
            [
                Konflikt(
                    f"Kravet for {kvartal}. kvartal {aar}",
                    (),
                    "en anden bruger",
                    seneste.indsendt if seneste else None,
                )
            ]
        )
    g, r = opgoer(kommune, aar, kvartal)
    grundlag = g.model_dump(mode="json")
    if seneste is not None:
        gammel = Gemtkrav.laes(seneste.indhold)
        if gammel.grundlag == grundlag and gammel.opgoerelse.krav.krav == r.krav.krav:
            raise Uaendret(
                f"Kravet for {kvartal}. kvartal {aar} er uændret siden version {seneste.nummer}; "
                "intet er indsendt."
            )
    return Refusionskrav.objects.create(
        kommune=kommune,
        aar=aar,
        kvartal=kvartal,
        nummer=nummer + 1,
        krav=r.krav.krav,
        aar_til_dato=r.aar_til_dato,
        indhold=Gemtkrav(grundlag=grundlag, opgoerelse=r).til_json(),
        indsendt_af=bruger,
    )
