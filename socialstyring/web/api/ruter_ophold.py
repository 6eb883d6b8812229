"""The API's stays (`/api/v1/ophold/…`): read, create and change a citizen's stay, add a package
change, add and remove an add-on — through the stays' own services (`ophold.services`) and
rules, as the stays' pages (`ophold.views`):

- the list and a new stay: a municipality's or an operator's staff (the secretariat sees counts
  on its page, not citizens, and readers nothing: 403);
- one stay: fetched as the page fetches it (another agreement's: 404), then the page's rule
  `ophold.se` (the paying or acting municipality, the offer's operator; 403 for others), and for
  a write `ophold.rediger` (the paying municipality, the operator; the acting one reads only);
- the service checks again who may write the stay as it is and as it becomes, the version of
  the stay the caller read (stale: 409 `foraeldet`, nothing written) and the record's own rules;
  its history names the token's user.

The CPR number is taken when a stay is created (checked as the page checks it) and never
returned: the citizen is 'Borger KFHA-MPBC', as on the pages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Status

from socialstyring.io.cpr import Cprfejl, normaliser
from socialstyring.web.api import fejl
from socialstyring.web.api import skemaer as s
from socialstyring.web.api.grundlag import FEJLSVAR, MAKS_ID, SKRIVEFEJL, Id, Sideparametre, bruger, side
from socialstyring.web.ophold import selectors, services
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kommune, Takstenhed, Ydelse

router = Router(tags=["ophold"])

SE, REDIGERE, OPRETTE = "ophold.se", "ophold.rediger", "ophold.oprette"
"""The stays' rules (`ophold.adgang`); `OPRETTE` is also who sees stays at all (`har_ophold`)."""

API_NAVNE = {
    "ydelse": "ydelse_id",
    "handlekommune": "handlekommune_id",
    "betalingskommune": "betalingskommune_id",
    "henvist_ydelse": "henvist_ydelse_id",
    "tillaeg": "tillaeg_id",
}
"""A service's field (the model's name) → the API's name of it."""

PAAKRAEVET = ("ydelse", "handlekommune", "betalingskommune", "start", "indskrivning_pct")
"""Fields a stay always has: a change cannot clear them."""


class Opholdsfilter(Sideparametre):
    tilbud_id: int | None = Field(None, ge=1, le=MAKS_ID, description="Kun ophold i dette tilbud.")
    kommune_id: int | None = Field(
        None, ge=1, le=MAKS_ID, description="Kun ophold, kommunen betaler eller er handlekommune for."
    )


@contextmanager
def _feltfejl() -> Iterator[None]:
    """A service's refusal of a value as 422 naming the API's field; a database rule the
    service did not check first (e.g. the same citizen twice in an offer from the same day,
    after a change of start) as 409, never a 500."""
    try:
        yield
    except ValidationError as ve:
        raise fejl.ugyldige_data(fejl.feltfejl(ve, API_NAVNE)) from None
    except IntegrityError:
        raise fejl.Problem(
            409,
            "Opholdet kan ikke gemmes: det strider mod en regel i databasen (typisk har borgeren "
            "allerede et ophold i tilbuddet fra samme dag). Intet er gemt.",
        ) from None


def _afvis(**felter: str) -> None:
    """422 naming each field (by the service's names) and what is wrong; nothing when none."""
    if felter:
        raise fejl.ugyldige_data([{"felt": API_NAVNE.get(k, k), "fejl": v} for k, v in felter.items()])


def _ugyldig(felt: str, besked: str) -> NoReturn:
    raise fejl.ugyldige_data([{"felt": felt, "fejl": besked}])


# --- reading ---------------------------------------------------------------------------------------


EGNE_FELTER: tuple[str, ...] = ("version", "tilbud_id", "ydelse_id", "handlekommune_id")
EGNE_FELTER += ("betalingskommune_id", "start", "opsagt", "opsagt_af", "slut", "ny_borger_fra")
"""The stay's own fields a row shows as stored."""


def _raekke(o: Any, dag: date) -> dict[str, Any]:
    return {f: getattr(o, f) for f in EGNE_FELTER} | {
        "id": o.pk,
        "borger": selectors.borgervisning(o),
        "foedt": o.foedselsdato.year,
        "tilbud": o.tilbud.navn,
        "driftsherre": o.tilbud.driftsherre.navn,
        "ydelse": o.ydelse.navn,
        "handlekommune": o.handlekommune.navn,
        "betalingskommune": o.betalingskommune.navn,
        "status": selectors.status(o, dag).value,
    }


def _pakkeskift(p: Any) -> dict[str, Any]:
    return {"id": p.pk, "varslet": p.varslet, "ydelse_id": p.ydelse_id, "ydelse": p.ydelse.navn}


def _tillaeg(t: Any) -> dict[str, Any]:
    felter = {f: getattr(t, f) for f in ("ydelse_id", "fra", "til", "timer", "pr_dag")}
    return felter | {"id": t.pk, "navn": t.visningsnavn}


