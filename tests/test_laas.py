"""A submitted or approved rate report locks the year's figures on every write path.

The finding: after the report was submitted, restoring an earlier version from the history
page changed a row that the same edit through the form could not. Here one submitted (then
approved) report is attacked through every path that writes a year's figures — the report
form, the Excel import, the history page's restore, the command line's restore, the budget,
the transfer of rates from the budget, and carrying a result into the calculation — and the
row must be unchanged after each, with a message that says the report is locked.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from openpyxl import load_workbook
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata
from typer.testing import CliRunner

from socialstyring.beregning.efterregulering import TidligereResultat
from socialstyring.cli import app
from socialstyring.io.excel.indberetning import ARK_TAKSTER
from socialstyring.web.indberetning import services as indberetning
from socialstyring.web.register.models import Takstberegning, Ydelsesaar
from socialstyring.web.register.services import Laast
from socialstyring.web.takstberegning import services as takstberegning
from socialstyring.web.takstskabelon import services as takstskabelon
from socialstyring.web.takstskabelon.selectors import skabelonfil


@pytest.fixture
def data(db: None) -> Registerdata:
    d = opret_registerdata()
    for raekke in Ydelsesaar.objects.filter(ydelse__tilbud=d.solhaven, aar=UDKAST_AAR):
        raekke.begrundelse = "Ny normering efter udvidelse"  # both rates rise over 2017: justified
        raekke.save()
    return d


def _dag(data: Registerdata) -> Ydelsesaar:
    return Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _angreb(data: Registerdata) -> list[str]:
    """Try every write path on the day service's 2018 row; what each path answered."""
    svar: list[str] = []
    dh, sek = _klient(data, "driftsherre"), _klient(data, "sekretariat")
    side = reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR])
    formular = formulardata(dh.get(side).content.decode(), side)
    # the form (a read-only page has no fields: post the row as the editable page would)
    formular |= {
        "y-TOTAL_FORMS": "2",
        "y-INITIAL_FORMS": "2",
        "y-0-ydelse": str(data.dagtilbud.pk),
        "y-0-version": str(_dag(data).version),
        "y-0-pladser": "99",
        "y-1-ydelse": str(data.botilbud.pk),
    }
    r = dh.post(side, formular, follow=True)
    svar.append(" ".join(str(m) for m in r.context["messages"]))

    # the Excel import, the template of the year with the day rate changed
    import io

    bog = load_workbook(io.BytesIO(skabelonfil(data.aarhus, UDKAST_AAR)))
    ark = bog[ARK_TAKSTER]
    for raekke in ark.iter_rows():
        for celle in raekke:
            if celle.value == Decimal("640.50") or celle.value == 640.5:
                celle.value = 777
    ud = io.BytesIO()
    bog.save(ud)
    resultat = takstskabelon.importer(data.aarhus, UDKAST_AAR, ud.getvalue(), "takster.xlsx")
    svar.append(resultat.laast or "importeret")

    # the history page's restore of the row's first version
    foerste = _dag(data).history.order_by("history_id").first()
    assert foerste is not None
    r = sek.post(reverse("historik:gendan", args=["ydelsesaar", foerste.history_id]), follow=True)
    svar.append(" ".join(str(m) for m in r.context["messages"]))

    # the command line's restore
    cli = CliRunner().invoke(app, ["historik", "gendan", "register.Ydelsesaar", str(foerste.history_id)])
    svar.append(cli.output)

    # the budget, the transfer of its rates, and a result carried into it
    beregning = Takstberegning.objects.get(pk=data.beregning_2018.pk)
    for skriv in (
        lambda: takstberegning.gem_budget(data.solhaven, UDKAST_AAR, beregning.takstgrundlag()),
        lambda: takstberegning.overfoer_takster(
            data.solhaven, UDKAST_AAR, beregning, takstberegning.beregn(beregning.takstgrundlag())
        ),
        lambda: takstberegning.indregn_resultat(
            data.solhaven,
            2016,
            TidligereResultat(aar=2016, resultat=Decimal(-100000), grundlag=Decimal(2000000)),
            UDKAST_AAR,
            None,
        ),
    ):
        try:
            skriv()
            svar.append("skrevet")
        except Laast as laast:
            svar.append(str(laast))
    return svar


@pytest.mark.parametrize("godkendt", [False, True], ids=["indsendt", "godkendt"])
def test_intet_skriver_i_et_laast_aar(data: Registerdata, godkendt: bool) -> None:
    foer = _dag(data)
    assert indberetning.indsend(data.aarhus, UDKAST_AAR, data.bruger("driftsherre")).indsendt
    if godkendt:
        assert indberetning.godkend(data.aarhus, UDKAST_AAR).kan_indsendes
    status = "godkendt" if godkendt else "indsendt"

    svar = _angreb(data)

    efter = _dag(data)
    assert (efter.pladser, efter.takst, efter.version) == (foer.pladser, foer.takst, foer.version)
    assert len(svar) == 7
    for nr, tekst in enumerate(svar):
        assert status in tekst, f"vej {nr}: {tekst}"
