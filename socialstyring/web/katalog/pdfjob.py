"""A published catalogue as a PDF, made in the background (`jobber`): a national catalogue of
thousands of services takes minutes to lay out, longer than a web request should wait. The job
keeps the PDF; the catalogue is a frozen snapshot, so the job may be run again at any time."""

from __future__ import annotations

from typing import Any

from socialstyring.io.pdf import html_til_pdf
from socialstyring.web.faelles.filsvar import PDF
from socialstyring.web.faelles.jobarter import Jobfejl, Jobkontekst, Jobresultat
from socialstyring.web.katalog import selectors
from socialstyring.web.register.models import Katalog

ART = "katalog_pdf"


def titel(k: Katalog) -> str:
    return f"Katalog {k.aar}, version {k.version}, som PDF: {k.rammeaftale.navn}"


def parametre(k: Katalog) -> dict[str, Any]:
    return {"katalog": k.pk}


def katalog_pdf(j: Jobkontekst) -> Jobresultat:
    k = Katalog.objects.select_related("rammeaftale").filter(pk=j.parametre["katalog"]).first()
    if k is None:
        raise Jobfejl("Kataloget findes ikke længere.")
    j.fremskridt(0, 3, "Henter kataloget")
    visning = selectors.visning(k)
    j.fremskridt(1, 3, f"Skriver {len(visning.tilbud)} tilbud")
    html = selectors.pdf_html(visning)
    j.fremskridt(2, 3, "Lægger siderne op")
    pdf = html_til_pdf(html)
    return Jobresultat(
        resume=[("Tilbud", str(len(visning.tilbud))), ("Størrelse", f"{len(pdf) // 1024} kB")],
        fil=pdf,
        filnavn=selectors.filnavn(k, "pdf"),
        filtype=PDF,
    )
