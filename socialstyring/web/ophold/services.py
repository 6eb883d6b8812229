"""The use cases of stays, each in one transaction: create one (the CPR number pseudonymised
at once, the free choice checked), change one (only what the user changed; a stale page is
refused), add a package change, add or remove an add-on service, and import a
municipality's file (all or nothing; the same file twice changes nothing).

Who may: the paying municipality's staff and the operator's staff (`adgang`); checked here,
per stay and per imported row, whatever the page offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import update_change_reason

from socialstyring.beregning.afregning.ophold import ny_borger_fejl
from socialstyring.beregning.frit_valg import Fritvalgsgrundlag, beregn_frit_valg
from socialstyring.io.cpr import foedselsdato, pseudonym
from socialstyring.io.excel.faelles import Fejl
from socialstyring.io.ophold import (
    BETALINGSKOMMUNE,
    HANDLEKOMMUNE,
    HENVIST_TILBUD,
    NY_BORGER_FRA,
    SLUT,
    TILBUD,
    YDELSE,
    Opholdsraekke,
    kommunenoegle,
    laes_ophold,
)
from socialstyring.web.faelles.adgang import Bruger, har
from socialstyring.web.faelles.samtidighed import Foraeldet, Konflikt, sidst_gemt_af
from socialstyring.web.ophold.adgang import OPRETTE, REDIGERE
from socialstyring.web.ophold.models import Ophold, Opholdstillaeg, Pakkeskift
from socialstyring.web.ophold.selectors import pakker_af, takster
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.adgang import profil
from socialstyring.web.register.models import Kommune, Rolle, Tilbud, Ydelse

FELTER = (
    "handlekommune",
    "betalingskommune",
    "ydelse",
    "start",
    "opsagt",
    "opsagt_af",
    "slut",
    "ny_borger_fra",
    "aarsag",
    "henvist_ydelse",
    "indskrivning_pct",
)
"""The fields a form or an import writes (the citizen is set once, when the stay is created)."""


def borger(cpr: str) -> tuple[str, date]:
    """(pseudonym, birth date) of a CPR number, with the key of the settings (`io.cpr`)."""
    return pseudonym(cpr, getattr(settings, "CPR_NOEGLE", None)), foedselsdato(cpr)


def tjek_frit_valg(o: Ophold) -> dict[str, Any]:
    """The free-choice check of a stay with a referred offer: the engine's result with its
    trace, or why it could not be made (a service without a rate of the year)."""
    if o.henvist_ydelse is None:
        return {}
    aar = o.start.year
    priser = takster([o.ydelse, o.henvist_ydelse], aar)
    valgt, henvist = priser.get(o.ydelse.pk), priser.get(o.henvist_ydelse.pk)
    if valgt is None or not henvist:
        mangler = o.ydelse if valgt is None else o.henvist_ydelse
        return {"fejl": f"Frit valg kan ikke tjekkes: {mangler} har ingen takst for {aar} i registret."}
    r = beregn_frit_valg(
        Fritvalgsgrundlag(
            region=o.tilbud.region,
            dato=o.start,
            valgt=str(o.ydelse),
            valgt_takst=valgt,
            henvist=str(o.henvist_ydelse),
            henvist_takst=henvist,
        ),
        gaeldende_regelbog(),
    )
    return {"resultat": r.til_json()}


def _tjek_ret(bruger: Bruger, o: Ophold) -> None:
    """The user may write this stay: its paying municipality's or its operator's staff."""
    if not har(bruger, REDIGERE, o):
        raise PermissionDenied(
            "Du må kun oprette og rette ophold, din kommune betaler, eller ophold i egne tilbud."
        )


def _rens(o: Ophold) -> None:
    if o.ydelse_id is not None and o.tilbud_id is None:
        o.tilbud_id = o.ydelse.tilbud_id
    if o.ydelse_id is not None and o.ydelse.tilbud_id != o.tilbud_id:
        raise ValidationError({"ydelse": "Ydelsen hører ikke til opholdets tilbud."})
    if o.opsagt is None:
        o.opsagt_af = ""
    o.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def opret_ophold(bruger: Bruger, cpr: str, data: dict[str, Any]) -> Ophold:
    """Create a stay (the CPR number pseudonymised, never stored); ValidationError with the
    field's Danish message when it is not valid or already exists (same citizen, offer, start)."""
    if not har(bruger, OPRETTE):
        raise PermissionDenied("Du må ikke oprette ophold.")
    noegle, fdato = borger(cpr)
    o = Ophold(borger=noegle, foedselsdato=fdato, **{k: data[k] for k in FELTER if k in data})
    o.tilbud_id = o.ydelse.tilbud_id
    _tjek_ret(bruger, o)
    _rens(o)
    if Ophold.objects.filter(borger=noegle, tilbud_id=o.tilbud_id, start=o.start).exists():
        raise ValidationError({"start": "Borgeren har allerede et ophold i tilbuddet fra denne dag."})
    o.frit_valg = tjek_frit_valg(o)
    o.save()
    return o


