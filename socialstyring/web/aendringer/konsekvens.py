"""A filed change's stored consequences (`Aendring.konsekvens`): the engine's input as filed,
the engine's whole result with its trace as it was notified, the notes on where figures came
from, and what was done to the register. It is kept for years, so it is a versioned model:
version 2 is the current one; a record without `schema_version` is version 1 (the same keys).
The result inside has its own version and is read by `Aendringsresultat.laes`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from socialstyring.beregning.aendring import Aendringsresultat

SCHEMA_VERSION = 2


class Konsekvens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True)

    schema_version: Literal[2] = 2
    input: dict[str, Any]  # the engine's input (`Aendringsgrundlag`) as filed, in JSON
    resultat: Aendringsresultat
    noter: tuple[str, ...] = ()
    registerhandling: str | None = Field(default=None, alias="register")  # what was done to the register

    @field_validator("resultat", mode="before")
    @classmethod
    def _laes_resultat(cls, v: Any) -> Any:
        return Aendringsresultat.laes(v) if isinstance(v, Mapping) else v

    @field_serializer("resultat")
    def _gem_resultat(self, v: Aendringsresultat) -> dict[str, Any]:
        return v.til_json()

    @classmethod
    def laes(cls, data: Mapping[str, Any]) -> Konsekvens:
        """A stored record of any known version."""
        version = data.get("schema_version", 1)
        if version == 1:
            return cls.model_validate({**data, "schema_version": SCHEMA_VERSION})
        if version == SCHEMA_VERSION:
            return cls.model_validate(data)
        raise ValueError(
            f"ukendt version {version!r} af en ændrings konsekvenser; kendte er 1 og {SCHEMA_VERSION}"
        )

    def til_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
