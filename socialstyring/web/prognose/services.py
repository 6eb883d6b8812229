"""The use cases of the forecast area, each in one transaction: a new forecast, its inputs saved
with what the user changed (a stale page is refused, `Foraeldet`; figures the engine cannot use
are refused and nothing is written), and the known citizens fetched from the stays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from pydantic import ValidationError as Inputfejl

from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.samtidighed import Foraeldet, aendringer, konflikt, nye_vaerdier, set_version
from socialstyring.web.prognose import selectors
from socialstyring.web.prognose.forms import AARSFELTER, HOVED, PrognoseForm, aarsfelt
from socialstyring.web.prognose.models import KendtBorger, Prognose, Prognoseaar
from socialstyring.web.register.models import Kommune


@transaction.atomic
def opret(kommune: Kommune, navn: str, basisaar: int) -> Prognose:
    """A new forecast of `kommune` with its years (frame 0, no new citizens) to fill in."""
    p = Prognose(kommune=kommune, navn=navn, basisaar=basisaar)
    p.full_clean()
    p.save()
    for i in range(1, selectors.aarstal(basisaar, kommune) + 1):
        Prognoseaar.objects.create(prognose=p, aar=basisaar + i)
    return p


def kendte_som_liste(p: Prognose) -> list[dict[str, Any]]:
    """The known citizens as the form's field holds them (`forms.Borgerfelt`)."""
    return [
        {
            "pseudonym": k.pseudonym,
            "aarlig_udgift": format(Decimal(k.aarlig_udgift).normalize(), "f"),
            "ophoerer": k.ophoerer.isoformat() if k.ophoerer else None,
        }
        for k in p.kendte.order_by("pseudonym")
    ]


def initial(p: Prognose) -> dict[str, Any]:
    """The form's values for the stored forecast."""
    ud: dict[str, Any] = {f: getattr(p, f) for f in HOVED}
    ud["version"] = p.version
    ud["kendte"] = kendte_som_liste(p)
    for i, a in enumerate(p.aarene.order_by("aar"), 1):
        for felt, _, _ in AARSFELTER:
            ud[aarsfelt(i, felt)] = getattr(a, felt)
    return ud


@transaction.atomic
def gem(prognose_id: int, form: PrognoseForm) -> Prognose:
    """Save what the user changed on the valid `form` of the forecast."""
    p = Prognose.objects.select_for_update().get(pk=prognose_id)
    felter = aendringer(form, form.fields)
    k = konflikt(str(p), p, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    if not felter:
        return p
    for navn, v in nye_vaerdier(p, {f: x for f, x in felter.items() if f in HOVED}).items():
        setattr(p, navn, v)
    p.full_clean()
    aarene = list(p.aarene.order_by("aar"))
    if aarene and aarene[0].aar != p.basisaar + 1:  # a new base year moves the years along
        p.aarene.update(aar=F("aar") + 10_000)  # out of the unique constraint's way while they move
    for i, a in enumerate(aarene, 1):
        a.aar = p.basisaar + i
        for felt, _, _ in AARSFELTER:
            if aarsfelt(i, felt) in felter:
                setattr(a, felt, felter[aarsfelt(i, felt)][2])
    for a in aarene:
        a.full_clean(validate_unique=False, validate_constraints=False)
        a.save()
    if "kendte" in felter:
        _gem_kendte(p, felter["kendte"][2], "indtastet")
    p.save()
    try:
        selectors.grundlag(p)
    except Inputfejl as fejl:
        raise ValidationError(pydantic_tekst(fejl)) from None
    return p


def _gem_kendte(p: Prognose, borgere: Iterable[dict[str, Any]], kilde: str) -> None:
    """Make the forecast's known citizens `borgere` (delete the others, change or add)."""
    nu = {k.pseudonym: k for k in p.kendte.all()}
    oensket = {b["pseudonym"]: b for b in borgere}
    for navn in set(nu) - set(oensket):
        nu[navn].delete()
    for navn, b in oensket.items():
        udgift = Decimal(b["aarlig_udgift"])
        ophoerer = date.fromisoformat(b["ophoerer"]) if b["ophoerer"] else None
        k = nu.get(navn)
        if k is None:
            k = KendtBorger(prognose=p, pseudonym=navn, kilde=b.get("kilde", kilde))
        elif k.aarlig_udgift == udgift and k.ophoerer == ophoerer:
            continue
        k.aarlig_udgift, k.ophoerer = udgift, ophoerer
        k.kilde = b.get("kilde", kilde)
        k.full_clean(validate_unique=False, validate_constraints=False)
        k.save()


@transaction.atomic
def hent_borgere_fra_opholdene(prognose_id: int, version: int) -> int:
    """Add (or update) the citizens of the stays the municipality pays for as known citizens,
    with their current yearly cost; citizens entered by hand are kept. Refuses a stale page.
    Returns the number of citizens taken from the stays."""
    p = Prognose.objects.select_for_update().get(pk=prognose_id)
    k = konflikt(str(p), p, version, {})
    if k is not None:
        raise Foraeldet([k])
    fra_ophold, _ = selectors.borgere_fra_opholdene(p)
    borgere = {b["pseudonym"]: b for b in kendte_som_liste(p)}
    for o in fra_ophold:
        borgere[o.pseudonym] = {
            "pseudonym": o.pseudonym,
            "aarlig_udgift": str(o.aarlig_udgift),
            "ophoerer": o.ophoerer.isoformat() if o.ophoerer else None,
            "kilde": o.kilde,
        }
    _gem_kendte(p, borgere.values(), "indtastet")
    p.save()
    return len(fra_ophold)
