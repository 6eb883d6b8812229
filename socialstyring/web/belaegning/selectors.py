"""Quarterly occupancy as pages and services read it: an operator's services with places in
a year and their used days, the engine's occupancy for Q1..kvartal (cumulative, as
Syddanmark reports Q1 and Q1–Q3), the agreement's deadlines, the secretariat's overview,
the front page's flags and the used-days Excel template's content."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, QuerySet
from django.utils import timezone

from socialstyring.beregning.belaegning import (
    Belaegningsgrundlag,
    Belaegningsraekke,
    Belaegningsresultat,
    Tilbudsbelaegning,
    beregn_belaegning,
    frister_for_belaegning,
)
from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.beregning.kerne.penge import EN_DECIMAL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.io.excel import forbrug as xf
from socialstyring.web.belaegning.models import Forbrug
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.filsvar import excelfilnavn
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Driftsherre, Rammeaftale, Ydelsesaar, pladstype_tekst

UDEN_MAALGRUPPE = "Uden målgruppe"


def pct_tekst(v: Decimal | None) -> str:
    """'90,0' (one decimal, as seed 004); '–' when there is none."""
    return "–" if v is None else dansk_tal(afrund_til(v, EN_DECIMAL), 1)


@dataclass
class Ydelsesraekke:
    """One service with places in the year, its used days this quarter and Q1..kvartal."""

    ydelsesaar: Ydelsesaar
    kvartalets_dage: Decimal | None
    periodens_dage: Decimal
    version: int = 0  # of the quarter's stored used days (0: none), for the stale-form check

    @property
    def felt(self) -> str:
        return f"dage-{self.ydelsesaar.ydelse_id}"

    @property
    def versionsfelt(self) -> str:
        return f"version-{self.ydelsesaar.ydelse_id}"


def ydelsesraekker(driftsherre: Driftsherre, aar: int, kvartal: int) -> list[Ydelsesraekke]:
    return driftsherrernes_ydelsesraekker([driftsherre], aar, kvartal)[driftsherre.pk]


def driftsherrernes_ydelsesraekker(
    driftsherrer: Sequence[Driftsherre], aar: int, kvartal: int
) -> dict[int, list[Ydelsesraekke]]:
    """Each operator's services with places in the year and their used days, in two queries."""
    ydelsesaar = list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__in=driftsherrer, aar=aar, pladser__gt=0)
        .select_related("ydelse__tilbud__maalgruppe")
        .order_by("ydelse__tilbud__navn", "ydelse__navn")
    )
    kvartalets: dict[int, Forbrug] = {}
    perioden: dict[int, Decimal] = {}
    for f in Forbrug.objects.filter(
        ydelse__in=[ya.ydelse_id for ya in ydelsesaar], aar=aar, kvartal__lte=kvartal
    ):
        perioden[f.ydelse_id] = perioden.get(f.ydelse_id, Decimal(0)) + f.brugte_dage
        if f.kvartal == kvartal:
            kvartalets[f.ydelse_id] = f
    ud: dict[int, list[Ydelsesraekke]] = {d.pk: [] for d in driftsherrer}
    for ya in ydelsesaar:
        q = kvartalets.get(ya.ydelse_id)
        ud[ya.ydelse.tilbud.driftsherre_id].append(
            Ydelsesraekke(
                ya,
                q.brugte_dage if q else None,
                perioden.get(ya.ydelse_id, Decimal(0)),
                q.version if q else 0,
            )
        )
    return ud


def _grundlag(
    driftsherre: Driftsherre, aar: int, kvartal: int, raekker: list[Ydelsesraekke]
) -> Belaegningsgrundlag:
    return Belaegningsgrundlag(
        region=driftsherre.rammeaftale.kode,
        aar=aar,
        kvartaler=kvartal,
        raekker=tuple(
            Belaegningsraekke(
                tilbud=r.ydelsesaar.ydelse.tilbud.navn,
                ydelse=r.ydelsesaar.ydelse.navn,
                driftsherre=driftsherre.navn,
                maalgruppe=(
                    r.ydelsesaar.ydelse.tilbud.maalgruppe.navn
                    if r.ydelsesaar.ydelse.tilbud.maalgruppe
                    else UDEN_MAALGRUPPE
                ),
                pladstype=Pladstype(r.ydelsesaar.ydelse.pladstype),
                pladser=r.ydelsesaar.pladser or Decimal(0),
                brugte_dage=r.periodens_dage,
                budgetteret_belaegning_pct=r.ydelsesaar.budgetteret_belaegning_pct,
            )
            for r in raekker
        ),
    )


def beregn(
    driftsherre: Driftsherre, aar: int, kvartal: int, raekker: list[Ydelsesraekke]
) -> Belaegningsresultat:
    """The engine's occupancy for Q1..kvartal (ValueError, KeyError or a pydantic
    ValidationError if it cannot be computed)."""
    return beregn_belaegning(_grundlag(driftsherre, aar, kvartal, raekker), gaeldende_regelbog())


