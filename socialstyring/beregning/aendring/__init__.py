"""In-year changes of rate and capacity (ændringer i året): when a change may take
effect, which procedure it follows, what it costs each paying municipality, and the
notification to the municipalities of the agreement.

The procedure is the agreement's (Syddanmark: seed 002, "Ændring af takster og kapacitet
i Styringsaftaleperioden"); every value comes from the rulebook (`aendring.*`,
`varsel.lukning`, `takst.dage_pr_aar`):

- **Earliest effect.** `aendring.tidligste_virkning_<type>`, else `aendring.tidligste_virkning`:
  `beslutningsdato` (rate rises, more or fewer places, closure) or `aarets_start` (rate cuts
  and corrections of technical errors may take effect from 1 January of the decision's year).
  A closure takes effect at the earliest when the notice period `varsel.lukning` ends
  (Syddanmark: løbende måned + 2 måneder, so a closure decided 14 May ends its notice on
  31 July); the offer closes *at the end of* its effective date. A requested date before
  the earliest allowed one is moved to it, with a warning.
- **Procedure.** `aendring.procedure_<kategori>_<type>`, else `aendring.procedure_<kategori>`:
  `hoering` (hearing in the forum `aendring.hoeringsinstans` before the change takes lasting
  effect), `orientering` (put into effect at once; paying municipalities and the forum are
  informed), `meddelelse` (notification to all municipalities) or `orientering_beroerte`
  (affected offers are informed). With no category known the strictest procedure the
  region defines is used, with a warning.
- **Consequences.** Counted for the rest of the year of the first affected day (the
  effective date; for a closure the day after) up to and including 31 December, in
  calendar days, because municipalities pay per day used:

      takstforskel            = ny takst − gammel takst (and in % of the old rate, 2 decimals)
      helårsvirkning pr. plads = takstforskel × dage i året (takst.dage_pr_aar)
      merudgift for kommunen  = takstforskel × dage resten af året × kommunens årspladser
      pladsdage ved ændring   = (nye − gamle pladser) × dage resten af året
      ved lukning, pr. kommune: berørte pladsdage = årspladser × dage efter lukningen, og
                                bortfaldende betaling = gammel takst × berørte pladsdage

  A negative merudgift is a saving. The municipality's årspladser are its use of the offer
  in the year (`Pladskoeb`); they are assumed to continue for the rest of the year.
- **Notification.** A Danish text (what changes, why, from when, consequences, hearing)
  and its recipients: every municipality of the agreement, every other paying
  municipality, and the forum when it hears or is informed.
"""

from __future__ import annotations

from datetime import date, timedelta

from socialstyring.beregning.aendring.frister import tidligste_ikrafttraedelse
from socialstyring.beregning.aendring.grundlag import AendringFejl, Aendringsgrundlag, er_lukning
from socialstyring.beregning.aendring.konsekvens import i_alt, kommuner, pladser, takst
from socialstyring.beregning.aendring.procedure import Modtager, Procedure, modtagere, procedure
from socialstyring.beregning.aendring.resultat import (
    Aendringsresultat,
    Kommunekonsekvens,
    Underretning,
)
from socialstyring.beregning.aendring.underretning import med_underretning
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.model import Caseberegning
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.regler import Regelbog

__all__ = [
    "AendringFejl",
    "Aendringsgrundlag",
    "Aendringsresultat",
    "Aendringstype",
    "Kommunekonsekvens",
    "Modtager",
    "Procedure",
    "Underretning",
    "beregn_aendring",
]


