"""The offers' state and how one change moves it, every figure a trace step.

An offer's state is its direct costs, places, budgeted occupancy and the days each municipality
buys; from it follow (the rate's formula, as in `beregning.takst`):

    nettodriftsbudget   = direkte omkostninger × (100 + overhead %) / 100          (øre)
    objektiv finans.    = nettodriftsbudget × objektiv andel % / 100               (øre)
    takst pr. dag       = (nettodriftsbudget − objektiv finansiering)
                          ÷ (pladser × dage × belægning % / 100)                   (regelbogens afrunding)
    betaling            = takst × købte dage                                       (pr. kommune)

A change alters the inputs of the offers it covers; the figures are recomputed and the changes
of the payments (`takst efter × dage efter − takst før × dage før`), of the objective financing
and of the operator's income are steps whose inputs name the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, Afrunding, afrund
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed
from socialstyring.beregning.scenarie.grundlag import (
    OVERHEAD_DELE,
    Aendring,
    Aktivitetsaendring,
    Belaegningsaendring,
    Budgetaendring,
    Kapacitetsaendring,
    Overheadaendring,
    Takstaendring,
    Tilbud,
)


@dataclass(slots=True)
class Overhead:
    """The overhead parts in force (% of direct costs) and their total, each with its input."""

    dele: dict[str, tuple[Decimal, Indgang]]
    pct: Decimal
    pct_i: Indgang


@dataclass(slots=True)
class Fast:
    """What every offer's formula shares: days in the year, the rounding of rates, the overhead."""

    dage: int
    dage_i: Indgang
    afrunding: Afrunding
    ref_afrunding: Regelreference
    overhead: Overhead


@dataclass(slots=True)
class Tilstand:
    """One offer as it stands, each figure with the input (step) it came from."""

    t: Tilbud
    k: str
    direkte: Decimal
    direkte_i: Indgang
    pladser: Decimal
    pladser_i: Indgang
    belaegning: Decimal
    belaegning_i: Indgang
    dage: dict[str, Decimal]
    netto: Decimal = NUL
    netto_i: Indgang = field(default_factory=lambda: Indgang(NUL))
    objektiv: Decimal = NUL
    objektiv_i: Indgang = field(default_factory=lambda: Indgang(NUL))
    takst: Decimal = NUL
    takst_i: Indgang = field(default_factory=lambda: Indgang(NUL))

    def kopi(self) -> Tilstand:
        return Tilstand(
            self.t, self.k, self.direkte, self.direkte_i, self.pladser, self.pladser_i, self.belaegning,
            self.belaegning_i, dict(self.dage), self.netto, self.netto_i, self.objektiv, self.objektiv_i,
            self.takst, self.takst_i,
        )  # fmt: skip


@dataclass(slots=True)
class Udfald:
    """What one change did to one offer: the steps of its budget change, objective change, each
    municipality's payment change and its income change (None where nothing changed)."""

    st: Tilstand
    netto_foer: Decimal
    objektiv_foer: Decimal
    takst_foer: Decimal
    pladser_foer: Decimal
    belaegning_foer: Decimal
    netto: Indgang
    objektiv: Indgang | None
    betalinger: dict[str, Indgang]
    indtaegt: Indgang
    hjemmestoette: tuple[str, Indgang] | None = None


