"""The use case of the Børnehus area, in one transaction: a year's figures created or changed
with what the user changed. A stale page is refused (`Foraeldet`); figures the engine cannot
use (`selectors.grundlag`) are refused field by field, and nothing is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as Inputfejl

from socialstyring.web.boernehus import selectors
from socialstyring.web.boernehus.forms import FELTER, AarForm
from socialstyring.web.boernehus.models import Boernehus, Boernehusaar
from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)


@transaction.atomic
def gem_aar(boernehus: Boernehus, aar: int, form: AarForm) -> Boernehusaar:
    """Save the year's figures of `boernehus` with what the user changed on the valid `form`."""
    r = Boernehusaar.objects.select_for_update().filter(boernehus=boernehus, aar=aar).first()
    felter = aendringer(form, FELTER)
    k = konflikt(f"{boernehus.navn} {aar}", r, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(r, felter)
    if r is not None and not nye:
        return r
    ny = r is None
    r = r or Boernehusaar(boernehus=boernehus, aar=aar)
    for navn, v in nye.items():
        setattr(r, navn, v)
    r.full_clean(validate_unique=not ny, validate_constraints=not ny)
    try:
        selectors.grundlag(r)
    except Inputfejl as fejl:
        raise ValidationError(pydantic_tekst(fejl)) from None
    if ny:
        gem_ny(r, f"{boernehus.navn} {aar}")
    else:
        r.save()
    return r