@transaction.atomic
def ret_ophold(bruger: Bruger, ophold_id: int, set_version: int, aendret: dict[str, Any]) -> Ophold:
    """Write the fields the user changed (`aendret`: name → new value) on the stay the user saw
    at `set_version`; `Foraeldet` when it was saved by someone else since."""
    o = Ophold.objects.select_for_update().select_related("tilbud", "ydelse").get(pk=ophold_id)
    _tjek_ret(bruger, o)
    if o.version != set_version:
        hvem, tid = sidst_gemt_af(o)
        raise Foraeldet([Konflikt(str(o), (), hvem, tid)])
    for k, v in aendret.items():
        if k in FELTER:
            setattr(o, k, v)
    _tjek_ret(bruger, o)  # still the user's after the change (e.g. another paying municipality)
    _rens(o)
    if {"ydelse", "start", "henvist_ydelse"} & set(aendret):
        o.frit_valg = tjek_frit_valg(o)
    o.save()
    return o


@transaction.atomic
def tilfoej_pakkeskift(bruger: Bruger, ophold_id: int, varslet: date, ydelse: Ydelse) -> Pakkeskift:
    o = Ophold.objects.select_for_update().select_related("tilbud", "ydelse__tilbud").get(pk=ophold_id)
    _tjek_ret(bruger, o)
    if ydelse.pk not in {y.pk for y in pakker_af(o.ydelse)}:
        raise ValidationError({"ydelse": "Vælg en anden pakke af opholdets ydelse."})
    if varslet < o.start or (o.slut is not None and varslet > o.slut):
        raise ValidationError({"varslet": "Pakkeskiftet skal varsles i opholdets periode."})
    if o.pakkeskift.filter(varslet=varslet).exists():
        raise ValidationError({"varslet": "Der er allerede et pakkeskift varslet den dag."})
    s = Pakkeskift(ophold=o, varslet=varslet, ydelse=ydelse)
    s.full_clean()
    s.save()
    return s


def _som(obj: Any, bruger: Bruger) -> None:
    """Record `bruger` as who made the change in the history (also outside a web request)."""
    if isinstance(bruger, User):
        obj._history_user = bruger


@transaction.atomic
def tilfoej_tillaeg(bruger: Bruger, ophold_id: int, data: dict[str, Any]) -> Opholdstillaeg:
    """Add an add-on service to the stay (`Opholdstillaeg`): hours of one of its offer's
    hourly add-on services (`ydelse`, `timer`, delivered on `fra`) or an amount per day
    (`navn`, `pr_dag`, `fra`, `til`). It begins within the stay (from start to the day of
    ending). ValidationError with the field's Danish message."""
    o = Ophold.objects.select_for_update().select_related("tilbud").get(pk=ophold_id)
    _tjek_ret(bruger, o)
    y: Ydelse | None = data.get("ydelse")
    if y is not None and y.tilbud_id != o.tilbud_id:
        raise ValidationError({"ydelse": "Tillægsydelsen hører ikke til opholdets tilbud."})
    fra: date = data["fra"]
    if fra < o.start or (o.slut is not None and fra > o.slut):
        slut = f"til {o.slut:%d-%m-%Y}" if o.slut is not None else "og frem"
        periode = f"{o.start:%d-%m-%Y} {slut}"
        raise ValidationError({"fra": f"Tillægget skal begynde i opholdets periode ({periode})."})
    t = Opholdstillaeg(
        ophold=o,
        ydelse=y,
        navn=data.get("navn") or "",
        fra=fra,
        til=data.get("til"),
        pr_dag=data.get("pr_dag"),
        timer=data.get("timer"),
    )
    t.full_clean(validate_constraints=False)  # `clean` says in Danish what the constraints refuse
    _som(t, bruger)
    t.save()
    return t


