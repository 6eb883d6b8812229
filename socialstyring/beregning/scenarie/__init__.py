"""Savings scenarios (besparelsesscenarier): what cutting rates, budgets, overhead, raising the
budgeted occupancy, closing places or reducing activity does to each offer, operator, unit and
paying municipality.

A baseline (`Grundlag`: a year's offers, see `grundlag`) and its scenarios (`Scenarie`: a name and
changes, applied in order). Each offer's net budget, objective financing and rate follow the rate's
formula (`motor`); every change moves the offers it covers, and the effects are summed:

    per kommune     = Σ ændret betaling (takst × dage) + andel af ændret objektiv finansiering
                      (efter nøglen, eller én linje for aftalens kommuner) + hjemmestøtte
    per driftsherre = Σ ændret indtægt (betalinger + objektiv finansiering): det driftsherren
                      skal tilpasse udgifterne med
    per enhed       = Σ ændret nettodriftsbudget; det administrative overhead efter sin fordeling
    i alt           = nettodriftsbudget før, ændring, efter og ændring i % af før

Scenarios are applied each to the baseline, or stacked (`stablet`): each to the one before.
Pure: no Django, no I/O; every figure a trace step whose inputs name the change; days in the
year, rounding of rates and overhead parts from the rulebook (overhead parts given in the
baseline replace the rulebook's).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.kalender import dage_i_aaret
from socialstyring.beregning.kerne.model import Caseberegning, Noegler, Resultat, ResultatMedRegler
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, OERE, Afrunding, afrund_til
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed
from socialstyring.beregning.scenarie.grundlag import (
    OBJEKTIV_FAELLES,
    OVERHEAD_DELE,
    Aendring,
    Aktivitetsaendring,
    Belaegningsaendring,
    Budgetaendring,
    Grundlag,
    Hjemmestoette,
    Kapacitetsaendring,
    Overheadaendring,
    Scenarie,
    Scenariegrundlag,
    Takstaendring,
    Tilbud,
)
from socialstyring.beregning.scenarie.motor import (
    Fast,
    Overhead,
    Tilstand,
    Udfald,
    anvend,
    beregn,
    ny_tilstand,
    saet_overhead,
    udfald,
)
from socialstyring.regler import Regelbog

__all__ = [
    "OBJEKTIV_FAELLES",
    "Aendring",
    "Aendringsudfald",
    "Aktivitetsaendring",
    "Belaegningsaendring",
    "Budgetaendring",
    "Effekt",
    "Grundlag",
    "Hjemmestoette",
    "Kapacitetsaendring",
    "Overheadaendring",
    "Scenarie",
    "Scenariegrundlag",
    "Scenarieresultat",
    "Scenarieudfald",
    "Takstaendring",
    "Tilbud",
    "Tilbudsudfald",
    "beregn_scenarie",
]

AFTALE = "aftale"
ANDRE = "andre"


class Tilbudsudfald(Resultat):
    """One offer before and after a scenario."""

    navn: str
    id: str
    driftsherre: str
    enhed: str
    maalgruppe: str
    pladser_foer: Decimal
    pladser: Decimal
    belaegning_pct_foer: Decimal
    belaegning_pct: Decimal
    nettobudget_foer: Decimal
    nettobudget: Decimal
    objektiv_foer: Decimal
    objektiv: Decimal
    takst_foer: Decimal
    takst: Decimal
    noegle: str


class Effekt(Resultat):
    """The change for one municipality, operator or unit (negative: it pays or gets less);
    `gruppe` is "aftale" or "andre" for municipalities."""

    navn: str
    gruppe: str = ""
    beloeb: Decimal
    noegle: str


class Aendringsudfald(Resultat):
    """What one change did: net budget, objective financing and the municipalities' expenses."""

    nr: int
    navn: str
    type: str
    nettobudget: Decimal
    objektiv: Decimal
    kommuner: Decimal
    noegle: str


class Scenarieudfald(Resultat):
    navn: str
    nettobudget_foer: Decimal
    nettobudget_aendring: Decimal
    nettobudget_efter: Decimal
    nettobudget_aendring_pct: Decimal
    objektiv_aendring: Decimal
    aftalens_kommuner: Decimal
    andre_kommuner: Decimal
    kommuner_i_alt: Decimal
    aendringer: list[Aendringsudfald]
    kommuner: list[Effekt]
    driftsherrer: list[Effekt]
    enheder: list[Effekt]
    tilbud: list[Tilbudsudfald]
    noegle: str


