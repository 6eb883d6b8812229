"""The trace (spor): why a number is what it is.

Every calculation writes an ordered list of steps (`Trin`). A step names the figure
(`noegle`), says in Danish what it is, gives the formula, the named inputs (each either
a given value or the key of an earlier step), the result, its unit and the rulebook
references it used. `forklar(noegle)` walks back through the inputs so a user can ask
"why" of any figure; `til_json()` and `som_tekst()` serialise the whole trace.

A `Spor` is also a pydantic field type (see `kerne.model.Resultat`): it is validated from
a `Spor` or from its JSON (`fra_json`) and serialised to JSON by `til_json()`. A trace read
back from JSON keeps its decimals as the strings they were stored as, so two traces are
equal when they serialise alike (a trace equals its own stored copy).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from socialstyring.beregning.kerne.penge import dansk_tal

Tal = Decimal | int | str
T = TypeVar("T", bound=Decimal | int | str)


@dataclass(frozen=True)
class Regelreference:
    """One rulebook value as used by a step: name, value, layer and its source. As a
    dataclass it is also a pydantic field type, with the same JSON as `til_json()`.

    `oprindelse` is None for the shipped rulebook's value, and for a value entered in the
    app says who entered it and when; a trace stored before values could be entered has
    none, and its JSON leaves the key out while it is None (stored records read back and
    serialise as they were stored)."""

    parameter: str
    vaerdi: str
    lag: str  # "national" or the framework agreement (region) that holds the value
    gyldig_fra: date
    kilde: str  # human readable source, or the reason for an assumption
    antaget: bool = False
    url: str | None = None
    advarsel: str | None = None
    oprindelse: str | None = None

    @property
    def oprindelse_tekst(self) -> str:
        """Where the value came from, as users read it."""
        return self.oprindelse or "Regelbogen, som den følger med Socialstyring"

    def til_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "parameter": self.parameter,
            "vaerdi": self.vaerdi,
            "lag": self.lag,
            "gyldig_fra": self.gyldig_fra.isoformat(),
            "kilde": self.kilde,
            "antaget": self.antaget,
            "url": self.url,
            "advarsel": self.advarsel,
        }
        if self.oprindelse is not None:
            data["oprindelse"] = self.oprindelse
        return data

    @classmethod
    def fra_json(cls, r: dict[str, Any]) -> Regelreference:
        return cls(
            parameter=r["parameter"],
            vaerdi=r["vaerdi"],
            lag=r["lag"],
            gyldig_fra=date.fromisoformat(r["gyldig_fra"]),
            kilde=r["kilde"],
            antaget=bool(r["antaget"]),
            url=r.get("url"),
            advarsel=r.get("advarsel"),
            oprindelse=r.get("oprindelse"),
        )

    def som_tekst(self) -> str:
        art = "ANTAGET" if self.antaget else "kilde"
        tekst = f"{self.parameter} = {self.vaerdi} ({self.lag}, fra {self.gyldig_fra}"
        tekst += f"; {art}: {self.kilde})"
        if self.oprindelse:
            tekst += f" [{self.oprindelse}]"
        if self.advarsel:
            tekst += f" ADVARSEL: {self.advarsel}"
        return tekst

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validated as the dataclass it is; serialised to JSON by `til_json()`."""
        return core_schema.no_info_after_validator_function(
            lambda r: r,
            handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda r: r.til_json(), when_used="json"
            ),
        )


@dataclass(frozen=True)
class Indgang:
    """A named input to a step: a value, the step it came from if any, and its unit ("kr.",
    "dage", "pladser", "%", …). An input from a step has that step's unit (`enhed` None: the
    trace panel shows the step's); a given value carries its own, or none. A trace stored
    before inputs had units reads back with none."""

    vaerdi: Tal
    fra_trin: str | None = None
    enhed: str | None = None

    def til_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"vaerdi": _json_tal(self.vaerdi), "fra_trin": self.fra_trin}
        if self.enhed is not None:  # left out while None: stored traces serialise as stored
            data["enhed"] = self.enhed
        return data

    @classmethod
    def fra_json(cls, i: dict[str, Any]) -> Indgang:
        return cls(i["vaerdi"], i["fra_trin"], i.get("enhed"))


def med_enhed(v: Tal, enhed: str) -> Indgang:
    """A given input value with its unit: `med_enhed(pladser, "pladser")`."""
    return Indgang(v, enhed=enhed)


@dataclass(frozen=True)
class Trin:
    noegle: str
    label: str
    formel: str
    input: Mapping[str, Indgang]
    resultat: Tal
    enhed: str
    regler: tuple[Regelreference, ...] = ()
    bemaerkning: str | None = None

    def til_json(self) -> dict[str, Any]:
        return {
            "noegle": self.noegle,
            "label": self.label,
            "formel": self.formel,
            "input": {navn: i.til_json() for navn, i in self.input.items()},
            "resultat": _json_tal(self.resultat),
            "enhed": self.enhed,
            "regler": [r.til_json() for r in self.regler],
            "bemaerkning": self.bemaerkning,
        }

    def som_tekst(self) -> str:
        linjer = [f"{self.label}: {_vis(self.resultat)} {self.enhed}".rstrip()]
        linjer.append(f"  formel: {self.formel}")
        for navn, i in self.input.items():
            hvorfra = f"  (trin {i.fra_trin})" if i.fra_trin else ""
            enhed = f" {i.enhed}" if i.enhed else ""
            linjer.append(f"  {navn} = {_vis(i.vaerdi)}{enhed}{hvorfra}")
        linjer.extend(f"  regel: {r.som_tekst()}" for r in self.regler)
        if self.bemaerkning:
            linjer.append(f"  note: {self.bemaerkning}")
        return "\n".join(linjer)


