"""Database → the engine's input for an objectively financed national offer's year, and the
pages' data: the years' results beside the printed figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socialstyring.beregning.landsdaekkende import (
    Finansieringsaar,
    Finansieringsresultat,
    beregn_landsdaekkende,
)
from socialstyring.web.befolkning.selectors import indbyggere
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.landsdaekkende.forms import DRIFT
from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Kommune

ALDERSGRUPPER = ("0-17", "18-64", "65+")
"""The population register's age bands (befolkning's `Aldersgruppe`); together the whole population."""

REGIONSNAVNE = {
    "midtjylland": "Region Midtjylland",
    "syddanmark": "Region Syddanmark",
    "nordjylland": "Region Nordjylland",
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
}


def aarene(tilbud: LandsdaekkendeTilbud) -> list[LandsdaekkendeAar]:
    return list(tilbud.aarene.order_by("aar"))


def kommunernes_indbyggere(tilbud: LandsdaekkendeTilbud, aar: int) -> dict[str, int]:
    """The agreement's municipalities' whole population in `aar` (the three FOLK1A age bands
    added), for those with all three counts."""
    kommuner = list(Kommune.objects.filter(rammeaftale=tilbud.rammeaftale).order_by("navn"))
    baand = [indbyggere(kommuner, aar, g) for g in ALDERSGRUPPER]
    return {k.navn: sum(b[k.navn] for b in baand) for k in kommuner if all(k.navn in b for b in baand)}


def grundlag(post: LandsdaekkendeAar) -> Finansieringsaar:
    tilbud = post.tilbud
    drift = None
    if all(getattr(post, f) is not None for f in DRIFT):
        drift = {f: getattr(post, f) for f in DRIFT}
    return Finansieringsaar.model_validate(
        {
            "tilbud": tilbud.navn,
            "region": tilbud.rammeaftale.kode,
            "aar": post.aar,
            "drift": drift,
            "landsplan_i_alt": None if drift else post.landsplan_i_alt,
            "kr_pr_indbygger": None if drift or post.landsplan_i_alt is not None else post.kr_pr_indbygger,
            "indbyggere_landet": post.indbyggere_landet,
            "regionsnavn": REGIONSNAVNE.get(tilbud.rammeaftale.kode, tilbud.rammeaftale.navn),
            "indbyggere_regionen": post.indbyggere_regionen,
            "kommuner": kommunernes_indbyggere(tilbud, post.aar),
            "trykt": {
                "kr_pr_indbygger": post.trykt_kr_pr_indbygger,
                "region_i_alt": post.trykt_region_i_alt,
                "landsplan_i_alt": post.trykt_landsplan_i_alt,
            },
        }
    )


def beregn(post: LandsdaekkendeAar) -> Finansieringsresultat:
    return beregn_landsdaekkende(grundlag(post), gaeldende_regelbog())


@dataclass(frozen=True)
class Aarsraekke:
    """A year of the table: its figures (or why it cannot be calculated) and the printed ones."""

    post: LandsdaekkendeAar
    r: Finansieringsresultat | None
    fejl: str

    @property
    def trykt(self) -> dict[str, Decimal | None]:
        return {
            "kr_pr_indbygger": self.post.trykt_kr_pr_indbygger,
            "region_i_alt": self.post.trykt_region_i_alt,
            "landsplan_i_alt": self.post.trykt_landsplan_i_alt,
        }


def tabel(tilbud: LandsdaekkendeTilbud) -> list[Aarsraekke]:
    ud = []
    for post in aarene(tilbud):
        try:
            ud.append(Aarsraekke(post, beregn(post), ""))
        except MOTORFEJL as fejl:
            ud.append(Aarsraekke(post, None, motorfejl(fejl)))
    return ud
