"""Capacity and budget of a Børnehus-type unit (Børnehus Midt): from expected cases to staff,
from staff to budget, and the budget's split between objective financing and a rate per case.

The model, as BDO describes Børnehus Midt's budget 2017 (analysis of June 2017, section 3.3):

    sagstimer              = sager × timer pr. sag                  (+ other activities' hours)
    effektive timer/årsværk = effektive timer pr. uge × normtimer pr. år ÷ timer pr. fuldtidsuge
    behandlerårsværk       = timer i alt ÷ effektive timer pr. årsværk        (2 decimals)
    budget efter kapacitet = behandlerårsværk × løn pr. årsværk + øvrige udgifter
    objektiv finansiering  = budget × objektiv andel %   (60 %, whole kroner, half up)
    til fordeling pr. sag  = budget − objektiv finansiering                    (the 40 %)
    takst pr. sag          = til fordeling ÷ sager                             (whole kroner)

The budget the split is made from is the decided budget when it is given (BDO's table 9 splits
the original budget), otherwise the budget after capacity; when both are there the difference
is shown. Every assumption (hours per case, effective hours a week, norm hours, the shares,
rounding, the sensitivity points) is a rulebook parameter; a value entered on the calculation
(`timer_pr_sag`, `effektive_timer_pr_uge`, `effektive_timer_pr_aarsvaerk`) takes precedence and
the trace says so.

Also: key figures per case and per 0–17-year-old (BDO section 3.1), the objective financing
per municipality by its 0–17-year-olds (`kerne.objektiv`), the comparison with printed figures
(each difference explained: what the printed figure implies), and the sensitivity of staff,
budget and rate to hours per case and effective hours a week. Pure: no Django, no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Caseberegning, Inddata, Resultat, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.objektiv import fordel_efter_indbyggere
from socialstyring.beregning.kerne.penge import KRONE, Afrunding, afrund, dansk_tal, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed
from socialstyring.regler import Regelbog

P = "boernehus"
TUSIND = Decimal(1000)


class Aktivitet(Inddata):
    """Hours spent besides the cases themselves (interviews that did not become cases,
    consultations, driving): `antal` × `timer_pr_stk`."""

    navn: str = Field(min_length=1, max_length=200)
    antal: int = Field(ge=0, le=1_000_000)
    timer_pr_stk: Tal = Field(ge=0, le=10_000)


class Offentliggjort(Inddata):
    """Figures printed in a document, to be compared with the calculation's."""

    kilde: str = Field(min_length=3, max_length=500)
    budget: Tal | None = Field(default=None, ge=0)
    objektiv_finansiering: Tal | None = Field(default=None, ge=0)
    til_fordeling: Tal | None = Field(default=None, ge=0)
    takst_pr_sag: Tal | None = Field(default=None, gt=0)
    behandleraarsvaerk: Tal | None = Field(default=None, gt=0)
    timer_i_alt: Tal | None = Field(default=None, ge=0)


class Boernehusgrundlag(Inddata):
    """One year's figures for a Børnehus (see the module)."""

    region: str
    aar: int = Field(ge=2000, le=2100)
    sager: int = Field(gt=0, le=100_000, description="forventede sager, som budgettet og taksten bygger på")
    timer_pr_sag: Tal | None = Field(default=None, gt=0, le=10_000)
    effektive_timer_pr_uge: Tal | None = Field(default=None, gt=0, le=80)
    effektive_timer_pr_aarsvaerk: Tal | None = Field(
        default=None, gt=0, le=5_000, description="oplyst direkte; ellers regnet fra timerne pr. uge"
    )
    oevrige_aktiviteter: tuple[Aktivitet, ...] = ()
    loen_pr_aarsvaerk: Tal | None = Field(default=None, ge=0, le=10_000_000)
    oevrige_udgifter: Tal | None = Field(default=None, ge=0, le=10_000_000_000)
    budget: Tal | None = Field(default=None, ge=0, le=10_000_000_000, description="vedtaget budget")
    indbyggere_0_17: dict[str, int] = Field(default_factory=dict, description="kommune → 0–17-årige")
    offentliggjort: Offentliggjort | None = None

    @model_validator(mode="after")
    def _gyldig(self) -> Boernehusgrundlag:
        if (self.loen_pr_aarsvaerk is None) != (self.oevrige_udgifter is None) and self.budget is None:
            raise ValueError(
                "budgettet efter kapacitet kræver både løn pr. årsværk og øvrige udgifter "
                "(eller angiv det vedtagne budget)"
            )
        if any(n < 0 for n in self.indbyggere_0_17.values()):
            raise ValueError("antallet af 0–17-årige kan ikke være negativt")
        if self.indbyggere_0_17 and sum(self.indbyggere_0_17.values()) == 0:
            raise ValueError("der skal være mindst én 0–17-årig, når kommunerne er angivet")
        return self


