"""Who may set an offer's category by hand (`rules` permission on an operator, `Driftsherre`):
those who may edit the offer — the operator's staff and the agreement's secretariat. Who sees
a year's category is the register's year rule (`register.adgang.Aarsadgang`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere

TILSIDESAETTE = "kategori.tilsidesaette"
"""Set or remove a year's manual category."""

saet_regel(TILSIDESAETTE, kan_redigere)
