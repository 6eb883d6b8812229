"""Loading the rulebook and asking it for the value in force at a date.

Precedence is explicit: a framework agreement's own value (its layer) wins over the
national value, and a regional parameter that shares its name with a national one must
say `tilsidesaetter_national: true`; otherwise loading fails. The answer (`Opslag`)
tells which layer the value came from, and whether it is the shipped rulebook's value or
one entered in the app on top of it (`oprindelse`; see `Regelbog.med_tillaeg` and
`tillaeg.py` for how entered values are layered over the shipped ones).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from socialstyring.regler.model import LAG, Enhed, Kilde, Parameter, Regelfil
from socialstyring.regler.yamlfil import laes_yaml_med_noder

if TYPE_CHECKING:
    from socialstyring.regler.tillaeg import Tillaeg, Tillaegsfejl

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Regelfejl:
    """One problem in the rulebook: where it is (file, line, column, key path) and what.

    Lines and columns count from 1. `linje` is None only where there is no line to name
    (a folder); `kolonne` is given for YAML syntax errors, where the parser knows it.
    """

    fil: Path
    linje: int | None
    kolonne: int | None
    sti: str
    besked: str

    def __str__(self) -> str:
        sted = str(self.fil)
        if self.linje is not None:
            sted += f":{self.linje}"
            if self.kolonne is not None:
                sted += f":{self.kolonne}"
        return f"{sted}: {self.sti}: {self.besked}" if self.sti else f"{sted}: {self.besked}"

    def _orden(self) -> tuple[str, int, int, str, str]:
        return (str(self.fil), self.linje or 0, self.kolonne or 0, self.sti, self.besked)


class RegelbogFejl(Exception):
    """The rulebook is invalid. `fejl` holds every problem found, sorted by file and line;
    the message lists them one per line as `file:line: key path: problem`."""

    def __init__(self, fejl: Iterable[Regelfejl]) -> None:
        self.fejl: list[Regelfejl] = sorted(fejl, key=Regelfejl._orden)
        super().__init__("\n".join(str(f) for f in self.fejl))

    def __reduce__(self) -> tuple[type[RegelbogFejl], tuple[list[Regelfejl]]]:
        # Rebuild from the list, not the message (pickling, e.g. across processes).
        return (type(self), (self.fejl,))


_log = logging.getLogger("socialstyring.regler")
_logget: set[tuple[str, str, date]] = set()


def _advar_een_gang(opslag: Opslag) -> None:
    """Log a stale value once per process; the calculation carries it in its trace
    and warnings (`Opslag.advarsel`), so this is only the operator's log line."""
    noegle = (opslag.navn, opslag.lag, opslag.fra)
    if noegle not in _logget:
        _logget.add(noegle)
        _log.warning("%s", opslag.advarsel)


@dataclass(frozen=True)
class Opslag:
    """The answer to 'what is parameter X for region R at date D'."""

    navn: str
    vaerdi: Any
    enhed: Enhed
    beskrivelse: str
    lag: str
    fra: date
    til: date | None
    kilde: Kilde | None
    antaget: str | None
    note: str | None
    tilsidesaetter_national: bool
    sidst_kontrolleret: date | None
    advarsel: str | None
    oprindelse: str | None = None
    """None for the shipped rulebook's value; for a value entered in the app, who entered it
    and when ("Rammeaftalens egen værdi, indtastet af … 4. december 2026")."""
    slut: date | None = None
    """The day the value stops being its layer's value: its `til`, or else the next value's
    `fra`; None while no later value is known."""

    @property
    def er_antaget(self) -> bool:
        return self.antaget is not None

    @property
    def kildetekst(self) -> str:
        if self.kilde is not None:
            return self.kilde.som_tekst()
        return str(self.antaget)

    @property
    def decimal(self) -> Decimal:
        if not isinstance(self.vaerdi, (Decimal, int)):
            raise TypeError(f"{self.navn} er ikke et tal")
        return Decimal(self.vaerdi)


@dataclass(frozen=True)
class _Post:
    navn: str
    lag: str
    fil: Path
    parameter: Parameter
    filbeskrivelse: str = ""  # the rule file's own `beskrivelse` (for the export)
    oprindelser: Mapping[date, str] = field(default_factory=dict)  # fra → origin of an entered value


