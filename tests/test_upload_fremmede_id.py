"""Uploads with other operators' ids (issue 9, "done means": the role × URL matrix covers
uploads with other operators' ids).

`tests/test_adgang_matrix.py` posts to every import page as every role (another operator's
staff 403, another agreement 404). This module covers the other way in: the operator's own
import page, with a file whose rows name another operator's services or offers — of the same
agreement (Randers Kommune beside Aarhus Kommune) and of another agreement (Syddanmark). Each
of the three Excel imports refuses the whole file with an error naming the file, sheet, row
and column, and nothing changes: not the other operator's figures, not Aarhus' own.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import excelfuzz as ef
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import load_workbook
from pytest_django import DjangoDbBlocker

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.io.excel import regnskab as xr
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Takstenhed, Tilbud, Ydelse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def skabeloner(demo_modul: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, bytes]]:
    """Each import's valid template for Aarhus Kommune, downloaded once from the demo; and an
    operator of Syddanmark with an offer and a service (the demo has Midtjylland's only)."""
    with django_db_blocker.unblock():
        syd = Rammeaftale.objects.get(kode="syddanmark")
        odense = Driftsherre.objects.create(navn="Odense Kommune", rammeaftale=syd)
        fjordhuset = Tilbud.objects.create(navn="Fjordhuset", driftsherre=odense, paragraf="SEL § 107")
        Ydelse.objects.create(
            tilbud=fjordhuset,
            navn="Midlertidigt botilbud",
            pladstype=Pladstype.DOEGN,
            takstenhed=Takstenhed.DOEGN,
        )
        c = ef.klient()
        yield {imp.navn: ef.hent(c, imp.skabelon_url) for imp in ef.importoerer()}


def _fremmed_id(imp: ef.Importoer, aftale: str, driftsherre: str | None = None) -> tuple[int, str]:
    """(id, name) of a service (or, for the accounts, an offer) of another operator."""
    if imp.noegle == xr.TILBUD_ID:
        t = Tilbud.objects.filter(driftsherre__rammeaftale__kode=aftale).exclude(
            driftsherre__navn=ef.DRIFTSHERRE
        )
        if driftsherre:
            t = t.filter(driftsherre__navn=driftsherre)
        tilbud = t.order_by("pk").first()
        assert tilbud is not None
        return tilbud.pk, tilbud.navn
    y = Ydelse.objects.filter(tilbud__driftsherre__rammeaftale__kode=aftale).exclude(
        tilbud__driftsherre__navn=ef.DRIFTSHERRE
    )
    if driftsherre:
        y = y.filter(tilbud__driftsherre__navn=driftsherre)
    ydelse = y.order_by("pk").first()
    assert ydelse is not None
    return ydelse.pk, ydelse.navn


def _med_id(skabelon: bytes, imp: ef.Importoer, nyt_id: int) -> tuple[bytes, int, str]:
    """The template with the key of its first data row replaced by `nyt_id`; returns the file,
    the row and the key column's letter."""
    wb = load_workbook(BytesIO(skabelon))
    ws = wb[imp.ark]
    for raekke in ws.iter_rows(min_row=1, max_row=10):
        for celle in raekke:
            if celle.value == imp.noegle:
                kolonne, overskriftsraekke = celle.column_letter, celle.row
                break
        else:
            continue
        break
    else:
        raise AssertionError(f"{imp.ark}: ingen kolonne {imp.noegle}")
    r = overskriftsraekke + 1
    while not isinstance(ws[f"{kolonne}{r}"].value, int):
        r += 1
    ws[f"{kolonne}{r}"].value = nyt_id
    ud = BytesIO()
    wb.save(ud)
    return ud.getvalue(), r, kolonne


@pytest.mark.parametrize("navn", ["takstindberetning", "brugte dage", "regnskab"])
@pytest.mark.parametrize(
    ("aftale", "driftsherre"),
    [("midtjylland", "Randers Kommune"), ("syddanmark", None)],
    ids=["samme-aftale", "anden-aftale"],
)
def test_en_fil_med_en_anden_driftsherres_id_afvises(
    skabeloner: dict[str, bytes], navn: str, aftale: str, driftsherre: str | None
) -> None:
    imp = next(i for i in ef.importoerer() if i.navn == navn)
    fremmed, _ = _fremmed_id(imp, aftale, driftsherre)
    data, raekke, _ = _med_id(skabeloner[navn], imp, fremmed)
    foer = imp.tilstand()
    with transaction.atomic():
        svar = ef.klient().post(
            imp.import_url, {"fil": SimpleUploadedFile(ef.FILNAVN, data, content_type=ef.XLSX)}
        )
        efter = imp.tilstand()
        transaction.set_rollback(True)
    assert svar.status_code == 400, navn
    fejl = ef.fejlliste(svar.content.decode())
    assert fejl, navn
    # the error names the file, the sheet and the row of the foreign id, and that id
    assert any(
        ef.FILNAVN in f and imp.ark in f and f"række {raekke}" in f and str(fremmed) in f for f in fejl
    ), fejl
    assert efter == foer  # nothing imported: neither the other operator's row nor Aarhus' own
