"""A tilbud's category (kategori) in its framework agreement for a year.

Two rules exist in the rulebook, and a region uses the one its agreement defines:

- **Three categories** (Syddanmark from 2016, rulebook `kategori.*`; seed 002, footnotes 1
  and 2): *højt specialiseret tilbud med regional betydning* when the rate is at least
  `kategori.hoejt_specialiseret_min_takst_kr` AND the offer sells places to at least
  `kategori.min_koeberkommuner_antal` other municipalities OR at least
  `kategori.min_andel_solgt_pct` % of its places to other municipalities; *klyngetilbud*
  when it sells places to other municipalities and is not highly specialised; otherwise
  *lokalt tilbud*. The municipalities also weigh expertise, need, specialisation and
  complexity, so the computed category is the rule's proposal and may be set aside by a
  manual decision with a reason (`Tilsidesaettelse`).
- **Inclusion** (Midtjylland from 2017, rulebook `rammeaftale.min_andel_andre_kommuner_pct`;
  seed 004): the offer is *omfattet af rammeaftalen* when MORE than that share of its
  places is used by other municipalities than the operator, otherwise it is a local offer
  outside the agreement.

    andel solgt % = årspladser brugt af andre kommuner / årspladser brugt i alt × 100

The denominator is the places actually used (all buying municipalities, the operator's
own included), not the offer's normed places; with no use at all the share is 0. A
regional operator has no citizens of its own: every place is sold to others (share 100 %).

Lands- og landsdelsdækkende tilbud and sikrede afdelinger are never computed; they can
only be set by a manual decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, computed_field, model_validator

from socialstyring.beregning.kerne.model import (
    Caseberegning,
    Inddata,
    LagretResultat,
    Opgradering,
    ResultatMedRegler,
    Tal,
)
from socialstyring.beregning.kerne.penge import HUNDREDE, NUL, dansk_tal, kr
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Kategori, Kommunekode, kommunekode
from socialstyring.regler import REGIONER, Regelbog

REGION = "region"
"""The operator code of a regional offer (the region is operator only, never a buyer)."""

MIN_BEGRUNDELSE_TEGN = 10
"""A manual category needs a reason of at least this many characters (input validation)."""

TRE_KATEGORIER_PARAMETRE = (
    "kategori.hoejt_specialiseret_min_takst_kr",
    "kategori.min_koeberkommuner_antal",
    "kategori.min_andel_solgt_pct",
)
OMFATTET_PARAMETRE = ("rammeaftale.min_andel_andre_kommuner_pct",)


class KategoriFejl(ValueError):
    """The category cannot be computed: the region's rulebook lacks the rule, or a manual
    category does not belong to the region's rule."""


class Kategoriregel(StrEnum):
    """Which rule of the rulebook the category was computed by."""

    TRE_KATEGORIER = "tre_kategorier"  # højt specialiseret / klyngetilbud / lokalt (Syddanmark)
    OMFATTET = "omfattet"  # omfattet af rammeaftalen or not (Midtjylland)

    @property
    def label(self) -> str:
        if self is Kategoriregel.TRE_KATEGORIER:
            return "højt specialiseret, klyngetilbud eller lokalt tilbud"
        return "omfattet af rammeaftalen eller ej"

    @property
    def kategorier(self) -> tuple[Kategori, ...]:
        """The categories a tilbud can have under this rule (computed or set manually)."""
        egne = (
            (Kategori.HOEJT_SPECIALISERET, Kategori.KLYNGETILBUD, Kategori.LOKALT)
            if self is Kategoriregel.TRE_KATEGORIER
            else (Kategori.OMFATTET, Kategori.LOKALT)
        )
        return (*egne, Kategori.LANDSDAEKKENDE, Kategori.SIKRET)


def _driftsherre(v: Any) -> str:
    if isinstance(v, str) and v.strip().lower() == REGION:
        return REGION
    return kommunekode(v)


Driftsherre = Annotated[str, BeforeValidator(_driftsherre)]


class Forbrug(Inddata):
    """One buying municipality's use of the tilbud in årspladser (the operator's own too).

    Also accepted as a pair: `["751", 3.5]`-style `(kommune, aarspladser)`.
    """

    kommune: Kommunekode
    aarspladser: Tal = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _par(cls, data: Any) -> Any:
        if isinstance(data, (list, tuple)):
            if len(data) != 2:
                raise ValueError("forbrug angives som (kommune, årspladser)")
            return {"kommune": data[0], "aarspladser": data[1]}
        return data