def _opholdet(request: HttpRequest, o: Any) -> dict[str, Any]:
    """The stay as its page shows it."""
    fv = selectors.fritvalgsresultat(o)
    return {
        **_raekke(o, date.today()),
        "foedselsdato": o.foedselsdato,
        "aarsag": o.aarsag,
        "indskrivning_pct": o.indskrivning_pct,
        "henvist_ydelse_id": o.henvist_ydelse_id,
        "henvist_ydelse": str(o.henvist_ydelse) if o.henvist_ydelse is not None else None,
        "kan_rette": adgang.har(request, REDIGERE, o),
        "pakkeskift": [_pakkeskift(p) for p in o.pakkeskift.select_related("ydelse")],
        "tillaeg": [_tillaeg(t) for t in o.tillaeg.select_related("ydelse")],
        "frit_valg": fv.til_json() if fv is not None else None,
        "frit_valg_fejl": o.frit_valg.get("fejl") if o.frit_valg else None,
    }


def _hent(request: HttpRequest, ophold_id: int, *regler: str) -> Any:
    """The stay as the page fetches it (another agreement's: 404) and asks its rules (403)."""
    o = selectors.hent_ophold(bruger(request), ophold_id)
    for regel in regler:
        adgang.kraev(request, regel, o)
    return o


@router.get("/ophold/", response={200: s.Side[s.Opholdsraekke], **FEJLSVAR})
def ophold_liste(request: HttpRequest, p: Query[Opholdsfilter]) -> dict[str, Any]:
    """De ophold, brugeren ser (som opholdslisten): kommunens medarbejdere dem, kommunen betaler
    eller handler for, driftsherrens dem i egne tilbud; sorteret efter tilbud og start."""
    adgang.kraev(request, OPRETTE)
    qs = selectors.synlige_ophold(bruger(request))
    if p.tilbud_id is not None:
        qs = qs.filter(tilbud_id=p.tilbud_id)
    if p.kommune_id is not None:
        qs = qs.filter(Q(handlekommune_id=p.kommune_id) | Q(betalingskommune_id=p.kommune_id))
    antal, raekker = side(qs.order_by("tilbud__navn", "start", "pk"), p)
    dag = date.today()
    return {
        "antal": antal,
        "side": p.side,
        "pr_side": p.pr_side,
        "resultater": [_raekke(o, dag) for o in raekker],
    }


@router.get("/ophold/{heltal:ophold_id}/", response={200: s.Ophold, **FEJLSVAR})
def ophold_hent(request: HttpRequest, ophold_id: Id) -> dict[str, Any]:
    """Ét ophold som opholdssiden: borgeren (pseudonym og fødselsdato), kommunerne, datoerne,
    pakkeskift, tillæg og tjekket af frit valg med spor."""
    return _opholdet(request, _hent(request, ophold_id, SE))


# --- writing ----------------------------------------------------------------------------------------


def _vaerdier(request: HttpRequest, ind: dict[str, Any]) -> dict[str, Any]:
    """The body's values by the service's names, ids as the register's objects: a service of the
    user's agreement (not an hourly add-on; as the page's choices), any municipality (as the
    page's); an unknown one is 422 naming the field."""
    ud: dict[str, Any] = {}
    ydelser = Ydelse.objects.filter(tilbud__in=adgang.synlige_tilbud(bruger(request))).exclude(
        takstenhed=Takstenhed.TIME
    )
    for navn, v in ind.items():
        if navn in ("ydelse_id", "henvist_ydelse_id") and v is not None:
            y = ydelser.select_related("tilbud").filter(pk=v).first()
            if y is None:
                _ugyldig(navn, "Ydelsen findes ikke i rammeaftalens register (eller er et tillæg pr. time).")
            ud[navn.removesuffix("_id")] = y
        elif navn in ("handlekommune_id", "betalingskommune_id") and v is not None:
            k = Kommune.objects.filter(pk=v).first()
            if k is None:
                _ugyldig(navn, "Kommunen findes ikke.")
            ud[navn.removesuffix("_id")] = k
        elif navn.endswith("_id"):
            ud[navn.removesuffix("_id")] = None
        elif navn in ("aarsag", "opsagt_af"):
            ud[navn] = v or ""
        else:
            ud[navn] = v
    return ud


def _tjek_datoer(v: Mapping[str, Any]) -> None:
    """The page's form's checks across the dates (`OpholdForm.clean`): before the database's
    constraints, which the service's `full_clean` leaves to the database."""
    start, slut, opsagt = v.get("start"), v.get("slut"), v.get("opsagt")
    felter: dict[str, str] = {}
    if start and slut and slut < start:
        felter["slut"] = "Slut ligger før start."
    if start and opsagt and opsagt < start:
        felter["opsagt"] = "Opsigelsen ligger før start."
    if opsagt and not v.get("opsagt_af"):
        felter["opsagt_af"] = "Vælg, hvem der opsagde opholdet."
    _afvis(**felter)