@transaction.atomic
def slet_tillaeg(bruger: Bruger, ophold_id: int, tillaeg_id: int) -> None:
    """Remove an add-on of the stay (it stays in the history, from where it can be restored)."""
    o = Ophold.objects.select_for_update().select_related("tilbud").get(pk=ophold_id)
    _tjek_ret(bruger, o)
    t = o.tillaeg.filter(pk=tillaeg_id).first()
    if t is None:
        raise ValidationError(
            {"tillaeg": "Tillægget findes ikke på opholdet; det kan være fjernet i mellemtiden."}
        )
    _som(t, bruger)
    t.delete()


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opholdsimport:
    """What an import did: nothing when `fejl`, else how many stays were new, changed, unchanged."""

    fil: str
    fejl: tuple[Fejl, ...] = ()
    nye: int = 0
    aendrede: tuple[str, ...] = ()
    uaendrede: int = 0

    @property
    def ok(self) -> bool:
        return not self.fejl

    @property
    def opsummering(self) -> str:
        return f"{self.nye} nye ophold, {len(self.aendrede)} ændrede, {self.uaendrede} uændrede"


def importer_ophold(bruger: Bruger, data: bytes, fil: str) -> Opholdsimport:
    """Import a municipality's file of stays: everything or, on any error, nothing. A row is
    matched to a stored stay by (citizen, offer, start); a stored stay it matches is changed
    only where the row differs, so the same file twice changes nothing the second time."""
    if not har(bruger, OPRETTE):
        raise PermissionDenied("Du må ikke indlæse ophold.")
    ind = laes_ophold(data, fil)
    if ind.fejl:
        return Opholdsimport(fil, fejl=ind.fejl)
    p = profil(bruger)
    aftale_id = p.rammeaftale_id if p is not None else None
    kommuner: dict[str, Kommune] = {}
    for k in Kommune.objects.all():
        kommuner[str(k.kode)] = k
        kommuner[kommunenoegle(k.navn)] = k
    tilbud_qs = Tilbud.objects.select_related("driftsherre")
    if aftale_id is not None:
        tilbud_qs = tilbud_qs.filter(driftsherre__rammeaftale_id=aftale_id)
    tilbud = {t.navn.casefold(): t for t in tilbud_qs}
    ydelser = {(y.tilbud_id, y.navn.casefold()): y for y in Ydelse.objects.filter(tilbud__in=tilbud.values())}
    # A file without the column "Ny borger fra" leaves what was entered on the stay's page.
    felter = FELTER if NY_BORGER_FRA in ind.bogstaver else tuple(k for k in FELTER if k != "ny_borger_fra")
    fejl: list[Fejl] = []
    nye: list[Ophold] = []
    skift: list[tuple[Ophold, dict[str, Any]]] = []
    uaendrede = 0
    set_noegler: set[tuple[str, int, date]] = set()
    with transaction.atomic():
        for r in ind.raekker:
            o, f = _raekkens_ophold(bruger, r, ind, kommuner, tilbud, ydelser)
            fejl += f
            if o is None:
                continue
            noegle = (o.borger, o.tilbud_id, o.start)
            if noegle in set_noegler:
                fejl.append(
                    ind.fejl_i(
                        r.raekke,
                        None,
                        "rækken gentager et ophold fra en række ovenfor (samme borger, tilbud og start)",
                    )
                )
                continue
            set_noegler.add(noegle)
            gemt = (
                Ophold.objects.select_for_update()
                .filter(borger=o.borger, tilbud_id=o.tilbud_id, start=o.start)
                .first()
            )
            if gemt is None:
                nye.append(o)
                continue
            if not har(bruger, REDIGERE, gemt):
                fejl.append(
                    ind.fejl_i(
                        r.raekke, None, "opholdet findes og hører ikke til din kommune eller driftsherre"
                    )
                )
                continue
            aendret = {k: getattr(o, k) for k in felter if _vaerdi(gemt, k) != _vaerdi(o, k)}
            ny_borger = aendret.get("ny_borger_fra", gemt.ny_borger_fra)
            if ny_borger is not None and ny_borger_fejl(aendret.get("slut", gemt.slut), ny_borger):
                fejl.append(
                    ind.fejl_i(
                        r.raekke,
                        SLUT,
                        f"en ny borger har overtaget pladsen fra {ny_borger:%d-%m-%Y}; slut skal ligge "
                        "før den dag (eller ret datoen på opholdets side)",
                    )
                )
                continue
            if aendret:
                skift.append((gemt, aendret))
            else:
                uaendrede += 1
        if fejl:
            return Opholdsimport(fil, fejl=tuple(fejl))
        grund = f"Import: {fil}"[:100]
        for o in nye:
            o.frit_valg = tjek_frit_valg(o)
            o.save()
            update_change_reason(o, grund)
        for gemt, aendret in skift:
            for felt, ny in aendret.items():
                setattr(gemt, felt, ny)
            if {"ydelse", "henvist_ydelse"} & set(aendret):
                gemt.frit_valg = tjek_frit_valg(gemt)
            gemt.save()
            update_change_reason(gemt, grund)
    return Opholdsimport(
        fil, nye=len(nye), aendrede=tuple(f"{g} ({', '.join(a)})" for g, a in skift), uaendrede=uaendrede
    )