class Tilsidesaettelse(Inddata):
    """A manual category that sets aside the computed one, with its reason."""

    kategori: Kategori
    begrundelse: str = ""

    @model_validator(mode="after")
    def _begrundet(self) -> Tilsidesaettelse:
        if len(self.begrundelse.strip()) < MIN_BEGRUNDELSE_TEGN:
            raise ValueError(
                "en tilsidesættelse af kategorien kræver en begrundelse "
                f"på mindst {MIN_BEGRUNDELSE_TEGN} tegn"
            )
        return self


class Kategorigrundlag(Inddata):
    """The figures a tilbud's category is computed from, for one agreement and year."""

    region: str
    aar: int = Field(ge=2007, le=2100)
    tilbud: str
    driftsherre: Driftsherre  # the operator's municipality code, or "region"
    takst: Tal = Field(ge=0, description="tilbuddets højeste (eller repræsentative) takst pr. dag, kr.")
    pladser: Tal = Field(gt=0, description="tilbuddets pladser i alt")
    forbrug: tuple[Forbrug, ...] = Field(
        default=(), description="årspladser brugt pr. købekommune, driftsherrens egen medregnet"
    )
    tilsidesaettelse: Tilsidesaettelse | None = None

    @model_validator(mode="after")
    def _tjek(self) -> Kategorigrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        koder = [f.kommune for f in self.forbrug]
        dobbelte = sorted({k for k in koder if koder.count(k) > 1})
        if dobbelte:
            raise ValueError(f"forbrug: kommune {', '.join(dobbelte)} står mere end én gang")
        return self


_AFLEDTE_V1 = ("kategori_tekst", "beregnet_kategori_tekst", "regler_anvendt")
"""The keys of a version 1 record that follow from its other keys."""