def beregn_aendring(grundlag: Aendringsgrundlag, bog: Regelbog) -> Aendringsresultat:
    """Assess an in-year change under the rules in force in its region on the decision date."""
    g = grundlag
    regler = Regler(bog, g.region, g.beslutningsdato)
    spor = Spor()
    advarsler: list[str] = []

    tidligste, varsel_udloeb, virkningstekst = tidligste_ikrafttraedelse(g, regler, spor, advarsler)
    flyttet = g.oensket_ikrafttraedelse < tidligste
    ikraft = max(g.oensket_ikrafttraedelse, tidligste)
    spor.tilfoej(
        "virkning.ikrafttraedelse",
        "Ikrafttrædelse" + (" (tilbuddet lukker med udgangen af dagen)" if er_lukning(g) else ""),
        "den ønskede dato, dog tidligst den tidligst mulige",
        ikraft.isoformat(),
        "",
        {
            "ønsket ikrafttrædelse": g.oensket_ikrafttraedelse.isoformat(),
            "tidligst": spor.fra("virkning.tidligste"),
        },
        bemaerkning=(
            f"Den ønskede dato {dansk_dato(g.oensket_ikrafttraedelse)} ligger før det tidligst mulige "
            f"({virkningstekst}) og er flyttet til {dansk_dato(ikraft)}."
            if flyttet
            else None
        ),
    )
    if flyttet:
        advarsler.append(
            f"Den ønskede ikrafttrædelse {dansk_dato(g.oensket_ikrafttraedelse)} ligger før det tidligst "
            f"mulige tidspunkt ({virkningstekst}); ændringen er sat til {dansk_dato(ikraft)}."
        )
    foerste = ikraft + timedelta(days=1) if er_lukning(g) else ikraft
    spor.tilfoej(
        "virkning.foerste_dag",
        "Første dag, ændringen berører",
        "dagen efter lukningsdagen" if er_lukning(g) else "ikrafttrædelsesdagen",
        foerste.isoformat(),
        "",
        {"ikrafttrædelse": spor.fra("virkning.ikrafttraedelse")},
    )
    aar = foerste.year
    dage = spor.tilfoej(
        "virkning.dage",
        f"Dage resten af {aar}",
        "31. december − første berørte dag + 1 (kalenderdage; der betales pr. brugt dag)",
        (date(aar, 12, 31) - foerste).days + 1,
        "dage",
        {"første berørte dag": spor.fra("virkning.foerste_dag"), "årets sidste dag": f"{aar}-12-31"},
    )
    if aar > g.beslutningsdato.year:
        advarsler.append(
            f"Ændringen berører først {aar}; konsekvenserne er opgjort for {aar}, og ændringen bør "
            "også indgå i takstindberetningen for året."
        )
    aarspladser_aar = g.aarspladser_aar or aar
    if aarspladser_aar != aar and g.betalingskommuner:
        advarsler.append(
            f"Årspladserne er fra {aarspladser_aar}; forbruget i {aar} er antaget at være det samme."
        )

    takst_forskel, takst_pct, helaar = takst(g, aar, regler, spor)
    pladser_forskel, pladsdage = pladser(g, dage, spor)
    if g.type.er_pladsaendring and takst_forskel is None:
        advarsler.append(
            "Den nye takst er ikke angivet, så takstvirkningen for betalingskommunerne er ikke beregnet; "
            "aftalen kræver, at der gøres rede for, hvordan taksten påvirkes."
        )
    kommunerne = kommuner(g, takst_forskel, dage, aarspladser_aar, spor)
    merudgift_i_alt = i_alt(kommunerne, "merudgift", "Merudgift for betalingskommunerne i alt", spor)
    bortfald_i_alt = None
    if er_lukning(g):
        i_alt(kommunerne, "pladsdage", "Berørte pladsdage for betalingskommunerne i alt", spor)
        bortfald_i_alt = i_alt(
            kommunerne, "bortfaldende_betaling", "Bortfaldende betaling til tilbuddet i alt", spor
        )
        if g.gammel_takst is None and kommunerne:
            advarsler.append(
                "Den gamle takst er ikke angivet, så den bortfaldende betaling er ikke beregnet."
            )

    proceduren, instans = procedure(g, regler, spor, advarsler)
    kraever_hoering = proceduren is Procedure.HOERING
    spor.tilfoej(
        "hoering",
        f"Kræver høring i {instans}",
        "ja, når proceduren er høring",
        "ja" if kraever_hoering else "nej",
        "",
        {"procedure": spor.fra("procedure")},
    )
    if not g.betalingskommuner:
        advarsler.append(f"Der er ingen betalingskommuner med årspladser i tilbuddet i {aarspladser_aar}.")
    if not g.aftalens_kommuner:
        advarsler.append(
            "Rammeaftalens kommuner er ikke angivet; underretningen går kun til betalingskommunerne."
        )

    modtagerne = modtagere(g, proceduren, instans)
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    resultat = Aendringsresultat(
        tilbud=g.tilbud,
        ydelse=g.ydelse,
        region=g.region,
        type=g.type,
        kategori=g.kategori,
        beslutningsdato=g.beslutningsdato,
        oensket_ikrafttraedelse=g.oensket_ikrafttraedelse,
        tidligste_ikrafttraedelse=tidligste,
        ikrafttraedelse=ikraft,
        flyttet=flyttet,
        varsel_udloeb=varsel_udloeb,
        foerste_dag=foerste,
        aar=aar,
        dage=dage,
        procedure=proceduren,
        kraever_hoering=kraever_hoering,
        hoeringsinstans=instans,
        takst_foer=g.gammel_takst,
        takst_efter=g.ny_takst,
        takst_forskel=takst_forskel,
        takst_forskel_pct=takst_pct,
        helaarsvirkning_pr_plads=helaar,
        pladser_foer=g.gamle_pladser,
        pladser_efter=NUL if er_lukning(g) and g.gamle_pladser is not None else g.nye_pladser,
        pladser_forskel=pladser_forskel,
        pladsdage=pladsdage,
        kommuner=kommunerne,
        merudgift_i_alt=merudgift_i_alt,
        bortfaldende_betaling_i_alt=bortfald_i_alt,
        modtagere=modtagerne,
        underretning=Underretning(emne="", afsnit=()),
        spor=spor,
        advarsler=tuple(advarsler),
    )
    return med_underretning(resultat, g, virkningstekst, aarspladser_aar)


CASEBEREGNING = Caseberegning(
    "aendring",
    Aendringsgrundlag,
    beregn_aendring,
    "En ændring i årets løb: ikrafttræden, høring og konsekvenser",
)
