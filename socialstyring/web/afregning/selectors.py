"""Statements as the engine and the pages read them: an operator's stays of a month as the
billing engine's input (`grundlag`: the stays through `ophold.selectors.som_afregningsophold`,
the services' dated rates from the register's yearly rate and the decided in-year changes,
`aendringer.selectors.takstskift`), the statement computed with its trace (`opgoer`), the
month's totals per paying municipality (`maanedsoversigt`, the engine's bulk path), the sent
versions, the difference between two versions line by line, what the paying municipality and
the secretariat see, and a sent statement's booking rows (`io.bogfoering`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from socialstyring.beregning.afregning import (
    Afregningsgrundlag,
    Afregningslinje,
    Afregningsresultat,
    Bulkafregning,
    Opgoerelse,
    Takstperiode,
    afregn_bulk,
    beregn_afregning,
)
from socialstyring.beregning.kerne.kalender import MAANEDER, dansk_dato, maanedens_sidste
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.io.bogfoering import Bogfoeringsraekke
from socialstyring.io.cpr import kort_pseudonym
from socialstyring.web.aendringer import selectors as aendringer
from socialstyring.web.afregning.gemt import Borger, Gemtafregning
from socialstyring.web.afregning.models import Afregning
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.ophold import selectors as ophold
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Driftsherre, Kommune, Rammeaftale, Ydelse, Ydelsesaar

VARSEL_MARGIN = timedelta(days=366)
"""A stay ended this long before the month may still be paid in it (a notice runs at most a
few months past the day of ending); the engine bills only the days the rules say."""


def maanedsnavn(aar: int, maaned: int) -> str:
    """'januar 2018'"""
    return f"{MAANEDER[maaned - 1]} {aar}"


def periode(aar: int, maaned: int) -> tuple[date, date]:
    return date(aar, maaned, 1), maanedens_sidste(aar, maaned)


def tjek_maaned(aar: int, maaned: int) -> None:
    """404 for a month or year that does not exist."""
    adgang.tjek_aar(aar)
    if not 1 <= maaned <= 12:
        raise Http404("Ukendt måned.")


def ophold_id(pk: int) -> str:
    """A stay's id in the engine (`ophold.selectors.som_afregningsophold`)."""
    return f"ophold-{pk}"


# --- the engine's input ----------------------------------------------------------------------


def _ophold(bruger: Bruger, d: Driftsherre, aar: int, maaned: int, kommune: Kommune | None) -> QuerySet[Any]:
    """The operator's stays that may be paid in the month (begun by its end, not ended long
    before it), of the paying municipality when given."""
    fra, til = periode(aar, maaned)
    qs = ophold.synlige_ophold(bruger).filter(tilbud__driftsherre=d, start__lte=til)
    qs = qs.filter(Q(slut__isnull=True) | Q(slut__gte=fra - VARSEL_MARGIN))
    if kommune is not None:
        qs = qs.filter(betalingskommune=kommune)
    return (
        qs.select_related("tilbud__driftsherre__rammeaftale", "ydelse__tilbud")
        .prefetch_related("pakkeskift__ydelse__tilbud", "tillaeg__ydelse")
        .order_by("tilbud__navn", "start", "pk")
    )


def ydelsesnoegle(tilbud_navn: str, grund: str) -> str:
    """A service's key in the engine: the offer and the service, as services of two offers
    may have the same name ('Bakkevangen, Midlertidigt botilbud § 107')."""
    return f"{tilbud_navn}, {grund}"


@dataclass
class Grundlag:
    """The engine's input for a month, each stay's citizen, and the stays left out (a service
    without a rate for the month: there is nothing to bill it by)."""

    grundlag: Afregningsgrundlag
    borgere: dict[str, Borger]
    udeladt: list[str] = field(default_factory=list)


def grundlag(
    bruger: Bruger,
    d: Driftsherre,
    aar: int,
    maaned: int,
    kommune: Kommune | None = None,
    kravdato: date | None = None,
) -> Grundlag:
    """The month's statements' input: the operator's stays (to `kommune` only, when given), the
    dated rates of their services in the year (the register's rate from 1 January, each decided
    in-year change from its effective date) and the packages' order."""
    fra, til = periode(aar, maaned)
    return grundlag_af(list(_ophold(bruger, d, aar, maaned, kommune)), d.rammeaftale.kode, fra, til, kravdato)


