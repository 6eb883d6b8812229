"""The house rules (docs/arkitektur.md), checked on the source itself with `ast`:

- the engine (`socialstyring/beregning`) imports no Django, io, web, cli or demo, and a
  concept module imports only `kerne`, its own package and the building blocks it is
  composed of (`SAMMENSAETNING`: declared here and in the architecture document);
- a web app imports from another app only its `services` and `selectors` (and anything of
  `register`, `faelles`, `lister` and `excelimport`), never its views, forms, models or
  templates' helpers;
- production code does not import the demo (only the CLI's `demo` command does, inside it);
- no module defines a type that `beregning.kerne.typer` defines (one definition each);
- the rulebook imports nothing else of the project;
- the user's role is read once per request;
- no app is over 1,500 lines of Python.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from registerdata import ROLLER, opret_registerdata

ROD = Path(__file__).resolve().parent.parent / "socialstyring"
BEREGNING = ROD / "beregning"
WEB = ROD / "web"

SAMMENSAETNING: dict[str, set[str]] = {
    "takst": {"budgetbelaegning", "efterregulering"},  # the rate = budgeted occupancy + carried results
    "resultat": {"efterregulering"},  # the result's settlement is the 5 % rule
    "ledelsesinfo": {"belaegning"},  # table D and the flag are the occupancy rule
}
"""Engine modules composed of other concept modules; any other sibling import is a fault
(what two modules share otherwise belongs in `kerne`)."""

FREMMEDE_FOR_MOTOREN = (
    "django",
    "socialstyring.io",
    "socialstyring.web",
    "socialstyring.cli",
    "socialstyring.demo",
)

MAKS_LINJER_PR_APP = 1500
"""At most 1,500 lines of Python per web app (migrations not counted)."""


@dataclass(frozen=True)
class Import:
    fil: Path
    linje: int
    modul: str  # absolute module name
    navne: tuple[str, ...]
    funktion: str | None  # the function it sits in; None at module level


def _modulnavn(fil: Path) -> str:
    dele = fil.relative_to(ROD.parent).with_suffix("").parts
    return ".".join(dele[:-1] if dele[-1] == "__init__" else dele)


def _importer(fil: Path) -> list[Import]:
    traee = ast.parse(fil.read_text(encoding="utf-8"), filename=str(fil))
    pakke = _modulnavn(fil) if fil.name == "__init__.py" else _modulnavn(fil).rsplit(".", 1)[0]
    ud: list[Import] = []

    def besoeg(node: ast.AST, funktion: str | None) -> None:
        for barn in ast.iter_child_nodes(node):
            if isinstance(barn, ast.Import):
                ud.extend(Import(fil, barn.lineno, a.name, (), funktion) for a in barn.names)
            elif isinstance(barn, ast.ImportFrom):
                modul = barn.module or ""
                if barn.level:
                    basis = pakke.split(".")
                    basis = basis[: len(basis) - (barn.level - 1)]
                    modul = ".".join([*basis, modul] if modul else basis)
                ud.append(Import(fil, barn.lineno, modul, tuple(a.name for a in barn.names), funktion))
            indre = barn.name if isinstance(barn, (ast.FunctionDef, ast.AsyncFunctionDef)) else funktion
            besoeg(barn, indre)

    besoeg(traee, None)
    return ud


def _filer(mappe: Path) -> list[Path]:
    return sorted(p for p in mappe.rglob("*.py") if "migrations" not in p.parts)


def _sted(i: Import) -> str:
    return f"{i.fil.relative_to(ROD.parent)}:{i.linje} importerer {i.modul}"


def _fulde_moduler(i: Import) -> list[str]:
    """`from a.b import c` may import the module a.b.c: both names count."""
    return [i.modul, *(f"{i.modul}.{n}" for n in i.navne)]


# --- the engine -------------------------------------------------------------------------------


def _koncept(modul: str) -> str | None:
    """The engine's concept a module belongs to: `takst`, `aendring` (a package), …; None for kerne."""
    dele = modul.split(".")
    if dele[:2] != ["socialstyring", "beregning"] or len(dele) < 3:
        return None
    return None if dele[2] == "kerne" else dele[2]


def test_motoren_importerer_kun_kerne_og_sine_byggesten() -> None:
    fejl = []
    for fil in _filer(BEREGNING):
        eget = _koncept(_modulnavn(fil))
        for i in _importer(fil):
            if i.modul.startswith(FREMMEDE_FOR_MOTOREN):
                fejl.append(_sted(i))
                continue
            for m in _fulde_moduler(i):
                andet = _koncept(m)
                if andet is None or andet == eget or m == "socialstyring.beregning":
                    continue
                if eget is None:
                    fejl.append(f"{_sted(i)} (kerne må kun importere kerne)")
                elif andet not in SAMMENSAETNING.get(eget, set()):
                    fejl.append(f"{_sted(i)} (ikke en erklæret byggesten af {eget})")
                break
    assert not fejl, "\n".join(fejl)


# --- the web apps -----------------------------------------------------------------------------

FAELLES_APPS = {"register", "faelles", "lister", "excelimport"}
TILLADTE_MODULER = {"services", "selectors"}


