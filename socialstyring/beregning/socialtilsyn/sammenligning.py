"""The unit's figures held up against others: its published figures (a rate must match to the
krone, a budget line within the printed rounding), the published objective financing per
municipality (its rows' sum against the printed total, and each row against its count of
0–17-year-olds), last year in fixed prices (P/L from the rulebook), and other units' rates."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.kerne.model import Resultat
from socialstyring.beregning.kerne.objektiv import tjek_offentliggjort
from socialstyring.beregning.kerne.penge import NUL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Spor, med_enhed
from socialstyring.beregning.socialtilsyn.grundlag import (
    GRUPPENAVNE,
    GRUPPER,
    Socialtilsynsgrundlag,
    Taksttype,
    tal,
)

P = "socialtilsyn"
EN_DECIMAL = Decimal("0.1")


class Sammenholdt(Resultat):
    """A computed figure and the published one: `forskel` = published − computed."""

    hvad: str
    beregnet: Decimal
    offentliggjort: Decimal
    forskel: Decimal
    i_orden: bool
    forklaring: str


class Uoverensstemmelse(Resultat):
    """A published row of objective financing that does not match its count."""

    kommune: str
    antal: int
    offentliggjort: Decimal
    efter_antal: Decimal
    forskel: Decimal


class Udvikling(Resultat):
    """A figure from last year to this, nominally and in fixed prices (%)."""

    hvad: str
    forrige: Decimal
    i_aar: Decimal
    nominel_pct: Decimal
    pl_pct: Decimal
    faste_priser_pct: Decimal


class Enhedssammenligning(Resultat):
    """This unit's rate against another unit's (or the published average): + is higher."""

    hvad: str
    enhed: str
    egen: Decimal
    anden: Decimal
    forskel_pct: Decimal


def _mio(b: Decimal) -> str:
    v = afrund_til(b / 1_000_000, Decimal("0.001"))
    return f"{dansk_tal(v, 1 if v == afrund_til(v, EN_DECIMAL) else 3)} mio. kr."


def mod_offentliggjort(
    g: Socialtilsynsgrundlag,
    takster: dict[Taksttype, dict[str, Decimal]],
    skaerpet: dict[str, Decimal],
    spor: Spor,
) -> list[Sammenholdt]:
    """Every published figure against the computed one."""
    o = g.offentliggjort
    if o is None:
        return []
    ud = []
    for t, rk in o.takster.items():
        for gr, trykt in rk.items():
            if t in takster and gr in takster[t]:
                b = takster[t][gr]
                ud.append(
                    Sammenholdt(
                        hvad=f"{t.tekst}, {GRUPPENAVNE[gr]}",
                        beregnet=b,
                        offentliggjort=trykt,
                        forskel=trykt - b,
                        i_orden=trykt == b,
                        forklaring="Som trykt."
                        if trykt == b
                        else f"Afviger med {dansk_tal(trykt - b)} kr. fra taksten beregnet af den uafrundede "
                        "grundtakst.",
                    )
                )
    for gr, trykt in o.skaerpet.items():
        if gr in skaerpet:
            b = skaerpet[gr]
            ud.append(
                Sammenholdt(
                    hvad=f"Skærpet tilsyn pr. måned, {GRUPPENAVNE[gr]}",
                    beregnet=b,
                    offentliggjort=trykt,
                    forskel=trykt - b,
                    i_orden=trykt == b,
                    forklaring="Som trykt." if trykt == b else f"Afviger med {dansk_tal(trykt - b)} kr.",
                )
            )
    halv = o.praecision / 2
    linjer: tuple[tuple[str, str, Decimal | None], ...] = (
        ("Driftsbudget", "driftsbudget", o.driftsbudget),
        ("Overhead", "overhead", o.overhead),
        ("Udgifter i alt", "udgifter_i_alt", o.udgifter_i_alt),
        ("Objektiv finansiering", "objektiv", o.objektiv_finansiering),
        ("Takstfinansiering", "takster", o.takstfinansiering),
    )
    for hvad, noegle, linje in linjer:
        if linje is None:
            continue
        trykt = linje
        b = tal(spor, f"{P}.{noegle}")
        assert isinstance(b, Decimal)
        forskel = trykt - b
        inden = abs(forskel) <= halv
        if forskel == 0:
            tekst = "Som trykt."
        elif inden:
            tekst = (
                f"Inden for den trykte afrunding ({_mio(o.praecision)})." if o.praecision else "Som trykt."
            )
        else:
            tekst = f"Afviger med {_mio(forskel)} – mere end den trykte afrunding ({_mio(o.praecision)})."
            if noegle == "overhead":
                drift = tal(spor, f"{P}.driftsbudget")
                assert isinstance(drift, Decimal)
                andel = dansk_tal(afrund_til(trykt / drift * 100, EN_DECIMAL))
                tekst += f" Det trykte beløb er {andel} % af driftsbudgettet, ikke regelbogens sats."
        ud.append(
            Sammenholdt(
                hvad=hvad, beregnet=b, offentliggjort=trykt, forskel=forskel, i_orden=inden, forklaring=tekst
            )
        )
    if o.objektiv_pr_kommune and o.objektiv_total is not None:
        rk_sum = sum(o.objektiv_pr_kommune.values(), NUL)
        forskel = o.objektiv_total - rk_sum
        ud.append(
            Sammenholdt(
                hvad="Objektiv finansiering: kommunernes rækker mod den trykte total",
                beregnet=rk_sum,
                offentliggjort=o.objektiv_total,
                forskel=forskel,
                i_orden=forskel == 0,
                forklaring="Rækkerne summerer til totalen."
                if forskel == 0
                else f"Rækkerne summerer til {dansk_tal(rk_sum)} kr., totalen er trykt "
                f"{dansk_tal(o.objektiv_total)} kr.: hver række er afrundet for sig, så delene ikke summerer "
                "til totalen (en fordeling efter største rest ville ramme den).",
            )
        )
    return ud


def uoverensstemmelser(g: Socialtilsynsgrundlag) -> tuple[list[Uoverensstemmelse], list[str]]:
    """The published rows that do not match their counts (checked among the rows that have a
    count), and the municipalities without a count."""
    o = g.offentliggjort
    if o is None or not o.objektiv_pr_kommune:
        return [], []
    mangler = [k for k in o.objektiv_pr_kommune if k not in g.indbyggere_0_17]
    med = {k: Decimal(v) for k, v in o.objektiv_pr_kommune.items() if k in g.indbyggere_0_17}
    if len(med) < 2:
        return [], mangler
    return [
        Uoverensstemmelse(
            kommune=a.kommune,
            antal=a.antal,
            offentliggjort=a.offentliggjort,
            efter_antal=a.efter_antal,
            forskel=a.forskel,
        )
        for a in tjek_offentliggjort(med, g.indbyggere_0_17)
    ], mangler


def udvikling(
    g: Socialtilsynsgrundlag,
    takster: dict[Taksttype, dict[str, Decimal]],
    objektiv: Decimal,
    udgifter: Decimal,
    regler: Regler,
    spor: Spor,
) -> list[Udvikling]:
    """This year's figures against last year's, nominally and in fixed prices."""
    f = g.forrige
    if f is None:
        return []
    if f.aar != g.aar - 1:
        raise ValueError(f"forrige år skal være {g.aar - 1}, ikke {f.aar}")
    pl, ref = regler.tal("pl.kl_skoen_pct")
    spor.tilfoej(f"{P}.pl", f"P/L fra {f.aar} til {g.aar}", "regelbogen", pl, "%", regler=[ref])
    par: list[tuple[str, Decimal, Decimal]] = []
    for t, rk in f.takster.items():
        for gr in GRUPPER:
            if gr in rk and t in takster and gr in takster[t]:
                par.append((f"{t.tekst}, {GRUPPENAVNE[gr]}", Decimal(rk[gr]), takster[t][gr]))
    if f.objektiv_finansiering is not None:
        par.append(("Objektiv finansiering", f.objektiv_finansiering, objektiv))
    if f.udgifter_i_alt is not None:
        par.append(("Udgifter i alt", f.udgifter_i_alt, udgifter))
    ud = []
    for hvad, foer, nu in par:
        if not foer:
            continue
        faste = afrund_til((nu / (foer * (1 + pl / 100)) - 1) * 100, EN_DECIMAL)
        ud.append(
            Udvikling(
                hvad=hvad,
                forrige=foer,
                i_aar=nu,
                nominel_pct=afrund_til((nu / foer - 1) * 100, EN_DECIMAL),
                pl_pct=pl,
                faste_priser_pct=faste,
            )
        )
    spor.tilfoej(
        f"{P}.udvikling",
        f"Udvikling {f.aar}–{g.aar} i faste priser",
        "i år ÷ (forrige × (1 + P/L ÷ 100)) − 1, i %",
        len(ud),
        "tal sammenlignet",
        {"P/L": spor.fra(f"{P}.pl")},
        bemaerkning="; ".join(f"{u.hvad}: {dansk_tal(u.faste_priser_pct)} %" for u in ud) or None,
    )
    return ud


def mod_andre(
    g: Socialtilsynsgrundlag, takster: dict[Taksttype, dict[str, Decimal]], spor: Spor
) -> list[Enhedssammenligning]:
    """Own rates against each other unit's (and their average, own included, when at least
    one unit's own rates are entered)."""
    egne = {
        f"{t.value}.{gr}": (f"{t.tekst}, {GRUPPENAVNE[gr]}", b)
        for t, rk in takster.items()
        for gr, b in rk.items()
    }
    ud = []
    for noegle, (hvad, egen) in egne.items():
        andre = [
            (e.navn, Decimal(e.takster[noegle]), e.gennemsnit) for e in g.andre_enheder if noegle in e.takster
        ]
        enkelte = [v for _, v, gns in andre if not gns]
        if enkelte:
            andre.append(
                (
                    "Gennemsnit af de indtastede tilsyn (inkl. eget)",
                    (egen + sum(enkelte, NUL)) / (len(enkelte) + 1),
                    True,
                )
            )
        for navn, v, _ in andre:
            if v:
                ud.append(
                    Enhedssammenligning(
                        hvad=hvad,
                        enhed=navn,
                        egen=egen,
                        anden=afrund_til(v, Decimal("0.01")),
                        forskel_pct=afrund_til((egen / v - 1) * 100, EN_DECIMAL),
                    )
                )
    if ud:
        spor.tilfoej(
            f"{P}.andre_tilsyn",
            "Sammenligning med andre socialtilsyn",
            "(egen takst ÷ anden − 1) × 100",
            len(ud),
            "sammenligninger",
            {e.navn: med_enhed(len(e.takster), "takster") for e in g.andre_enheder},
        )
    return ud