class Sammenligning(Resultat):
    """A printed figure beside the calculation's, with what the difference means."""

    felt: str
    tekst: str
    beregnet: Decimal
    offentliggjort: Decimal
    forskel: Decimal  # printed − calculated
    forklaring: str


class Foelsomhedspunkt(Resultat):
    """Staff, budget and rate at other hours per case and effective hours a week."""

    timer_pr_sag: Decimal
    effektive_timer_pr_uge: Decimal
    behandleraarsvaerk: Decimal
    budget: Decimal | None  # None without a wage per staff year: the budget cannot move
    takst_pr_sag: Decimal | None
    er_grundlag: bool


class Boernehusresultat(ResultatMedRegler):
    aar: int
    sager: int
    timer_i_alt: Decimal | None
    effektive_timer_pr_aarsvaerk: Decimal | None
    behandleraarsvaerk: Decimal | None
    budget_kapacitet: Decimal | None
    # None when neither a budget nor wage and other costs are given: capacity only
    budget: Decimal | None
    objektiv_finansiering: Decimal | None
    til_fordeling: Decimal | None
    takst_pr_sag: Decimal | None
    noegletal: dict[str, Decimal]
    objektiv_pr_kommune: dict[str, Decimal]
    sammenligning: list[Sammenligning]
    foelsomhed: list[Foelsomhedspunkt]
    spor: Spor


NOEGLETAL = {
    "udgift_pr_sag": "Samlede udgifter pr. sag",
    "takstfinansiering_pr_sag": "Takstfinansiering pr. sag",
    "udgift_pr_0_17": "Samlede udgifter pr. 0–17-årig",
    "objektiv_pr_0_17": "Objektiv finansiering pr. 0–17-årig",
    "takstfinansiering_pr_0_17": "Takstfinansiering pr. 0–17-årig",
    "sager_pr_1000_0_17": "Sager pr. 1.000 0–17-årige",
    "behandlere_pr_1000_0_17": "Behandlerårsværk pr. 1.000 0–17-årige",
    "sager_pr_behandleraarsvaerk": "Sager pr. behandlerårsværk",
}
"""The key figures' names (BDO section 3.1 and table 7), as pages and workbooks show them."""


# --- Small rules ---------------------------------------------------------------------------------


def decimaler(regler: Regler) -> tuple[Decimal, Regelreference]:
    """The quantum staff years and hours per staff year are computed to (0,01)."""
    n, ref = regler.heltal(f"{P}.aarsvaerk_decimaler")
    return Decimal(1).scaleb(-n), ref


def effektive_timer_pr_aarsvaerk(uge: Decimal, regler: Regler, kvantum: Decimal) -> Decimal:
    """Weekly effective hours as yearly: × norm hours a year ÷ hours of a full-time week."""
    norm, _ = regler.tal(f"{P}.normtimer_pr_aarsvaerk")
    fuldtid, _ = regler.tal(f"{P}.fuldtid_timer_pr_uge")
    return (uge * norm / fuldtid).quantize(kvantum, ROUND_HALF_UP)


def aarsvaerk(timer: Decimal, pr_aarsvaerk: Decimal, kvantum: Decimal) -> Decimal:
    return (timer / pr_aarsvaerk).quantize(kvantum, ROUND_HALF_UP)


def fordel_budget(budget: Decimal, objektiv_pct: Decimal) -> tuple[Decimal, Decimal]:
    """(objective financing, the rest to be split per case): the objective share in whole
    kroner (half up), the rest is what is left, so the two add up to the budget."""
    objektiv = afrund(procent_af(budget, objektiv_pct), Afrunding.KRONE)
    return objektiv, budget - objektiv


def takst(til_fordeling: Decimal, sager: int, afrunding: Afrunding) -> Decimal:
    return afrund(til_fordeling / sager, afrunding)


# --- The calculation -----------------------------------------------------------------------------


