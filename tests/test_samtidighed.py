"""A stale form is refused, never silently merged; a save writes only what the user changed.

Two users open the same page; one saves; the other, whose page is now stale, saves too:
the second save is refused with what changed (what the user saw, what the user wrote, what
is stored now, by whom), and nothing of it is written. A stale page that saves another row
does not overwrite the newer save of the first row. Every form that edits a record is
covered: the rate report, the quarter's used days, the accounts, the offer, its manual
category and the budget. The concurrency under real parallel requests is
`test_samtidighed_live.py`.

Figures are made up for the test; what is asserted is which save wins and what is stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from formulardata import formulardata
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata

from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.historik import services as historik
from socialstyring.web.register.models import Kategorisering, Takstberegning, Tilbud, Ydelsesaar
from socialstyring.web.regnskab.models import Regnskab

KONFLIKT = "Intet er gemt: en anden har gemt ændringer, efter du åbnede siden."


@pytest.fixture
def data(db: None) -> Registerdata:
    return opret_registerdata()


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    c.force_login(data.bruger(rolle))
    return c


def _aaben(klient: Client, url: str, handling: str | None = None) -> dict[str, str]:
    """The page's form as the browser holds it when the user opens the page."""
    svar = klient.get(url)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return formulardata(svar.content.decode(), handling or url)


def _send(klient: Client, url: str, formular: dict[str, str], **aendret: str) -> list[str]:
    """Post the form with the fields in `aendret` typed in; the messages of the page shown next."""
    svar = klient.post(url, {**formular, **aendret}, follow=True)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    return [str(m) for m in svar.context["messages"]]


def _raekke(formular: dict[str, str], ydelse_id: int) -> str:
    """The form prefix of the report row of a service ('y-1')."""
    return next(
        k.removesuffix("-ydelse")
        for k, v in formular.items()
        if k.endswith("-ydelse") and v == str(ydelse_id)
    )


# --- the rate report -------------------------------------------------------------------------


def _indberetning(data: Registerdata) -> str:
    return reverse("indberetning:indberetning", args=[data.aarhus.pk, UDKAST_AAR])


def test_forældet_indberetning_afvises_med_det_der_er_ændret(data: Registerdata) -> None:
    url = _indberetning(data)
    driftsherre, sekretariat = _klient(data, "driftsherre"), _klient(data, "sekretariat")
    a, b = _aaben(driftsherre, url), _aaben(sekretariat, url)
    dag = _raekke(a, data.dagtilbud.pk)

    assert _send(driftsherre, url, a, **{f"{dag}-pladser": "10"}) == ["Udkastet er gemt."]
    beskeder = _send(sekretariat, url, b, **{f"{dag}-pladser": "11"})

    assert beskeder[0].startswith(KONFLIKT)
    # the day service had 9 places when both opened the page (registerdata)
    assert "Pladser: du så 9 og skrev 11, nu gemt: 10" in beskeder[1]
    assert "dh_aarhus" in beskeder[1]
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    assert ya.pladser == Decimal(10)


def test_forældet_side_overskriver_ikke_en_anden_række(data: Registerdata) -> None:
    """B's page is stale, but B changes only the døgn row: A's save of the day row stands."""
    url = _indberetning(data)
    driftsherre, sekretariat = _klient(data, "driftsherre"), _klient(data, "sekretariat")
    a, b = _aaben(driftsherre, url), _aaben(sekretariat, url)
    dag, doegn = _raekke(a, data.dagtilbud.pk), _raekke(a, data.botilbud.pk)

    assert _send(driftsherre, url, a, **{f"{dag}-pladser": "10"}) == ["Udkastet er gemt."]
    assert _send(sekretariat, url, b, **{f"{doegn}-kilde_tekst": "Budget 2018"}) == ["Udkastet er gemt."]

    assert Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR).pladser == Decimal(10)
    bo = Ydelsesaar.objects.get(ydelse=data.botilbud, aar=UDKAST_AAR)
    assert (bo.kilde_tekst, bo.pladser) == ("Budget 2018", Decimal(22))


def test_kun_de_ændrede_felter_gemmes(data: Registerdata) -> None:
    """Saving one field leaves the row's other fields as stored, also those the page showed
    the user with another value than the database holds now."""
    url = _indberetning(data)
    driftsherre = _klient(data, "driftsherre")
    a = _aaben(driftsherre, url)
    dag = _raekke(a, data.dagtilbud.pk)
    assert _send(driftsherre, url, a, **{f"{dag}-begrundelse": "Ny normering"}) == ["Udkastet er gemt."]
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    assert (ya.begrundelse, ya.pladser, ya.takst) == ("Ny normering", Decimal(9), Decimal("640.50"))
    assert ya.history.count() == 2  # created, then this one change
    assert _send(driftsherre, url, _aaben(driftsherre, url)) == ["Udkastet er gemt."]
    assert ya.history.count() == 2  # saving an unchanged page writes nothing


