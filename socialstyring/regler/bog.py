"""Loading the rulebook and asking it for the value in force at a date.

Precedence is explicit: a framework agreement's own value (its layer) wins over the
national value, and a regional parameter that shares its name with a national one must
say `tilsidesaetter_national: true`; otherwise loading fails. The answer (`Opslag`)
tells which layer the value came from.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from socialstyring.regler.model import LAG, Enhed, Kilde, Parameter, Regelfil, Varsel
from socialstyring.regler.yamlfil import laes_yaml

DATA = Path(__file__).parent / "data"


class RegelbogFejl(Exception):
    """A rule file is invalid; the message names file, key path and problem."""


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

    @property
    def vist_vaerdi(self) -> str:
        from socialstyring.beregning.penge import dansk_tal

        if isinstance(self.vaerdi, Varsel):
            return self.vaerdi.tekst
        if isinstance(self.vaerdi, Decimal | int):
            enhed = {
                Enhed.PCT: " %",
                Enhed.PCT_AENDRING: " %",
                Enhed.PCT_POINT: " procentpoint",
                Enhed.KR: " kr.",
                Enhed.AAR: " år",
                Enhed.DAGE: " dage",
            }.get(self.enhed, "")
            return f"{dansk_tal(self.vaerdi)}{enhed}"
        return str(self.vaerdi)


@dataclass(frozen=True)
class _Post:
    navn: str
    lag: str
    fil: Path
    parameter: Parameter


class Regelbog:
    """The whole rulebook, validated and held in memory."""

    def __init__(self, poster: dict[tuple[str, str], _Post]) -> None:
        self._poster = poster

    @classmethod
    def indlaes(cls, mappe: Path = DATA) -> Regelbog:
        """Read and validate every rule file under `mappe`; fail on the first bad file."""
        poster: dict[tuple[str, str], _Post] = {}
        if not mappe.is_dir():
            raise RegelbogFejl(f"{mappe}: regelbogens mappe findes ikke")
        for lagmappe in sorted(p for p in mappe.iterdir() if p.is_dir()):
            if lagmappe.name not in LAG:
                raise RegelbogFejl(
                    f"{lagmappe}: ukendt lag '{lagmappe.name}'; kendte lag er {', '.join(LAG)}"
                )
            for fil in sorted(lagmappe.glob("*.yaml")):
                regelfil = _laes_fil(fil)
                for noegle, parameter in regelfil.parametre.items():
                    navn = f"{fil.stem}.{noegle}"
                    poster[(lagmappe.name, navn)] = _Post(navn, lagmappe.name, fil, parameter)
        for (lag, navn), post in poster.items():
            if lag == "national":
                if post.parameter.tilsidesaetter_national:
                    raise RegelbogFejl(
                        f"{post.fil}: parametre.{_noegle(navn)}: 'tilsidesaetter_national' "
                        "giver kun mening i en rammeaftales mappe"
                    )
                continue
            findes_nationalt = ("national", navn) in poster
            if findes_nationalt and not post.parameter.tilsidesaetter_national:
                raise RegelbogFejl(
                    f"{post.fil}: parametre.{_noegle(navn)}: findes også i national; "
                    "skriv 'tilsidesaetter_national: true' for at tilsidesætte den nationale værdi"
                )
            if post.parameter.tilsidesaetter_national and not findes_nationalt:
                raise RegelbogFejl(
                    f"{post.fil}: parametre.{_noegle(navn)}: 'tilsidesaetter_national' er sat, "
                    "men der er ingen national parameter med det navn"
                )
        return cls(poster)

    def navne(self, region: str) -> list[str]:
        """Every parameter name that applies to `region` (national and its own)."""
        self._tjek_lag(region)
        return sorted({n for (lag, n) in self._poster if lag in ("national", region)})

    def har(self, navn: str, region: str) -> bool:
        return ("national", navn) in self._poster or (region, navn) in self._poster

    def vaerdi(self, navn: str, region: str, dato: date) -> Opslag:
        """The value in force at `dato` for `region`: its own value first, then national."""
        self._tjek_lag(region)
        for lag in (region, "national") if region != "national" else ("national",):
            post = self._poster.get((lag, navn))
            if post is None:
                continue
            opslag = _i_kraft(post, dato)
            if opslag is not None:
                if opslag.advarsel:
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

    def _tjek_lag(self, region: str) -> None:
        if region not in LAG:
            raise KeyError(f"ukendt rammeaftale '{region}'; kendte er {', '.join(LAG)}")


def _noegle(navn: str) -> str:
    return navn.split(".", 1)[1]


def _i_kraft(post: _Post, dato: date) -> Opslag | None:
    p = post.parameter
    gaeldende = None
    for nr, v in enumerate(p.vaerdier):
        slut = v.til or (p.vaerdier[nr + 1].fra if nr + 1 < len(p.vaerdier) else None)
        if v.fra <= dato and (slut is None or dato < slut):
            gaeldende = v
    if gaeldende is None:
        return None
    advarsel = None
    er_nyeste = gaeldende is p.vaerdier[-1]
    if (
        er_nyeste
        and p.naeste_opdatering is not None
        and dato >= p.naeste_opdatering
        and gaeldende.fra < p.naeste_opdatering
    ):
        kontrol = f", sidst kontrolleret {p.sidst_kontrolleret}" if p.sidst_kontrolleret else ""
        advarsel = (
            f"{post.navn}: værdien er fra {gaeldende.fra}; en ny værdi var ventet fra "
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
    )


def _laes_fil(fil: Path) -> Regelfil:
    try:
        data = laes_yaml(fil.read_text(encoding="utf-8"))
    except yaml.YAMLError as fejl:
        raise RegelbogFejl(f"{fil}: ugyldig YAML: {fejl}") from fejl
    if not isinstance(data, dict):
        raise RegelbogFejl(f"{fil}: filen skal være en tabel med 'beskrivelse' og 'parametre'")
    try:
        return Regelfil.model_validate(data)
    except ValidationError as fejl:
        raise RegelbogFejl(_fejltekst(fil, fejl)) from None


def _fejltekst(fil: Path, fejl: ValidationError) -> str:
    linjer = []
    for e in fejl.errors():
        sti = ".".join(str(d) for d in e["loc"] if not str(d).startswith("function-"))
        linjer.append(f"{fil}: {sti or '(roden)'}: {_besked(e)}")
    return "\n".join(linjer)


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
