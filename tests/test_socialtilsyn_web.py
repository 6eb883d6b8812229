"""The social supervision pages (`web/socialtilsyn`) on the demo's Socialtilsyn Midt
(socialstyring/demo/socialtilsyn.py), hosted by Silkeborg Kommune.

Figures: Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 (DASSOS-møde
15. august 2018, bilag 2), as the worked cases tests/cases/socialtilsyn_midt_2018_seed004.yaml
and …_2019_seed004.yaml hold them (seed 004's table socialtilsyn_midt_takster_2018_2019.csv):

- 2019, section 6: tilsyn 33.795 / 40.554 / 67.589 / 150.210 kr. for 1–7 / 8–24 / 25–49 / 50+
  places; skærpet tilsyn 3.379 / 4.055 / 6.759 / 15.021 kr. a month; objective financing
  27.260.156 kr.; the note prints overhead 2,7 mio. kr. (5,7 % of 47,4), the rulebook's 5,4 %
  gives 2.559.600 kr.; section 7: 50+ rises 49,5 % in fixed prices (150.210 ÷ (98.536 × 1,02));
  section 8: 1–7 is 1,3 % above the five units' average 33.366 kr.
- 2018, bilag 1: tilsyn 32.845 / 39.414 / 65.690 / 98.536 kr.; objective financing 27.319.289 kr.,
  whose 19 printed rows sum to 27.319.290 kr.
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.beregning.socialtilsyn import Socialtilsynsgrundlag, Taksttype
from socialstyring.web.register.models import Brugerprofil, Rammeaftale, Rolle
from socialstyring.web.socialtilsyn import selectors
from socialstyring.web.socialtilsyn.forms import AarForm
from socialstyring.web.socialtilsyn.gemt import Takstgrundlag
from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed

CASES = Path(__file__).parent / "cases"
LAGRET = Path(__file__).parent / "data" / "lagret" / "socialtilsyn_v1.json"


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _midt() -> Tilsynsenhed:
    return Tilsynsenhed.objects.get(navn="Socialtilsyn Midt")


def _formdata(r: Tilsynsaar, **aendret: str) -> dict[str, Any]:
    """The year's form as the page shows it (with what the user saw), `aendret` typed over it."""
    form = AarForm(initial={f: getattr(r, f) for f in AarForm.base_fields if f != "version"})
    vist = {n: form[n].value() for n in form.fields if n != "version"}
    felter = {n: "" if v is None else str(form.fields[n].prepare_value(v)) for n, v in vist.items()}
    data = {**felter, **{f"initial-{k}": v for k, v in felter.items()}, "version": str(r.version)}
    data.update(aendret)
    return data


