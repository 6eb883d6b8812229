"""The published catalogue of offers and rates (the agreement's appendix "tilbud og takster").

Publishing freezes a snapshot (`Katalog.indhold`, JSON with every decimal as a string) of
every open offer of the agreement with its services, places, budgeted occupancy, the
year's rate and the offer's category. The web page, the Excel file and the PDF are all
drawn from the snapshot, so they show exactly what was published, however the register
changes later. Every publication is a new version; the page shows the latest.

**Which reports:** the figures come from the operators' reports for the year that are
*submitted or approved* (`indsendt`, `godkendt`) — both have passed the validation of
`beregning.indberetning` (every service priced, places and occupancy present, rises beyond
the allowed development justified). A submitted report that the secretariat has not yet
approved is marked so in the catalogue ("indsendt, ikke godkendt"), so the secretariat can
publish as soon as the reports are in and publish a new version after approving. Operators
without a submitted report (no report, or a draft) are listed as *missing*, and their
offers are left out. A service reported with 0 places is not offered that year and is
left out too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as datoformat
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from socialstyring.web.register.models import (
    Driftsherre,
    Kategorisering,
    Rammeaftale,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.takster.models import Indberetningsstatus, Katalog, Takstindberetning

GRUNDLAG_STATUSER = (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
GRUNDLAG_TEKST = "Indsendte og godkendte takstindberetninger"
IKKE_PAABEGYNDT = "ikke_paabegyndt"

STATUSTEKST = {
    IKKE_PAABEGYNDT: "Ikke påbegyndt",
    Indberetningsstatus.UDKAST.value: "Udkast",
    Indberetningsstatus.INDSENDT.value: "Indsendt, ikke godkendt",
    Indberetningsstatus.GODKENDT.value: "Godkendt",
}


def aabne_tilbud(rammeaftale: Rammeaftale, aar: int) -> QuerySet[Tilbud]:
    """The agreement's offers that are open in `aar` (not closed before 1 January)."""
    return (
        Tilbud.objects.filter(driftsherre__rammeaftale=rammeaftale)
        .exclude(lukket_fra__lte=date(aar, 1, 1))
        .select_related("driftsherre", "maalgruppe")
        .order_by("driftsherre__navn", "navn")
    )


def titel(rammeaftale: Rammeaftale, aar: int) -> str:
    return f"Tilbud og takster {aar} – {rammeaftale.navn}"


