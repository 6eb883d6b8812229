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
out. A service reported with 0 places is not offered that year and is left out too.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from socialstyring.web.indberetning.selectors import GRUNDLAG_STATUSER, IKKE_PAABEGYNDT
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
        if ya is not None and ya.pladser is not None and ya.pladser == 0:
            continue  # 0 places: not offered this year (see beregning.indberetning)
        pr_tilbud.setdefault(y.tilbud_id, []).append(
            {
                "navn": y.navn,
                "afdeling": y.afdeling.navn if y.afdeling else "",
                "pladstype": y.get_pladstype_display(),
                "takstenhed": y.get_takstenhed_display(),
                "pladser": _tal(ya.pladser) if ya else None,
                "belaegning_pct": _tal(ya.budgetteret_belaegning_pct) if ya else None,
                "takst": _tal(ya.takst) if ya else None,
                "takst_kilde": ya.get_takst_kilde_display() if ya else "",
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
            ],
        }
    )


def _kategori(k: Kategorisering | None) -> str:
    if k is None or not k.kategori:
        return ""
    return k.get_tilsidesat_display() if k.tilsidesat else k.get_beregnet_display()


def offentliggoer(rammeaftale: Rammeaftale, aar: int, bruger: User | None) -> Katalog:
    """Freeze and store a new version of the catalogue."""
    for forsoeg in range(3):
        try:
            with transaction.atomic():
                sidste = Katalog.objects.filter(rammeaftale=rammeaftale, aar=aar).aggregate(v=Max("version"))
                version = (sidste["v"] or 0) + 1
                tidspunkt = timezone.now()
                return Katalog.objects.create(
                    rammeaftale=rammeaftale,
                    aar=aar,
                    version=version,
                    offentliggjort_af=bruger,
                    indhold=byg_indhold(rammeaftale, aar, version, tidspunkt, bruger).til_json(),
                )
        except IntegrityError:  # two publications at once took the same version number
            if forsoeg == 2:
                raise
    raise AssertionError("uopnåelig")
