"""The secretariat keeps its agreement's rules in the app (`socialstyring/web/regelbog`).

On the demo (Rammeaftale Midtjylland; the shipped P/L is national, 2,0 % for 2019, marked as
an assumption): the secretariat enters KL's P/L 2019 = 1,3 % for Midtjylland with its source,
confirms it on a second page, and the 2019 rate report computes with it — Herning's service
that goes from 2.000 kr. (2018) to 2.030 kr. (2019) rises (2.030 / 2.000 − 1) × 100 = 1,50 %;
the allowed development is P/L 1,3 % + real development 0 (Midtjylland's reduction ended 1
January 2019) = 1,30 %, so the rise is 0,20 percentage points over and must be justified
(with the shipped 2,0 % it was within). The trace says 1,3 % and "Rammeaftalens egen værdi,
indtastet af sekretariat <dag>".

Invalid values are refused with the rulebook model's own Danish messages next to the fields,
nothing saved; another agreement's secretariat finds nothing (404), a reader and an operator
may look but not edit (403), the national layer is the national administrator's (a
superuser); history says who and when and restores; the layer's YAML export loads with
`Regelbog.indlaes` to the same values.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from typer.testing import CliRunner

from socialstyring.cli import app
from socialstyring.regler import Regelbog, regelbog
from socialstyring.regler.bog import DATA
from socialstyring.web.regelbog import selectors, services
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Brugerprofil, Driftsherre, Rammeaftale, Rolle, Ydelsesaar

PL = "pl.kl_skoen_pct"
PL_SIDE = f"/regelbog/midtjylland/parameter/{PL}/"
KILDE = "KL, Pris- og lønskøn for de kommunale serviceudgifter, juni 2018"
MAANEDER = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")  # fmt: skip


def _i_dag() -> str:
    d = timezone.localdate()
    return f"{d.day}. {MAANEDER[d.month - 1]} {d.year}"


def _klient(brugernavn: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    return c


def _sekretariat_syd() -> Client:
    b = User.objects.create(username="sek_syd")
    Brugerprofil.objects.create(
        bruger=b, rolle=Rolle.SEKRETARIAT, rammeaftale=Rammeaftale.objects.get(kode="syddanmark")
    )
    c = Client()
    c.force_login(b)
    return c


def _admin() -> Client:
    c = Client()
    c.force_login(User.objects.create(username="admin", is_superuser=True))
    return c


def _data(**andet: str) -> dict[str, str]:
    d = {
        "vaerdi": "1,3",
        "fra": "2019-01-01",
        "til": "",
        "kilde_dokument": KILDE,
        "kilde_afsnit": "Tabel 1, serviceudgifter 2019",
        "kilde_url": "https://www.kl.dk/okonomi-og-administration/",
        "kilde_note": "",
        "antaget": "",
    }
    d.update(andet)
    return d


def _gem(c: Client, url: str, data: dict[str, str]) -> Any:
    """Post the form, then confirm it as the confirmation page does."""
    svar = c.post(url, data)
    assert svar.status_code == 200, svar.content.decode()[:2000]
    assert "Det sker, når du bekræfter" in svar.content.decode()
    return c.post(url, {**data, "bekraeftet": "1"})


def _html(svar: Any) -> str:
    return str(svar.content.decode())


def _tekst(html: str) -> str:
    """The page's text without tags, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the rate report for 2019 computes with the entered P/L ----------------------------------------


def _herning_2019() -> tuple[Driftsherre, Ydelsesaar]:
    """Herning's first place-based service with a 2018 rate: 2.000 kr. in 2018 and 2.030 kr.
    in 2019 (the 2019 row is its draft)."""
    herning = Driftsherre.objects.get(navn="Herning Kommune")
    y2018 = (
        Ydelsesaar.objects.filter(
            ydelse__tilbud__driftsherre=herning, aar=2018, takst__isnull=False, pladser__gt=0
        )
        .select_related("ydelse__tilbud")
        .order_by("pk")
        .first()
    )
    assert y2018 is not None
    Ydelsesaar.objects.filter(pk=y2018.pk).update(takst=Decimal(2000))
    y2019 = Ydelsesaar.objects.create(
        ydelse=y2018.ydelse,
        aar=2019,
        pladser=y2018.pladser,
        budgetteret_belaegning_pct=Decimal(95),
        takst=Decimal(2030),
    )
    return herning, y2019


