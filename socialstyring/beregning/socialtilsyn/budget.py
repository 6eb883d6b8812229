"""The unit's budget and its split: tasks × count × hours → staff years → wages at the average
cost per staff year, plus the other costs → operating budget; overhead a rulebook share of it;
the total split between objective financing (foster families) and the rates for offers, each
with earlier years' surplus or deficit carried in."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import KRONE, NUL, afrund_til, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Spor, med_enhed
from socialstyring.beregning.socialtilsyn.grundlag import Omraade, Socialtilsynsgrundlag, tal

P = "socialtilsyn"


def timer(g: Socialtilsynsgrundlag, spor: Spor) -> dict[Omraade, Decimal]:
    """The tasks' hours (count × hours each), one step per task and a total per side."""
    ud = {Omraade.TILBUD: NUL, Omraade.PLEJEFAMILIER: NUL}
    noegler: dict[Omraade, dict[str, Indgang]] = {Omraade.TILBUD: {}, Omraade.PLEJEFAMILIER: {}}
    for nr, o in enumerate(g.opgaver, 1):
        n = f"{P}.timer.{nr}_{slug(o.navn)}"
        ud[o.omraade] += spor.tilfoej(
            n,
            f"Timer: {o.navn}",
            "antal × timer pr. stk.",
            o.antal * o.timer_pr_stk,
            "timer",
            {"antal": med_enhed(o.antal, "stk."), "timer pr. stk.": med_enhed(o.timer_pr_stk, "timer")},
        )
        noegler[o.omraade][o.navn] = spor.fra(n)
    for omr in (Omraade.TILBUD, Omraade.PLEJEFAMILIER):
        spor.tilfoej(
            f"{P}.timer.{omr.value}",
            f"Timer i alt, {omr.tekst.lower()}",
            " + ".join(noegler[omr]) or "ingen opgaver",
            ud[omr],
            "timer",
            noegler[omr],
        )
    return ud


def aarsvaerk(g: Socialtilsynsgrundlag, regler: Regler, spor: Spor) -> Decimal:
    """Staff years: entered, or the tasks' hours ÷ hours per staff year (rulebook)."""
    if g.aarsvaerk is not None:
        return spor.tilfoej(
            f"{P}.aarsvaerk",
            "Normering (årsværk)",
            "indtastet",
            g.aarsvaerk,
            "årsværk",
            bemaerkning="Indtastet normering; timerne pr. opgave er ikke angivet."
            if not g.opgaver
            else "Indtastet normering; opgavernes timer deler kun budgettet.",
        )
    pr, ref = regler.tal("socialtilsyn.timer_pr_aarsvaerk")
    alle = tal(spor, f"{P}.timer.tilbud") + tal(spor, f"{P}.timer.plejefamilier")
    return spor.tilfoej(
        f"{P}.aarsvaerk",
        "Normering (årsværk)",
        "(timer, tilbud + timer, plejefamilier) ÷ timer pr. årsværk",
        afrund_til(alle / pr, Decimal("0.01")),
        "årsværk",
        {
            "timer, tilbud": spor.fra(f"{P}.timer.tilbud"),
            "timer, plejefamilier": spor.fra(f"{P}.timer.plejefamilier"),
            "timer pr. årsværk": med_enhed(pr, "timer"),
        },
        [ref],
        bemaerkning="Afrundet til 2 decimaler.",
    )


def budget(g: Socialtilsynsgrundlag, regler: Regler, spor: Spor) -> tuple[Decimal, Decimal, Decimal]:
    """(operating budget, overhead, total costs), every line a step."""
    aarsvaerk(g, regler, spor)
    loen = spor.tilfoej(
        f"{P}.loen",
        "Lønudgifter",
        "årsværk × gennemsnitsløn",
        tal(spor, f"{P}.aarsvaerk") * g.gennemsnitsloen,
        "kr.",
        {
            "årsværk": spor.fra(f"{P}.aarsvaerk"),
            "gennemsnitsløn": med_enhed(g.gennemsnitsloen, "kr. pr. årsværk"),
        },
    )
    linjer: dict[str, Indgang] = {"løn": spor.fra(f"{P}.loen")}
    drift = loen
    for nr, u in enumerate(g.udgifter, 1):
        n = f"{P}.udgift.{nr}_{slug(u.navn)}"
        drift += spor.tilfoej(
            n,
            u.navn,
            "indtastet",
            u.beloeb,
            "kr.",
            bemaerkning=None
            if u.omraade is Omraade.FAELLES
            else f"Hører alene til: {u.omraade.tekst.lower()}.",
        )
        linjer[u.navn] = spor.fra(n)
    spor.tilfoej(f"{P}.driftsbudget", "Driftsbudget", " + ".join(linjer), drift, "kr.", linjer)
    pct, ref = regler.tal("socialtilsyn.overhead_pct")
    overhead = spor.tilfoej(
        f"{P}.overhead",
        "Overhead",
        "driftsbudget × overhead %",
        afrund_til(procent_af(drift, pct), KRONE),
        "kr.",
        {"driftsbudget": spor.fra(f"{P}.driftsbudget"), "overhead %": med_enhed(pct, "%")},
        [ref],
        bemaerkning="Afrundet til hele kroner.",
    )
    i_alt = spor.tilfoej(
        f"{P}.udgifter_i_alt",
        "Udgifter i alt",
        "driftsbudget + overhead",
        drift + overhead,
        "kr.",
        {"driftsbudget": spor.fra(f"{P}.driftsbudget"), "overhead": spor.fra(f"{P}.overhead")},
    )
    return drift, overhead, i_alt