def _vaerdi(o: Ophold, k: str) -> Any:
    return getattr(o, str(getattr(Ophold._meta.get_field(k), "attname", k)))


def _raekkens_ophold(
    bruger: Bruger,
    r: Opholdsraekke,
    ind: Any,
    kommuner: dict[str, Kommune],
    tilbud: dict[str, Tilbud],
    ydelser: dict[tuple[int, str], Ydelse],
) -> tuple[Ophold | None, list[Fejl]]:
    """The row as an (unsaved) stay checked against the register and the user's rights."""
    fejl: list[Fejl] = []
    hk = kommuner.get(kommunenoegle(r.handlekommune))
    bk = kommuner.get(kommunenoegle(r.betalingskommune))
    if hk is None:
        fejl.append(ind.fejl_i(r.raekke, HANDLEKOMMUNE, f'kommunen "{r.handlekommune}" findes ikke'))
    if bk is None:
        fejl.append(ind.fejl_i(r.raekke, BETALINGSKOMMUNE, f'kommunen "{r.betalingskommune}" findes ikke'))
    t = tilbud.get(r.tilbud.casefold())
    y = ydelser.get((t.pk, r.ydelse.casefold())) if t is not None else None
    if t is None:
        fejl.append(
            ind.fejl_i(r.raekke, TILBUD, f'tilbuddet "{r.tilbud}" findes ikke i rammeaftalens register')
        )
    elif y is None:
        fejl.append(ind.fejl_i(r.raekke, YDELSE, f'tilbuddet "{t.navn}" har ingen ydelse "{r.ydelse}"'))
    henvist = None
    if r.henvist_tilbud:
        ht = tilbud.get(r.henvist_tilbud.casefold())
        henvist = ydelser.get((ht.pk, r.henvist_ydelse.casefold())) if ht is not None else None
        if henvist is None:
            fejl.append(
                ind.fejl_i(
                    r.raekke,
                    HENVIST_TILBUD,
                    f'det henviste tilbud "{r.henvist_tilbud}" med ydelsen "{r.henvist_ydelse}" findes ikke',
                )
            )
    if fejl or hk is None or bk is None or t is None or y is None:
        return None, fejl
    noegle, fdato = borger(r.cpr)
    o = Ophold(
        borger=noegle,
        foedselsdato=fdato,
        handlekommune=hk,
        betalingskommune=bk,
        tilbud=t,
        ydelse=y,
        start=r.start,
        opsagt=r.opsagt,
        opsagt_af=r.opsagt_af if r.opsagt else "",
        slut=r.slut,
        ny_borger_fra=r.ny_borger_fra,
        aarsag=r.aarsag,
        henvist_ydelse=henvist,
        indskrivning_pct=r.indskrivning_pct,
    )
    if not har(bruger, REDIGERE, o):
        p = profil(bruger)
        hvem = (
            f"betalingskommunen skal være {p.kommune}"
            if p is not None and p.rolle == Rolle.KOMMUNE
            else "tilbuddet skal være et af driftsherrens egne"
        )
        kolonne = BETALINGSKOMMUNE if p is not None and p.rolle == Rolle.KOMMUNE else TILBUD
        return None, [ind.fejl_i(r.raekke, kolonne, f"du kan kun indlæse egne ophold: {hvem}")]
    try:
        o.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as ve:
        return None, [ind.fejl_i(r.raekke, None, f"{k}: {' '.join(v)}") for k, v in ve.message_dict.items()]
    return o, []
