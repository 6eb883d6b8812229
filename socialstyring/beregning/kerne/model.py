"""The engine's model types: inputs (`Inddata`, exact amounts that refuse floats), results
(`Resultat`, one JSON form for all) and results stored for years (`LagretResultat`, with a
schema version and a reader of every known version); case registration (`Caseberegning`).

**Results.** Every engine result is a frozen pydantic model. Its JSON is `til_json()` =
`model_dump(mode="json")`, defined once here: decimals as strings, dates ISO, enums by
value, a `Spor` by `Spor.til_json()`. Figures that are derived from the fields (a Danish
label, `regler_anvendt`, a rounded percentage) are `@computed_field`s or serialisers on
the result itself, so the JSON keeps them without a hand-written `til_json`.

**Stored results.** A `LagretResultat` is kept in the database as its `til_json()` and read
back years later, so its JSON is a format: `til_json()` carries `"schema_version"` (a record
without it is version 1) and `laes(data)` reads a record of any known version through the
model. Changing the JSON of a stored result means raising `SCHEMA_VERSION` and adding to
`OPGRADERINGER` the one function that turns a record of the previous version into the new
one; a module cannot be imported while a version lacks its conversion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    computed_field,
    model_validator,
)

from socialstyring.beregning.kerne.penge import som_decimal
from socialstyring.beregning.kerne.spor import Regelreference, Spor

if TYPE_CHECKING:
    from socialstyring.regler import Regelbog


def _eksakt(v: Any) -> Decimal:
    if isinstance(v, (Decimal, int, str)) and not isinstance(v, bool):
        return som_decimal(v)
    raise ValueError(f"forventede et eksakt tal, fik {v!r}")


Tal = Annotated[Decimal, BeforeValidator(_eksakt)]
"""A Decimal input; int and str are converted, float and bool are refused."""


class Inddata(BaseModel):
    """Base for engine inputs: immutable, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


LAESNING = "socialstyring.laesning"
"""Validation context key: the data is a stored record (JSON), not the engine's own values."""


class Resultat(BaseModel):
    """Base for engine results: immutable, no unknown keys, and one JSON form (`til_json`).

    Results are built only inside the engine (with keyword arguments) from values it has
    already checked. Read back from JSON (`LagretResultat.laes`, which validates with the
    context `LAESNING`), the derived keys a result's JSON carries — its computed fields,
    by name or alias — are ignored rather than refused: they follow from the other fields.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    @model_validator(mode="before")
    @classmethod
    def _uden_afledte_noegler(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and info.context and info.context.get(LAESNING):
            afledte = _afledte_noegler(cls)
            if afledte:
                return {k: v for k, v in data.items() if k not in afledte}
        return data

    def til_json(self) -> dict[str, Any]:
        """The result as JSON-ready data (decimals as strings, dates ISO, the trace as a list)."""
        return self.model_dump(mode="json")


def _afledte_noegler(cls: type[BaseModel]) -> frozenset[str]:
    """The keys of a model's computed fields, by name and by alias."""
    felter = cls.model_computed_fields
    return frozenset(felter) | frozenset(f.alias for f in felter.values() if f.alias)


class ResultatMedRegler(Resultat):
    """A result with a trace (`spor`) whose JSON lists the rulebook references it used
    (`regler_anvendt`). Each subclass declares `spor` where it belongs among its fields."""

    if TYPE_CHECKING:
        spor: Spor

    def regler_anvendt(self) -> list[Regelreference]:
        """Every rulebook reference the trace used, once each, in first-use order."""
        return self.spor.regler()

    @computed_field(alias="regler_anvendt")  # type: ignore[prop-decorator]
    @property
    def _regler_anvendt(self) -> list[Regelreference]:
        return self.regler_anvendt()


Opgradering = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a stored record of version n (without `schema_version`) into version n + 1."""


class LagretResultat(Resultat):
    """A result stored as its `til_json()` and read back with `laes` (see the module's
    docstring). A subclass sets `SCHEMA_VERSION` and gives, in `OPGRADERINGER`, the
    conversion from every earlier version n (1 ≤ n < `SCHEMA_VERSION`) to n + 1."""

    SCHEMA_VERSION: ClassVar[int] = 1
    OPGRADERINGER: ClassVar[Mapping[int, Opgradering]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        mangler = [n for n in range(1, cls.SCHEMA_VERSION) if n not in cls.OPGRADERINGER]
        if mangler:
            raise TypeError(
                f"{cls.__name__}: ingen opgradering fra schema_version {', '.join(map(str, mangler))}"
            )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def schema_version(self) -> int:
        """The version of this result's JSON form (`SCHEMA_VERSION`)."""
        return self.SCHEMA_VERSION

    @classmethod
    def laes(cls, data: Mapping[str, Any]) -> Self:
        """A stored record (`til_json()` of this or any earlier version) as the current model.

        Raises ValueError for a record that is not a table, has an unknown `schema_version`
        or does not fit the model (pydantic's ValidationError is a ValueError)."""
        if not isinstance(data, Mapping):
            raise ValueError(
                f"{cls.__name__}: et gemt resultat skal være en tabel, ikke {type(data).__name__}"
            )
        version = data.get("schema_version", 1)
        kendte = range(1, cls.SCHEMA_VERSION + 1)
        if isinstance(version, bool) or not isinstance(version, int) or version not in kendte:
            raise ValueError(
                f"{cls.__name__}: det gemte resultat har schema_version {version!r}, som denne version af "
                f"Socialstyring ikke kender (kendte versioner: {', '.join(map(str, kendte))}); "
                "det kan være gemt af en nyere version af programmet"
            )
        post = {k: v for k, v in data.items() if k != "schema_version"}
        for n in range(version, cls.SCHEMA_VERSION):
            post = cls.OPGRADERINGER[n](post)
        return cls.model_validate(post, context={LAESNING: True})


def slug(tekst: str) -> str:
    """An ASCII key for a name, used in trace keys: 'Døgnophold § 108' → 'doegnophold_108'."""
    tekst = tekst.lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", tekst).strip("_") or "x"


class Noegler:
    """Unique ASCII trace keys for names: 'Favrskov kommune' → 'favrskov_kommune' (a
    suffix is added if two names give the same key)."""

    def __init__(self) -> None:
        self._noegler: dict[str, str] = {}
        self._brugte: set[str] = set()

    def __call__(self, navn: str) -> str:
        n = self._noegler.get(navn)
        if n is None:
            n = base = slug(navn)
            i = 2
            while n in self._brugte:
                n, i = f"{base}_{i}", i + 1
            self._noegler[navn] = n
            self._brugte.add(n)
        return n


@dataclass(frozen=True)
class Caseberegning:
    """A calculation that case files and `socialstyring beregn <navn>` can run.

    A module in `socialstyring.beregning` declares `CASEBEREGNING = Caseberegning(...)`;
    `socialstyring.io.cases` finds every such module, so adding a calculation needs no
    registration elsewhere.
    """

    navn: str
    input: type[Inddata]
    funktion: Callable[[Any, Regelbog], Any]
    beskrivelse: str
