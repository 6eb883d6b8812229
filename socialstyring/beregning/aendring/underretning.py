"""The notification to the municipalities: what changes, why, from when, the
consequences and the hearing, in Danish."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.aendring.grundlag import Aendringsgrundlag
from socialstyring.beregning.aendring.procedure import Procedure
from socialstyring.beregning.aendring.resultat import Aendringsresultat, Underretning
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.penge import NUL, dansk_tal, kr
from socialstyring.beregning.kerne.typer import Aendringstype


def _pladstal(d: Decimal) -> str:
    """Places and place-days without trailing zeros: 2,0 → 2; 76,50 → 76,5."""
    return dansk_tal(d.normalize())


def med_underretning(
    r: Aendringsresultat, g: Aendringsgrundlag, virkningstekst: str, aarspladser_aar: int
) -> Aendringsresultat:
    hvem = g.driftsherre or "Driftsherren"
    hvad = f"{g.ydelse} i {g.tilbud}" if g.ydelse else g.tilbud
    pr = f"pr. {g.pladstype.label}"
    emne = f"{g.type.label}: {g.tilbud}" + (f", {g.ydelse}" if g.ydelse else "")

    afsnit: list[tuple[str, str]] = []
    takstsaetning = ""
    if r.takst_forskel is not None and g.gammel_takst is not None and g.ny_takst is not None:
        takstsaetning = (
            f"fra {kr(g.gammel_takst)} til {kr(g.ny_takst)} {pr}, en ændring på "
            f"{kr(r.takst_forskel)} {pr} ({dansk_tal(r.takst_forskel_pct or NUL)} %)"
        )
    match g.type:
        case Aendringstype.TAKSTFORHOEJELSE:
            aendringen = f"{hvem} forhøjer taksten for {hvad} {takstsaetning}."
        case Aendringstype.TAKSTNEDSAETTELSE:
            aendringen = f"{hvem} nedsætter taksten for {hvad} {takstsaetning}."
        case Aendringstype.TEKNISK_FEJL:
            aendringen = (
                f"{hvem} retter en teknisk fejl i takstberegningen for {hvad}: "
                f"taksten ændres {takstsaetning}."
            )
        case Aendringstype.FLERE_PLADSER | Aendringstype.FAERRE_PLADSER:
            assert g.gamle_pladser is not None and g.nye_pladser is not None and r.pladser_forskel is not None
            verbum = "opretter" if g.type is Aendringstype.FLERE_PLADSER else "nedlægger"
            aendringen = (
                f"{hvem} {verbum} {_pladstal(abs(r.pladser_forskel))} faste pladser i {hvad}: "
                f"fra {_pladstal(g.gamle_pladser)} til {_pladstal(g.nye_pladser)} pladser."
            )
            if takstsaetning:
                aendringen += f" Taksten ændres samtidig {takstsaetning}."
            elif g.gammel_takst is not None:
                aendringen += (
                    f" Den nye takst er ikke oplyst; den hidtidige takst er {kr(g.gammel_takst)} {pr}."
                )
        case Aendringstype.LUKNING:
            aendringen = f"{hvem} lukker {g.tilbud}" + (
                f" ({_pladstal(g.gamle_pladser)} pladser)." if g.gamle_pladser is not None else "."
            )
    afsnit.append(("Ændringen", aendringen))
    afsnit.append(("Begrundelse", g.begrundelse.strip()))

    if g.type is Aendringstype.LUKNING:
        tid = (
            f"Tilbuddet lukker med udgangen af den {dansk_dato(r.ikrafttraedelse)}; "
            f"lukningen er besluttet den {dansk_dato(g.beslutningsdato)}."
        )
        if r.varsel_udloeb is not None:
            tid += (
                f" Varslet ved lukning løber til og med den {dansk_dato(r.varsel_udloeb)}, "
                "og der betales for pladserne til og med lukningsdagen."
            )
    else:
        tid = (
            f"Ændringen træder i kraft den {dansk_dato(r.ikrafttraedelse)}; "
            f"den er besluttet den {dansk_dato(g.beslutningsdato)}."
        )
    if r.flyttet:
        tid += (
            f" Den ønskede ikrafttrædelse, {dansk_dato(g.oensket_ikrafttraedelse)}, ligger før det tidligst "
            f"mulige tidspunkt ({virkningstekst}), og ændringen er derfor sat til "
            f"{dansk_dato(r.ikrafttraedelse)}."
        )
    if r.kraever_hoering:
        hvad_sker = "Lukningen sker" if g.type is Aendringstype.LUKNING else "Ændringen træder varigt i kraft"
        tid += f" {hvad_sker} først, når høringen i {r.hoeringsinstans} er gennemført."
    afsnit.append(("Ikrafttrædelse", tid))
    afsnit.append(("Økonomiske konsekvenser", _konsekvenstekst(r, g, aarspladser_aar)))
    afsnit.append(("Høring og orientering", _hoeringstekst(r, g)))
    return r.model_copy(update={"underretning": Underretning(emne=emne, afsnit=tuple(afsnit))})


def _konsekvenstekst(r: Aendringsresultat, g: Aendringsgrundlag, aarspladser_aar: int) -> str:
    periode = f"fra {dansk_dato(r.foerste_dag)} til 31. december {r.aar} ({r.dage} dage)"
    linjer: list[str] = []
    pr = f"pr. {g.pladstype.label}"
    if r.type.er_pladsaendring and r.pladser_forskel is not None and r.pladsdage is not None:
        retning = "øges" if r.pladser_forskel > 0 else "mindskes"
        linjer.append(
            f"Kapaciteten {retning} med {_pladstal(abs(r.pladser_forskel))} pladser {periode}: "
            f"{_pladstal(abs(r.pladsdage))} pladsdage {'mere' if r.pladser_forskel > 0 else 'mindre'} "
            "i resten af året."
        )
    if r.type is Aendringstype.LUKNING:
        if r.pladsdage is not None and r.pladser_foer is not None:
            linjer.append(
                f"Lukningen fjerner {_pladstal(r.pladser_foer)} pladser {periode}: "
                f"{_pladstal(abs(r.pladsdage))} pladsdage i resten af året."
            )
        else:
            linjer.append(f"Lukningen berører perioden {periode}.")
        if r.kommuner:
            linjer.append(
                f"Betalingskommunerne skal finde andre tilbud til de borgere, de har i tilbuddet "
                f"(årspladser {aarspladser_aar}):"
            )
            for k in r.kommuner:
                linje = (
                    f"• {k.navn}: {_pladstal(k.aarspladser)} årspladser × {r.dage} dage "
                    f"= {_pladstal(k.pladsdage or NUL)} pladsdage"
                )
                if k.bortfaldende_betaling is not None:
                    linje += f"; betaling til tilbuddet, der bortfalder: {kr(k.bortfaldende_betaling)}"
                linjer.append(linje)
            if r.bortfaldende_betaling_i_alt is not None:
                linjer.append(
                    f"Bortfaldende betaling til tilbuddet i alt: {kr(r.bortfaldende_betaling_i_alt)}"
                )
    if r.takst_forskel is not None and r.helaarsvirkning_pr_plads is not None:
        ord_ = "merudgift" if r.takst_forskel > 0 else "besparelse"
        linjer.append(
            f"Takstændringen giver betalingskommunerne en {ord_} på {kr(abs(r.takst_forskel))} {pr} "
            f"pr. plads {periode}; helårsvirkningen er {kr(abs(r.helaarsvirkning_pr_plads))} pr. plads."
        )
        if r.kommuner:
            linjer.append(f"Pr. betalingskommune (årspladser {aarspladser_aar}; negativ = besparelse):")
            for k in r.kommuner:
                linjer.append(
                    f"• {k.navn}: {kr(r.takst_forskel)} × {r.dage} dage × "
                    f"{_pladstal(k.aarspladser)} årspladser = {kr(k.merudgift or NUL)}"
                )
            if r.merudgift_i_alt is not None:
                linjer.append(f"I alt: {kr(r.merudgift_i_alt)}")
    if not r.kommuner:
        linjer.append(
            f"Der er ingen registrerede betalingskommuner med årspladser i tilbuddet i {aarspladser_aar}."
        )
    return "\n".join(linjer)


def _hoeringstekst(r: Aendringsresultat, g: Aendringsgrundlag) -> str:
    kategori = (
        f"Tilbuddets kategori: {g.kategori.label}."
        if g.kategori
        else "Tilbuddets kategori er ikke registreret; den strengeste procedure er brugt."
    )
    instans = r.hoeringsinstans
    match r.procedure:
        case Procedure.HOERING:
            tekst = (
                f"Ændringen skal i høring i {instans}, før den kan træde varigt i kraft, og meddeles alle "
                "kommuner i rammeaftalen og eventuelle andre brugerkommuner."
            )
        case Procedure.ORIENTERING:
            tekst = (
                "Ændringen kræver ikke høring og kan iværksættes straks; "
                f"betalingskommunerne og {instans} orienteres."
            )
        case Procedure.MEDDELELSE:
            tekst = (
                f"Ændringen kræver ikke høring i {instans}; den meddeles alle kommuner i rammeaftalen "
                "og eventuelle andre brugerkommuner."
            )
        case Procedure.ORIENTERING_BEROERTE:
            tekst = (
                "Ændringen kræver ikke høring. Har den væsentlig indflydelse på andre kommuners tilbud, "
                "skal de berørte tilbud orienteres hurtigst muligt; denne underretning går til alle "
                "kommuner i rammeaftalen."
            )
    ref = next(
        (rr for rr in r.spor["procedure"].regler if rr.parameter.startswith("aendring.procedure")), None
    )
    grundlag = f" Grundlag: {ref.kilde}." if ref and not ref.antaget else ""
    if ref and ref.antaget:
        grundlag = f" Grundlag (antagelse): {ref.kilde}"
    return f"{kategori} {tekst}{grundlag}"
