"""Settlement when a tilbud closes (efterregulering ved lukning af tilbud).

Syddanmark's agreement (seed 002, "Håndtering af lukning af tilbud"; rulebook `lukning.*`):
when a tilbud within a centre/management area (*center/ledelsesområde*, the level above
tilbud/enhed) closes with a surplus or deficit, the tilbud's part of it that lies beyond
`lukning.graense_pct` (5) % of the centre's total result is settled among the paying
municipalities in proportion to their used days (*anvendte belægningsdage*) in the
`lukning.historik_aar` (2) accounting years before the year in which the closure is decided.

    grænse          = graense_pct % × |centrets samlede resultat|, rounded to øre
    til regulering  = fortegn(tilbuddets resultat) × max(0, |tilbuddets resultat| − grænse)
    efterregulering = −til regulering: positive = the paying municipalities pay a deficit,
                      negative = a surplus is paid back to them
    kommunens beløb = efterregulering × kommunens dage / alle kommuners dage, rounded to
                      øre by the largest-remainder method so the amounts sum exactly to
                      the efterregulering (each is within 1 øre of its exact share)

**Reading of the 5 % limit.** The agreement's wording, "tilbuddets andel af et
over-/underskud, der ligger over 5 procent af centrets samlede over-/underskud", is
ambiguous (the rulebook's note: 5 % of a result, not of a budget; bilag 10, which
elaborates, is not in the seed). It is read literally and as a deduction, like the
general 5 % rule: the centre (operator) keeps/bears the tilbud's result up to 5 % of the
centre's total result taken without sign, and only the part beyond is settled. Not chosen:
a threshold reading (settle the whole result once it exceeds 5 %) and 5 % of the centre's
budget. When the tilbud's and the centre's results have opposite signs the limit is still
taken of the centre's result without sign, with a warning.

Conditions (seed 002): the rule is for *klyngetilbud* and *højt specialiserede tilbud med
regional betydning* only, and only for the closure of a whole tilbud/enhed; anything else
raises `LukningFejl`. The used days must be given for exactly the required years.

What the settlement includes is stated in the statement text: operating costs and sale of
depreciated inventory are included; the value of buildings, land and inventory not yet
depreciated is not; interest and depreciation are included for the months the tilbud was
in operation in its last year (`driftsmaaneder`). The operator sends a preliminary
statement (*foreløbig opgørelse*) as soon as possible after the closure and the final one
(*endelig opgørelse*) at the latest right after that year's accounts are closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field, computed_field, field_serializer, model_validator

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.model import (
    Caseberegning,
    Inddata,
    LagretResultat,
    Opgradering,
    Resultat,
    ResultatMedRegler,
    Tal,
)
from socialstyring.beregning.kerne.penge import (
    HUNDREDE,
    NUL,
    Afrunding,
    afrund,
    dansk_tal,
    kr,
    procent_af,
)
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Betalingskommune, Kategori
from socialstyring.regler import REGIONER, Regelbog

OMFATTEDE_KATEGORIER = (Kategori.KLYNGETILBUD, Kategori.HOEJT_SPECIALISERET)
"""The categories the closure rule applies to (seed 002)."""

LUKNING_PARAMETRE = ("lukning.graense_pct", "lukning.historik_aar")

INDREGNES_TEKST = (
    "I efterreguleringen indregnes driftsudgifter og salg af inventar m.v., som er afskrevet. "
    "Værdien af bygninger, grunde samt inventar, der ikke er afskrevet, indgår ikke i opgørelsen."
)


class LukningFejl(ValueError):
    """The closure rule does not apply, or its input does not fit the rule."""


class Opgoerelsesart(StrEnum):
    FORELOEBIG = "foreloebig"
    ENDELIG = "endelig"

    @property
    def overskrift(self) -> str:
        return "Foreløbig opgørelse" if self is Opgoerelsesart.FORELOEBIG else "Endelig opgørelse"


class Lukningsgrundlag(Inddata):
    """A closed tilbud's final result, its centre's total result and the paying municipalities."""

    region: str
    tilbud: str = Field(min_length=1)
    center: str = Field(min_length=1, description="center/ledelsesområde: niveauet over tilbud/enhed")
    kategori: Kategori
    samlet_lukning: bool = Field(default=True, description="hele tilbuddet/enheden lukkes")
    beslutningsdato: date = Field(description="dagen, lukningen blev besluttet")
    lukningsdato: date | None = None
    opgoerelse: Opgoerelsesart
    tilbuddets_resultat: Tal = Field(description="tilbuddets endelige over-/underskud (+ overskud), kr.")
    centrets_resultat: Tal = Field(description="centrets samlede over-/underskud (+ overskud), kr.")
    betalingskommuner: tuple[Betalingskommune, ...]
    driftsmaaneder: int | None = Field(
        default=None, ge=0, le=12, description="måneder i drift det sidste år (forrentning og afskrivning)"
    )
    noter: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _tjek(self) -> Lukningsgrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        if self.lukningsdato is not None and self.lukningsdato < self.beslutningsdato:
            raise ValueError(
                f"lukningsdatoen {self.lukningsdato} ligger før beslutningen om lukning "
                f"{self.beslutningsdato}"
            )
        koder = [k.kode for k in self.betalingskommuner]
        dobbelte = sorted({k for k in koder if koder.count(k) > 1})
        if dobbelte:
            raise ValueError(f"betalingskommuner: kommune {', '.join(dobbelte)} står mere end én gang")
        return self


class Kommuneandel(Resultat):
    """One paying municipality's share. `beloeb` has the sign of `efterregulering` (positive:
    the municipality pays; negative: it is paid back). Trace keys `kommune.<kode>.dage`,
    `.andel_pct`, `.beloeb`."""

    kode: str
    navn: str
    belaegningsdage: dict[int, Decimal]
    dage: Decimal
    andel_pct: Decimal
    praecis: Decimal  # the exact (unrounded) share, to 28 significant digits
    beloeb: Decimal
    noegle: str

    @field_serializer("belaegningsdage", when_used="json")
    def _dage_pr_aar(self, dage: dict[int, Decimal]) -> dict[str, str]:
        return {str(a): str(d) for a, d in sorted(dage.items())}


_AFLEDTE_V1 = ("kategori_tekst", "overskrift", "regler_anvendt")
"""The keys of a version 1 record that follow from its other keys."""


def _fra_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2. Version 2 added only `schema_version`; version 1's derived keys (the
    category's Danish name, the statement's heading and `regler_anvendt`) are dropped, as
    they follow from the rest."""
    return {k: v for k, v in data.items() if k not in _AFLEDTE_V1}


