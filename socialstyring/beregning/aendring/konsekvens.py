"""How much: the rate difference, the change in place-days and each paying municipality's
extra cost (or, for a closure, the place-days it must find elsewhere and the payment that
lapses) for the rest of the year."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.aendring.grundlag import Aendringsgrundlag, er_lukning
from socialstyring.beregning.aendring.resultat import Kommunekonsekvens
from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor


def takst(
    g: Aendringsgrundlag, aar: int, regler: Regler, spor: Spor
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if g.gammel_takst is None or g.ny_takst is None:
        return None, None, None
    enhed = g.pladstype.enhed
    forskel = spor.tilfoej(
        "takst.forskel",
        f"Takstforskel pr. {g.pladstype.label}",
        "ny takst − gammel takst",
        g.ny_takst - g.gammel_takst,
        enhed,
        {"ny takst": g.ny_takst, "gammel takst": g.gammel_takst},
    )
    pct = spor.tilfoej(
        "takst.forskel_pct",
        "Takstforskel i procent af den gamle takst",
        "takstforskel / gammel takst × 100, afrundet til 2 decimaler",
        afrund(forskel / g.gammel_takst * HUNDREDE, Afrunding.OERE),
        "%",
        {"takstforskel": spor.fra("takst.forskel"), "gammel takst": g.gammel_takst},
    )
    dage, metode, ref = dage_i_aaret(aar, regler)
    spor.tilfoej(
        "takst.dage_pr_aar",
        "Dage i året (takstberegningens konvention)",
        "365" if metode == "365" else f"kalenderdage i {aar}",
        dage,
        "dage",
        regler=[ref],
    )
    helaar = spor.tilfoej(
        "takst.helaarsvirkning",
        "Helårsvirkning pr. plads",
        "takstforskel × dage i året",
        forskel * dage,
        "kr.",
        {"takstforskel": spor.fra("takst.forskel"), "dage i året": spor.fra("takst.dage_pr_aar")},
    )
    return forskel, pct, helaar


def pladser(g: Aendringsgrundlag, dage: int, spor: Spor) -> tuple[Decimal | None, Decimal | None]:
    if g.type.er_pladsaendring:
        assert g.gamle_pladser is not None and g.nye_pladser is not None
        forskel = spor.tilfoej(
            "pladser.forskel",
            "Ændring i antal faste pladser",
            "nye pladser − gamle pladser",
            g.nye_pladser - g.gamle_pladser,
            "pladser",
            {"nye pladser": g.nye_pladser, "gamle pladser": g.gamle_pladser},
        )
        pladsdage = spor.tilfoej(
            "pladser.pladsdage",
            "Ændring i pladsdage resten af året",
            "ændring i pladser × dage resten af året",
            forskel * dage,
            "pladsdage",
            {"ændring i pladser": spor.fra("pladser.forskel"), "dage": spor.fra("virkning.dage")},
        )
        return forskel, pladsdage
    if er_lukning(g) and g.gamle_pladser is not None:
        tabte = spor.tilfoej(
            "lukning.pladsdage",
            "Pladsdage, der bortfalder resten af året",
            "tilbuddets pladser × dage efter lukningen",
            g.gamle_pladser * dage,
            "pladsdage",
            {"pladser": g.gamle_pladser, "dage": spor.fra("virkning.dage")},
        )
        return -g.gamle_pladser, -tabte
    return None, None


def kommuner(
    g: Aendringsgrundlag, forskel: Decimal | None, dage: int, aarspladser_aar: int, spor: Spor
) -> tuple[Kommunekonsekvens, ...]:
    aftalen = {k.kode for k in g.aftalens_kommuner}
    resultat = []
    for b in sorted(g.betalingskommuner, key=lambda b: b.navn):
        p = f"kommune.{b.kode}"
        brugt = b.aarspladser or NUL  # the input requires them (Aendringsgrundlag)
        aarspladser = f"årspladser {aarspladser_aar}"
        merudgift: Decimal | None = None
        pladsdage: Decimal | None = None
        bortfald: Decimal | None = None
        if forskel is not None:
            merudgift = spor.tilfoej(
                f"{p}.merudgift",
                f"Merudgift resten af året for {b.navn}" + (" (negativ = besparelse)" if forskel < 0 else ""),
                "takstforskel × dage resten af året × årspladser, afrundet til øre",
                afrund(forskel * dage * brugt, Afrunding.OERE),
                "kr.",
                {
                    "takstforskel": spor.fra("takst.forskel"),
                    "dage": spor.fra("virkning.dage"),
                    aarspladser: brugt,
                },
            )
        if er_lukning(g):
            pladsdage = spor.tilfoej(
                f"{p}.pladsdage",
                f"Pladsdage, {b.navn} skal finde andetsteds",
                "årspladser × dage efter lukningen",
                brugt * dage,
                "pladsdage",
                {aarspladser: brugt, "dage": spor.fra("virkning.dage")},
            )
            if g.gammel_takst is not None:
                bortfald = spor.tilfoej(
                    f"{p}.bortfaldende_betaling",
                    f"Betaling fra {b.navn} til tilbuddet, der bortfalder",
                    "gammel takst × berørte pladsdage, afrundet til øre",
                    afrund(g.gammel_takst * pladsdage, Afrunding.OERE),
                    "kr.",
                    {"gammel takst": g.gammel_takst, "pladsdage": spor.fra(f"{p}.pladsdage")},
                    bemaerkning="Pladserne skal i stedet købes i et andet tilbud.",
                )
        resultat.append(
            Kommunekonsekvens(
                kode=b.kode,
                navn=b.navn,
                i_aftalen=b.kode in aftalen,
                aarspladser=brugt,
                merudgift=merudgift,
                pladsdage=pladsdage,
                bortfaldende_betaling=bortfald,
                noegle=p,
            )
        )
    return tuple(resultat)


def i_alt(kommuner: tuple[Kommunekonsekvens, ...], felt: str, label: str, spor: Spor) -> Decimal | None:
    med = [k for k in kommuner if getattr(k, felt) is not None]
    if not med:
        return None
    enhed = "pladsdage" if felt == "pladsdage" else "kr."
    total = sum((getattr(k, felt) for k in med), NUL)
    assert isinstance(total, Decimal)
    return spor.tilfoej(
        f"i_alt.{felt}",
        label,
        "sum over betalingskommunerne",
        total,
        enhed,
        {k.navn: spor.fra(f"{k.noegle}.{felt}") for k in med},
    )
