"""A tilbud's yearly result (over-/underskud) and how it is settled (efterregulering).

From the year's accounts:

    takstindtægter = Σ belagte dage × takst (each line rounded to øre), or the amount given
    indtægter      = takstindtægter + tillægsindtægter (tillægsydelser and indskrivninger
                     over 100 %) + andre indtægter
    resultat       = indtægter − omkostninger (the cost-based accounts); positive = overskud

The 5 % rule is `efterregulering.py`'s, shared with the rate calculation rather than
written twice (rulebook `efterregulering.*`, in force in the result's year):

    egen andel     = fortegn(resultat) × min(|resultat|, egen_andel_pct % af grundlaget)
                     — the operator keeps a surplus / bears a deficit up to that limit;
                     the base is the one `efterregulering.grundlag` names (the
                     omkostningsbaseret budget), given as an input
    til regulering = resultat − egen andel − allerede indregnet   (sign of the result)
    efterregulering = −til regulering: what the later rate's cost base gets (a surplus
                     lowers it, a deficit raises it)

The rest may enter the rates of the years `aar + 1` … `aar + senest_aar_efter`; by default
the latest of them ("indregnes senest 2 år efter", seed 004), or the year chosen with
`indregnes_i`. Parts already carried into an earlier rate (`allerede_indregnet`, in the
result's sign) are deducted. The result carries a ready `TidligereResultat` for that
year's rate calculation (`Takstgrundlag.ydelser[].regulering`), whose trace then shows the
same figure as this result's `efterregulering`: the link rate ↔ result is explicit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field, computed_field, field_serializer, model_validator

from socialstyring.beregning.efterregulering import (
    TidligereResultat,
    egen_andel,
    til_regulering,
    tilladte_aar,
)
from socialstyring.beregning.kerne.model import Caseberegning, Inddata, ResultatMedRegler, Tal, slug
from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund, kr
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Spor
from socialstyring.regler import REGIONER, Regelbog

GRUNDLAG_TEKST = {
    "omkostningsbaseret_budget": "det omkostningsbaserede budget",
    "takstberegningsgrundlag": "takstberegningsgrundlaget",
}
"""The Danish name of each choice of `efterregulering.grundlag`."""


class Belagte(Inddata):
    """Occupied days at one rate (a service, or a part of the year with its own rate)."""

    navn: str = ""
    dage: Tal = Field(ge=0)
    takst: Tal = Field(ge=0)


class Indregning(Inddata):
    """A part of the result already carried into the rate of year `aar` (sign of the result:
    positive for part of a surplus, negative for part of a deficit)."""

    aar: int = Field(ge=2007, le=2100)
    beloeb: Tal


class Resultatgrundlag(Inddata):
    """A tilbud's accounts for a year. Rate income is either given (`takstindtaegter`) or
    computed from occupied days and rates (`belagte_dage`), not both."""

    region: str
    tilbud: str = Field(min_length=1)
    aar: int = Field(ge=2007, le=2100)
    omkostninger: Tal = Field(ge=0, description="omkostningsbaseret regnskab, kr.")
    takstindtaegter: Tal | None = Field(default=None, ge=0)
    belagte_dage: tuple[Belagte, ...] = ()
    tillaegsindtaegter: Tal = Field(
        default=NUL, ge=0, description="tillægsydelser og indskrivninger over 100 %, kr."
    )
    andre_indtaegter: Tal = Field(default=NUL, ge=0)
    grundlag: Tal = Field(gt=0, description="grundlaget for 5 %-reglen (efterregulering.grundlag), kr.")
    allerede_indregnet: tuple[Indregning, ...] = ()
    indregnes_i: int | None = Field(default=None, description="takståret for resten (standard: det seneste)")

    @model_validator(mode="after")
    def _tjek(self) -> Resultatgrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        if (self.takstindtaegter is None) == (not self.belagte_dage):
            raise ValueError(
                "angiv takstindtægterne enten som et beløb (takstindtaegter) eller som belagte dage "
                "× takst (belagte_dage), ikke begge og ikke ingen"
            )
        navne = [slug(b.navn or f"linje {i}") for i, b in enumerate(self.belagte_dage, start=1)]
        if len(navne) != len(set(navne)):
            raise ValueError("belagte_dage: linjerne skal have forskellige navne")
        aar = [i.aar for i in self.allerede_indregnet]
        dobbelte = sorted({a for a in aar if aar.count(a) > 1})
        if dobbelte:
            raise ValueError(f"allerede_indregnet: {', '.join(map(str, dobbelte))} står mere end én gang")
        return self


class Resultatopgoerelse(ResultatMedRegler):
    """The year's result and its settlement. Amounts in kr.; `resultat`, `egen_andel`,
    `allerede_indregnet` and `til_regulering` have the result's sign (+ overskud, − underskud);
    `efterregulering` is what the later rate's cost base gets (− til_regulering).
    `tidligere_resultat` is None and `indregnes_i` None when nothing is left to regulate.

    Trace keys: `takstindtaegt.<linje>` (from occupied days), `takstindtaegter`,
    `tillaegsindtaegter`, `andre_indtaegter`, `indtaegter`, `omkostninger`, `resultat`,
    `grundlag`, `egen_andel.graense`, `egen_andel.egen`, `allerede_indregnet`,
    `til_regulering`, `efterregulering`, `indregningsaar`, `indregnes_i`.
    """

    tilbud: str
    region: str
    aar: int
    omkostninger: Decimal
    takstindtaegter: Decimal
    tillaegsindtaegter: Decimal
    andre_indtaegter: Decimal
    indtaegter: Decimal
    resultat: Decimal
    grundlag: Decimal
    grundlag_art: str
    egen_andel_pct: Decimal
    graense: Decimal
    egen_andel: Decimal
    allerede_indregnet: Decimal
    til_regulering: Decimal
    efterregulering: Decimal
    indregningsaar: tuple[int, ...]
    indregnes_i: int | None
    tidligere_resultat: TidligereResultat | None
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def art(self) -> str:
        return "overskud" if self.resultat > 0 else "underskud" if self.resultat < 0 else "balance"

    @field_serializer("tidligere_resultat", when_used="json")
    def _tidligere(self, t: TidligereResultat | None) -> dict[str, Any] | None:
        # Every figure, also `allerede_indregnet` when it is 0 (the input model leaves it out then).
        if t is None:
            return None
        return {
            "aar": t.aar,
            "resultat": str(t.resultat),
            "grundlag": str(t.grundlag),
            "allerede_indregnet": str(t.allerede_indregnet),
        }


def aarets_resultater(grundlagene: Iterable[Resultatgrundlag]) -> list[Decimal]:
    """Each accounts' result alone — `beregn_resultat`'s step "resultat": indtægter −
    omkostninger — without the settlement, its rules or the trace: what management information
    adds up for many offers at once. The rate income is `beregn_resultat`'s own."""
    return [
        _takstindtaegter(g, Spor()) + g.tillaegsindtaegter + g.andre_indtaegter - g.omkostninger
        for g in grundlagene
    ]