def beregn_boernehus(g: Boernehusgrundlag, bog: Regelbog) -> Boernehusresultat:
    """A Børnehus' year: capacity, budget, split, key figures, comparison, sensitivity."""
    spor = Spor()
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    spor.tilfoej(f"{P}.sager", f"Forventede sager {g.aar}", "oplyst", g.sager, "sager")
    kap = _kapacitet(g, regler, spor)
    budget, budget_kapacitet = _budget(g, kap, spor)
    objektiv = til_fordeling = sats = None
    if budget is not None:
        objektiv, til_fordeling, sats = _fordeling(g, budget, regler, spor)
    noegletal = _noegletal(g, kap, spor)
    pr_kommune = _objektiv_pr_kommune(g, regler, spor)
    sammenligning = _sammenlign(g, kap, spor)
    foelsomhed = _foelsomhed(g, kap, regler, spor)
    return Boernehusresultat(
        aar=g.aar,
        sager=g.sager,
        timer_i_alt=kap.timer_i_alt if kap else None,
        effektive_timer_pr_aarsvaerk=kap.pr_aarsvaerk if kap else None,
        behandleraarsvaerk=kap.aarsvaerk if kap else None,
        budget_kapacitet=budget_kapacitet,
        budget=budget,
        objektiv_finansiering=objektiv,
        til_fordeling=til_fordeling,
        takst_pr_sag=sats,
        noegletal=noegletal,
        objektiv_pr_kommune=pr_kommune,
        sammenligning=sammenligning,
        foelsomhed=foelsomhed,
        spor=spor,
    )


class _Kapacitet:
    """The capacity steps' results and what the sensitivity needs to vary them."""

    def __init__(
        self,
        timer_pr_sag: Decimal,
        oevrige_timer: Decimal,
        uge: Decimal | None,
        pr_aarsvaerk: Decimal,
        timer_i_alt: Decimal,
        aarsvaerk: Decimal,
        kvantum: Decimal,
    ) -> None:
        self.timer_pr_sag = timer_pr_sag
        self.oevrige_timer = oevrige_timer
        self.uge = uge
        self.pr_aarsvaerk = pr_aarsvaerk
        self.timer_i_alt = timer_i_alt
        self.aarsvaerk = aarsvaerk
        self.kvantum = kvantum


def _timer_pr_sag(g: Boernehusgrundlag, regler: Regler, spor: Spor) -> Decimal | None:
    if g.timer_pr_sag is not None:
        return spor.tilfoej(
            f"{P}.timer_pr_sag", "Timer pr. sag", "oplyst på beregningen", Decimal(g.timer_pr_sag), "timer"
        )
    fastsat = regler.tal_hvis_fastsat(f"{P}.timer_pr_sag")
    if fastsat is None:
        return None
    v, ref = fastsat
    return spor.tilfoej(
        f"{P}.timer_pr_sag", "Timer pr. sag (budgetforudsætning)", "regelbogen", v, "timer", regler=(ref,)
    )


