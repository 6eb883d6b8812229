"""The demo's social supervision unit: Socialtilsyn Midt, hosted by Silkeborg Kommune for
Rammeaftale Midtjylland, with its inputs for 2018 and 2019 exactly as the worked cases
tests/cases/socialtilsyn_midt_2018_seed004.yaml and socialtilsyn_midt_2019_seed004.yaml hold
them (copied here: the demo reads no test file).

Source: Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 (DASSOS-møde
15. august 2018, bilag 2): section 5 (key figures: 73,3 staff years, average wage 546.000 kr.,
the operating budget's lines), 6 (rates and objective financing 2019), 7 (development), 8 (the
five units' average); bilag 1 (rates 2018 and the objective financing per municipality 2018).
The unrounded base rates are not printed; they are the values every printed group rate rounds
from (see the cases' `forklaring`). The note gives no hours per task, so the staff years and
the objective financing are entered. No population counts are invented: seed 004 prints the
objective financing per municipality (kr.), not the 0–17-year-olds it was split by, so the split
per municipality waits for FOLK1A (`socialstyring befolkning indlaes`); the page says which
municipalities lack a count.

Loading twice writes nothing; a year changed while trying the demo is set back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from socialstyring.demo.region import Indlaesning

NAVN = "Socialtilsyn Midt"
DRIFTSHERRE = "Silkeborg Kommune"
KILDE_2019 = (
    "Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019 "
    "(DASSOS-møde 15. august 2018, bilag 2)"
)
KILDE_2018 = (
    "Socialtilsyn Midt, notat vedr. takster og objektiv finansiering for 2019, bilag 1 "
    "(DASSOS-møde 15. august 2018, bilag 2)"
)
GRUPPER = ("1_7", "8_24", "25_49", "50_plus")


def _r(*v: int) -> dict[str, int]:
    return dict(zip(GRUPPER, v, strict=True))


def _u(navn: str, beloeb: int, omraade: str = "faelles") -> dict[str, str]:
    return {"navn": navn, "beloeb": str(beloeb), "omraade": omraade}


AARENE: dict[int, dict[str, Any]] = {
    2018: {
        "felter": {"aarsvaerk": Decimal("72.9"), "gennemsnitsloen": Decimal(549000),
                   "objektiv_finansiering": Decimal(27319289), "udgifter": [], "andre_enheder": [],
                   "bemaerkning": "Budgettet for 2018 i 2018-priser er ikke trykt; normering 72,9 og "
                   "gennemsnitsløn 549.000 kr. er nøgletallenes 2018-kolonne (i 2019-priser)."},
        "takstgrundlag": {
            "grundtakster": [{"taksttype": "tilsyn", "grundtakst": "32845.20"},
                             {"taksttype": "ny_godkendelse", "grundtakst": "22107.60"},
                             {"taksttype": "vaesentlig_aendring", "grundtakst": "6090.60"}],
            "offentliggjort": {
                "kilde": KILDE_2018,
                "objektiv_total": 27319289,
                "objektiv_pr_kommune": {
                    "Faaborg-Midtfyn": 1086298, "Favrskov": 1225027, "Hedensted": 1102369, "Horsens": 1987519,
                    "Norddjurs": 715627, "Odder": 500690, "Randers": 2073058, "Samsø": 57026,
                    "Skanderborg": 1582218, "Syddjurs": 876026, "Aarhus": 6523695, "Herning": 1998095,
                    "Holstebro": 1315750, "Ikast-Brande": 956278, "Lemvig": 401776,
                    "Ringkøbing-Skjern": 1293355, "Skive": 967476, "Struer": 445012, "Viborg": 2211995,
                },
            },
        },
    },
    2019: {
        "felter": {
            "aarsvaerk": Decimal("73.3"), "gennemsnitsloen": Decimal(546000),
            "objektiv_finansiering": Decimal(27260156),
            "udgifter": [
                _u("Øvrige personaleudgifter (forsikring, kurser, kørsel)", 2078200),
                _u("Grundkurser plejefamilier", 1300000, "plejefamilier"),
                _u("Kontorhold, møder mv.", 900000), _u("Husleje", 1100000), _u("Rengøring mv.", 200000),
                _u("El, vand og varme", 200000), _u("Teknologileje og it-udgifter", 1600000),
            ],
            "andre_enheder": [
                {"navn": "Gennemsnit af de 5 socialtilsyn (foreløbige takster 2019)", "noegle": n,
                 "beloeb": str(b), "gennemsnit": True}
                for n, b in (("tilsyn.1_7", 33366), ("vaesentlig_aendring.1_7", 8096))
            ],
            "bemaerkning": "Notatet trykker personalerelaterede udgifter 42,1 mio. kr. uden at dele dem "
            "op; resten efter løn (73,3 × 546.000 kr.) er indtastet som øvrige personaleudgifter.",
        },
        "takstgrundlag": {
            "grundtakster": [{"taksttype": "tilsyn", "grundtakst": "33794.67"},
                             {"taksttype": "ny_godkendelse", "grundtakst": "22460.00"},
                             {"taksttype": "vaesentlig_aendring", "grundtakst": "6166.20"}],
            "tillaeg_50_plus_pr_tilbud": 48826,
            "offentliggjort": {
                "kilde": KILDE_2019,
                "takster": {"tilsyn": _r(33795, 40554, 67589, 150210),
                            "ny_godkendelse": _r(22460, 26952, 44920, 67380),
                            "vaesentlig_aendring": _r(6166, 7399, 12332, 18499)},
                "skaerpet": _r(3379, 4055, 6759, 15021),
                "driftsbudget": 47400000, "overhead": 2700000, "udgifter_i_alt": 50100000,
                "objektiv_finansiering": 27300000, "takstfinansiering": 22800000, "praecision": 100000,
            },
            "forrige": {"aar": 2018, "takster": {"tilsyn": _r(32845, 39414, 65690, 98536)},
                        "objektiv_finansiering": 27319289},
        },
    },
}  # fmt: skip
"""Each year's budget inputs (`felter`) and rate basis with published figures (`takstgrundlag`)."""


def _oensket(aar: int) -> dict[str, Any]:
    from socialstyring.web.socialtilsyn.gemt import Takstgrundlag

    d = AARENE[aar]
    nul = {"opgaver": [], "regulering_objektiv": Decimal(0), "regulering_takster": Decimal(0)}
    return {**nul, **d["felter"], "takstgrundlag": Takstgrundlag(**d["takstgrundlag"]).til_json()}


def indlaes_socialtilsyn(resultat: Indlaesning) -> None:
    """Socialtilsyn Midt and its years (inside the demo's transaction)."""
    from socialstyring.web.register.models import Driftsherre
    from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed

    driftsherre = Driftsherre.objects.get(navn=DRIFTSHERRE, rammeaftale__kode="midtjylland")
    e = Tilsynsenhed.objects.filter(navn=NAVN).first()
    if e is None:
        e = Tilsynsenhed.objects.create(navn=NAVN, driftsherre=driftsherre)
        resultat.nye["tilsynsenhed"] += 1
    for aar in AARENE:
        oensket = _oensket(aar)
        r = Tilsynsaar.objects.filter(enhed=e, aar=aar).first()
        if r is None:
            Tilsynsaar.objects.create(enhed=e, aar=aar, **oensket)
            resultat.nye["tilsynsaar"] += 1
        elif any(getattr(r, k) != v for k, v in oensket.items()):
            for k, v in oensket.items():
                setattr(r, k, v)
            r.save()
            resultat.aendrede["tilsynsaar"] += 1
