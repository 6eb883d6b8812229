"""What a supervision year keeps as JSON besides its budget inputs (`Tilsynsaar.takstgrundlag`):
how its rates are based, the offers to rate, its municipalities, the figures it published and
last year's figures. Kept for years, so it is a versioned model (version 1); pages read it
through `Takstgrundlag.laes`."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.kerne.model import LagretResultat
from socialstyring.beregning.socialtilsyn import Forrige, Grundtakst, Offentliggjort, Tilbud


class Takstgrundlag(LagretResultat):
    """The year's rate basis and comparison figures (the engine's own input types)."""

    grundtakster: tuple[Grundtakst, ...] = ()
    tillaeg_50_plus_pr_tilbud: Decimal | None = None
    tillaeg_50_plus_budget: Decimal | None = None
    tilbud: tuple[Tilbud, ...] = ()
    kommuner: tuple[str, ...] = ()
    offentliggjort: Offentliggjort | None = None
    forrige: Forrige | None = None