def beregn_resultat(grundlag: Resultatgrundlag, bog: Regelbog) -> Resultatopgoerelse:
    """A tilbud's result for a year and its settlement under the rules in force that year."""
    g = grundlag
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    spor = Spor()
    advarsler: list[str] = []

    takstindtaegter = _takstindtaegter(g, spor)
    tillaeg = spor.tilfoej(
        "tillaegsindtaegter",
        "Tillægsindtægter (tillægsydelser og indskrivninger over 100 %)",
        "angivet",
        g.tillaegsindtaegter,
        "kr.",
    )
    andre = spor.tilfoej("andre_indtaegter", "Andre indtægter", "angivet", g.andre_indtaegter, "kr.")
    indtaegter = spor.tilfoej(
        "indtaegter",
        f"Indtægter {g.aar} i alt",
        "takstindtægter + tillægsindtægter + andre indtægter",
        takstindtaegter + tillaeg + andre,
        "kr.",
        {
            "takstindtægter": spor.fra("takstindtaegter"),
            "tillægsindtægter": spor.fra("tillaegsindtaegter"),
            "andre indtægter": spor.fra("andre_indtaegter"),
        },
    )
    omkostninger = spor.tilfoej(
        "omkostninger",
        f"Omkostninger {g.aar} (omkostningsbaseret regnskab)",
        "angivet",
        g.omkostninger,
        "kr.",
    )
    resultat = spor.tilfoej(
        "resultat",
        f"Resultat {g.aar} (positivt = overskud, negativt = underskud)",
        "indtægter − omkostninger",
        indtaegter - omkostninger,
        "kr.",
        {"indtægter": spor.fra("indtaegter"), "omkostninger": spor.fra("omkostninger")},
    )

    art, ref_art = regler.tekst("efterregulering.grundlag")
    art_tekst = GRUNDLAG_TEKST.get(art, art)
    spor.tilfoej(
        "grundlag",
        f"Grundlag for driftsherrens egen andel: {art_tekst} {g.aar}",
        "angivet",
        g.grundlag,
        "kr.",
        regler=[ref_art],
        bemaerkning=f"Regelbogen siger, at den egne andel regnes af {art_tekst}; beløbet er angivet.",
    )
    pct, _ = regler.tal("efterregulering.egen_andel_pct")
    egen = egen_andel(
        resultat,
        g.grundlag,
        g.aar,
        regler,
        spor,
        "egen_andel",
        resultat_trin="resultat",
        grundlag_trin="grundlag",
    )
    graense = spor["egen_andel.graense"].resultat
    assert isinstance(graense, Decimal)

    tilladte, ref_senest = tilladte_aar(g.aar, regler)
    aarene = tuple(tilladte)
    spor.tilfoej(
        "indregningsaar",
        f"Takstår, resten af resultatet {g.aar} kan indregnes i",
        "året efter til og med senest_aar_efter år efter",
        f"{tilladte.start}–{tilladte.stop - 1}" if len(aarene) > 1 else ", ".join(map(str, aarene)),
        "",
        {"resultatår": str(g.aar)},
        [ref_senest],
    )
    for i in g.allerede_indregnet:
        if i.aar not in tilladte:
            raise ValueError(
                f"allerede indregnet i {i.aar}: resultatet for {g.aar} kan kun indregnes i taksterne "
                f"{tilladte.start}–{tilladte.stop - 1}"
            )
    allerede = spor.tilfoej(
        "allerede_indregnet",
        "Allerede indregnet i tidligere takster (samme fortegn som resultatet)",
        "sum af tidligere delvise reguleringer" if g.allerede_indregnet else "intet indregnet endnu",
        sum((i.beloeb for i in g.allerede_indregnet), NUL),
        "kr.",
        {f"indregnet i {i.aar}": i.beloeb for i in sorted(g.allerede_indregnet, key=lambda i: i.aar)},
    )
    rest = spor.tilfoej(
        "til_regulering",
        f"Del af resultatet {g.aar}, der skal reguleres (samme fortegn som resultatet)",
        "resultat − egen andel − allerede indregnet",
        til_regulering(resultat, egen, allerede, g.aar),
        "kr.",
        {
            "resultat": spor.fra("resultat"),
            "egen andel": spor.fra("egen_andel.egen"),
            "allerede indregnet": spor.fra("allerede_indregnet"),
        },
    )
    efterregulering = spor.tilfoej(
        "efterregulering",
        "Efterregulering i en senere takst (tillæg til takstberegningsgrundlaget)",
        "−til regulering",
        NUL - rest,  # no negative zero
        "kr.",
        {"til regulering": spor.fra("til_regulering")},
        bemaerkning="et overskud sænker og et underskud hæver takstberegningsgrundlaget",
    )

    indregnes_i: int | None = None
    tidligere: TidligereResultat | None = None
    if rest == 0:
        if g.indregnes_i is not None:
            advarsler.append(f"Der er intet at indregne, så indregnes_i ({g.indregnes_i}) bruges ikke.")
        spor.tilfoej(
            "indregnes_i",
            "Takstår for efterreguleringen",
            "intet at indregne",
            "intet",
            "",
            {"til regulering": spor.fra("til_regulering")},
            bemaerkning=f"Driftsherren {'beholder' if resultat >= 0 else 'bærer'} hele resultatet selv."
            if not g.allerede_indregnet
            else "Resten er allerede indregnet i tidligere takster.",
        )
    else:
        valgt = g.indregnes_i if g.indregnes_i is not None else aarene[-1]
        if valgt not in tilladte:
            raise ValueError(
                f"resultatet for {g.aar} kan indregnes i taksterne {tilladte.start}–{tilladte.stop - 1}, "
                f"ikke i {valgt}"
            )
        if valgt in {i.aar for i in g.allerede_indregnet}:
            raise ValueError(
                f"en del af resultatet for {g.aar} er allerede indregnet i taksten {valgt}; "
                "indregn resten i et andet år eller læg det sammen med den tidligere regulering"
            )
        spor.tilfoej(
            "indregnes_i",
            f"Takstår for efterreguleringen af {'overskud' if resultat > 0 else 'underskud'} {g.aar}",
            "det valgte år" if g.indregnes_i is not None else "det seneste tilladte år",
            str(valgt),
            "",
            {"tilladte år": spor.fra("indregningsaar"), "til regulering": spor.fra("til_regulering")},
            [ref_senest],
            bemaerkning=f"{kr(abs(rest))} indregnes i taksten {valgt} som TidligereResultat(aar={g.aar}); "
            "takstberegningen for det år viser samme efterregulering.",
        )
        indregnes_i = valgt
        tidligere = TidligereResultat(
            aar=g.aar, resultat=resultat, grundlag=g.grundlag, allerede_indregnet=allerede
        )
        advarsler.extend(_tjek_regel_i_takstaaret(g, valgt, pct, bog))

    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Resultatopgoerelse(
        tilbud=g.tilbud,
        region=g.region,
        aar=g.aar,
        omkostninger=omkostninger,
        takstindtaegter=takstindtaegter,
        tillaegsindtaegter=tillaeg,
        andre_indtaegter=andre,
        indtaegter=indtaegter,
        resultat=resultat,
        grundlag=g.grundlag,
        grundlag_art=art,
        egen_andel_pct=pct,
        graense=graense,
        egen_andel=egen,
        allerede_indregnet=allerede,
        til_regulering=rest,
        efterregulering=efterregulering,
        indregningsaar=aarene,
        indregnes_i=indregnes_i,
        tidligere_resultat=tidligere,
        spor=spor,
        advarsler=tuple(advarsler),
    )


