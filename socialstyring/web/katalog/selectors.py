"""A published catalogue as the page, the Excel file and the PDF show it: the stored
snapshot read through its model (`Katalogindhold.laes`) into typed values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as datoformat

from socialstyring.io.excel import katalog as katalogfil
from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.indberetning.selectors import STATUSTEKST
from socialstyring.web.katalog.indhold import Katalogindhold
from socialstyring.web.register.models import Katalog, Rammeaftale


@dataclass(frozen=True)
class Ydelsesvisning:
    navn: str
    afdeling: str
    pladstype: str
    takstenhed: str
    pladser: Decimal | None
    belaegning_pct: Decimal | None
    takst: Decimal | None


@dataclass(frozen=True)
class Tilbudsvisning:
    navn: str
    driftsherre: str
    indberetning: str  # status text of the operator's report
    paragraf: str
    maalgruppe: str
    takststruktur: str
    kategori: str
    ydelser: tuple[Ydelsesvisning, ...]


@dataclass(frozen=True)
class Manglendevisning:
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
    tilbud: tuple[Tilbudsvisning, ...]
    mangler: tuple[Manglendevisning, ...]

    @property
    def offentliggjort_tekst(self) -> str:
        return datoformat(timezone.localtime(self.offentliggjort), "j. F Y \\k\\l. H.i")

    @property
    def driftsherrer(self) -> list[tuple[str, list[Tilbudsvisning]]]:
        grupper: dict[str, list[Tilbudsvisning]] = {}
        for t in self.tilbud:
            grupper.setdefault(t.driftsherre, []).append(t)
        return list(grupper.items())


def katalogaar(aftale: Rammeaftale) -> list[int]:
    """The years with a published catalogue of the agreement, ascending."""
    return aar_med_data(Katalog.objects.filter(rammeaftale=aftale))


def visning(katalog: Katalog) -> Katalogvisning:
    i = Katalogindhold.laes(katalog.indhold)
    return Katalogvisning(
        titel=i.titel,
        rammeaftale=i.rammeaftale.navn,
        kode=i.rammeaftale.kode,
        aar=i.aar,
        version=i.version,
        offentliggjort=datetime.fromisoformat(i.offentliggjort),
        offentliggjort_af=i.offentliggjort_af,
        grundlag=i.grundlag,
        tilbud=tuple(
            Tilbudsvisning(
                navn=t.navn,
                driftsherre=t.driftsherre,
                indberetning=STATUSTEKST.get(t.indberetning, t.indberetning),
                paragraf=t.paragraf,
                maalgruppe=t.maalgruppe,
                takststruktur=t.takststruktur,
                kategori=t.kategori,
                ydelser=tuple(
                    Ydelsesvisning(
                        navn=y.navn,
                        afdeling=y.afdeling,
                        pladstype=y.pladstype,
                        takstenhed=y.takstenhed,
                        pladser=y.pladser,
                        belaegning_pct=y.belaegning_pct,
                        takst=y.takst,
                    )
                    for y in t.ydelser
                ),
            )
            for t in i.tilbud
        ),
        mangler=tuple(Manglendevisning(m.navn, STATUSTEKST.get(m.status, m.status)) for m in i.mangler),
    )


def excel(katalog: Katalog) -> bytes:
    """The catalogue as an .xlsx file: one row per service, then the missing operators."""
    v = visning(katalog)
    return katalogfil.byg_katalog(
        katalogfil.Katalogfil(
            titel=v.titel,
            aar=v.aar,
            version=v.version,
            offentliggjort=v.offentliggjort_tekst,
            grundlag=v.grundlag,
            tilbud=tuple(
                katalogfil.Filtilbud(
                    t.driftsherre,
                    t.navn,
                    t.paragraf,
                    t.maalgruppe,
                    t.kategori,
                    t.indberetning,
                    tuple(
                        katalogfil.Filydelse(
                            y.navn, y.pladstype, y.pladser, y.belaegning_pct, y.takst, y.takstenhed
                        )
                        for y in t.ydelser
                    ),
                )
                for t in v.tilbud
            ),
            mangler=tuple(katalogfil.ManglendeDriftsherre(m.navn, m.status) for m in v.mangler),
        )
    )


def pdf_html(v: Katalogvisning) -> str:
    """The catalogue's PDF as HTML (the template), before it is laid out as pages."""
    return render_to_string("katalog/katalog_pdf.html", {"katalog": v})


def pdf(katalog: Katalog) -> bytes:
    """The catalogue as a PDF: the template rendered to HTML, then to PDF."""
    return html_til_pdf(pdf_html(visning(katalog)))


def filnavn(katalog: Katalog, endelse: str) -> str:
    return f"tilbud-og-takster-{katalog.rammeaftale.kode}-{katalog.aar}-v{katalog.version}.{endelse}"


# --- what publishing will do, for its confirmation page -------------------------------------


def offentliggoerelsens_foelger(udkast: Katalogindhold) -> list[str]:
    medtaget = len(udkast.driftsherrer)
    i_alt = medtaget + len(udkast.mangler)
    ydelser = sum(len(t.ydelser) for t in udkast.tilbud)
    return [
        f"Version {udkast.version} af kataloget for {udkast.aar} offentliggøres med "
        f"{len(udkast.tilbud)} tilbud og {ydelser} ydelser fra {medtaget} af {i_alt} driftsherrer.",
        "Alle brugere i rammeaftalen kan derefter se taksterne, også som Excel og PDF.",
        "Kataloget kan ikke trækkes tilbage; det kan kun afløses af en ny version.",
    ]


def offentliggoerelsens_advarsler(udkast: Katalogindhold) -> list[str]:
    if not udkast.mangler:
        return []
    navne = ", ".join(m.navn for m in udkast.mangler[:20])
    flere = f" og {len(udkast.mangler) - 20} andre" if len(udkast.mangler) > 20 else ""
    i_alt = len(udkast.driftsherrer) + len(udkast.mangler)
    return [
        f"{len(udkast.mangler)} af {i_alt} driftsherrer har ikke indsendt; de står i kataloget som "
        f"manglende: {navne}{flere}."
    ]
