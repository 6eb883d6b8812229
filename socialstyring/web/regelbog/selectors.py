"""The effective rulebook and the rulebook pages' data.

**The effective rulebook** (`gaeldende_regelbog`) is the shipped one (`regler.regelbog()`)
with every value entered in the app layered over it (`Regelbog.med_tillaeg`, oldest first):
every calculation of the web layer uses it, so a secretariat's value changes the rates, checks
and management information computed for its agreement. It is built once and kept in the
process until an entered value changes: the key is the newest history record of the entered
values (its id and time), one small query per use, so every process sees a change at once and
pages stay fast. A stored value that no longer fits the shipped rulebook (after an update of
the program) is left out rather than stopping every calculation; the rulebook page shows it
with its problem (`Gaeldende.ugyldige`).
"""

from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max
from django.utils import timezone

from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.kerne.regelbrug import ENHEDSTEKST, vist_vaerdi
from socialstyring.io.kilder.kommuner import rammeaftalenavn
from socialstyring.regler import Enhed, Opslag, Regelbog, Tillaeg, Tillaegsfejl, Varsel, regelbog
from socialstyring.regler.model import Parameter
from socialstyring.web.regelbog.models import Regelaendring

TALENHEDER = (
    Enhed.PCT, Enhed.PCT_AENDRING, Enhed.PCT_POINT, Enhed.KR, Enhed.ANTAL, Enhed.AAR, Enhed.DAGE, Enhed.TIMER,
)  # fmt: skip
"""Units whose values are numbers (kept as exact decimal text)."""

LEVERET = "fra regelbogen, som den følger med Socialstyring"


# --- a value as entered ------------------------------------------------------------------------


@dataclass(frozen=True)
class Indtastning:
    """A value as a form (or a history record) gives it; `vaerdi` as the rulebook reads it (a
    Decimal, a text, a notice period's table). The source's fields are used when any is
    filled in, the assumption when it is."""

    fra: Any
    til: Any
    vaerdi: Any
    kilde_dokument: str = ""
    kilde_afsnit: str = ""
    kilde_url: str = ""
    kilde_note: str = ""
    antaget: str = ""

    def som_regelvaerdi(self) -> dict[str, Any]:
        """The value as a rule file writes it."""
        d: dict[str, Any] = {"fra": self.fra, "vaerdi": self.vaerdi}
        if self.til is not None:
            d["til"] = self.til
        kilde = (self.kilde_dokument, self.kilde_afsnit, self.kilde_url, self.kilde_note)
        if any(kilde):
            d["kilde"] = {
                "dokument": self.kilde_dokument,
                "afsnit": self.kilde_afsnit or None,
                "url": self.kilde_url or None,
                "note": self.kilde_note or None,
            }
        if self.antaget:
            d["antaget"] = self.antaget
        return d


def gemt_vaerdi(vaerdi: Any) -> Any:
    """A value as the database keeps it (JSON): a number as its exact decimal text."""
    if isinstance(vaerdi, Decimal):
        return format(vaerdi, "f")
    if isinstance(vaerdi, Varsel):
        return vaerdi.model_dump(exclude_none=True)
    return vaerdi


def raa_vaerdi(enhed: Enhed | None, gemt: Any) -> Any:
    """A kept value as the rulebook reads it (`gemt_vaerdi` the other way)."""
    if enhed in TALENHEDER and isinstance(gemt, str):
        try:
            return Decimal(gemt)
        except ArithmeticError:
            return gemt
    return gemt


def indtastning(a: Any, enhed: Enhed | None) -> Indtastning:
    """A kept value (a `Regelaendring` or one of its history records) as entered."""
    return Indtastning(
        fra=a.fra,
        til=a.til,
        vaerdi=raa_vaerdi(enhed, a.vaerdi),
        kilde_dokument=a.kilde_dokument,
        kilde_afsnit=a.kilde_afsnit,
        kilde_url=a.kilde_url,
        kilde_note=a.kilde_note,
        antaget=a.antaget,
    )


def _hvem(bruger: User | None) -> str:
    return bruger.get_username() if bruger is not None else "en slettet bruger"