def ny_tilstand(spor: Spor, t: Tilbud, k: str, fast: Fast) -> Tilstand:
    """The offer as the baseline gives it; direct costs derived from the rate if not given."""
    if t.direkte is not None:
        direkte, direkte_i = t.direkte, med_enhed(t.direkte, "kr.")
    else:
        assert t.takst is not None
        o, a = fast.overhead, t.objektiv_andel_pct
        belagte = t.pladser * fast.dage * t.belaegning_pct / HUNDREDE
        direkte = afrund(t.takst * belagte * HUNDREDE / (HUNDREDE + o.pct) * HUNDREDE / (HUNDREDE - a))
        n = f"grundlag.{k}.direkte"
        spor.tilfoej(
            n,
            f"{t.navn}: direkte omkostninger, udledt af taksten",
            "takst × pladser × dage × belægning % / 100 × 100 / (100 + overhead %) "
            "× 100 / (100 − objektiv andel %), afrundet til øre",
            direkte,
            "kr.",
            {
                "takst": med_enhed(t.takst, "kr./dag"),
                "pladser": med_enhed(t.pladser, "pladser"),
                "dage": fast.dage_i,
                "belægning %": med_enhed(t.belaegning_pct, "%"),
                "overhead %": o.pct_i,
                "objektiv andel %": med_enhed(a, "%"),
            },
        )
        direkte_i = Indgang(direkte, n)
    return Tilstand(
        t=t,
        k=k,
        direkte=direkte,
        direkte_i=direkte_i,
        pladser=t.pladser,
        pladser_i=med_enhed(t.pladser, "pladser"),
        belaegning=t.belaegning_pct,
        belaegning_i=med_enhed(t.belaegning_pct, "%"),
        dage=dict(t.dage),
    )


def beregn(spor: Spor, st: Tilstand, p: str, fast: Fast, hvorfor: str) -> None:
    """Net budget, objective financing and rate of the offer's current state (steps `<p>.*`)."""
    t = st.t
    navn = t.navn
    o = fast.overhead
    netto = afrund(st.direkte * (HUNDREDE + o.pct) / HUNDREDE)
    spor.tilfoej(
        f"{p}.nettobudget",
        f"{navn}: nettodriftsbudget{hvorfor}",
        "direkte omkostninger × (100 + overhead %) / 100, afrundet til øre",
        netto,
        "kr.",
        {"direkte omkostninger": st.direkte_i, "overhead %": o.pct_i},
    )
    st.netto, st.netto_i = netto, Indgang(netto, f"{p}.nettobudget")
    andel = t.objektiv_andel_pct
    if andel:
        objektiv = afrund(netto * andel / HUNDREDE)
        spor.tilfoej(
            f"{p}.objektiv",
            f"{navn}: objektiv finansiering{hvorfor}",
            "nettodriftsbudget × objektiv andel % / 100, afrundet til øre",
            objektiv,
            "kr.",
            {"nettodriftsbudget": st.netto_i, "objektiv andel %": med_enhed(andel, "%")},
        )
        st.objektiv, st.objektiv_i = objektiv, Indgang(objektiv, f"{p}.objektiv")
    else:
        st.objektiv, st.objektiv_i = NUL, med_enhed(NUL, "kr.")
    belagte = st.pladser * fast.dage * st.belaegning / HUNDREDE
    takst = afrund((netto - st.objektiv) / belagte, fast.afrunding) if belagte else NUL
    spor.tilfoej(
        f"{p}.takst",
        f"{navn}: takst pr. dag{hvorfor}",
        "(nettodriftsbudget − objektiv finansiering) ÷ (pladser × dage × belægning % / 100), "
        f"afrundet til {fast.afrunding.tekst}",
        takst,
        "kr./dag",
        {
            "nettodriftsbudget": st.netto_i,
            "objektiv finansiering": st.objektiv_i,
            "pladser": st.pladser_i,
            "dage": fast.dage_i,
            "belægning %": st.belaegning_i,
        },
        (fast.ref_afrunding,),
        bemaerkning=None if belagte else "Ingen belagte dage: ingen takst.",
    )
    st.takst, st.takst_i = takst, Indgang(takst, f"{p}.takst")


# --- the changes ---------------------------------------------------------------------------


