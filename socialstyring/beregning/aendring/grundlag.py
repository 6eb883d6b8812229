"""An in-year change as the operator files it (the engine's input), and the error raised
when the agreement's rulebook has no rule for it."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from socialstyring.beregning.kerne.model import Inddata, Tal
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.typer import (
    Aendringstype,
    Betalingskommune,
    Kategori,
    Kommuneref,
    Pladstype,
)
from socialstyring.regler import REGIONER


class AendringFejl(ValueError):
    """The change cannot be assessed: the region's rulebook lacks a rule for it."""


class Aendringsgrundlag(Inddata):
    """An in-year change as the operator files it, with the register's figures."""

    region: str
    tilbud: str = Field(min_length=1)
    driftsherre: str = ""
    ydelse: str | None = None
    pladstype: Pladstype = Pladstype.DOEGN
    type: Aendringstype
    kategori: Kategori | None = Field(default=None, description="tilbuddets kategori i registeret")
    begrundelse: str
    beslutningsdato: date
    oensket_ikrafttraedelse: date
    gammel_takst: Tal | None = Field(default=None, gt=0)
    ny_takst: Tal | None = Field(default=None, ge=0)
    gamle_pladser: Tal | None = Field(default=None, ge=0)
    nye_pladser: Tal | None = Field(default=None, ge=0)
    betalingskommuner: tuple[Betalingskommune, ...] = ()
    aarspladser_aar: int | None = Field(
        default=None, ge=2007, le=2100, description="året, årspladserne er fra (standard: konsekvensåret)"
    )
    aftalens_kommuner: tuple[Kommuneref, ...] = ()

    @model_validator(mode="after")
    def _tjek(self) -> Aendringsgrundlag:
        if self.region not in REGIONER:
            raise ValueError(f"ukendt rammeaftale '{self.region}'; kendte er {', '.join(REGIONER)}")
        if not self.begrundelse.strip():
            raise ValueError("en ændring skal begrundes (begrundelse mangler)")
        uden = [b.navn for b in self.betalingskommuner if b.aarspladser is None]
        if uden:
            raise ValueError(f"betalingskommuner: årspladser mangler for {', '.join(uden)}")
        koder = [b.kode for b in self.betalingskommuner]
        dobbelte = sorted({k for k in koder if koder.count(k) > 1})
        if dobbelte:
            raise ValueError(f"betalingskommuner: kommune {', '.join(dobbelte)} står mere end én gang")
        t, g, n = self.type, self.gammel_takst, self.ny_takst
        if t.er_takstaendring:
            if g is None or n is None:
                raise ValueError(f"{t.label.lower()} kræver både gammel og ny takst")
            if t is Aendringstype.TAKSTFORHOEJELSE and not n > g:
                raise ValueError(f"en takstforhøjelse skal hæve taksten (ny {n} ≤ gammel {g})")
            if t is Aendringstype.TAKSTNEDSAETTELSE and not n < g:
                raise ValueError(f"en takstnedsættelse skal sænke taksten (ny {n} ≥ gammel {g})")
            if t is Aendringstype.TEKNISK_FEJL and n == g:
                raise ValueError("en rettelse af en teknisk fejl skal ændre taksten (ny = gammel)")
        if t.er_pladsaendring:
            gp, np_ = self.gamle_pladser, self.nye_pladser
            if gp is None or np_ is None:
                raise ValueError(f"{t.label.lower()} kræver både gamle og nye pladser")
            if t is Aendringstype.FLERE_PLADSER and not np_ > gp:
                raise ValueError(f"flere pladser: nye pladser ({np_}) skal være flere end gamle ({gp})")
            if t is Aendringstype.FAERRE_PLADSER and not np_ < gp:
                raise ValueError(f"færre pladser: nye pladser ({np_}) skal være færre end gamle ({gp})")
            if n is not None and g is None:
                raise ValueError("angiv også den gamle takst, når den nye takst er angivet")
        if t is Aendringstype.LUKNING:
            if n is not None:
                raise ValueError("en lukning har ingen ny takst")
            if self.nye_pladser not in (None, NUL):
                raise ValueError("en lukning efterlader ingen pladser (nye pladser skal være tomme eller 0)")
        return self


def er_lukning(g: Aendringsgrundlag) -> bool:
    return g.type is Aendringstype.LUKNING