def test_sekretariatet_indtaster_pl_2019_og_takstindberetningen_regner_med_den(demo: None) -> None:
    herning, y = _herning_2019()
    navn = f"{y.ydelse.tilbud.navn} – {y.ydelse.navn}"
    rapport = f"/indberetning/{herning.pk}/2019/"
    sek = _klient("sekretariat")

    foer = _tekst(_html(sek.get(rapport)))
    assert "Tilladt takstudvikling 2 % fra 2018 til 2019" in foer
    assert f"{navn}: taksten stiger" not in foer  # 1,50 % is within 2,0 %

    side = _tekst(_html(sek.get(PL_SIDE)))
    assert "Nationale værdier" in side and "Ingen værdier." in side  # Midtjylland has none of its own

    # the confirmation says what changes and from when; nothing is saved before it
    bekraeft = _tekst(_html(sek.post(PL_SIDE, _data())))
    assert (
        "KL's pris- og lønskøn for serviceudgifter, stigning fra året før (procent) for "
        "Rammeaftale Midtjylland: 1,3 % fra 1. januar 2019 til 1. januar 2020." in bekraeft
    )
    assert f"Kilde: {KILDE}, Tabel 1, serviceudgifter 2019." in bekraeft
    assert (
        "Nu gælder 2,0 % fra 1. januar 2019 (national værdi; fra regelbogen, som den følger med Socialstyring)."
        in bekraeft
    )
    assert not Regelaendring.objects.exists()

    svar = sek.post(PL_SIDE, {**_data(), "bekraeftet": "1"})
    assert svar.status_code == 302 and svar["Location"] == PL_SIDE
    a = Regelaendring.objects.get()
    assert (a.lag, a.parameter, a.fra, a.til, a.vaerdi) == ("midtjylland", PL, date(2019, 1, 1), None, "1.3")
    assert a.oprettet_af is not None and a.oprettet_af.username == "sekretariat"
    oprindelse = f"Rammeaftalens egen værdi, indtastet af sekretariat {_i_dag()}"

    side = _tekst(_html(sek.get(PL_SIDE)))
    assert (
        f"1. januar 2019 1. januar 2020 1,3 % {KILDE}, Tabel 1, serviceudgifter 2019 Indtastet {oprindelse}"
        in side
    )

    efter_html = _html(sek.get(rapport))
    efter = _tekst(efter_html)
    assert "Tilladt takstudvikling 1,3 % fra 2018 til 2019" in efter
    assert (
        f"{navn}: taksten stiger 1,50 % fra 2.000,00 kr. til 2.030,00 kr.; det er mere end den tilladte "
        "udvikling på 1,30 % og skal begrundes." in efter
    )
    # the trace behind the flag: the rule with its value, layer, source and origin, and the figures
    assert (
        "Regel KL's pris- og lønskøn for serviceudgifter, stigning fra året før (procent): 1,3 % "
        f"(Rammeaftale Midtjylland, fra 1. januar 2019) Kilde: {KILDE}, Tabel 1, serviceudgifter 2019 "
        f"Indtastet {oprindelse}"
    ) in efter
    assert "Tilladt takstudvikling 2018–2019 uden begrundelse : 1,3 % · P/L + realudvikling" in efter
    assert f"Takstudvikling 2018–2019, {navn} : 1,5 %" in efter
    assert f"Takstudvikling ud over den tilladte, {navn} : 0,2 procentpoint" in efter

    # other agreements keep the national value
    assert selectors.gaeldende_regelbog().vaerdi(PL, "syddanmark", date(2019, 1, 1)).vaerdi == Decimal("2.0")


# --- invalid values: the rulebook model's messages at the fields -----------------------------------