class Scenarieresultat(ResultatMedRegler):
    region: str
    aar: int
    stablet: bool
    dage: int
    overhead_pct: Decimal
    nettobudget: Decimal
    objektiv: Decimal
    scenarier: list[Scenarieudfald]
    advarsler: list[str]
    spor: Spor


def _fast(g: Grundlag, regler: Regler, spor: Spor) -> Fast:
    dage, metode, ref_dage = dage_i_aaret(g.aar, regler)
    spor.tilfoej(
        "grundlag.dage",
        "Dage i året",
        "365" if metode == "365" else f"kalenderdage i {g.aar}",
        dage,
        "dage",
        regler=[ref_dage],
    )
    tekst, ref_afrunding = regler.tekst("takst.afrunding")
    dele: dict[str, tuple[Decimal, Indgang]] = {}
    regel: tuple[Regelreference, ...]
    for del_, label in OVERHEAD_DELE.items():
        if del_ in g.overhead:
            pct, regel, note = g.overhead[del_], (), "Angivet i grundlaget i stedet for regelbogens værdi."
        else:
            fastsat = regler.tal_hvis_fastsat(f"overhead.{del_}_pct")
            if fastsat is None:
                continue
            pct, regel, note = fastsat[0], (fastsat[1],), None
        n = f"grundlag.overhead.{del_}"
        spor.tilfoej(n, label, "procent af direkte omkostninger", pct, "%", regler=regel, bemaerkning=note)
        dele[del_] = (pct, Indgang(pct, n))
    if not dele:
        raise KeyError(f"regelbogen har ingen overheadprocenter (overhead.*_pct) for {g.region}")
    pct = spor.tilfoej(
        "grundlag.overhead",
        "Overhead i alt",
        " + ".join(dele),
        sum((v for v, _ in dele.values()), NUL),
        "%",
        {d: i for d, (_, i) in dele.items()},
    )
    return Fast(
        dage,
        Indgang(dage, "grundlag.dage"),
        Afrunding(tekst),
        ref_afrunding,
        Overhead(dele, pct, Indgang(pct, "grundlag.overhead")),
    )


def _sum(spor: Spor, noegle: str, label: str, dele: dict[str, Indgang], formel: str = "sum") -> Indgang:
    total = sum((i.vaerdi for i in dele.values()), NUL)
    assert isinstance(total, Decimal)
    spor.tilfoej(noegle, label, formel, total, "kr.", dele)
    return Indgang(total, noegle)


def _navn(t: Tilbud) -> str:
    return f"{t.navn} [{t.id}]"


class _Summer:
    """Effects per municipality, operator and unit, each a dict of named inputs."""

    def __init__(self) -> None:
        self.kommune: dict[str, dict[str, Indgang]] = defaultdict(dict)
        self.driftsherre: dict[str, dict[str, Indgang]] = defaultdict(dict)
        self.enhed: dict[str, dict[str, Indgang]] = defaultdict(dict)


