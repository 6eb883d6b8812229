"""Fuzzing the importers other than the Excel templates (`tests/importfuzz.py`): the stays
import page (CSV and Excel), the FOLK1A and REGK31 services the CLI calls, and the restore of a
backup into an empty database. For each, the valid file imports correctly, and a few dozen
seeded mutations of it are each a correct import or a clear Danish error naming the file (and
the row and column the mutation touched) with the database exactly as before — never an
exception, never a partial import. `benchmarks/fuzz_import.py` runs the same on 1.500 files
per importer.

Below them, the faults the fuzzing found, each as the exact input: errors that named no row or
column, and backups SQLite would have restored with values beyond their columns or refused in
English without saying where.
"""

from __future__ import annotations

import gzip
import json
import random
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import importfuzz as fz
import pytest
from django.db import transaction
from excelfuzz import _ret_del
from openpyxl import Workbook

from socialstyring.io.kilder.folk1a import Folk1aFejl, laes_folk1a
from socialstyring.io.kilder.regk31 import Regk31Fejl, laes_regk31
from socialstyring.io.ophold import laes_ophold
from socialstyring.web.drift.services import Backupfejl, gendan_backup

pytestmark = pytest.mark.django_db

FILER = 30
"""Files per importer: about 25 s in all on SQLite on the 2-core development machine."""


def _fuzz(imp: Any, filer: int = FILER) -> None:
    grunde = imp.grundfiler()
    for grund in grunde:  # the valid files themselves
        with transaction.atomic():
            assert imp.importer(fz.Mutant(grund)).art == "korrekt"
            transaction.set_rollback(True)
    for i in range(filer):
        m = imp.muter(grunde[i % len(grunde)], random.Random(f"test-{imp.navn}-{i}"))
        with transaction.atomic():
            udfald = imp.importer(m)
            transaction.set_rollback(True)
        assert udfald.art in ("korrekt", "fejl"), (
            f"{imp.navn}, fil {i} ({m.hvad}): {udfald.art}: {udfald.detaljer}"
        )


def test_backup_fuzz(tmp_path: Path) -> None:
    _fuzz(fz.BackupImport(tmp_path))


def test_ophold_fuzz(demo: None) -> None:
    _fuzz(fz.OpholdImport(), 2 * FILER)  # CSV and Excel in turn


def test_befolkning_fuzz(demo: None, tmp_path: Path) -> None:
    _fuzz(fz.KildeImport("befolkning", fz.FOLK1A, tmp_path))


def test_regnskabstal_fuzz(demo: None, tmp_path: Path) -> None:
    _fuzz(fz.KildeImport("regnskabstal", fz.REGK31, tmp_path))


# --- what the fuzzing found ----------------------------------------------------------------


def test_ophold_csv_med_et_felt_over_csv_graensen_navngiver_raekke_og_kolonne() -> None:
    data = "CPR-nummer;Tilbud\r\n010180-4678;Solhaven\r\n010180-4678;{}\r\n".format("x" * 200_000).encode()
    assert [str(f) for f in laes_ophold(data, "ophold.csv").fejl] == [
        'ophold.csv, række 3, kolonne "Tilbud": et felt er længere end 131.072 tegn; højst 200'
    ]


def _ophold_xlsx(indskrivning: object) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Ophold"
    ws.append(
        ["CPR-nummer", "Handlekommune", "Betalingskommune", "Tilbud", "Ydelse", "Start", "Indskrivning %"]
    )
    ws.append(["010180-4678", 751, 751, "Solhaven", "Dagtilbud", "01-03-2018", indskrivning])
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue()


