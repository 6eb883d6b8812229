"""Loading the rulebook: every problem in every file at once, each with its file and line.

The rule files below are written without a leading blank line (the strings start right
after the backslash), so line 1 of a file is the first line of its string. The expected
line numbers are counted by hand; the numbered comment above each file shows the count.
"""

from __future__ import annotations

import ast
import pickle
import textwrap
from datetime import date
from pathlib import Path

import pytest

import socialstyring.regler
from socialstyring.regler import Regelbog, RegelbogFejl, Regelfejl


def _skriv(mappe: Path, filer: dict[str, str | bytes]) -> None:
    for sti, indhold in filer.items():
        fil = mappe / sti
        fil.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(indhold, bytes):
            fil.write_bytes(indhold)
        else:
            fil.write_text(textwrap.dedent(indhold), encoding="utf-8")


def _fejl(mappe: Path) -> list[Regelfejl]:
    with pytest.raises(RegelbogFejl) as info:
        Regelbog.indlaes(mappe)
    return info.value.fejl


# 1 beskrivelse / 2 parametre / 3 sats_pct / 7 its first value / 10 loft_kr / 14 its value,
# which has neither kilde nor antaget.
NATIONAL_TAKST = """\
    beskrivelse: Nationale takstregler
    parametre:
      sats_pct:
        beskrivelse: En national sats
        enhed: pct
        vaerdier:
          - fra: 2018-01-01
            vaerdi: 5
            kilde: {dokument: Lov om noget}
      loft_kr:
        beskrivelse: Et loft uden kilde
        enhed: kr
        vaerdier:
          - fra: 2019-01-01
            vaerdi: 1000
    """

# Line 5 has a second colon at column 15 (4 spaces + "enhed: pct" is 14 characters).
NATIONAL_SYNTAKS = """\
    beskrivelse: Syntaksfejl
    parametre:
      a_pct:
        beskrivelse: xyz
        enhed: pct: x
    """

# Line 1: a list, not a mapping.
NATIONAL_LISTE = """\
    - beskrivelse
    - parametre
    """

# 3 tilsyn_pct / 7 first value / 10 second value with the impossible date 2018-13-01.
MIDT_OVERHEAD = """\
    beskrivelse: Overhead i Midtjylland
    parametre:
      tilsyn_pct:
        beskrivelse: Tilsynets andel
        enhed: pct
        vaerdier:
          - fra: 2017-01-01
            vaerdi: 1
            antaget: Aftalen nævner ingen sats for tilsyn.
          - fra: 2018-13-01
            vaerdi: 2
            antaget: Aftalen nævner ingen sats for tilsyn.
    """

# 3 sats_pct (also national, flag forgotten) / 7 egen_kr (flag set, nothing national).
MIDT_TAKST = """\
    beskrivelse: Midtjyllands takstregler
    parametre:
      sats_pct:
        beskrivelse: Egen sats, flaget er glemt
        enhed: pct
        vaerdier: [{fra: 2018-01-01, vaerdi: 4, kilde: {dokument: Rammeaftale Midtjylland}}]
      egen_kr:
        beskrivelse: Findes ikke nationalt
        enhed: kr
        tilsidesaetter_national: true
        vaerdier: [{fra: 2018-01-01, vaerdi: 10, kilde: {dokument: Rammeaftale Midtjylland}}]
    """

# 9: the source has the unknown key 'side'.
SYD_AFTALE = """\
    beskrivelse: Syddanmarks aftale
    parametre:
      navn:
        beskrivelse: Aftalens navn
        enhed: tekst
        vaerdier:
          - fra: 2018-01-01
            vaerdi: Rammeaftale Syddanmark
            kilde: {dokument: Rammeaftale Syddanmark, side: 3}
    """

# 3 sats_pct (also national, no flag) / 7 its value 150 is over 100: the file is invalid,
# and the clash with the national parameter is reported all the same.
SYD_TAKST = """\
    beskrivelse: Syddanmarks takstregler
    parametre:
      sats_pct:
        beskrivelse: Ugyldig og uden flag
        enhed: pct
        vaerdier:
          - {fra: 2018-01-01, vaerdi: 150, antaget: Et skøn fra regionen i 2018.}
    """


