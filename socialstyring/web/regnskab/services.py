"""Accounts' use cases, each in one transaction: saving a tilbud's accounts from the form,
importing the year's accounts from Excel (all or nothing: checked completely first, cells,
the register, the model and the result engine's input; only what changed is saved, each
row's history naming the file), and carrying a result into a later rate calculation (the
rate calculation's service, behind that year's lock). Accounts have no submitted state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.resultat import Resultatgrundlag
from socialstyring.io.excel import regnskab as xr
from socialstyring.io.excel.faelles import Fejl, raekkens_navn
from socialstyring.web.excelimport.resultat import (
    Aendring,
    Importresultat,
    aendret_efter_hentning,
    aendring,
    gem_importeret,
    motorfejl,
    valideringsfejl,
)
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.register.models import Driftsherre, Tilbud
from socialstyring.web.regnskab.forms import FELTER, RegnskabForm
from socialstyring.web.regnskab.models import Regnskab
from socialstyring.web.regnskab.selectors import regnskabstilbud


@transaction.atomic
def gem_regnskab(tilbud: Tilbud, aar: int, form: RegnskabForm) -> Regnskab:
    """Create or update the tilbud's accounts for `aar` with what the user changed on the
    valid, bound `form` (empty incomes are 0). `Foraeldet`, and nothing saved, when the
    accounts were saved by someone else after the page was opened."""
    r = Regnskab.objects.select_for_update().filter(tilbud=tilbud, aar=aar).first()
    felter = aendringer(form, (*FELTER, "note"))
    k = konflikt(f"Regnskab {aar} for {tilbud.navn}", r, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(r, felter)
    if r is not None and not nye:
        return r
    ny_post = r is None
    r = r or Regnskab(tilbud=tilbud, aar=aar)
    for navn, v in nye.items():
        setattr(r, navn, Decimal(0) if v is None and navn in FELTER else v)
    r.full_clean(validate_unique=not ny_post, validate_constraints=not ny_post)
    if ny_post:
        gem_ny(r, f"Regnskab {aar} for {tilbud.navn}")
    else:
        r.save()
    return r


def gem_regnskab_fra_vaerdier(
    tilbud: Tilbud, aar: int, version: int, vaerdier: Mapping[str, object]
) -> Regnskab:
    """`gem_regnskab` for values sent without the page (the JSON API): the version of the
    accounts the caller read (0: none) and the fields it sets. The page's own form reads and
    checks them as if typed on the page, the values stored now being what the caller saw;
    `ValidationError` (field by field, nothing written) for a bad value; stale is `Foraeldet`."""
    navne = (*FELTER, "note")
    if ukendte := set(vaerdier) - set(navne):
        raise ValidationError(f"Ukendte felter: {', '.join(sorted(ukendte))}.")
    r = Regnskab.objects.filter(tilbud=tilbud, aar=aar).first()
    post: dict[str, object] = {"version": version}
    for navn in navne:
        felt = RegnskabForm.base_fields[navn]
        vist = felt.prepare_value(getattr(r, navn) if r is not None else None)
        post["initial-" + navn] = "" if vist is None else vist
        v = felt.prepare_value(vaerdier[navn]) if navn in vaerdier else vist
        post[navn] = "" if v is None else v
    form = RegnskabForm(post)
    if not form.is_valid():
        raise ValidationError({navn: list(fejl) for navn, fejl in form.errors.items()})
    return gem_regnskab(tilbud, aar, form)


_REGNSKABSKOLONNER: dict[str, str] = {k.felt: k.overskrift for k in xr.KOLONNER}


def importer_regnskab(driftsherre: Driftsherre, aar: int, data: bytes, fil: str) -> Importresultat:
    """Import an uploaded accounts template: everything or, on any error, nothing.

    The file is parsed and checked completely first (cells and required figures; then
    against the register: ids of this operator's tilbud; then the model and the engine's
    `Resultatgrundlag`), and the changed accounts are saved in one transaction."""
    ind = xr.laes_regnskab(data, fil, driftsherre_id=driftsherre.pk, aar=aar, driftsherre=driftsherre.navn)
    if not ind.arket_laest:
        return Importresultat(fil, fejl=ind.fejl, ental="tilbud", flertal="tilbud")
    with transaction.atomic():
        forventede = {t.pk: t for t in regnskabstilbud(driftsherre, aar)}
        gemt = {
            r.tilbud_id: r
            for r in Regnskab.objects.select_for_update().filter(tilbud_id__in=forventede, aar=aar)
        }
        fejl = list(ind.fejl) + _kontroller_regnskab(driftsherre, aar, fil, ind.raekker, forventede)
        aendres: list[tuple[Regnskab, Aendring]] = []
        for r in ind.raekker:
            t = forventede.get(r.tilbud_id)
            if t is None or r.tom:
                continue
            regnskab = gemt.get(t.pk) or Regnskab(tilbud=t, aar=aar)
            if not (foer := _anvend_regnskab(regnskab, r)) and regnskab.pk is not None:
                continue
            try:
                regnskab.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as ve:
                fejl += valideringsfejl(ve, fil, xr.ARK_REGNSKAB, r.raekke, _REGNSKABSKOLONNER)
            fejl += aendret_efter_hentning(
                regnskab, ind.hentet, fil, xr.ARK_REGNSKAB, r.raekke, f"Regnskabet {aar} for {t.navn}"
            )
            fejl += _motortjek_regnskab(t, aar, regnskab, r.raekke, fil)
            aendres.append((regnskab, aendring(regnskab, t.navn, foer)))
        if fejl:
            return Importresultat(
                fil, fejl=tuple(xr.sorter_fejl(fejl, ind.bogstaver)), ental="tilbud", flertal="tilbud"
            )
        for regnskab, _ in aendres:
            gem_importeret(regnskab, fil)
    return Importresultat(
        fil,
        aendrede=tuple(a for _, a in aendres),
        uaendrede=len(ind.raekker) - len(aendres),
        ental="tilbud",
        flertal="tilbud",
    )


def _kontroller_regnskab(
    driftsherre: Driftsherre,
    aar: int,
    fil: str,
    raekker: Iterable[xr.Regnskabsraekke],
    forventede: Mapping[int, Tilbud],
) -> list[Fejl]:
    """The rows against the register: tilbud of this operator, open in the year (or with
    accounts for it). An empty row of a tilbud closed before the year is no error."""
    raekker = list(raekker)
    ukendte = [r.tilbud_id for r in raekker if r.tilbud_id not in forventede]
    andre = {t.pk: t for t in Tilbud.objects.filter(pk__in=ukendte)}
    fejl: list[Fejl] = []
    for r in raekker:
        if r.tilbud_id in forventede:
            continue
        t = andre.get(r.tilbud_id)
        if t is None:
            besked = (
                f"{raekkens_navn('tilbuddet', r.tilbud)} findes ikke længere i registret (er det slettet?)"
            )
        elif t.driftsherre_id != driftsherre.pk:
            besked = (
                f"{raekkens_navn('tilbuddet', r.tilbud)}: id {r.tilbud_id} hører til en anden driftsherre"
            )
        elif r.tom:
            continue
        else:
            lukket = f"{t.lukket_fra:%d-%m-%Y}" if t.lukket_fra else "før året"
            besked = f"tilbud {r.tilbud_id} ({t.navn}) er lukket fra {lukket} og har intet regnskab for {aar}"
        fejl.append(Fejl(fil, besked, xr.ARK_REGNSKAB, r.raekke, xr.TILBUD_ID))
    return fejl


def _anvend_regnskab(regnskab: Regnskab, r: xr.Regnskabsraekke) -> dict[str, object]:
    """Set the row's accounts on `regnskab` (empty other incomes are 0, as on the result
    page); the fields that changed, with their values before."""
    nye: dict[str, object] = {f: getattr(r, f) or Decimal(0) for f in xr.BELOEBSFELTER}
    nye["note"] = r.note
    foer: dict[str, object] = {}
    for felt, ny in nye.items():
        gammel = getattr(regnskab, felt)
        if isinstance(gammel, str) and isinstance(ny, str):
            if gammel.replace("\r\n", "\n").strip() == ny.replace("\r\n", "\n").strip():
                continue  # the sheet's text is stripped and has "\n" line breaks
        elif gammel == ny:  # Decimals compare by value: 24 == 24.00
            continue
        foer[felt] = gammel
        setattr(regnskab, felt, ny)
    return foer


def _motortjek_regnskab(t: Tilbud, aar: int, regnskab: Regnskab, raekke: int | None, fil: str) -> list[Fejl]:
    """The accounts as the result engine takes them (`Resultatgrundlag`)."""
    try:
        Resultatgrundlag(
            region=t.region,
            tilbud=t.navn,
            aar=aar,
            omkostninger=regnskab.omkostninger,
            takstindtaegter=regnskab.takstindtaegter,
            tillaegsindtaegter=regnskab.tillaegsindtaegter,
            andre_indtaegter=regnskab.andre_indtaegter,
            grundlag=regnskab.grundlag,
        )
    except PydanticValidationError as fejl:
        return motorfejl(fejl, fil, xr.ARK_REGNSKAB, raekke, _REGNSKABSKOLONNER)
    return []
