"""The rate report as pages and services read it: an operator's report for a year (its
services with this year's and last year's figures, run through the engine's validation),
the deadline and how it stands, the secretariat's overview of every operator, and the front
page's cards (the Excel template's content is `takstskabelon`'s)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.dateformat import format as datoformat

from socialstyring.beregning.indberetning import (
    Fund,
    Indberetning,
    Indberetningslinje,
    Indberetningsresultat,
    Linjeresultat,
    frist_for_indberetning,
    valider_indberetning,
)
from socialstyring.beregning.kerne.kalender import Frist
from socialstyring.beregning.kerne.spor import Trin
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.samtidighed import version_af
from socialstyring.web.indberetning.forms import YdelsesaarForm
from socialstyring.web.indberetning.models import Paamindelse
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import (
    Driftsherre,
    Indberetningsstatus,
    Katalog,
    Rammeaftale,
    Takstenhed,
    Takstindberetning,
    TakstKilde,
    Tilbud,
    Ydelse,
    Ydelsesaar,
)
from socialstyring.web.register.selectors import indberetningsaar, seneste_katalog

IKKE_PAABEGYNDT = "ikke_paabegyndt"
"""The status of an operator with no report for the year."""


def aarets_katalog(aftale: Rammeaftale, aar: int) -> Katalog | None:
    """The latest version of the agreement's published catalogue for `aar`, if any."""
    return Katalog.objects.filter(rammeaftale=aftale, aar=aar).order_by("-version").first()


def indberetningsaarene(aftaler: list[Rammeaftale], driftsherre: Driftsherre | None = None) -> list[int]:
    """The years with a rate report to see or fill in, ascending: those with yearly figures or
    a report (of the agreements, or of one operator), and the agreements' reporting year."""
    figurer = Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler)
    indberetninger = Takstindberetning.objects.filter(driftsherre__rammeaftale__in=aftaler)
    if driftsherre is not None:
        figurer = figurer.filter(ydelse__tilbud__driftsherre=driftsherre)
        indberetninger = indberetninger.filter(driftsherre=driftsherre)
    return aar_med_data(
        figurer,
        indberetninger,
        [indberetningsaar(Rammeaftale.objects.filter(pk__in=[a.pk for a in aftaler]))],
    )