def _aendring(
    a: Aendring,
    nr: int,
    ps: str,
    g: Grundlag,
    tilstande: list[Tilstand],
    fast: Fast,
    spor: Spor,
    kn: Noegler,
    advarsler: list[str],
    i_alt: _Summer,
) -> Aendringsudfald:
    pc = f"{ps}.a{nr}"
    navn = f"ændring {nr}: {a.beskrivelse()}"
    if isinstance(a, Overheadaendring):
        saet_overhead(a, spor, fast, pc, navn)
    alle: list[Udfald] = []
    for st in tilstande:
        if not a.omfatter(st.t):
            continue
        foer = st.kopi()
        po = f"{pc}.{st.k}"
        faktor, dagetekst, hjemme = anvend(a, spor, st, po, fast, navn, advarsler)
        beregn(spor, st, po, fast, f" efter ændring {nr}")
        u = udfald(spor, st, foer, po, faktor, dagetekst, hjemme, kn)
        if u is not None:
            alle.append(u)
    netto = _sum(
        spor,
        f"{pc}.nettobudget",
        f"Ændring {nr}: nettodriftsbudget",
        {_navn(u.st.t): u.netto for u in alle},
        "Σ tilbuddenes ændring",
    )
    objektive = {_navn(u.st.t): u.objektiv for u in alle if u.objektiv is not None}
    objektiv = _sum(
        spor, f"{pc}.objektiv", f"Ændring {nr}: objektiv finansiering", objektive, "Σ tilbuddenes ændring"
    )
    kommune: dict[str, dict[str, Indgang]] = defaultdict(dict)
    driftsherre: dict[str, dict[str, Indgang]] = defaultdict(dict)
    enhed: dict[str, dict[str, Indgang]] = defaultdict(dict)
    for u in alle:
        t = u.st.t
        for k, b in u.betalinger.items():
            kommune[k][_navn(t)] = b
        if u.hjemmestoette is not None:
            kommune[u.hjemmestoette[0]][f"hjemmestøtte ({_navn(t)})"] = u.hjemmestoette[1]
        driftsherre[t.driftsherre][_navn(t)] = u.indtaegt
        if not (
            isinstance(a, Overheadaendring)
            and a.overheaddel == "administration"
            and g.administration_fordeling
        ):
            enhed[t.enhed or "(uden enhed)"][_navn(t)] = u.netto
    if isinstance(a, Overheadaendring) and a.overheaddel == "administration" and g.administration_fordeling:
        _fordel(
            spor,
            f"{pc}.enhed_andel",
            netto,
            g.administration_fordeling,
            kn,
            enhed,
            "det administrative overheads fordeling",
        )
    if objektiv.vaerdi:
        if g.objektiv_noegle:
            _fordel(
                spor,
                f"{pc}.objektiv",
                objektiv,
                g.objektiv_noegle,
                kn,
                kommune,
                "nøglen for objektiv finansiering",
            )
        else:
            kommune[OBJEKTIV_FAELLES]["objektiv finansiering"] = objektiv
    kommuner: dict[str, Indgang] = {}
    for k, dele in kommune.items():
        kommuner[k] = _sum(spor, f"{pc}.kommune.{kn(k)}", f"Ændring {nr}: {k}", dele)
        i_alt.kommune[k][navn] = kommuner[k]
    for d, dele in driftsherre.items():
        i_alt.driftsherre[d][navn] = _sum(
            spor, f"{pc}.driftsherre.{kn(d)}", f"Ændring {nr}: indtægt, {d}", dele
        )
    for e, dele in enhed.items():
        i_alt.enhed[e][navn] = _sum(
            spor, f"{pc}.enhed.{kn(e)}", f"Ændring {nr}: nettodriftsbudget, {e}", dele
        )
    samlet = _sum(spor, f"{pc}.kommuner", f"Ændring {nr}: kommunernes udgifter i alt", kommuner)
    return Aendringsudfald(
        nr=nr,
        navn=f"{nr}. {a.beskrivelse()}",
        type=a.type,
        nettobudget=netto.vaerdi,
        objektiv=objektiv.vaerdi,
        kommuner=samlet.vaerdi,
        noegle=pc,
    )


def _fordel(
    spor: Spor,
    p: str,
    total: Indgang,
    noegle: dict[str, Decimal],
    kn: Noegler,
    ud: dict[str, dict[str, Indgang]],
    hvad: str,
) -> None:
    """Split `total` (øre) by the key, largest remainder; one step per part (`<p>.<navn>`)."""
    beloeb = total.vaerdi
    assert isinstance(beloeb, Decimal)
    vaegt_i_alt = sum(noegle.values(), NUL)
    for (navn, v), andel in zip(
        noegle.items(), fordel_efter_stoerste_rest(beloeb, list(noegle.values()), OERE), strict=True
    ):
        n = f"{p}.{kn(navn)}"
        spor.tilfoej(
            n,
            f"Andel for {navn}",
            f"beløb × vægt ÷ vægte i alt, i øre efter største rest ({hvad})",
            andel.beloeb,
            "kr.",
            {"beløb": total, "vægt": med_enhed(v, ""), "vægte i alt": med_enhed(vaegt_i_alt, "")},
            bemaerkning="Fik en ekstra øre for sin rest, så delene summerer til beløbet."
            if andel.ekstra
            else None,
        )
        ud[navn][hvad] = Indgang(andel.beloeb, n)