def oprindelse(a: Regelaendring) -> str:
    """Where an entered value came from, as every trace says it: "Rammeaftalens egen værdi,
    indtastet af sek_midt 4. december 2026" (and who changed it last, and when)."""
    hvad = "National værdi indtastet i Socialstyring" if a.lag == "national" else "Rammeaftalens egen værdi"
    tekst = f"{hvad}, indtastet af {_hvem(a.oprettet_af)} {dansk_dato(timezone.localdate(a.oprettet))}"
    if a.aendret_af_id != a.oprettet_af_id or timezone.localdate(a.aendret) != timezone.localdate(a.oprettet):
        tekst += f", senest ændret af {_hvem(a.aendret_af)} {dansk_dato(timezone.localdate(a.aendret))}"
    return tekst


def parameter(bog: Regelbog, lag: str, navn: str) -> Parameter | None:
    """The parameter as `lag` may hold it: its own, else (for an agreement) the national one."""
    p = bog.parameter(lag, navn)
    if p is None and lag != "national":
        p = bog.parameter("national", navn)
    return p


def beskrivelse(lag: str, navn: str) -> str:
    """A parameter's description as users read it (its name when the rulebook has none)."""
    p = parameter(gaeldende_regelbog(), lag, navn)
    return p.beskrivelse if p is not None else navn


def _tillaeg(a: Regelaendring, bog: Regelbog) -> Tillaeg:
    p = parameter(bog, a.lag, a.parameter)
    ind = indtastning(a, p.enhed if p is not None else None)
    return Tillaeg(a.lag, a.parameter, ind.som_regelvaerdi(), oprindelse(a))


def _aendringer() -> list[Regelaendring]:
    return list(Regelaendring.objects.select_related("oprettet_af", "aendret_af").order_by("oprettet", "pk"))


# --- the effective rulebook --------------------------------------------------------------------


@dataclass(frozen=True)
class Gaeldende:
    """The effective rulebook and the entered values left out of it (id → problems)."""

    bog: Regelbog
    ugyldige: dict[int, list[Tillaegsfejl]] = field(default_factory=dict)


_laas = threading.Lock()
_gemt: tuple[tuple[Any, ...], Gaeldende] | None = None


_forespoergsel = threading.local()
"""Within one web request the key is asked for once (a page may compute hundreds of rates):
set by `forespoergsel_begynder`, forgotten when the request ends or an entered value changes."""


def _noegle() -> tuple[Any, ...]:
    """The newest history record of the entered values: changes with every save and delete."""
    husket: tuple[Any, ...] | None = getattr(_forespoergsel, "noegle", None)
    if husket is not None:
        return husket
    h = Regelaendring.history.aggregate(nr=Max("history_id"), tid=Max("history_date"))
    noegle = (h["nr"], h["tid"])
    if getattr(_forespoergsel, "aktiv", False):
        _forespoergsel.noegle = noegle
    return noegle


def forespoergsel_begynder(**_: Any) -> None:
    """A web request begins (Django's `request_started`): remember the key for its duration."""
    _forespoergsel.aktiv, _forespoergsel.noegle = True, None


def forespoergsel_slutter(**_: Any) -> None:
    """The request ended (`request_finished`)."""
    _forespoergsel.aktiv, _forespoergsel.noegle = False, None


def glem_noeglen(**_: Any) -> None:
    """An entered value was saved or deleted: ask again."""
    _forespoergsel.noegle = None


def gaeldende() -> Gaeldende:
    """The effective rulebook (see the module), rebuilt when an entered value has changed."""
    global _gemt
    noegle = _noegle()
    gemt = _gemt
    if gemt is not None and gemt[0] == noegle:
        return gemt[1]
    with _laas:
        aendringer = _aendringer()
        leveret = regelbog()
        bog, fejl = leveret.med_gyldige_tillaeg([_tillaeg(a, leveret) for a in aendringer])
        ugyldige: dict[int, list[Tillaegsfejl]] = {}
        for f in fejl:
            ugyldige.setdefault(aendringer[f.nr].pk, []).append(f)
        resultat = Gaeldende(bog, ugyldige)
        _gemt = (noegle, resultat)
    return resultat