GRUNDLAG_STATUSER = (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
"""The reports the catalogue is built from: submitted or approved."""

STATUSTEKST = {
    IKKE_PAABEGYNDT: "Ikke påbegyndt",
    Indberetningsstatus.UDKAST.value: "Udkast",
    Indberetningsstatus.INDSENDT.value: "Indsendt, ikke godkendt",
    Indberetningsstatus.GODKENDT.value: "Godkendt",
}


# --- one operator's report ---------------------------------------------------------------


@dataclass
class Raekke:
    """One service of the report: this year's and last year's figures, its form and findings."""

    ydelse: Ydelse
    nu: Ydelsesaar | None
    sidste: Ydelsesaar | None
    form: YdelsesaarForm | None = None
    linje: Linjeresultat | None = None
    fund: list[Fund] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return str(self.ydelse.pk)

    @property
    def beregnet(self) -> bool:
        """The rate comes from a rate calculation and is read-only here."""
        return (
            self.nu is not None
            and self.nu.takst_kilde == TakstKilde.BEREGNET
            and self.nu.takstberegning_id is not None
        )

    @property
    def blokeret(self) -> bool:
        return any(f.blokerende for f in self.fund)

    def initial(self) -> dict[str, Any]:
        nu = self.nu
        return {
            "ydelse": self.ydelse.pk,
            "version": version_af(nu),
            "pladser": nu.pladser if nu else None,
            "budgetteret_belaegning_pct": nu.budgetteret_belaegning_pct if nu else None,
            "takst": nu.takst if nu else None,
            "kilde_tekst": nu.kilde_tekst if nu else "",
            "begrundelse": nu.begrundelse if nu else "",
        }


@dataclass
class Indberetningsdata:
    driftsherre: Driftsherre
    aar: int
    indberetning: Takstindberetning | None
    raekker: list[Raekke]
    tilbud_uden_ydelser: list[str]

    @classmethod
    def hent(cls, driftsherre: Driftsherre, aar: int) -> Indberetningsdata:
        return cls.hent_alle([driftsherre], aar)[0]

    @classmethod
    def hent_alle(cls, driftsherrer: list[Driftsherre], aar: int) -> list[Indberetningsdata]:
        """Each operator's report of the year, in four queries whatever their number."""
        tilbud = list(
            Tilbud.objects.filter(driftsherre__in=driftsherrer)
            .exclude(lukket_fra__lte=date(aar, 1, 1))
            .prefetch_related("ydelser")
            .order_by("navn")
        )
        ydelser = [y for t in tilbud for y in sorted(t.ydelser.all(), key=lambda y: y.navn)]
        aarstal = {
            (ya.ydelse_id, ya.aar): ya
            for ya in Ydelsesaar.objects.filter(ydelse__in=ydelser, aar__in=(aar, aar - 1))
        }
        indberetninger = {  # one per operator and year (its unique constraint)
            i.driftsherre_id: i
            for i in Takstindberetning.objects.filter(driftsherre__in=driftsherrer, aar=aar)
        }
        egne = {d.pk: [t for t in tilbud if t.driftsherre_id == d.pk] for d in driftsherrer}
        return [
            cls(
                driftsherre=d,
                aar=aar,
                indberetning=indberetninger.get(d.pk),
                raekker=[
                    Raekke(y, aarstal.get((y.pk, aar)), aarstal.get((y.pk, aar - 1)))
                    for t in egne[d.pk]
                    for y in sorted(t.ydelser.all(), key=lambda y: y.navn)
                ],
                tilbud_uden_ydelser=[t.navn for t in egne[d.pk] if not t.ydelser.all()],
            )
            for d in driftsherrer
        ]

    @property
    def status(self) -> str:
        return self.indberetning.status if self.indberetning else IKKE_PAABEGYNDT

    @property
    def status_tekst(self) -> str:
        if self.indberetning is None:
            return "Ikke påbegyndt"
        return self.indberetning.get_status_display()

    @property
    def er_udkast(self) -> bool:
        return self.indberetning is None or self.indberetning.er_udkast

    def inddata(self) -> Indberetning:
        linjer = []
        for r in self.raekker:
            y, nu = r.ydelse, r.nu
            linjer.append(
                Indberetningslinje(
                    tilbud=y.tilbud.navn,
                    ydelse=y.navn,
                    ref=r.ref,
                    pladsbaseret=y.takstenhed != Takstenhed.TIME,
                    takstenhed=y.get_takstenhed_display(),
                    pladser=nu.pladser if nu else None,
                    budgetteret_belaegning_pct=nu.budgetteret_belaegning_pct if nu else None,
                    takst=nu.takst if nu else None,
                    takst_sidste_aar=r.sidste.takst if r.sidste else None,
                    begrundelse=nu.begrundelse if nu else "",
                )
            )
        return Indberetning(
            region=self.driftsherre.rammeaftale.kode,
            aar=self.aar,
            driftsherre=self.driftsherre.navn,
            linjer=tuple(linjer),
            tilbud_uden_ydelser=tuple(self.tilbud_uden_ydelser),
        )

    def valider(self) -> Indberetningsresultat:
        """The engine's validation; stale rule values are shown as warnings on the page."""
        resultat = valider_indberetning(self.inddata(), gaeldende_regelbog())
        for r in self.raekker:
            r.linje = resultat.linje(r.ref)
            r.fund = resultat.fund_for(r.ref)
        return resultat


def frist(driftsherre: Driftsherre, aar: int) -> Frist | None:
    return frist_for_indberetning(driftsherre.rammeaftale.kode, aar, gaeldende_regelbog())


def dato_tekst(d: date | datetime) -> str:
    if isinstance(d, datetime):
        return datoformat(timezone.localtime(d), "j. F Y \\k\\l. H.i")
    return datoformat(d, "j. F Y")


def frist_status(frist: Frist | None, idag: date, indsendt: datetime | None) -> str:
    """'12 dage tilbage', 'fristen er i dag', 'overskredet med 3 dage', 'indsendt 2 dage for sent'."""
    if frist is None:
        return ""
    if indsendt is not None:
        forsinkelse = (timezone.localdate(indsendt) - frist.dato).days
        return f"indsendt {_dage(forsinkelse)} for sent" if forsinkelse > 0 else "indsendt rettidigt"
    rest = (frist.dato - idag).days
    if rest > 0:
        return f"{_dage(rest)} tilbage"
    if rest == 0:
        return "fristen er i dag"
    return f"overskredet med {_dage(-rest)}"


def _dage(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dage"


@dataclass(frozen=True)
class Fundvisning:
    fund: Fund
    trin: list[Trin]


def fundvisning(resultat: Indberetningsresultat, fund: tuple[Fund, ...]) -> list[Fundvisning]:
    return [Fundvisning(f, resultat.spor.forklar(f.noegle) if f.noegle else []) for f in fund]


# --- the secretariat's overview ------------------------------------------------------------


@dataclass(frozen=True)
class Oversigtsraekke:
    driftsherre: Driftsherre
    status: str
    status_tekst: str
    antal_ydelser: int
    antal_prissat: int
    antal_markeringer: int
    antal_fejl: int
    indsendt: datetime | None
    frist_status: str
    for_sent: bool
    sidste_paamindelse: Paamindelse | None

    @property
    def kan_paamindes(self) -> bool:
        return self.status in (IKKE_PAABEGYNDT, Indberetningsstatus.UDKAST)


@dataclass(frozen=True)
class Aftaleoversigt:
    rammeaftale: Rammeaftale
    frist: Frist | None
    raekker: list[Oversigtsraekke]
    kataloger: list[Katalog]

    @property
    def antal_indsendt(self) -> int:
        return sum(
            1
            for r in self.raekker
            if r.status in (Indberetningsstatus.INDSENDT, Indberetningsstatus.GODKENDT)
        )


def aftaleoversigt(aftale: Rammeaftale, aar: int, idag: date) -> Aftaleoversigt:
    frist = frist_for_indberetning(aftale.kode, aar, gaeldende_regelbog())
    paamindelser: dict[int, Paamindelse] = {}
    for p in Paamindelse.objects.filter(driftsherre__rammeaftale=aftale, aar=aar).order_by("sendt"):
        paamindelser[p.driftsherre_id] = p  # the last one wins
    raekker = []
    driftsherrer = list(
        Driftsherre.objects.filter(rammeaftale=aftale).select_related("rammeaftale").order_by("navn")
    )
    for d, data in zip(driftsherrer, Indberetningsdata.hent_alle(driftsherrer, aar), strict=True):
        resultat = data.valider()
        indsendt = data.indberetning.indsendt if data.indberetning else None
        raekker.append(
            Oversigtsraekke(
                driftsherre=d,
                status=data.status,
                status_tekst=data.status_tekst,
                antal_ydelser=resultat.antal_udbudt,
                antal_prissat=resultat.antal_prissat,
                antal_markeringer=len(resultat.markeringer),
                antal_fejl=len(resultat.fejl),
                indsendt=indsendt,
                frist_status=frist_status(frist, idag, indsendt),
                for_sent=frist is not None
                and (
                    timezone.localdate(indsendt) > frist.dato if indsendt is not None else idag > frist.dato
                ),
                sidste_paamindelse=paamindelser.get(d.pk),
            )
        )
    kataloger = list(Katalog.objects.filter(rammeaftale=aftale, aar=aar).order_by("-version"))
    return Aftaleoversigt(aftale, frist, raekker, kataloger)


# --- the front page ----------------------------------------------------------------------

STATUSRAEKKEFOELGE = (
    (Indberetningsstatus.GODKENDT.value, "Godkendt"),
    (Indberetningsstatus.INDSENDT.value, "Indsendt, ikke godkendt"),
    (Indberetningsstatus.UDKAST.value, "Udkast"),
    (IKKE_PAABEGYNDT, "Ikke påbegyndt"),
)


@dataclass(frozen=True)
class Statustal:
    status: str
    tekst: str
    antal: int


@dataclass(frozen=True)
class Sekretariatsoverblik:
    rammeaftale: Rammeaftale
    aar: int
    frist: Frist | None
    antal_driftsherrer: int
    status: list[Statustal]
    katalog: Katalog | None

    @property
    def antal_indsendt(self) -> int:
        return sum(s.antal for s in self.status if s.status in GRUNDLAG_STATUSER)


@dataclass(frozen=True)
class Egenindberetning:
    driftsherre: Driftsherre
    aar: int
    status: str
    status_tekst: str
    antal_udbudt: int
    antal_prissat: int
    antal_fejl: int
    frist: Frist | None

    @property
    def er_udkast(self) -> bool:
        return self.status in (IKKE_PAABEGYNDT, Indberetningsstatus.UDKAST)


def sekretariatsoverblik(aftale: Rammeaftale) -> Sekretariatsoverblik:
    aar = indberetningsaar(aftale)
    antal = Driftsherre.objects.filter(rammeaftale=aftale).count()
    indberetninger = Takstindberetning.objects.filter(driftsherre__rammeaftale=aftale, aar=aar)
    optalt = Counter(indberetninger.values_list("status", flat=True))
    optalt[IKKE_PAABEGYNDT] = antal - sum(optalt.values())
    return Sekretariatsoverblik(
        rammeaftale=aftale,
        aar=aar,
        frist=frist_for_indberetning(aftale.kode, aar, gaeldende_regelbog()),
        antal_driftsherrer=antal,
        status=[Statustal(s, tekst, optalt[s]) for s, tekst in STATUSRAEKKEFOELGE],
        katalog=seneste_katalog(aftale),
    )


def egen_indberetning(driftsherre: Driftsherre, aar: int) -> Egenindberetning:
    data = Indberetningsdata.hent(driftsherre, aar)
    resultat = data.valider()
    return Egenindberetning(
        driftsherre=driftsherre,
        aar=aar,
        status=data.status,
        status_tekst=data.status_tekst,
        antal_udbudt=resultat.antal_udbudt,
        antal_prissat=resultat.antal_prissat,
        antal_fejl=len(resultat.fejl),
        frist=resultat.frist,
    )


# --- what a status change will do, for its confirmation page ---------------------------------


def _flertal(n: int, ental: str, flertal: str) -> str:
    return f"{n} {ental if n == 1 else flertal}"


def indsendelsens_foelger(data: Indberetningsdata, resultat: Indberetningsresultat) -> list[str]:
    aftale = data.driftsherre.rammeaftale.navn
    punkter = [
        f"Takstindberetningen for {data.aar} med {_flertal(len(data.raekker), 'ydelse', 'ydelser')} "
        f"sendes til sekretariatet for {aftale}.",
        "Derefter kan tallene ikke ændres, før sekretariatet genåbner indberetningen.",
    ]
    if resultat.markeringer:
        punkter.append(
            f"{_flertal(len(resultat.markeringer), 'begrundet takststigning', 'begrundede takststigninger')} "
            "sendes med til sekretariatets vurdering."
        )
    return punkter


def godkendelsens_foelger(data: Indberetningsdata, resultat: Indberetningsresultat) -> list[str]:
    if not resultat.kan_indsendes:
        return [
            f"Indberetningen kan ikke godkendes: tallene har {_flertal(len(resultat.fejl), 'fejl', 'fejl')} "
            "(se nedenfor). Den forbliver indsendt; genåbn den, så driftsherren kan rette."
        ]
    punkter = [
        f"Takstindberetningen for {data.aar} fra {data.driftsherre.navn} godkendes "
        f"({_flertal(len(data.raekker), 'ydelse', 'ydelser')}).",
        f"De godkendte takster kommer med i tilbudskataloget for {data.aar}, når det offentliggøres.",
    ]
    if resultat.markeringer:
        punkter.append(
            f"{_flertal(len(resultat.markeringer), 'markeret takststigning', 'markerede takststigninger')} "
            "godkendes med driftsherrens begrundelse."
        )
    punkter.append("Sekretariatet kan genåbne indberetningen senere, hvis den skal rettes.")
    return punkter


def genaabningens_foelger(data: Indberetningsdata) -> list[str]:
    punkter = [f"Takstindberetningen for {data.aar} går tilbage til udkast hos {data.driftsherre.navn}."]
    if data.status == Indberetningsstatus.GODKENDT:
        punkter.append("Godkendelsen bortfalder; indberetningen skal indsendes og godkendes igen.")
    else:
        punkter.append("Driftsherren kan rette tallene og skal indsende indberetningen igen.")
    if Katalog.objects.filter(rammeaftale=data.driftsherre.rammeaftale, aar=data.aar).exists():
        punkter.append(
            "Det offentliggjorte tilbudskatalog ændres ikke; rettede takster kommer først med i en ny "
            "version af kataloget."
        )
    return punkter
