"""The demo's expenditure forecast: Randers Kommune, adults with disabilities (SEL §§ 85, 107,
108), base year 2018, forecast 2019–2022, kept by the demo user `randers_kommune`.

The figures follow the assumptions of Hedensted Kommune's note to Udvalget for Social Omsorg
(2022), "Økonomisk udfordring fra 2023 – 2026", scaled down: known citizens costing more than
the frame, new unknown citizens every year (Hedensted: ca. 10 mio. kr. a year; here 2 citizens
à 500.000 kr.), initiatives that grow to their full effect in the second year (Hedensted: 3 and
5 mio. kr.; here 300.000 and 500.000 kr.), reimbursement in particularly expensive cases
(Hedensted 2022: 9,6 mio. kr.; here 96.000 kr.) and a frame held at the base year's level and
only price-adjusted (2 % a year from 3.800.000 kr.). The five known citizens, their costs and
the 5 % yearly departure probability are made up. The price development is the rulebook's.

Loading twice writes nothing; a figure changed while trying the demo is set back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from socialstyring.demo.region import Indlaesning

RANDERS = 730
NAVN = "Voksne med handicap, SEL §§ 85, 107, 108"
BESKRIVELSE = (
    "Demo: tallene følger forudsætningerne i Hedensted Kommunes notat til Udvalget for Social Omsorg "
    "(2022), afsnittet Økonomisk udfordring fra 2023 – 2026, i mindre skala: kendte borgere over "
    "rammen, nye ukendte borgere hvert år, initiativer med fuld effekt fra andet år, refusion og en "
    "ramme fastholdt på basisårets niveau og kun prisfremskrevet."
)
PROGNOSE: dict[str, Any] = {"beskrivelse": BESKRIVELSE, "afgang_pct": Decimal(5), "seed": 2018}
KENDTE: dict[str, tuple[int, date | None]] = {
    "R-V01": (1_200_000, None),
    "R-V02": (900_000, None),
    "R-V03": (650_000, date(2019, 5, 26)),
    "R-V04": (450_000, None),
    "R-V05": (800_000, None),
}
AARENE: dict[int, dict[str, Any]] = {
    2019: {"ramme": 3_876_000, "initiativer": 300_000},
    2020: {"ramme": 3_953_520, "initiativer": 500_000},
    2021: {"ramme": 4_032_590, "initiativer": 500_000},
    2022: {"ramme": 4_113_242, "initiativer": 500_000},
}
FAELLES_AAR: dict[str, Any] = {
    "refusion": 96_000,
    "pl_pct": None,
    "nye_antal": 2,
    "nye_antal_sd": None,
    "nye_gennemsnit": 500_000,
    "nye_gennemsnit_sd": 250_000,
}


def _d(v: Any) -> Any:
    return Decimal(v) if isinstance(v, int) else v


def _saet(obj: Any, oensket: dict[str, Any], navn: str, resultat: Indlaesning) -> None:
    if any(getattr(obj, k) != v for k, v in oensket.items()):
        for k, v in oensket.items():
            setattr(obj, k, v)
        obj.save()
        resultat.aendrede[navn] += 1


def indlaes_prognose(resultat: Indlaesning) -> None:
    """Randers' forecast (inside the demo's transaction)."""
    from socialstyring.web.prognose.models import KendtBorger, Prognose, Prognoseaar
    from socialstyring.web.register.models import Kommune

    kommune = Kommune.objects.get(kode=RANDERS)
    p = Prognose.objects.filter(kommune=kommune, navn=NAVN, basisaar=2018).first()
    if p is None:
        p = Prognose.objects.create(kommune=kommune, navn=NAVN, basisaar=2018, **PROGNOSE)
        resultat.nye["prognose"] += 1
    _saet(p, PROGNOSE, "prognose", resultat)
    p.aarene.exclude(aar__in=AARENE).delete()
    for aar, tal in AARENE.items():
        oensket = {k: _d(v) for k, v in {**FAELLES_AAR, **tal}.items()}
        a = Prognoseaar.objects.filter(prognose=p, aar=aar).first()
        if a is None:
            Prognoseaar.objects.create(prognose=p, aar=aar, **oensket)
            resultat.nye["prognoseaar"] += 1
        else:
            _saet(a, oensket, "prognoseaar", resultat)
    slettet, _ = p.kendte.exclude(pseudonym__in=KENDTE).delete()
    resultat.slettede["kendtborger"] += slettet
    for navn, (udgift, ophoerer) in KENDTE.items():
        oensket = {"aarlig_udgift": Decimal(udgift), "ophoerer": ophoerer, "kilde": "demo"}
        k = KendtBorger.objects.filter(prognose=p, pseudonym=navn).first()
        if k is None:
            KendtBorger.objects.create(prognose=p, pseudonym=navn, **oensket)
            resultat.nye["kendtborger"] += 1
        else:
            _saet(k, oensket, "kendtborger", resultat)