def _kapacitet(g: Boernehusgrundlag, regler: Regler, spor: Spor) -> _Kapacitet | None:
    """Hours → staff years; None when the year has no hours per case (rulebook or input)."""
    timer_pr_sag = _timer_pr_sag(g, regler, spor)
    if timer_pr_sag is None:
        spor.tilfoej(
            f"{P}.kapacitet",
            "Kapacitet",
            "ingen budgetforudsætning om timer pr. sag",
            0,
            "",
            bemaerkning=f"Regelbogen har ingen timer pr. sag for {g.aar}, og der er ikke oplyst "
            "nogen; kapacitet og følsomhed regnes ikke.",
        )
        return None
    kvantum, ref_dec = decimaler(regler)
    sagstimer = spor.tilfoej(
        f"{P}.sagstimer",
        "Timer til sager",
        "sager × timer pr. sag",
        g.sager * timer_pr_sag,
        "timer",
        {"sager": spor.fra(f"{P}.sager"), "timer pr. sag": spor.fra(f"{P}.timer_pr_sag")},
    )
    oevrige = Decimal(0)
    indgange: dict[str, Indgang | Decimal] = {"timer til sager": spor.fra(f"{P}.sagstimer")}
    for a in g.oevrige_aktiviteter:
        n = f"{P}.aktivitet.{slug(a.navn)}"
        oevrige += spor.tilfoej(
            n,
            a.navn,
            "antal × timer pr. stk.",
            a.antal * Decimal(a.timer_pr_stk),
            "timer",
            {"antal": Decimal(a.antal), "timer pr. stk.": med_enhed(a.timer_pr_stk, "timer")},
        )
        indgange[a.navn] = spor.fra(n)
    timer_i_alt = spor.tilfoej(
        f"{P}.timer_i_alt",
        "Effektive timer i alt",
        " + ".join(indgange),
        sagstimer + oevrige,
        "timer",
        indgange,
    )
    uge: Decimal | None = None
    if g.effektive_timer_pr_aarsvaerk is not None:
        pr_aarsvaerk = spor.tilfoej(
            f"{P}.effektive_timer_pr_aarsvaerk",
            "Effektive sagsarbejdstimer pr. årsværk",
            "oplyst på beregningen",
            Decimal(g.effektive_timer_pr_aarsvaerk),
            "timer pr. årsværk",
        )
    else:
        if g.effektive_timer_pr_uge is not None:
            uge = spor.tilfoej(
                f"{P}.effektive_timer_pr_uge",
                "Effektive sagsarbejdstimer pr. uge",
                "oplyst på beregningen",
                Decimal(g.effektive_timer_pr_uge),
                "timer pr. uge",
            )
        else:
            uge, ref_uge = regler.tal(f"{P}.effektive_timer_pr_uge")
            spor.tilfoej(
                f"{P}.effektive_timer_pr_uge",
                "Effektive sagsarbejdstimer pr. uge (budgetforudsætning)",
                "regelbogen",
                uge,
                "timer pr. uge",
                regler=(ref_uge,),
            )
        norm, ref_norm = regler.tal(f"{P}.normtimer_pr_aarsvaerk")
        fuldtid, ref_fuld = regler.tal(f"{P}.fuldtid_timer_pr_uge")
        pr_aarsvaerk = spor.tilfoej(
            f"{P}.effektive_timer_pr_aarsvaerk",
            "Effektive sagsarbejdstimer pr. årsværk",
            "timer pr. uge × normtimer pr. år ÷ timer pr. fuldtidsuge",
            effektive_timer_pr_aarsvaerk(uge, regler, kvantum),
            "timer pr. årsværk",
            {
                "timer pr. uge": spor.fra(f"{P}.effektive_timer_pr_uge"),
                "normtimer pr. år": med_enhed(norm, "timer"),
                "timer pr. fuldtidsuge": med_enhed(fuldtid, "timer"),
            },
            [ref_norm, ref_fuld, ref_dec],
        )
    antal = spor.tilfoej(
        f"{P}.behandleraarsvaerk",
        "Behandlerårsværk",
        "effektive timer i alt ÷ effektive timer pr. årsværk",
        aarsvaerk(timer_i_alt, pr_aarsvaerk, kvantum),
        "årsværk",
        {
            "timer i alt": spor.fra(f"{P}.timer_i_alt"),
            "pr. årsværk": spor.fra(f"{P}.effektive_timer_pr_aarsvaerk"),
        },
        [ref_dec],
    )
    return _Kapacitet(timer_pr_sag, oevrige, uge, pr_aarsvaerk, timer_i_alt, antal, kvantum)


