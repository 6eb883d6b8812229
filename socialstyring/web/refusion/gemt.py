"""A submitted claim as stored (`Refusionskrav.indhold`): the engine's input as submitted and
its whole result with the trace. Kept for years, so it is a versioned model (version 1)."""

from __future__ import annotations

from typing import Any

from socialstyring.beregning.kerne.model import LagretResultat
from socialstyring.beregning.refusion import Refusionsopgoerelse


class Gemtkrav(LagretResultat):
    """The frozen claim: `grundlag` is the engine's input (`Refusionsgrundlag`) in JSON."""

    grundlag: dict[str, Any]
    opgoerelse: Refusionsopgoerelse
