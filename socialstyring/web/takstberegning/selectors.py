"""The rate calculations as pages and other areas read them: a stored calculation run through
the engine, what the rate page offers an editor, the services of a calculation and the
results carried into it, and the calculations a user may see."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.penge import kr
from socialstyring.beregning.takst import Takstgrundlag, Takstresultat
from socialstyring.web.faelles.aarsvalg import aar_med_data
from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Takstberegning, Tilbud, Ydelsesaar
from socialstyring.web.register.selectors import indberetningsaar
from socialstyring.web.register.services import laast_status
from socialstyring.web.takstberegning.adgang import synlige_takstberegninger
from socialstyring.web.takstberegning.services import beregn, overfoersler, register_ydelser


class Beregningsfejl(Exception):
    """The stored input could not be computed (invalid input or a rule missing)."""


def beregn_gemt(beregning: Takstberegning) -> tuple[Takstgrundlag, Takstresultat]:
    """Run the engine on the stored input (`Beregningsfejl` when it cannot)."""
    try:
        grundlag = beregning.takstgrundlag()
        return grundlag, beregn(grundlag)
    except PydanticValidationError as fejl:
        raise Beregningsfejl(f"takstgrundlaget er ugyldigt: {fejl}") from fejl
    except MOTORFEJL as fejl:
        raise Beregningsfejl(motorfejl(fejl)) from fejl


def beregning(tilbud: Tilbud, aar: int) -> Takstberegning | None:
    return Takstberegning.objects.filter(tilbud=tilbud, aar=aar).first()


@dataclass(frozen=True)
class Budgethandlinger:
    """What the rate page offers a user who may edit the budget."""

    laast: str  # '' while the report is a draft, else its status in words
    afviger: list[str]  # services whose register row differs from the calculation
    sprunget: list[str]  # rates that cannot be transferred, and why


def budgethandlinger(bruger: Bruger, b: Takstberegning, resultat: Takstresultat) -> Budgethandlinger | None:
    """None unless the user may edit the offer's budget."""
    tilbud = b.tilbud
    if not adgang.kan_redigere(bruger, tilbud.driftsherre):
        return None
    overfoer, sprunget = overfoersler(register_ydelser(tilbud), resultat)
    raekker = {
        ya.ydelse_id: ya
        for ya in Ydelsesaar.objects.filter(ydelse__in=[o.ydelse for o in overfoer], aar=b.aar)
    }
    afviger = []
    for o in overfoer:
        ya = raekker.get(o.ydelse.pk)
        if ya is None or ya.takst != o.takst or ya.takstberegning_id != b.pk:
            afviger.append(o.ydelse.navn)
    return Budgethandlinger(laast_status(tilbud.driftsherre, b.aar), afviger, sprunget)


def ydelsesnavne(b: Takstberegning | None) -> tuple[list[str], str | None]:
    """The services of a calculation and the default one to carry a result into: the first
    with places."""
    if b is None:
        return [], None
    try:
        ydelser = b.takstgrundlag().ydelser
    except PydanticValidationError:
        return [], None
    navne = [y.navn for y in ydelser]
    standard = next((y.navn for y in ydelser if y.pladser > 0), navne[0] if navne else None)
    return navne, standard


def indregnede_resultater(b: Takstberegning | None, resultataar: int) -> list[tuple[str, str]]:
    """(service, amount) of the calculation's carried results from `resultataar`."""
    if b is None:
        return []
    try:
        g = b.takstgrundlag()
    except PydanticValidationError:
        return []
    return [(y.navn, kr(r.resultat)) for y in g.ydelser for r in y.regulering if r.aar == resultataar]


SENESTE_PAA_FORSIDEN = 10
"""How many rate calculations the front page lists; the rest are on each offer's page."""


@dataclass(frozen=True)
class SenesteBeregninger:
    """The front page's card: the calculations the user may see changed last, and how many
    there are in all (and on how many offers)."""

    beregninger: list[Takstberegning]
    antal: int
    antal_tilbud: int


def seneste_beregninger(bruger: Bruger) -> SenesteBeregninger:
    """The `SENESTE_PAA_FORSIDEN` calculations the user may see that were changed last (newest first), with
    their offer, operator and agreement; and the count of all of them. One page lists a few
    rows, however large the register (a national secretariat sees thousands)."""
    synlige = synlige_takstberegninger(bruger)
    seneste = list(
        synlige.select_related("tilbud__driftsherre__rammeaftale")
        .defer("grundlag")
        .order_by("-aendret", "-id")[:SENESTE_PAA_FORSIDEN]
    )
    return SenesteBeregninger(
        seneste, synlige.count(), synlige.values("tilbud_id").order_by().distinct().count()
    )


def budgetaar(tilbud: Tilbud) -> list[int]:
    """The years whose budget there is to see or write, ascending: those with yearly figures
    or a rate calculation of the offer, and the agreement's reporting year."""
    return aar_med_data(
        Ydelsesaar.objects.filter(ydelse__tilbud=tilbud),
        Takstberegning.objects.filter(tilbud=tilbud),
        [indberetningsaar(tilbud.driftsherre.rammeaftale)],
    )


def synlige_beregningsaar(bruger: Bruger, tilbud: Tilbud) -> list[int]:
    """The years of the offer's rate calculations the user may see, ascending."""
    return aar_med_data(synlige_takstberegninger(bruger).filter(tilbud=tilbud))