def _budget(
    g: Boernehusgrundlag, kap: _Kapacitet | None, spor: Spor
) -> tuple[Decimal | None, Decimal | None]:
    """(the budget the split is made from: the decided one, otherwise the one after capacity;
    the budget after capacity when wage and other costs are given)."""
    kapacitet: Decimal | None = None
    if kap is not None and g.loen_pr_aarsvaerk is not None and g.oevrige_udgifter is not None:
        loen = spor.tilfoej(
            f"{P}.loen_behandlere",
            "Løn til behandlere",
            "behandlerårsværk × løn pr. årsværk",
            afrund(kap.aarsvaerk * Decimal(g.loen_pr_aarsvaerk), Afrunding.KRONE),
            "kr.",
            {
                "behandlerårsværk": spor.fra(f"{P}.behandleraarsvaerk"),
                "løn pr. årsværk": med_enhed(g.loen_pr_aarsvaerk, "kr."),
            },
        )
        kapacitet = spor.tilfoej(
            f"{P}.budget_kapacitet",
            "Budget efter kapacitet",
            "løn til behandlere + øvrige udgifter",
            loen + Decimal(g.oevrige_udgifter),
            "kr.",
            {
                "løn til behandlere": spor.fra(f"{P}.loen_behandlere"),
                "øvrige udgifter": med_enhed(g.oevrige_udgifter, "kr."),
            },
            bemaerkning="Øvrige udgifter er ledelse, administration, bygninger, befordring, it mv.",
        )
    if g.budget is None:
        if kapacitet is None:
            spor.tilfoej(
                f"{P}.budget",
                f"Budget {g.aar}",
                "intet budget",
                0,
                "kr.",
                bemaerkning="Hverken vedtaget budget eller løn og øvrige udgifter er oplyst; "
                "kun kapaciteten regnes.",
            )
            return None, None
        budget = spor.tilfoej(
            f"{P}.budget",
            f"Budget {g.aar}",
            "budget efter kapacitet",
            kapacitet,
            "kr.",
            {"budget efter kapacitet": spor.fra(f"{P}.budget_kapacitet")},
        )
        return budget, kapacitet
    budget = spor.tilfoej(f"{P}.budget", f"Vedtaget budget {g.aar}", "oplyst", Decimal(g.budget), "kr.")
    if kapacitet is not None:
        spor.tilfoej(
            f"{P}.forskel_kapacitet",
            "Budget efter kapacitet − vedtaget budget",
            "budget efter kapacitet − budget",
            kapacitet - budget,
            "kr.",
            {"budget efter kapacitet": spor.fra(f"{P}.budget_kapacitet"), "budget": spor.fra(f"{P}.budget")},
            bemaerkning="Fordelingen og taksten regnes af det vedtagne budget.",
        )
    return budget, kapacitet


def _fordeling(
    g: Boernehusgrundlag, budget: Decimal, regler: Regler, spor: Spor
) -> tuple[Decimal, Decimal, Decimal]:
    objektiv_pct, ref_obj = regler.tal(f"{P}.objektiv_finansiering_andel_pct")
    takst_pct, ref_takst = regler.tal(f"{P}.takst_andel_pct")
    if objektiv_pct + takst_pct != 100:
        raise ValueError(
            f"regelbogen: objektiv andel ({dansk_tal(objektiv_pct)} %) og takstandel "
            f"({dansk_tal(takst_pct)} %) skal tilsammen være 100 % for {g.aar}"
        )
    objektiv, rest = fordel_budget(budget, objektiv_pct)
    spor.tilfoej(
        f"{P}.objektiv_finansiering",
        "Objektiv finansiering",
        "budget × objektiv andel, i hele kroner",
        objektiv,
        "kr.",
        {"budget": spor.fra(f"{P}.budget"), "objektiv andel": med_enhed(objektiv_pct, "%")},
        [ref_obj],
    )
    spor.tilfoej(
        f"{P}.til_fordeling",
        f"Til fordeling pr. sag ({dansk_tal(takst_pct)} %)",
        "budget − objektiv finansiering",
        rest,
        "kr.",
        {"budget": spor.fra(f"{P}.budget"), "objektiv finansiering": spor.fra(f"{P}.objektiv_finansiering")},
        [ref_takst],
    )
    afrunding_tekst, ref_afr = regler.tekst(f"{P}.takst_afrunding")
    afrunding = Afrunding(afrunding_tekst)
    sats = spor.tilfoej(
        f"{P}.takst_pr_sag",
        "Takst pr. sag",
        f"til fordeling ÷ sager, afrundet til {afrunding.tekst}",
        takst(rest, g.sager, afrunding),
        "kr. pr. sag",
        {"til fordeling": spor.fra(f"{P}.til_fordeling"), "sager": spor.fra(f"{P}.sager")},
        [ref_afr],
    )
    return objektiv, rest, sats