class Lukningsopgoerelse(ResultatMedRegler, LagretResultat):
    """The closure settlement. `til_regulering` has the tilbud's result's sign; `efterregulering`
    is − that: what the paying municipalities together pay (+) or get back (−).

    Stored for years (the statement `Lukningsopgoerelse.resultat`): `til_json()` carries
    `schema_version` and `Lukningsopgoerelse.laes(data)` reads every version (see
    `kerne.model.LagretResultat`). Version 1 is the JSON before the version number.

    Trace keys: `betingelse.kategori`, `betingelse.samlet_lukning`, `tilbuddets_resultat`,
    `centrets_resultat`, `graense`, `til_regulering`, `efterregulering`, `historik_aar`,
    `kommune.<kode>.dage`, `dage_i_alt`, `kommune.<kode>.andel_pct`, `kommune.<kode>.beloeb`, `i_alt`.
    """

    SCHEMA_VERSION: ClassVar[int] = 2
    OPGRADERINGER: ClassVar[Mapping[int, Opgradering]] = {1: _fra_version_1}

    tilbud: str
    center: str
    region: str
    kategori: Kategori
    opgoerelse: Opgoerelsesart
    beslutningsdato: date
    lukningsdato: date | None
    tilbuddets_resultat: Decimal
    centrets_resultat: Decimal
    graense_pct: Decimal
    graense: Decimal
    til_regulering: Decimal
    efterregulering: Decimal
    historik_aar: tuple[int, ...]
    dage_i_alt: Decimal
    kommuner: tuple[Kommuneandel, ...]
    opgoerelse_tekst: str
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kategori_tekst(self) -> str:
        return self.kategori.label

    @computed_field  # type: ignore[prop-decorator]
    @property
    def overskrift(self) -> str:
        return self.opgoerelse.overskrift


