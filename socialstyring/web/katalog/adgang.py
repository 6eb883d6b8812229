"""Who may read and publish the catalogue (`rules` permissions on a `Rammeaftale`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import er_sekretariat, i_aftalen

LAESE = "katalog.laese"
"""Read the agreement's published catalogue: every role of the agreement."""
OFFENTLIGGOERE = "katalog.offentliggoere"
"""Publish a new version: the agreement's secretariat."""

saet_regel(LAESE, i_aftalen)
saet_regel(OFFENTLIGGOERE, er_sekretariat)