def _noegletal(g: Boernehusgrundlag, kap: _Kapacitet | None, spor: Spor) -> dict[str, Decimal]:
    """BDO's key figures (section 3.1, table 7), per case always, per 0–17-year-old when counted."""
    ud: dict[str, Decimal] = {}
    if f"{P}.til_fordeling" not in spor:
        return ud

    def trin(
        navn: str, formel: str, v: Decimal, enhed: str, ind: dict[str, Indgang | Decimal], q: Decimal
    ) -> None:
        ud[navn] = spor.tilfoej(
            f"{P}.noegletal.{navn}", NOEGLETAL[navn], formel, v.quantize(q, ROUND_HALF_UP), enhed, ind
        )

    budget, sager = spor[f"{P}.budget"].resultat, Decimal(g.sager)
    rest = spor[f"{P}.til_fordeling"].resultat
    assert isinstance(budget, Decimal) and isinstance(rest, Decimal)
    trin(
        "udgift_pr_sag",
        "budget ÷ sager",
        budget / sager,
        "kr. pr. sag",
        {"budget": spor.fra(f"{P}.budget"), "sager": spor.fra(f"{P}.sager")},
        KRONE,
    )
    trin(
        "takstfinansiering_pr_sag",
        "til fordeling ÷ sager",
        rest / sager,
        "kr. pr. sag",
        {"til fordeling": spor.fra(f"{P}.til_fordeling"), "sager": spor.fra(f"{P}.sager")},
        KRONE,
    )
    if kap is not None:
        trin(
            "sager_pr_behandleraarsvaerk",
            "sager ÷ behandlerårsværk",
            sager / kap.aarsvaerk,
            "sager pr. årsværk",
            {"sager": spor.fra(f"{P}.sager"), "årsværk": spor.fra(f"{P}.behandleraarsvaerk")},
            Decimal("0.1"),
        )
    if not g.indbyggere_0_17:
        return ud
    boern = spor.tilfoej(
        f"{P}.boern_0_17",
        "0–17-årige i alt",
        "sum over kommunerne",
        sum(g.indbyggere_0_17.values()),
        "personer",
        {k: Decimal(n) for k, n in g.indbyggere_0_17.items()},
    )
    b = Decimal(boern)
    fra_boern = spor.fra(f"{P}.boern_0_17")
    trin(
        "udgift_pr_0_17",
        "budget ÷ 0–17-årige",
        budget / b,
        "kr. pr. 0–17-årig",
        {"budget": spor.fra(f"{P}.budget"), "0–17-årige": fra_boern},
        Decimal("0.01"),
    )
    trin(
        "objektiv_pr_0_17",
        "objektiv finansiering ÷ 0–17-årige",
        spor[f"{P}.objektiv_finansiering"].resultat / b,  # type: ignore[operator]
        "kr. pr. 0–17-årig",
        {"objektiv finansiering": spor.fra(f"{P}.objektiv_finansiering"), "0–17-årige": fra_boern},
        Decimal("0.01"),
    )
    trin(
        "takstfinansiering_pr_0_17",
        "til fordeling ÷ 0–17-årige",
        rest / b,
        "kr. pr. 0–17-årig",
        {"til fordeling": spor.fra(f"{P}.til_fordeling"), "0–17-årige": fra_boern},
        Decimal("0.01"),
    )
    trin(
        "sager_pr_1000_0_17",
        "sager ÷ 0–17-årige × 1.000",
        sager / b * TUSIND,
        "sager pr. 1.000",
        {"sager": spor.fra(f"{P}.sager"), "0–17-årige": fra_boern},
        Decimal("0.01"),
    )
    if kap is not None:
        trin(
            "behandlere_pr_1000_0_17",
            "behandlerårsværk ÷ 0–17-årige × 1.000",
            kap.aarsvaerk / b * TUSIND,
            "årsværk pr. 1.000",
            {"årsværk": spor.fra(f"{P}.behandleraarsvaerk"), "0–17-årige": fra_boern},
            Decimal("0.001"),
        )
    return ud


def _objektiv_pr_kommune(g: Boernehusgrundlag, regler: Regler, spor: Spor) -> dict[str, Decimal]:
    if not g.indbyggere_0_17:
        return {}
    _, ref = regler.tal(f"{P}.objektiv_finansiering_andel_pct")
    return fordel_efter_indbyggere(
        spor, f"{P}.objektiv", spor.fra(f"{P}.objektiv_finansiering"), g.indbyggere_0_17, regler=(ref,)
    )


