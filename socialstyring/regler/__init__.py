"""The rulebook: parameters per framework agreement (region) and year, with sources.

Data lives in `data/<lag>/*.yaml`; see `model.py` for the format and `bog.py` for the
lookup and its precedence (the agreement's own value before the national one).
"""

from socialstyring.regler.bog import (
    Opslag,
    Regelbog,
    RegelbogFejl,
    Regelfejl,
    regelbog,
)
from socialstyring.regler.model import LAG, REGIONER, Enhed, Kilde, Varsel

__all__ = [
    "LAG",
    "REGIONER",
    "Enhed",
    "Kilde",
    "Opslag",
    "Regelbog",
    "RegelbogFejl",
    "Regelfejl",
    "Varsel",
    "regelbog",
]
