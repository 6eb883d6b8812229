"""Storing a closure statement: the input as entered and the engine's result (`beregn_lukning`),
trace included, as it was computed, in one transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from socialstyring.beregning.lukning import Lukningsgrundlag, beregn_lukning
from socialstyring.beregning.lukning import Lukningsopgoerelse as Opgoerelse
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Tilbud


def beregn(grundlag: Lukningsgrundlag) -> Opgoerelse:
    """The engine (ValueError, KeyError or a pydantic ValidationError when it cannot compute)."""
    return beregn_lukning(grundlag, gaeldende_regelbog())


@transaction.atomic
def gem_opgoerelse(
    tilbud: Tilbud, data: dict[str, Any], kommuner: list[dict[str, Any]], r: Opgoerelse, bruger: User | None
) -> Lukningsopgoerelse:
    opgoerelse = Lukningsopgoerelse(
        tilbud=tilbud,
        opgoerelse=data["opgoerelse"],
        beslutningsdato=data["beslutningsdato"],
        center=data["center"],
        tilbuddets_resultat=data["tilbuddets_resultat"],
        centrets_resultat=data["centrets_resultat"],
        kommuner=kommuner,
        resultat=r.til_json(),
        oprettet_af=bruger,
    )
    opgoerelse.full_clean()
    opgoerelse.save()
    return opgoerelse
