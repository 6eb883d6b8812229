"""The category in the house: its section on the offer's page (no menu item of its own)."""

from __future__ import annotations

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.omraader import Tilbudsafsnit
from socialstyring.web.kategori import adgang as _regler  # noqa: F401  (declares the permissions)
from socialstyring.web.kategori.selectors import tilbudsafsnit


def registrer() -> None:
    omraader.tilbudsafsnit(Tilbudsafsnit("kategori", 90, "kategori/_tilbudsafsnit.html", tilbudsafsnit))
