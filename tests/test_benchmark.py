"""Benchmarks (`io.kilder.regk31`, `beregning.benchmark`, `web/benchmark`).

The engine's figures are the case files' (tests/cases/benchmark_*.yaml: Hedensted Kommune's note
of 2022, 10.702 against 9.405 kr. per 18–64-year-old = 12 %, and three municipalities worked by
hand). Here: the REGK31 reader on a small export (tests/data/regk31/tre_kommuner_2020.csv, made up:
Hedensted 180.000 + 120.000 = 300.000 t.kr. on 5.38, Horsens 600.000 (a ".." cell not counted),
Vejle 660.000 − 10.000 = 650.000; the aggregate row "5.38", the country and the region skipped),
its refusals, and the page on the demo with the hand-worked figures: with 27.000, 55.000 and 70.000
18–64-year-olds, Hedensted 11.111 kr. against the weighted average 1.550.000.000 ÷ 152.000 =
10.197 kr., a reduction of 24.671.053 kr. or 8,2 %; against Horsens and Vejle (10.000 kr.)
30.000.000 kr."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialstyring.io.kilder.regk31 import Regk31Fejl, laes_regk31
from socialstyring.web.befolkning.models import Befolkning
from socialstyring.web.benchmark.models import Regnskabstal
from socialstyring.web.benchmark.services import indlaes_regnskab
from socialstyring.web.register.models import Kommune

FIL = Path(__file__).parent / "data" / "regk31" / "tre_kommuner_2020.csv"
HOVED = "OMRÅDE;FUNKTION;DRANST;ART;PRISENHED;TID;INDHOLD\n"
RAEKKE = "Hedensted;5.38.50 Botilbud;1 Drift;I alt (netto);Regnskab (1.000 kr.);2020;{}\n"


def test_laeser_funktionerne_og_springer_summer_over() -> None:
    r = laes_regk31(FIL)
    beloeb = {(b.kommunekode, b.aar, b.funktion): b.beloeb for b in r.beloeb}
    assert beloeb[(766, 2020, "5.38.50")] == Decimal(180_000_000)
    assert beloeb[(630, 2020, "5.38.42")] == Decimal(-10_000_000)
    assert (766, 2020, "5.38") not in beloeb and len(beloeb) == 7  # 11 rows less 2 areas, 1 sum, 1 ".."
    assert r.ikke_offentliggjort == 1
    assert (r.dranst, r.art) == ("1 Drift", "I alt (netto)")


@pytest.mark.parametrize(
    ("indhold", "ventet"),
    [
        (HOVED + RAEKKE.format("12") + RAEKKE.replace("1 Drift", "2 Statsrefusion").format("3"),
         "række 3: DRANST: '2 Statsrefusion', men række 2 har '1 Drift'"),
        (HOVED + RAEKKE.replace("Regnskab (1.000 kr.)", "Kr. pr. indbygger").format("12"),
         "række 2: PRISENHED"),
        (HOVED + RAEKKE.replace("Hedensted", "Atlantis").format("12"), "række 2: OMRÅDE: ukendt kommune 'Atlantis'"),
        (HOVED + RAEKKE.format("12,5"), "række 2: INDHOLD: '12,5' er ikke et helt antal"),
        (HOVED + RAEKKE.replace("5.38.50 Botilbud", "Botilbud").format("12"), "række 2: FUNKTION"),
        (HOVED + RAEKKE.format("12") + RAEKKE.format("13"), "række 3: OMRÅDE, TID, FUNKTION: samme kommune, år og funktion som række 2"),
        (HOVED.replace("TID;", "") + "Hedensted;5.38.50 Botilbud;1 Drift;I alt;Regnskab (1.000 kr.);12\n",
         "række 1: TID: kolonnen mangler"),
        ("OMRÅDE;FUNKTION;KØN;TID;INDHOLD\n", "række 1: KØN: ukendt kolonne"),
        (HOVED + RAEKKE.replace("2020", "20x0").format("12"), "række 2: TID"),
    ],
)  # fmt: skip
def test_fejl_naevner_fil_raekke_og_kolonne(tmp_path: Path, indhold: str, ventet: str) -> None:
    fil = tmp_path / "regk31.csv"
    fil.write_text(indhold, encoding="utf-8")
    with pytest.raises(Regk31Fejl) as fejl:
        laes_regk31(fil)
    assert str(fejl.value).startswith(f"{fil}: ") and ventet in str(fejl.value)


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


@pytest.fixture
def tal(demo: None) -> dict[str, Kommune]:
    r = indlaes_regnskab(FIL)
    assert (r.kommuner, r.nye, r.aendrede) == (4, 7, 0)
    kommuner = {k.navn: k for k in Kommune.objects.filter(navn__in=["Hedensted", "Horsens", "Vejle"])}
    for navn, antal in (("Hedensted", 27_000), ("Horsens", 55_000), ("Vejle", 70_000)):
        Befolkning.objects.update_or_create(
            kommune=kommuner[navn], aar=2020, aldersgruppe="18-64", defaults={"antal": antal}
        )
    return kommuner


def test_indlaesning_er_alt_eller_intet_og_erstatter(demo: None, tmp_path: Path) -> None:
    daarlig = tmp_path / "daarlig.csv"
    daarlig.write_text(FIL.read_text(encoding="utf-8") + "Hedensted;5.38.52 x;1 Drift;I alt (netto);"
                       "Regnskab (1.000 kr.);2020;mange\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(Regk31Fejl, match="række 13: INDHOLD"):
        indlaes_regnskab(daarlig)
    assert not Regnskabstal.objects.exists()
    indlaes_regnskab(FIL)
    igen = tmp_path / "igen.csv"
    igen.write_text(HOVED + RAEKKE.format("190000"), encoding="utf-8")
    r = indlaes_regnskab(igen)
    assert (r.nye, r.aendrede) == (0, 1)
    rk = Regnskabstal.objects.get(kommune__navn="Hedensted", aar=2020, funktion="5.38.50")
    assert rk.beloeb == Decimal(190_000_000) and rk.history.count() == 2


def test_siden_viser_de_haandregnede_tal(tal: dict[str, Kommune]) -> None:
    c = _klient("aarhus")
    url = reverse("benchmark:side", args=["voksne", 2020, tal["Hedensted"].pk])
    svar = c.get(url)
    html = svar.content.decode()
    assert svar.status_code == 200
    for tekst in ("11.111", "10.197", "914", "24.671.053", "8,2", "3 kommuner med tal"):
        assert tekst in html, tekst
    svar = c.get(url + f"?sammenlign={tal['Horsens'].pk}&sammenlign={tal['Vejle'].pk}")
    html = svar.content.decode()
    assert "10.000" in html and "30.000.000" in html
    assert c.get(reverse("benchmark:diagram", args=["voksne", 2020, tal["Hedensted"].pk])).content.startswith(
        b"<?xml"
    )
    # the picker: the areas, the years with accounts (2019, 2020) and the agreement's municipalities
    assert 'class="aarsvaelger"' in html
    assert f'href="{reverse("benchmark:side", args=["voksne", 2019, tal["Hedensted"].pk])}' in html
    assert f'href="{reverse("benchmark:side", args=["boern", 2020, tal["Hedensted"].pk])}' in html
    xlsx = c.get(reverse("benchmark:excel", args=["voksne", 2020, tal["Hedensted"].pk]))
    ark = load_workbook(BytesIO(xlsx.content))["Kommuner"]
    raekker = [[c.value for c in r] for r in ark.iter_rows(min_row=4) if r[0].value]
    assert raekker[0][0] == "Kommune" and raekker[1][0] == "Hedensted" and raekker[1][3] == 11111


def test_boerneomraadet_mangler_befolkning(tal: dict[str, Kommune]) -> None:
    html = _klient("aarhus").get(reverse("benchmark:side", args=["boern", 2020, tal["Hedensted"].pk]))
    assert html.status_code == 200 and "0-17-årige i Hedensted i 2020 mangler" in html.content.decode()


def test_start_og_ugyldige_adresser(tal: dict[str, Kommune]) -> None:
    c = _klient("randers_kommune")
    randers = Kommune.objects.get(navn="Randers")
    svar = c.get(reverse("benchmark:start"))  # the municipality's own, adults, the latest year
    assert svar.status_code == 200 and "Randers har intet regnskab for 2020" in svar.content.decode()
    svar = c.get(reverse("benchmark:side", args=["voksne", 2019, randers.pk]))
    assert "Antallet af 18-64-årige i Randers i 2019 mangler" in svar.content.decode()
    # the secretariat opens the agreement's first municipality with accounts: Hedensted
    assert "11.111" in _klient("sekretariat").get(reverse("benchmark:start")).content.decode()
    # Vejle is in Syddanmark: not a municipality of this user's agreement
    assert c.get(reverse("benchmark:side", args=["voksne", 2020, tal["Vejle"].pk])).status_code == 404
    assert c.get(reverse("benchmark:side", args=["ukendt", 2020, randers.pk])).status_code == 404
    url = reverse("benchmark:side", args=["voksne", 2020, tal["Hedensted"].pk])
    assert c.get(url + "?sammenlign=x1").status_code == 400
    assert c.get(url + "?" + "&".join(f"sammenlign={i}" for i in range(1, 23))).status_code == 400


def test_uden_regnskaber(demo: None) -> None:
    svar = _klient("sekretariat").get(reverse("benchmark:start"))
    assert svar.status_code == 200 and "REGK31" in svar.content.decode()


def test_enhedspriser_fra_det_offentliggjorte_katalog(demo: None) -> None:
    """The demo's published catalogue 2017 (Midtjylland), children's § 66 offers per 24 hours:
    Fyrreskrænten (Aarhus) 1.523 kr. × 38 places, Søholmen 1.382 × 31, Svanebo 1.079 × 23,
    Birkevangen 1.196 × 24, Engly 2.907 × 35. Worked by hand: average 8.087 ÷ 5 = 1.617,40;
    weighted by places 255.982 ÷ 151 = 1.695,25; a place a year 255.982 ÷ 151 × 365 = 618.764,44;
    Aarhus' own 1.523,00 against the others' 6.564 ÷ 4 = 1.641,00."""
    aarhus = Kommune.objects.get(navn="Aarhus")
    c = _klient("aarhus")
    url = reverse("benchmark:enhedspriser", args=["midtjylland", 2017])
    html = c.get(url + f"?kommune={aarhus.pk}").content.decode()
    for tekst in ("1.617,40", "1.695,25", "618.764,44", "1.523,00", "1.641,00"):
        assert tekst in html, tekst
    uden = c.get(url).content.decode()  # the operator's staff have no municipality: no own offers
    assert "1.695,25" in uden and "Egne tilbud</th>" not in uden
    assert (
        "Der er ikke offentliggjort et takstkatalog for 2018"
        in c.get(reverse("benchmark:enhedspriser", args=["midtjylland", 2018])).content.decode()
    )
    assert c.get(reverse("benchmark:enhedspriser", args=["syddanmark", 2017])).status_code == 404
    vejle = Kommune.objects.get(navn="Vejle")  # Syddanmark
    assert c.get(url + f"?kommune={vejle.pk}").status_code == 404
    assert c.get(url + "?kommune=abc").status_code == 400
    # the municipality's staff see their own municipality's offers as their own by default
    randers = _klient("randers_kommune").get(url).content.decode()
    assert "Egne tilbud: Randers" in randers
