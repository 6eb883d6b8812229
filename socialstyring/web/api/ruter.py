"""The API's routes (`/api/v1/…`). Each is a thin view as the pages' are: it fetches the object
the way the page does (another agreement's is 404: `register.adgang.hent_*`), asks the page's
own rule by name (`faelles.adgang.kraev`, 403), and reads through the area's selectors or
writes through its services — the same lock (`laas_aaret`) and version check (`Foraeldet`,
409) as the page's form. A write sends the version of each row it read (GET)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.security import HttpBearer
from pydantic import ValidationError as PydanticValidationError

from socialstyring.web.afregning import selectors as afregning
from socialstyring.web.api import fejl, services
from socialstyring.web.api import skemaer as s
from socialstyring.web.api.grundlag import FEJLSVAR, MAKS_ID, SKRIVEFEJL, Id, Sideparametre
from socialstyring.web.api.grundlag import bruger as _bruger
from socialstyring.web.api.grundlag import side as _side
from socialstyring.web.api.ruter_ophold import router as ophold_router
from socialstyring.web.belaegning import selectors as belaegning
from socialstyring.web.belaegning import services as belaegning_services
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.indberetning import selectors as indberetning
from socialstyring.web.indberetning import services as indberetning_services
from socialstyring.web.ledelsesinfo import selectors as ledelsesinfo
from socialstyring.web.refusion import selectors as refusion
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Katalog, Takstberegning, Tilbud, Ydelse, Ydelsesaar
from socialstyring.web.regnskab import selectors as regnskab
from socialstyring.web.regnskab import services as regnskab_services
from socialstyring.web.takstberegning import selectors as takstberegning

Kode = Annotated[str, Path(pattern=r"^[a-z0-9_-]{1,50}$", description="Rammeaftalens kode, fx midtjylland.")]


class Noegle(HttpBearer):
    """`Authorization: Bearer <token>`: the token's user is the request's user, so the rules
    and the history (django-simple-history reads `request.user`) name them as a login does."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        bruger = services.noeglens_bruger(token)
        if bruger is not None:
            request.user = bruger
        return bruger