@dataclass(eq=False)
class Spor:
    """An ordered trace; keys are unique so every figure can be asked about.
    Steps are also indexed by key, so look-ups stay fast in traces of thousands of steps.

    Equal traces serialise alike (`til_json()`): a stored trace read back with `fra_json`
    (decimals as strings) equals the trace it was stored from."""

    trin: list[Trin] = field(default_factory=list)
    _indeks: dict[str, Trin] = field(default_factory=dict, init=False, repr=False, compare=False)
    _plads: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._indeks = {t.noegle: t for t in self.trin}

    def __iter__(self) -> Iterator[Trin]:
        return iter(self.trin)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Spor):
            return NotImplemented
        return self is other or self.til_json() == other.til_json()

    __hash__ = None  # type: ignore[assignment]  # mutable: a trace grows step by step

    def __contains__(self, noegle: object) -> bool:
        return noegle in self._indeks

    def tilfoej(
        self,
        noegle: str,
        label: str,
        formel: str,
        resultat: T,
        enhed: str,
        input: Mapping[str, Indgang | Tal] | None = None,
        regler: tuple[Regelreference, ...] | list[Regelreference] = (),
        bemaerkning: str | None = None,
    ) -> T:
        """Record a step and return its result, so a calculation reads as its trace."""
        if noegle in self:
            raise ValueError(f"trinnet '{noegle}' findes allerede i sporet")
        indgange = {navn: v if isinstance(v, Indgang) else Indgang(v) for navn, v in (input or {}).items()}
        for navn, i in indgange.items():
            if i.fra_trin is not None and i.fra_trin not in self:
                raise ValueError(f"'{navn}' henviser til ukendt trin '{i.fra_trin}'")
        trin = Trin(noegle, label, formel, indgange, resultat, enhed, tuple(regler), bemaerkning)
        self.trin.append(trin)
        self._indeks[noegle] = trin
        return resultat

    def fra(self, noegle: str) -> Indgang:
        """An input that is the result of an earlier step."""
        return Indgang(self[noegle].resultat, noegle)

    def __getitem__(self, noegle: str) -> Trin:
        return self._indeks[noegle]

    def forklar(self, noegle: str) -> list[Trin]:
        """The step behind `noegle` and every earlier step it depends on, in trace order."""
        behov: set[str] = set()
        ventende = [noegle]
        while ventende:
            n = ventende.pop()
            if n in behov:
                continue
            behov.add(n)
            ventende.extend(i.fra_trin for i in self[n].input.values() if i.fra_trin)
        if len(self._plads) != len(self.trin):
            self._plads = {t.noegle: i for i, t in enumerate(self.trin)}
        return [self.trin[i] for i in sorted(self._plads[n] for n in behov)]

    def regler(self) -> list[Regelreference]:
        """Every rulebook reference used, once each, in first-use order."""
        set_: dict[tuple[str, str], Regelreference] = {}
        for t in self.trin:
            for r in t.regler:
                set_.setdefault((r.parameter, r.lag), r)
        return list(set_.values())

    def til_json(self) -> list[dict[str, Any]]:
        return [t.til_json() for t in self.trin]

    @classmethod
    def fra_json(cls, trin: list[dict[str, Any]]) -> Spor:
        """A stored trace back as a `Spor` (decimals stay the strings they were stored as)."""
        return cls(
            [
                Trin(
                    noegle=t["noegle"],
                    label=t["label"],
                    formel=t["formel"],
                    input={n: Indgang.fra_json(i) for n, i in t["input"].items()},
                    resultat=t["resultat"],
                    enhed=t["enhed"],
                    regler=tuple(Regelreference.fra_json(r) for r in t["regler"]),
                    bemaerkning=t.get("bemaerkning"),
                )
                for t in trin
            ]
        )

    def som_tekst(self) -> str:
        return "\n".join(f"{nr}. {t.som_tekst()}" for nr, t in enumerate(self.trin, start=1))

    # --- as a pydantic field type ------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """A field of type `Spor` takes a `Spor` as it is or its JSON (a list of steps), and
        serialises to JSON by `til_json()`."""
        return core_schema.no_info_plain_validator_function(
            cls._valider,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda spor: spor.til_json(), when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "array", "items": {"type": "object"}, "description": "sporets trin (Spor.til_json)"}

    @classmethod
    def _valider(cls, v: Any) -> Spor:
        if isinstance(v, Spor):
            return v
        if not isinstance(v, list):
            raise ValueError(f"forventede et spor (en liste af trin), fik {type(v).__name__}")
        try:
            return cls.fra_json(v)
        except (KeyError, TypeError, AttributeError, ValueError) as fejl:
            raise ValueError(f"sporet kan ikke læses: {fejl!r}") from None


def _json_tal(v: Tal) -> str | int:
    # Decimals travel as strings in JSON so no reader turns them into floats.
    return str(v) if isinstance(v, Decimal) else v


def _vis(v: Tal) -> str:
    if isinstance(v, (Decimal, int)) and not isinstance(v, bool):
        return dansk_tal(v)
    return str(v)
