"""The unit's rates for offers: per rate type an unrounded base rate for 1–7 places, the size
groups' rates as base × the group's weight (rulebook), each rounded to whole kroner from the
unrounded base (never from a rounded base); intensified supervision per started month as a
rulebook share of the unrounded yearly rate; an offer's size group from its places (for
§§ 101, 101 a: expected citizens per year ÷ the rulebook's divisor) and its add-on for extra
hours at the unit's cost per hour."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.model import Resultat, slug
from socialstyring.beregning.kerne.penge import KRONE, NUL, afrund_til
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Regelreference, Spor, med_enhed
from socialstyring.beregning.socialtilsyn.grundlag import (
    GRUPPENAVNE,
    GRUPPER,
    Socialtilsynsgrundlag,
    Taksttype,
    Tilbud,
    tal,
)

P = "socialtilsyn"


class Tilbudstakst(Resultat):
    """One offer's rates for the year."""

    navn: str
    pladser: Decimal
    gruppe: str
    tilsyn: Decimal
    skaerpet_maaneder: int
    skaerpet: Decimal
    tillaeg: Decimal
    i_alt: Decimal


def vaegte(regler: Regler, spor: Spor) -> dict[str, Decimal]:
    """The size groups' weights in % of the 1–7 group (rulebook), one step each."""
    ud = {"1_7": spor.tilfoej(f"{P}.vaegt.1_7", "Vægt, 1–7 pladser", "grundtaksten", Decimal(100), "%")}
    for gr in GRUPPER[1:]:
        v, ref = regler.tal(f"socialtilsyn.vaegt_{gr}_pct")
        ud[gr] = spor.tilfoej(
            f"{P}.vaegt.{gr}", f"Vægt, {GRUPPENAVNE[gr]}", "regelbogen", v, "%", regler=[ref]
        )
    return ud


def grundtakst(
    g: Socialtilsynsgrundlag, t: Taksttype, vaegt: dict[str, Decimal], spor: Spor
) -> Decimal | None:
    """The unrounded base rate of type `t` (1–7 places), or None when the unit gave none."""
    gl = g.grundlag_for(t)
    if gl is None:
        return None
    n = f"{P}.grundtakst.{t.value}"
    if gl.grundtakst is not None:
        return spor.tilfoej(
            n,
            f"Grundtakst (uafrundet), {t.tekst.lower()}",
            "indtastet",
            gl.grundtakst,
            "kr.",
            bemaerkning="Grundtaksten for 1–7 pladser før afrunding; gruppernes takster afrundes hver for "
            "sig ud fra den.",
        )
    assert gl.budget is not None and gl.antal_pr_gruppe is not None
    indgange: dict[str, Indgang | Decimal] = {"budget": med_enhed(gl.budget, "kr.")}
    enheder = NUL
    for gr, antal in zip(GRUPPER, gl.antal_pr_gruppe, strict=True):
        indgange[f"antal, {GRUPPENAVNE[gr]}"] = med_enhed(antal, "stk.")
        indgange[f"vægt, {GRUPPENAVNE[gr]}"] = spor.fra(f"{P}.vaegt.{gr}")
        enheder += antal * vaegt[gr] / 100
    if not enheder:
        raise ValueError(f"{t.tekst}: der er ingen tilbud at fordele budgettet på")
    return spor.tilfoej(
        n,
        f"Grundtakst (uafrundet), {t.tekst.lower()}",
        "budget ÷ Σ (antal × vægt ÷ 100)",
        gl.budget / enheder,
        "kr.",
        indgange,
    )


def tillaeg_50_plus(g: Socialtilsynsgrundlag, spor: Spor) -> Decimal:
    """The add-on laid into the 50+ supervision rate, per offer (kr.)."""
    n = f"{P}.tillaeg_50_plus"
    if g.tillaeg_50_plus_budget is not None:
        gl = g.grundlag_for(Taksttype.TILSYN)
        if gl is None or gl.antal_pr_gruppe is None or not gl.antal_pr_gruppe[3]:
            raise ValueError(
                "tillægsbudgettet for 50+ kræver antal tilbud med 50+ pladser i tilsynets grundlag"
            )
        antal = gl.antal_pr_gruppe[3]
        return spor.tilfoej(
            n,
            "Tillæg lagt i tilsynstaksten for 50+ pladser, pr. tilbud",
            "tillægsbudget ÷ antal tilbud med 50+ pladser",
            g.tillaeg_50_plus_budget / antal,
            "kr.",
            {
                "tillægsbudget": med_enhed(g.tillaeg_50_plus_budget, "kr."),
                "antal tilbud, 50+": med_enhed(antal, "stk."),
            },
        )
    return spor.tilfoej(
        n,
        "Tillæg lagt i tilsynstaksten for 50+ pladser, pr. tilbud",
        "indtastet",
        g.tillaeg_50_plus_pr_tilbud or NUL,
        "kr.",
    )