def gaeldende_regelbog() -> Regelbog:
    """The rulebook every calculation of the web layer uses: the shipped one with the values
    entered in the app (see the module)."""
    return gaeldende().bog


# --- trying a value before it is saved ---------------------------------------------------------

FORMFELTER = {
    "fra": "fra",
    "til": "til",
    "vaerdi": "vaerdi",
    "kilde": "antaget",
    "kilde.dokument": "kilde_dokument",
    "kilde.afsnit": "kilde_afsnit",
    "kilde.url": "kilde_url",
    "kilde.note": "kilde_note",
    "antaget": "antaget",
}
"""The rulebook's fields of a value → the form's field its problem is shown at."""


@dataclass(frozen=True)
class Afproevning:
    """A value tried against the rulebook: the rulebook with it (as it would be after the
    save) and its problems (form field or None → messages); no problems: it can be saved."""

    bog: Regelbog
    fejl: dict[str | None, list[str]]


def afproev(lag: str, navn: str, ind: Indtastning, uden: int | None = None) -> Afproevning:
    """Try `ind` as a value of `navn` in `lag` with every other entered value (`uden`: the
    entered value it replaces): validated exactly as the rulebook validates a value."""
    leveret = regelbog()
    andre = [a for a in _aendringer() if a.pk != uden]
    ny = Tillaeg(lag, navn, ind.som_regelvaerdi(), "Den nye værdi")
    bog, fejl = leveret.med_gyldige_tillaeg([*(_tillaeg(a, leveret) for a in andre), ny])
    egne: dict[str | None, list[str]] = {}
    for f in fejl:
        if f.nr == len(andre):
            egne.setdefault(FORMFELTER.get(f.felt), []).append(f.besked)
    return Afproevning(bog, egne)


# --- the pages ---------------------------------------------------------------------------------


def lagnavn(lag: str) -> str:
    """'Rammeaftale Midtjylland', 'National'."""
    return "National" if lag == "national" else rammeaftalenavn(lag)


def _lagtekst(lag: str) -> str:
    return "national værdi" if lag == "national" else f"{lagnavn(lag)}s egen værdi"


def vis(enhed: Enhed | None, vaerdi: Any) -> str:
    """A value as people read it: '1,3 %', '365 dage', 'Løbende måned + 2 måneder'."""
    if isinstance(vaerdi, dict) and "tekst" in vaerdi:
        return str(vaerdi["tekst"])
    if isinstance(vaerdi, Varsel):
        return vaerdi.tekst
    if isinstance(vaerdi, Decimal | int) and not isinstance(vaerdi, bool):
        return f"{dansk_tal(vaerdi)}{ENHEDSTEKST.get(enhed, '') if enhed else ''}"
    return str(vaerdi)


@dataclass(frozen=True)
class Vaerdilinje:
    """One value of a parameter as the pages list it."""

    opslag: Opslag
    vist: str
    aendring: Regelaendring | None  # the entered value behind it, if any


@dataclass(frozen=True)
class Parameterlinje:
    """A parameter on the layer's page: its value in force on the day, if any."""

    navn: str
    beskrivelse: str
    i_kraft: Vaerdilinje | None
    indtastet: bool  # the layer holds an entered value of it


@dataclass(frozen=True)
class Emne:
    navn: str
    parametre: list[Parameterlinje]


def _linje(o: Opslag, aendringer: dict[tuple[str, str, date], Regelaendring]) -> Vaerdilinje:
    return Vaerdilinje(o, vist_vaerdi(o), aendringer.get((o.lag, o.navn, o.fra)) if o.oprindelse else None)


def _aendringer_efter_noegle(lag: str) -> dict[tuple[str, str, date], Regelaendring]:
    lagene = ("national",) if lag == "national" else (lag, "national")
    return {
        (a.lag, a.parameter, a.fra): a
        for a in Regelaendring.objects.filter(lag__in=lagene).select_related("oprettet_af", "aendret_af")
    }