@pytest.mark.parametrize(
    ("url", "data", "felt", "besked"),
    [
        (PL_SIDE, _data(vaerdi="lidt"), "vaerdi", "'lidt' er ikke et tal"),
        (PL_SIDE, _data(vaerdi="120"), "vaerdi", "120 ligger over 100 (enhed pct_aendring)"),
        (
            PL_SIDE,
            _data(kilde_dokument="", kilde_afsnit="", kilde_url=""),
            "antaget",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        (
            PL_SIDE,
            _data(antaget="Sekretariatets eget skøn for 2019"),
            "antaget",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        (PL_SIDE, _data(kilde_dokument="KL"), "kilde_dokument", "teksten er for kort (mindst 3 tegn)"),
        (PL_SIDE, _data(til="2018-06-01"), "til", "'til' (2018-06-01) skal ligge efter 'fra' (2019-01-01)"),
        (
            # Midtjylland's own overhead runs 2011–2018 and from 2018: a value from 2017 to 2019
            # would overlap the shipped 2018 value
            "/regelbog/midtjylland/parameter/overhead.administration_pct/",
            _data(vaerdi="5", fra="2017-01-01", til="2019-01-01"),
            "til",
            "datoerne overlapper: værdien fra 2017-01-01 gælder til 2019-01-01, men næste værdi gælder fra 2018-01-01",
        ),
        (
            "/regelbog/midtjylland/parameter/indberetning.reduktion_fordelt_aar/",
            _data(vaerdi="2,5", fra="2015-01-01"),
            "vaerdi",
            "2.5 skal være et helt tal",
        ),
    ],
)
def test_ugyldig_vaerdi_afvises_ved_feltet(
    demo: None, url: str, data: dict[str, str], felt: str, besked: str
) -> None:
    svar = _klient("sekretariat").post(url, data)
    assert svar.status_code == 400
    html = _html(svar)
    assert f'<p class="feltfejl" id="id_{felt}-fejl">{escape(besked)}</p>' in html
    assert "Intet er gemt." in html
    assert not Regelaendring.objects.exists()


def test_samme_dato_to_gange_er_et_overlap(demo: None) -> None:
    sek = _klient("sekretariat")
    assert _gem(sek, PL_SIDE, _data()).status_code == 302
    svar = sek.post(PL_SIDE, _data(vaerdi="1,4"))
    assert svar.status_code == 400
    besked = (
        "datoerne overlapper: værdien fra 2019-01-01 kommer efter værdien fra 2019-01-01; "
        "værdier skal stå i stigende 'fra'-orden uden dubletter"
    )
    assert f'<p class="feltfejl" id="id_fra-fejl">{escape(besked)}</p>' in _html(svar)
    assert Regelaendring.objects.get().vaerdi == "1.3"


def test_ukendt_parameter(demo: None) -> None:
    sek = _klient("sekretariat")
    assert sek.get("/regelbog/midtjylland/parameter/pl.findes_ikke/").status_code == 404
    assert sek.post("/regelbog/midtjylland/parameter/pl.findes_ikke/", _data()).status_code == 404
    # another agreement's own parameter is unknown to Midtjylland too
    assert sek.get("/regelbog/midtjylland/parameter/kategori.model/").status_code == 404
    with pytest.raises(services.Afvist) as afvist:
        services.tilfoej(
            User.objects.get(username="sekretariat"),
            "midtjylland",
            "pl.findes_ikke",
            selectors.Indtastning(date(2019, 1, 1), None, Decimal("1.3"), kilde_dokument=KILDE),
        )
    assert afvist.value.fejl == {
        None: ["regelbogen har ingen parameter 'pl.findes_ikke' for rammeaftalen midtjylland eller nationalt"]
    }
    assert not Regelaendring.objects.exists()


def test_cpr_nummer_i_kilden_afvises(demo: None) -> None:
    svar = _klient("sekretariat").post(PL_SIDE, _data(kilde_note="Oplyst af borger 010190-1234"))
    assert svar.status_code == 400 and "CPR-nummer" in _html(svar)
    assert not Regelaendring.objects.exists()


# --- who may see and edit ------------------------------------------------------------------------


def test_en_anden_aftales_sekretariat_finder_intet(demo: None) -> None:
    assert _gem(_klient("sekretariat"), PL_SIDE, _data()).status_code == 302
    a = Regelaendring.objects.get()
    syd = _sekretariat_syd()
    for url in (
        "/regelbog/midtjylland/",
        PL_SIDE,
        f"/regelbog/midtjylland/vaerdi/{a.pk}/",
        "/regelbog/midtjylland/historik/",
        "/regelbog/midtjylland/regelbog.zip",
    ):
        assert syd.get(url).status_code == 404, url
    for url, data in (
        (PL_SIDE, {**_data(), "bekraeftet": "1"}),
        (f"/regelbog/midtjylland/vaerdi/{a.pk}/", {**_data(vaerdi="1,0"), "version": "1", "bekraeftet": "1"}),
        (f"/regelbog/midtjylland/vaerdi/{a.pk}/slet/", {"version": "1", "bekraeftet": "1"}),
    ):
        assert syd.post(url, data).status_code == 404, url
    # Midtjylland's value is Syddanmark's neither: its own layer and its calculations keep the national
    assert syd.get("/regelbog/syddanmark/").status_code == 200
    assert selectors.gaeldende_regelbog().vaerdi(PL, "syddanmark", date(2019, 6, 1)).lag == "national"
    assert Regelaendring.objects.get().vaerdi == "1.3"


def _menupunkt(html: str, navn: str) -> str:
    """The menu's link tag with `data-menu="<navn>"` ("" when there is none)."""
    m = re.search(rf'<a [^>]*data-menu="{navn}"[^>]*>', html)
    return m.group(0) if m else ""


@pytest.mark.parametrize("brugernavn", ["laeser", "herning"])
def test_laeser_og_driftsherre_kan_se_men_ikke_rette(demo: None, brugernavn: str) -> None:
    assert _gem(_klient("sekretariat"), PL_SIDE, _data()).status_code == 302
    a = Regelaendring.objects.get()
    c = _klient(brugernavn)
    side = _html(c.get(PL_SIDE))
    assert "1,3 %" in side and 'id="vaerdi-form"' not in side and ">Slet</button>" not in side
    assert c.post(PL_SIDE, {**_data(vaerdi="1,0"), "bekraeftet": "1"}).status_code == 403
    assert c.get(f"/regelbog/midtjylland/vaerdi/{a.pk}/").status_code == 403
    assert (
        c.post(f"/regelbog/midtjylland/vaerdi/{a.pk}/slet/", {"version": "1", "bekraeftet": "1"}).status_code
        == 403
    )
    # the menu leads every role to its agreement's rules, to read
    assert 'href="/regelbog/midtjylland/"' in _menupunkt(_html(c.get("/")), "regelbog")
    with pytest.raises(PermissionDenied):
        services.slet(User.objects.get(username=brugernavn), a.pk, a.version)
    assert Regelaendring.objects.get().vaerdi == "1.3"


def test_det_nationale_lag_rettes_kun_af_den_nationale_administrator(demo: None) -> None:
    url = f"/regelbog/national/parameter/{PL}/"
    sek = _klient("sekretariat")
    assert sek.get(url).status_code == 200
    assert sek.post(url, {**_data(vaerdi="1,6"), "bekraeftet": "1"}).status_code == 403
    assert not Regelaendring.objects.exists()

    admin = _admin()
    assert 'data-menu="regelbog"' in _html(admin.get("/"))
    assert _gem(admin, url, _data(vaerdi="1,6")).status_code == 302
    a = Regelaendring.objects.get()
    assert (a.lag, a.vaerdi) == ("national", "1.6")
    bog = selectors.gaeldende_regelbog()
    for region in ("syddanmark", "midtjylland"):
        o = bog.vaerdi(PL, region, date(2019, 6, 1))
        assert (o.vaerdi, o.lag) == (Decimal("1.6"), "national")
        assert o.oprindelse == f"National værdi indtastet i Socialstyring, indtastet af admin {_i_dag()}"
    assert bog.vaerdi(PL, "syddanmark", date(2020, 1, 1)).vaerdi == Decimal("2.0")


# --- change, delete, history and restore ---------------------------------------------------------


def test_historikken_viser_hvem_og_hvornaar_og_kan_gendanne(demo: None) -> None:
    sek = _klient("sekretariat")
    assert _gem(sek, PL_SIDE, _data()).status_code == 302
    a = Regelaendring.objects.get()
    ret = f"/regelbog/midtjylland/vaerdi/{a.pk}/"
    assert _gem(sek, ret, {**_data(vaerdi="1,4"), "version": "1"}).status_code == 302
    assert Regelaendring.objects.get().vaerdi == "1.4"
    assert selectors.gaeldende_regelbog().vaerdi(PL, "midtjylland", date(2019, 1, 1)).vaerdi == Decimal("1.4")
    svar = _gem(sek, f"/regelbog/midtjylland/vaerdi/{a.pk}/slet/", {"version": "2"})
    assert svar.status_code == 302 and not Regelaendring.objects.exists()
    assert selectors.gaeldende_regelbog().vaerdi(PL, "midtjylland", date(2019, 1, 1)).lag == "national"

    poster = list(Regelaendring.history.filter(id=a.pk).order_by("history_id"))
    assert [(p.history_type, p.history_user.username, p.vaerdi) for p in poster] == [
        ("+", "sekretariat", "1.3"),
        ("~", "sekretariat", "1.4"),
        ("-", "sekretariat", "1.4"),
    ]
    side = _tekst(_html(sek.get("/regelbog/midtjylland/historik/")))
    for p, handling, vaerdi in zip(
        reversed(poster), ("Slettet", "Ændret", "Indtastet"), ("1,4 %", "1,4 %", "1,3 %"), strict=True
    ):
        tid = timezone.localtime(p.history_date)
        assert (
            f"{_i_dag()} kl. {tid:%H.%M} sekretariat {handling} (version {p.history_id}) pl.kl_skoen_pct "
            f"1. januar 2019 – {vaerdi}"
        ) in side

    # restore the first version: the value is back, as a new version that says where it came from
    svar = _gem(sek, f"/regelbog/midtjylland/historik/{poster[0].history_id}/gendan/", {})
    assert svar.status_code == 302
    gendannet = Regelaendring.objects.get()
    assert (gendannet.pk, gendannet.vaerdi) == (a.pk, "1.3")
    seneste = Regelaendring.history.filter(id=a.pk).latest("history_id")
    assert seneste.history_change_reason == f"Gendannet fra version {poster[0].history_id}"
    assert seneste.history_user.username == "sekretariat"
    assert selectors.gaeldende_regelbog().vaerdi(PL, "midtjylland", date(2019, 1, 1)).vaerdi == Decimal("1.3")


def test_en_foraeldet_side_afvises(demo: None) -> None:
    sek = _klient("sekretariat")
    assert _gem(sek, PL_SIDE, _data()).status_code == 302
    a = Regelaendring.objects.get()
    ret = f"/regelbog/midtjylland/vaerdi/{a.pk}/"
    assert _gem(sek, ret, {**_data(vaerdi="1,4"), "version": "1"}).status_code == 302
    # a page opened at version 1 saves on top of version 2: refused, nothing changed
    svar = _gem(sek, ret, {**_data(vaerdi="1,5"), "version": "1"})
    assert svar.status_code == 302
    beskeder = _html(sek.get(svar["Location"]))
    assert "Intet er gemt: en anden har gemt ændringer" in beskeder
    assert Regelaendring.objects.get().vaerdi == "1.4"


def test_den_gaeldende_regelbog_bygges_kun_om_efter_en_aendring(demo: None) -> None:
    foer = selectors.gaeldende_regelbog()
    assert selectors.gaeldende_regelbog() is foer
    assert _gem(_klient("sekretariat"), PL_SIDE, _data()).status_code == 302
    efter = selectors.gaeldende_regelbog()
    assert efter is not foer and selectors.gaeldende_regelbog() is efter
    assert efter.vaerdi(PL, "midtjylland", date(2019, 1, 1)).vaerdi == Decimal("1.3")
    assert foer.vaerdi(PL, "midtjylland", date(2019, 1, 1)).vaerdi == Decimal("2.0")


# --- the layer as rule files ---------------------------------------------------------------------


def test_regelbogen_hentes_som_yaml_og_laeses_tilbage(demo: None, tmp_path: Path) -> None:
    sek = _klient("sekretariat")
    assert _gem(sek, PL_SIDE, _data()).status_code == 302
    svar = sek.get("/regelbog/midtjylland/regelbog.zip")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/zip"
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "midtjylland")
    with zipfile.ZipFile(io.BytesIO(svar.content)) as z:
        navne = sorted(z.namelist())
        z.extractall(data)
    leveret = [f"midtjylland/{p.name}" for p in (DATA / "midtjylland").glob("*.yaml")]
    assert navne == sorted([*leveret, "midtjylland/pl.yaml"])  # its own P/L is a new file
    laest = Regelbog.indlaes(data)
    pl = laest.vaerdi(PL, "midtjylland", date(2019, 6, 1))
    assert (pl.vaerdi, pl.lag, pl.til, pl.kildetekst) == (
        Decimal("1.3"),
        "midtjylland",
        date(2020, 1, 1),
        f"{KILDE}, Tabel 1, serviceudgifter 2019",
    )
    assert laest.vaerdi(PL, "midtjylland", date(2020, 6, 1)).lag == "national"
    gaeldende = selectors.gaeldende_regelbog()
    for navn in gaeldende.egne_navne("midtjylland"):
        assert [
            (o.vaerdi, o.fra, o.slut, o.kilde, o.antaget) for o in laest.vaerdier(navn, "midtjylland")
        ] == [
            (o.vaerdi, o.fra, o.slut, o.kilde, o.antaget) for o in gaeldende.vaerdier(navn, "midtjylland")
        ], navn
    # the shipped rulebook is untouched
    assert regelbog().vaerdi(PL, "midtjylland", date(2019, 6, 1)).lag == "national"


def test_kommandolinjen_eksporterer_aftalens_regler(demo: None, tmp_path: Path) -> None:
    assert _gem(_klient("sekretariat"), PL_SIDE, _data()).status_code == 302
    svar = CliRunner().invoke(app, ["regler", "eksporter", "midtjylland", "--mappe", str(tmp_path), "--json"])
    assert svar.exit_code == 0, svar.output
    filer = json.loads(svar.output)["filer"]
    assert (tmp_path / "midtjylland" / "pl.yaml").read_text(encoding="utf-8") == filer["pl.yaml"]
    assert "    vaerdi: 1.3\n" in filer["pl.yaml"] and "    til: 2020-01-01\n" in filer["pl.yaml"]
    zipfil = tmp_path / "midtjylland.zip"
    svar = CliRunner().invoke(app, ["regler", "eksporter", "midtjylland", "--fil", str(zipfil)])
    assert svar.exit_code == 0, svar.output
    with zipfile.ZipFile(zipfil) as z:
        assert z.read("midtjylland/pl.yaml").decode() == filer["pl.yaml"]
    svar = CliRunner().invoke(app, ["regler", "eksporter", "bornholm"])
    assert svar.exit_code == 2 and "ukendt lag 'bornholm'" in svar.output


def test_varsel_og_valg_efter_enheden(demo: None) -> None:
    """A notice period (Syddanmark's botilbud: the current month + 1 month from 2016) and a
    choice (Midtjylland's rounding) are entered in the fields of their kind and judged by the
    rulebook's model."""
    syd = _sekretariat_syd()
    url = "/regelbog/syddanmark/parameter/varsel.botilbud/"
    varsel = {
        "varsel_regel": "loebende_maaned_plus",
        "varsel_maaneder": "",
        "varsel_dage": "",
        "varsel_tekst": "Løbende måned + 2 måneder",
        "fra": "2019-01-01",
        "til": "",
        "kilde_dokument": "Styringsaftale 2019 for Syddanmark",
        "kilde_afsnit": "",
        "kilde_url": "",
        "kilde_note": "",
        "antaget": "",
    }
    svar = syd.post(url, varsel)
    besked = "varsel med regel 'loebende_maaned_plus' kræver 'maaneder'"
    assert svar.status_code == 400
    assert f'<p class="feltfejl" id="id_varsel_regel-fejl">{escape(besked)}</p>' in _html(svar)
    assert _gem(syd, url, {**varsel, "varsel_maaneder": "2"}).status_code == 302
    a = Regelaendring.objects.get()
    assert (a.lag, a.vaerdi) == (
        "syddanmark",
        {"regel": "loebende_maaned_plus", "maaneder": 2, "tekst": "Løbende måned + 2 måneder"},
    )
    o = selectors.gaeldende_regelbog().vaerdi("varsel.botilbud", "syddanmark", date(2019, 3, 1))
    assert (o.vaerdi.regel, o.vaerdi.maaneder, o.vaerdi.tekst) == (
        "loebende_maaned_plus",
        2,
        "Løbende måned + 2 måneder",
    )
    assert (
        selectors.gaeldende_regelbog()
        .vaerdi("varsel.botilbud", "syddanmark", date(2018, 3, 1))
        .vaerdi.maaneder
        == 1
    )

    sek = _klient("sekretariat")
    afrunding = "/regelbog/midtjylland/parameter/takst.afrunding/"
    svar = sek.post(afrunding, _data(vaerdi="kvart", fra="2019-01-01"))
    assert svar.status_code == 400
    assert escape("'kvart' er ikke blandt ['krone', 'oere']") in _html(svar)
    assert _gem(sek, afrunding, _data(vaerdi="oere", fra="2019-01-01")).status_code == 302
    assert (
        selectors.gaeldende_regelbog().vaerdi("takst.afrunding", "midtjylland", date(2019, 1, 1)).vaerdi
        == "oere"
    )