def beregn_lukning(grundlag: Lukningsgrundlag, bog: Regelbog) -> Lukningsopgoerelse:
    """Settle a closed tilbud's result among its paying municipalities, under the rules in
    force in its region on the day the closure was decided."""
    g = grundlag
    regler = Regler(bog, g.region, g.beslutningsdato)
    spor = Spor()
    advarsler: list[str] = []
    graense_pct, ref_graense, historik, ref_historik = _regel(regler)
    kilde = "Styringsaftalen for Syddanmark 2016, Håndtering af lukning af tilbud"

    if g.kategori not in OMFATTEDE_KATEGORIER:
        raise LukningFejl(
            f"{g.tilbud} er {g.kategori.label.lower()}: reglen om efterregulering ved lukning gælder kun "
            f"klyngetilbud og højt specialiserede tilbud med regional betydning ({kilde})"
        )
    spor.tilfoej(
        "betingelse.kategori",
        "Tilbuddet er omfattet af reglen om lukning (klyngetilbud eller højt specialiseret tilbud)",
        "kategori ∈ {klyngetilbud, højt specialiseret tilbud med regional betydning}",
        "ja",
        "",
        {"kategori": str(g.kategori)},
        bemaerkning=f"{g.kategori.label}; {kilde}.",
    )
    if not g.samlet_lukning:
        raise LukningFejl(
            f"{g.tilbud}: reglen om efterregulering ved lukning kan kun anvendes ved lukning af et samlet "
            f"tilbud/enhed, ikke ved lukning af en del af et tilbud ({kilde})"
        )
    spor.tilfoej(
        "betingelse.samlet_lukning",
        "Hele tilbuddet/enheden lukkes",
        "reglen kan kun anvendes ved lukning af et samlet tilbud/enhed",
        "ja",
        "",
        bemaerkning=f"Center/ledelsesområde ({g.center}) er niveauet over tilbud/enhed; {kilde}.",
    )

    t = spor.tilfoej(
        "tilbuddets_resultat",
        f"Tilbuddets endelige over-/underskud: {g.tilbud} (positivt = overskud)",
        "angivet",
        g.tilbuddets_resultat,
        "kr.",
        bemaerkning=INDREGNES_TEKST,
    )
    c = spor.tilfoej(
        "centrets_resultat",
        f"Centrets samlede over-/underskud: {g.center} (positivt = overskud)",
        "angivet",
        g.centrets_resultat,
        "kr.",
    )
    if t and c and (t > 0) != (c > 0):
        advarsler.append(
            f"Tilbuddets resultat ({kr(t)}) og centrets samlede resultat ({kr(c)}) har modsat fortegn; "
            "grænsen er beregnet af centrets resultat uden fortegn."
        )
    graense = spor.tilfoej(
        "graense",
        f"Grænse: {dansk_tal(graense_pct)} % af centrets samlede over-/underskud",
        "grænse % × |centrets resultat|, afrundet til øre",
        afrund(procent_af(abs(c), graense_pct), Afrunding.OERE),
        "kr.",
        {"centrets resultat": spor.fra("centrets_resultat"), "grænse %": graense_pct},
        [ref_graense],
        bemaerkning=(
            "Fortolkning: aftalens ordlyd ('over 5 procent af centrets samlede over-/underskud') er uklar, "
            "og bilag 10 foreligger ikke. Den læses bogstaveligt og som et fradrag som den almindelige "
            "5 %-regel: centret beholder/bærer tilbuddets resultat op til 5 % af centrets samlede resultat "
            "(uden fortegn); kun resten efterreguleres. Ikke valgt: at hele resultatet efterreguleres, når "
            "grænsen overskrides, eller 5 % af centrets budget."
        ),
    )
    over = max(NUL, abs(t) - graense)
    rest = NUL - over if t < 0 else over  # no negative zero
    til_regulering = spor.tilfoej(
        "til_regulering",
        "Tilbuddets over-/underskud ud over grænsen (samme fortegn som resultatet)",
        "fortegn(tilbuddets resultat) × max(0, |tilbuddets resultat| − grænse), afrundet til øre",
        afrund(rest, Afrunding.OERE),
        "kr.",
        {"tilbuddets resultat": spor.fra("tilbuddets_resultat"), "grænse": spor.fra("graense")},
    )
    efterregulering = spor.tilfoej(
        "efterregulering",
        "Efterregulering til betalingskommunerne (positivt = kommunerne betaler et underskud, "
        "negativt = et overskud betales tilbage)",
        "−til regulering",
        NUL - til_regulering,
        "kr.",
        {"til regulering": spor.fra("til_regulering")},
    )

    beslutningsaar = g.beslutningsdato.year
    aarene = tuple(range(beslutningsaar - historik, beslutningsaar))
    spor.tilfoej(
        "historik_aar",
        "Regnskabsår, hvis anvendte belægningsdage fordeler efterreguleringen "
        f"({historik} år før {beslutningsaar})",
        f"de {historik} regnskabsår forud for det år, hvori lukningen besluttes",
        ", ".join(map(str, aarene)),
        "",
        {"beslutningsdato": g.beslutningsdato.isoformat()},
        [ref_historik],
    )
    _tjek_aar(g, aarene, beslutningsaar)
    if not g.betalingskommuner and efterregulering:
        raise LukningFejl(f"der er ingen betalingskommuner at fordele {kr(efterregulering)} mellem")

    for k in g.betalingskommuner:
        spor.tilfoej(
            f"kommune.{k.kode}.dage",
            f"Anvendte belægningsdage {aarene[0]}–{aarene[-1]}: {k.navn} ({k.kode})",
            "sum af årenes belægningsdage",
            sum((k.belaegningsdage[a] for a in aarene), NUL),
            "dage",
            {str(a): k.belaegningsdage[a] for a in aarene},
        )
    dage_i_alt = spor.tilfoej(
        "dage_i_alt",
        "Alle betalingskommuners anvendte belægningsdage",
        "sum af kommunernes dage",
        sum((_dec(spor, f"kommune.{k.kode}.dage") for k in g.betalingskommuner), NUL),
        "dage",
        {f"{k.navn} ({k.kode})": spor.fra(f"kommune.{k.kode}.dage") for k in g.betalingskommuner},
    )
    if dage_i_alt == 0 and efterregulering:
        raise LukningFejl(
            f"betalingskommunerne har ingen anvendte belægningsdage i {aarene[0]}–{aarene[-1]}, "
            f"så {kr(efterregulering)} kan ikke fordeles"
        )
    andele = fordel_efter_stoerste_rest(
        efterregulering, [_dec(spor, f"kommune.{k.kode}.dage") for k in g.betalingskommuner]
    )
    kommuner = []
    for k, a in zip(g.betalingskommuner, andele, strict=True):
        p = f"kommune.{k.kode}"
        dage = _dec(spor, f"{p}.dage")
        andel_pct = spor.tilfoej(
            f"{p}.andel_pct",
            f"Andel af dagene: {k.navn} ({k.kode})",
            "kommunens dage / alle dage × 100",
            dage * HUNDREDE / dage_i_alt if dage_i_alt else NUL,
            "%",
            {"kommunens dage": spor.fra(f"{p}.dage"), "alle dage": spor.fra("dage_i_alt")},
        )
        praecis = Decimal(a.praecis.numerator) / Decimal(a.praecis.denominator)
        beloeb = spor.tilfoej(
            f"{p}.beloeb",
            f"Andel af efterreguleringen: {k.navn} ({k.kode})",
            "efterregulering × kommunens dage / alle dage, afrundet til øre efter største rest",
            a.beloeb,
            "kr.",
            {
                "efterregulering": spor.fra("efterregulering"),
                "kommunens dage": spor.fra(f"{p}.dage"),
                "alle dage": spor.fra("dage_i_alt"),
                "præcis andel": praecis,
            },
            bemaerkning="Fik 1 øre ekstra for en af de største rester, så beløbene summer præcist."
            if a.ekstra
            else None,
        )
        kommuner.append(
            Kommuneandel(
                kode=k.kode,
                navn=k.navn,
                belaegningsdage={a_: k.belaegningsdage[a_] for a_ in aarene},
                dage=dage,
                andel_pct=andel_pct,
                praecis=praecis,
                beloeb=beloeb,
                noegle=p,
            )
        )
    i_alt = spor.tilfoej(
        "i_alt",
        "Fordelt i alt (= efterreguleringen)",
        "sum af kommunernes beløb",
        sum((k.beloeb for k in kommuner), NUL),
        "kr.",
        {f"{k.navn} ({k.kode})": spor.fra(f"{k.noegle}.beloeb") for k in kommuner},
    )
    assert i_alt == efterregulering, "største rest skal fordele præcis efterreguleringen"
    if efterregulering == 0:
        advarsler.append(
            "Tilbuddets resultat ligger inden for grænsen; der er intet at efterregulere med kommunerne."
        )

    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    resultat = Lukningsopgoerelse(
        tilbud=g.tilbud,
        center=g.center,
        region=g.region,
        kategori=g.kategori,
        opgoerelse=g.opgoerelse,
        beslutningsdato=g.beslutningsdato,
        lukningsdato=g.lukningsdato,
        tilbuddets_resultat=t,
        centrets_resultat=c,
        graense_pct=graense_pct,
        graense=graense,
        til_regulering=til_regulering,
        efterregulering=efterregulering,
        historik_aar=aarene,
        dage_i_alt=dage_i_alt,
        kommuner=tuple(kommuner),
        opgoerelse_tekst="",
        spor=spor,
        advarsler=tuple(advarsler),
    )
    return _med_tekst(resultat, g)