def _sammenlign(g: Boernehusgrundlag, kap: _Kapacitet | None, spor: Spor) -> list[Sammenligning]:
    """Each printed figure beside the calculated one; the difference explained by what the
    printed figure implies."""
    o = g.offentliggjort
    if o is None:
        return []
    ud: list[Sammenligning] = []
    felter: list[tuple[str, str, Decimal | None, str, str]] = [
        ("budget", "Budget", o.budget, f"{P}.til_fordeling", "kr."),
        (
            "objektiv_finansiering",
            "Objektiv finansiering",
            o.objektiv_finansiering,
            f"{P}.objektiv_finansiering",
            "kr.",
        ),
        ("til_fordeling", "Til fordeling pr. sag", o.til_fordeling, f"{P}.til_fordeling", "kr."),
        ("takst_pr_sag", "Takst pr. sag", o.takst_pr_sag, f"{P}.takst_pr_sag", "kr. pr. sag"),
        ("timer_i_alt", "Effektive timer i alt", o.timer_i_alt, f"{P}.timer_i_alt", "timer"),
        (
            "behandleraarsvaerk",
            "Behandlerårsværk",
            o.behandleraarsvaerk,
            f"{P}.behandleraarsvaerk",
            "årsværk",
        ),
    ]
    for felt, tekst, trykt, noegle, enhed in felter:
        if trykt is None or noegle not in spor:
            continue
        noegle = f"{P}.budget" if felt == "budget" else noegle
        beregnet = spor[noegle].resultat
        assert isinstance(beregnet, Decimal | int)
        beregnet = Decimal(beregnet)
        forklaring = _forklar(felt, Decimal(trykt), beregnet, g, kap, spor)
        spor.tilfoej(
            f"{P}.offentliggjort.{felt}",
            f"{tekst}: offentliggjort − beregnet",
            "offentliggjort − beregnet",
            Decimal(trykt) - beregnet,
            enhed,
            {"offentliggjort": med_enhed(trykt, enhed), "beregnet": spor.fra(noegle)},
            bemaerkning=f"{o.kilde}. {forklaring}",
        )
        ud.append(
            Sammenligning(
                felt=felt,
                tekst=tekst,
                beregnet=beregnet,
                offentliggjort=Decimal(trykt),
                forskel=Decimal(trykt) - beregnet,
                forklaring=forklaring,
            )
        )
    return ud


def _forklar(
    felt: str, trykt: Decimal, beregnet: Decimal, g: Boernehusgrundlag, kap: _Kapacitet | None, spor: Spor
) -> str:
    """What a printed figure that differs from the calculation implies."""
    if trykt == beregnet:
        return "Stemmer."
    trykt_kvantum = Decimal(1).scaleb(min(0, trykt.as_tuple().exponent))  # type: ignore[arg-type]
    if trykt == beregnet.quantize(trykt_kvantum, ROUND_HALF_UP):
        return f"Stemmer, når det beregnede afrundes som det offentliggjorte ({dansk_tal(trykt)})."
    if felt == "behandleraarsvaerk" and kap is not None:
        pr = (kap.timer_i_alt / trykt).quantize(Decimal("0.1"), ROUND_HALF_UP)
        sager = ((trykt * kap.pr_aarsvaerk - kap.oevrige_timer) / kap.timer_pr_sag).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        return (
            f"{dansk_tal(trykt)} årsværk svarer til {dansk_tal(pr)} effektive timer pr. årsværk "
            f"(timer i alt ÷ årsværk) mod forudsætningernes {dansk_tal(kap.pr_aarsvaerk)}; eller til "
            f"{dansk_tal(sager)} sager med forudsætningernes timer."
        )
    if felt == "takst_pr_sag":
        rest = spor[f"{P}.til_fordeling"].resultat
        assert isinstance(rest, Decimal)
        implicit = (rest / trykt).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return (
            f"Den offentliggjorte takst svarer til {dansk_tal(implicit)} sager (til fordeling ÷ takst), "
            f"ikke de {g.sager} sager, beregningen bygger på."
        )
    if felt == "timer_i_alt":
        return "Det offentliggjorte timetal bygger på andre sager, timer eller aktiviteter end beregningens."
    return "Det offentliggjorte tal bygger på et andet budget eller en anden andel end beregningens."


FOELSOMHED = (
    "bdo_eksempel_timer_pr_sag",
    "maalt_timer_pr_sag",
    "bdo_eksempel_effektive_timer_pr_uge",
    "maalt_effektive_timer_pr_uge",
)
"""The rulebook's sensitivity points: two for hours per case, two for effective hours a week."""


def foelsomhedsnoegle(timer_pr_sag: Decimal, timer_pr_uge: Decimal) -> str:
    """The trace key of a sensitivity point: `boernehus.foelsomhed.40_23_11` (+ `.aarsvaerk`,
    `.budget`, `.takst`)."""
    return f"{P}.foelsomhed.{slug(dansk_tal(timer_pr_sag))}_{slug(dansk_tal(timer_pr_uge))}"


