"""Every change to data is attributable (who, when, what) and restorable.

- every model of ours keeps a history (django-simple-history), so no write goes unrecorded;
  the test fails for a new model without one;
- the budget's save — once without history — records the user;
- the loaders that write in bulk (municipalities, population) record history too;
- any record can be restored from the command line (`socialstyring historik gendan`), an
  offer's year figures only while the year is not locked, as on the history page.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from registerdata import UDKAST_AAR, Registerdata, opret_registerdata
from typer.testing import CliRunner

from socialstyring.cli import app
from socialstyring.web.befolkning.models import Befolkning
from socialstyring.web.befolkning.services import indlaes_befolkning
from socialstyring.web.indberetning import services as indberetning
from socialstyring.web.register.models import Kommune, Maalgruppe, Takstberegning, Ydelsesaar

UDEN_HISTORIK = {
    "auth.User": "Brugerkonti (brugernavn, adgangskode, sidste login) er Djangos egne; "
    "rolle og rammeaftale står i Brugerprofil, som har historik.",
}
"""Models of ours (and Django's user) that keep no history, and why."""


def _vores_modeller() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if (m.__module__.startswith("socialstyring.") or m._meta.label == "auth.User")
        and not m.__name__.startswith("Historical")
    ]


def test_hver_model_har_historik() -> None:
    modeller = _vores_modeller()
    assert len(modeller) >= 20
    uden = sorted(m._meta.label for m in modeller if not hasattr(m, "history"))
    assert uden == sorted(UDEN_HISTORIK), f"modeller uden historik: {uden}"


@pytest.fixture
def data(db: None) -> Registerdata:
    return opret_registerdata()


def test_budgettet_gemmes_med_bruger_i_historikken(data: Registerdata) -> None:
    c = Client()
    c.force_login(data.bruger("driftsherre"))
    url = reverse("takstberegning:budget", args=[data.solhaven.pk, UDKAST_AAR])
    b = Takstberegning.objects.get(pk=data.beregning_2018.pk)
    svar = c.post(url, {**_formular(c, url), "version": str(b.version)})
    assert svar.status_code == 302, svar.content.decode()[:3000]
    seneste = Takstberegning.history.filter(id=b.pk).order_by("-history_id").first()
    assert seneste is not None and seneste.history_user == data.bruger("driftsherre")
    assert seneste.history_type == "~"


def _formular(c: Client, url: str) -> dict[str, str]:
    from formulardata import formulardata

    return formulardata(c.get(url).content.decode(), url)


def test_kommuner_og_befolkning_faar_historik(db: None, tmp_path: Path) -> None:
    fil = tmp_path / "folk1a.csv"
    # one municipality, one year: Aarhus, ages 0–125 (the reader requires the whole range)
    fil.write_text(
        "OMRÅDE;ALDER;TID;INDHOLD\n" + "".join(f"Aarhus;{alder} år;2019K1;10\n" for alder in range(126)),
        encoding="utf-8",
    )
    indlaes_befolkning(fil)
    assert Kommune.history.count() == Kommune.objects.count() == 98
    assert Befolkning.objects.count() == 3  # three age bands
    assert Befolkning.history.count() == 3
    assert {h.history_change_reason for h in Befolkning.history.all()} == {"Indlæst fra folk1a.csv"}
    # 18 ages in 0–17 and 47 in 18–64, 10 people each: a new file changes one band
    assert sorted(Befolkning.objects.values_list("antal", flat=True)) == [180, 470, 610]
    fil.write_text(fil.read_text(encoding="utf-8").replace("Aarhus;0 år;2019K1;10", "Aarhus;0 år;2019K1;11"))
    indlaes_befolkning(fil)
    assert Befolkning.history.filter(history_type="~").count() == 1


def test_kommandolinjen_gendanner_en_maalgruppe(data: Registerdata) -> None:
    m = Maalgruppe.objects.get(pk=data.sindslidelse.pk)
    m.navn = "Omdøbt"
    m.save()
    foerste = m.history.order_by("history_id").first()
    assert foerste is not None and foerste.history_type == "+"

    runner = CliRunner()
    svar = runner.invoke(app, ["historik", "vis", "register.Maalgruppe", str(m.pk), "--json"])
    assert svar.exit_code == 0, svar.output
    versioner = json.loads(svar.output)
    assert [v["handling"] for v in versioner] == ["oprettet", "ændret"]

    svar = runner.invoke(
        app, ["historik", "gendan", "register.Maalgruppe", str(foerste.history_id), "--bruger", "sek_midt"]
    )
    assert svar.exit_code == 0, svar.output
    m.refresh_from_db()
    assert m.navn == data.sindslidelse.navn
    seneste = m.history.order_by("-history_id").first()
    assert seneste.history_user == data.bruger("sekretariat")
    assert seneste.history_change_reason == f"Gendannet fra version {foerste.history_id} (kommandolinjen)"


def test_kommandolinjen_respekterer_aarets_laas(data: Registerdata) -> None:
    """After the report is submitted, a year's figures cannot be restored — not from the
    history page and not from the command line."""
    ya = Ydelsesaar.objects.get(ydelse=data.dagtilbud, aar=UDKAST_AAR)
    gammel = ya.history.order_by("history_id").first()
    ya.pladser = Decimal(12)
    ya.save()
    for raekke in Ydelsesaar.objects.filter(ydelse__tilbud=data.solhaven, aar=UDKAST_AAR):
        raekke.begrundelse = "Ny normering efter udvidelse"  # both rates rise over 2017: justified
        raekke.save()
    assert indberetning.indsend(data.aarhus, UDKAST_AAR, data.bruger("driftsherre")).indsendt

    svar = CliRunner().invoke(app, ["historik", "gendan", "register.Ydelsesaar", str(gammel.history_id)])
    assert svar.exit_code == 2
    assert "kunne ikke gendannes" in svar.output and "indsendt" in svar.output
    assert Ydelsesaar.objects.get(pk=ya.pk).pladser == Decimal(12)
    assert gammel.pladser == Decimal(9)


def test_ukendt_model_giver_en_klar_fejl(db: None) -> None:
    svar = CliRunner().invoke(app, ["historik", "gendan", "register.Findesikke", "1"])
    assert svar.exit_code == 2
    assert "Ukendt model 'register.Findesikke'" in svar.output
