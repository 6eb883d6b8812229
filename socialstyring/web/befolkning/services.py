"""Loading population figures: a Danmarks Statistik FOLK1A export (`io.kilder.folk1a`, see
there for the accepted layout) becomes `Befolkning` rows (0–17, 18–64, 65+ per municipality and
year). All or nothing: the whole file is validated before anything is written, and it is
written in one transaction. The municipalities are loaded first when they are missing.

The reader checks every field against the limits of `Befolkning` (the register's years, counts
a database integer holds, known municipalities) and names file, row and field; the rows are
validated by the model once more before they are written, so nothing the model refuses is
ever stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from socialstyring.io.kilder.folk1a import Folk1aFejl, Folketal, laes_folk1a
from socialstyring.web.befolkning.models import Aldersgruppe, Befolkning
from socialstyring.web.register.models import MAKS_AAR, MIN_AAR, Kommune
from socialstyring.web.register.services import indlaes_kommuner


@dataclass(frozen=True)
class Befolkningsindlaesning:
    kommuner: int
    aar: tuple[int, ...]
    nye: int
    aendrede: int


def indlaes_befolkning(fil: Path) -> Befolkningsindlaesning:
    """Load a FOLK1A export; `Folk1aFejl` (nothing written) when the file is invalid."""
    folketal = laes_folk1a(fil, aar=(MIN_AAR, MAKS_AAR))
    with transaction.atomic():
        indlaes_kommuner()
        kommune_id = dict(Kommune.objects.values_list("kode", "pk"))
        ukendte = sorted({kode for kode, _ in folketal} - set(kommune_id))
        if ukendte:
            raise Folk1aFejl(f"{fil}: kommunekoderne {ukendte} findes ikke i registret; intet er indlæst")
        eksisterende = {
            (b.kommune_id, b.aar, b.aldersgruppe): b
            for b in Befolkning.objects.filter(aar__in={aar for _, aar in folketal})
        }
        nye: list[Befolkning] = []
        aendrede: list[Befolkning] = []
        for (kode, aar), f in folketal.items():
            for gruppe, antal in (
                (Aldersgruppe.BOERN, f.alder_0_17),
                (Aldersgruppe.VOKSNE, f.alder_18_64),
                (Aldersgruppe.AELDRE, f.alder_65_plus),
            ):
                noegle = (kommune_id[kode], aar, gruppe.value)
                ny = Befolkning(kommune_id=noegle[0], aar=aar, aldersgruppe=gruppe.value, antal=antal)
                _tjek(fil, f, ny)
                b = eksisterende.get(noegle)
                if b is None:
                    nye.append(ny)
                elif b.antal != antal:
                    b.antal = antal
                    aendrede.append(b)
        grund = f"Indlæst fra {fil.name}"  # the history names the file
        bulk_create_with_history(nye, Befolkning, default_change_reason=grund)
        bulk_update_with_history(aendrede, Befolkning, ["antal"], default_change_reason=grund)
    return Befolkningsindlaesning(
        kommuner=len({kode for kode, _ in folketal}),
        aar=tuple(sorted({aar for _, aar in folketal})),
        nye=len(nye),
        aendrede=len(aendrede),
    )


def _tjek(fil: Path, f: Folketal, b: Befolkning) -> None:
    """The model's own field checks (years, counts, age group) on a row about to be written."""
    try:
        b.clean_fields(exclude=["kommune"])
    except ValidationError as fejl:
        felter = "; ".join(
            f"{getattr(Befolkning._meta.get_field(navn), 'verbose_name', navn)}: {' '.join(tekster)}"
            for navn, tekster in fejl.message_dict.items()
        )
        raise Folk1aFejl(
            f"{fil}: {f.kvartal}, kommunekode {f.kommunekode}, {b.aldersgruppe} år kan ikke gemmes: {felter}"
        ) from fejl