def _effekter(
    spor: Spor,
    p: str,
    dele: dict[str, dict[str, Indgang]],
    kn: Noegler,
    gruppe: dict[str, str] | None,
    hvad: str,
) -> list[Effekt]:
    ud = []
    for navn, d in sorted(dele.items()):
        i = _sum(spor, f"{p}.{kn(navn)}", f"{hvad}: {navn}", d, "Σ ændringerne")
        ud.append(
            Effekt(navn=navn, gruppe=(gruppe or {}).get(navn, ""), beloeb=i.vaerdi, noegle=f"{p}.{kn(navn)}")
        )
    return ud


def _scenarie(
    s: Scenarie,
    ps: str,
    g: Grundlag,
    tilstande: list[Tilstand],
    fast: Fast,
    foer: Indgang,
    spor: Spor,
    kn: Noegler,
    advarsler: list[str],
) -> tuple[Scenarieudfald, Indgang]:
    start = [st.kopi() for st in tilstande]
    i_alt = _Summer()
    aendringer = [
        _aendring(a, nr, ps, g, tilstande, fast, spor, kn, advarsler, i_alt)
        for nr, a in enumerate(s.aendringer, 1)
    ]
    aendring = _sum(
        spor,
        f"{ps}.nettobudget_aendring",
        f"{s.navn}: ændring i nettodriftsbudget",
        {a.navn: Indgang(a.nettobudget, f"{a.noegle}.nettobudget") for a in aendringer},
    )
    efter = spor.tilfoej(
        f"{ps}.nettobudget_efter",
        f"{s.navn}: nettodriftsbudget efter",
        "nettodriftsbudget før + ændring",
        foer.vaerdi + aendring.vaerdi,  # type: ignore[operator]
        "kr.",
        {"før": foer, "ændring": aendring},
    )
    pct = spor.tilfoej(
        f"{ps}.nettobudget_aendring_pct",
        f"{s.navn}: ændring i % af nettodriftsbudgettet",
        "ændring ÷ nettodriftsbudget før × 100, afrundet til 2 decimaler",
        afrund_til(aendring.vaerdi / foer.vaerdi * HUNDREDE, OERE) if foer.vaerdi else NUL,  # type: ignore[operator]
        "%",
        {"ændring": aendring, "før": foer},
    )
    objektiv = _sum(
        spor,
        f"{ps}.objektiv_aendring",
        f"{s.navn}: ændring i objektiv finansiering",
        {a.navn: Indgang(a.objektiv, f"{a.noegle}.objektiv") for a in aendringer},
    )
    aftale = set(g.aftalens_kommuner) | {OBJEKTIV_FAELLES}
    grupper = {k: AFTALE if k in aftale else ANDRE for k in i_alt.kommune}
    kommuner = _effekter(spor, f"{ps}.kommune", i_alt.kommune, kn, grupper, f"{s.navn}, kommunens udgift")
    hver = {
        g_: {e.navn: Indgang(e.beloeb, e.noegle) for e in kommuner if e.gruppe == g_}
        for g_ in (AFTALE, ANDRE)
    }
    aftalens = _sum(spor, f"{ps}.aftalens_kommuner", f"{s.navn}: aftalens kommuner i alt", hver[AFTALE])
    andre = _sum(spor, f"{ps}.andre_kommuner", f"{s.navn}: andre kommuner i alt", hver[ANDRE])
    i_alt_k = _sum(
        spor,
        f"{ps}.kommuner_i_alt",
        f"{s.navn}: kommunernes udgifter i alt",
        {"aftalens kommuner": aftalens, "andre kommuner": andre},
    )
    tilbud = [
        Tilbudsudfald(
            navn=st.t.navn,
            id=st.t.id,
            driftsherre=st.t.driftsherre,
            enhed=st.t.enhed,
            maalgruppe=st.t.maalgruppe,
            pladser_foer=f.pladser,
            pladser=st.pladser,
            belaegning_pct_foer=f.belaegning,
            belaegning_pct=st.belaegning,
            nettobudget_foer=f.netto,
            nettobudget=st.netto,
            objektiv_foer=f.objektiv,
            objektiv=st.objektiv,
            takst_foer=f.takst,
            takst=st.takst,
            noegle=st.takst_i.fra_trin or "",
        )
        for f, st in zip(start, tilstande, strict=True)
    ]
    return Scenarieudfald(
        navn=s.navn,
        nettobudget_foer=foer.vaerdi,
        nettobudget_aendring=aendring.vaerdi,
        nettobudget_efter=efter,
        nettobudget_aendring_pct=pct,
        objektiv_aendring=objektiv.vaerdi,
        aftalens_kommuner=aftalens.vaerdi,
        andre_kommuner=andre.vaerdi,
        kommuner_i_alt=i_alt_k.vaerdi,
        aendringer=aendringer,
        kommuner=kommuner,
        driftsherrer=_effekter(
            spor, f"{ps}.driftsherre", i_alt.driftsherre, kn, None, f"{s.navn}, driftsherrens indtægt"
        ),
        enheder=_effekter(
            spor, f"{ps}.enhed", i_alt.enhed, kn, None, f"{s.navn}, enhedens nettodriftsbudget"
        ),
        tilbud=tilbud,
        noegle=ps,
    ), Indgang(efter, f"{ps}.nettobudget_efter")