def opholdenes_ydelser(stays: list[Any]) -> dict[int, Ydelse]:
    """The services the stays are billed by (their own and their packages')."""
    ydelser: dict[int, Ydelse] = {}
    for o in stays:
        ydelser[o.ydelse_id] = o.ydelse
        for s in o.pakkeskift.all():
            ydelser[s.ydelse_id] = s.ydelse
    return ydelser


Takstopslag = tuple[dict[int, Decimal | None], dict[int, list[aendringer.Takstskift]]]


def takstopslag(ydelser: list[Ydelse], aar: int) -> Takstopslag:
    """The services' rates of the year and their in-year changes, in two queries."""
    return ophold.takster(ydelser, aar), aendringer.ydelsernes_takstskift(ydelser, aar)


def grundlag_af(
    stays: list[Any],
    region: str,
    fra: date,
    til: date,
    kravdato: date | None,
    opslag: Takstopslag | None = None,
) -> Grundlag:
    """The engine's input for `stays` (one operator's) over `fra`–`til` within one year
    (`opslag`: the services' rates, when already fetched for several operators at once)."""
    aar = fra.year
    borgere: dict[str, Borger] = {}
    udeladt: list[str] = []
    ydelser = opholdenes_ydelser(stays)
    takster: dict[tuple[str, str | None, date], Decimal] = {}
    pakker: dict[str, set[str]] = defaultdict(set)
    uden_takst: set[int] = set()
    aarstakster, takstskift = opslag or takstopslag(list(ydelser.values()), aar)
    for y in ydelser.values():
        grund, pakke = ophold.pakke(y)
        noegle = ydelsesnoegle(y.tilbud.navn, grund)
        aarets, skift = aarstakster.get(y.pk), takstskift[y.pk]
        if aarets is None and not any(s.fra <= fra for s in skift):
            uden_takst.add(y.pk)
            continue
        if aarets is not None:
            takster[(noegle, pakke, date(aar, 1, 1))] = aarets
        for s in skift:
            takster[(noegle, pakke, s.fra)] = s.takst
        if pakke is not None:
            pakker[noegle].add(pakke)
            # A package is billed as the service's rate (0 unless the service itself has a
            # rate) plus the package's rate: the register gives each package its whole rate.
            takster.setdefault((noegle, None, date(aar, 1, 1)), NUL)
    afregningsophold = []
    for o in stays:
        if o.ydelse_id in uden_takst:
            udeladt.append(
                f"{ophold.borgervisning(o)} i {o.tilbud.navn} ({o.ydelse.navn}) er ikke med: registeret har "
                f"ingen takst for ydelsen den {fra.day}. {maanedsnavn(aar, fra.month)}."
            )
            continue
        a = ophold.som_afregningsophold(o, udeladt, (fra, til))  # an add-on without a rate: warned
        a = a.model_copy(update={"ydelse": ydelsesnoegle(o.tilbud.navn, a.ydelse)})
        afregningsophold.append(a)
        borgere[a.id] = Borger(visning=ophold.borgervisning(o), foedselsdato=o.foedselsdato)
    g = Afregningsgrundlag(
        region=region,
        fra=fra,
        til=til,
        kravdato=kravdato,
        takster=tuple(
            Takstperiode(ydelse=n, pakke=p, fra=f, takst=t)
            for (n, p, f), t in sorted(takster.items(), key=str)
        ),
        pakker={n: sorted(p) for n, p in pakker.items()},
        ophold=tuple(afregningsophold),
    )
    return Grundlag(g, borgere, udeladt)


@dataclass
class Beregnet:
    """A statement computed now: its input, the engine's result and the statement itself
    (None: nothing to bill this municipality for the month)."""

    g: Grundlag
    resultat: Afregningsresultat

    @property
    def opgoerelse(self) -> Opgoerelse | None:
        return self.resultat.opgoerelser[0] if self.resultat.opgoerelser else None

    @property
    def advarsler(self) -> list[str]:
        return [*self.g.udeladt, *self.resultat.advarsler]