def test_ophold_excel_med_sand_eller_nan_som_indskrivning_er_en_fejl_ikke_en_serverfejl() -> None:
    # TRUE in "Indskrivning %" was Decimal("True"): InvalidOperation, a server error on the page
    assert [str(f) for f in laes_ophold(_ophold_xlsx(True), "eksport.xlsx").fejl] == [
        'eksport.xlsx, ark "Ophold", række 2, kolonne G ("Indskrivning %"): indskrivningen skal være et tal i '
        "procent, fx 87,5"
    ]
    celle = (b'<c r="G2" t="n"><v>55</v></c>', b'<c r="G2"><v>NaN</v></c>')  # as another program writes it
    nan = _ret_del(_ophold_xlsx(55), "xl/worksheets/sheet1.xml", lambda xml: xml.replace(*celle))
    with zipfile.ZipFile(BytesIO(nan)) as z:
        assert celle[1] in z.read("xl/worksheets/sheet1.xml")
    assert [str(f) for f in laes_ophold(nan, "eksport.xlsx").fejl] == [
        'eksport.xlsx, ark "Ophold", række 2, kolonne G ("Indskrivning %"): "NaN" er ikke et tal (filen er '
        "beskadiget); skriv værdien igen i Excel og gem filen"
    ]


def test_ophold_csv_med_en_byte_der_ikke_er_utf8_navngiver_raekken() -> None:
    data = b"\xef\xbb\xbfCPR-nummer;Tilbud\r\n010180-4678;Solhaven\r\n010180-4678;S\x81lhaven\r\n"
    fejl = laes_ophold(data, "ophold.csv").fejl
    assert len(fejl) == 1 and str(fejl[0]).startswith("ophold.csv, række 3: filen er hverken")


def test_folk1a_med_en_byte_der_hverken_er_utf8_eller_cp1252_navngiver_raekken(tmp_path: Path) -> None:
    fil = tmp_path / "folk1a.csv"
    fil.write_bytes(
        b"OMR\xc5DE;ALDER;TID;INDHOLD\nFavrskov;0 \xe5r;2018K1;639\nFavrskov;1 \x81r;2018K1;592\n"
    )
    with pytest.raises(Folk1aFejl) as fejl:
        laes_folk1a(fil)
    assert str(fejl.value) == (
        f"{fil}: række 3: byten 0x81 er hverken UTF-8 eller Windows-1252; er filen en tekstfil (CSV) fra "
        "Statistikbanken?"
    )
    fil.write_bytes(
        "\ufeffOMRÅDE;ALDER;TID;INDHOLD\nFavrskov;0 år;2018K1;639\n".encode() + b"Favrskov;1 \xe5r\n"
    )
    with pytest.raises(
        Folk1aFejl, match=r"folk1a\.csv: række 3: filen begynder som UTF-8 \(BOM\), men byten 0xE5"
    ):
        laes_folk1a(fil)


def test_regk31_med_et_felt_over_csv_graensen_navngiver_raekke_og_kolonne(tmp_path: Path) -> None:
    fil = tmp_path / "regk31.csv"
    fil.write_text(
        f"OMRÅDE;FUNKTION;TID;INDHOLD\nVejle;5.38.50 Botilbud;2020;660000\nVejle;{'z' * 200_000};2020;1\n"
    )
    with pytest.raises(Regk31Fejl) as fejl:
        laes_regk31(fil)
    assert str(fejl.value) == f"{fil}: række 3: FUNKTION: et felt er længere end 131.072 tegn; højst 100"


def _backup(tmp_path: Path) -> list[dict[str, Any]]:
    objekter: list[dict[str, Any]] = json.loads(gzip.decompress(fz.backup_grundfil(tmp_path)))
    return objekter


def _gendan(tmp_path: Path, objekter: list[Any]) -> str:
    """The refusal of a restore of `objekter`, with the database left empty."""
    fil = tmp_path / "b.json.gz"
    fil.write_bytes(gzip.compress(json.dumps(objekter).encode()))
    with pytest.raises(Backupfejl) as fejl:
        gendan_backup(fil)
    assert fz.raekker_i_alt() == 0
    return str(fejl.value).removeprefix(f"{fil}: ")


