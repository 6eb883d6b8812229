"""The use case of the billing area, in one transaction: a month's statement to a paying
municipality sent as a frozen version (the first, or a correction of the latest)."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from socialstyring.web.afregning import selectors
from socialstyring.web.afregning.gemt import Gemtafregning
from socialstyring.web.afregning.models import Afregning
from socialstyring.web.faelles.samtidighed import Foraeldet, Konflikt
from socialstyring.web.register.models import Driftsherre, Kommune


class Uaendret(Exception):
    """Nothing to send: the statement is what its latest version says (or there is nothing to bill)."""


def _linjer(o: object) -> list[tuple[object, ...]]:
    """What a version bills: each line's key, days, rate, share, amount and function (the claim
    deadline's flag depends on the day it is sent, not on what is billed)."""
    linjer = getattr(o, "linjer", [])
    return [(x.navn, x.til, x.antal, x.sats, x.indskrivning_pct, x.beloeb, x.funktion) for x in linjer]


@transaction.atomic
def send_opgoerelse(
    bruger: User,
    driftsherre: Driftsherre,
    kommune: Kommune,
    aar: int,
    maaned: int,
    set_nummer: int,
    sendt: datetime | None = None,
) -> Afregning:
    """Send the operator's statement to `kommune` for the month as it stands now: a new frozen
    version with its lines, totals and trace. The operator's row is held while the statement is
    computed and stored, so two sends never get the same number; the claim date is the day sent.

    `Foraeldet` when another version was sent after the page (which showed version `set_nummer`,
    0: none) was opened; `Uaendret` when it bills what the latest version bills, or nothing at all
    and nothing was sent before; the engine's errors (ValueError) when it cannot be computed."""
    Driftsherre.objects.select_for_update().get(pk=driftsherre.pk)
    versioner = selectors.versioner(driftsherre, kommune, aar, maaned)
    seneste = versioner[-1] if versioner else None
    nummer = seneste.nummer if seneste is not None else 0
    hvad = f"Opgørelsen til {kommune.navn} for {selectors.maanedsnavn(aar, maaned)}"
    if nummer != set_nummer:
        raise Foraeldet([Konflikt(hvad, (), "en anden bruger", seneste.sendt if seneste else None)])
    sendt = sendt or timezone.now()
    kravdato: date = timezone.localdate(sendt)
    b = selectors.opgoer(bruger, driftsherre, kommune, aar, maaned, kravdato)
    if seneste is None and b.opgoerelse is None:
        raise Uaendret(f"{hvad}: der er intet at opkræve; intet er sendt.")
    if seneste is not None and _linjer(selectors.opgoerelsen(seneste)) == _linjer(b.opgoerelse):
        raise Uaendret(f"{hvad} er uændret siden version {seneste.nummer}; intet er sendt.")
    return Afregning.objects.create(
        driftsherre=driftsherre,
        betalingskommune=kommune,
        aar=aar,
        maaned=maaned,
        nummer=nummer + 1,
        i_alt=selectors.i_alt(b.opgoerelse),
        indhold=Gemtafregning(
            grundlag=b.g.grundlag.model_dump(mode="json"), resultat=b.resultat, borgere=b.g.borgere
        ).til_json(),
        sendt=sendt,
        sendt_af=bruger,
    )