def opgoer(
    bruger: Bruger, d: Driftsherre, kommune: Kommune, aar: int, maaned: int, kravdato: date | None = None
) -> Beregnet:
    """The operator's statement to `kommune` for the month as it stands, with the whole trace
    (every line's step is the one `beregning.afregning.forklar_linje` gives). `kravdato`: the
    day the claim is made (default today), which decides the claim-too-late flags."""
    g = grundlag(bruger, d, aar, maaned, kommune, kravdato or timezone.localdate())
    return Beregnet(g, beregn_afregning(g.grundlag, gaeldende_regelbog()))


# --- the month's overview ---------------------------------------------------------------------


@dataclass(frozen=True)
class Kommunelinje:
    """A paying municipality in the operator's month: the amount now and the latest version sent."""

    kommune: Kommune
    nu: Decimal | None  # None: nothing to bill now
    seneste: Afregning | None

    @property
    def status(self) -> str:
        if self.seneste is None:
            return "Ikke sendt"
        if self.nu is not None and self.nu != self.seneste.i_alt:
            return f"Sendt som version {self.seneste.nummer}; beløbet er ændret siden"
        return f"Sendt som version {self.seneste.nummer}"


@dataclass
class Maanedsoversigt:
    linjer: list[Kommunelinje]
    advarsler: list[str]

    @property
    def i_alt(self) -> Decimal:
        return sum((k.nu for k in self.linjer if k.nu is not None), NUL)


def maanedsoversigt(bruger: Bruger, d: Driftsherre, aar: int, maaned: int) -> Maanedsoversigt:
    """Every paying municipality of the operator's month: the total now (the engine's bulk
    path, without trace) and the latest version sent to it."""
    g = grundlag(bruger, d, aar, maaned)
    b = afregn_bulk(g.grundlag, gaeldende_regelbog())
    totaler = {kode: Decimal(oere) / 100 for kode, oere in b.i_alt_pr_betalingskommune_oere.items()}
    sendte = seneste_versioner(Afregning.objects.filter(driftsherre=d, aar=aar, maaned=maaned))
    koder = {int(k) for k in totaler} | {a.betalingskommune.kode for a in sendte.values()}
    kommuner = {k.kode: k for k in Kommune.objects.filter(kode__in=koder)}
    linjer = [
        Kommunelinje(kommuner[kode], totaler.get(f"{kode:03d}"), sendte.get(kommuner[kode].pk))
        for kode in sorted(koder, key=lambda k: kommuner[k].navn)
    ]
    return Maanedsoversigt(linjer, [*g.udeladt, *dict.fromkeys(b.advarsler)])


def seneste_versioner(qs: QuerySet[Afregning]) -> dict[int, Afregning]:
    """The latest version per paying municipality (by its pk) among `qs`."""
    ud: dict[int, Afregning] = {}
    for a in qs.select_related("betalingskommune").order_by("nummer"):
        ud[a.betalingskommune_id] = a
    return ud


def standardmaaned(d: Driftsherre) -> tuple[int, int]:
    """The month the operator's page opens on: its latest statement sent, else January of the
    latest year its services have a rate (not after this year), else this month."""
    a = Afregning.objects.filter(driftsherre=d).order_by("-aar", "-maaned").first()
    if a is not None:
        return a.aar, a.maaned
    i_dag = timezone.localdate()
    aar = (
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=d, takst__isnull=False, aar__lte=i_dag.year)
        .order_by("-aar")
        .values_list("aar", flat=True)
        .first()
    )
    return (aar, 1) if aar is not None else (i_dag.year, i_dag.month)


def driftsherrens_aar(d: Driftsherre) -> list[int]:
    """The years the operator can bill: those its services have a rate, or it has sent statements."""
    med_takst = Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre=d, takst__isnull=False)
    return sorted(
        set(med_takst.values_list("aar", flat=True))
        | set(Afregning.objects.filter(driftsherre=d).values_list("aar", flat=True))
    )


# --- sent versions ----------------------------------------------------------------------------


def versioner(d: Driftsherre, kommune: Kommune, aar: int, maaned: int) -> list[Afregning]:
    return list(
        Afregning.objects.filter(driftsherre=d, betalingskommune=kommune, aar=aar, maaned=maaned)
        .select_related("sendt_af")
        .order_by("nummer")
    )


