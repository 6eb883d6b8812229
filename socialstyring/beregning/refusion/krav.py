"""Totals per month and quarter, the quarterly claim with its running correction, and the
forecast of next year.

**The claim** (refusion is claimed quarterly for the year up to and including the quarter,
with a running settlement of what was claimed before):

    krav = refusion 1. januar til kvartalets udgang − anmeldt for de tidligere kvartaler
         = kvartalets egen refusion + korrektion af de tidligere kvartaler

**The forecast** continues each case's latest month (its running cost, without one-off shares)
through next year, with next year's thresholds if the rulebook has them, else this year's
with a warning.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.beregning.kerne.model import Noegler
from socialstyring.beregning.kerne.penge import NUL, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.beregning.refusion.graenser import (
    Maanedsregler,
    aldersgraense,
    fordel_paa_trin,
    maaned_nr,
    maanedsregler,
)
from socialstyring.beregning.refusion.grundlag import Ordning, Refusionsgrundlag
from socialstyring.beregning.refusion.opgoerelse import Sagsgruppe, maanedsnavn, mm
from socialstyring.beregning.refusion.resultat import (
    Kvartal,
    Kvartalskrav,
    Maanedstotal,
    Prognose,
    Prognosesag,
    Sag,
)
from socialstyring.regler import Regelbog


def maanedstotaler(g: Refusionsgrundlag, sager: list[Sag], spor: Spor) -> list[Maanedstotal]:
    ud = []
    sagsnoegler = _sagsnoegler(spor)
    for maaned in range(1, g.sidste_maaned + 1):
        noegler = [
            f"sag.{n}.{mm(maaned)}"
            for n in sagsnoegler
            if f"sag.{n}.{mm(maaned)}.refusion" in spor
            and Decimal(spor[f"sag.{n}.{mm(maaned)}.refusion"].resultat)
        ]
        refusion = spor.tilfoej(
            f"maaned.{mm(maaned)}.refusion",
            f"Refusion {maanedsnavn(g.aar, maaned)} i alt",
            "sum af sagernes refusion i måneden (sager med 0 kr. er udeladt)"
            if noegler
            else "ingen sager med refusion i måneden",
            sum((Decimal(spor[f"{n}.refusion"].resultat) for n in noegler), NUL),
            "kr.",
            {n.split(".")[1]: spor.fra(f"{n}.refusion") for n in noegler},
        )
        netto = sum((m.netto for s in sager for m in s.maaneder if m.maaned == maaned), NUL)
        ud.append(Maanedstotal(navn=MAANEDER[maaned - 1], maaned=maaned, netto=netto, refusion=refusion))
    return ud


def _sagsnoegler(spor: Spor) -> list[str]:
    set_: dict[str, None] = {}
    for t in spor:
        if t.noegle.startswith("sag.") and t.noegle.count(".") == 3:
            set_.setdefault(t.noegle.split(".")[1], None)
    return list(set_)


def kvartaler_og_krav(
    g: Refusionsgrundlag, spor: Spor, advarsler: list[str]
) -> tuple[list[Kvartal], Decimal, Kvartalskrav]:
    kvartaler = []
    forrige: str | None = None
    for k in range(1, g.opgoerelseskvartal + 1):
        maaneder = range(3 * k - 2, 3 * k + 1)
        refusion = spor.tilfoej(
            f"kvartal.{k}.refusion",
            f"Refusion {k}. kvartal {g.aar}",
            " + ".join(MAANEDER[m - 1] for m in maaneder),
            sum((Decimal(spor[f"maaned.{mm(m)}.refusion"].resultat) for m in maaneder), NUL),
            "kr.",
            {MAANEDER[m - 1]: spor.fra(f"maaned.{mm(m)}.refusion") for m in maaneder},
        )
        indgange = {f"{k}. kvartal": spor.fra(f"kvartal.{k}.refusion")}
        if forrige:
            indgange = {"til og med forrige kvartal": spor.fra(forrige), **indgange}
        aar_til_dato = spor.tilfoej(
            f"kvartal.{k}.aar_til_dato",
            f"Refusion 1. januar til udgangen af {k}. kvartal {g.aar}",
            "til og med forrige kvartal + kvartalet" if forrige else "1. kvartal",
            sum((i.vaerdi for i in indgange.values()), NUL),
            "kr.",
            indgange,
        )
        forrige = f"kvartal.{k}.aar_til_dato"
        kvartaler.append(
            Kvartal(
                navn=f"{k}. kvartal",
                kvartal=k,
                refusion=refusion,
                aar_til_dato=aar_til_dato,
                anmeldt=g.tidligere_anmeldt.get(k) if k < g.opgoerelseskvartal else None,
            )
        )
    k = g.opgoerelseskvartal
    aar_til_dato = spor.tilfoej(
        "aar_til_dato",
        f"Refusion år til dato ({g.aar}, til og med {k}. kvartal)",
        f"refusion 1. januar til udgangen af {k}. kvartal",
        kvartaler[-1].aar_til_dato,
        "kr.",
        {f"til og med {k}. kvartal": spor.fra(f"kvartal.{k}.aar_til_dato")},
    )
    mangler = [q for q in range(1, k) if q not in g.tidligere_anmeldt]
    if g.tidligere_anmeldt and mangler:
        advarsler.append(
            f"Der er ikke angivet, hvad der blev anmeldt for {', '.join(f'{q}. kvartal' for q in mangler)}; "
            "det regnes som 0 kr."
        )
    anmeldt = spor.tilfoej(
        "krav.tidligere_anmeldt",
        f"Anmeldt for de tidligere kvartaler i {g.aar}",
        "sum af det anmeldte" if k > 1 else "intet tidligere kvartal",
        sum(g.tidligere_anmeldt.values(), NUL),
        "kr.",
        {f"anmeldt {q}. kvartal": g.tidligere_anmeldt.get(q, NUL) for q in range(1, k)},
    )
    tidligere_nu = Decimal(spor[f"kvartal.{k - 1}.aar_til_dato"].resultat) if k > 1 else NUL
    korrektion = spor.tilfoej(
        "krav.korrektion",
        "Korrektion af de tidligere kvartaler (løbende restafregning)",
        "refusion til og med forrige kvartal, som den nu opgøres − anmeldt for de tidligere kvartaler",
        tidligere_nu - anmeldt,
        "kr.",
        {
            "til og med forrige kvartal nu": spor.fra(f"kvartal.{k - 1}.aar_til_dato") if k > 1 else NUL,
            "anmeldt": spor.fra("krav.tidligere_anmeldt"),
        },
        bemaerkning="Positiv: der blev anmeldt for lidt før; negativ: der blev anmeldt for meget.",
    )
    kvartalets = Decimal(spor[f"kvartal.{k}.refusion"].resultat)
    krav = spor.tilfoej(
        "krav",
        f"Krav for {k}. kvartal {g.aar}",
        "refusion år til dato − anmeldt for de tidligere kvartaler",
        aar_til_dato - anmeldt,
        "kr.",
        {"år til dato": spor.fra("aar_til_dato"), "anmeldt": spor.fra("krav.tidligere_anmeldt")},
        bemaerkning=f"= kvartalets egen refusion {dansk_tal(kvartalets, 2)} kr. + korrektion "
        f"{dansk_tal(korrektion, 2)} kr.",
    )
    return (
        kvartaler,
        aar_til_dato,
        Kvartalskrav(
            kvartal=k,
            aar_til_dato=aar_til_dato,
            tidligere_anmeldt=anmeldt,
            tidligere_kvartaler_nu=tidligere_nu,
            korrektion=korrektion,
            kvartalets_refusion=kvartalets,
            krav=krav,
        ),
    )


def prognose(
    g: Refusionsgrundlag,
    grupper: list[Sagsgruppe],
    sager: list[Sag],
    loebende: dict[str, dict[int, Decimal]],
    bog: Regelbog,
    spor: Spor,
    noegler: Noegler,
    advarsler: list[str],
) -> Prognose:
    naeste = g.aar + 1
    sidste = g.sidste_maaned
    graenseaar = naeste
    ud = []
    for gruppe, sag in zip(grupper, sager, strict=True):
        foerste = gruppe.borgere[0]
        mr = _naeste_aars_regler(g, foerste.ordning, bog)
        if mr is None or any(t.graense_ref.gyldig_fra.year != naeste for t in mr.trin):
            mr = maanedsregler(Regler(bog, g.region, date(g.aar, sidste, 1)), foerste.ordning)
            graenseaar = g.aar
        netto = spor.tilfoej(
            f"prognose.{gruppe.noegle}.netto",
            f"Løbende månedsudgift ({gruppe.navn}), {maanedsnavn(g.aar, sidste)}",
            "udgift − indtægter − objektivt finansieret, uden engangsudgifter",
            sum((loebende[noegler(b.noegle)][sidste] for b in gruppe.borgere), NUL),
            "kr.",
            {b.noegle: loebende[noegler(b.noegle)][sidste] for b in gruppe.borgere},
        )
        trin = fordel_paa_trin(netto, mr)
        maanedlig = spor.tilfoej(
            f"prognose.{gruppe.noegle}.maanedsrefusion",
            f"Refusion pr. måned i {naeste}, hvis udgiften fortsætter ({gruppe.navn})",
            "sum over trinnene af (udgiften over trinnets 1/12-grænse, op til næste) × sats",
            sum((t.refusion for t in trin), NUL),
            "kr.",
            {
                "udgift": spor.fra(f"prognose.{gruppe.noegle}.netto"),
                **{
                    f"1/12 af grænsen for {t.sats_navn} %": tr.graense
                    for t, tr in zip(mr.trin, trin, strict=True)
                },
            },
            [r for t in mr.trin for r in (t.graense_ref, t.sats_ref)] + [mr.afrunding_ref],
        )
        maaneder = _prognosemaaneder(g, gruppe, sag, netto, mr, bog)
        refusion = spor.tilfoej(
            f"prognose.{gruppe.noegle}.refusion",
            f"Forventet refusion {naeste} ({gruppe.navn})",
            "refusion pr. måned × omfattede måneder",
            maanedlig * maaneder,
            "kr.",
            {"pr. måned": spor.fra(f"prognose.{gruppe.noegle}.maanedsrefusion"), "måneder": maaneder},
        )
        ud.append(
            Prognosesag(
                navn=gruppe.navn,
                maanedlig_netto=netto,
                maaneder=maaneder,
                maanedlig_refusion=maanedlig,
                refusion=refusion,
            )
        )
    antaget = {
        r.kilde
        for s in grupper
        if (mr := _naeste_aars_regler(g, s.borgere[0].ordning, bog)) is not None and graenseaar == naeste
        for t in mr.trin
        if (r := t.graense_ref).antaget
    }
    for kilde in sorted(antaget):
        advarsler.append(f"Prognosen for {naeste} bygger på en antaget grænse: {kilde}")
    if graenseaar != naeste:
        advarsler.append(
            f"Prognosen for {naeste}: regelbogen har ikke grænserne for {naeste}, så årets grænser for "
            f"{g.aar} er brugt; refusionen bliver formentlig opgjort for højt."
        )
    total = spor.tilfoej(
        "prognose.refusion",
        f"Forventet refusion {naeste} i alt",
        "sum af sagernes forventede refusion (sager med 0 kr. er udeladt)",
        sum((p.refusion for p in ud), NUL),
        "kr.",
        {
            p.navn: spor.fra(f"prognose.{s.noegle}.refusion")
            for p, s in zip(ud, grupper, strict=True)
            if p.refusion
        },
        bemaerkning=f"Hver sags udgift i {maanedsnavn(g.aar, sidste)} fortsætter uændret i {naeste}, "
        "til hjælpen ophører, hvor ophøret kendes (opholdets slutdato).",
    )
    return Prognose(aar=naeste, graenser_fra_aar=graenseaar, sager=tuple(ud), refusion=total)


def _naeste_aars_regler(g: Refusionsgrundlag, ordning: Ordning, bog: Regelbog) -> Maanedsregler | None:
    try:
        return maanedsregler(Regler(bog, g.region, date(g.aar + 1, 1, 1)), ordning)
    except (ValueError, KeyError):
        return None


def _prognosemaaneder(
    g: Refusionsgrundlag, gruppe: Sagsgruppe, sag: Sag, netto: Decimal, mr: Maanedsregler, bog: Regelbog
) -> int:
    """The months of next year the case is covered if its cost continues: all, unless the
    help is known to end (`Borger.ophoerer`: only the months begun by then) or the person is
    over the age limit without continuing (now, or from the month they reach it)."""
    naeste = g.aar + 1
    ophoer = [b.ophoerer for b in gruppe.borgere]
    sidste_dag = max(ophoer) if ophoer and all(d is not None for d in ophoer) else None  # type: ignore[type-var]
    i_hjaelp = [m for m in range(1, 13) if sidste_dag is None or date(naeste, m, 1) <= sidste_dag]
    if gruppe.art == "husstand":
        return len(i_hjaelp)
    ag = aldersgraense(gruppe.borgere[0].foedselsdato, bog, g.region, date(naeste, 1, 1))
    if maaned_nr(g.aar, g.sidste_maaned) >= ag.foerste_maaned_over:
        omfattet_nu = any(m.maaned == g.sidste_maaned and m.omfattet for m in sag.maaneder)
        return len(i_hjaelp) if omfattet_nu else 0
    fortsaetter = ag.fortsaetter and netto > mr.maanedsgraense(mr.trin[0])
    return sum(1 for m in i_hjaelp if maaned_nr(naeste, m) < ag.foerste_maaned_over or fortsaetter)