class Regelbog:
    """The whole rulebook, validated and held in memory."""

    def __init__(self, poster: dict[tuple[str, str], _Post]) -> None:
        self._poster = poster

    @classmethod
    def indlaes(cls, mappe: Path = DATA) -> Regelbog:
        """Read and validate every rule file under `mappe`. Every problem in every file is
        collected; if there are any, one RegelbogFejl lists them all."""
        if not mappe.is_dir():
            raise RegelbogFejl([Regelfejl(mappe, None, None, "", "regelbogens mappe findes ikke")])
        fejl: list[Regelfejl] = []
        poster: dict[tuple[str, str], _Post] = {}
        erklaeringer: dict[tuple[str, str], _Erklaering] = {}
        for lagmappe in sorted(p for p in mappe.iterdir() if p.is_dir()):
            kendt = lagmappe.name in LAG
            if not kendt:
                fejl.append(
                    Regelfejl(
                        lagmappe,
                        None,
                        None,
                        "",
                        f"ukendt lag '{lagmappe.name}'; kendte lag er {', '.join(LAG)}",
                    )
                )
            for fil in sorted(lagmappe.glob("*.yaml")):
                # Files in an unknown layer are still checked, so one run shows everything.
                laest = _laes_fil(fil, fejl)
                if laest is None or not kendt:
                    continue
                for erklaering in _erklaeringer(laest):
                    erklaeringer[(lagmappe.name, erklaering.navn)] = erklaering
                if laest.regelfil is not None:
                    for noegle, parameter in laest.regelfil.parametre.items():
                        navn = f"{fil.stem}.{noegle}"
                        poster[(lagmappe.name, navn)] = _Post(
                            navn, lagmappe.name, fil, parameter, laest.regelfil.beskrivelse
                        )
        fejl.extend(_tjek_forrang(erklaeringer))
        if fejl:
            raise RegelbogFejl(fejl)
        return cls(poster)

    def navne(self, region: str) -> list[str]:
        """Every parameter name that applies to `region` (national and its own)."""
        self._tjek_lag(region)
        return sorted({n for (lag, n) in self._poster if lag in ("national", region)})

    def har(self, navn: str, region: str) -> bool:
        return ("national", navn) in self._poster or (region, navn) in self._poster

    def vaerdi(self, navn: str, region: str, dato: date, *, advar: bool = True) -> Opslag:
        """The value in force at `dato` for `region`: its own value first, then national.
        A stale value is logged once per process unless `advar` is false (a page listing
        the rulebook, not a calculation using it); the answer carries the warning either way."""
        self._tjek_lag(region)
        for lag in (region, "national") if region != "national" else ("national",):
            post = self._poster.get((lag, navn))
            if post is None:
                continue
            opslag = _i_kraft(post, dato)
            if opslag is not None:
                if opslag.advarsel and advar:
                    _advar_een_gang(opslag)
                return opslag
        if not self.har(navn, region):
            raise KeyError(f"regelbogen har ingen parameter '{navn}' for {region}")
        raise KeyError(f"regelbogen har ingen værdi for '{navn}' i {region} den {dato}")

    def alle_i_kraft(self, region: str, dato: date) -> list[Opslag]:
        """Every value in force for `region` at `dato` (skipping those with none then)."""
        resultat = []
        for navn in self.navne(region):
            try:
                resultat.append(self.vaerdi(navn, region, dato))
            except KeyError:
                continue
        return resultat

    def parameter(self, lag: str, navn: str) -> Parameter | None:
        """The parameter as layer `lag` itself holds it (None when the layer has no value of
        its own for it: the national one applies)."""
        post = self._poster.get((lag, navn))
        return post.parameter if post is not None else None

    def beskrivelse(self, navn: str, lag: str) -> str | None:
        """The parameter's description, as users read its name: the layer's own, else the
        national one (None when the rulebook has no such parameter)."""
        for l_ in (lag, "national"):
            post = self._poster.get((l_, navn))
            if post is not None:
                return post.parameter.beskrivelse
        return None

    def egne_navne(self, lag: str) -> list[str]:
        """The parameters layer `lag` holds values of itself, in the order of its files."""
        self._tjek_lag(lag)
        return [n for (l_, n) in self._poster if l_ == lag]

    def vaerdier(self, navn: str, lag: str) -> list[Opslag]:
        """Every value layer `lag` itself holds for `navn`, oldest first, each with its
        `slut` and its origin (empty when the layer has none of its own)."""
        post = self._poster.get((lag, navn))
        if post is None:
            return []
        return [_opslag(post, nr) for nr in range(len(post.parameter.vaerdier))]

    def med_tillaeg(self, tillaeg: Sequence[Tillaeg]) -> Regelbog:
        """A new rulebook: this one with `tillaeg` (values entered in the app) layered over
        it, each validated exactly as a value of its parameter in a YAML file (see
        `tillaeg.py` for the precedence). Any invalid one: `RegelbogFejl` listing every
        problem (`Tillaegsfejl`, naming the value by its number and field)."""
        from socialstyring.regler.tillaeg import laeg_paa

        poster, fejl = laeg_paa(self._poster, tillaeg)
        if fejl:
            raise RegelbogFejl(fejl)
        return Regelbog(poster)

    def med_gyldige_tillaeg(self, tillaeg: Sequence[Tillaeg]) -> tuple[Regelbog, list[Tillaegsfejl]]:
        """As `med_tillaeg`, but an invalid value is left out (with its problems in the
        list) instead of refusing them all: a rulebook that always loads."""
        from socialstyring.regler.tillaeg import laeg_paa

        poster, fejl = laeg_paa(self._poster, tillaeg)
        return Regelbog(poster), fejl

    def eksporter(self, lag: str) -> dict[str, str]:
        """Layer `lag` as rule files in the shipped format: file name (`<emne>.yaml`) → YAML
        text, entered values included; the files replace `data/<lag>/` and load with
        `Regelbog.indlaes` to the same values."""
        from socialstyring.regler.eksport import eksporter_lag

        self._tjek_lag(lag)
        return eksporter_lag([p for (l_, _), p in self._poster.items() if l_ == lag])

    def _tjek_lag(self, region: str) -> None:
        if region not in LAG:
            raise KeyError(f"ukendt rammeaftale '{region}'; kendte er {', '.join(LAG)}")


