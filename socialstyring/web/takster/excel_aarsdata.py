"""A year's used days (`Forbrug`) and accounts (`Regnskab`) of an operator in Excel, against
the database (`socialstyring.io.excel.forbrug` and `.regnskab` know only the workbooks).

- `forbrugsskabelon`/`forbrugsfil`: one row per service with places in the year, with the
  stored used days of Q1..Q4; `importer_forbrug` checks an uploaded file against the
  register and saves it, all or nothing. An empty cell leaves the stored figure.
- `regnskabsskabelon`/`regnskabsfil`: one row per tilbud of the operator (open in the
  year, or with accounts for it), with its stored accounts; `importer_regnskab` likewise.
  An empty row leaves stored accounts; a row with anything in it is validated as the
  result page's form and the engine's `Resultatgrundlag` validate it.

Both import in one transaction and save only what changed, so importing the same file
twice changes nothing and adds no history the second time; each saved row gets a history
entry with the user (the request's, set by simple_history's middleware) and the reason
`Excel-import: <file>`. Access is the views' business (`register.adgang`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from pydantic import ValidationError as PydanticValidationError
from simple_history.utils import update_change_reason

from socialstyring.beregning.belaegning import Belaegningsraekke
from socialstyring.beregning.kerne.typer import Pladstype as Motorpladstype
from socialstyring.beregning.resultat import Resultatgrundlag
from socialstyring.io.excel import forbrug as xf
from socialstyring.io.excel import regnskab as xr
from socialstyring.io.excel.faelles import Fejl
from socialstyring.web.register.models import Driftsherre, Pladstype, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.takster.excel import Importresultat, filnavn
from socialstyring.web.takster.models import Forbrug, Regnskab

GRUND = "Excel-import: {fil}"
"""The history's reason for a row saved by an import."""


def _gem(objekt: models.Model, fil: str) -> None:
    objekt.save()
    update_change_reason(objekt, GRUND.format(fil=fil)[:100])


def _valideringsfejl(
    fejl: ValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """A model's `full_clean` errors as `Fejl`, each in the column of its field."""
    return [
        Fejl(fil, besked, ark, raekke, kolonner.get(felt))
        for felt, beskeder in fejl.message_dict.items()
        for besked in beskeder
    ]


def _motorfejl(
    fejl: PydanticValidationError, fil: str, ark: str, raekke: int | None, kolonner: Mapping[str, str]
) -> list[Fejl]:
    """The engine's validation errors as `Fejl`, each in the column of its input if it has one."""
    ud = []
    for e in fejl.errors():
        felt = str(e["loc"][0]) if e["loc"] else ""
        besked = str(e["msg"]).removeprefix("Value error, ")
        ud.append(Fejl(fil, f"beregningen afviser tallene: {besked}", ark, raekke, kolonner.get(felt)))
    return ud


# --- used days (brugte dage) ---------------------------------------------------------------


def forbrugsydelser(driftsherre: Driftsherre, aar: int) -> list[Ydelsesaar]:
    """The services whose used days the operator reports for `aar`: those with places in
    the year (as on the occupancy page), by tilbud and service."""
    return list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=driftsherre, aar=aar, pladser__gt=0)
        .select_related("ydelse__tilbud__maalgruppe")
        .order_by("ydelse__tilbud__navn", "ydelse__navn", "ydelse_id")
    )


def _pladstype(y: Ydelse) -> str:
    return Pladstype(y.pladstype).label if y.pladstype in Pladstype.values else y.pladstype


def forbrugsskabelon(driftsherre: Driftsherre, aar: int) -> xf.Forbrugsskabelon:
    """The template's content: one row per service with places and its stored used days."""
    liste = forbrugsydelser(driftsherre, aar)
    gemt: dict[int, dict[int, Decimal]] = {}
    for f in Forbrug.objects.filter(ydelse__in=[ya.ydelse_id for ya in liste], aar=aar):
        gemt.setdefault(f.ydelse_id, {})[f.kvartal] = f.brugte_dage
    raekker = []
    for ya in liste:
        y, dage = ya.ydelse, gemt.get(ya.ydelse_id, {})
        raekker.append(
            xf.Forbrugsraekke(
                tilbud_id=y.tilbud_id,
                ydelse_id=y.pk,
                tilbud=y.tilbud.navn,
                ydelse=y.navn,
                pladstype=_pladstype(y),
                pladser=ya.pladser,
                q1=dage.get(1),
                q2=dage.get(2),
                q3=dage.get(3),
                q4=dage.get(4),
            )
        )
    return xf.Forbrugsskabelon(driftsherre.pk, driftsherre.navn, aar, tuple(raekker))