class Api(NinjaAPI):
    """The schema says what the API sends: an error is `application/problem+json`."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        skema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operationer in skema["paths"].values():
            for operation in operationer.values():
                for status, svar in operation.get("responses", {}).items():
                    if int(status) >= 400 and "application/json" in svar.get("content", {}):
                        svar["content"] = {fejl.PROBLEM: svar["content"]["application/json"]}
        return skema


api = Api(
    title="Socialstyring API",
    version="1",
    description="Tilbud, takster med spor, katalog, belægning, takstindberetning og ophold. Se docs/api.md.",
    auth=Noegle(),
    urls_namespace="api",
    docs_url=None,
)
fejl.registrer(api)
api.add_router("", ophold_router)


class Tilbudsfilter(Sideparametre):
    driftsherre_id: int | None = Field(None, ge=1, le=MAKS_ID, description="Kun denne driftsherres tilbud.")


class Katalogvalg(Schema):
    version: int | None = Field(None, ge=1, le=32767, description="Katalogets version (standard: seneste).")


# --- the register ----------------------------------------------------------------------------


def _tilbudsraekke(t: Tilbud) -> dict[str, Any]:
    return {
        "id": t.pk,
        "navn": t.navn,
        "driftsherre_id": t.driftsherre_id,
        "driftsherre": t.driftsherre.navn,
        "rammeaftale": t.driftsherre.rammeaftale.kode,
        "paragraf": t.paragraf,
        "maalgruppe": t.maalgruppe.navn if t.maalgruppe else None,
        "takststruktur": t.takststruktur,
        "lukket_fra": t.lukket_fra.isoformat() if t.lukket_fra else None,
    }


@api.get("/tilbud/", response={200: s.Side[s.Tilbudsraekke], **FEJLSVAR}, tags=["register"])
def tilbud_liste(
    request: HttpRequest,
    p: Query[Tilbudsfilter],
) -> dict[str, Any]:
    """Tilbudsregistret: alle tilbud i brugerens rammeaftale, sorteret efter navn."""
    qs = adgang.synlige_tilbud(_bruger(request)).select_related("driftsherre__rammeaftale", "maalgruppe")
    if p.driftsherre_id is not None:
        qs = qs.filter(driftsherre_id=p.driftsherre_id)
    antal, raekker = _side(qs.order_by("navn", "pk"), p)
    return {
        "antal": antal,
        "side": p.side,
        "pr_side": p.pr_side,
        "resultater": [_tilbudsraekke(t) for t in raekker],
    }


@api.get("/tilbud/{heltal:tilbud_id}/", response={200: s.Tilbudsdata, **FEJLSVAR}, tags=["register"])
def tilbud(request: HttpRequest, tilbud_id: Id) -> dict[str, Any]:
    """Ét tilbud med ydelser og årstal — de år, brugeren må se (som tilbudssiden)."""
    b = _bruger(request)
    t = adgang.hent_tilbud(b, tilbud_id)
    ser = adgang.Aarsadgang(b)
    ydelser = []
    for y in Ydelse.objects.filter(tilbud=t).select_related("afdeling").order_by("navn", "pk"):
        aar = list(Ydelsesaar.objects.filter(ydelse=y).order_by("aar"))
        ydelser.append(
            {
                "id": y.pk,
                "navn": y.navn,
                "afdeling": y.afdeling.navn if y.afdeling else None,
                "pladstype": y.pladstype,
                "takstenhed": y.takstenhed,
                "aar": [
                    {
                        "aar": a.aar,
                        "pladser": a.pladser,
                        "budgetteret_belaegning_pct": a.budgetteret_belaegning_pct,
                        "takst": a.takst,
                        "takst_kilde": a.takst_kilde,
                        "kilde_tekst": a.kilde_tekst,
                    }
                    for a in aar
                    if ser(t.driftsherre, a.aar)
                ],
                "skjulte_aar": [a.aar for a in aar if not ser(t.driftsherre, a.aar)],
            }
        )
    return {**_tilbudsraekke(t), "version": t.version, "ydelser": ydelser}


# --- rates with their trace, the catalogue --------------------------------------------------


@api.get(
    "/tilbud/{heltal:tilbud_id}/takst/{heltal:aar}/",
    response={200: s.Takst, **FEJLSVAR, 409: s.Problemdetalje},
    tags=["takster"],
)
def takst(request: HttpRequest, tilbud_id: Id, aar: Id) -> dict[str, Any]:
    """Tilbuddets takstberegning for året: motorens resultat med hvert tals spor (som
    takstsiden og dens spor.json). Et udkast ser kun driftsherren og sekretariatet."""
    adgang.tjek_aar(aar)
    t = adgang.hent_tilbud(_bruger(request), tilbud_id)
    b = Takstberegning.objects.select_related("tilbud__driftsherre").filter(tilbud=t, aar=aar).first()
    if b is None:
        raise Http404(f"Tilbuddet har ingen takstberegning for {aar}.")
    adgang.kraev(request, "takstberegning.se", b)
    try:
        _, resultat = takstberegning.beregn_gemt(b)
    except takstberegning.Beregningsfejl as f:
        raise fejl.Problem(409, f"Taksten kan ikke beregnes: {f}", "kan-ikke-beregnes") from None
    return {"tilbud_id": t.pk, "aar": aar, "version": b.version, "resultat": resultat.til_json()}


@api.get("/katalog/{kode}/{heltal:aar}/", response={200: s.Katalog, **FEJLSVAR}, tags=["katalog"])
def katalog(
    request: HttpRequest,
    kode: Kode,
    aar: Id,
    valg: Query[Katalogvalg],
) -> dict[str, Any]:
    """Det offentliggjorte takstkatalog (seneste version, eller ?version=N), som det blev
    offentliggjort: et versioneret øjebliksbillede (`schema_version`)."""
    adgang.tjek_aar(aar)
    aftale = adgang.hent_rammeaftale(_bruger(request), kode)
    adgang.kraev(request, "katalog.laese", aftale)
    kataloger = Katalog.objects.filter(rammeaftale=aftale, aar=aar)
    version = valg.version
    if version is not None:
        kataloger = kataloger.filter(version=version)
    k = kataloger.order_by("-version").first()
    if k is None:
        raise Http404(
            f"Der er ikke offentliggjort noget katalog for {aar}"
            + (f" i version {version}." if version else ".")
        )
    return {"rammeaftale": aftale.kode, "aar": aar, "version": k.version, "indhold": k.indhold}


# --- the rate report -------------------------------------------------------------------------


def _indberetning(
    request: HttpRequest, driftsherre_id: Id, aar: Id, regel: str
) -> indberetning.Indberetningsdata:
    adgang.tjek_aar(aar)
    d = adgang.hent_driftsherre(_bruger(request), driftsherre_id)
    adgang.kraev(request, "indberetning.se", d)
    adgang.kraev(request, regel, d)
    return indberetning.Indberetningsdata.hent(d, aar)


@api.get(
    "/indberetning/{heltal:driftsherre_id}/{heltal:aar}/",
    response={200: s.Indberetning, **FEJLSVAR},
    tags=["takstindberetning"],
)
def indberetning_hent(request: HttpRequest, driftsherre_id: Id, aar: Id) -> dict[str, Any]:
    """Driftsherrens takstindberetning for året: rækkerne med deres versioner, status og
    valideringens fejl (kun driftsherren selv og sekretariatet)."""
    data = _indberetning(request, driftsherre_id, aar, "indberetning.se")
    resultat = data.valider()
    return {
        "driftsherre_id": data.driftsherre.pk,
        "aar": aar,
        "status": data.status,
        "version": data.indberetning.version if data.indberetning else 0,
        "raekker": [
            {
                "ydelse_id": r.ydelse.pk,
                "tilbud": r.ydelse.tilbud.navn,
                "ydelse": r.ydelse.navn,
                "version": r.initial()["version"],
                "pladser": r.nu.pladser if r.nu else None,
                "budgetteret_belaegning_pct": r.nu.budgetteret_belaegning_pct if r.nu else None,
                "takst": r.nu.takst if r.nu else None,
                "takst_beregnet": r.beregnet,
                "kilde_tekst": r.nu.kilde_tekst if r.nu else "",
                "begrundelse": r.nu.begrundelse if r.nu else "",
            }
            for r in data.raekker
        ],
        "kan_indsendes": resultat.kan_indsendes,
        "fejl": [f.tekst for f in resultat.fejl],
    }


@api.put(
    "/indberetning/{heltal:driftsherre_id}/{heltal:aar}/",
    response={200: s.Gemt, **SKRIVEFEJL},
    tags=["takstindberetning"],
)
def indberetning_gem(
    request: HttpRequest, driftsherre_id: Id, aar: Id, ind: s.IndberetningInd
) -> dict[str, Any]:
    """Gem udkastet: for hver række de felter, der sættes, og rækkens version fra GET.
    Som siden: kun mens indberetningen er et udkast (409 `laast`), og en række, en anden har
    gemt siden, afvises (409 `foraeldet`; intet gemmes)."""
    data = _indberetning(request, driftsherre_id, aar, "indberetning.indsende")
    raekker: dict[int, tuple[int, dict[str, Any]]] = {}
    for r in ind.raekker:
        if r.ydelse_id in raekker:
            raise fejl.Problem(422, f"Ydelse {r.ydelse_id} står flere gange.")
        raekker[r.ydelse_id] = (r.version, r.model_dump(exclude={"ydelse_id", "version"}, exclude_unset=True))
    return {"aendrede_raekker": indberetning_services.gem_udkast_fra_vaerdier(data, raekker)}


# --- occupancy ---------------------------------------------------------------------------------


def _belaegning(request: HttpRequest, driftsherre_id: Id, aar: Id, kvartal: Id, regel: str) -> Any:
    adgang.tjek_aar(aar)
    if not 1 <= kvartal <= 4:
        raise Http404("Ukendt kvartal.")
    d = adgang.hent_driftsherre(_bruger(request), driftsherre_id)
    adgang.kraev(request, "belaegning.se", d)
    adgang.kraev(request, regel, d)
    return d


@api.get(
    "/belaegning/{heltal:driftsherre_id}/{heltal:aar}/{heltal:kvartal}/",
    response={200: s.Belaegning, **FEJLSVAR},
    tags=["belægning"],
)
def belaegning_hent(request: HttpRequest, driftsherre_id: Id, aar: Id, kvartal: Id) -> dict[str, Any]:
    """Kvartalets brugte dage pr. ydelse (med versioner) og belægningen for Q1..kvartal med
    spor (driftsherren selv og sekretariatet)."""
    d = _belaegning(request, driftsherre_id, aar, kvartal, "belaegning.se")
    raekker = belaegning.ydelsesraekker(d, aar, kvartal)
    resultat, tekst = None, None
    if any(r.periodens_dage > 0 for r in raekker):
        try:
            resultat = belaegning.beregn(d, aar, kvartal, raekker).til_json()
        except MOTORFEJL as f:
            tekst = f"Belægningen kan ikke beregnes: {motorfejl(f)}"
    return {
        "driftsherre_id": d.pk,
        "aar": aar,
        "kvartal": kvartal,
        "raekker": [
            {
                "ydelse_id": r.ydelsesaar.ydelse_id,
                "tilbud": r.ydelsesaar.ydelse.tilbud.navn,
                "ydelse": r.ydelsesaar.ydelse.navn,
                "version": r.version,
                "brugte_dage": r.kvartalets_dage,
                "periodens_dage": r.periodens_dage,
            }
            for r in raekker
        ],
        "resultat": resultat,
        "fejl": tekst,
    }


@api.put(
    "/belaegning/{heltal:driftsherre_id}/{heltal:aar}/{heltal:kvartal}/",
    response={200: s.Gemt, **SKRIVEFEJL},
    tags=["belægning"],
)
def belaegning_gem(
    request: HttpRequest, driftsherre_id: Id, aar: Id, kvartal: Id, ind: s.BelaegningInd
) -> dict[str, Any]:
    """Gem kvartalets brugte dage (null sletter) med hver rækkes version fra GET; en række,
    en anden har gemt siden, afvises (409 `foraeldet`; intet gemmes)."""
    d = _belaegning(request, driftsherre_id, aar, kvartal, "belaegning.indberette")
    vaerdier: dict[int, tuple[int, Decimal | None]] = {}
    for r in ind.raekker:
        if r.ydelse_id in vaerdier:
            raise fejl.Problem(422, f"Ydelse {r.ydelse_id} står flere gange.")
        vaerdier[r.ydelse_id] = (r.version, r.brugte_dage)
    raekker = belaegning.ydelsesraekker(d, aar, kvartal)
    return {"aendrede_raekker": belaegning_services.gem_forbrug_fra_vaerdier(raekker, aar, kvartal, vaerdier)}


# --- results and management information -------------------------------------------------------


@api.get(
    "/tilbud/{heltal:tilbud_id}/resultat/{heltal:aar}/",
    response={200: s.Resultat, **FEJLSVAR, 409: s.Problemdetalje},
    tags=["resultater"],
)
def resultat(request: HttpRequest, tilbud_id: Id, aar: Id) -> dict[str, Any]:
    """Tilbuddets regnskab for året og motorens resultatopgørelse med spor (som resultatsiden:
    driftsherren selv og sekretariatet)."""
    adgang.tjek_aar(aar)
    t = adgang.hent_tilbud(_bruger(request), tilbud_id)
    adgang.kraev(request, "regnskab.se", t.driftsherre)
    r = regnskab.regnskab(t, aar)
    if r is None:
        raise Http404(f"Tilbuddet har intet regnskab for {aar}.")
    try:
        opgoerelse = regnskab.beregn(r)
    except MOTORFEJL as f:
        raise fejl.Problem(
            409, f"Resultatet kan ikke beregnes: {motorfejl(f)}", "kan-ikke-beregnes"
        ) from None
    return {"tilbud_id": t.pk, "aar": aar, "version": r.version, "resultat": opgoerelse.til_json()}


@api.put(
    "/tilbud/{heltal:tilbud_id}/resultat/{heltal:aar}/",
    response={200: s.RegnskabGemt, **SKRIVEFEJL},
    tags=["resultater"],
)
def regnskab_gem(request: HttpRequest, tilbud_id: Id, aar: Id, ind: s.RegnskabInd) -> dict[str, Any]:
    """Gem tilbuddets regnskab for året (som resultatsidens formular): de felter, der sættes,
    og regnskabets version fra GET (0: intet regnskab endnu); et regnskab, en anden har gemt
    siden, afvises (409 `foraeldet`; intet gemmes)."""
    adgang.tjek_aar(aar)
    t = adgang.hent_tilbud(_bruger(request), tilbud_id)
    adgang.kraev(request, "regnskab.se", t.driftsherre)
    adgang.kraev(request, "regnskab.indberette", t.driftsherre)
    vaerdier = ind.model_dump(exclude={"version"}, exclude_unset=True)
    r = regnskab_services.gem_regnskab_fra_vaerdier(t, aar, ind.version, vaerdier)
    return {"tilbud_id": t.pk, "aar": aar, "version": r.version}


@api.get(
    "/ledelsesinfo/{kode}/{heltal:forrige}/{heltal:aar}/",
    response={200: s.Ledelsesinfo, **FEJLSVAR, 409: s.Problemdetalje},
    tags=["ledelsesinformation"],
)
def ledelsesinfo_hent(request: HttpRequest, kode: Kode, forrige: Id, aar: Id) -> dict[str, Any]:
    """Rammeaftalens ledelsesinformation (tabel A–E) for to år med hvert tals spor (som
    siden og dens spor.json): sekretariatet altid, andre når begge år er offentliggjort."""
    adgang.tjek_aar(forrige, aar)
    if forrige >= aar:
        raise Http404("Ukendte år: det forrige år skal ligge før året.")
    aftale = adgang.hent_rammeaftale(_bruger(request), kode)
    adgang.kraev(request, "ledelsesinfo.se", (aftale, forrige, aar))
    try:
        li, data = ledelsesinfo.beregn(aftale, forrige, aar)
    except (PydanticValidationError, ValueError, KeyError) as f:
        raise fejl.Problem(
            409, f"Ledelsesinformationen kan ikke beregnes: {f}", "kan-ikke-beregnes"
        ) from None
    return {
        "rammeaftale": aftale.kode,
        "forrige": forrige,
        "aar": aar,
        "resultat": li.til_json(),
        "advarsler": list(data.advarsler),
    }


# --- statements (inter-municipal billing) and reimbursement claims --------------------------------


@api.get(
    "/afregning/kommune/{heltal:kommune_id}/{heltal:aar}/",
    response={200: s.Side[s.Afregningsraekke], **FEJLSVAR},
    tags=["afregning"],
)
def afregninger_modtaget(
    request: HttpRequest, kommune_id: Id, aar: Id, p: Query[Sideparametre]
) -> dict[str, Any]:
    """De afregninger (opgørelser), kommunen har modtaget i året, hver version (kommunens egne
    medarbejdere, som siden)."""
    adgang.tjek_aar(aar)
    k = afregning.hent_kommune(_bruger(request), kommune_id)
    adgang.kraev(request, "afregning.se_modtagne", k)
    alle = afregning.modtagne(k, aar)
    start = (p.side - 1) * p.pr_side
    return {
        "antal": len(alle),
        "side": p.side,
        "pr_side": p.pr_side,
        "resultater": [_afregningsraekke(a) for a in alle[start : start + p.pr_side]],
    }


def _afregningsraekke(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "driftsherre": a.driftsherre.navn,
        "betalingskommune": a.betalingskommune.navn,
        "aar": a.aar,
        "maaned": a.maaned,
        "nummer": a.nummer,
        "i_alt": a.i_alt,
        "sendt": a.sendt.isoformat(),
    }


@api.get("/afregning/{heltal:afregning_id}/", response={200: s.Afregning, **FEJLSVAR}, tags=["afregning"])
def afregning_hent(request: HttpRequest, afregning_id: Id) -> dict[str, Any]:
    """En sendt afregning, frosset som sendt: opgørelsen med spor (den sendende driftsherre
    og den betalende kommune)."""
    a = afregning.hent_afregning(_bruger(request), afregning_id)
    adgang.kraev(request, "afregning.se_sendt", a)
    return {**_afregningsraekke(a), "indhold": afregning.laes(a).til_json()}


@api.get(
    "/refusion/kommune/{heltal:kommune_id}/{heltal:aar}/{heltal:kvartal}/",
    response={200: list[s.Refusionskravraekke], **FEJLSVAR},
    tags=["refusion"],
)
def refusionskrav_liste(request: HttpRequest, kommune_id: Id, aar: Id, kvartal: Id) -> list[dict[str, Any]]:
    """Kvartalets indsendte refusionskrav, hver version (kommunens egne medarbejdere)."""
    adgang.tjek_aar(aar)
    if not 1 <= kvartal <= 4:
        raise Http404("Ukendt kvartal.")
    k = refusion.hent_kommune(_bruger(request), kommune_id)
    adgang.kraev(request, "refusion.se", k)
    return [_kravraekke(r) for r in refusion.versioner(k, aar, kvartal)]


def _kravraekke(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kommune": r.kommune.navn,
        "aar": r.aar,
        "kvartal": r.kvartal,
        "nummer": r.nummer,
        "krav": r.krav,
        "aar_til_dato": r.aar_til_dato,
        "indsendt": r.indsendt.isoformat(),
    }


@api.get("/refusion/krav/{heltal:krav_id}/", response={200: s.Refusionskrav, **FEJLSVAR}, tags=["refusion"])
def refusionskrav_hent(request: HttpRequest, krav_id: Id) -> dict[str, Any]:
    """Et indsendt refusionskrav, frosset som indsendt: opgørelsen med spor."""
    r = refusion.hent_krav(krav_id)
    k = refusion.hent_kommune(_bruger(request), r.kommune_id)  # 404 outside the user's agreement
    adgang.kraev(request, "refusion.se", k)
    return {**_kravraekke(r), "indhold": refusion.laes_krav(r).til_json()}