def _slut(p: Parameter, nr: int) -> date | None:
    v = p.vaerdier[nr]
    return v.til or (p.vaerdier[nr + 1].fra if nr + 1 < len(p.vaerdier) else None)


def _i_kraft(post: _Post, dato: date) -> Opslag | None:
    p = post.parameter
    gaeldende: int | None = None
    for nr, v in enumerate(p.vaerdier):
        slut = _slut(p, nr)
        if v.fra <= dato and (slut is None or dato < slut):
            gaeldende = nr
    if gaeldende is None:
        return None
    return _opslag(post, gaeldende, dato)


def _opslag(post: _Post, nr: int, dato: date | None = None) -> Opslag:
    """Value number `nr` of `post` as an answer; `dato` is the date asked about (for the
    staleness warning), None when the value is listed rather than looked up."""
    p = post.parameter
    gaeldende = p.vaerdier[nr]
    advarsel = None
    er_nyeste = gaeldende is p.vaerdier[-1]
    if (
        er_nyeste
        and dato is not None
        and p.naeste_opdatering is not None
        and dato >= p.naeste_opdatering
        and gaeldende.fra < p.naeste_opdatering
    ):
        kontrol = f", sidst kontrolleret {p.sidst_kontrolleret}" if p.sidst_kontrolleret else ""
        advarsel = (
            f"{p.beskrivelse}: værdien er fra {gaeldende.fra}; en ny værdi var ventet fra "
            f"{p.naeste_opdatering}{kontrol}"
        )
    return Opslag(
        navn=post.navn,
        vaerdi=gaeldende.vaerdi,
        enhed=p.enhed,
        beskrivelse=p.beskrivelse,
        lag=post.lag,
        fra=gaeldende.fra,
        til=gaeldende.til,
        kilde=gaeldende.kilde,
        antaget=gaeldende.antaget,
        note=gaeldende.note,
        tilsidesaetter_national=p.tilsidesaetter_national,
        sidst_kontrolleret=p.sidst_kontrolleret,
        advarsel=advarsel,
        oprindelse=post.oprindelser.get(gaeldende.fra),
        slut=_slut(p, nr),
    )


