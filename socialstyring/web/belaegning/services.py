"""Quarterly used days: saving the form's changed quarters and importing the Excel template,
each in one transaction, all or nothing. Used days have no submitted state and no lock.

The import checks the file completely first (cells; then against the register: ids of this
operator's services with places in the year; then the model and the engine's input) and
saves only what changed, so importing the same file twice changes nothing and adds no
history the second time; each saved row's history names the file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.belaegning import Belaegningsraekke
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.io.excel import forbrug as xf
from socialstyring.io.excel.faelles import Fejl, raekkens_navn
from socialstyring.web.belaegning.forms import forbrugsform
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.belaegning.selectors import Ydelsesraekke, forbrugsydelser
from socialstyring.web.excelimport.resultat import (
    Aendring,
    Importresultat,
    aendret_efter_hentning,
    feltaendring,
    gem_importeret,
    motorfejl,
    valideringsfejl,
)
from socialstyring.web.faelles.felter import DanskDecimalField
from socialstyring.web.faelles.samtidighed import Foraeldet, Konflikt, aendringer, gem_ny, konflikt
from socialstyring.web.register.models import Driftsherre, Ydelse, Ydelsesaar


@transaction.atomic
def gem_forbrug(raekker: Iterable[Ydelsesraekke], form: forms.Form, aar: int, kvartal: int) -> int:
    """Save the quarter's used days the user changed on the valid, bound `form` (an empty
    field deletes); how many services changed. `Foraeldet`, and nothing saved, when a quarter
    the user changed was saved by someone else after the page was opened."""
    konflikter: list[Konflikt] = []
    skriv: list[tuple[Ydelsesraekke, Forbrug | None, Decimal | None]] = []
    for r in raekker:
        felter = aendringer(form, [r.felt])
        if not felter:
            continue
        ydelse_id = r.ydelsesaar.ydelse_id
        f = Forbrug.objects.select_for_update().filter(ydelse_id=ydelse_id, aar=aar, kvartal=kvartal).first()
        set_v = form.cleaned_data.get(r.versionsfelt) or 0
        hvad = f"{r.ydelsesaar.ydelse} Q{kvartal} {aar}"
        _, saa, skrev = felter[r.felt]
        k = konflikt(hvad, f, set_v, {"brugte_dage": ("Brugte dage", saa, skrev)})
        if k is not None:
            konflikter.append(k)
            continue
        ny = form.cleaned_data.get(r.felt)
        if (f.brugte_dage if f else None) != ny:
            skriv.append((r, f, ny))
    if konflikter:
        raise Foraeldet(konflikter)
    for r, f, ny in skriv:
        if ny is None:
            if f is not None:
                f.delete()
            continue
        ny_post = f is None
        f = f or Forbrug(ydelse_id=r.ydelsesaar.ydelse_id, aar=aar, kvartal=kvartal)
        f.brugte_dage = ny
        f.full_clean(validate_unique=not ny_post, validate_constraints=not ny_post)
        if ny_post:
            gem_ny(f, f"{r.ydelsesaar.ydelse} Q{kvartal} {aar}")
        else:
            f.save()
    return len(skriv)


def gem_forbrug_fra_vaerdier(
    raekker: list[Ydelsesraekke], aar: int, kvartal: int, vaerdier: Mapping[int, tuple[int, Decimal | None]]
) -> int:
    """`gem_forbrug` for values sent without the page (the JSON API): service id → (the version
    of its quarter the caller read, the used days; None deletes). The page's own form reads and
    checks them, the values stored now being what the caller saw; `ValidationError` (nothing
    written) for a bad value or a service without places in the year; stale is `Foraeldet`."""
    fremmede = set(vaerdier) - {r.ydelsesaar.ydelse_id for r in raekker}
    if fremmede:
        raise ValidationError(f"Ydelserne {sorted(fremmede)} har ingen pladser i {aar}.")
    post: dict[str, object] = {}
    for r in raekker:
        felt = DanskDecimalField().prepare_value  # as the page shows a number
        vist = felt(r.kvartalets_dage)
        version, ny = vaerdier.get(r.ydelsesaar.ydelse_id, (r.version, r.kvartalets_dage))
        post["initial-" + r.felt] = "" if vist is None else vist
        post[r.felt] = "" if ny is None else felt(ny)
        post[r.versionsfelt] = version
    form = forbrugsform(raekker, post)
    if not form.is_valid():
        raise ValidationError({navn: fejl for navn, fejl in form.errors.items()})
    return gem_forbrug(raekker, form, aar, kvartal)


def importer_forbrug(driftsherre: Driftsherre, aar: int, data: bytes, fil: str) -> Importresultat:
    """Import an uploaded used-days template: everything or, on any error, nothing.

    The file is parsed and checked completely first (cells; then against the register:
    ids of this operator's services with places in the year; then the model and the
    engine's input), and the changed quarters are saved in one transaction."""
    ind = xf.laes_forbrug(data, fil, driftsherre_id=driftsherre.pk, aar=aar, driftsherre=driftsherre.navn)
    if not ind.arket_laest:
        return Importresultat(fil, fejl=ind.fejl, ental="ydelse", flertal="ydelser")
    with transaction.atomic():
        forventede = {ya.ydelse_id: ya for ya in forbrugsydelser(driftsherre, aar)}
        gemt = {
            (f.ydelse_id, f.kvartal): f
            for f in Forbrug.objects.select_for_update().filter(ydelse_id__in=forventede, aar=aar)
        }
        fejl = list(ind.fejl) + _kontroller_forbrug(driftsherre, aar, ind.fil, ind.raekker, forventede)
        aendres: list[tuple[xf.Forbrugsraekke, list[Forbrug], Aendring]] = []
        for r in ind.raekker:
            ya = forventede.get(r.ydelse_id)
            if ya is None or r.tilbud_id != ya.ydelse.tilbud_id:
                continue
            nye = []
            felter = []
            for kvartal, dage in r.udfyldte.items():
                f = gemt.get((r.ydelse_id, kvartal))
                if f is not None and f.brugte_dage == dage:
                    continue
                foer = None if f is None else f.brugte_dage
                f = f or Forbrug(ydelse=ya.ydelse, aar=aar, kvartal=kvartal)
                f.brugte_dage = dage
                felter.append(feltaendring(f, "brugte_dage", foer, f"Brugte dage Q{kvartal}"))
                kolonne = {"brugte_dage": xf.kvartalskolonne(kvartal)}
                try:
                    f.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as ve:
                    fejl += valideringsfejl(ve, fil, xf.ARK_FORBRUG, r.raekke, kolonne)
                fejl += aendret_efter_hentning(
                    f, ind.hentet, fil, xf.ARK_FORBRUG, r.raekke, f"{ya.ydelse}, Q{kvartal} {aar}"
                )
                nye.append(f)
            if nye:
                fejl += _motortjek_forbrug(driftsherre, ya, r, gemt, fil)
                aendres.append((r, nye, Aendring(str(ya.ydelse), tuple(felter))))
        if fejl:
            return Importresultat(
                fil, fejl=tuple(xf.sorter_fejl(fejl, ind.bogstaver)), ental="ydelse", flertal="ydelser"
            )
        for _, nye, _ in aendres:
            for f in nye:
                gem_importeret(f, fil)
    aendrede = tuple(a for _, _, a in aendres)
    return Importresultat(
        fil,
        aendrede=aendrede,
        uaendrede=len(ind.raekker) - len(aendrede),
        ental="ydelse",
        flertal="ydelser",
    )


def _kontroller_forbrug(
    driftsherre: Driftsherre,
    aar: int,
    fil: str,
    raekker: Iterable[xf.Forbrugsraekke],
    forventede: Mapping[int, Ydelsesaar],
) -> list[Fejl]:
    """The rows against the register: services of this operator with places in the year,
    each under its own tilbud. A row of a service without places may stand empty."""
    raekker = list(raekker)
    fejl: list[Fejl] = []
    ukendte = [r.ydelse_id for r in raekker if r.ydelse_id not in forventede]
    andre = {y.pk: y for y in Ydelse.objects.filter(pk__in=ukendte).select_related("tilbud")}
    for r in raekker:
        ya = forventede.get(r.ydelse_id)
        if ya is None:
            y = andre.get(r.ydelse_id)
            if y is None:
                besked = (
                    f"{raekkens_navn('ydelsen', r.ydelse, r.tilbud)} findes ikke længere i registret "
                    "(er den slettet?)"
                )
            elif y.tilbud.driftsherre_id != driftsherre.pk:
                hvem = raekkens_navn("ydelsen", r.ydelse, r.tilbud)
                besked = f"{hvem}: id {r.ydelse_id} hører til en anden driftsherre"
            elif not r.udfyldte:
                continue  # no places and nothing reported: nothing to do
            else:
                besked = (
                    f"{raekkens_navn('ydelsen', y.navn, y.tilbud.navn)} har ingen pladser i {aar}; "
                    "brugte dage indberettes kun for ydelser med pladser i året"
                )
            fejl.append(Fejl(fil, besked, xf.ARK_FORBRUG, r.raekke, xf.YDELSE_ID))
        elif r.tilbud_id != ya.ydelse.tilbud_id:
            fejl.append(
                Fejl(
                    fil,
                    f"tilbuddets id passer ikke til {raekkens_navn('ydelsen', ya.ydelse.navn)}, "
                    f'som hører til tilbuddet "{ya.ydelse.tilbud.navn}"; nøglekolonnerne må ikke ændres',
                    xf.ARK_FORBRUG,
                    r.raekke,
                    xf.TILBUD_ID,
                )
            )
    return fejl


def _motortjek_forbrug(
    driftsherre: Driftsherre,
    ya: Ydelsesaar,
    r: xf.Forbrugsraekke,
    gemt: Mapping[tuple[int, int], Forbrug],
    fil: str,
) -> list[Fejl]:
    """The service's year with the new used days as the occupancy engine takes it (the
    error has no column: the engine sees the year's total)."""
    y = ya.ydelse
    aarets = Decimal(0)
    for k in xf.KVARTALER:
        dage = r.dage(k)
        if dage is None and (f := gemt.get((y.pk, k))) is not None:
            dage = f.brugte_dage
        aarets += dage or 0
    try:
        Belaegningsraekke(
            tilbud=y.tilbud.navn,
            ydelse=y.navn,
            driftsherre=driftsherre.navn,
            maalgruppe=y.tilbud.maalgruppe.navn if y.tilbud.maalgruppe else "",
            pladstype=Pladstype(y.pladstype),
            pladser=ya.pladser or Decimal(0),
            brugte_dage=aarets,
            budgetteret_belaegning_pct=ya.budgetteret_belaegning_pct,
        )
    except PydanticValidationError as fejl:
        return motorfejl(fejl, fil, xf.ARK_FORBRUG, r.raekke, {})
    except ValueError as fejl:  # a place type the engine does not know
        return [Fejl(fil, f"beregningen afviser tallene: {fejl}", xf.ARK_FORBRUG, r.raekke)]
    return []
