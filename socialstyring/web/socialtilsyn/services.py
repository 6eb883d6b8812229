"""The use case of the social supervision area, in one transaction: a year's budget inputs
created or changed with what the user changed. A stale page is refused (`Foraeldet`); figures
the engine refuses are refused with its (Danish) words, and nothing is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from socialstyring.beregning.socialtilsyn import beregn_socialtilsyn
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.socialtilsyn import selectors
from socialstyring.web.socialtilsyn.forms import FELTER, AarForm
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed


@transaction.atomic
def gem_aar(enhed: Tilsynsenhed, aar: int, form: AarForm) -> Tilsynsaar:
    """Save the year's inputs of `enhed` with what the user changed on the valid `form`."""
    r = Tilsynsaar.objects.select_for_update().filter(enhed=enhed, aar=aar).first()
    felter = aendringer(form, FELTER)
    hvad = f"{enhed.navn} {aar}"
    k = konflikt(hvad, r, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(r, felter)
    if r is not None and not nye:
        return r
    ny = r is None
    r = r or Tilsynsaar(enhed=enhed, aar=aar)
    for navn, v in nye.items():
        setattr(r, navn, v)
    r.full_clean(validate_unique=not ny, validate_constraints=not ny)
    try:
        beregn_socialtilsyn(selectors.grundlag(r), gaeldende_regelbog())
    except MOTORFEJL as fejl:
        raise ValidationError(f"Tallene kan ikke beregnes: {motorfejl(fejl)}.") from None
    if ny:
        gem_ny(r, hvad)
    else:
        r.save()
    return r
