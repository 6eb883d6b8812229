"""The published catalogue as it is stored (`Katalog.indhold`): a frozen snapshot that must
read back for years, so it is a versioned pydantic model. Version 2 is the current one; a
snapshot without `schema_version` is version 1 (written before the version was recorded:
the same fields, some of them optional), and reading goes through `Katalogindhold.laes`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 2
GRUNDLAG_TEKST = "Indsendte og godkendte takstindberetninger"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Katalogydelse(_Model):
    navn: str
    afdeling: str = ""
    pladstype: str
    takstenhed: str
    pladser: Decimal | None = None
    belaegning_pct: Decimal | None = None
    takst: Decimal | None = None
    takst_kilde: str = ""


class Katalogtilbud(_Model):
    navn: str
    driftsherre: str
    indberetning: str  # the status of the operator's report (a key, e.g. "godkendt")
    paragraf: str
    maalgruppe: str = ""
    takststruktur: str
    kategori: str = ""
    ydelser: tuple[Katalogydelse, ...] = ()


class Medtaget(_Model):
    navn: str
    status: str
    indsendt: str | None = None


class Manglende(_Model):
    navn: str
    status: str


class Aftale(_Model):
    kode: str
    navn: str


class Katalogindhold(_Model):
    """One published version of the catalogue."""

    schema_version: Literal[2] = 2
    titel: str
    rammeaftale: Aftale
    aar: int
    version: int
    offentliggjort: str  # ISO timestamp
    offentliggjort_af: str = ""
    grundlag: str = GRUNDLAG_TEKST
    driftsherrer: tuple[Medtaget, ...] = ()
    mangler: tuple[Manglende, ...] = ()
    tilbud: tuple[Katalogtilbud, ...] = ()

    @classmethod
    def laes(cls, data: Mapping[str, Any]) -> Katalogindhold:
        """A stored snapshot of any known version."""
        version = data.get("schema_version", 1)
        if version == 1:
            return cls.model_validate({**data, "schema_version": SCHEMA_VERSION})
        if version == SCHEMA_VERSION:
            return cls.model_validate(data)
        raise ValueError(f"ukendt version {version!r} af et takstkatalog; kendte er 1 og {SCHEMA_VERSION}")

    def til_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
