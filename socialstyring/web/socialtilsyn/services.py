"""The use cases of the social supervision area, each in one transaction: a year's budget inputs
created or changed with what the user changed, and its rate basis (`gem_takstgrundlag`). A stale
page is refused (`Foraeldet`); figures the engine refuses are refused with its (Danish) words,
and nothing is written."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from socialstyring.beregning.socialtilsyn import beregn_socialtilsyn
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import (
    Feltkonflikt,
    Foraeldet,
    Konflikt,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
    sidst_gemt_af,
    vis_vaerdi,
)
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.socialtilsyn import selectors
from socialstyring.web.socialtilsyn.forms import FELTER, AarForm
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed
from socialstyring.web.socialtilsyn.takstform import FELTER as TAKSTFELTER
from socialstyring.web.socialtilsyn.takstform import TakstgrundlagForm, takstgrundlag, til_felter


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


def _vis(felt: forms.Field, v: Any) -> str:
    """A value in a conflict message: a list's lines separated by ' | '."""
    if isinstance(v, list):
        return " | ".join(str(felt.prepare_value(v)).splitlines())
    return vis_vaerdi(v)


def _ens(a: Any, b: Any) -> bool:
    return (a.strip() if isinstance(a, str) else a) == (b.strip() if isinstance(b, str) else b)


@transaction.atomic
def gem_takstgrundlag(enhed: Tilsynsenhed, aar: int, form: TakstgrundlagForm) -> Tilsynsaar:
    """Save the parts of the year's rate basis the user changed on the valid `form`: the
    stored basis with those parts replaced, checked by the engine, with a history entry
    naming them. Refused when the year was saved after the page was opened."""
    r = Tilsynsaar.objects.select_for_update().filter(enhed=enhed, aar=aar).first()
    if r is None:
        raise ValidationError(f"{enhed.navn} har ingen tal for {aar}; indtast budgettallene først.")
    hvad = f"Takstgrundlaget for {enhed.navn} {aar}"
    felter = aendringer(form, TAKSTFELTER)
    try:
        nu = til_felter(selectors.takstgrundlag(r))
    except MOTORFEJL as fejl:
        raise ValidationError(f"Det gemte takstgrundlag kan ikke læses: {motorfejl(fejl)}.") from None
    if r.version != set_version(form):
        af, tid = sidst_gemt_af(r)
        vis = [
            Feltkonflikt(
                label, _vis(form.fields[n], saa), _vis(form.fields[n], skrev), _vis(form.fields[n], nu[n])
            )
            for n, (label, saa, skrev) in felter.items()
        ]
        raise Foraeldet([Konflikt(hvad, tuple(vis), af, tid)])
    nye = {n: skrev for n, (_, _, skrev) in felter.items() if not _ens(nu[n], skrev)}
    if not nye:
        return r
    try:
        r.takstgrundlag = takstgrundlag({**nu, **nye}, aar).til_json()
        beregn_socialtilsyn(selectors.grundlag(r), gaeldende_regelbog())
    except MOTORFEJL as fejl:
        raise ValidationError(f"Tallene kan ikke beregnes: {motorfejl(fejl)}.") from None
    r.full_clean()
    r._change_reason = ("Takstgrundlag: " + ", ".join(felter[n][0] for n in nye))[:100]  # type: ignore[attr-defined]
    r.save()
    return r