def test_uden_version_gemmes_intet_over_en_eksisterende_række(data: Registerdata) -> None:
    """A post that does not say which version it edits (a script, an old page) cannot
    overwrite a stored row."""
    url = _indberetning(data)
    driftsherre = _klient(data, "driftsherre")
    a = _aaben(driftsherre, url)
    dag = _raekke(a, data.dagtilbud.pk)
    del a[f"{dag}-version"]
    assert _send(driftsherre, url, a, **{f"{dag}-pladser": "12"})[0].startswith(KONFLIKT)
    assert Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR).pladser == Decimal(9)


def test_gendannelse_giver_en_ny_version(data: Registerdata) -> None:
    """Restoring an old version makes a new version on top of the stored one, so a page
    opened before the restore is stale after it."""
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    foer = ya.version
    ya.pladser = Decimal(12)
    ya.save()
    gammel = ya.history.order_by("history_id").first()
    gendannet = historik.gendan("ydelsesaar", gammel, data.solhaven)
    assert isinstance(gendannet, Ydelsesaar)
    assert (gendannet.pladser, gendannet.version) == (Decimal(9), foer + 2)


# --- the other forms ---------------------------------------------------------------------------


def _to_brugere(data: Registerdata) -> tuple[Client, Client]:
    return _klient(data, "driftsherre"), _klient(data, "sekretariat")


def test_forbrug(data: Registerdata) -> None:
    url = reverse("belaegning:belaegning", args=[data.aarhus.pk, UDKAST_AAR, 1])
    a_klient, b_klient = _to_brugere(data)
    a, b = _aaben(a_klient, url), _aaben(b_klient, url)
    felt = f"dage-{data.dagtilbud.pk}"
    assert _send(a_klient, url, a, **{felt: "700"})[0].startswith("Forbruget for Q1 2018 er gemt")
    beskeder = _send(b_klient, url, b, **{felt: "710"})
    assert beskeder[0].startswith(KONFLIKT)
    assert "Brugte dage: du så – og skrev 710, nu gemt: 700" in beskeder[1]
    assert Forbrug.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR, kvartal=1).brugte_dage == 700


def test_regnskab(data: Registerdata) -> None:
    url = reverse("regnskab:resultat", args=[data.solhaven.pk, UDKAST_AAR])
    a_klient, b_klient = _to_brugere(data)
    a, b = _aaben(a_klient, url), _aaben(b_klient, url)
    felter = {"omkostninger": "1.000.000", "takstindtaegter": "990.000", "grundlag": "1.000.000"}
    assert _send(a_klient, url, a, **felter)[0].startswith("Regnskabet for 2018 er gemt")
    beskeder = _send(b_klient, url, b, **{**felter, "omkostninger": "1.100.000"})
    assert beskeder[0].startswith(KONFLIKT)
    assert Regnskab.objects.get(tilbud=data.solhaven, aar=UDKAST_AAR).omkostninger == Decimal(1000000)


def test_tilbuddet(data: Registerdata) -> None:
    url = reverse("register:tilbud_rediger", args=[data.solhaven.pk])
    a_klient, b_klient = _to_brugere(data)
    a, b = _aaben(a_klient, url), _aaben(b_klient, url)
    assert _send(a_klient, url, a, navn="Solhaven Bo")[0] == "Tilbuddet er gemt."
    beskeder = _send(b_klient, url, b, navn="Solhaven Bosted")
    assert beskeder[0].startswith(KONFLIKT)
    assert "Navn: du så Solhaven og skrev Solhaven Bosted, nu gemt: Solhaven Bo" in beskeder[1]
    assert Tilbud.objects.get(pk=data.solhaven.pk).navn == "Solhaven Bo"