@dataclass(frozen=True)
class _Laest:
    """A rule file that is YAML and a mapping; `regelfil` is None if it failed validation."""

    fil: Path
    data: dict[Any, Any]
    rod: yaml.Node
    regelfil: Regelfil | None


@dataclass(frozen=True)
class _Erklaering:
    """A parameter as its file declares it, valid or not: enough for the precedence checks.
    `tilsidesaetter_national` is None where the flag itself is invalid (reported already)."""

    navn: str
    noegle: str
    fil: Path
    linje: int
    tilsidesaetter_national: bool | None


def _laes_fil(fil: Path, fejl: list[Regelfejl]) -> _Laest | None:
    """Read and validate one file, adding its problems to `fejl`; None if it is not even
    a YAML mapping (then nothing of it can be used)."""
    raa = fil.read_bytes()
    try:
        tekst = raa.decode("utf-8")
    except UnicodeDecodeError as e:
        fejl.append(Regelfejl(fil, raa[: e.start].count(b"\n") + 1, None, "", "filen er ikke gyldig UTF-8"))
        return None
    try:
        data, rod = laes_yaml_med_noder(tekst)
    except yaml.YAMLError as e:
        linje: int | None = None
        kolonne: int | None = None
        if isinstance(e, yaml.MarkedYAMLError):
            mark = e.problem_mark or e.context_mark
            if mark is not None:
                linje, kolonne = mark.line + 1, mark.column + 1
            besked = _yamlbesked(e)
        elif isinstance(e, yaml.reader.ReaderError):  # a character YAML does not allow
            linje = tekst[: int(e.position)].count("\n") + 1
            tegn = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
            besked = f"tegnet {tegn} er ikke tilladt"
        else:
            besked = _en_linje(str(e))
        fejl.append(Regelfejl(fil, linje, kolonne, "", f"ugyldig YAML: {besked}"))
        return None
    if not isinstance(data, dict) or rod is None:
        linje = rod.start_mark.line + 1 if rod is not None else 1
        besked = "filen skal være en tabel med 'beskrivelse' og 'parametre'"
        fejl.append(Regelfejl(fil, linje, None, "", besked))
        return None
    try:
        regelfil: Regelfil | None = Regelfil.model_validate(data)
    except ValidationError as e:
        fejl.extend(_valideringsfejl(fil, rod, f) for f in e.errors())
        regelfil = None
    return _Laest(fil, data, rod, regelfil)


def _erklaeringer(laest: _Laest) -> Iterator[_Erklaering]:
    """The parameters a file declares, read from the validated file where it is valid and
    from its raw data where not, so a broken file still takes part in the precedence checks."""
    parametre = laest.data.get("parametre")
    if not isinstance(parametre, dict):
        return
    for noegle, raa in parametre.items():
        if not isinstance(noegle, str):
            continue
        flag: bool | None
        if laest.regelfil is not None:
            flag = laest.regelfil.parametre[noegle].tilsidesaetter_national
        elif isinstance(raa, dict):
            vaerdi = raa.get("tilsidesaetter_national", False)
            flag = vaerdi if isinstance(vaerdi, bool) else None
        else:
            flag = None
        linje = _mark(laest.rod, ("parametre", noegle)).line + 1
        yield _Erklaering(f"{laest.fil.stem}.{noegle}", noegle, laest.fil, linje, flag)


def _tjek_forrang(erklaeringer: dict[tuple[str, str], _Erklaering]) -> Iterator[Regelfejl]:
    """A regional parameter named like a national one must say `tilsidesaetter_national`,
    and only then; each problem points at the parameter's key."""
    for (lag, navn), e in erklaeringer.items():
        if e.tilsidesaetter_national is None:
            continue
        sti = f"parametre.{e.noegle}"
        if lag == "national":
            if e.tilsidesaetter_national:
                besked = "'tilsidesaetter_national' giver kun mening i en rammeaftales mappe"
                yield Regelfejl(e.fil, e.linje, None, sti, besked)
            continue
        findes_nationalt = ("national", navn) in erklaeringer
        if findes_nationalt and not e.tilsidesaetter_national:
            besked = (
                "findes også i national; "
                "skriv 'tilsidesaetter_national: true' for at tilsidesætte den nationale værdi"
            )
            yield Regelfejl(e.fil, e.linje, None, sti, besked)
        if e.tilsidesaetter_national and not findes_nationalt:
            besked = "'tilsidesaetter_national' er sat, men der er ingen national parameter med det navn"
            yield Regelfejl(e.fil, e.linje, None, sti, besked)