def fordeling(g: Socialtilsynsgrundlag, regler: Regler, spor: Spor) -> tuple[Decimal, Decimal]:
    """(objective financing, rate financing) of the year, each with its regulation."""
    i_alt = tal(spor, f"{P}.udgifter_i_alt")
    assert isinstance(i_alt, Decimal)
    if g.objektiv_finansiering is not None:
        objektiv = spor.tilfoej(
            f"{P}.objektiv_foer_regulering",
            "Objektiv finansiering (plejefamilier) før regulering",
            "indtastet",
            g.objektiv_finansiering,
            "kr.",
            bemaerkning="Indtastet: opgavernes timer er ikke angivet, så beregningen deler ikke budgettet.",
        )
    else:
        pct, ref = regler.tal("socialtilsyn.overhead_pct")
        direkte = {
            o: sum((u.beloeb for u in g.udgifter if u.omraade is o), NUL)
            for o in (Omraade.TILBUD, Omraade.PLEJEFAMILIER)
        }
        for o, b in direkte.items():
            spor.tilfoej(
                f"{P}.direkte.{o.value}",
                f"Direkte udgifter inkl. overhead, {o.tekst.lower()}",
                "udgifter, der alene hører hertil × (1 + overhead %)",
                b * (1 + pct / 100),
                "kr.",
                {"udgifter": med_enhed(b, "kr."), "overhead %": med_enhed(pct, "%")},
                [ref],
            )
        faelles = spor.tilfoej(
            f"{P}.faelles",
            "Fælles udgifter inkl. løn og overhead",
            "udgifter i alt − direkte udgifter",
            i_alt - tal(spor, f"{P}.direkte.tilbud") - tal(spor, f"{P}.direkte.plejefamilier"),
            "kr.",
            {
                "udgifter i alt": spor.fra(f"{P}.udgifter_i_alt"),
                "direkte, tilbud": spor.fra(f"{P}.direkte.tilbud"),
                "direkte, plejefamilier": spor.fra(f"{P}.direkte.plejefamilier"),
            },
        )
        t_pleje = tal(spor, f"{P}.timer.plejefamilier")
        t_alle = t_pleje + tal(spor, f"{P}.timer.tilbud")
        if not t_alle:
            raise ValueError("opgaverne har ingen timer at dele budgettet efter")
        andel = spor.tilfoej(
            f"{P}.andel_plejefamilier",
            "Plejefamiliernes andel af timerne",
            "timer, plejefamilier ÷ alle timer",
            t_pleje / t_alle,
            "",
            {
                "timer, plejefamilier": spor.fra(f"{P}.timer.plejefamilier"),
                "timer, tilbud": spor.fra(f"{P}.timer.tilbud"),
            },
        )
        objektiv = spor.tilfoej(
            f"{P}.objektiv_foer_regulering",
            "Objektiv finansiering (plejefamilier) før regulering",
            "direkte, plejefamilier + fælles × andel",
            afrund_til(direkte[Omraade.PLEJEFAMILIER] * (1 + pct / 100) + faelles * andel, KRONE),
            "kr.",
            {
                "direkte, plejefamilier": spor.fra(f"{P}.direkte.plejefamilier"),
                "fælles": spor.fra(f"{P}.faelles"),
                "andel": spor.fra(f"{P}.andel_plejefamilier"),
            },
            bemaerkning="Afrundet til hele kroner; de fælles udgifter deles efter opgavernes timer.",
        )
    takst = spor.tilfoej(
        f"{P}.takster_foer_regulering",
        "Takstfinansiering (tilbud) før regulering",
        "udgifter i alt − objektiv finansiering",
        i_alt - objektiv,
        "kr.",
        {
            "udgifter i alt": spor.fra(f"{P}.udgifter_i_alt"),
            "objektiv finansiering": spor.fra(f"{P}.objektiv_foer_regulering"),
        },
    )
    ud = []
    for navn, foer, reg in (
        ("objektiv", objektiv, g.regulering_objektiv),
        ("takster", takst, g.regulering_takster),
    ):
        tekst = "Objektiv finansiering" if navn == "objektiv" else "Takstfinansiering"
        spor.tilfoej(
            f"{P}.regulering_{navn}",
            f"Regulering for tidligere år, {tekst.lower()}",
            "indtastet",
            reg,
            "kr.",
            bemaerkning="Et underskud (+) hæver og et overskud (−) sænker det, der skal opkræves.",
        )
        ud.append(
            spor.tilfoej(
                f"{P}.{navn}",
                f"{tekst} i alt",
                "før regulering + regulering",
                foer + reg,
                "kr.",
                {
                    "før regulering": spor.fra(
                        f"{P}.{navn}_foer_regulering"
                        if navn == "objektiv"
                        else f"{P}.takster_foer_regulering"
                    ),
                    "regulering": spor.fra(f"{P}.regulering_{navn}"),
                },
            )
        )
    return ud[0], ud[1]