@dataclass(frozen=True)
class Tilbudsvisning:
    t: Tilbudsbelaegning

    @property
    def pct(self) -> str:
        return pct_tekst(self.t.belaegning_pct)

    @property
    def budget(self) -> str:
        return pct_tekst(self.t.budgetteret_pct)

    @property
    def afvigelse(self) -> str:
        return pct_tekst(self.t.afvigelse_pct_point)

    @property
    def over_100(self) -> bool:
        return self.t.belaegning_pct is not None and self.t.belaegning_pct > 100

    @property
    def noegle_pct(self) -> str:
        return f"{self.t.noegle}.belaegning_pct"

    @property
    def noegle_afvigelse(self) -> str:
        return f"{self.t.noegle}.afvigelse"


@dataclass(frozen=True)
class Fristvisning:
    """The agreement's occupancy deadlines for the year (rulebook `frister.belaegning_*`) and
    the one for the period shown, if any."""

    frister: tuple[tuple[str, Frist], ...]  # (period, deadline)
    frist: Frist | None

    @property
    def overskredet(self) -> bool:
        return self.frist is not None and timezone.localdate() > self.frist.dato


def fristvisning(region: str, aar: int, kvartal: int) -> Fristvisning:
    frister = frister_for_belaegning(region, aar, gaeldende_regelbog())
    return Fristvisning(
        tuple((f"Q1 {aar}" if k == 1 else f"Q1–Q{k} {aar}", f) for k, f in sorted(frister.items())),
        frister.get(kvartal),
    )


# --- the secretariat's overview ------------------------------------------------------------


@dataclass(frozen=True)
class Oversigtsraekke:
    driftsherre: Driftsherre
    antal_ydelser: int
    antal_indberettet: int
    belaegning: str
    flagede_tilbud: tuple[str, ...]
    fejl: str = ""
    belaegning_pct: Decimal | None = None  # as shown: one decimal

    @property
    def mangler(self) -> bool:
        return self.antal_indberettet < self.antal_ydelser


def oversigtsraekker(driftsherrer: Sequence[Driftsherre], aar: int, kvartal: int) -> list[Oversigtsraekke]:
    """Each operator's reporting status, occupancy and flagged tilbud for Q1..kvartal."""
    alle = driftsherrernes_ydelsesraekker(driftsherrer, aar, kvartal)
    return [_oversigtsraekke(d, aar, kvartal, alle[d.pk]) for d in driftsherrer]


def _oversigtsraekke(d: Driftsherre, aar: int, kvartal: int, raekker: list[Ydelsesraekke]) -> Oversigtsraekke:
    indberettet = sum(1 for r in raekker if r.periodens_dage > 0)
    if not indberettet:
        return Oversigtsraekke(d, len(raekker), 0, "–", ())
    try:
        res = beregn(d, aar, kvartal, raekker)
    except MOTORFEJL as fejl:
        return Oversigtsraekke(d, len(raekker), indberettet, "–", (), motorfejl(fejl))
    pct = res.i_alt.belaegning_pct if res.i_alt else None
    vist = afrund_til(pct, EN_DECIMAL) if pct is not None else None
    return Oversigtsraekke(d, len(raekker), indberettet, pct_tekst(pct), res.flagede_tilbud, "", vist)


# --- the front page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Belaegningsstatus:
    """The latest reported quarter's occupancy flags, for the agreement or one operator."""

    aar: int
    kvartal: int
    driftsherre: Driftsherre | None  # None: the whole agreement
    antal_driftsherrer_indberettet: int
    flagede: tuple[str, ...]
    naeste: tuple[int, int] | None = None  # the operator's next quarter to report (year, quarter)

    @property
    def periode(self) -> str:
        return f"Q1 {self.aar}" if self.kvartal == 1 else f"Q1–Q{self.kvartal} {self.aar}"


def _seneste_kvartal(forbrug: QuerySet[Forbrug]) -> tuple[int, int] | None:
    aar = forbrug.aggregate(m=Max("aar"))["m"]
    if aar is None:
        return None
    kvartal = forbrug.filter(aar=aar).aggregate(m=Max("kvartal"))["m"]
    return int(aar), int(kvartal)


def _forbrug(aftaler: list[Rammeaftale], driftsherre: Driftsherre | None) -> QuerySet[Forbrug]:
    forbrug = Forbrug.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler)
    return forbrug.filter(ydelse__tilbud__driftsherre=driftsherre) if driftsherre is not None else forbrug


def belaegningsaar(aftaler: list[Rammeaftale], driftsherre: Driftsherre | None = None) -> list[int]:
    """The years with occupancy to see or report, ascending: those with services with places
    or with reported used days (of the agreements, or of one operator)."""
    pladser = Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler, pladser__gt=0)
    if driftsherre is not None:
        pladser = pladser.filter(ydelse__tilbud__driftsherre=driftsherre)
    return aar_med_data(pladser, _forbrug(aftaler, driftsherre))


