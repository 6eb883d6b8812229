"""The tables A–E of management information (ledelsesinformation) for a pair of years.

The five tables of seed 004 ("Ledelsesinformation vedr. takster 2017", Midtjylland), computed
from per-service yearly data (driftsherre, tilbud, målgruppe, døgn/dag, pladser, årspladser
or brugte dage, omkostninger, resultat, tillægsindtægter). Rows of other years are ignored,
so one data set can serve every pair of years. Amounts of the previous year are brought to
the current year's prices with the rulebook's price-and-wage index (`pl.kl_skoen_pct`, the
rise from the year before into each year):

    P/L-faktor               = Π (1 + pl_år / 100) for år = forrige+1 .. aktuelt
                               (1 when the input says the previous year is already in fixed prices)
    A  årspladser            = Σ årspladser (brugte dage / dage, dage = `takst.dage_pr_aar`)   0,1
       omkostninger t.kr.    = Σ omkostninger (× P/L-faktor for det forrige år) / 1000        hele t.kr.
       gns. pris pr. plads   = omkostninger / årspladser (uafrundede tal)                       hele kr.
       takstudvikling %      = (gns. pris aktuelt / gns. pris forrige − 1) × 100                0,1
                               (−100 % when the current year has no occupancy, as seed 004 prints it,
                               for the comparison with it; the tables show "ingen belægning")
    B  over-/underskud t.kr. = Σ resultat (forrige år × P/L-faktor) / 1000                     hele t.kr.
    C  tillægsydelser t.kr.  = Σ tillægsindtægter og indskrivning over 100 % (do.) / 1000      hele t.kr.
    D  belægning %           = Σ årspladser / Σ pladser × 100 pr. målgruppe og døgn/dag/samlet,
                               kun aktive ydelser (pladser og forbrug > 0, som `belaegning`)    0,1
                               — årspladserne her er kvartalsindberetningernes brugte dage
                               (`kvartalsdage`, Q1–Q4) / årets kalenderdage, som
                               `belaegning` regner dem; mangler de, årets forbrug fra A
    E  pladser               = Σ pladser pr. målgruppe og driftsherre, dag og døgn             hele pladser

Totals (the seed's "Hovedtotal") are computed from the unrounded sums, so — as in the seed —
they need not equal the sum of the rounded rows. Every figure is in `figurer` under a
`Figurnoegle` (tabel, gruppe, række, kolonne) and `spor_noegle[figur]` names its trace step:
one step per table row and year (`A.<driftsherre>.<år>`, `A.<driftsherre>.udvikling`,
`B.<driftsherre>.<år>`, `C.<driftsherre>.<år>`, `D.<målgruppe>.<type>.<år>`,
`E.<målgruppe>.<driftsherre>`; the totals use `i_alt`), after `pl_faktor` and `graense`.

The deviation flag (`flagede_tilbud`) uses the rulebook's threshold
(`belaegning.afvigelse_graense_pct_point`) in force in the current year. Where the rulebook
has none (the national rulebook has one from 2016), no offer is flagged: the step `graense`
shows '-' and says so, and `advarsler` carries one line saying why; the tables are computed
as always.

`konsistens(publicerede, beregnede)` compares published figures with computed ones and with
their own printed totals and reports every difference with an explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any, NamedTuple

from pydantic import Field, SerializerFunctionWrapHandler, field_serializer, model_serializer

from socialstyring.beregning.belaegning import AFVIGELSE_PARAMETER, afviger
from socialstyring.beregning.kerne.kalender import dage_i_kvartaler, dage_i_periode
from socialstyring.beregning.kerne.model import Noegler, Resultat
from socialstyring.beregning.kerne.penge import EN_DECIMAL, HUNDREDE, KRONE, NUL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, Trin
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo.grundlag import Ledelsesinfogrundlag, Ydelsesaar
from socialstyring.regler import Regelbog

TOTAL = "Hovedtotal"
I_ALT = "I alt"
TUSIND = Decimal(1000)
EN = Decimal(1)
PL_PARAMETER = "pl.kl_skoen_pct"
SAMLET = "samlet"
TABELTITLER = {
    "A": "Takstudvikling på regnskab",
    "B": "Over-/underskud",
    "C": "Tillægsydelser/Indskrivning over 100 %",
    "D": "Belægningsoversigt",
    "E": "Pladsoversigt",
}


class Figurnoegle(NamedTuple):
    """Where a figure stands: table, group (target group in E, else ''), row, column."""

    tabel: str
    gruppe: str
    raekke: str
    kolonne: str

    def tekst(self) -> str:
        gruppe = f"{self.gruppe} / " if self.gruppe else ""
        return f"{self.tabel}: {gruppe}{self.raekke}, {self.kolonne}"


class Raekke(Resultat):
    """One row of a table: its figures by column, each with its trace key. In the JSON the
    figures stand beside `gruppe` and `navn`, one key per column."""

    gruppe: str
    navn: str
    vaerdier: dict[str, Decimal | None]
    spor: dict[str, str]

    @model_serializer(mode="wrap")
    def _kolonner_som_noegler(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        d = handler(self)
        return {"gruppe": d["gruppe"], "navn": d["navn"], **d["vaerdier"], "spor": d["spor"]}


class Tabel(Resultat):
    """One table A–E. In the JSON its rows are keyed by name (with the group for E:
    '<gruppe> / <navn>') so case files can address them; `navn` is the key of the table."""

    navn: str = Field(exclude=True)  # A..E
    titel: str
    kolonner: tuple[str, ...]
    raekker: tuple[Raekke, ...]

    def raekke(self, navn: str, gruppe: str = "") -> Raekke:
        for r in self.raekker:
            if r.navn == navn and r.gruppe == gruppe:
                return r
        raise KeyError((gruppe, navn))

    @field_serializer("raekker", mode="wrap")
    def _raekker_efter_navn(
        self, raekker: tuple[Raekke, ...], handler: SerializerFunctionWrapHandler
    ) -> dict[str, Any]:
        return {
            (f"{r.gruppe} / {r.navn}" if r.gruppe else r.navn): d
            for r, d in zip(raekker, handler(raekker), strict=True)
        }


class Ledelsesinfo(Resultat):
    """Tables A–E for a pair of years. `figurer` (every figure by its `Figurnoegle`) and
    `spor_noegle` (its trace key) index the tables for look-ups and are not in the JSON."""

    region: str
    forrige_aar: int
    aar: int
    pl_faktor: Decimal
    tabeller: dict[str, Tabel]
    figurer: dict[Figurnoegle, Decimal | None] = Field(exclude=True)
    spor_noegle: dict[Figurnoegle, str] = Field(exclude=True)
    flagede_tilbud: tuple[str, ...]
    observationer: tuple[str, ...]
    advarsler: tuple[str, ...] = ()
    spor: Spor

    def figur(self, tabel: str, raekke: str, kolonne: str, gruppe: str = "") -> Decimal | None:
        return self.figurer[Figurnoegle(tabel, gruppe, raekke, kolonne)]

    def forklar(self, noegle: Figurnoegle) -> list[Trin]:
        """The trace behind one figure."""
        return self.spor.forklar(self.spor_noegle[noegle])


# --- one pass over the rows -------------------------------------------------------------


@dataclass
class _Aarssum:
    """Everything the tables need from one year, summed in one pass."""

    # driftsherre → [årspladser, omkostninger, resultat, tillæg]
    driftsherre: dict[str, list[Decimal]] = field(default_factory=dict)
    # (målgruppe, pladstype) → [pladser, årspladser], active services only
    belaegning: dict[tuple[str, Pladstype], list[Decimal]] = field(default_factory=dict)
    # (målgruppe, driftsherre, pladstype) → pladser
    pladser: dict[tuple[str, str, Pladstype], Decimal] = field(default_factory=dict)
    # tilbud → [pladser, årspladser, Σ pladser × budget %, Σ pladser med budget], active services only
    tilbud: dict[str, list[Decimal]] = field(default_factory=dict)


def summer(
    raekker: Iterable[Ydelsesaar], dage: Mapping[int, int], kalenderdage: Mapping[int, int] | None = None
) -> dict[int, _Aarssum]:
    """Sum the rows of the years in `dage` (year → days per year) in one pass;
    `kalenderdage` (year → days Q1–Q4) divides the quarterly reported days."""
    aarene: dict[int, _Aarssum] = {a: _Aarssum() for a in dage}
    kalenderdage = kalenderdage or dage
    for r in raekker:
        a = aarene.get(r.aar)
        if a is None:
            continue
        if r.aarspladser is not None:
            ap = r.aarspladser
        elif r.brugte_dage is not None:
            ap = r.brugte_dage / dage[r.aar]
        else:
            ap = NUL
        d = a.driftsherre.get(r.driftsherre)
        if d is None:
            a.driftsherre[r.driftsherre] = [ap, r.omkostninger, r.resultat, r.tillaeg]
        else:
            d[0] += ap
            d[1] += r.omkostninger
            d[2] += r.resultat
            d[3] += r.tillaeg
        pk = (r.maalgruppe, r.driftsherre, r.pladstype)
        a.pladser[pk] = a.pladser.get(pk, NUL) + r.pladser
        if r.kvartalsdage is not None:
            ap = r.kvartalsdage / kalenderdage[r.aar]
        if r.pladser > 0 and ap > 0:
            bk = (r.maalgruppe, r.pladstype)
            b = a.belaegning.get(bk)
            if b is None:
                a.belaegning[bk] = [r.pladser, ap]
            else:
                b[0] += r.pladser
                b[1] += ap
            t = a.tilbud.get(r.tilbud)
            if t is None:
                t = a.tilbud[r.tilbud] = [NUL, NUL, NUL, NUL]
            t[0] += r.pladser
            t[1] += ap
            if r.budgetteret_belaegning_pct is not None:
                t[2] += r.pladser * r.budgetteret_belaegning_pct
                t[3] += r.pladser
    return aarene


def _dage(region: str, aar: Iterable[int], bog: Regelbog) -> tuple[dict[int, int], list[Regelreference]]:
    dage: dict[int, int] = {}
    refs: list[Regelreference] = []
    for a in aar:
        dage[a], _, ref = dage_i_periode(a, None, Regler(bog, region, date(a, 1, 1)))
        refs.extend(ref)
    return dage, refs


def _pl_faktor(region: str, forrige: int, aar: int, faste_priser: bool, bog: Regelbog, spor: Spor) -> Decimal:
    if faste_priser:
        return spor.tilfoej(
            "pl_faktor",
            f"P/L-faktor fra {forrige}- til {aar}-priser",
            f"1: beløbene for {forrige} er allerede opgivet i {aar}-priser",
            EN,
            "",
        )
    faktor = EN
    refs: list[Regelreference] = []
    indgange: dict[str, Indgang | Decimal] = {}
    for a in range(forrige + 1, aar + 1):
        pl, ref = Regler(bog, region, date(a, 1, 1)).tal(PL_PARAMETER)
        faktor *= EN + pl / HUNDREDE
        refs.append(ref)
        indgange[f"P/L {a} %"] = pl
    return spor.tilfoej(
        "pl_faktor",
        f"P/L-faktor fra {forrige}- til {aar}-priser",
        " × ".join(f"(1 + P/L {a} / 100)" for a in range(forrige + 1, aar + 1)),
        faktor,
        "",
        indgange,
        refs,
    )


# --- the tables ---------------------------------------------------------------------------


def beregn_ledelsesinfo(g: Ledelsesinfogrundlag, bog: Regelbog) -> Ledelsesinfo:
    """Tables A–E for `g.forrige_aar` against `g.aar`."""
    return beregn_ledelsesinfo_aarraekke(
        g.raekker, g.region, (g.forrige_aar, g.aar), bog, forrige_i_faste_priser=g.forrige_i_faste_priser
    )[0]


def beregn_ledelsesinfo_aarraekke(
    raekker: Iterable[Ydelsesaar],
    region: str,
    aar: Iterable[int],
    bog: Regelbog,
    *,
    forrige_i_faste_priser: bool = False,
) -> list[Ledelsesinfo]:
    """Tables A–E for each consecutive pair of `aar` (e.g. 5 years → 4 pairs), from one
    pass over the rows."""
    aarene = sorted(set(aar))
    if len(aarene) < 2:
        raise ValueError("ledelsesinformation kræver mindst to år")
    dage, dage_refs = _dage(region, aarene, bog)
    # Q1–Q4 as the quarterly reporting counts them (calendar days).
    kalenderdage = {a: dage_i_kvartaler(a, 4) for a in aarene}
    summer_ = summer(raekker, dage, kalenderdage)
    return [
        _tabeller(region, f, a, summer_[f], summer_[a], dage, dage_refs, forrige_i_faste_priser, bog)
        for f, a in pairwise(aarene)
    ]


def _tabeller(
    region: str,
    forrige: int,
    aar: int,
    sf: _Aarssum,
    sa: _Aarssum,
    dage: Mapping[int, int],
    dage_refs: list[Regelreference],
    faste_priser: bool,
    bog: Regelbog,
) -> Ledelsesinfo:
    spor = Spor()
    noegle = Noegler()
    figurer: dict[Figurnoegle, Decimal | None] = {}
    spor_noegle: dict[Figurnoegle, str] = {}
    faktor = _pl_faktor(region, forrige, aar, faste_priser, bog, spor)
    spor.tilfoej(
        "dage",
        "Dage pr. år (årspladser = brugte dage / dage)",
        "regelbogens konvention for hvert år",
        dage[aar],
        "dage",
        {f"dage {forrige}": dage[forrige], f"dage {aar}": dage[aar]},
        [r for r in dage_refs if r.gyldig_fra.year <= aar][:1],
    )
    pris = f"{aar}-priser"

    def saet(raekke: Raekke, tabel: str) -> Raekke:
        for k, v in raekke.vaerdier.items():
            f = Figurnoegle(tabel, raekke.gruppe, raekke.navn, k)
            figurer[f] = v
            spor_noegle[f] = raekke.spor[k]
        return raekke

    driftsherrer = sorted(set(sf.driftsherre) | set(sa.driftsherre))
    nul4 = [NUL, NUL, NUL, NUL]

    def total(s: _Aarssum) -> list[Decimal]:
        t = [NUL, NUL, NUL, NUL]
        for v in s.driftsherre.values():
            for i in range(4):
                t[i] += v[i]
        return t

    # A ------------------------------------------------------------------------------------
    a_raekker: list[Raekke] = []
    for navn in [*driftsherrer, TOTAL]:
        n = "i_alt" if navn == TOTAL else noegle(navn)
        vf = total(sf) if navn == TOTAL else sf.driftsherre.get(navn, nul4)
        va = total(sa) if navn == TOTAL else sa.driftsherre.get(navn, nul4)
        vaerdier: dict[str, Decimal | None] = {}
        sporn: dict[str, str] = {}
        gns: dict[int, Decimal | None] = {}
        for y, v, fak in ((forrige, vf, faktor), (aar, va, EN)):
            k = f"A.{n}.{y}"
            omk = v[1] * fak
            gns[y] = omk / v[0] if v[0] > 0 else None
            ind: dict[str, Indgang | Decimal] = {"årspladser": v[0], "omkostninger kr.": v[1]}
            if y == forrige:
                ind["P/L-faktor"] = spor.fra("pl_faktor")
            spor.tilfoej(
                k,
                f"Gennemsnitspris pr. plads, {navn}, {y}" + (f" ({pris})" if y == forrige else ""),
                "omkostninger" + (" × P/L-faktor" if y == forrige else "") + " / årspladser",
                "-" if (g := gns[y]) is None else g,
                "kr./årsplads",
                ind,
                bemaerkning=None
                if gns[y] is None
                else f"vist afrundet: {dansk_tal(gns[y] or NUL, 0)} kr.; årspladser "
                f"{dansk_tal(v[0], 1)}, omkostninger {dansk_tal(omk / TUSIND, 0)} t.kr.",
            )
            vaerdier[f"aarspladser_{y}"] = afrund_til(v[0], EN_DECIMAL)
            vaerdier[f"omkostninger_tkr_{y}"] = afrund_til(omk / TUSIND, KRONE)
            g_ = gns[y]
            vaerdier[f"gns_pris_{y}"] = None if g_ is None else afrund_til(g_, KRONE)
            for kol in ("aarspladser", "omkostninger_tkr", "gns_pris"):
                sporn[f"{kol}_{y}"] = k
        gf, ga = gns[forrige], gns[aar]
        udv: Decimal | None
        if gf is None or gf == 0:
            udv = None
        elif ga is None:
            udv = Decimal(-100)
        else:
            udv = (ga / gf - EN) * HUNDREDE
        k = f"A.{n}.udvikling"
        spor.tilfoej(
            k,
            f"Takstudvikling {forrige}–{aar}, {navn}",
            "(gns. pris aktuelt / gns. pris forrige år i faste priser − 1) × 100",
            "-" if udv is None else udv,
            "%",
            {
                f"gns. pris {forrige}": spor.fra(f"A.{n}.{forrige}"),
                f"gns. pris {aar}": spor.fra(f"A.{n}.{aar}"),
            },
            bemaerkning=f"ingen belægning i {aar}, så ingen udvikling; tallet −100 % er kun med for "
            "sammenligningen med den offentliggjorte ledelsesinformation, der skriver det sådan"
            if gf is not None and ga is None
            else None,
        )
        vaerdier["udvikling_pct"] = None if udv is None else afrund_til(udv, EN_DECIMAL)
        sporn["udvikling_pct"] = k
        a_raekker.append(saet(Raekke(gruppe="", navn=navn, vaerdier=vaerdier, spor=sporn), "A"))

    # B and C ------------------------------------------------------------------------------
    def beloebstabel(tabel: str, felt: int, kolonne: str, label: str) -> list[Raekke]:
        rows: list[Raekke] = []
        tf, ta = total(sf), total(sa)
        for navn in [*driftsherrer, TOTAL]:
            n = "i_alt" if navn == TOTAL else noegle(navn)
            vf = tf if navn == TOTAL else sf.driftsherre.get(navn, nul4)
            va = ta if navn == TOTAL else sa.driftsherre.get(navn, nul4)
            vaerdier: dict[str, Decimal | None] = {}
            sporn: dict[str, str] = {}
            for y, v, fak in ((forrige, vf, faktor), (aar, va, EN)):
                k = f"{tabel}.{n}.{y}"
                ind: dict[str, Indgang | Decimal] = {"beløb kr.": v[felt]}
                if y == forrige:
                    ind["P/L-faktor"] = spor.fra("pl_faktor")
                tkr = spor.tilfoej(
                    k,
                    f"{label}, {navn}, {y}" + (f" ({pris})" if y == forrige else ""),
                    "Σ beløb" + (" × P/L-faktor" if y == forrige else "") + " / 1000",
                    v[felt] * fak / TUSIND,
                    "t.kr.",
                    ind,
                )
                vaerdier[f"{kolonne}_{y}"] = afrund_til(tkr, KRONE)
                sporn[f"{kolonne}_{y}"] = k
            rows.append(saet(Raekke(gruppe="", navn=navn, vaerdier=vaerdier, spor=sporn), tabel))
        return rows

    b_raekker = beloebstabel("B", 2, "resultat_tkr", "Over-/underskud")
    c_raekker = beloebstabel("C", 3, "tillaeg_tkr", "Tillægsydelser og indskrivning over 100 %")

    # D ------------------------------------------------------------------------------------
    maalgrupper = sorted(
        {k[0] for s in (sf, sa) for k in s.pladser} | {k[0] for s in (sf, sa) for k in s.belaegning}
    )
    d_raekker: list[Raekke] = []
    for mg in [*maalgrupper, I_ALT]:
        n = "i_alt" if mg == I_ALT else noegle(mg)
        vaerdier = {}
        sporn = {}
        for y, s in ((forrige, sf), (aar, sa)):
            samlet = [NUL, NUL]
            for p in Pladstype:
                if mg == I_ALT:
                    par = [NUL, NUL]
                    for (_, pt), v in s.belaegning.items():
                        if pt is p:
                            par[0] += v[0]
                            par[1] += v[1]
                else:
                    par = s.belaegning.get((mg, p), [NUL, NUL])
                samlet[0] += par[0]
                samlet[1] += par[1]
                _d_figur(spor, vaerdier, sporn, f"D.{n}.{p}.{y}", mg, p.label, y, par, f"{p}_{y}")
            _d_figur(spor, vaerdier, sporn, f"D.{n}.{SAMLET}.{y}", mg, SAMLET, y, samlet, f"{SAMLET}_{y}")
        d_raekker.append(saet(Raekke(gruppe="", navn=mg, vaerdier=vaerdier, spor=sporn), "D"))

    # E ------------------------------------------------------------------------------------
    # Places per (target group, operator, type) with the group totals, the 'I alt' table per
    # operator and the grand total added in one pass over each year's sums.
    pladser: dict[int, dict[tuple[str, str, Pladstype], Decimal]] = {}
    ops_i_gruppe: dict[str, set[str]] = {I_ALT: set(driftsherrer)}
    for y, s in ((forrige, sf), (aar, sa)):
        alle = dict(s.pladser)
        for (mg, op, p), antal in s.pladser.items():
            ops_i_gruppe.setdefault(mg, set()).add(op)
            for k3 in ((mg, TOTAL, p), (I_ALT, op, p), (I_ALT, TOTAL, p)):
                alle[k3] = alle.get(k3, NUL) + antal
        pladser[y] = alle
    e_raekker: list[Raekke] = []
    for mg in [*maalgrupper, I_ALT]:
        nm = "i_alt" if mg == I_ALT else noegle(mg)
        for op in [*sorted(ops_i_gruppe.get(mg, set())), TOTAL]:
            k = f"E.{nm}.{'i_alt' if op == TOTAL else noegle(op)}"
            vaerdier = {}
            e_ind: dict[str, Indgang | Decimal] = {}
            for y in (forrige, aar):
                for p in Pladstype:
                    antal = pladser[y].get((mg, op, p), NUL)
                    vaerdier[f"{p}_{y}"] = afrund_til(antal, KRONE)
                    e_ind[f"{p.label} {y}"] = antal
            i_alt_aar = sum((pladser[aar].get((mg, op, p), NUL) for p in Pladstype), NUL)
            spor.tilfoej(
                k,
                f"Pladser, {mg}, {op}",
                f"Σ pladser pr. ydelse efter pladstype og år; resultat = pladser i alt {aar}",
                i_alt_aar,
                "pladser",
                e_ind,
            )
            e_raekker.append(
                saet(Raekke(gruppe=mg, navn=op, vaerdier=vaerdier, spor=dict.fromkeys(vaerdier, k)), "E")
            )

    # --------------------------------------------------------------------------------------
    graense, flag, uden_graense = _flag(region, aar, sa, bog, spor)
    tabeller = {
        n: Tabel(navn=n, titel=TABELTITLER[n], kolonner=_kolonner(r), raekker=tuple(r))
        for n, r in (("A", a_raekker), ("B", b_raekker), ("C", c_raekker), ("D", d_raekker), ("E", e_raekker))
    }
    observationer = _observationer(forrige, aar, a_raekker, b_raekker, d_raekker, flag, graense)
    advarsler = tuple(dict.fromkeys([*(r.advarsel for r in spor.regler() if r.advarsel), *uden_graense]))
    return Ledelsesinfo(
        region=region,
        forrige_aar=forrige,
        aar=aar,
        pl_faktor=faktor,
        tabeller=tabeller,
        figurer=figurer,
        spor_noegle=spor_noegle,
        flagede_tilbud=tuple(f[0] for f in flag),
        observationer=observationer,
        spor=spor,
        advarsler=advarsler,
    )


def _flag(
    region: str, aar: int, sa: _Aarssum, bog: Regelbog, spor: Spor
) -> tuple[Decimal | None, list[tuple[str, Decimal, Decimal]], tuple[str, ...]]:
    """The offers whose occupancy in `aar` deviates from the budgeted by the rulebook's
    threshold or more, largest deviation first, with the threshold and any warning. Without
    a threshold in force for `aar` (the rulebook has one from 2016) no offer is flagged."""
    fastsat = Regler(bog, region, date(aar, 1, 1)).tal_hvis_fastsat(AFVIGELSE_PARAMETER)
    if fastsat is None:
        spor.tilfoej(
            "graense",
            "Grænse for afvigelse fra budgetteret belægning",
            f"regelbogen har ingen grænse for afvigende belægning i kraft i {aar}",
            "-",
            "procentpoint",
            bemaerkning="ingen tilbud flages for afvigende belægning",
        )
        return (
            None,
            [],
            (
                f"Regelbogen har ingen grænse for afvigelse fra den budgetterede belægning "
                f"for {aar}; ingen tilbud flages for afvigende belægning.",
            ),
        )
    graense, ref_graense = fastsat
    spor.tilfoej(
        "graense",
        "Grænse for afvigelse fra budgetteret belægning",
        "fra regelbogen",
        graense,
        "procentpoint",
        regler=[ref_graense],
    )
    flag: list[tuple[str, Decimal, Decimal]] = []
    for navn, t in sa.tilbud.items():
        if t[3] > 0:
            faktisk = t[1] / t[0] * HUNDREDE
            budget = t[2] / t[3]
            if afviger(faktisk, budget, graense):
                flag.append((navn, faktisk, budget))
    flag.sort(key=lambda x: (-abs(x[1] - x[2]), x[0]))
    return graense, flag, ()


def _kolonner(raekker: list[Raekke]) -> tuple[str, ...]:
    return tuple(raekker[0].vaerdier) if raekker else ()


def _d_figur(
    spor: Spor,
    vaerdier: dict[str, Decimal | None],
    sporn: dict[str, str],
    k: str,
    mg: str,
    type_: str,
    aar: int,
    par: list[Decimal],
    kolonne: str,
) -> None:
    pct = par[1] / par[0] * HUNDREDE if par[0] > 0 else None
    spor.tilfoej(
        k,
        f"Belægning {mg}, {type_}, {aar}",
        "Σ årspladser / Σ pladser × 100, kun aktive ydelser (pladser og forbrug > 0)",
        "-" if pct is None else pct,
        "%",
        {"Σ årspladser": par[1], "Σ pladser": par[0]},
    )
    vaerdier[kolonne] = None if pct is None else afrund_til(pct, EN_DECIMAL)
    sporn[kolonne] = k


def _pct_tekst(x: Decimal) -> str:
    return ("+" if x > 0 else "") + dansk_tal(x, 1) + " %"


def _observationer(
    forrige: int,
    aar: int,
    a: list[Raekke],
    b: list[Raekke],
    d: list[Raekke],
    flag: list[tuple[str, Decimal, Decimal]],
    graense: Decimal | None,
) -> tuple[str, ...]:
    obs: list[str] = []
    udv = [
        (
            r.navn,
            r.vaerdier["udvikling_pct"],
            r.vaerdier[f"gns_pris_{forrige}"],
            r.vaerdier[f"gns_pris_{aar}"],
        )
        for r in a
        if r.navn != TOTAL and r.vaerdier["udvikling_pct"] is not None
    ]
    uden = [n for n, _, _, g in udv if g is None]
    uden_forrige = [
        r.navn
        for r in a
        if r.navn != TOTAL
        and r.vaerdier[f"gns_pris_{forrige}"] is None
        and r.vaerdier[f"gns_pris_{aar}"] is not None
    ]
    med = sorted(
        ((n, u, f, g) for n, u, f, g in udv if g is not None), key=lambda x: (-abs(x[1] or NUL), x[0])
    )
    if med:
        dele = [
            f"{n} {_pct_tekst(u or NUL)} ({dansk_tal(f or NUL)} → {dansk_tal(g or NUL)} kr.)"
            for n, u, f, g in med[:3]
        ]
        obs.append(
            f"Største ændringer i gennemsnitspris pr. plads {forrige}–{aar} (faste priser): "
            + "; ".join(dele)
            + "."
        )
    for y, navne in ((forrige, uden_forrige), (aar, uden)):
        if navne:
            obs.append(f"Ingen belægning i {y}, så ingen takstudvikling: " + ", ".join(navne) + ".")
    total = next((r for r in a if r.navn == TOTAL), None)
    if total is not None and total.vaerdier["udvikling_pct"] is not None:
        obs.append(f"Samlet takstudvikling {forrige}–{aar}: {_pct_tekst(total.vaerdier['udvikling_pct'])}.")
    if flag and graense is not None:
        dele = [f"{n} ({dansk_tal(fa, 1)} % mod budgetteret {dansk_tal(bu, 1)} %)" for n, fa, bu in flag[:5]]
        rest = f" og {len(flag) - 5} andre" if len(flag) > 5 else ""
        obs.append(
            f"{len(flag)} tilbud afviger {dansk_tal(graense)} procentpoint eller mere fra den budgetterede "
            f"belægning i {aar}: " + "; ".join(dele) + rest + "."
        )
    underskud = sorted(
        (
            (r.navn, r.vaerdier[f"resultat_tkr_{aar}"] or NUL)
            for r in b
            if r.navn != TOTAL and (r.vaerdier[f"resultat_tkr_{aar}"] or NUL) < 0
        ),
        key=lambda x: (x[1], x[0]),
    )
    if underskud:
        obs.append(
            f"Største underskud i {aar}: " + "; ".join(f"{n} {dansk_tal(v)} t.kr." for n, v in underskud[:3])
        )
    over = [
        f"{r.navn} ({dansk_tal(r.vaerdier[f'{SAMLET}_{aar}'] or NUL, 1)} %)"
        for r in d
        if r.navn != I_ALT and (r.vaerdier[f"{SAMLET}_{aar}"] or NUL) > HUNDREDE
    ]
    if over:
        obs.append(f"Belægning over 100 % i {aar}: " + "; ".join(over) + ".")
    return tuple(obs)
