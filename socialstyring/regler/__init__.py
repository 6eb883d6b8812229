"""The rulebook: parameters per framework agreement (region) and year, with sources.

Data lives in `data/<lag>/*.yaml`; see `model.py` for the format and `bog.py` for the
lookup and its precedence (the agreement's own value before the national one). Values
entered in the app are layered over the shipped ones by `Regelbog.med_tillaeg`
(`tillaeg.py`), and a layer is written back as rule files by `Regelbog.eksporter`
(`eksport.py`).
"""

from socialstyring.regler.bog import (
    Opslag,
    Regelbog,
    RegelbogFejl,
    Regelfejl,
    regelbog,
)
from socialstyring.regler.model import LAG, REGIONER, Enhed, Kilde, Varsel
from socialstyring.regler.tillaeg import Tillaeg, Tillaegsfejl

__all__ = [
    "LAG",
    "REGIONER",
    "Enhed",
    "Kilde",
    "Opslag",
    "Regelbog",
    "RegelbogFejl",
    "Regelfejl",
    "Tillaeg",
    "Tillaegsfejl",
    "Varsel",
    "regelbog",
]
