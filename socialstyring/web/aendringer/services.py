"""An in-year change's procedure, each step in one transaction:

- **filing** (`meld_aendring`): the engine assesses the change (`beregn_aendring`) and it is
  stored with its input, the whole result with its trace and any notes (`konsekvens`) — what
  is notified. Pages show it as stored and never recompute it. A change whose category
  requires a hearing is filed as in hearing (`I_HOERING`), any other as filed (`ANMELDT`);
- **the decision** (`beslut`): the date and the decision-maker are recorded, the change is
  assessed again with the actual decision date (`afgoerelse`), and it takes effect from the
  date the agreement's rules give for that decision date (`ikrafttraedelse`);
- **the refusal** (`afvis`): recorded with date and decision-maker; it never takes effect.

**The register is not rewritten.** The year's rate report (and its approval) stay as they
were: a decided change is a dated change on top of them. The rate in force on a day is the
report's rate until the first decided change of the service takes effect, then that change's
new rate (`selectors.gaeldende_takst`). Before a decision nothing changes.

"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from socialstyring.beregning.aendring import Aendringsgrundlag, Aendringsresultat, beregn_aendring
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.web.aendringer.konsekvens import Konsekvens
from socialstyring.web.aendringer.models import Aendring, Aendringsstatus
from socialstyring.web.faelles.samtidighed import Foraeldet, konflikt
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Tilbud, Ydelse


def beregn(grundlag: Aendringsgrundlag) -> Aendringsresultat:
    return beregn_aendring(grundlag, gaeldende_regelbog())


REGISTERHANDLING = (
    "Registeret ændres ikke ved anmeldelsen. Når ændringen er besluttet, gælder den nye takst fra "
    "ikrafttrædelsen, oven på årets takstindberetning, som står uændret."
)


@transaction.atomic
def meld_aendring(
    tilbud: Tilbud,
    ydelse: Ydelse | None,
    grundlag: Aendringsgrundlag,
    resultat: Aendringsresultat,
    noter: list[str],
    bruger: User | None,
) -> Aendring:
    """File the assessed change (its fields validated first: a justification naming a
    citizen is refused); in hearing when its category requires one."""
    aendring = Aendring(
        tilbud=tilbud,
        ydelse=ydelse,
        type=grundlag.type.value,
        begrundelse=grundlag.begrundelse,
        gammel_takst=grundlag.gammel_takst,
        ny_takst=grundlag.ny_takst,
        gamle_pladser=grundlag.gamle_pladser,
        nye_pladser=grundlag.nye_pladser,
        beslutningsdato=grundlag.beslutningsdato,
        ikrafttraedelse=resultat.ikrafttraedelse,
        kraever_hoering=resultat.kraever_hoering,
        status=Aendringsstatus.I_HOERING if resultat.kraever_hoering else Aendringsstatus.ANMELDT,
        oprettet_af=bruger,
        konsekvens=Konsekvens(
            input=grundlag.model_dump(mode="json"),
            resultat=resultat,
            noter=tuple(noter),
            registerhandling=REGISTERHANDLING,
        ).til_json(),
    )
    aendring.clean_fields(exclude=["oprettet_af", "afgoerelse_registreret_af"])
    aendring.save()
    return aendring


class Procedurefejl(Exception):
    """The step does not fit the change's status; the message says why (Danish)."""


@dataclass(frozen=True)
class Afgoerelse:
    """What a decision records."""

    dato: date
    besluttet_af: str
    note: str = ""


def vurder_beslutning(aendring: Aendring, afgoerelse: Afgoerelse) -> Aendringsresultat:
    """The change assessed with the actual decision date (what `beslut` will store): its
    input as filed, the decision date replaced. The engine's errors when it cannot."""
    k = Konsekvens.laes(aendring.konsekvens)
    grundlag = Aendringsgrundlag.model_validate({**k.input, "beslutningsdato": afgoerelse.dato.isoformat()})
    return beregn(grundlag)


def _laas(aendring: Aendring, set_v: int | None) -> Aendring:
    nu = Aendring.objects.select_for_update().get(pk=aendring.pk)
    if set_v is not None and (k := konflikt(f"Ændringen {nu}", nu, set_v, {})) is not None:
        raise Foraeldet([k])
    if not nu.er_aaben:
        raise Procedurefejl(f"Ændringen er allerede {nu.get_status_display().lower()}.")
    return nu


@transaction.atomic
def beslut(
    aendring: Aendring, afgoerelse: Afgoerelse, bruger: User | None, set_v: int | None = None
) -> Aendring:
    """Record the decision: the change takes effect from the date the agreement's rules give
    for the decision date. `Procedurefejl` when it is no longer awaiting a decision,
    `Foraeldet` when it changed after the page was opened (`set_v`)."""
    nu = _laas(aendring, set_v)
    resultat = vurder_beslutning(nu, afgoerelse)
    k = Konsekvens.laes(nu.konsekvens)
    nu.status = Aendringsstatus.BESLUTTET
    nu.afgoerelsesdato = afgoerelse.dato
    nu.besluttet_af = afgoerelse.besluttet_af.strip()
    nu.afgoerelse_note = afgoerelse.note.strip()
    nu.afgoerelse_registreret_af = bruger
    nu.ikrafttraedelse = resultat.ikrafttraedelse
    nu.afgoerelse = Konsekvens(
        input={**k.input, "beslutningsdato": afgoerelse.dato.isoformat()},
        resultat=resultat,
        noter=k.noter,
        registerhandling=(
            f"Den nye takst gælder fra {dansk_dato(resultat.ikrafttraedelse)}, oven på årets "
            "takstindberetning, som står uændret."
            if resultat.takst_efter is not None
            else None
        ),
    ).til_json()
    nu.full_clean(exclude=["oprettet_af", "afgoerelse_registreret_af"])
    nu._change_reason = f"Besluttet af {nu.besluttet_af}"  # type: ignore[attr-defined]
    nu.save()
    return nu


@transaction.atomic
def afvis(
    aendring: Aendring, afgoerelse: Afgoerelse, bruger: User | None, set_v: int | None = None
) -> Aendring:
    """Record that the change was refused: it never takes effect."""
    nu = _laas(aendring, set_v)
    nu.status = Aendringsstatus.AFVIST
    nu.afgoerelsesdato = afgoerelse.dato
    nu.besluttet_af = afgoerelse.besluttet_af.strip()
    nu.afgoerelse_note = afgoerelse.note.strip()
    nu.afgoerelse_registreret_af = bruger
    nu.full_clean(exclude=["oprettet_af", "afgoerelse_registreret_af"])
    nu._change_reason = f"Afvist af {nu.besluttet_af}"  # type: ignore[attr-defined]
    nu.save()
    return nu