def takster(
    g: Socialtilsynsgrundlag, regler: Regler, spor: Spor
) -> tuple[dict[Taksttype, dict[str, Decimal]], dict[str, Decimal]]:
    """The rates per type and size group (whole kroner) and intensified supervision per month."""
    vaegt = vaegte(regler, spor)
    ud: dict[Taksttype, dict[str, Decimal]] = {}
    skaerpet: dict[str, Decimal] = {}
    pct, ref_pct = regler.tal("socialtilsyn.skaerpet_tilsyn_pct_pr_maaned")
    for t in Taksttype:
        basis = grundtakst(g, t, vaegt, spor)
        if basis is None:
            continue
        tillaeg = tillaeg_50_plus(g, spor) if t is Taksttype.TILSYN else NUL
        ud[t] = {}
        for gr in GRUPPER:
            ekstra = tillaeg if gr == "50_plus" else NUL
            indgange: dict[str, Indgang | Decimal] = {
                "grundtakst": spor.fra(f"{P}.grundtakst.{t.value}"),
                "vægt": spor.fra(f"{P}.vaegt.{gr}"),
            }
            if ekstra:
                indgange["tillæg"] = spor.fra(f"{P}.tillaeg_50_plus")
            uafrundet = spor.tilfoej(
                f"{P}.{t.value}.{gr}.uafrundet",
                f"{t.tekst}, {GRUPPENAVNE[gr]}, uafrundet",
                "grundtakst × vægt ÷ 100" + (" + tillæg" if ekstra else ""),
                basis * vaegt[gr] / 100 + ekstra,
                "kr.",
                indgange,
            )
            ud[t][gr] = spor.tilfoej(
                f"{P}.{t.value}.{gr}",
                f"{t.tekst}, {GRUPPENAVNE[gr]}",
                "uafrundet takst afrundet til hele kroner",
                afrund_til(uafrundet, KRONE),
                "kr.",
                {"uafrundet": spor.fra(f"{P}.{t.value}.{gr}.uafrundet")},
            )
            if t is Taksttype.TILSYN:
                skaerpet[gr] = spor.tilfoej(
                    f"{P}.skaerpet.{gr}",
                    f"Skærpet tilsyn pr. påbegyndt måned, {GRUPPENAVNE[gr]}",
                    "uafrundet årlig tilsynstakst × skærpet % ÷ 100, afrundet til hele kroner",
                    afrund_til(uafrundet * pct / 100, KRONE),
                    "kr. pr. måned",
                    {
                        "uafrundet årlig takst": spor.fra(f"{P}.{t.value}.{gr}.uafrundet"),
                        "skærpet %": med_enhed(pct, "%"),
                    },
                    [ref_pct],
                )
    return ud, skaerpet


def paabegyndte_maaneder(fra: date, til: date) -> int:
    """Started months from `fra` to `til` (both included): a new month starts on the day of
    the month `fra` fell on (15 January – 14 February is one month, to 15 February two)."""
    n = (til.year - fra.year) * 12 + til.month - fra.month
    return n + 1 if til.day >= fra.day else n


def gruppe(pladser: Decimal, regler: Regler) -> tuple[str, list[Regelreference]]:
    """The size group of an offer with `pladser` places (not rounded: 7,5 places is above 7)."""
    refs = []
    for nr, gr in enumerate(GRUPPER[:3], 1):
        graense, ref = regler.tal(f"socialtilsyn.gruppe{nr}_max_pladser")
        refs.append(ref)
        if pladser <= graense:
            return gr, refs
    return "50_plus", refs


def timepris(regler: Regler, spor: Spor) -> Decimal:
    """The unit's cost per hour: total costs ÷ (staff years × hours per staff year)."""
    pr, ref = regler.tal("socialtilsyn.timer_pr_aarsvaerk")
    aarsv = tal(spor, f"{P}.aarsvaerk")
    assert isinstance(aarsv, Decimal)
    if not aarsv:
        raise ValueError("timeprisen kræver en normering over 0 årsværk")
    return spor.tilfoej(
        f"{P}.timepris",
        "Socialtilsynets timepris",
        "udgifter i alt ÷ (årsværk × timer pr. årsværk)",
        afrund_til(tal(spor, f"{P}.udgifter_i_alt") / (aarsv * pr), Decimal("0.01")),
        "kr. pr. time",
        {
            "udgifter i alt": spor.fra(f"{P}.udgifter_i_alt"),
            "årsværk": spor.fra(f"{P}.aarsvaerk"),
            "timer pr. årsværk": med_enhed(pr, "timer"),
        },
        [ref],
        bemaerkning="Afrundet til øre.",
    )