def aktuel_periode(
    aftaler: list[Rammeaftale], driftsherre: Driftsherre | None = None
) -> tuple[int, int] | None:
    """The period the occupancy pages open on: the latest quarter with reported used days,
    else Q1 of the latest year with places; None when there is neither."""
    seneste = _seneste_kvartal(_forbrug(aftaler, driftsherre))
    if seneste is not None:
        return seneste
    aarene = belaegningsaar(aftaler, driftsherre)
    return (aarene[-1], 1) if aarene else None


def naeste_periode(driftsherre: Driftsherre) -> tuple[int, int] | None:
    """The quarter after the latest one with reported used days, when the operator has
    services with places in its year (the next to report); None otherwise."""
    seneste = _seneste_kvartal(_forbrug([driftsherre.rammeaftale], driftsherre))
    if seneste is None:
        return None
    aar, kvartal = seneste if seneste[1] < 4 else (seneste[0] + 1, 0)
    if aar not in belaegningsaar([driftsherre.rammeaftale], driftsherre):
        return None
    return aar, kvartal + 1


def belaegningsstatus(
    aftale: Rammeaftale, driftsherre: Driftsherre | None = None
) -> Belaegningsstatus | None:
    """Flags of the latest quarter with reported used days (None when nothing is reported)."""
    forbrug = Forbrug.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=aftale)
    if driftsherre is not None:
        forbrug = forbrug.filter(ydelse__tilbud__driftsherre=driftsherre)
    seneste = _seneste_kvartal(forbrug)
    if seneste is None:
        return None
    aar, kvartal = seneste
    driftsherrer = (
        [driftsherre]
        if driftsherre is not None
        else list(
            Driftsherre.objects.filter(rammeaftale=aftale).select_related("rammeaftale").order_by("navn")
        )
    )
    raekker = oversigtsraekker(driftsherrer, aar, kvartal)
    return Belaegningsstatus(
        aar=aar,
        kvartal=kvartal,
        driftsherre=driftsherre,
        antal_driftsherrer_indberettet=sum(1 for r in raekker if r.antal_indberettet),
        flagede=tuple(t for r in raekker for t in r.flagede_tilbud),
    )


# --- the used days' Excel template ----------------------------------------------------------


def forbrugsydelser(driftsherre: Driftsherre, aar: int) -> list[Ydelsesaar]:
    """The services whose used days the operator reports for `aar`: those with places in
    the year (as on the occupancy page), by tilbud and service."""
    return list(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=driftsherre, aar=aar, pladser__gt=0)
        .select_related("ydelse__tilbud__maalgruppe")
        .order_by("ydelse__tilbud__navn", "ydelse__navn", "ydelse_id")
    )


def forbrugsskabelon(driftsherre: Driftsherre, aar: int) -> xf.Forbrugsskabelon:
    """The template's content: one row per service with places and its stored used days."""
    liste = forbrugsydelser(driftsherre, aar)
    gemt: dict[int, dict[int, Decimal]] = {}
    for f in Forbrug.objects.filter(ydelse__in=[ya.ydelse_id for ya in liste], aar=aar):
        gemt.setdefault(f.ydelse_id, {})[f.kvartal] = f.brugte_dage
    raekker = []
    for ya in liste:
        y, dage = ya.ydelse, gemt.get(ya.ydelse_id, {})
        raekker.append(
            xf.Forbrugsraekke(
                tilbud_id=y.tilbud_id,
                ydelse_id=y.pk,
                tilbud=y.tilbud.navn,
                ydelse=y.navn,
                pladstype=pladstype_tekst(y.pladstype),
                pladser=ya.pladser,
                q1=dage.get(1),
                q2=dage.get(2),
                q3=dage.get(3),
                q4=dage.get(4),
            )
        )
    return xf.Forbrugsskabelon(driftsherre.pk, driftsherre.navn, aar, tuple(raekker))


def forbrugsfil(driftsherre: Driftsherre, aar: int) -> bytes:
    """The filled template as .xlsx (the download and the export)."""
    return xf.byg_skabelon(forbrugsskabelon(driftsherre, aar))


def forbrugsfilnavn(driftsherre: Driftsherre, aar: int) -> str:
    """`brugte-dage_2018_aarhus-kommune.xlsx`."""
    return excelfilnavn("brugte-dage", aar, driftsherre.navn, driftsherre.pk)


def kvartalsdage(aftale: Rammeaftale, aarene: tuple[int, ...]) -> dict[tuple[int, int], list[Decimal]]:
    """The reported quarters' used days of every service of the agreement in `aarene`, by
    (service id, year), in quarter order."""
    dage: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for ydelse_id, aar, brugte in (
        Forbrug.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=aftale, aar__in=aarene)
        .order_by("kvartal")
        .values_list("ydelse_id", "aar", "brugte_dage")
    ):
        dage[(ydelse_id, aar)].append(brugte)
    return dage
