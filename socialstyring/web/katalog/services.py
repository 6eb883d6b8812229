"""Publishing the catalogue of offers and rates (the agreement's appendix "tilbud og takster").

Publishing freezes a snapshot (`Katalog.indhold`, a versioned `Katalogindhold`) of every open
offer of the agreement with its services, places, budgeted occupancy, the year's rate and
the offer's category. The page, the Excel file and the PDF are all drawn from the snapshot,
so they show exactly what was published, however the register changes later. Every
publication is a new version; the page shows the latest.

**Which reports:** the figures come from the operators' reports for the year that are
*submitted or approved* (`indsendt`, `godkendt`) — both have passed the validation of
`beregning.indberetning`. A submitted report that the secretariat has not yet approved is
marked so in the catalogue ("indsendt, ikke godkendt"), so the secretariat can publish as
soon as the reports are in and publish a new version after approving. Operators without a
submitted report (no report, or a draft) are listed as *missing*, and their offers are left
out. A service reported with 0 places is not offered that year and is left out too, and so
is a service without figures for the year at all (no `Ydelsesaar`: the offer or the service
was not there yet, as the register has no other start date); an offer with no service left is
not in the catalogue.

**Every listed service has a rate.** A catalogue is the agreement's price list: publishing is
refused (`UdenTakst`, naming each offer and service) while a service it would list has no
rate above 0 kr. That is every service of an open offer of an included operator that is not
reported with 0 places — place-based services and hourly add-on services alike (the yearly
validation, `beregning.indberetning`, demands a rate of every service it prices). Exempt are
what the catalogue leaves out anyway: offers closed by 1 January of the year, services with 0
places or no figures for the year, and operators without a submitted report. A submitted
report has passed the validation, so the refusal catches figures that did not: rows written
around it (an import, a restore, data loaded from elsewhere).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from socialstyring.web.indberetning.selectors import GRUNDLAG_STATUSER, IKKE_PAABEGYNDT
from socialstyring.web.jobber import services as jobber
from socialstyring.web.katalog import pdfjob
from socialstyring.web.katalog.indhold import GRUNDLAG_TEKST, Katalogindhold
from socialstyring.web.register.models import (
    Driftsherre,
    Katalog,
    Kategorisering,
    Rammeaftale,
    Takstindberetning,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.register.selectors import aabne_tilbud

VIST_HOEJST = 20
"""At most this many services are named in the refusal; the rest are counted."""


class UdenTakst(Exception):
    """The catalogue would list services without a rate; the message (Danish) names them."""

    def __init__(self, aar: int, mangler: list[tuple[str, str, str]]) -> None:
        self.aar = aar
        self.mangler = mangler  # (driftsherre, tilbud, ydelse)
        navne = [f"{t} – {y} ({d})" for d, t, y in mangler[:VIST_HOEJST]]
        if len(mangler) > VIST_HOEJST:
            navne.append(f"og {len(mangler) - VIST_HOEJST} andre")
        antal = "1 ydelse" if len(mangler) == 1 else f"{len(mangler)} ydelser"
        super().__init__(
            f"Kataloget for {aar} er ikke offentliggjort: {antal} i kataloget har ingen takst: "
            + "; ".join(navne)
            + ". Hver ydelse, der udbydes, skal have en takst over 0 kr. Ret taksterne (genåbn "
            "indberetningen, hvis den er indsendt), eller indberet 0 pladser for en ydelse, der "
            "ikke udbydes, og offentliggør igen."
        )


def uden_takst(indhold: Katalogindhold) -> list[tuple[str, str, str]]:
    """(driftsherre, tilbud, ydelse) of every listed service without a rate above 0 kr."""
    return [
        (t.driftsherre, t.navn, y.navn)
        for t in indhold.tilbud
        for y in t.ydelser
        if y.takst is None or y.takst <= 0
    ]


def titel(rammeaftale: Rammeaftale, aar: int) -> str:
    return f"Tilbud og takster {aar} – {rammeaftale.navn}"


def _tal(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


def byg_indhold(
    rammeaftale: Rammeaftale, aar: int, version: int, tidspunkt: datetime, bruger: User | None
) -> Katalogindhold:
    """The snapshot of the catalogue as it stands now (see the module's docstring)."""
    indberetninger = {
        i.driftsherre_id: i
        for i in Takstindberetning.objects.filter(driftsherre__rammeaftale=rammeaftale, aar=aar)
    }
    medtaget: list[dict[str, Any]] = []
    mangler: list[dict[str, Any]] = []
    med_ids: set[int] = set()
    for d in Driftsherre.objects.filter(rammeaftale=rammeaftale).order_by("navn"):
        i = indberetninger.get(d.pk)
        if i is not None and i.status in GRUNDLAG_STATUSER:
            med_ids.add(d.pk)
            medtaget.append(
                {
                    "navn": d.navn,
                    "status": i.status,
                    "indsendt": i.indsendt.isoformat() if i.indsendt else None,
                }
            )
        else:
            mangler.append({"navn": d.navn, "status": i.status if i is not None else IKKE_PAABEGYNDT})

    tilbud = [t for t in aabne_tilbud(rammeaftale, aar) if t.driftsherre_id in med_ids]
    ydelser = (
        Ydelse.objects.filter(tilbud__in=tilbud).select_related("afdeling").order_by("tilbud_id", "navn")
    )
    aarstal = {ya.ydelse_id: ya for ya in Ydelsesaar.objects.filter(ydelse__tilbud__in=tilbud, aar=aar)}
    kategorier = {k.tilbud_id: k for k in Kategorisering.objects.filter(tilbud__in=tilbud, aar=aar)}
    pr_tilbud: dict[int, list[dict[str, Any]]] = {}
    for y in ydelser:
        ya = aarstal.get(y.pk)
        if ya is None:
            continue  # no figures for the year: not offered (not there yet)
        if ya.pladser is not None and ya.pladser == 0:
            continue  # 0 places: not offered this year (see beregning.indberetning)
        pr_tilbud.setdefault(y.tilbud_id, []).append(
            {
                "navn": y.navn,
                "afdeling": y.afdeling.navn if y.afdeling else "",
                "pladstype": y.pladstypetekst,
                "takstenhed": y.get_takstenhed_display(),
                "pladser": _tal(ya.pladser),
                "belaegning_pct": _tal(ya.budgetteret_belaegning_pct),
                "takst": _tal(ya.takst),
                "takst_kilde": ya.get_takst_kilde_display(),
            }
        )
    status = {d["navn"]: d["status"] for d in medtaget}
    return Katalogindhold.model_validate(
        {
            "titel": titel(rammeaftale, aar),
            "rammeaftale": {"kode": rammeaftale.kode, "navn": rammeaftale.navn},
            "aar": aar,
            "version": version,
            "offentliggjort": tidspunkt.isoformat(),
            "offentliggjort_af": bruger.get_username() if bruger else "",
            "grundlag": GRUNDLAG_TEKST,
            "driftsherrer": medtaget,
            "mangler": mangler,
            "tilbud": [
                {
                    "navn": t.navn,
                    "driftsherre": t.driftsherre.navn,
                    "indberetning": status[t.driftsherre.navn],
                    "paragraf": t.paragraf,
                    "maalgruppe": t.maalgruppe.navn if t.maalgruppe else "",
                    "takststruktur": t.get_takststruktur_display(),
                    "kategori": _kategori(kategorier.get(t.pk)),
                    "ydelser": pr_tilbud.get(t.pk, []),
                }
                for t in tilbud
                if t.pk in pr_tilbud
            ],
        }
    )


def _kategori(k: Kategorisering | None) -> str:
    if k is None or not k.kategori:
        return ""
    return k.get_tilsidesat_display() if k.tilsidesat else k.get_beregnet_display()


class KatalogetErAendret(Exception):
    """What would be published changed after the user looked at it (a report approved or
    reopened meanwhile); nothing is published."""


def fingeraftryk(indhold: Katalogindhold) -> str:
    """What the catalogue would say, apart from its version and time: the same figures give
    the same fingerprint, so a confirmation can check nothing changed since the user's look."""
    data = indhold.til_json()
    for felt in ("version", "offentliggjort", "offentliggjort_af"):
        data.pop(felt, None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def forhaandsvisning(rammeaftale: Rammeaftale, aar: int, bruger: User | None) -> Katalogindhold:
    """The next version as it would be published now (nothing is stored)."""
    sidste = Katalog.objects.filter(rammeaftale=rammeaftale, aar=aar).aggregate(v=Max("version"))
    return byg_indhold(rammeaftale, aar, (sidste["v"] or 0) + 1, timezone.now(), bruger)


def offentliggoer(
    rammeaftale: Rammeaftale, aar: int, bruger: User | None, forventet: str | None = None
) -> Katalog:
    """Freeze and store a new version of the catalogue; `UdenTakst` when a service it would
    list has no rate, `KatalogetErAendret` when it would differ from what the user confirmed
    (`forventet`, a `fingeraftryk`; None: no check) — in both cases nothing is stored."""
    for forsoeg in range(3):
        try:
            with transaction.atomic():
                sidste = Katalog.objects.filter(rammeaftale=rammeaftale, aar=aar).aggregate(v=Max("version"))
                version = (sidste["v"] or 0) + 1
                tidspunkt = timezone.now()
                indhold = byg_indhold(rammeaftale, aar, version, tidspunkt, bruger)
                if mangler := uden_takst(indhold):
                    raise UdenTakst(aar, mangler)
                if forventet is not None and fingeraftryk(indhold) != forventet:
                    raise KatalogetErAendret(
                        f"Kataloget for {aar} er ikke offentliggjort: indberetningerne er ændret, efter "
                        "du så forhåndsvisningen (en indberetning er godkendt, genåbnet eller indsendt "
                        "imens). "
                        "Se den nye forhåndsvisning, og bekræft igen."
                    )
                return Katalog.objects.create(
                    rammeaftale=rammeaftale,
                    aar=aar,
                    version=version,
                    offentliggjort_af=bruger,
                    indhold=indhold.til_json(),
                )
        except IntegrityError:  # two publications at once took the same version number
            if forsoeg == 2:
                raise
    raise AssertionError("uopnåelig")


def start_pdf(bruger: User | None, k: Katalog) -> int:
    """Make the catalogue's PDF as a background job (`pdfjob`); the request returns at once.
    Returns the job's id."""
    job = jobber.start_job(
        bruger, pdfjob.ART, pdfjob.titel(k), pdfjob.parametre(k), rammeaftale=k.rammeaftale
    )
    return job.pk