def tilbudstakst(
    o: Tilbud, nr: int, regler: Regler, spor: Spor, tilsyn: dict[str, Decimal], skaerpet: dict[str, Decimal]
) -> Tilbudstakst:
    """One offer's year: its size group, yearly supervision, intensified supervision and add-on."""
    q = f"{P}.tilbud.{nr}_{slug(o.navn)}"
    if o.borgere_pr_aar is not None:
        deler, ref = regler.tal("behandling.borgere_pr_plads")
        pladser = spor.tilfoej(
            f"{q}.pladser",
            f"Pladser, {o.navn} (§§ 101, 101 a)",
            "forventede borgere pr. år ÷ borgere pr. plads",
            o.borgere_pr_aar / deler,
            "pladser",
            {
                "borgere pr. år": med_enhed(o.borgere_pr_aar, "borgere"),
                "borgere pr. plads": med_enhed(deler, "borgere"),
            },
            [ref],
            bemaerkning="Ikke afrundet: størrelsesgruppen afgøres af det præcise tal.",
        )
    else:
        assert o.pladser is not None
        pladser = spor.tilfoej(f"{q}.pladser", f"Pladser, {o.navn}", "indtastet", o.pladser, "pladser")
    gr, refs = gruppe(pladser, regler)
    if gr not in tilsyn:
        raise ValueError("tilbuddets takst kræver tilsynstaksterne (grundtakst for tilsyn)")
    aarlig = spor.tilfoej(
        f"{q}.tilsyn",
        f"Tilsynstakst, {o.navn}",
        f"taksten for {GRUPPENAVNE[gr]}",
        tilsyn[gr],
        "kr.",
        {"pladser": spor.fra(f"{q}.pladser"), "takst": spor.fra(f"{P}.tilsyn.{gr}")},
        refs,
    )
    maaneder = (
        paabegyndte_maaneder(o.skaerpet_fra, o.skaerpet_til) if o.skaerpet_fra and o.skaerpet_til else 0
    )
    sk = spor.tilfoej(
        f"{q}.skaerpet",
        f"Skærpet tilsyn, {o.navn}",
        "påbegyndte måneder × månedstakst",
        maaneder * skaerpet[gr],
        "kr.",
        {"påbegyndte måneder": med_enhed(maaneder, "måneder"), "månedstakst": spor.fra(f"{P}.skaerpet.{gr}")},
        bemaerkning=f"Skærpet tilsyn {o.skaerpet_fra:%d-%m-%Y}–{o.skaerpet_til:%d-%m-%Y}: "
        f"{maaneder} påbegyndte måneder."
        if o.skaerpet_fra and o.skaerpet_til
        else "Intet skærpet tilsyn.",
    )
    tillaeg = NUL
    if o.ekstra_timer:
        if f"{P}.timepris" not in spor:
            timepris(regler, spor)
        tillaeg = spor.tilfoej(
            f"{q}.tillaeg",
            f"Tillægstakst, {o.navn}",
            "ekstra timer × timepris, afrundet til hele kroner",
            afrund_til(o.ekstra_timer * tal(spor, f"{P}.timepris"), KRONE),
            "kr.",
            {"ekstra timer": med_enhed(o.ekstra_timer, "timer"), "timepris": spor.fra(f"{P}.timepris")},
            bemaerkning="Tilbud med flere afdelinger/adresser eller særligt ressourcekrævende tilsyn.",
        )
    i_alt = spor.tilfoej(
        f"{q}.i_alt",
        f"I alt for året, {o.navn}",
        "tilsyn + skærpet tilsyn + tillæg",
        aarlig + sk + tillaeg,
        "kr.",
        {
            "tilsyn": spor.fra(f"{q}.tilsyn"),
            "skærpet tilsyn": spor.fra(f"{q}.skaerpet"),
            "tillæg": tillaeg if tillaeg else NUL,
        },
    )
    return Tilbudstakst(
        navn=o.navn,
        pladser=pladser,
        gruppe=GRUPPENAVNE[gr],
        tilsyn=aarlig,
        skaerpet_maaneder=maaneder,
        skaerpet=sk,
        tillaeg=tillaeg,
        i_alt=i_alt,
    )
