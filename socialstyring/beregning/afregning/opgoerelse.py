"""The traced statement: every line an exact decimal amount with its step in the trace."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from socialstyring.beregning.afregning.betalingsregler import Regelopslag, kravfrist_regel
from socialstyring.beregning.afregning.model import Afregningsgrundlag, Ophold
from socialstyring.beregning.afregning.resultat import Afregningslinje, Afregningsresultat, Opgoerelse
from socialstyring.beregning.afregning.stykker import (
    PAKKE,
    TAKST,
    TIMER,
    Kontekst,
    Opholdsplan,
    Stykke,
    plan,
    stykker,
)
from socialstyring.beregning.kerne.kalender import MAANEDER, dansk_dato, varslets_udloeb
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund
from socialstyring.beregning.kerne.regelbrug import reference
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor
from socialstyring.regler import Opslag, Regelbog, Varsel


def linjenoegle(ophold_id: str, art: str, fra: int) -> str:
    """The key of a statement line (and of its trace step): stay, first day, component."""
    return f"{slug(ophold_id)}.{date.fromordinal(fra).isoformat().replace('-', '_')}.{art}"


def kravfrist(fra: date, maaneder: int) -> date:
    """The last day a claim for help given on `fra` may be made: the same day `maaneder`
    months later (or that month's last day)."""
    return varslets_udloeb(Varsel(regel="maaneder_fra_dag", maaneder=maaneder, tekst=""), fra)


def beregn_afregning(g: Afregningsgrundlag, bog: Regelbog) -> Afregningsresultat:
    """The statements of the period: lines per stay, month and rate, per operator, paying
    municipality and month, with every line's amount in the trace."""
    regler = Regelopslag(bog, g.region)
    k = Kontekst.lav(g, regler)
    spor = Spor()
    advarsler: list[str] = []
    grupper: dict[tuple[str, str, str], list[Afregningslinje]] = defaultdict(list)
    for o in g.ophold:
        p = plan(o, k)
        advarsler.extend(p.advarsler)
        for linje in _ophold(o, p, k, spor):
            grupper[(linje.driftsherre, linje.betalingskommune, linje.maaned)].append(linje)

    opgoerelser: list[Opgoerelse] = []
    pr_kommune: dict[str, list[str]] = defaultdict(list)
    for (driftsherre, kommune, maaned), linjer in sorted(grupper.items()):
        q = f"opgoerelse.{slug(driftsherre)}.{kommune}.{maaned.replace('-', '_')}"
        i_alt = spor.tilfoej(
            q,
            f"{driftsherre} til kommune {kommune}, {_maaned_tekst(maaned)}",
            "summen af linjerne",
            sum((linje.beloeb for linje in linjer), NUL),
            "kr.",
            {_indgangsnavn(linje): spor.fra(linje.navn) for linje in linjer},
        )
        pr_kommune[kommune].append(q)
        navn = f"{driftsherre} til {kommune}, {maaned}"
        opgoerelser.append(Opgoerelse(navn=navn, driftsherre=driftsherre, betalingskommune=kommune,
                                      maaned=maaned, linjer=linjer, i_alt=i_alt))  # fmt: skip
    totaler = {
        kommune: spor.tilfoej(
            f"i_alt.{kommune}",
            f"Betalingskommune {kommune} i alt",
            "summen af kommunens opgørelser",
            sum((spor[n].resultat for n in noegler), NUL),
            "kr.",
            {_maaned_tekst(n.rsplit(".", 1)[-1].replace("_", "-")): spor.fra(n) for n in noegler},
        )
        for kommune, noegler in sorted(pr_kommune.items())
    }
    for_sent = [linje.navn for o in opgoerelser for linje in o.linjer if linje.krav_for_sent]
    if for_sent:
        advarsler.append(
            f"{len(for_sent)} linje(r) er hjælp ydet mere end fristen før kravet den "
            f"{dansk_dato(g.kravdato) if g.kravdato else ''}; kravet kan være for sent (serviceloven § 174, "
            "stk. 2, og barnets lov § 195, stk. 2)."
        )
    return Afregningsresultat(
        region=g.region, fra=g.fra, til=g.til, kravdato=g.kravdato, opgoerelser=opgoerelser,
        i_alt_pr_betalingskommune=totaler, i_alt=sum(totaler.values(), NUL),
        krav_for_sent=for_sent, advarsler=advarsler, spor=spor,
    )  # fmt: skip


def _indgangsnavn(linje: Afregningslinje) -> str:
    """A line as an input of its statement's sum, in words: 'ophold A, takst fra 1.'"""
    hvad = linje.art_tekst.lower()
    if linje.art not in (TAKST, PAKKE):
        hvad += f" {linje.beskrivelse}"
    return f"ophold {linje.ophold}, {hvad} fra {linje.fra.day}."


def _maaned_tekst(maaned: str) -> str:
    aar, m = maaned.split("-")
    return f"{MAANEDER[int(m) - 1]} {aar}"


def _ophold(o: Ophold, p: Opholdsplan, k: Kontekst, spor: Spor) -> list[Afregningslinje]:
    q = slug(o.id)
    b = p.betaling
    betalt = spor.tilfoej(
        f"{q}.betalt_til",
        f"Ophold {o.id} ({o.tilbudsart.label.lower()}, {o.lovgrundlag}) betales til og med",
        "størst af ophørsdag og varslets udløb, dog højst dagen før en ny borger overtager pladsen",
        b.sidste_dag.isoformat() if b.sidste_dag else "hele perioden",
        "dato",
        {
            navn: v.isoformat()
            for navn, v in (
                ("start", o.start),
                ("opsagt", o.opsagt),
                ("ophør", o.slut),
                ("varslets udløb", b.varsel_udloeb),
                ("ny borger på pladsen", o.ny_borger_fra),
            )
            if v is not None
        },
        b.regler,
        bemaerkning=b.forklaring,
    )
    pakketrin: dict[int, str] = {}
    for nr, pp in enumerate(p.pakker[1:], start=1):
        pakketrin[pp.fra.toordinal()] = f"{q}.pakkeskift_{nr}"
        spor.tilfoej(
            f"{q}.pakkeskift_{nr}",
            f"Ophold {o.id}: pakke {pp.pakke} opkræves fra",
            "dagen efter varslet for pakkeskiftet",
            pp.fra.isoformat(),
            "dato",
            {"pakke": pp.pakke or ""},
            pp.regler,
            bemaerkning=pp.forklaring,
        )
    funktion = str(p.funktion.vaerdi) if p.funktion else None
    kontoregel = (reference(p.funktion),) if p.funktion else ()
    kravregel = kravfrist_regel(o.lov, k.grundlag.kravdato, k.regler) if k.grundlag.kravdato else None
    linjer = []
    for st in stykker(o, p, k):
        linjer.append(_linje(o, p, k, spor, st, betalt, pakketrin, funktion, kontoregel, kravregel))
    return linjer


def _linje(
    o: Ophold,
    p: Opholdsplan,
    k: Kontekst,
    spor: Spor,
    st: Stykke,
    betalt: str,
    pakketrin: dict[int, str],
    funktion: str | None,
    kontoregel: tuple[Regelreference, ...],
    kravregel: Opslag | None,
) -> Afregningslinje:
    art, navn, fra_o, til_o, antal_i, sats_o, _faktor, _deler, periode_fra = st
    fra, til = date.fromordinal(fra_o), date.fromordinal(til_o)
    sats = Decimal(sats_o) / HUNDREDE
    noegle = linjenoegle(o.id, art, fra_o)
    regler: list[Regelreference] = [*kontoregel]
    indgange: dict[str, Indgang | Decimal | int | str] = {}
    periode = f"{fra.day}.–{dansk_dato(til)}" if fra != til else dansk_dato(til)
    pct = o.indskrivning_pct
    if art.startswith(TIMER):
        timer = Decimal(antal_i) / HUNDREDE
        beloeb = afrund(timer * sats, Afrunding.OERE)
        formel, label = "timer × timepris", f"tillægsydelse {navn} {dansk_dato(fra)}"
        indgange |= {"timer": timer, "timepris (kr.)": sats}
        antal, pct_linje = timer, HUNDREDE
    else:
        dage = antal_i
        if art in (TAKST, PAKKE):
            beloeb = afrund(Decimal(dage) * sats * pct / HUNDREDE, Afrunding.OERE)
            formel = "dage × takst pr. dag × indskrivning % / 100"
            indgange |= {"dage": dage, "takst pr. dag (kr.)": sats, "indskrivning %": pct}
            hvad = "takst" if art == TAKST else f"pakketillæg, pakke {navn}"
            label = f"{hvad} {periode} (takst fra {dansk_dato(date.fromordinal(periode_fra))})"
            pct_linje = pct
        else:
            beloeb = afrund(Decimal(dage) * sats, Afrunding.OERE)
            formel, label = "dage × beløb pr. dag", f"tillægsydelse {navn} {periode}"
            indgange |= {"dage": dage, "beløb pr. dag (kr.)": sats}
            pct_linje = HUNDREDE
        antal = Decimal(dage)
        if o.tilbudsart.er_dagtilbud:
            regler.append(reference(k.dagregel))
    indgange["betales til og med"] = spor.fra(f"{slug(o.id)}.betalt_til")
    if art == PAKKE:
        trin = max((d for d in pakketrin if d <= fra_o), default=None)
        if trin is not None:
            indgange["pakke fra"] = spor.fra(pakketrin[trin])
    frist: date | None = None
    for_sent = False
    konto = f"konteres på funktion {funktion}" if funktion else "ingen funktion i kontoplanen for loven"
    noter = [konto]
    if kravregel is not None and k.grundlag.kravdato is not None:
        frist = kravfrist(fra, int(kravregel.decimal))
        for_sent = k.grundlag.kravdato > frist
        regler.append(reference(kravregel))
        if for_sent:
            noter.append(
                f"KRAVET ER FOR SENT: hjælpen fra {dansk_dato(fra)} skulle være krævet senest "
                f"{dansk_dato(frist)}, kravet er fra {dansk_dato(k.grundlag.kravdato)}"
            )
    spor.tilfoej(
        noegle,
        f"Ophold {o.id}, {_maaned_tekst(fra.isoformat()[:7])}: {label}",
        formel,
        beloeb,
        "kr.",
        indgange,
        regler,
        bemaerkning="; ".join(noter),
    )
    return Afregningslinje(
        navn=noegle, ophold=o.id, borger=o.borger, driftsherre=o.driftsherre, tilbud=o.tilbud,
        handlekommune=o.handlekommune, betalingskommune=o.betalingskommune, maaned=fra.isoformat()[:7],
        art=art, beskrivelse=navn, fra=fra, til=til, antal=antal, sats=sats, indskrivning_pct=pct_linje,
        beloeb=beloeb, lovgrundlag=o.lovgrundlag, funktion=funktion, betalt_til=p.betaling.sidste_dag,
        varsel_udloeb=p.betaling.varsel_udloeb, kravfrist=frist, krav_for_sent=for_sent,
    )  # fmt: skip