def laes(a: Afregning) -> Gemtafregning:
    return Gemtafregning.laes(a.indhold)


def opgoerelsen(a: Afregning) -> Opgoerelse | None:
    """The statement of sent version `a` (None: a correction to nothing)."""
    r = laes(a).resultat
    return r.opgoerelser[0] if r.opgoerelser else None


def forrige_version(a: Afregning) -> Afregning | None:
    return (
        Afregning.objects.filter(
            driftsherre_id=a.driftsherre_id,
            betalingskommune_id=a.betalingskommune_id,
            aar=a.aar,
            maaned=a.maaned,
            nummer__lt=a.nummer,
        )
        .order_by("-nummer")
        .first()
    )


def hent_afregning(bruger: Bruger, afregning_id: int) -> Afregning:
    """A sent statement if its operator or its paying municipality is in one of the user's
    agreements; 404 otherwise (whether the user may see it is the view's `kraev`)."""
    aftaler = adgang.synlige_rammeaftaler(bruger)
    a = (
        Afregning.objects.select_related("driftsherre__rammeaftale", "betalingskommune", "sendt_af")
        .filter(pk=afregning_id)
        .filter(Q(driftsherre__rammeaftale__in=aftaler) | Q(betalingskommune__rammeaftale__in=aftaler))
        .first()
    )
    if a is None:
        raise Http404("Afregningen findes ikke.")
    return a


def hent_kommune(bruger: Bruger, kommune_id: int) -> Kommune:
    """The municipality if it belongs to one of the user's agreements; 404 otherwise."""
    k = Kommune.objects.filter(pk=kommune_id, rammeaftale__in=adgang.synlige_rammeaftaler(bruger)).first()
    if k is None:
        raise Http404("Kommunen findes ikke.")
    return k


def hent_betalingskommune(kommune_id: int) -> Kommune:
    """A paying municipality of a statement: any municipality (a stay may be paid by one of
    another agreement); 404 when there is none."""
    k = Kommune.objects.filter(pk=kommune_id).first()
    if k is None:
        raise Http404("Kommunen findes ikke.")
    return k


# --- lines as the page shows them ---------------------------------------------------------------


@dataclass
class Opholdsvisning:
    """A stay's lines on the statement, with its citizen and until when it is paid and why."""

    id: str
    borger: Borger
    tilbud: str
    ydelse: str
    betalt_til: date | None
    regel: str
    linjer: list[Afregningslinje]

    @property
    def i_alt(self) -> Decimal:
        return sum((linje.beloeb for linje in self.linjer), NUL)


def ydelsesnavn(linje: Afregningslinje) -> str:
    """The service of a line without its offer (`ydelsesnoegle`)."""
    return linje.beskrivelse.removeprefix(f"{linje.tilbud}, ")


def opholdsvisninger(r: Afregningsresultat, borgere: dict[str, Borger]) -> list[Opholdsvisning]:
    """The statement's lines grouped per stay, in the statement's order."""
    ud: dict[str, Opholdsvisning] = {}
    for o in r.opgoerelser:
        for linje in o.linjer:
            v = ud.get(linje.ophold)
            if v is None:
                trin = f"{slug(linje.ophold)}.betalt_til"
                regel = r.spor[trin].bemaerkning or "" if trin in r.spor else ""
                v = ud[linje.ophold] = Opholdsvisning(
                    linje.ophold,
                    borgere.get(linje.ophold) or Borger(visning="Borger", foedselsdato=date.min),
                    linje.tilbud,
                    ydelsesnavn(linje),
                    linje.betalt_til,
                    regel,
                    [],
                )
            v.linjer.append(linje)
    return list(ud.values())


def sporets_noegler(r: Afregningsresultat) -> list[str]:
    """The figures the statement page shows with a trace: each line, each stay's last day paid
    and the statement's total."""
    noegler = [n for o in r.opgoerelser for n in (_opgoerelsesnoegle(o), *(linje.navn for linje in o.linjer))]
    noegler += [f"{slug(linje.ophold)}.betalt_til" for o in r.opgoerelser for linje in o.linjer]
    return noegler