def test_gemt_takstgrundlag_version_1_laeses() -> None:
    """tests/data/lagret/socialtilsyn_v1.json: 2019's stored rate basis as version 1 wrote it (not
    regenerated: it is what the database holds). It reads back, and is stored again unchanged."""
    data = json.loads(LAGRET.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    t = Takstgrundlag.laes(data)
    assert t.til_json() == data
    assert [g.grundtakst for g in t.grundtakster] == [
        Decimal("33794.67"),
        Decimal("22460.00"),
        Decimal("6166.20"),
    ]
    assert t.offentliggjort is not None and t.offentliggjort.takster[Taksttype.TILSYN]["50_plus"] == 150210
    assert t.forrige is not None and t.forrige.aar == 2018
    with pytest.raises(ValueError, match="schema_version 2"):
        Takstgrundlag.laes({**data, "schema_version": 2})


@pytest.mark.parametrize("aar", [2018, 2019])
def test_demoen_er_casefilernes_input(demo: None, aar: int) -> None:
    """The demo holds exactly the worked cases' inputs (the engine's input, field by field)."""
    case = yaml.safe_load((CASES / f"socialtilsyn_midt_{aar}_seed004.yaml").read_text(encoding="utf-8"))
    forventet = Socialtilsynsgrundlag.model_validate({"enhed": "Socialtilsyn Midt", **case["input"]})
    assert selectors.grundlag(_midt().aarene.get(aar=aar)) == forventet


def test_2019_viser_takster_og_forklarer_overheaden(demo: None) -> None:
    e = _midt()
    html = _klient("laeser").get(reverse("socialtilsyn:aar", args=[e.pk, 2019])).content.decode()
    for tal in (
        "33.795,00 kr.",
        "40.554,00 kr.",
        "67.589,00 kr.",
        "150.210,00 kr.",
        "15.021,00 kr.",
        "3.379,00 kr.",
    ):
        assert tal in html, tal
    assert "27.260.156,00 kr." in html  # objective financing
    assert "2.559.600,00 kr." in html and "2.700.000,00 kr." in html  # overhead: calculated, printed
    assert "Det trykte beløb er 5,7 % af driftsbudgettet" in html
    assert "49,5 %" in html  # 50+ in fixed prices (section 7)
    assert "1,3 %" in html and "-23,8 %" in html  # against the five units' average (section 8)
    assert 'data-spor="socialtilsyn.tilsyn.50_plus"' in html  # a rate opens its trace
    assert "Ret tallene" not in html  # the reader does not enter figures
    assert "Socialtilsyn Midt" in html and "Silkeborg Kommune" in html


def test_2018_viser_takster_og_kommunernes_raekker(demo: None) -> None:
    e = _midt()
    html = _klient("randers_kommune").get(reverse("socialtilsyn:aar", args=[e.pk, 2018])).content.decode()
    for tal in ("32.845,00 kr.", "39.414,00 kr.", "65.690,00 kr.", "98.536,00 kr.", "9.854,00 kr."):
        assert tal in html, tal
    assert "27.319.289,00 kr." in html and "Rækkerne summerer til 27.319.290 kr." in html
    assert 'id="mangler-befolkning"' in html  # the demo has no 0–17 counts: said, not guessed
    assert "Viborg" in html


def test_aaret_har_aarsvaelgeren(demo: None) -> None:
    e = _midt()
    html = _klient("laeser").get(reverse("socialtilsyn:aar", args=[e.pk, 2019])).content.decode()
    assert (
        'class="aarsvaelger"' in html and f'href="{reverse("socialtilsyn:aar", args=[e.pk, 2018])}"' in html
    )


def test_listen_viser_aarene(demo: None) -> None:
    html = _klient("sekretariat").get(reverse("socialtilsyn:liste")).content.decode()
    assert 'data-aar="2018"' in html and 'data-aar="2019"' in html
    assert "32.845,00 kr." in html and "33.795,00 kr." in html
    assert reverse("socialtilsyn:rediger", args=[_midt().pk, 2020]) in html


def test_downloads(demo: None) -> None:
    e = _midt()
    c = _klient("laeser")
    xlsx = c.get(reverse("socialtilsyn:excel", args=[e.pk, 2019]))
    assert xlsx.status_code == 200
    wb = load_workbook(BytesIO(xlsx.content))
    assert wb.sheetnames == [
        "Budget",
        "Takster",
        "Kommuner",
        "Offentliggjort",
        "Udvikling",
        "Andre tilsyn",
        "Regler",
    ]
    takster = {r[0]: r[1:5] for r in wb["Takster"].iter_rows(values_only=True) if r and r[0]}
    assert [float(v) for v in takster["Tilsyn med døgntilbud (pr. år)"]] == [33795, 40554, 67589, 150210]  # type: ignore[arg-type]
    pdf = c.get(reverse("socialtilsyn:pdf", args=[e.pk, 2018]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_vaertskommunen_retter_loen_og_underskud(demo: None) -> None:
    """Hand-worked: wage 546.000 → 556.000 kr.: løn 73,3 × 556.000 = 40.754.800 (+733.000), driftsbudget
    47.400.000 + 733.000 = 48.133.000, overhead 5,4 % = 2.599.182, udgifter i alt 50.732.182;
    a deficit of 500.000 kr. carried into the rates: takstfinansiering 50.732.182 − 27.260.156
    + 500.000 = 23.972.026 kr. The rates come from the entered base rates and do not move."""
    e = _midt()
    r = e.aarene.get(aar=2019)
    silkeborg = User.objects.create(username="silkeborg")
    Brugerprofil.objects.create(
        bruger=silkeborg,
        rolle=Rolle.DRIFTSHERRE,
        rammeaftale=e.driftsherre.rammeaftale,
        driftsherre=e.driftsherre,
    )
    c = _klient("silkeborg")
    data = _formdata(r, gennemsnitsloen="556.000", regulering_takster="500.000")
    svar = c.post(reverse("socialtilsyn:rediger", args=[e.pk, 2019]), data)
    assert svar.status_code == 302, svar.content.decode()[:2000]
    r.refresh_from_db()
    assert r.history.count() >= 2
    html = c.get(reverse("socialtilsyn:aar", args=[e.pk, 2019])).content.decode()
    for tal in (
        "40.754.800,00 kr.",
        "48.133.000,00 kr.",
        "2.599.182,00 kr.",
        "50.732.182,00 kr.",
        "23.972.026,00 kr.",
    ):
        assert tal in html, tal
    assert "150.210,00 kr." in html


def test_foraeldet_side_afvises(demo: None) -> None:
    e = _midt()
    r = e.aarene.get(aar=2019)
    gammel = _formdata(r, gennemsnitsloen="550.000")
    c = _klient("sekretariat")
    url = reverse("socialtilsyn:rediger", args=[e.pk, 2019])
    assert c.post(url, _formdata(r, gennemsnitsloen="560.000")).status_code == 302
    svar = c.post(url, gammel, follow=True)
    assert Tilsynsaar.objects.get(pk=r.pk).gennemsnitsloen == 560000
    assert "gemt" in svar.content.decode().lower()


def test_tal_motoren_afviser_og_forkerte_linjer_giver_dansk_fejl(demo: None) -> None:
    e = _midt()
    c = _klient("sekretariat")
    url = reverse("socialtilsyn:rediger", args=[e.pk, 2020])
    felter = {"gennemsnitsloen": "550.000", "version": "0"}
    data = {**felter, **{f"initial-{k}": "" for k in felter if k != "version"}}
    # neither tasks nor staff years: the engine cannot size the staff
    svar = c.post(url, data)
    assert svar.status_code == 400 and "angiv opgaver (antal × timer) eller årsværk" in svar.content.decode()
    daarlig = {
        **data,
        "opgaver": "Tilsyn med plejefamilier; plejefamilier; 1.200; 14\nTilsyn; tilbud; mange; 3",
    }
    svar = c.post(url, daarlig)
    assert svar.status_code == 400 and "Linje 2" in svar.content.decode()
    assert not e.aarene.filter(aar=2020).exists()
    # 1.200 × 14 = 16.800 hours for foster families, 300 × 28 = 8.400 for offers: 25.200 hours
    god = {
        **data,
        "opgaver": "Tilsyn med plejefamilier; plejefamilier; 1.200; 14\nTilsyn med tilbud; tilbud; 300; 28",
    }
    assert c.post(url, god).status_code == 302
    html = c.get(reverse("socialtilsyn:aar", args=[e.pk, 2020])).content.decode()
    assert "16.800" in html and "8.400" in html


def test_anden_aftales_bruger_faar_404(demo: None) -> None:
    e = _midt()
    u = User.objects.create(username="syd_sekretariat")
    Brugerprofil.objects.create(
        bruger=u, rolle=Rolle.SEKRETARIAT, rammeaftale=Rammeaftale.objects.get(kode="syddanmark")
    )
    c = _klient("syd_sekretariat")
    for navn in ("aar", "excel", "pdf", "rediger"):
        assert c.get(reverse(f"socialtilsyn:{navn}", args=[e.pk, 2019])).status_code == 404, navn
    assert "Socialtilsyn Midt" not in c.get(reverse("socialtilsyn:liste")).content.decode()


@pytest.mark.parametrize("bruger", ["laeser", "randers_kommune", "aarhus"])
def test_laesere_og_andre_driftsherrer_kan_ikke_rette(demo: None, bruger: str) -> None:
    e = _midt()
    r = e.aarene.get(aar=2019)
    c = _klient(bruger)
    assert c.get(reverse("socialtilsyn:rediger", args=[e.pk, 2019])).status_code == 403
    assert c.post(reverse("socialtilsyn:rediger", args=[e.pk, 2019]), _formdata(r)).status_code == 403


@pytest.mark.parametrize("bruger", ["sekretariat", "aarhus", "laeser", "randers_kommune"])
def test_menuen_viser_socialtilsynet(demo: None, bruger: str) -> None:
    html = _klient(bruger).get(reverse("faelles:forside")).content.decode()
    assert 'data-menu="socialtilsyn"' in html and f'href="{reverse("socialtilsyn:liste")}"' in html