def _yamlbesked(e: yaml.MarkedYAMLError) -> str:
    """The parser's problem on one line, with what it was reading and from where."""
    besked = e.problem or e.context or "ukendt fejl"
    if e.problem and e.context:
        fra = f", linje {e.context_mark.line + 1}" if e.context_mark is not None else ""
        besked += f" ({e.context}{fra})"
    return _en_linje(besked)


def _en_linje(tekst: str) -> str:
    return " ".join(tekst.split())


def _valideringsfejl(fil: Path, rod: yaml.Node, e: Any) -> Regelfejl:
    """One pydantic error as a Regelfejl, at the line of the key or item it concerns."""
    loc: list[str | int] = [d for d in e["loc"] if not (isinstance(d, str) and d.startswith("function-"))]
    besked = _en_linje(_besked(e))  # one line per problem in the message
    if loc and loc[-1] == "[key]":  # the key itself is wrong, not its value
        loc.pop()
        besked = f"nøglen: {besked}"
    mark = _mark(rod, [*loc, *_uddybning(besked)])
    return Regelfejl(fil, mark.line + 1, None, _sti(loc) or "(roden)", besked)


def _sti(loc: Sequence[str | int]) -> str:
    """A key path as the files read: parametre.p.vaerdier[1].fra."""
    dele: list[str] = []
    for d in loc:
        if isinstance(d, int):
            dele.append(f"[{d}]")
        else:
            dele.append(f".{d}" if dele else d)
    return "".join(dele)


def _uddybning(besked: str) -> tuple[str | int, ...]:
    """Where below the failing object a model validator's message points (the validators
    of model.py check a whole parameter or file and name the part in their message)."""
    if m := re.match(r"vaerdier\[(\d+)\]\.vaerdi: ", besked):
        return ("vaerdier", int(m[1]), "vaerdi")
    if m := re.match(r"parameternavnet '(.*)' må", besked):
        return ("parametre", m[1])
    if besked.startswith("datoerne overlapper"):
        return ("vaerdier",)
    if besked.startswith("'til' ("):
        return ("til",)
    if besked.startswith("'valgmuligheder' skal"):
        return ("valgmuligheder",)
    return ()


def _mark(rod: yaml.Node, sti: Sequence[str | int]) -> yaml.Mark:
    """The position of the deepest node on `sti` that exists: a mapping entry's key or a
    sequence's item. Where a key is missing, that is the entry or item that should hold it."""
    node, mark = rod, rod.start_mark
    for d in sti:
        if isinstance(node, yaml.MappingNode):
            # The last of duplicate keys, as that is the one YAML keeps.
            par = next(
                (
                    (k, v)
                    for k, v in reversed(node.value)
                    if isinstance(k, yaml.ScalarNode) and k.value == str(d)
                ),
                None,
            )
            if par is None:
                break
            mark, node = par[0].start_mark, par[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(d, int) and 0 <= d < len(node.value):
            node = node.value[d]
            mark = node.start_mark
        else:
            break
    return mark


def _besked(e: Any) -> str:
    """pydantic's message in Danish for the common cases."""
    ctx = e.get("ctx") or {}
    match e["type"]:
        case "extra_forbidden":
            return "ukendt nøgle"
        case "missing":
            return "påkrævet felt mangler"
        case "string_too_short":
            return f"teksten er for kort (mindst {ctx.get('min_length')} tegn)"
        case "too_short":
            return "listen må ikke være tom"
        case t if t.startswith("date"):
            return f"'{e.get('input')}' er ikke en dato (ÅÅÅÅ-MM-DD)"
        case "enum" | "literal_error":
            return f"'{e.get('input')}' er ikke en gyldig værdi ({ctx.get('expected')})"
        case _:
            return str(e["msg"]).removeprefix("Value error, ")


_standard: Regelbog | None = None


def regelbog() -> Regelbog:
    """The packaged rulebook, loaded once per process."""
    global _standard
    if _standard is None:
        _standard = Regelbog.indlaes()
    return _standard