def _faktor(
    spor: Spor, st: Tilstand, p: str, faktor: Decimal, formel: str, input: dict[str, Indgang]
) -> Indgang:
    """Scale places, direct costs and days bought by `faktor` (capacity follows activity)."""
    spor.tilfoej(
        f"{p}.faktor",
        f"{st.t.navn}: faktor for pladser, omkostninger og købte dage",
        formel,
        faktor,
        "",
        input,
    )
    f_i = Indgang(faktor, f"{p}.faktor")
    st.pladser = spor.tilfoej(
        f"{p}.pladser",
        f"{st.t.navn}: pladser",
        "pladser før × faktor",
        st.pladser * faktor,
        "pladser",
        {"pladser før": st.pladser_i, "faktor": f_i},
    )
    st.pladser_i = Indgang(st.pladser, f"{p}.pladser")
    _direkte(
        spor,
        st,
        p,
        afrund(st.direkte * faktor),
        "direkte omkostninger før × faktor, afrundet til øre",
        {"faktor": f_i},
    )
    for k in st.dage:
        st.dage[k] = st.dage[k] * faktor
    return f_i


def _direkte(spor: Spor, st: Tilstand, p: str, ny: Decimal, formel: str, input: dict[str, Indgang]) -> None:
    spor.tilfoej(
        f"{p}.direkte",
        f"{st.t.navn}: direkte omkostninger",
        formel,
        ny,
        "kr.",
        {"direkte omkostninger før": st.direkte_i, **input},
    )
    st.direkte, st.direkte_i = ny, Indgang(ny, f"{p}.direkte")


def anvend(
    aendring: Aendring, spor: Spor, st: Tilstand, p: str, fast: Fast, navn: str, advarsler: list[str]
) -> tuple[Indgang | None, str, tuple[str, Indgang] | None]:
    """Move one offer's inputs by the change. Returns the scaling factor's input (if the days
    scale), a note on the days after, and a home-support cost (municipality, step) if any."""
    a = aendring
    c = med_enhed
    if (isinstance(a, Takstaendring) and a.pct is not None) or isinstance(a, Budgetaendring):
        assert a.pct is not None
        _direkte(
            spor,
            st,
            p,
            afrund(st.direkte * (HUNDREDE + a.pct) / HUNDREDE),
            "direkte omkostninger før × (100 + ændring %) / 100, afrundet til øre",
            {navn: c(a.pct, "%")},
        )
    elif isinstance(a, Takstaendring):
        assert a.kr_pr_dag is not None
        t = st.t
        if t.objektiv_andel_pct >= HUNDREDE:
            advarsler.append(
                f"{t.navn}: finansieres helt objektivt og har ingen takst; {navn} ændrer det ikke"
            )
            return None, "", None
        belagte = st.pladser * fast.dage * st.belaegning / HUNDREDE
        tillaeg = a.kr_pr_dag * belagte * HUNDREDE / (HUNDREDE + fast.overhead.pct)
        tillaeg = tillaeg * HUNDREDE / (HUNDREDE - t.objektiv_andel_pct)
        _direkte(
            spor,
            st,
            p,
            afrund(st.direkte + tillaeg),
            "direkte omkostninger før + kr. pr. dag × pladser × dage × belægning % / 100 "
            "× 100 / (100 + overhead %) × 100 / (100 − objektiv andel %), afrundet til øre",
            {
                navn: c(a.kr_pr_dag, "kr./dag"),
                "pladser": st.pladser_i,
                "dage": fast.dage_i,
                "belægning %": st.belaegning_i,
                "overhead %": fast.overhead.pct_i,
                "objektiv andel %": c(t.objektiv_andel_pct, "%"),
            },
        )
    elif isinstance(a, Overheadaendring):
        pass  # the overhead is shared: set once for all offers (see `saet_overhead`)
    elif isinstance(a, Belaegningsaendring):
        ny = st.belaegning + a.procentpoint
        if ny <= 0:
            raise ValueError(f"{st.t.navn}: belægningen kan ikke blive {ny} %")
        spor.tilfoej(
            f"{p}.belaegning",
            f"{st.t.navn}: budgetteret belægning",
            "belægning før + procentpoint",
            ny,
            "%",
            {"belægning før": st.belaegning_i, navn: c(a.procentpoint, "procentpoint")},
        )
        st.belaegning, st.belaegning_i = ny, Indgang(ny, f"{p}.belaegning")
    elif isinstance(a, Kapacitetsaendring):
        if st.pladser <= 0:
            raise ValueError(f"{st.t.navn}: har ingen pladser, så prisen pr. plads kendes ikke")
        ny = st.pladser + a.pladser
        if ny < 0:
            raise ValueError(f"{st.t.navn}: kan ikke lukke {-a.pladser} af {st.pladser} pladser")
        f = _faktor(
            spor,
            st,
            p,
            ny / st.pladser,
            "(pladser før + ændring) ÷ pladser før",
            {"pladser før": st.pladser_i, navn: c(a.pladser, "pladser")},
        )
        return f, "dage før × faktor", None
    elif isinstance(a, Aktivitetsaendring):
        return _aktivitet(a, spor, st, p, fast, navn)
    return None, "", None