def _foelsomhedsvaerdier(basis: Decimal, regler: Regler, navne: tuple[str, ...]) -> list[Decimal]:
    """The base value and the rulebook's points, each once, ascending (40 and 40,0 are one)."""
    vaerdier = {basis}
    for navn in navne:
        fastsat = regler.tal_hvis_fastsat(f"{P}.{navn}")
        if fastsat is not None:
            vaerdier.add(fastsat[0])
    return sorted(v.normalize() + 0 for v in vaerdier)


def _foelsomhed(
    g: Boernehusgrundlag, kap: _Kapacitet | None, regler: Regler, spor: Spor
) -> list[Foelsomhedspunkt]:
    """Staff, budget and rate at the rulebook's other hours per case (BDO's 40, the measured 37)
    and effective hours a week (BDO's 25, the measured 23,3). The budget moves by the change in
    staff × wage per staff year; without a wage only the staff is shown. Needs weekly hours
    (not a yearly figure entered directly)."""
    if kap is None or kap.uge is None:
        return []
    timer = _foelsomhedsvaerdier(kap.timer_pr_sag, regler, FOELSOMHED[:2])
    uger = _foelsomhedsvaerdier(kap.uge, regler, FOELSOMHED[2:])
    refs = []
    for navn in FOELSOMHED:
        fastsat = regler.tal_hvis_fastsat(f"{P}.{navn}")
        if fastsat is not None:
            refs.append(fastsat[1])
    objektiv_pct, _ = regler.tal(f"{P}.objektiv_finansiering_andel_pct")
    afrunding = Afrunding(regler.tekst(f"{P}.takst_afrunding")[0])
    budget = spor[f"{P}.budget"].resultat if f"{P}.til_fordeling" in spor else None
    assert budget is None or isinstance(budget, Decimal)
    ud = []
    for h in timer:
        for u in uger:
            q = foelsomhedsnoegle(h, u)
            pr = effektive_timer_pr_aarsvaerk(u, regler, kap.kvantum)
            alle = g.sager * h + kap.oevrige_timer
            antal = spor.tilfoej(
                f"{q}.aarsvaerk",
                f"Behandlerårsværk ved {dansk_tal(h)} timer pr. sag og {dansk_tal(u)} timer pr. uge",
                "(sager × timer pr. sag + øvrige timer) ÷ (timer pr. uge × normtimer ÷ fuldtidsuge)",
                aarsvaerk(alle, pr, kap.kvantum),
                "årsværk",
                {
                    "sager": spor.fra(f"{P}.sager"),
                    "timer pr. sag": med_enhed(h, "timer"),
                    "timer pr. uge": med_enhed(u, "timer"),
                    "effektive timer pr. årsværk": med_enhed(pr, "timer"),
                },
                refs,
            )
            nyt_budget: Decimal | None = None
            sats: Decimal | None = None
            if g.loen_pr_aarsvaerk is not None and budget is not None:
                nyt_budget = spor.tilfoej(
                    f"{q}.budget",
                    "Budget",
                    "budget + (årsværk − grundlagets årsværk) × løn pr. årsværk",
                    afrund(budget + (antal - kap.aarsvaerk) * Decimal(g.loen_pr_aarsvaerk), Afrunding.KRONE),
                    "kr.",
                    {
                        "budget": spor.fra(f"{P}.budget"),
                        "årsværk": spor.fra(f"{q}.aarsvaerk"),
                        "grundlagets årsværk": spor.fra(f"{P}.behandleraarsvaerk"),
                        "løn pr. årsværk": med_enhed(g.loen_pr_aarsvaerk, "kr."),
                    },
                )
                sats = spor.tilfoej(
                    f"{q}.takst",
                    "Takst pr. sag",
                    "(budget − objektiv andel) ÷ sager",
                    takst(fordel_budget(nyt_budget, objektiv_pct)[1], g.sager, afrunding),
                    "kr. pr. sag",
                    {"budget": spor.fra(f"{q}.budget"), "sager": spor.fra(f"{P}.sager")},
                )
            ud.append(
                Foelsomhedspunkt(
                    timer_pr_sag=h,
                    effektive_timer_pr_uge=u,
                    behandleraarsvaerk=antal,
                    budget=nyt_budget,
                    takst_pr_sag=sats,
                    er_grundlag=(h == kap.timer_pr_sag and u == kap.uge),
                )
            )
    return ud


CASEBEREGNING = Caseberegning(
    "boernehus",
    Boernehusgrundlag,
    beregn_boernehus,
    "Børnehus: sager × timer → behandlerårsværk → budget → objektiv finansiering og takst pr. sag",
)
