"""In-year changes as pages and services read them: the engine's input built from the
register (the offer's category for the year, the paying municipalities' year-places, the
agreement's municipalities, and the old rate and places from the register when the form
leaves them blank), the changes a user may see, and a stored change as its page and letter
show it — from the result as it was computed and notified, never recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from socialstyring.beregning.aendring import Aendringsgrundlag
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.web.aendringer.konsekvens import Konsekvens
from socialstyring.web.aendringer.models import AABNE, Aendring, Aendringsstatus
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.sporvisning import panel
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Kategorisering, Kommune, Pladskoeb, Tilbud, Ydelse, Ydelsesaar


def _ydelsesaar(ydelse: Ydelse, aar: int) -> Ydelsesaar | None:
    return Ydelsesaar.objects.filter(ydelse=ydelse, aar=aar).first()


def _kategori(tilbud: Tilbud, aar: int, noter: list[str]) -> str | None:
    k = Kategorisering.objects.filter(tilbud=tilbud, aar__lte=aar).order_by("-aar").first()
    if k is None or not k.kategori:
        return None
    if k.aar != aar:
        noter.append(f"Tilbuddets kategori er fra {k.aar}; der er ingen kategorisering for {aar}.")
    return k.kategori


def _betalingskommuner(tilbud: Tilbud, aar: int, noter: list[str]) -> tuple[list[dict[str, Any]], int]:
    koeb = Pladskoeb.objects.filter(tilbud=tilbud, aar__lte=aar).select_related("kommune").order_by("-aar")
    seneste = koeb.values_list("aar", flat=True).first()
    if seneste is None:
        return [], aar
    if seneste != aar:
        noter.append(f"Der er ingen årspladser for {aar}; årspladserne for {seneste} er brugt.")
    return [
        {"kode": f"{p.kommune.kode:03d}", "navn": p.kommune.navn, "aarspladser": p.aarspladser}
        for p in koeb
        if p.aar == seneste
    ], seneste


def grundlag(tilbud: Tilbud, data: dict[str, Any]) -> tuple[Aendringsgrundlag, list[str]]:
    """The engine's input for the form's data, filled in from the register; and notes."""
    noter: list[str] = []
    beslutning: date = data["beslutningsdato"]
    aar = beslutning.year
    type_ = Aendringstype(data["type"])
    ydelse: Ydelse | None = data.get("ydelse")
    gammel_takst, gamle_pladser = data.get("gammel_takst"), data.get("gamle_pladser")
    if ydelse is not None:
        ya = _ydelsesaar(ydelse, aar)
        if gammel_takst is None and ya is not None and ya.takst is not None:
            gammel_takst = ya.takst
            noter.append(f"Taksten før er registerets takst for {ydelse.navn} i {aar}.")
        if gamle_pladser is None and type_.er_pladsaendring and ya is not None and ya.pladser is not None:
            gamle_pladser = ya.pladser
            noter.append(f"Pladserne før er registerets pladser for {ydelse.navn} i {aar}.")
        if tilbud.ydelser.count() > 1:
            noter.append(
                "Årspladserne gælder hele tilbuddet, som har flere ydelser; konsekvensen for "
                f"{ydelse.navn} er beregnet, som om al brug var af denne ydelse."
            )
    elif type_ is Aendringstype.LUKNING:
        aarets = list(Ydelsesaar.objects.filter(ydelse__tilbud=tilbud, aar=aar))
        if gamle_pladser is None and aarets and all(y.pladser is not None for y in aarets):
            gamle_pladser = sum((y.pladser for y in aarets if y.pladser is not None), Decimal(0))
            noter.append(f"Pladserne er tilbuddets pladser i registeret for {aar}.")
        takster = {y.takst for y in aarets if y.takst is not None}
        if gammel_takst is None and len(takster) == 1:
            gammel_takst = takster.pop()
            noter.append(f"Taksten er tilbuddets takst i registeret for {aar}.")
    betalere, aarspladser_aar = _betalingskommuner(tilbud, aar, noter)
    aftalens = Kommune.objects.filter(rammeaftale_id=tilbud.driftsherre.rammeaftale_id).order_by("navn")
    grundlag = Aendringsgrundlag.model_validate(
        {
            "region": tilbud.region,
            "tilbud": tilbud.navn,
            "driftsherre": tilbud.driftsherre.navn,
            "ydelse": ydelse.navn if ydelse else None,
            "pladstype": ydelse.pladstype if ydelse else "doegn",
            "type": type_,
            "kategori": _kategori(tilbud, aar, noter),
            "begrundelse": data["begrundelse"],
            "beslutningsdato": beslutning,
            "oensket_ikrafttraedelse": data["oensket_ikrafttraedelse"],
            "gammel_takst": gammel_takst,
            "ny_takst": data.get("ny_takst"),
            "gamle_pladser": gamle_pladser,
            "nye_pladser": data.get("nye_pladser"),
            "betalingskommuner": betalere,
            "aarspladser_aar": aarspladser_aar,
            "aftalens_kommuner": [{"kode": f"{k.kode:03d}", "navn": k.navn} for k in aftalens],
        }
    )
    return grundlag, noter


def synlige_aendringer(bruger: Bruger) -> QuerySet[Aendring]:
    """The changes the user may read: of the offers in the user's agreement, in years whose
    figures of the operator the user sees (`register.adgang.Aarsadgang`) — both the year it
    is decided in (its "before" figures are that year's register figures) and the year it
    takes effect. A change of a year that is not published is the operator's draft."""
    ser = adgang.Aarsadgang(bruger)
    qs = Aendring.objects.filter(tilbud__in=adgang.synlige_tilbud(bruger))
    qs = ser.filtrer(
        ser.filtrer(qs, "tilbud__driftsherre", "beslutningsdato__year"),
        "tilbud__driftsherre",
        "ikrafttraedelse__year",
    )
    return qs.select_related("tilbud__driftsherre__rammeaftale", "ydelse", "oprettet_af")


def visning(aendring: Aendring) -> dict[str, Any]:
    """Everything the page and the letter show, from the stored result (read through its model)."""
    k = Konsekvens.laes(aendring.konsekvens)
    r = k.resultat
    return {
        "aendring": aendring,
        "tilbud": aendring.tilbud,
        "r": r,
        "underretning_afsnit": [{"overskrift": o, "tekst": t} for o, t in r.underretning.afsnit],
        "noter": list(k.noter),
        "register": k.registerhandling,
        "datoer": {
            "oensket": r.oensket_ikrafttraedelse,
            "tidligste": r.tidligste_ikrafttraedelse,
            "varsel_udloeb": r.varsel_udloeb,
            "foerste_dag": r.foerste_dag,
        },
        **panel(r.spor),
        "pladsdage_i_alt": r.spor["i_alt.pladsdage"].resultat if "i_alt.pladsdage" in r.spor else None,
        "regler": r.regler_anvendt(),
        "er_lukning": aendring.type == Aendringstype.LUKNING,
    }


@dataclass(frozen=True)
class Kort:
    """A change's key figures for the list."""

    takst_forskel: Decimal | None
    merudgift_i_alt: Decimal | None
    pladser_forskel: Decimal | None


def kort(a: Aendring) -> Kort:
    r = Konsekvens.laes(a.konsekvens).resultat
    return Kort(r.takst_forskel, r.merudgift_i_alt, r.pladser_forskel)


# --- the rate in force: the report's rate, then the decided changes --------------------------


@dataclass(frozen=True)
class Takstskift:
    """A decided change of a service's rate: the new rate from its effective date."""

    fra: date
    takst: Decimal
    aendring: Aendring


def takstskift(ydelse: Ydelse, aar: int) -> list[Takstskift]:
    """The decided changes of the service's rate that take effect in `aar`, in order of
    their effective date (the later decision first on the same date is overridden by the
    later one: the most recently decided applies)."""
    return ydelsernes_takstskift([ydelse], aar)[ydelse.pk]


def ydelsernes_takstskift(ydelser: list[Ydelse], aar: int) -> dict[int, list[Takstskift]]:
    """`takstskift` of each of the services, in one query."""
    besluttede = (
        Aendring.objects.filter(
            ydelse__in=ydelser,
            status=Aendringsstatus.BESLUTTET,
            ikrafttraedelse__year=aar,
            ny_takst__isnull=False,
        )
        .exclude(type=Aendringstype.LUKNING)
        .order_by("ikrafttraedelse", "afgoerelsesdato", "pk")
    )
    ud: dict[int, list[Takstskift]] = {y.pk: [] for y in ydelser}
    for a in besluttede:
        if a.ny_takst is not None and a.ydelse_id is not None:
            ud[a.ydelse_id].append(Takstskift(a.ikrafttraedelse, a.ny_takst, a))
    return ud


def gaeldende_takst(ydelse: Ydelse, dag: date) -> tuple[Decimal | None, Aendring | None]:
    """The service's rate in force on `dag`: the year's reported rate, or the new rate of the
    last decided change that has taken effect by then (and that change)."""
    gaeldende = [t for t in takstskift(ydelse, dag.year) if t.fra <= dag]
    if gaeldende:
        return gaeldende[-1].takst, gaeldende[-1].aendring
    ya = _ydelsesaar(ydelse, dag.year)
    return (ya.takst if ya else None), None


def afventende(tilbud: Tilbud) -> QuerySet[Aendring]:
    """The offer's changes that await a decision."""
    return Aendring.objects.filter(tilbud=tilbud, status__in=AABNE).order_by("beslutningsdato", "pk")


def foreslaaet_beslutningstager(a: Aendring) -> str:
    """Who decides, as the form suggests it: the forum for a change in hearing, else the operator."""
    if a.status == Aendringsstatus.I_HOERING:
        return str(Konsekvens.laes(a.konsekvens).resultat.hoeringsinstans)
    return a.tilbud.driftsherre.navn


def beslutningens_foelger(a: Aendring, afgoerelse: Any, vurdering: Any) -> list[str]:
    """What recording the decision (`vurdering`: the change assessed with the decision's
    date) or the refusal (`vurdering` None) will do, in words for the confirmation page."""
    hvem = f"{afgoerelse.besluttet_af} den {dansk_dato(afgoerelse.dato)}"
    if vurdering is None:
        return [
            f"Ændringen registreres som afvist af {hvem}.",
            "Den træder ikke i kraft; registerets takster og pladser er uændrede.",
            "Registreringen kan ikke fortrydes; en ny ændring skal anmeldes på ny.",
        ]
    punkter = [f"Ændringen registreres som besluttet af {hvem}."]
    if vurdering.ikrafttraedelse != a.ikrafttraedelse:
        punkter.append(
            f"Ikrafttrædelsen bliver {dansk_dato(vurdering.ikrafttraedelse)} efter aftalens regel "
            f"(ved anmeldelsen: {dansk_dato(a.ikrafttraedelse)})."
        )
    else:
        punkter.append(f"Ændringen træder i kraft {dansk_dato(vurdering.ikrafttraedelse)}.")
    if vurdering.takst_efter is not None and a.ydelse is not None:
        punkter.append(
            f"Taksten for {a.ydelse.navn} bliver {kr(vurdering.takst_efter)} fra "
            f"{dansk_dato(vurdering.ikrafttraedelse)}; årets takstindberetning står uændret."
        )
    punkter.append("Registreringen kan ikke fortrydes.")
    return punkter


def anmeldelsens_foelger(r: Any) -> list[str]:
    """What filing the assessed change (`r`, an `Aendringsresultat`) will do, in words."""
    punkter = [
        f"Underretningen sendes til {len(r.modtagere)} modtagere: kommunerne i rammeaftalen og "
        "betalingskommunerne" + (f" samt {r.hoeringsinstans}." if r.kraever_hoering else "."),
        f"Procedure: {r.procedure_tekst}.",
    ]
    if r.kraever_hoering:
        punkter.append(
            f"Ændringen er i høring i {r.hoeringsinstans} og gælder først, når beslutningen er registreret."
        )
    else:
        punkter.append("Ændringen gælder først, når driftsherrens beslutning er registreret.")
    punkter.append(
        f"Besluttes den som anmeldt, gælder den fra {dansk_dato(r.ikrafttraedelse)}"
        + (
            f"; merudgiften for kommunerne resten af {r.aar} er {kr(r.merudgift_i_alt)}."
            if r.merudgift_i_alt
            else "."
        )
    )
    punkter.append("Anmeldelsen kan ikke trækkes tilbage; en fortrudt ændring registreres som afvist.")
    return punkter