def test_een_indlaesning_melder_alle_fejl_i_alle_filer_med_fil_og_linje(tmp_path: Path) -> None:
    _skriv(
        tmp_path,
        {
            "national/takst.yaml": NATIONAL_TAKST,
            "national/syntaks.yaml": NATIONAL_SYNTAKS,
            "national/liste.yaml": NATIONAL_LISTE,
            "midtjylland/overhead.yaml": MIDT_OVERHEAD,
            "midtjylland/takst.yaml": MIDT_TAKST,
            "syddanmark/aftale.yaml": SYD_AFTALE,
            "syddanmark/takst.yaml": SYD_TAKST,
            "jylland/takst.yaml": NATIONAL_TAKST,
        },
    )
    fejl = _fejl(tmp_path)
    fundet = [(f.fil.relative_to(tmp_path).as_posix(), f.linje, f.kolonne, f.sti, f.besked) for f in fejl]
    til_national = "skriv 'tilsidesaetter_national: true' for at tilsidesætte den nationale værdi"
    assert fundet == [
        # The unknown layer is a folder (no line); its file is checked too (line 14: no source).
        (
            "jylland",
            None,
            None,
            "",
            "ukendt lag 'jylland'; kendte lag er " + ", ".join(socialstyring.regler.LAG),
        ),
        (
            "jylland/takst.yaml",
            14,
            None,
            "parametre.loft_kr.vaerdier[0]",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        (
            "midtjylland/overhead.yaml",
            10,
            None,
            "parametre.tilsyn_pct.vaerdier[1].fra",
            "'2018-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)",
        ),
        ("midtjylland/takst.yaml", 3, None, "parametre.sats_pct", f"findes også i national; {til_national}"),
        (
            "midtjylland/takst.yaml",
            7,
            None,
            "parametre.egen_kr",
            "'tilsidesaetter_national' er sat, men der er ingen national parameter med det navn",
        ),
        ("national/liste.yaml", 1, None, "", "filen skal være en tabel med 'beskrivelse' og 'parametre'"),
        ("national/syntaks.yaml", 5, 15, "", "ugyldig YAML: mapping values are not allowed here"),
        (
            "national/takst.yaml",
            14,
            None,
            "parametre.loft_kr.vaerdier[0]",
            "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
        ),
        ("syddanmark/aftale.yaml", 9, None, "parametre.navn.vaerdier[0].kilde.side", "ukendt nøgle"),
        ("syddanmark/takst.yaml", 3, None, "parametre.sats_pct", f"findes også i national; {til_national}"),
        (
            "syddanmark/takst.yaml",
            7,
            None,
            "parametre.sats_pct",
            "vaerdier[0].vaerdi: 150 ligger over 100 (enhed pct)",
        ),
    ]


def test_beskeden_har_en_linje_pr_fejl_sorteret_efter_fil_og_linje(tmp_path: Path) -> None:
    _skriv(tmp_path, {"national/takst.yaml": NATIONAL_TAKST, "midtjylland/overhead.yaml": MIDT_OVERHEAD})
    with pytest.raises(RegelbogFejl) as info:
        Regelbog.indlaes(tmp_path)
    linjer = str(info.value).splitlines()
    assert linjer == [str(f) for f in info.value.fejl]
    assert linjer == [
        f"{tmp_path / 'midtjylland/overhead.yaml'}:10: parametre.tilsyn_pct.vaerdier[1].fra: "
        "'2018-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)",
        f"{tmp_path / 'national/takst.yaml'}:14: parametre.loft_kr.vaerdier[0]: "
        "en værdi skal have præcis én af 'kilde' og 'antaget' (med begrundelse)",
    ]
    # The structured list survives pickling (e.g. from a worker process).
    kopi = pickle.loads(pickle.dumps(info.value))
    assert kopi.fejl == info.value.fejl and str(kopi) == str(info.value)


def test_flere_fejl_i_samme_fil_og_manglende_felt_peger_paa_tabellen(tmp_path: Path) -> None:
    # 3 a_pct (lacks beskrivelse) / 6 its value / 7 its 'til' before 'fra' /
    # 10 b_kr / 12 an unknown unit / 13 an unknown key / 14 vaerdier, an empty list.
    tekst = """\
        beskrivelse: Flere fejl
        parametre:
          a_pct:
            enhed: pct
            vaerdier:
              - fra: 2020-01-01
                til: 2019-01-01
                vaerdi: 1
                antaget: Et skøn fra 2020 her.
          b_kr:
            beskrivelse: Et beløb
            enhed: kroner
            farve: blå
            vaerdier: []
        """
    _skriv(tmp_path, {"national/flere.yaml": tekst})
    fundet = [(f.linje, f.sti, f.besked) for f in _fejl(tmp_path)]
    assert [(linje, sti) for linje, sti, _ in fundet] == [
        # A missing key points at the mapping that should hold it: the key a_pct.
        (3, "parametre.a_pct.beskrivelse"),
        # The value's own check names the value; its message names 'til', found on line 7.
        (7, "parametre.a_pct.vaerdier[0]"),
        (12, "parametre.b_kr.enhed"),
        (13, "parametre.b_kr.farve"),
        (14, "parametre.b_kr.vaerdier"),
    ]
    assert [besked for _, _, besked in fundet][:2] == [
        "påkrævet felt mangler",
        "'til' (2019-01-01) skal ligge efter 'fra' (2020-01-01)",
    ]
    assert fundet[2][2].startswith("'kroner' er ikke en gyldig værdi (")
    assert fundet[3][2] == "ukendt nøgle" and fundet[4][2] == "listen må ikke være tom"


def test_yamlfejl_der_ikke_er_syntaks_har_ogsaa_linje(tmp_path: Path) -> None:
    _skriv(
        tmp_path,
        {
            # Line 2: .inf is a YAML float but no amount; column 7 is where the value starts.
            "national/uendelig.yaml": "beskrivelse: Uendelig\nsats: .inf\n",
            # Line 3: a control character YAML does not allow.
            "national/tegn.yaml": "beskrivelse: Tegn\nparametre:\n  a: b\x07c\n",
            # Line 2: a byte that is not UTF-8.
            "national/latin1.yaml": "beskrivelse: Latin-1\nnote: bl\xe5\n".encode("latin-1"),
        },
    )
    fundet = [(f.fil.name, f.linje, f.kolonne, f.besked) for f in _fejl(tmp_path)]
    assert fundet == [
        ("latin1.yaml", 2, None, "filen er ikke gyldig UTF-8"),
        ("tegn.yaml", 3, None, "ugyldig YAML: tegnet #x0007 er ikke tilladt"),
        ("uendelig.yaml", 2, 7, "ugyldig YAML: '.inf' er ikke et tal"),
    ]


def test_den_pakkede_regelbog_indlaeses_uden_fejl() -> None:
    bog = Regelbog.indlaes()
    assert bog.navne("national") and all(bog.navne(region) for region in socialstyring.regler.REGIONER)
    assert bog.vaerdi("aftale.navn", "syddanmark", date(2026, 1, 1)).lag == "syddanmark"


# Imports of the project outside the rulebook that are tolerated: none.
TILLADT: set[tuple[str, str | None, tuple[str, ...]]] = set()


def test_regelbogen_importerer_intet_andet_fra_projektet() -> None:
    pakke = Path(socialstyring.regler.__file__).parent
    fundet: dict[tuple[str, str | None, tuple[str, ...]], str] = {}
    for fil in sorted(pakke.glob("*.py")):
        træ = ast.parse(fil.read_text(encoding="utf-8"), filename=str(fil))
        for funktion, node in _importer(træ, None):
            if isinstance(node, ast.ImportFrom):
                # level 1 is this package itself; 2 and up reach out of it.
                moduler = [] if node.level == 1 else ["." * node.level + (node.module or "")]
            else:
                moduler = [a.name for a in node.names]
            for modul in moduler:
                udenfor = modul.startswith(".") or (
                    modul.split(".")[0] == "socialstyring"
                    and modul != "socialstyring.regler"
                    and not modul.startswith("socialstyring.regler.")
                )
                if udenfor:
                    fundet[(fil.name, funktion, tuple(a.name for a in node.names))] = modul
    ulovlige = {noegle: modul for noegle, modul in fundet.items() if noegle not in TILLADT}
    assert not ulovlige, f"regelbogen importerer fra resten af projektet: {ulovlige}"
    # Module level in particular holds nothing of the rest of the project.
    assert all(funktion is not None for _, funktion, _ in fundet)


def _importer(node: ast.AST, funktion: str | None) -> list[tuple[str | None, ast.Import | ast.ImportFrom]]:
    """Every import below `node` with the name of the function it sits in (None: module level)."""
    resultat: list[tuple[str | None, ast.Import | ast.ImportFrom]] = []
    for barn in ast.iter_child_nodes(node):
        if isinstance(barn, ast.Import | ast.ImportFrom):
            resultat.append((funktion, barn))
        indre = barn.name if isinstance(barn, ast.FunctionDef | ast.AsyncFunctionDef) else funktion
        resultat.extend(_importer(barn, indre))
    return resultat