def _opgoerelsesnoegle(o: Opgoerelse) -> str:
    return f"opgoerelse.{slug(o.driftsherre)}.{o.betalingskommune}.{o.maaned.replace('-', '_')}"


def opgoerelsesnoegle(r: Afregningsresultat) -> str:
    """The trace key of the statement's total ('' when there is none)."""
    return _opgoerelsesnoegle(r.opgoerelser[0]) if r.opgoerelser else ""


# --- differences ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forskel:
    """A line of two versions: its stay, what it is, days and amounts before and now."""

    noegle: str
    borger: str
    hvad: str
    dage_foer: Decimal | None
    dage_nu: Decimal | None
    foer: Decimal | None
    nu: Decimal | None

    @property
    def forskel(self) -> Decimal:
        return (self.nu or NUL) - (self.foer or NUL)


def _linjer(o: Opgoerelse | None) -> dict[str, Afregningslinje]:
    return {linje.navn: linje for linje in o.linjer} if o is not None else {}


def forskelle(nu: Opgoerelse | None, foer: Opgoerelse | None, borgere: dict[str, Borger]) -> list[Forskel]:
    """The lines that differ between statement `foer` (a sent version) and `nu`, by line key
    (stay, first day and component): a line only in one has nothing in the other."""
    a, b = _linjer(foer), _linjer(nu)
    ud = []
    for n in [*a, *(n for n in b if n not in a)]:
        x, y = a.get(n), b.get(n)
        linje = y or x
        assert linje is not None
        if x is not None and y is not None and (x.antal, x.sats, x.beloeb) == (y.antal, y.sats, y.beloeb):
            continue
        borger = borgere.get(linje.ophold)
        hvad = f"{linje.art_tekst} {linje.fra:%d-%m}–{(y or linje).til:%d-%m-%Y}, {ydelsesnavn(linje)}"
        ud.append(
            Forskel(
                n,
                borger.visning if borger else linje.ophold,
                hvad,
                x.antal if x else None,
                y.antal if y else None,
                x.beloeb if x else None,
                y.beloeb if y else None,
            )
        )
    return ud


def i_alt(o: Opgoerelse | None) -> Decimal:
    return o.i_alt if o is not None else NUL


# --- the paying municipality and the secretariat -------------------------------------------------


def modtagne(kommune: Kommune, aar: int) -> list[Afregning]:
    """Every version sent to the municipality in the year, by month and operator."""
    return list(
        Afregning.objects.filter(betalingskommune=kommune, aar=aar)
        .select_related("driftsherre")
        .order_by("maaned", "driftsherre__navn", "nummer")
    )


def kommunens_aar(kommune: Kommune) -> list[int]:
    return sorted(set(Afregning.objects.filter(betalingskommune=kommune).values_list("aar", flat=True)))


def standardaar_kommune(kommune: Kommune) -> int:
    aarene = kommunens_aar(kommune)
    return aarene[-1] if aarene else timezone.localdate().year


def aftalens_aar(a: Rammeaftale) -> list[int]:
    return sorted(set(Afregning.objects.filter(driftsherre__rammeaftale=a).values_list("aar", flat=True)))


def standardaar_aftale(a: Rammeaftale) -> int:
    aarene = aftalens_aar(a)
    return aarene[-1] if aarene else timezone.localdate().year


@dataclass(frozen=True)
class Total:
    """The secretariat's row: an operator's latest sent statement to a municipality for a month."""

    driftsherre: Driftsherre
    kommune: Kommune
    maaned: int
    i_alt: Decimal
    nummer: int


def aftalens_totaler(a: Rammeaftale, aar: int) -> list[Total]:
    """The agreement's operators' sent statements of the year, latest version each: totals per
    operator, municipality and month (no citizens)."""
    seneste: dict[tuple[int, int, int], Afregning] = {}
    for x in (
        Afregning.objects.filter(driftsherre__rammeaftale=a, aar=aar)
        .select_related("driftsherre", "betalingskommune")
        .order_by("nummer")
    ):
        seneste[(x.driftsherre_id, x.betalingskommune_id, x.maaned)] = x
    return sorted(
        (Total(x.driftsherre, x.betalingskommune, x.maaned, x.i_alt, x.nummer) for x in seneste.values()),
        key=lambda t: (t.driftsherre.navn, t.kommune.navn, t.maaned),
    )