def _fra_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2. Version 2 added only `schema_version`; version 1's derived keys
    (the Danish category names and `regler_anvendt`) are dropped, as they follow from the rest."""
    return {k: v for k, v in data.items() if k not in _AFLEDTE_V1}


class Kategoriresultat(ResultatMedRegler, LagretResultat):
    """The category and the figures behind it. `kategori` is the one in force (the manual
    one if set); `beregnet_kategori` is the rule's proposal. `tilsidesat` is true when a
    manual decision gives another category than the computed one; `begrundelse` is the
    manual decision's reason (also when it confirms the computed category).

    Stored for years (the register's `Kategorisering.spor`): `til_json()` carries
    `schema_version` and `Kategoriresultat.laes(data)` reads every version (see
    `kerne.model.LagretResultat`). Version 1 is the JSON before the version number.

    Trace keys: `forbrug_i_alt`, `forbrug_driftsherre`, `forbrug_andre`,
    `antal_andre_koeberkommuner`, `andel_solgt_pct`, `takst`; under three categories
    `krav_takst`, `krav_koeberkommuner`, `krav_andel`, `hoejt_specialiseret`,
    `saelger_til_andre`; under inclusion `krav_andel_omfattet`; then `beregnet_kategori`,
    `tilsidesaettelse` (only with a manual category) and `kategori`.
    """

    SCHEMA_VERSION: ClassVar[int] = 2
    OPGRADERINGER: ClassVar[Mapping[int, Opgradering]] = {1: _fra_version_1}

    tilbud: str
    region: str
    aar: int
    driftsherre: str
    regel: Kategoriregel
    kategori: Kategori
    beregnet_kategori: Kategori
    tilsidesat: bool
    begrundelse: str | None
    antal_andre_koeberkommuner: int
    andel_solgt_pct: Decimal
    takst: Decimal
    pladser: Decimal
    forbrug_i_alt: Decimal
    forbrug_andre: Decimal
    forbehold: str
    advarsler: tuple[str, ...] = ()
    spor: Spor

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kategori_tekst(self) -> str:
        return _tekst(self.kategori, self.regel)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def beregnet_kategori_tekst(self) -> str:
        return _tekst(self.beregnet_kategori, self.regel)


def _tekst(k: Kategori, regel: Kategoriregel) -> str:
    if regel is Kategoriregel.OMFATTET and k is Kategori.LOKALT:
        return f"{k.label} (ikke omfattet af rammeaftalen)"
    return k.label


def _ja(b: bool) -> str:
    return "ja" if b else "nej"


def beregn_kategori(grundlag: Kategorigrundlag, bog: Regelbog) -> Kategoriresultat:
    """Compute a tilbud's category for its agreement and year under the region's rule."""
    g = grundlag
    regler = Regler(bog, g.region, date(g.aar, 1, 1))
    regel, vaerdier = _regel(regler)
    spor = Spor()
    advarsler: list[str] = []
    er_region = g.driftsherre == REGION

    i_alt = spor.tilfoej(
        "forbrug_i_alt",
        "Årspladser brugt i alt (alle købekommuner, driftsherren medregnet)",
        "sum af årspladser pr. kommune" if g.forbrug else "intet forbrug angivet",
        sum((f.aarspladser for f in g.forbrug), NUL),
        "årspladser",
        {f"kommune {f.kommune}": f.aarspladser for f in g.forbrug},
    )
    egen_forbrug = next((f.aarspladser for f in g.forbrug if f.kommune == g.driftsherre), NUL)
    spor.tilfoej(
        "forbrug_driftsherre",
        "Årspladser brugt af driftsherren selv",
        "driftsherren er en region og har ingen egne borgere"
        if er_region
        else f"årspladser for driftsherrens kommune {g.driftsherre}",
        egen_forbrug,
        "årspladser",
    )
    andre = spor.tilfoej(
        "forbrug_andre",
        "Årspladser brugt af andre kommuner end driftsherren",
        "årspladser i alt − driftsherrens egne",
        i_alt - egen_forbrug,
        "årspladser",
        {"i alt": spor.fra("forbrug_i_alt"), "driftsherren": spor.fra("forbrug_driftsherre")},
    )
    koebere = [f for f in g.forbrug if f.kommune != g.driftsherre and f.aarspladser > 0]
    antal = spor.tilfoej(
        "antal_andre_koeberkommuner",
        "Antal andre købekommuner (ud over driftsherren)",
        "antal andre kommuner med forbrug over 0 årspladser",
        len(koebere),
        "kommuner",
        {f"kommune {f.kommune}": f.aarspladser for f in koebere},
    )
    andel = _andel(i_alt, andre, er_region, g.pladser, spor)
    takst = spor.tilfoej(
        "takst",
        "Tilbuddets takst (højeste eller repræsentative takst pr. dag)",
        "angivet",
        g.takst,
        "kr./dag",
    )
    if i_alt > g.pladser:
        advarsler.append(
            f"Forbruget ({dansk_tal(i_alt)} årspladser) er større end tilbuddets "
            f"{dansk_tal(g.pladser)} pladser."
        )

    if regel is Kategoriregel.TRE_KATEGORIER:
        beregnet, forbehold = _tre_kategorier(takst, antal, andel, er_region, vaerdier, spor, advarsler)
    else:
        beregnet, forbehold = _omfattet(andel, vaerdier, spor)

    kategori, tilsidesat, begrundelse = beregnet, False, None
    t = g.tilsidesaettelse
    if t is not None:
        if t.kategori not in regel.kategorier:
            raise KategoriFejl(
                f"{g.region} {g.aar}: kategorien '{t.kategori}' ({t.kategori.label}) findes ikke under "
                f"reglen '{regel.label}'; mulige: {', '.join(str(k) for k in regel.kategorier)}"
            )
        kategori, begrundelse = t.kategori, t.begrundelse.strip()
        tilsidesat = kategori != beregnet
        spor.tilfoej(
            "tilsidesaettelse",
            "Manuelt fastsat kategori",
            "kategori fastsat manuelt med begrundelse",
            str(kategori),
            "",
            {"beregnet kategori": spor.fra("beregnet_kategori"), "manuel kategori": str(kategori)},
            bemaerkning=f"{_tekst(kategori, regel)}. Begrundelse: {begrundelse}"
            + ("" if tilsidesat else " (svarer til regelens forslag)"),
        )
    spor.tilfoej(
        "kategori",
        "Kategori",
        "den manuelt fastsatte kategori" if t is not None else "den beregnede kategori",
        str(kategori),
        "",
        {"manuel kategori": spor.fra("tilsidesaettelse")}
        if t is not None
        else {"beregnet kategori": spor.fra("beregnet_kategori")},
        bemaerkning=_tekst(kategori, regel)
        + (f" — tilsidesætter regelens forslag ({_tekst(beregnet, regel)})" if tilsidesat else ""),
    )
    advarsler.extend(r.advarsel for r in spor.regler() if r.advarsel)
    return Kategoriresultat(
        tilbud=g.tilbud,
        region=g.region,
        aar=g.aar,
        driftsherre=g.driftsherre,
        regel=regel,
        kategori=kategori,
        beregnet_kategori=beregnet,
        tilsidesat=tilsidesat,
        begrundelse=begrundelse,
        antal_andre_koeberkommuner=antal,
        andel_solgt_pct=andel,
        takst=takst,
        pladser=g.pladser,
        forbrug_i_alt=i_alt,
        forbrug_andre=andre,
        forbehold=forbehold,
        spor=spor,
        advarsler=tuple(advarsler),
    )


Regelvaerdier = dict[str, tuple[Decimal, Regelreference]]


def _regel(regler: Regler) -> tuple[Kategoriregel, Regelvaerdier]:
    """The rule the region's rulebook defines at the date, with its values."""
    tre = {n: regler.tal_hvis_fastsat(n) for n in TRE_KATEGORIER_PARAMETRE}
    fundne = {n: v for n, v in tre.items() if v is not None}
    if len(fundne) == len(TRE_KATEGORIER_PARAMETRE):
        return Kategoriregel.TRE_KATEGORIER, fundne
    hvor = f"regelbogen for {regler.region} (i kraft {regler.dato.isoformat()})"
    if fundne:
        mangler = [n for n in TRE_KATEGORIER_PARAMETRE if n not in fundne]
        raise KategoriFejl(f"{hvor} har kun en del af kategorireglen; mangler: {', '.join(mangler)}")
    omfattet = {n: regler.tal_hvis_fastsat(n) for n in OMFATTET_PARAMETRE}
    fundne = {n: v for n, v in omfattet.items() if v is not None}
    if len(fundne) == len(OMFATTET_PARAMETRE):
        return Kategoriregel.OMFATTET, fundne
    raise KategoriFejl(
        f"{hvor} har ingen kategoriregel: mangler enten {', '.join(TRE_KATEGORIER_PARAMETRE)} "
        f"(tre kategorier) eller {', '.join(OMFATTET_PARAMETRE)} (omfattet af rammeaftalen)"
    )


def _andel(i_alt: Decimal, andre: Decimal, er_region: bool, pladser: Decimal, spor: Spor) -> Decimal:
    naevner = (
        f"Nævneren er de brugte årspladser i alt ({dansk_tal(i_alt)}), driftsherrens egne medregnet, "
        f"ikke tilbuddets {dansk_tal(pladser)} pladser."
    )
    if er_region:
        andel, formel = HUNDREDE, "100 (driftsherren er en region: alle pladser sælges til andre)"
        note = "Regionale tilbud sælger altid pladserne til andre (kommunerne)."
    elif i_alt == 0:
        andel, formel = NUL, "0 (ingen brugte årspladser)"
        note = "Der er ingen brugte årspladser, så andelen sættes til 0."
    else:
        andel, formel = andre * HUNDREDE / i_alt, "årspladser brugt af andre / årspladser brugt i alt × 100"
        note = naevner
    return spor.tilfoej(
        "andel_solgt_pct",
        "Andel af pladserne brugt af andre kommuner end driftsherren",
        formel,
        andel,
        "%",
        {"brugt af andre": spor.fra("forbrug_andre"), "brugt i alt": spor.fra("forbrug_i_alt")},
        bemaerkning=note,
    )


def _tre_kategorier(
    takst: Decimal,
    antal: int,
    andel: Decimal,
    er_region: bool,
    vaerdier: Regelvaerdier,
    spor: Spor,
    advarsler: list[str],
) -> tuple[Kategori, str]:
    min_takst, ref_takst = vaerdier["kategori.hoejt_specialiseret_min_takst_kr"]
    min_antal, ref_antal = vaerdier["kategori.min_koeberkommuner_antal"]
    min_andel, ref_andel = vaerdier["kategori.min_andel_solgt_pct"]
    krav_takst = takst >= min_takst
    spor.tilfoej(
        "krav_takst",
        "Taksten er mindst grænsen for højt specialiserede tilbud",
        "takst ≥ mindste takst",
        _ja(krav_takst),
        "",
        {"takst": spor.fra("takst"), "mindste takst": min_takst},
        [ref_takst],
    )
    krav_antal = antal >= min_antal
    spor.tilfoej(
        "krav_koeberkommuner",
        "Sælger til mindst det krævede antal andre kommuner",
        "antal andre købekommuner ≥ mindste antal",
        _ja(krav_antal),
        "",
        {"antal andre købekommuner": spor.fra("antal_andre_koeberkommuner"), "mindste antal": min_antal},
        [ref_antal],
    )
    krav_andel = andel >= min_andel
    spor.tilfoej(
        "krav_andel",
        "Sælger mindst den krævede andel af pladserne til andre kommuner",
        "andel solgt % ≥ mindste andel %",
        _ja(krav_andel),
        "",
        {"andel solgt %": spor.fra("andel_solgt_pct"), "mindste andel %": min_andel},
        [ref_andel],
    )
    hoejt = krav_takst and (krav_antal or krav_andel)
    spor.tilfoej(
        "hoejt_specialiseret",
        "Opfylder kravene til et højt specialiseret tilbud med regional betydning",
        "krav_takst og (krav_koeberkommuner eller krav_andel)",
        _ja(hoejt),
        "",
        {
            "krav_takst": spor.fra("krav_takst"),
            "krav_koeberkommuner": spor.fra("krav_koeberkommuner"),
            "krav_andel": spor.fra("krav_andel"),
        },
    )
    saelger = er_region or antal > 0
    spor.tilfoej(
        "saelger_til_andre",
        "Sælger pladser til andre kommuner",
        "driftsherren er en region (sælger altid til andre)" if er_region else "antal andre købekommuner > 0",
        _ja(saelger),
        "",
        {"antal andre købekommuner": spor.fra("antal_andre_koeberkommuner")},
    )
    if hoejt:
        kategori = Kategori.HOEJT_SPECIALISERET
    elif saelger:
        kategori = Kategori.KLYNGETILBUD
        if krav_takst:
            advarsler.append(
                f"Taksten er mindst {kr(min_takst, 0)}, men salget opfylder ikke kravene til et højt "
                f"specialiseret tilbud, og klyngetilbud har efter aftalen en takst under {kr(min_takst, 0)}; "
                "vurdér kategorien."
            )
    else:
        kategori = Kategori.LOKALT
    forbehold = (
        "Kategorien er regelens forslag ud fra takst og salg. Kommunerne og regionen vurderer "
        "desuden faglighed, behov, specialisering og kompleksitet, og lokale tilbud kan sælge "
        "enkelte pladser; kategorien kan derfor tilsidesættes manuelt med en begrundelse."
    )
    spor.tilfoej(
        "beregnet_kategori",
        "Beregnet kategori (regelens forslag)",
        "højt specialiseret hvis hoejt_specialiseret; ellers klyngetilbud hvis saelger_til_andre; "
        "ellers lokalt tilbud",
        str(kategori),
        "",
        {
            "hoejt_specialiseret": spor.fra("hoejt_specialiseret"),
            "saelger_til_andre": spor.fra("saelger_til_andre"),
        },
        bemaerkning=f"{kategori.label}. {forbehold}",
    )
    return kategori, forbehold


def _omfattet(andel: Decimal, vaerdier: Regelvaerdier, spor: Spor) -> tuple[Kategori, str]:
    min_andel, ref_andel = vaerdier["rammeaftale.min_andel_andre_kommuner_pct"]
    omfattet = andel > min_andel
    spor.tilfoej(
        "krav_andel_omfattet",
        "Mere end grænsen af pladserne bruges af andre kommuner end driftsherren",
        "andel solgt % > grænse %",
        _ja(omfattet),
        "",
        {"andel solgt %": spor.fra("andel_solgt_pct"), "grænse %": min_andel},
        [ref_andel],
        bemaerkning="streng ulighed: præcis grænsen er ikke nok",
    )
    kategori = Kategori.OMFATTET if omfattet else Kategori.LOKALT
    forbehold = (
        "Kategorien er regelens forslag ud fra andelen af pladser brugt af andre kommuner; den kan "
        "tilsidesættes manuelt med en begrundelse (fx lands- og landsdelsdækkende tilbud eller sikrede "
        "afdelinger)."
    )
    spor.tilfoej(
        "beregnet_kategori",
        "Beregnet kategori (regelens forslag)",
        "omfattet af rammeaftalen hvis krav_andel_omfattet; ellers lokalt tilbud (ikke omfattet)",
        str(kategori),
        "",
        {"krav_andel_omfattet": spor.fra("krav_andel_omfattet")},
        bemaerkning=f"{_tekst(kategori, Kategoriregel.OMFATTET)}. {forbehold}",
    )
    return kategori, forbehold


CASEBEREGNING = Caseberegning(
    "kategori", Kategorigrundlag, beregn_kategori, "Et tilbuds kategori efter rammeaftalens regler"
)