def forbrugsfil(driftsherre: Driftsherre, aar: int) -> bytes:
    """The filled template as .xlsx (the download and the export)."""
    return xf.byg_skabelon(forbrugsskabelon(driftsherre, aar))


def forbrugsfilnavn(driftsherre: Driftsherre, aar: int) -> str:
    """`brugte-dage_2018_aarhus-kommune.xlsx`."""
    return filnavn(driftsherre, aar, "brugte-dage")


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
        aendres: list[tuple[xf.Forbrugsraekke, list[Forbrug]]] = []
        for r in ind.raekker:
            ya = forventede.get(r.ydelse_id)
            if ya is None or r.tilbud_id != ya.ydelse.tilbud_id:
                continue
            nye = []
            for kvartal, dage in r.udfyldte.items():
                f = gemt.get((r.ydelse_id, kvartal))
                if f is not None and f.brugte_dage == dage:
                    continue
                f = f or Forbrug(ydelse=ya.ydelse, aar=aar, kvartal=kvartal)
                f.brugte_dage = dage
                kolonne = {"brugte_dage": xf.kvartalskolonne(kvartal)}
                try:
                    f.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as ve:
                    fejl += _valideringsfejl(ve, fil, xf.ARK_FORBRUG, r.raekke, kolonne)
                nye.append(f)
            if nye:
                fejl += _motortjek_forbrug(driftsherre, ya, r, gemt, fil)
                aendres.append((r, nye))
        if fejl:
            return Importresultat(fil, fejl=tuple(xf.sorter_fejl(fejl)), ental="ydelse", flertal="ydelser")
        for _, nye in aendres:
            for f in nye:
                _gem(f, fil)
    aendrede = tuple(
        f"{forventede[r.ydelse_id].ydelse}: {', '.join(f'Q{f.kvartal}' for f in nye)}" for r, nye in aendres
    )
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
                besked = f"ydelse {r.ydelse_id} findes ikke i registret (er den slettet?)"
            elif y.tilbud.driftsherre_id != driftsherre.pk:
                besked = f"ydelse {r.ydelse_id} hører til en anden driftsherre end {driftsherre.navn}"
            elif not r.udfyldte:
                continue  # no places and nothing reported: nothing to do
            else:
                besked = (
                    f"ydelse {r.ydelse_id} ({y}) har ingen pladser i {aar}; brugte dage indberettes kun "
                    "for ydelser med pladser i året"
                )
            fejl.append(Fejl(fil, besked, xf.ARK_FORBRUG, r.raekke, xf.YDELSE_ID))
        elif r.tilbud_id != ya.ydelse.tilbud_id:
            fejl.append(
                Fejl(
                    fil,
                    f"tilbud {r.tilbud_id} passer ikke til ydelse {r.ydelse_id}, som hører til tilbud "
                    f"{ya.ydelse.tilbud_id} ({ya.ydelse.tilbud.navn}); nøglekolonnerne må ikke ændres",
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
            pladstype=Motorpladstype(y.pladstype),
            pladser=ya.pladser or Decimal(0),
            brugte_dage=aarets,
            budgetteret_belaegning_pct=ya.budgetteret_belaegning_pct,
        )
    except PydanticValidationError as fejl:
        return _motorfejl(fejl, fil, xf.ARK_FORBRUG, r.raekke, {})
    except ValueError as fejl:  # a place type the engine does not know
        return [Fejl(fil, f"beregningen afviser tallene: {fejl}", xf.ARK_FORBRUG, r.raekke)]
    return []


# --- accounts (regnskab) ---------------------------------------------------------------------


def regnskabstilbud(driftsherre: Driftsherre, aar: int) -> list[Tilbud]:
    """The tilbud whose accounts the operator gives for `aar`: those not closed before the
    year began, and any with accounts for the year, by name."""
    return list(
        Tilbud.objects.filter(driftsherre=driftsherre)
        .filter(Q(lukket_fra__isnull=True) | Q(lukket_fra__gt=date(aar, 1, 1)) | Q(regnskaber__aar=aar))
        .distinct()
        .select_related("driftsherre__rammeaftale")
        .order_by("navn", "pk")
    )


def regnskabsskabelon(driftsherre: Driftsherre, aar: int) -> xr.Regnskabsskabelon:
    """The template's content: one row per tilbud with its stored accounts (empty if none)."""
    liste = regnskabstilbud(driftsherre, aar)
    gemt = {r.tilbud_id: r for r in Regnskab.objects.filter(tilbud__in=liste, aar=aar)}
    raekker = []
    for t in liste:
        r = gemt.get(t.pk)
        raekker.append(
            xr.Regnskabsraekke(tilbud_id=t.pk, tilbud=t.navn)
            if r is None
            else xr.Regnskabsraekke(
                tilbud_id=t.pk,
                tilbud=t.navn,
                omkostninger=r.omkostninger,
                takstindtaegter=r.takstindtaegter,
                tillaegsindtaegter=r.tillaegsindtaegter,
                andre_indtaegter=r.andre_indtaegter,
                grundlag=r.grundlag,
                note=r.note,
            )
        )
    return xr.Regnskabsskabelon(driftsherre.pk, driftsherre.navn, aar, tuple(raekker))


def regnskabsfil(driftsherre: Driftsherre, aar: int) -> bytes:
    """The filled template as .xlsx (the download and the export)."""
    return xr.byg_skabelon(regnskabsskabelon(driftsherre, aar))


def regnskabsfilnavn(driftsherre: Driftsherre, aar: int) -> str:
    """`regnskab_2018_aarhus-kommune.xlsx`."""
    return filnavn(driftsherre, aar, "regnskab")


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
        aendres: list[Regnskab] = []
        for r in ind.raekker:
            t = forventede.get(r.tilbud_id)
            if t is None or r.tom:
                continue
            regnskab = gemt.get(t.pk) or Regnskab(tilbud=t, aar=aar)
            if not _anvend_regnskab(regnskab, r):
                continue
            try:
                regnskab.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as ve:
                fejl += _valideringsfejl(ve, fil, xr.ARK_REGNSKAB, r.raekke, _REGNSKABSKOLONNER)
            fejl += _motortjek_regnskab(t, aar, regnskab, r.raekke, fil)
            aendres.append(regnskab)
        if fejl:
            return Importresultat(fil, fejl=tuple(xr.sorter_fejl(fejl)), ental="tilbud", flertal="tilbud")
        for regnskab in aendres:
            _gem(regnskab, fil)
    return Importresultat(
        fil,
        aendrede=tuple(forventede[r.tilbud_id].navn for r in aendres),
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
            besked = f"tilbud {r.tilbud_id} findes ikke i registret (er det slettet?)"
        elif t.driftsherre_id != driftsherre.pk:
            besked = f"tilbud {r.tilbud_id} hører til en anden driftsherre end {driftsherre.navn}"
        elif r.tom:
            continue
        else:
            lukket = f"{t.lukket_fra:%d-%m-%Y}" if t.lukket_fra else "før året"
            besked = f"tilbud {r.tilbud_id} ({t.navn}) er lukket fra {lukket} og har intet regnskab for {aar}"
        fejl.append(Fejl(fil, besked, xr.ARK_REGNSKAB, r.raekke, xr.TILBUD_ID))
    return fejl


def _anvend_regnskab(regnskab: Regnskab, r: xr.Regnskabsraekke) -> bool:
    """Set the row's accounts on `regnskab` (empty other incomes are 0, as on the result
    page); True when anything changed."""
    nye: dict[str, object] = {f: getattr(r, f) or Decimal(0) for f in xr.BELOEBSFELTER}
    nye["note"] = r.note
    aendret = regnskab.pk is None
    for felt, ny in nye.items():
        gammel = getattr(regnskab, felt)
        if isinstance(gammel, str) and isinstance(ny, str):
            if gammel.replace("\r\n", "\n").strip() == ny.replace("\r\n", "\n").strip():
                continue  # the sheet's text is stripped and has "\n" line breaks
        elif gammel == ny:  # Decimals compare by value: 24 == 24.00
            continue
        setattr(regnskab, felt, ny)
        aendret = True
    return aendret


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
        return _motorfejl(fejl, fil, xr.ARK_REGNSKAB, raekke, _REGNSKABSKOLONNER)
    return []