def beregn_scenarie(g: Scenariegrundlag, bog: Regelbog) -> Scenarieresultat:
    """Every scenario's effects on the baseline (or, stacked, on the scenario before).

    A national register makes hundreds of thousands of small objects (steps, inputs, decimals) and
    no cycles; the cyclic garbage collector is paused meanwhile (it would take half the time)."""
    paa = gc.isenabled()
    gc.disable()
    try:
        return _beregn(g, bog)
    finally:
        if paa:
            gc.enable()


def _beregn(g: Scenariegrundlag, bog: Regelbog) -> Scenarieresultat:
    gr = g.grundlag
    regler = Regler(bog, gr.region, date(gr.aar, 1, 1))
    spor = Spor()
    advarsler: list[str] = []
    fast = _fast(gr, regler, spor)
    tn, kn, sn = Noegler(), Noegler(), Noegler()
    grundlag = [ny_tilstand(spor, t, tn(t.id), fast) for t in gr.tilbud]
    for st in grundlag:
        beregn(spor, st, f"grundlag.{st.k}", fast, "")
    netto = _sum(
        spor, "grundlag.nettobudget", "Nettodriftsbudget i alt", {_navn(st.t): st.netto_i for st in grundlag}
    )
    objektiv = _sum(
        spor,
        "grundlag.objektiv",
        "Objektiv finansiering i alt",
        {_navn(st.t): st.objektiv_i for st in grundlag if st.objektiv},
    )
    forrige, forrige_fast, foer = grundlag, fast, netto
    udfald_: list[Scenarieudfald] = []
    for s in g.scenarier:
        tilstande = [st.kopi() for st in (forrige if g.stablet else grundlag)]
        fast_s = Fast(
            fast.dage,
            fast.dage_i,
            fast.afrunding,
            fast.ref_afrunding,
            (forrige_fast if g.stablet else fast).overhead,
        )
        u, efter = _scenarie(
            s,
            f"scenarie.{sn(s.navn)}",
            gr,
            tilstande,
            fast_s,
            foer if g.stablet else netto,
            spor,
            kn,
            advarsler,
        )
        udfald_.append(u)
        if g.stablet:
            forrige, forrige_fast, foer = tilstande, fast_s, efter
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Scenarieresultat(
        region=gr.region,
        aar=gr.aar,
        stablet=g.stablet,
        dage=fast.dage,
        overhead_pct=fast.overhead.pct,
        nettobudget=netto.vaerdi,
        objektiv=objektiv.vaerdi,
        scenarier=udfald_,
        advarsler=advarsler,
        spor=spor,
    )


CASEBEREGNING = Caseberegning(
    "scenarie",
    Scenariegrundlag,
    beregn_scenarie,
    "Besparelsesscenarier: takster, budget, overhead, belægning, kapacitet og aktivitet "
    "pr. tilbud, driftsherre, enhed og kommune",
)
