"""Stays (ophold): the CPR number refused or pseudonymised (HMAC under the environment's key,
never stored), the same citizen matched across stays and municipalities, the birth date kept;
the free-choice check stored with its trace; the import of CSV and Excel (all or nothing,
errors with file, sheet, row and column, the same file twice changes nothing); who sees and
changes which stays; and no page or export shows a CPR number."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import Workbook
from registerdata import Registerdata, opret_registerdata

from socialstyring.io.cpr import Cprfejl, foedselsdato, normaliser, pseudonym
from socialstyring.io.ophold import laes_ophold
from socialstyring.web import settings as indstillinger
from socialstyring.web.ophold import services
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.ophold.selectors import som_afregningsophold
from socialstyring.web.register.models import Brugerprofil, Kommune, Rolle, Ydelse, Ydelsesaar

CPR_A = "0101804678"  # 1 January 1980 (digit 4 and year 80 → 1980); fictitious
CPR_B = "1502921234"  # 15 February 1992
NOEGLE = "k" * 20 + "ey-for-tests-only-0123456789"


def test_cpr_valideres_med_dansk_fejl() -> None:
    assert normaliser("010180-4678") == CPR_A
    for forkert, grund in (
        ("", "mangler"),
        ("12345", "ti cifre"),
        ("3213801234", "fødselsdato"),
        ("01018O5678", "ti cifre"),
    ):
        with pytest.raises(Cprfejl, match=grund):
            normaliser(forkert)


def test_pseudonym_er_noeglet_og_uden_cifre() -> None:
    a = pseudonym(CPR_A, NOEGLE)
    assert a == pseudonym("010180-4678", NOEGLE)  # the same citizen however written
    assert a != pseudonym(CPR_A, NOEGLE + "x")  # another key, another pseudonym
    assert len(a) == 64 and a.isalpha() and CPR_A not in a
    assert foedselsdato(CPR_A) == date(1980, 1, 1)
    with pytest.raises(Cprfejl, match="mangler"):
        pseudonym(CPR_A, None)
    with pytest.raises(Cprfejl, match="for kort"):
        pseudonym(CPR_A, "kort")


def test_produktion_uden_cpr_noegle_starter_ikke(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="SOCIALSTYRING_CPR_NOEGLE mangler"):
        indstillinger.cpr_produktionsnoegle(None, tmp_path / "demo-cpr-noegle")
    with pytest.raises(ImproperlyConfigured, match="for kort"):
        indstillinger.cpr_produktionsnoegle("abc", tmp_path / "demo-cpr-noegle")
    god = "Zq8" + "y" * 45 + "Wm2"
    assert indstillinger.cpr_produktionsnoegle(god, tmp_path / "demo-cpr-noegle") == god
    (tmp_path / "demo-cpr-noegle").write_text(god)
    with pytest.raises(ImproperlyConfigured, match="demoens"):
        indstillinger.cpr_produktionsnoegle(god, tmp_path / "demo-cpr-noegle")


# --- with the register ----------------------------------------------------------------------


def _kommunebruger(d: Registerdata, navn: str, kode: int) -> User:
    u = User.objects.create(username=navn)
    Brugerprofil.objects.create(
        bruger=u, rolle=Rolle.KOMMUNE, rammeaftale=d.midt, kommune=Kommune.objects.get(kode=kode)
    )
    return u


@pytest.fixture
def data(db: None) -> Registerdata:
    d = opret_registerdata()
    d.brugere["aarhus_kommune"] = _kommunebruger(d, "aarhus_kommune", 751)
    d.brugere["randers_kommune"] = _kommunebruger(d, "randers_kommune", 730)
    return d


def _felter(d: Registerdata, **aendr: object) -> dict[str, object]:
    k = {k.kode: k for k in Kommune.objects.all()}
    f: dict[str, object] = {
        "handlekommune": k[751],
        "betalingskommune": k[751],
        "ydelse": d.botilbud,
        "start": date(2018, 3, 1),
        "opsagt": None,
        "opsagt_af": "",
        "slut": None,
        "aarsag": "",
        "henvist_ydelse": None,
        "indskrivning_pct": Decimal(100),
    }
    f.update(aendr)
    return f


@override_settings(CPR_NOEGLE=NOEGLE)
def test_ophold_gemmer_ikke_cpr_og_kender_borgeren_igen(data: Registerdata) -> None:
    k = {k.kode: k for k in Kommune.objects.all()}
    a = services.opret_ophold(data.bruger("aarhus_kommune"), "010180-4678", _felter(data))
    b = services.opret_ophold(
        data.bruger("randers_kommune"),
        CPR_A,
        _felter(data, handlekommune=k[730], betalingskommune=k[730], start=date(2018, 9, 1)),
    )
    assert a.borger == b.borger == pseudonym(CPR_A, NOEGLE)  # one citizen across municipalities
    assert a.foedselsdato == date(1980, 1, 1)
    raekker = Ophold.objects.values_list().union(Ophold.history.values_list("borger", "foedselsdato").none())
    assert CPR_A not in repr(list(Ophold.objects.values())) and "010180" not in repr(
        list(Ophold.history.values())
    )
    assert raekker is not None
    assert som_afregningsophold(a).borger == a.borger  # the billing engine accepts it
    with pytest.raises(ValidationError, match="allerede et ophold"):
        services.opret_ophold(data.bruger("aarhus_kommune"), CPR_A, _felter(data))


def test_uden_noegle_oprettes_intet(data: Registerdata) -> None:
    with override_settings(CPR_NOEGLE=None), pytest.raises(Cprfejl, match="mangler"):
        services.opret_ophold(data.bruger("aarhus_kommune"), CPR_A, _felter(data))
    assert not Ophold.objects.exists()


@override_settings(CPR_NOEGLE=NOEGLE)
def test_kun_betalingskommunen_og_driftsherren_opretter(data: Registerdata) -> None:
    k = {k.kode: k for k in Kommune.objects.all()}
    with pytest.raises(PermissionDenied):  # Randers may not create a stay Aarhus pays
        services.opret_ophold(data.bruger("randers_kommune"), CPR_A, _felter(data))
    with pytest.raises(PermissionDenied):  # Randers' operator staff: not its offer
        services.opret_ophold(data.bruger("driftsherre_anden"), CPR_A, _felter(data))
    for rolle in ("laeser", "sekretariat"):
        with pytest.raises(PermissionDenied):
            services.opret_ophold(data.bruger(rolle), CPR_A, _felter(data))
    o = services.opret_ophold(data.bruger("driftsherre"), CPR_A, _felter(data, betalingskommune=k[730]))
    assert o.betalingskommune == k[730]


@override_settings(CPR_NOEGLE=NOEGLE)
def test_frit_valg_gemmes_med_spor(data: Registerdata) -> None:
    # Randers' Kildebakken at 1.100,01 chosen over Solhaven's botilbud at 1.000,00 (2025)
    henvist = data.botilbud
    valgt = Ydelse.objects.create(
        tilbud=data.kildebakken, navn="Botilbud", pladstype="doegn", takstenhed="doegn"
    )
    Ydelsesaar.objects.create(ydelse=henvist, aar=2025, takst=Decimal("1000.00"))
    ya = Ydelsesaar.objects.create(ydelse=valgt, aar=2025, takst=Decimal("1100.01"))
    o = services.opret_ophold(
        data.bruger("aarhus_kommune"),
        CPR_A,
        _felter(data, ydelse=valgt, start=date(2025, 7, 1), henvist_ydelse=henvist),
    )
    r = o.frit_valg["resultat"]
    assert r["kan_afvises"] is True and r["loft"] == "1100.000"
    assert any(t["noegle"] == "frit_valg.kan_afvises" for t in r["spor"])
    ya.takst = Decimal("1100.00")
    ya.save()
    o2 = services.opret_ophold(
        data.bruger("aarhus_kommune"),
        CPR_B,
        _felter(data, ydelse=valgt, start=date(2025, 7, 1), henvist_ydelse=henvist),
    )
    assert o2.frit_valg["resultat"]["kan_afvises"] is False
    Ydelsesaar.objects.create(ydelse=henvist, aar=2024, takst=Decimal("1000.00"))
    Ydelsesaar.objects.create(ydelse=valgt, aar=2024, takst=Decimal("2000.00"))
    o3 = services.opret_ophold(
        data.bruger("aarhus_kommune"),
        CPR_B,
        _felter(data, ydelse=valgt, start=date(2024, 7, 1), henvist_ydelse=henvist),
    )
    assert o3.frit_valg["resultat"]["gaelder"] is False and o3.frit_valg["resultat"]["kan_afvises"] is False


# --- import -----------------------------------------------------------------------------------

HOVED = (
    "CPR-nummer;Handlekommune;Betalingskommune;Tilbud;Ydelse;Start;Opsagt;Opsagt af;Slut;Årsag;Indskrivning %"
)


def _csv(*raekker: str, bom: bool = True) -> bytes:
    return ("\ufeff" if bom else "").encode() + "\r\n".join((HOVED, *raekker)).encode("utf-8")


GOD = _csv(
    "010180-4678;751;Aarhus;Solhaven;Længerevarende botilbud;01-03-2018;;;;;100",
    "1502921234;Aarhus Kommune;751;Solhaven;Dagtilbud;2018-04-01;15-05-2018;handlekommune;30-06-2018;Flyttet;87,5",
)


@override_settings(CPR_NOEGLE=NOEGLE)
def test_import_csv_to_gange_aendrer_intet(data: Registerdata) -> None:
    r = services.importer_ophold(data.bruger("aarhus_kommune"), GOD, "ophold.csv")
    assert r.ok and r.nye == 2, r.fejl
    o = Ophold.objects.get(ydelse=data.dagtilbud)
    assert (
        o.indskrivning_pct == Decimal("87.50")
        and o.slut == date(2018, 6, 30)
        and o.opsagt_af == "handlekommune"
    )
    historik = Ophold.history.count()
    r2 = services.importer_ophold(data.bruger("aarhus_kommune"), GOD, "ophold.csv")
    assert r2.ok and (r2.nye, r2.aendrede, r2.uaendrede) == (0, (), 2)
    assert Ophold.history.count() == historik  # nothing written the second time


def _xlsx(raekker: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Indskrivninger"
    ws.append(HOVED.split(";"))
    for r in raekker:
        ws.append(r)
    ud = io.BytesIO()
    wb.save(ud)
    return ud.getvalue()


@override_settings(CPR_NOEGLE=NOEGLE)
def test_import_excel_fejl_med_fil_ark_raekke_og_kolonne(data: Registerdata) -> None:
    fil = _xlsx(
        [
            ["010180-4678", 751, 751, "Solhaven", "Længerevarende botilbud", date(2018, 3, 1)],
            ["3213801234", 751, 751, "Solhaven", "Længerevarende botilbud", date(2018, 3, 1)],
            ["1502921234", 751, 999, "Solhaven", "Svømmehal", "31-02-2018"],
        ]
    )
    r = services.importer_ophold(data.bruger("aarhus_kommune"), fil, "eksport.xlsx")
    tekster = [str(f) for f in r.fejl]
    assert not r.ok and not Ophold.objects.exists()  # all or nothing
    assert (
        'eksport.xlsx, ark "Indskrivninger", række 3, kolonne A ("CPR-nummer"): de seks første cifre i '
        "CPR-nummeret er ikke en gyldig fødselsdato" in tekster
    )
    assert any('række 4, kolonne F ("Start"): "31-02-2018" er ikke en dato' in t for t in tekster)
    assert all("3213801234" not in t for t in tekster)  # the number is never repeated
    r = services.importer_ophold(
        data.bruger("aarhus_kommune"),
        _xlsx([["1502921234", 751, 999, "Solhaven", "Svømmehal", date(2018, 3, 1)]]),
        "eksport.xlsx",
    )
    tekster = [str(f) for f in r.fejl]
    assert (
        'eksport.xlsx, ark "Indskrivninger", række 2, kolonne C ("Betalingskommune"): kommunen "999" findes ikke'
        in tekster
    )
    assert (
        'eksport.xlsx, ark "Indskrivninger", række 2, kolonne E ("Ydelse"): tilbuddet "Solhaven" har ingen ydelse "Svømmehal"'
        in tekster
    )


@override_settings(CPR_NOEGLE=NOEGLE)
def test_import_kun_egne_ophold(data: Registerdata) -> None:
    r = services.importer_ophold(data.bruger("randers_kommune"), GOD, "ophold.csv")
    assert not r.ok
    assert str(r.fejl[0]) == (
        'ophold.csv, række 2, kolonne C ("Betalingskommune"): du kan kun indlæse egne ophold: '
        "betalingskommunen skal være Randers"
    )


def test_csv_uden_bom_og_mangler_kolonne() -> None:
    r = laes_ophold(
        _csv("010180-4678;751;751;Solhaven;Længerevarende botilbud;01-03-2018", bom=False), "a.csv"
    )
    assert r.raekker and r.raekker[0].cpr == CPR_A
    r = laes_ophold(b"CPR-nummer;Tilbud\n010180-4678;Solhaven", "b.csv")
    assert "mangler i overskrifterne" in str(r.fejl[0]) and "Handlekommune" in str(r.fejl[0])


# --- pages ------------------------------------------------------------------------------------


@override_settings(CPR_NOEGLE=NOEGLE)
def test_adgang_og_ingen_cpr_paa_siderne(data: Registerdata) -> None:
    services.importer_ophold(data.bruger("aarhus_kommune"), GOD, "ophold.csv")
    o = Ophold.objects.get(ydelse=data.botilbud)

    def klient(rolle: str) -> Client:
        c = Client()
        c.force_login(data.bruger(rolle))
        return c

    side = reverse("ophold:ophold", args=[o.pk])
    forventet = {
        "aarhus_kommune": 200,
        "driftsherre": 200,
        "randers_kommune": 403,
        "driftsherre_anden": 403,
        "sekretariat": 403,
        "laeser": 403,
        "sekretariat_anden": 404,
    }
    for rolle, status in forventet.items():
        assert klient(rolle).get(side).status_code == status, rolle
    c = klient("aarhus_kommune")
    sider = [
        reverse("ophold:liste"),
        reverse("ophold:liste") + "?hent=excel",
        side,
        reverse("ophold:rediger", args=[o.pk]),
        reverse("register:tilbud", args=[data.solhaven.pk]),
    ]
    for url in sider:
        svar = c.get(url)
        assert svar.status_code == 200, url
        indhold = (
            svar.content.decode("utf-8", "replace") if "excel" not in url else _excel_tekst(svar.content)
        )
        for cpr in (CPR_A, CPR_B, "010180-4678", "150292-1234"):
            assert cpr not in indhold, url
    assert "Solhaven" in _excel_tekst(c.get(reverse("ophold:liste") + "?hent=excel").content)
    assert klient("sekretariat").get(reverse("ophold:optaelling")).status_code == 200
    assert klient("laeser").get(reverse("ophold:liste")).status_code == 403
    assert klient("sekretariat").get(reverse("ophold:liste")).status_code == 403


def _excel_tekst(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(
        str(v) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for v in r if v is not None
    )