def _app(modul: str) -> tuple[str, str] | None:
    """(app, the module inside it) of a web module: ('indberetning', 'services')."""
    dele = modul.split(".")
    if dele[:2] != ["socialstyring", "web"] or len(dele) < 3:
        return None
    return dele[2], dele[3] if len(dele) > 3 else ""


def test_en_app_bruger_kun_andre_apps_services_og_selectors() -> None:
    fejl = []
    for fil in _filer(WEB):
        eget = _app(_modulnavn(fil))
        if eget is None:
            continue
        for i in _importer(fil):
            for m in _fulde_moduler(i):
                andet = _app(m)
                if andet is None or andet[0] == eget[0] or andet[0] in FAELLES_APPS or not andet[1]:
                    continue
                if andet[1] not in TILLADTE_MODULER:
                    fejl.append(f"{_sted(i)} (kun services og selectors fra en anden app)")
                break
    assert not fejl, "\n".join(fejl)


def test_faelles_kender_ingen_omraader() -> None:
    """The shared layers know no area: every area builds on them, not the other way round
    (`lister` and `excelimport` build on `faelles`)."""
    fejl = [
        _sted(i)
        for delt in ("faelles", "lister", "excelimport")
        for fil in _filer(WEB / delt)
        for i in _importer(fil)
        if (a := _app(i.modul)) is not None and a[0] not in ("faelles", delt)
    ]
    assert not fejl, "\n".join(fejl)


def test_ingen_views_importeres_uden_for_deres_app() -> None:
    fejl = []
    for fil in _filer(ROD):
        eget = _app(_modulnavn(fil))
        for i in _importer(fil):
            for m in _fulde_moduler(i):
                a = _app(m)
                if a is not None and a[1] == "views" and (eget is None or eget[0] != a[0]):
                    fejl.append(_sted(i))
    assert not fejl, "\n".join(fejl)


# --- the demo ---------------------------------------------------------------------------------

DEMOKOMMANDOER = {(ROD / "cli.py", "demo_opsaet"), (ROD / "cli.py", "demo_national")}
"""The production places that load a demo: the CLI's `socialstyring demo opsaet` and
`socialstyring demo national`."""


def test_produktionskoden_importerer_ikke_demoen() -> None:
    fejl = []
    for fil in _filer(ROD):
        if (ROD / "demo") in fil.parents:
            continue
        for i in _importer(fil):
            if not i.modul.startswith("socialstyring.demo"):
                continue
            if (fil, i.funktion) in DEMOKOMMANDOER:
                continue
            fejl.append(_sted(i) + (f" (i {i.funktion})" if i.funktion else " (på modulniveau)"))
    assert not fejl, "\n".join(fejl)


# --- one definition of each shared type -------------------------------------------------------


def _definerede_navne(fil: Path) -> dict[str, int]:
    """Classes and module-level names a file defines, with their line."""
    traee = ast.parse(fil.read_text(encoding="utf-8"))
    navne: dict[str, int] = {}
    for node in traee.body:
        if isinstance(node, ast.ClassDef):
            navne[node.name] = node.lineno
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            maal = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in maal:
                if isinstance(t, ast.Name):
                    navne[t.id] = node.lineno
    return navne


def test_ingen_definerer_en_type_som_kerne_typer_definerer() -> None:
    typer = BEREGNING / "kerne" / "typer.py"
    egne = {n for n in _definerede_navne(typer) if n[:1].isupper() and not n.isupper()}
    assert {"Pladstype", "Kategori", "Aendringstype", "Betalingskommune", "Kommunekode"} <= egne
    fejl = [
        f"{fil.relative_to(ROD.parent)}:{linje} definerer {navn}, som kerne.typer definerer"
        for fil in _filer(ROD)
        if fil != typer
        for navn, linje in _definerede_navne(fil).items()
        if navn in egne
    ]
    assert not fejl, "\n".join(fejl)


def test_regelbogen_importerer_intet_andet_fra_projektet() -> None:
    fejl = [
        _sted(i)
        for fil in _filer(ROD / "regler")
        for i in _importer(fil)
        if i.modul.startswith("socialstyring.") and not i.modul.startswith("socialstyring.regler")
    ]
    assert not fejl, "\n".join(fejl)


# --- size -------------------------------------------------------------------------------------


def test_ingen_app_er_over_1500_linjer() -> None:
    linjer = {
        app.name: sum(len(p.read_text(encoding="utf-8").splitlines()) for p in _filer(app))
        for app in WEB.iterdir()
        if app.is_dir() and (app / "apps.py").exists()
    }
    for_store = {a: n for a, n in linjer.items() if n > MAKS_LINJER_PR_APP}
    assert not for_store, f"apps over {MAKS_LINJER_PR_APP} linjer Python: {for_store}"


# --- the role, once per request ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", ROLLER)
def test_rollen_laeses_een_gang_pr_forespoergsel(rolle: str) -> None:
    """The front page asks many areas' rules (menu, cards); the profile is read once."""
    data = opret_registerdata()
    klient = Client()
    klient.force_login(data.bruger(rolle))
    with CaptureQueriesContext(connection) as forespoergsler:
        assert klient.get("/").status_code == 200
    profil = [q["sql"] for q in forespoergsler.captured_queries if "register_brugerprofil" in q["sql"]]
    assert len(profil) == 1, profil
