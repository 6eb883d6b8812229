"""The demo's objectively financed national offer: Kofoedsminde as Rammeaftale Midtjylland
follows it, with the figures of Silkeborg Kommune's agenda item (DASSOS-møde 15. august 2018,
"Udgifterne til objektiv finansiering af Kofoedsminde stiger kraftigt"):

    år    Silkeborg pr. borger   kommunerne i Midtjylland   i alt på landsplan
    2014        14,19                 18.125.096                79.836.510
    2015        20,92                 26.831.386               118.384.719
    2016        23,09                 29.858.603               131.763.206
    2017        27,79                 36.248.047               159.770.878
    2019        34,22 (annonceret)         –                         –

The populations on 1 January (Danmarks Statistik, FOLK1A, 1. kvartal; not in the document) give
the printed figures to the krone: e.g. 2017 159.770.878 ÷ 5.748.769 = 27,79 kr. and
159.770.878 × 1.304.253 ÷ 5.748.769 = 36.248.047 kr. 2019 has only the announced 34,22 kr.;
its totals are calculated (34,22 × 5.806.081 and × 1.320.678). Loading twice writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

KILDE = "DASSOS-møde 15. august 2018, dagsordenspunkt fra Silkeborg Kommune om Kofoedsminde"
FOLKETAL = "folketal 1. januar: Danmarks Statistik, FOLK1A (1. kvartal), hele landet og Region Midtjylland"

AARENE: dict[int, dict[str, Any]] = {
    2014: {"landsplan_i_alt": "79836510", "indbyggere_landet": 5627235, "indbyggere_regionen": 1277538,
           "trykt": ("14.19", "18125096", "79836510")},
    2015: {"landsplan_i_alt": "118384719", "indbyggere_landet": 5659715, "indbyggere_regionen": 1282750,
           "trykt": ("20.92", "26831386", "118384719")},
    2016: {"landsplan_i_alt": "131763206", "indbyggere_landet": 5707251, "indbyggere_regionen": 1293309,
           "trykt": ("23.09", "29858603", "131763206")},
    2017: {"landsplan_i_alt": "159770878", "indbyggere_landet": 5748769, "indbyggere_regionen": 1304253,
           "trykt": ("27.79", "36248047", "159770878")},
    2019: {"kr_pr_indbygger": "34.22", "indbyggere_landet": 5806081, "indbyggere_regionen": 1320678,
           "trykt": ("34.22", None, None)},
}  # fmt: skip


def indlaes_landsdaekkende(resultat: Any) -> None:
    """Kofoedsminde and its years in Midtjylland (created once; kept as they are afterwards)."""
    from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud
    from socialstyring.web.register.models import Rammeaftale

    aftale = Rammeaftale.objects.get(kode="midtjylland")
    tilbud = LandsdaekkendeTilbud.objects.filter(rammeaftale=aftale, navn="Kofoedsminde").first()
    if tilbud is None:
        tilbud = LandsdaekkendeTilbud.objects.create(
            rammeaftale=aftale,
            navn="Kofoedsminde",
            driftsherre="Region Sjælland",
            beskrivelse=(
                "Sikret institution for domfældte udviklingshæmmede; pladserne er objektivt finansieret af "
                "alle landets kommuner. Driftsherren (Region Sjælland) står ikke i dokumentet."
            ),
        )
        resultat.nye["landsdaekkendetilbud"] += 1
    for aar, tal in AARENE.items():
        if LandsdaekkendeAar.objects.filter(tilbud=tilbud, aar=aar).exists():
            continue
        pr, region, land = tal["trykt"]
        LandsdaekkendeAar.objects.create(
            tilbud=tilbud,
            aar=aar,
            landsplan_i_alt=_d(tal.get("landsplan_i_alt")),
            kr_pr_indbygger=_d(tal.get("kr_pr_indbygger")),
            indbyggere_landet=tal["indbyggere_landet"],
            indbyggere_regionen=tal["indbyggere_regionen"],
            trykt_kr_pr_indbygger=_d(pr),
            trykt_region_i_alt=_d(region),
            trykt_landsplan_i_alt=_d(land),
            kilde=f"{KILDE} (tabellen{', opkrævningen i 2019' if aar == 2019 else ''}); {FOLKETAL}.",
        )
        resultat.nye["landsdaekkendeaar"] += 1


def _d(v: str | None) -> Decimal | None:
    return Decimal(v) if v is not None else None