def _dec(spor: Spor, noegle: str) -> Decimal:
    v = spor[noegle].resultat
    assert isinstance(v, Decimal)
    return v


def _regel(regler: Regler) -> tuple[Decimal, Regelreference, int, Regelreference]:
    fundne = {n: regler.tal_hvis_fastsat(n) for n in LUKNING_PARAMETRE}
    mangler = [n for n, v in fundne.items() if v is None]
    if mangler:
        raise LukningFejl(
            f"regelbogen for {regler.region} (i kraft {regler.dato.isoformat()}) har ingen regel for "
            f"efterregulering ved lukning af tilbud; mangler: {', '.join(mangler)}"
        )
    (pct, ref_pct), (historik, ref_historik) = (v for v in fundne.values() if v is not None)
    return pct, ref_pct, int(historik), ref_historik


def _tjek_aar(g: Lukningsgrundlag, aarene: tuple[int, ...], beslutningsaar: int) -> None:
    """Every municipality gives used days for exactly the required years."""
    fejl = []
    for k in g.betalingskommuner:
        mangler = [a for a in aarene if a not in k.belaegningsdage]
        ekstra = sorted(a for a in k.belaegningsdage if a not in aarene)
        dele = []
        if mangler:
            dele.append(f"mangler belægningsdage for {', '.join(map(str, mangler))}")
        if ekstra:
            dele.append(f"{', '.join(map(str, ekstra))} hører ikke med")
        if dele:
            fejl.append(f"{k.navn} ({k.kode}): {'; '.join(dele)}")
    if fejl:
        raise LukningFejl(
            "; ".join(fejl)
            + f" (fordelingen bruger de anvendte belægningsdage i {' og '.join(map(str, aarene))}, "
            f"regnskabsårene før beslutningsåret {beslutningsaar})"
        )


