"""The demo's reduction plan: Randers Kommune (demo user `randers_kommune`) with the figures of
seed 001, "Økonomisk genopretning af myndighedsområderne. Beskrivelse af initiativer – status
april 2021", Økonomioversigt (1.000 kr.): targets −2.000, −3.000, −5.000, −7.000 for 2021–2024;
Foranstaltninger vedr. unge −977 in 2021 (STU 407 + unge 15–17 år 570) and −1.257 from 2022
(407 + 850); expected but unallocated −1.023 each year; the other initiatives without an
estimate yet. Net outstanding 0, −720, −2.720, −4.720. The document does not name the
municipality: the plan says the figures are the April 2021 status of a municipality's plan.

Loading twice writes nothing; a figure changed while trying the demo is set back, and what was
added (initiatives, realised quarters) is removed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from socialstyring.demo.region import Indlaesning

KOMMUNEKODE = 730  # Randers
NAVN = "Økonomisk genopretning af myndighedsområderne 2021–2024"
BESKRIVELSE = (
    "Tallene er status april 2021 for en kommunes genopretningsplan (Økonomisk genopretning af "
    "myndighedsområderne. Beskrivelse af initiativer – status april 2021, Økonomioversigt), lagt ind "
    "som demo for Randers Kommune. Et års manglende reduktion lægges oveni næste års mål."
)
MAAL = {2021: -2000, 2022: -3000, 2023: -5000, 2024: -7000}
UFORDELT = dict.fromkeys(MAAL, -1023)
INITIATIVER: tuple[tuple[str, str, str, dict[int, int]], ...] = (
    ("Analyse af udgiftsudviklingen", "igangsat", 'Team Dyre familier og Én indgang/"Din vej".', {}),
    (
        "Foranstaltninger vedr. unge",
        "igangsat",
        "Omlægning af STU (407.000 kr. i 2021, ca. det samme fra 2022) og af foranstaltninger for unge "
        "15–17 år (570.000 kr. i 2021, 850.000 kr. fra 2022): 977 i 2021 og 1.257 fra 2022.",
        {2021: -977, 2022: -1257, 2023: -1257, 2024: -1257},
    ),
    (
        "Kontraktgrundlag",
        "igangsat",
        "Standardkontrakt og kommenteret tjekliste; gevinst ikke udmøntet endnu.",
        {},
    ),
    ("Udekørende funktioner", "under_analyse", "Analysen er netop igangsat.", {}),
    ("Takstgruppe", "igangsat", "Takster for de interne tilbud.", {}),
    (
        "Foranstaltning i egen bolig",
        "planlagt",
        "Bostøtte i egen bolig frem for institutionsanbringelse.",
        {},
    ),
)


def indlaes_genopretning(resultat: Indlaesning) -> None:
    """Randers' reduction plan (inside the demo's transaction)."""
    from socialstyring.web.genopretning.models import Effekt, Initiativ, Maal, Plan, Realiseret, Ufordelt
    from socialstyring.web.register.models import Kommune

    kommune = Kommune.objects.get(kode=KOMMUNEKODE)
    plan = Plan.objects.filter(kommune=kommune, navn=NAVN).first()
    if plan is None:
        plan = Plan.objects.create(kommune=kommune, navn=NAVN, beskrivelse=BESKRIVELSE, overfoer_manko=True)
        resultat.nye["genopretningsplan"] += 1
    elif plan.beskrivelse != BESKRIVELSE or not plan.overfoer_manko:
        plan.beskrivelse, plan.overfoer_manko = BESKRIVELSE, True
        plan.save()
        resultat.aendrede["genopretningsplan"] += 1
    for model, tal in ((Maal, MAAL), (Ufordelt, UFORDELT)):
        _aarsbeloeb(resultat, model, {"plan": plan}, tal, "beloeb")
    navne = [n for n, *_ in INITIATIVER]
    for gammel in Initiativ.objects.filter(plan=plan).exclude(navn__in=navne):
        gammel.delete()
        resultat.slettede["initiativ"] += 1
    for navn, status, note, effekter in INITIATIVER:
        i = Initiativ.objects.filter(plan=plan, navn=navn).first()
        if i is None:
            i = Initiativ.objects.create(plan=plan, navn=navn, status=status, note=note)
            resultat.nye["initiativ"] += 1
        elif (i.status, i.note, i.ansvarlig) != (status, note, ""):
            i.status, i.note, i.ansvarlig = status, note, ""
            i.save()
            resultat.aendrede["initiativ"] += 1
        _aarsbeloeb(resultat, Effekt, {"initiativ": i}, effekter, "forventet")
        slettet, _ = Realiseret.objects.filter(initiativ=i).delete()
        resultat.slettede["realiseret"] += slettet


def _aarsbeloeb(
    resultat: Indlaesning, model: Any, ejer: dict[str, object], tal: dict[int, int], felt: str
) -> None:
    """The rows of `model` of `ejer` as `tal` (year → amount): created, set back, extra deleted."""
    navn = model.__name__.lower()
    for r in model.objects.filter(**ejer).exclude(aar__in=list(tal)):
        r.delete()
        resultat.slettede[navn] += 1
    for aar, beloeb in tal.items():
        r = model.objects.filter(**ejer, aar=aar).first()
        if r is None:
            model.objects.create(**ejer, aar=aar, **{felt: Decimal(beloeb)})
            resultat.nye[navn] += 1
        elif getattr(r, felt) != beloeb:
            setattr(r, felt, Decimal(beloeb))
            r.save()
            resultat.aendrede[navn] += 1