def _tal(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


def byg_indhold(
    rammeaftale: Rammeaftale, aar: int, version: int, tidspunkt: datetime, bruger: User | None
) -> dict[str, Any]:
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
    return {
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
                    indhold=byg_indhold(rammeaftale, aar, version, tidspunkt, bruger),
                )
        except IntegrityError:  # two publications at once took the same version number
            if forsoeg == 2:
                raise
    raise AssertionError("uopnåelig")


# --- reading a snapshot back ------------------------------------------------------------


@dataclass(frozen=True)
class Katalogydelse:
    navn: str
    afdeling: str
    pladstype: str
    takstenhed: str
    pladser: Decimal | None
    belaegning_pct: Decimal | None
    takst: Decimal | None


@dataclass(frozen=True)
class Katalogtilbud:
    navn: str
    driftsherre: str
    indberetning: str  # status text of the operator's report
    paragraf: str
    maalgruppe: str
    takststruktur: str
    kategori: str
    ydelser: tuple[Katalogydelse, ...]


@dataclass(frozen=True)
class Manglende:
    navn: str
    status: str


@dataclass(frozen=True)
class Katalogvisning:
    """A published snapshot as typed values for the page, the Excel file and the PDF."""

    titel: str
    rammeaftale: str
    kode: str
    aar: int
    version: int
    offentliggjort: datetime
    offentliggjort_af: str
    grundlag: str
    tilbud: tuple[Katalogtilbud, ...]
    mangler: tuple[Manglende, ...]

    @property
    def offentliggjort_tekst(self) -> str:
        return datoformat(timezone.localtime(self.offentliggjort), "j. F Y \\k\\l. H.i")

    @property
    def driftsherrer(self) -> list[tuple[str, list[Katalogtilbud]]]:
        grupper: dict[str, list[Katalogtilbud]] = {}
        for t in self.tilbud:
            grupper.setdefault(t.driftsherre, []).append(t)
        return list(grupper.items())


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def visning(katalog: Katalog) -> Katalogvisning:
    i = katalog.indhold
    return Katalogvisning(
        titel=i["titel"],
        rammeaftale=i["rammeaftale"]["navn"],
        kode=i["rammeaftale"]["kode"],
        aar=int(i["aar"]),
        version=int(i["version"]),
        offentliggjort=datetime.fromisoformat(i["offentliggjort"]),
        offentliggjort_af=i.get("offentliggjort_af", ""),
        grundlag=i.get("grundlag", GRUNDLAG_TEKST),
        tilbud=tuple(
            Katalogtilbud(
                navn=t["navn"],
                driftsherre=t["driftsherre"],
                indberetning=STATUSTEKST.get(t["indberetning"], t["indberetning"]),
                paragraf=t["paragraf"],
                maalgruppe=t["maalgruppe"],
                takststruktur=t["takststruktur"],
                kategori=t["kategori"],
                ydelser=tuple(
                    Katalogydelse(
                        navn=y["navn"],
                        afdeling=y["afdeling"],
                        pladstype=y["pladstype"],
                        takstenhed=y["takstenhed"],
                        pladser=_dec(y["pladser"]),
                        belaegning_pct=_dec(y["belaegning_pct"]),
                        takst=_dec(y["takst"]),
                    )
                    for y in t["ydelser"]
                ),
            )
            for t in i["tilbud"]
        ),
        mangler=tuple(Manglende(m["navn"], STATUSTEKST.get(m["status"], m["status"])) for m in i["mangler"]),
    )


# --- Excel --------------------------------------------------------------------------------

KOLONNER = (
    ("Driftsherre", 24),
    ("Tilbud", 32),
    ("Lovgrundlag", 14),
    ("Målgruppe", 22),
    ("Kategori", 28),
    ("Ydelse", 32),
    ("Pladstype", 10),
    ("Pladser", 10),
    ("Budgetteret belægning %", 12),
    ("Takst", 14),
    ("Takstenhed", 14),
    ("Indberetning", 22),
)
KR_FORMAT = '#,##0.00 "kr."'
"""Excel's format codes use ',' for thousands and '.' for decimals; a Danish Excel shows
the numbers as 2.295,00 kr."""


def _talformat(d: Decimal) -> str:
    return "#,##0" if d == d.to_integral_value() else "#,##0.00"


def excel(katalog: Katalog) -> bytes:
    """The catalogue as an .xlsx file: one row per service, then the missing operators."""
    v = visning(katalog)
    bog = Workbook()
    ark = bog.active
    assert ark is not None
    ark.title = "Tilbud og takster"
    ark["A1"] = v.titel
    ark["A1"].font = Font(bold=True, size=14)
    ark["A2"] = f"Offentliggjort {v.offentliggjort_tekst}, version {v.version}"
    ark["A3"] = f"Grundlag: {v.grundlag}"
    hoved = 5
    for nr, (navn, bredde) in enumerate(KOLONNER, start=1):
        celle = ark.cell(row=hoved, column=nr, value=navn)
        celle.font = Font(bold=True)
        celle.alignment = Alignment(wrap_text=True, vertical="top")
        ark.column_dimensions[get_column_letter(nr)].width = bredde
    raekke = hoved
    for t in v.tilbud:
        for y in t.ydelser or (None,):
            raekke += 1
            vaerdier: list[Any] = [t.driftsherre, t.navn, t.paragraf, t.maalgruppe, t.kategori]
            if y is None:
                vaerdier += ["(ingen ydelser)", None, None, None, None, None]
            else:
                vaerdier += [y.navn, y.pladstype, y.pladser, y.belaegning_pct, y.takst, y.takstenhed]
            vaerdier.append(t.indberetning)
            for nr, vaerdi in enumerate(vaerdier, start=1):
                celle = ark.cell(row=raekke, column=nr, value=vaerdi)
                if isinstance(vaerdi, Decimal):
                    celle.number_format = KR_FORMAT if nr == 10 else _talformat(vaerdi)
    ark.freeze_panes = f"A{hoved + 1}"
    ark.auto_filter.ref = f"A{hoved}:{get_column_letter(len(KOLONNER))}{max(raekke, hoved + 1)}"
    if v.mangler:
        m = bog.create_sheet("Mangler")
        m["A1"] = f"Driftsherrer uden indsendt takstindberetning for {v.aar}"
        m["A1"].font = Font(bold=True)
        m.append(["Driftsherre", "Status"])
        for manglende in v.mangler:
            m.append([manglende.navn, manglende.status])
        m.column_dimensions["A"].width = 32
        m.column_dimensions["B"].width = 20
    bog.properties.title = v.titel
    ud = BytesIO()
    bog.save(ud)
    return ud.getvalue()


def filnavn(katalog: Katalog, endelse: str) -> str:
    return f"tilbud-og-takster-{katalog.rammeaftale.kode}-{katalog.aar}-v{katalog.version}.{endelse}"


# --- PDF ----------------------------------------------------------------------------------


def pdf(katalog: Katalog) -> bytes:
    """The catalogue as a PDF: the template rendered to HTML, then WeasyPrint."""
    import weasyprint  # type: ignore[import-untyped]  # heavy: imported only when a PDF is made

    html = render_to_string("takster/katalog_pdf.html", {"katalog": visning(katalog)})
    resultat = weasyprint.HTML(string=html).write_pdf()
    assert isinstance(resultat, bytes)
    return resultat