# --- the paying municipality's costs per citizen (the reimbursement area reads them) -------------


@dataclass
class Borgerudgift:
    """A citizen's billed cost to the paying municipality, month by month, and where each
    month's amount comes from."""

    pseudonym: str
    visning: str  # 'Borger KFHA-MPBC'
    foedselsdato: date
    maaneder: dict[int, Decimal] = field(default_factory=dict)
    kilder: dict[int, list[str]] = field(default_factory=dict)
    ophoerer: date | None = None  # the last stay's end; None while a stay has no end

    def tilfoej(self, maaned: int, beloeb: Decimal, kilde: str) -> None:
        self.maaneder[maaned] = self.maaneder.get(maaned, NUL) + beloeb
        k = self.kilder.setdefault(maaned, [])
        if kilde not in k:
            k.append(kilde)

    def kilde(self, maaned: int) -> str:
        return "; ".join(self.kilder.get(maaned, []))


@dataclass
class Betalingsudgifter:
    """What a paying municipality is billed per citizen in a year up to a month."""

    borgere: dict[str, Borgerudgift]  # by the citizen's pseudonym
    advarsler: list[str]


def afregnede_maaneder(kommune: Kommune, aar: int) -> int:
    """The last month of `aar` a paying municipality's stays are counted as costs for: December
    of a past year, this month of this year, none (0) of a coming year or a year without paid
    stays in a service with a rate."""
    i_dag = timezone.localdate()
    if aar > i_dag.year or aar not in ophold.betalte_aar(kommune):
        return 0
    return 12 if aar < i_dag.year else i_dag.month


def betalt_for_borgerne(kommune: Kommune, aar: int, til_maaned: int) -> Betalingsudgifter:
    """`betalingskommunens_udgifter` from January to `til_maaned`, but no month after the
    stays' last counted month (`afregnede_maaneder`)."""
    til = min(til_maaned, afregnede_maaneder(kommune, aar))
    return betalingskommunens_udgifter(kommune, aar, til) if til >= 1 else Betalingsudgifter({}, [])


def opholdsborgere(kommune: Kommune) -> dict[str, tuple[str, date]]:
    """The citizens of the stays the municipality pays for, by their short key ('KFHA-MPBC'):
    (the stays' pseudonym, birth date)."""
    return {kort_pseudonym(p): (p, f) for p, _, f in ophold.betalingskommunens_borgere(kommune)}


def opholdsborgervalg(kommune: Kommune) -> list[tuple[str, str]]:
    """The stays' citizens as a form's choices: (short key, 'Borger KFHA-MPBC, født …')."""
    return [
        (kort, f"Borger {kort}, født {dansk_dato(f)}")
        for kort, (_, f) in sorted(opholdsborgere(kommune).items())
    ]


def afregn_pr_driftsherre(
    stays: list[Any], fra: date, til: date
) -> Iterator[tuple[Driftsherre, Grundlag, Bulkafregning]]:
    """The bulk path's lines of `stays` over `fra`–`til` (within one year), operator by operator
    in the stays' order: each operator's engine input and its lines (the services' rates fetched
    once for all operators)."""
    pr_driftsherre: dict[int, list[Any]] = defaultdict(list)
    for o in stays:
        pr_driftsherre[o.tilbud.driftsherre_id].append(o)
    opslag = takstopslag(list(opholdenes_ydelser(stays).values()), fra.year)
    bog = gaeldende_regelbog()
    for liste in pr_driftsherre.values():
        d = liste[0].tilbud.driftsherre
        g = grundlag_af(liste, d.rammeaftale.kode, fra, til, None, opslag)
        yield d, g, afregn_bulk(g.grundlag, bog)


