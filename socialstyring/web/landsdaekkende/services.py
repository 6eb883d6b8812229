"""A year's figures of an objectively financed national offer, created or changed in one
transaction; a page opened before another save of the year is refused (`faelles.samtidighed`)."""

from __future__ import annotations

from django.db import transaction

from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.landsdaekkende.forms import FELTER, AarForm
from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud


@transaction.atomic
def gem_aar(tilbud: LandsdaekkendeTilbud, aar: int, form: AarForm) -> LandsdaekkendeAar:
    """Create the year (none yet) or write what the user changed on the valid `form`;
    `Foraeldet` when the year was saved by someone else after the page was opened."""
    nu = LandsdaekkendeAar.objects.select_for_update().filter(tilbud=tilbud, aar=aar).first()
    felter = aendringer(form, FELTER)
    hvad = f"{tilbud.navn} {aar}"
    k = konflikt(hvad, nu, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(nu, felter)
    ny = nu is None
    post = nu or LandsdaekkendeAar(tilbud=tilbud, aar=aar)
    if not ny and not nye:
        return post
    for navn, v in nye.items():
        setattr(post, navn, v)
    post.full_clean(validate_unique=not ny, validate_constraints=not ny)
    if ny:
        gem_ny(post, hvad)
    else:
        post.save()
    return post