def _nr(objekter: list[dict[str, Any]], model: str) -> int:
    return next(i for i, o in enumerate(objekter) if o["model"] == model)


def test_backup_med_vaerdier_ud_over_kolonnen_afvises_med_objekt_og_felt(tmp_path: Path) -> None:
    objekter = _backup(tmp_path)
    i = _nr(objekter, "register.kommune")
    pk = objekter[i]["pk"]
    # SQLite would store a 300-character name in varchar(100), and 10**30 overflowed (a crash)
    objekter[i]["fields"]["navn"] = "x" * 300
    assert _gendan(tmp_path, objekter) == (
        f"objekt nr. {i + 1} (register.kommune, pk {pk}), feltet navn: Denne værdi må højst have 100 tegn "
        "(den har 300) (værdien 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'). Intet er gendannet."
    )
    objekter[i]["fields"]["navn"] = "Aarhus"
    objekter[i]["fields"]["kode"] = 10**30
    assert _gendan(tmp_path, objekter).startswith(
        f"objekt nr. {i + 1} (register.kommune, pk {pk}), feltet kode:"
    )


def test_backup_med_en_raekke_to_gange_eller_en_noegle_til_intet_afvises(tmp_path: Path) -> None:
    objekter = _backup(tmp_path)
    i = _nr(objekter, "register.driftsherre")
    pk = objekter[i]["pk"]
    kopi = json.loads(json.dumps(objekter[i]))
    kopi["fields"]["navn"] = "En anden"
    assert _gendan(tmp_path, [*objekter, kopi]) == (
        f"objekt nr. {len(objekter) + 1} (register.driftsherre, pk {pk}): rækken står også som objekt nr. {i + 1}. "
        "Intet er gendannet."
    )
    objekter[i]["fields"]["rammeaftale"] = 987_654
    assert _gendan(tmp_path, objekter) == (
        f"objekt nr. {i + 1} (register.driftsherre, pk {pk}), feltet rammeaftale: peger på register.rammeaftale "
        "987654, som ikke er i backuppen. Intet er gendannet."
    )
    objekter[i]["fields"]["rammeaftale"] = []  # a list where an id belongs: loaddata's English, no place
    assert _gendan(tmp_path, objekter) == (
        f"objekt nr. {i + 1} (register.driftsherre, pk {pk}), feltet rammeaftale: skal være et id på "
        "register.rammeaftale, ikke en liste. Intet er gendannet."
    )
    del objekter[i]["fields"]["rammeaftale"]  # NOT NULL in English from loaddata before
    assert _gendan(tmp_path, objekter) == (
        f"objekt nr. {i + 1} (register.driftsherre, pk {pk}): feltet rammeaftale mangler (en backup har alle "
        "felter). Intet er gendannet."
    )


def test_backup_med_et_kommatal_som_noegle_eller_en_dublet_afvises_med_objektet(tmp_path: Path) -> None:
    objekter = _backup(tmp_path)
    med_kommune = [
        i for i, o in enumerate(objekter) if o["model"] == "register.driftsherre" and o["fields"]["kommune"]
    ]
    i, j = med_kommune[:2]
    pk_i, pk_j = objekter[i]["pk"], objekter[j]["pk"]
    objekter[j]["fields"]["kommune"] = 1.5  # Django's int() made it 1: another operator's municipality
    assert _gendan(tmp_path, objekter) == (
        f"objekt nr. {j + 1} (register.driftsherre, pk {pk_j}), feltet kommune: skal være et helt tal, ikke '1.5'. "
        "Intet er gendannet."
    )
    objekter[j]["fields"]["kommune"] = objekter[i]["fields"]["kommune"]  # loaddata's English named no object
    assert pk_i != pk_j and _gendan(tmp_path, objekter).startswith(
        f"objekt nr. {j + 1} (register.driftsherre, pk {pk_j}): databasen afviser rækken ("
    )
