"""The demo's Børnehus: Børnehus Midt (Marselis Boulevard, Aarhus, with a satellite in Herning),
run by Aarhus Kommune for Rammeaftale Midtjylland, with BDO's figures for 2014–2017.

Source: BDO, Analyse af Børnehus Midt (juni 2017), DASSOS-møde 15. august 2018, bilag 6:

- table 9: the original budget of each year, its objective financing (60 %), the amount to
  be split per case (40 %) and the official rate per case — the printed figures;
- table 7: treatment staff years (3,5 / 5,36 / 6,23 / 8,06) and cases per staff year
  (39,7 / 42,4 / 37,7 / 31,0); BDO gives no expected case count for 2014–2016, so the cases
  are staff years × cases per staff year: 139, 227 and 235 (table 8's 2016 started and closed
  cases, 233 and 237, average 235);
- section 3.3: 250 expected cases in 2017 (with the rulebook's 43 hours per case and 23,11
  effective hours a week), wages 77 % of the 2017 budget "svarende til 5,5 mio. kr.".

The wage per staff year is not in the analysis: 5,5 mio. kr. ÷ all 10,08 staff years of 2017
(table 7: 8,06 treatment + 1,17 management + 0,85 administration) = 545.635 kr. (rounded), an
assumption the year's note states. The host (Aarhus Kommune: "Socialforvaltningen i Aarhus
Kommune", bilag 5) and its staff (demo user `aarhus`) and the secretariat keep the figures.

Loading twice writes nothing; a year changed while trying the demo is set back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from socialstyring.demo.region import Indlaesning

NAVN = "Børnehus Midt"
DRIFTSHERRE = "Aarhus Kommune"
KILDE = (
    "BDO, Analyse af Børnehus Midt (juni 2017), tabel 9 (budget, fordeling, takst) "
    "og tabel 7 (behandlerårsværk)"
)
TABEL7 = (
    "Sager = behandlerårsværk × sager pr. årsværk i BDO's tabel 7 (analysen oplyser ikke budgettets sagstal)."
)

AARENE: dict[int, dict[str, Any]] = {
    2014: {"sager": 139, "budget": 5_134_000, "trykt_objektiv_finansiering": 3_080_400,
           "trykt_til_fordeling": 2_053_600, "trykt_takst_pr_sag": 6_225, "trykt_behandleraarsvaerk": "3.5",
           "bemaerkning": f"{TABEL7} 3,5 × 39,7 = 139."},
    2015: {"sager": 227, "budget": 4_444_000, "trykt_objektiv_finansiering": 2_666_400,
           "trykt_til_fordeling": 1_777_600, "trykt_takst_pr_sag": 9_325, "trykt_behandleraarsvaerk": "5.36",
           "bemaerkning": f"{TABEL7} 5,36 × 42,4 = 227."},
    2016: {"sager": 235, "budget": 5_611_414, "trykt_objektiv_finansiering": 3_366_848,
           "trykt_til_fordeling": 2_244_566, "trykt_takst_pr_sag": 9_526, "trykt_behandleraarsvaerk": "6.23",
           "bemaerkning": f"{TABEL7} 6,23 × 37,7 = 235 (tabel 8: 233 opstartede og 237 afsluttede sager)."},
    2017: {"sager": 250, "budget": 7_120_961, "trykt_objektiv_finansiering": 4_272_577,
           "trykt_til_fordeling": 2_848_384, "trykt_takst_pr_sag": 12_089, "trykt_behandleraarsvaerk": "8.06",
           "loen_pr_aarsvaerk": 545_635,
           "bemaerkning": "250 forventede sager (BDO afsnit 3.3). Løn pr. årsværk er antaget: lønnen "
           "5,5 mio. kr. (77 % af budgettet, afsnit 3.3) ÷ 10,08 årsværk (tabel 7: 8,06 behandlere, "
           "1,17 ledelse, 0,85 administration)."},
}  # fmt: skip
"""Each year's figures; the printed budget is the original budget (`budget`)."""


def _oensket(aar: int) -> dict[str, Any]:
    d = dict(AARENE[aar])
    d["trykt_budget"] = d["budget"]
    d["trykt_kilde"] = KILDE
    for f in ("timer_pr_sag", "effektive_timer_pr_uge", "loen_pr_aarsvaerk", "oevrige_udgifter"):
        d.setdefault(f, None)
    tekst = ("sager", "bemaerkning", "trykt_kilde")
    return {k: Decimal(str(v)) if isinstance(v, (int, str)) and k not in tekst else v for k, v in d.items()}


def indlaes_boernehus(resultat: Indlaesning) -> None:
    """Børnehus Midt and its years (inside the demo's transaction)."""
    from socialstyring.web.boernehus.models import Boernehus, Boernehusaar
    from socialstyring.web.register.models import Driftsherre

    driftsherre = Driftsherre.objects.get(navn=DRIFTSHERRE, rammeaftale__kode="midtjylland")
    b = Boernehus.objects.filter(navn=NAVN).first()
    if b is None:
        b = Boernehus.objects.create(navn=NAVN, driftsherre=driftsherre)
        resultat.nye["boernehus"] += 1
    for aar in AARENE:
        oensket = _oensket(aar)
        r = Boernehusaar.objects.filter(boernehus=b, aar=aar).first()
        if r is None:
            Boernehusaar.objects.create(boernehus=b, aar=aar, **oensket)
            resultat.nye["boernehusaar"] += 1
        elif any(getattr(r, k) != v for k, v in oensket.items()):
            for k, v in oensket.items():
                setattr(r, k, v)
            r.save()
            resultat.aendrede["boernehusaar"] += 1