def _aktivitet(
    a: Aktivitetsaendring, spor: Spor, st: Tilstand, p: str, fast: Fast, navn: str
) -> tuple[Indgang | None, str, tuple[str, Indgang] | None]:
    c = med_enhed
    if a.faerre_dage_pct is not None:
        f = _faktor(
            spor,
            st,
            p,
            (HUNDREDE - a.faerre_dage_pct) / HUNDREDE,
            "(100 − færre dage %) / 100",
            {navn: c(a.faerre_dage_pct, "%")},
        )
        return f, "dage før × faktor", None
    if a.hjemmestoette is None:
        assert a.opholdstid_fra is not None and a.opholdstid_til is not None
        f = _faktor(
            spor,
            st,
            p,
            a.opholdstid_til / a.opholdstid_fra,
            "opholdstid efter ÷ opholdstid før",
            {f"{navn}: før": c(a.opholdstid_fra, "dage"), f"{navn}: efter": c(a.opholdstid_til, "dage")},
        )
        return f, "dage før × faktor", None
    h = a.hjemmestoette
    koebte = st.dage.get(h.kommune, NUL)
    flyttes = h.borgere * fast.dage
    if flyttes > koebte:
        raise ValueError(
            f"{st.t.navn}: {h.kommune} køber {koebte} dage, ikke {flyttes} ({h.borgere} borgere hele året)"
        )
    alle = sum(st.dage.values(), NUL)
    dage_f = {k: v for k, v in st.dage.items()}
    _faktor(
        spor,
        st,
        p,
        (alle - flyttes) / alle,
        "(alle købte dage − borgere × dage) ÷ alle købte dage",
        {navn: c(h.borgere, "borgere"), "dage": fast.dage_i, "alle købte dage": c(alle, "dage")},
    )
    st.dage = dage_f
    st.dage[h.kommune] = koebte - flyttes
    hk = f"{p}.hjemmestoette"
    spor.tilfoej(
        hk,
        f"Hjemmestøtte til borgere fra {h.kommune}",
        "borgere × årlig pris",
        h.borgere * h.aarlig_pris,
        "kr.",
        {navn: c(h.borgere, "borgere"), "årlig pris": c(h.aarlig_pris, "kr.")},
    )
    return (
        None,
        f"dage før − {h.borgere} borgere × dage ({h.kommune})",
        (h.kommune, Indgang(h.borgere * h.aarlig_pris, hk)),
    )