def lagets_parametre(lag: str, dato: date) -> list[Emne]:
    """Every parameter of the layer (for an agreement: its own and the national ones) with its
    value in force at `dato`, grouped by subject (the rule file)."""
    bog = gaeldende_regelbog()
    aendringer = _aendringer_efter_noegle(lag)
    indtastede = {(a.parameter) for a in aendringer.values() if a.lag == lag}
    emner: dict[str, list[Parameterlinje]] = {}
    for navn in bog.navne(lag):
        p = parameter(bog, lag, navn)
        assert p is not None
        try:
            i_kraft: Vaerdilinje | None = _linje(bog.vaerdi(navn, lag, dato, advar=False), aendringer)
        except KeyError:
            i_kraft = None
        emner.setdefault(navn.split(".", 1)[0], []).append(
            Parameterlinje(navn, p.beskrivelse, i_kraft, navn in indtastede)
        )
    return [Emne(n, ps) for n, ps in sorted(emner.items())]


def parameterens_vaerdier(lag: str, navn: str) -> dict[str, list[Vaerdilinje]]:
    """The values of `navn` over time: the layer's own (shipped and entered) and, for an
    agreement, the national ones that apply where it has none."""
    bog = gaeldende_regelbog()
    aendringer = _aendringer_efter_noegle(lag)
    ud = {"egne": [_linje(o, aendringer) for o in bog.vaerdier(navn, lag)]}
    if lag != "national":
        ud["nationale"] = [_linje(o, aendringer) for o in bog.vaerdier(navn, "national")]
    return ud


def ugyldige(lag: str) -> list[tuple[Regelaendring, list[Tillaegsfejl]]]:
    """The layer's entered values the effective rulebook leaves out, with their problems."""
    g = gaeldende()
    if not g.ugyldige:
        return []
    return [
        (a, g.ugyldige[a.pk])
        for a in Regelaendring.objects.filter(pk__in=list(g.ugyldige), lag=lag).order_by("parameter", "fra")
    ]


def foelger(
    lag: str, navn: str, ind: Indtastning, afproevning: Afproevning, gammel: Regelaendring | None = None
) -> list[str]:
    """What a save will do, in words, for the confirmation page."""
    p = parameter(afproevning.bog, lag, navn)
    assert p is not None
    efter = afproevning.bog.vaerdi(navn, lag, ind.fra, advar=False)
    hvor = lagnavn(lag)
    slut = f" til {dansk_dato(efter.slut)}" if efter.slut else " og fremover"
    punkter = [
        f"{p.beskrivelse} for {hvor}: {vist_vaerdi(efter)} fra {dansk_dato(ind.fra)}{slut}.",
        f"Kilde: {efter.kildetekst}." if not efter.er_antaget else f"Antaget: {efter.kildetekst}",
    ]
    if gammel is not None:
        punkter.insert(0, f"Den indtastede værdi fra {dansk_dato(gammel.fra)} ændres.")
    try:
        foer = gaeldende_regelbog().vaerdi(navn, lag, ind.fra, advar=False)
        punkter.append(
            f"Nu gælder {vist_vaerdi(foer)} fra {dansk_dato(foer.fra)} ({_lagtekst(foer.lag)}; "
            f"{foer.oprindelse or LEVERET})."
        )
    except KeyError:
        punkter.append(f"Nu har regelbogen ingen værdi for {dansk_dato(ind.fra)}.")
    punkter.append(_virkning(lag, ind.fra))
    return punkter


def _virkning(lag: str, fra: date) -> str:
    hvem = "alle rammeaftaler, der ikke har deres egen værdi" if lag == "national" else lagnavn(lag)
    return (
        f"Fra {dansk_dato(fra)} regner Socialstyring med den nye værdi for {hvem}: takstberegninger, "
        "takstindberetningens kontrol, ledelsesinformation og de andre beregninger, der bruger reglen. "
        "Gemte opgørelser og offentliggjorte kataloger ændres ikke. Ændringen gemmes med dit brugernavn "
        "og tidspunktet og kan ses og gendannes under Historik."
    )


