"""Filing an in-year change: the engine assesses it (`beregn_aendring`), and the change is
stored with its input, the whole result with its trace and any notes (`konsekvens`), in one
transaction. The stored result is what was notified: pages show it as stored and never
recompute it, so a later change of the rulebook does not rewrite a notification.

**The register follows a rate.** When the change sets a new rate for a service (a rate rise,
a cut, a technical correction, or a change of places that states a new rate) and it takes
effect in the year it is decided, the service's `Ydelsesaar.takst` for that year is set to
the new rate with `kilde_tekst` "Ændring i året pr. <dato>" (history keeps the old rate).
An in-year change is the agreed way to change a published rate, so it is not refused by the
year's report lock. Places and closures are recorded on the change only."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from socialstyring.beregning.aendring import Aendringsgrundlag, Aendringsresultat, beregn_aendring
from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.regler import regelbog
from socialstyring.web.aendringer.konsekvens import Konsekvens
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.register.models import TakstKilde, Tilbud, Ydelse, Ydelsesaar


def beregn(grundlag: Aendringsgrundlag) -> Aendringsresultat:
    return beregn_aendring(grundlag, regelbog())


@transaction.atomic
def meld_aendring(
    tilbud: Tilbud,
    ydelse: Ydelse | None,
    grundlag: Aendringsgrundlag,
    resultat: Aendringsresultat,
    noter: list[str],
    bruger: User | None,
) -> Aendring:
    """Store the assessed change and let the register follow its rate (its fields
    validated first: a justification naming a citizen is refused)."""
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
        oprettet_af=bruger,
    )
    aendring.clean_fields(exclude=["oprettet_af"])
    aendring.save()
    register = _opdater_register(aendring, resultat, ydelse)
    aendring.konsekvens = Konsekvens(
        input=grundlag.model_dump(mode="json"),
        resultat=resultat,
        noter=tuple(noter),
        registerhandling=register,
    ).til_json()
    aendring.save(update_fields=["konsekvens"])
    return aendring


def _opdater_register(aendring: Aendring, resultat: Aendringsresultat, ydelse: Ydelse | None) -> str | None:
    """Set the service's rate for the year to the new rate; returns what was done."""
    if ydelse is None or resultat.takst_efter is None:
        return None
    if resultat.aar != resultat.beslutningsdato.year:
        return (
            f"Registeret er ikke ændret: ændringen får først virkning i {resultat.aar} og hører "
            "til det års takstindberetning."
        )
    ya = Ydelsesaar.objects.select_for_update().filter(ydelse=ydelse, aar=resultat.aar).first()
    ya = ya or Ydelsesaar(ydelse=ydelse, aar=resultat.aar)
    ya.takst = resultat.takst_efter
    ya.takst_kilde = TakstKilde.INDTASTET
    ya.kilde_tekst = f"Ændring i året pr. {dansk_dato(resultat.ikrafttraedelse)} (ændring nr. {aendring.pk})"
    ya.save()
    return f"Registerets takst for {ydelse.navn} i {resultat.aar} er sat til den nye takst."