def saet_overhead(a: Overheadaendring, spor: Spor, fast: Fast, p: str, navn: str) -> None:
    """The overhead part set to its new percentage, and the new total (steps `<p>.overhead*`)."""
    dele = dict(fast.overhead.dele)
    dele[a.overheaddel] = (a.pct, med_enhed(a.pct, "%"))
    spor.tilfoej(
        f"{p}.overhead.{a.overheaddel}",
        OVERHEAD_DELE[a.overheaddel],
        navn,
        a.pct,
        "%",
        {"før": fast.overhead.dele.get(a.overheaddel, (NUL, med_enhed(NUL, "%")))[1]},
    )
    dele[a.overheaddel] = (a.pct, Indgang(a.pct, f"{p}.overhead.{a.overheaddel}"))
    pct = sum((v for v, _ in dele.values()), NUL)
    spor.tilfoej(
        f"{p}.overhead", "Overhead i alt", " + ".join(dele), pct, "%", {d: i for d, (_, i) in dele.items()}
    )
    fast.overhead = Overhead(dele, pct, Indgang(pct, f"{p}.overhead"))


def udfald(
    spor: Spor,
    st: Tilstand,
    foer: Tilstand,
    p: str,
    faktor: Indgang | None,
    dagetekst: str,
    hjemmestoette: tuple[str, Indgang] | None,
    kn: Callable[[str], str],
) -> Udfald | None:
    """The changes of budget, objective financing, payments and income the change caused."""
    navn = st.t.navn
    betalinger: dict[str, Indgang] = {}
    indtaegt = NUL
    for k in foer.dage.keys() | st.dage.keys():
        d0, d1 = foer.dage.get(k, NUL), st.dage.get(k, NUL)
        b = afrund(st.takst * d1 - foer.takst * d0)
        if not b:
            continue
        inp = {
            "takst efter": st.takst_i,
            "dage efter": med_enhed(d1, "dage"),
            "takst før": foer.takst_i,
            "dage før": med_enhed(d0, "dage"),
        }
        if faktor is not None:
            inp["faktor"] = faktor
        bk = f"{p}.betaling.{kn(k)}"
        spor.tilfoej(
            bk,
            f"{navn}: ændret betaling, {k}",
            "takst efter × dage efter − takst før × dage før, afrundet til øre"
            + (f" (dage efter = {dagetekst})" if dagetekst else ""),
            b,
            "kr.",
            inp,
        )
        betalinger[k] = Indgang(b, bk)
        indtaegt += b
    dn = st.netto - foer.netto
    if not dn and not betalinger and hjemmestoette is None:
        return None
    spor.tilfoej(
        f"{p}.aendring",
        f"{navn}: ændring i nettodriftsbudget",
        "nettodriftsbudget efter − før",
        dn,
        "kr.",
        {"efter": st.netto_i, "før": foer.netto_i},
    )
    df = st.objektiv - foer.objektiv
    objektiv: Indgang | None = None
    if df:
        spor.tilfoej(
            f"{p}.objektiv_aendring",
            f"{navn}: ændring i objektiv finansiering",
            "objektiv finansiering efter − før",
            df,
            "kr.",
            {"efter": st.objektiv_i, "før": foer.objektiv_i},
        )
        objektiv = Indgang(df, f"{p}.objektiv_aendring")
    indtaegt += df
    inp2: dict[str, Indgang] = {f"betaling {k}": i for k, i in betalinger.items()}
    if objektiv is not None:
        inp2["objektiv finansiering"] = objektiv
    spor.tilfoej(
        f"{p}.indtaegt",
        f"{navn}: ændring i driftsherrens indtægt",
        "Σ ændrede betalinger + ændret objektiv finansiering",
        indtaegt,
        "kr.",
        inp2,
    )
    return Udfald(
        st=st,
        netto_foer=foer.netto,
        objektiv_foer=foer.objektiv,
        takst_foer=foer.takst,
        pladser_foer=foer.pladser,
        belaegning_foer=foer.belaegning,
        netto=Indgang(dn, f"{p}.aendring"),
        objektiv=objektiv,
        betalinger=betalinger,
        indtaegt=Indgang(indtaegt, f"{p}.indtaegt"),
        hjemmestoette=hjemmestoette,
    )