def sletningens_foelger(a: Regelaendring) -> list[str]:
    p = parameter(regelbog(), a.lag, a.parameter)
    enhed = p.enhed if p is not None else None
    efter = afproev_uden(a)
    punkter = [
        f"Den indtastede værdi {vis(enhed, raa_vaerdi(enhed, a.vaerdi))} for "
        f"{p.beskrivelse if p else a.parameter} fra {dansk_dato(a.fra)} ({lagnavn(a.lag)}) slettes.",
    ]
    try:
        o = efter.vaerdi(a.parameter, a.lag, a.fra, advar=False)
        punkter.append(
            f"Fra {dansk_dato(a.fra)} gælder derefter {vist_vaerdi(o)} ({_lagtekst(o.lag)}; "
            f"{o.oprindelse or LEVERET})."
        )
    except KeyError:
        punkter.append(f"Derefter har regelbogen ingen værdi for {dansk_dato(a.fra)}.")
    punkter.append("Sletningen gemmes i historikken, hvorfra værdien kan gendannes.")
    return punkter


def afproev_uden(a: Regelaendring) -> Regelbog:
    """The rulebook without the entered value `a`."""
    leveret = regelbog()
    return leveret.med_gyldige_tillaeg([_tillaeg(b, leveret) for b in _aendringer() if b.pk != a.pk])[0]


# --- history -----------------------------------------------------------------------------------

HANDLINGER = {"+": "Indtastet", "~": "Ændret", "-": "Slettet"}


@dataclass(frozen=True)
class Historiklinje:
    post: Any  # a history record of Regelaendring
    handling: str
    vist: str
    kan_gendannes: bool


def historik(lag: str) -> list[Historiklinje]:
    """Every save and delete of the layer's entered values, newest first: who, when, what. A
    version can be restored unless it is what is kept now."""
    poster = list(
        Regelaendring.history.filter(lag=lag)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    nu = {a.pk: a.version for a in Regelaendring.objects.filter(lag=lag)}
    leveret = regelbog()
    ud = []
    for h in poster:
        p = parameter(leveret, lag, h.parameter)
        enhed = p.enhed if p is not None else None
        handling = HANDLINGER[h.history_type]
        if h.history_change_reason:
            handling = str(h.history_change_reason)
        er_nu = h.history_type != "-" and nu.get(h.id) == h.version
        ud.append(Historiklinje(h, handling, vis(enhed, raa_vaerdi(enhed, h.vaerdi)), not er_nu))
    return ud


def hent_historikpost(lag: str, history_id: int) -> Any | None:
    return Regelaendring.history.filter(lag=lag, history_id=history_id).first()


def eksport(lag: str) -> dict[str, str]:
    """The layer as rule files (file name → YAML), entered values included."""
    return gaeldende_regelbog().eksporter(lag)


def eksport_zip(lag: str) -> bytes:
    """The layer's rule files in a zip, in the rulebook's folder layout (`<lag>/<emne>.yaml`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, tekst in eksport(lag).items():
            z.writestr(f"{lag}/{navn}", tekst)
    return buffer.getvalue()


def gendannelsens_foelger(lag: str, post: Any) -> list[str]:
    """What restoring the history record `post` will do, in words."""
    p = parameter(regelbog(), lag, post.parameter)
    enhed = p.enhed if p is not None else None
    ind = indtastning(post, enhed)
    afproevning = afproev(lag, post.parameter, ind, uden=post.id)
    hvornaar = timezone.localtime(post.history_date)
    punkter = [
        f"Værdien gendannes, som den blev gemt {dansk_dato(hvornaar.date())} kl. {hvornaar:%H.%M} "
        f"(version {post.history_id})."
    ]
    if afproevning.fejl:
        beskeder = "; ".join(b for bs in afproevning.fejl.values() for b in bs)
        return [*punkter, f"Den kan ikke gendannes, som regelbogen er nu: {beskeder}."]
    return [*punkter, *foelger(lag, post.parameter, ind, afproevning)]