def _takstindtaegter(g: Resultatgrundlag, spor: Spor) -> Decimal:
    if g.takstindtaegter is not None:
        return spor.tilfoej("takstindtaegter", f"Takstindtægter {g.aar}", "angivet", g.takstindtaegter, "kr.")
    noegler = []
    for i, b in enumerate(g.belagte_dage, start=1):
        navn = b.navn or f"linje {i}"
        noegle = f"takstindtaegt.{slug(navn)}"
        spor.tilfoej(
            noegle,
            f"Takstindtægt {navn}",
            "belagte dage × takst, afrundet til øre",
            afrund(b.dage * b.takst, Afrunding.OERE),
            "kr.",
            {"belagte dage": b.dage, "takst": b.takst},
        )
        noegler.append(noegle)
    total = sum((spor[n].resultat for n in noegler), NUL)
    assert isinstance(total, Decimal)
    return spor.tilfoej(
        "takstindtaegter",
        f"Takstindtægter {g.aar}",
        "sum af belagte dage × takst",
        total,
        "kr.",
        {n.split(".", 1)[1]: Indgang(spor[n].resultat, n) for n in noegler},
    )


def _tjek_regel_i_takstaaret(g: Resultatgrundlag, takstaar: int, pct: Decimal, bog: Regelbog) -> list[str]:
    """The rate calculation applies the 5 % rule in force in the rate year; warn if it differs."""
    pct_takstaar, _ = Regler(bog, g.region, date(takstaar, 1, 1)).tal("efterregulering.egen_andel_pct")
    if pct_takstaar == pct:
        return []
    return [
        f"Driftsherrens egen andel er {pct} % i {g.aar}, men {pct_takstaar} % i takståret {takstaar}; "
        "takstberegningen bruger takstårets regel, så beløbet dér kan afvige fra denne opgørelse."
    ]


CASEBEREGNING = Caseberegning(
    "resultat",
    Resultatgrundlag,
    beregn_resultat,
    "Et tilbuds årsresultat (over-/underskud) og efterregulering",
)