def _med_tekst(r: Lukningsopgoerelse, g: Lukningsgrundlag) -> Lukningsopgoerelse:
    return r.model_copy(update={"opgoerelse_tekst": _opgoerelse_tekst(r, g)})


def _art(beloeb: Decimal) -> str:
    return "overskud" if beloeb > 0 else "underskud" if beloeb < 0 else "resultat"


def _opgoerelse_tekst(r: Lukningsopgoerelse, g: Lukningsgrundlag) -> str:
    """The statement the operator sends to the paying municipalities (Danish)."""
    regnskabsaar = (r.lukningsdato or r.beslutningsdato).year
    linjer = [
        r.opgoerelse.overskrift,
        f"Efterregulering ved lukning af {r.tilbud} ({r.kategori.label.lower()})",
        "",
        f"Center/ledelsesområde: {r.center}",
        f"Beslutning om lukning: {dansk_dato(r.beslutningsdato)}",
    ]
    if r.lukningsdato:
        linjer.append(f"Lukket: {dansk_dato(r.lukningsdato)}")
    t, c = r.tilbuddets_resultat, r.centrets_resultat
    linjer += [
        "",
        f"Tilbuddets {_art(t)}: {kr(abs(t))}",
        f"Centrets samlede {_art(c)}: {kr(abs(c))}",
        f"Grænse ({dansk_tal(r.graense_pct)} % af centrets samlede {_art(c)}), som driftsherren "
        f"{'beholder' if t > 0 else 'bærer'}: {kr(r.graense)}",
    ]
    e = r.efterregulering
    if e > 0:
        linjer.append(f"Efterreguleres (underskud, som betalingskommunerne betaler): {kr(e)}")
    elif e < 0:
        linjer.append(f"Efterreguleres (overskud, som betales tilbage til betalingskommunerne): {kr(-e)}")
    else:
        linjer.append("Efterreguleres: 0,00 kr. (resultatet ligger inden for grænsen)")
    linjer += ["", f"Fordeling efter anvendte belægningsdage i {' og '.join(map(str, r.historik_aar))}:"]
    hoved = ["Kommune", *map(str, r.historik_aar), "I alt", "Andel", "Beløb"]
    raekker = [
        [
            f"{k.navn} ({k.kode})",
            *(dansk_tal(k.belaegningsdage[a]) for a in r.historik_aar),
            dansk_tal(k.dage),
            f"{dansk_tal(k.andel_pct, 2)} %",
            kr(k.beloeb),
        ]
        for k in r.kommuner
    ]
    raekker.append(
        [
            "I alt",
            *(dansk_tal(sum((k.belaegningsdage[a] for k in r.kommuner), NUL)) for a in r.historik_aar),
            dansk_tal(r.dage_i_alt),
            f"{dansk_tal(HUNDREDE if r.kommuner else NUL, 2)} %",
            kr(sum((k.beloeb for k in r.kommuner), NUL)),
        ]
    )
    bredder = [max(len(x[i]) for x in [hoved, *raekker]) for i in range(len(hoved))]
    for raekke in [hoved, *raekker]:
        celler = [
            raekke[0].ljust(bredder[0]),
            *(x.rjust(b) for x, b in zip(raekke[1:], bredder[1:], strict=True)),
        ]
        linjer.append("  ".join(celler).rstrip())
    linjer += [
        "Positive beløb betaler kommunen; negative beløb får kommunen tilbage."
        if e
        else "Der er intet at betale eller tilbagebetale.",
        "",
        INDREGNES_TEKST,
    ]
    if g.driftsmaaneder is not None:
        linjer.append(
            f"Forrentning og afskrivning er indregnet for de {g.driftsmaaneder} måneder, "
            f"tilbuddet var i drift i {regnskabsaar}."
        )
    else:
        linjer.append(
            "Forrentning og afskrivning kan indregnes for det antal måneder, tilbuddet har været i drift i "
            "det sidste år."
        )
    if g.noter:
        linjer += ["", "Noter:", *(f"- {n}" for n in g.noter)]
    linjer.append("")
    if r.opgoerelse is Opgoerelsesart.FORELOEBIG:
        linjer.append(
            "Opgørelsen er foreløbig. Den endelige opgørelse og fordeling foreligger senest umiddelbart "
            f"efter regnskabsafslutningen for {regnskabsaar}."
        )
    else:
        linjer.append(f"Opgørelsen er endelig og bygger på regnskabet for {regnskabsaar}.")
    return "\n".join(linjer) + "\n"


CASEBEREGNING = Caseberegning(
    "lukning",
    Lukningsgrundlag,
    beregn_lukning,
    "Efterregulering ved lukning af et tilbud fordelt på betalingskommunerne",
)