@router.post("/ophold/", response={201: s.Ophold, **SKRIVEFEJL})
def ophold_opret(request: HttpRequest, ind: s.OpholdInd) -> Status[dict[str, Any]]:
    """Opret et ophold (som siden "Nyt ophold"): CPR-nummeret gøres straks til en nøgle og
    gemmes aldrig; kommunens medarbejdere opretter ophold, kommunen betaler, driftsherrens
    ophold i egne tilbud (ellers 403). Svaret er opholdet, som GET viser det."""
    adgang.kraev(request, OPRETTE)
    try:
        cpr = normaliser(ind.cpr)
    except Cprfejl as e:
        raise fejl.ugyldige_data([{"felt": "cpr", "fejl": f"Ugyldigt CPR-nummer: {e}."}]) from None
    data = _vaerdier(request, ind.model_dump(exclude={"cpr"}))
    _tjek_datoer(data)
    with _feltfejl():
        o = services.opret_ophold(bruger(request), cpr, data)
    return Status(201, _opholdet(request, selectors.hent_ophold(bruger(request), o.pk)))


@router.patch("/ophold/{heltal:ophold_id}/", response={200: s.Ophold, **SKRIVEFEJL})
def ophold_ret(request: HttpRequest, ophold_id: Id, ind: s.OpholdRet) -> dict[str, Any]:
    """Ret opholdet (som siden "Ret opholdet"): `version` fra GET og kun de felter, der sættes
    (null tømmer et valgfrit felt). Et ophold, en anden har gemt siden, afvises (409
    `foraeldet`; intet gemmes). Kun betalingskommunen og driftsherren retter (ellers 403)."""
    o = _hent(request, ophold_id, SE, REDIGERE)
    aendret = _vaerdier(request, ind.model_dump(exclude={"version"}, exclude_unset=True))
    _afvis(**{k: "Feltet kan ikke tømmes." for k in PAAKRAEVET if k in aendret and aendret[k] is None})
    _tjek_datoer({k: getattr(o, k) for k in ("start", "slut", "opsagt", "opsagt_af")} | aendret)
    with _feltfejl():
        services.ret_ophold(bruger(request), o.pk, ind.version, aendret)
    return _opholdet(request, selectors.hent_ophold(bruger(request), o.pk))  # as stored now


@router.post("/ophold/{heltal:ophold_id}/pakkeskift/", response={201: s.Pakkeskift, **SKRIVEFEJL})
def pakkeskift_tilfoej(request: HttpRequest, ophold_id: Id, ind: s.PakkeskiftInd) -> Status[dict[str, Any]]:
    """Tilføj et pakkeskift: en anden pakke af opholdets ydelse, varslet i opholdets periode."""
    o = _hent(request, ophold_id, SE, REDIGERE)
    y = Ydelse.objects.filter(pk=ind.ydelse_id, tilbud_id=o.tilbud_id).first()
    if y is None:
        _ugyldig("ydelse_id", "Vælg en anden pakke af opholdets ydelse.")
    with _feltfejl():
        p = services.tilfoej_pakkeskift(bruger(request), o.pk, ind.varslet, y)
    return Status(201, _pakkeskift(p))


@router.post("/ophold/{heltal:ophold_id}/tillaeg/", response={201: s.Tillaeg, **SKRIVEFEJL})
def tillaeg_tilfoej(request: HttpRequest, ophold_id: Id, ind: s.TillaegInd) -> Status[dict[str, Any]]:
    """Tilføj et tillæg: timer af en af tilbuddets tillægsydelser (`ydelse_id`, `timer`, leveret
    `fra`) eller et beløb pr. dag (`navn`, `pr_dag`, fra `fra` til `til`)."""
    o = _hent(request, ophold_id, SE, REDIGERE)
    data = ind.model_dump()
    if ind.ydelse_id is not None:
        data["ydelse"] = Ydelse.objects.filter(
            pk=ind.ydelse_id, tilbud_id=o.tilbud_id, takstenhed=Takstenhed.TIME
        ).first()
        if data["ydelse"] is None:
            _ugyldig("ydelse_id", "Tilbuddet har ingen tillægsydelse betalt pr. time med det nummer.")
    with _feltfejl():
        t = services.tilfoej_tillaeg(bruger(request), o.pk, data)
    return Status(201, _tillaeg(o.tillaeg.select_related("ydelse").get(pk=t.pk)))  # as stored


@router.delete("/ophold/{heltal:ophold_id}/tillaeg/{heltal:tillaeg_id}/", response={204: None, **SKRIVEFEJL})
def tillaeg_slet(request: HttpRequest, ophold_id: Id, tillaeg_id: Id) -> Status[None]:
    """Fjern et tillæg fra opholdet (det bliver i historikken, hvorfra det kan gendannes)."""
    o = _hent(request, ophold_id, SE, REDIGERE)
    if not o.tillaeg.filter(pk=tillaeg_id).exists():
        raise Http404("Tillægget findes ikke på opholdet.")
    with _feltfejl():
        services.slet_tillaeg(bruger(request), o.pk, tillaeg_id)
    return Status(204, None)
