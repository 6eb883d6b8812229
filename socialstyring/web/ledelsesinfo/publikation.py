"""The stored form of published figures (`PubliceredeTal.figurer`), versioned: version 1 is
the current one. Reading goes through `Publikation.laes`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from socialstyring.beregning.ledelsesinfo import Figurnoegle

SCHEMA_VERSION = 1


class Publiceret(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tabel: str
    gruppe: str = ""
    raekke: str
    kolonne: str
    vaerdi: Decimal | None  # None: the cell is printed empty ('-')


class Publikation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    figurer: tuple[Publiceret, ...]

    @classmethod
    def laes(cls, data: Mapping[str, Any]) -> Publikation:
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"ukendt version {version!r} af publicerede tal; kendt er {SCHEMA_VERSION}")
        return cls.model_validate(data)

    @classmethod
    def fra_figurer(cls, figurer: Mapping[Figurnoegle, Decimal | None]) -> Publikation:
        return cls(figurer=tuple(Publiceret(**f._asdict(), vaerdi=v) for f, v in figurer.items()))

    def som_figurer(self) -> dict[Figurnoegle, Decimal | None]:
        return {Figurnoegle(p.tabel, p.gruppe, p.raekke, p.kolonne): p.vaerdi for p in self.figurer}

    def til_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
