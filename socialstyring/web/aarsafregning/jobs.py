"""The year's billing for whole agreements, as a background job (`jobber`): every operator's
statements of every month of the year to every paying municipality, computed from the stays and
the register's dated rates by the billing engine's bulk path (the amounts a statement would
bill, to the øre; `beregning.afregning.bulk`). Nothing is sent or stored but the job's result:
a workbook with the amount per operator, paying municipality and month, and the totals per
paying municipality. It may be run again at any time (the job starts over after a crash)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.beregning.kerne.penge import NUL, dansk_tal
from socialstyring.io.excel.rapport import Rapportark, Rapportkolonne, Rapportraekke, byg_rapport
from socialstyring.web.afregning.selectors import VARSEL_MARGIN, afregn_pr_driftsherre
from socialstyring.web.faelles.filsvar import XLSX
from socialstyring.web.faelles.jobarter import Jobfejl, Jobkontekst, Jobresultat
from socialstyring.web.ophold import selectors as ophold
from socialstyring.web.register.models import Driftsherre, Kommune, Rammeaftale

ART = "aarsafregning"


def titel(aar: int, aftaler: list[Rammeaftale]) -> str:
    hvem = aftaler[0].navn if len(aftaler) == 1 else f"{len(aftaler)} rammeaftaler"
    return f"Årets afregning {aar}: {hvem}"


def parametre(aar: int, aftaler: list[Rammeaftale]) -> dict[str, Any]:
    return {"aar": aar, "rammeaftaler": [a.kode for a in aftaler]}


Noegle = tuple[int, str, int]  # operator id, paying municipality's code, month


def _aftaler(koder: list[str]) -> list[Rammeaftale]:
    aftaler = list(Rammeaftale.objects.filter(kode__in=koder).order_by("navn"))
    if not aftaler or len(aftaler) != len(set(koder)):
        raise Jobfejl("Jobbet nævner en rammeaftale, der ikke findes.")
    return aftaler


def aarsafregning(k: Jobkontekst) -> Jobresultat:
    aar = int(k.parametre["aar"])
    aftaler = _aftaler(list(k.parametre["rammeaftaler"]))
    fra, til = date(aar, 1, 1), date(aar, 12, 31)
    k.fremskridt(0, 1, "Henter opholdene")
    stays = list(
        ophold.betalte_ophold(None, fra - VARSEL_MARGIN, til).filter(
            tilbud__driftsherre__rammeaftale__in=aftaler
        )
    )
    driftsherrer: dict[int, Driftsherre] = {}
    kommuner: dict[str, Kommune] = {}
    for o in stays:
        driftsherrer[o.tilbud.driftsherre_id] = o.tilbud.driftsherre
        kommuner[f"{o.betalingskommune.kode:03d}"] = o.betalingskommune
    beloeb: dict[Noegle, int] = defaultdict(int)  # øre
    linjer, advarsler = 0, 0
    for nr, (d, g, b) in enumerate(afregn_pr_driftsherre(stays, fra, til), start=1):
        advarsler += len(g.udeladt) + len(set(b.advarsler))
        linjer += len(b)
        for i in range(len(b)):
            maaned = date.fromordinal(b.fra[i]).month
            beloeb[(d.pk, b.betalingskommune[b.ophold[i]], maaned)] += b.beloeb_oere[i]
        k.fremskridt(nr, len(driftsherrer), d.navn)
    i_alt = Decimal(sum(beloeb.values())) / 100
    fil = _projektmappe(aar, aftaler, beloeb, driftsherrer, kommuner)
    return Jobresultat(
        resume=[
            ("Rammeaftaler", ", ".join(a.navn for a in aftaler)),
            ("Driftsherrer med ophold", dansk_tal(Decimal(len(driftsherrer)), 0)),
            ("Ophold", dansk_tal(Decimal(len(stays)), 0)),
            ("Afregningslinjer", dansk_tal(Decimal(linjer), 0)),
            ("I alt", f"{dansk_tal(i_alt, 2)} kr."),
            ("Advarsler (ophold uden takst m.m.)", dansk_tal(Decimal(advarsler), 0)),
        ],
        fil=fil,
        filnavn=f"afregning-{aar}-{'-'.join(a.kode for a in aftaler)}.xlsx"[:200],
        filtype=XLSX,
    )


def _projektmappe(
    aar: int,
    aftaler: list[Rammeaftale],
    beloeb: dict[Noegle, int],
    driftsherrer: dict[int, Driftsherre],
    kommuner: dict[str, Kommune],
) -> bytes:
    def kr(oere: int) -> Decimal:
        return Decimal(oere) / 100

    raekker = [
        Rapportraekke((driftsherrer[d].navn, kommuner[km].navn, MAANEDER[m - 1], kr(v)))
        for (d, km, m), v in sorted(
            beloeb.items(), key=lambda x: (driftsherrer[x[0][0]].navn, kommuner[x[0][1]].navn, x[0][2])
        )
    ]
    pr_kommune: dict[str, int] = defaultdict(int)
    for (_, km, _), v in beloeb.items():
        pr_kommune[km] += v
    totaler = [
        Rapportraekke((kommuner[km].navn, kr(v)))
        for km, v in sorted(pr_kommune.items(), key=lambda x: kommuner[x[0]].navn)
    ]
    totaler.append(Rapportraekke(("I alt", kr(sum(pr_kommune.values())) if pr_kommune else NUL), total=True))
    undertitel = (", ".join(a.navn for a in aftaler), "Beregnet af ophold og takster; intet er sendt.")
    return byg_rapport(
        f"Årets afregning {aar}",
        [
            Rapportark(
                "Afregning",
                f"Afregning {aar} pr. driftsherre, betalingskommune og måned",
                (
                    Rapportkolonne("Driftsherre", 40),
                    Rapportkolonne("Betalingskommune", 24),
                    Rapportkolonne("Måned", 12),
                    Rapportkolonne("Beløb", 16, "kr"),
                ),
                tuple(raekker),
                undertitler=undertitel,
            ),
            Rapportark(
                "Betalingskommuner",
                f"Afregning {aar} i alt pr. betalingskommune",
                (Rapportkolonne("Betalingskommune", 24), Rapportkolonne("Beløb", 18, "kr")),
                tuple(totaler),
                undertitler=undertitel,
            ),
        ],
    )
