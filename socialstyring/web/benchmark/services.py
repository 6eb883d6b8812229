"""Loading the municipal accounts: a REGK31 export (`io.kilder.regk31`, see there for the
accepted layout) becomes `Regnskabstal` rows. All or nothing: the whole file is read and checked
before anything is written, in one transaction; a row for a municipality, year and function
that exists is replaced (its history keeps the old amount and who replaced it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from socialstyring.io.kilder.regk31 import Regk31Fejl, laes_regk31
from socialstyring.web.benchmark.models import Regnskabstal
from socialstyring.web.register.models import MAKS_AAR, MIN_AAR, Kommune
from socialstyring.web.register.services import indlaes_kommuner


@dataclass(frozen=True)
class Regnskabsindlaesning:
    kommuner: int
    aar: tuple[int, ...]
    nye: int
    aendrede: int
    ikke_offentliggjort: int


def indlaes_regnskab(fil: Path, bruger: User | None = None) -> Regnskabsindlaesning:
    """Load a REGK31 export; `Regk31Fejl` (nothing written) when the file is invalid."""
    udtraek = laes_regk31(fil, aar=(MIN_AAR, MAKS_AAR))
    regnskab = " · ".join(v for v in (udtraek.dranst, udtraek.art) if v)
    with transaction.atomic():
        indlaes_kommuner()
        kommune_id = dict(Kommune.objects.values_list("kode", "pk"))
        if ukendte := sorted({b.kommunekode for b in udtraek.beloeb} - set(kommune_id)):
            raise Regk31Fejl(f"{fil}: kommunekoderne {ukendte} findes ikke i registret; intet er indlæst")
        aarene = {b.aar for b in udtraek.beloeb}
        eksisterende = {
            (r.kommune_id, r.aar, r.funktion): r for r in Regnskabstal.objects.filter(aar__in=aarene)
        }
        nye: list[Regnskabstal] = []
        aendrede: list[Regnskabstal] = []
        for b in udtraek.beloeb:
            r = eksisterende.get((kommune_id[b.kommunekode], b.aar, b.funktion))
            if r is None:
                nye.append(
                    Regnskabstal(
                        kommune_id=kommune_id[b.kommunekode],
                        aar=b.aar,
                        funktion=b.funktion,
                        funktionsnavn=b.funktionsnavn,
                        regnskab=regnskab,
                        beloeb=b.beloeb,
                    )
                )
            elif (r.beloeb, r.funktionsnavn, r.regnskab) != (b.beloeb, b.funktionsnavn, regnskab):
                r.beloeb, r.funktionsnavn, r.regnskab = b.beloeb, b.funktionsnavn, regnskab
                aendrede.append(r)
        for r in nye + aendrede:
            r.full_clean(validate_unique=False, validate_constraints=False)
        bulk_create_with_history(nye, Regnskabstal, default_user=bruger)
        bulk_update_with_history(
            aendrede, Regnskabstal, ["beloeb", "funktionsnavn", "regnskab"], default_user=bruger
        )
    return Regnskabsindlaesning(
        kommuner=len({b.kommunekode for b in udtraek.beloeb}),
        aar=tuple(sorted(aarene)),
        nye=len(nye),
        aendrede=len(aendrede),
        ikke_offentliggjort=udtraek.ikke_offentliggjort,
    )