def betalingskommunens_udgifter(kommune: Kommune, aar: int, til_maaned: int) -> Betalingsudgifter:
    """Every citizen `kommune` pays for, with each month's cost from January to `til_maaned`
    of `aar`: for an operator and month with a statement sent to the municipality, its latest
    version's lines; otherwise the amount the billing engine computes from the stays (the
    bulk path: the same amount a statement would bill)."""
    fra, til = date(aar, 1, 1), maanedens_sidste(aar, til_maaned)
    sendte: dict[tuple[int, int], Afregning] = {}
    for a in (
        Afregning.objects.filter(betalingskommune=kommune, aar=aar, maaned__lte=til_maaned)
        .select_related("driftsherre")
        .order_by("nummer")
    ):
        sendte[(a.driftsherre_id, a.maaned)] = a
    stays = list(ophold.betalte_ophold(kommune, fra - VARSEL_MARGIN, til))
    slutter: dict[str, list[date | None]] = defaultdict(list)
    for o in stays:
        slutter[o.borger].append(o.slut)
    ud: dict[str, Borgerudgift] = {}
    advarsler: list[str] = []
    for d, g, b in afregn_pr_driftsherre(stays, fra, til):
        d_id = d.pk
        advarsler.extend(g.udeladt)
        pseudonymer = {a.id: a.borger for a in g.grundlag.ophold}
        advarsler.extend(dict.fromkeys(b.advarsler))
        for i in range(len(b)):
            maaned = date.fromordinal(b.fra[i]).month
            if (d_id, maaned) in sendte:
                continue
            oid = b.ophold_id[b.ophold[i]]
            borger = g.borgere[oid]
            p = pseudonymer[oid]
            ud.setdefault(p, Borgerudgift(p, borger.visning, borger.foedselsdato)).tilfoej(
                maaned, b.beloeb(i), f"beregnet efter opholdet hos {d.navn} (ikke afregnet)"
            )
    for (_, maaned), a in sorted(sendte.items(), key=lambda x: (x[0][1], x[1].driftsherre.navn)):
        gemt = laes(a)
        sendt_opg = gemt.resultat.opgoerelser[0] if gemt.resultat.opgoerelser else None
        sendt = dansk_dato(timezone.localdate(a.sendt))
        kilde = f"afregning fra {a.driftsherre.navn}, version {a.nummer}, sendt {sendt}"
        for linje in sendt_opg.linjer if sendt_opg is not None else []:
            borger = gemt.borgere[linje.ophold]
            ud.setdefault(
                linje.borger, Borgerudgift(linje.borger, borger.visning, borger.foedselsdato)
            ).tilfoej(maaned, linje.beloeb, kilde)
    for p, bu in ud.items():
        datoer = slutter.get(p, [None])
        bu.ophoerer = max(d for d in datoer if d is not None) if all(d is not None for d in datoer) else None
    return Betalingsudgifter(
        dict(sorted(ud.items(), key=lambda x: x[1].visning)), list(dict.fromkeys(advarsler))
    )


# --- the booking file ---------------------------------------------------------------------------


def reference(a: Afregning) -> str:
    """The statement's reference in the booking file: 'AFR-2018-01-657-730-V1' (month, the
    operator's id, the paying municipality's code, version)."""
    return f"AFR-{a.aar}-{a.maaned:02d}-{a.driftsherre_id}-{a.betalingskommune.kode:03d}-V{a.nummer}"


def _pr_funktion(o: Opgoerelse | None) -> dict[str, Decimal]:
    ud: dict[str, Decimal] = defaultdict(lambda: NUL)
    for linje in o.linjer if o is not None else []:
        ud[(linje.funktion or "").split(" ")[0]] += linje.beloeb
    return ud


def bogfoeringsraekker(a: Afregning) -> list[Bogfoeringsraekke]:
    """What the paying municipality books for version `a`, one row per function: the version's
    amount less the previous version's (the whole amount for the first), rows without a
    difference left out (docs/bogfoeringsfil.md)."""
    nu = _pr_funktion(opgoerelsen(a))
    forrige = forrige_version(a)
    foer = _pr_funktion(opgoerelsen(forrige)) if forrige is not None else {}
    ud = []
    for funktion in sorted(set(nu) | set(foer)):
        beloeb = nu.get(funktion, NUL) - foer.get(funktion, NUL)
        if beloeb:
            ud.append(
                Bogfoeringsraekke(
                    debitor=f"{a.betalingskommune.kode:03d}",
                    kreditor=a.driftsherre.navn,
                    periode=f"{a.aar}-{a.maaned:02d}",
                    funktion=funktion,
                    beloeb=beloeb,
                    reference=reference(a),
                )
            )
    return ud