def test_kategorien(data: Registerdata) -> None:
    side = reverse("register:tilbud", args=[data.solhaven.pk])
    url = reverse("kategori:kategori", args=[data.solhaven.pk, UDKAST_AAR])
    a_klient, b_klient = _to_brugere(data)
    a, b = _aaben(a_klient, side, url), _aaben(b_klient, side, url)
    grund = {"k2018-tilsidesat": "omfattet", "k2018-begrundelse": "Landsdækkende ekspertise"}
    assert _send(a_klient, url, a, **grund)[0] == "Kategorien for 2018 er sat manuelt."
    assert _send(b_klient, url, b, **{**grund, "k2018-begrundelse": "Anden begrundelse"})[0].startswith(
        KONFLIKT
    )
    assert Kategorisering.objects.get(pk=data.kategori_2018.pk).begrundelse == "Landsdækkende ekspertise"


def test_budgettet(data: Registerdata) -> None:
    """The budget is one document: a stale page is refused as a whole."""
    url = reverse("takstberegning:budget", args=[data.solhaven.pk, UDKAST_AAR])
    a_klient, b_klient = _to_brugere(data)
    a, b = _aaben(a_klient, url), _aaben(b_klient, url)
    foer = Takstberegning.objects.get(pk=data.beregning_2018.pk).version
    svar: Any = a_klient.post(url, a)
    assert svar.status_code == 302, svar.content.decode()[:3000]
    assert Takstberegning.objects.get(pk=data.beregning_2018.pk).version == foer + 1
    assert _send(b_klient, url, b)[0].startswith(KONFLIKT)
    assert Takstberegning.objects.get(pk=data.beregning_2018.pk).version == foer + 1


# --- a stale Excel file is a stale form -------------------------------------------------------


def _ret_celle(
    fil: bytes, ark: str, overskrift: str, ydelse_id: int, vaerdi: Decimal | int | str | None
) -> bytes:
    """The template with the cell of column `overskrift` in the row of service `ydelse_id` set."""
    import io

    from openpyxl import load_workbook

    bog = load_workbook(io.BytesIO(fil))
    ws = bog[ark]
    kolonner = {str(c.value): int(c.column or 0) for c in ws[3]}
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, kolonner["Ydelse-ID"]).value == ydelse_id:
            ws.cell(r, kolonner[overskrift]).value = vaerdi
    ud = io.BytesIO()
    bog.save(ud)
    return ud.getvalue()


def test_en_forældet_takstskabelon_overskriver_ikke(data: Registerdata) -> None:
    """The template was downloaded; then the day row was saved in the page. The old file
    still holds the day row's old figure, so importing it would undo that save: it is
    refused (the row named) and nothing is imported — whichever row the user changed in it.
    A template downloaded after the save imports."""
    from socialstyring.io.excel.indberetning import ARK_TAKSTER
    from socialstyring.web.takstskabelon import services as takstskabelon
    from socialstyring.web.takstskabelon.selectors import skabelonfil

    skabelon = skabelonfil(data.aarhus, UDKAST_AAR)
    url = _indberetning(data)
    klient = _klient(data, "sekretariat")
    a = _aaben(klient, url)
    assert _send(klient, url, a, **{f"{_raekke(a, data.dagtilbud.pk)}-pladser": "10"}) == [
        "Udkastet er gemt."
    ]

    gammel = _ret_celle(skabelon, ARK_TAKSTER, "Pladser", data.dagtilbud.pk, 12)
    r = takstskabelon.importer(data.aarhus, UDKAST_AAR, gammel, "takster.xlsx")
    assert not r.ok and len(r.fejl) == 1
    f = r.fejl[0]
    assert (f.ark, f.raekke) == (
        ARK_TAKSTER,
        4,
    )  # the day service's row (first: "Dagtilbud" < "Længerevarende")
    assert "Solhaven – Dagtilbud er ændret af sek_midt" in f.besked and "efter filen blev hentet" in f.besked
    assert Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR).pladser == Decimal(10)

    anden = _ret_celle(skabelon, ARK_TAKSTER, "Kilde/bemærkning", data.botilbud.pk, "Budget 2018")
    assert not takstskabelon.importer(data.aarhus, UDKAST_AAR, anden, "takster.xlsx").ok
    assert Ydelsesaar.objects.get(ydelse=data.botilbud, aar=UDKAST_AAR).kilde_tekst == ""

    ny = _ret_celle(
        skabelonfil(data.aarhus, UDKAST_AAR), ARK_TAKSTER, "Kilde/bemærkning", data.botilbud.pk, "Budget 2018"
    )
    r = takstskabelon.importer(data.aarhus, UDKAST_AAR, ny, "takster.xlsx")
    assert r.ok, r.fejl
    assert Ydelsesaar.objects.get(ydelse=data.botilbud, aar=UDKAST_AAR).kilde_tekst == "Budget 2018"
